# プログラムのコーディネーター向けページ（プログラム、チーム、応募の選考、ホストファミリー、受け入れ、プログラム後）

## 見出しとナビゲーション
coordinate-programmes-title = プログラムの運営
coordinate-nav-label = プログラム運営メニュー
coordinate-nav-overview = 概要と設定
coordinate-nav-teams = チーム
coordinate-nav-applications = 応募者
coordinate-nav-placements = ホームステイ先
coordinate-nav-after = プログラムの後
coordinate-nav-hosts = ホストファミリー
coordinate-teams-title = チーム
coordinate-applications-title = 応募者
coordinate-placements-title = ホームステイ先の割り当て
coordinate-after-title = プログラムの後
coordinate-hosts-title = ホストファミリー

## 完了のお知らせ
coordinate-done-created = プログラムを下書きとして作成しました。内容を整えてから募集を始めてください。
coordinate-done-saved = 保存しました。
coordinate-done-status = プログラムの状態を変更しました。
coordinate-done-team-added = チームを追加しました。
coordinate-done-team-saved = チームを保存しました。
coordinate-done-team-removed = チームを削除しました。
coordinate-done-reviewed = 選考メモと評価を保存しました。
coordinate-done-application-status = 応募の状態を変更しました。応募者へのお知らせを送信箱に入れました。
coordinate-done-host-added = ホストファミリーを登録しました。
coordinate-done-host-saved = ホストファミリーの情報を保存しました。
coordinate-done-placed = ホームステイ先を割り当てました。
coordinate-done-placement-removed = ホームステイ先の割り当てを取り消しました。
coordinate-done-deliverable-added = 成果物を追加しました。
coordinate-done-deliverable-removed = 成果物を削除しました。
coordinate-done-reference-added = 推薦・評価のことばを追加しました。

## うまくいかなかったとき
coordinate-problem-status-race = ほかの方が先にプログラムの状態を変更していました。現在の状態を確認してから、もう一度操作してください。
coordinate-problem-application-race = ほかの方（または応募者本人）が先にこの応募の状態を変更していました。現在の状態を確認してから、もう一度操作してください。
coordinate-problem-no-free-bed = 空きベッドがありません。この期間のどこかで、このホストファミリーのベッドはすべて埋まっています。別のホストファミリーを選ぶか、期間を変えてください。
coordinate-problem-host-unavailable = このホストファミリーは、その期間には受け入れができません（受け入れ可能な期間の外です）。

## プログラムの一覧と作成
coordinate-no-programmes = まだプログラムがありません。下のフォームから作成できます。
coordinate-column-programme = プログラム
coordinate-column-dates = 日程
coordinate-column-region = 地域
coordinate-column-status = 状態
coordinate-column-applications = 応募
coordinate-no-applications = まだ応募はありません
coordinate-new-programme = 新しいプログラム
coordinate-new-programme-lead = はじめは下書きとして保存され、募集を始めるまで公開されません。
coordinate-create-programme = 下書きとして作成する
coordinate-field-title = タイトル
coordinate-field-title-ja = タイトル（日本語）
coordinate-field-title-en = タイトル（英語）
coordinate-field-summary = 概要
coordinate-field-summary-ja = 概要（日本語）
coordinate-field-summary-en = 概要（英語）
coordinate-field-region = 地域
coordinate-field-starts-on = 開始日
coordinate-field-ends-on = 終了日
coordinate-hint-one-language = 日本語か英語のどちらか一方だけでもかまいません。
coordinate-hint-region = 地方公共団体コード（例：032085）か市町村名（例：遠野市）

## プログラムの状態
coordinate-status-action-draft = 下書きに戻す
coordinate-status-action-open = 募集を始める
coordinate-status-action-closed = 募集を締め切る
coordinate-status-action-running = 実施を始める
coordinate-status-action-completed = 終了にする
coordinate-status-explain-draft = 募集を始めると、プログラムが公開され、応募を受け付けます。
coordinate-status-explain-open = 締め切ると新しい応募は受け付けません。選考とチーム編成に進みます。
coordinate-status-explain-closed = 募集を再開することも、実施を始めることもできます。
coordinate-status-explain-running = 実施が終わったら「終了にする」を押して、成果物や感想を集めましょう。
coordinate-status-final = このプログラムは終了しています。これ以上状態は変わりません。
coordinate-status-heading = 状態
coordinate-status-now = 現在の状態：
coordinate-error-status-unknown = その状態はありません
coordinate-error-status-transition = 今の状態からは、その状態に変更できません

## マッチング（準備中）
coordinate-matching-heading = チームのマッチング
coordinate-matching-intro = 応募者の希望・スキル・国籍の多様性をもとに、チーム編成の案を作ります。結果を見ながら人を固定したり移したりして、作り直せます。
coordinate-matching-open = マッチングを開く

