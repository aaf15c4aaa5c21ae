//! Partner benefits (seed 001, items 1-2, 7-11 and 13-14; issue 11): programs the foundation opens
//! that active partners sign up for — beta programs, roadmap discussions and collaborative marketing
//! campaigns (partners join with the assets they bring, or as sponsors) — and the training library,
//! open to active partners' people only, with a record of who opened what.

use crate::partner::{parse_text, parse_web_url, PartnerStatus};
use crate::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_TITLE: usize = 160;
pub const MAX_TEXT: usize = 4000;
pub const MAX_ASSETS: usize = 2000;
/// The largest training file kept in the database (it is stored with the data, so backups hold it).
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProgramKind {
    /// Early access to a release or a service (seed 001 item 1).
    Beta,
    /// A discussion of the roadmap with the product working groups (item 2).
    Roadmap,
    /// A collaborative marketing campaign the foundation runs with partners (items 9-11).
    Campaign,
}

impl ProgramKind {
    pub const ALL: [ProgramKind; 3] = [
        ProgramKind::Beta,
        ProgramKind::Roadmap,
        ProgramKind::Campaign,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ProgramKind::Beta => "beta",
            ProgramKind::Roadmap => "roadmap",
            ProgramKind::Campaign => "campaign",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .into_iter()
            .find(|k| k.slug() == s.trim())
            .ok_or("program-kind")
    }

    /// Campaigns are public (their page lists participants and sponsors); beta programs and
    /// roadmap discussions are for partners only.
    pub fn is_public(self) -> bool {
        self == ProgramKind::Campaign
    }
}

/// How a partner takes part in a program. Sponsors co-brand a campaign (seed 002).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParticipantRole {
    Participant,
    Sponsor,
}

impl ParticipantRole {
    pub const ALL: [ParticipantRole; 2] = [ParticipantRole::Participant, ParticipantRole::Sponsor];

    pub fn slug(self) -> &'static str {
        match self {
            ParticipantRole::Participant => "participant",
            ParticipantRole::Sponsor => "sponsor",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        match s.trim() {
            "" | "participant" => Ok(ParticipantRole::Participant),
            "sponsor" => Ok(ParticipantRole::Sponsor),
            _ => Err("participant-role"),
        }
    }
}

/// A program as the foundation describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Program {
    pub kind: ProgramKind,
    pub title: String,
    pub description: String,
    /// Where the program lives (release notes, the campaign brief, the meeting): optional.
    pub link: Option<String>,
    #[schema(value_type = Option<String>, example = "2027-01-15")]
    pub starts_on: Option<NaiveDate>,
    #[schema(value_type = Option<String>, example = "2027-03-31")]
    pub ends_on: Option<NaiveDate>,
    /// How many partners may sign up; `None` for no limit.
    pub seats: Option<u32>,
    /// Closed programs take no more sign-ups and stay listed as history.
    pub open: bool,
}

/// The form and the API body, as text.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ProgramInput {
    /// `beta`, `roadmap` or `campaign`.
    pub kind: String,
    pub title: String,
    pub description: String,
    pub link: String,
    /// `YYYY-MM-DD`, optional.
    pub starts_on: String,
    /// `YYYY-MM-DD`, optional.
    pub ends_on: String,
    /// A whole number of partners, empty for no limit.
    pub seats: String,
    /// `closed` to stop sign-ups; anything else keeps it open.
    pub state: String,
}

/// A day of a program, in the years programs can sensibly run (stored as text, whose order is the
/// days' order only for four-digit years).
fn optional_date(e: &mut ValidationErrors, field: &str, s: &str) -> Option<Option<NaiveDate>> {
    match s.trim() {
        "" => Some(None),
        s => e
            .check(
                field,
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .ok()
                    .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
                    .ok_or("invalid-date"),
            )
            .map(Some),
    }
}

