# Leads : demandes de propositions, attribution, offres, la boîte de réception du partenaire, le rapport de transparence.

## Leads
nav-find = Demander des propositions
footer-transparency = Rapport de transparence des leads
footer-policy = Comment les leads sont attribués
form-any = Indifférent
form-save = Enregistrer
form-remove-question = Retirer { $name } ?
form-remove-yes = Oui, retirer

find-title = Demander des propositions
find-heading = Demandez des propositions aux partenaires Open edX
find-lead = Présentez-nous votre projet. Nous le transmettons, selon des règles publiées, à des partenaires certifiés qui desservent votre pays, parlent votre langue et proposent ce dont vous avez besoin.
find-policy-link = Comment les demandes sont attribuées
find-about-you = À propos de vous
find-about-project = À propos de votre projet
find-consent = J'accepte que la fondation Open edX communique cette demande, y compris mes coordonnées, aux partenaires à qui elle est proposée.
find-submit = Envoyer ma demande
find-honeypot = Laissez ce champ vide
received-title = Demande reçue
received-heading = Merci, votre demande a bien été reçue
received-text = Elle est enregistrée et sera bientôt proposée à un partenaire. Un partenaire dispose de { $count ->
    [one] { $count } heure
   *[other] { $count } heures
} pour l'accepter avant qu'elle ne passe à un autre ; le partenaire qui l'accepte vous contactera.
received-text-direct = Elle est enregistrée et proposée à { $name } uniquement. Ce partenaire dispose de { $count ->
    [one] { $count } heure
   *[other] { $count } heures
} pour l'accepter et vous contactera ensuite ; s'il ne peut pas s'en charger, la fondation l'examinera avec vous.
received-email = Nous vous avons envoyé un e-mail avec la référence de votre demande et un lien privé où vous pouvez voir où elle en est ou la retirer.
find-addressed-to = Cette demande va à { $name } uniquement. Ce partenaire dispose du délai habituel pour l'accepter ; s'il ne peut pas s'en charger, la fondation l'examinera avec vous.
find-addressed-any = Interroger plutôt tout le programme
lead-link-title = Votre demande { $name }
lead-link-reference = Référence
lead-link-received = Reçue
lead-link-addressed-to = Adressée à
lead-link-accepted-by = Partenaires qui ont accepté votre demande
lead-link-pending = Votre demande a été reçue et est en cours de proposition à un partenaire.
lead-link-offered = Votre demande a été proposée à un partenaire, qui décide s'il la prend.
lead-link-queued = Aucun partenaire n'a encore pris votre demande. La fondation en cherche un.
lead-link-accepted = Un partenaire a accepté votre demande et vous contactera.
lead-link-withdrawn = Vous avez retiré cette demande. Elle ne sera proposée à aucun partenaire.
lead-link-closed = Cette demande est close. Elle ne sera proposée à aucun partenaire.
lead-link-withdrawn-now = Votre demande est retirée. Les partenaires à qui elle avait été proposée ont été prévenus.
lead-link-withdraw-heading = Retirer votre demande
lead-link-withdraw-text = Si vous n'avez plus besoin d'un partenaire, retirez la demande : elle ne sera plus proposée, et les partenaires à qui elle avait été proposée seront prévenus.
lead-link-withdraw = Retirer cette demande…
lead-link-withdraw-confirm = Retirer cette demande ? C'est irréversible : pour redemander, envoyez une nouvelle demande.
lead-link-withdraw-yes = Oui, la retirer
lead-link-withdraw-keep = Non, la garder
lead-link-private = Cette page vous est réservée : toute personne qui en connaît l'adresse peut la voir.

