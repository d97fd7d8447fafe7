# 知恵ラボ：政策起案のための報告書（HTML・Markdown・CSV・JSON）

## 見出しと日付
report-title = 報告書：{ $title }
report-kicker = 知恵ラボ　政策起案のための報告書
report-question = 問い：
report-opened = 公開日時
report-closed = 終了日時
report-as-of = 集計時点
report-still-open = この話し合いはまだ続いています。数値は集計時点のもので、今後変わることがあります。
report-footer = Sosei（創生）知恵ラボが作成した報告書です（データ形式 { $format }）。引用の際は集計時点を併記してください。

## ダウンロード
report-downloads-label = ダウンロード
report-download-markdown = Markdown
report-download-csv = CSV・Excel 用
report-download-link = { $format }（{ $language }）
report-download-json = JSON
report-language-name = 日本語
report-read-other-language = 日本語で読む
report-print-hint = 印刷するときは、ブラウザの印刷機能をお使いください（A4 に合わせて整えます。PDF としても保存できます）。

## 参加状況
report-participation-heading = 参加状況
report-count-participants = 参加者
report-count-voters = 投票した人
report-count-statements = 意見
report-count-votes = 投票
report-count-grouped = このうち { $grouped }人を { $groups }つの意見グループに分けました。
report-people = { $count }人

## グループを越えた共通点
report-consensus-heading = グループを越えた共通点
report-consensus-lead = 参加者全体で賛成（または反対）が有意に多く、しかもすべての意見グループで過半数が同じ向きだった意見です。それぞれに、どの程度そろっているか（「総意」または「幅広い賛同」「幅広い反対」）を添えています。基準は「分析の方法」に記しています。
report-consensus-none = 現時点では、すべてのグループで過半数が同じ向きだった意見は見つかっていません。
report-overall-rates = 全体で賛成 { $agree }・反対 { $disagree }

## 意見グループ
report-groups-heading = 意見グループと代表的な意見
report-groups-lead = 投票の傾向が似ている人どうしをまとめたものです。それぞれのグループを特徴づける意見を挙げます。
report-groups-none = 投票がまだ少ないため、意見グループは求められていません。
report-group-name = グループ{ $label }
report-representative-heading = 代表的な意見
report-representative-none = このグループを特徴づける意見は、まだはっきりしていません。
report-representative-agree = このグループの { $rate } が賛成しています（信頼区間 { $interval }）。ほかの参加者の賛成は { $others } です。
report-representative-disagree = このグループの多くが反対しています。賛成は { $rate }（信頼区間 { $interval }）で、ほかの参加者の賛成は { $others } です。

## 意見が分かれた点
report-divisive-heading = 意見が分かれた点
report-divisive-lead = グループによって賛成率がはっきり異なった意見です。合意形成にあたって、丁寧な説明や話し合いが必要な論点と考えられます。
report-divisive-none = グループ間ではっきり意見が分かれた点は、現時点では見つかっていません。
report-divisive-summary = { $most } で最も賛成が多く、{ $least } で最も少なくなっています。

## 表の見出し
report-column-group = グループ
report-column-agree-rate = 賛成率
report-column-interval = 95%信頼区間
report-column-votes = 内訳
report-column-statement = 意見
report-column-agree = 賛成
report-column-disagree = 反対
report-column-pass = パス
report-votes-detail = 賛成 { $agree }・反対 { $disagree }・パス { $pass }
report-flag-divisive = 意見が分かれた点
report-flag-meta = メタ意見
report-appendix-heading = 付録：すべての意見の集計
report-group-heading = { $group }（{ $people }）

## 事実・データ
report-facts-heading = 参照した事実・データ（出典）
report-facts-lead = 参加者が投票の際に参照できた事実・データです。出典と、データの時点を併記しています。
report-facts-none = この話し合いには事実・データが登録されていません。
report-fact-about = 意見 #{ $id } について

## 属性別の内訳
report-breakdowns-heading = 属性別の内訳
report-breakdowns-lead = グループを越えた共通点と意見が分かれた点について、参加者の属性ごとの賛成率を示します。
report-breakdowns-none = この話し合いでは、参加者に属性（年代・地区・町との関わり）を尋ねていません。
report-breakdown-suppressed = 少人数の回答から個人が特定されるおそれがあるため、この内訳は掲載していません（{ $minimum }人に満たない欄がありました）。
report-breakdown-note = 各欄は、その属性の方のうち当該の意見に投票した人の賛成率です（n は投票した人数。すべての欄が{ $minimum }人以上の場合のみ掲載しています）。
report-attribute-age-band = 年代別
report-attribute-district = 地区別
report-attribute-relationship = 町との関わり別

