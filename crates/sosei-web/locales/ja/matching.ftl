# マッチング（コーディネーター）：チーム編成の実行・調整・オファー送付

matching-title = チーム編成（マッチング）
matching-intro = 応募者の希望・技能・言語と、各チームが求める人をもとに、多様なチームの案を作ります。案を見て固定や移動をしてから、もう一度実行したり、オファーを送ったりできます。
matching-round-heading = 編成の条件
matching-no-programmes = 編成できるプログラム（応募受付中または選考中）がありません。
matching-programmes-legend = 対象のプログラム
matching-weights-legend = 重み（何を重視するか）
matching-weights-hint = 0〜100の数で指定します。大きいほど重視します。すべてを0にはできません。
matching-weight-preference = 応募者の希望順位
matching-weight-skill-fit = 技能・言語の適合
matching-weight-diversity = 国籍の多様性
matching-method-label = 方法
matching-method-auto = 最適化（自動）
matching-method-compare = 最適化＋安定マッチング（受入保留方式）との比較
matching-locks-hint = 固定した配置はそのまま残し、それ以外を組み直します。
matching-run = 編成を実行する

matching-done-run = 編成を実行しました。
matching-done-locked = 配置を固定しました。
matching-done-unlocked = 固定を解除しました。
matching-done-moved = 別のチームに移動し、固定しました。
matching-done-removed = チームから外しました。
matching-done-offers = オファーを{ $sent }件送りました。送れなかったもの：{ $failed }件（その間に状況が変わった応募）。

matching-result-heading = 最新の編成結果
matching-round-when = 実行日時：{ $when }
matching-figure-method = 方法
matching-figure-objective = 目的関数の値
matching-figure-bound = 上界
matching-figure-gap = 上界との差（ギャップ）
matching-figure-placed = 配置された人数
matching-figure-first-choice = 第1希望に配置された割合
matching-figure-mean-nationalities = チームあたりの国籍数（平均）
matching-figure-blocking = ブロッキングペアの数
matching-figure-violations = 守れなかった条件の数
matching-method-exact = 整数計画法
matching-method-local-search = 局所探索
matching-method-deferred = 受入保留方式（安定マッチング）
matching-method-greedy = 貪欲法
matching-proven-optimal = 最適であることを確認済み
matching-time-limit = 時間切れで打ち切り

matching-teams-heading = チーム（現在の編成）
matching-team-size = { $count }人（{ $min }〜{ $max }人）
matching-team-diversity = 国籍 { $count }か国（ブラウ指数 { $blau }）
matching-need-met = 充足
matching-need-unmet = 不足
matching-team-empty = まだ誰も配置されていません。
matching-column-person = 氏名
matching-column-brings = 国籍・言語・技能
matching-column-why = 配置の理由
matching-column-actions = 調整
matching-locked = 固定
matching-no-profile = プロフィール未登録
matching-nationalities = 国籍
matching-languages = 言語
matching-skills = 技能
matching-lock = 固定する
matching-unlock = 固定を解除
matching-move-label = 移動先
matching-move = 移動する
matching-remove = チームから外す

matching-explain-rank = 第{ $rank }希望
matching-explain-unranked = 希望外（コーディネーターが配置）
matching-explain-locked = 固定済み
matching-explain-covers = { $needs }の条件を満たす
matching-explain-only-nationality = チームで唯一の{ $country }出身者
matching-explain-nationalities = チームの国籍は{ $count }か国
matching-explain-need-language = { $language }（{ $level }以上）
matching-explain-unknown = この編成の実行後に加わった人です。

matching-unplaced-heading = チームに入っていない応募者
matching-unplaced-none = 対象の応募者は全員どこかのチームに入っています。
matching-unplaced-by-hand = コーディネーターがチームから外しました。

matching-blocking-heading = ブロッキングペア
matching-blocking-hint = 応募者とプログラムが、今の配置よりもお互いを望んでいる組です（理由は英語で表示します）。
matching-blocking-none = ありません。

matching-comparison-heading = 安定マッチング（受入保留方式）との比較
matching-comparison-hint = 受入保留方式は希望と評価だけで決め、チームの条件や多様性は考えません。参考として並べています。

matching-offers-heading = オファーを送る
matching-offers-hint = チームに入っている応募者のうち、「応募済み」「選考中」の人全員にオファーを送ります。それぞれにお知らせが届きます。
matching-offers-send = オファーを送る

matching-infeasible-heading = この条件ではチームを編成できません
matching-diagnosis-source-counting = 人数を数えた結果、次の条件は満たせないことが確かです。
matching-diagnosis-source-solver = 次の種類の条件をゆるめると編成できます。
matching-diagnosis-source-heuristic = 探索では次の条件を満たす編成が見つかりませんでした（規模が大きく、不可能とまでは断定できません）。
matching-diagnosis-min-size = チーム「{ $team }」には最低{ $required }人が必要ですが、参加できる応募者は{ $available }人しかいません。
matching-diagnosis-need = チーム「{ $team }」には「{ $need }」が必要ですが、条件を満たす応募者は{ $available }人しかいません。
matching-diagnosis-other = 「{ $place }」で満たせない条件があります（詳細は英語で表示します）。
matching-relaxations = 編成できるようにするには：
matching-relax-lower-count = 必要な人数を{ $available }人に減らす
matching-relax-lower-level = 言語のレベルを{ $level }以上に下げる
matching-relax-lower-min-size = チームの最少人数を{ $available }人に下げる
matching-relax-invite = 条件を満たす人に「{ $programme }」への応募を呼びかける
matching-invalid = 編成の条件に矛盾があります。

matching-error-programmes = 対象のプログラムを1つ以上選んでください（応募受付中または選考中のものに限ります）。
matching-error-weights = 重みは0〜100の数で、少なくとも1つは0より大きくしてください。
matching-error-team = 同じプログラムのチームを選んでください。
