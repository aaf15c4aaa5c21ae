# Administración de la fundación: socios por estado, personas, regiones, el registro de auditoría, el correo saliente, importaciones.

## Administration
admin-nav-label = Administración
admin-dashboard = Administración
admin-partners = Socios
admin-people = Personas
admin-regions = Regiones
regions-text = Los leads y el filtro por región del directorio usan este mapa. Un socio atiende las regiones que indica y las regiones de los países que indica. Los operadores cambian el mapa con "agora regions import"; después se vuelven a calcular las regiones de cada socio.
regions-slug = Identificador
regions-countries = Países
admin-audit = Registro de auditoría
admin-audit-all = Ver todo el registro de auditoría
admin-outbox = Correo saliente
admin-import = Importar socios
admin-export = Exportar socios (CSV)
admin-recent = Actividad reciente
admin-status-tabs = Socios por estado
admin-none = Ningún socio tiene este estado.
admin-status = Estado
admin-updated = Último cambio
admin-change-status = Estado
admin-new-status = Cambiar el estado a
admin-no-transition = Desde aquí no es posible ningún cambio de estado.
admin-reason = Motivo
admin-reason-hint = Obligatorio salvo al aprobar. El socio lo ve.
admin-apply-status = Aplicar
admin-approved-invited = Se aprobó al socio. Su contacto recibió una invitación por correo electrónico; el enlace de la invitación es:
admin-edit-profile = Editar el perfil
admin-partner-audit = Historial en el registro de auditoría
admin-public-page = Página pública
admin-application = Solicitud
admin-applied-at = Fecha de solicitud
admin-history = Historial de estados
admin-team = Personas
admin-team-empty = Todavía no hay nadie vinculado a esta organización.
admin-invite = Invitar a una persona
admin-invite-submit = Enviar la invitación
admin-invited = Se envió la invitación. El enlace es:
admin-person-name = Nombre
admin-role = Rol
admin-role-partner = Organización socia
admin-role-partner-hint = Necesaria para los roles de socio.
admin-people-count = { $count ->
    [one] 1 persona
   *[other] { $count } personas
}
admin-account-state = Cuenta
admin-grant = { $name } · { $names }
admin-scope-unknown = desconocido (#{ $count })
admin-account-active = Activa
admin-account-invited = Invitada
audit-filter = Filtrar el registro de auditoría
audit-at = Cuándo
audit-actor = Quién
audit-action = Acción
audit-entity = Qué
audit-entity-type = Tipo de registro
audit-entity-id = Id. del registro
audit-change = Cambio
audit-before = Antes
audit-after = Después
audit-none = Ninguna entrada coincide.
outbox-text = Correos que Agora ha puesto en cola para su envío, del más reciente al más antiguo.
outbox-none = Todavía no hay correos.
outbox-to = Para
outbox-subject = Asunto
outbox-queued = En cola
outbox-sent = Enviado
outbox-pending = Pendiente
outbox-count = { $count ->
    [one] 1 mensaje
   *[other] { $count } mensajes
}
import-text = Suba un archivo CSV con las columnas de la exportación. La importación es de todo o nada: si alguna fila tiene un problema, no cambia nada y se enumeran todos los problemas.
import-file = Archivo CSV
import-submit = Importar
import-done = Importación terminada: { $created ->
    [one] 1 creado
   *[other] { $created } creados
}, { $updated ->
    [one] 1 actualizado
   *[other] { $updated } actualizados
}.
import-failed = { $count ->
    [one] Se encontró 1 problema; no se importó nada.
   *[other] Se encontraron { $count } problemas; no se importó nada.
}
import-errors = Problemas en el archivo
import-line = Línea
import-field = Columna
import-problem = Problema

## Background jobs
admin-jobs = Tareas en segundo plano
jobs-text = Trabajo que Agora hace por su cuenta. Cada tarea se ejecuta en una sola instancia a la vez; esta página muestra la última ejecución registrada por cualquier instancia.
jobs-caption = Tareas y sus últimas ejecuciones
jobs-job = Tarea
jobs-state = Estado
jobs-last-run = Última ejecución
jobs-duration = Duración
jobs-last-success = Último éxito
jobs-runs = Ejecuciones
jobs-never = Nunca
jobs-not-run = Aún no se ha ejecutado
jobs-ok = Funciona
jobs-failing = Con errores
jobs-error = Error de la última ejecución
jobs-elsewhere = La ejecuta otra instancia
jobs-ms = { $count } ms
jobs-run-count = { $count ->
    [one] 1 ejecución
   *[other] { $count } ejecuciones
}
jobs-failure-count = { $count ->
    [0] sin fallos
    [one] 1 fallida
   *[other] { $count } fallidas
}
job-leads = Asignación de solicitudes, vencimiento de ofertas y recordatorios
job-governance = Plazos y recordatorios de gobernanza
job-mailer = Envío de correos
job-cleanup = Eliminación de sesiones, enlaces y contadores de límite caducados
job-groups = Rotación de facilitadores de los grupos y recordatorios de fin de mandato
job-digests = Resúmenes diarios y semanales de notificaciones
job-obligation-reminders = Recordatorios de las obligaciones de marketing antes de fin de año
job-recognition-warnings = Avisos de evaluación de Distinguished Contributors (meses 9 y 11 del período)
