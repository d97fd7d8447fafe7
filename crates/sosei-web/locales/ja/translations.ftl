# 知恵ラボ：意見の翻訳（もう一方の言語で読めるように）

## 誰が訳したか
translation-by-author = 投稿者による翻訳
translation-by-facilitator = ファシリテーターによる翻訳
translation-by-volunteer = バイリンガルのボランティアによる翻訳
translation-by-machine = 機械翻訳（{ $provider }）

## 読む人に
translation-show-original = 原文を表示（{ $language ->
    [ja] 日本語
   *[en] 英語
})
translation-none-yet = この意見はまだ{ $language ->
    [ja] 日本語
   *[en] 英語
}に翻訳されていません。

## 投稿するとき
participate-field-translation = もう一方の言語での同じ意見（任意）
translation-author-hint = 日本語で書いた場合は英語で、英語で書いた場合は日本語で書いてください。「投稿者による翻訳」として、もう一方の言語で読む人に表示されます。

## エラー
translation-error-empty = 翻訳を入力してください。
translation-error-too-long = 翻訳が長すぎます。日本語なら280字、英語なら560字までです。
translation-error-not-japanese = 日本語の翻訳には、ひらがな・カタカナ・漢字を使ってください。
translation-error-not-english = 英語の翻訳には、英字を使ってください。
translation-error-machine = 機械翻訳を取得できませんでした。しばらくしてからもう一度試すか、翻訳を入力してください。

## ファシリテーター
translation-section-heading = 翻訳
translation-missing-count = （未翻訳 { $count }件）
translation-section-lead = 意見をもう一方の言語に訳すと、その言語で参加する人にも読めるようになります。翻訳は意見に付くもので、投票は言語にかかわらず同じ意見に数えられます。
translation-filter-label = 表示する意見
translation-filter-all = すべて
translation-filter-missing = 未翻訳のみ
translation-none-missing = 未翻訳の意見はありません。
translation-missing-tag = 未翻訳
translation-add = 翻訳を追加
translation-edit = 翻訳を編集
translation-text-label = { $language ->
    [ja] 日本語訳
   *[en] 英語訳
}
translation-translator-legend = 誰が訳しましたか
translation-choice-facilitator = わたし（ファシリテーター）
translation-choice-volunteer = バイリンガルのボランティア
translation-choice-author = 投稿者本人
translation-save = 翻訳を保存
translation-remove = 翻訳を削除
translation-machine-button = 機械翻訳を取得（{ $provider }）
translation-dashboard-missing = 未翻訳の意見
facilitate-done-translation-saved = 翻訳を保存しました。
facilitate-done-translation-removed = 翻訳を削除しました。
facilitate-action-save-translation = 翻訳を保存
facilitate-action-remove-translation = 翻訳を削除
