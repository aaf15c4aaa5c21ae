//! Who may do what on a body or a decision, and the actions on a decision: the one place pages and
//! API ask (`access`, `decision_access`, `parse_action`, `perform`).

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::AppState;
use agora_domain::governance::{
    self as gov, BodyKind, BodyRight, DecisionInput, DecisionKind, Ruling, Stance, Standing,
    VoteChoice, VoteRules, VoterKey,
};
use agora_domain::ValidationErrors;
use agora_store::{BallotChoice, Body, Decision};
use serde::Deserialize;

// ---- Access: the one place pages and API ask -------------------------------------------------------

/// The viewer's standing in a body, refusing those who may not see it with 404, signed in or not: a
/// members-only body and its decisions answer exactly like ones that do not exist, so neither their
/// existence nor their titles leak.
pub async fn access(state: &AppState, v: &Viewer, body: &Body) -> Result<Standing> {
    let s = state.store.standing(&v.actor, body).await?;
    if gov::body_allows(body.kind, body.visibility, s, BodyRight::View) {
        Ok(s)
    } else {
        Err(Error::NotFound)
    }
}

pub fn require(body: &Body, s: Standing, right: BodyRight, v: &Viewer) -> Result<()> {
    if gov::body_allows(body.kind, body.visibility, s, right) {
        Ok(())
    } else if v.person.is_none() {
        Err(Error::Unauthorized)
    } else {
        Err(Error::Forbidden)
    }
}

pub async fn body_by_slug(state: &AppState, v: &Viewer, slug: &str) -> Result<(Body, Standing)> {
    let body = state.store.body(slug).await?.ok_or(Error::NotFound)?;
    let s = access(state, v, &body).await?;
    Ok((body, s))
}

pub struct DecisionAccess {
    pub decision: Decision,
    pub body: Body,
    pub standing: Standing,
    /// The electorate entries the viewer may act for.
    pub voter_keys: Vec<VoterKey>,
}

impl DecisionAccess {
    fn is_proposer(&self, v: &Viewer) -> bool {
        v.person.is_some() && self.decision.proposer_id == v.actor.person_id()
    }

    /// Whether electors may be named to this viewer (anonymous visitors see only counts of an
    /// all-members electorate).
    pub fn names_visible(&self, v: &Viewer) -> bool {
        gov::electorate_names_visible(self.body.kind, v.person.is_some())
    }

    fn allows(&self, right: BodyRight) -> bool {
        gov::body_allows(self.body.kind, self.body.visibility, self.standing, right)
    }

    /// The viewer's relation to the decision; `gov::Participant::may` says what it lets them do.
    pub fn participant(&self, v: &Viewer) -> gov::Participant {
        gov::Participant {
            facilitates: self.allows(BodyRight::Facilitate),
            moderates: self.allows(BodyRight::Moderate),
            proposer: self.is_proposer(v),
            elector: !self.voter_keys.is_empty(),
            member: v.person.is_some() && self.standing.member,
        }
    }
}

pub async fn decision_access(state: &AppState, v: &Viewer, id: i64) -> Result<DecisionAccess> {
    let decision = state.store.decision(id).await?;
    let body = state.store.body_by_id(decision.body_id).await?;
    let standing = access(state, v, &body).await?;
    let voter_keys = match v.actor.person_id() {
        Some(pid) => state.store.voter_keys(id, pid).await?,
        None => vec![],
    };
    Ok(DecisionAccess {
        decision,
        body,
        standing,
        voter_keys,
    })
}

/// Opens a decision in a body, checking who may open which kind.
pub async fn open(
    state: &AppState,
    v: &Viewer,
    body: &Body,
    s: Standing,
    input: &DecisionInput,
) -> Result<i64> {
    let kind = DecisionKind::parse(&input.kind).ok();
    let right = match kind {
        Some(DecisionKind::LazyConsensus) | None => BodyRight::Propose,
        Some(_) => BodyRight::OpenVote,
    };
    require(body, s, right, v)?;
    let new = gov::parse_decision(input, body.kind, body.min_close_hours)?;
    // Each opening in the all-members body emails every account holder: one account may not flood them.
    if let (BodyKind::AllMembers, Some(pid)) = (body.kind, v.actor.person_id()) {
        crate::auth::rate_limit(
            state,
            &[(
                format!("propose:account:{pid}"),
                state.config.proposals_per_account_day,
            )],
            24 * 3600,
        )
        .await?;
    }
    Ok(state
        .store
        .open_decision(body, &new, &v.who(), state.clock.now())
        .await?)
}

