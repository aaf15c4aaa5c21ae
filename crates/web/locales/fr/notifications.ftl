notifications-title = Notifications
notifications-heading = Notifications par e-mail
notifications-text = Choisissez comment chaque sorte d'e-mail vous parvient : aussitôt, regroupé dans un résumé quotidien ou hebdomadaire, ou pas du tout. Les résumés partent à 07:00 UTC (le lundi pour les hebdomadaires), dans votre langue.
notifications-kind = Sorte de notification
notifications-everywhere = Comment la recevoir
notifications-groups-heading = Par groupe
notifications-groups-text = Le choix fait pour un groupe l'emporte sur le choix général ci-dessus.
notifications-group-caption = Notifications de { $group }
notifications-as-everywhere = Comme ci-dessus
notifications-no-groups = Vous n'êtes membre d'aucun groupe pour l'instant : une fois inscrit, vous pourrez choisir ici pour ce groupe seul.
notifications-save = Enregistrer les préférences
notifications-saved = Vos préférences de notification sont enregistrées.
notifications-always-heading = Toujours envoyés
notifications-always-text = Ceux-ci ne peuvent pas être désactivés : les offres de demandes faites à un partenaire (elles expirent et passent à un autre partenaire sans réponse) et les messages sur votre compte et sa sécurité (invitations, liens de connexion et de mot de passe, jetons d'API).
notifications-link = Préférences de notification
topic-decisions = Décisions
topic-decisions-hint = Décisions ouvertes, révisées, escaladées ou prises là où vous participez.
topic-updates = Comptes rendus des groupes
topic-updates-hint = Les comptes rendus que publient vos groupes.
topic-meetings = Réunions
topic-meetings-hint = Une réunion de votre groupe annulée ou déplacée.
topic-reminders = Rappels
topic-reminders-hint = Un compte rendu ou des heures attendus, un mandat d'animation qui se termine, un vote qui se clôt.
topic-leads = Demandes
topic-leads-hint = Demandes de votre partenaire clôturées. Les offres sont toujours envoyées.
topic-membership = Adhésion
topic-membership-hint = Demandes d'adhésion à vos groupes, et réponses à vos propres demandes.
delivery-at-once = Aussitôt
delivery-daily = Résumé quotidien
delivery-weekly = Résumé hebdomadaire
delivery-off = Désactivé
unsubscribe-title = Se désabonner
unsubscribe-heading = Ne plus recevoir ces e-mails ?
unsubscribe-confirm-topic = Vous ne recevrez plus d'e-mails de cette sorte, dans aucun groupe : { $name }.
unsubscribe-confirm-digest-daily = Votre résumé quotidien s'arrêtera, avec tout ce qu'il regroupait.
unsubscribe-confirm-digest-weekly = Votre résumé hebdomadaire s'arrêtera, avec tout ce qu'il regroupait.
unsubscribe-submit = Se désabonner
unsubscribe-done = C'est fait : vous ne recevrez plus ces e-mails.
unsubscribe-change = Vous pouvez le changer à tout moment sur la page de vos préférences de notification.
unsubscribe-invalid = Ce lien de désabonnement n'est pas valide : il a peut-être été coupé en le copiant. Connectez-vous et changez plutôt vos préférences de notification.
email-notice-subject = { $topic ->
    [decisions] Décisions
    [updates] Comptes rendus des groupes
    [meetings] Réunions
    [reminders] Rappels
    [leads] Demandes
   *[membership] Adhésion
}
email-notice-body = Vous recevez cet e-mail selon vos préférences de notification. Les changer : { $preferences }
    Ne plus recevoir les e-mails de cette sorte : { $unsubscribe }
email-digest-subject = { $period ->
    [weekly] Votre résumé Agora de la semaine
   *[daily] Votre résumé Agora du jour
} : { $count ->
    [one] un message
   *[other] { $count } messages
}
email-digest-body = { $items }

    --
    Changer la façon de recevoir les notifications : { $preferences }
    Arrêter ce résumé : { $unsubscribe }
email-group-update-posted-subject = { $group } : compte rendu de { $period } par { $by }
email-group-update-posted-body = { $by } a publié le compte rendu de { $group } pour { $period } :

    { $progress }

    Le lire en entier, avec les blocages et les prochaines étapes : { $link }
email-group-meeting-cancelled-subject = Annulée : { $title } de { $group } le { $occurrence }
email-group-meeting-cancelled-body = La réunion { $title } de { $group } du { $occurrence } est annulée. Les réunions du groupe : { $link }
email-group-meeting-moved-subject = Déplacée : { $title } de { $group } le { $occurrence }
email-group-meeting-moved-body = La réunion { $title } de { $group } prévue le { $occurrence } est déplacée au { $moved }. Les réunions du groupe : { $link }
error-notification-not-per-group = Cette sorte de notification ne se choisit pas par groupe.
error-notification-repeated = Ce choix est donné deux fois.
error-notification-not-your-group = Vous ne pouvez choisir que pour les groupes dont vous êtes membre.
error-notification-invalid-choice = Choisissez aussitôt, résumé quotidien, résumé hebdomadaire ou désactivé, pour une sorte de notification de cette page.
notifications-summary = Choisissez, par sorte et par groupe, si les e-mails vous parviennent aussitôt, dans un résumé quotidien ou hebdomadaire, ou pas du tout.
error-too-many-choices = Plus de choix que quiconque ne peut en faire : un par sorte de notification et par groupe au plus.
email-group-join-requested-subject = { $name } demande à rejoindre { $group }
email-group-join-requested-body = { $name } demande à rejoindre { $group }. Acceptez ou refusez (en donnant la raison) ici : { $link }
