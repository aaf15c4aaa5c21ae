# Iniciativas de un grupo: objetivo, entregables, etapas del embudo, convocatoria abierta,
# participantes, validador cruzado, patrocinadores y resultados.

funnel-stage-awareness = Conocimiento
funnel-stage-interest = Interés
funnel-stage-consideration = Consideración
funnel-stage-intent = Intención
funnel-stage-evaluation = Evaluación
funnel-stage-action = Acción

initiative-status-proposed = Propuesta
initiative-status-open-call = Convocatoria abierta
initiative-status-in-progress = En curso
initiative-status-completed = Completada
initiative-status-cancelled = Cancelada

error-stage-required = Elija al menos una etapa del embudo.
error-invalid-funnel-stage = Etapa del embudo desconocida.
error-date-in-past = Esta fecha ya ha pasado.
error-call-not-open = Esta iniciativa no tiene una convocatoria abierta.
error-call-closed = La convocatoria de participantes está cerrada.
error-branding-acknowledgement-required = El patrocinador debe aceptar las directrices de marca de Open edX.
error-already-sponsor = Esta organización ya patrocina esta iniciativa.

initiatives-title = Iniciativas de { $group }
initiatives-intro = El trabajo que asume el grupo. Las iniciativas con personas de varias organizaciones, o con validación cruzada de otra organización, aparecen primero.
initiatives-none = Todavía no hay iniciativas.
initiatives-multi-stakeholder = multiparticipativa
initiatives-goal = Objetivo
initiatives-deliverables = Entregables
initiatives-stages = Etapas del embudo
initiatives-call-closes = La convocatoria de participantes cierra el { $date }.
initiatives-participants = Participantes
initiatives-no-participants = Nadie se ha sumado todavía.
initiatives-first-contribution = primera contribución
initiatives-cross-validator = Validación cruzada
initiatives-sponsors = Patrocinadores
initiatives-outputs = Lo que produjo
initiatives-join = Sumarme a esta iniciativa
initiatives-withdraw = Retirarme
initiatives-heading = Iniciativas
initiatives-all = Todas las iniciativas del grupo

# The facilitators' forms: propose, edit, status, cross-validator, sponsors, outputs.
field-goal = Objetivo
field-deliverables = Entregables
field-stages = Etapas del embudo
field-call_closes_on = Último día de la convocatoria de participantes
field-person_id = Persona a cargo de la validación cruzada
field-branding_acknowledged = El patrocinador reconoce que su marca compartida sigue las directrices de marca de Open edX
field-url = Enlace
initiatives-new = Proponer una iniciativa
initiatives-new-heading = Proponer una iniciativa para { $group }
initiatives-edit = Editar la iniciativa
initiatives-goal-hint = Lo que la iniciativa debe lograr, en pocas frases.
initiatives-stages-hint = Las etapas de la decisión de quien adopta la plataforma a las que sirve esta iniciativa.
initiatives-call-hint = Déjelo vacío si todavía no hay una convocatoria de participantes prevista. Para abrir la convocatoria hace falta una fecha que no haya pasado.
initiatives-propose = Proponer la iniciativa
initiatives-save = Guardar la iniciativa
initiatives-manage = Gestionar esta iniciativa
initiatives-status-label = Pasar a
initiatives-status-hint = Una iniciativa avanza paso a paso (propuesta, convocatoria abierta, en curso, completada) y puede cancelarse mientras no esté completada.
initiatives-change-status = Cambiar el estado
initiatives-no-cross-validator = Sin validación cruzada
initiatives-cross-validator-hint = Un miembro del grupo que revisa el trabajo. Alguien de una organización a la que no pertenece ninguno de los participantes hace que la iniciativa sea multiparticipativa.
initiatives-set-cross-validator = Guardar la validación cruzada
initiatives-add-sponsor = Añadir un patrocinador
initiatives-sponsor-name = Organización patrocinadora
initiatives-remove-sponsor = Quitar { $name }
initiatives-add-output = Añadir un resultado
initiatives-output-title = Qué es
initiatives-url-hint = Una dirección http o https.
