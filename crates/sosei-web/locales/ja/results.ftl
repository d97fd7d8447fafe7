# 知恵ラボ：話し合いの結果と、あなたの立ち位置

results-page-title = 「{ $title }」の結果
results-back = 話し合いに戻る
results-see-results = 結果を見る
results-live-updated = 新しい投票を反映して、結果を更新しました。
results-not-enough = まだ十分な投票がありません。投票が集まると、ここに意見のまとまりが表示されます。
results-updated = 最終更新：{ $time }
results-counts = 参加者 { $participants }人・票 { $votes }・グループ { $groups }つ

results-group-name = グループ{ $letter }
results-group-size = { $size }人
results-rate = { $rate }%（{ $low }–{ $high }%）
results-agree-rate = 賛成 { $rate }
results-disagree-rate = 反対 { $rate }
results-overall-agree = 全体の賛成 { $rate }%

results-map-heading = 意見マップ
results-map-explain = 投票の仕方が似ている人ほど近くに表示されます。点の一つひとつが参加者です。
results-map-title = 意見マップ
results-map-desc = 参加者{ $participants }人を、投票の傾向に沿って平面に並べた図です。グループは{ $groups }つあります。同じ内容を下の表でも確認できます。
results-map-legend = 色はグループを、丸の中の文字はグループの中心を表します。黒い二重丸が「あなた」の位置です。
results-you = あなた
results-table-caption = グループごとの人数
results-table-group = グループ
results-table-size = 人数
results-table-share = 割合
results-table-you = （あなたのグループ）

results-groups-heading = 意見グループ
results-groups-explain = グループとは、多くの意見に同じような答え方をした人たちのまとまりです。
results-rate-explain = 割合のあとのかっこ内は、95%信頼区間（実際の割合がおそらく入るおおよその幅）です。
results-representative-lead = このグループを特徴づける意見
results-representative-none = このグループにはっきりした特徴のある意見は、まだありません。

results-consensus-heading = グループを越えた共通点
results-consensus-explain = どのグループでも過半数が同じ答えをした意見です。そのうち、どのグループでも{ $consensus_rate }%以上が同じ答えをした意見（各グループ{ $consensus_voters }人以上が投票したもの）だけを「総意」と呼び、それ以外は「幅広い賛同」または「幅広い反対」と呼びます。
results-consensus-agree = どのグループでも過半数が賛成している意見
results-consensus-disagree = どのグループでも過半数が反対している意見
results-consensus-none = まだ該当する意見はありません。
results-group-informed-heading = グループをまたいで支持されている意見
results-group-informed-explain = 各グループの賛成の度合いを掛け合わせた順です。一つのグループだけが強く賛成していても、上位にはなりません。

results-divisive-heading = 意見が分かれている点
results-divisive-explain = 意見が分かれている点とは、グループによって賛成の割合が大きく異なる意見のことです。
results-divisive-none = グループの間ではっきり意見が分かれている点は、まだありません。

results-activity-heading = 参加の推移
results-activity-votes = 日ごとの投票数
results-activity-participants = 日ごとの新しい参加者数
results-activity-note = 投票は、最後に投票（または投票し直し）した日で数えています。日付は日本時間です。
results-activity-table = 日ごとの数を表で見る
results-activity-day = 日付
results-activity-votes-column = 投票数
results-activity-participants-column = 新しい参加者
results-activity-none = まだ参加の記録がありません。

results-standing-heading = あなたの立ち位置
results-standing-group = あなたは{ $group }に入っています。
results-standing-group-provisional = あなたの意見は{ $group }に近いようです（投票が増えると確かになります）。
results-confidence-high = 投票の傾向は、はっきりとこのグループのものです。
results-confidence-medium = 投票の傾向は、おおむねこのグループに近いです。
results-confidence-low = ほかのグループとの境目あたりにいます。
results-standing-with-group = グループの多数派と比べられる{ $compared }件のうち、{ $rate }%で多数派と同じ答えをしています。
results-standing-consensus = どのグループでも過半数が同じ答えをした意見{ $total }件のうち、同じ答えが{ $shared }件、違う答えが{ $opposed }件、まだ答えていないものが{ $not_voted }件です。
results-standing-none = もう少し投票すると、ここにあなたの立ち位置が表示されます。
results-standing-not-participant = 話し合いに参加して投票すると、あなたの立ち位置が分かります。
results-compare-summary = あなたの答えを、グループの多数派や全グループに共通する答えと比べる
results-compare-caption = あなたの答えと、グループの多数派・全グループに共通する答え
results-compare-statement = 意見
results-compare-yours = あなたの答え
results-compare-group = グループの多数派
results-compare-consensus = 全グループに共通する答え
results-no-majority = 多数派なし