// ---- Actions on a decision -------------------------------------------------------------------------

/// Everything a person can do to a decision, from a form or a JSON body.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ActionInput {
    /// Which elector to act for (`person:ID` or `partner:ID`) when one may act for several.
    pub voter: Option<String>,
    /// Lazy consensus: `support`, `neutral` or `object`.
    pub stance: String,
    /// Objection reason, or reasoning of a ruling.
    pub reason: String,
    /// Yes/no ballot: `yes`, `no` or `abstain`.
    pub choice: String,
    /// Ranked ballot: option names, most preferred first.
    pub ranking: Vec<String>,
    /// Secret ballots: the receipt of the ballot being changed.
    pub receipt: String,
    /// Revision: the new title and text.
    pub title: String,
    pub text: String,
    /// Ruling: `accept` or `reject`.
    pub ruling: String,
    /// The outcome statement recorded in the register.
    pub outcome: String,
    /// Optional review date (YYYY-MM-DD).
    pub review_at: String,
    /// Consultation comment and reply target.
    pub body: String,
    pub parent_id: Option<i64>,
    /// Response to a consultation comment.
    pub comment_id: Option<i64>,
    pub response: String,
}

pub enum Done {
    /// The receipt of a ballot just cast.
    Receipt(String),
    Ok,
}

fn voter_for(a: &DecisionAccess, requested: Option<&str>) -> Result<VoterKey> {
    if a.voter_keys.is_empty() {
        return Err(Error::Forbidden);
    }
    match requested.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(a.voter_keys[0]),
        Some(k) => VoterKey::decode(k)
            .filter(|k| a.voter_keys.contains(k))
            .ok_or(Error::Forbidden),
    }
}

pub(crate) fn invalid(field: &str, code: &'static str) -> Error {
    Error::Invalid(ValidationErrors::single(field, code))
}

/// Carries out `action` for the viewer. The same function serves the decision page and the API.
#[tracing::instrument(level = "debug", skip_all, fields(decision = a.decision.id, action = action, person = v.actor.person_id()))]
pub async fn perform(
    state: &AppState,
    v: &Viewer,
    a: &DecisionAccess,
    action: &str,
    input: &ActionInput,
) -> Result<Done> {
    let who = v.who();
    let now = state.clock.now();
    let id = a.decision.id;
    let store = &state.store;
    let Some(act) = gov::DecisionAction::parse(action) else {
        return Err(Error::NotFound);
    };
    if !a.participant(v).may(act) {
        return Err(Error::Forbidden);
    }
    match action {
        "stance" => {
            let voter = voter_for(a, input.voter.as_deref())?;
            let stance = Stance::parse(&input.stance).map_err(|c| invalid("stance", c))?;
            store
                .set_stance(id, voter, stance, &input.reason, &who, now)
                .await?;
        }
        "ballot" => {
            let voter = voter_for(a, input.voter.as_deref())?;
            let choice = match &a.decision.rules {
                VoteRules::YesNo(_) => BallotChoice::YesNo(
                    VoteChoice::parse(&input.choice).map_err(|c| invalid("choice", c))?,
                ),
                VoteRules::Ranked { .. } => BallotChoice::Ranking(input.ranking.clone()),
                VoteRules::None => return Err(invalid("choice", "not-a-vote")),
            };
            let receipt = (!input.receipt.trim().is_empty()).then_some(input.receipt.as_str());
            let r = store
                .cast_ballot(id, voter, &choice, receipt, &who, now)
                .await?;
            return Ok(Done::Receipt(r));
        }
        "revise" => {
            let revision = gov::Revision::parse(&input.title, &input.text)?;
            store.revise(id, &revision, &who, now).await?;
        }
        "escalate" => {
            store.escalate(id, &who, now).await?;
        }
        "rule" => {
            let ruling = Ruling::parse(&input.ruling).map_err(|c| invalid("ruling", c))?;
            store.rule(id, ruling, &input.reason, &who, now).await?;
        }
        "withdraw" => {
            store.withdraw(id, &who, now).await?;
        }
        "take" => {
            store
                .take_decision(id, &input.outcome, Some(&input.review_at), &who, now)
                .await?;
        }
        "comment" => {
            store
                .comment(id, input.parent_id, &input.body, &who, now)
                .await?;
        }
        "respond" => {
            let cid = input
                .comment_id
                .ok_or_else(|| invalid("comment_id", "required"))?;
            store.respond(id, cid, &input.response, &who, now).await?;
        }
        _ => return Err(Error::NotFound),
    }
    Ok(Done::Ok)
}
