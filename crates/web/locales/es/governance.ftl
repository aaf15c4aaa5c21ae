# Gobernanza: órganos, propuestas, consultas, votaciones, papeletas, el registro de decisiones.

## Governance
nav-governance = Gobernanza
gov-heading = Gobernanza
gov-intro = Donde decide la comunidad: los grupos trabajan por consenso tácito, las votaciones resuelven lo que el consenso no puede, y se consulta a la asamblea de socios antes de cualquier decisión que afecte a los socios.
gov-bodies = Órganos
gov-recent = Últimas decisiones
gov-none = Todavía no hay nada aquí.
gov-register = Registro de decisiones
gov-register-intro = Todas las decisiones tomadas, con su declaración de resultado, de la más reciente a la más antigua. Abra una decisión para leer las versiones de su propuesta, los votos y las respuestas de la consulta.
gov-col-decision = Decisión
gov-col-body = Órgano
gov-col-kind = Tipo
gov-col-status = Estado
gov-col-when = Cuándo
gov-col-member = Miembro
gov-col-choice = Opción elegida
gov-col-votes = Votos
gov-col-option = Opción
gov-closes = cierra el { $time }
gov-closed-at = cerrada el { $time }
gov-opened = abierta el { $time }
gov-min-close = { $hours ->
    [one] las propuestas permanecen abiertas al menos 1 hora
   *[other] las propuestas permanecen abiertas al menos { $hours } horas
}
gov-feed = Canal Atom
gov-new = Nueva propuesta o votación
gov-open = Abiertas y pendientes
gov-members = Miembros
gov-member = Miembro
gov-facilitator = Facilitador
gov-add-member = Añadir un miembro
gov-add = Añadir
gov-kind-hint = El consenso tácito se acepta al cierre salvo que alguien se oponga. Las votaciones y las consultas las abren los facilitadores y la fundación.
gov-close-hint = Horas hasta el cierre: al menos { $hours }. Vacío significa el valor por defecto (72 horas, o el mínimo del órgano).
gov-vote-settings = Ajustes de la votación (se fijan al abrirla)
gov-simple-majority = Mayoría simple (más de la mitad)
gov-two-thirds = Dos tercios
gov-base-votes = De los votos emitidos
gov-base-electorate = De todo el electorado
gov-method-schulze = Schulze (Condorcet)
gov-method-irv = Segunda vuelta instantánea
gov-options-hint = Una opción por línea, al menos dos.
gov-open-button = Abrir
gov-version = versión { $n }
gov-versions = { $count ->
    [one] La única versión
   *[other] Las { $count } versiones
}
gov-secret = voto secreto
gov-receipt-intro = Su papeleta quedó registrada. Su comprobante:
gov-receipt-hint = Consérvelo: tras el cierre podrá encontrar su papeleta exacta entre las papeletas publicadas, y lo necesita para cambiar un voto secreto.
gov-receipt-change = Para cambiar un voto secreto ya emitido, escriba su comprobante.
gov-outcome = Resultado
gov-review-on = revisión el { $date }
gov-proposal = Propuesta
gov-affects-partners = Esta decisión afecta a los socios: no puede tomarse antes de que concluya la consulta a la asamblea de socios.
gov-seed-commitment = Semilla de desempate comprometida en la apertura (SHA-256): { $hash }.
gov-seed-revealed = Semilla revelada en el cierre: { $seed }.
gov-electorate = Electorado: { $count } ({ $undecided } sin pronunciarse)
gov-electorate-frozen = Fijado al abrirse la decisión: los cambios posteriores de membresía no alteran el recuento.
gov-undecided = Sin pronunciarse
gov-took-part = Participó
gov-positions = Posiciones
gov-no-positions = Nadie ha expresado todavía su posición sobre esta versión.
gov-reason-label = Motivo (obligatorio para oponerse)
gov-state-position = Expresar mi posición
gov-acting-for = Usted actúa en nombre de { $name }.
gov-your-ballot = Su papeleta
gov-rank-legend = Ordene las opciones
gov-rank-hint = Dé 1 a su primera opción, 2 a la segunda, y así sucesivamente. Deje sin ordenar las opciones que no quiera clasificar.
gov-not-ranked = Sin clasificar
gov-cast = Emitir mi voto
gov-change-until-close = Puede cambiar su voto hasta el cierre; cada cambio queda registrado.
gov-results-hidden = Los resultados se ocultan hasta el cierre.
gov-results = Resultados
gov-results-running = Recuento provisional
gov-irv-caption = Votos por ronda (segunda vuelta instantánea); — indica una opción eliminada
gov-round = Ronda { $n }
gov-exhausted = Papeletas agotadas
gov-pairwise-caption = Preferencias por pares: número de papeletas que prefieren la opción de la fila a la de la columna
gov-strongest-caption = Caminos más fuertes (votos ganadores)
gov-download-ballots = Descargar las papeletas por recibo, sin los nombres de los votantes (CSV)
gov-recount-hint = recuéntelas usted mismo con agora tally.
gov-ballots = Papeletas publicadas ({ $count })
gov-comments = Comentarios ({ $count })
gov-no-comments = Todavía no hay comentarios.
gov-response = Respuesta
gov-respond = Registrar la respuesta
gov-reply = Responder
gov-post = Publicar
gov-comment = Su comentario
gov-actions = Hacer avanzar esta decisión
gov-take = Registrar el resultado
gov-reasoning = Fundamentos
gov-rule = Registrar el dictamen
gov-revise = Publicar una nueva versión
gov-revise-hint = Una nueva versión reinicia el plazo; las posiciones sobre versiones anteriores dejan de contar.
gov-escalate = Elevar a un moderador
gov-withdraw = Retirar
gov-admin-bodies = Órganos
gov-new-body = Nuevo grupo
gov-create-body = Crear
gov-delegates = Delegados en la asamblea
gov-delegates-of = Delegados de { $name } en la asamblea
gov-delegates-intro = Su organización tiene un voto en la asamblea de socios, que emite su delegado o, en su ausencia, el suplente. Si no hay ninguno de los dos, pueden votar los administradores del socio.
result-winner = Ganadora: { $name }
result-tie = Empate entre { $names }: el desempate publicado no pudo separarlas.
result-no-ballots = No se emitió ninguna papeleta.
result-participation = { $electorate ->
    [one] Participaron { $count } de 1 elector.
   *[other] Participaron { $count } de { $electorate } electores.
}
result-needed = { $needed ->
    [one] Se necesitaba 1 voto a favor de { $base }.
   *[other] Se necesitaban { $needed } votos a favor de { $base }.
}
result-quorum = { $count ->
    [one] Quórum: 1 participante.
   *[other] Quórum: { $count } participantes.
}
result-yes-no-passed = Aprobada.
result-yes-no-rejected = No aprobada.
result-yes-no-no-quorum = No aprobada: no se alcanzó el quórum.
result-irv-eliminated = Ronda { $round }: { $name } eliminada.
result-irv-exhausted = { $count ->
    [one] 1 papeleta agotada.
   *[other] { $count } papeletas agotadas.
}
result-tie-lookback = (empate resuelto por las rondas anteriores)
result-tie-seed = (empate resuelto por el orden sembrado)
result-tie-batch = (opciones empatadas eliminadas a la vez)
body-kind-group = Grupo
body-kind-partner-assembly = Asamblea de socios
body-kind-all-members = Todos los miembros
visibility-public = Pública
visibility-members = Solo miembros
decision-kind-lazy-consensus = Consenso tácito
decision-kind-yes-no = Votación sí/no
decision-kind-ranked = Votación por orden de preferencia
decision-kind-consultation = Consulta
decision-status-open = Abierta
decision-status-contested = Impugnada
decision-status-escalated = En manos de un moderador
decision-status-closed = Cerrada, resultado pendiente
decision-status-decided = Decidida
decision-status-withdrawn = Retirada
stance-support = A favor (+1)
stance-neutral = Neutral (0)
stance-object = En contra (−1)
ruling-accept = Aceptada por el moderador
ruling-reject = Rechazada por el moderador
vote-choice-yes = Sí
vote-choice-no = No
vote-choice-abstain = Abstención
field-title = Título
field-text = Qué se hará
field-close_hours = Horas hasta el cierre
field-affects_partners = Esta decisión afecta a los socios
field-consultation_id = Consulta a la asamblea de socios
field-secret = Voto secreto (papeletas separadas de los votantes; los comprobantes permiten a cada votante verificar la suya)
field-show_results_early = Mostrar el recuento provisional antes del cierre (solo votos públicos)
field-quorum_percent = Quórum (% del electorado que debe participar)
field-threshold = Umbral
field-base = Umbral calculado sobre
field-abstentions_count = Contar las abstenciones para el umbral
field-method = Método de recuento
field-options = Opciones
field-stance = Posición
field-choice = Opción elegida
field-ranking = Clasificación
field-receipt = Comprobante
field-ruling = Dictamen
field-outcome = Declaración de resultado
field-review_at = Fecha de revisión
field-body = Comentario
field-parent_id = Respuesta a
field-comment_id = Comentario
field-response = Respuesta
field-voter = Votar en nombre de
field-decision = Decisión
field-visibility = Quién puede ver sus decisiones
field-min_close_hours = Horas mínimas antes de un cierre
field-delegate_id = Delegado
field-alternate_id = Suplente
field-role = Rol
error-invalid-body-kind = Tipo de órgano desconocido.
error-invalid-visibility = Elija pública o solo miembros.
error-invalid-kind = Tipo de decisión desconocido.
error-invalid-stance = Elija a favor, neutral o en contra.
error-invalid-ruling = Elija aceptar o rechazar.
error-invalid-choice = Elija sí, no o abstención.
error-kind-not-allowed = Este órgano no puede tomar este tipo de decisión: las consultas corresponden a la asamblea de socios.
error-closing-too-soon = Este órgano da más tiempo a sus miembros: elija un cierre posterior.
error-closing-too-late = Una decisión puede permanecer abierta 90 días como máximo.
error-consultation-required = Una decisión que afecta a los socios debe indicar la consulta a la asamblea de socios de la que procede.
error-secret-needs-vote = Solo las votaciones sí/no y por orden de preferencia pueden ser secretas.
error-options-too-few = Indique al menos dos opciones, una por línea.
error-options-too-many = Una votación puede ofrecer 20 opciones como máximo.
error-options-duplicate = Cada opción debe ser distinta.
error-decision-final = Esta decisión ya está decidida o retirada.
error-objection-reason-required = Explique por qué se opone, para que quien propone pueda tenerlo en cuenta.
error-consultation-open = La consulta a la asamblea de socios aún no ha concluido: responda primero a sus comentarios y registre su resultado.
error-comments-unanswered = Responda a todos los comentarios antes de registrar el resultado.
error-not-partner-staff = Elija a alguien que trabaje para este socio.
error-alternate-same-as-delegate = El suplente debe ser una persona distinta del delegado.
error-unknown-consultation = Elija una consulta de la asamblea de socios.
error-ballots-before-close = Las papeletas se publican cuando se cierra la votación.
error-not-a-vote = Esta decisión no es una votación.
error-not-lazy-consensus = Las posiciones solo se expresan sobre propuestas de consenso tácito.
error-decision-closed = Esta decisión está cerrada: ya no se puede votar ni cambiar nada.
error-wrong-ballot-kind = Esta papeleta no corresponde al tipo de votación.
error-receipt-required = Usted ya votó: escriba su comprobante para cambiar su voto secreto.
error-unknown-receipt = Ninguna papeleta suya tiene este comprobante: escriba el comprobante que recibió al votar.
error-too-many-proposals = Ya abrió tantas propuestas dirigidas a todos los miembros como una persona puede abrir en un día: inténtelo de nuevo mañana.
error-withdraw-unconfirmed = Marque la casilla para confirmar que quiere retirar esta propuesta.
gov-proposed-by = Propuesta de { $name }
gov-names-members-only = Los nombres se muestran a los miembros que han iniciado sesión.
gov-a-member = Un miembro
gov-withdraw-confirm = Quiero retirar esta propuesta: no se puede deshacer.
error-secret-results-early = Una votación secreta no puede mostrar resultados mientras está abierta: los resultados provisionales vincularían a los votantes con sus opciones.
error-not-consultation = Los comentarios solo se admiten en las consultas.
error-unknown-comment = Este comentario no pertenece a esta consulta.
error-respond-after-close = Las respuestas se registran una vez cerrada la consulta.
error-invalid-date = Escriba una fecha con el formato AAAA-MM-DD.
error-not-in-electorate = Usted no forma parte del electorado de esta decisión.
error-ballot-duplicate-rank = Asigne cada puesto a una sola opción.
error-wrong-type = Este valor no es del tipo correcto.

