# Leads: solicitudes de propuestas, asignación, ofertas, la bandeja del socio, el informe de transparencia.

## Leads
nav-find = Solicitar propuestas
footer-transparency = Informe de transparencia de leads
footer-policy = Cómo se asignan los leads
form-any = Cualquiera
form-save = Guardar
form-remove-question = ¿Quitar { $name }?
form-remove-yes = Sí, quitar

find-title = Solicitar propuestas
find-heading = Solicite propuestas a socios de Open edX
find-lead = Háblenos de su proyecto. Lo enviamos, según reglas publicadas, a socios certificados que atienden su país, hablan su idioma y ofrecen lo que necesita.
find-policy-link = Cómo se asignan las solicitudes
find-about-you = Sobre usted
find-about-project = Sobre su proyecto
find-consent = Acepto que la fundación Open edX comparta esta solicitud, incluidos mis datos de contacto, con los socios a los que se ofrezca.
find-submit = Enviar mi solicitud
find-honeypot = Deje este campo vacío
received-title = Solicitud recibida
received-heading = Gracias, hemos recibido su solicitud
received-text = Está registrada y se ofrecerá en breve a un socio. Un socio tiene { $count ->
    [one] 1 hora
   *[other] { $count } horas
} para aceptarla antes de que pase a otro; el socio que la acepte se pondrá en contacto con usted.
received-text-direct = Está registrada y se ofrece solo a { $name }. Tiene { $count ->
    [one] 1 hora
   *[other] { $count } horas
} para aceptarla y después se pondrá en contacto con usted; si no puede encargarse, la fundación la estudiará con usted.
received-email = Le hemos enviado un correo electrónico con la referencia de su solicitud y un enlace privado donde puede ver en qué punto está o retirarla.
find-addressed-to = Esta solicitud va solo a { $name }. Tiene el plazo habitual para aceptarla; si no puede encargarse, la fundación la estudiará con usted.
find-addressed-any = Preguntar a todo el programa
lead-link-title = Su solicitud { $name }
lead-link-reference = Referencia
lead-link-received = Recibida
lead-link-addressed-to = Dirigida a
lead-link-accepted-by = Socios que aceptaron su solicitud
lead-link-pending = Su solicitud se recibió y se está ofreciendo a un socio.
lead-link-offered = Su solicitud se ofreció a un socio, que está decidiendo si la acepta.
lead-link-queued = Ningún socio ha aceptado todavía su solicitud. La fundación está buscando uno.
lead-link-accepted = Un socio aceptó su solicitud y se pondrá en contacto con usted.
lead-link-withdrawn = Usted retiró esta solicitud. No se ofrecerá a ningún socio.
lead-link-closed = Esta solicitud está cerrada. No se ofrecerá a ningún socio.
lead-link-withdrawn-now = Su solicitud se retiró. Se ha avisado a los socios a los que se ofreció.
lead-link-withdraw-heading = Retirar su solicitud
lead-link-withdraw-text = Si ya no necesita un socio, retire la solicitud: no se volverá a ofrecer y se avisará a los socios a los que se ofreció.
lead-link-withdraw = Retirar esta solicitud…
lead-link-withdraw-confirm = ¿Retirar esta solicitud? No se puede deshacer: para volver a pedirlo, envíe una solicitud nueva.
lead-link-withdraw-yes = Sí, retirarla
lead-link-withdraw-keep = No, mantenerla
lead-link-private = Esta página es privada: cualquiera que tenga su dirección puede verla.

