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
