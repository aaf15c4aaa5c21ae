## The activity ledger
activity-heading = Votre activité récente
activity-none = Rien d'enregistré pour l'instant : les groupes rejoints, l'animation, les points d'étape et les comptes rendus apparaissent ici.
activity-api-hint = Votre historique complet, en JSON :
activity-kind-joined = A rejoint
activity-kind-facilitated = A animé
activity-kind-attended = A participé
activity-kind-hours = A déclaré des heures
activity-kind-update = A publié un compte rendu
activity-kind-check-in = A fait un point d'étape
activity-kind-initiative = Initiative
activity-kind-event = Événement
activity-kind-contribution = Contribution
activity-kind-commit = Commit
error-invalid-source-id = Un identifiant de source est requis, sans espaces autour, de 200 caractères au plus.
error-invalid-detail = Le détail doit être un petit objet JSON.
error-invalid-source = Cette source n'est pas connue.
