## Contribuciones (issue 11): envíos, revisión del Marketing WG, cumplimiento, escaparate

## Field errors
error-link-or-text = Indique un enlace a la contribución o su texto.
error-client-must-be-named = Los logotipos y testimonios nombran al cliente que los autorizó.
error-topic-required = Un artículo necesita un tema aprobado por el Marketing WG: propóngalo primero.
error-unknown-topic = Elija uno de los temas de este socio.
error-topic-not-approved = Este tema aún no está aprobado.
error-not-awaiting-review = Esto no está pendiente de revisión.
error-not-awaiting-changes = Solo se puede reenviar una contribución devuelta para cambios.
error-invalid-verdict = Elija aprobar, pedir cambios o rechazar.
error-invalid-state = Estado desconocido.
error-not-a-reviewer = Solo los miembros del Grupo de Trabajo de Marketing revisan contribuciones.
error-own-contribution = No puede revisar una contribución de una organización para la que trabaja.
