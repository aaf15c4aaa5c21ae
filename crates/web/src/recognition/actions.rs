//! What pages and API both do: who may see and do what on a nomination, nominating, scoring and
//! deciding (with the credential an award issues).

use super::issuer;
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::AppState;
use agora_domain::permissions::{Permission, Role};
use agora_domain::recognition::nomination::may_respond;
use agora_domain::recognition::review::{
    conflict, may_appeal, may_decide, may_score, Aggregate, AppealAnswerInput, AppealInput,
    AppealVerdict, ConflictReason, Decision, DecisionInput, Outcome, Parties, ScoreInput,
};
use agora_domain::recognition::{AwardEvent, NominationInput, Nominee, NomineeResponse, PersonRef};
use agora_domain::ValidationErrors;
use agora_store::{StoredCycle, StoredNomination, StoredScore};

/// The partners a person works for (their organizations, for conflicts and self-nominations).
pub async fn partner_ids_of(state: &AppState, person_id: i64) -> Result<Vec<i64>> {
    Ok(state
        .store
        .grants(person_id)
        .await?
        .into_iter()
        .filter(|g| matches!(g.role, Role::PartnerAdmin | Role::PartnerMember))
        .filter_map(|g| g.scope_id)
        .collect())
}

pub fn person_id(v: &Viewer) -> Result<i64> {
    v.person.as_ref().map(|p| p.id).ok_or(Error::Unauthorized)
}

/// The cycle people nominate in and read about: the latest one.
pub async fn current_cycle(state: &AppState) -> Result<Option<StoredCycle>> {
    Ok(state.store.recognition_cycles().await?.into_iter().next())
}

/// How a viewer stands towards a nomination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    pub admin: bool,
    pub panelist: bool,
    /// The panelist's conflict (they see neither scores nor discussion).
    pub recused: Option<ConflictReason>,
    /// The nominee (a person, or one of an organization's people).
    pub nominee: bool,
    pub nominator: bool,
}

impl Access {
    /// Scores and the panel's discussion: admins and panelists without a conflict.
    pub fn sees_panel(&self) -> bool {
        self.admin || (self.panelist && self.recused.is_none())
    }

    pub fn sees_nomination(&self) -> bool {
        self.admin || self.panelist || self.nominee || self.nominator
    }
}

pub async fn access(state: &AppState, v: &Viewer, n: &StoredNomination) -> Result<Access> {
    let me = person_id(v)?;
    let mine = partner_ids_of(state, me).await?;
    let admin = v.can(Permission::ManageRecognition);
    let panelist = state.store.is_panelist(me).await?;
    let nominee = n.nomination.nominee.is_of(me, &mine);
    let nominator = n.nomination.nominators().any(|p| p == me);
    let recused = if panelist {
        let declared = state
            .store
            .recognition_recusals(n.id)
            .await?
            .into_iter()
            .find(|r| r.person_id == me);
        match declared {
            Some(r) => Some(r.reason),
            None => {
                let nominee_orgs = match n.nomination.nominee {
                    Nominee::Person(p) => partner_ids_of(state, p).await?,
                    Nominee::Organization(_) => vec![],
                };
                let nominators: Vec<i64> = n.nomination.nominators().collect();
                conflict(
                    &PersonRef {
                        person_id: me,
                        partner_ids: &mine,
                    },
                    &Parties {
                        nominee: n.nomination.nominee,
                        nominee_org_ids: &nominee_orgs,
                        nominators: &nominators,
                    },
                    false,
                )
            }
        }
    } else {
        None
    };
    Ok(Access {
        admin,
        panelist,
        recused,
        nominee,
        nominator,
    })
}

/// The viewer's own nominations (as nominee or a nominator), each shown as `visible` would show it:
/// the program page and `GET /api/v1/recognition` list them through this one door.
pub async fn mine(state: &AppState, v: &Viewer) -> Result<Vec<(StoredNomination, Access)>> {
    let me = person_id(v)?;
    let orgs = partner_ids_of(state, me).await?;
    let cycles = state.store.recognition_cycles().await?;
    let today = state.clock.now().date_naive();
    let mut out = Vec::new();
    for n in state.store.recognition_nominations_of(me, &orgs).await? {
        let a = access(state, v, &n).await?;
        let announced = cycles
            .iter()
            .any(|c| c.id == n.cycle_id && c.cycle.announced(today));
        out.push((shown(n, &a, me, announced), a));
    }
    Ok(out)
}

