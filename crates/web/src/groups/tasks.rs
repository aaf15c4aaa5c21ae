//! What groups ask of people: facilitators answer requests to join, and plan the next facilitator
//! when a term is about to end with no successor; facilitators and members check in on key results
//! nobody has moved for 14 days; whoever may post a group's regular update is asked for it from a
//! few days before it is due (`updates::Staleness`); members of groups with an expected time
//! commitment log the month's hours from its 25th to the 5th of the next; and the meetings of the coming week of every
//! group a person belongs to. Who may is `groups::may_facilitate` and `okrs::may_check_in`, as on
//! the group's pages.

use crate::auth::Viewer;
use crate::error::Result;
use crate::tasks::{Contribution, Task};
use crate::AppState;
use agora_domain::groups as rules;
use agora_domain::groups::okrs as okr;
use agora_domain::groups::updates;
use chrono::{NaiveTime, TimeZone, Utc};

/// This program's contribution to what needs a person (registered in `routes()`).
pub fn tasks<'a>(state: &'a AppState, v: &'a Viewer) -> Contribution<'a> {
    Box::pin(items(state, v))
}

async fn items(state: &AppState, v: &Viewer) -> Result<Vec<Task>> {
    if v.actor.person_id().is_none() {
        return Ok(vec![]);
    }
    let mut facilitated = vec![];
    // Groups where the viewer holds a role of their own (facilitator or member), for check-ins.
    let mut joined = vec![];
    let groups = state.store.groups().await?;
    for g in &groups {
        let own = v.actor.has(
            agora_domain::permissions::Role::Facilitator,
            Some(g.body.id),
        ) || v.actor.has(
            agora_domain::permissions::Role::GroupMember,
            Some(g.body.id),
        );
        if own {
            let s = state.store.standing(&v.actor, &g.body).await?;
            joined.push((g.body.id, s));
        }
    }
    for g in &groups {
        // Admins may act in every group, but the items are for the group's own facilitators.
        if v.actor.has(
            agora_domain::permissions::Role::Facilitator,
            Some(g.body.id),
        ) {
            let s = state.store.standing(&v.actor, &g.body).await?;
            if rules::may_facilitate(s) {
                facilitated.push(g.body.id);
            }
        }
    }
    let tr = &v.tr;
    let mut out = vec![];
    for r in state.store.pending_join_requests(&facilitated).await? {
        out.push(Task::new(
            "groups",
            "join-request",
            tr.t2(
                "task-group-join-request",
                ("name", r.person_name),
                ("group", r.group.name),
            ),
            format!("/groups/{}#requests", r.group.slug),
            None,
        ));
    }
    for (group, term) in state
        .store
        .terms_needing_successor(&facilitated, state.clock.now())
        .await?
    {
        // Due at the end of the term's last day.
        let due = term
            .ends_on
            .succ_opt()
            .map(|d| Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN)));
        out.push(Task::new(
            "groups",
            "term-ending",
            tr.t2(
                "task-group-term-ending",
                ("name", term.person_name),
                ("group", group.name),
            ),
            format!("/groups/{}#terms", group.slug),
            due,
        ));
    }
    let ids: Vec<i64> = joined.iter().map(|(id, _)| *id).collect();
    let today = state.clock.now().date_naive();
    let schedules = state.store.update_schedules(&ids, today).await?;
    for (id, s) in &joined {
        let Some(schedule) = schedules.get(id) else {
            continue;
        };
        let (Some(due_on), updates::Staleness::DueSoon | updates::Staleness::Overdue) =
            (schedule.due_on, schedule.status)
        else {
            continue;
        };
        if !updates::may_post(*s, schedule.settings) {
            continue;
        }
        let Some(g) = groups.iter().find(|g| g.body.id == *id) else {
            continue;
        };
        // Due at the end of the due day.
        let due = due_on
            .succ_opt()
            .map(|d| Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN)));
        out.push(Task::new(
            "groups",
            "update-due",
            tr.t1("task-group-update-due", "group", g.body.name.clone()),
            format!("/groups/{}#update-form", g.body.slug),
            due,
        ));
    }
    for kr in state.store.key_results_due(&ids, state.clock.now()).await? {
        let Some((_, s)) = joined.iter().find(|(id, _)| *id == kr.body_id) else {
            continue;
        };
        if !okr::may_check_in(rules::may_facilitate(*s), s.member, kr.members_check_in) {
            continue;
        }
        let Some(g) = groups.iter().find(|g| g.body.id == kr.body_id) else {
            continue;
        };
        out.push(Task::new(
            "groups",
            "check-in-due",
            tr.t2(
                "task-group-check-in",
                ("key_result", kr.title),
                ("group", g.body.name.clone()),
            ),
            format!("/groups/{}/key-results/{}", g.body.slug, kr.key_result_id),
            Some(kr.since + chrono::Duration::days(okr::CHECK_IN_DUE_DAYS)),
        ));
    }
    // Proposed objectives wait for their facilitators to adopt or revise them.
    let facilitated: Vec<i64> = joined
        .iter()
        .filter(|(_, s)| rules::may_facilitate(*s))
        .map(|(id, _)| *id)
        .collect();
    for p in state
        .store
        .proposed_objectives(&facilitated, state.clock.now())
        .await?
    {
        let Some(g) = groups.iter().find(|g| g.body.id == p.body_id) else {
            continue;
        };
        out.push(Task::new(
            "groups",
            "objective-proposed",
            tr.tn(
                "task-objective-proposed",
                &[
                    ("objective", p.title),
                    ("group", g.body.name.clone()),
                    ("count", p.comment_count.to_string()),
                ],
            ),
            format!("/groups/{}/objectives/{}", g.body.slug, p.id),
            None,
        ));
    }
    // Hours to log: from the 25th of a month to the 5th of the next, each group with an expected
    // range the person belongs to and logged nothing in for that month (`hours::month_to_log`).
    if let (Some(person), Some(month)) = (
        v.actor.person_id(),
        agora_domain::groups::hours::month_to_log(today),
    ) {
        // Due at the end of the 5th of the next month.
        let due = month.next().first_day()
            + chrono::Duration::days(i64::from(agora_domain::groups::hours::REMIND_UNTIL_DAY));
        for g in state.store.groups_missing_hours(person, month).await? {
            out.push(Task::new(
                "groups",
                "hours-to-log",
                tr.t2(
                    "task-group-hours",
                    ("month", month.to_string()),
                    ("group", g.name),
                ),
                format!("/groups/{}#time", g.slug),
                Some(Utc.from_utc_datetime(&due.and_time(NaiveTime::MIN))),
            ));
        }
    }
    // Meetings this week of every group the person belongs to, in each series' own zone.
    if let Some(person) = v.actor.person_id() {
        let now = state.clock.now();
        for s in state.store.meetings_of_person(person).await? {
            let week = s
                .series
                .expand(&s.exceptions, now, now + chrono::Duration::days(7));
            for o in week.occurrences {
                out.push(Task::new(
                    "groups",
                    "meeting",
                    tr.tn(
                        "task-group-meeting",
                        &[
                            ("title", s.series.title.clone()),
                            ("group", s.group.name.clone()),
                            ("time", o.local_start.format("%Y-%m-%d %H:%M").to_string()),
                            ("zone", s.series.zone.name().to_string()),
                        ],
                    ),
                    format!(
                        "/groups/{}/meetings/{}/{}",
                        s.group.slug,
                        s.id,
                        agora_domain::groups::meetings::format_local(o.original)
                    ),
                    Some(o.start),
                ));
            }
        }
    }
    Ok(out)
}
