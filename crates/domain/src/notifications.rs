//! Notification preferences: which e-mail a person gets at once, in a daily or weekly digest, or not
//! at all, per kind of notification and per group; when a digest is due; and the signed one-click
//! unsubscribe links every e-mail carries (RFC 8058).

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::ValidationErrors;

/// A kind of notification a person can choose for. Lead offers to partners and account messages are
/// not among them: they are always sent (`Class::Always`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    /// Decisions opened, revised, escalated, decided in the bodies one belongs to.
    Decisions,
    /// Status updates posted by one's groups.
    Updates,
    /// Changes to meetings: cancelled or moved occurrences.
    Meetings,
    /// Reminders: updates due, hours to log, a facilitation term ending, a vote closing.
    Reminders,
    /// Leads closed for one's partner (offers themselves are always sent).
    Leads,
    /// Requests to join one's groups (to their facilitators), and answers to one's own requests.
    Membership,
}

impl Topic {
    pub const ALL: [Topic; 6] = [
        Topic::Decisions,
        Topic::Updates,
        Topic::Meetings,
        Topic::Reminders,
        Topic::Leads,
        Topic::Membership,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Topic::Decisions => "decisions",
            Topic::Updates => "updates",
            Topic::Meetings => "meetings",
            Topic::Reminders => "reminders",
            Topic::Leads => "leads",
            Topic::Membership => "membership",
        }
    }

    pub fn parse(s: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.slug() == s)
    }

    /// Whether a group can have its own choice for this kind (its decisions, updates, meetings and
    /// reminders come from it; leads do not).
    pub fn per_group(self) -> bool {
        !matches!(self, Topic::Leads)
    }

    /// What a person gets before choosing: updates come in a daily digest, since a person in several
    /// groups would otherwise get one e-mail per update; everything else at once.
    pub fn default_delivery(self) -> Delivery {
        match self {
            Topic::Updates => Delivery::Daily,
            _ => Delivery::AtOnce,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Delivery {
    AtOnce,
    Daily,
    Weekly,
    Off,
}

impl Delivery {
    pub const ALL: [Delivery; 4] = [
        Delivery::AtOnce,
        Delivery::Daily,
        Delivery::Weekly,
        Delivery::Off,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Delivery::AtOnce => "at-once",
            Delivery::Daily => "daily",
            Delivery::Weekly => "weekly",
            Delivery::Off => "off",
        }
    }

    pub fn parse(s: &str) -> Option<Delivery> {
        Delivery::ALL.into_iter().find(|d| d.slug() == s)
    }

    pub fn is_digest(self) -> bool {
        matches!(self, Delivery::Daily | Delivery::Weekly)
    }
}

/// How an e-mail is treated: always sent, or by the recipient's choice for its topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Cannot be turned off: a partner's lead offers (they expire and pass to another partner
    /// unanswered) and account and security messages.
    Always,
    Topic(Topic),
}

