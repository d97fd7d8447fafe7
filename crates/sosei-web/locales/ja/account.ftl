## アカウントの管理：パスワードの再設定、メールアドレスの確認、利用規約とプライバシーポリシー、
## データのダウンロード、アカウントの削除

account-field-email = メールアドレス
account-field-password = パスワード
account-field-new-password = 新しいパスワード
account-field-new-password-confirmation = 新しいパスワード（確認）
account-field-accept-terms = 利用規約とプライバシーポリシー
auth-field-accept-terms = 利用規約とプライバシーポリシー

account-reset-forgot = パスワードを忘れた方
account-reset-title = パスワードの再設定
account-reset-lead = アカウントのメールアドレスを入力してください。新しいパスワードを決めるためのリンクをお送りします。
account-reset-send = リンクを送る
account-reset-sent-title = メールをご確認ください
account-reset-sent = このアドレスのアカウントがあれば、新しいパスワードを決めるためのリンクをお送りしました。リンクは1時間以内に一度だけ使えます。届かないときは、アドレスの綴りと迷惑メールフォルダーをご確認ください。
account-link-not-working-title = このリンクは使えません
account-reset-link-not-working = このリンクは期限が切れたか、すでに使われたか、途中で切れています。新しいリンクをお申し込みください。
account-reset-ask-again = 新しいリンクを申し込む
account-reset-choose-title = 新しいパスワードを決める
account-reset-signs-out-everywhere = 変更すると、すべての端末でサインアウトします。
account-reset-save = 新しいパスワードを保存
account-reset-done-title = パスワードを変更しました
account-reset-done = パスワードを変更しました。新しいパスワードでサインインしてください。

account-verification-heading = メールアドレスの確認
account-verified = 確認済み
account-unverified = まだ確認されていません
account-unverified-explained = 今でもSoseiのすべての機能を使えます。確認すると、あなたに連絡するコーディネーターに、このアドレスが本当にあなたのものだと伝わります。
account-verification-send = 確認のリンクをもう一度送る
account-verification-sent = 確認のリンクを{ $email }に送りました。48時間有効です。
account-verification-held-back = この1時間にいくつもリンクを送りました。しばらく待ってから、もう一度お申し込みください。
account-verify-title = メールアドレスの確認
account-verify-lead = ボタンを押して、このメールアドレスがあなたのものであることを確認してください。
account-verify-submit = 確認する
account-verify-done-title = 確認しました
account-verify-done = ありがとうございます。メールアドレスを確認しました。
account-verify-already = メールアドレスはすでに確認済みです。
account-verify-link-not-working = このリンクは期限が切れたか、すでに使われたか、途中で切れています。アカウントのページから新しいリンクを申し込めます。

account-document-terms = 利用規約
account-document-privacy = プライバシーポリシー
account-document-version = { $document }（第{ $version }版）
account-document-published = 第{ $version }版（{ $date }公開）
account-document-published-on = （{ $date }公開）
account-document-superseded = 新しい版があります。
account-document-read-current = 最新の版を読む
account-document-versions = すべての版

account-consent-label-start = {""}
account-consent-label-middle = と
account-consent-label-end = に同意します。
account-error-consent-required = アカウントを作るには、利用規約とプライバシーポリシーへの同意が必要です
account-error-consent-new-version = フォームを開いている間に新しい版が公開されました。新しい版を読んで、もう一度チェックを入れてください
account-error-consent-pending = 利用規約またはプライバシーポリシーの新しい版が公開されました。続ける前に、サイトの同意ページ（/consent）で同意してください。
account-consent-title = 新しい規約への同意
account-consent-lead = 次の文書の新しい版が公開されました。Soseiを続けて使うには、読んだうえで同意してください。
account-consent-submit = 同意して続ける
account-consent-refuse = 同意しない場合も、データのダウンロードとアカウントの削除はできます。
account-consent-nothing-new = 利用規約とプライバシーポリシーの最新の版に同意済みです。
account-continue = 続ける
account-consents-heading = 同意した規約
account-consents-none = このアカウントはサイトの運営者が作りました。まだご自身では同意していません。
account-consent-accepted-on = （{ $date }に同意）

account-data-heading = あなたのデータ
account-data-lead = Soseiがあなたについて持っているすべてのデータ（アカウント、プロフィール、応募、意見、投票、所属、同意、メール）を、一つのJSONファイルでダウンロードできます。
account-data-download = データをダウンロード
account-delete-link = アカウントを削除する

account-delete-title = アカウントの削除
account-delete-lead = アカウントを削除すると、元に戻せません。
account-delete-goes-heading = 消えるもの
account-delete-goes = メールアドレス、表示名、パスワード、プロフィール、応募、サインインの記録、組織での役割、同意の記録、あなた宛てのメール。
account-delete-stays-heading = 匿名で残るもの
account-delete-stays = 話し合いに書いた意見と投票は、あなたとのつながりを切ったうえで結果に残ります。誰のものかはもう分かりません。
account-delete-download-first = 先にデータをダウンロードする
account-delete-submit = アカウントを完全に削除する
account-delete-refused-last-admin = あなたは次の組織のただ一人の管理者です。先に組織のページで別のメンバーを管理者にしてから、アカウントを削除してください。
account-delete-refused-last-site-admin = あなたはこのサイトのただ一人の管理者です。先に別のアカウントをサイト管理者にしてから（sosei user create --admin）、アカウントを削除してください。
account-deleted-title = アカウントを削除しました
account-deleted = アカウントを削除しました。ご参加ありがとうございました。
account-deleted-home = ホームに戻る

admin-legal-title = 利用規約とプライバシーポリシー
admin-legal-lead = 編集するたびに新しい版として公開されます。以前の版も読めるまま残り、サインインしている人には、続ける前に新しい版への同意をお願いします。
admin-legal-edit = 編集する（新しい版を公開）
admin-legal-edit-title = 編集：{ $document }
admin-legal-edit-lead = 両方の言語が必要です。保存するとすぐに新しい版が公開されます。
admin-legal-field-body-ja = 日本語の本文
admin-legal-field-body-en = 英語の本文
admin-legal-format-hint = プレーンテキストです。空行で段落が変わり、「## 」で始まる行は見出しになります。
admin-legal-publish = 新しい版を公開する
admin-legal-published = { $document }の新しい版を公開しました。
