//! Leads (issue 3): what a prospect asks for, the published policy that routes it, the life of an
//! offer, and the rules of the public transparency report. The allocator itself is in `allocation`.

pub mod allocation;
pub mod disclosure;
mod report;

pub use report::*;

use self::allocation::{Allocator, Candidate, Fallback, LeadRequest, Ledger, Policy, Scratch};
use crate::geo::{CountryCode, Region, RegionMap};
use crate::partner::{parse_list, parse_text};
use crate::person::{parse_display_name, Email};
use crate::taxonomy::{parse_language, CompanySize, Pricing, Segment, Service};
use crate::ValidationErrors;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

pub const MAX_ORGANIZATION_CHARS: usize = 200;
pub const MAX_MESSAGE_CHARS: usize = 5000;
/// The same contact and organization within this many days is one request, not two.
pub const MERGE_WINDOW_DAYS: i64 = 30;
/// Report cells below this are shown as "fewer than 5", so no single lead can be recognised.
pub const SUPPRESS_BELOW: u64 = 5;

/// A request as submitted, by the public form or `POST /api/v1/leads`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct LeadInput {
    pub organization: String,
    pub contact_name: String,
    pub email: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub segment: String,
    pub size: String,
    /// Preferred pricing structure.
    pub budget: String,
    pub languages: Vec<String>,
    pub services: Vec<String>,
    pub message: String,
    pub consent: bool,
    pub referral_code: String,
    /// Slug of the one partner the request is addressed to (from its directory profile), if any.
    pub partner: String,
}

/// A valid request: what is stored and allocated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewLead {
    pub organization: String,
    pub contact_name: String,
    pub email: Email,
    pub country: CountryCode,
    pub region: String,
    pub segment: Option<Segment>,
    pub size: Option<CompanySize>,
    pub budget: Option<Pricing>,
    pub languages: Vec<String>,
    pub services: Vec<Service>,
    pub message: String,
    pub referral_code: Option<String>,
    /// A direct request: the slug of the partner it is addressed to. Left out of the fingerprint
    /// when absent, so pool requests keep the fingerprints they always had.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
}

fn optional<T>(
    e: &mut ValidationErrors,
    field: &str,
    s: &str,
    parse: fn(&str) -> Result<T, &'static str>,
) -> Option<T> {
    let s = s.trim();
    if s.is_empty() {
        None
    } else {
        e.check(field, parse(s))
    }
}

/// Referral codes are what people type from a flyer: 3 to 32 letters, digits or hyphens, any case.
pub fn parse_referral_code(s: &str) -> Result<String, &'static str> {
    let s = s.trim().to_ascii_uppercase();
    if (3..=32).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        Ok(s)
    } else {
        Err("invalid-referral-code")
    }
}

impl LeadInput {
    pub fn parse(&self, regions: &RegionMap) -> Result<NewLead, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let organization = parse_text(
            &mut e,
            "organization",
            &self.organization,
            MAX_ORGANIZATION_CHARS,
            true,
        );
        let contact_name = e.check("contact_name", parse_display_name(&self.contact_name));
        let email = e.check("email", Email::parse(&self.email));
        let country = e.check("country", CountryCode::parse(&self.country));
        let region = country.and_then(|c| match regions.region_of(c.as_str()) {
            Some(r) => Some(r.slug.clone()),
            None => {
                e.add("country", "country-not-served");
                None
            }
        });
        let segment = optional(&mut e, "segment", &self.segment, Segment::parse);
        let size = optional(&mut e, "size", &self.size, CompanySize::parse);
        let budget = optional(&mut e, "budget", &self.budget, Pricing::parse);
        let languages = parse_list(&mut e, "languages", &self.languages, true, parse_language);
        let services = parse_list(&mut e, "services", &self.services, false, Service::parse);
        let message = parse_text(&mut e, "message", &self.message, MAX_MESSAGE_CHARS, false);
        let referral_code = optional(
            &mut e,
            "referral_code",
            &self.referral_code,
            parse_referral_code,
        );
        let partner = optional(&mut e, "partner", &self.partner, |s| {
            crate::partner::parse_slug(s).map_err(|_| "unknown-partner")
        });
        if !self.consent {
            e.add("consent", "consent-required");
        }
        match (contact_name, email, country, region) {
            (Some(contact_name), Some(email), Some(country), Some(region)) if e.is_empty() => {
                Ok(NewLead {
                    organization,
                    contact_name,
                    email,
                    country,
                    region,
                    segment,
                    size,
                    budget,
                    languages,
                    services,
                    message,
                    referral_code,
                    partner,
                })
            }
            _ => Err(e),
        }
    }
}