field-organization = Organización
field-country = País
field-segment = Tipo de organización
field-lead-size = Tamaño de su organización
field-budget = Preferencia de precios
field-message = Lo que necesita
field-referral_code = Código de referencia
field-monthly_capacity = Máximo de leads al mes
field-note = Nota
field-stage = Nueva etapa
field-lost-reason = Motivo si se perdió
field-consent = Consentimiento
field-idempotency_key = Clave de idempotencia
field-period = Periodo
field-fan_out = Socios por lead
field-fan_out_by_region = Socios por lead, por región (vacío para el valor por defecto)
field-weights = Bonificaciones por preferencia
field-neighbours = Regiones vecinas
field-fallback = Orden de respaldo
field-sla_hours = Horas para aceptar
field-update_reminder_days = Días antes de un recordatorio de actualización
field-default_monthly_capacity = Límite mensual por socio (vacío para ninguno)
field-referral_routing = Leads referidos
field-attribution_days = Días durante los que un enlace de referencia atribuye
field-tie_break_seed = Semilla de desempate
field-policy-note = Qué cambia y por qué
field-note-policy = Nota
field-code = Código
field-label = Etiqueta
field-person_email = Correo electrónico del miembro de la comunidad
field-referrer = Referente
field-confirm = Confirmación

policy-title = Cómo se asignan los leads
policy-heading = Cómo se asignan los leads
policy-version-line = Versión { $count } de la política, vigente desde el { $time }.
policy-who-heading = Quién puede recibir una solicitud
policy-who-text = Una solicitud solo se ofrece a socios activos que atienden el país o la región del solicitante, ofrecen alguno de los servicios pedidos y hablan alguno de los idiomas pedidos. Un socio queda fuera cuando:
policy-rule-heading = Quién la recibe: la regla del reparto justo
policy-rule-text = Cada vez que llega una solicitud, cada socio que cumple los requisitos gana su parte de ella (su peso dividido entre el peso total de los socios que cumplen los requisitos). La solicitud va al socio cuyas partes ganadas superan en más las solicitudes que ya recibió. Un socio solo gana partes de las solicitudes que podría haber recibido, de modo que se compara a los socios con los que atienden la misma zona.
policy-pref-text = El peso de un socio empieza en 1 y aumenta cuando coincide con lo que pidió el solicitante:
policy-pref-caption = Bonificaciones por preferencia
policy-pref-match = El socio coincide con la solicitud en…
policy-pref-bonus = Peso añadido
policy-pref-segment = Tipo de organización
policy-pref-size = Tamaño
policy-pref-pricing = Preferencia de precios
policy-tie-text = Los empates se resuelven con el hash SHA-256 más pequeño de "{ $name }:número de solicitud:número de socio", que cualquiera puede volver a calcular.
policy-fallback-heading = Cuando nadie cumple los requisitos
policy-step-own-region = Socios de la región y del país del solicitante
policy-step-neighbouring-regions = Socios de regiones vecinas
policy-step-any-region = Cualquier socio activo
policy-step-queue = La cola de la fundación: una persona busca un socio; ninguna solicitud se pierde
policy-neighbours-caption = Regiones vecinas
policy-neighbours = Vecinas
policy-numbers-heading = Plazos y cifras
policy-sla = Un socio tiene { $count ->
    [one] 1 hora
   *[other] { $count } horas
} para aceptar o rechazar; sin respuesta, la solicitud pasa al siguiente socio.
policy-reminder = Se recuerda a los socios que informen de su avance tras { $count ->
    [one] 1 día
   *[other] { $count } días
} sin actualización.
policy-capacity = Ningún socio recibe más de { $count ->
    [one] 1 solicitud
   *[other] { $count } solicitudes
} al mes.
policy-referral-pool = Las solicitudes referidas entran en el reparto general; se atribuyen al referente.
policy-referral-referrer = Las solicitudes referidas por un socio se ofrecen primero a ese socio, si cumple los requisitos.
policy-attribution = Un enlace de referencia cuenta durante { $count ->
    [one] 1 día
   *[other] { $count } días
}.
policy-fanout-caption = Socios a los que va cada solicitud
policy-fanout = Socios por solicitud
policy-history-heading = Historial de versiones
policy-history-caption = Todas las versiones de la política
policy-version = Versión
policy-adopted = Adoptada
policy-note = Cambio
policy-json = La política como datos (JSON)

