//! The rest of a community plan (seed 004): who plays which role, the roadmap's phases and items,
//! and who the plan is shared with.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::category!(
    /// The roles of seed 004's "educate & organize employee".
    Role, "course-role", "invalid-choice", {
        StrategicLead => "strategic-lead",
        CommunityManager => "community-manager",
        PedagogicalManager => "pedagogical-manager",
        Sales => "sales",
        Legal => "legal",
        It => "it",
    }
);

crate::category!(
    /// The four phases of the seed's community-building roadmap.
    Phase, "course-phase", "invalid-choice", {
        BuildTargetBase => "build-target-base",
        Engage => "engage",
        GoViral => "go-viral",
        OrganizeTeam => "organize-team",
    }
);

crate::category!(
    /// Where a roadmap item stands.
    ItemStatus, "course-item-status", "invalid-choice", {
        Planned => "planned",
        InProgress => "in-progress",
        Done => "done",
        Dropped => "dropped",
    }
);

/// An item is overdue when its date has passed and it is neither done nor dropped.
pub fn overdue(status: ItemStatus, due: Option<NaiveDate>, today: NaiveDate) -> bool {
    matches!(status, ItemStatus::Planned | ItemStatus::InProgress) && due.is_some_and(|d| d < today)
}

crate::category!(
    /// What someone a plan is shared with may do (ordered: edit is more than view).
    Access, "course-access", "invalid-choice", {
        View => "view",
        Edit => "edit",
    }
);

/// A person's access to a plan: admins and the plan's owner edit; otherwise the strongest of their
/// own share and the shares of groups they belong to.
pub fn access(
    is_admin: bool,
    is_owner: bool,
    personal: Option<Access>,
    via_groups: impl IntoIterator<Item = Access>,
) -> Option<Access> {
    if is_admin || is_owner {
        return Some(Access::Edit);
    }
    personal.into_iter().chain(via_groups).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdue_items_and_access() {
        let today: NaiveDate = "2026-03-10".parse().expect("test data");
        let past = Some("2026-03-09".parse().expect("test data"));
        assert!(overdue(ItemStatus::Planned, past, today));
        assert!(overdue(ItemStatus::InProgress, past, today));
        assert!(!overdue(ItemStatus::Done, past, today));
        assert!(!overdue(ItemStatus::Planned, Some(today), today));
        assert!(!overdue(ItemStatus::Planned, None, today));
        assert_eq!(access(false, false, None, []), None);
        assert_eq!(
            access(false, false, Some(Access::View), [Access::Edit]),
            Some(Access::Edit)
        );
        assert_eq!(access(true, false, None, []), Some(Access::Edit));
        assert_eq!(Role::parse("it"), Ok(Role::It));
        assert_eq!(Phase::parse("go-viral"), Ok(Phase::GoViral));
    }
}

/// An audience segment of a plan, with its size estimate, the offer made to it and what makes the
/// offer stand out (seed 004: "for each target, build your offer, perfect your USP").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Target {
    pub name: String,
    pub size: u64,
    pub offer: String,
    pub usp: String,
}

pub const MAX_TARGETS: usize = 12;
pub const MAX_NAME: usize = 160;
pub const MAX_TEXT: usize = 4000;

/// A measure of success as stored: a metric of the series with its target and date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Measure {
    pub name: String,
    pub metric: super::measures::Metric,
    pub target: f64,
    #[schema(value_type = String, format = Date)]
    pub due_on: NaiveDate,
    /// Shown on the course's public progress page (with small cells suppressed).
    pub public: bool,
}

/// The measure form, as text.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct MeasureInput {
    pub name: String,
    pub metric: String,
    pub target: String,
    pub due_on: String,
    /// "on" (a checkbox) or "true" to publish.
    pub public: String,
}

impl MeasureInput {
    pub fn parse(&self) -> Result<Measure, crate::ValidationErrors> {
        let mut e = crate::ValidationErrors::new();
        let name = crate::partner::parse_text(&mut e, "name", &self.name, MAX_NAME, true);
        let metric = e.check("metric", super::measures::Metric::parse(&self.metric));
        let target = match metric {
            Some(m) => e.check("target", super::measures::parse_target(m, &self.target)),
            None => None,
        };
        let due_on = e.check(
            "due_on",
            NaiveDate::parse_from_str(self.due_on.trim(), "%Y-%m-%d").map_err(|_| {
                if self.due_on.trim().is_empty() {
                    "required"
                } else {
                    "invalid-date"
                }
            }),
        );
        let public = matches!(self.public.trim(), "on" | "true" | "1");
        match (metric, target, due_on) {
            (Some(metric), Some(target), Some(due_on)) if e.is_empty() => Ok(Measure {
                name,
                metric,
                target,
                due_on,
                public,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod input_tests {
    use super::*;

    #[test]
    fn a_measure_names_each_bad_field() {
        let ok = MeasureInput {
            name: "Enrolled by week 6".into(),
            metric: "enrolled".into(),
            target: "2,000".into(),
            due_on: "2026-04-13".into(),
            public: "on".into(),
        }
        .parse()
        .expect("valid");
        assert_eq!(ok.target, 2000.0);
        assert!(ok.public);
        let e = MeasureInput {
            name: String::new(),
            metric: "likes".into(),
            target: "x".into(),
            due_on: "13/04/2026".into(),
            public: String::new(),
        }
        .parse()
        .expect_err("invalid");
        assert_eq!(e.get("name"), Some("required"));
        assert_eq!(e.get("metric"), Some("unknown-metric"));
        assert_eq!(e.get("due_on"), Some("invalid-date"));
    }
}