impl ProgramInput {
    pub fn parse(&self) -> Result<Program, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = e.check("kind", ProgramKind::parse(&self.kind));
        let title = parse_text(&mut e, "title", &self.title, MAX_TITLE, true);
        let description = parse_text(&mut e, "description", &self.description, MAX_TEXT, true);
        let link = match self.link.trim() {
            "" => Some(None),
            s => e.check("link", parse_web_url(s)).map(Some),
        };
        let starts_on = optional_date(&mut e, "starts_on", &self.starts_on);
        let ends_on = optional_date(&mut e, "ends_on", &self.ends_on);
        if let (Some(Some(s)), Some(Some(end))) = (starts_on, ends_on) {
            if end < s {
                e.add("ends_on", "ends-before-start");
            }
        }
        let seats = match self.seats.trim() {
            "" => Some(None),
            s => e
                .check(
                    "seats",
                    s.parse::<u32>()
                        .ok()
                        .filter(|n| (1..=10_000).contains(n))
                        .ok_or("invalid-seats"),
                )
                .map(Some),
        };
        let open = match self.state.trim() {
            "" | "open" => Some(true),
            "closed" => Some(false),
            _ => e.check("state", Err("program-state")),
        };
        match (kind, link, starts_on, ends_on, seats, open) {
            (Some(kind), Some(link), Some(starts_on), Some(ends_on), Some(seats), Some(open))
                if e.is_empty() =>
            {
                Ok(Program {
                    kind,
                    title,
                    description,
                    link,
                    starts_on,
                    ends_on,
                    seats,
                    open,
                })
            }
            _ => Err(e),
        }
    }
}

/// A partner's sign-up, as text.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct JoinInput {
    /// The partner's slug (a person may belong to several).
    pub partner: String,
    /// `participant` (default) or `sponsor` (campaigns only).
    pub role: String,
    /// What the partner brings: for a campaign its assets (required), otherwise a note.
    pub assets: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Join {
    pub role: ParticipantRole,
    pub assets: String,
}

impl JoinInput {
    pub fn parse(&self, kind: ProgramKind) -> Result<Join, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let role = e.check("role", ParticipantRole::parse(&self.role));
        if role == Some(ParticipantRole::Sponsor) && kind != ProgramKind::Campaign {
            e.add("role", "sponsor-only-campaigns");
        }
        let assets = parse_text(
            &mut e,
            "assets",
            &self.assets,
            MAX_ASSETS,
            kind == ProgramKind::Campaign,
        );
        match role {
            Some(role) if e.is_empty() => Ok(Join { role, assets }),
            _ => Err(e),
        }
    }
}

/// Whether a partner may sign up for a program now: only active partners, only while the program
/// is open and has not ended, and only while seats remain.
pub fn may_join(
    program: &Program,
    partner: PartnerStatus,
    taken: u32,
    today: NaiveDate,
) -> Result<(), &'static str> {
    if partner != PartnerStatus::Active {
        return Err("partner-not-active");
    }
    if !program.open || program.ends_on.is_some_and(|d| d < today) {
        return Err("program-closed");
    }
    if program.seats.is_some_and(|s| taken >= s) {
        return Err("program-full");
    }
    Ok(())
}

/// Whether a partner may withdraw from a program now: the same partners and the same window as
/// signing up (a closed or ended program's sign-ups are its history), seats aside.
pub fn may_leave(
    program: &Program,
    partner: PartnerStatus,
    today: NaiveDate,
) -> Result<(), &'static str> {
    may_join(
        &Program {
            seats: None,
            ..program.clone()
        },
        partner,
        0,
        today,
    )
}

/// Who a training item is meant for: a filter, not an access rule (every active partner's people
/// see the whole library).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Everyone,
    Sales,
    Marketing,
    Technical,
}

impl Audience {
    pub const ALL: [Audience; 4] = [
        Audience::Everyone,
        Audience::Sales,
        Audience::Marketing,
        Audience::Technical,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Audience::Everyone => "everyone",
            Audience::Sales => "sales",
            Audience::Marketing => "marketing",
            Audience::Technical => "technical",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .into_iter()
            .find(|a| a.slug() == s.trim())
            .ok_or("training-audience")
    }
}

/// A training item's description; its content is a link or a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Training {
    pub title: String,
    pub description: String,
    pub audience: Audience,
    pub link: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct TrainingInput {
    pub title: String,
    pub description: String,
    /// `everyone`, `sales`, `marketing` or `technical`.
    pub audience: String,
    /// The course, video or document; required unless a file is uploaded.
    pub link: String,
}