impl NewLead {
    /// Fingerprint of the request's content: a replayed idempotency key must carry the same one.
    pub fn fingerprint(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        hex(&Sha256::digest(json.as_bytes()))
    }

    /// Who is asking, for the 30-day merge: the email and the organization, case and spacing aside.
    /// A request addressed to one partner merges only with requests to that same partner: asking a
    /// chosen partner is a different request from asking the program.
    pub fn merge_key(&self) -> String {
        let org: String = self
            .organization
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let mut key = format!("{}\n{org}", self.email.as_str());
        if let Some(p) = &self.partner {
            key.push_str(&format!("\npartner:{p}"));
        }
        hex(&Sha256::digest(key.as_bytes()))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where referred leads go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReferralRouting {
    /// Referred leads join the fair pool like any other; the referrer gets the credit only.
    Pool,
    /// A lead referred by an eligible partner is offered to that partner first, outside the pool.
    Referrer,
}

/// One version of the published lead policy: everything that decides where a lead goes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadPolicy {
    pub allocation: Policy,
    /// Regions whose leads go to more partners than `allocation.fan_out` (1 to 3).
    #[serde(default)]
    pub fan_out_by_region: BTreeMap<String, u8>,
    /// Hours a partner has to accept before the lead is offered to the next one.
    pub sla_hours: u32,
    /// Days after acceptance (or the last update) before the partner is reminded to report progress.
    pub update_reminder_days: u32,
    /// Monthly number of leads a partner receives at most, unless it sets a lower one.
    pub default_monthly_capacity: Option<u32>,
    pub referral_routing: ReferralRouting,
    /// Days a referral link keeps attributing requests to its referrer.
    pub attribution_days: u32,
    /// The region map in force (countries → region).
    pub regions: Vec<Region>,
}

impl LeadPolicy {
    pub fn initial(regions: &RegionMap) -> Self {
        Self {
            allocation: Policy::default(),
            fan_out_by_region: BTreeMap::new(),
            sla_hours: 48,
            update_reminder_days: 14,
            default_monthly_capacity: None,
            referral_routing: ReferralRouting::Pool,
            attribution_days: 90,
            regions: regions.regions().to_vec(),
        }
    }

    pub fn fan_out(&self, region: &str) -> u8 {
        self.fan_out_by_region
            .get(region)
            .copied()
            .unwrap_or(self.allocation.fan_out)
    }

    /// The allocator's policy for one lead of `region`.
    pub fn for_region(&self, region: &str) -> Policy {
        Policy {
            fan_out: self.fan_out(region),
            ..self.allocation.clone()
        }
    }

    pub fn region_map(&self) -> RegionMap {
        RegionMap::new(self.regions.clone()).unwrap_or_default()
    }

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        if let Err(code) = self.allocation.validate() {
            e.add(
                match code {
                    "invalid-fan-out" => "fan_out",
                    "invalid-compliance-factor" | "compliance-overdue-above-behind" => "compliance",
                    _ => "weights",
                },
                code,
            );
        }
        if crate::text::has_email_address(&self.allocation.tie_break_seed) {
            e.add("tie_break_seed", "no-email-address");
        }
        let map = RegionMap::new(self.regions.clone());
        if map.is_err() {
            e.add("regions", "invalid-region");
        }
        let known: BTreeSet<&str> = self.regions.iter().map(|r| r.slug.as_str()).collect();
        for (r, n) in &self.fan_out_by_region {
            if !known.contains(r.as_str()) {
                e.add("fan_out_by_region", "invalid-region");
            } else if !(1..=3).contains(n) {
                e.add("fan_out_by_region", "invalid-fan-out");
            }
        }
        for (r, ns) in &self.allocation.neighbours {
            if !known.contains(r.as_str()) || ns.iter().any(|n| !known.contains(n.as_str())) {
                e.add("neighbours", "invalid-region");
            }
        }
        let fb = &self.allocation.fallback;
        if fb.iter().enumerate().any(|(i, f)| fb[..i].contains(f)) {
            e.add("fallback", "invalid-fallback");
        }
        if !(1..=720).contains(&self.sla_hours) {
            e.add("sla_hours", "out-of-range");
        }
        if !(1..=365).contains(&self.update_reminder_days) {
            e.add("update_reminder_days", "out-of-range");
        }
        if !(1..=3650).contains(&self.attribution_days) {
            e.add("attribution_days", "out-of-range");
        }
        if self.default_monthly_capacity == Some(0) {
            e.add("default_monthly_capacity", "out-of-range");
        }
        if self.allocation.tie_break_seed.trim().is_empty()
            || self.allocation.tie_break_seed.len() > 64
        {
            e.add("tie_break_seed", "required");
        }
        e.into_result(())
    }

