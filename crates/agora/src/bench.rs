//! `agora bench`: measurements that back the performance targets (numbers go to docs/performance.md).

use agora_domain::geo::RegionMap;
use agora_domain::leads::allocation::{Allocator, Candidate, LeadRequest, Policy};
use agora_domain::taxonomy::{CompanySize, Pricing, Segment, Service};
use std::collections::BTreeSet;
use std::time::Instant;

/// Deterministic pseudo-random numbers, so every run measures the same workload.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const LANGUAGES: &[&str] = &["en", "es", "fr", "pt", "ar", "de", "zh", "hi"];

fn some(rng: &mut Rng, items: &[&str], max: usize) -> BTreeSet<String> {
    let n = 1 + rng.below(max);
    (0..n)
        .map(|_| items[rng.below(items.len())].to_string())
        .collect()
}

/// Replays `leads` synthetic leads over `partners` partners in 6 regions, with the filters a real
/// policy applies (services, languages, pauses, monthly capacities, preferences).
pub fn allocator(leads: usize, partners: usize) {
    let map = RegionMap::default_map();
    let regions: Vec<&agora_domain::geo::Region> = map.regions().iter().take(6).collect();
    let services: Vec<&str> = Service::ALL.iter().map(|s| s.slug()).collect();
    let segments: Vec<&str> = Segment::ALL.iter().map(|s| s.slug()).collect();
    let sizes: Vec<&str> = CompanySize::ALL.iter().map(|s| s.slug()).collect();
    let pricing: Vec<&str> = Pricing::ALL.iter().map(|s| s.slug()).collect();
    let mut rng = Rng(0x5eed_2026);
    let candidates: Vec<Candidate> = (0..partners)
        .map(|i| {
            let mut served = BTreeSet::from([regions[i % regions.len()].slug.clone()]);
            if rng.chance(30) {
                served.insert(regions[rng.below(regions.len())].slug.clone());
            }
            Candidate {
                id: i as i64 + 1,
                weight: 1.0,
                active: !rng.chance(5),
                paused: rng.chance(5),
                capacity_left: rng.chance(30).then(|| 500 + rng.below(4500) as u32),
                regions: served,
                countries: BTreeSet::new(),
                services: some(&mut rng, &services, 4),
                languages: some(&mut rng, LANGUAGES, 3),
                segments: some(&mut rng, &segments, 3),
                sizes: some(&mut rng, &sizes, 2),
                pricing: some(&mut rng, &pricing, 2),
                compliance: None,
            }
        })
        .collect();
    let lead_list: Vec<LeadRequest> = (0..leads)
        .map(|i| {
            let region = regions[rng.below(regions.len())];
            LeadRequest {
                id: i as i64 + 1,
                country: region.countries[rng.below(region.countries.len())].clone(),
                region: region.slug.clone(),
                services: some(&mut rng, &services, 2),
                languages: if rng.chance(70) {
                    BTreeSet::from(["en".to_string()])
                } else {
                    some(&mut rng, LANGUAGES, 1)
                },
                segment: Some(segments[rng.below(segments.len())].to_string()),
                size: Some(sizes[rng.below(sizes.len())].to_string()),
                pricing: Some(pricing[rng.below(pricing.len())].to_string()),
                declined_by: BTreeSet::new(),
            }
        })
        .collect();
    let policy = Policy::default();
    let allocator = Allocator::new(&policy, &candidates);
    let mut tally = allocator.tally(&Default::default());
    let start = Instant::now();
    let mut queued = 0usize;
    let mut scratch = agora_domain::leads::allocation::Scratch::default();
    for lead in &lead_list {
        if allocator
            .allocate_with(lead, &mut tally, false, &mut scratch)
            .queued
        {
            queued += 1;
        }
    }
    let elapsed = start.elapsed();
    println!(
        "allocator: {leads} leads over {partners} partners in {} regions: {:.3} s ({:.0} leads/s); {queued} queued",
        regions.len(),
        elapsed.as_secs_f64(),
        leads as f64 / elapsed.as_secs_f64()
    );
}

/// A fresh database for one benchmark, removed when dropped: SQLite in a new directory under `dir`,
/// or, when `postgres` names a server, a new database created on it.
struct BenchDb {
    path: std::path::PathBuf,
    store: agora_store::Store,
    /// (server URL, database name) of a PostgreSQL database to drop afterwards.
    postgres: Option<(String, String)>,
}

impl BenchDb {
    async fn new(dir: &std::path::Path, name: &str) -> anyhow::Result<Self> {
        Self::on(dir, name, None).await
    }

    async fn on(dir: &std::path::Path, name: &str, postgres: Option<&str>) -> anyhow::Result<Self> {
        let path = dir.join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path)?;
        let (store, postgres) = match postgres {
            None => (agora_store::Store::open_sqlite_dir(&path).await?, None),
            Some(url) => {
                let db = format!(
                    "agora_bench_{}_{}",
                    name.replace('-', "_"),
                    std::process::id()
                );
                let admin = agora_store::Store::connect(url, 1).await?;
                admin.drop_database(&db).await?;
                admin.create_database(&db).await?;
                admin.close().await;
                let (base, _) = url
                    .rsplit_once('/')
                    .ok_or_else(|| anyhow::anyhow!("the PostgreSQL URL has no database name"))?;
                let store = agora_store::Store::connect(&format!("{base}/{db}"), 20).await?;
                (store, Some((url.to_string(), db)))
            }
        };
        store.migrate().await?;
        Ok(Self {
            path,
            store,
            postgres,
        })
    }

    async fn drop_postgres(&self) -> anyhow::Result<()> {
        self.store.close().await;
        if let Some((url, db)) = &self.postgres {
            let admin = agora_store::Store::connect(url, 1).await?;
            admin.drop_database(db).await?;
            admin.close().await;
        }
        Ok(())
    }
}