field-organization = Organisation
field-country = Pays
field-segment = Type d'organisation
field-lead-size = Taille de votre organisation
field-budget = Préférence tarifaire
field-message = Votre besoin
field-referral_code = Code de parrainage
field-monthly_capacity = Nombre maximal de leads par mois
field-note = Note
field-stage = Nouvelle étape
field-lost-reason = Motif en cas de perte
field-consent = Consentement
field-idempotency_key = Clé d'idempotence
field-period = Période
field-fan_out = Partenaires par lead
field-fan_out_by_region = Partenaires par lead, par région (vide pour la valeur par défaut)
field-weights = Bonus de préférence
field-neighbours = Régions voisines
field-fallback = Ordre de repli
field-sla_hours = Heures pour accepter
field-update_reminder_days = Jours avant un rappel de mise à jour
field-default_monthly_capacity = Plafond mensuel par partenaire (vide pour aucun)
field-referral_routing = Leads parrainés
field-attribution_days = Jours pendant lesquels un lien de parrainage attribue
field-tie_break_seed = Graine de départage
field-policy-note = Ce qui change et pourquoi
field-note-policy = Note
field-code = Code
field-label = Libellé
field-person_email = Adresse e-mail du membre de la communauté
field-referrer = Parrain
field-confirm = Confirmation

policy-title = Comment les leads sont attribués
policy-heading = Comment les leads sont attribués
policy-version-line = Version { $count } de la politique, en vigueur depuis le { $time }.
policy-who-heading = Qui peut recevoir une demande
policy-who-text = Une demande n'est proposée qu'aux partenaires actifs qui desservent le pays ou la région du demandeur, proposent l'un des services demandés et parlent l'une des langues demandées. Un partenaire est écarté lorsque :
policy-rule-heading = Qui la reçoit : la règle de la part équitable
policy-rule-text = À chaque nouvelle demande, chaque partenaire éligible en gagne sa part (son poids divisé par le poids total des partenaires éligibles). La demande va au partenaire dont les parts gagnées dépassent le plus les demandes déjà reçues. Un partenaire ne gagne des parts que pour les demandes qu'il aurait pu recevoir : les partenaires sont ainsi comparés à ceux qui desservent la même zone.
policy-pref-text = Le poids d'un partenaire part de 1 et augmente lorsqu'il correspond à ce que le demandeur a demandé :
policy-pref-caption = Bonus de préférence
policy-pref-match = Le partenaire correspond à la demande par…
policy-pref-bonus = Poids ajouté
policy-pref-segment = Type d'organisation
policy-pref-size = Taille
policy-pref-pricing = Préférence tarifaire
policy-tie-text = Les égalités sont départagées par la plus petite empreinte SHA-256 de "{ $name }:numéro de la demande:numéro du partenaire", que chacun peut recalculer.
policy-fallback-heading = Quand personne n'est éligible
policy-step-own-region = Partenaires de la région et du pays du demandeur
policy-step-neighbouring-regions = Partenaires des régions voisines
policy-step-any-region = N'importe quel partenaire actif
policy-step-queue = La file de la fondation : une personne trouve un partenaire ; aucune demande n'est abandonnée
policy-neighbours-caption = Régions voisines
policy-neighbours = Voisines
policy-numbers-heading = Délais et chiffres
policy-sla = Un partenaire dispose de { $count ->
    [one] { $count } heure
   *[other] { $count } heures
} pour accepter ou refuser ; sans réponse, la demande passe au partenaire suivant.
policy-reminder = Les partenaires reçoivent un rappel pour rendre compte de leur avancement après { $count ->
    [one] { $count } jour
   *[other] { $count } jours
} sans mise à jour.
policy-capacity = Aucun partenaire ne reçoit plus de { $count ->
    [one] { $count } demande
   *[other] { $count } demandes
} par mois.
policy-referral-pool = Les demandes parrainées rejoignent la répartition commune ; elles sont créditées au parrain.
policy-referral-referrer = Les demandes parrainées par un partenaire sont d'abord proposées à ce partenaire, s'il est éligible.
policy-attribution = Un lien de parrainage compte pendant { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}.
policy-fanout-caption = Partenaires auxquels va chaque demande
policy-fanout = Partenaires par demande
policy-history-heading = Historique des versions
policy-history-caption = Toutes les versions de la politique
policy-version = Version
policy-adopted = Adoptée
policy-note = Modification
policy-json = La politique sous forme de données (JSON)

