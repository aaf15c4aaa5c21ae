# Initiatives d'un groupe : objectif, livrables, étapes de l'entonnoir, appel ouvert, participants,
# validateur croisé, sponsors et réalisations.

funnel-stage-awareness = Notoriété
funnel-stage-interest = Intérêt
funnel-stage-consideration = Considération
funnel-stage-intent = Intention
funnel-stage-evaluation = Évaluation
funnel-stage-action = Action

initiative-status-proposed = Proposée
initiative-status-open-call = Appel ouvert
initiative-status-in-progress = En cours
initiative-status-completed = Terminée
initiative-status-cancelled = Annulée

error-stage-required = Choisissez au moins une étape de l'entonnoir.
error-invalid-funnel-stage = Étape de l'entonnoir inconnue.
error-date-in-past = Cette date est déjà passée.
error-call-not-open = Cette initiative n'a pas d'appel ouvert.
error-call-closed = L'appel à participants est clos.
error-branding-acknowledgement-required = Le sponsor doit accepter les règles d'usage de la marque Open edX.
error-already-sponsor = Cette organisation parraine déjà cette initiative.

initiatives-title = Initiatives de { $group }
initiatives-intro = Le travail que le groupe entreprend. Les initiatives réunissant plusieurs organisations, ou validées par une autre organisation, sont listées en premier.
initiatives-none = Aucune initiative pour l'instant.
initiatives-multi-stakeholder = multipartite
initiatives-goal = Objectif
initiatives-deliverables = Livrables
initiatives-stages = Étapes de l'entonnoir
initiatives-call-closes = L'appel à participants se clôt le { $date }.
initiatives-participants = Participants
initiatives-no-participants = Personne ne s'est encore joint.
initiatives-first-contribution = première contribution
initiatives-cross-validator = Validation croisée
initiatives-sponsors = Sponsors
initiatives-outputs = Réalisations
initiatives-join = Rejoindre cette initiative
initiatives-withdraw = Me retirer
initiatives-heading = Initiatives
initiatives-all = Toutes les initiatives du groupe
