# sosei-core の入力チェック（プログラム・プロフィール・応募）のエラー文。
# 画面側で独自の文言を使う場合も、ここにある文言が既定になります。
error-beds = ベッド数は1以上の整数で入力してください。
error-country-code = 国・地域を一覧から選んでください。
error-date-range = 終了日が開始日より前になっています。
error-language-code = 言語を一覧から選んでください。
error-language-level = レベルはA1〜C2、N5〜N1、または「母語」から選んでください。
error-language-level-jlpt = 日本語能力試験のレベル（N5〜N1）は日本語にだけ使えます。
error-match-weight-range = 重みは0〜100の数で入力してください。
error-match-weights-zero = 重みのうち少なくとも一つは0より大きくしてください。
error-need-count = 人数は1以上の整数で入力してください。
error-preference-rank = 志望順位は1以上の整数で入力してください。
error-review-score = 評価は1〜5の整数で入力してください。
error-seats = 定員は1以上の整数で入力してください。
error-skill-slug = スキルの略称は英小文字・数字・ハイフンで2〜40文字にしてください。
error-team-name-missing = チーム名を入力してください。
error-team-need-too-large = 求める人数がチームの最大人数を超えています。
error-team-size-reversed = 最小人数が最大人数を上回っています。
error-web-link = リンクは http:// または https:// で始まる、空白のないアドレスにしてください。
