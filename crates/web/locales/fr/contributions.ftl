## Contributions (issue 11) : soumissions, revue par le Marketing WG, conformité, vitrine

## Field errors
error-link-or-text = Donnez un lien vers la contribution ou son texte.
error-client-must-be-named = Les logos et témoignages nomment le client qui les a autorisés.
error-topic-required = Un article demande un sujet approuvé par le Marketing WG : proposez-en un d'abord.
error-unknown-topic = Choisissez l'un des sujets de ce partenaire.
error-topic-not-approved = Ce sujet n'est pas encore approuvé.
error-not-awaiting-review = Ceci n'attend pas de revue.
error-not-awaiting-changes = Seule une contribution renvoyée pour modifications peut être soumise à nouveau.
error-invalid-verdict = Choisissez d'approuver, de demander des modifications ou de refuser.
error-invalid-state = État inconnu.
error-not-a-reviewer = Seuls les membres du groupe de travail Marketing relisent les contributions.
error-own-contribution = Vous ne pouvez pas relire une contribution d'une organisation pour laquelle vous travaillez.
