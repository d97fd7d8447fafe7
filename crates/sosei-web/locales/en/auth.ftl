## Accounts: sign up, sign in, account page

auth-field-email = E-mail address
auth-field-display-name = Display name
auth-field-display-name-hint = Shown to others on Sosei. Up to 50 characters.
auth-field-password = Password
auth-field-new-password = New password
auth-field-new-password-hint = At least 10 characters. A few words strung together are easy to remember and hard to guess.
auth-field-password-confirmation = Password (again)
auth-field-current-password = Current password
auth-field-new-password-confirmation = New password (again)

auth-sign-up-title = Create an account
auth-sign-up-lead = With an account you can join organisations and take part in regional projects.
auth-sign-up-submit = Create account
auth-sign-up-have-account = Already have an account?
auth-sign-in-title = Sign in
auth-sign-in-submit = Sign in
auth-sign-in-no-account = New to Sosei?

auth-error-password-mismatch = The two passwords do not match
auth-error-email-taken = An account with this e-mail address already exists. Please sign in instead
auth-error-wrong-credentials = The e-mail address or password is wrong
auth-error-current-password-wrong = The current password is wrong
auth-error-locked = There were too many wrong passwords for this account. Please try again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}.

auth-account-title = Your account
auth-account-profile = Profile
auth-account-language = Preferred language
auth-account-language-change = Language for the interface:
auth-account-language-save = Save
auth-account-site-admin = Site administration
auth-account-site-admin-yes = You are a site administrator
auth-account-memberships = Organisations and roles
auth-account-no-memberships = You do not belong to any organisation yet.
auth-account-organisation = Organisation
auth-account-roles = Roles
auth-account-change-password = Change password
auth-change-password-signs-out-others = After the change you will be signed out on every other device.
auth-change-password-submit = Change password
auth-password-changed = Your password has been changed. You have been signed out on your other devices.

auth-language-ja = Japanese
auth-language-en = English
auth-language-unset = Not set (follows your browser)

auth-role-admin = Administrator
auth-role-coordinator = Coordinator
auth-role-facilitator = Facilitator
auth-role-expert = Expert
auth-role-member = Member

## Site administration

admin-title = Site administration
admin-users = Users
admin-users-count = { $count ->
    [one] 1 user
   *[other] { $count } users
}
admin-user-name = Name
admin-user-email = E-mail address
admin-user-created = Registered
admin-user-site-admin = Site administrator
admin-page-of = Page { $page } of { $pages }
admin-page-previous = Previous page
admin-page-next = Next page
admin-organisations = Organisations
admin-no-organisations = There are no organisations yet.
admin-organisation-slug = Short name
admin-organisation-kind = Kind
admin-organisation-name = Name
admin-organisation-members = Members and roles
admin-organisation-no-members = No members yet
admin-revoke = Remove
admin-revoke-label = Remove the role { $role } from { $name }
admin-roles-title = Grant or remove a role
admin-roles-lead = Give a registered person a role in an organisation, or take it away.
admin-field-email = E-mail address of the person
admin-field-organisation = Organisation
admin-field-role = Role
admin-field-action = Action
admin-action-grant = Grant the role
admin-action-revoke = Remove the role
admin-roles-submit = Apply
admin-create-organisation-title = Create an organisation
admin-field-slug = Short name (used in addresses)
admin-field-slug-hint = 2 to 60 lower-case letters, digits and hyphens, e.g. tono-city
admin-field-kind = Kind of organisation
admin-field-name-ja = Name in Japanese
admin-field-name-en = Name in English
admin-field-names-hint = Fill in at least one of the two names.
admin-create-organisation-submit = Create organisation
admin-error-user-unknown = No account has this e-mail address
admin-error-organisation-unknown = Please choose an organisation
admin-error-role-unknown = Please choose a role
admin-error-kind-unknown = Please choose the kind of organisation
admin-error-action-unknown = Please choose whether to grant or remove the role
admin-error-slug-taken = Another organisation already uses this short name
admin-notice-role-granted = The role has been granted.
admin-notice-role-revoked = The role has been removed.
admin-notice-organisation-created = The organisation has been created.

admin-kind-municipality = Local government
admin-kind-npo = Non-profit organisation
admin-kind-company = Company
admin-kind-university = University
admin-kind-cooperative = Cooperative
admin-kind-network = Network