exclusion-not-active = n'est pas un partenaire actif
exclusion-paused = a suspendu la réception de leads
exclusion-at-capacity = a atteint son plafond mensuel
exclusion-declined = a déjà refusé cette demande ou l'a laissée expirer
exclusion-no-service = ne propose aucun des services demandés
exclusion-no-language = ne parle aucune des langues demandées

why-pool-own-region = Elle vient de votre région ou d'un pays que vous desservez.
why-pool-neighbouring-regions = Personne n'était éligible dans sa région ; votre région est voisine.
why-pool-any-region = Personne n'était éligible dans sa région ni dans les régions voisines.
why-pool-queue = Personne n'était éligible ; la fondation l'a attribuée.
why-policy = Décidé selon la version { $count } de la politique.
why-candidates = Partenaires éligibles : { $count }.
why-numbers = Votre part gagnée était de { $credit } pour { $received ->
    [one] { $received } lead reçu
   *[other] { $received } leads reçus
}, le plus grand écart.
why-highest = Vous aviez le plus grand écart entre part gagnée et leads reçus.
why-tie = Plusieurs partenaires étaient à égalité ; l'empreinte publiée a tranché.
why-referral = Elle a été parrainée par votre organisation, et la politique propose les demandes parrainées à leur parrain.
why-direct = Le demandeur a choisi votre organisation depuis votre profil dans l'annuaire : elle vous a été proposée à vous seul.
why-manual = La fondation vous l'a proposée directement.
why-pool-manual = Proposée manuellement par la fondation
why-pool-direct = Adressée à un partenaire depuis son profil

metric-received = Reçues
metric-queued = En file
metric-offered = Proposées
metric-accepted = Acceptées
metric-declined = Refusées
metric-reoffered = Reproposées
metric-expired = Expirées
metric-won = Gagnées
metric-lost = Perdues
metric-manual = Manuelles
metric-direct = Directes

report-title = Rapport de transparence des leads { $name }
report-lead = Combien de demandes sont arrivées et comment elles ont été réparties, par région et par partenaire.
report-periods = Périodes
report-year = Année
report-quarter = Trimestre
report-month = Mois
report-downloads = Télécharger :
report-versions = Versions de la politique en vigueur :
report-chart-title = Demandes reçues par région
report-chart-desc = Barres horizontales, une par région ; le tableau ci-dessous donne les mêmes chiffres.
report-suppressed-note = Les régions avec moins de 5 demandes sont dessinées vides.
report-regions-caption = Par région
report-partners-caption = Par partenaire
report-partner = Partenaire
report-median = Délai médian d'acceptation
report-conversion = Conversion (gagnées / acceptées)
report-entitled = Dues / reçues
report-total = Toutes les régions
report-none = Aucun partenaire n'a reçu de demande sur cette période.
report-fewer-than = moins de { $count }
report-withheld = masqué, pour qu'un petit chiffre de sa colonne ne puisse pas être déduit
report-withheld-short = *
report-method = Les demandes dues sont la somme des parts équitables du partenaire pour les demandes auxquelles il était éligible ; les reçues comptent les offres qu'il a obtenues dans la rotation. Les proposées comptent toutes les offres, y compris celles faites manuellement par la fondation (pour des demandes auxquelles personne n'était éligible) et les directes (demandes adressées au partenaire depuis son profil), qui sont aussi montrées à part et restent hors rotation. Les chiffres suivent le mois d'arrivée de chaque demande.
report-fewer-than-short = <{ $count }
duration-minutes = { $count } min
duration-hours = { $time } h
duration-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
report-suppressed-legend = <{ $count } signifie plus que zéro mais moins de { $count } : ces petits chiffres ne sont pas publiés, pour qu'aucune demande ni aucun partenaire ne puisse être identifié. Lorsqu'un chiffre pourrait encore être déduit en soustrayant du total les chiffres affichés de sa colonne, le plus petit chiffre affiché de cette colonne est aussi masqué (marqué *), pour qu'aucun ne puisse l'être.

