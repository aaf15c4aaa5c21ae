//! What the pages and the API both do: submit and resubmit contributions, propose topics, and the
//! Marketing WG's reviews. Each checks who may act, parses with the domain and writes through the
//! store; a refused request changes nothing.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::AppState;
use agora_domain::obligations::{
    is_reviewer, may_review, ContributionInput, ContributionState, ReviewInput, TopicInput,
    TopicState, MARKETING_GROUP,
};
use agora_domain::permissions::Permission;
use agora_store::{Contribution, Partner, Topic};
use chrono::Datelike;

/// The Marketing WG's body id, if the group exists.
pub async fn marketing_group(state: &AppState) -> Result<Option<i64>> {
    Ok(state.store.group(MARKETING_GROUP).await?.map(|g| g.body.id))
}

/// Whether the viewer reviews for the Marketing WG.
pub async fn viewer_reviews(state: &AppState, v: &Viewer) -> Result<bool> {
    Ok(v.person.is_some() && is_reviewer(&v.actor, marketing_group(state).await?))
}

/// Reviewers of the Marketing WG for something of `partner_id`: anonymous visitors are asked to
/// sign in, anyone else outside the group (or reviewing their own organization) gets a 403.
pub async fn require_reviewer(state: &AppState, v: &Viewer, partner_id: i64) -> Result<()> {
    if v.person.is_none() {
        return Err(Error::Unauthorized);
    }
    may_review(&v.actor, marketing_group(state).await?, partner_id).map_err(|_| Error::Forbidden)
}

/// The review queue: reviewers, and foundation admins who oversee it.
pub async fn require_queue(state: &AppState, v: &Viewer) -> Result<()> {
    if v.person.is_none() {
        return Err(Error::Unauthorized);
    }
    if v.is_admin() || viewer_reviews(state, v).await? {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// A contribution is seen by its partner's people, the foundation and the reviewers.
pub async fn require_view(state: &AppState, v: &Viewer, partner_id: i64) -> Result<()> {
    if v.can(Permission::ViewPartnerPrivate { partner_id }) || viewer_reviews(state, v).await? {
        Ok(())
    } else {
        v.require(Permission::ViewPartnerPrivate { partner_id })
    }
}

pub async fn contribution(state: &AppState, v: &Viewer, id: i64) -> Result<Contribution> {
    let c = state.store.contribution(id).await?.ok_or(Error::NotFound)?;
    require_view(state, v, c.partner.id).await?;
    Ok(c)
}

pub async fn submit(
    state: &AppState,
    v: &Viewer,
    p: &Partner,
    input: &ContributionInput,
) -> Result<i64> {
    v.require(Permission::SubmitContributions { partner_id: p.id })?;
    let c = input.parse(state.clock.now().year())?;
    Ok(state.store.submit_contribution(p.id, &c, &v.who()).await?)
}

pub async fn resubmit(
    state: &AppState,
    v: &Viewer,
    id: i64,
    input: &ContributionInput,
) -> Result<Contribution> {
    let c = contribution(state, v, id).await?;
    v.require(Permission::SubmitContributions {
        partner_id: c.partner.id,
    })?;
    let new = input.parse(state.clock.now().year())?;
    state
        .store
        .resubmit_contribution(id, &new, &v.who())
        .await?;
    Ok(c)
}

pub async fn review(
    state: &AppState,
    v: &Viewer,
    id: i64,
    input: &ReviewInput,
) -> Result<ContributionState> {
    let c = state.store.contribution(id).await?.ok_or(Error::NotFound)?;
    require_reviewer(state, v, c.partner.id).await?;
    let r = input.parse()?;
    let s = state.store.review_contribution(id, &r, &v.who()).await?;
    if s == ContributionState::Approved {
        state.cache.invalidate();
    }
    Ok(s)
}

pub async fn propose_topic(
    state: &AppState,
    v: &Viewer,
    p: &Partner,
    input: &TopicInput,
) -> Result<i64> {
    v.require(Permission::SubmitContributions { partner_id: p.id })?;
    let t = input.parse()?;
    Ok(state.store.propose_topic(p.id, &t, &v.who()).await?)
}

pub async fn review_topic(
    state: &AppState,
    v: &Viewer,
    id: i64,
    input: &ReviewInput,
) -> Result<(Topic, TopicState)> {
    let t = state.store.topic(id).await?.ok_or(Error::NotFound)?;
    require_reviewer(state, v, t.partner.id).await?;
    let r = input.parse()?;
    let s = state.store.review_topic(id, &r, &v.who()).await?;
    Ok((t, s))
}
