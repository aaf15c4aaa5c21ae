# Inicio de sesión, contraseñas, la página de la cuenta, tokens de API, roles y los correos sobre ellos.

## Sign-in, passwords, account
login-title = Iniciar sesión
login-heading = Iniciar sesión en Agora
login-email = Correo electrónico
login-password = Contraseña
login-submit = Iniciar sesión
login-failed = El correo electrónico o la contraseña no son correctos.
login-forgot = ¿Olvidó su contraseña?
forgot-title = Restablecer la contraseña
forgot-heading = Restablecer la contraseña
forgot-text = Escriba el correo electrónico de su cuenta. Si existe, le enviaremos un enlace para elegir una contraseña nueva; el enlace es válido durante una hora.
forgot-submit = Enviar el enlace
forgot-sent = Si existe una cuenta con esta dirección, le hemos enviado un enlace para restablecer su contraseña.
reset-heading = Elija una contraseña nueva
invitation-heading = Bienvenido a Agora: elija su contraseña
password-new = Contraseña nueva
password-hint = Al menos 12 caracteres. Unas cuantas palabras sin relación entre sí forman una contraseña segura y fácil de recordar.
password-confirm = Repita la contraseña nueva
password-current = Contraseña actual
password-submit = Guardar la contraseña e iniciar sesión
link-expired = Este enlace ha caducado o ya se utilizó. Pida uno nuevo.
account-title = Su cuenta
account-heading = Su cuenta
account-profile = Perfil
account-roles = Roles
account-no-roles = Ninguno
account-password = Cambiar la contraseña
account-password-submit = Cambiar la contraseña
account-password-changed = Su contraseña se cambió. Se cerraron sus demás sesiones.
account-language = Idioma
account-language-text = Agora muestra sus páginas y le escribe los correos en este idioma.
account-language-auto = El idioma de mi navegador
account-language-submit = Guardar el idioma
account-language-saved = Se guardó su idioma.
tokens-heading = Tokens de API
tokens-text = Los tokens personales permiten que sus scripts usen la API de Agora en su nombre, con sus permisos. Envíe uno como "Authorization: Bearer <token>".
tokens-created = Copie ahora su nuevo token: no se volverá a mostrar.
tokens-none = No tiene tokens de API.
tokens-name = Nombre
tokens-prefix = Empieza por
tokens-created-at = Creado
tokens-last-used = Último uso
tokens-never = Nunca
tokens-actions = Acciones
tokens-revoke = Revocar
tokens-new-name = Nombre de un token nuevo
tokens-create = Crear un token
tokens-expires = Caduca
tokens-expired = Caducó el { $date }
tokens-valid-for = Válido durante
tokens-valid-days = { $count ->
    [one] { $count } día
   *[other] { $count } días
}
tokens-revoked-by-reset = { $count ->
    [one] Se restableció su contraseña, por lo que se revocó su token de API: cree uno nuevo para sus scripts.
   *[other] Se restableció su contraseña, por lo que se revocaron sus { $count } tokens de API: cree otros nuevos para sus scripts.
}

## Roles
role-admin = Administrador de la fundación
role-partner_admin = Administrador del socio
role-partner_member = Miembro del socio
role-facilitator = Facilitador
role-group_member = Miembro de grupo
role-panelist = Miembro del jurado

## E-mails
email-invite-subject = Su invitación a Agora
email-invite-body = Hola, { $name }:

    Le han invitado a Agora, donde la comunidad Open edX gestiona su programa de socios.
    Elija su contraseña en los próximos 7 días en:

    { $link }
email-tokens-revoked-subject = Se revocaron sus tokens de API de Agora
email-tokens-revoked-body = Hola, { $name }:

    Se acaba de restablecer la contraseña de su cuenta de Agora, por lo que se revocaron todos los tokens de API de la cuenta: los scripts que los usan ya no pueden actuar en su nombre. Cree tokens nuevos en la página de su cuenta si los necesita.

    Si usted no restableció su contraseña, avise a la fundación de inmediato.
email-reset-subject = Restablezca su contraseña de Agora
email-reset-body = Hola, { $name }:

    Alguien pidió restablecer la contraseña de su cuenta de Agora. Si fue usted, elija una nueva en el plazo de una hora en:

    { $link }

    Si no fue usted, ignore este mensaje: su contraseña no cambia.
