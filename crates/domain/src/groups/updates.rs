//! Regular updates of a group (issue 10): progress, blockers, next steps and links, posted on a
//! cadence the group sets (every two weeks unless it says otherwise). The next update is due a
//! cadence after the last one; before the first, a cadence after the group set its reporting up (a
//! group that has done neither is not yet expected to report). Past that day the group is overdue,
//! which its parent's page flags and its facilitators are reminded of.

use super::okrs::Quarter;
use super::MAX_TEXT;
use crate::governance::Standing;
use crate::validation::ValidationErrors;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// Every two weeks, as the Marketing WG meets.
pub const DEFAULT_CADENCE_DAYS: i64 = 14;
/// A cadence is at least daily and at most yearly.
pub const MAX_CADENCE_DAYS: i64 = 365;
/// "Due soon" from this many days before the due date: the home page lists the item from then.
pub const DUE_SOON_DAYS: i64 = 3;
/// Enough links for a report, not a link farm.
pub const MAX_LINKS: usize = 10;

/// How often a group reports, and whether its members (not only its facilitators) may post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct UpdateSettings {
    pub cadence_days: i64,
    pub members_post: bool,
}

impl Default for UpdateSettings {
    fn default() -> Self {
        Self {
            cadence_days: DEFAULT_CADENCE_DAYS,
            members_post: false,
        }
    }
}

/// The settings form or API body, as text.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SettingsInput {
    /// Days between updates, 1 to 365.
    pub cadence_days: String,
    /// Present (any value but empty or `false`) when members may post updates.
    pub members_post: Option<String>,
}

impl SettingsInput {
    pub fn parse(&self) -> Result<UpdateSettings, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let cadence = match self.cadence_days.trim() {
            "" => Err("required"),
            s => match s.parse::<i64>() {
                Ok(n) if (1..=MAX_CADENCE_DAYS).contains(&n) => Ok(n),
                Ok(_) => Err("out-of-range"),
                Err(_) => Err("invalid-number"),
            },
        };
        let cadence = e.check("cadence_days", cadence);
        let members_post = self
            .members_post
            .as_deref()
            .is_some_and(|s| !matches!(s.trim(), "" | "false" | "0"));
        match cadence {
            Some(cadence_days) => Ok(UpdateSettings {
                cadence_days,
                members_post,
            }),
            None => Err(e),
        }
    }
}

/// Facilitators (and admins) always post; members when the group allows it.
pub fn may_post(s: Standing, settings: UpdateSettings) -> bool {
    super::may_facilitate(s) || (settings.members_post && s.member)
}

/// When the next update is due: a cadence after the last one, or after `started` (the day the group
/// set its reporting up) before the first; `None` when the group has done neither.
pub fn due_on(
    last: Option<NaiveDate>,
    started: Option<NaiveDate>,
    cadence_days: i64,
) -> Option<NaiveDate> {
    let from = last.or(started)?;
    Some(
        from.checked_add_signed(Duration::days(cadence_days.clamp(1, MAX_CADENCE_DAYS)))
            .unwrap_or(NaiveDate::MAX),
    )
}

/// Where a group stands with its updates on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Staleness {
    /// No update is expected yet: the group has neither posted nor set its reporting up.
    Unscheduled,
    /// The next update is more than `DUE_SOON_DAYS` away.
    OnTrack,
    /// Due within `DUE_SOON_DAYS`, or today.
    DueSoon,
    /// The due day has passed without an update.
    Overdue,
}

impl Staleness {
    pub fn of(due: Option<NaiveDate>, today: NaiveDate) -> Staleness {
        let Some(due) = due else {
            return Staleness::Unscheduled;
        };
        if today > due {
            Staleness::Overdue
        } else if (due - today).num_days() <= DUE_SOON_DAYS {
            Staleness::DueSoon
        } else {
            Staleness::OnTrack
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Staleness::Unscheduled => "unscheduled",
            Staleness::OnTrack => "on-track",
            Staleness::DueSoon => "due-soon",
            Staleness::Overdue => "overdue",
        }
    }

