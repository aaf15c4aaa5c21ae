# Compartido por todos los programas: estructura de página, navegación, inicio, nombres de campos y errores, páginas de error.

site-name = Agora
site-tagline = Programas comunitarios de Open edX
nav-skip = Ir al contenido
nav-label = Principal
nav-account-label = Su cuenta
nav-partners = Directorio de socios
nav-apply = Hacerse socio
nav-portal = Mi organización
nav-admin = Administración
nav-login = Iniciar sesión
nav-logout = Cerrar sesión
footer-text = Agora gestiona los programas de socios y de la comunidad del ecosistema Open edX. La fundación mantiene el listado de socios.
footer-api = API

## Home
home-title = Socios y comunidad de Open edX
home-heading = Encuentre un socio de Open edX
home-lead = Proveedores de servicios certificados alojan, desarrollan, enseñan y dan soporte a Open edX en todo el mundo. Búsquelos por región, servicio, idioma y tipo de organización.
home-find = Ver el directorio de socios
home-apply = Solicitar ser socio
home-stats-heading = El programa de socios hoy
home-stats-partners = { $count ->
    [one] socio activo
   *[other] socios activos
}
home-stats-regions = { $count ->
    [one] región atendida
   *[other] regiones atendidas
}
chart-regions-title = Socios activos por región
chart-regions-desc = Gráfico de barras horizontales con el número de socios activos que atienden cada región; las mismas cifras figuran en la tabla siguiente.
chart-count = Socios

## Field names, for error summaries
field-name = Nombre
field-slug = Dirección en el directorio
field-website = Sitio web
field-logo_url = URL del logotipo
field-description = Descripción
field-hq_country = País de la sede
field-size = Tamaño de la empresa
field-regions = Regiones atendidas
field-countries = Países atendidos
field-services = Servicios
field-pricing = Precios
field-segments = Organizaciones atendidas
field-languages = Idiomas
field-contact_name = Nombre de contacto
field-contact_email = Correo electrónico de contacto
field-motivation = Motivación
field-status = Estado
field-reason = Motivo
field-page = Página
field-per_page = Tamaño de página
field-email = Correo electrónico
field-password = Contraseña
field-language = Idioma

## Field errors
error-invalid-value = Este valor no es válido.
error-required = Este campo es obligatorio.
error-too-long = Es demasiado largo.
error-too-short = Es demasiado corto.
error-invalid-url = Escriba una dirección web completa que empiece por https:// o http://.
error-invalid-email = Escriba una dirección de correo electrónico válida.
error-invalid-country = País desconocido: use códigos de dos letras como ES o MX.
error-invalid-region = Región desconocida.
error-invalid-language = Idioma desconocido.
error-invalid-service = Servicio desconocido.
error-invalid-segment = Tipo de organización desconocido.
error-invalid-size = Tamaño de empresa desconocido.
error-invalid-pricing = Estructura de precios desconocida.
error-invalid-status = Estado desconocido.
error-invalid-slug = Use de 2 a 60 letras minúsculas, cifras y guiones sueltos.
error-slug-taken = Otro socio ya usa esta dirección.
error-slug-locked = Solo la fundación puede cambiar esta dirección, porque las insignias incrustadas en otros sitios enlazan a ella. Pídalo al equipo.
error-csv-unreadable = El archivo no se puede leer como CSV.
error-csv-missing-columns = Al archivo le faltan algunas de las columnas esperadas.
error-slug-duplicate = Esta dirección aparece dos veces en el archivo.
error-email-taken = Ya existe una cuenta con este correo electrónico.
error-invalid-transition = Este cambio de estado no está permitido.
error-reason-required = Indique un motivo: el socio lo verá.
error-weak-password = Use al menos 12 caracteres, y no su dirección de correo electrónico.
error-password-mismatch = Las dos contraseñas no coinciden.
error-wrong-password = Esta no es su contraseña actual.
error-consent-required = Confirme antes de enviar.
error-invalid-number = Escriba un número entero dentro del intervalo permitido.
error-ambiguous-number = Escriba el número sin separador de miles (1000, no 1.000); use un punto para los decimales (12.5).
error-invalid-target = Escriba un número de 0 a 1 000 000 000, o un porcentaje de 0 a 100, con un punto para los decimales (12.5).
error-invalid-role = Rol desconocido.
error-invalid-filter = Valor de filtro desconocido.
error-last-admin = El último administrador no puede perder el rol.

## Error pages
error-back-home = Ir a la página de inicio
error-page-unauthorized = Inicie sesión
error-page-unauthorized-text = Debe iniciar sesión para ver esta página.
error-page-forbidden = No permitido
error-page-forbidden-text = Su cuenta no tiene acceso a esta página. Si cree que debería tenerlo, consulte al equipo de la fundación.
error-page-not-found = Página no encontrada
error-page-not-found-text = No hay nada en esta dirección. Puede que se haya movido, o que el socio ya no figure en el directorio.
error-page-invalid = Algo en la solicitud no es válido
error-page-invalid-text = Vuelva atrás, revise lo que escribió e inténtelo de nuevo.
error-page-bad-request = No se pudo procesar esta solicitud
error-page-bad-request-text = Puede que el formulario haya caducado o no provenga de este sitio. Vuelva atrás, recargue la página e inténtelo de nuevo.
error-page-too-large = La solicitud es demasiado grande
error-page-too-large-text = Lo que envió supera lo que Agora acepta. Envíe un archivo más pequeño o menos texto.
error-page-too-many = Demasiados intentos
error-page-too-many-text = Por su seguridad, espere unos minutos antes de volver a intentarlo.
error-page-internal = Algo falló por nuestra parte
error-page-internal-text = El error quedó registrado y el equipo lo revisará. Inténtelo de nuevo más tarde.

## Language names, each in its own language (the same in every locale)
language-name-en = English
language-name-es = Español
language-name-fr = Français
# Shared by every form with a "kind" field (decisions, key results, contributions).
field-kind = Tipo
error-nul-character = Este texto contiene un carácter NUL (U+0000), que no se acepta.
error-invalid-course-id = Indique un identificador de curso de Open edX: course-v1:Org+Curso+Edición u Org/Curso/Edición.
error-not-a-tracking-log = Este archivo no es un registro de seguimiento de Open edX: sus primeras líneas no son eventos JSON con un tipo de evento y una hora.
error-roi-zero-investment = Un retorno de la inversión necesita al menos una línea de inversión mayor que cero.
error-too-many = Hay demasiadas entradas aquí.
error-tracking-log-differs = Este archivo empieza como un registro ya importado pero luego difiere de él; no se añadió nada.
error-unknown-metric = Elija una de las métricas ofrecidas.
