//! The clients a partner declares it acquired in a year: a bare count, or a list whose entries record
//! the client's consent to its logo and to a testimonial. Only the count and the consents are ever
//! used in public; the list is the partner's and the foundation's.

use super::{parse_year, MAX_COUNT};
use crate::geo::CountryCode;
use crate::partner::parse_text;
use crate::taxonomy::Segment;
use crate::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_ORGANIZATION_CHARS: usize = 200;
pub const MAX_EVIDENCE_CHARS: usize = 1000;

/// A client's answer when asked to let its logo or a testimonial be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Consent {
    /// Not asked yet, or no answer.
    Unknown,
    Given,
    Refused,
}

impl Consent {
    pub const ALL: &'static [Consent] = &[Consent::Unknown, Consent::Given, Consent::Refused];

    pub fn slug(self) -> &'static str {
        match self {
            Consent::Unknown => "unknown",
            Consent::Given => "given",
            Consent::Refused => "refused",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        match s.trim() {
            "" => Ok(Consent::Unknown),
            s => Self::ALL
                .iter()
                .copied()
                .find(|c| c.slug() == s)
                .ok_or("invalid-consent"),
        }
    }
}

/// One acquired client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    pub organization: String,
    pub country: CountryCode,
    pub segment: Option<Segment>,
    /// When the client was acquired, within the declared year.
    pub acquired_on: NaiveDate,
    pub logo_consent: Consent,
    pub testimonial_consent: Consent,
    /// Where the consent or refusal is recorded (a link, a reference, a note).
    pub evidence: String,
}

/// What the arithmetic needs from a declaration.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ClientCounts {
    pub clients: u32,
    /// Clients that refused the use of their logo.
    pub logo_refused: u32,
    /// Clients that refused to give a testimonial.
    pub testimonial_refused: u32,
}

/// A partner's clients for one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clients {
    /// Only how many, and how many of them refused.
    Count(ClientCounts),
    List {
        clients: Vec<Client>,
    },
}

impl Clients {
    pub fn counts(&self) -> ClientCounts {
        match self {
            Clients::Count(c) => *c,
            Clients::List { clients } => {
                let refused = |f: fn(&Client) -> Consent| {
                    clients.iter().filter(|c| f(c) == Consent::Refused).count() as u32
                };
                ClientCounts {
                    clients: clients.len() as u32,
                    logo_refused: refused(|c| c.logo_consent),
                    testimonial_refused: refused(|c| c.testimonial_consent),
                }
            }
        }
    }
}

/// One client as typed in a form or sent to the API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ClientInput {
    pub organization: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub segment: String,
    /// YYYY-MM-DD, within the declared year.
    pub acquired_on: String,
    /// `given`, `refused` or `unknown` (default).
    pub logo_consent: String,
    pub testimonial_consent: String,
    /// Required when a consent is given or refused.
    pub evidence: String,
}

/// A declaration as typed in a form or sent to the API: either `count` (with the refusals among
/// them) or `clients`, not both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DeclarationInput {
    pub year: Option<i64>,
    pub count: Option<i64>,
    pub logo_refused: Option<i64>,
    pub testimonial_refused: Option<i64>,
    pub clients: Option<Vec<ClientInput>>,
}

/// A valid declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    pub year: i32,
    pub clients: Clients,
}

fn count_field(e: &mut ValidationErrors, field: &str, v: Option<i64>) -> Option<u32> {
    match v {
        None => Some(0),
        Some(n) => e.check(
            field,
            u32::try_from(n)
                .ok()
                .filter(|n| *n <= MAX_COUNT)
                .ok_or("invalid-number"),
        ),
    }
}

impl ClientInput {
    fn parse(&self, e: &mut ValidationErrors, i: usize, year: Option<i32>) -> Option<Client> {
        let f = |part: &str| format!("clients[{i}].{part}");
        let organization = parse_text(
            e,
            &f("organization"),
            &self.organization,
            MAX_ORGANIZATION_CHARS,
            true,
        );
        let country = e.check(&f("country"), CountryCode::parse(&self.country));
        let segment = match self.segment.trim() {
            "" => Some(None),
            s => e.check(&f("segment"), Segment::parse(s)).map(Some),
        };
        let acquired_on = match self.acquired_on.trim() {
            "" => {
                e.add(f("acquired_on"), "required");
                None
            }
            s => e.check(
                &f("acquired_on"),
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| "invalid-date")
                    .and_then(|d| {
                        use chrono::Datelike;
                        match year {
                            Some(y) if d.year() != y => Err("date-outside-year"),
                            _ => Ok(d),
                        }
                    }),
            ),
        };
        let logo_consent = e.check(&f("logo_consent"), Consent::parse(&self.logo_consent));
        let testimonial_consent = e.check(
            &f("testimonial_consent"),
            Consent::parse(&self.testimonial_consent),
        );
        let evidence = parse_text(e, &f("evidence"), &self.evidence, MAX_EVIDENCE_CHARS, false);
        // An answer the partner relies on (a refusal exempts, a consent lets it publish) must say
        // where it is recorded.
        let answered = [logo_consent, testimonial_consent]
            .iter()
            .any(|c| matches!(c, Some(Consent::Given | Consent::Refused)));
        if answered && evidence.is_empty() {
            e.add(f("evidence"), "consent-evidence-required");
        }
        Some(Client {
            organization,
            country: country?,
            segment: segment?,
            acquired_on: acquired_on?,
            logo_consent: logo_consent?,
            testimonial_consent: testimonial_consent?,
            evidence,
        })
    }
}

impl DeclarationInput {
    pub fn parse(&self) -> Result<Declaration, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let year = match self.year {
            None => {
                e.add("year", "required");
                None
            }
            Some(y) => e.check("year", parse_year(y)),
        };
        let clients = match (&self.clients, self.count) {
            (Some(_), Some(_)) => {
                e.add("count", "count-or-list");
                None
            }
            (Some(list), None) => {
                if list.len() > MAX_COUNT as usize {
                    e.add("clients", "invalid-number");
                }
                let clients: Vec<Option<Client>> = list
                    .iter()
                    .enumerate()
                    .map(|(i, c)| c.parse(&mut e, i, year))
                    .collect();
                if self.logo_refused.is_some() || self.testimonial_refused.is_some() {
                    // With a list, refusals are the clients' own answers.
                    e.add("logo_refused", "count-or-list");
                }
                clients
                    .into_iter()
                    .collect::<Option<Vec<_>>>()
                    .map(|clients| Clients::List { clients })
            }
            (None, count) => {
                let clients = match count {
                    None => {
                        e.add("count", "required");
                        None
                    }
                    n => count_field(&mut e, "count", n),
                };
                let logo = count_field(&mut e, "logo_refused", self.logo_refused);
                let testimonial =
                    count_field(&mut e, "testimonial_refused", self.testimonial_refused);
                if let (Some(c), Some(l), Some(t)) = (clients, logo, testimonial) {
                    if l > c {
                        e.add("logo_refused", "more-than-clients");
                    }
                    if t > c {
                        e.add("testimonial_refused", "more-than-clients");
                    }
                }
                match (clients, logo, testimonial) {
                    (Some(clients), Some(logo_refused), Some(testimonial_refused)) => {
                        Some(Clients::Count(ClientCounts {
                            clients,
                            logo_refused,
                            testimonial_refused,
                        }))
                    }
                    _ => None,
                }
            }
        };
        match (year, clients) {
            (Some(year), Some(clients)) if e.is_empty() => Ok(Declaration { year, clients }),
            _ => Err(e),
        }
    }
}
