//! The rest of a community plan (seed 004): who plays which role, the roadmap's phases and items,
//! and who the plan is shared with.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The roles of seed 004's "educate & organize employee".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    StrategicLead,
    CommunityManager,
    PedagogicalManager,
    Sales,
    Legal,
    It,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::StrategicLead,
        Role::CommunityManager,
        Role::PedagogicalManager,
        Role::Sales,
        Role::Legal,
        Role::It,
    ];
    pub fn slug(self) -> &'static str {
        match self {
            Role::StrategicLead => "strategic-lead",
            Role::CommunityManager => "community-manager",
            Role::PedagogicalManager => "pedagogical-manager",
            Role::Sales => "sales",
            Role::Legal => "legal",
            Role::It => "it",
        }
    }
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .into_iter()
            .find(|r| r.slug() == s.trim())
            .ok_or("invalid-choice")
    }
}

/// The four phases of the seed's community-building roadmap.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    BuildTargetBase,
    Engage,
    GoViral,
    OrganizeTeam,
}

impl Phase {
    pub const ALL: [Phase; 4] = [
        Phase::BuildTargetBase,
        Phase::Engage,
        Phase::GoViral,
        Phase::OrganizeTeam,
    ];
    pub fn slug(self) -> &'static str {
        match self {
            Phase::BuildTargetBase => "build-target-base",
            Phase::Engage => "engage",
            Phase::GoViral => "go-viral",
            Phase::OrganizeTeam => "organize-team",
        }
    }
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .into_iter()
            .find(|p| p.slug() == s.trim())
            .ok_or("invalid-choice")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ItemStatus {
    Planned,
    InProgress,
    Done,
    Dropped,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 4] = [
        ItemStatus::Planned,
        ItemStatus::InProgress,
        ItemStatus::Done,
        ItemStatus::Dropped,
    ];
    pub fn slug(self) -> &'static str {
        match self {
            ItemStatus::Planned => "planned",
            ItemStatus::InProgress => "in-progress",
            ItemStatus::Done => "done",
            ItemStatus::Dropped => "dropped",
        }
    }
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .into_iter()
            .find(|x| x.slug() == s.trim())
            .ok_or("invalid-choice")
    }
}

/// An item is overdue when its date has passed and it is neither done nor dropped.
pub fn overdue(status: ItemStatus, due: Option<NaiveDate>, today: NaiveDate) -> bool {
    matches!(status, ItemStatus::Planned | ItemStatus::InProgress) && due.is_some_and(|d| d < today)
}

/// What someone a plan is shared with may do.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Access {
    View,
    Edit,
}

impl Access {
    pub fn slug(self) -> &'static str {
        match self {
            Access::View => "view",
            Access::Edit => "edit",
        }
    }
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        match s.trim() {
            "view" => Ok(Access::View),
            "edit" => Ok(Access::Edit),
            _ => Err("invalid-choice"),
        }
    }
}

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