inbox-title = Leads
inbox-heading = Leads de { $name }
inbox-tabs = Leads par étape
inbox-tab-waiting = En attente de votre réponse
inbox-tab-pipeline = En cours
inbox-tab-closed = Clos
inbox-empty = Rien ici.
inbox-count = { $count ->
    [one] { $count } lead
   *[other] { $count } leads
}
inbox-lead = Lead
inbox-lead-n = Lead n° { $count }
inbox-due = Répondre avant le
inbox-settings = Réception des leads
inbox-pause = Pause : ne nous proposez aucun nouveau lead pour l'instant
inbox-capacity-default = La politique plafonne chaque partenaire à { $count } par mois.
inbox-capacity-unlimited = Laissez vide pour ne fixer aucune limite.
inbox-saved = Enregistré.
inbox-share-heading = Votre part équitable dans le temps
inbox-share-text = Dues : les parts gagnées sur les demandes auxquelles vous étiez éligible. Reçues : les offres que vous avez obtenues.
inbox-share-none = Aucune demande pour l'instant.
inbox-share-chart = Dues (clair) et reçues (foncé) par mois
inbox-month = Mois
inbox-entitled = Dues
inbox-received = Reçues

offer-offered = Proposé
offer-accepted = Accepté
offer-declined = Refusé
offer-expired = Expiré (pas de réponse à temps)
offer-contacted = Contacté
offer-proposal = Proposition envoyée
offer-won = Gagné
offer-lost = Perdu
offer-withdrawn = Retiré
offer-request = La demande
offer-contact = Contact
offer-contact-hidden = Les coordonnées s'affichent une fois l'offre acceptée.
offer-view-logged = Les consultations des coordonnées sont journalisées.
offer-wrote-again = Le demandeur a écrit de nouveau le { $time } :
offer-why = Pourquoi ce lead vous a été proposé
offer-answer = Votre réponse
offer-due = Acceptez ou refusez avant le { $time }.
offer-accept = Accepter
offer-decline = Refuser
offer-progress = Rendre compte de l'avancement

decline-outside-expertise = Hors de notre domaine de compétence
decline-no-capacity = Pas de disponibilité pour l'instant
decline-too-small = Trop petit pour nous
decline-language-or-region = Langue ou région que nous ne pouvons pas servir
decline-conflict-of-interest = Conflit d'intérêts
decline-other = Autre
lost-no-response = Pas de réponse
lost-budget = Budget
lost-chose-competitor = A choisi quelqu'un d'autre
lost-project-cancelled = Projet annulé
lost-not-a-fit = Ne correspondait pas
lost-other = Autre

lead-status-pending = En attente d'attribution
lead-status-offered = Proposé
lead-status-queued = Dans la file
lead-status-merged = Fusionné
lead-status-withdrawn = Retiré
lead-status-spam = Clos comme spam
lead-status-duplicate = Clos comme doublon
close-spam = Spam
close-duplicate = Doublon
close-withdrawn = Retiré (par le demandeur ou pour lui)
desk-done-offered = Le lead a été proposé au partenaire, qui a été prévenu.
desk-done-closed = Le lead est clos ; les partenaires qui avaient une offre ont été prévenus.
desk-direct-to = Adressé à
desk-closed = Clos
desk-manual-route = Proposé manuellement à { $name } par { $by }, hors rotation. Motif :
desk-direct-route = Une demande adressée à { $name } depuis son profil : proposée à ce seul partenaire, hors rotation.
desk-offer-heading = Proposer à un partenaire
desk-offer-hint = Pour un lead auquel aucun partenaire n'était éligible : il va au partenaire que vous choisissez, hors de la rotation équitable, et compte comme manuel dans le rapport.
desk-partner = Partenaire
desk-reason = Motif
desk-offer = Proposer le lead
desk-close-heading = Clore le lead
desk-close-hint = Plus aucune offre. Les partenaires qui ont une offre sont prévenus.
desk-close-reason = Pourquoi
desk-note = Note
desk-close = Clore le lead
field-partner = Partenaire
field-close_reason = Pourquoi
lead-source-form = formulaire de demande
lead-source-api = API
admin-lead-place = { $name } ({ $names })

