# Groupes : groupes de travail, groupes de réflexion et comités ; inscription, membres, mandats d'animation.

nav-groups = Groupes

## Annuaire et page du groupe
groups-heading = Groupes
groups-intro = Groupes de travail, groupes de réflexion et comités où les membres de la communauté travaillent ensemble. Les groupes ouverts accueillent quiconque les rejoint ; pour les autres, on s'adresse d'abord à leurs animateurs.
groups-none = Aucun groupe pour l'instant.
groups-col-name = Nom
groups-part-of = Fait partie de
groups-decisions = Décisions
groups-edit = Modifier le groupe
groups-time = Engagement en temps
groups-time-none = Non précisé
groups-hours = { $max ->
    [one] { $min } à { $max } heure par mois
   *[other] { $min } à { $max } heures par mois
}
groups-hours-hint = Heures par mois attendues de chaque membre, de la plus petite à la plus grande valeur. Laissez les deux vides si le groupe n'en précise pas.
groups-subgroups = Groupes au sein de celui-ci
groups-collaborators = Travaille avec
groups-your-membership = Adhésion
groups-sign-in-to-join = Connectez-vous pour rejoindre ce groupe
groups-you-are-member = Vous êtes membre de ce groupe.
groups-join = Rejoindre le groupe
groups-leave = Quitter le groupe
groups-ask = Demander à rejoindre
groups-by-request-hint = Ce groupe accueille ses membres sur demande : un animateur lit votre message et vous répond.
groups-request-waiting = Votre demande d'adhésion attend la réponse d'un animateur.
groups-request-declined = Votre dernière demande a été refusée : { $reason }
groups-requests = Demandes d'adhésion
groups-requests-none = Aucune demande en attente.
groups-decline-reason = Motif (nécessaire pour refuser)
groups-accept = Accepter
groups-decline = Refuser
groups-members = Membres
groups-members-none = Personne n'a encore rejoint le groupe.
groups-terms = Animateurs
groups-terms-hint = Chaque groupe a un animateur principal et un animateur suppléant, à tour de rôle. Les mandats sont planifiés à l'avance ; l'historique montre qui a animé et quand.
groups-terms-current = En cours
groups-terms-planned = Planifiés
groups-terms-past = Historique
groups-terms-none = Aucun.
groups-plan-term = Planifier un mandat
groups-plan = Planifier le mandat
groups-edit-heading = Modifier { $name }
groups-save = Enregistrer
groups-collab-add = Ajouter comme collaborateur
groups-collab-remove = Ne plus travailler avec { $name }

## Types, adhésion, sièges, rôles, demandes
group-kind-working-group = Groupe de travail
group-kind-focus-group = Groupe de réflexion
group-kind-committee = Comité ou jury
group-membership-open = Ouvert à tous
group-membership-by-request = Sur demande
group-seat-primary = Animateur principal
group-seat-secondary = Animateur suppléant
group-role-primary-facilitator = Animateur principal
group-role-secondary-facilitator = Animateur suppléant
group-role-member = Membre
join-status-pending = En attente
join-status-accepted = Acceptée
join-status-declined = Refusée

## Champs
field-parent = Groupe parent
field-purpose = Objet
field-charter = Charte
field-hours_min = Au moins (heures par mois)
field-hours_max = Au plus (heures par mois)
field-chat_channel = Canal de discussion
field-chat_url = Lien du canal de discussion
field-mailing_list = Liste de diffusion
field-membership = Adhésion
field-person = Personne
field-seat = Siège
field-starts_on = Premier jour
field-ends_on = Dernier jour
field-collaborator = Groupe
field-request = Demande