exclusion-not-active = no es un socio activo
exclusion-paused = ha pausado la recepción de leads
exclusion-at-capacity = alcanzó su límite mensual
exclusion-declined = ya rechazó esta solicitud o la dejó caducar
exclusion-no-service = no ofrece ninguno de los servicios pedidos
exclusion-no-language = no habla ninguno de los idiomas pedidos

why-pool-own-region = Llegó de su región o de un país que usted atiende.
why-pool-neighbouring-regions = Nadie de su región cumplía los requisitos; su región es vecina.
why-pool-any-region = Nadie de su región ni de las regiones vecinas cumplía los requisitos.
why-pool-queue = Nadie cumplía los requisitos; la fundación la asignó.
why-policy = Decidido con la versión { $count } de la política.
why-candidates = Socios que cumplían los requisitos: { $count }.
why-numbers = Su parte ganada era { $credit } frente a { $received ->
    [one] 1 lead recibido
   *[other] { $received } leads recibidos
}, la mayor diferencia.
why-highest = Usted tenía la mayor diferencia entre la parte ganada y los leads recibidos.
why-tie = Varios socios empataron; decidió el hash publicado.
why-referral = La refirió su organización, y la política ofrece las solicitudes referidas a su referente.
why-direct = El solicitante pidió a su organización desde su perfil en el directorio: se le ofreció solo a usted.
why-manual = La fundación se la ofreció directamente.
why-pool-manual = Ofrecida a mano por la fundación
why-pool-direct = Dirigida a un socio desde su perfil

metric-received = Recibidas
metric-queued = En cola
metric-offered = Ofrecidas
metric-accepted = Aceptadas
metric-declined = Rechazadas
metric-reoffered = Reofrecidas
metric-expired = Caducadas
metric-won = Ganadas
metric-lost = Perdidas
metric-manual = A mano
metric-direct = Directas

report-title = Informe de transparencia de leads { $name }
report-lead = Cuántas solicitudes llegaron y cómo se repartieron, por región y por socio.
report-periods = Periodos
report-year = Año
report-quarter = Trimestre
report-month = Mes
report-downloads = Descargar:
report-versions = Versiones de la política vigentes:
report-chart-title = Solicitudes recibidas por región
report-chart-desc = Barras horizontales, una por región; la tabla siguiente da las mismas cifras.
report-suppressed-note = Las regiones con menos de 5 solicitudes se dibujan vacías.
report-regions-caption = Por región
report-partners-caption = Por socio
report-partner = Socio
report-median = Tiempo mediano de aceptación
report-conversion = Conversión (ganadas / aceptadas)
report-entitled = Correspondientes / recibidas
report-total = Todas las regiones
report-none = Ningún socio recibió solicitudes en este periodo.
report-fewer-than = menos de { $count }
report-withheld = ocultado, para que no se pueda deducir una cifra pequeña de su columna
report-withheld-short = *
report-method = Las correspondientes son la suma de las partes justas del socio en las solicitudes para las que cumplía los requisitos; las recibidas cuentan las ofertas que obtuvo en la rotación. Las ofrecidas cuentan todas las ofertas, incluidas las que la fundación hizo a mano (para solicitudes para las que nadie cumplía los requisitos) y las directas (solicitudes dirigidas al socio desde su perfil), que también se muestran aparte y quedan fuera de la rotación. Las cifras siguen el mes en que llegó cada solicitud.
report-fewer-than-short = <{ $count }
duration-minutes = { $count } min
duration-hours = { $time } h
duration-days = { $count ->
    [one] 1 día
   *[other] { $count } días
}
report-suppressed-legend = <{ $count } significa más que ninguna pero menos de { $count }: estas cifras pequeñas no se publican, para que no se pueda identificar ninguna solicitud ni ningún socio. Cuando aún se pudiera deducir una restando del total las cifras mostradas de su columna, también se oculta la cifra mostrada más pequeña de esa columna (marcada con *), para que ninguna se pueda deducir.

