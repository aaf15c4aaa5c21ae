## Obligaciones de marketing (issue 11): política, clientes declarados, requisitos

## Field errors
error-percent-out-of-range = Escriba un porcentaje entero de 0 a 100.
error-max-below-min = El máximo no puede ser menor que el mínimo.
error-invalid-rule-kind = Elija una cantidad fija o una parte de los clientes.
error-invalid-rounding = Elija redondear hacia arriba, hacia abajo o al más cercano.
error-last-year-before-first = El último año no puede ser anterior al primero.
error-invalid-year = Escriba un año entre 2000 y 2100.
error-invalid-consent = Elija dado, rechazado o desconocido.
error-consent-evidence-required = Indique dónde consta la respuesta del cliente (un enlace, una referencia o una nota).
error-date-outside-year = La fecha debe estar dentro del año declarado.
error-count-or-list = Declare una cantidad o una lista de clientes, no ambas.
error-more-than-clients = No puede ser mayor que el número de clientes.
error-invalid-contribution-type = Tipo de contribución desconocido.
error-unknown-decision = Elija una decisión del registro.
error-decision-not-decided = La decisión debe estar tomada antes de que una política la cite.

## Types, counts and the arithmetic
obligations-type-case_study = Casos de estudio
obligations-type-article = Artículos o entradas de blog
obligations-type-testimonial = Testimonios de clientes
obligations-type-logo = Logotipos de clientes
obligations-count-case_study = { $count ->
        [one] { $count } caso de estudio
       *[other] { $count } casos de estudio
    }
obligations-count-article = { $count ->
        [one] { $count } artículo
       *[other] { $count } artículos
    }
obligations-count-testimonial = { $count ->
        [one] { $count } testimonio
       *[other] { $count } testimonios
    }
obligations-count-logo = { $count ->
        [one] { $count } logotipo
       *[other] { $count } logotipos
    }
obligations-rounding-up = redondeado hacia arriba
obligations-rounding-down = redondeado hacia abajo
obligations-rounding-nearest = redondeado al más cercano
obligations-decimal-separator = ,
obligations-arith-fixed = Fijado por la política: { $result }.
obligations-arith-share = { $clients ->
        [one] { $clients } cliente
       *[other] { $clients } clientes
    } × { $percent } % = { $exact } → { $result } ({ $rounding }).
obligations-arith-min = La política pide al menos { $bound }: { $result }.
obligations-arith-max = La política pide como máximo { $bound }: { $result }.
obligations-exemption-logo_refused = { $clients ->
        [one] { $clients } cliente rechazó
       *[other] { $clients } clientes rechazaron
    } el uso de su logotipo, lo que quita { $removed } (quedan { $may_ask ->
        [one] { $may_ask } cliente
       *[other] { $may_ask } clientes
    } a quienes pedir).
obligations-exemption-testimonial_refused = { $clients ->
        [one] { $clients } cliente rechazó
       *[other] { $clients } clientes rechazaron
    } dar un testimonio, lo que quita { $removed } (quedan { $may_ask ->
        [one] { $may_ask } cliente
       *[other] { $may_ask } clientes
    } a quienes pedir).
obligations-status-met = Cumplido
obligations-status-on_track = En curso
obligations-status-behind = Retrasado
obligations-status-overdue = Vencido
obligations-rule-fixed = { $result } al año
obligations-rule-share = { $percent } % de los clientes del año, { $rounding }
obligations-rule-min = , al menos { $count }
obligations-rule-max = , como máximo { $count }

## A partner's obligations
obligations-portal-link = Obligaciones de marketing
obligations-heading = Obligaciones de marketing de { $name } en { $year }
obligations-show = Mostrar
obligations-clients-heading = Clientes conseguidos
obligations-clients-declared = { $count ->
        [one] { $count } cliente declarado.
       *[other] { $count } clientes declarados.
    }
obligations-logo-refused = { $count ->
        [one] { $count } rechazó el uso de su logotipo
       *[other] { $count } rechazaron el uso de su logotipo
    }
obligations-testimonial-refused = { $count ->
        [one] { $count } rechazó dar un testimonio
       *[other] { $count } rechazaron dar un testimonio
    }
obligations-clients-none = Aún no hay clientes declarados para este año: una parte de los clientes no pide nada entonces.
obligations-declare-link = Declarar los clientes de este año
obligations-required-heading = Qué se exige
obligations-policy-version = Política de obligaciones, versión { $count }
obligations-table-caption = Contribuciones exigidas en { $year }
obligations-col-type = Contribución
obligations-col-required = Exigidas
obligations-col-approved = Aprobadas
obligations-col-status = Estado
obligations-col-how = Cómo se calcula
obligations-anonymous = Puede publicarse sin nombrar al cliente.
obligations-approved-note = Las contribuciones cuentan aquí una vez que el Grupo de Trabajo de Marketing las aprueba.
obligations-no-policy = Ninguna política de obligaciones cubre este año: no se exige nada.
obligations-json = Lo mismo en JSON