    /// The fallback order as shown on the public page: the lead's region, then the configured
    /// fallbacks, then the admins' queue (a lead is never dropped).
    pub fn fallback_steps(&self) -> Vec<&'static str> {
        let mut steps = vec!["own-region"];
        for f in &self.allocation.fallback {
            steps.push(match f {
                Fallback::NeighbouringRegions => "neighbouring-regions",
                Fallback::AnyRegion => "any-region",
            });
        }
        steps.push("queue");
        steps
    }
}

/// Replays `leads` under `policy` from an empty ledger: how many offers each partner would receive.
/// This is the dry run shown before a policy is adopted.
pub fn replay(
    policy: &LeadPolicy,
    candidates: &[Candidate],
    leads: &[LeadRequest],
) -> BTreeMap<i64, u64> {
    let policies: Vec<Policy> = (1..=3)
        .map(|f| Policy {
            fan_out: f,
            ..policy.allocation.clone()
        })
        .collect();
    let allocators: Vec<Allocator> = policies
        .iter()
        .map(|p| Allocator::new(p, candidates))
        .collect();
    let mut tally = allocators[0].tally(&Ledger::default());
    let mut scratch = Scratch::default();
    for l in leads {
        let f = usize::from(policy.fan_out(&l.region).clamp(1, 3));
        allocators[f - 1].allocate_with(l, &mut tally, false, &mut scratch);
    }
    candidates
        .iter()
        .zip(&tally.received)
        .map(|(c, n)| (c.id, *n))
        .collect()
}

/// A partner's own lead settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PartnerLeadSettings {
    pub paused: bool,
    /// At most this many leads per calendar month; `None` for the policy's default.
    pub monthly_capacity: Option<u32>,
}

impl PartnerLeadSettings {
    pub fn capacity_left(&self, policy: &LeadPolicy, offered_this_month: u64) -> Option<u32> {
        let cap = match (self.monthly_capacity, policy.default_monthly_capacity) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }?;
        Some(cap.saturating_sub(u32::try_from(offered_this_month).unwrap_or(u32::MAX)))
    }
}

/// Builds the allocator's view of a partner from its profile data and lead settings.
#[allow(clippy::too_many_arguments)]
pub fn candidate(
    id: i64,
    active: bool,
    settings: PartnerLeadSettings,
    capacity_left: Option<u32>,
    regions: &[String],
    countries: &[String],
    services: &[String],
    languages: &[String],
    segments: &[String],
    size: &str,
    pricing: &[String],
) -> Candidate {
    let set = |v: &[String]| v.iter().cloned().collect::<BTreeSet<String>>();
    Candidate {
        id,
        weight: 1.0,
        active,
        paused: settings.paused,
        capacity_left,
        regions: set(regions),
        countries: set(countries),
        services: set(services),
        languages: set(languages),
        segments: set(segments),
        sizes: BTreeSet::from([size.to_string()]),
        pricing: set(pricing),
        compliance: None,
    }
}

/// Where a lead stands. `Withdrawn`, `Spam` and `Duplicate` are closed: no further offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LeadStatus {
    /// Waiting for allocation (new, or every offer declined or expired).
    Pending,
    Offered,
    /// Nobody qualified: waiting in the foundation's queue.
    Queued,
    /// The same person asked again within the merge window: attached to the earlier lead.
    Merged,
    /// Withdrawn by the requester (or on their behalf), or their data erased.
    Withdrawn,
    Spam,
    Duplicate,
}

