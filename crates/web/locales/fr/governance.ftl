# Gouvernance : instances, propositions, consultations, votes, bulletins, le registre des décisions.

## Governance
nav-governance = Gouvernance
gov-heading = Gouvernance
gov-intro = Là où la communauté décide : les groupes travaillent par consensus tacite, les votes tranchent ce que le consensus ne peut pas régler, et l'assemblée des partenaires est consultée avant toute décision qui concerne les partenaires.
gov-bodies = Instances
gov-recent = Dernières décisions
gov-none = Rien pour l'instant.
gov-register = Registre des décisions
gov-register-intro = Toutes les décisions prises, avec leur déclaration de résultat, de la plus récente à la plus ancienne. Ouvrez une décision pour lire les versions de sa proposition, les votes et les réponses à la consultation.
gov-col-decision = Décision
gov-col-body = Instance
gov-col-kind = Type
gov-col-status = Statut
gov-col-when = Quand
gov-col-member = Membre
gov-col-choice = Choix
gov-col-votes = Voix
gov-col-option = Option
gov-closes = clôture le { $time }
gov-closed-at = close le { $time }
gov-opened = ouverte le { $time }
gov-min-close = { $hours ->
    [one] les propositions restent ouvertes au moins { $hours } heure
   *[other] les propositions restent ouvertes au moins { $hours } heures
}
gov-feed = Flux Atom
gov-new = Nouvelle proposition ou nouveau vote
gov-open = Ouvertes et en attente
gov-members = Membres
gov-member = Membre
gov-facilitator = Animateur
gov-add-member = Ajouter un membre
gov-add = Ajouter
gov-kind-hint = Le consensus tacite est acquis à la clôture sauf si quelqu'un s'y oppose. Les votes et les consultations sont ouverts par les animateurs et la fondation.
gov-close-hint = Heures avant la clôture : au moins { $hours }. Vide signifie la valeur par défaut (72 heures, ou le minimum de l'instance).
gov-vote-settings = Paramètres du vote (fixés à l'ouverture)
gov-simple-majority = Majorité simple (plus de la moitié)
gov-two-thirds = Deux tiers
gov-base-votes = Des suffrages exprimés
gov-base-electorate = De l'ensemble du corps électoral
gov-method-schulze = Schulze (Condorcet)
gov-method-irv = Vote alternatif (second tour instantané)
gov-options-hint = Une option par ligne, au moins deux.
gov-open-button = Ouvrir
gov-version = version { $n }
gov-versions = { $count ->
    [one] L'unique version
   *[other] Les { $count } versions
}
gov-secret = vote à bulletin secret
gov-receipt-intro = Votre bulletin est enregistré. Votre reçu :
gov-receipt-hint = Conservez-le : après la clôture, il vous permet de retrouver votre bulletin exact parmi les bulletins publiés, et il est nécessaire pour modifier un vote secret.
gov-receipt-change = Pour modifier un vote secret déjà exprimé, saisissez son reçu.
gov-outcome = Résultat
gov-review-on = réexamen le { $date }
gov-proposal = Proposition
gov-affects-partners = Cette décision concerne les partenaires : elle ne peut pas être prise avant la conclusion de la consultation de l'assemblée des partenaires.
gov-seed-commitment = Graine de départage engagée à l'ouverture (SHA-256) : { $hash }.
gov-seed-revealed = Graine révélée à la clôture : { $seed }.
gov-electorate = Corps électoral : { $count } ({ $undecided } sans position)
gov-electorate-frozen = Figé à l'ouverture de la décision : les changements ultérieurs de composition ne modifient pas le décompte.
gov-undecided = Sans position
gov-took-part = A participé
gov-positions = Positions
gov-no-positions = Personne n'a encore pris position sur cette version.
gov-reason-label = Motif (obligatoire pour s'opposer)
gov-state-position = Prendre position
gov-acting-for = Vous agissez pour { $name }.
gov-your-ballot = Votre bulletin
gov-rank-legend = Classez les options
gov-rank-hint = Donnez 1 à votre premier choix, 2 au deuxième, et ainsi de suite. Laissez de côté les options que vous ne voulez pas classer.
gov-not-ranked = Non classée
gov-cast = Voter
gov-change-until-close = Vous pouvez modifier votre vote jusqu'à la clôture ; chaque modification est journalisée.
gov-results-hidden = Les résultats sont masqués jusqu'à la clôture.
gov-results = Résultats
gov-results-running = Décompte provisoire
gov-irv-caption = Voix par tour (vote alternatif) ; — signale une option éliminée
gov-round = Tour { $n }
gov-exhausted = Bulletins épuisés
gov-pairwise-caption = Préférences par paires : nombre de bulletins préférant l'option de la ligne à celle de la colonne
gov-strongest-caption = Chemins les plus forts (voix gagnantes)
gov-download-ballots = Télécharger les bulletins par reçu, sans le nom des votants (CSV)
gov-recount-hint = recomptez-les vous-même avec agora tally.
gov-ballots = Bulletins publiés ({ $count })
gov-comments = Commentaires ({ $count })
gov-no-comments = Aucun commentaire pour l'instant.
gov-response = Réponse
gov-respond = Enregistrer la réponse
gov-reply = Répondre
gov-post = Publier
gov-comment = Votre commentaire
gov-actions = Faire avancer cette décision
gov-take = Enregistrer le résultat
gov-reasoning = Motivation
gov-rule = Enregistrer l'arbitrage
gov-revise = Publier une nouvelle version
gov-revise-hint = Une nouvelle version relance le délai ; les positions prises sur les versions précédentes ne comptent plus.
gov-escalate = Soumettre à un modérateur
gov-withdraw = Retirer
gov-admin-bodies = Instances
gov-new-body = Nouveau groupe
gov-create-body = Créer
gov-delegates = Délégués à l'assemblée
gov-delegates-of = Délégués de { $name } à l'assemblée
gov-delegates-intro = Votre organisation dispose d'une voix à l'assemblée des partenaires, exprimée par son délégué ou, en son absence, par le suppléant. À défaut des deux, les administrateurs du partenaire peuvent voter.
result-winner = Gagnante : { $name }
result-tie = Égalité entre { $names } : le départage publié n'a pas pu les séparer.
result-no-ballots = Aucun bulletin n'a été déposé.
result-participation = { $electorate ->
    [one] { $count } électeur sur { $electorate } a participé.
   *[other] { $count } électeurs sur { $electorate } ont participé.
}
result-needed = { $needed ->
    [one] Il fallait { $needed } voix pour sur { $base }.
   *[other] Il fallait { $needed } voix pour sur { $base }.
}
result-quorum = { $count ->
    [one] Quorum : { $count } participant.
   *[other] Quorum : { $count } participants.
}
result-yes-no-passed = Adoptée.
result-yes-no-rejected = Non adoptée.
result-yes-no-no-quorum = Non adoptée : le quorum n'a pas été atteint.
result-irv-eliminated = Tour { $round } : { $name } éliminée.
result-irv-exhausted = { $count ->
    [one] { $count } bulletin épuisé.
   *[other] { $count } bulletins épuisés.
}
result-tie-lookback = (égalité départagée par les tours précédents)
result-tie-seed = (égalité départagée par l'ordre issu de la graine)
result-tie-batch = (options à égalité éliminées ensemble)
body-kind-group = Groupe
body-kind-partner-assembly = Assemblée des partenaires
body-kind-all-members = Tous les membres
visibility-public = Publique
visibility-members = Membres uniquement
decision-kind-lazy-consensus = Consensus tacite
decision-kind-yes-no = Vote oui/non
decision-kind-ranked = Vote par classement
decision-kind-consultation = Consultation
decision-status-open = Ouverte
decision-status-contested = Contestée
decision-status-escalated = Chez un modérateur
decision-status-closed = Close, résultat en attente
decision-status-decided = Décidée
decision-status-withdrawn = Retirée
stance-support = Pour (+1)
stance-neutral = Neutre (0)
stance-object = Contre (−1)
ruling-accept = Acceptée par le modérateur
ruling-reject = Rejetée par le modérateur
vote-choice-yes = Oui
vote-choice-no = Non
vote-choice-abstain = Abstention
field-title = Titre
field-text = Ce qui sera fait
field-close_hours = Heures avant la clôture
field-affects_partners = Cette décision concerne les partenaires
field-consultation_id = Consultation de l'assemblée des partenaires
field-secret = Vote à bulletin secret (bulletins détachés des votants ; les reçus permettent à chacun de vérifier le sien)
field-show_results_early = Afficher le décompte provisoire avant la clôture (votes non secrets uniquement)
field-quorum_percent = Quorum (% du corps électoral qui doit participer)
field-threshold = Seuil
field-base = Seuil calculé sur
field-abstentions_count = Compter les abstentions pour le seuil
field-method = Méthode de dépouillement
field-options = Options
field-stance = Position
field-choice = Choix
field-ranking = Classement
field-receipt = Reçu
field-ruling = Arbitrage
field-outcome = Déclaration de résultat
field-review_at = Date de réexamen
field-body = Commentaire
field-parent_id = En réponse à
field-comment_id = Commentaire
field-response = Réponse
field-voter = Voter pour
field-decision = Décision
field-visibility = Qui peut voir ses décisions
field-min_close_hours = Nombre minimal d'heures avant une clôture
field-delegate_id = Délégué
field-alternate_id = Suppléant
field-role = Rôle
error-invalid-body-kind = Type d'instance inconnu.
error-invalid-visibility = Choisissez publique ou membres uniquement.
error-invalid-kind = Type de décision inconnu.
error-invalid-stance = Choisissez pour, neutre ou contre.
error-invalid-ruling = Choisissez d'accepter ou de rejeter.
error-invalid-choice = Choisissez oui, non ou abstention.
error-kind-not-allowed = Cette instance ne peut pas prendre ce type de décision : les consultations relèvent de l'assemblée des partenaires.
error-closing-too-soon = Cette instance laisse plus de temps à ses membres : choisissez une clôture plus tardive.
error-closing-too-late = Une décision peut rester ouverte 90 jours au plus.
error-consultation-required = Une décision qui concerne les partenaires doit indiquer la consultation de l'assemblée des partenaires dont elle découle.
error-secret-needs-vote = Seuls les votes oui/non et par classement peuvent être secrets.
error-options-too-few = Indiquez au moins deux options, une par ligne.
error-options-too-many = Un vote peut proposer 20 options au plus.
error-options-duplicate = Chaque option doit être différente.
error-decision-final = Cette décision est déjà prise ou retirée.
error-objection-reason-required = Dites pourquoi vous vous y opposez, pour que l'auteur de la proposition puisse en tenir compte.
error-consultation-open = La consultation de l'assemblée des partenaires n'est pas encore conclue : répondez d'abord à ses commentaires et enregistrez son résultat.
error-comments-unanswered = Répondez à chaque commentaire avant d'enregistrer le résultat.
error-not-partner-staff = Choisissez une personne qui travaille pour ce partenaire.
error-alternate-same-as-delegate = Le suppléant doit être une autre personne que le délégué.
error-unknown-consultation = Choisissez une consultation de l'assemblée des partenaires.
error-ballots-before-close = Les bulletins sont publiés à la clôture du vote.
error-not-a-vote = Cette décision n'est pas un vote.
error-not-lazy-consensus = On ne prend position que sur les propositions en consensus tacite.
error-decision-closed = Cette décision est close : plus rien ne peut être voté ni modifié.
error-wrong-ballot-kind = Ce bulletin ne correspond pas au type de vote.
error-receipt-required = Vous avez déjà voté : saisissez votre reçu pour modifier votre vote secret.
error-unknown-receipt = Aucun de vos bulletins n'a ce reçu : saisissez le reçu qui vous a été remis lors du vote.
error-too-many-proposals = Vous avez ouvert autant de propositions adressées à tous les membres qu'une personne peut le faire en un jour : réessayez demain.
error-withdraw-unconfirmed = Cochez la case pour confirmer que vous voulez retirer cette proposition.
gov-proposed-by = Proposée par { $name }
gov-names-members-only = Les noms sont affichés aux membres connectés.
gov-a-member = Un membre
gov-withdraw-confirm = Je veux retirer cette proposition : c'est irréversible.
error-secret-results-early = Un vote secret ne peut pas afficher de résultats tant qu'il est ouvert : des résultats provisoires relieraient les votants à leurs choix.
error-not-consultation = Les commentaires ne sont ouverts que sur les consultations.
error-unknown-comment = Ce commentaire n'appartient pas à cette consultation.
error-respond-after-close = Les réponses sont enregistrées une fois la consultation close.
error-invalid-date = Saisissez une date au format AAAA-MM-JJ.
error-not-in-electorate = Vous ne faites pas partie du corps électoral de cette décision.
error-ballot-duplicate-rank = Attribuez chaque rang à une seule option.
error-wrong-type = Cette valeur n'a pas le bon type.

## Ballot and vote errors
error-ballot-empty = Classez au moins une option.
error-ballot-unknown-option = Ce bulletin classe une option qui ne figure pas sur le bulletin de vote.
error-ballot-duplicate-option = Classez chaque option une fois au plus.
error-ballot-option-names = Donnez à chaque option un nom qui lui est propre, sur une seule ligne.
error-ballot-too-many-options = Un vote peut proposer 1000 options au plus.
error-ballot-invalid-receipt = Chaque bulletin a besoin d'un reçu qui ne commence pas par #.
error-ballot-duplicate-receipt = Deux bulletins ont le même reçu.
error-invalid-method = Méthode de dépouillement inconnue.
error-invalid-quorum = Saisissez rien ou un pourcentage entier de 0 à 100.
error-invalid-threshold = Seuil inconnu.
error-invalid-base = Base du seuil inconnue.
gov-feed-title = { $name } : décisions

## E-mails to electors, moderators and facilitators
email-decision-opened-subject = { $kind ->
    [lazy-consensus] Nouvelle proposition
    [consultation] Nouvelle consultation
   *[other] Nouveau vote
} : { $title }
email-decision-opened-body = { $by } a ouvert dans { $body } :

    { $text }

    Clôture le { $closes } (UTC). Participez : { $link }
email-decision-revised-subject = Proposition révisée : { $title }
email-decision-revised-body = { $by } a publié la version { $version } de "{ $title }" dans { $body }. Les positions antérieures ne comptent plus ; la proposition est désormais close le { $closes } (UTC).

    { $text }

    { $link }
email-decision-escalated-subject = Modération nécessaire : { $title }
email-decision-escalated-body = { $by } a soumis une proposition contestée aux modérateurs. Lisez les objections et enregistrez un arbitrage motivé : { $link }
email-decision-withdrawn-subject = Retirée : { $title }
email-decision-withdrawn-body = { $by } a retiré "{ $title }". { $link }
email-decision-decided-subject = Décidée : { $title }
email-decision-decided-body = Résultat de "{ $title }" :

    { $outcome }

    { $link }
email-decision-closed-subject = Close : { $title }
email-decision-closed-body = "{ $title }" a été close le { $at } (UTC).

    Le résultat sera inscrit au registre des décisions : { $link }
email-decision-closed-result-subject = Close : { $title }
email-decision-closed-result-body = "{ $title }" a été close le { $at } (UTC).

    Résultat : { $result }

    Le résultat sera inscrit au registre des décisions : { $link }
email-decision-closing-subject = { $hours ->
    [one] Clôture dans { $hours } heure
   *[other] Clôture dans { $hours } heures
} : { $title }
email-decision-closing-body = "{ $title }" est close le { $closes } (UTC) et vous n'avez pas encore participé. { $link }
email-decision-review-subject = Une décision est à réexaminer : { $title }
email-decision-review-body = La décision "{ $title }" a atteint sa date de réexamen. Vérifiez qu'elle reste valable et proposez une modification si ce n'est pas le cas : { $link }
