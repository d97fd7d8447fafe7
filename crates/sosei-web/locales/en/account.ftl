## The account's life: password reset, e-mail verification, the terms and the privacy policy,
## downloading one's data and deleting the account

account-field-email = E-mail address
account-field-password = Password
account-field-new-password = New password
account-field-new-password-confirmation = New password (again)
account-field-accept-terms = Terms of use and privacy policy
auth-field-accept-terms = Terms of use and privacy policy

account-reset-forgot = Forgot your password?
account-reset-title = Reset your password
account-reset-lead = Enter the e-mail address of your account. We will send a link to choose a new password.
account-reset-send = Send the link
account-reset-sent-title = Check your e-mail
account-reset-sent = If an account uses this address, a link to choose a new password is on its way. It works once, within an hour. If nothing arrives, check the spelling of the address and your spam folder.
account-link-not-working-title = This link does not work
account-reset-link-not-working = This link has expired, has already been used or is not complete. Ask for a new one.
account-reset-ask-again = Ask for a new link
account-reset-choose-title = Choose a new password
account-reset-signs-out-everywhere = After the change you will be signed out on every device.
account-reset-save = Save the new password
account-reset-done-title = Password changed
account-reset-done = Your password has been changed. Sign in with the new one.

account-verification-heading = E-mail address verification
account-verified = Verified
account-unverified = Not verified yet
account-unverified-explained = You can use every part of Sosei now. Verifying shows the coordinators who write to you that the address is really yours.
account-verification-send = Send the verification link again
account-verification-sent = A verification link was sent to { $email }. It works for 48 hours.
account-verification-held-back = Several links were sent in the last hour. Please wait a while, then ask again.
account-verify-title = Confirm your e-mail address
account-verify-lead = Press the button to confirm that this e-mail address is yours.
account-verify-submit = Confirm my address
account-verify-done-title = Address confirmed
account-verify-done = Thank you. Your e-mail address is verified.
account-verify-already = Your e-mail address is already verified.
account-verify-link-not-working = This link has expired, has already been used or is not complete. You can ask for a new one on your account page.

account-document-terms = Terms of use
account-document-privacy = Privacy policy
account-document-version = { $document }, version { $version }
account-document-published = Version { $version }, published on { $date }.
account-document-published-on = (published on { $date })
account-document-superseded = A newer version exists.
account-document-read-current = Read the current version
account-document-versions = All versions

account-consent-label-start = I accept the{" "}
account-consent-label-middle = {" "}and have read the{" "}
account-consent-label-end = .
account-error-consent-required = To create an account, please accept the terms of use and the privacy policy
account-error-consent-new-version = A new version was published while the form was open. Please read it and tick the box again
account-error-consent-pending = A new version of the terms of use or the privacy policy was published. Please accept it on the site (/consent) before continuing.
account-consent-title = New terms to accept
account-consent-lead = A new version of these documents was published. Please read it and accept it to go on using Sosei.
account-consent-submit = Accept and continue
account-consent-refuse = If you do not accept, you can still download your data and delete your account.
account-consent-nothing-new = You have accepted the current versions of the terms of use and the privacy policy.
account-continue = Continue
account-consents-heading = Terms accepted
account-consents-none = Your account was made by the site's operator; you have not accepted a version yourself yet.
account-consent-accepted-on = accepted on { $date }

account-data-heading = Your data
account-data-lead = Download everything Sosei holds about you (account, profile, applications, statements, votes, memberships, consents and messages) as one JSON file.
account-data-download = Download my data
account-delete-link = Delete my account

account-delete-title = Delete your account
account-delete-lead = Deleting your account cannot be undone.
account-delete-goes-heading = What is deleted
account-delete-goes = Your e-mail address, display name and password, your profile, your applications, your sessions, your roles in organisations, your consent records and the messages addressed to you.
account-delete-stays-heading = What stays, anonymous
account-delete-stays = The statements and votes you gave in conversations stay in their results, detached from you: nobody can tell they were yours.
account-delete-download-first = Download your data first
account-delete-submit = Delete my account for good
account-delete-refused-last-admin = You are the only administrator of these organisations. Make another member an administrator first (on the organisation's page), then delete your account.
account-delete-refused-last-site-admin = You are the site's only administrator. Make another account a site administrator first (sosei user create --admin), then delete your account.
account-deleted-title = Account deleted
account-deleted = Your account has been deleted. Thank you for taking part.
account-deleted-home = Back to the home page

admin-legal-title = Terms of use and privacy policy
admin-legal-lead = Each edit is published as a new version. Earlier versions stay readable, and every signed-in person is asked to accept the new one before going on.
admin-legal-edit = Edit (publishes a new version)
admin-legal-edit-title = Edit: { $document }
admin-legal-edit-lead = Both languages are required. Saving publishes a new version at once.
admin-legal-field-body-ja = Text in Japanese
admin-legal-field-body-en = Text in English
admin-legal-format-hint = Plain text. A blank line starts a new paragraph; a line starting with "## " is a heading.
admin-legal-publish = Publish a new version
admin-legal-published = A new version of the { $document } was published.