## 方法と限界
report-method-heading = 方法と限界
report-method-groups-heading = 意見グループの求め方
report-method-groups = Pol.is と同じ考え方で求めています。参加者ごとの賛成・反対・パスを一つの表にまとめ、主成分分析（PCA）で意見の傾向を二次元の地図に要約し、その地図の上で k 平均法（k-means）により近い人どうしをまとめます。グループの数は 2 から { $max_groups } までの候補からシルエット係数で選び、{ $min_group_size }人未満のグループはつくりません。Pol.is との違いとして、乱数の種を固定して同じデータからは必ず同じ結果が出るようにし、参加者の並び順で結果が変わらないようにし、前回の分析のグループを引き継いでグループが不必要に入れ替わらないようにしています。
report-method-inclusion-heading = 分析の対象となる参加者
report-method-inclusion = グループ分けの対象は、{ $min_votes }件以上（意見がそれより少ない場合はすべて）に投票した参加者です。対象者が { $top_up }人に満たないときは、投票数の多い方から順に { $top_up }人まで加えます。投票の少ない方の賛否も、全体の集計には含めています。
report-method-consensus-heading = 賛同の度合い・代表的な意見・意見が分かれた点
report-method-consensus = 賛同の度合いは三段階で示します。「総意」は、参加者全体で統計的に有意に賛成が多く、かつすべての意見グループで、その意見に投票した人が{ $consensus_voters }人以上いて、その{ $consensus_rate }%以上が賛成した意見です。「幅広い賛同」は、全体で有意に賛成が多く、すべての意見グループで投票した人の{ $broad_rate }%を超える人が賛成した意見です。「多数の賛成」は、全体では有意に賛成が多いものの、過半数が賛成しなかったグループがある意見です。反対についても同じ基準で「総意（反対）」「幅広い反対」「多数の反対」とします。割合の分母には「パス」も含みます。「全体で有意に多い」とは、Pol.is と同じ比率の検定（片側、およそ90%の水準）を満たすことです。Pol.is は全体の割合だけを見ますが、ここではどのグループも取り残さないことを条件に加え、「総意」という言葉はすべてのグループが強くそろった場合にだけ使います。「代表的な意見」は、そのグループがほかの参加者と比べて特にはっきり賛成（または反対）した意見です。「意見が分かれた点」は、信頼区間を考えてもなおグループ間の賛成率に明らかな差がある意見です。
report-method-intervals-heading = 数値の幅（信頼区間）の読み方
report-method-intervals = 賛成率に添えた範囲は { $confidence }%信頼区間（ウィルソンの方法）です。同じような方々に改めて尋ねた場合に、賛成率がおおむねこの範囲に収まると考えられることを示します。投票した人が少ないほど範囲は広くなります。範囲が重なっている二つの数字には、差があるとは言い切れません。
report-method-sample-heading = 参加者は無作為標本ではありません
report-method-sample = 参加者はご自身で参加を選んだ方々であり、無作為に選ばれた標本ではありません。この結果は町全体の世論の割合を示すものではなく、参加した方々の意見の構造を示すものです。関心の高い方や、オンラインで参加しやすい方が多く含まれている可能性があります。
report-method-descriptive-heading = 意見グループは記述的なものです
report-method-descriptive = 意見グループは、投票の傾向が似ている人をまとめたものです。年代や地区などの集団を代表するものではなく、グループの大きさも住民全体に占める割合を表すものではありません。投票が増えると、一人ひとりの所属するグループが変わることもあります。
report-method-moderation-heading = モデレーション
report-method-moderation-pre = この話し合いは事前承認制です。ファシリテーターが承認した意見だけが参加者に表示され、分析の対象になりました。
report-method-moderation-post = この話し合いは事後対応制です。投稿された意見はすぐに表示され、問題のあるものはファシリテーターが後から却下しました。
report-method-moderation-counts = 却下された意見と未審査の意見（計 { $left_out }件）は、この報告書と分析から除いています。話し合いそのものについての「メタ意見」（{ $meta }件）は集計には含めますが、グループ分けと賛同の度合いの判定には使っていません。利用停止となった参加者（{ $banned }人）の投票は除いています。
report-method-privacy-heading = 属性別の内訳とプライバシー
report-method-privacy = 属性別の内訳は、すべての欄（その属性の方のうち、当該の意見に投票した人）が { $minimum }人以上の場合にだけ掲載します。一つでも { $minimum }人に満たない欄があれば、少人数の回答から個人が推測されることを防ぐため、その属性の内訳全体を掲載しません。属性の質問に答えなかった方は、内訳には含めていません。
report-method-date-heading = 分析の時点
report-method-date = この報告書の数値は、{ $date }時点の投票にもとづいて分析したものです。話し合いが続いている間は、投票が増えると数値やグループが変わることがあります。

## CSV の列
report-csv-id = 意見番号
report-csv-text = 意見
report-csv-language = 言語
report-csv-agree = 賛成数
report-csv-disagree = 反対数
report-csv-pass = パス数
report-csv-agree-rate = 賛成率（%）
report-csv-group-agree-rate = { $group }の賛成率（%）
report-csv-consensus = 賛同の度合い
report-csv-divisive = 意見が分かれた点
report-csv-meta = メタ意見
report-csv-yes = はい
