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
        let name = text(&mut e, "name", &self.name, MAX_NAME, true);
        let metric = e.check("metric", super::measures::Metric::parse(&self.metric));
        let target = match metric {
            Some(m) => e.check("target", super::measures::parse_target(m, &self.target)),
            None => None,
        };
        let due_on = e.check(
            "due_on",
            date(&self.due_on, true).map(|d| d.unwrap_or_default()),
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

/// A target as its form shows it: `Display` of a float is the shortest text that reads back as the
/// same float; `12.345` gets a trailing zero so it is not read as digits grouped by thousands.
fn target_text(t: f64) -> String {
    let text = t.to_string();
    if super::measures::thousands_with_points(&text) {
        text + "0"
    } else {
        text
    }
}

impl From<&Measure> for MeasureInput {
    /// The form filled with a stored measure, for editing it (`parse` gives the measure back).
    fn from(m: &Measure) -> Self {
        MeasureInput {
            name: m.name.clone(),
            metric: m.metric.slug().into(),
            target: target_text(m.target),
            due_on: m.due_on.to_string(),
            public: if m.public { "on".into() } else { String::new() },
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

/// Seed 004's wording of each role's responsibilities, the default when someone is given a role
/// (the Fluent key `course-role-<slug>-duties` holds it in each language).
pub fn default_duties_key(role: Role) -> String {
    format!("course-role-{}-duties", role.slug())
}

/// Free text of the plan's forms: `required`, `too-long`, or `invalid-text` when it holds the
/// invisible characters that reverse the direction of what follows (a reader would see other words).
fn text(
    e: &mut crate::ValidationErrors,
    field: &str,
    s: &str,
    max: usize,
    required: bool,
) -> String {
    let out = crate::partner::parse_text(e, field, s, max, required);
    if crate::text::has_direction_controls(&out) {
        e.add(field, "invalid-text");
    }
    out
}

/// A date a plan can hold: from 2000 to 2100 (a typing mistake otherwise).
pub fn plan_date(s: &str) -> Result<NaiveDate, &'static str> {
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| "invalid-date")?;
    if (2000..=2100).contains(&chrono::Datelike::year(&d)) {
        Ok(d)
    } else {
        Err("invalid-date")
    }
}

/// A whole number as a person types it (thousands commas allowed) in `min..=max`.
fn number(s: &str, min: i64, max: i64) -> Result<i64, &'static str> {
    crate::recognition::parse_number(&s.replace(',', ""), min, max)
}

fn optional_id(s: &str, code: &'static str) -> Result<Option<i64>, &'static str> {
    match s.trim() {
        "" => Ok(None),
        s => s
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .map(Some)
            .ok_or(code),
    }
}

fn date(s: &str, required: bool) -> Result<Option<NaiveDate>, &'static str> {
    match s.trim() {
        "" if required => Err("required"),
        "" => Ok(None),
        s => plan_date(s).map(Some),
    }
}

/// What a plan is: its course and what it is for. The course id is read when a plan is created
/// and ignored afterwards (a plan stays with its course).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PlanInput {
    /// `course-v1:Org+Course+Run` or `Org/Course/Run`.
    pub course_id: String,
    pub title: String,
    pub organization: String,
    /// The slug of the partner running the course, or empty.
    pub partner: String,
    /// `internal` or `external`.
    pub purpose: String,
    pub stakeholders: String,
    pub guidelines: String,
    /// The course's about page on the LMS, the base of its referral links.
    pub lms_url: String,
    /// "on" or "true" to publish the plan's public measures.
    pub public_progress: String,
}

/// A plan's description, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PlanBasics {
    #[schema(value_type = String)]
    pub course: super::CourseId,
    pub title: String,
    pub organization: String,
    pub partner: Option<String>,
    pub purpose: super::business::Purpose,
    pub stakeholders: String,
    pub guidelines: String,
    pub lms_url: String,
    pub public_progress: bool,
}

