# Plans de communauté pour les cours (issue 13, seed 004 « Build your community »).

courses-title = Plans de communauté pour les cours
courses-lead = Pour chaque cours : à qui il s'adresse, ce qu'il leur offre, ce que la communauté coûte et rapporte, qui fait quoi, et comment les apprenants réagissent réellement, mesuré à partir de l'activité propre du cours.
courses-new = Nouveau plan de communauté
courses-new-text = Un plan appartient à un seul cours. Vous en serez propriétaire et pourrez le partager avec des personnes ou un groupe.
courses-mine = Plans que vous pouvez voir
courses-none = Aucun plan n'est encore partagé avec vous.
courses-sign-in = Connectez-vous pour voir les plans partagés avec vous ou pour en créer un.
courses-owner = Propriétaire
courses-public = Avancement publié
courses-public-none = Aucun cours ne publie encore son avancement.
courses-edit-title = Modifier le plan de { $course }
courses-course-id-fixed = Un plan reste attaché à son cours.
courses-course-id-hint = Tel qu'Open edX l'écrit : course-v1:Org+Course+Run, ou l'ancien format Org/Course/Run.
courses-partner = Partenaire qui dispense le cours
courses-no-partner = Aucun
courses-purpose-hint = Interne : pour votre propre personnel ou vos membres, là où le coût de la communauté compte moins. Externe : une communauté élargie, avec son coût et sa complexité.
courses-stakeholders-hint = Qui impliquer : équipes, sponsors, partenaires.
courses-guidelines-hint = Les règles et politiques de la communauté : modération, ton, où l'on répond à quoi.
courses-lms-url-hint = La page de présentation du cours sur le LMS. Les liens de parrainage sont construits à partir d'elle.
courses-public-progress-hint = Affiche les indicateurs marqués comme publics à une adresse publique, en masquant tout effectif inférieur à cinq apprenants.
courses-create = Créer le plan
courses-run-by = dispensé par { $partner }
courses-plan-sections = Sections du plan
courses-edit = Modifier le plan
courses-import = Importer des données d'apprenants
courses-series = Chiffres hebdomadaires
courses-public-page = Avancement public
courses-targets = Publics cibles et offre
courses-targets-none = Aucun public cible pour l'instant.
courses-targets-edit = Modifier les publics cibles et l'offre
courses-targets-title = Publics cibles et offre de { $course }
courses-targets-text = Pour chaque segment de public : sa taille estimée, l'offre qui lui est faite et ce qui distingue cette offre.
courses-segment = Segment
courses-segment-n = Segment { $n }
courses-rows-hint = Laissez une ligne vide pour la supprimer.
courses-business = Plan d'affaires
courses-business-title = Plan d'affaires de { $course }
courses-business-text = Lignes d'investissement (personnes, marketing, outils, événements) et lignes de valeur attendue (revenus, économies de coûts, certificats vendus, leads), chacune payée une seule fois le premier mois ou chaque mois.
courses-business-horizon = Sur { $months } mois.
courses-business-no-break-even = Ce plan externe n'atteint pas le seuil de rentabilité dans son horizon.
courses-business-internal = Un plan interne montre son coût ; il n'est pas tenu d'atteindre le seuil de rentabilité.
courses-business-none = Aucune ligne pour l'instant.
courses-business-lines = Lignes du plan d'affaires
courses-business-amount = À chaque fois
courses-business-sensitivity = Retour si la valeur s'écarte des prévisions
courses-business-value-change = Si la valeur est
courses-business-as-planned = Comme prévu
courses-business-investment = Investissement
courses-business-value = Valeur
courses-business-roi = Retour sur investissement
courses-business-break-even = Atteint le seuil de rentabilité
courses-business-month = au mois { $month }
courses-business-month-beyond = au mois { $month }, après l'horizon
courses-business-never = jamais
courses-business-edit = Modifier le plan d'affaires
courses-line-n = Ligne { $n }
courses-measures = Indicateurs de réussite
courses-measures-hint = Chaque indicateur est calculé à partir de l'activité des apprenants importée pour le cours, jamais saisi à la main.
courses-measures-none = Aucun indicateur pour l'instant.
courses-measure-target = objectif { $target } d'ici le { $date }
courses-measure-actual = actuellement { $actual }
courses-measure-public = public
courses-measure-add = Ajouter un indicateur
courses-measure-name-example = 2000 inscrits d'ici la semaine 6
courses-target-hint = Un nombre d'apprenants ou de messages, ou un pourcentage pour une proportion.
courses-chart-title = { $measure }, semaine par semaine
courses-chart-table = Les chiffres sous forme de tableau
courses-week = Semaine du
courses-no-data = Aucune donnée d'apprenants pour l'instant : importez un journal de suivi.
courses-remove = Retirer
courses-edit-part = Modifier
courses-measure-edit-title = Modifier l'indicateur « { $name } »
courses-item-edit-title = Modifier l'action de la feuille de route « { $name } »
courses-roadmap = Feuille de route
courses-roadmap-none = Rien de prévu dans cette phase.
courses-overdue = En retard
courses-item-add = Ajouter à la feuille de route
courses-roles = Rôles
courses-roles-none = Personne n'a encore de rôle.
courses-role-add = Attribuer un rôle
courses-responsibilities-hint = Laissez vide pour reprendre les responsabilités habituelles du rôle.
courses-referrals = Liens de parrainage
courses-referrals-hint = Les apprenants et les partenaires font circuler ces liens ; les inscriptions qui passent par eux sont comptées dans les chiffres hebdomadaires.
courses-referrals-no-lms = Ajoutez au plan l'adresse du cours sur le LMS pour obtenir ses liens.
courses-referrals-none = Ni le partenaire qui dispense le cours ni personne du plan n'a encore de code de parrainage.
courses-referral-link = Lien
courses-referred = Apprenants parrainés
courses-sharing = Partage
courses-sharing-hint = Les personnes et les groupes avec qui le plan est partagé voient ses chiffres exacts.
courses-sharing-none = Le plan n'est encore partagé avec personne.
courses-share-add = Partager le plan
courses-unshare = Ne plus partager
courses-role-remove-question = Retirer { $name } du rôle « { $role } » ?
courses-unshare-question = Ne plus partager ce plan avec { $name } ?
course-share-person = personne
course-share-group = groupe

