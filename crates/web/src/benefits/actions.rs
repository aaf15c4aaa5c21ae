//! What the benefits pages and API share: who may see a program, and a person's partners that may
//! use the benefits.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::AppState;
use agora_domain::benefits::ProgramKind;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use agora_store::{PartnerName, ProgramParticipant, StoredProgram};

/// The viewer's partners whose people may use the benefits, with their status (only active ones
/// may sign up or read the library; the others are shown why not).
pub async fn my_partners(state: &AppState, v: &Viewer) -> Result<Vec<PartnerName>> {
    let ids = v.actor.partner_ids();
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(state
        .store
        .partner_names()
        .await?
        .into_iter()
        .filter(|p| ids.contains(&p.id) && v.can(Permission::UseBenefits { partner_id: p.id }))
        .collect())
}

/// Whether the viewer may see what is for active partners: the foundation, or a person of an
/// active partner. Anonymous visitors are asked to sign in; others get a 403.
pub async fn require_active_partner(state: &AppState, v: &Viewer) -> Result<Vec<PartnerName>> {
    let mine = my_partners(state, v).await?;
    check_active_partner(v, &mine)?;
    Ok(mine)
}

/// `require_active_partner` on the viewer's partners already read.
fn check_active_partner(v: &Viewer, mine: &[PartnerName]) -> Result<()> {
    if v.can(Permission::ManageBenefits) || mine.iter().any(|p| p.status == PartnerStatus::Active) {
        Ok(())
    } else if v.person.is_none() {
        Err(Error::Unauthorized)
    } else {
        Err(Error::Forbidden)
    }
}

/// A program the viewer may see: campaigns are public, the others need an active partner (or the
/// foundation).
pub async fn visible_program(state: &AppState, v: &Viewer, id: i64) -> Result<StoredProgram> {
    Ok(visible_program_and_partners(state, v, id).await?.0)
}

/// `visible_program` with the viewer's partners (`my_partners`), read once for both.
pub async fn visible_program_and_partners(
    state: &AppState,
    v: &Viewer,
    id: i64,
) -> Result<(StoredProgram, Vec<PartnerName>)> {
    let p = state.store.program(id).await?.ok_or(Error::NotFound)?;
    let mine = my_partners(state, v).await?;
    if !p.program.kind.is_public() {
        check_active_partner(v, &mine)?;
    }
    Ok((p, mine))
}

/// The sign-ups of a program the viewer may see, from `all` of them: campaigns list their active
/// partners to everyone, the foundation sees every sign-up, and a partner its own (`own`).
/// Contacts and assets are blanked outside the foundation and the partner itself, e-mail addresses
/// outside the foundation.
pub fn shown_participants(
    v: &Viewer,
    program: &StoredProgram,
    all: &[ProgramParticipant],
    own: &[i64],
) -> Vec<ProgramParticipant> {
    let foundation = sees_contacts(v);
    all.iter()
        .filter(|x| {
            (program.program.kind.is_public() && x.partner_active)
                || foundation
                || own.contains(&x.partner_id)
        })
        .cloned()
        .map(|mut x| {
            if !foundation {
                x.contact_email = String::new();
                if !own.contains(&x.partner_id) {
                    x.contact = String::new();
                    x.assets = String::new();
                }
            }
            x
        })
        .collect()
}

/// Whether the viewer sees every sign-up's contact and assets (the foundation), or only its own.
pub fn sees_contacts(v: &Viewer) -> bool {
    v.can(Permission::ManageBenefits)
}

/// The partner a sign-up is for, by slug, checked against the viewer's rights.
pub async fn partner_for(state: &AppState, v: &Viewer, slug: &str) -> Result<PartnerName> {
    if v.person.is_none() {
        return Err(Error::Unauthorized);
    }
    let slug = slug.trim();
    if slug.is_empty() {
        return Err(ValidationErrors::single("partner", "required").into());
    }
    let p = state
        .store
        .partner_names()
        .await?
        .into_iter()
        .find(|p| p.slug == slug)
        .ok_or_else(|| {
            Error::Invalid(ValidationErrors::single("partner", "choose-your-partner"))
        })?;
    v.require(Permission::UseBenefits { partner_id: p.id })?;
    Ok(p)
}

/// Programs the viewer may list: every one for partners' people and the foundation, campaigns
/// only for everyone else.
pub async fn visible_programs(
    state: &AppState,
    v: &Viewer,
    kind: Option<ProgramKind>,
) -> Result<Vec<StoredProgram>> {
    let all = state.store.programs(kind).await?;
    let partner = require_active_partner(state, v).await.is_ok();
    Ok(all
        .into_iter()
        .filter(|p| partner || p.program.kind.is_public())
        .collect())
}