/// Every e-mail the programs send by message id, with its class. An id missing here is always sent;
/// a store test checks that every id the store queues is listed.
pub const MAILS: &[(&str, Class)] = &[
    ("email-decision-opened", Class::Topic(Topic::Decisions)),
    ("email-decision-revised", Class::Topic(Topic::Decisions)),
    ("email-decision-escalated", Class::Topic(Topic::Decisions)),
    ("email-decision-review", Class::Topic(Topic::Decisions)),
    ("email-decision-withdrawn", Class::Topic(Topic::Decisions)),
    ("email-decision-decided", Class::Topic(Topic::Decisions)),
    ("email-decision-closed", Class::Topic(Topic::Decisions)),
    (
        "email-decision-closed-result",
        Class::Topic(Topic::Decisions),
    ),
    ("email-decision-closing", Class::Topic(Topic::Reminders)),
    ("email-group-update-posted", Class::Topic(Topic::Updates)),
    (
        "email-group-meeting-cancelled",
        Class::Topic(Topic::Meetings),
    ),
    ("email-group-meeting-moved", Class::Topic(Topic::Meetings)),
    ("email-group-update-due", Class::Topic(Topic::Reminders)),
    ("email-group-hours-due", Class::Topic(Topic::Reminders)),
    ("email-group-term-ending", Class::Topic(Topic::Reminders)),
    (
        "email-group-join-requested",
        Class::Topic(Topic::Membership),
    ),
    (
        "email-group-request-accepted",
        Class::Topic(Topic::Membership),
    ),
    (
        "email-group-request-declined",
        Class::Topic(Topic::Membership),
    ),
    ("email-lead-closed", Class::Topic(Topic::Leads)),
    ("email-offer-new", Class::Always),
    ("email-offer-reminder", Class::Always),
    ("email-obligations-reminder", Class::Topic(Topic::Reminders)),
    // The nominee must answer (accept or decline) before the review: not a notification to mute.
    ("email-recognition-nominated", Class::Always),
    // The answer to one's own appeal, and the warning that a term's evaluation comes (a member
    // who misses it may lapse): both concern the recipient alone.
    ("email-recognition-appeal-answered", Class::Always),
    (
        "email-recognition-evaluation-warning",
        Class::Topic(Topic::Reminders),
    ),
];

pub fn classify(mail_id: &str) -> Class {
    MAILS
        .iter()
        .find(|(id, _)| *id == mail_id)
        .map_or(Class::Always, |(_, c)| *c)
}

/// One choice: for a topic, everywhere (`group: None`) or in one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Preference {
    pub topic: Topic,
    pub group: Option<i64>,
    pub delivery: Delivery,
}

/// How a mail of `topic` about `group` reaches a person: the group's own choice, else the topic's,
/// else the topic's default.
pub fn delivery(prefs: &[Preference], topic: Topic, group: Option<i64>) -> Delivery {
    let group_choice = group.and_then(|g| {
        prefs
            .iter()
            .find(|p| p.topic == topic && p.group == Some(g) && topic.per_group())
    });
    group_choice
        .or_else(|| prefs.iter().find(|p| p.topic == topic && p.group.is_none()))
        .map_or(topic.default_delivery(), |p| p.delivery)
}

/// Checks a whole set of choices as a form or the API sends it: at most one per topic and group, no
/// group choice for a topic that has none. Field names are `topic` or `topic@group`.
pub fn check(prefs: &[Preference]) -> Result<(), ValidationErrors> {
    // Past this, a list is not a person's choices; refused before any work that grows with it.
    if prefs.len() > MAX_CHOICES {
        return Err(ValidationErrors::single("preferences", "too-many-choices"));
    }
    let mut errors = ValidationErrors::new();
    let mut seen = std::collections::HashSet::with_capacity(prefs.len());
    for p in prefs {
        let field = field_name(p.topic, p.group);
        if p.group.is_some() && !p.topic.per_group() {
            errors.add(field, "notification-not-per-group");
        } else if !seen.insert((p.topic, p.group)) {
            errors.add(field, "notification-repeated");
        }
    }
    errors.into_result(())
}

/// The most choices one person's set may hold: every kind everywhere and in each of 200 groups.
pub const MAX_CHOICES: usize = Topic::ALL.len() * 201;

pub fn field_name(topic: Topic, group: Option<i64>) -> String {
    match group {
        Some(g) => format!("{}@{g}", topic.slug()),
        None => topic.slug().to_string(),
    }
}

/// What a one-click unsubscribe link stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum Scope {
    /// Every e-mail of a topic, in every group.
    Topic(Topic),
    /// Every digest of that period (what the person had chosen to receive that way).
    Digest(Delivery),
}

