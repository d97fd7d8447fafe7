# sosei-core の入力チェック（プログラム・プロフィール・応募）のエラー文。
# 画面側で独自の文言を使う場合も、ここにある文言が既定になります。
error-beds = ベッド数は1〜20の整数で入力してください
error-country-code = 国・地域を一覧から選んでください
error-date-range = 終了日が開始日より前になっています
error-language-code = 言語を一覧から選ぶか、ja や en のような言語コードで入力してください
error-language-level = レベルを一覧から選んでください
error-language-level-jlpt = JLPTのレベル（N1〜N5）は日本語にだけ使えます
error-match-weight-range = 重みは0〜100の数で入力してください
error-match-weights-zero = 重みのうち少なくとも一つは0より大きくしてください
error-need-count = 人数は1〜50の整数で入力してください
error-preference-rank = 志望順位は1以上の整数で入力してください
error-review-score = 評価は1〜5から選んでください
error-seats = 定員は1〜1000の整数で入力してください
error-skill-slug = 一覧からスキルを選んでください
error-team-name-missing = 日本語か英語のどちらかでチームの名前を入力してください
error-team-need-too-large = チームの最多人数より多くの人を求める条件があります
error-team-size-reversed = 最多人数が最少人数より少なくなっています
error-web-link = リンクは http:// か https:// で始まり、空白を含まないアドレスにしてください
error-file-name = ファイル名が読み取れません。名前を付けてから選び直してください
error-file-empty = ファイルが空です。中身のあるファイルを選んでください
error-file-too-large = ファイルが大きすぎます。20MBまでのファイルを選んでください
error-file-type = この種類のファイルは登録できません。PDF・画像（PNG・JPEG・WebP）・MP4動画・Word/Excel/PowerPoint・OpenDocument・テキスト（.txt・.md・.csv）を選んでください
