# Grupos: grupos de trabajo, grupos de enfoque y comités; inscripción, miembros, turnos de facilitación.

nav-groups = Grupos

## Directorio y página del grupo
groups-heading = Grupos
groups-intro = Grupos de trabajo, grupos de enfoque y comités donde los miembros de la comunidad trabajan juntos. Los grupos abiertos admiten a cualquiera que se una; en los demás se pide primero a sus facilitadores.
groups-none = Todavía no hay grupos.
groups-col-name = Nombre
groups-part-of = Parte de
groups-decisions = Decisiones
groups-edit = Editar el grupo
groups-time = Dedicación
groups-time-none = No indicada
groups-hours = { $max ->
    [one] { $min }–{ $max } hora al mes
   *[other] { $min }–{ $max } horas al mes
}
groups-hours-hint = Horas al mes que se espera de cada miembro, de la menor a la mayor. Deje ambas vacías si el grupo no indica ninguna.
groups-subgroups = Grupos dentro de este
groups-collaborators = Colabora con
groups-your-membership = Membresía
groups-sign-in-to-join = Inicie sesión para unirse a este grupo
groups-you-are-member = Usted es miembro de este grupo.
groups-join = Unirse al grupo
groups-leave = Dejar el grupo
groups-ask = Pedir unirse
groups-by-request-hint = Este grupo admite miembros por solicitud: un facilitador lee su mensaje y responde.
groups-request-waiting = Su solicitud para unirse espera la respuesta de un facilitador.
groups-request-declined = Su última solicitud fue rechazada: { $reason }
groups-requests = Solicitudes para unirse
groups-requests-none = No hay ninguna solicitud pendiente.
groups-decline-reason = Motivo (necesario para rechazar)
groups-accept = Aceptar
groups-decline = Rechazar
groups-members = Miembros
groups-members-none = Todavía no se ha unido nadie.
groups-terms = Facilitadores
groups-terms-hint = Cada grupo tiene un facilitador principal y uno secundario, por turnos. Los turnos se planifican con antelación; el historial muestra quién facilitó y cuándo.
groups-terms-current = Ahora
groups-terms-planned = Planificados
groups-terms-past = Historial
groups-terms-none = Ninguno.
groups-plan-term = Planificar un turno
groups-plan = Planificar el turno
groups-edit-heading = Editar { $name }
groups-save = Guardar
groups-collab-add = Añadir como colaborador
groups-collab-remove = Dejar de colaborar con { $name }

## Tipos, membresía, puestos, funciones, solicitudes
group-kind-working-group = Grupo de trabajo
group-kind-focus-group = Grupo de enfoque
group-kind-committee = Comité o panel
group-membership-open = Abierto a todos
group-membership-by-request = Por solicitud
group-seat-primary = Facilitador principal
group-seat-secondary = Facilitador secundario
group-role-primary-facilitator = Facilitador principal
group-role-secondary-facilitator = Facilitador secundario
group-role-member = Miembro
join-status-pending = En espera
join-status-accepted = Aceptada
join-status-declined = Rechazada

## Campos
field-parent = Grupo superior
field-purpose = Propósito
field-charter = Carta del grupo
field-hours_min = Como mínimo (horas al mes)
field-hours_max = Como máximo (horas al mes)
field-chat_channel = Canal de chat
field-chat_url = Enlace del canal de chat
field-mailing_list = Lista de correo
field-membership = Membresía
field-person = Persona
field-seat = Puesto
field-starts_on = Primer día
field-ends_on = Último día
field-collaborator = Grupo
field-request = Solicitud

## Errores
error-invalid-group-kind = Elija grupo de trabajo, grupo de enfoque o comité.
error-invalid-membership = Elija abierto o por solicitud.
error-invalid-seat = Elija facilitador principal o secundario.
error-below-minimum = El máximo no puede ser menor que el mínimo.
error-parent-loop = Un grupo no puede estar bajo sí mismo ni bajo uno de sus propios grupos.
error-unknown-group = No hay ningún grupo con este nombre.
error-same-group = Un grupo no puede colaborar consigo mismo.
error-sign-in-required = Inicie sesión primero.
error-already-member = Ya es miembro de este grupo.
error-by-request = Este grupo admite miembros por solicitud: pida unirse.
error-request-pending = Su solicitud ya espera una respuesta.
error-facilitator-must-hand-over = Usted facilita este grupo ahora o más adelante: traspase su turno antes de irse.
error-not-member = Esta persona no es miembro del grupo.
error-already-answered = Esta solicitud ya tiene respuesta.
error-in-the-past = Elija hoy o un día posterior: los turnos pasados son historial.
error-before-start = El último día no puede ser anterior al primero.
error-term-too-long = Un turno dura como máximo un año.
error-seat-taken = Otra persona ocupa este puesto en esos días.
error-already-facilitating = Esta persona ya facilita en esos días.
error-invalid-decision = Elija aceptar o rechazar.

