# Lo que requiere mi atención: la página de inicio de una persona conectada y GET /api/v1/me/tasks.

nav-home = Pendientes
tasks-title = Lo que requiere su atención
tasks-heading = Bienvenido/a, { $name }
tasks-list-heading = Lo que requiere su atención
tasks-none = Ahora mismo no tiene nada pendiente.
tasks-count = { $count ->
    [one] Tiene un asunto pendiente, el más urgente primero.
   *[other] Tiene { $count } asuntos pendientes, los más urgentes primero.
}
tasks-due = vence el
tasks-urgency-overdue = Vencido
tasks-urgency-soon = Vence pronto
tasks-places-heading = Adónde ir
tasks-account = Mi cuenta
tasks-public-home = Página de inicio pública

## Asuntos, uno por tipo
task-offer-waiting = Responda a la solicitud { $reference } ofrecida a { $name }
task-leads-queued = { $count ->
    [one] Una solicitud espera en la cola de la fundación
   *[other] { $count } solicitudes esperan en la cola de la fundación
}
task-application = Revise la candidatura de { $name }
task-applications-more = { $count ->
    [one] Otra candidatura espera revisión
   *[other] Otras { $count } candidaturas esperan revisión
}
task-emails-failing = { $count ->
    [one] Un correo electrónico no se puede entregar
   *[other] { $count } correos electrónicos no se pueden entregar
}
task-job-failing = La tarea en segundo plano «{ $name }» está fallando
task-position = Indique su posición sobre «{ $title }»
task-position-for = Indique la posición de { $name } sobre «{ $title }»
task-vote = Vote sobre «{ $title }»
task-vote-for = Vote en nombre de { $name } sobre «{ $title }»
task-consultation-comment = Comente la consulta «{ $title }»
task-consultation-respond = { $count ->
    [one] Responda a un comentario sobre «{ $title }»
   *[other] Responda a { $count } comentarios sobre «{ $title }»
}
task-contested = Propuesta impugnada: «{ $title }»
task-contested-own = Su propuesta «{ $title }» está impugnada: revísela o retírela
task-ruling = Resuelva la propuesta escalada «{ $title }»
task-outcome = Registre el resultado de «{ $title }»