## 基本情報と詳細
coordinate-basics-heading = 基本情報
coordinate-details-heading = ソーシャル・コントラクトの詳細
coordinate-details-lead = 参加者に伝える内容です：
coordinate-field-theme = テーマ
coordinate-field-theme-ja = テーマ（日本語）
coordinate-field-theme-en = テーマ（英語）
coordinate-field-description = 説明
coordinate-field-description-ja = 説明（日本語）
coordinate-field-description-en = 説明（英語）
coordinate-field-window = 募集期間
coordinate-field-window-opens = 募集開始日
coordinate-field-window-closes = 募集締切日
coordinate-hint-window = 両方とも入力するか、両方とも空欄にしてください。空欄なら、募集中のあいだはいつでも応募できます。
coordinate-field-seats = 定員
coordinate-hint-seats = 参加者の人数（1〜1000）。決まっていなければ空欄。
coordinate-field-receive-accommodation = 参加者が受け取るもの：宿泊
coordinate-field-receive-accommodation-ja = 宿泊（日本語）
coordinate-field-receive-accommodation-en = 宿泊（英語）
coordinate-field-receive-meals = 参加者が受け取るもの：食事
coordinate-field-receive-meals-ja = 食事（日本語）
coordinate-field-receive-meals-en = 食事（英語）
coordinate-field-receive-other = 参加者が受け取るもの：その他
coordinate-field-receive-other-ja = その他（日本語）
coordinate-field-receive-other-en = その他（英語）
coordinate-field-japanese-rule = 日本語を話せる人のルール
coordinate-japanese-rule-explain = 各チームに、日本語を話せる人を必ず入れる
coordinate-field-japanese-level = 日本語の最低レベル
coordinate-field-japanese-count = 各チームの最低人数
coordinate-field-planned = 予定している成果物
coordinate-hint-planned = 種類を選び、内容を日本語か英語で書いてください。空の行は無視されます。
coordinate-planned-kind = 成果物{ $row }の種類
coordinate-planned-ja = 成果物{ $row }の内容（日本語）
coordinate-planned-en = 成果物{ $row }の内容（英語）
coordinate-choose = 選んでください

## チーム
coordinate-no-teams = まだチームがありません。
coordinate-download-teams-csv = チーム編成をCSVでダウンロード
coordinate-team-size = { $min }〜{ $max }人
coordinate-team-cap = 同じ国籍は{ $count }人まで
coordinate-team-no-needs = 必要な条件はありません。
coordinate-team-members = メンバー
coordinate-team-no-members = まだ誰も割り当てられていません。
coordinate-team-locked = 固定
coordinate-team-edit = チームを編集
coordinate-team-remove = チームを削除
coordinate-new-team = チームを追加
coordinate-add-team = チームを追加する
coordinate-field-name-ja = 名前（日本語）
coordinate-field-name-en = 名前（英語）
coordinate-field-min-size = 最少人数
coordinate-field-max-size = 最多人数
coordinate-field-max-per-nationality = 同じ国籍の上限人数
coordinate-hint-max-per-nationality = 多様なチームにするため、同じ国籍の人は何人までにするか。空欄なら上限なし。
coordinate-field-needs = チームに必要な条件
coordinate-hint-needs = 「グラフィックデザインができる人が2人以上」「タイ語をB1以上で話せる人が1人以上」のように指定します。種類が空の行は無視されます。
coordinate-need-row = 条件{ $row }
coordinate-need-kind = 条件{ $row }の種類
coordinate-need-kind-none = （なし）
coordinate-need-kind-skill = スキル
coordinate-need-kind-language = 言語
coordinate-need-skill-label = 条件{ $row }のスキル
coordinate-need-language-label = 条件{ $row }の言語
coordinate-need-level-label = 条件{ $row }の最低レベル
coordinate-need-count-label = 条件{ $row }の最低人数

## 応募者
coordinate-download-applications-csv = 応募者一覧をCSVでダウンロード
coordinate-column-name = 名前
coordinate-column-nationalities = 国籍
coordinate-column-languages = 言語
coordinate-column-skills = スキル
coordinate-column-rank = 志望順位
coordinate-column-score = 評価
coordinate-column-actions = 操作
coordinate-column-submitted = 応募日
coordinate-rank = 第{ $rank }希望
coordinate-application-submitted = 応募済み
coordinate-application-shortlisted = 選考中
coordinate-application-offered = 参加を打診中
coordinate-application-accepted = 参加決定
coordinate-application-declined = 辞退
coordinate-application-completed = 参加完了
coordinate-application-no-show = 不参加
coordinate-application-withdrawn = 取り下げ
coordinate-application-action-submitted = 選考中を取り消す
coordinate-application-action-shortlisted = 選考に進める
coordinate-application-action-offered = 参加を打診する
coordinate-application-action-accepted = 参加決定にする
coordinate-application-action-declined = 辞退にする
coordinate-application-action-completed = 参加完了にする
coordinate-application-action-no-show = 不参加にする
coordinate-application-action-withdrawn = 取り下げにする
coordinate-error-application-transition = コーディネーターは、この応募をその状態に変更できません
coordinate-motivation = 応募の動機
coordinate-profile = プロフィール
coordinate-profile-none = この応募者はまだプロフィールを作成していません。
coordinate-profile-hidden = このプロフィールを見る権限がありません。
coordinate-profile-affiliation = 所属
coordinate-profile-availability = 参加できる期間
coordinate-profile-diet = 食事の制限
coordinate-profile-diet-notes = 食事についてのメモ
coordinate-profile-accessibility = 配慮してほしいこと
coordinate-profile-bio = 自己紹介
coordinate-review = 選考メモと評価
coordinate-review-private = コーディネーターだけが見られます。応募者には表示されません。
coordinate-field-score = 評価（1〜5）
coordinate-field-notes = 選考メモ
coordinate-score-1 = 1（弱い）
coordinate-score-2 = 2
coordinate-score-3 = 3（ふつう）
coordinate-score-4 = 4
coordinate-score-5 = 5（とても良い）
coordinate-history = 応募の経過