## Erreurs
error-invalid-group-kind = Choisissez groupe de travail, groupe de réflexion ou comité.
error-invalid-membership = Choisissez ouvert ou sur demande.
error-invalid-seat = Choisissez animateur principal ou suppléant.
error-below-minimum = La valeur maximale ne peut pas être inférieure à la valeur minimale.
error-parent-loop = Un groupe ne peut pas être placé sous lui-même ni sous l'un de ses propres groupes.
error-unknown-group = Aucun groupe ne porte ce nom.
error-same-group = Un groupe ne peut pas collaborer avec lui-même.
error-sign-in-required = Connectez-vous d'abord.
error-already-member = Vous êtes déjà membre de ce groupe.
error-by-request = Ce groupe accueille ses membres sur demande : demandez à le rejoindre.
error-request-pending = Votre demande attend déjà une réponse.
error-facilitator-must-hand-over = Vous animez ce groupe maintenant ou plus tard : transmettez votre mandat avant de partir.
error-not-member = Cette personne n'est pas membre du groupe.
error-already-answered = Cette demande a déjà reçu une réponse.
error-in-the-past = Choisissez aujourd'hui ou un jour suivant : les mandats passés relèvent de l'historique.
error-before-start = Le dernier jour ne peut pas précéder le premier.
error-term-too-long = Un mandat dure au plus un an.
error-seat-taken = Quelqu'un occupe ce siège pendant ces jours.
error-already-facilitating = Cette personne anime déjà pendant ces jours.
error-invalid-decision = Choisissez accepter ou refuser.

## Ce qui m'attend
task-group-join-request = Répondre à la demande de { $name } pour rejoindre { $group }
task-group-term-ending = Le mandat de { $name } dans { $group } se termine bientôt : planifiez l'animateur suivant
task-group-check-in = Faites le point sur « { $key_result } » ({ $group }) : personne ne l'a fait depuis deux semaines

## Courriels
email-group-request-accepted-subject = Bienvenue dans { $group }
email-group-request-accepted-body = Votre demande pour rejoindre { $group } a été acceptée. Vous en êtes membre : { $link }
email-group-request-declined-subject = Votre demande pour rejoindre { $group }
email-group-request-declined-body = Votre demande pour rejoindre { $group } a été refusée. L'animateur a écrit :

    { $reason }

    { $link }
email-group-term-ending-subject = Votre mandat d'animation dans { $group } se termine le { $date }
email-group-term-ending-body = Votre mandat d'animateur de { $group } se termine le { $date }. Planifiez qui anime ensuite, pour que le groupe ne reste jamais sans animateur : { $link }

## OKR
kr-kind-number = Nombre
kr-kind-percentage = Pourcentage
kr-kind-currency = Montant
kr-kind-milestone = Jalon
confidence-low = Confiance faible
confidence-medium = Confiance moyenne
confidence-high = Confiance élevée
field-start = Valeur de départ
field-target = Valeur cible
field-value = Valeur actuelle
field-unit = Unité
field-confidence = Confiance
field-weight = Poids
field-comment = Commentaire
error-invalid-kr-kind = Choisissez nombre, pourcentage, montant ou jalon.
error-invalid-confidence = Indiquez une confiance de 0 à 1 par pas de 0,1, par exemple 0.7.
error-target-equals-start = La cible doit différer de la valeur de départ.
error-too-many-key-results = Un objectif compte au plus cinq résultats clés.
error-period-closed = Cette période est terminée : ses objectifs et résultats clés ne changent plus et ne reçoivent plus de points d'étape.
error-period-not-started = Cette période n'a pas encore commencé : faites le point à partir de son premier jour.
error-invalid-score = Indiquez une note de 0 à 1 par pas de 0,1, par exemple 0.7.
error-period-not-ending = Les résultats clés sont notés pendant les deux dernières semaines de leur période ou après.
error-not-parent-objective = Choisissez un objectif du groupe parent pour la même période.
error-already-scored = Ce résultat clé est déjà noté : sa période est close.

