# Partagé par tous les programmes : mise en page, navigation, accueil, noms de champs et erreurs, pages d'erreur.

site-name = Agora
site-tagline = Programmes communautaires d'Open edX
nav-skip = Aller au contenu
nav-label = Principal
nav-account-label = Votre compte
nav-partners = Annuaire des partenaires
nav-apply = Devenir partenaire
nav-portal = Mon organisation
nav-admin = Administration
nav-login = Se connecter
nav-logout = Se déconnecter
footer-text = Agora gère les programmes partenaires et communautaires de l'écosystème Open edX. La fondation tient à jour la liste des partenaires.
footer-api = API

## Home
home-title = Partenaires et communauté Open edX
home-heading = Trouver un partenaire Open edX
home-lead = Des prestataires certifiés hébergent, développent, enseignent et accompagnent Open edX dans le monde entier. Cherchez-les par région, service, langue et type d'organisation.
home-find = Parcourir l'annuaire des partenaires
home-apply = Demander à devenir partenaire
home-stats-heading = Le programme partenaires aujourd'hui
home-stats-partners = { $count ->
    [one] partenaire actif
   *[other] partenaires actifs
}
home-stats-regions = { $count ->
    [one] région desservie
   *[other] régions desservies
}
chart-regions-title = Partenaires actifs par région
chart-regions-desc = Diagramme en barres horizontales du nombre de partenaires actifs qui desservent chaque région ; les mêmes chiffres figurent dans le tableau qui suit.
chart-count = Partenaires

## Field names, for error summaries
field-name = Nom
field-slug = Adresse dans l'annuaire
field-website = Site web
field-logo_url = URL du logo
field-description = Description
field-hq_country = Pays du siège
field-size = Taille de l'entreprise
field-regions = Régions desservies
field-countries = Pays desservis
field-services = Services
field-pricing = Tarification
field-segments = Organisations servies
field-languages = Langues
field-contact_name = Nom du contact
field-contact_email = Adresse e-mail du contact
field-motivation = Motivation
field-status = Statut
field-reason = Motif
field-page = Page
field-per_page = Taille de page
field-email = Adresse e-mail
field-password = Mot de passe
field-language = Langue

## Field errors
error-invalid-value = Cette valeur n'est pas valide.
error-required = Ce champ est obligatoire.
error-too-long = C'est trop long.
error-too-short = C'est trop court.
error-invalid-url = Saisissez une adresse web complète commençant par https:// ou http://.
error-invalid-email = Saisissez une adresse e-mail valide.
error-invalid-country = Pays inconnu : utilisez des codes à deux lettres comme FR ou CA.
error-invalid-region = Région inconnue.
error-invalid-language = Langue inconnue.
error-invalid-service = Service inconnu.
error-invalid-segment = Type d'organisation inconnu.
error-invalid-size = Taille d'entreprise inconnue.
error-invalid-pricing = Structure tarifaire inconnue.
error-invalid-status = Statut inconnu.
error-invalid-slug = Utilisez de 2 à 60 lettres minuscules, chiffres et tirets isolés.
error-slug-taken = Un autre partenaire utilise déjà cette adresse.
error-slug-locked = Seule la fondation peut modifier cette adresse, car les badges intégrés sur d'autres sites y renvoient. Adressez-vous à l'équipe.
error-csv-unreadable = Le fichier n'est pas lisible en CSV.
error-csv-missing-columns = Il manque au fichier certaines des colonnes attendues.
error-slug-duplicate = Cette adresse apparaît deux fois dans le fichier.
error-email-taken = Un compte existe déjà avec cette adresse e-mail.
error-invalid-transition = Ce changement de statut n'est pas autorisé.
error-reason-required = Indiquez un motif : le partenaire le verra.
error-weak-password = Utilisez au moins 12 caractères, et pas votre adresse e-mail.
error-password-mismatch = Les deux mots de passe ne correspondent pas.
error-wrong-password = Ce n'est pas votre mot de passe actuel.
error-consent-required = Veuillez confirmer avant d'envoyer.
error-invalid-number = Saisissez un nombre entier dans l'intervalle autorisé.
error-ambiguous-number = Écrivez le nombre sans séparateur de milliers (1000, et non 1.000) ; utilisez un point pour les décimales (12.5).
error-invalid-target = Saisissez un nombre de 0 à 1 000 000 000, ou une part de 0 à 100, avec un point pour les décimales (12.5).
error-invalid-role = Rôle inconnu.
error-invalid-filter = Valeur de filtre inconnue.
error-last-admin = Le dernier administrateur ne peut pas perdre ce rôle.

## Error pages
error-back-home = Aller à la page d'accueil
error-page-unauthorized = Veuillez vous connecter
error-page-unauthorized-text = Vous devez vous connecter pour voir cette page.
error-page-forbidden = Accès refusé
error-page-forbidden-text = Votre compte n'a pas accès à cette page. Si vous pensez qu'il devrait, adressez-vous à l'équipe de la fondation.
error-page-not-found = Page introuvable
error-page-not-found-text = Il n'y a rien à cette adresse. La page a peut-être été déplacée, ou le partenaire ne figure plus dans l'annuaire.
error-page-invalid = Un élément de la requête n'est pas valide
error-page-invalid-text = Revenez en arrière, vérifiez ce que vous avez saisi et réessayez.
error-page-bad-request = Cette requête n'a pas pu être traitée
error-page-bad-request-text = Le formulaire a peut-être expiré ou ne provient pas de ce site. Revenez en arrière, rechargez la page et réessayez.
error-page-too-large = La requête est trop volumineuse
error-page-too-large-text = Ce que vous avez envoyé dépasse ce qu'Agora accepte. Envoyez un fichier plus petit ou moins de texte.
error-page-too-many = Trop de tentatives
error-page-too-many-text = Pour votre sécurité, veuillez patienter quelques minutes avant de réessayer.
error-page-internal = Une erreur s'est produite de notre côté
error-page-internal-text = L'erreur a été enregistrée et l'équipe va l'examiner. Veuillez réessayer plus tard.

## Language names, each in its own language (the same in every locale)
language-name-en = English
language-name-es = Español
language-name-fr = Français
# Shared by every form with a "kind" field (decisions, key results, contributions).
field-kind = Type
error-nul-character = Ce texte contient un caractère NUL (U+0000), qui n’est pas accepté.
error-invalid-course-id = Indiquez un identifiant de cours Open edX : course-v1:Org+Cours+Session ou Org/Cours/Session.
error-not-a-tracking-log = Ce fichier n’est pas un journal de suivi Open edX : ses premières lignes ne sont pas des événements JSON avec un type d’événement et une heure.
error-roi-zero-investment = Un retour sur investissement demande au moins une ligne d’investissement supérieure à zéro.
error-too-many = Il y a trop d’entrées ici.
error-tracking-log-differs = Ce fichier commence comme un journal déjà importé mais en diffère ensuite ; rien n’a été ajouté.
error-unknown-metric = Choisissez l’une des mesures proposées.
