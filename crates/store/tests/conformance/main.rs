//! The store's conformance suite: every test runs on SQLite and on PostgreSQL.

use agora_domain::audit::{AuditEvent, ChainError};
use agora_domain::geo::RegionMap;
use agora_domain::pagination::PageRequest;
use agora_domain::partner::{ApplicationInput, DirectoryFilter, PartnerInput, PartnerStatus};
use agora_domain::permissions::{Grant, Role};
use agora_domain::person::Email;
use agora_domain::taxonomy::Service;
use agora_store::testing::{Backend, TestDb};
use agora_store::{AuditFilter, ImportRow, Invitation, Store, StoreError, TokenPurpose, Who};

/// Runs each listed test on SQLite and on PostgreSQL (`<file>::sqlite::<name>`, `<file>::postgres::<name>`).
macro_rules! conformance {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $name() { super::run(agora_store::testing::Backend::Sqlite, super::$name).await })+
        }
        mod postgres {
            $(#[tokio::test] async fn $name() { super::run(agora_store::testing::Backend::Postgres, super::$name).await })+
        }
    };
}

async fn run<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let Some(db) = TestDb::new(backend).await.expect("test database") else {
        return;
    };
    agora_store::set_mail_renderer(render_mail);
    test(db.store.clone()).await;
}

/// Mail as the store hands it to be written: the recipient's language, the message and its
/// arguments (the words are the web layer's).
fn render_mail(language: Option<&str>, mail: &agora_store::Mail) -> (String, String) {
    let args: Vec<String> = mail.args.iter().map(|(k, v)| format!("{k}={v}")).collect();
    (
        format!("[{}] {}", language.unwrap_or("-"), mail.id),
        args.join("\n"),
    )
}

// Each program's tests, in its own file (one line here per program).
mod accounts;
mod activity;
mod audit;
mod benefits;
mod contributions;
mod course_plans;
mod courses;
mod events;
mod governance;
mod groups;
mod hours;
mod initiatives;
mod kernel;
mod leads;
mod meetings;
mod obligations;
mod partners;

/// A read of damaged data fails naming the table, the column and the value, never with a default.
#[track_caller]
fn assert_corrupt<T: std::fmt::Debug>(
    read: Result<T, StoreError>,
    table: &str,
    column: &str,
    value: &str,
) {
    match read {
        Err(StoreError::Corrupt {
            table: t,
            column: c,
            value: v,
        }) => assert_eq!((t, c, v.as_str()), (table, column, value)),
        other => panic!("expected {table}.{column} to be corrupt, got {other:?}"),
    }
}

/// Damages stored data on purpose, with SQL as it is.
async fn damage(store: &Store, sql: &str) {
    assert!(store.execute_for_test(sql).await.expect(sql) > 0, "{sql}");
}

fn admin() -> Who {
    Who::person(1, "admin@example.org")
}

fn profile(name: &str, country: &str, service: &str) -> agora_domain::partner::PartnerProfile {
    PartnerInput {
        name: name.into(),
        website: "https://example.org".into(),
        description: format!("{name} runs Open edX sites."),
        hq_country: country.into(),
        countries: vec![country.into()],
        languages: vec!["en".into()],
        services: vec![service.into()],
        pricing: vec!["subscription".into()],
        size: "11-50".into(),
        segments: vec!["corporate".into()],
        ..Default::default()
    }
    .parse(&RegionMap::default_map())
    .expect("valid profile")
}

fn application(name: &str, email: &str) -> agora_domain::partner::Application {
    ApplicationInput {
        profile: profile(name, "FR", "hosting").to_input(),
        contact_name: "Claire Contact".into(),
        contact_email: email.into(),
        motivation: "We want to join.".into(),
    }
    .parse(&RegionMap::default_map())
    .expect("valid application")
}

fn invitation(hash: &str) -> Invitation {
    Invitation {
        token_hash: hash.into(),
        expires_at: "2999-01-01T00:00:00.000Z".parse().expect("time"),
        subject: "Welcome".into(),
        body: "Set your password".into(),
    }
}