inbox-title = Leads
inbox-heading = Leads de { $name }
inbox-tabs = Leads por etapa
inbox-tab-waiting = Esperan su respuesta
inbox-tab-pipeline = En curso
inbox-tab-closed = Cerrados
inbox-empty = No hay nada aquí.
inbox-count = { $count ->
    [one] 1 lead
   *[other] { $count } leads
}
inbox-lead = Lead
inbox-lead-n = Lead n.º { $count }
inbox-due = Responder antes del
inbox-settings = Recepción de leads
inbox-pause = Pausar: no nos ofrezcan leads nuevos por ahora
inbox-capacity-default = La política limita a cada socio a { $count } al mes.
inbox-capacity-unlimited = Déjelo vacío para no poner límite.
inbox-saved = Guardado.
inbox-share-heading = Su parte justa a lo largo del tiempo
inbox-share-text = Correspondientes: las partes que ganó en las solicitudes para las que cumplía los requisitos. Recibidas: las ofertas que obtuvo.
inbox-share-none = Todavía no hay solicitudes.
inbox-share-chart = Correspondientes (claro) y recibidas (oscuro) por mes
inbox-month = Mes
inbox-entitled = Correspondientes
inbox-received = Recibidas

offer-offered = Ofrecido
offer-accepted = Aceptado
offer-declined = Rechazado
offer-expired = Caducado (sin respuesta a tiempo)
offer-contacted = Contactado
offer-proposal = Propuesta enviada
offer-won = Ganado
offer-lost = Perdido
offer-withdrawn = Retirado
offer-request = La solicitud
offer-contact = Contacto
offer-contact-hidden = Los datos de contacto se muestran cuando acepta.
offer-view-logged = Las consultas de los datos de contacto quedan registradas.
offer-wrote-again = El solicitante volvió a escribir el { $time }:
offer-why = Por qué le llegó este lead
offer-answer = Su respuesta
offer-due = Acepte o rechace antes del { $time }.
offer-accept = Aceptar
offer-decline = Rechazar
offer-progress = Informar del avance

decline-outside-expertise = Fuera de nuestra especialidad
decline-no-capacity = Sin capacidad en este momento
decline-too-small = Demasiado pequeño para nosotros
decline-language-or-region = Idioma o región que no podemos atender
decline-conflict-of-interest = Conflicto de intereses
decline-other = Otro
lost-no-response = Sin respuesta
lost-budget = Presupuesto
lost-chose-competitor = Eligió a otro
lost-project-cancelled = Proyecto cancelado
lost-not-a-fit = No encajaba
lost-other = Otro

lead-status-pending = En espera de asignación
lead-status-offered = Ofrecido
lead-status-queued = En la cola
lead-status-merged = Fusionado
lead-status-withdrawn = Retirado
lead-status-spam = Cerrado como spam
lead-status-duplicate = Cerrado como duplicado
close-spam = Spam
close-duplicate = Duplicado
close-withdrawn = Retirado (por el solicitante o en su nombre)
desk-done-offered = El lead se ofreció al socio, que ha sido avisado.
desk-done-closed = El lead está cerrado; se ha avisado a los socios con una oferta.
desk-direct-to = Dirigido a
desk-closed = Cerrado
desk-manual-route = Ofrecido a mano a { $name } por { $by }, fuera de la rotación. Motivo:
desk-direct-route = Una solicitud dirigida a { $name } desde su perfil: ofrecida solo a este socio, fuera de la rotación.
desk-offer-heading = Ofrecer a un socio
desk-offer-hint = Para un lead para el que ningún socio cumplía los requisitos: va al socio que usted elija, fuera de la rotación del reparto justo, y cuenta como manual en el informe.
desk-partner = Socio
desk-reason = Motivo
desk-offer = Ofrecer el lead
desk-close-heading = Cerrar el lead
desk-close-hint = No habrá más ofertas. Se avisa a los socios que tengan una oferta.
desk-close-reason = Por qué
desk-note = Nota
desk-close = Cerrar el lead
field-partner = Socio
field-close_reason = Por qué
lead-source-form = formulario de solicitud
lead-source-api = API
admin-lead-place = { $name } ({ $names })

