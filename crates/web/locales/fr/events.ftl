nav-events = Événements
# Événements des groupes et des personnes : webinaires, ateliers, rencontres, sessions de conférence.

events-heading = Événements
events-intro = Webinaires, ateliers, rencontres et sessions de conférence de la communauté et de ses groupes.
events-new = Ajouter un événement
events-edit = Modifier l’événement
events-subscribe = S’abonner aux événements publics (iCalendar)
events-when = Quand
events-upcoming = À venir
events-past = Passés
events-any-kind = Tous les types
events-filter = Afficher
events-none = Aucun événement ici.
events-cancelled-tag = annulé
events-is-cancelled = Cet événement est annulé.
events-zone = heure de { $zone }
events-registrations = Inscriptions
events-registered = { $count ->
    [one] { $count } personne inscrite
   *[other] { $count } personnes inscrites
}
events-registered-of = { $count ->
    [one] { $count } place prise sur { $capacity }
   *[other] { $count } places prises sur { $capacity }
}
events-registration-closed = inscriptions closes
events-add-to-calendar = Ajouter à mon agenda (iCalendar)
events-register = M’inscrire
events-unregister = Retirer mon inscription
events-sign-in-to-register = Connectez-vous pour vous inscrire
events-organize = Organiser
events-registrants = Inscrits et présence
events-registrants-of = Inscrits à « { $title } »
events-no-registrants = Personne ne s’est encore inscrit.
events-mark-present = Indiquer qui était présent
events-attended = présent
events-save-attendance = Enregistrer la présence
events-cancel = Annuler cet événement
events-capacity-hint = Laissez vide s’il n’y a pas de limite.
events-group-hint = Seulement les groupes que vous animez : l’événement apparaît alors sur la page du groupe.
events-organizers-hint = Autres organisateurs par leur adresse e-mail, séparés par des virgules. Ils doivent avoir un compte.
events-no-group = Aucun groupe (mon propre événement)
events-all-of-group = Tous les événements du groupe
events-save = Enregistrer
events-feed-name = Événements d’Agora
event-kind-webinar = Webinaire
event-kind-workshop = Atelier
event-kind-meetup = Rencontre
event-kind-conference-session = Session de conférence
event-visibility-public = Tout le monde
event-visibility-members = Membres du groupe
field-event-place = Lieu
field-link = Lien
field-organizers = Organisateurs
field-start_time = Début
field-end_time = Fin
field-capacity = Places
field-registration = Inscriptions ouvertes
field-audience = Qui peut le voir
field-group = Groupe
field-attendance = Présence
task-event = { $title } : { $time } { $zone }

error-invalid-event-kind = Choisissez un type d’événement.
error-end-before-start = La fin doit suivre le début.
error-place-or-link-required = Indiquez un lieu, un lien ou les deux.
error-members-need-group = Un événement pour les membres a besoin d’un groupe.
error-group-is-members-only = L’activité de ce groupe est réservée à ses membres : faites l’événement pour ses membres.
error-invalid-organizers = Indiquez des adresses e-mail séparées par des virgules.
error-too-many-organizers = Dix autres organisateurs au plus.
error-capacity-below-registered = Plus de personnes sont déjà inscrites : les places ne peuvent pas être moins nombreuses.
error-event-cancelled = Cet événement est annulé.
error-event-past = Cet événement est terminé.
error-registration-closed = Les inscriptions sont closes.
error-event-full = Cet événement est complet.
error-event-not-started = La présence s’indique une fois l’événement commencé.
error-not-registered = Seules les personnes inscrites peuvent être indiquées présentes.
error-not-a-facilitator = Seuls les animateurs du groupe peuvent organiser des événements en son nom.

# Invités : visiteurs qui s’inscrivent sans compte.
events-guest-heading = S’inscrire sans compte
events-guest-intro = Indiquez votre nom et votre adresse e-mail : nous vous envoyons un lien pour confirmer. Seuls les organisateurs les voient.
events-guest-or-sign-in = Ou connectez-vous.
events-guest-asked = Consultez vos e-mails : nous avons envoyé un lien pour confirmer votre inscription. Il est valable 72 heures.
events-guest-withdrawn = Votre inscription est retirée.
events-guest-title = Votre inscription à « { $title } »
events-guest-pending = Confirmez votre inscription pour prendre une place.
events-guest-confirm = Confirmer mon inscription
events-guest-confirmed = Vous êtes inscrit. Gardez l’e-mail : son lien vous permet de vous désinscrire.
events-guest-expired = Ce lien a expiré. Inscrivez-vous de nouveau depuis la page de l’événement.
events-guest-see-event = Voir l’événement
events-guest-tag = invité
events-guests-pending = Invités qui n’ont pas encore confirmé
field-full_name = Votre nom
error-members-only = Seuls les membres du groupe peuvent s’inscrire à cet événement : connectez-vous.
error-link-expired = Ce lien a expiré. Inscrivez-vous de nouveau depuis la page de l’événement.
error-already-attended = Votre présence est enregistrée : l’inscription reste.
error-one-line = Écrivez-le sur une seule ligne.
email-event-guest-subject = Confirmez votre inscription : { $title }
email-event-guest-body = Bonjour { $name },

    Quelqu’un, sans doute vous, a demandé à inscrire cette adresse à « { $title } », { $when }.

    Pour confirmer, ouvrez ce lien et appuyez sur le bouton. Le même lien vous permet de vous désinscrire plus tard :
    { $link }

    Le lien est valable { $hours } heures. Si vous n’avez rien demandé, ignorez cet e-mail : rien ne se passe.
events-guest-unknown-title = Ce lien n’est pas valable
events-guest-unknown = L’inscription a été retirée, ou le lien est incomplet. Vous pouvez vous inscrire de nouveau depuis la page de l’événement.
events-guest-see-events = Voir les événements
events-why-not-register = Inscription : { $reason }