/// A nomination the viewer may see, or 404 (as an unknown id: nothing is learned).
pub async fn visible(state: &AppState, v: &Viewer, id: i64) -> Result<(StoredNomination, Access)> {
    person_id(v)?;
    let n = state
        .store
        .recognition_nomination(id)
        .await?
        .ok_or(Error::NotFound)?;
    let a = access(state, v, &n).await?;
    if !a.sees_nomination() {
        return Err(Error::NotFound);
    }
    let announced = state
        .store
        .recognition_cycle(n.cycle_id)
        .await?
        .is_some_and(|c| c.cycle.announced(state.clock.now().date_naive()));
    Ok((shown(n, &a, person_id(v)?, announced), a))
}

/// What a viewer is shown of a nomination. Someone who joined it by nominating the same person is
/// shown their own words, not the others' (nominating must not be a way to read a nomination).
/// Before the announcement, only the panel and the foundation know the outcome.
pub fn shown(mut n: StoredNomination, a: &Access, me: i64, announced: bool) -> StoredNomination {
    // A recused panelist is one more outsider to this nomination (found by an attack: a panelist who
    // was the nominee saw the decision before the announcement).
    let privileged = a.sees_panel();
    if !privileged && !a.nominee && n.nomination.nominator != me {
        n.nominator_name = String::new();
        n.nomination.nominator = 0;
        n.nomination.supporters.retain(|p| *p == me);
        n.nomination.justifications.retain(|j| j.by == me);
        // Links are not kept per author: someone who joined sees none of the others'.
        n.nomination.links.clear();
    }
    if !privileged && !announced && n.outcome.is_some() {
        n.outcome = None;
        n.rationale = None;
        n.decided_at = None;
        n.award_state = agora_domain::recognition::AwardState::InReview;
    }
    n
}

pub async fn nominate(
    state: &AppState,
    v: &Viewer,
    category_id: &str,
    input: &NominationInput,
) -> Result<(i64, bool)> {
    let me = person_id(v)?;
    let cycle = current_cycle(state)
        .await?
        .ok_or_else(|| ValidationErrors::single("cycle", "outside-window"))?;
    let category = match category_id.trim().parse::<i64>() {
        Ok(id) => state.store.recognition_category(id).await?,
        Err(_) => None,
    }
    .ok_or_else(|| ValidationErrors::single("category", "required"))?;
    let mine = partner_ids_of(state, me).await?;
    let today = state.clock.now().date_naive();
    let n = input.parse(
        &category.category,
        &cycle.cycle,
        &PersonRef {
            person_id: me,
            partner_ids: &mine,
        },
        today,
    )?;
    // The nominee must exist: an unknown id is a field error, not a failed foreign key.
    let known = match n.nominee {
        Nominee::Person(p) => state
            .store
            .nominable_people()
            .await?
            .iter()
            .any(|(id, _)| *id == p),
        Nominee::Organization(o) => state
            .store
            .partner_names()
            .await?
            .iter()
            .any(|x| x.id == o && x.status == agora_domain::partner::PartnerStatus::Active),
    };
    if !known {
        return Err(ValidationErrors::single("nominee", "invalid-nominee").into());
    }
    Ok(state
        .store
        .nominate(cycle.id, category.id, &n, &v.who())
        .await?)
}

pub async fn respond(state: &AppState, v: &Viewer, id: i64, response: &str) -> Result<()> {
    let (n, a) = visible(state, v, id).await?;
    if !a.nominee {
        return Err(Error::Forbidden);
    }
    let response = NomineeResponse::parse(response)
        .ok()
        .filter(|r| *r != NomineeResponse::Pending)
        .ok_or_else(|| ValidationErrors::single("response", "invalid-response"))?;
    let cycle = state
        .store
        .recognition_cycle(n.cycle_id)
        .await?
        .ok_or(Error::NotFound)?;
    may_respond(&cycle.cycle, state.clock.now().date_naive())
        .map_err(|c| ValidationErrors::single("response", c))?;
    state
        .store
        .respond_to_nomination(id, response, &v.who())
        .await?;
    Ok(())
}

pub async fn score(state: &AppState, v: &Viewer, id: i64, input: &ScoreInput) -> Result<()> {
    let (n, a) = visible(state, v, id).await?;
    if !a.panelist {
        return Err(Error::Forbidden);
    }
    let category = state
        .store
        .recognition_category(n.category_id)
        .await?
        .ok_or(Error::NotFound)?;
    let cycle = state
        .store
        .recognition_cycle(n.cycle_id)
        .await?
        .ok_or(Error::NotFound)?;
    may_score(
        &cycle.cycle,
        state.clock.now().date_naive(),
        n.nomination.response,
        a.recused,
    )
    .map_err(|c| ValidationErrors::single("scores", c))?;
    if n.outcome.is_some() {
        return Err(ValidationErrors::single("scores", "invalid-transition").into());
    }
    let set = input.parse(&category.category, person_id(v)?)?;
    if set.scores.is_empty() {
        return Err(ValidationErrors::single("scores", "required").into());
    }
    state.store.score_nomination(id, &set, &v.who()).await?;
    Ok(())
}

