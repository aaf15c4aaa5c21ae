## Obligations marketing (issue 11) : politique, clients déclarés, exigences

## Field errors
error-percent-out-of-range = Saisissez un pourcentage entier de 0 à 100.
error-max-below-min = Le maximum ne peut pas être inférieur au minimum.
error-invalid-rule-kind = Choisissez un nombre fixe ou une part des clients.
error-invalid-rounding = Choisissez d'arrondir au-dessus, au-dessous ou au plus proche.
error-last-year-before-first = La dernière année ne peut pas précéder la première.
error-invalid-year = Saisissez une année de 2000 à 2100.
error-invalid-consent = Choisissez donné, refusé ou inconnu.
error-consent-evidence-required = Indiquez où la réponse du client est consignée (un lien, une référence ou une note).
error-date-outside-year = La date doit tomber dans l'année déclarée.
error-count-or-list = Déclarez soit un nombre, soit une liste de clients, pas les deux.
error-more-than-clients = Ce nombre ne peut pas dépasser celui des clients.
error-invalid-contribution-type = Type de contribution inconnu.
error-unknown-decision = Choisissez une décision du registre.
error-decision-not-decided = La décision doit être prise avant qu'une politique la cite.

## Types, counts and the arithmetic
obligations-type-case_study = Études de cas
obligations-type-article = Articles ou billets de blog
obligations-type-testimonial = Témoignages de clients
obligations-type-logo = Logos de clients
obligations-count-case_study = { $count ->
        [one] { $count } étude de cas
       *[other] { $count } études de cas
    }
obligations-count-article = { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
obligations-count-testimonial = { $count ->
        [one] { $count } témoignage
       *[other] { $count } témoignages
    }
obligations-count-logo = { $count ->
        [one] { $count } logo
       *[other] { $count } logos
    }
obligations-rounding-up = arrondi au-dessus
obligations-rounding-down = arrondi au-dessous
obligations-rounding-nearest = arrondi au plus proche
obligations-decimal-separator = ,
obligations-arith-fixed = Fixé par la politique : { $result }.
obligations-arith-share = { $clients ->
        [one] { $clients } client
       *[other] { $clients } clients
    } × { $percent } % = { $exact } → { $result } ({ $rounding }).
obligations-arith-min = La politique demande au moins { $bound } : { $result }.
obligations-arith-max = La politique demande au plus { $bound } : { $result }.
obligations-exemption-logo_refused = { $clients ->
        [one] { $clients } client a refusé
       *[other] { $clients } clients ont refusé
    } l'usage de leur logo, ce qui retire { $removed } ({ $may_ask ->
        [one] { $may_ask } client
       *[other] { $may_ask } clients
    } restant à solliciter).
obligations-exemption-testimonial_refused = { $clients ->
        [one] { $clients } client a refusé
       *[other] { $clients } clients ont refusé
    } de donner un témoignage, ce qui retire { $removed } ({ $may_ask ->
        [one] { $may_ask } client
       *[other] { $may_ask } clients
    } restant à solliciter).
obligations-status-met = Rempli
obligations-status-on_track = En bonne voie
obligations-status-behind = En retard
obligations-status-overdue = Échu
obligations-rule-fixed = { $result } par an
obligations-rule-share = { $percent } % des clients de l'année, { $rounding }
obligations-rule-min = , au moins { $count }
obligations-rule-max = , au plus { $count }

## A partner's obligations
obligations-portal-link = Obligations marketing
obligations-heading = Obligations marketing de { $name } en { $year }
obligations-show = Afficher
obligations-clients-heading = Clients acquis
obligations-clients-declared = { $count ->
        [one] { $count } client déclaré.
       *[other] { $count } clients déclarés.
    }
obligations-logo-refused = { $count ->
        [one] { $count } a refusé l'usage de son logo
       *[other] { $count } ont refusé l'usage de leur logo
    }
obligations-testimonial-refused = { $count ->
        [one] { $count } a refusé de donner un témoignage
       *[other] { $count } ont refusé de donner un témoignage
    }
obligations-clients-none = Aucun client déclaré pour cette année : une part des clients ne demande alors rien.
obligations-declare-link = Déclarer les clients de cette année
obligations-required-heading = Ce qui est demandé
obligations-policy-version = Politique des obligations, version { $count }
obligations-table-caption = Contributions demandées en { $year }
obligations-col-type = Contribution
obligations-col-required = Demandées
obligations-col-approved = Approuvées
obligations-col-status = État
obligations-col-how = Comment c'est calculé
obligations-anonymous = Peut être publié sans nommer le client.
obligations-approved-note = Les contributions comptent ici une fois approuvées par le groupe de travail Marketing.
obligations-no-policy = Aucune politique des obligations ne couvre cette année : rien n'est demandé.
obligations-json = La même chose en JSON

