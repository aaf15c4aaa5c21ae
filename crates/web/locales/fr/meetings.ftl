# Réunions des groupes : séries régulières, séances annulées et déplacées, ordre du jour, compte
# rendu, présence et calendriers iCalendar.

meetings-heading = Réunions
meetings-none = Pas encore de réunion régulière.
meetings-duration = { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}
meetings-no-next = Aucune réunion dans l'année qui vient.
meetings-times-in = Prochaines réunions, à l'heure de { $zone } :
meetings-moved = déplacée
meetings-cancelled-tag = annulée
meetings-cancelled = Cette réunion est annulée.
meetings-edit-named = Modifier « { $title } »
meetings-new = Ajouter une réunion régulière
meetings-new-heading = Nouvelle réunion régulière de { $group }
meetings-edit-series = Modifier la réunion régulière
meetings-subscribe = S'abonner au calendrier du groupe (iCalendar)
meetings-private-feed = Les réunions de ce groupe sont réservées à ses membres : ajoutez-les à votre agenda avec le lien privé de votre page de compte.
meetings-start-hint = La date et l'heure locale de la première réunion, dans le fuseau horaire ci-dessous.
meetings-zone-hint = Le fuseau horaire de la réunion, par son nom IANA, comme America/New_York ou Europe/Paris.
meetings-rule-hint = Comment elle se répète, en règle iCalendar : FREQ=WEEKLY;INTERVAL=2;BYDAY=WE, c'est un mercredi sur deux.
meetings-save = Enregistrer
meetings-no-agenda = Pas encore d'ordre du jour.
meetings-attendance = Présence
meetings-no-attendance = Personne n'a encore indiqué sa présence.
meetings-attending = Je serai présent·e
meetings-not-attending = Finalement, je ne serai pas présent·e
meetings-write-notes = Ordre du jour et compte rendu
meetings-change-heading = Annuler, déplacer ou rétablir cette réunion
meetings-action-cancel = Annuler cette réunion
meetings-action-move = La déplacer à une autre heure
meetings-action-restore = La rétablir selon la règle
meetings-apply = Appliquer
field-meeting-start = Première réunion
field-zone = Fuseau horaire
field-rule = Répétition
field-duration_minutes = Durée en minutes
field-place = Lieu ou lien
field-agenda_template = Modèle d'ordre du jour
field-agenda = Ordre du jour
field-notes = Compte rendu
field-action = Changement
field-moved_to = Nouvelle date et heure
meetings-moved-to-in = Nouvelle date et heure ({ $zone })
field-occurrence = Séance

calendar-heading = Calendrier
calendar-text = Un lien privé vers les réunions de tous vos groupes, pour votre application d'agenda. Quiconque a ce lien voit ces réunions : gardez-le pour vous et créez-en un nouveau s'il a fuité.
calendar-none = Vous n'avez pas de lien de calendrier.
calendar-since = Vous avez un lien de calendrier depuis le { $date }.
calendar-create = Créer un lien de calendrier
calendar-renew = Créer un nouveau lien (l'ancien cesse de fonctionner)
calendar-revoke = Révoquer le lien
calendar-link-heading = Votre lien de calendrier
calendar-link-once = Copiez ce lien dans votre application d'agenda comme abonnement. Il n'est affiché que maintenant : Agora n'en garde qu'une empreinte.
calendar-link-label = Lien de calendrier
calendar-back = Compte
calendar-feed-name = Mes réunions sur Agora

task-group-meeting = { $title } ({ $group }) : { $time } { $zone }

error-unknown-time-zone = Fuseau horaire inconnu : utilisez un nom IANA comme America/New_York.
error-invalid-rule = Agora n'accepte pas cette règle de répétition (par exemple FREQ=WEEKLY;BYDAY=WE ; l'heure est celle de la première réunion).
error-rule-too-frequent = Les réunions se répètent au plus une fois par jour.
error-start-not-in-rule = La première réunion doit être l'une de celles que donne la règle (vérifiez le jour de la semaine).
error-nonexistent-local-time = Cette heure locale n'existe pas dans ce fuseau (les horloges la sautent).
error-invalid-date-time = Indiquez une date et une heure, comme 2026-01-07T10:00.
error-not-an-occurrence = Cette série n'a pas de réunion à cette heure-là.
error-invalid-action = Choisissez annuler, déplacer ou rétablir.
error-unchanged = Choisissez une autre heure.
error-not-changed = Cette réunion n'a pas été modifiée.
error-not-a-member = Seuls les membres du groupe peuvent le faire.
error-moved-into-past = Une réunion à venir ne peut pas être déplacée à une heure déjà passée.
meetings-every-weeks = { $count ->
    [one] Chaque semaine le { $days }
   *[other] Toutes les { $count } semaines le { $days }
}
weekday-mo = lundi
weekday-tu = mardi
weekday-we = mercredi
weekday-th = jeudi
weekday-fr = vendredi
weekday-sa = samedi
weekday-su = dimanche
