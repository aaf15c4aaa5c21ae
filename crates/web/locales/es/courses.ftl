# Planes de comunidad para cursos (issue 13, seed 004 «Build your community»).

courses-title = Planes de comunidad para cursos
courses-lead = Para cada curso: a quién se dirige, qué le ofrece, cuánto cuesta y qué aporta la comunidad, quién hace qué y cómo responden realmente los estudiantes, medido a partir de la propia actividad del curso.
courses-new = Nuevo plan de comunidad
courses-new-text = Un plan pertenece a un solo curso. Usted será su propietario y podrá compartirlo con personas o con un grupo.
courses-mine = Planes que puede ver
courses-none = Todavía no se ha compartido ningún plan con usted.
courses-sign-in = Inicie sesión para ver los planes compartidos con usted o para crear uno.
courses-owner = Propietario
courses-public = Avance publicado
courses-public-none = Ningún curso publica todavía su avance.
courses-edit-title = Editar el plan de { $course }
courses-course-id-fixed = Un plan permanece ligado a su curso.
courses-course-id-hint = Tal como lo escribe Open edX: course-v1:Org+Course+Run, o el formato antiguo Org/Course/Run.
courses-partner = Socio que imparte el curso
courses-no-partner = Ninguno
courses-purpose-hint = Interno: para su propio personal o sus miembros, donde el costo de la comunidad importa menos. Externo: una comunidad ampliada, con su costo y su complejidad.
courses-stakeholders-hint = A quién implicar: equipos, patrocinadores, socios.
courses-guidelines-hint = Las pautas y políticas de la comunidad: moderación, tono, qué se responde y dónde.
courses-lms-url-hint = La página de presentación del curso en el LMS. Los enlaces de recomendación se construyen a partir de ella.
courses-public-progress-hint = Muestra los indicadores marcados como públicos en una dirección pública, ocultando toda cifra inferior a cinco estudiantes.
courses-create = Crear el plan
courses-run-by = impartido por { $partner }
courses-plan-sections = Secciones del plan
courses-edit = Editar el plan
courses-import = Importar datos de estudiantes
courses-series = Cifras semanales
courses-public-page = Avance público
courses-targets = Públicos objetivo y oferta
courses-targets-none = Todavía no hay ningún público objetivo.
courses-targets-edit = Editar los públicos objetivo y la oferta
courses-targets-title = Públicos objetivo y oferta de { $course }
courses-targets-text = Para cada segmento de público: su tamaño estimado, la oferta que se le hace y lo que distingue esa oferta.
courses-segment = Segmento
courses-segment-n = Segmento { $n }
courses-rows-hint = Deje una fila vacía para eliminarla.
courses-business = Plan de negocio
courses-business-title = Plan de negocio de { $course }
courses-business-text = Líneas de inversión (personas, marketing, herramientas, eventos) y líneas de valor esperado (ingresos, ahorro de costos, certificados vendidos, leads), cada una pagada una sola vez en el primer mes o todos los meses.
courses-business-horizon = En { $months } meses.
courses-business-no-break-even = Este plan externo no alcanza el punto de equilibrio dentro de su horizonte.
courses-business-internal = Un plan interno muestra su costo; no está obligado a alcanzar el punto de equilibrio.
courses-business-none = Todavía no hay ninguna línea.
courses-business-lines = Líneas del plan de negocio
courses-business-amount = Cada vez
courses-business-sensitivity = Retorno si el valor se desvía de lo previsto
courses-business-value-change = Si el valor es
courses-business-as-planned = Según lo previsto
courses-business-investment = Inversión
courses-business-value = Valor
courses-business-roi = Retorno de la inversión
courses-business-break-even = Alcanza el punto de equilibrio
courses-business-month = en el mes { $month }
courses-business-month-beyond = en el mes { $month }, después del horizonte
courses-business-never = nunca
courses-business-edit = Editar el plan de negocio
courses-line-n = Línea { $n }
courses-measures = Indicadores de éxito
courses-measures-hint = Cada indicador se calcula a partir de la actividad de los estudiantes importada del curso; nunca se introduce a mano.
courses-measures-none = Todavía no hay ningún indicador.
courses-measure-target = meta { $target } para el { $date }
courses-measure-actual = ahora { $actual }
courses-measure-public = público
courses-measure-add = Añadir un indicador
courses-measure-name-example = 2000 inscritos en la semana 6
courses-target-hint = Un número de estudiantes o de mensajes, o un porcentaje para una proporción.
courses-chart-title = { $measure }, semana a semana
courses-chart-table = Las cifras en una tabla
courses-week = Semana del
courses-no-data = Todavía no hay datos de estudiantes: importe un registro de seguimiento.
courses-remove = Quitar
courses-edit-part = Editar
courses-measure-edit-title = Editar el indicador «{ $name }»
courses-item-edit-title = Editar la acción de la hoja de ruta «{ $name }»
courses-roadmap = Hoja de ruta
courses-roadmap-none = No hay nada previsto en esta fase.
courses-overdue = Atrasado
courses-item-add = Añadir a la hoja de ruta
courses-roles = Funciones
courses-roles-none = Todavía nadie tiene una función.
courses-role-add = Asignar una función
courses-responsibilities-hint = Déjelo vacío para usar las responsabilidades habituales de la función.
courses-referrals = Enlaces de recomendación
courses-referrals-hint = Los estudiantes y los socios difunden estos enlaces; las inscripciones que llegan a través de ellos se cuentan en las cifras semanales.
courses-referrals-no-lms = Añada al plan la dirección del curso en el LMS para obtener sus enlaces.
courses-referrals-none = Ni el socio que imparte el curso ni nadie del plan tiene todavía un código de referencia.
courses-referral-link = Enlace
courses-referred = Estudiantes referidos
courses-sharing = Compartir
courses-sharing-hint = Las personas y los grupos con los que se comparte el plan ven sus cifras exactas.
courses-sharing-none = El plan todavía no se comparte con nadie.
courses-share-add = Compartir el plan
courses-unshare = Dejar de compartir
courses-role-remove-question = ¿Quitar a { $name } como { $role }?
courses-unshare-question = ¿Dejar de compartir este plan con { $name }?
course-share-person = persona
course-share-group = grupo