## OKR pages
field-aligned_to = Sert l'objectif du groupe parent
field-members_check_in = Les membres peuvent faire un point d'étape (les animateurs toujours)
field-score = Note
field-key_results = Résultats clés
okr-heading = Objectifs et résultats clés, { $period }
okr-intro = Ce que le groupe se propose d'atteindre ce trimestre, et les résultats clés mesurables qui le montrent. L'avancement d'un objectif est la moyenne pondérée de celui de ses résultats clés.
okr-show = Afficher
okr-none = Pas encore d'objectifs pour cette période.
okr-none-short = Aucun pour l'instant
okr-group-progress = Avancement du groupe : { $percent }
okr-progress = Avancement : { $percent }
okr-serves = sert « { $objective } »
okr-key-results-of = Résultats clés de « { $objective } »
okr-no-key-results = Pas encore de résultats clés.
okr-col-key-result = Résultat clé
okr-col-progress = Avancement
okr-col-now = Maintenant
okr-col-objectives = Objectifs
okr-col-when = Quand
okr-col-by = Par
okr-add-objective = Ajouter un objectif
okr-edit-objective = Modifier l'objectif
okr-add-key-result = Ajouter un résultat clé
okr-edit-key-result = Modifier le résultat clé
okr-children = Objectifs des groupes qui en font partie
okr-milestone-done = Fait
okr-milestone-open = Pas encore
okr-new-objective-heading = Nouvel objectif pour { $group }
okr-objective-hint = Ce que le groupe veut atteindre, en mots : qualitatif, pas un chiffre.
okr-period-hint = Un trimestre, par exemple 2026-Q4.
okr-aligned-label = Objectif de { $group } que celui-ci sert
okr-aligned-none = Aucun
okr-save = Enregistrer
okr-new-key-result-heading = Nouveau résultat clé pour « { $objective } »
okr-kind = Ce qu'il mesure
okr-kind-hint = Un jalon est atteint ou non ; les autres vont de la valeur de départ à la cible, à la hausse ou à la baisse.
okr-confidence-hint = À quel point le groupe est sûr de l'atteindre, de 0 à 1 par pas de 0,1 (0,5 si vide).
okr-weight-hint = Son poids dans l'avancement de l'objectif, de 1 à 100 ; poids égaux (1) sauf indication.
okr-of-objective = Résultat clé de « { $objective } »
okr-history = Avancement et confiance dans le temps
okr-history-caption = Points d'étape, du plus ancien au plus récent
okr-no-check-ins = Pas encore de point d'étape.
okr-chart-title = Avancement à chaque point d'étape
okr-chart-desc = Une barre par point d'étape, avec son jour et la confiance donnée ; la longueur de la barre est l'avancement vers la cible, de 0 à 100 %.
okr-chart-point = { $day } · { $confidence }
okr-closed = Ce résultat clé ne reçoit plus de points d'étape : sa période est terminée ou il a été noté.
okr-check-in-heading = Faire un point d'étape
okr-value-hint = La valeur actuelle (la cible est { $target }).
okr-milestone-hint = 1 si c'est fait, 0 sinon.
okr-check-in-button = Enregistrer le point d'étape
okr-score-heading = Note de fin de période
okr-score-hint = De 0 à 1 par pas de 0,1 : 0,7 signifie souvent un résultat ambitieux et bien atteint.
okr-closing-note = Note de clôture : ce que le groupe a appris
okr-score-button = Enregistrer la note

## Regular updates
group-updates-heading = Comptes rendus réguliers
group-update-next-due = Prochain compte rendu attendu le { $date }
group-update-cadence = { $days ->
    [one] chaque jour
   *[other] tous les { $days } jours
}
group-updates-feed = Flux Atom
group-updates-digest = Synthèse imprimable
group-updates-children = Comptes rendus des sous-groupes
group-updates-col-status = État
group-updates-col-due = Prochaine échéance
group-updates-col-last = Dernier compte rendu
group-updates-never = Jamais
group-updates-none = Aucun compte rendu publié pour l'instant.
group-update-by = { $name } sur { $period }
group-update-post = Publier un compte rendu
group-update-period-hint = Le trimestre concerné, par exemple 2026-Q4 ; laissez vide pour le trimestre en cours. Le trimestre précédent est accepté pour un compte rendu tardif.
group-update-links-hint = Une adresse http ou https par ligne, 10 au plus.
group-update-submit = Publier le compte rendu
group-update-settings = Réglages des comptes rendus
group-update-settings-save = Enregistrer les réglages
group-update-status-unscheduled = Pas encore planifié
group-update-status-on-track = À jour
group-update-status-due-soon = Bientôt dû
group-update-status-overdue = En retard
group-update-entry-title = Compte rendu de { $group }, { $date }
group-updates-feed-title = Comptes rendus de { $group }
group-updates-feed-all-title = Comptes rendus de tous les groupes publics
group-digest-title = { $group } : comptes rendus de { $period }
group-digest-show = Afficher
group-digest-none = Aucun compte rendu pour cette période.
task-group-update-due = Publiez le compte rendu régulier de { $group }
email-group-update-due-subject = Le compte rendu de { $group } est attendu le { $date }
email-group-update-due-body = Le compte rendu régulier de { $group } est attendu le { $date }. Publiez ici ses avancées, blocages et prochaines étapes : { $link }
field-progress = Avancées
field-blockers = Blocages
field-next_steps = Prochaines étapes
field-links = Liens
field-cadence_days = Jours entre deux comptes rendus
field-members_post = Les membres peuvent publier des comptes rendus, pas seulement les animateurs
error-too-many-links = 10 liens au plus.
error-period-not-open = Publiez pour le trimestre en cours ou le précédent.