admin-leads = Leads
admin-lead-policy = Politique des leads
admin-referrals = Parrainages
admin-lead-data = Données personnelles
admin-received = Reçu
admin-anonymised = Anonymisé
admin-retry = Attribuer de nouveau
admin-offers = Offres
admin-no-offers = Cette demande n’a encore été proposée à aucun partenaire.
admin-views = Qui a vu les coordonnées
admin-round = Attribution { $count } (version { $name } de la politique)
admin-outside = { $count ->
    [one] { $count } partenaire hors de la zone
   *[other] { $count } partenaires hors de la zone
}
admin-referral-route = Parrainage : proposé d'abord à { $name }.
admin-candidates = Partenaires éligibles
admin-weight = Poids
admin-share = Part
admin-credit = Gagné
admin-score = Écart
admin-result = Résultat
admin-chosen = Choisi
admin-tied = à égalité
admin-excluded = Écarté
admin-by = Par
admin-policy-adopted = Version { $count } adoptée et publiée.
admin-neighbours-hint = Pour chaque région, cochez les régions dont les partenaires peuvent recevoir ses demandes quand aucun de ses propres partenaires ne peut les prendre.
admin-neighbours-of = Voisines de { $name }
admin-dry-run = Simulation
admin-adopt = Adopter comme nouvelle version
admin-dry-run-heading = { $count ->
    [one] Simulation sur la dernière demande
   *[other] Simulation sur les { $count } dernières demandes
}
admin-dry-run-text = Demandes rejouées depuis le début avec les partenaires d'aujourd'hui (sans plafonds mensuels), selon la politique en vigueur et selon la proposition.
admin-dry-run-caption = Offres par partenaire
admin-dry-current = En vigueur
admin-dry-proposed = Proposée
admin-dry-delta = Écart

referrals-caption = Codes de parrainage
referrals-referrer = Parrain
referrals-link = Lien
referrals-by-referrer = Conversion par code de parrainage
referrals-by-region = Conversion par région
referrals-by-source = Conversion par source
referrals-key = Groupe
referrals-referred = Parrainés
referrals-new = Nouveau code de parrainage
referrals-partner = Partenaire (ou…)
referrals-person = …adresse e-mail du membre de la communauté
referrals-create = Créer

data-lead = Exportez tout ce qui est enregistré sur un demandeur, ou effacez-le. L'effacement conserve les chiffres du rapport de transparence et retire les offres en cours.
data-confirm = Je confirme l'effacement : il est irréversible.
data-export = Exporter (JSON)
data-erase = Effacer
data-erased = { $count ->
    [one] Données personnelles de { $count } demande effacées.
   *[other] Données personnelles de { $count } demandes effacées.
}
error-code-taken = Ce code est déjà utilisé.
error-explain-required = Dites pourquoi : c'est conservé avec le lead et dans le journal d'audit.
error-unknown-partner = Aucun partenaire de l'annuaire n'a cette adresse.
error-partner-inactive = Ce partenaire ne figure pas dans l'annuaire.
error-already-offered = Ce partenaire a déjà eu ce lead.
error-country-not-served = Ce pays n'appartient à aucune région de la carte.
error-idempotency-conflict = Cette Idempotency-Key a déjà servi pour une autre requête.
error-invalid-fallback = Chaque étape de repli ne peut apparaître qu'une fois.
error-invalid-fan-out = Proposez chaque lead à 1, 2 ou 3 partenaires.
error-invalid-period = Utilisez une année (2026), un trimestre (2026-Q4) ou un mois (2026-11).
error-invalid-stage = Étape inconnue.
error-invalid-weight = Les poids sont des nombres de 0 à 10.
error-invalid-reason = Choisissez un motif dans la liste.
error-invalid-referral-code = Utilisez de 3 à 32 lettres, chiffres ou tirets.
error-out-of-range = Ce nombre est hors limites.
error-unknown-person = Personne n'a de compte avec cette adresse e-mail.
error-unknown-referral-code = Ce code de parrainage est inconnu.
portal-leads = Leads qui nous sont proposés
inbox-referrals = Vos liens de parrainage
inbox-referrals-none = Pas encore de code de parrainage : demandez-en un à la fondation.
inbox-referrals-text = Les demandes envoyées par ces liens ou avec ces codes vous sont créditées.
inbox-referrals-link = Lien ou code
inbox-referrals-disabled = désactivé par la fondation