## Ballot and vote errors
error-ballot-empty = Clasifique al menos una opción.
error-ballot-unknown-option = Esta papeleta clasifica una opción que no figura en la papeleta oficial.
error-ballot-duplicate-option = Clasifique cada opción una sola vez.
error-ballot-option-names = Dé a cada opción un nombre propio, en una sola línea.
error-ballot-too-many-options = Una votación puede ofrecer 1000 opciones como máximo.
error-ballot-invalid-receipt = Cada papeleta necesita un comprobante que no empiece por #.
error-ballot-duplicate-receipt = Dos papeletas tienen el mismo comprobante.
error-invalid-method = Método de recuento desconocido.
error-invalid-quorum = Escriba nada o un porcentaje entero de 0 a 100.
error-invalid-threshold = Umbral desconocido.
error-invalid-base = Base del umbral desconocida.
gov-feed-title = { $name }: decisiones

## E-mails to electors, moderators and facilitators
email-decision-opened-subject = { $kind ->
    [lazy-consensus] Nueva propuesta
    [consultation] Nueva consulta
   *[other] Nueva votación
}: { $title }
email-decision-opened-body = { $by } abrió en { $body }:

    { $text }

    Cierra el { $closes } (UTC). Participe: { $link }
email-decision-revised-subject = Propuesta revisada: { $title }
email-decision-revised-body = { $by } publicó la versión { $version } de "{ $title }" en { $body }. Las posiciones anteriores dejan de contar; la propuesta cierra ahora el { $closes } (UTC).

    { $text }

    { $link }
