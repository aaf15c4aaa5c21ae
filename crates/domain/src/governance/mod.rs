//! Governance: who decides (bodies and their electorates), how (lazy consensus, yes/no vote, ranked vote,
//! consultation of the partner assembly) and the life of a decision from proposal to the register.
//!
//! Counting lives in [`crate::tally`]; this module holds the rules around it: which transitions a
//! decision may take, what a proposal must state before it opens, when a consensus is reached, when a
//! decision that affects partners may be taken, and when reminders and retries are due.

use crate::tally::{Method, Quorum, Threshold, YesNoRules};
use crate::validation::ValidationErrors;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

crate::category!(
    /// Who a decision belongs to.
    BodyKind, "body-kind", "invalid-body-kind", {
        Group => "group",
        PartnerAssembly => "partner-assembly",
        AllMembers => "all-members",
    }
);

crate::category!(
    /// Who may read a body's decisions: everyone, or only its members (and the foundation).
    Visibility, "visibility", "invalid-visibility", {
        Public => "public",
        Members => "members",
    }
);

crate::category!(
    /// How a decision is made.
    DecisionKind, "decision-kind", "invalid-kind", {
        LazyConsensus => "lazy-consensus",
        YesNo => "yes-no",
        Ranked => "ranked",
        Consultation => "consultation",
    }
);

crate::category!(
    /// Where a decision stands. `Closed` means the vote or consultation period is over and the outcome
    /// statement is still to be recorded; `Decided` and `Withdrawn` are final.
    DecisionStatus, "decision-status", "invalid-status", {
        Open => "open",
        Contested => "contested",
        Escalated => "escalated",
        Closed => "closed",
        Decided => "decided",
        Withdrawn => "withdrawn",
    }
);

crate::category!(
    /// A member's position on a lazy-consensus proposal: +1, 0 or −1.
    Stance, "stance", "invalid-stance", {
        Support => "support",
        Neutral => "neutral",
        Object => "object",
    }
);

crate::category!(
    /// A moderator's ruling on an escalated proposal.
    Ruling, "ruling", "invalid-ruling", {
        Accept => "accept",
        Reject => "reject",
    }
);

crate::category!(
    /// A yes/no ballot.
    VoteChoice, "vote-choice", "invalid-choice", {
        Yes => "yes",
        No => "no",
        Abstain => "abstain",
    }
);

impl DecisionStatus {
    pub fn is_final(self) -> bool {
        matches!(self, DecisionStatus::Decided | DecisionStatus::Withdrawn)
    }

    /// Whether members may still vote, state a position or comment.
    pub fn accepts_participation(self) -> bool {
        matches!(self, DecisionStatus::Open | DecisionStatus::Contested)
    }
}

impl DecisionKind {
    /// Kinds in which electors cast a counted ballot (and so get reminders, receipts and a ballot file).
    pub fn is_vote(self) -> bool {
        matches!(self, DecisionKind::YesNo | DecisionKind::Ranked)
    }
}

/// Lazy consensus gives members three days unless the body asks for more.
pub const DEFAULT_CLOSE_HOURS: i64 = 72;
/// No decision stays open longer than this: a proposal nobody closes is a proposal nobody reads.
pub const MAX_CLOSE_HOURS: i64 = 24 * 90;
/// The closing reminder goes out this long before the close.
pub const REMINDER_BEFORE_HOURS: i64 = 24;
pub const MAX_OPTIONS: usize = 20;

/// Who casts one vote: a person, or a partner organization (through its delegate or alternate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum VoterKey {
    Person(i64),
    Partner(i64),
}

impl VoterKey {
    pub fn encode(self) -> String {
        match self {
            VoterKey::Person(id) => format!("person:{id}"),
            VoterKey::Partner(id) => format!("partner:{id}"),
        }
    }