## E-mails
email-lead-confirm-subject = Nous avons reçu votre demande de partenaire Open edX
email-lead-confirm-body = Bonjour,

    Merci : la fondation Open edX a bien reçu votre demande. Sa référence est { $reference }.

    Elle est proposée aux partenaires selon les règles d'attribution publiées ; un partenaire qui l'accepte vous contactera.
    Voyez où elle en est, ou retirez-la, à cette adresse privée (toute personne qui a le lien peut la voir : gardez-le pour vous) :

    { $link }

    Si vous n'avez pas envoyé cette demande, ouvrez le lien et retirez-la.
email-lead-closed-subject = Un lead a été retiré
email-lead-closed-body = Le lead n° { $lead } est clos : la demande a été retirée par le demandeur ou close par la fondation.
    Il n'attend plus rien de vous et ne figure plus dans votre boîte de réception Agora.
email-offer-new-subject = Un nouveau lead attend votre réponse
email-offer-new-body = La demande d'un prospect a été proposée à votre organisation (lead n° { $lead }). Acceptez-la ou refusez-la dans votre boîte de réception Agora avant le { $due } ; ensuite, elle passera à un autre partenaire.
email-offer-reminder-subject = { $count ->
    [one] Merci de mettre à jour un lead que vous avez accepté
   *[other] Merci de mettre à jour { $count } leads que vous avez acceptés
}
email-offer-reminder-body = { $count ->
    [one] Le lead { $leads } n'a pas été mis à jour
   *[other] Les leads { $leads } n'ont pas été mis à jour
} depuis { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}. Indiquez à la fondation où { $count ->
    [one] il en est
   *[other] en est chacun
} (contacté, proposition, gagné ou perdu) dans votre boîte de réception Agora.

# Respect des obligations marketing dans la politique des demandes (issue 11)
field-compliance = Obligations et demandes
admin-compliance-hint = Désactivé par défaut. Activé, un partenaire en retard sur ses obligations marketing (cette année ou la précédente) reçoit une part moindre des demandes : son poids est multiplié par le facteur ci-dessous (supérieur à 0, au plus 1). La politique publiée et l'explication de chaque attribution le disent.
admin-compliance-on = Tenir compte de la situation des partenaires vis-à-vis de leurs obligations marketing
admin-compliance = Obligations
policy-compliance-heading = Obligations marketing
policy-compliance-on-text = La situation d'un partenaire vis-à-vis de ses obligations marketing annuelles pèse sur sa part : son poids est multiplié par le facteur de sa situation, la pire entre celle de cette année et celle de l'année précédente. Une année terminée incomplète compte comme échue pendant toute l'année suivante.
policy-compliance-off-text = La situation d'un partenaire vis-à-vis de ses obligations marketing ne joue aucun rôle dans l'attribution.
policy-compliance-caption = Facteur selon la situation vis-à-vis des obligations
policy-compliance-standing = Situation vis-à-vis des obligations
policy-compliance-factor = Poids multiplié par
why-compliance = Votre situation vis-à-vis des obligations marketing ({ $status }) a multiplié votre poids par { $factor }.
error-invalid-compliance-factor = Chaque facteur est un nombre de 0,01 à 1.
field-compliance_behind = Facteur en cas de retard
field-compliance_overdue = Facteur si échu
error-compliance-overdue-above-behind = Le facteur si échu ne peut pas être plus doux que le facteur en cas de retard.
error-no-email-address = Ce texte est publié : n'y mettez pas d'adresse e-mail.