impl TrainingInput {
    /// `has_file`: a file comes with the item (then the link is optional).
    pub fn parse(&self, has_file: bool) -> Result<Training, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let title = parse_text(&mut e, "title", &self.title, MAX_TITLE, true);
        let description = parse_text(&mut e, "description", &self.description, MAX_TEXT, true);
        let audience = e.check("audience", Audience::parse(&self.audience));
        let link = match self.link.trim() {
            "" if has_file => Some(None),
            "" => e.check("link", Err("link-or-file")),
            s => e.check("link", parse_web_url(s)).map(Some),
        };
        match (audience, link) {
            (Some(audience), Some(link)) if e.is_empty() => Ok(Training {
                title,
                description,
                audience,
                link,
            }),
            _ => Err(e),
        }
    }
}

/// An uploaded training file, checked. Only types a browser shows safely inline keep their type;
/// anything else is served as a download of bytes, so an uploaded page cannot run script here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingFile {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

const INLINE_TYPES: [(&str, &str); 4] = [
    ("pdf", "application/pdf"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
];

pub fn parse_training_file(name: &str, bytes: Vec<u8>) -> Result<TrainingFile, &'static str> {
    if bytes.is_empty() {
        return Err("empty-file");
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err("file-too-large");
    }
    // Only the last path segment, and only characters safe in a Content-Disposition header.
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' '))
        .take(120)
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    if clean.is_empty() {
        return Err("invalid-file-name");
    }
    let ext = clean
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let content_type = INLINE_TYPES
        .iter()
        .find(|(e, _)| *e == ext)
        .map_or("application/octet-stream", |(_, t)| *t);
    Ok(TrainingFile {
        name: clean,
        content_type,
        bytes,
    })
}