impl Drop for BenchDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

async fn start_app(
    store: &agora_store::Store,
    tweak: impl FnOnce(&mut agora_web::Config),
) -> anyhow::Result<(String, RunningApp)> {
    let mut config = agora_web::Config {
        bind: "127.0.0.1:0".parse()?,
        // The benchmark's token posts far more than a website would in an hour.
        lead_submissions_per_token_hour: i64::MAX,
        ..Default::default()
    };
    tweak(&mut config);
    let app = agora_web::Application::build(config, store.clone()).await?;
    let base = format!("http://127.0.0.1:{}", app.port());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(app.run_until(async move {
        let _ = rx.await;
    }));
    Ok((base, RunningApp { tx, served }))
}

/// A benchmarked server, served until [`RunningApp::shut_down`] stops it.
struct RunningApp {
    tx: tokio::sync::oneshot::Sender<()>,
    served: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl RunningApp {
    /// Stops the server and waits for its shutdown (in-flight requests, the final rate-limit flush),
    /// so that nothing of it is still running when the benchmark closes its database.
    async fn shut_down(self) {
        let _ = self.tx.send(());
        match self.served.await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("the benchmarked server ended with an error: {e}"),
            Err(e) => eprintln!("the benchmarked server panicked: {e}"),
        }
    }
}

/// How many write + fsync pairs per second the disk under `dir` does: the ceiling of one commit per lead.
fn fsync_rate(dir: &std::path::Path) -> anyhow::Result<f64> {
    use std::io::Write;
    let path = dir.join("fsync-probe");
    let mut f = std::fs::File::create(&path)?;
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed().as_secs_f64() < 2.0 {
        f.write_all(&[n as u8; 512])?;
        f.sync_data()?;
        n += 1;
    }
    let rate = n as f64 / start.elapsed().as_secs_f64();
    drop(f);
    let _ = std::fs::remove_file(&path);
    Ok(rate)
}

/// What a load of concurrent clients met.
#[derive(Default)]
struct Load {
    /// Requests that did what they asked (a lead acknowledged, a page shown, a sign-in).
    done: u64,
    /// Every answer's latency in milliseconds, whatever the status.
    latencies: Vec<f64>,
    server_errors: u64,
    /// No answer: connection error or the client's 10 s time-out.
    no_answer: u64,
    /// Answers refused by a rate limit (429).
    limited: u64,
    seconds: f64,
}

impl Load {
    fn merge(&mut self, other: Load) {
        self.done += other.done;
        self.latencies.extend(other.latencies);
        self.server_errors += other.server_errors;
        self.no_answer += other.no_answer;
        self.limited += other.limited;
    }

    fn record(
        &mut self,
        started: Instant,
        res: &reqwest::Result<reqwest::Response>,
        ok: impl Fn(u16) -> bool,
    ) {
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        match res {
            Ok(r) => {
                self.latencies.push(ms);
                let status = r.status().as_u16();
                if ok(status) {
                    self.done += 1;
                } else if status >= 500 {
                    self.server_errors += 1;
                } else if status == 429 {
                    self.limited += 1;
                }
            }
            Err(_) => self.no_answer += 1,
        }
    }

    fn rate(&self) -> f64 {
        self.done as f64 / self.seconds.max(f64::EPSILON)
    }

    /// Percentile of the latencies; `summary` sorts them first.
    fn pct(&self, p: f64) -> f64 {
        self.latencies
            .get(((self.latencies.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(0.0)
    }

    fn over(&self, ms: f64) -> usize {
        self.latencies.iter().filter(|l| **l > ms).count()
    }

    fn summary(&mut self, what: &str) -> String {
        self.latencies.sort_by(|a, b| a.total_cmp(b));
        format!(
            "{what}: {} done ({:.0}/s), p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {} answers over 1 s; \
             {} 5xx, {} unanswered, {} rate-limited",
            self.done,
            self.rate(),
            self.pct(0.5),
            self.pct(0.99),
            self.pct(1.0),
            self.over(1000.0),
            self.server_errors,
            self.no_answer,
            self.limited
        )
    }
}

/// How a benchmark client posts a lead.
#[derive(Clone)]
enum Poster {
    /// The public website forwarding with an API token.
    Token(String),
    /// A website or script without a token: `POST /api/v1/leads` with no credentials.
    AnonymousApi,
    /// A visitor's browser: loads the form (cookie and CSRF token), then posts it.
    Browser,
}

fn lead_json(c: usize, i: u64) -> serde_json::Value {
    serde_json::json!({
        "organization": format!("Org {c}-{i}"), "contact_name": "Bench Client",
        "email": format!("c{c}-{i}@bench.example"), "country": "FR",
        "languages": ["fr"], "services": ["hosting"], "consent": true,
    })
}

/// The value of the hidden CSRF field in a page.
fn csrf_field(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf_token\"")?;
    let rest = &html[at..];
    let v = rest.find("value=\"")? + "value=\"".len();
    let end = rest[v..].find('"')?;
    Some(rest[v..v + end].to_string())
}

fn client() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()?)
}

