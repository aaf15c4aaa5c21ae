//! What governance asks of people: electors state a position, cast a ballot or comment on a
//! consultation before the close; facilitators attend to contested proposals, respond to
//! consultation comments and record outcomes; moderators rule on escalated proposals. Who may do
//! which is `governance::body_allows`, as on the decision page.

use crate::auth::Viewer;
use crate::error::Result;
use crate::tasks::{Contribution, Task};
use crate::AppState;
use agora_domain::governance::{
    self as gov, BodyRight, DecisionKind, DecisionStatus, Standing, VoterKey,
};
use agora_store::Body;
use std::collections::{HashMap, HashSet};

/// This program's contribution to what needs a person (registered in `routes()`).
pub fn tasks<'a>(state: &'a AppState, v: &'a Viewer) -> Contribution<'a> {
    Box::pin(items(state, v))
}

async fn items(state: &AppState, v: &Viewer) -> Result<Vec<Task>> {
    let Some(person_id) = v.actor.person_id() else {
        return Ok(vec![]);
    };
    let mut standings: HashMap<i64, (Body, Standing)> = HashMap::new();
    for body in state.store.bodies().await? {
        let s = state.store.standing(&v.actor, &body).await?;
        standings.insert(body.id, (body, s));
    }
    let allows = |body_id: i64, right: BodyRight| {
        standings
            .get(&body_id)
            .is_some_and(|(b, s)| gov::body_allows(b.kind, b.visibility, *s, right))
    };
    let tr = &v.tr;
    let link = |id: i64| format!("/decisions/{id}");
    let mut out = vec![];

    let mut consultations = HashSet::new();
    for d in state
        .store
        .awaiting_participation(person_id, state.clock.now())
        .await?
    {
        // A frozen electorate can outlive a membership: what the person can no longer see is not theirs.
        if !allows(d.body_id, BodyRight::View) {
            continue;
        }
        let Some((voter, label)) = d.voter else {
            continue;
        };
        let title = d.title.clone();
        let (kind, text) = match (d.kind, voter) {
            (DecisionKind::Consultation, _) => {
                let member = standings.get(&d.body_id).is_some_and(|(_, s)| s.member);
                // Comments are a person's own, whichever partners they vote for: one item.
                if !(member || allows(d.body_id, BodyRight::Facilitate))
                    || !consultations.insert(d.id)
                {
                    continue;
                }
                (
                    "consultation-comment",
                    tr.t1("task-consultation-comment", "title", title),
                )
            }
            (DecisionKind::LazyConsensus, VoterKey::Person(_)) => {
                ("position", tr.t1("task-position", "title", title))
            }
            (DecisionKind::LazyConsensus, VoterKey::Partner(_)) => (
                "position",
                tr.t2("task-position-for", ("title", title), ("name", label)),
            ),
            (_, VoterKey::Person(_)) => ("vote", tr.t1("task-vote", "title", title)),
            (_, VoterKey::Partner(_)) => (
                "vote",
                tr.t2("task-vote-for", ("title", title), ("name", label)),
            ),
        };
        out.push(Task::new(
            "governance",
            kind,
            text,
            link(d.id),
            Some(d.closes_at),
        ));
    }

    let attended: Vec<i64> = standings
        .keys()
        .copied()
        .filter(|&b| allows(b, BodyRight::Facilitate) || allows(b, BodyRight::Moderate))
        .collect();
    for d in state.store.awaiting_facilitation(&attended).await? {
        let title = d.title.clone();
        let item = match d.status {
            DecisionStatus::Contested if allows(d.body_id, BodyRight::Facilitate) => {
                Some(("contested", tr.t1("task-contested", "title", title)))
            }
            DecisionStatus::Escalated if allows(d.body_id, BodyRight::Moderate) => {
                Some(("ruling", tr.t1("task-ruling", "title", title)))
            }
            DecisionStatus::Closed if allows(d.body_id, BodyRight::Facilitate) => {
                if d.kind == DecisionKind::Consultation && d.unanswered > 0 {
                    Some((
                        "consultation-respond",
                        tr.t2(
                            "task-consultation-respond",
                            ("title", title),
                            ("count", d.unanswered.to_string()),
                        ),
                    ))
                } else {
                    Some(("outcome", tr.t1("task-outcome", "title", title)))
                }
            }
            _ => None,
        };
        if let Some((kind, text)) = item {
            out.push(Task::new("governance", kind, text, link(d.id), None));
        }
    }
    // The proposer of a contested proposal revises or withdraws it, unless already asked as its
    // facilitator.
    for d in state.store.contested_proposals_of(person_id).await? {
        if allows(d.body_id, BodyRight::View) && !allows(d.body_id, BodyRight::Facilitate) {
            out.push(Task::new(
                "governance",
                "contested-own",
                tr.t1("task-contested-own", "title", d.title),
                link(d.id),
                None,
            ));
        }
    }
    Ok(out)
}