impl PlanInput {
    pub fn parse(&self) -> Result<PlanBasics, crate::ValidationErrors> {
        let mut e = crate::ValidationErrors::new();
        let course = e.check("course_id", super::CourseId::parse(&self.course_id));
        let title = text(&mut e, "title", &self.title, MAX_NAME, true);
        let organization = text(&mut e, "organization", &self.organization, MAX_NAME, true);
        let partner = Some(self.partner.trim().to_string()).filter(|s| !s.is_empty());
        let purpose = e.check(
            "purpose",
            super::business::Purpose::parse(self.purpose.trim()),
        );
        let stakeholders = text(&mut e, "stakeholders", &self.stakeholders, MAX_TEXT, false);
        let guidelines = text(&mut e, "guidelines", &self.guidelines, MAX_TEXT, false);
        let lms_url = match self.lms_url.trim() {
            "" => Some(String::new()),
            s => e.check("lms_url", crate::partner::parse_web_url(s)),
        };
        let public_progress = matches!(self.public_progress.trim(), "on" | "true" | "1");
        match (course, purpose, lms_url) {
            (Some(course), Some(purpose), Some(lms_url)) if e.is_empty() => Ok(PlanBasics {
                course,
                title,
                organization,
                partner,
                purpose,
                stakeholders,
                guidelines,
                lms_url,
                public_progress,
            }),
            _ => Err(e),
        }
    }
}

/// The targets form: one row per audience segment, as parallel lists (blank rows are skipped).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct TargetsInput {
    pub name: Vec<String>,
    pub size: Vec<String>,
    pub offer: Vec<String>,
    pub usp: Vec<String>,
}

impl TargetsInput {
    pub fn parse(&self) -> Result<Vec<Target>, crate::ValidationErrors> {
        let mut e = crate::ValidationErrors::new();
        let cell = |v: &Vec<String>, i: usize| v.get(i).map(|s| s.trim()).unwrap_or("").to_string();
        let rows = [&self.name, &self.size, &self.offer, &self.usp]
            .iter()
            .map(|v| v.len())
            .max()
            .unwrap_or(0);
        if rows > MAX_TARGETS * 2 {
            // A form of this size was not typed by a person: refused before any row is read.
            return Err(crate::ValidationErrors::single("targets", "too-many"));
        }
        let mut out = Vec::new();
        for i in 0..rows {
            let (name, size, offer, usp) = (
                cell(&self.name, i),
                cell(&self.size, i),
                cell(&self.offer, i),
                cell(&self.usp, i),
            );
            if name.is_empty() && size.is_empty() && offer.is_empty() && usp.is_empty() {
                continue;
            }
            let f = |x: &str| format!("targets.{i}.{x}");
            let name = text(&mut e, &f("name"), &name, MAX_NAME, true);
            let size = e.check(&f("size"), number(&size, 0, 10_000_000_000));
            let offer = text(&mut e, &f("offer"), &offer, MAX_TEXT, false);
            let usp = text(&mut e, &f("usp"), &usp, MAX_TEXT, false);
            if let Some(size) = size {
                out.push(Target {
                    name,
                    size: size as u64,
                    offer,
                    usp,
                });
            }
        }
        if out.len() > MAX_TARGETS {
            e.add("targets", "too-many");
        }
        e.into_result(out)
    }
}

/// Checks targets sent as JSON, with the form's field names.
pub fn check_targets(targets: &[Target]) -> Result<(), crate::ValidationErrors> {
    let input = TargetsInput {
        name: targets.iter().map(|t| t.name.clone()).collect(),
        size: targets.iter().map(|t| t.size.to_string()).collect(),
        offer: targets.iter().map(|t| t.offer.clone()).collect(),
        usp: targets.iter().map(|t| t.usp.clone()).collect(),
    };
    input.parse().map(drop)
}

/// The business plan's form: the horizon and one row per line, as parallel lists (rows with no
/// label and no amount are skipped).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct BusinessInput {
    pub horizon_months: String,
    pub kind: Vec<String>,
    pub label: Vec<String>,
    pub quantity: Vec<String>,
    /// Dollars per unit, such as 1500 or 1,500.50.
    pub unit: Vec<String>,
    pub cadence: Vec<String>,
}