/// `clients` concurrent clients, each from its own address (`X-Forwarded-For`, as behind a proxy),
/// post leads for `seconds`.
async fn post_leads(
    base: &str,
    clients: usize,
    seconds: u64,
    poster: impl Fn(usize) -> Poster,
) -> anyhow::Result<Load> {
    let deadline = Instant::now() + std::time::Duration::from_secs(seconds);
    let start = Instant::now();
    let mut tasks = vec![];
    for c in 0..clients {
        let (base, poster) = (base.to_string(), poster(c));
        let client = client()?;
        let ip = format!("10.{}.{}.{}", c / 65536 % 256, c / 256 % 256, c % 256);
        tasks.push(tokio::spawn(async move {
            let mut load = Load::default();
            let mut i = 0u64;
            while Instant::now() < deadline {
                i += 1;
                match &poster {
                    Poster::Token(_) | Poster::AnonymousApi => {
                        let t = Instant::now();
                        let mut req = client
                            .post(format!("{base}/api/v1/leads"))
                            .header("x-forwarded-for", &ip)
                            .json(&lead_json(c, i));
                        if let Poster::Token(token) = &poster {
                            req = req.bearer_auth(token);
                        }
                        load.record(t, &req.send().await, |s| s == 201);
                    }
                    Poster::Browser => {
                        let t = Instant::now();
                        let page = client
                            .get(format!("{base}/find-a-partner"))
                            .header("x-forwarded-for", &ip)
                            .send()
                            .await;
                        let html = match page {
                            Ok(r) if r.status() == 200 => r.text().await.unwrap_or_default(),
                            other => {
                                load.record(t, &other, |_| false);
                                continue;
                            }
                        };
                        let Some(token) = csrf_field(&html) else {
                            load.server_errors += 1;
                            continue;
                        };
                        let t = Instant::now();
                        let (org, email) =
                            (format!("Org {c}-{i}"), format!("c{c}-{i}@bench.example"));
                        let res = client
                            .post(format!("{base}/find-a-partner"))
                            .header("x-forwarded-for", &ip)
                            .form(&[
                                ("csrf_token", token.as_str()),
                                ("organization", org.as_str()),
                                ("contact_name", "Bench Visitor"),
                                ("email", email.as_str()),
                                ("country", "FR"),
                                ("languages", "fr"),
                                ("services", "hosting"),
                                ("consent", "on"),
                                ("submission_id", &format!("bench-{c}-{i}")),
                            ])
                            .send()
                            .await;
                        load.record(t, &res, |s| s == 303);
                    }
                }
            }
            load
        }));
    }
    let mut load = Load::default();
    for t in tasks {
        load.merge(t.await?);
    }
    load.seconds = start.elapsed().as_secs_f64();
    Ok(load)
}

/// `agora bench intake`: durable lead intake over HTTP with concurrent clients.
///
/// The token path (the public website forwarding) is measured first. With `anonymous`, the same
/// number of clients then post without a token, half through the API and half as browsers through
/// the form, each from its own address, and the run checks the target: no 5xx, no unanswered request,
/// no answer over 1 s, and at least half the token path's rate.
pub async fn intake(
    dir: &std::path::Path,
    clients: usize,
    seconds: u64,
    anonymous: bool,
    postgres: Option<&str>,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let db = BenchDb::on(dir, "intake", postgres).await?;
    let backend = if postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let person = db
        .store
        .create_person(
            &agora_domain::person::Email::parse("website@bench.example")
                .map_err(anyhow::Error::msg)?,
            "Website",
            None,
            &[],
            &agora_store::Who::system(),
        )
        .await?;
    let token = format!("agora_{}", agora_web::auth::random_token());
    db.store
        .create_api_token(
            person.id,
            "bench",
            &agora_web::auth::hash_token(&token),
            "agora_bench",
            db.store.now() + chrono::Duration::days(1),
            &agora_store::Who::system(),
        )
        .await?;
    // As `agora serve` runs: lead jobs woken by every batch. Each client has its own address; the
    // per-address limit is raised so that it refuses none of the benchmark's requests.
    let (base, stop) = start_app(&db.store, |c| {
        c.trust_proxy = true;
        c.lead_submissions_per_ip_hour = i64::MAX / 2;
    })
    .await?;
    let mut with_token =
        post_leads(&base, clients, seconds, |_| Poster::Token(token.clone())).await?;
    println!("{backend}, {clients} clients, {seconds} s each");
    println!("{}", with_token.summary("token path"));
    let mut acked = with_token.done;
    let mut met = true;
    if anonymous {
        let mut anon = post_leads(&base, clients, seconds, |c| {
            if c % 2 == 0 {
                Poster::AnonymousApi
            } else {
                Poster::Browser
            }
        })
        .await?;
        println!("{}", anon.summary("anonymous (API and form)"));
        acked += anon.done;
        let ratio = anon.rate() / with_token.rate().max(f64::EPSILON);
        met = anon.server_errors == 0
            && anon.no_answer == 0
            && anon.over(1000.0) == 0
            && ratio >= 0.5;
        println!(
            "anonymous/token rate: {ratio:.2}; target (no 5xx, none unanswered, none over 1 s, ratio >= 0.5): {}",
            if met { "met" } else { "NOT met" }
        );
    }
    stop.shut_down().await;
    // Let in-flight batches finish before counting.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let stored = db.store.count_leads().await?;
    if postgres.is_none() {
        let fsyncs = fsync_rate(&db.path)?;
        println!(
            "disk: {fsyncs:.0} fsync/s (one commit per lead would allow at most that); the token path reached {:.1}x it",
            with_token.rate() / fsyncs
        );
    }
    db.drop_postgres().await?;
    anyhow::ensure!(
        stored as u64 >= acked,
        "acknowledged leads missing: {acked} acknowledged, {stored} stored"
    );
    anyhow::ensure!(met, "the anonymous intake target was not met");
    Ok(())
}