## Lo que me necesita
task-group-join-request = Responder a la solicitud de { $name } para unirse a { $group }
task-group-term-ending = El turno de { $name } en { $group } termina pronto: planifique el siguiente facilitador
task-group-check-in = Registre el avance de «{ $key_result }» ({ $group }): nadie lo ha hecho en dos semanas

## Correos
email-group-request-accepted-subject = Bienvenido a { $group }
email-group-request-accepted-body = Su solicitud para unirse a { $group } fue aceptada. Ya es miembro: { $link }
email-group-request-declined-subject = Su solicitud para unirse a { $group }
email-group-request-declined-body = Su solicitud para unirse a { $group } fue rechazada. El facilitador escribió:

    { $reason }

    { $link }
email-group-term-ending-subject = Su turno de facilitación en { $group } termina el { $date }
email-group-term-ending-body = Su turno como facilitador de { $group } termina el { $date }. Planifique quién facilita después, para que el grupo nunca quede sin facilitador: { $link }

## OKR
kr-kind-number = Número
kr-kind-percentage = Porcentaje
kr-kind-currency = Importe
kr-kind-milestone = Hito
confidence-low = Confianza baja
confidence-medium = Confianza media
confidence-high = Confianza alta
field-start = Valor inicial
field-target = Valor objetivo
field-value = Valor actual
field-unit = Unidad
field-confidence = Confianza
field-weight = Peso
field-comment = Comentario
error-invalid-kr-kind = Elija número, porcentaje, importe o hito.
error-invalid-confidence = Indique una confianza de 0 a 1 en pasos de 0,1, por ejemplo 0.7.
error-target-equals-start = El objetivo debe ser distinto del valor inicial.
error-too-many-key-results = Un objetivo tiene como máximo cinco resultados clave.
error-period-closed = Este periodo ha terminado: sus objetivos y resultados clave ya no cambian ni admiten actualizaciones.
error-period-not-started = Este periodo aún no ha empezado: actualice a partir de su primer día.
error-invalid-score = Indique una puntuación de 0 a 1 en pasos de 0,1, por ejemplo 0.7.
error-period-not-ending = Los resultados clave se puntúan en las dos últimas semanas de su periodo o después.
error-not-parent-objective = Elija un objetivo del grupo superior en el mismo periodo.
error-already-scored = Este resultado clave ya está puntuado: su periodo está cerrado.