course-series-title = Cifras semanales de { $course }
course-series-text = Las semanas empiezan el lunes (UTC).
course-series-csv = Descargar en CSV
course-series-caption = Actividad de los estudiantes semana a semana
course-series-week-start = Semana del
course-series-enrolled = Inscritos
course-series-new-enrollments = Nuevas inscripciones
course-series-active = Estudiantes activos
course-series-returning = Estudiantes que vuelven
course-series-played-video = Reprodujeron un vídeo
course-series-attempted-problem = Intentaron un problema
course-series-forum-posts = Mensajes en el foro
course-series-completions = Finalizaciones
course-series-certificates = Certificados
course-series-referred = Referidos
course-funnel = De la inscripción a la finalización
course-funnel-enrolled = Inscritos
course-funnel-active = Activos al menos una vez
course-funnel-completed = Finalizaron
course-cohorts = Retención por semana de inscripción
course-cohorts-hint = De los estudiantes que se inscribieron en una semana, la proporción activa en esa semana y en cada semana posterior.
course-cohort-week = Inscritos en la semana del
course-cohort-size = Estudiantes
course-cohort-week-n = Semana { $n }

course-import-title = Importar datos de estudiantes de { $course }
course-import-text = Suba un registro de seguimiento (tracking log) tal como lo escribe el LMS (sin comprimir o .gz) o el CSV de estudiantes inscritos del panel del instructor. Solo se conservan los eventos de este curso; importar de nuevo un archivo no añade nada, y un registro que creció solo añade sus líneas nuevas.
course-import-kind = Qué es el archivo
course-import-kind-tracking = Un registro de seguimiento
course-import-kind-enrolled = El CSV de estudiantes inscritos
course-import-file-hint = Hasta { $mb } MB. Los registros más grandes se importan con el comando agora course import-tracking-log.
course-import-submit = Importar
course-import-privacy = Los estudiantes se seudonimizan a medida que se lee el archivo; no se conserva ningún nombre, nombre de usuario ni correo electrónico.
course-import-done = Importación terminada
course-import-lines = { $n ->
    [one] { $n } línea leída.
   *[other] { $n } líneas leídas.
}
course-import-events = { $n ->
    [one] { $n } evento de un estudiante en un curso.
   *[other] { $n } eventos de estudiantes en cursos.
}
course-import-already = El principio de este archivo ya se había importado; solo se añadió lo que seguía.
course-import-other-courses = { $n ->
    [one] Se omitió { $n } evento de otro curso.
   *[other] Se omitieron { $n } eventos de otros cursos.
}
course-import-malformed = { $n ->
    [one] { $n } línea no se pudo leer y se omitió:
   *[other] { $n } líneas no se pudieron leer y se omitieron; la primera de ellas:
}
course-import-stopped = La importación se detuvo antes de terminar; se conserva lo leído hasta entonces:
course-import-see-measures = Ver los indicadores
course-import-enrolled = { $added ->
    [one] { $added } nueva inscripción de { $rows } filas legibles.
   *[other] { $added } nuevas inscripciones de { $rows } filas legibles.
}
course-import-bad-rows = { $n ->
    [one] { $n } fila no tenía username o no tenía una fecha de inscripción legible y se omitió:
   *[other] { $n } filas no tenían username o no tenían una fecha de inscripción legible y se omitieron:
}