/// The counted scores of a nomination (recused panelists' sets left out) and their aggregate.
pub async fn aggregate(
    state: &AppState,
    n: &StoredNomination,
) -> Result<(Vec<StoredScore>, Aggregate)> {
    let category = state
        .store
        .recognition_category(n.category_id)
        .await?
        .ok_or(Error::NotFound)?;
    let scores = state.store.recognition_scores(n.id).await?;
    let recused: Vec<i64> = state
        .store
        .recognition_recusals(n.id)
        .await?
        .into_iter()
        .map(|r| r.person_id)
        .collect();
    let sets: Vec<_> = scores.iter().map(|s| s.set.clone()).collect();
    let agg = Aggregate::of(&category.category.criteria, &sets, &recused);
    Ok((scores, agg))
}

/// The foundation records the panel's decision once the quorum is met; an award is issued its
/// credential in the same change.
pub async fn decide(state: &AppState, v: &Viewer, id: i64, input: &DecisionInput) -> Result<()> {
    v.require(Permission::ManageRecognition)?;
    let decision = input.parse()?;
    let n = state
        .store
        .recognition_nomination(id)
        .await?
        .ok_or(Error::NotFound)?;
    if n.nomination.response == NomineeResponse::Declined && decision.outcome == Outcome::Award {
        return Err(ValidationErrors::single("outcome", "nomination-declined").into());
    }
    let cycle = state
        .store
        .recognition_cycle(n.cycle_id)
        .await?
        .ok_or(Error::NotFound)?;
    let settings = state.store.recognition_settings().await?;
    let (_, agg) = aggregate(state, &n).await?;
    let today = state.clock.now().date_naive();
    may_decide(&cycle.cycle, today, &agg, settings.program.quorum)
        .map_err(|c| ValidationErrors::single("outcome", c))?;
    let credential = if decision.outcome == Outcome::Award {
        Some(term_credential(state, id, today, None).await?)
    } else {
        None
    };
    state
        .store
        .decide_nomination(id, &decision, credential.as_ref(), &v.who())
        .await?;
    state.cache.invalidate();
    Ok(())
}

/// The credential of a nomination's award for a term starting on `start`.
async fn term_credential(
    state: &AppState,
    nomination_id: i64,
    start: chrono::NaiveDate,
    status_index: Option<i64>,
) -> Result<agora_store::NewCredential> {
    let subject = state.store.award_subject(nomination_id).await?;
    // The public links the nomination gave (the nomination page itself needs a sign-in, so a
    // verifier could not follow it: found by a walk).
    let evidence = state
        .store
        .recognition_nomination(nomination_id)
        .await?
        .map(|n| n.nomination.links)
        .unwrap_or_default()
        .into_iter()
        .map(|url| {
            (
                url,
                format!(
                    "{} — {}",
                    subject.category.category.name, subject.cycle_year
                ),
            )
        })
        .collect();
    issuer::issue(
        &issuer::Issuer::of(state),
        &subject,
        (start, Some(agora_domain::recognition::term_end(start))),
        evidence,
        status_index,
    )
    .await
}

/// The nominee (or a nominator) appeals a decline, within the cycle's appeal window.
pub async fn appeal(state: &AppState, v: &Viewer, id: i64, input: &AppealInput) -> Result<()> {
    let (n, _) = visible(state, v, id).await?;
    let me = person_id(v)?;
    let appeal = input.parse(me)?;
    let cycle = state
        .store
        .recognition_cycle(n.cycle_id)
        .await?
        .ok_or(Error::NotFound)?;
    let (Some(outcome), Some(decided_at)) = (n.outcome, n.decided_at) else {
        return Err(ValidationErrors::single("text", "not-declined").into());
    };
    let decision = Decision {
        outcome,
        rationale: n.rationale.clone().unwrap_or_default(),
    };
    let mine = partner_ids_of(state, me).await?;
    may_appeal(
        &n.nomination,
        &decision,
        decided_at.date_naive(),
        &cycle.cycle,
        &PersonRef {
            person_id: me,
            partner_ids: &mine,
        },
        state.clock.now().date_naive(),
    )
    .map_err(|c| ValidationErrors::single("text", c))?;
    state.store.appeal_nomination(id, &appeal, &v.who()).await?;
    Ok(())
}

