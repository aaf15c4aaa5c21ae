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
