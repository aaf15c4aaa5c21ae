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

# The facilitators' forms: propose, edit, status, cross-validator, sponsors, outputs.
field-goal = Objectif
field-deliverables = Livrables
field-stages = Étapes de l'entonnoir
field-call_closes_on = Dernier jour de l'appel à participants
field-person_id = Personne chargée de la validation croisée
field-branding_acknowledged = Le sponsor reconnaît que son co-marquage respecte les règles d'usage de la marque Open edX
field-url = Lien
initiatives-new = Proposer une initiative
initiatives-new-heading = Proposer une initiative pour { $group }
initiatives-edit = Modifier l'initiative
initiatives-goal-hint = Ce que l'initiative doit accomplir, en quelques phrases.
initiatives-stages-hint = Les étapes de la décision d'adoption que sert cette initiative.
initiatives-call-hint = Laissez vide si aucun appel à participants n'est encore prévu. Ouvrir l'appel demande une date qui n'est pas passée.
initiatives-propose = Proposer l'initiative
initiatives-save = Enregistrer l'initiative
initiatives-manage = Gérer cette initiative
initiatives-status-label = Passer à
initiatives-status-hint = Une initiative avance d'une étape à la fois (proposée, appel ouvert, en cours, terminée) et peut être annulée tant qu'elle n'est pas terminée.
initiatives-change-status = Changer le statut
initiatives-no-cross-validator = Pas de validation croisée
initiatives-cross-validator-hint = Un membre du groupe qui relit le travail. Une personne d'une organisation à laquelle n'appartient aucun des participants rend l'initiative multipartite.
initiatives-set-cross-validator = Enregistrer la validation croisée
initiatives-add-sponsor = Ajouter un sponsor
initiatives-sponsor-name = Organisation sponsor
initiatives-remove-sponsor = Retirer { $name }
initiatives-add-output = Ajouter une réalisation
initiatives-output-title = De quoi il s'agit
initiatives-url-hint = Une adresse http ou https.