/// The foundation records the panel's answer to an appeal; overturned, the award is issued.
pub async fn answer_appeal(
    state: &AppState,
    v: &Viewer,
    id: i64,
    input: &AppealAnswerInput,
) -> Result<()> {
    v.require(Permission::ManageRecognition)?;
    let answer = input.parse()?;
    let n = state
        .store
        .recognition_nomination(id)
        .await?
        .ok_or(Error::NotFound)?;
    let pending = state
        .store
        .recognition_appeal(id)
        .await?
        .ok_or(Error::NotFound)?;
    if pending.verdict.is_some() {
        return Err(ValidationErrors::single("verdict", "already-answered").into());
    }
    let credential = if answer.verdict == AppealVerdict::Overturned {
        if n.nomination.response == NomineeResponse::Declined {
            return Err(ValidationErrors::single("verdict", "nomination-declined").into());
        }
        let today = state.clock.now().date_naive();
        Some(term_credential(state, id, today, None).await?)
    } else {
        None
    };
    state
        .store
        .answer_appeal(id, &answer, credential.as_ref(), &v.who())
        .await?;
    state.cache.invalidate();
    Ok(())
}

/// An admin's change of an award: renew (issuing the next term's credential, and lifetime status
/// with its own credential once five consecutive terms were renewed), lapse, emeritus, revoke
/// (each with a reason), suspend or lift a suspension (with a reason).
pub async fn change_award(
    state: &AppState,
    v: &Viewer,
    id: i64,
    action: &str,
    reason: &str,
) -> Result<()> {
    v.require(Permission::ManageRecognition)?;
    let award = state
        .store
        .recognition_award(id)
        .await?
        .ok_or(Error::NotFound)?;
    let reason = reason.trim().to_owned();
    if reason.chars().count() > agora_domain::recognition::review::MAX_RATIONALE {
        return Err(ValidationErrors::single("reason", "too-long").into());
    }
    match action {
        "suspend" | "unsuspend" => {
            if reason.is_empty() {
                return Err(ValidationErrors::single("reason", "award-reason-required").into());
            }
            state
                .store
                .suspend_award(id, action == "suspend", &reason, &v.who())
                .await?;
        }
        action => {
            let event = match action {
                "renew" => AwardEvent::Renewed,
                "lapse" => AwardEvent::Lapsed { reason },
                "emeritus" => AwardEvent::Emeritus { reason },
                "revoke" => AwardEvent::Revoked { reason },
                _ => return Err(ValidationErrors::single("action", "invalid-transition").into()),
            };
            // A renewal issues the next term's credential with it.
            let credential = match (&event, award.nomination_id) {
                (AwardEvent::Renewed, Some(nomination)) => {
                    let today = state.clock.now().date_naive();
                    let start = award
                        .award
                        .current_term()
                        .and_then(|t| t.end)
                        .map_or(today, |end| (end + chrono::Days::new(1)).max(today));
                    Some(term_credential(state, nomination, start, award.status_index).await?)
                }
                _ => None,
            };
            let next = state
                .store
                .change_award(id, &event, credential.as_ref(), &v.who())
                .await?;
            if event == AwardEvent::Renewed {
                grant_lifetime_if_due(state, v, &award, &next).await?;
            }
        }
    }
    state.cache.invalidate();
    Ok(())
}

/// Lifetime status, a separate award with no expiry, once five consecutive terms were renewed.
async fn grant_lifetime_if_due(
    state: &AppState,
    v: &Viewer,
    award: &agora_store::StoredAward,
    renewed: &agora_domain::recognition::Award,
) -> Result<()> {
    let grace = state.store.recognition_settings().await?.program.grace_days;
    let Some(nomination) = award.nomination_id else {
        return Ok(());
    };
    if !agora_domain::recognition::award::lifetime_due(&renewed.terms, grace)
        || state.store.lifetime_award_of(award).await?.is_some()
    {
        return Ok(());
    }
    let subject = state.store.award_subject(nomination).await?;
    let today = state.clock.now().date_naive();
    let credential = issuer::issue(
        &issuer::Issuer::of(state),
        &subject,
        (today, None),
        vec![],
        None,
    )
    .await?;
    state
        .store
        .grant_lifetime(award.id, &credential, &v.who())
        .await?;
    Ok(())
}
