//! Spawns the real application on a random port over a fresh database, and acts like a person or a
//! script would: a cookie-keeping browser client, CSRF tokens read from pages, bearer tokens for the API.

use agora_domain::partner::{PartnerInput, PartnerStatus};
use agora_domain::permissions::Grant;
use agora_domain::person::Email;
use agora_store::testing::{Backend, TestDb};
use agora_store::{Partner, Store, Who};
use agora_web::{Application, Config};
use reqwest::redirect::Policy;
use std::net::SocketAddr;

pub struct TestApp {
    pub base: String,
    pub store: Store,
    /// The application's clock: tests move it forward to reach deadlines.
    pub clock: std::sync::Arc<agora_web::scheduler::Clock>,
    _db: TestDb,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

/// Another server instance over the same database, as behind a load balancer.
pub struct Instance {
    pub base: String,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

/// With `TEST_LOG` set (an `AGORA_LOG`-style filter, or anything for `info`), the servers' logs go
/// to stderr: the first place to look when a test meets a 500.
fn init_test_log() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if let Ok(filter) = std::env::var("TEST_LOG") {
            let filter = tracing_subscriber::EnvFilter::try_new(&filter)
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
            let _ = tracing_subscriber::fmt()
                .with_env_filter(filter)
                .with_test_writer()
                .try_init();
        }
    });
}

async fn start(
    store: Store,
    tweak: impl FnOnce(&mut Config),
) -> (
    String,
    tokio::sync::oneshot::Sender<()>,
    std::sync::Arc<agora_web::scheduler::Clock>,
) {
    let mut config = Config {
        bind: SocketAddr::from(([127, 0, 0, 1], 0)),
        // Deadlines are reached by moving the app's clock; the scheduler then acts within moments.
        governance_jobs_interval: std::time::Duration::from_millis(100),
        ..Default::default()
    };
    tweak(&mut config);
    init_test_log();
    let app = Application::build(config, store).await.expect("build app");
    let base = format!("http://127.0.0.1:{}", app.port());
    let clock = app.clock();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(app.run_until(async move {
        let _ = rx.await;
    }));
    (base, tx, clock)
}

/// `None` when the backend is PostgreSQL and no test server was given (see `TestDb::postgres`).
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |_| {}).await
}

pub async fn spawn_app_with(backend: Backend, tweak: impl FnOnce(&mut Config)) -> Option<TestApp> {
    let db = TestDb::new(backend).await.expect("test database")?;
    let (base, tx, clock) = start(db.store.clone(), tweak).await;
    Some(TestApp {
        base,
        clock,
        store: db.store.clone(),
        _db: db,
        _shutdown: tx,
    })
}

/// Runs a test body once per backend, as `<name>::sqlite` and `<name>::postgres`.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),+ $(,)?) => {
        $(mod $name {
            #[tokio::test]
            async fn sqlite() {
                if let Some(app) = $crate::helpers::spawn_app(agora_store::testing::Backend::Sqlite).await { super::$name(app).await }
            }
            #[tokio::test]
            async fn postgres() {
                if let Some(app) = $crate::helpers::spawn_app(agora_store::testing::Backend::Postgres).await { super::$name(app).await }
            }
        })+
    };
}

pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("client")
}

pub const PASSWORD: &str = "correct horse battery staple";

impl TestApp {
    pub async fn second_instance(&self, tweak: impl FnOnce(&mut Config)) -> Instance {
        let (base, tx, _) = start(self.store.clone(), tweak).await;
        Instance {
            base,
            _shutdown: tx,
        }
    }