fn lead_input(email: &str, org: &str, country: &str) -> agora_domain::leads::NewLead {
    agora_domain::leads::LeadInput {
        organization: org.into(),
        contact_name: "Ana Souza".into(),
        email: email.into(),
        country: country.into(),
        segment: "corporate".into(),
        languages: vec!["en".into()],
        services: vec!["hosting".into()],
        message: "We need a platform.".into(),
        consent: true,
        ..Default::default()
    }
    .parse(&RegionMap::default_map())
    .expect("valid lead")
}

fn t(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .expect("test")
        .with_timezone(&chrono::Utc)
}

fn submission(
    lead: agora_domain::leads::NewLead,
    key: Option<&str>,
    at: &str,
) -> agora_store::Submission {
    agora_store::Submission {
        lead,
        source: agora_domain::leads::LeadSource::Api,
        idempotency_key: key.map(str::to_string),
        received_at: t(at),
        confirmation: None,
    }
}

async fn active_partner(store: &Store, name: &str, country: &str) -> i64 {
    store
        .create_partner(
            &profile(name, country, "hosting"),
            PartnerStatus::Active,
            &admin(),
        )
        .await
        .expect("test")
        .id
}

// ---- Governance --------------------------------------------------------------------------------------

use agora_domain::governance::{
    parse_decision, BodyKind, DecisionInput, DecisionKind, DecisionStatus, Ruling, Stance,
    Visibility, VoteChoice, VoterKey,
};
use agora_store::{BallotChoice, Body, NewBody};

async fn member(store: &Store, email: &str, grants: &[Grant]) -> (i64, Who) {
    let p = store
        .create_person(
            &Email::parse(email).expect("test"),
            email.split('@').next().unwrap_or(email),
            Some("$argon2id$test"),
            grants,
            &admin(),
        )
        .await
        .expect("test");
    (p.id, Who::person(p.id, email))
}

/// A group with a facilitator and `n` members.
async fn group(store: &Store, slug: &str, n: usize) -> (Body, Vec<(i64, Who)>) {
    let body = store
        .create_body(
            &NewBody {
                slug: slug.into(),
                name: format!("{slug} group"),
                description: String::new(),
                visibility: Visibility::Members,
                min_close_hours: 24,
            },
            &admin(),
        )
        .await
        .expect("test");
    let mut people = vec![
        member(
            store,
            &format!("facilitator@{slug}.example"),
            &[Grant {
                role: Role::Facilitator,
                scope_id: Some(body.id),
            }],
        )
        .await,
    ];
    for i in 0..n {
        people.push(
            member(
                store,
                &format!("m{i}@{slug}.example"),
                &[Grant {
                    role: Role::GroupMember,
                    scope_id: Some(body.id),
                }],
            )
            .await,
        );
    }
    (body, people)
}

fn proposal(kind: &str) -> DecisionInput {
    DecisionInput {
        title: "Adopt the case-study requirement".into(),
        text: "Each partner publishes one case study a year.".into(),
        kind: kind.into(),
        close_hours: Some("72".into()),
        ..DecisionInput::default()
    }
}

async fn open(store: &Store, body: &Body, input: &DecisionInput, who: &Who, at: &str) -> i64 {
    let new = parse_decision(input, body.kind, body.min_close_hours).expect("valid proposal");
    store
        .open_decision(body, &new, who, t(at))
        .await
        .expect("opens")
}

fn code(e: StoreError) -> &'static str {
    match e {
        StoreError::Invalid(v) => v.errors[0].code,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn metric_count(
    c: &agora_store::ReportCounts,
    partner: i64,
    m: agora_domain::leads::Metric,
) -> u64 {
    c.counts
        .iter()
        .filter(|(_, p, metric, bucket, _)| *p == partner && *metric == m && *bucket < 0)
        .map(|(.., n)| *n)
        .sum()
}

async fn partner_person(store: &Store, email: &str, partner_id: i64) {
    store
        .create_person(
            &Email::parse(email).expect("email"),
            "Partner Person",
            None,
            &[Grant {
                role: Role::PartnerAdmin,
                scope_id: Some(partner_id),
            }],
            &admin(),
        )
        .await
        .expect("person");
}

async fn emails_to(store: &Store, to: &str) -> Vec<agora_store::OutboxMessage> {
    store
        .outbox_recent(100)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.to_address == to)
        .collect()
}

// ---- What needs a person -----------------------------------------------------------------------