admin-leads = Leads
admin-lead-policy = Política de leads
admin-referrals = Referencias
admin-lead-data = Datos personales
admin-received = Recibido
admin-anonymised = Anonimizado
admin-retry = Volver a asignar
admin-offers = Ofertas
admin-no-offers = Todavía no se ha ofrecido esta solicitud a ningún socio.
admin-views = Quién vio los datos de contacto
admin-round = Asignación { $count } (versión { $name } de la política)
admin-outside = { $count ->
    [one] 1 socio fuera de la zona
   *[other] { $count } socios fuera de la zona
}
admin-referral-route = Referencia: ofrecido primero a { $name }.
admin-candidates = Socios que cumplían los requisitos
admin-weight = Peso
admin-share = Parte
admin-credit = Ganado
admin-score = Diferencia
admin-result = Resultado
admin-chosen = Elegido
admin-tied = empate
admin-excluded = Excluido
admin-by = Por
admin-policy-adopted = Versión { $count } adoptada y publicada.
admin-neighbours-hint = Para cada región, marque las regiones cuyos socios pueden recibir sus solicitudes cuando ninguno de sus propios socios pueda encargarse.
admin-neighbours-of = Vecinas de { $name }
admin-dry-run = Simulación
admin-adopt = Adoptar como versión nueva
admin-dry-run-heading = { $count ->
    [one] Simulación sobre la última solicitud
   *[other] Simulación sobre las últimas { $count } solicitudes
}
admin-dry-run-text = Solicitudes reproducidas desde cero con los socios de hoy (sin límites mensuales), con la política vigente y con la propuesta.
admin-dry-run-caption = Ofertas por socio
admin-dry-current = Vigente
admin-dry-proposed = Propuesta
admin-dry-delta = Cambio

referrals-caption = Códigos de referencia
referrals-referrer = Referente
referrals-link = Enlace
referrals-by-referrer = Conversión por código de referencia
referrals-by-region = Conversión por región
referrals-by-source = Conversión por origen
referrals-key = Grupo
referrals-referred = Referidos
referrals-new = Nuevo código de referencia
referrals-partner = Socio (o…)
referrals-person = …correo electrónico del miembro de la comunidad
referrals-create = Crear

data-lead = Exporte todo lo que se guarda sobre un solicitante, o bórrelo. El borrado conserva las cifras del informe de transparencia y retira las ofertas abiertas.
data-confirm = Confirmo el borrado: no se puede deshacer.
data-export = Exportar (JSON)
data-erase = Borrar
data-erased = { $count ->
    [one] Se borraron los datos personales de 1 solicitud.
   *[other] Se borraron los datos personales de { $count } solicitudes.
}
error-code-taken = Este código ya está en uso.
error-explain-required = Explique el motivo: se guarda con el lead y en el registro de auditoría.
error-unknown-partner = Ningún socio del directorio tiene esta dirección.
error-partner-inactive = Este socio no figura en el directorio.
error-already-offered = Este socio ya tuvo este lead.
error-country-not-served = Este país no está en ninguna región del mapa.
error-idempotency-conflict = Esta Idempotency-Key ya se usó para otra solicitud.
error-invalid-fallback = Cada respaldo puede aparecer una sola vez.
error-invalid-fan-out = Ofrezca cada lead a 1, 2 o 3 socios.
error-invalid-period = Use un año (2026), un trimestre (2026-Q4) o un mes (2026-11).
error-invalid-stage = Etapa desconocida.
error-invalid-weight = Los pesos son números de 0 a 10.
error-invalid-reason = Elija un motivo de la lista.
error-invalid-referral-code = Use de 3 a 32 letras, cifras o guiones.
error-out-of-range = Este número está fuera del intervalo.
error-unknown-person = Nadie tiene una cuenta con este correo electrónico.
error-unknown-referral-code = Este código de referencia no se conoce.
portal-leads = Leads que nos ofrecen
inbox-referrals = Sus enlaces de referencia
inbox-referrals-none = Todavía no tiene código de referencia: pida uno a la fundación.
inbox-referrals-text = Las solicitudes enviadas con estos enlaces o con estos códigos se le atribuyen a usted.
inbox-referrals-link = Enlace o código
inbox-referrals-disabled = desactivado por la fundación