impl BusinessInput {
    pub fn parse(&self) -> Result<super::business::BusinessPlan, crate::ValidationErrors> {
        use super::business::{parse_cents, BusinessPlan, Cadence, Line, LineKind};
        let mut e = crate::ValidationErrors::new();
        let horizon = e.check(
            "horizon_months",
            number(
                &self.horizon_months,
                1,
                i64::from(super::business::MAX_HORIZON_MONTHS),
            ),
        );
        let cell = |v: &Vec<String>, i: usize| v.get(i).map(|s| s.trim()).unwrap_or("").to_string();
        if self.label.len().max(self.unit.len()) > super::business::MAX_LINES * 2 {
            return Err(crate::ValidationErrors::single("lines", "too-many"));
        }
        let mut lines = Vec::new();
        // The form's row of each line kept: errors name the row the reader sees.
        let mut row_of = Vec::new();
        for i in 0..self.label.len().max(self.unit.len()) {
            let (label, unit) = (cell(&self.label, i), cell(&self.unit, i));
            if label.is_empty() && unit.is_empty() {
                continue;
            }
            row_of.push(i);
            let f = |x: &str| format!("lines.{i}.{x}");
            let kind = e.check(&f("kind"), LineKind::parse(&cell(&self.kind, i)));
            let cadence = e.check(&f("cadence"), Cadence::parse(&cell(&self.cadence, i)));
            let quantity = match cell(&self.quantity, i).as_str() {
                "" => Some(1),
                q => e.check(&f("quantity"), number(q, 0, super::business::MAX_QUANTITY)),
            };
            let unit_cents = e.check(&f("unit"), parse_cents(&unit));
            if let (Some(kind), Some(cadence), Some(quantity), Some(unit_cents)) =
                (kind, cadence, quantity, unit_cents)
            {
                lines.push(Line {
                    kind,
                    label,
                    quantity,
                    unit_cents,
                    cadence,
                });
            } else {
                // A placeholder keeps lines and rows in step; the refusal is already recorded.
                lines.push(Line {
                    kind: LineKind::People,
                    label,
                    quantity: 0,
                    unit_cents: 0,
                    cadence: Cadence::OneOff,
                });
            }
        }
        let plan = BusinessPlan {
            horizon_months: horizon.unwrap_or(0) as u32,
            lines,
        };
        if let Err(more) = plan.check() {
            // A field already refused keeps its first message.
            for f in more.errors {
                let field = match f
                    .field
                    .strip_prefix("lines.")
                    .and_then(|r| r.split_once('.'))
                {
                    Some((n, rest)) => match n.parse::<usize>().ok().and_then(|n| row_of.get(n)) {
                        Some(row) => format!("lines.{row}.{rest}"),
                        None => f.field,
                    },
                    None => f.field,
                };
                e.add(field, f.code);
            }
        }
        e.into_result(plan)
    }
}

/// Giving someone a role (their responsibilities default to the seed's wording).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RoleInput {
    pub role: String,
    /// The person's id.
    pub person: String,
    pub responsibilities: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleAssignment {
    pub role: Role,
    pub person: i64,
    /// Empty: the role's default, in the reader's language.
    pub responsibilities: String,
}

/// The roles a new plan starts with: its owner leads it (seed 004: the strategic lead defines the
/// strategy and owns the plan) until someone else is named.
pub fn initial_roles(owner: i64) -> Vec<RoleAssignment> {
    vec![RoleAssignment {
        role: Role::StrategicLead,
        person: owner,
        responsibilities: String::new(),
    }]
}

impl RoleInput {
    pub fn parse(&self) -> Result<RoleAssignment, crate::ValidationErrors> {
        let mut e = crate::ValidationErrors::new();
        let role = e.check("role", Role::parse(self.role.trim()));
        let person = e.check(
            "person",
            optional_id(&self.person, "invalid-person").and_then(|p| p.ok_or("required")),
        );
        let responsibilities = text(
            &mut e,
            "responsibilities",
            &self.responsibilities,
            MAX_TEXT,
            false,
        );
        match (role, person) {
            (Some(role), Some(person)) if e.is_empty() => Ok(RoleAssignment {
                role,
                person,
                responsibilities,
            }),
            _ => Err(e),
        }
    }
}

/// Sharing a plan with a person or a group.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ShareInput {
    /// A person's id, or empty when sharing with a group.
    pub person: String,
    /// A group's id, or empty when sharing with a person.
    pub group: String,
    /// `view` or `edit`.
    pub access: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Grantee {
    Person(i64),
    Group(i64),
}

