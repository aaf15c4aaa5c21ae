//! What contributions ask of people: Marketing WG members review what waits (never their own
//! organization's), and a partner's people resubmit what was sent back for changes.

use super::{actions, compliance};
use crate::auth::Viewer;
use crate::error::Result;
use crate::tasks::{Contribution, Task};
use crate::AppState;
use agora_domain::obligations::ObligationStatus;
use agora_domain::obligations::{may_review, ContributionState};
use agora_domain::permissions::Permission;
use chrono::{Datelike, NaiveDate, NaiveTime, TimeZone, Utc};

/// This program's contribution to what needs a person (registered in `routes()`).
pub fn tasks<'a>(state: &'a AppState, v: &'a Viewer) -> Contribution<'a> {
    Box::pin(items(state, v))
}

async fn items(state: &AppState, v: &Viewer) -> Result<Vec<Task>> {
    if v.actor.person_id().is_none() {
        return Ok(vec![]);
    }
    let tr = &v.tr;
    let mut out = vec![];
    let group = actions::marketing_group(state).await?;
    if agora_domain::obligations::is_reviewer(&v.actor, group) {
        for c in state.store.contributions_awaiting_review().await? {
            if may_review(&v.actor, group, c.partner.id).is_ok() {
                out.push(Task::new(
                    "contributions",
                    "review",
                    tr.t2(
                        "task-contribution-review",
                        ("title", c.version.title),
                        ("partner", c.partner.name),
                    ),
                    format!("/contributions/{}", c.id),
                    None,
                ));
            }
        }
        for t in state.store.proposed_topics().await? {
            if may_review(&v.actor, group, t.partner.id).is_ok() {
                out.push(Task::new(
                    "contributions",
                    "topic-review",
                    tr.t2(
                        "task-topic-review",
                        ("title", t.title),
                        ("partner", t.partner.name),
                    ),
                    "/marketing/reviews".into(),
                    None,
                ));
            }
        }
    }
    let year = state.clock.now().year();
    for partner_id in v.actor.partner_ids() {
        if !v.can(Permission::SubmitContributions { partner_id }) {
            continue;
        }
        // The year's obligations, once the partner falls behind the pace of the year.
        if let Some(r) = compliance::rows(state, year..=year, Some(partner_id))
            .await?
            .pop()
            .filter(|r| {
                matches!(
                    r.status,
                    ObligationStatus::Behind | ObligationStatus::Overdue
                )
            })
        {
            let due = NaiveDate::from_ymd_opt(year + 1, 1, 1)
                .map(|d| Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN)));
            out.push(Task::new(
                "contributions",
                "obligations-due",
                tr.t2(
                    "task-obligations-due",
                    ("count", r.still_due.to_string()),
                    ("year", year.to_string()),
                ),
                format!("/partners/{}/obligations?year={year}", r.partner),
                due,
            ));
        }
        for c in state.store.contributions_of(partner_id, None).await? {
            if c.state == ContributionState::ChangesRequested {
                out.push(Task::new(
                    "contributions",
                    "changes-requested",
                    tr.t1("task-contribution-changes", "title", c.version.title),
                    format!("/contributions/{}", c.id),
                    None,
                ));
            }
        }
    }
    Ok(out)
}