    pub fn label_key(self) -> String {
        format!("group-update-status-{}", self.slug())
    }
}

/// An update as posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewUpdate {
    pub period: Quarter,
    pub progress: String,
    pub blockers: String,
    pub next_steps: String,
    pub links: Vec<String>,
}

/// The form or API body of an update, as text; `links` is one URL per line.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct UpdateInput {
    /// The quarter reported on (`2026-Q4`); the current one when empty. The previous quarter is
    /// accepted too, for a late report.
    pub period: String,
    pub progress: String,
    pub blockers: String,
    pub next_steps: String,
    /// http or https URLs, one per line.
    pub links: String,
}

fn text(e: &mut ValidationErrors, field: &str, s: &str, required: bool) -> String {
    let s = s.trim();
    if required && s.is_empty() {
        e.add(field, "required");
    } else if s.chars().count() > MAX_TEXT {
        e.add(field, "too-long");
    }
    s.to_string()
}

/// Links, one per line (blank lines skipped), each an http or https URL.
pub fn parse_links(e: &mut ValidationErrors, s: &str) -> Vec<String> {
    let mut out = vec![];
    for line in s.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match crate::partner::parse_web_url(line) {
            Ok(u) => out.push(u),
            Err(code) => {
                e.add("links", code);
                return vec![];
            }
        }
    }
    if out.len() > MAX_LINKS {
        e.add("links", "too-many-links");
        return vec![];
    }
    out
}