course-progress-title = { $course }: cómo crece la comunidad
course-progress-text = Los indicadores que el equipo de este curso eligió publicar. Las cifras se redondean al múltiplo de cinco más cercano; no se muestra ninguna semana con menos de cinco estudiantes.
course-progress-none = Todavía no se ha publicado ningún indicador.
course-progress-data-updated = Actividad de los estudiantes importada por última vez el { $date }.
course-progress-no-data = Todavía no se ha importado actividad de los estudiantes.
course-fewer-than-five = menos de 5

task-course-item-overdue = Atrasado en la hoja de ruta de { $course }: { $item }

course-purpose-internal = Interno
course-purpose-external = Externo
course-line-people = Personas
course-line-marketing = Marketing
course-line-tools = Herramientas
course-line-events = Eventos
course-line-revenue = Ingresos
course-line-cost-savings = Ahorro de costos
course-line-certificates-sold = Certificados vendidos
course-line-leads = Leads
course-cadence-one-off = Una vez
course-cadence-monthly = Cada mes
course-role-strategic-lead = Responsable estratégico
course-role-community-manager = Gestor de comunidad
course-role-pedagogical-manager = Responsable pedagógico
course-role-sales = Ventas
course-role-legal = Asesoría jurídica
course-role-it = TI
course-role-strategic-lead-duties = Guía la planificación y la ejecución generales de la hoja de ruta de la comunidad; asegura la integración con las partes interesadas internas y los socios externos; alinea la comunicación y los contenidos con las iniciativas y los anuncios más amplios de la organización.
course-role-community-manager-duties = La puerta de entrada para los miembros de la comunidad: la voz de la organización ante la comunidad y de la comunidad ante la organización. Trabaja con el responsable pedagógico, publica mensajes, supervisa y modera los debates, resuelve las cuestiones no pedagógicas y traslada los problemas a los responsables a medida que surgen.
course-role-pedagogical-manager-duties = Es responsable de los contenidos de aprendizaje del curso y responde a las preguntas pedagógicas, junto con el equipo de gestión de la comunidad.
course-role-sales-duties = Define la estrategia y la ejecuta para impulsar las conversiones.
course-role-legal-duties = Aprueba los procesos definidos por el responsable estratégico y está disponible para ayudar cuando una situación lo requiere.
course-role-it-duties = Se ocupa de la seguridad, la fiabilidad y la escalabilidad de la tecnología y gestiona las herramientas sociales.
course-phase-build-target-base = Construir la base objetivo
course-phase-engage = Comprender e implicar al público
course-phase-go-viral = Viralizarse a través de los miembros
course-phase-organize-team = Organizar el equipo
course-item-status-planned = Previsto
course-item-status-in-progress = En curso
course-item-status-done = Hecho
course-item-status-dropped = Descartado
course-access-view = Puede ver
course-access-edit = Puede editar
course-metric-enrolled = Estudiantes inscritos
course-metric-active-share = Proporción de estudiantes inscritos activos en la semana (%)
course-metric-returning-share = Proporción de los estudiantes activos de la semana que volvieron (%)
course-metric-active = Estudiantes activos en la semana
course-metric-forum-posts = Mensajes en el foro hasta la fecha
course-metric-referred = Estudiantes referidos hasta la fecha
course-metric-completions = Finalizaciones hasta la fecha
course-metric-certificates = Certificados hasta la fecha
course-metric-played-video = Estudiantes que reprodujeron un vídeo en la semana
course-metric-attempted-problem = Estudiantes que intentaron un problema en la semana
course-standing-met = Cumplido
course-standing-missed = No cumplido
course-standing-in-progress = En curso
course-standing-no-data = Todavía sin datos

