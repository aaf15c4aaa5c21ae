# Connexion, mots de passe, la page du compte, jetons d'API, rôles et les e-mails qui s'y rapportent.

## Sign-in, passwords, account
login-title = Se connecter
login-heading = Se connecter à Agora
login-email = Adresse e-mail
login-password = Mot de passe
login-submit = Se connecter
login-failed = L'adresse e-mail ou le mot de passe est incorrect.
login-forgot = Mot de passe oublié ?
forgot-title = Réinitialiser votre mot de passe
forgot-heading = Réinitialiser votre mot de passe
forgot-text = Saisissez l'adresse e-mail de votre compte. S'il existe, nous vous enverrons un lien pour choisir un nouveau mot de passe ; le lien est valable une heure.
forgot-submit = Envoyer le lien
forgot-sent = Si un compte existe pour cette adresse, un lien pour réinitialiser son mot de passe vient d'être envoyé.
reset-heading = Choisissez un nouveau mot de passe
invitation-heading = Bienvenue sur Agora : choisissez votre mot de passe
password-new = Nouveau mot de passe
password-hint = Au moins 12 caractères. Quelques mots sans rapport entre eux forment un mot de passe solide et facile à retenir.
password-confirm = Répétez le nouveau mot de passe
password-current = Mot de passe actuel
password-submit = Enregistrer le mot de passe et se connecter
link-expired = Ce lien a expiré ou a déjà été utilisé. Demandez-en un nouveau.
account-title = Votre compte
account-heading = Votre compte
account-profile = Profil
account-roles = Rôles
account-no-roles = Aucun
account-password = Changer de mot de passe
account-password-submit = Changer de mot de passe
account-password-changed = Votre mot de passe a été changé. Vos autres sessions ont été déconnectées.
account-language = Langue
account-language-text = Agora affiche vos pages et vous écrit ses e-mails dans cette langue.
account-language-auto = La langue de mon navigateur
account-language-submit = Enregistrer la langue
account-language-saved = Votre langue a été enregistrée.
tokens-heading = Jetons d'API
tokens-text = Les jetons personnels permettent à des scripts d'utiliser l'API d'Agora en votre nom, avec vos droits. Envoyez-en un sous la forme "Authorization: Bearer <jeton>".
tokens-created = Copiez votre nouveau jeton maintenant : il ne sera plus affiché.
tokens-none = Vous n'avez aucun jeton d'API.
tokens-name = Nom
tokens-prefix = Commence par
tokens-created-at = Créé
tokens-last-used = Dernière utilisation
tokens-never = Jamais
tokens-actions = Actions
tokens-revoke = Révoquer
tokens-new-name = Nom d'un nouveau jeton
tokens-create = Créer un jeton
tokens-expires = Expire
tokens-expired = Expiré le { $date }
tokens-valid-for = Valable
tokens-valid-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
tokens-revoked-by-reset = { $count ->
    [one] Votre mot de passe a été réinitialisé, votre jeton d'API a donc été révoqué : créez-en un nouveau pour vos scripts.
   *[other] Votre mot de passe a été réinitialisé, vos { $count } jetons d'API ont donc été révoqués : créez-en de nouveaux pour vos scripts.
}

## Roles
role-admin = Administrateur de la fondation
role-partner_admin = Administrateur du partenaire
role-partner_member = Membre du partenaire
role-facilitator = Animateur
role-group_member = Membre d'un groupe
role-panelist = Membre du jury

## E-mails
email-invite-subject = Votre invitation à Agora
email-invite-body = Bonjour { $name },

    Vous avez été invité sur Agora, où la communauté Open edX gère son programme partenaires.
    Choisissez votre mot de passe dans les 7 jours à l'adresse :

    { $link }
email-tokens-revoked-subject = Vos jetons d'API Agora ont été révoqués
email-tokens-revoked-body = Bonjour { $name },

    Le mot de passe de votre compte Agora vient d'être réinitialisé : tous les jetons d'API du compte ont donc été révoqués, et les scripts qui les utilisent ne peuvent plus agir en votre nom. Créez de nouveaux jetons sur la page de votre compte si vous en avez besoin.

    Si vous n'avez pas réinitialisé votre mot de passe, prévenez immédiatement la fondation.
email-reset-subject = Réinitialisez votre mot de passe Agora
email-reset-body = Bonjour { $name },

    Quelqu'un a demandé à réinitialiser le mot de passe de votre compte Agora. Si c'est vous, choisissez-en un nouveau dans l'heure à l'adresse :

    { $link }

    Si ce n'est pas vous, ignorez ce message : votre mot de passe reste inchangé.
