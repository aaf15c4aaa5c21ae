notifications-title = Notificaciones
notifications-heading = Notificaciones por correo
notifications-text = Elija cómo le llega cada tipo de correo: al momento, reunido en un resumen diario o semanal, o nunca. Los resúmenes se envían a las 07:00 UTC (los semanales, los lunes), en su idioma.
notifications-kind = Tipo de notificación
notifications-everywhere = Cómo recibirla
notifications-groups-heading = Por grupo
notifications-groups-text = La elección para un grupo prevalece sobre la general de arriba.
notifications-group-caption = Notificaciones de { $group }
notifications-as-everywhere = Como arriba
notifications-no-groups = Aún no es miembro de ningún grupo: cuando se una a uno, podrá elegir aquí solo para ese grupo.
notifications-save = Guardar preferencias
notifications-saved = Sus preferencias de notificación están guardadas.
notifications-always-heading = Siempre se envían
notifications-always-text = Estos no se pueden desactivar: las ofertas de solicitudes a un socio (caducan y pasan a otro socio si nadie responde) y los mensajes sobre su cuenta y su seguridad (invitaciones, enlaces de acceso y de contraseña, tokens de API).
notifications-link = Preferencias de notificación
topic-decisions = Decisiones
topic-decisions-hint = Decisiones abiertas, revisadas, escaladas o tomadas donde usted participa.
topic-updates = Informes de los grupos
topic-updates-hint = Los informes de estado que publican sus grupos.
topic-meetings = Reuniones
topic-meetings-hint = Una reunión de su grupo cancelada o movida.
topic-reminders = Recordatorios
topic-reminders-hint = Un informe u horas pendientes, un mandato de facilitación que termina, una votación que cierra.
topic-leads = Solicitudes
topic-leads-hint = Solicitudes de su socio cerradas. Las ofertas siempre se envían.
topic-membership = Membresía
topic-membership-hint = Solicitudes para unirse a sus grupos, y respuestas a las suyas.
delivery-at-once = Al momento
delivery-daily = Resumen diario
delivery-weekly = Resumen semanal
delivery-off = Desactivado
unsubscribe-title = Darse de baja
unsubscribe-heading = ¿Dejar de recibir estos correos?
unsubscribe-confirm-topic = Ya no recibirá correos de este tipo, en ningún grupo: { $name }.
unsubscribe-confirm-digest-daily = Su resumen diario se detendrá, con todo lo que reunía.
unsubscribe-confirm-digest-weekly = Su resumen semanal se detendrá, con todo lo que reunía.
unsubscribe-submit = Darse de baja
unsubscribe-done = Hecho: ya no recibirá estos correos.
unsubscribe-change = Puede cambiarlo en cualquier momento en la página de sus preferencias de notificación.
unsubscribe-invalid = Este enlace para darse de baja no es válido: quizá se cortó al copiarlo. Inicie sesión y cambie sus preferencias de notificación.
email-notice-subject = { $topic ->
    [decisions] Decisiones
    [updates] Informes de los grupos
    [meetings] Reuniones
    [reminders] Recordatorios
    [leads] Solicitudes
   *[membership] Membresía
}
email-notice-body = Recibe este correo según sus preferencias de notificación. Cambiarlas: { $preferences }
    Dejar de recibir correos de este tipo: { $unsubscribe }
email-digest-subject = { $period ->
    [weekly] Su resumen semanal de Agora
   *[daily] Su resumen diario de Agora
}: { $count ->
    [one] un mensaje
   *[other] { $count } mensajes
}
email-digest-body = { $items }

    --
    Cambiar cómo recibe las notificaciones: { $preferences }
    Detener este resumen: { $unsubscribe }
email-group-update-posted-subject = { $group }: informe de { $period } por { $by }
email-group-update-posted-body = { $by } publicó el informe de { $group } para { $period }:

    { $progress }

    Léalo completo, con bloqueos y próximos pasos: { $link }
email-group-meeting-cancelled-subject = Cancelada: { $title } de { $group } el { $occurrence }
email-group-meeting-cancelled-body = La reunión { $title } de { $group } del { $occurrence } se cancela. Las reuniones del grupo: { $link }
email-group-meeting-moved-subject = Movida: { $title } de { $group } el { $occurrence }
email-group-meeting-moved-body = La reunión { $title } de { $group } prevista el { $occurrence } se mueve al { $moved }. Las reuniones del grupo: { $link }
error-notification-not-per-group = Este tipo de notificación no se elige por grupo.
error-notification-repeated = Esta elección aparece dos veces.
error-notification-not-your-group = Solo puede elegir para los grupos de los que es miembro.
error-notification-invalid-choice = Elija al momento, resumen diario, resumen semanal o desactivado, para un tipo de notificación de esta página.
notifications-summary = Elija, por tipo y por grupo, si los correos le llegan al momento, en un resumen diario o semanal, o nunca.
error-too-many-choices = Más elecciones de las que nadie puede hacer: una por tipo de notificación y por grupo como máximo.
email-group-join-requested-subject = { $name } pide unirse a { $group }
email-group-join-requested-body = { $name } pide unirse a { $group }. Acepte o rechace (con un motivo) aquí: { $link }