## Declaring clients
obligations-clients-title = Clients de { $name } en { $year }
obligations-back = Retour aux obligations
obligations-clients-intro = Déclarez combien de clients vous avez acquis cette année, ou listez-les avec leurs réponses sur leur logo et un témoignage. Un client qui refuse vous dispense de ce logo ou de ce témoignage ; les études de cas et les articles restent dus et peuvent être anonymes.
obligations-mode = Ce que vous déclarez
obligations-mode-count = Un nombre
obligations-mode-list = Une liste de clients
obligations-list-hint = Remplissez un bloc par client ; les blocs vides sont ignorés. Enregistrez pour obtenir d'autres blocs.
obligations-client-n = Client { $row }
obligations-row-field = Client { $row }, { $field }
obligations-consent-unknown = Pas encore connu
obligations-consent-given = Donné
obligations-consent-refused = Refusé
obligations-private = Seules les personnes de votre organisation et la fondation voient les noms ; en public, seuls le nombre et les consentements sont utilisés.
obligations-declare = Enregistrer la déclaration
obligations-field-year = Année
obligations-field-count = Nombre de clients
obligations-field-logo_refused = Parmi eux, ont refusé l'usage de leur logo
obligations-field-testimonial_refused = Parmi eux, ont refusé de donner un témoignage
obligations-field-clients = Clients
obligations-field-organization = Organisation
obligations-field-country = Pays (code à deux lettres)
obligations-field-segment = Type d'organisation
obligations-field-acquired_on = Client depuis
obligations-field-logo_consent = Logo sur openedx.org
obligations-field-testimonial_consent = Témoignage
obligations-field-evidence = Où la réponse est consignée

## The policy (foundation)
obligations-policy-title = Politique des obligations marketing
obligations-adopted = La nouvelle version est adoptée.
obligations-history-heading = Versions
obligations-history-none = Aucune version adoptée pour l'instant.
obligations-history-caption = Toutes les versions de la politique, de la plus récente à la plus ancienne
obligations-col-version = Version
obligations-col-years = Années
obligations-col-rules = Règles
obligations-col-decision = Adoptée par
obligations-col-adopted = Enregistrée
obligations-years-range = De { $first } à { $last }
obligations-years-from = À partir de { $first }
obligations-adopt-heading = Adopter une nouvelle version
obligations-adopt-intro = Les versions précédentes restent telles quelles. Pour chaque année, la version la plus récente qui la couvre s'applique. Citez la décision du registre qui l'a adoptée.
obligations-field-kind = Règle
obligations-kind-fixed = Un nombre fixe
obligations-kind-share = Une part des clients de l'année
obligations-field-percent = Pourcentage des clients
obligations-field-min = Au moins
obligations-field-max = Au plus
obligations-field-rounding = Arrondi
obligations-field-first_year = Première année
obligations-field-last_year = Dernière année (vide : sans fin)
obligations-field-decision_id = Numéro de la décision au registre
obligations-field-note = Note
obligations-adopt = Adopter cette version

# Enregistrement des affaires : prospects sur lesquels un partenaire travaille.
deals-heading = Affaires de { $name }
deals-intro = Enregistrez les prospects sur lesquels vous travaillez, pour que la fondation sache qui travaille avec qui. Seuls votre organisation et la fondation les voient. Une affaire gagnée devient l’un des clients de l’année.
deals-none = Aucune affaire enregistrée.
deals-caption = Affaires enregistrées, les plus récentes d’abord
deals-col-status = État
deals-col-close = Clore
deals-col-partner = Partenaire
deals-col-flags = À regarder
deals-close = Clore l’affaire
deals-close-label = Issue de l’affaire avec { $organization }
deals-won-hint = Une affaire gagnée s’ajoute à vos clients déclarés de l’année ; demandez-y au client son logo et un témoignage.
deals-new = Enregistrer une affaire
deals-register = Enregistrer
deals-country-hint = Deux lettres, comme FR ou US.
deals-portal-link = Affaires
deals-admin-title = Affaires
deals-admin-intro = Les prospects enregistrés par les partenaires. Signalés : une organisation enregistrée par plus d’un partenaire, et une organisation enregistrée qui a ensuite envoyé un lead.
deals-admin-caption = Affaires enregistrées et ce qu’il faut regarder
deals-show-all = Afficher aussi les affaires closes
deals-show-open = N’afficher que les affaires ouvertes
deals-also-registered = Aussi enregistrée par { $partners }
deals-arrived-as-lead = Arrivée comme lead n° { $lead }
deal-status-open = Ouverte
deal-status-won = Gagnée
deal-status-lost = Perdue
deal-status-withdrawn = Retirée
field-expected_on = Prévue
error-invalid-organization = Donnez le nom de l’organisation en lettres ou en chiffres.
error-date-out-of-range = Donnez une date entre un an en arrière et trois ans en avant.
error-deal-closed = Cette affaire est déjà close.
error-invalid-deal-status = Choisissez gagnée, perdue ou retirée.
deals-lead-registered = Un partenaire a enregistré cette organisation comme affaire avant l’arrivée du lead.
deals-lead-registered-by = { $partner }, le { $date }
email-obligations-reminder-subject = Obligations marketing : { $count } encore dues pour { $year }
email-obligations-reminder-body = À { $days } jours de la fin de l’année, votre organisation doit encore { $count ->
    [one] une contribution
   *[other] { $count } contributions
} pour { $year } au titre des obligations marketing du programme de partenaires. Voyez ce qui est dû et soumettez-le ici : { $link }
error-deal-already-registered = Votre organisation a déjà une affaire ouverte avec cette organisation.