/// `agora bench sign-in`: `clients` people sign in and read pages at once, for `seconds`. Each
/// client, from its own address, loads the sign-in form, signs in (one in eight with a wrong password
/// first), then reads its home page and the directory. Checks the target: no 5xx, nothing unanswered,
/// no request over 2 s.
pub async fn sign_in(
    dir: &std::path::Path,
    clients: usize,
    seconds: u64,
    postgres: Option<&str>,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let db = BenchDb::on(dir, "sign-in", postgres).await?;
    let backend = if postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let password = "bench password 2026";
    let hash = agora_web::auth::hash_password(password.into()).await?;
    for c in 0..clients {
        db.store
            .create_person(
                &agora_domain::person::Email::parse(&format!("p{c}@bench.example"))
                    .map_err(anyhow::Error::msg)?,
                &format!("Bench Person {c}"),
                Some(&hash),
                &[],
                &agora_store::Who::system(),
            )
            .await?;
    }
    let (base, stop) = start_app(&db.store, |c| c.trust_proxy = true).await?;
    let deadline = Instant::now() + std::time::Duration::from_secs(seconds);
    let start = Instant::now();
    let mut tasks = vec![];
    for c in 0..clients {
        let base = base.clone();
        let ip = format!("10.1.{}.{}", c / 256 % 256, c % 256);
        tasks.push(tokio::spawn(async move {
            let mut load = Load::default();
            let mut round = 0u64;
            while Instant::now() < deadline {
                round += 1;
                let Ok(client) = client() else { break };
                let email = format!("p{c}@bench.example");
                let mut attempts = vec![password];
                if (c as u64 + round).is_multiple_of(8) {
                    attempts.insert(0, "not the password");
                }
                for attempt in attempts {
                    let t = Instant::now();
                    let page = client
                        .get(format!("{base}/login"))
                        .header("x-forwarded-for", &ip)
                        .send()
                        .await;
                    let html = match page {
                        Ok(r) if r.status() == 200 => {
                            load.latencies.push(t.elapsed().as_secs_f64() * 1000.0);
                            load.done += 1;
                            r.text().await.unwrap_or_default()
                        }
                        other => {
                            load.record(t, &other, |_| false);
                            continue;
                        }
                    };
                    let token = csrf_field(&html).unwrap_or_default();
                    let t = Instant::now();
                    let res = client
                        .post(format!("{base}/login"))
                        .header("x-forwarded-for", &ip)
                        .form(&[
                            ("csrf_token", token.as_str()),
                            ("email", &email),
                            ("password", attempt),
                        ])
                        .send()
                        .await;
                    load.record(t, &res, |s| s == 303 || s == 401);
                }
                for path in ["/home", "/partners", "/"] {
                    let t = Instant::now();
                    let res = client
                        .get(format!("{base}{path}"))
                        .header("x-forwarded-for", &ip)
                        .send()
                        .await;
                    load.record(t, &res, |s| s < 400);
                }
            }
            load
        }));
    }
    let mut load = Load::default();
    for t in tasks {
        load.merge(t.await?);
    }
    load.seconds = start.elapsed().as_secs_f64();
    stop.shut_down().await;
    println!("{backend}, {clients} clients, {seconds} s");
    println!("{}", load.summary("sign-ins and page reads"));
    let met = load.server_errors == 0 && load.no_answer == 0 && load.over(2000.0) == 0;
    println!(
        "target (no 5xx, none unanswered, none over 2 s): {}",
        if met { "met" } else { "NOT met" }
    );
    db.drop_postgres().await?;
    anyhow::ensure!(met, "the sign-in target was not met");
    Ok(())
}

/// `agora bench report`: a year's transparency report whose counters hold `leads` leads over 1,000
/// partners in 7 regions, rendered as HTML and as JSON by the real application.
pub async fn report(dir: &std::path::Path, leads: u64) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let db = BenchDb::new(dir, "report").await?;
    let map = RegionMap::default_map();
    let regions: Vec<String> = map.regions().iter().map(|r| r.slug.clone()).collect();
    let mut rows = vec![];
    for i in 0..1000 {
        let input = agora_domain::partner::PartnerInput {
            name: format!("Bench Partner {i:04}"),
            website: "https://bench.example".into(),
            description: "A partner of the report benchmark.".into(),
            hq_country: map.regions()[i % 7].countries[0].clone(),
            regions: vec![regions[i % 7].clone()],
            languages: vec!["en".into()],
            services: vec!["hosting".into()],
            pricing: vec!["subscription".into()],
            segments: vec!["higher-education".into()],
            size: "11-50".into(),
            ..Default::default()
        };
        rows.push(agora_store::ImportRow {
            profile: input.parse(&map).map_err(|e| anyhow::anyhow!("{e}"))?,
            status: agora_domain::partner::PartnerStatus::Active,
        });
    }
    db.store
        .import_partners(&rows, &agora_store::Who::system())
        .await?;
    let partners: Vec<(i64, usize)> = db
        .store
        .all_partners()
        .await?
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i % 7))
        .collect();
    // The counters that `leads` real leads leave: per month, region and partner, with the
    // minutes-to-accept histogram (about 40 distinct quarter-hour buckets per partner and month).
    let per_partner_month = (leads / 12 / partners.len() as u64).max(1) as i64;
    let mut counts = vec![];
    let mut shares = vec![];
    let mut rng = Rng(0x2026_0001);
    for m in 1..=12 {
        let month = format!("2026-{m:02}");
        for r in &regions {
            counts.push((
                month.clone(),
                r.clone(),
                0,
                "received".to_string(),
                -1,
                per_partner_month * 1000 / 7,
            ));
        }
        for (id, ri) in &partners {
            let region = regions[*ri].clone();
            let offered = per_partner_month;
            let accepted = offered * 7 / 10;
            for (metric, v) in [
                ("offered", offered),
                ("accepted", accepted),
                ("declined", offered / 10),
                ("expired", offered / 5),
                ("reoffered", offered / 4),
                ("won", accepted / 3),
                ("lost", accepted / 4),
            ] {
                counts.push((
                    month.clone(),
                    region.clone(),
                    *id,
                    metric.to_string(),
                    -1,
                    v,
                ));
            }
            let mut left = accepted;
            while left > 0 {
                let n = (1 + rng.below(3) as i64).min(left);
                let bucket = agora_domain::leads::accept_bucket(rng.below(2880) as i64);
                counts.push((
                    month.clone(),
                    region.clone(),
                    *id,
                    agora_domain::leads::ACCEPT_MINUTES.to_string(),
                    bucket,
                    n,
                ));
                left -= n;
            }
            shares.push((month.clone(), *id, offered as f64, offered));
        }
    }
    let loaded = Instant::now();
    db.store.add_report_counts(&counts, &shares).await?;
    println!(
        "report: counters for {} leads loaded ({} rows) in {:.1} s",
        per_partner_month * 12 * 1000,
        counts.len(),
        loaded.elapsed().as_secs_f64()
    );
    let (base, stop) = start_app(&db.store, |c| {
        c.lead_jobs_interval = std::time::Duration::ZERO;
    })
    .await?;
    let client = reqwest::Client::new();
    for (label, path) in [
        ("HTML", "/transparency/2026"),
        ("JSON", "/api/v1/transparency?period=2026"),
        ("CSV", "/transparency/2026/report.csv"),
    ] {
        let mut times = vec![];
        let mut bytes = 0;
        for _ in 0..15 {
            let t = Instant::now();
            let res = client.get(format!("{base}{path}")).send().await?;
            anyhow::ensure!(res.status() == 200, "{path}: {}", res.status());
            bytes = res.bytes().await?.len();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!(
            "report {label} for the year: median {:.0} ms, max {:.0} ms ({} KB)",
            times[times.len() / 2],
            times[times.len() - 1],
            bytes / 1024
        );
    }
    stop.shut_down().await;
    Ok(())
}

