## Contributions (issue 11) : soumissions, revue par le Marketing WG, conformité, vitrine

## Field errors
error-link-or-text = Donnez un lien vers la contribution ou son texte.
error-client-must-be-named = Les logos et témoignages nomment le client qui les a autorisés.
error-year-out-of-range = Une contribution compte pour cette année ou l’année précédente.
error-topic-required = Un article demande un sujet approuvé par le Marketing WG : proposez-en un d'abord.
error-unknown-topic = Choisissez l'un des sujets de ce partenaire.
error-topic-not-approved = Ce sujet n'est pas encore approuvé.
error-not-awaiting-review = Ceci n'attend pas de revue.
error-not-awaiting-changes = Seule une contribution renvoyée pour modifications peut être soumise à nouveau.
error-invalid-verdict = Choisissez d'approuver, de demander des modifications ou de refuser.
error-invalid-state = État inconnu.
error-not-a-reviewer = Seuls les membres du groupe de travail Marketing relisent les contributions.
error-own-contribution = Vous ne pouvez pas relire une contribution d'une organisation pour laquelle vous travaillez.

## Pages
contributions-link = Contributions et sujets d'articles
contributions-heading = Contributions de { $name }
contributions-back-obligations = Obligations
contributions-list-heading = Contributions soumises
contributions-none = Rien n'a encore été soumis.
contributions-col-state = État
contributions-field-type = Type
contributions-field-topic_id = Sujet approuvé (articles)
contributions-field-title = Titre
contributions-field-link = Lien
contributions-field-client = Client
contributions-field-consent_evidence = Preuve du consentement
contributions-field-language = Langue
contributions-field-year = Année
contributions-field-anonymous = Ne pas nommer le client (études de cas et articles seulement)
contributions-field-text = Texte
contributions-field-summary = Résumé
contributions-field-verdict = Décision
contributions-field-comment = Commentaires ou motif
contributions-field-state = État
contributions-hint-title = Un titre court, tel qu'il serait publié.
contributions-hint-link = Où elle est publiée ou peut être lue (http ou https). Un lien ou un texte est requis.
contributions-hint-client = L'organisation cliente dont il s'agit.
contributions-hint-consent_evidence = Requis pour les logos et témoignages : où le consentement du client est consigné. Jamais publié.
contributions-hint-language = Code à deux lettres, p. ex. en, es, fr.
contributions-hint-year = L'année d'obligations pour laquelle elle compte.
contributions-topic-hint = Les articles portent sur un sujet approuvé par le Marketing WG ; proposez-en un ci-dessous.
contributions-type-case_study = Étude de cas
contributions-type-article = Article ou billet de blog
contributions-type-testimonial = Témoignage client
contributions-type-logo = Logo client
contributions-state-submitted = Soumise
contributions-state-changes_requested = Modifications demandées
contributions-state-resubmitted = Soumise à nouveau
contributions-state-approved = Approuvée
contributions-state-rejected = Refusée
contributions-topic-state-proposed = En attente de relecture
contributions-topic-state-approved = Approuvé
contributions-topic-state-rejected = Refusé
contributions-submit-heading = Soumettre une contribution
contributions-submit = Soumettre à la relecture
contributions-topics-heading = Sujets d'articles
contributions-topics-intro = Proposez un sujet ; une fois approuvé par le groupe de travail Marketing, soumettez l'article.
contributions-propose = Proposer le sujet
contributions-anonymous = Non nommé
contributions-history-heading = Historique
contributions-event-submitted = Soumise par { $name }
contributions-event-resubmitted = Soumise à nouveau par { $name }
contributions-event-approve = Approuvée par { $name }
contributions-event-request_changes = Modifications demandées par { $name }
contributions-event-reject = Refusée par { $name }
contributions-review-heading = Relecture
contributions-verdict-approve = Approuver
contributions-verdict-request_changes = Demander des modifications
contributions-verdict-reject = Refuser
contributions-review = Enregistrer la relecture
contributions-resubmit-heading = Apportez les modifications et soumettez à nouveau
contributions-resubmit = Soumettre à nouveau
contributions-queue-heading = File de relecture du Marketing WG
contributions-queue-contributions = Contributions en attente de relecture
contributions-queue-topics = Sujets d'articles en attente de relecture
contributions-queue-empty = Rien n'attend.

## What needs me
task-contribution-review = Relire « { $title } » de { $partner }
task-topic-review = Relire le sujet d'article « { $title } » de { $partner }
task-contribution-changes = Apporter les modifications demandées à « { $title } » et soumettre à nouveau
task-obligations-due = { $count ->
        [one] { $count } contribution marketing reste due pour { $year }
       *[other] { $count } contributions marketing restent dues pour { $year }
    }

## Compliance
error-too-many-years = Choisissez dix ans au plus.
compliance-heading = Obligations marketing : conformité
compliance-from = De
compliance-to = À
compliance-csv = Télécharger en CSV
compliance-none = Aucun partenaire actif.
compliance-caption = Contributions approuvées / requises par type, et l'état selon le rythme de l'année
compliance-col-partner = Partenaire

## Showcase and the partner's public page
showcase-heading = Études de cas et références
showcase-intro = Contributions des partenaires du programme, approuvées par le groupe de travail Marketing. Celles des plus petites entreprises viennent en premier.
showcase-any = Tous
showcase-region = Région
showcase-segment = Segment
showcase-none = Aucune contribution ne correspond.
showcase-highlighted = Petite entreprise
profile-references-heading = Études de cas et références
