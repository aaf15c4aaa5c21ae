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
