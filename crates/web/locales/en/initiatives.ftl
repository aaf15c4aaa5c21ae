# Initiatives of a group: goal, deliverables, funnel stages, an open call, participants, a
# cross-validator, sponsors and outputs.

funnel-stage-awareness = Awareness
funnel-stage-interest = Interest
funnel-stage-consideration = Consideration
funnel-stage-intent = Intent
funnel-stage-evaluation = Evaluation
funnel-stage-action = Action

initiative-status-proposed = Proposed
initiative-status-open-call = Open call
initiative-status-in-progress = In progress
initiative-status-completed = Completed
initiative-status-cancelled = Cancelled

error-stage-required = Choose at least one funnel stage.
error-invalid-funnel-stage = Unknown funnel stage.
error-date-in-past = This date has already passed.
error-call-not-open = This initiative has no open call.
error-call-closed = The call for participants has closed.
error-branding-acknowledgement-required = The sponsor must acknowledge the Open edX branding guidelines.
error-already-sponsor = This organization already sponsors this initiative.

initiatives-title = Initiatives of { $group }
initiatives-intro = Work the group takes on. Initiatives with people from several organizations, or cross-validated by another organization, are listed first.
initiatives-none = No initiatives yet.
initiatives-multi-stakeholder = multi-stakeholder
initiatives-goal = Goal
initiatives-deliverables = Deliverables
initiatives-stages = Funnel stages
initiatives-call-closes = The call for participants closes on { $date }.
initiatives-participants = Participants
initiatives-no-participants = No one has joined yet.
initiatives-first-contribution = first contribution
initiatives-cross-validator = Cross-validation
initiatives-sponsors = Sponsors
initiatives-outputs = What it produced
initiatives-join = Join this initiative
initiatives-withdraw = Withdraw
initiatives-heading = Initiatives
initiatives-all = All initiatives of the group

# The facilitators' forms: propose, edit, status, cross-validator, sponsors, outputs.
field-goal = Goal
field-deliverables = Deliverables
field-stages = Funnel stages
field-call_closes_on = Last day of the call for participants
field-person_id = Cross-validator
field-branding_acknowledged = The sponsor acknowledges that its co-branding follows the Open edX branding guidelines
field-url = Link
initiatives-new = Propose an initiative
initiatives-new-heading = Propose an initiative for { $group }
initiatives-edit = Edit the initiative
initiatives-goal-hint = What the initiative should achieve, in a few sentences.
initiatives-stages-hint = The stages of an adopter's decision this initiative serves.
initiatives-call-hint = Leave empty if no call for participants is planned yet. Opening the call needs a date that has not passed.
initiatives-propose = Propose the initiative
initiatives-save = Save the initiative
initiatives-manage = Manage this initiative
initiatives-status-label = Move to
initiatives-status-hint = An initiative moves one step at a time (proposed, open call, in progress, completed) and may be cancelled until it is completed.
initiatives-change-status = Change the status
initiatives-no-cross-validator = No cross-validator
initiatives-cross-validator-hint = A member of the group who reviews the work. Someone from an organization none of the participants is from makes the initiative multi-stakeholder.
initiatives-set-cross-validator = Save the cross-validator
initiatives-add-sponsor = Add a sponsor
initiatives-sponsor-name = Sponsoring organization
initiatives-remove-sponsor = Remove { $name }
initiatives-add-output = Add an output
initiatives-output-title = What it is
initiatives-url-hint = An http or https address.