impl LeadStatus {
    pub const ALL: &'static [LeadStatus] = &[
        LeadStatus::Pending,
        LeadStatus::Offered,
        LeadStatus::Queued,
        LeadStatus::Merged,
        LeadStatus::Withdrawn,
        LeadStatus::Spam,
        LeadStatus::Duplicate,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            LeadStatus::Pending => "pending",
            LeadStatus::Offered => "offered",
            LeadStatus::Queued => "queued",
            LeadStatus::Merged => "merged",
            LeadStatus::Withdrawn => "withdrawn",
            LeadStatus::Spam => "spam",
            LeadStatus::Duplicate => "duplicate",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .iter()
            .copied()
            .find(|x| x.slug() == s.trim())
            .ok_or("invalid-status")
    }

    /// Still looking for (or with) partners: it may be closed, and the requester may withdraw it.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            LeadStatus::Pending | LeadStatus::Offered | LeadStatus::Queued
        )
    }

    /// An admin may hand the lead to a partner of their choice only while no partner holds an
    /// offer of it: stuck in the queue, or waiting for the next round.
    pub fn may_offer_manually(self) -> bool {
        matches!(self, LeadStatus::Pending | LeadStatus::Queued)
    }
}

crate::category!(
    /// Why a lead was closed before a partner was found (or while one was being found).
    CloseReason, "close", "invalid-reason", {
        Spam => "spam",
        Duplicate => "duplicate",
        Withdrawn => "withdrawn",
    }
);

impl CloseReason {
    pub fn status(self) -> LeadStatus {
        match self {
            CloseReason::Spam => LeadStatus::Spam,
            CloseReason::Duplicate => LeadStatus::Duplicate,
            CloseReason::Withdrawn => LeadStatus::Withdrawn,
        }
    }
}

/// Closing a lead: allowed only while it is open; returns the status it takes.
pub fn close(from: LeadStatus, reason: CloseReason) -> Result<LeadStatus, &'static str> {
    if from.is_open() {
        Ok(reason.status())
    } else {
        Err("invalid-transition")
    }
}

/// Where the next allocation round of a lead goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The fair-share rotation (with referral routing, if the policy says so).
    Pool,
    /// Only this partner, outside the rotation: a direct request.
    Partner(i64),
    /// The foundation's queue: a direct request its partner can no longer take.
    Queue,
}

/// A request addressed to one partner (from its directory profile) goes to that partner and to no
/// other: it never enters the fair-share rotation, accrues no entitlement and is counted as
/// "direct". Once that partner has had it (declined, or let it expire), or when the partner is no
/// longer active, it waits in the foundation's queue, where an admin may offer it by hand or close it.
pub fn route(direct_to: Option<i64>, already_offered: &BTreeSet<i64>, active: bool) -> Route {
    match direct_to {
        None => Route::Pool,
        Some(p) if active && !already_offered.contains(&p) => Route::Partner(p),
        Some(_) => Route::Queue,
    }
}

/// Longest reason an admin may give for a manual offer or a closure.
pub const MAX_DESK_REASON_CHARS: usize = 1000;

/// The reason an admin gives for offering a lead by hand or closing it: required, bounded.
pub fn parse_desk_reason(s: &str) -> Result<String, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        Err("explain-required")
    } else if s.chars().count() > MAX_DESK_REASON_CHARS {
        Err("too-long")
    } else {
        Ok(s.to_string())
    }
}

/// Where one offer of a lead to one partner stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OfferStatus {
    Offered,
    Accepted,
    Declined,
    /// Not answered within the SLA: offered to the next partner.
    Expired,
    Contacted,
    Proposal,
    Won,
    Lost,
    /// The lead's personal data was erased or the lead withdrawn before an answer.
    Withdrawn,
}

