# 知恵ラボ：話し合いに参加する

participate-breadcrumb-home = トップ
participate-kicker = 知恵ラボ
participate-list-title = 知恵ラボの話し合い
participate-list-lead = 地域のこれからについて、みなさんの意見を集めています。ほかの人の意見に「賛成」「反対」で答えたり、自分の意見を書いたりできます。
participate-list-empty = いま参加できる話し合いはありません。
participate-list-counts = 参加者 { $participants }人・意見 { $statements }件

participate-state-draft = 準備中
participate-state-open = 受付中
participate-state-closed = 終了
participate-state-archived = 公開終了

participate-taking-part-heading = 話し合いに参加する
participate-facts-heading = 事実・データ
participate-fact-source = 出典：
participate-fact-as-of = （{ $date }時点）

## 参加
participate-join-heading = 参加する
participate-join-anonymous = 匿名で参加できます。お名前やメールアドレスは必要ありません。
participate-join-signed-in = この話し合いには、ログインして参加します。
participate-join-code = 主催者からお知らせした招待コードを入力してください。
participate-sign-in-to-join = ログインして参加する
participate-code-hint = 全角・半角、大文字・小文字は区別しません。
participate-attributes-purpose = 以下の質問への回答は、意見の傾向をまとめるためだけに使います。答えたくない質問は「答えない」を選んでください。
participate-attribute-hint = 答えたくない場合は「答えない」を選べます。
participate-join-button = 参加する
participate-joined = 参加しました。意見に答えてみましょう。
participate-field-code = 招待コード
participate-field-age-band = 年代
participate-field-district = お住まいの地区
participate-field-relationship = この町との関わり
participate-field-text = あなたの意見

participate-age-under-20 = 20歳未満
participate-age-20s = 20代
participate-age-30s = 30代
participate-age-40s = 40代
participate-age-50s = 50代
participate-age-60s = 60代
participate-age-70-plus = 70代以上
participate-age-no-answer = 答えない
participate-relationship-resident = 住んでいる
participate-relationship-commuter = 通勤・通学している
participate-relationship-regular-visitor = よく訪れる・応援している（関係人口）
participate-relationship-international = 海外から参加している
participate-relationship-other = その他
participate-relationship-no-answer = 答えない

## 回答
participate-progress = { $total }件中 { $answered }件に回答
participate-current-statement = 次の意見
participate-meta = 話し合いについての意見
participate-vote-prompt = この意見について、あなたはどう思いますか？
participate-vote-group = この意見への回答
participate-vote-agree = 賛成
participate-vote-disagree = 反対
participate-vote-pass = パス・わからない
participate-vote-current-suffix = （いまの回答）
participate-statement-details = この意見の詳細・通報
participate-no-statements = まだ意見がありません。最初の意見を書いてみませんか。
participate-all-answered = すべての意見に回答しました。ご協力ありがとうございます。
participate-write-invitation = あなたの意見を書く
participate-history-heading = 回答済みの意見（{ $count }件）
participate-history-hint = 意見を選ぶと、回答を変えられます。
participate-pending = 確認待ち
participate-announce-voted = 「{ $choice }」と回答しました。
participate-announce-next = 次の意見を表示しています。

## 意見を書く
participate-write-heading = 意見を書く
participate-write-moderation-pre = 投稿した意見は、ファシリテーターが確認してから公開されます。
participate-write-moderation-post = 投稿した意見はすぐに公開されます。
participate-write-own-vote = 自分の意見には「賛成」と回答したものとして記録します。
participate-write-limit = ひとつの意見にひとつの考えを書いてください。日本語なら{ $ja }文字、英語なら{ $en }文字までです（全角文字は半角文字2文字分と数えます）。
participate-counter-template = あと全角%remainingJa%文字（半角なら%remaining%文字）書けます
participate-counter-over-template = 全角%overJa%文字（半角なら%over%文字）多すぎます
participate-write-button = 投稿する
participate-posted-review = 意見を受け付けました。ファシリテーターが確認したあとに公開されます。
participate-posted-published = 意見を投稿しました。ほかの参加者にも表示されます。
participate-similar-heading = 似た意見がすでにあります
participate-similar-lead = 同じ内容でしたら、新しく書く代わりに、その意見に回答してください。
participate-similar-vote-instead = この意見に回答する
participate-similar-confirm = 似た意見を確認しました。それでも投稿する

## 意見の詳細
participate-statement-title = 意見の詳細
participate-your-vote = あなたの回答：{ $choice }
participate-not-voted = まだ回答していません。
participate-change-vote = 回答を変える
participate-vote-now = 回答する
participate-flag-hint = 個人への攻撃や差別的な表現など、ふさわしくない意見はファシリテーターに知らせてください。
participate-flag-button = ふさわしくない意見として報告する
participate-flagged = この意見をファシリテーターに報告しました。ご協力ありがとうございます。
participate-back-to-conversation = 話し合いに戻る

## エラー
participate-error-not-open = この話し合いは受付を終了しています。回答や意見の投稿はできません。
participate-error-not-joined = 回答するには、先に話し合いに参加してください。
participate-error-banned = ファシリテーターの判断により、この話し合いには参加できなくなっています。
participate-error-choice = 「賛成」「反対」「パス」のどれかを選んでください。
participate-error-statement = 回答する意見が見つかりません。
participate-error-code-missing = 招待コードを入力してください。
participate-error-code-wrong = 招待コードが違います。お知らせしたコードをもう一度ご確認ください。
participate-error-attribute-missing = どれかひとつを選んでください（「答えない」も選べます）。
