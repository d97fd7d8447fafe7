# 地域・団体・トップページ

breadcrumb-label = 現在地

## フォーム共通
form-save = 保存する
form-cancel = キャンセル
form-error-summary = 入力内容に問題があります。以下をご確認ください
form-error-too-long = { $max }文字以内で入力してください（現在 { $actual }文字）

## トップページ
home-kicker = 地方創生のためのオープンソース・プラットフォーム
home-explore-regions = 地域を見る
home-explore-organisations = 団体を見る
home-five-s-heading = 地方創生の「5つのS」
home-five-s-lead = Sosei は、地域づくりに欠かせない5つの要素を、ひとつの場所で支えます。
home-s-space-name = Space
home-s-space-gloss = 話し合いの場
home-s-space-text = 住民も外から関わる人も、同じテーブルで地域のこれからを話し合えます。
home-s-system-name = System
home-s-system-gloss = ビジョンと計画
home-s-system-text = 地域のビジョン・計画・目標を共有し、誰が何を担うのかを見える形にします。
home-s-social-capital-name = Social Capital
home-s-social-capital-gloss = 人のつながり
home-s-social-capital-text = 人と人、団体と団体の信頼関係を育て、そのつながりの広がりを確かめられます。
home-s-social-contract-name = Social Contract
home-s-social-contract-gloss = 役割と約束
home-s-social-contract-text = 地域が必要とする力と、外から来る人の得意なことを結びつけ、役割と約束をはっきりさせます。
home-s-science-name = Science
home-s-science-gloss = 試して学ぶ
home-s-science-text = 小さく試し、データで振り返り、うまくいったことを次の一手に活かします。
home-featured-regions = 注目の地域
home-all-regions = すべての地域を見る
home-featured-organisations = 参加している団体
home-all-organisations = すべての団体を見る

## 地域一覧・検索
regions-title = 地域
regions-lead = ビジョンを公開している地域を紹介しています。全国の市区町村から探すこともできます。
regions-search-heading = 市区町村を探す
regions-search-label = 市区町村名またはコード
regions-search-hint = 漢字・ひらがな・ローマ字・地方公共団体コードで検索できます（例：遠野、とおの、tono、03208）
regions-search-button = 検索する
regions-results-heading = 「{ $query }」の検索結果
regions-results-count = { $count }件見つかりました
regions-results-limited = 最初の一部だけを表示しています。もう少し詳しく入力してください。
regions-results-none = 該当する市区町村が見つかりませんでした。別の書き方でもお試しください。
regions-has-profile = プロフィールあり
regions-profiled-heading = プロフィールのある地域
regions-profiled-none = まだプロフィールを公開している地域はありません。
regions-browse-heading = 都道府県から探す
regions-prefecture-heading = { $prefecture }の市町村
regions-prefecture-page = { $prefecture }のページを見る

## 地域ページ
region-saved = 地域のプロフィールを保存しました。
region-edit = 編集する
region-prefecture = 都道府県
region-city = 市
region-code = 地方公共団体コード
region-steward = 管理団体
region-no-profile-heading = プロフィールはまだありません
region-no-profile = この地域のビジョンや計画はまだ登録されていません。
region-vision = ビジョン
region-plan = 計画
region-goals = 目標
region-not-written = まだ記入されていません。
region-no-goals = 目標はまだ登録されていません。
region-stakeholders = 関係者
region-no-stakeholders = 関係者はまだ登録されていません。
region-programmes = 事業・プログラム
region-no-programmes = この地域の事業・プログラムはまだありません。
region-programme-by = 実施：