/// Whether a type may be shown inline (else it is served as an attachment).
pub fn inline_type(content_type: &str) -> bool {
    INLINE_TYPES.iter().any(|(_, t)| *t == content_type)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn program() -> ProgramInput {
        ProgramInput {
            kind: "campaign".into(),
            title: "Open edX Conference 2027".into(),
            description: "A joint booth and a case-study series.".into(),
            link: "https://openedx.example.org/campaign".into(),
            starts_on: "2027-01-10".into(),
            ends_on: "2027-03-31".into(),
            seats: "12".into(),
            state: String::new(),
        }
    }

    #[test]
    fn a_program_reads_from_its_form() {
        let p = program().parse().expect("valid");
        assert_eq!(p.kind, ProgramKind::Campaign);
        assert_eq!(p.seats, Some(12));
        assert!(p.open);
        let closed = ProgramInput {
            state: "closed".into(),
            seats: String::new(),
            link: String::new(),
            ..program()
        }
        .parse()
        .expect("valid");
        assert!(!closed.open);
        assert_eq!((closed.seats, closed.link), (None, None));
    }

    #[test]
    fn bad_program_input_names_each_field() {
        let e = ProgramInput {
            kind: "party".into(),
            title: String::new(),
            description: "x".repeat(MAX_TEXT + 1),
            link: "javascript:alert(1)".into(),
            starts_on: "2027-02-30".into(),
            ends_on: "tomorrow".into(),
            seats: "-3".into(),
            state: "maybe".into(),
        }
        .parse()
        .expect_err("invalid");
        for f in [
            "kind",
            "title",
            "description",
            "link",
            "starts_on",
            "ends_on",
            "seats",
            "state",
        ] {
            assert!(e.get(f).is_some(), "{f}: {e:?}");
        }
        let e = ProgramInput {
            ends_on: "2027-01-01".into(),
            ..program()
        }
        .parse()
        .expect_err("ends first");
        assert_eq!(e.get("ends_on"), Some("ends-before-start"));
        for absurd in [
            "-0500-01-01",
            "+262142-12-31",
            "0000-01-01",
            "1999-12-31",
            "2101-01-01",
        ] {
            let e = ProgramInput {
                starts_on: absurd.into(),
                ..program()
            }
            .parse()
            .expect_err("absurd year");
            assert_eq!(e.get("starts_on"), Some("invalid-date"), "{absurd}");
        }
    }

    #[test]
    fn joining_needs_an_active_partner_an_open_program_and_a_seat() {
        let p = program().parse().expect("valid");
        let today = d("2027-02-01");
        assert_eq!(may_join(&p, PartnerStatus::Active, 0, today), Ok(()));
        assert_eq!(
            may_join(&p, PartnerStatus::Suspended, 0, today),
            Err("partner-not-active")
        );
        assert_eq!(
            may_join(&p, PartnerStatus::Active, 12, today),
            Err("program-full")
        );
        assert_eq!(
            may_join(&p, PartnerStatus::Active, 0, d("2027-04-01")),
            Err("program-closed")
        );
        let closed = Program {
            open: false,
            ..p.clone()
        };
        assert_eq!(
            may_join(&closed, PartnerStatus::Active, 0, today),
            Err("program-closed")
        );
        // Leaving: a full program is no obstacle; a closed one or an inactive partner is.
        let full = Program {
            seats: Some(1),
            ..p
        };
        assert_eq!(may_leave(&full, PartnerStatus::Active, today), Ok(()));
        assert_eq!(
            may_leave(&closed, PartnerStatus::Active, today),
            Err("program-closed")
        );
        assert_eq!(
            may_leave(&full, PartnerStatus::Suspended, today),
            Err("partner-not-active")
        );
    }

    #[test]
    fn campaigns_need_assets_and_only_campaigns_take_sponsors() {
        let j = JoinInput {
            partner: "x".into(),
            role: "sponsor".into(),
            assets: "Two webinars and our customer newsletter.".into(),
        };
        assert_eq!(
            j.parse(ProgramKind::Campaign).expect("valid").role,
            ParticipantRole::Sponsor
        );
        assert_eq!(
            j.parse(ProgramKind::Beta)
                .expect_err("no sponsors")
                .get("role"),
            Some("sponsor-only-campaigns")
        );
        let bare = JoinInput::default();
        assert_eq!(
            bare.parse(ProgramKind::Campaign)
                .expect_err("assets")
                .get("assets"),
            Some("required")
        );
        assert!(bare.parse(ProgramKind::Roadmap).is_ok());
    }

    #[test]
    fn training_needs_a_link_or_a_file() {
        let t = TrainingInput {
            title: "Selling Open edX hosting".into(),
            description: "The pitch deck and objections.".into(),
            audience: "sales".into(),
            link: String::new(),
        };
        assert_eq!(
            t.parse(false).expect_err("nothing").get("link"),
            Some("link-or-file")
        );
        assert_eq!(t.parse(true).expect("file").audience, Audience::Sales);
        let bad = TrainingInput {
            audience: "everybody".into(),
            link: "ftp://x.example.org".into(),
            ..t
        }
        .parse(true)
        .expect_err("bad");
        assert!(bad.get("audience").is_some() && bad.get("link").is_some());
    }

    #[test]
    fn uploaded_files_keep_a_safe_name_and_type() {
        let f = parse_training_file("C:\\decks\\Pitch deck.PDF", vec![1]).expect("ok");
        assert_eq!(
            (f.name.as_str(), f.content_type),
            ("Pitch deck.PDF", "application/pdf")
        );
        let html = parse_training_file("../x.html", b"<script>".to_vec()).expect("ok");
        assert_eq!(html.content_type, "application/octet-stream");
        assert!(!inline_type(html.content_type));
        let svg = parse_training_file("logo.svg", b"<svg/>".to_vec()).expect("ok");
        assert_eq!(svg.content_type, "application/octet-stream");
        assert_eq!(parse_training_file("a.pdf", vec![]), Err("empty-file"));
        assert_eq!(
            parse_training_file("a.pdf", vec![0; MAX_FILE_BYTES + 1]),
            Err("file-too-large")
        );
        assert_eq!(
            parse_training_file("\"\r\n", vec![1]),
            Err("invalid-file-name")
        );
    }

    proptest! {
        #[test]
        fn any_file_name_is_refused_or_header_safe(name in "\\PC{0,200}") {
            if let Ok(f) = parse_training_file(&name, vec![1]) {
                prop_assert!(!f.name.is_empty() && f.name.len() <= 120);
                prop_assert!(f.name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ')));
                prop_assert!(!f.name.starts_with('.'));
            }
        }

        #[test]
        fn seats_are_never_exceeded(seats in 1u32..50, taken in 0u32..100) {
            let p = Program { seats: Some(seats), ..program().parse().expect("valid") };
            let ok = may_join(&p, PartnerStatus::Active, taken, d("2027-02-01")).is_ok();
            prop_assert_eq!(ok, taken < seats);
        }
    }
}