    pub fn decode(s: &str) -> Option<Self> {
        let (kind, id) = s.split_once(':')?;
        let id = id.parse().ok()?;
        match kind {
            "person" => Some(VoterKey::Person(id)),
            "partner" => Some(VoterKey::Partner(id)),
            _ => None,
        }
    }
}

/// A kind of decision the body may take: consultations belong to the partner assembly, which exists to
/// be consulted; every other kind suits every body.
pub fn kind_allowed(body: BodyKind, kind: DecisionKind) -> bool {
    match kind {
        DecisionKind::Consultation => body == BodyKind::PartnerAssembly,
        _ => true,
    }
}

/// How a person stands towards a body. `member` means: in the group, working for an active partner
/// (partner assembly), or simply signed in (all members).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    pub admin: bool,
    pub facilitator: bool,
    pub member: bool,
    pub signed_in: bool,
}

/// What a person can do to a decision (the `{action}` of `/decisions/{id}/{action}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecisionAction {
    Stance,
    Ballot,
    Revise,
    Escalate,
    Rule,
    Withdraw,
    Take,
    Comment,
    Respond,
}

impl DecisionAction {
    pub const ALL: [Self; 9] = [
        Self::Stance,
        Self::Ballot,
        Self::Revise,
        Self::Escalate,
        Self::Rule,
        Self::Withdraw,
        Self::Take,
        Self::Comment,
        Self::Respond,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Stance => "stance",
            Self::Ballot => "ballot",
            Self::Revise => "revise",
            Self::Escalate => "escalate",
            Self::Rule => "rule",
            Self::Withdraw => "withdraw",
            Self::Take => "take",
            Self::Comment => "comment",
            Self::Respond => "respond",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.slug() == s)
    }
}

/// A person's relation to one decision, as far as acting on it goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Participant {
    /// Holds `BodyRight::Facilitate` in the decision's body.
    pub facilitates: bool,
    /// Holds `BodyRight::Moderate` (the foundation's moderators).
    pub moderates: bool,
    /// Signed in and proposed it.
    pub proposer: bool,
    /// In its electorate (for themselves or as a partner's delegate).
    pub elector: bool,
    /// Signed in and a member of the body.
    pub member: bool,
}

impl Participant {
    /// Whether their role lets them attempt `action` at all; `action_fits` says whether the decision's
    /// kind and state allow it now. The store checks the state again when it acts.
    pub fn may(&self, action: DecisionAction) -> bool {
        use DecisionAction::*;
        match action {
            Stance | Ballot => self.elector,
            Revise | Withdraw => self.proposer || self.facilitates,
            Escalate => self.proposer || self.elector || self.facilitates,
            Rule => self.moderates,
            Take | Respond => self.facilitates,
            Comment => self.member || self.facilitates,
        }
    }
}

/// Whether `action` makes sense for a decision of `kind` in `status`: the decision page offers
/// exactly the actions that fit and that the person `may` take.
pub fn action_fits(kind: DecisionKind, status: DecisionStatus, action: DecisionAction) -> bool {
    use DecisionAction::*;
    let open = status.accepts_participation();
    match action {
        Stance | Ballot => open && kind != DecisionKind::Consultation,
        Revise => open && kind == DecisionKind::LazyConsensus,
        Escalate => status == DecisionStatus::Contested,
        Withdraw => !status.is_final() && status != DecisionStatus::Closed,
        Rule => status == DecisionStatus::Escalated,
        Take | Respond => status == DecisionStatus::Closed,
        Comment => open && kind == DecisionKind::Consultation,
    }
}

/// What someone may do in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyRight {
    /// Read its decisions, electorates and register.
    View,
    /// Table a lazy-consensus proposal (do-ocracy: any member of a group or of the community).
    Propose,
    /// Open a vote or a consultation.
    OpenVote,
    /// Record outcomes, respond to consultation comments, withdraw others' proposals.
    Facilitate,
    /// Rule on escalated proposals: the foundation's moderators.
    Moderate,
}

