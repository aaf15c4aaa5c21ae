## Contribuciones (issue 11): envíos, revisión del Marketing WG, cumplimiento, escaparate

## Field errors
error-link-or-text = Indique un enlace a la contribución o su texto.
error-client-must-be-named = Los logotipos y testimonios nombran al cliente que los autorizó.
error-year-out-of-range = Una contribución cuenta para este año o para el anterior.
error-topic-required = Un artículo necesita un tema aprobado por el Marketing WG: propóngalo primero.
error-unknown-topic = Elija uno de los temas de este socio.
error-topic-not-approved = Este tema aún no está aprobado.
error-not-awaiting-review = Esto no está pendiente de revisión.
error-not-awaiting-changes = Solo se puede reenviar una contribución devuelta para cambios.
error-invalid-verdict = Elija aprobar, pedir cambios o rechazar.
error-invalid-state = Estado desconocido.
error-not-a-reviewer = Solo los miembros del Grupo de Trabajo de Marketing revisan contribuciones.
error-own-contribution = No puede revisar una contribución de una organización para la que trabaja.

## Pages
contributions-link = Contribuciones y temas de artículos
contributions-heading = Contribuciones de { $name }
contributions-back-obligations = Obligaciones
contributions-list-heading = Contribuciones enviadas
contributions-none = Aún no se ha enviado nada.
contributions-col-state = Estado
contributions-field-type = Tipo
contributions-field-topic_id = Tema aprobado (artículos)
contributions-field-title = Título
contributions-field-link = Enlace
contributions-field-client = Cliente
contributions-field-consent_evidence = Constancia del consentimiento
contributions-field-language = Idioma
contributions-field-year = Año
contributions-field-anonymous = No nombrar al cliente (solo casos de estudio y artículos)
contributions-field-text = Texto
contributions-field-summary = Resumen
contributions-field-verdict = Decisión
contributions-field-comment = Comentarios o motivo
contributions-field-state = Estado
contributions-hint-title = Un título breve, tal como se publicaría.
contributions-hint-link = Dónde se publica o puede leerse (http o https). Se requiere un enlace o un texto.
contributions-hint-client = La organización cliente de la que trata.
contributions-hint-consent_evidence = Obligatorio para logotipos y testimonios: dónde consta el consentimiento del cliente. Nunca se publica.
contributions-hint-language = Código de dos letras, p. ej. en, es, fr.
contributions-hint-year = El año de obligaciones al que cuenta.
contributions-topic-hint = Los artículos tratan un tema aprobado por el Marketing WG; propóngalo más abajo.
contributions-type-case_study = Caso de estudio
contributions-type-article = Artículo o entrada de blog
contributions-type-testimonial = Testimonio de cliente
contributions-type-logo = Logotipo de cliente
contributions-state-submitted = Enviada
contributions-state-changes_requested = Cambios solicitados
contributions-state-resubmitted = Reenviada
contributions-state-approved = Aprobada
contributions-state-rejected = Rechazada
contributions-topic-state-proposed = Pendiente de revisión
contributions-topic-state-approved = Aprobado
contributions-topic-state-rejected = Rechazado
contributions-submit-heading = Enviar una contribución
contributions-submit = Enviar a revisión
contributions-topics-heading = Temas de artículos
contributions-topics-intro = Proponga un tema; cuando el Grupo de Trabajo de Marketing lo apruebe, envíe el artículo.
contributions-propose = Proponer el tema
contributions-anonymous = Sin nombre
contributions-history-heading = Historial
contributions-event-submitted = Enviada por { $name }
contributions-event-resubmitted = Reenviada por { $name }
contributions-event-approve = Aprobada por { $name }
contributions-event-request_changes = Cambios pedidos por { $name }
contributions-event-reject = Rechazada por { $name }
contributions-review-heading = Revisión
contributions-verdict-approve = Aprobar
contributions-verdict-request_changes = Pedir cambios
contributions-verdict-reject = Rechazar
contributions-review = Registrar la revisión
contributions-resubmit-heading = Haga los cambios y reenvíe
contributions-resubmit = Reenviar
contributions-queue-heading = Cola de revisión del Marketing WG
contributions-queue-contributions = Contribuciones pendientes de revisión
contributions-queue-topics = Temas de artículos pendientes de revisión
contributions-queue-empty = Nada pendiente.

## What needs me
task-contribution-review = Revisar «{ $title }» de { $partner }
task-topic-review = Revisar el tema de artículo «{ $title }» de { $partner }
task-contribution-changes = Hacer los cambios pedidos en «{ $title }» y reenviar
task-obligations-due = { $count ->
        [one] Queda { $count } contribución de marketing pendiente para { $year }
       *[other] Quedan { $count } contribuciones de marketing pendientes para { $year }
    }

## Compliance
error-too-many-years = Elija diez años como máximo.
compliance-heading = Obligaciones de marketing: cumplimiento
compliance-from = Desde
compliance-to = Hasta
compliance-csv = Descargar en CSV
compliance-none = No hay socios activos.
compliance-caption = Contribuciones aprobadas / requeridas por tipo, y el estado según el ritmo del año
compliance-col-partner = Socio

## Showcase and the partner's public page
showcase-heading = Casos de estudio y referencias
showcase-intro = Contribuciones de los socios del programa, aprobadas por el Grupo de Trabajo de Marketing. Las de empresas más pequeñas aparecen primero.
showcase-any = Cualquiera
showcase-region = Región
showcase-segment = Segmento
showcase-none = Ninguna contribución coincide.
showcase-highlighted = Empresa pequeña
profile-references-heading = Casos de estudio y referencias
