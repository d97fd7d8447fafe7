# プログラム（ソーシャル・コントラクト）：一覧・詳細・応募・プロフィール

programmes-nav = プログラム
programmes-breadcrumb-home = トップ
programmes-list-title = プログラム
programmes-list-lead = 地域に滞在して、言葉や技能を生かしながら町の人といっしょに取り組むプログラムです。受け入れ先の家庭に泊まり、食事が用意されるものもあります。
programmes-list-empty = いま公開しているプログラムはありません。
programmes-calendar-all = すべてのプログラムをカレンダーに追加（iCalendar）
programmes-calendar-one = カレンダーに追加
programmes-application-window = 応募受付：{ $dates }

programmes-status-draft = 準備中
programmes-status-open = 応募受付中
programmes-status-closed = 応募締め切り（選考中）
programmes-status-running = 実施中
programmes-status-completed = 終了

programmes-dates = 日程
programmes-region = 地域
programmes-organisation = 主催
programmes-applications = 応募
programmes-seats = 定員
programmes-seats-count = { $count }人
programmes-apply-button = このプログラムに応募する
programmes-window-closed = いまは応募を受け付けていません。
programmes-about = プログラムについて
programmes-teams = チームと求める人
programmes-team-needs = このチームで求める人
programmes-team-size = { $min }〜{ $max }人
programmes-team-size-exact = { $count }人
programmes-team-nationality-cap = 同じ国籍の人は{ $count }人まで
programmes-need-skill = { $skill }ができる人 { $count }名以上
programmes-need-language = { $language }が話せる人（{ $level }以上）{ $count }名以上
programmes-need-language-native = { $language }を母語とする人 { $count }名以上
programmes-japanese-rule = どのチームにも、日本語が話せる人（{ $level }以上）が{ $count }名以上入ります。
programmes-level-native = ネイティブ
programmes-receive = 参加者が受け取るもの
programmes-receive-accommodation = 宿泊
programmes-receive-meals = 食事
programmes-receive-other = そのほか
programmes-planned = 予定している成果物
programmes-after = プログラムを終えて
programmes-deliverables = 成果物
programmes-testimonials = 参加者の声
programmes-references = 紹介文

programmes-deliverable-leaflet = リーフレット
programmes-deliverable-report = 報告書
programmes-deliverable-video = 動画
programmes-deliverable-review = レビュー
programmes-deliverable-translation = 翻訳
programmes-reference-host-about-participant = 受け入れ家庭から参加者へ
programmes-reference-participant-about-host = 参加者から受け入れ家庭へ