    /// The test database's URL, for a second process (another `Store`) on the same data.
    pub fn db_url(&self) -> &str {
        &self._db.url
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn person(&self, email: &str, grants: &[Grant]) -> i64 {
        let hash = agora_web::auth::hash_password(PASSWORD.into())
            .await
            .expect("hash");
        let email = Email::parse(email).expect("email");
        self.store
            .create_person(&email, "Test Person", Some(&hash), grants, &Who::system())
            .await
            .expect("person")
            .id
    }

    pub async fn partner(&self, name: &str, status: PartnerStatus) -> Partner {
        let input = PartnerInput {
            name: name.into(),
            website: "https://example.org".into(),
            description: format!("{name} hosts Open edX."),
            hq_country: "FR".into(),
            regions: vec!["europe".into()],
            languages: vec!["fr".into()],
            services: vec!["hosting".into()],
            pricing: vec!["subscription".into()],
            size: "11-50".into(),
            segments: vec!["higher-education".into()],
            ..Default::default()
        };
        let map = self.store.region_map().await.expect("regions");
        let profile = input.parse(&map).expect("valid");
        self.store
            .create_partner(&profile, status, &Who::system())
            .await
            .expect("partner")
    }

    /// A lead from France (English), committed and allocated now. Returns its id.
    pub async fn lead(&self, org: &str, email: &str) -> i64 {
        let input = agora_domain::leads::LeadInput {
            organization: org.into(),
            contact_name: "Lea Lead".into(),
            email: email.into(),
            country: "FR".into(),
            languages: vec!["fr".into()],
            services: vec!["hosting".into()],
            consent: true,
            ..Default::default()
        };
        let map = self.store.region_map().await.expect("regions");
        let lead = input.parse(&map).expect("valid lead");
        let r = self
            .store
            .submit_leads(&[agora_store::Submission {
                lead,
                source: agora_domain::leads::LeadSource::Api,
                idempotency_key: None,
                received_at: chrono::Utc::now(),
                confirmation: None,
            }])
            .await
            .expect("submit");
        let id = r[0].as_ref().expect("stored").lead_id();
        self.store
            .run_lead_jobs(chrono::Utc::now(), None)
            .await
            .expect("jobs");
        id
    }

    /// A personal API token for a person.
    pub async fn token(&self, person_id: i64) -> String {
        let token = format!("agora_{}", agora_web::auth::random_token());
        self.store
            .create_api_token(
                person_id,
                "test",
                &agora_web::auth::hash_token(&token),
                "agora_test",
                chrono::Utc::now() + chrono::Duration::days(365),
                &Who::system(),
            )
            .await
            .expect("token");
        token
    }

    /// A client signed in as `email` (with `PASSWORD`).
    pub async fn login(&self, email: &str) -> reqwest::Client {
        let c = browser();
        let token = self.csrf(&c, "/login").await;
        let res = c
            .post(self.url("/login"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", email),
                ("password", PASSWORD),
                ("next", ""),
            ])
            .send()
            .await
            .expect("login");
        assert_eq!(res.status(), 303, "login of {email} failed");
        c
    }

    /// The CSRF token a page carries for this client.
    pub async fn csrf(&self, c: &reqwest::Client, page: &str) -> String {
        let html = c
            .get(self.url(page))
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("body");
        csrf_in(&html).unwrap_or_else(|| panic!("no csrf token on {page}"))
    }

    /// Posts a form the way a browser does: token from `page`, then the fields.
    pub async fn post_form(
        &self,
        c: &reqwest::Client,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = self.csrf(c, page).await;
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        c.post(self.url(action))
            .form(&all)
            .send()
            .await
            .expect("post")
    }
}

pub fn csrf_in(html: &str) -> Option<String> {
    let i = html.find("name=\"csrf_token\" value=\"")? + "name=\"csrf_token\" value=\"".len();
    Some(html[i..].split('"').next()?.to_string())
}

/// The mail queued to `to`, newest first (among the last 500 queued).
pub async fn mail_to(app: &TestApp, to: &str) -> Vec<agora_store::OutboxMessage> {
    app.store
        .outbox_recent(500)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.to_address == to)
        .collect()
}

/// The path of the link in the newest queued email (links carry the configured public URL).
pub async fn last_email_link(store: &Store) -> String {
    let mail = store.outbox_recent(1).await.expect("outbox");
    let body = &mail.first().expect("an email").body;
    let start = body.find("http").expect("link in email");
    let link = body[start..].split_whitespace().next().expect("link");
    reqwest::Url::parse(link).expect("url").path().to_string()
}

/// Calls the JSON API with `token`, in English; returns the status and the body (`null` when it is
/// not JSON).
pub async fn api(
    app: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> (u16, serde_json::Value) {
    let mut req = reqwest::Client::new()
        .request(method, app.url(path))
        .bearer_auth(token)
        .header("accept-language", "en");
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.expect("request");
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
    )
}

/// Reads an Atom feed with feedparser (Python), the parser many feed readers use: well-formed Atom
/// whose title ends with `title`, with an entry whose title starts with `entry` and whose link
/// contains `link`.
pub fn check_atom_feed(feed: &str, title: &str, entry: &str, link: &str) {
    use std::io::Write;
    let python = std::env::var("AGORA_SMTP_TEST_PYTHON").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scripts/smtp-test/.venv/bin/python"
        )
        .to_string()
    });
    let script = "import sys, feedparser\n\
        f = feedparser.parse(sys.stdin.buffer.read())\n\
        assert not f.bozo, f.bozo_exception\n\
        assert f.version == 'atom10', f.version\n\
        print(f.feed.title)\n\
        for e in f.entries: print(e.title, e.link, e.updated, sep='|')\n";
    let mut child = std::process::Command::new(&python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run feedparser with {python} (scripts/test installs it): {e}"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(feed.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("feedparser");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "feedparser refused the feed: {}\n{feed}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.lines().next().is_some_and(|t| t.ends_with(title)),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with(entry) && l.contains(link)),
        "{text}"
    );
}

/// An anonymous GET of the JSON API: the status and the body (`null` when it is not JSON).
pub async fn anonymous(app: &TestApp, path: &str) -> (u16, serde_json::Value) {
    let res = reqwest::Client::new()
        .get(app.url(path))
        .header("accept-language", "en")
        .send()
        .await
        .expect("request");
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
    )
}