/// The one rule for governance access; pages and API ask it, never the roles.
pub fn body_allows(kind: BodyKind, visibility: Visibility, s: Standing, right: BodyRight) -> bool {
    if s.admin {
        return true;
    }
    match right {
        BodyRight::View => visibility == Visibility::Public || s.member || s.facilitator,
        BodyRight::Propose => match kind {
            BodyKind::Group => s.member || s.facilitator,
            BodyKind::AllMembers => s.signed_in,
            // The foundation consults the assembly; partners take part through comments and votes.
            BodyKind::PartnerAssembly => false,
        },
        BodyRight::OpenVote | BodyRight::Facilitate => s.facilitator,
        BodyRight::Moderate => false,
    }
}

/// The counting rules of a vote, fixed when it opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VoteRules {
    None,
    YesNo(YesNoRules),
    Ranked {
        method: Method,
        options: Vec<String>,
    },
}

/// A proposal as submitted, before it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDecision {
    pub title: String,
    pub text: String,
    pub kind: DecisionKind,
    pub close_hours: i64,
    pub affects_partners: bool,
    /// The partner-assembly consultation this decision waits for (required when it affects partners,
    /// unless the decision is itself that consultation).
    pub consultation_id: Option<i64>,
    pub secret: bool,
    /// Whether results are hidden until the close (the default for votes).
    pub hide_results: bool,
    pub rules: VoteRules,
}

/// The raw fields of a proposal form or API body. Missing fields read as empty, so that access is
/// checked before the body and a bad body gets field errors rather than a parse failure.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DecisionInput {
    pub title: String,
    pub text: String,
    pub kind: String,
    /// Hours until the close; empty for the default.
    #[serde(default)]
    pub close_hours: Option<String>,
    #[serde(default)]
    pub affects_partners: bool,
    #[serde(default)]
    pub consultation_id: Option<String>,
    #[serde(default)]
    pub secret: bool,
    /// Show running results while the vote is open (hidden by default).
    #[serde(default)]
    pub show_results_early: bool,
    /// Yes/no: percentage of the electorate that must take part (empty or 0 for none).
    #[serde(default)]
    pub quorum_percent: Option<String>,
    /// Yes/no: `simple_majority` or `two_thirds`.
    #[serde(default)]
    pub threshold: Option<String>,
    /// Yes/no: `votes_cast` or `electorate`.
    #[serde(default)]
    pub base: Option<String>,
    /// Yes/no: whether abstentions count towards the threshold.
    #[serde(default)]
    pub abstentions_count: bool,
    /// Ranked: `irv` or `schulze`.
    #[serde(default)]
    pub method: Option<String>,
    /// Ranked: one option per line.
    #[serde(default)]
    pub options: Option<String>,
}

fn text_field(
    errors: &mut ValidationErrors,
    field: &str,
    value: &str,
    min: usize,
    max: usize,
) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.add(field, "required");
    } else if v.chars().count() < min {
        errors.add(field, "too-short");
    } else if v.chars().count() > max {
        errors.add(field, "too-long");
    }
    v.to_string()
}

fn blank(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A proposal's title: at least this many characters, at most `MAX_TITLE_CHARS`.
pub const MIN_TITLE_CHARS: usize = 3;
pub const MAX_TITLE_CHARS: usize = 200;
/// A proposal's text, at most this many characters.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// A new version of a proposal's title and text, checked by the same limits as the first one. Its
/// fields are private, so a revision that did not pass `Revision::parse` cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    title: String,
    text: String,
}

impl Revision {
    pub fn parse(title: &str, text: &str) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let title = text_field(&mut e, "title", title, MIN_TITLE_CHARS, MAX_TITLE_CHARS);
        let text = text_field(&mut e, "text", text, 1, MAX_TEXT_CHARS);
        e.into_result(Self { title, text })
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn text(&self) -> &str {
        &self.text
    }
}

