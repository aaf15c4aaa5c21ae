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

## Proposed OKRs and templates
field-propose = Proponerlo a los comentarios de la comunidad antes de adoptarlo
field-objective = Objetivo
field-template = Plantilla
okr-propose-hint = Un objetivo propuesto admite comentarios de quien pueda ver el grupo; no admite seguimientos ni cuenta en el progreso del grupo hasta que sus facilitadores lo adopten.
okr-templates-heading = O parta de un objetivo sugerido
okr-templates-intro = Cada sugerencia trae sus resultados clave. Se convierte en una propuesta de este grupo, que luego usted edita y adopta.
okr-template-use = Proponer este objetivo
okr-state-proposed = Propuesto
okr-state-adopted = Adoptado
okr-proposed-intro = Este objetivo está propuesto: coméntelo abajo. Sus facilitadores lo adoptan cuando la comunidad ha dado su opinión.
okr-key-results-heading = Resultados clave
okr-adopt-hint = Adoptarlo cierra los comentarios; sus resultados clave admiten entonces seguimientos y cuentan en el progreso del grupo.
okr-adopt-button = Adoptar este objetivo
okr-comments-heading = { $count ->
    [one] Un comentario
   *[other] { $count } comentarios
}
okr-comment-count = { $count ->
    [0] aún sin comentarios
    [one] un comentario
   *[other] { $count } comentarios
}
okr-no-comments-yet = Aún no hay comentarios: sea el primero.
okr-no-comments = Nadie comentó mientras estaba propuesto.
okr-former-member = Un antiguo miembro
okr-comment-label = Su comentario
okr-comment-hint = ¿Qué cambiaría, añadiría o quitaría? Hasta 2000 caracteres; se muestra con su nombre visible.
okr-comment-button = Comentar
okr-sign-in-to-comment = Inicie sesión para comentar
okr-proposed-no-check-ins = El objetivo de este resultado clave sigue propuesto: los seguimientos empiezan cuando el grupo lo adopte.
okr-proposed-discuss = Comentar la propuesta
task-objective-proposed = Adopte o revise el objetivo propuesto «{ $objective }» de { $group } ({ $count ->
    [one] un comentario
   *[other] { $count } comentarios
})
error-already-adopted = Este objetivo ya está adoptado: los comentarios están cerrados.
error-not-adopted = Este objetivo sigue propuesto: los seguimientos empiezan cuando el grupo lo adopte.
error-unknown-template = No existe esa plantilla.
okr-focus-market-penetration = Penetración y expansión de mercado
okr-focus-product-market-alignment = Alineación producto-mercado
okr-focus-partnership-development = Desarrollo de alianzas
okr-focus-member-success = Éxito de los miembros y crecimiento de ingresos
okr-focus-any-group = Cualquier grupo
okr-template-new-regions = Ampliar la base de usuarios de la plataforma a nuevas regiones
okr-template-new-regions-description = Llevar Open edX a regiones con pocos o ningún proveedor, con socios locales y casos de éxito.
okr-template-new-regions-kr1 = Nuevas regiones con un proveedor de Open edX activo
okr-template-new-regions-kr1-unit = regiones
okr-template-new-regions-kr2 = Casos de éxito regionales publicados
okr-template-new-regions-kr2-unit = casos de éxito
okr-template-new-industries = Llevar Open edX a nuevos sectores
okr-template-new-industries-description = Mostrar cómo Open edX sirve a sectores más allá de la educación superior: formación corporativa, administración pública, organizaciones sin ánimo de lucro.
okr-template-new-industries-kr1 = Sectores con una implantación de referencia
okr-template-new-industries-kr1-unit = sectores
okr-template-new-industries-kr2 = Contactos cualificados de estos sectores
okr-template-new-industries-kr2-unit = contactos
okr-template-market-needs = Alinear el desarrollo de la plataforma con las necesidades del mercado
okr-template-market-needs-description = Reunir lo que necesitan proveedores y adoptantes y entregarlo al grupo de trabajo Core Product.
okr-template-market-needs-kr1 = Entrevistas con proveedores y adoptantes compartidas con Core Product
okr-template-market-needs-kr1-unit = entrevistas
okr-template-market-needs-kr2 = Informe de necesidades del mercado entregado al grupo de trabajo Core Product
okr-template-market-needs-kr2-unit = { "" }
okr-template-strategic-partnerships = Cultivar alianzas estratégicas que amplíen el alcance y las funciones de la plataforma
okr-template-strategic-partnerships-description = Alianzas con organizaciones cuyos productos o públicos amplían lo que ofrece Open edX.
okr-template-strategic-partnerships-kr1 = Alianzas estratégicas firmadas
okr-template-strategic-partnerships-kr1-unit = alianzas
okr-template-strategic-partnerships-kr2 = Socios del directorio que ofrecen integraciones
okr-template-strategic-partnerships-kr2-unit = { "" }
okr-template-revenue-models = Ayudar a los miembros a encontrar modelos de ingresos innovadores en edTech
okr-template-revenue-models-description = Compartir y probar los modelos de ingresos que permiten a los miembros hacer crecer su negocio con Open edX.
okr-template-revenue-models-kr1 = Sesiones sobre modelos de ingresos con los miembros
okr-template-revenue-models-kr1-unit = sesiones
okr-template-revenue-models-kr2 = Miembros que informan de una nueva fuente de ingresos
okr-template-revenue-models-kr2-unit = miembros
okr-template-regular-updates = Mantener a la comunidad informada del trabajo del grupo
okr-template-regular-updates-description = Documentación al día y una actualización periódica para el grupo de trabajo Biz Dev y la comunidad.
okr-template-regular-updates-kr1 = Actualizaciones publicadas a tiempo
okr-template-regular-updates-kr1-unit = actualizaciones
okr-template-regular-updates-kr2 = La página y la carta del grupo están al día
okr-template-regular-updates-kr2-unit = { "" }
okr-template-collaboration = Trabajar con los demás grupos de trabajo de Open edX
okr-template-collaboration-description = Sincronizar objetivos y actividades con los grupos de trabajo Core Product y Marketing.
okr-template-collaboration-kr1 = Sesiones conjuntas con otros grupos de trabajo
okr-template-collaboration-kr1-unit = sesiones
okr-template-collaboration-kr2 = Iniciativas realizadas junto con otro grupo de trabajo
okr-template-collaboration-kr2-unit = iniciativas

## Key results bound to a figure
field-bound_to = Avanza con
okr-bound-hint = Un resultado clave numérico puede seguir una cifra que Agora calcula sobre su periodo en lugar de seguimientos.
okr-bound-notice = Este resultado clave avanza solo: su valor es { $figure } en su periodo. No admite seguimientos.
figure-none = Seguimientos (sin cifra)
figure-members = Miembros activos del grupo
figure-updates-posted = Actualizaciones periódicas publicadas por el grupo
figure-contributions-approved = Contribuciones de marketing aprobadas
figure-leads-accepted = Contactos aceptados en { $region }
error-invalid-figure = Elija una de las cifras ofrecidas.
error-figure-needs-number = Solo un resultado clave numérico puede seguir una cifra.
error-bound-to-figure = Este resultado clave sigue una cifra que calcula Agora: no admite seguimientos.
error-unknown-region = Esa región no está en el mapa de regiones.