## Proposed OKRs and templates
field-propose = Le proposer aux commentaires de la communauté avant de l'adopter
field-objective = Objectif
field-template = Modèle
okr-propose-hint = Un objectif proposé est ouvert aux commentaires de quiconque voit le groupe ; il ne prend pas de points d'étape et ne compte pas dans la progression du groupe tant que ses animateurs ne l'ont pas adopté.
okr-templates-heading = Ou partir d'un objectif suggéré
okr-templates-intro = Chaque suggestion est accompagnée de résultats clés. Elle devient une proposition de ce groupe, que vous modifiez puis adoptez.
okr-template-use = Proposer cet objectif
okr-state-proposed = Proposé
okr-state-adopted = Adopté
okr-proposed-intro = Cet objectif est proposé : commentez-le ci-dessous. Ses animateurs l'adoptent une fois que la communauté s'est exprimée.
okr-key-results-heading = Résultats clés
okr-adopt-hint = L'adopter clôt les commentaires ; ses résultats clés prennent alors des points d'étape et comptent dans la progression du groupe.
okr-adopt-button = Adopter cet objectif
okr-comments-heading = { $count ->
    [one] Un commentaire
   *[other] { $count } commentaires
}
okr-comment-count = { $count ->
    [0] pas encore de commentaire
    [one] un commentaire
   *[other] { $count } commentaires
}
okr-no-comments-yet = Pas encore de commentaire : soyez le premier.
okr-no-comments = Personne n'a commenté pendant qu'il était proposé.
okr-former-member = Un ancien membre
okr-comment-label = Votre commentaire
okr-comment-hint = Que changeriez-vous, ajouteriez-vous ou retireriez-vous ? Jusqu'à 2 000 caractères ; votre nom d'affichage l'accompagne.
okr-comment-button = Commenter
okr-sign-in-to-comment = Connectez-vous pour commenter
okr-proposed-no-check-ins = L'objectif de ce résultat clé est encore proposé : les points d'étape commencent quand le groupe l'adopte.
okr-proposed-discuss = Commenter la proposition
task-objective-proposed = Adoptez ou révisez l'objectif proposé « { $objective } » de { $group } ({ $count ->
    [one] un commentaire
   *[other] { $count } commentaires
})
error-already-adopted = Cet objectif est adopté : les commentaires sont clos.
error-not-adopted = Cet objectif est encore proposé : les points d'étape commencent quand le groupe l'adopte.
error-unknown-template = Ce modèle n'existe pas.
okr-focus-market-penetration = Pénétration et expansion du marché
okr-focus-product-market-alignment = Adéquation produit-marché
okr-focus-partnership-development = Développement des partenariats
okr-focus-member-success = Réussite des membres et croissance des revenus
okr-focus-any-group = Tout groupe
okr-template-new-regions = Élargir la base d'utilisateurs de la plateforme à de nouvelles régions
okr-template-new-regions-description = Apporter Open edX dans les régions qui ont peu ou pas de prestataires, avec des partenaires locaux et des études de cas.
okr-template-new-regions-kr1 = Nouvelles régions avec un prestataire Open edX actif
okr-template-new-regions-kr1-unit = régions
okr-template-new-regions-kr2 = Études de cas régionales publiées
okr-template-new-regions-kr2-unit = études de cas
okr-template-new-industries = Apporter Open edX à de nouveaux secteurs
okr-template-new-industries-description = Montrer comment Open edX sert des secteurs au-delà de l'enseignement supérieur : formation en entreprise, administrations, associations.
okr-template-new-industries-kr1 = Secteurs avec un déploiement de référence
okr-template-new-industries-kr1-unit = secteurs
okr-template-new-industries-kr2 = Contacts qualifiés issus de ces secteurs
okr-template-new-industries-kr2-unit = contacts
okr-template-market-needs = Aligner le développement de la plateforme sur les besoins du marché
okr-template-market-needs-description = Recueillir les besoins des prestataires et des utilisateurs et les transmettre au groupe de travail Core Product.
okr-template-market-needs-kr1 = Entretiens avec prestataires et utilisateurs partagés avec Core Product
okr-template-market-needs-kr1-unit = entretiens
okr-template-market-needs-kr2 = Rapport sur les besoins du marché remis au groupe de travail Core Product
okr-template-market-needs-kr2-unit = { "" }
okr-template-strategic-partnerships = Cultiver des partenariats stratégiques qui étendent la portée et les fonctions de la plateforme
okr-template-strategic-partnerships-description = Des partenariats avec des organisations dont les produits ou les publics prolongent ce qu'offre Open edX.
okr-template-strategic-partnerships-kr1 = Partenariats stratégiques signés
okr-template-strategic-partnerships-kr1-unit = partenariats
okr-template-strategic-partnerships-kr2 = Partenaires de l'annuaire qui proposent des intégrations
okr-template-strategic-partnerships-kr2-unit = { "" }
okr-template-revenue-models = Aider les membres à trouver des modèles de revenus innovants dans l'edTech
okr-template-revenue-models-description = Partager et tester les modèles de revenus qui permettent aux membres de développer leur activité Open edX.
okr-template-revenue-models-kr1 = Séances sur les modèles de revenus avec les membres
okr-template-revenue-models-kr1-unit = séances
okr-template-revenue-models-kr2 = Membres qui signalent une nouvelle source de revenus
okr-template-revenue-models-kr2-unit = membres
okr-template-regular-updates = Tenir la communauté informée du travail du groupe
okr-template-regular-updates-description = Une documentation à jour et un point régulier pour le groupe de travail Biz Dev et la communauté.
okr-template-regular-updates-kr1 = Points publiés à temps
okr-template-regular-updates-kr1-unit = points
okr-template-regular-updates-kr2 = La page et la charte du groupe sont à jour
okr-template-regular-updates-kr2-unit = { "" }
okr-template-collaboration = Travailler avec les autres groupes de travail Open edX
okr-template-collaboration-description = Synchroniser objectifs et activités avec les groupes de travail Core Product et Marketing.
okr-template-collaboration-kr1 = Séances communes avec d'autres groupes de travail
okr-template-collaboration-kr1-unit = séances
okr-template-collaboration-kr2 = Initiatives menées avec un autre groupe de travail
okr-template-collaboration-kr2-unit = initiatives

## Key results bound to a figure
field-bound_to = Évolue avec
okr-bound-hint = Un résultat clé numérique peut suivre un chiffre qu'Agora calcule sur sa période plutôt que des points d'étape.
okr-bound-notice = Ce résultat clé évolue seul : sa valeur est { $figure } sur sa période. Il ne prend pas de point d'étape.
figure-none = Points d'étape (aucun chiffre)
figure-members = Membres actifs du groupe
figure-updates-posted = Points réguliers publiés par le groupe
figure-contributions-approved = Contributions marketing approuvées
figure-leads-accepted = Contacts acceptés en { $region }
error-invalid-figure = Choisissez l'un des chiffres proposés.
error-figure-needs-number = Seul un résultat clé numérique peut suivre un chiffre.
error-bound-to-figure = Ce résultat clé suit un chiffre calculé par Agora : il ne prend pas de point d'étape.
error-unknown-region = Cette région n'est pas dans la carte des régions.
