# Sign-in, passwords, the account page, API tokens, roles and the e-mails about them.

## Sign-in, passwords, account
login-title = Sign in
login-heading = Sign in to Agora
login-email = Email
login-password = Password
login-submit = Sign in
login-failed = The email or password is not correct.
login-forgot = Forgot your password?
forgot-title = Reset your password
forgot-heading = Reset your password
forgot-text = Enter the email of your account. If it exists, we will send a link to choose a new password; the link works for one hour.
forgot-submit = Send the link
forgot-sent = If an account exists for this address, a link to reset its password is on its way.
reset-heading = Choose a new password
invitation-heading = Welcome to Agora: choose your password
password-new = New password
password-hint = At least 12 characters. A few unrelated words make a strong, memorable password.
password-confirm = Repeat the new password
password-current = Current password
password-submit = Save password and sign in
link-expired = This link has expired or was already used. Ask for a new one.
account-title = Your account
account-heading = Your account
account-profile = Profile
account-roles = Roles
account-no-roles = None
account-password = Change password
account-password-submit = Change password
account-password-changed = Your password was changed. Your other sessions were signed out.
account-language = Language
account-language-text = Agora writes your pages and the e-mails it sends you in this language.
account-language-auto = The language of my browser
account-language-submit = Save the language
account-language-saved = Your language was saved.
tokens-heading = API tokens
tokens-text = Personal tokens let scripts use the Agora API on your behalf, with your permissions. Send one as "Authorization: Bearer <token>".
tokens-created = Copy your new token now: it will not be shown again.
tokens-none = You have no API tokens.
tokens-name = Name
tokens-prefix = Starts with
tokens-created-at = Created
tokens-last-used = Last used
tokens-never = Never
tokens-actions = Actions
tokens-revoke = Revoke
tokens-new-name = Name of a new token
tokens-create = Create token
tokens-expires = Expires
tokens-expired = Expired on { $date }
tokens-valid-for = Valid for
tokens-valid-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
tokens-revoked-by-reset = { $count ->
    [one] Your password was reset, so your API token was revoked: create a new one for your scripts.
   *[other] Your password was reset, so your { $count } API tokens were revoked: create new ones for your scripts.
}

## Roles
role-admin = Foundation admin
role-partner_admin = Partner admin
role-partner_member = Partner member
role-facilitator = Facilitator
role-group_member = Group member
role-panelist = Panelist

## E-mails
email-invite-subject = Your invitation to Agora
email-invite-body = Hello { $name },

    You have been invited to Agora, where the Open edX community runs its partner program.
    Choose your password within 7 days at:

    { $link }
email-tokens-revoked-subject = Your Agora API tokens were revoked
email-tokens-revoked-body = Hello { $name },

    The password of your Agora account was just reset, so every API token of the account was revoked: scripts using them can no longer act for you. Create new tokens on your account page if you need them.

    If you did not reset your password, tell the foundation at once.
email-reset-subject = Reset your Agora password
email-reset-body = Hello { $name },

    Someone asked to reset the password of your Agora account. If it was you, choose a new one within one hour at:

    { $link }

    If it was not you, ignore this message: your password stays as it is.
