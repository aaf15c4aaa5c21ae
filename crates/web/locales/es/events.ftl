nav-events = Eventos
# Eventos de grupos y personas: seminarios web, talleres, encuentros, sesiones de conferencia.

events-heading = Eventos
events-intro = Seminarios web, talleres, encuentros y sesiones de conferencia de la comunidad y sus grupos.
events-new = Añadir un evento
events-edit = Editar el evento
events-subscribe = Suscribirse a los eventos públicos (iCalendar)
events-when = Cuándo
events-upcoming = Próximos
events-past = Pasados
events-any-kind = Cualquier tipo
events-filter = Mostrar
events-none = No hay eventos aquí.
events-cancelled-tag = cancelado
events-is-cancelled = Este evento está cancelado.
events-zone = hora de { $zone }
events-registrations = Inscripciones
events-registered = { $count ->
    [one] { $count } persona inscrita
   *[other] { $count } personas inscritas
}
events-registered-of = { $count ->
    [one] { $count } de { $capacity } plazas ocupadas
   *[other] { $count } de { $capacity } plazas ocupadas
}
events-registration-closed = inscripción cerrada
events-add-to-calendar = Añadir a mi calendario (iCalendar)
events-register = Inscribirme
events-unregister = Retirar mi inscripción
events-sign-in-to-register = Inicie sesión para inscribirse
events-organize = Organizar
events-registrants = Inscritos y asistencia
events-registrants-of = Inscritos en «{ $title }»
events-no-registrants = Nadie se ha inscrito todavía.
events-mark-present = Marcar quién asistió
events-attended = asistió
events-save-attendance = Guardar la asistencia
events-cancel = Cancelar este evento
events-capacity-hint = Déjelo vacío si no hay límite.
events-group-hint = Solo los grupos que usted facilita: el evento aparece entonces en la página del grupo.
events-organizers-hint = Otros organizadores por su correo electrónico, separados por comas. Deben tener una cuenta.
events-no-group = Ningún grupo (evento propio)
events-all-of-group = Todos los eventos del grupo
events-save = Guardar
events-feed-name = Eventos de Agora
event-kind-webinar = Seminario web
event-kind-workshop = Taller
event-kind-meetup = Encuentro
event-kind-conference-session = Sesión de conferencia
event-visibility-public = Todo el mundo
event-visibility-members = Miembros del grupo
field-event-place = Lugar
field-link = Enlace
field-organizers = Organizadores
field-start_time = Empieza
field-end_time = Termina
field-capacity = Plazas
field-registration = Inscripción abierta
field-audience = Quién puede verlo
field-group = Grupo
field-attendance = Asistencia
task-event = { $title }: { $time } { $zone }

error-invalid-event-kind = Elija un tipo de evento.
error-end-before-start = El final debe ser posterior al inicio.
error-place-or-link-required = Indique un lugar, un enlace o ambos.
error-members-need-group = Un evento para miembros necesita un grupo.
error-group-is-members-only = La actividad de este grupo es para sus miembros: haga el evento para sus miembros.
error-invalid-organizers = Indique correos electrónicos separados por comas.
error-too-many-organizers = Como máximo diez organizadores más.
error-capacity-below-registered = Ya se han inscrito más personas: las plazas no pueden ser menos.
error-event-cancelled = Este evento está cancelado.
error-event-past = Este evento ya terminó.
error-registration-closed = La inscripción está cerrada.
error-event-full = Este evento está completo.
error-event-not-started = La asistencia se puede marcar cuando el evento ha empezado.
error-not-registered = Solo se puede marcar como presentes a las personas inscritas.
error-not-a-facilitator = Solo quienes facilitan el grupo pueden organizar eventos en su nombre.

# Invitados: visitantes que se inscriben sin cuenta.
events-guest-heading = Inscribirse sin cuenta
events-guest-intro = Indique su nombre y su correo electrónico: le enviamos un enlace para confirmar. Solo los organizadores los ven.
events-guest-or-sign-in = O inicie sesión.
events-guest-asked = Revise su correo: le enviamos un enlace para confirmar su inscripción. Es válido durante 72 horas.
events-guest-withdrawn = Su inscripción está retirada.
events-guest-title = Su inscripción a «{ $title }»
events-guest-pending = Confirme su inscripción para ocupar una plaza.
events-guest-confirm = Confirmar mi inscripción
events-guest-confirmed = Está inscrito. Guarde el correo: su enlace le permite retirarse.
events-guest-expired = Este enlace ha caducado. Inscríbase de nuevo desde la página del evento.
events-guest-see-event = Ver el evento
events-guest-tag = invitado
events-guests-pending = Invitados que aún no han confirmado
field-full_name = Su nombre
error-members-only = Solo los miembros del grupo pueden inscribirse en este evento: inicie sesión.
error-link-expired = Este enlace ha caducado. Inscríbase de nuevo desde la página del evento.
error-already-attended = Su asistencia está registrada: la inscripción se mantiene.
error-one-line = Escríbalo en una sola línea.
email-event-guest-subject = Confirme su inscripción: { $title }
email-event-guest-body = Hola, { $name }:

    Alguien, probablemente usted, pidió inscribir esta dirección en «{ $title }», { $when }.

    Para confirmar, abra este enlace y pulse el botón. El mismo enlace le permite retirarse más tarde:
    { $link }

    El enlace es válido durante { $hours } horas. Si no lo pidió, ignore este correo: no ocurre nada.
events-guest-unknown-title = Este enlace no es válido
events-guest-unknown = La inscripción se retiró o el enlace está incompleto. Puede inscribirse de nuevo desde la página del evento.
events-guest-see-events = Ver los eventos
events-why-not-register = Inscripción: { $reason }
