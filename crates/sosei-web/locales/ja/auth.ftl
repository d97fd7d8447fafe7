## アカウント：新規登録・ログイン・アカウントページ

auth-field-email = メールアドレス
auth-field-display-name = 表示名
auth-field-display-name-hint = Sosei 上でほかの人に表示される名前です。50文字以内で入力してください。
auth-field-password = パスワード
auth-field-new-password = 新しいパスワード
auth-field-new-password-hint = 10文字以上にしてください。いくつかの単語をつなげると、覚えやすく推測されにくいパスワードになります。
auth-field-password-confirmation = パスワード（確認用）
auth-field-current-password = 現在のパスワード
auth-field-new-password-confirmation = 新しいパスワード（確認用）

auth-sign-up-title = アカウントを作成
auth-sign-up-lead = アカウントがあると、団体に参加したり地域のプロジェクトに関わったりできます。
auth-sign-up-submit = アカウントを作成する
auth-sign-up-have-account = すでにアカウントをお持ちの方は
auth-sign-in-title = ログイン
auth-sign-in-submit = ログインする
auth-sign-in-no-account = はじめてご利用の方は
auth-error-password-mismatch = 確認用のパスワードが一致しません
auth-error-email-taken = このメールアドレスはすでに登録されています。ログインしてください
auth-error-wrong-credentials = メールアドレスまたはパスワードが正しくありません
auth-error-current-password-wrong = 現在のパスワードが正しくありません
auth-error-locked = このアカウントでパスワードの誤りが続いたため、ログインを一時的に停止しています。{ $minutes }分後にもう一度お試しください。

auth-account-title = アカウント
auth-account-profile = プロフィール
auth-account-language = 表示言語
auth-account-language-change = 画面の表示言語：
auth-account-language-save = 保存する
auth-account-site-admin = サイト管理
auth-account-site-admin-yes = サイト管理者です
auth-account-memberships = 所属団体と役割
auth-account-no-memberships = まだどの団体にも所属していません。
auth-account-organisation = 団体
auth-account-roles = 役割
auth-account-change-password = パスワードの変更
auth-change-password-signs-out-others = 変更すると、ほかの端末ではすべてログアウトされます。
auth-change-password-submit = パスワードを変更する
auth-password-changed = パスワードを変更しました。ほかの端末ではログアウトしました。

auth-language-ja = 日本語
auth-language-en = 英語
auth-language-unset = 未設定（ブラウザーの設定に従います）

auth-role-admin = 管理者
auth-role-coordinator = コーディネーター
auth-role-facilitator = ファシリテーター
auth-role-expert = 専門家
auth-role-member = メンバー

## サイト管理

admin-title = サイト管理
admin-users = ユーザー
admin-users-count = { $count }人
admin-user-name = 名前
admin-user-email = メールアドレス
admin-user-created = 登録日
admin-user-site-admin = サイト管理者
admin-page-of = { $pages }ページ中 { $page }ページ目
admin-page-previous = 前のページ
admin-page-next = 次のページ
admin-organisations = 団体
admin-no-organisations = まだ団体が登録されていません。
admin-organisation-slug = 短縮名
admin-organisation-kind = 種類
admin-organisation-name = 名称
admin-organisation-members = メンバーと役割
admin-organisation-no-members = まだメンバーがいません
admin-revoke = 外す
admin-revoke-label = { $name }さんの役割「{ $role }」を外す
admin-roles-title = 役割の付与・解除
admin-roles-lead = 登録済みの人に団体での役割を付与したり、外したりします。
admin-field-email = 対象者のメールアドレス
admin-field-organisation = 団体
admin-field-role = 役割
admin-field-action = 操作
admin-action-grant = 役割を付与する
admin-action-revoke = 役割を外す
admin-roles-submit = 実行する
admin-create-organisation-title = 団体の新規作成
admin-field-slug = 短縮名（アドレスに使われます）
admin-field-slug-hint = 半角英小文字・数字・ハイフンで2〜60文字。例：tono-city
admin-field-kind = 団体の種類
admin-field-name-ja = 名称（日本語）
admin-field-name-en = 名称（英語）
admin-field-names-hint = 日本語・英語のどちらか一方は入力してください。
admin-create-organisation-submit = 団体を作成する
admin-error-user-unknown = このメールアドレスのアカウントはありません
admin-error-organisation-unknown = 団体を選んでください
admin-error-role-unknown = 役割を選んでください
admin-error-kind-unknown = 団体の種類を選んでください
admin-error-action-unknown = 付与するか外すかを選んでください
admin-error-slug-taken = この短縮名はほかの団体が使っています
admin-notice-role-granted = 役割を付与しました。
admin-notice-role-revoked = 役割を外しました。
admin-notice-organisation-created = 団体を作成しました。

admin-kind-municipality = 自治体
admin-kind-npo = NPO・非営利団体
admin-kind-company = 企業
admin-kind-university = 大学
admin-kind-cooperative = 協同組合
admin-kind-network = ネットワーク