impl ShareInput {
    pub fn parse(&self) -> Result<(Grantee, Access), crate::ValidationErrors> {
        let mut e = crate::ValidationErrors::new();
        let person = e.check("person", optional_id(&self.person, "invalid-person"));
        let group = e.check("group", optional_id(&self.group, "invalid-group"));
        let access = e.check("access", Access::parse(self.access.trim()));
        let grantee = match (person.flatten(), group.flatten()) {
            (Some(p), None) => Some(Grantee::Person(p)),
            (None, Some(g)) => Some(Grantee::Group(g)),
            _ if !e.is_empty() => None,
            _ => {
                e.add("person", "share-one-grantee");
                None
            }
        };
        match (grantee, access) {
            (Some(g), Some(a)) if e.is_empty() => Ok((g, a)),
            _ => Err(e),
        }
    }
}

/// A roadmap item as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ItemInput {
    pub phase: String,
    pub title: String,
    /// The owner's id, or empty.
    pub owner: String,
    /// YYYY-MM-DD, or empty.
    pub due_on: String,
    /// Empty means planned.
    pub status: String,
    /// The id of the plan's measure the item should move, or empty.
    pub measure: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Item {
    pub phase: Phase,
    pub title: String,
    pub owner: Option<i64>,
    #[schema(value_type = Option<String>, format = Date)]
    pub due_on: Option<NaiveDate>,
    pub status: ItemStatus,
    pub measure: Option<i64>,
}

impl ItemInput {
    pub fn parse(&self) -> Result<Item, crate::ValidationErrors> {
        let mut e = crate::ValidationErrors::new();
        let phase = e.check("phase", Phase::parse(self.phase.trim()));
        let title = text(&mut e, "title", &self.title, MAX_NAME, true);
        let owner = e.check("owner", optional_id(&self.owner, "invalid-person"));
        let due_on = e.check("due_on", date(&self.due_on, false));
        let status = match self.status.trim() {
            "" => Some(ItemStatus::Planned),
            s => e.check("status", ItemStatus::parse(s)),
        };
        let measure = e.check("measure", optional_id(&self.measure, "invalid-choice"));
        match (phase, owner, due_on, status, measure) {
            (Some(phase), Some(owner), Some(due_on), Some(status), Some(measure))
                if e.is_empty() =>
            {
                Ok(Item {
                    phase,
                    title,
                    owner,
                    due_on,
                    status,
                    measure,
                })
            }
            _ => Err(e),
        }
    }
}

impl From<&Item> for ItemInput {
    /// The form filled with a stored item, for editing it (`parse` gives the item back).
    fn from(i: &Item) -> Self {
        let id = |x: Option<i64>| x.map(|x| x.to_string()).unwrap_or_default();
        ItemInput {
            phase: i.phase.slug().into(),
            title: i.title.clone(),
            owner: id(i.owner),
            due_on: i.due_on.map(|d| d.to_string()).unwrap_or_default(),
            status: i.status.slug().into(),
            measure: id(i.measure),
        }
    }
}

#[cfg(test)]
mod edit_round_trip {
    use super::*;
    use proptest::prelude::*;

    fn day() -> impl Strategy<Value = NaiveDate> {
        (0i64..20_000).prop_map(|d| {
            NaiveDate::from_ymd_opt(2000, 1, 1).expect("date") + chrono::Duration::days(d)
        })
    }

    proptest! {
        /// A measure shown in its edit form and saved unchanged is the same measure.
        #[test]
        fn a_measure_reads_back_from_its_form(
            name in "[A-Za-z0-9][A-Za-z0-9 %,.-]{0,40}[A-Za-z0-9]",
            metric in proptest::sample::select(super::super::measures::Metric::ALL),
            target in 0.0f64..1e9,
            due_on in day(),
            public in any::<bool>(),
        ) {
            let target = if metric.is_percent() { target % 100.0 } else { target };
            let m = Measure { name, metric, target, due_on, public };
            prop_assert_eq!(MeasureInput::from(&m).parse().expect("valid"), m);
        }

        #[test]
        fn an_item_reads_back_from_its_form(
            phase in proptest::sample::select(Phase::ALL),
            title in "[A-Za-z0-9][A-Za-z0-9 ,.-]{0,40}[A-Za-z0-9]",
            owner in proptest::option::of(1i64..1_000_000),
            due_on in proptest::option::of(day()),
            status in proptest::sample::select(ItemStatus::ALL),
            measure in proptest::option::of(1i64..1_000_000),
        ) {
            let i = Item { phase, title, owner, due_on, status, measure };
            prop_assert_eq!(ItemInput::from(&i).parse().expect("valid"), i);
        }
    }
}

