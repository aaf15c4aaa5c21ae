//! What the pages and the API both do: declare a partner's clients, adopt a policy version. Each
//! checks the permission, parses with the domain and writes through the store.

use crate::auth::Viewer;
use crate::error::Result;
use crate::AppState;
use agora_domain::obligations::{
    Client, Clients, Consent, DeclarationInput, ObligationPolicy, PolicyInput,
};
use agora_domain::permissions::Permission;
use agora_domain::taxonomy::Segment;
use agora_store::{ClientDeclaration, Partner};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub async fn declare(
    state: &AppState,
    v: &Viewer,
    p: &Partner,
    input: &DeclarationInput,
) -> Result<i32> {
    v.require(Permission::DeclareClients { partner_id: p.id })?;
    let declaration = input.parse()?;
    state
        .store
        .declare_clients(p.id, &declaration, &v.who())
        .await?;
    Ok(declaration.year)
}

/// A new policy version: the rules and years, a note, and the decision of the register that
/// adopted it, if any.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct AdoptInput {
    #[serde(flatten)]
    pub policy: PolicyInput,
    pub note: String,
    pub decision_id: Option<i64>,
}

pub async fn adopt(state: &AppState, v: &Viewer, input: &AdoptInput) -> Result<i64> {
    v.require(Permission::ManageObligations)?;
    let policy: ObligationPolicy = input.policy.parse()?;
    Ok(state
        .store
        .adopt_obligation_policy(&policy, &input.note, input.decision_id, &v.who())
        .await?)
}

/// One declared client, as its partner and the foundation see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClientView {
    pub organization: String,
    pub country: String,
    pub segment: Option<Segment>,
    /// YYYY-MM-DD.
    pub acquired_on: String,
    pub logo_consent: Consent,
    pub testimonial_consent: Consent,
    pub evidence: String,
}

impl From<&Client> for ClientView {
    fn from(c: &Client) -> Self {
        Self {
            organization: c.organization.clone(),
            country: c.country.as_str().to_string(),
            segment: c.segment,
            acquired_on: c.acquired_on.format("%Y-%m-%d").to_string(),
            logo_consent: c.logo_consent,
            testimonial_consent: c.testimonial_consent,
            evidence: c.evidence.clone(),
        }
    }
}

/// A partner's declaration for a year (private to its people and the foundation).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeclarationView {
    pub year: i32,
    pub declared: bool,
    /// `count` or `list`; `null` when nothing was declared.
    pub kind: Option<String>,
    pub counts: agora_domain::obligations::ClientCounts,
    pub clients: Vec<ClientView>,
    pub updated_by: Option<String>,
    #[serde(serialize_with = "agora_store::json_time::option")]
    #[schema(value_type = Option<String>)]
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl DeclarationView {
    pub fn new(year: i32, d: Option<&ClientDeclaration>) -> Self {
        Self {
            year,
            declared: d.is_some(),
            kind: d.map(|d| match d.clients {
                Clients::Count(_) => "count".to_string(),
                Clients::List { .. } => "list".to_string(),
            }),
            counts: d.map(|d| d.clients.counts()).unwrap_or_default(),
            clients: match d.map(|d| &d.clients) {
                Some(Clients::List { clients }) => clients.iter().map(ClientView::from).collect(),
                _ => vec![],
            },
            updated_by: d.map(|d| d.updated_by.clone()),
            updated_at: d.map(|d| d.updated_at),
        }
    }
}