/// A ballot box of `ballots` synthetic ranked ballots over `options` options, the same on every run.
///
/// Voters pick options one after another without replacement, each with a weight: option `o` weighs
/// `100 − 60·o / options`, so first preferences run from about 14% down to 6% (with 10 options) and
/// no option approaches a majority before the last rounds; instant-runoff then needs most of its
/// possible rounds. Half the ballots rank every option, the other half only the first 1 to n.
fn ranked_workload(
    ballots: usize,
    options: usize,
) -> anyhow::Result<agora_domain::tally::RankedBallots> {
    let names = (1..=options).map(|i| format!("Option {i}")).collect();
    let mut ballot_box =
        agora_domain::tally::RankedBallots::new(names).map_err(anyhow::Error::msg)?;
    ballot_box.reserve(ballots, ballots * (options + 1) / 2 + ballots);
    let weights: Vec<u64> = (0..options)
        .map(|o| 100 - (60 * o / options) as u64)
        .collect();
    let mut rng = Rng(0x7a11_2026);
    let mut left: Vec<u16> = Vec::with_capacity(options);
    let mut ranking: Vec<u16> = Vec::with_capacity(options);
    for _ in 0..ballots {
        let length = if rng.chance(50) {
            options
        } else {
            1 + rng.below(options)
        };
        left.clear();
        left.extend((0..options).map(|o| o as u16));
        ranking.clear();
        let mut total: u64 = weights.iter().sum();
        while ranking.len() < length {
            let mut pick = rng.next() % total;
            let mut i = 0;
            while pick >= weights[usize::from(left[i])] {
                pick -= weights[usize::from(left[i])];
                i += 1;
            }
            let o = left.swap_remove(i);
            total -= weights[usize::from(o)];
            ranking.push(o);
        }
        ballot_box.push(&ranking).map_err(anyhow::Error::msg)?;
    }
    Ok(ballot_box)
}

/// Runs `count` five times and prints the median, min and max time, plus what `describe` says of
/// the last result.
fn time_runs<T>(label: &str, count: impl Fn() -> T, describe: impl Fn(&T) -> String) {
    let mut times = Vec::with_capacity(5);
    let mut last = None;
    for _ in 0..5 {
        let start = Instant::now();
        let result = count();
        times.push(start.elapsed().as_secs_f64());
        last = Some(result);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{label}: median {:.3} s (min {:.3}, max {:.3}) over 5 runs; {}",
        times[2],
        times[0],
        times[4],
        last.as_ref().map(&describe).unwrap_or_default()
    );
}