#[cfg(test)]
mod form_tests {
    use super::*;

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_plan_names_each_bad_field() {
        let ok = PlanInput {
            course_id: "MITx/6.002x/2026".into(),
            title: "Circuits".into(),
            organization: "MITx".into(),
            purpose: "external".into(),
            ..Default::default()
        }
        .parse()
        .expect("valid");
        assert_eq!(ok.course.to_string(), "course-v1:MITx+6.002x+2026");
        let e = PlanInput {
            course_id: "nope".into(),
            purpose: "both".into(),
            lms_url: "javascript:alert(1)".into(),
            ..Default::default()
        }
        .parse()
        .expect_err("invalid");
        assert_eq!(e.get("course_id"), Some("invalid-course-id"));
        assert_eq!(e.get("title"), Some("required"));
        assert_eq!(e.get("purpose"), Some("invalid-choice"));
        assert!(e.get("lms_url").is_some());
    }

    #[test]
    fn targets_and_lines_skip_blank_rows_and_name_the_row() {
        let t = TargetsInput {
            name: v(&["HR teams", "", "Students"]),
            size: v(&["1,200", "", "x"]),
            offer: v(&["", "", ""]),
            usp: v(&["", "", ""]),
        };
        let e = t.parse().expect_err("bad size");
        assert_eq!(e.get("targets.2.size"), Some("invalid-number"));
        let t = TargetsInput {
            size: v(&["1,200", "", "30"]),
            ..t
        };
        let ok = t.parse().expect("valid");
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[0].size, 1200);
        check_targets(&ok).expect("round trip");

        let b = BusinessInput {
            horizon_months: "12".into(),
            kind: v(&["people", "people", "revenue"]),
            label: v(&["Community manager", "", "Certificates"]),
            quantity: v(&["", "", "100"]),
            unit: v(&["3,000", "", "49.00"]),
            cadence: v(&["monthly", "monthly", "one-off"]),
        };
        let plan = b.parse().expect("valid");
        assert_eq!(plan.lines.len(), 2);
        assert_eq!(plan.lines[1].unit_cents, 4900);
        assert_eq!(plan.lines[1].quantity, 100);
        let bad = BusinessInput {
            horizon_months: "0".into(),
            unit: v(&["3,000", "", "1,0,0"]),
            ..b.clone()
        };
        let e = bad.parse().expect_err("invalid");
        assert_eq!(e.get("horizon_months"), Some("invalid-number"));
        // Errors name the form's row, blank rows included.
        assert_eq!(e.get("lines.2.unit"), Some("invalid-amount"));
        let long = BusinessInput {
            label: v(&["Community manager", "", &"x".repeat(200)]),
            ..b
        };
        assert_eq!(
            long.parse().expect_err("long").get("lines.2.label"),
            Some("too-long")
        );
    }

    #[test]
    fn shares_items_and_roles() {
        let e = ShareInput {
            access: "view".into(),
            ..Default::default()
        }
        .parse()
        .expect_err("nobody");
        assert_eq!(e.get("person"), Some("share-one-grantee"));
        assert_eq!(
            ShareInput {
                group: "3".into(),
                access: "edit".into(),
                ..Default::default()
            }
            .parse()
            .expect("valid"),
            (Grantee::Group(3), Access::Edit)
        );
        let item = ItemInput {
            phase: "engage".into(),
            title: "Weekly live session".into(),
            due_on: "2026-04-01".into(),
            ..Default::default()
        }
        .parse()
        .expect("valid");
        assert_eq!(item.status, ItemStatus::Planned);
        let e = ItemInput {
            phase: "later".into(),
            due_on: "tomorrow".into(),
            owner: "me".into(),
            ..Default::default()
        }
        .parse()
        .expect_err("invalid");
        assert_eq!(e.get("phase"), Some("invalid-choice"));
        assert_eq!(e.get("due_on"), Some("invalid-date"));
        assert_eq!(e.get("owner"), Some("invalid-person"));
        assert_eq!(e.get("title"), Some("required"));
        let r = RoleInput {
            role: "strategic-lead".into(),
            person: "7".into(),
            ..Default::default()
        }
        .parse()
        .expect("valid");
        assert_eq!(r.person, 7);
        assert_eq!(
            default_duties_key(r.role),
            "course-role-strategic-lead-duties"
        );
    }
}