## 地域の編集
region-edit-title = { $region }のプロフィールを編集
region-edit-lead = 日本語と英語の両方で書くと、海外から関わる人にも伝わります。どちらか一方だけでもかまいません。
region-hint-vision = 各言語{ $max }文字以内。空行で段落を分けられます。
region-hint-plan = 各言語{ $max }文字以内。空行で段落を分けられます。
region-hint-goals = 1行に1つ、{ $max }個まで（1つ{ $chars }文字以内）。日本語と英語は同じ行どうしが対応します。
region-field-vision-ja = ビジョン（日本語）
region-field-vision-en = ビジョン（英語）
region-field-plan-ja = 計画（日本語）
region-field-plan-en = 計画（英語）
region-field-goals-ja = 目標（日本語）
region-field-goals-en = 目標（英語）
region-field-steward = 管理団体
region-hint-steward = この団体の管理者とコーディネーターが、地域のプロフィールを編集できるようになります。
region-steward-none = （なし：サイト管理者のみ編集できます）
region-error-steward = 一覧から団体を選んでください
region-error-goal-line = { $line }行目：{ $problem }
region-error-too-many-goals = 目標は{ $max }個までにしてください（現在 { $count }個）

## 関係者の役割
stakeholder-role-local-government = 自治体
stakeholder-role-npo = NPO
stakeholder-role-company = 企業
stakeholder-role-school = 学校
stakeholder-role-cooperative = 協同組合
stakeholder-role-resident-group = 住民グループ
stakeholder-role-host-family = ホストファミリー

## 団体の種類
organisation-kind-municipality = 自治体
organisation-kind-npo = NPO
organisation-kind-company = 企業
organisation-kind-university = 大学
organisation-kind-cooperative = 協同組合
organisation-kind-network = ネットワーク

## 団体での役割
member-role-admin = 管理者
member-role-coordinator = コーディネーター
member-role-facilitator = ファシリテーター
member-role-expert = 専門家
member-role-member = メンバー

## 団体一覧・団体ページ
organisations-title = 団体
organisations-lead = 地域づくりに取り組む自治体・NPO・企業・大学などの団体です。
organisations-none = まだ団体は登録されていません。
organisations-kinds-label = 団体の種類
organisation-saved = 団体の情報を保存しました。
organisation-edit = 編集する
organisation-about = 団体について
organisation-website = ウェブサイト
organisation-regions = 関わっている地域
organisation-no-regions = 関係者として登録されている地域はまだありません。
organisation-no-programmes = この団体の事業・プログラムはまだありません。
organisation-members = メンバー
organisation-members-private = メンバーの一覧は、この団体のメンバーとサイト管理者にだけ表示されます。
organisation-no-members = メンバーはまだいません。
organisation-member-name = 名前
organisation-member-roles = 役割
organisation-member-you = （あなた）

## 団体の編集
organisation-edit-title = { $organisation }を編集
organisation-details = 基本情報
organisation-field-name = 団体名
organisation-field-name-ja = 団体名（日本語）
organisation-field-name-en = 団体名（英語）
organisation-field-kind = 種類
organisation-field-description = 紹介文
organisation-field-description-ja = 紹介文（日本語）
organisation-field-description-en = 紹介文（英語）
organisation-field-website = ウェブサイト
organisation-field-email = メールアドレス
organisation-field-role = 役割
organisation-hint-name = 各言語{ $max }文字以内。少なくともどちらか一方を入力してください。
organisation-hint-description = 各言語{ $max }文字以内。空行で段落を分けられます。
organisation-hint-website = https:// から始まるアドレス（任意）
organisation-hint-member-email = Sosei に登録済みのメールアドレスを入力してください。
organisation-error-name-required = 日本語か英語で団体の名称を入力してください
organisation-error-kind = 種類を選んでください
organisation-error-website = http:// または https:// から始まるウェブアドレスを入力してください
organisation-error-role = 役割を選んでください
organisation-error-no-such-user = このメールアドレスで登録している人が見つかりません
organisation-error-last-admin = 団体には管理者が少なくとも1人必要です。先に別の人を管理者にしてください
organisation-error-member-action = 操作の種類が正しくありません
organisation-member-grant-heading = 役割を付与する
organisation-member-grant = 付与する
organisation-member-granted = 役割を付与しました。
organisation-member-revoke = 外す
organisation-member-revoke-label = { $name }さんの「{ $role }」の役割を外す
organisation-member-revoked = 役割を外しました。
