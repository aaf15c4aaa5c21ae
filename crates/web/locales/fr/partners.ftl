# L'annuaire des partenaires, les profils, les badges, les candidatures et l'espace partenaire.

## Directory
directory-title = Annuaire des partenaires
directory-heading = Annuaire des partenaires Open edX
directory-lead = Chaque organisation de cette liste est un partenaire Open edX actif et certifié.
directory-filter-label = Filtrer les partenaires
directory-filter-heading = Filtrer
directory-count = { $count ->
    [one] { $count } partenaire
   *[other] { $count } partenaires
}
directory-empty = Aucun partenaire ne correspond à ces filtres. Essayez d'en retirer un.
directory-bad-filter = L'un des filtres a une valeur que nous ne connaissons pas. Corrigez-la et relancez la recherche.
filter-q = Rechercher
filter-region = Région
filter-country = Pays desservi
filter-service = Service
filter-language = Langue
filter-segment = Type d'organisation
filter-size = Taille de l'entreprise
filter-any = Indifférent
filter-submit = Rechercher
filter-reset = Effacer les filtres
pager-label = Pages
pager-prev = Page précédente
pager-next = Page suivante
pager-status = Page { $page } sur { $pages }

## Profile, badge, verification
profile-request-proposal = Demander une proposition à ce partenaire
profile-logo-alt = Logo de { $name }
profile-about = Présentation
profile-facts = En bref
profile-hq = Siège
profile-regions = Régions desservies
profile-countries = Pays desservis
profile-languages = Langues
profile-services = Services
profile-pricing = Tarification
profile-size = Taille de l'entreprise
profile-segments = Clientèle
profile-verify-heading = Vérifier ce partenaire
profile-verify-text = Chacun peut vérifier que cette organisation est un partenaire Open edX en règle.
profile-verify-link = Page de vérification
profile-embed-label = Badge à intégrer sur votre site web (HTML)
badge-label = Partenaire Open edX
badge-state-active = actif
badge-state-inactive = inactif
badge-active = Partenaire Open edX : actif
badge-inactive = Partenaire Open edX : inactif
verify-title = Vérification d'un partenaire
verify-heading = Vérification des partenaires Open edX
verify-active = { $name } est un partenaire Open edX actif.
verify-inactive = { $name } n'est pas un partenaire Open edX actif à ce jour.
verify-checked = Vérifié le { $time }.
verify-profile = Voir le profil du partenaire

## Applying and editing
apply-title = Devenir partenaire
apply-heading = Candidater au programme partenaires Open edX
apply-lead = Présentez-nous votre organisation. La fondation examine chaque candidature ; une fois celle-ci approuvée, votre profil apparaît dans l'annuaire et votre contact reçoit une invitation à le gérer.
apply-submit = Envoyer la candidature
applied-title = Candidature reçue
applied-heading = Merci, nous avons bien reçu votre candidature
applied-text = Nous examinerons la candidature de { $name } et écrirons à son contact.
applied-back = Retour à l'annuaire
edit-title = Modifier { $name }
edit-saved = Le profil a été enregistré.
edit-submit = Enregistrer le profil
form-has-errors = Certains champs demandent votre attention :
form-error-line = { $field } : { $message }
form-organization = Organisation
form-name = Nom de l'organisation
form-slug = Adresse dans l'annuaire
form-slug-hint = Lettres minuscules, chiffres et tirets, comme dans /partners/votre-nom. Laissez vide pour la créer à partir du nom.
form-website = Site web
form-logo = URL du logo
form-description = Description
form-hq = Pays du siège
form-size = Taille de l'entreprise
form-regions = Régions et pays desservis
form-countries = Autres pays desservis
form-countries-hint = Codes pays à deux lettres séparés par des virgules, par exemple : CA, MX, BR.
form-services = Services proposés
form-pricing = Structures tarifaires
form-segments = Organisations servies
form-languages = Langues parlées avec les clients
form-contact = Contact (privé)
form-contact-hint = Jamais affiché publiquement. Cette personne devient l'administratrice de votre profil.
form-contact-name = Nom du contact
form-contact-email = Adresse e-mail du contact
form-motivation = Pourquoi souhaitez-vous nous rejoindre ?
form-required = (obligatoire)
form-required-one = (choisissez-en au moins un)
form-choose = Choisir…

## Partner portal
portal-title = Mon organisation
portal-heading = Mon organisation
portal-none = Votre compte n'est pas encore lié à une organisation partenaire.
portal-reason = Note de la fondation
portal-edit = Modifier le profil public

## Categories
status-applicant = Candidat
status-active = Actif
status-suspended = Suspendu
status-former = Ancien partenaire
status-rejected = Refusé
transition-applicant = Rouvrir la candidature
transition-active = Approuver / réintégrer
transition-suspended = Suspendre
transition-former = Retirer du programme
transition-rejected = Refuser
service-hosting = Hébergement
service-course-development = Création de cours
service-custom-development = Développement sur mesure
service-training = Formation
service-consulting = Conseil
service-instructional-design = Ingénierie pédagogique
service-integration = Intégration
service-support = Support
service-theming = Thèmes et image de marque
service-translation = Traduction
segment-higher-education = Enseignement supérieur
segment-corporate = Entreprises
segment-government = Administrations publiques
segment-nonprofit = Associations et organismes à but non lucratif
segment-k-12 = Enseignement primaire et secondaire
size-1-10 = 1 à 10 personnes
size-11-50 = 11 à 50 personnes
size-51-200 = 51 à 200 personnes
size-201-1000 = 201 à 1 000 personnes
size-1000-plus = Plus de 1 000 personnes
pricing-fixed-price = Prix forfaitaire
pricing-time-and-materials = En régie
pricing-subscription = Abonnement
pricing-revenue-share = Partage des revenus
pricing-custom-quote = Devis sur mesure
