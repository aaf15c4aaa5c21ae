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
