# マッチング結果の要約（コーディネーターの言葉で）と最適化の数値の詳細、コーディネーターの応募者一覧

matching-quality-proven-best = この案より良い組み合わせはありません（証明済み）。
matching-quality-nearly-best = ほぼ最良の案です。これより良い組み合わせがあるとしても、良くなるのは1%未満です。
matching-quality-at-most-better = これより良い組み合わせがあるかもしれません。あるとしても、良くなるのは最大で約{ $percent }%です。
matching-quality-unknown = これより良い組み合わせがあるかどうかは、確かめられていません。
matching-quality-time-limit = 計算に時間がかかったため、途中で打ち切った結果です。
matching-summary-placed = { $applicants }人のうち{ $placed }人がチームに入りました。
matching-summary-first-choice = 第1希望のプログラムに入った人は{ $percent }%です。
matching-summary-diversity = チームの多様性：高い { $high }チーム、中程度 { $medium }チーム、低い { $low }チーム。
matching-summary-swaps = { $count ->
        [0] 本人とプログラムの双方が今より望む入れ替えはありません。
       *[other] 本人とプログラムの双方が今より望む入れ替えが{ $count }件あります（下の「入れ替えの候補」）。
    }

matching-diversity = 多様性：{ $level ->
        [high] 高い
        [medium] 中程度
       *[low] 低い
    }（{ $nationalities }か国、{ $languages }言語、技能{ $skills }種類）
matching-diversity-too-small = 多様性：メンバーが2人以上になると判定します（{ $nationalities }か国、{ $languages }言語、技能{ $skills }種類）
matching-diversity-hint = 多様性は、メンバーの国籍がどれだけ分かれているかで「高い」「中程度」「低い」の3段階で示します。全員の国籍がちがえば「高い」、多くが同じ国籍なら「低い」です。かっこ内は、チーム全体の国籍・話せる言語・技能の種類の数です。

matching-details-summary = 数値の詳細（最適化の指標）
matching-figure-mean-blau = 国籍のばらつき（ブラウ指数、チームの平均）
matching-details-method-proven = 整数計画法で、これより点数の高い組み合わせがないことを確かめました。
matching-details-method-not-proven = 最良であるとまでは確かめていません。下の上界と比べると、改善の余地がどれだけ残るかがわかります。
matching-details-objective = 案の総合点です。希望順位（{ $preference }）、技能・言語の適合（{ $skill_fit }）、国籍の多様性（{ $diversity }）に、それぞれ重みを掛けて足したもので、大きいほど良い案です。
matching-details-bound = どんな組み合わせでも、総合点はこの値を超えません。総合点がこの値と同じなら、この案が最良です。
matching-details-gap = 上界と総合点の差を、上界に対する割合で表したものです。0%なら最良の案です。
matching-details-blau = 国籍のばらつきを0〜1で表します（全員が同じ国籍なら0、ばらつくほど1に近づきます）。チームの人数で取りうる最大値の{ $high }%以上なら多様性「高い」、{ $medium }%以上なら「中程度」、それ未満なら「低い」としています。
matching-details-blocking = ブロッキングペア：本人が今の配置より望み、プログラムも今のメンバーより高く評価している（または空きがある）組で、チームの条件を守ったまま入れ替えられるものの数です。
matching-details-teams-caption = チームごとの国籍のばらつき
matching-details-column-team = チーム
matching-details-column-members = 人数
matching-details-column-nationalities = 国籍の数
matching-details-column-blau = ブラウ指数
matching-figure-total-score = 総合点
matching-figure-swaps = 入れ替えの候補の数

# コーディネーターの応募者一覧：絞り込み・並べ替え・行ごとの操作

coordinate-column-team = チーム
coordinate-row-more = その他の操作
coordinate-row-open = 応募の詳細を開く
coordinate-sort-by = （この列で並べ替え）
coordinate-sorted-by = （この列で並べ替え中）
coordinate-filter-label = 応募者の絞り込み
coordinate-filter-status = 状態
coordinate-filter-team = チーム
coordinate-filter-all = すべて
coordinate-filter-no-team = チーム未定
coordinate-filter-text = 名前・国籍・言語・スキルで探す
coordinate-filter-apply = 絞り込む
coordinate-filter-clear = 絞り込みを解除
coordinate-applications-shown = { $total }件中{ $shown }件を表示しています。
coordinate-applications-none-match = 条件に合う応募はありません。
coordinate-error-applications-filter = 絞り込みや並べ替えの条件が読み取れません。一覧を開き直して、選び直してください。