/// Checks a proposal against the body's rules; every problem is reported at once, by field.
pub fn parse_decision(
    input: &DecisionInput,
    body: BodyKind,
    min_close_hours: i64,
) -> Result<NewDecision, ValidationErrors> {
    let mut e = ValidationErrors::new();
    let title = text_field(
        &mut e,
        "title",
        &input.title,
        MIN_TITLE_CHARS,
        MAX_TITLE_CHARS,
    );
    let text = text_field(&mut e, "text", &input.text, 1, MAX_TEXT_CHARS);
    let kind = e.check("kind", DecisionKind::parse(&input.kind));
    if let Some(k) = kind {
        if !kind_allowed(body, k) {
            e.add("kind", "kind-not-allowed");
        }
    }
    let close_hours = match blank(&input.close_hours) {
        None => DEFAULT_CLOSE_HOURS.max(min_close_hours),
        Some(s) => match s.parse::<i64>() {
            Ok(h) if h < min_close_hours => {
                e.add("close_hours", "closing-too-soon");
                h
            }
            Ok(h) if h > MAX_CLOSE_HOURS => {
                e.add("close_hours", "closing-too-late");
                h
            }
            Ok(h) => h,
            Err(_) => {
                e.add("close_hours", "invalid-number");
                0
            }
        },
    };
    let consultation_id = match blank(&input.consultation_id) {
        None => None,
        Some(s) => match s.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                e.add("consultation_id", "invalid-number");
                None
            }
        },
    };
    if input.affects_partners
        && consultation_id.is_none()
        && kind != Some(DecisionKind::Consultation)
    {
        e.add("consultation_id", "consultation-required");
    }
    let rules = match kind {
        Some(DecisionKind::YesNo) => parse_yes_no_rules(input, &mut e),
        Some(DecisionKind::Ranked) => parse_ranked_rules(input, &mut e),
        _ => VoteRules::None,
    };
    let is_vote = kind.is_some_and(DecisionKind::is_vote);
    if input.secret && !is_vote {
        e.add("secret", "secret-needs-vote");
    }
    // Running results of a secret vote would publish receipts with choices next to who has taken part
    // so far: refused, rather than weakened into totals that still move with each voter.
    if input.secret && is_vote && input.show_results_early {
        e.add("show_results_early", "secret-results-early");
    }
    e.into_result(())?;
    Ok(NewDecision {
        title,
        text,
        kind: kind.unwrap_or(DecisionKind::LazyConsensus),
        close_hours,
        affects_partners: input.affects_partners || kind == Some(DecisionKind::Consultation),
        consultation_id: consultation_id.filter(|_| kind != Some(DecisionKind::Consultation)),
        secret: input.secret,
        hide_results: is_vote && !input.show_results_early,
        rules,
    })
}

fn parse_yes_no_rules(input: &DecisionInput, e: &mut ValidationErrors) -> VoteRules {
    let quorum = match blank(&input.quorum_percent) {
        None => Quorum::None,
        Some(s) => match s.parse::<u32>() {
            Ok(0) => Quorum::None,
            Ok(p) if p <= 100 => Quorum::Percent(p),
            Ok(_) => {
                e.add("quorum_percent", "out-of-range");
                Quorum::None
            }
            Err(_) => {
                e.add("quorum_percent", "invalid-number");
                Quorum::None
            }
        },
    };
    let threshold = blank(&input.threshold)
        .map(Threshold::parse)
        .unwrap_or(Ok(Threshold::SimpleMajority));
    let threshold = e.check("threshold", threshold);
    let base = blank(&input.base)
        .map(crate::tally::Base::parse)
        .unwrap_or(Ok(crate::tally::Base::VotesCast));
    let base = e.check("base", base);
    match (threshold, base) {
        (Some(threshold), Some(base)) => VoteRules::YesNo(YesNoRules {
            quorum,
            threshold,
            base,
            abstentions_count: input.abstentions_count,
        }),
        _ => VoteRules::None,
    }
}