email-decision-escalated-subject = Se necesita moderación: { $title }
email-decision-escalated-body = { $by } elevó una propuesta impugnada a los moderadores. Lea las objeciones y registre un dictamen con sus fundamentos: { $link }
email-decision-withdrawn-subject = Retirada: { $title }
email-decision-withdrawn-body = { $by } retiró "{ $title }". { $link }
email-decision-decided-subject = Decidida: { $title }
email-decision-decided-body = Resultado de "{ $title }":

    { $outcome }

    { $link }
email-decision-closed-subject = Cerrada: { $title }
email-decision-closed-body = "{ $title }" se cerró el { $at } (UTC).

    El resultado se registrará en el registro de decisiones: { $link }
email-decision-closed-result-subject = Cerrada: { $title }
email-decision-closed-result-body = "{ $title }" se cerró el { $at } (UTC).

    Resultado: { $result }

    El resultado se registrará en el registro de decisiones: { $link }
email-decision-closing-subject = { $hours ->
    [one] Cierra en 1 hora
   *[other] Cierra en { $hours } horas
}: { $title }
email-decision-closing-body = "{ $title }" cierra el { $closes } (UTC) y usted todavía no ha participado. { $link }
email-decision-review-subject = Es hora de revisar una decisión: { $title }
email-decision-review-body = La decisión "{ $title }" llegó a su fecha de revisión. Compruebe si sigue siendo válida y proponga un cambio si no lo es: { $link }