## Declaring clients
obligations-clients-title = Clientes de { $name } en { $year }
obligations-back = Volver a las obligaciones
obligations-clients-intro = Declare cuántos clientes consiguió este año, o enumérelos con sus respuestas sobre su logotipo y un testimonio. Un cliente que se niega le exime de ese logotipo o testimonio; los casos de estudio y los artículos siguen siendo obligatorios y pueden ser anónimos.
obligations-mode = Qué declara
obligations-mode-count = Una cantidad
obligations-mode-list = Una lista de clientes
obligations-list-hint = Rellene un bloque por cliente; los bloques vacíos se ignoran. Guarde para obtener más bloques.
obligations-client-n = Cliente { $row }
obligations-row-field = Cliente { $row }, { $field }
obligations-consent-unknown = Aún no se sabe
obligations-consent-given = Dado
obligations-consent-refused = Rechazado
obligations-private = Solo las personas de su organización y la fundación ven los nombres; en público solo se usan la cantidad y los consentimientos.
obligations-declare = Guardar la declaración
obligations-field-year = Año
obligations-field-count = Número de clientes
obligations-field-logo_refused = De ellos, rechazaron el uso de su logotipo
obligations-field-testimonial_refused = De ellos, rechazaron dar un testimonio
obligations-field-clients = Clientes
obligations-field-organization = Organización
obligations-field-country = País (código de dos letras)
obligations-field-segment = Tipo de organización
obligations-field-acquired_on = Cliente desde
obligations-field-logo_consent = Logotipo en openedx.org
obligations-field-testimonial_consent = Testimonio
obligations-field-evidence = Dónde consta la respuesta

## The policy (foundation)
obligations-policy-title = Política de obligaciones de marketing
obligations-adopted = La nueva versión está adoptada.
obligations-history-heading = Versiones
obligations-history-none = Aún no se ha adoptado ninguna versión.
obligations-history-caption = Todas las versiones de la política, de la más reciente a la más antigua
obligations-col-version = Versión
obligations-col-years = Años
obligations-col-rules = Reglas
obligations-col-decision = Adoptada por
obligations-col-adopted = Registrada
obligations-years-range = De { $first } a { $last }
obligations-years-from = Desde { $first }
obligations-adopt-heading = Adoptar una nueva versión
obligations-adopt-intro = Las versiones anteriores quedan como estaban. Para cada año se aplica la versión más reciente que lo cubre. Cite la decisión del registro que la adoptó.
obligations-field-kind = Regla
obligations-kind-fixed = Una cantidad fija
obligations-kind-share = Una parte de los clientes del año
obligations-field-percent = Porcentaje de clientes
obligations-field-min = Al menos
obligations-field-max = Como máximo
obligations-field-rounding = Redondeo
obligations-field-first_year = Primer año
obligations-field-last_year = Último año (vacío: sin fin)
obligations-field-decision_id = Número de la decisión en el registro
obligations-field-note = Nota
obligations-adopt = Adoptar esta versión

# Registro de oportunidades: clientes potenciales con los que trabaja un socio.
deals-heading = Oportunidades de { $name }
deals-intro = Registre los clientes potenciales con los que trabaja, para que la fundación sepa quién trabaja con quién. Solo su organización y la fundación los ven. Cuando gane una, pasa a ser uno de los clientes de este año.
deals-none = No hay oportunidades registradas.
deals-caption = Oportunidades registradas, las más recientes primero
deals-col-status = Estado
deals-col-close = Cerrar
deals-col-partner = Socio
deals-col-flags = Para revisar
deals-close = Cerrar la oportunidad
deals-close-label = Cómo terminó la oportunidad con { $organization }
deals-won-hint = Una oportunidad ganada se añade a sus clientes declarados de este año; pregunte allí al cliente por su logotipo y un testimonio.
deals-new = Registrar una oportunidad
deals-register = Registrar
deals-country-hint = Dos letras, como FR o US.
deals-portal-link = Oportunidades
deals-admin-title = Oportunidades
deals-admin-intro = Los clientes potenciales que registraron los socios. Señalados: una organización registrada por más de un socio, y una organización registrada que después envió un lead.
deals-admin-caption = Oportunidades registradas con lo que hay que revisar
deals-show-all = Mostrar también las cerradas
deals-show-open = Mostrar solo las abiertas
deals-also-registered = También registrada por { $partners }
deals-arrived-as-lead = Llegó como lead n.º { $lead }
deal-status-open = Abierta
deal-status-won = Ganada
deal-status-lost = Perdida
deal-status-withdrawn = Retirada
field-expected_on = Prevista
error-invalid-organization = Indique el nombre de la organización con letras o cifras.
error-date-out-of-range = Indique una fecha entre un año atrás y tres años adelante.
error-deal-closed = Esta oportunidad ya está cerrada.
error-invalid-deal-status = Elija ganada, perdida o retirada.
deals-lead-registered = Un socio registró esta organización como oportunidad antes de que llegara el lead.
deals-lead-registered-by = { $partner }, el { $date }
email-obligations-reminder-subject = Obligaciones de marketing: { $count } pendientes para { $year }
email-obligations-reminder-body = A { $days } días del final del año, su organización aún debe { $count ->
    [one] una contribución
   *[other] { $count } contribuciones
} de { $year } según las obligaciones de marketing del programa de socios. Vea lo pendiente y envíelo aquí: { $link }
error-deal-already-registered = Su organización ya tiene una oportunidad abierta con esta organización.