fn parse_ranked_rules(input: &DecisionInput, e: &mut ValidationErrors) -> VoteRules {
    let method = e.check(
        "method",
        blank(&input.method)
            .map(Method::parse)
            .unwrap_or(Ok(Method::Schulze)),
    );
    let options = parse_options(input.options.as_deref().unwrap_or(""));
    let options = e.check("options", options);
    match (method, options) {
        (Some(method), Some(options)) => VoteRules::Ranked { method, options },
        _ => VoteRules::None,
    }
}

/// Ballot options, one per line: at least two, at most [`MAX_OPTIONS`], each named once.
pub fn parse_options(text: &str) -> Result<Vec<String>, &'static str> {
    let options: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if options.len() < 2 {
        return Err("options-too-few");
    }
    if options.len() > MAX_OPTIONS {
        return Err("options-too-many");
    }
    if options.iter().any(|o| o.chars().count() > 200) {
        return Err("too-long");
    }
    let mut seen = std::collections::HashSet::new();
    if !options.iter().all(|o| seen.insert(o.to_lowercase())) {
        return Err("options-duplicate");
    }
    Ok(options)
}

/// What a person or the scheduler does to a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The proposer publishes a new version; the clock restarts and positions start afresh.
    Revise,
    /// Anyone entitled hands a contested proposal to a moderator.
    Escalate,
    /// A moderator settles an escalated proposal.
    Rule(Ruling),
    /// The proposer (or a facilitator) drops the proposal.
    Withdraw,
    /// The closing time has passed: votes are counted, consultations stop taking comments, and an
    /// uncontested lazy consensus is accepted.
    Close,
    /// The outcome statement is recorded and the decision enters the register.
    Take,
}

/// The status a decision moves to, or why it may not.
pub fn transition(
    kind: DecisionKind,
    status: DecisionStatus,
    action: Action,
) -> Result<DecisionStatus, &'static str> {
    use DecisionStatus as S;
    let lazy = kind == DecisionKind::LazyConsensus;
    match (action, status) {
        (_, s) if s.is_final() => Err("decision-final"),
        (Action::Revise, S::Open | S::Contested) if lazy => Ok(S::Open),
        (Action::Escalate, S::Contested) if lazy => Ok(S::Escalated),
        (Action::Rule(_), S::Escalated) => Ok(S::Decided),
        (Action::Withdraw, S::Open | S::Contested | S::Escalated) => Ok(S::Withdrawn),
        // A contested proposal is never accepted by the clock: somebody must act.
        (Action::Close, S::Open) if lazy => Ok(S::Decided),
        (Action::Close, S::Open) => Ok(S::Closed),
        (Action::Take, S::Closed) => Ok(S::Decided),
        _ => Err("invalid-transition"),
    }
}

/// A lazy-consensus proposal is contested exactly while somebody objects to its current version.
pub fn consensus_status(objections: usize) -> DecisionStatus {
    if objections == 0 {
        DecisionStatus::Open
    } else {
        DecisionStatus::Contested
    }
}

/// An objection must say why, so the proposer knows what to revise.
pub fn check_stance(stance: Stance, reason: &str) -> Result<(), &'static str> {
    if stance == Stance::Object && reason.trim().is_empty() {
        return Err("objection-reason-required");
    }
    if reason.chars().count() > 5_000 {
        return Err("too-long");
    }
    Ok(())
}

/// Where the partner assembly's consultation stands, as far as taking a decision is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsultationState {
    pub status: DecisionStatus,
    pub unanswered_comments: usize,
}

/// Whether a decision may be taken (accepted by the clock, ruled on, or recorded with an outcome).
///
/// A consultation is taken once it has closed and every comment has a response. A decision that
/// affects partners waits for its consultation to be taken: partners are consulted *before* the
/// decision, not after.
pub fn may_take(
    kind: DecisionKind,
    affects_partners: bool,
    own: Option<ConsultationState>,
    linked: Option<ConsultationState>,
) -> Result<(), &'static str> {
    if kind == DecisionKind::Consultation {
        let own = own.ok_or("invalid-transition")?;
        if own.status.accepts_participation() {
            return Err("consultation-open");
        }
        if own.unanswered_comments > 0 {
            return Err("comments-unanswered");
        }
        return Ok(());
    }
    if affects_partners {
        match linked {
            None => return Err("consultation-required"),
            Some(c) if c.status != DecisionStatus::Decided => return Err("consultation-open"),
            Some(_) => {}
        }
    }
    Ok(())
}