## E-mails
email-lead-confirm-subject = Hemos recibido su solicitud de un socio de Open edX
email-lead-confirm-body = Hola:

    Gracias: la fundación Open edX recibió su solicitud. Su referencia es { $reference }.

    Se ofrece a los socios según las reglas de asignación publicadas; un socio que la acepte se pondrá en contacto con usted.
    Vea en qué punto está, o retírela, en esta dirección privada (cualquiera que tenga el enlace puede verla, así que no la comparta):

    { $link }

    Si usted no envió esta solicitud, abra el enlace y retírela.
email-lead-closed-subject = Se retiró un lead
email-lead-closed-body = El lead n.º { $lead } está cerrado: el solicitante retiró la solicitud o la fundación la cerró.
    No requiere nada más de usted y ya no espera en su bandeja de Agora.
email-offer-new-subject = Un nuevo lead espera su respuesta
email-offer-new-body = La solicitud de un cliente potencial se ofreció a su organización (lead n.º { $lead }). Acéptela o recházela en su bandeja de Agora antes del { $due }; después pasará a otro socio.
email-offer-reminder-subject = { $count ->
    [one] Actualice un lead que aceptó
   *[other] Actualice { $count } leads que aceptó
}
email-offer-reminder-body = { $count ->
    [one] El lead { $leads } lleva
   *[other] Los leads { $leads } llevan
} { $days ->
    [one] 1 día
   *[other] { $days } días
} sin actualizarse. Indique a la fundación en qué punto está { $count ->
    [one] (contactado, propuesta, ganado o perdido)
   *[other] cada uno (contactado, propuesta, ganado o perdido)
} en su bandeja de Agora.

# Cumplimiento de las obligaciones de marketing en la política de solicitudes (issue 11)
field-compliance = Obligaciones y solicitudes
admin-compliance-hint = Desactivado por defecto. Si se activa, un socio atrasado en sus obligaciones de marketing (este año o el anterior) recibe una parte menor de las solicitudes: su peso se multiplica por el factor indicado (mayor que 0, como máximo 1). La política publicada y la explicación de cada asignación lo indican.
admin-compliance-on = Tener en cuenta la situación de los socios respecto a sus obligaciones de marketing
admin-compliance = Obligaciones
policy-compliance-heading = Obligaciones de marketing
policy-compliance-on-text = La situación de un socio respecto a sus obligaciones anuales de marketing influye en su parte: su peso se multiplica por el factor de su situación, la peor entre la de este año y la del anterior. Un año que terminó incompleto cuenta como vencido durante todo el año siguiente.
policy-compliance-off-text = La situación de un socio respecto a sus obligaciones de marketing no influye en la asignación.
policy-compliance-caption = Factor según la situación respecto a las obligaciones
policy-compliance-standing = Situación respecto a las obligaciones
policy-compliance-factor = Peso multiplicado por
why-compliance = Su situación respecto a las obligaciones de marketing ({ $status }) multiplicó su peso por { $factor }.
error-invalid-compliance-factor = Cada factor es un número de 0,01 a 1.
field-compliance_behind = Factor si va atrasado
field-compliance_overdue = Factor si está vencido
error-compliance-overdue-above-behind = El factor si está vencido no puede ser más suave que el factor si va atrasado.
error-no-email-address = Este texto se publica: no incluya direcciones de correo electrónico.