field-course_id = ID del curso
field-lms_url = Página del curso en el LMS
field-public_progress = Publicar los indicadores públicos
field-horizon_months = Horizonte en meses
field-due_on = Fecha
field-targets = Públicos objetivo
field-lines = Líneas
field-measure = Indicador
field-access = Acceso
field-cadence = Pago
field-guidelines = Pautas y políticas
field-metric = Métrica
field-offer = Oferta
field-owner = Responsable
field-phase = Fase
field-public = Público
field-quantity = Cantidad
field-responsibilities = Responsabilidades
field-stakeholders = Partes interesadas
field-usp = Lo que la distingue

error-course-plan-exists = Este curso ya tiene un plan. Pida a su propietario que lo comparta con usted.
error-course-has-data = Agora ya tiene datos de estudiantes de este curso: pida a la fundación que cree su plan y lo comparta con usted.
error-course-role-taken = Esta persona ya tiene esta función.
error-share-one-grantee = Elija una persona o un grupo (uno de los dos).
error-csv-enrolled-columns = Este no es el CSV de estudiantes inscritos: necesita las columnas username y enrollment_date.
error-csv-not-utf8 = El archivo no es texto UTF-8.
courses-segment-size = Tamaño estimado
courses-unit-price = Precio unitario (US$)
footer-courses = Planes de comunidad de cursos
error-invalid-text = Este texto contiene caracteres invisibles que cambian la dirección de lo que sigue; elimínelos.
error-time-out-of-range = Una fecha es anterior a 2012 o está en el futuro.
error-tracking-log-busy = Otra persona estaba importando este archivo al mismo tiempo; lo que esa importación añadió se conserva. Impórtelo de nuevo para añadir el resto.
error-course-owner-no-access = Esta persona no puede ver el plan: compártalo con ella o asígnele un rol primero.
error-course-share-open-group = Cualquiera puede unirse a este grupo, así que compartir con él sería compartir el plan con cualquiera. Comparta con personas o con un grupo que admita miembros por solicitud.
courses-measure-actual-at = { $actual } el { $date }
courses-measure-name = Nombre del indicador
courses-value = Valor
courses-not-saved = No se guardó: vea el formulario más abajo.
courses-import-nothing-new = Este archivo ya se había importado: no se añadió nada nuevo.