## CSV
coordinate-csv-application = 応募番号
coordinate-csv-team = チーム
coordinate-csv-locked = 固定
coordinate-csv-source = 割り当て元

## ホストファミリー
coordinate-hosts-private = 連絡先はコーディネーターだけが見られます。
coordinate-no-hosts = まだホストファミリーが登録されていません。
coordinate-new-host = ホストファミリーを登録
coordinate-add-host = 登録する
coordinate-field-name = 名前
coordinate-field-contact = 連絡先
coordinate-hint-contact = 電話番号、メール、住所のメモなど
coordinate-field-beds = ベッド数
coordinate-field-available = 受け入れ可能な期間
coordinate-hint-available = 1行に1期間。開始日と終了日を空白か「〜」で区切って書きます（例：2017-09-01 2017-09-15）。
coordinate-field-languages = 話せる言語
coordinate-hint-languages = 言語コードをカンマで区切って書きます（例：ja, en, th）。
coordinate-field-diet = 対応できる食事

## ホームステイ先の割り当て
coordinate-no-placeable = 参加が決まった人はまだいません。
coordinate-placed-with = 滞在先：
coordinate-placement-remove = 取り消す
coordinate-place-host = ホストファミリー
coordinate-place-starts = 滞在の開始日
coordinate-place-ends = 滞在の終了日
coordinate-hint-stay = 空欄ならプログラムの日程になります。
coordinate-place = 割り当てる
coordinate-beds-count = ベッド{ $count }台
coordinate-misfit-diet = 食事に対応できません：{ $diets }
coordinate-misfit-language = 共通の言語がありません
coordinate-error-not-placeable = 参加が決まった人だけを割り当てられます

## プログラムの後
coordinate-deliverables = 成果物
coordinate-no-deliverables = まだ成果物はありません。
coordinate-add-deliverable = 成果物を追加
coordinate-field-kind = 種類
coordinate-field-language = 言語
coordinate-field-link = リンク
coordinate-hint-link = https:// で始まるアドレス
coordinate-field-file = ファイル
coordinate-hint-file = PDF・画像・動画・文書など20MBまで。リンクかファイルのどちらか一つを指定します（どちらもなければ、印刷物など記録のみの成果物として登録されます）
coordinate-error-link-or-file = リンクとファイルの両方は指定できません。どちらか一つにしてください
coordinate-remove = 削除
coordinate-references = 推薦・評価のことば
coordinate-no-references = まだありません。
coordinate-references-need-both = ホストファミリーと参加者がそろうと追加できます。
coordinate-reference-host-about-participant = { $host }から{ $participant }さんへ
coordinate-reference-participant-about-host = { $participant }さんから{ $host }へ
coordinate-direction-host-about-participant = ホストファミリーから参加者へ
coordinate-direction-participant-about-host = 参加者からホストファミリーへ
coordinate-field-direction = 向き
coordinate-field-host = ホストファミリー
coordinate-field-participant = 参加者
coordinate-field-text = 内容
coordinate-add-reference = 追加する
coordinate-testimonials = 参加者の感想
coordinate-testimonials-consent = 公開に同意した感想だけが、プログラムの公開ページに載ります。
coordinate-no-testimonials = まだ感想は届いていません。
coordinate-testimonial-published = 公開に同意
coordinate-testimonial-private = 非公開

## 入力の誤り
coordinate-error-invalid = 入力内容を確認してください
coordinate-error-choice = 一覧から選んでください
coordinate-error-title-required = 日本語か英語のどちらかでタイトルを入力してください
coordinate-error-date = 日付は 2017-09-06 の形で入力してください
coordinate-error-date-required = 日付を入力してください
coordinate-error-window-both = 募集開始日と締切日を両方入力してください
coordinate-error-window-line = { $line }行目：開始日と終了日を 2017-09-01 2017-09-15 のように書いてください
coordinate-error-region-required = 地域を入力してください
coordinate-error-region-unknown = その地域が見つかりません
coordinate-error-region-ambiguous = 同じ名前の地域がいくつかあります。地方公共団体コードで入力してください
coordinate-error-need-row = 条件{ $row }：{ $problem }
coordinate-error-need-kind = 種類を選んでください
coordinate-error-planned-row = 成果物{ $row }：{ $problem }
coordinate-error-planned-kind = 種類を選んでください
coordinate-error-planned-text = 内容は300文字以内にしてください