course-series-title = Chiffres hebdomadaires de { $course }
course-series-text = Les semaines commencent le lundi (UTC).
course-series-csv = Télécharger en CSV
course-series-caption = Activité des apprenants semaine par semaine
course-series-week-start = Semaine du
course-series-enrolled = Inscrits
course-series-new-enrollments = Nouvelles inscriptions
course-series-active = Apprenants actifs
course-series-returning = Apprenants de retour
course-series-played-video = Ont lu une vidéo
course-series-attempted-problem = Ont tenté un problème
course-series-forum-posts = Messages sur le forum
course-series-completions = Achèvements
course-series-certificates = Certificats
course-series-referred = Parrainés
course-funnel = De l'inscription à l'achèvement
course-funnel-enrolled = Inscrits
course-funnel-active = Actifs au moins une fois
course-funnel-completed = Ont terminé
course-cohorts = Rétention par semaine d'inscription
course-cohorts-hint = Parmi les apprenants inscrits au cours d'une semaine, la proportion active cette semaine-là et chacune des semaines suivantes.
course-cohort-week = Inscrits la semaine du
course-cohort-size = Apprenants
course-cohort-week-n = Semaine { $n }

course-import-title = Importer des données d'apprenants pour { $course }
course-import-text = Téléversez un journal de suivi (tracking log) tel que le LMS l'écrit (brut ou .gz) ou le CSV des apprenants inscrits du tableau de bord de l'enseignant. Seuls les événements de ce cours sont conservés ; importer à nouveau un fichier n'ajoute rien, et un journal qui s'est allongé n'ajoute que ses nouvelles lignes.
course-import-kind = Nature du fichier
course-import-kind-tracking = Un journal de suivi
course-import-kind-enrolled = Le CSV des apprenants inscrits
course-import-file-hint = Jusqu'à { $mb } Mo. Les journaux plus volumineux s'importent avec la commande agora course import-tracking-log.
course-import-submit = Importer
course-import-privacy = Les apprenants sont pseudonymisés à la lecture du fichier ; aucun nom, nom d'utilisateur ni adresse e-mail n'est conservé.
course-import-done = Importation terminée
course-import-lines = { $n ->
    [one] { $n } ligne lue.
   *[other] { $n } lignes lues.
}
course-import-events = { $n ->
    [one] { $n } événement d'apprenant dans un cours.
   *[other] { $n } événements d'apprenants dans des cours.
}
course-import-already = Le début de ce fichier avait déjà été importé ; seule la suite a été ajoutée.
course-import-other-courses = { $n ->
    [one] { $n } événement d'un autre cours a été écarté.
   *[other] { $n } événements d'autres cours ont été écartés.
}
course-import-malformed = { $n ->
    [one] { $n } ligne n'a pas pu être lue et a été ignorée :
   *[other] { $n } lignes n'ont pas pu être lues et ont été ignorées ; la première d'entre elles :
}
course-import-stopped = L'importation s'est arrêtée avant la fin ; ce qui a été lu auparavant est conservé :
course-import-see-measures = Voir les indicateurs
course-import-enrolled = { $added ->
    [one] { $added } nouvelle inscription sur { $rows } lignes lisibles.
   *[other] { $added } nouvelles inscriptions sur { $rows } lignes lisibles.
}
course-import-bad-rows = { $n ->
    [one] { $n } ligne n'avait pas de username ou pas de date d'inscription lisible et a été ignorée :
   *[other] { $n } lignes n'avaient pas de username ou pas de date d'inscription lisible et ont été ignorées :
}

