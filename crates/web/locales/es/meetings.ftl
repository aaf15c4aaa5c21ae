# Reuniones de los grupos: series periódicas, sesiones canceladas y movidas, orden del día, actas,
# asistencia y calendarios iCalendar.

meetings-heading = Reuniones
meetings-none = Aún no hay reuniones periódicas.
meetings-duration = { $minutes ->
    [one] { $minutes } minuto
   *[other] { $minutes } minutos
}
meetings-no-next = Ninguna reunión en el próximo año.
meetings-times-in = Próximas reuniones, en hora de { $zone }:
meetings-moved = movida
meetings-cancelled-tag = cancelada
meetings-cancelled = Esta reunión está cancelada.
meetings-edit-named = Editar «{ $title }»
meetings-new = Añadir una reunión periódica
meetings-new-heading = Nueva reunión periódica de { $group }
meetings-edit-series = Editar la reunión periódica
meetings-subscribe = Suscribirse al calendario del grupo (iCalendar)
meetings-private-feed = Las reuniones de este grupo son para sus miembros: añádalas a su calendario con el enlace privado de su página de cuenta.
meetings-start-hint = La fecha y la hora local de la primera reunión, en la zona horaria de abajo.
meetings-zone-hint = La zona horaria de la reunión, por su nombre IANA, como America/New_York o Europe/Madrid.
meetings-rule-hint = Cómo se repite, como regla iCalendar: FREQ=WEEKLY;INTERVAL=2;BYDAY=WE es un miércoles de cada dos.
meetings-save = Guardar
meetings-no-agenda = Aún no hay orden del día.
meetings-attendance = Asistencia
meetings-no-attendance = Nadie ha indicado todavía que asiste.
meetings-attending = Asisto
meetings-not-attending = Finalmente no asisto
meetings-write-notes = Orden del día y acta
meetings-change-heading = Cancelar, mover o restablecer esta reunión
meetings-action-cancel = Cancelar esta reunión
meetings-action-move = Moverla a otra hora
meetings-action-restore = Restablecerla según la regla
meetings-apply = Aplicar
field-meeting-start = Primera reunión
field-zone = Zona horaria
field-rule = Se repite
field-duration_minutes = Duración en minutos
field-place = Lugar o enlace
field-agenda_template = Plantilla del orden del día
field-agenda = Orden del día
field-notes = Acta
field-action = Cambio
field-moved_to = Nueva fecha y hora
meetings-moved-to-in = Nueva fecha y hora ({ $zone })
field-occurrence = Sesión

calendar-heading = Calendario
calendar-text = Un enlace privado a las reuniones de todos sus grupos, para su aplicación de calendario. Quien tenga el enlace ve estas reuniones: guárdelo para usted y cree uno nuevo si se filtró.
calendar-none = No tiene enlace de calendario.
calendar-since = Tiene un enlace de calendario desde { $date }.
calendar-create = Crear un enlace de calendario
calendar-renew = Crear un enlace nuevo (el anterior deja de funcionar)
calendar-revoke = Revocar el enlace
calendar-link-heading = Su enlace de calendario
calendar-link-once = Copie este enlace en su aplicación de calendario como suscripción. Solo se muestra ahora: Agora guarda únicamente una huella.
calendar-link-label = Enlace de calendario
calendar-back = Cuenta
calendar-feed-name = Mis reuniones en Agora

task-group-meeting = { $title } ({ $group }): { $time } { $zone }

error-unknown-time-zone = Zona horaria desconocida: use un nombre IANA como America/New_York.
error-invalid-rule = Agora no acepta esta regla de repetición (por ejemplo FREQ=WEEKLY;BYDAY=WE; la hora es la de la primera reunión).
error-rule-too-frequent = Las reuniones se repiten como mucho a diario.
error-start-not-in-rule = La primera reunión debe ser una que dé la regla (compruebe el día de la semana).
error-nonexistent-local-time = Esta hora local no existe en esa zona horaria (los relojes la saltan).
error-invalid-date-time = Indique una fecha y una hora, como 2026-01-07T10:00.
error-not-an-occurrence = No hay ninguna reunión de esta serie a esa hora.
error-invalid-action = Elija cancelar, mover o restablecer.
error-unchanged = Elija otra hora.
error-not-changed = Esta reunión no ha sido modificada.
error-not-a-member = Solo los miembros del grupo pueden hacerlo.
error-moved-into-past = Una reunión por venir no puede moverse a una hora ya pasada.
meetings-every-weeks = { $count ->
    [one] Cada semana el { $days }
   *[other] Cada { $count } semanas el { $days }
}
weekday-mo = lunes
weekday-tu = martes
weekday-we = miércoles
weekday-th = jueves
weekday-fr = viernes
weekday-sa = sábado
weekday-su = domingo
