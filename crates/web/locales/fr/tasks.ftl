# Ce qui m'attend : la page d'accueil d'une personne connectée et GET /api/v1/me/tasks.

nav-home = À faire
tasks-title = Ce qui vous attend
tasks-heading = Bienvenue, { $name }
tasks-list-heading = Ce qui vous attend
tasks-none = Rien ne vous attend pour le moment.
tasks-count = { $count ->
    [one] Un élément vous attend, le plus urgent en premier.
   *[other] { $count } éléments vous attendent, les plus urgents en premier.
}
tasks-due = échéance
tasks-urgency-overdue = En retard
tasks-urgency-soon = Échéance proche
tasks-places-heading = Où aller
tasks-account = Mon compte
tasks-public-home = Page d'accueil publique

## Éléments, un par type
task-offer-waiting = Répondez à la demande { $reference } proposée à { $name }
task-leads-queued = { $count ->
    [one] Une demande attend dans la file de la fondation
   *[other] { $count } demandes attendent dans la file de la fondation
}
task-application = Examinez la candidature de { $name }
task-applications-more = { $count ->
    [one] Une autre candidature attend d'être examinée
   *[other] { $count } autres candidatures attendent d'être examinées
}
task-emails-failing = { $count ->
    [one] Un e-mail n'arrive pas à être remis
   *[other] { $count } e-mails n'arrivent pas à être remis
}
task-job-failing = La tâche de fond « { $name } » échoue
task-position = Donnez votre position sur « { $title } »
task-position-for = Donnez la position de { $name } sur « { $title } »
task-vote = Votez sur « { $title } »
task-vote-for = Votez pour { $name } sur « { $title } »
task-consultation-comment = Commentez la consultation « { $title } »
task-consultation-respond = { $count ->
    [one] Répondez à un commentaire sur « { $title } »
   *[other] Répondez à { $count } commentaires sur « { $title } »
}
task-contested = Proposition contestée : « { $title } »
task-contested-own = Votre proposition « { $title } » est contestée : révisez-la ou retirez-la
task-ruling = Statuez sur la proposition escaladée « { $title } »
task-outcome = Consignez le résultat de « { $title } »