course-progress-title = { $course } : comment la communauté grandit
course-progress-text = Les indicateurs que l'équipe de ce cours a choisi de publier. Les chiffres sont arrondis au multiple de cinq le plus proche ; une semaine comptant moins de cinq apprenants n'est pas affichée.
course-progress-none = Aucun indicateur n'est encore publié.
course-progress-data-updated = Activité des apprenants importée pour la dernière fois le { $date }.
course-progress-no-data = Aucune activité d'apprenants n'a encore été importée.
course-fewer-than-five = moins de 5

task-course-item-overdue = En retard sur la feuille de route de { $course } : { $item }

course-purpose-internal = Interne
course-purpose-external = Externe
course-line-people = Personnes
course-line-marketing = Marketing
course-line-tools = Outils
course-line-events = Événements
course-line-revenue = Revenus
course-line-cost-savings = Économies de coûts
course-line-certificates-sold = Certificats vendus
course-line-leads = Leads
course-cadence-one-off = Une fois
course-cadence-monthly = Chaque mois
course-role-strategic-lead = Responsable stratégique
course-role-community-manager = Gestionnaire de communauté
course-role-pedagogical-manager = Responsable pédagogique
course-role-sales = Ventes
course-role-legal = Juridique
course-role-it = Informatique
course-role-strategic-lead-duties = Guide la planification et l'exécution d'ensemble de la feuille de route de la communauté ; assure l'intégration avec les parties prenantes internes et les partenaires externes ; aligne la communication et les contenus sur les initiatives et les annonces plus larges de l'organisation.
course-role-community-manager-duties = La porte d'entrée des membres de la communauté : la voix de l'organisation auprès de la communauté et de la communauté auprès de l'organisation. Travaille avec le responsable pédagogique, publie des messages, suit et modère les discussions, résout les questions non pédagogiques et fait remonter les problèmes aux responsables dès qu'ils apparaissent.
course-role-pedagogical-manager-duties = Est responsable des contenus d'apprentissage du cours et répond aux questions pédagogiques, avec l'équipe de gestion de la communauté.
course-role-sales-duties = Élabore et met en œuvre la stratégie pour favoriser les conversions.
course-role-legal-duties = Approuve les processus définis par le responsable stratégique et se tient prêt à aider quand une situation l'exige.
course-role-it-duties = Veille à la sécurité, à la fiabilité et à l'évolutivité de la technologie et gère les outils sociaux.
course-phase-build-target-base = Constituer la base cible
course-phase-engage = Comprendre et mobiliser le public
course-phase-go-viral = Devenir viral grâce aux membres
course-phase-organize-team = Organiser l'équipe
course-item-status-planned = Prévu
course-item-status-in-progress = En cours
course-item-status-done = Terminé
course-item-status-dropped = Abandonné
course-access-view = Peut consulter
course-access-edit = Peut modifier
course-metric-enrolled = Apprenants inscrits
course-metric-active-share = Part des apprenants inscrits actifs dans la semaine (%)
course-metric-returning-share = Part des apprenants actifs de la semaine qui sont revenus (%)
course-metric-active = Apprenants actifs dans la semaine
course-metric-forum-posts = Messages sur le forum à ce jour
course-metric-referred = Apprenants parrainés à ce jour
course-metric-completions = Achèvements à ce jour
course-metric-certificates = Certificats à ce jour
course-metric-played-video = Apprenants ayant lu une vidéo dans la semaine
course-metric-attempted-problem = Apprenants ayant tenté un problème dans la semaine
course-standing-met = Atteint
course-standing-missed = Manqué
course-standing-in-progress = En cours
course-standing-no-data = Pas encore de données

