//! The one place that decides who may do what. Handlers ask `allows(actor, permission)` and never look at
//! roles themselves, so a route cannot forget a rule another route applies.

use serde::{Deserialize, Serialize};

/// A role a person holds, possibly scoped to one organization or group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Foundation staff: runs the programs.
    Admin,
    /// Manages one partner organization's profile and people.
    PartnerAdmin,
    /// Works for one partner organization.
    PartnerMember,
    /// Facilitates one group (added by the groups program).
    Facilitator,
    /// Member of one group.
    GroupMember,
    /// Reviews nominations on one panel (added by the recognition program).
    Panelist,
}

impl Role {
    pub const ALL: &'static [Role] = &[
        Role::Admin,
        Role::PartnerAdmin,
        Role::PartnerMember,
        Role::Facilitator,
        Role::GroupMember,
        Role::Panelist,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::PartnerAdmin => "partner_admin",
            Role::PartnerMember => "partner_member",
            Role::Facilitator => "facilitator",
            Role::GroupMember => "group_member",
            Role::Panelist => "panelist",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .iter()
            .copied()
            .find(|r| r.slug() == s.trim())
            .ok_or("invalid-role")
    }

    /// Which kind of scope the role needs: `None` for global roles.
    pub fn scope_kind(self) -> Option<ScopeKind> {
        match self {
            Role::Admin => None,
            Role::PartnerAdmin | Role::PartnerMember => Some(ScopeKind::Partner),
            Role::Facilitator | Role::GroupMember => Some(ScopeKind::Group),
            Role::Panelist => Some(ScopeKind::Panel),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    Partner,
    Group,
    Panel,
}

impl ScopeKind {
    pub fn slug(self) -> &'static str {
        match self {
            ScopeKind::Partner => "partner",
            ScopeKind::Group => "group",
            ScopeKind::Panel => "panel",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Grant {
    pub role: Role,
    /// The id of the partner, group or panel the role applies to; `None` for global roles.
    pub scope_id: Option<i64>,
}

/// Who is acting: an anonymous visitor, a signed-in person, or the system itself (scheduled jobs, CLI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    Person { id: i64, grants: Vec<Grant> },
    System,
}

impl Actor {
    pub fn person_id(&self) -> Option<i64> {
        match self {
            Actor::Person { id, .. } => Some(*id),
            _ => None,
        }
    }

    pub fn has(&self, role: Role, scope: Option<i64>) -> bool {
        match self {
            Actor::Person { grants, .. } => {
                grants.iter().any(|g| g.role == role && g.scope_id == scope)
            }
            _ => false,
        }
    }

    pub fn is_admin(&self) -> bool {
        matches!(self, Actor::System) || self.has(Role::Admin, None)
    }

    /// Partner organizations this actor works for (as admin or member).
    pub fn partner_ids(&self) -> Vec<i64> {
        match self {
            Actor::Person { grants, .. } => grants
                .iter()
                .filter(|g| matches!(g.role, Role::PartnerAdmin | Role::PartnerMember))
                .filter_map(|g| g.scope_id)
                .collect(),
            _ => vec![],
        }
    }
}

/// Everything that can be asked of Agora that not everyone may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Review applications, change partner status, import partners.
    ManagePartners,
    /// See non-public partner data (applicants, contacts, status history).
    ViewPartnerPrivate { partner_id: i64 },
    /// Edit a partner's public profile (not its status).
    EditPartnerProfile { partner_id: i64 },
    /// Invite people and grant roles.
    ManagePeople,
    /// Browse the audit log.
    ViewAuditLog,
    /// Use one's own account pages (tokens, password).
    ManageOwnAccount,
    /// See every lead with its personal data, the queue, the policy drafts, referrals, erasure.
    ManageLeads,
    /// See and answer the leads offered to one partner (and, once accepted, their contact details).
    HandleLeads { partner_id: i64 },
    /// Declare the clients one partner acquired in a year, with their consents (its obligations
    /// follow from them).
    DeclareClients { partner_id: i64 },
    /// Adopt a new version of the marketing obligation policy.
    ManageObligations,
    /// Submit one partner's marketing contributions and article topics, and resubmit them.
    SubmitContributions { partner_id: i64 },
    /// Register one partner's deals (prospects it works on) and close them.
    RegisterDeals { partner_id: i64 },
    /// Read a person's activity ledger: their own, or anyone's for the foundation.
    ViewActivity { person_id: i64 },
    /// Sign one partner up for beta programs, roadmap discussions and campaigns, and use the
    /// training library (the partner must also be active: `benefits::may_join`).
    UseBenefits { partner_id: i64 },
    /// Open programs and keep the training library; see who signed up and who opened what.
    ManageBenefits,
    /// Run the Distinguished Contributor program: cycles, categories, the panel's decisions, awards
    /// and their credentials, the issuer's keys, the budget.
    ManageRecognition,
    /// See every course's exact series (imported learner activity).
    ManageCourses,
}

pub fn allows(actor: &Actor, permission: Permission) -> bool {
    if actor.is_admin() {
        return true;
    }
    match permission {
        Permission::ManagePartners
        | Permission::ManagePeople
        | Permission::ViewAuditLog
        | Permission::ManageLeads
        | Permission::ManageObligations
        | Permission::ManageBenefits
        | Permission::ManageRecognition
        | Permission::ManageCourses => false,
        Permission::HandleLeads { partner_id } => {
            actor.has(Role::PartnerAdmin, Some(partner_id))
                || actor.has(Role::PartnerMember, Some(partner_id))
        }
        Permission::ViewPartnerPrivate { partner_id }
        | Permission::SubmitContributions { partner_id }
        | Permission::RegisterDeals { partner_id }
        | Permission::UseBenefits { partner_id } => {
            actor.has(Role::PartnerAdmin, Some(partner_id))
                || actor.has(Role::PartnerMember, Some(partner_id))
        }
        Permission::EditPartnerProfile { partner_id }
        | Permission::DeclareClients { partner_id } => {
            actor.has(Role::PartnerAdmin, Some(partner_id))
        }
        Permission::ManageOwnAccount => actor.person_id().is_some(),
        Permission::ViewActivity { person_id } => actor.person_id() == Some(person_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(grants: &[(Role, Option<i64>)]) -> Actor {
        Actor::Person {
            id: 1,
            grants: grants
                .iter()
                .map(|&(role, scope_id)| Grant { role, scope_id })
                .collect(),
        }
    }

    #[test]
    fn a_ledger_is_read_by_its_person_and_admins_only() {
        let me = person(&[(Role::PartnerAdmin, Some(7)), (Role::Facilitator, Some(3))]);
        assert!(allows(&me, Permission::ViewActivity { person_id: 1 }));
        assert!(!allows(&me, Permission::ViewActivity { person_id: 2 }));
        assert!(allows(
            &person(&[(Role::Admin, None)]),
            Permission::ViewActivity { person_id: 2 }
        ));
        assert!(!allows(
            &Actor::Anonymous,
            Permission::ViewActivity { person_id: 1 }
        ));
    }

    #[test]
    fn partner_admin_edits_own_profile_only() {
        let a = person(&[(Role::PartnerAdmin, Some(7))]);
        assert!(allows(&a, Permission::EditPartnerProfile { partner_id: 7 }));
        assert!(!allows(
            &a,
            Permission::EditPartnerProfile { partner_id: 8 }
        ));
        assert!(!allows(&a, Permission::ManagePartners));
    }

    #[test]
    fn partner_member_sees_but_does_not_edit() {
        let m = person(&[(Role::PartnerMember, Some(7))]);
        assert!(allows(&m, Permission::ViewPartnerPrivate { partner_id: 7 }));
        assert!(!allows(
            &m,
            Permission::EditPartnerProfile { partner_id: 7 }
        ));
    }

    #[test]
    fn partners_handle_their_own_leads_only() {
        let m = person(&[(Role::PartnerMember, Some(7))]);
        assert!(allows(&m, Permission::HandleLeads { partner_id: 7 }));
        assert!(!allows(&m, Permission::HandleLeads { partner_id: 8 }));
        assert!(!allows(&m, Permission::ManageLeads));
    }

    #[test]
    fn partner_admins_declare_their_own_clients_and_only_admins_set_the_policy() {
        let pa = person(&[(Role::PartnerAdmin, Some(7))]);
        let m = person(&[(Role::PartnerMember, Some(7))]);
        assert!(allows(&pa, Permission::DeclareClients { partner_id: 7 }));
        assert!(!allows(&pa, Permission::DeclareClients { partner_id: 8 }));
        assert!(!allows(&m, Permission::DeclareClients { partner_id: 7 }));
        assert!(!allows(&pa, Permission::ManageObligations));
        assert!(allows(
            &person(&[(Role::Admin, None)]),
            Permission::ManageObligations
        ));
    }

    #[test]
    fn a_partners_people_submit_its_contributions_only() {
        let pa = person(&[(Role::PartnerAdmin, Some(7))]);
        let m = person(&[(Role::PartnerMember, Some(7))]);
        assert!(allows(
            &pa,
            Permission::SubmitContributions { partner_id: 7 }
        ));
        assert!(allows(
            &m,
            Permission::SubmitContributions { partner_id: 7 }
        ));
        assert!(!allows(
            &m,
            Permission::SubmitContributions { partner_id: 8 }
        ));
    }

    #[test]
    fn anonymous_may_do_nothing_protected() {
        for p in [
            Permission::ManagePartners,
            Permission::ViewAuditLog,
            Permission::ManagePeople,
            Permission::ManageOwnAccount,
            Permission::EditPartnerProfile { partner_id: 1 },
            Permission::ViewPartnerPrivate { partner_id: 1 },
            Permission::ManageLeads,
            Permission::HandleLeads { partner_id: 1 },
            Permission::DeclareClients { partner_id: 1 },
            Permission::ManageObligations,
            Permission::SubmitContributions { partner_id: 1 },
        ] {
            assert!(!allows(&Actor::Anonymous, p));
        }
    }

    #[test]
    fn admin_may_do_everything() {
        let a = person(&[(Role::Admin, None)]);
        assert!(allows(&a, Permission::ManagePartners));
        assert!(allows(&a, Permission::EditPartnerProfile { partner_id: 3 }));
        assert!(allows(&a, Permission::ViewAuditLog));
    }
}