impl Scope {
    pub fn slug(self) -> String {
        match self {
            Scope::Topic(t) => t.slug().to_string(),
            Scope::Digest(d) => format!("digest-{}", d.slug()),
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        match s.strip_prefix("digest-") {
            Some(d) => Delivery::parse(d)
                .filter(|d| d.is_digest())
                .map(Scope::Digest),
            None => Topic::parse(s).map(Scope::Topic),
        }
    }
}

/// The choices after a person unsubscribes: the scope's mail becomes off everywhere; nothing else
/// changes.
pub fn unsubscribe(prefs: &[Preference], scope: Scope) -> Vec<Preference> {
    let mut out = Vec::new();
    for topic in Topic::ALL {
        let mine: Vec<&Preference> = prefs.iter().filter(|p| p.topic == topic).collect();
        match scope {
            Scope::Topic(t) if t == topic => out.push(Preference {
                topic,
                group: None,
                delivery: Delivery::Off,
            }),
            Scope::Digest(period) => {
                // The topic-wide choice as it resolves, then each group's own.
                let wide = delivery(prefs, topic, None);
                out.push(Preference {
                    topic,
                    group: None,
                    delivery: if wide == period { Delivery::Off } else { wide },
                });
                for p in mine.into_iter().filter(|p| p.group.is_some()) {
                    out.push(Preference {
                        delivery: if p.delivery == period {
                            Delivery::Off
                        } else {
                            p.delivery
                        },
                        ..*p
                    });
                }
            }
            Scope::Topic(_) => out.extend(mine.into_iter().copied()),
        }
    }
    out
}

/// Digests go out at this hour (UTC): before the working day in Europe and Africa, in the evening
/// before it in the Americas.
pub const DIGEST_HOUR_UTC: u32 = 7;

/// When a digest holding a mail queued at `first` is due: the next 07:00 UTC for a daily digest, the
/// next Monday 07:00 UTC for a weekly one (strictly after `first`). `None` for what is not a digest.
pub fn digest_due_at(period: Delivery, first: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let today = first
        .date_naive()
        .and_time(NaiveTime::from_hms_opt(DIGEST_HOUR_UTC, 0, 0)?)
        .and_utc();
    let mut next = if first < today {
        today
    } else {
        today + Duration::days(1)
    };
    match period {
        Delivery::Daily => Some(next),
        Delivery::Weekly => {
            while next.weekday() != chrono::Weekday::Mon {
                next += Duration::days(1);
            }
            Some(next)
        }
        Delivery::AtOnce | Delivery::Off => None,
    }
}

type HmacSha256 = Hmac<Sha256>;

/// The token of a person's unsubscribe link for a scope: `<person>.<scope>.<mac>`, signed with the
/// site's secret so that nobody can unsubscribe someone else, and needing no sign-in (RFC 8058).
pub fn unsubscribe_token(secret: &[u8], person: i64, scope: Scope) -> String {
    let payload = format!("{person}.{}", scope.slug());
    let tag = keyed(secret, &payload).finalize().into_bytes();
    format!("{payload}.{}", hex::encode(&tag[..16]))
}

/// The person and scope of a token this site signed; `None` for anything else.
pub fn verify_unsubscribe_token(secret: &[u8], token: &str) -> Option<(i64, Scope)> {
    let (payload, tag) = token.rsplit_once('.')?;
    let (person, scope) = payload.split_once('.')?;
    let person: i64 = person.parse().ok().filter(|p| *p > 0)?;
    let scope = Scope::parse(scope)?;
    let canonical = format!("{person}.{}", scope.slug());
    // One address per link: "+5", "05" or upper-case hex name the same link but were never given out.
    let tag_bytes = hex::decode(tag).ok().filter(|t| t.len() == 16)?;
    if payload != canonical || hex::encode(&tag_bytes) != tag {
        return None;
    }
    keyed(secret, &canonical)
        .verify_truncated_left(&tag_bytes)
        .ok()?;
    Some((person, scope))
}

fn keyed(secret: &[u8], payload: &str) -> HmacSha256 {
    let mut m = <HmacSha256 as hmac::digest::KeyInit>::new_from_slice(secret)
        .expect("HMAC takes a key of any length");
    m.update(b"unsubscribe:");
    m.update(payload.as_bytes());
    m
}

#[cfg(test)]
mod tests;
