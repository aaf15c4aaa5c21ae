# Administration de la fondation : partenaires par statut, personnes, régions, journal d'audit, e-mails sortants, imports.

## Administration
admin-nav-label = Administration
admin-dashboard = Administration
admin-partners = Partenaires
admin-people = Personnes
admin-regions = Régions
regions-text = Les leads et le filtre par région de l'annuaire utilisent cette carte. Un partenaire dessert les régions qu'il indique et les régions des pays qu'il indique. Les opérateurs modifient la carte avec "agora regions import" ; les régions de chaque partenaire sont alors recalculées.
regions-slug = Identifiant
regions-countries = Pays
admin-audit = Journal d'audit
admin-audit-all = Voir tout le journal d'audit
admin-outbox = E-mails sortants
admin-import = Importer des partenaires
admin-export = Exporter les partenaires (CSV)
admin-recent = Activité récente
admin-status-tabs = Partenaires par statut
admin-none = Aucun partenaire n'a ce statut.
admin-status = Statut
admin-updated = Dernière modification
admin-change-status = Statut
admin-new-status = Passer au statut
admin-no-transition = Aucun changement de statut n'est possible à partir d'ici.
admin-reason = Motif
admin-reason-hint = Obligatoire sauf pour une approbation. Le partenaire le voit.
admin-apply-status = Appliquer
admin-approved-invited = Le partenaire a été approuvé. Son contact a été invité par e-mail ; le lien d'invitation est :
admin-edit-profile = Modifier le profil
admin-partner-audit = Historique dans le journal d'audit
admin-public-page = Page publique
admin-application = Candidature
admin-applied-at = Date de candidature
admin-history = Historique des statuts
admin-team = Personnes
admin-team-empty = Personne n'est encore lié à cette organisation.
admin-invite = Inviter une personne
admin-invite-submit = Envoyer l'invitation
admin-invited = L'invitation a été envoyée. Le lien est :
admin-person-name = Nom
admin-role = Rôle
admin-role-partner = Organisation partenaire
admin-role-partner-hint = Nécessaire pour les rôles de partenaire.
admin-people-count = { $count ->
    [one] { $count } personne
   *[other] { $count } personnes
}
admin-account-state = Compte
admin-grant = { $name } · { $names }
admin-scope-unknown = inconnu (n° { $count })
admin-account-active = Actif
admin-account-invited = Invité
audit-filter = Filtrer le journal d'audit
audit-at = Quand
audit-actor = Qui
audit-action = Action
audit-entity = Quoi
audit-entity-type = Type d'enregistrement
audit-entity-id = Identifiant de l'enregistrement
audit-change = Modification
audit-before = Avant
audit-after = Après
audit-none = Aucune entrée ne correspond.
outbox-text = E-mails mis en file d'attente par Agora pour l'envoi, du plus récent au plus ancien.
outbox-none = Aucun e-mail pour l'instant.
outbox-to = Destinataire
outbox-subject = Objet
outbox-queued = Mis en file
outbox-sent = Envoyé
outbox-pending = En attente
outbox-count = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
import-text = Téléversez un fichier CSV avec les colonnes de l'export. L'import se fait en tout ou rien : si une ligne pose problème, rien ne change et tous les problèmes sont listés.
import-file = Fichier CSV
import-submit = Importer
import-done = Import terminé : { $created ->
    [one] { $created } créé
   *[other] { $created } créés
}, { $updated } mis à jour.
import-failed = { $count ->
    [one] { $count } problème trouvé ; rien n'a été importé.
   *[other] { $count } problèmes trouvés ; rien n'a été importé.
}
import-errors = Problèmes dans le fichier
import-line = Ligne
import-field = Colonne
import-problem = Problème

## Background jobs
admin-jobs = Tâches de fond
jobs-text = Le travail qu'Agora fait de lui-même. Chaque tâche s'exécute sur une seule instance à la fois ; cette page montre la dernière exécution enregistrée par n'importe quelle instance.
jobs-caption = Tâches et leurs dernières exécutions
jobs-job = Tâche
jobs-state = État
jobs-last-run = Dernière exécution
jobs-duration = Durée
jobs-last-success = Dernier succès
jobs-runs = Exécutions
jobs-never = Jamais
jobs-not-run = Pas encore exécutée
jobs-ok = Fonctionne
jobs-failing = En échec
jobs-error = Erreur de la dernière exécution
jobs-elsewhere = Exécutée par une autre instance
jobs-ms = { $count } ms
jobs-run-count = { $count ->
    [one] 1 exécution
   *[other] { $count } exécutions
}
jobs-failure-count = { $count ->
    [0] aucun échec
    [one] 1 échec
   *[other] { $count } échecs
}
job-leads = Attribution des demandes, expiration des offres et rappels
job-governance = Échéances et rappels de la gouvernance
job-mailer = Envoi des e-mails
job-cleanup = Suppression des sessions, liens et compteurs de limites expirés
job-groups = Rotation des facilitateurs des groupes et rappels de fin de mandat
job-digests = Résumés quotidiens et hebdomadaires des notifications
job-obligation-reminders = Rappels des obligations marketing avant la fin de l’année
job-recognition-warnings = Avertissements d’évaluation des Distinguished Contributors (mois 9 et 11 du mandat)
