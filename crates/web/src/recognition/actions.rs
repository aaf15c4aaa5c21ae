//! What pages and API both do: who may see and do what on a nomination, nominating, scoring and
//! deciding (with the credential an award issues).

use super::issuer;
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::AppState;
use agora_domain::permissions::{Permission, Role};
use agora_domain::recognition::nomination::may_respond;
use agora_domain::recognition::review::{
    conflict, may_decide, may_score, Aggregate, ConflictReason, DecisionInput, Outcome, Parties,
    ScoreInput,
};
use agora_domain::recognition::{NominationInput, Nominee, NomineeResponse, PersonRef};
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
        .is_some_and(|c| c.cycle.announce_on <= state.clock.now().date_naive());
    Ok((shown(n, &a, person_id(v)?, announced), a))
}

/// What a viewer is shown of a nomination. Someone who joined it by nominating the same person is
/// shown their own words, not the others' (nominating must not be a way to read a nomination).
/// Before the announcement, only the panel and the foundation know the outcome.
pub fn shown(mut n: StoredNomination, a: &Access, me: i64, announced: bool) -> StoredNomination {
    let privileged = a.admin || a.panelist;
    if !privileged && !a.nominee && n.nomination.nominator != me {
        n.nominator_name = String::new();
        n.nomination.supporters.retain(|p| *p == me);
        n.nomination.justifications.retain(|j| j.by == me);
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
        let subject = state.store.award_subject(id).await?;
        let evidence = vec![(
            state.config.url(&format!("/recognition/nominations/{id}")),
            format!(
                "{} — {}",
                subject.category.category.name, subject.cycle_year
            ),
        )];
        Some(
            issuer::issue(
                &issuer::Issuer::of(state),
                &subject,
                (today, Some(agora_domain::recognition::term_end(today))),
                evidence,
                None,
            )
            .await?,
        )
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