impl OfferStatus {
    pub const ALL: &'static [OfferStatus] = &[
        OfferStatus::Offered,
        OfferStatus::Accepted,
        OfferStatus::Declined,
        OfferStatus::Expired,
        OfferStatus::Contacted,
        OfferStatus::Proposal,
        OfferStatus::Won,
        OfferStatus::Lost,
        OfferStatus::Withdrawn,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            OfferStatus::Offered => "offered",
            OfferStatus::Accepted => "accepted",
            OfferStatus::Declined => "declined",
            OfferStatus::Expired => "expired",
            OfferStatus::Contacted => "contacted",
            OfferStatus::Proposal => "proposal",
            OfferStatus::Won => "won",
            OfferStatus::Lost => "lost",
            OfferStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .iter()
            .copied()
            .find(|o| o.slug() == s.trim())
            .ok_or("invalid-stage")
    }

    /// The partner has the prospect's contact details from this point on.
    pub fn is_accepted(self) -> bool {
        matches!(
            self,
            OfferStatus::Accepted
                | OfferStatus::Contacted
                | OfferStatus::Proposal
                | OfferStatus::Won
                | OfferStatus::Lost
        )
    }

    fn rank(self) -> u8 {
        match self {
            OfferStatus::Accepted => 1,
            OfferStatus::Contacted => 2,
            OfferStatus::Proposal => 3,
            OfferStatus::Won | OfferStatus::Lost => 4,
            _ => 0,
        }
    }
}

/// Where a lead stands, for the lead desk. An offered lead's own status stays "offered" while its
/// partners answer, so once one has accepted, the furthest offer tells the real state: won beats
/// an open pipeline, and "lost" shows only when no accepted offer is still going.
pub fn lead_progress(lead_status: LeadStatus, offers: &[OfferStatus]) -> Option<OfferStatus> {
    if lead_status != LeadStatus::Offered {
        return None;
    }
    let progress = |o: &OfferStatus| match o {
        OfferStatus::Lost => 1,
        OfferStatus::Accepted => 2,
        OfferStatus::Contacted => 3,
        OfferStatus::Proposal => 4,
        OfferStatus::Won => 5,
        _ => 0,
    };
    offers
        .iter()
        .copied()
        .filter(|o| o.is_accepted())
        .max_by_key(progress)
}

/// The moves a partner reports. An offer is answered once; afterwards the pipeline only moves
/// forward (a stage may be skipped: a prospect can sign without a formal proposal).
pub fn check_offer_transition(from: OfferStatus, to: OfferStatus) -> Result<(), &'static str> {
    use OfferStatus::*;
    let ok = match (from, to) {
        (Offered, Accepted | Declined) => true,
        (Accepted | Contacted | Proposal, Contacted | Proposal | Won | Lost) => {
            to.rank() > from.rank()
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err("invalid-transition")
    }
}

crate::category!(
    /// Why a partner declined a lead (published, so declines can be counted).
    DeclineReason, "decline", "invalid-reason", {
        OutsideExpertise => "outside-expertise",
        NoCapacity => "no-capacity",
        TooSmall => "too-small",
        LanguageOrRegion => "language-or-region",
        ConflictOfInterest => "conflict-of-interest",
        Other => "other",
    }
);

crate::category!(
    /// Why a pipeline ended without a deal.
    LostReason, "lost", "invalid-reason", {
        NoResponse => "no-response",
        Budget => "budget",
        ChoseCompetitor => "chose-competitor",
        ProjectCancelled => "project-cancelled",
        NotAFit => "not-a-fit",
        Other => "other",
    }
);

crate::category!(
    /// How a request reached Agora.
    LeadSource, "lead-source", "invalid-source", {
        Form => "form",
        Api => "api",
    }
);

/// Why an offer ended: a decline's reason or a lost pipeline's, from the list of the move it explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferReason {
    Declined(DeclineReason),
    Lost(LostReason),
}

impl OfferReason {
    /// Reads a reason given for moving an offer to `status`; only a decline and a loss have one.
    pub fn parse(status: OfferStatus, s: &str) -> Result<Self, &'static str> {
        match status {
            OfferStatus::Declined => DeclineReason::parse(s).map(OfferReason::Declined),
            OfferStatus::Lost => LostReason::parse(s).map(OfferReason::Lost),
            _ => Err("invalid-reason"),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            OfferReason::Declined(r) => r.slug(),
            OfferReason::Lost(r) => r.slug(),
        }
    }

    pub fn label_key(self) -> String {
        match self {
            OfferReason::Declined(r) => r.label_key(),
            OfferReason::Lost(r) => r.label_key(),
        }
    }
}

/// As its slug, like the lists it comes from.
impl Serialize for OfferReason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.slug())
    }
}

#[cfg(test)]
mod tests;