impl UpdateInput {
    pub fn parse(&self, today: NaiveDate) -> Result<NewUpdate, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let current = Quarter::containing(today);
        let period = match self.period.trim() {
            "" => Some(current),
            s => e.check("period", Quarter::parse(s)).and_then(|q| {
                let previous = Quarter::containing(current.first_day().pred_opt()?);
                if q == current || q == previous {
                    Some(q)
                } else {
                    e.add("period", "period-not-open");
                    None
                }
            }),
        };
        let progress = text(&mut e, "progress", &self.progress, true);
        let blockers = text(&mut e, "blockers", &self.blockers, false);
        let next_steps = text(&mut e, "next_steps", &self.next_steps, false);
        let links = parse_links(&mut e, &self.links);
        match period {
            Some(period) if e.is_empty() => Ok(NewUpdate {
                period,
                progress,
                blockers,
                next_steps,
                links,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn input(progress: &str, links: &str) -> UpdateInput {
        UpdateInput {
            progress: progress.into(),
            links: links.into(),
            ..UpdateInput::default()
        }
    }

    #[test]
    fn an_update_needs_progress_and_takes_web_links() {
        let today = day("2026-12-01");
        let u = input(
            "Shipped the brochure",
            "https://example.org/a\n\n http://example.com/b ",
        )
        .parse(today)
        .expect("valid");
        assert_eq!(
            u.links,
            vec!["https://example.org/a", "http://example.com/b"]
        );
        assert_eq!(u.period.to_string(), "2026-Q4");
        let e = input(" ", "").parse(today).expect_err("no progress");
        assert_eq!(e.get("progress"), Some("required"));
        for bad in ["javascript:alert(1)", "ftp://example.org/x", "not a url"] {
            let e = input("x", bad).parse(today).expect_err(bad);
            assert_eq!(e.get("links"), Some("invalid-url"), "{bad}");
        }
        let many = (0..=MAX_LINKS)
            .map(|i| format!("https://example.org/{i}"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(
            input("x", &many)
                .parse(today)
                .expect_err("many")
                .get("links"),
            Some("too-many-links")
        );
    }

    #[test]
    fn the_period_is_this_quarter_or_the_last() {
        let today = day("2026-10-05");
        let mut i = input("x", "");
        i.period = "2026-Q3".into();
        assert_eq!(
            i.parse(today).expect("late report").period.to_string(),
            "2026-Q3"
        );
        i.period = "2026-Q2".into();
        assert_eq!(
            i.parse(today).expect_err("old").get("period"),
            Some("period-not-open")
        );
        i.period = "2027-Q1".into();
        assert_eq!(
            i.parse(today).expect_err("future").get("period"),
            Some("period-not-open")
        );
        i.period = "Q1".into();
        assert_eq!(
            i.parse(today).expect_err("bad").get("period"),
            Some("invalid-period")
        );
        // Across the new year, the previous quarter is last year's fourth.
        i.period = "2026-Q4".into();
        assert!(i.parse(day("2027-01-03")).is_ok());
    }

    #[test]
    fn settings_parse_and_bound_the_cadence() {
        let s = |c: &str, m: Option<&str>| SettingsInput {
            cadence_days: c.into(),
            members_post: m.map(Into::into),
        };
        assert_eq!(
            s("7", Some("on")).parse(),
            Ok(UpdateSettings {
                cadence_days: 7,
                members_post: true
            })
        );
        assert!(!s("14", Some("false")).parse().expect("ok").members_post);
        for (bad, code) in [
            ("0", "out-of-range"),
            ("366", "out-of-range"),
            ("x", "invalid-number"),
            ("", "required"),
        ] {
            assert_eq!(
                s(bad, None).parse().expect_err(bad).get("cadence_days"),
                Some(code)
            );
        }
    }

    #[test]
    fn who_posts() {
        let member = Standing {
            signed_in: true,
            member: true,
            ..Standing::default()
        };
        let facilitator = Standing {
            signed_in: true,
            facilitator: true,
            ..Standing::default()
        };
        let open = UpdateSettings {
            members_post: true,
            ..UpdateSettings::default()
        };
        assert!(may_post(facilitator, UpdateSettings::default()));
        assert!(!may_post(member, UpdateSettings::default()));
        assert!(may_post(member, open));
        assert!(!may_post(Standing::default(), open));
    }

    #[test]
    fn due_and_overdue() {
        let started = Some(day("2026-11-01"));
        assert_eq!(due_on(None, None, 14), None);
        assert_eq!(
            Staleness::of(None, day("2030-01-01")),
            Staleness::Unscheduled
        );
        assert_eq!(due_on(None, started, 14), Some(day("2026-11-15")));
        assert_eq!(
            due_on(Some(day("2026-11-20")), started, 14),
            Some(day("2026-12-04"))
        );
        assert_eq!(
            due_on(Some(day("2026-11-20")), None, 14),
            Some(day("2026-12-04"))
        );
        let due = Some(day("2026-12-04"));
        assert_eq!(Staleness::of(due, day("2026-11-30")), Staleness::OnTrack);
        assert_eq!(Staleness::of(due, day("2026-12-01")), Staleness::DueSoon);
        assert_eq!(Staleness::of(due, day("2026-12-04")), Staleness::DueSoon);
        assert_eq!(Staleness::of(due, day("2026-12-05")), Staleness::Overdue);
    }

    proptest! {
        /// Overdue exactly after the due day; posting an update makes the group current again for a
        /// whole cadence; staleness only gets worse as days pass without an update.
        #[test]
        fn staleness_follows_the_calendar(
            last in 0i64..4000,
            cadence in 1i64..=MAX_CADENCE_DAYS,
            elapsed in 0i64..800,
            more in 0i64..100,
        ) {
            let base = day("2020-01-01");
            let last = base + Duration::days(last);
            let due = due_on(Some(last), Some(base), cadence);
            prop_assert_eq!(due.map(|d| (d - last).num_days()), Some(cadence));
            let today = last + Duration::days(elapsed);
            let s = Staleness::of(due, today);
            prop_assert_eq!(s == Staleness::Overdue, elapsed > cadence);
            // A fresh update today restarts the clock: never overdue on the day it is posted.
            prop_assert_ne!(Staleness::of(due_on(Some(today), None, cadence), today), Staleness::Overdue);
            let later = Staleness::of(due, today + Duration::days(more));
            let rank = |s: Staleness| match s {
                Staleness::Unscheduled => -1,
                Staleness::OnTrack => 0,
                Staleness::DueSoon => 1,
                Staleness::Overdue => 2,
            };
            prop_assert!(rank(later) >= rank(s));
        }
    }
}
