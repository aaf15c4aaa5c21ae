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