field-course_id = Identifiant du cours
field-lms_url = Page du cours sur le LMS
field-public_progress = Publier les indicateurs publics
field-horizon_months = Horizon en mois
field-due_on = Date
field-targets = Publics cibles
field-lines = Lignes
field-measure = Indicateur
field-access = Accès
field-cadence = Paiement
field-guidelines = Règles et politiques
field-metric = Métrique
field-offer = Offre
field-owner = Responsable
field-phase = Phase
field-public = Public
field-quantity = Quantité
field-responsibilities = Responsabilités
field-stakeholders = Parties prenantes
field-usp = Ce qui la distingue

error-course-plan-exists = Ce cours a déjà un plan. Demandez à son propriétaire de le partager avec vous.
error-course-has-data = Agora détient déjà des données d'apprenants pour ce cours : demandez à la fondation de créer son plan et de le partager avec vous.
error-course-role-taken = Cette personne a déjà ce rôle.
error-share-one-grantee = Choisissez une personne ou un groupe (l'un des deux).
error-csv-enrolled-columns = Ce n'est pas le CSV des apprenants inscrits : il doit contenir les colonnes username et enrollment_date.
error-csv-not-utf8 = Le fichier n'est pas du texte UTF-8.
courses-segment-size = Taille estimée
courses-unit-price = Prix unitaire (US$)
footer-courses = Plans de communauté des cours
error-invalid-text = Ce texte contient des caractères invisibles qui changent le sens de ce qui suit ; supprimez-les.
error-time-out-of-range = Une date est antérieure à 2012 ou dans le futur.
error-tracking-log-busy = Quelqu'un d'autre importait ce fichier au même moment ; ce que cette importation a ajouté est conservé. Importez-le de nouveau pour ajouter le reste.
error-course-owner-no-access = Cette personne ne peut pas voir le plan : partagez-le avec elle ou donnez-lui d'abord un rôle.
error-course-share-open-group = N'importe qui peut rejoindre ce groupe : le partager avec lui reviendrait à partager le plan avec n'importe qui. Partagez avec des personnes, ou avec un groupe qui admet ses membres sur demande.
courses-measure-actual-at = { $actual } au { $date }
courses-measure-name = Nom de l'indicateur
courses-value = Valeur
courses-not-saved = Non enregistré : voir le formulaire plus bas.
courses-import-nothing-new = Ce fichier avait déjà été importé : rien de nouveau n'a été ajouté.