/// `agora bench tally`: counts `ballots` synthetic ranked ballots over `options` options by
/// instant-runoff and by Schulze, each timed separately on one core; `write` also saves them as a
/// published ballot file.
pub fn tally(
    ballots: usize,
    options: usize,
    write: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    use agora_domain::tally::{
        parse_ballots_csv_on, tally_irv, tally_schulze, write_ballots_csv, BallotMeta, Method,
        TieBreak,
    };
    if !(2..=agora_domain::tally::MAX_OPTIONS).contains(&options) {
        anyhow::bail!(
            "--options must be from 2 to {}",
            agora_domain::tally::MAX_OPTIONS
        );
    }
    let start = Instant::now();
    let ballot_box = ranked_workload(ballots, options)?;
    let ranks: usize = ballot_box.iter().map(<[u16]>::len).sum();
    println!(
        "tally: {ballots} ballots over {options} options, {:.2} ranked per ballot on average (generated in {:.2} s)",
        ranks as f64 / ballots.max(1) as f64,
        start.elapsed().as_secs_f64()
    );
    let names = ballot_box.options().to_vec();
    let tie_break = TieBreak::seeded("bench");
    time_runs(
        "irv",
        || tally_irv(&ballot_box, &tie_break),
        |r| format!("{} rounds, {}", r.rounds.len(), r.outcome.last_line(&names)),
    );
    time_runs(
        "schulze",
        || tally_schulze(&ballot_box, &tie_break),
        |r| r.outcome.last_line(&names),
    );

    // What a recount of the published file adds: writing and reading the CSV (once each).
    let receipts: Vec<String> = (0..ballots).map(|i| format!("{i:08x}")).collect();
    let start = Instant::now();
    let text = write_ballots_csv(
        &BallotMeta::new(env!("CARGO_PKG_VERSION"), Method::Irv, &tie_break),
        &ballot_box,
        &receipts,
    )
    .map_err(anyhow::Error::msg)?;
    let written = start.elapsed().as_secs_f64();
    // As `agora tally` reads it: on every core.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let start = Instant::now();
    let parsed = parse_ballots_csv_on(&text, threads)?;
    let read = start.elapsed().as_secs_f64();
    anyhow::ensure!(
        parsed.ballots.len() == ballots,
        "the ballot file lost ballots"
    );
    println!(
        "ballot file: {:.1} MB, written in {written:.3} s, read in {read:.3} s",
        text.len() as f64 / 1e6
    );
    if let Some(path) = write {
        std::fs::write(path, &text)
            .map_err(|e| anyhow::anyhow!("writing {}: {e}", path.display()))?;
        println!("ballot file written to {}", path.display());
    }
    Ok(())
}

/// The foundation's compliance view (`GET /api/v1/admin/compliance`) over `partners` active
/// partners × `years` years (SQLite in DIR): each partner declares its clients every year and has
/// one contribution approved per year, half of them case studies. Prints the median and maximum of
/// 15 requests; the target is a median under 100 ms for 1,000 × 5 on a release build.
pub async fn compliance(dir: &std::path::Path, partners: usize, years: i32) -> anyhow::Result<()> {
    use agora_domain::obligations::{
        ContributionInput, DeclarationInput, ObligationPolicy, ReviewInput, Years,
    };
    anyhow::ensure!((1..=10).contains(&years), "--years must be 1 to 10");
    std::fs::create_dir_all(dir)?;
    let db = BenchDb::new(dir, "compliance").await?;
    let map = RegionMap::default_map();
    let system = agora_store::Who::system();
    let mut rows = vec![];
    for i in 0..partners {
        let input = agora_domain::partner::PartnerInput {
            name: format!("Bench Partner {i:04}"),
            website: "https://bench.example".into(),
            description: "A partner of the compliance benchmark.".into(),
            hq_country: map.regions()[i % 7].countries[0].clone(),
            regions: vec![map.regions()[i % 7].slug.clone()],
            languages: vec!["en".into()],
            services: vec!["hosting".into()],
            pricing: vec!["subscription".into()],
            segments: vec!["higher-education".into()],
            size: "11-50".into(),
            ..Default::default()
        };
        rows.push(agora_store::ImportRow {
            profile: input.parse(&map).map_err(|e| anyhow::anyhow!("{e}"))?,
            status: agora_domain::partner::PartnerStatus::Active,
        });
    }
    db.store.import_partners(&rows, &system).await?;
    let last = chrono::Datelike::year(&db.store.now());
    let first = last - years + 1;
    db.store
        .adopt_obligation_policy(
            &ObligationPolicy::fixed(
                1,
                Years {
                    first: 2000,
                    last: None,
                },
            ),
            "bench",
            None,
            &system,
        )
        .await?;
    let loaded = Instant::now();
    let approve = ReviewInput {
        verdict: "approve".into(),
        comment: String::new(),
    }
    .parse()
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    for (i, p) in db.store.all_partners().await?.iter().enumerate() {
        for year in first..=last {
            let declaration = DeclarationInput {
                year: Some(year.into()),
                count: Some((i % 20) as i64),
                logo_refused: Some((i % 3) as i64 % ((i % 20) as i64 + 1)),
                ..Default::default()
            }
            .parse()
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            db.store
                .declare_clients(p.id, &declaration, &system)
                .await?;
            let c = ContributionInput {
                kind: if (i + year as usize).is_multiple_of(2) {
                    "case_study"
                } else {
                    "logo"
                }
                .into(),
                title: "Bench contribution".into(),
                link: "https://bench.example/c".into(),
                client: "Client".into(),
                consent_evidence: "Signed".into(),
                language: "en".into(),
                year: Some(year.into()),
                ..Default::default()
            }
            .parse(year)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            let id = db.store.submit_contribution(p.id, &c, &system).await?;
            db.store.review_contribution(id, &approve, &system).await?;
        }
    }
    println!(
        "compliance: {partners} partners × {years} years declared and approved in {:.1} s",
        loaded.elapsed().as_secs_f64()
    );
    let person = db
        .store
        .create_person(
            &agora_domain::person::Email::parse("admin@bench.example")
                .map_err(anyhow::Error::msg)?,
            "Admin",
            None,
            &[agora_domain::permissions::Grant {
                role: agora_domain::permissions::Role::Admin,
                scope_id: None,
            }],
            &system,
        )
        .await?;
    let token = format!("agora_{}", agora_web::auth::random_token());
    db.store
        .create_api_token(
            person.id,
            "bench",
            &agora_web::auth::hash_token(&token),
            "agora_bench",
            db.store.now() + chrono::Duration::days(1),
            &system,
        )
        .await?;
    let (base, stop) = start_app(&db.store, |_| {}).await?;
    let client = reqwest::Client::new();
    let path = format!("/api/v1/admin/compliance?from={first}&to={last}");
    let mut times = vec![];
    let mut count = 0;
    for _ in 0..15 {
        let t = Instant::now();
        let res = client
            .get(format!("{base}{path}"))
            .bearer_auth(&token)
            .send()
            .await?;
        anyhow::ensure!(res.status() == 200, "{path}: {}", res.status());
        // Timed to the last byte of the answer; reading it back is the client's work.
        let bytes = res.bytes().await?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        let body: serde_json::Value = serde_json::from_slice(&bytes)?;
        count = body["rows"].as_array().map_or(0, Vec::len);
    }
    anyhow::ensure!(
        count == partners * years as usize,
        "expected {} rows, got {count}",
        partners * years as usize
    );
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "compliance view, {count} rows: median {:.0} ms, max {:.0} ms",
        times[times.len() / 2],
        times[times.len() - 1]
    );
    stop.shut_down().await;
    Ok(())
}

