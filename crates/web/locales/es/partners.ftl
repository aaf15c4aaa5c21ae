# El directorio de socios, los perfiles, las insignias, las solicitudes y el portal del socio.

## Directory
directory-title = Directorio de socios
directory-heading = Directorio de socios de Open edX
directory-lead = Todas las organizaciones de esta lista son socios de Open edX activos y certificados.
directory-filter-label = Filtrar socios
directory-filter-heading = Filtrar
directory-count = { $count ->
    [one] 1 socio
   *[other] { $count } socios
}
directory-empty = Ningún socio coincide con estos filtros. Pruebe a quitar alguno.
directory-bad-filter = Uno de los filtros tiene un valor que no conocemos. Corríjalo y vuelva a buscar.
filter-q = Buscar
filter-region = Región
filter-country = País atendido
filter-service = Servicio
filter-language = Idioma
filter-segment = Tipo de organización
filter-size = Tamaño de la empresa
filter-any = Cualquiera
filter-submit = Buscar
filter-reset = Quitar los filtros
pager-label = Páginas
pager-prev = Página anterior
pager-next = Página siguiente
pager-status = Página { $page } de { $pages }

## Profile, badge, verification
profile-request-proposal = Solicitar una propuesta a este socio
profile-logo-alt = Logotipo de { $name }
profile-about = Acerca de
profile-facts = De un vistazo
profile-hq = Sede
profile-regions = Regiones atendidas
profile-countries = Países atendidos
profile-languages = Idiomas
profile-services = Servicios
profile-pricing = Precios
profile-size = Tamaño de la empresa
profile-segments = Atiende a
profile-verify-heading = Verificar este socio
profile-verify-text = Cualquiera puede comprobar que esta organización es un socio de Open edX en regla.
profile-verify-link = Página de verificación
profile-embed-label = Insignia para incrustar en su sitio web (HTML)
badge-label = Socio de Open edX
badge-state-active = activo
badge-state-inactive = no activo
badge-active = Socio de Open edX: activo
badge-inactive = Socio de Open edX: no activo
verify-title = Verificación de socio
verify-heading = Verificación de socios de Open edX
verify-active = { $name } es un socio de Open edX activo.
verify-inactive = { $name } no es un socio de Open edX activo en este momento.
verify-checked = Comprobado el { $time }.
verify-profile = Ver el perfil del socio

## Applying and editing
apply-title = Hacerse socio
apply-heading = Solicitar la entrada en el programa de socios de Open edX
apply-lead = Háblenos de su organización. La fundación revisa cada solicitud; una vez aprobada, su perfil aparece en el directorio y su contacto recibe una invitación para gestionarlo.
apply-submit = Enviar la solicitud
applied-title = Solicitud recibida
applied-heading = Gracias, hemos recibido su solicitud
applied-text = Revisaremos la solicitud de { $name } y escribiremos a su contacto.
applied-back = Volver al directorio
edit-title = Editar { $name }
edit-saved = El perfil se guardó.
edit-submit = Guardar el perfil
form-has-errors = Algunos campos requieren su atención:
form-error-line = { $field }: { $message }
form-organization = Organización
form-name = Nombre de la organización
form-slug = Dirección en el directorio
form-slug-hint = Letras minúsculas, cifras y guiones, como en /partners/su-nombre. Déjelo vacío para generarla a partir del nombre.
form-website = Sitio web
form-logo = URL del logotipo
form-description = Descripción
form-hq = País de la sede
form-size = Tamaño de la empresa
form-regions = Regiones y países atendidos
form-countries = Otros países atendidos
form-countries-hint = Códigos de país de dos letras separados por comas, por ejemplo: CA, MX, BR.
form-services = Servicios ofrecidos
form-pricing = Estructuras de precios
form-segments = Organizaciones atendidas
form-languages = Idiomas en que atiende a sus clientes
form-contact = Contacto (privado)
form-contact-hint = Nunca se muestra públicamente. Esta persona será la administradora de su perfil.
form-contact-name = Nombre de contacto
form-contact-email = Correo electrónico de contacto
form-motivation = ¿Por qué quiere unirse?
form-required = (obligatorio)
form-required-one = (elija al menos uno)
form-choose = Elija…

## Partner portal
portal-title = Mi organización
portal-heading = Mi organización
portal-none = Su cuenta todavía no está vinculada a una organización socia.
portal-reason = Nota de la fundación
portal-edit = Editar el perfil público

## Categories
status-applicant = Solicitante
status-active = Activo
status-suspended = Suspendido
status-former = Antiguo socio
status-rejected = Rechazado
transition-applicant = Reabrir la solicitud
transition-active = Aprobar / readmitir
transition-suspended = Suspender
transition-former = Retirar del programa
transition-rejected = Rechazar
service-hosting = Alojamiento
service-course-development = Desarrollo de cursos
service-custom-development = Desarrollo a medida
service-training = Formación
service-consulting = Consultoría
service-instructional-design = Diseño instruccional
service-integration = Integración
service-support = Soporte
service-theming = Temas e imagen de marca
service-translation = Traducción
segment-higher-education = Educación superior
segment-corporate = Empresas
segment-government = Administración pública
segment-nonprofit = Organizaciones sin ánimo de lucro
segment-k-12 = Educación primaria y secundaria
size-1-10 = 1–10 personas
size-11-50 = 11–50 personas
size-51-200 = 51–200 personas
size-201-1000 = 201–1000 personas
size-1000-plus = Más de 1000 personas
pricing-fixed-price = Precio cerrado
pricing-time-and-materials = Por tiempo y materiales
pricing-subscription = Suscripción
pricing-revenue-share = Reparto de ingresos
pricing-custom-quote = Presupuesto a medida