## OKR pages
field-aligned_to = Contribuye al objetivo del grupo superior
field-members_check_in = Los miembros pueden registrar avances (los facilitadores siempre)
field-score = Puntuación
field-key_results = Resultados clave
okr-heading = Objetivos y resultados clave, { $period }
okr-intro = Lo que el grupo se propone lograr este trimestre y los resultados clave medibles que lo muestran. El avance de un objetivo es la media ponderada del avance de sus resultados clave.
okr-show = Mostrar
okr-none = Todavía no hay objetivos para este periodo.
okr-none-short = Ninguno todavía
okr-group-progress = Avance del grupo: { $percent }
okr-progress = Avance: { $percent }
okr-serves = contribuye a «{ $objective }»
okr-key-results-of = Resultados clave de «{ $objective }»
okr-no-key-results = Todavía no hay resultados clave.
okr-col-key-result = Resultado clave
okr-col-progress = Avance
okr-col-now = Ahora
okr-col-objectives = Objetivos
okr-col-when = Cuándo
okr-col-by = Por
okr-add-objective = Añadir un objetivo
okr-edit-objective = Editar el objetivo
okr-add-key-result = Añadir un resultado clave
okr-edit-key-result = Editar el resultado clave
okr-children = Objetivos de los grupos que forman parte de este
okr-milestone-done = Hecho
okr-milestone-open = Todavía no
okr-new-objective-heading = Nuevo objetivo para { $group }
okr-objective-hint = Lo que el grupo quiere lograr, en palabras: cualitativo, no una cifra.
okr-period-hint = Un trimestre, por ejemplo 2026-Q4.
okr-aligned-label = Objetivo de { $group } al que contribuye
okr-aligned-none = Ninguno
okr-save = Guardar
okr-new-key-result-heading = Nuevo resultado clave para «{ $objective }»
okr-kind = Qué mide
okr-kind-hint = Un hito está hecho o no; los demás van del valor inicial a la meta, al alza o a la baja.
okr-confidence-hint = Cuán seguro está el grupo de cumplirlo, de 0 a 1 en pasos de 0,1 (0,5 si se deja vacío).
okr-weight-hint = Su peso en el avance del objetivo, de 1 a 100; pesos iguales (1) si no se indica.
okr-of-objective = Resultado clave de «{ $objective }»
okr-history = Avance y confianza a lo largo del tiempo
okr-history-caption = Registros de avance, del más antiguo al más reciente
okr-no-check-ins = Todavía no hay registros de avance.
okr-chart-title = Avance en cada registro
okr-chart-desc = Una barra por registro, con su día y la confianza indicada; la longitud de la barra es el avance hacia la meta, de 0 a 100 %.
okr-chart-point = { $day } · { $confidence }
okr-closed = Este resultado clave ya no admite registros: su periodo terminó o ya fue puntuado.
okr-check-in-heading = Registrar avance
okr-value-hint = El valor actual (la meta es { $target }).
okr-milestone-hint = 1 si está hecho, 0 si todavía no.
okr-check-in-button = Registrar
okr-score-heading = Puntuación al final del periodo
okr-score-hint = De 0 a 1 en pasos de 0,1: 0,7 suele indicar un resultado ambicioso y bien logrado.
okr-closing-note = Nota de cierre: lo que aprendió el grupo
okr-score-button = Guardar la puntuación

## Regular updates
group-updates-heading = Informes periódicos
group-update-next-due = Próximo informe previsto el { $date }
group-update-cadence = { $days ->
    [one] cada día
   *[other] cada { $days } días
}
group-updates-feed = Canal Atom
group-updates-digest = Resumen imprimible
group-updates-children = Informes de los subgrupos
group-updates-col-status = Estado
group-updates-col-due = Próximo previsto
group-updates-col-last = Último informe
group-updates-never = Nunca
group-updates-none = Todavía no se ha publicado ningún informe.
group-update-by = { $name } sobre { $period }
group-update-post = Publicar un informe
group-update-period-hint = El trimestre del que se informa, como 2026-Q4; déjelo vacío para el actual. Se acepta el trimestre anterior para un informe tardío.
group-update-links-hint = Una dirección http o https por línea, 10 como máximo.
group-update-submit = Publicar el informe
group-update-settings = Ajustes de los informes
group-update-settings-save = Guardar los ajustes
group-update-status-unscheduled = Sin calendario todavía
group-update-status-on-track = Al día
group-update-status-due-soon = Previsto en breve
group-update-status-overdue = Atrasado
group-update-entry-title = Informe de { $group }, { $date }
group-updates-feed-title = Informes de { $group }
group-updates-feed-all-title = Informes de todos los grupos públicos
group-digest-title = { $group }: informes de { $period }
group-digest-show = Mostrar
group-digest-none = Ningún informe en este periodo.
task-group-update-due = Publique el informe periódico de { $group }
email-group-update-due-subject = El informe de { $group } está previsto el { $date }
email-group-update-due-body = El informe periódico de { $group } está previsto el { $date }. Publique aquí sus avances, bloqueos y próximos pasos: { $link }
field-progress = Avances
field-blockers = Bloqueos
field-next_steps = Próximos pasos
field-links = Enlaces
field-cadence_days = Días entre informes
field-members_post = Los miembros pueden publicar informes, no solo los facilitadores
error-too-many-links = Como máximo 10 enlaces.
error-period-not-open = Publique para el trimestre actual o el anterior.