/// A group's page under load: a public group with MEMBERS members, OBJECTIVES objectives (one key
/// result each, with a check-in) in this quarter and UPDATES regular updates, read by CLIENTS
/// anonymous clients at once for SECONDS; prints the median, p99 and max latency of the page, and
/// of its updates' API and Atom feed, and fails on any non-200.
pub async fn group_page(
    dir: &std::path::Path,
    members: usize,
    objectives: usize,
    updates: usize,
    clients: usize,
    seconds: u64,
    postgres: Option<&str>,
) -> anyhow::Result<()> {
    use agora_domain::groups::okrs::{CheckInInput, KeyResultInput, ObjectiveInput};
    use agora_domain::groups::updates::UpdateInput;
    use agora_domain::permissions::{Grant, Role};
    std::fs::create_dir_all(dir)?;
    let db = BenchDb::on(dir, "group-page", postgres).await?;
    let store = &db.store;
    let system = agora_store::Who::system();
    let body = store
        .create_body(
            &agora_store::NewBody {
                slug: "bench-wg".into(),
                name: "Bench Working Group".into(),
                description: "The group of the page benchmark.".into(),
                visibility: agora_domain::governance::Visibility::Public,
                min_close_hours: 24,
            },
            &system,
        )
        .await?;
    let loaded = Instant::now();
    // Members can sign in: the signed-in pass reads the page as one of them (never the anonymous copy).
    let password = "bench password 2026";
    let hash = agora_web::auth::hash_password(password.into()).await?;
    let mut people = vec![];
    for i in 0..members {
        let role = if i < 2 {
            Role::Facilitator
        } else {
            Role::GroupMember
        };
        let p = store
            .create_person(
                &agora_domain::person::Email::parse(&format!("m{i}@bench.example"))
                    .map_err(anyhow::Error::msg)?,
                &format!("Member {i:03}"),
                Some(&hash),
                &[Grant {
                    role,
                    scope_id: Some(body.id),
                }],
                &system,
            )
            .await?;
        people.push(agora_store::Who::person(p.id, &p.email));
    }
    let facilitator = people.first().cloned().unwrap_or(system);
    let today = store.now().date_naive();
    for i in 0..objectives {
        let o = ObjectiveInput {
            title: format!("Objective {i}"),
            description: "What the group wants this quarter.".into(),
            ..Default::default()
        }
        .parse(today)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        let oid = store.create_objective(body.id, &o, &facilitator).await?;
        let kr = KeyResultInput {
            title: format!("Key result {i}"),
            kind: "number".into(),
            start: "0".into(),
            target: "100".into(),
            unit: "items".into(),
            ..Default::default()
        }
        .parse()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        let kid = store
            .add_key_result(body.id, oid, &kr, &facilitator)
            .await?;
        let c = CheckInInput {
            value: format!("{}", i * 3),
            confidence: "0.7".into(),
            comment: "On the way.".into(),
        };
        store.check_in(body.id, kid, &c, &facilitator).await?;
    }
    for i in 0..updates {
        let u = UpdateInput {
            progress: format!("Update {i}: the group moved its work forward this fortnight."),
            blockers: "None worth naming.".into(),
            next_steps: "Keep going.".into(),
            links: "https://bench.example/notes".into(),
            ..Default::default()
        }
        .parse(today)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        store
            .post_update(body.id, &u, &people[i % people.len().max(1)])
            .await?;
    }
    println!(
        "group page: {members} members, {objectives} objectives, {updates} updates loaded in {:.1} s ({})",
        loaded.elapsed().as_secs_f64(),
        if postgres.is_some() { "PostgreSQL" } else { "SQLite" }
    );
    let (base, stop) = start_app(store, |_| {}).await?;
    let anonymous = reqwest::Client::new();
    // Each signed-in client is a member of its own, with its own session.
    let mut members = vec![];
    for c in 0..clients.max(1) {
        let client = client()?;
        let html = client
            .get(format!("{base}/login"))
            .send()
            .await?
            .text()
            .await?;
        let email = format!("m{}@bench.example", c % people.len().max(1));
        let res = client
            .post(format!("{base}/login"))
            .form(&[
                ("csrf_token", csrf_field(&html).unwrap_or_default().as_str()),
                ("email", &email),
                ("password", password),
            ])
            .send()
            .await?;
        anyhow::ensure!(res.status() == 303, "{email} could not sign in");
        members.push(client);
    }
    for (label, path, signed_in) in [
        ("", "/groups/bench-wg", false),
        (" (signed in)", "/groups/bench-wg", true),
        ("", "/api/v1/groups/bench-wg/updates", false),
        ("", "/groups/bench-wg/updates.atom", false),
    ] {
        let deadline = Instant::now() + std::time::Duration::from_secs(seconds);
        let mut tasks = vec![];
        for member in &members {
            let client = if signed_in {
                member.clone()
            } else {
                anonymous.clone()
            };
            let url = format!("{base}{path}");
            tasks.push(tokio::spawn(async move {
                let mut times = vec![];
                let mut failures = 0u64;
                while Instant::now() < deadline {
                    let t = Instant::now();
                    match client.get(&url).send().await {
                        Ok(res) if res.status() == 200 => {
                            let _ = res.bytes().await;
                            times.push(t.elapsed().as_secs_f64() * 1000.0);
                        }
                        _ => failures += 1,
                    }
                }
                (times, failures)
            }));
        }
        let mut times = vec![];
        let mut failures = 0;
        for t in tasks {
            let (mine, failed) = t.await?;
            times.extend(mine);
            failures += failed;
        }
        anyhow::ensure!(failures == 0, "{path}: {failures} requests failed");
        anyhow::ensure!(!times.is_empty(), "{path}: no request finished");
        times.sort_by(|a, b| a.total_cmp(b));
        let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
        println!(
            "{path}{label}: {} requests by {clients} clients in {seconds} s: median {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            times.len(),
            at(0.5),
            at(0.99),
            times[times.len() - 1]
        );
    }
    stop.shut_down().await;
    db.drop_postgres().await?;
    Ok(())
}