/// The closing reminder is due in the last [`REMINDER_BEFORE_HOURS`] before the close, once.
pub fn reminder_due(closes_at: DateTime<Utc>, now: DateTime<Utc>, already_sent: bool) -> bool {
    !already_sent && now < closes_at && now >= closes_at - Duration::hours(REMINDER_BEFORE_HOURS)
}

/// When to try a failed email again: doubling from `base`, capped at an hour, so a long SMTP outage
/// costs a retry an hour and a short one is bridged within seconds.
pub fn retry_delay(attempts: u32, base: Duration) -> Duration {
    let cap = Duration::hours(1);
    let factor = 1i64 << attempts.min(20);
    base.checked_mul(i32::try_from(factor).unwrap_or(i32::MAX))
        .map_or(cap, |d| d.min(cap))
}

/// Whether a decision's electorate (and so who took which position) may be shown by name. The
/// electorate of an all-members decision is every account holder: anonymous visitors see counts only.
pub fn electorate_names_visible(body: BodyKind, signed_in: bool) -> bool {
    signed_in || body != BodyKind::AllMembers
}

/// What the electorate row keeps of a secret ballot: a hash of the decision, the elector and the
/// receipt they were given. Changing the ballot takes the same elector presenting the same receipt, so
/// a receipt alone never suffices; the ballot row itself holds neither voter nor time. The store erases
/// these at the close, after which nothing is left that ties an elector to a ballot.
pub fn ballot_lock(decision_id: i64, voter: VoterKey, receipt: &str) -> String {
    use sha2::{Digest, Sha256};
    let text = format!(
        "agora-ballot-lock\n{decision_id}\n{}\n{}",
        voter.encode(),
        receipt.trim().to_uppercase()
    );
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The outcome statement the register records when the clock accepts a lazy-consensus proposal.
pub fn consensus_statement(version: i64, closes_at: &str) -> String {
    format!(
        "Accepted by lazy consensus: nobody objected to version {version} by the close ({closes_at})."
    )
}

/// The published ballots of a yes/no vote: the same metadata rows as a ranked ballot file
/// (`#method,yes-no`), then one `receipt,choice` row per ballot, sorted by receipt.
pub fn yes_no_ballots_csv(meta: &crate::tally::BallotMeta, ballots: &[(String, String)]) -> String {
    let mut w = crate::csv_file::Writer::with(csv::WriterBuilder::new().flexible(true));
    let mut rows: Vec<Vec<String>> = vec![
        vec![
            "#agora-ballots".into(),
            crate::tally::BALLOT_FILE_VERSION.into(),
        ],
        vec![
            "#software".into(),
            meta.software.clone().unwrap_or_default(),
        ],
        vec!["#method".into(), "yes-no".into()],
    ];
    let mut sorted: Vec<&(String, String)> = ballots.iter().collect();
    sorted.sort();
    rows.extend(sorted.into_iter().map(|(r, c)| vec![r.clone(), c.clone()]));
    for row in rows {
        // Writing to memory cannot fail.
        let _ = w.row(&row);
    }
    w.finish().unwrap_or_default()
}

/// Outcome statement limits: required, and readable in a register.
pub fn check_statement(text: &str) -> Result<String, &'static str> {
    let t = text.trim();
    if t.is_empty() {
        return Err("required");
    }
    if t.chars().count() > 10_000 {
        return Err("too-long");
    }
    Ok(t.to_string())
}

mod count;
pub use count::*;

#[cfg(test)]
mod tests;