/// iCalendar feeds of GROUPS public groups, each with a weekly meeting that began two years ago (one
/// occurrence cancelled and one moved in each): a person who belongs to every group reads their private
/// feed over HTTP (every series, its rule, exceptions and the zones' VTIMEZONEs), and Agora expands
/// the two years of every series as its pages and API do. Prints the median and max of 15 runs each.
pub async fn calendar(dir: &std::path::Path, groups: usize) -> anyhow::Result<()> {
    use agora_domain::groups::meetings::{Exception, SeriesInput};
    use chrono::Duration;
    anyhow::ensure!((1..=500).contains(&groups), "--groups must be 1 to 500");
    std::fs::create_dir_all(dir)?;
    let db = BenchDb::new(dir, "calendar").await?;
    let system = agora_store::Who::system();
    let zones = [
        "America/New_York",
        "Europe/Paris",
        "America/Los_Angeles",
        "Australia/Sydney",
        "Asia/Kolkata",
    ];
    let now = db.store.now();
    let first_day = (now - Duration::days(731)).date_naive();
    let person = db
        .store
        .create_person(
            &agora_domain::person::Email::parse("member@bench.example")
                .map_err(anyhow::Error::msg)?,
            "Member",
            None,
            &[],
            &system,
        )
        .await?;
    for i in 0..groups {
        let body = db
            .store
            .create_body(
                &agora_store::NewBody {
                    slug: format!("bench-group-{i:03}"),
                    name: format!("Bench group {i:03}"),
                    description: String::new(),
                    visibility: agora_domain::governance::Visibility::Public,
                    min_close_hours: 24,
                },
                &system,
            )
            .await?;
        let start = first_day + Duration::days(i as i64 % 7);
        let series = SeriesInput {
            title: format!("Bench group {i:03} weekly meeting"),
            rule: "FREQ=WEEKLY".into(),
            start: format!("{start}T{:02}:00", 9 + i % 8),
            zone: zones[i % zones.len()].into(),
            duration_minutes: "60".into(),
            place: "https://meet.bench.example/room".into(),
            agenda_template: "1. Updates\n2. Next steps".into(),
        }
        .parse()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        let id = db
            .store
            .create_meeting_series(body.id, &series, &system)
            .await?;
        let week = |n: i64| series.start + Duration::weeks(n);
        for x in [
            Exception {
                occurrence: week(10),
                moved_to: None,
            },
            Exception {
                occurrence: week(40),
                moved_to: Some(week(40) + Duration::hours(2)),
            },
        ] {
            db.store
                .set_meeting_exception(body.id, id, &x, &system)
                .await?;
        }
        db.store
            .grant_role(
                person.id,
                agora_domain::permissions::Grant {
                    role: agora_domain::permissions::Role::GroupMember,
                    scope_id: Some(body.id),
                },
                &system,
            )
            .await?;
    }
    let secret = agora_web::auth::random_token();
    db.store
        .set_calendar_feed(person.id, &agora_web::auth::hash_token(&secret), &system)
        .await?;
    let (base, stop) = start_app(&db.store, |_| {}).await?;
    let client = reqwest::Client::new();
    let path = format!("/calendar/{secret}.ics");
    let mut feed_times = vec![];
    let mut size = 0;
    for _ in 0..15 {
        let t = Instant::now();
        let res = client.get(format!("{base}{path}")).send().await?;
        anyhow::ensure!(res.status() == 200, "feed: {}", res.status());
        let text = res.text().await?;
        feed_times.push(t.elapsed().as_secs_f64() * 1000.0);
        anyhow::ensure!(
            text.matches("RRULE:").count() == groups,
            "one series per group expected"
        );
        size = text.len();
    }
    let all = db.store.meetings_of_person(person.id).await?;
    let mut expand_times = vec![];
    let mut occurrences = 0;
    for _ in 0..15 {
        let t = Instant::now();
        occurrences = all
            .iter()
            .map(|s| {
                s.series
                    .expand(&s.exceptions, now - Duration::days(731), now)
                    .occurrences
                    .len()
            })
            .sum();
        expand_times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    stop.shut_down().await;
    let stats = |mut v: Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        (v[v.len() / 2], v[v.len() - 1])
    };
    let (median, max) = stats(feed_times);
    println!(
        "calendar feed of {groups} groups ({size} bytes): median {median:.1} ms, max {max:.1} ms (target < 50 ms)"
    );
    let (median, max) = stats(expand_times);
    println!(
        "expansion of two years of {groups} weekly series ({occurrences} occurrences): median {median:.1} ms, max {max:.1} ms (target < 50 ms)"
    );
    Ok(())
}
