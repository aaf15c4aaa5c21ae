//! The `agora` command: runs the server and the operator tasks around it.

mod bench;
mod courses;
mod demo;
mod evidence;
mod tally;

use agora_domain::audit::AuditEvent;
use agora_domain::permissions::{Grant, Role};
use agora_domain::person::{check_password, parse_display_name, Email};
use agora_store::{Store, Who};
use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "agora",
    version,
    about = "Agora: the partner and community programs of the Open edX ecosystem."
)]
struct Cli {
    #[command(flatten)]
    db: DbArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DbArgs {
    /// Folder of the embedded SQLite database (used when no database URL is given).
    #[arg(
        long,
        global = true,
        env = "AGORA_DATA_DIR",
        default_value = "./agora-data"
    )]
    data_dir: PathBuf,
    /// PostgreSQL URL (postgres://user:pass@host/db) for multi-instance deployments.
    #[arg(long, global = true, env = "DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    /// Maximum database connections of this process.
    #[arg(
        long,
        global = true,
        env = "AGORA_DB_CONNECTIONS",
        default_value_t = 10
    )]
    db_connections: u32,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (applies pending migrations first).
    Serve(Box<ServeArgs>),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the fictional demo ecosystem (idempotent) and print the demo accounts.
    Demo {
        /// How many partner organizations to create.
        #[arg(long, default_value_t = 48)]
        partners: usize,
    },
    /// Manage accounts.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Work with the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Export or import the partner directory as CSV.
    #[command(subcommand)]
    Partners(PartnersCommand),
    /// Show or replace the region map (which countries each region holds) as JSON.
    #[command(subcommand)]
    Regions(RegionsCommand),
    /// Measure what the performance targets are about (use a release build).
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Write a consistent copy of the live SQLite database to FILE (for PostgreSQL, use pg_dump).
    Backup { file: PathBuf },
    /// Lead jobs and checks.
    #[command(subcommand)]
    Leads(LeadsCommand),
    /// Evidence for the Distinguished Contributor program.
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// Courses and their learner activity, for community plans.
    #[command(subcommand)]
    Course(CourseCommand),
    /// Recount a published ballot file and print the result (needs no database).
    ///
    /// FILE is the CSV published at the close of a ranked vote: metadata rows starting with `#`
    /// (#agora-ballots, #software, #method, #seed, #seed-sha256, one #option per option), then one
    /// ballot per row: its receipt, then the names of the options it ranks, most preferred first. A
    /// hand-written file may leave out the metadata. The last line printed is `winner: NAME` or
    /// `tie: A, B`. Exits non-zero, naming the line, if the file is not a valid ballot file.
    Tally {
        /// The ballot file ("-" for standard input).
        file: PathBuf,
        /// How to count: irv (instant-runoff) or schulze.
        #[arg(long, value_parser = ["irv", "schulze"])]
        method: String,
        /// Tie-break seed (default: the file's #seed). It must match the file's #seed-sha256 when
        /// the file has one. An empty value counts without a seed: ties then stay ties.
        #[arg(long)]
        seed: Option<String>,
        /// Print {"options", "ballots", "seed", "seed_sha256", "result"} as JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum EvidenceCommand {
    /// Import a local git repository's history (every ref, with its .mailmap) into the activity
    /// ledger: authors, and co-authors, reviewers and sign-offs from trailers; bots are kept apart.
    /// A second run adds only what is new.
    ImportGit {
        /// The repository: its working tree, its .git folder, or a bare repository.
        path: PathBuf,
        /// Only commits committed on or after this date (YYYY-MM-DD or RFC 3339), as git log --since.
        #[arg(long)]
        since: Option<String>,
        /// Print the counts as JSON: {"commits", "new", "authors": [{"name", "email", "commits"}],
        /// "bots": [{"email", "commits"}]}, per mailmapped author address over all refs.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum CourseCommand {
    /// Import Open edX tracking logs (one JSON event per line, plain or gzip) into the weekly series
    /// of the courses they mention, creating those courses. Learners are pseudonymised; malformed
    /// lines are skipped and listed by number; importing a file again adds nothing, and a file
    /// that grew adds only its new lines.
    ImportTrackingLog {
        /// The log files, in any order.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the reports as a JSON array.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum LeadsCommand {
    /// Run the lead jobs once now (allocation, SLA expiry, reminders, retention) and print what they did.
    RunJobs {
        /// Days after which personal data is anonymised (0 keeps it).
        #[arg(long, env = "AGORA_LEAD_RETENTION_DAYS", default_value_t = 730)]
        retention_days: u32,
    },
    /// Replay recent leads under the policy in FILE (JSON, as GET /api/v1/lead-policy's "policy") and
    /// print how each partner's offers would change. Adopts nothing.
    DryRun { file: PathBuf },
    /// Check that every lead id listed in FILE (one per line) is stored; exits non-zero otherwise.
    VerifyIds { file: PathBuf },
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "AGORA_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// The address people reach Agora at (for links in emails and badges); https turns on secure cookies.
    #[arg(long, env = "AGORA_PUBLIC_URL")]
    public_url: Option<String>,
    /// Load the demo data (if not loaded yet) and print fresh demo credentials.
    #[arg(long, env = "AGORA_DEMO")]
    demo: bool,
    /// Trust X-Forwarded-For from a reverse proxy for client addresses.
    #[arg(long, env = "AGORA_TRUST_PROXY")]
    trust_proxy: bool,
    /// With --trust-proxy: how many reverse proxies stand in front of Agora. The client address is the
    /// right-most X-Forwarded-For entry not added by one of them.
    #[arg(long, env = "AGORA_TRUSTED_PROXIES", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    trusted_proxies: u16,
    /// Require this bearer token on /metrics (open when unset).
    #[arg(long, env = "AGORA_METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
    /// Megabytes of rendered public pages (directory, profiles, badges) kept in memory per instance.
    #[arg(long, env = "AGORA_PAGE_CACHE_MB", default_value_t = 64)]
    page_cache_mb: u64,
    /// Megabytes of the largest tracking log a course plan's page accepts as an upload (larger logs
    /// go through `agora course import-tracking-log`).
    #[arg(long, env = "AGORA_MAX_LOG_UPLOAD_MB", default_value_t = 2048)]
    max_log_upload_mb: usize,
    /// Minutes of inactivity after which a session ends.
    #[arg(long, env = "AGORA_SESSION_IDLE_MINUTES", default_value_t = 30)]
    session_idle_minutes: u64,
    /// Seconds between runs of the lead jobs (allocation, SLA expiry, reminders, retention); 0 turns
    /// them off on this instance. New leads are allocated at once regardless.
    #[arg(long, env = "AGORA_LEAD_JOBS_INTERVAL_SECS", default_value_t = 60)]
    lead_jobs_interval_secs: u64,
    /// Days after which a lead's personal data is anonymised (0 keeps it).
    #[arg(long, env = "AGORA_LEAD_RETENTION_DAYS", default_value_t = 730)]
    lead_retention_days: u32,
    /// Anonymous lead submissions allowed per IP address and hour.
    #[arg(long, env = "AGORA_LEAD_SUBMISSIONS_PER_IP_HOUR", default_value_t = 20)]
    lead_submissions_per_ip_hour: i64,
    /// Lead submissions per hour by one signed-in person through the pages.
    #[arg(
        long,
        env = "AGORA_LEAD_SUBMISSIONS_PER_ACCOUNT_HOUR",
        default_value_t = 20
    )]
    lead_submissions_per_account_hour: i64,
    /// Lead submissions per hour with one API token (a website forwarding its visitors' requests).
    #[arg(
        long,
        env = "AGORA_LEAD_SUBMISSIONS_PER_TOKEN_HOUR",
        default_value_t = 1000
    )]
    lead_submissions_per_token_hour: i64,
    /// Proposals and votes one account may open in the all-members body per 24 hours.
    #[arg(long, env = "AGORA_PROPOSALS_PER_ACCOUNT_DAY", default_value_t = 5)]
    proposals_per_account_day: i64,
    /// Seconds between governance runs (closing votes, accepting uncontested proposals, reminders);
    /// 0 turns them off on this instance. Safe on several instances: a lease elects one.
    #[arg(
        long,
        env = "AGORA_GOVERNANCE_JOBS_INTERVAL_SECS",
        default_value_t = 30
    )]
    governance_jobs_interval_secs: u64,
    #[command(flatten)]
    smtp: SmtpArgs,
}

/// Email delivery. Without a host, email waits in the outbox (admins see it at /admin/outbox).
#[derive(Args)]
struct SmtpArgs {
    /// SMTP server that delivers the outbox.
    #[arg(long = "smtp-host", env = "AGORA_SMTP_HOST")]
    host: Option<String>,
    #[arg(long = "smtp-port", env = "AGORA_SMTP_PORT", default_value_t = 587)]
    port: u16,
    /// none, starttls (port 587) or tls (port 465).
    #[arg(long = "smtp-tls", env = "AGORA_SMTP_TLS", default_value = "starttls")]
    tls: String,
    #[arg(long = "smtp-username", env = "AGORA_SMTP_USERNAME")]
    username: Option<String>,
    #[arg(
        long = "smtp-password",
        env = "AGORA_SMTP_PASSWORD",
        hide_env_values = true
    )]
    password: Option<String>,
    /// Sender of every message.
    #[arg(
        long = "smtp-from",
        env = "AGORA_SMTP_FROM",
        default_value = "Agora <agora@localhost>"
    )]
    from: String,
    /// Seconds before the first retry of a failed message; each failure doubles it, up to an hour.
    #[arg(
        long = "smtp-retry-secs",
        env = "AGORA_SMTP_RETRY_SECS",
        default_value_t = 30
    )]
    retry_secs: u64,
}

impl SmtpArgs {
    fn config(self) -> Result<Option<agora_web::scheduler::SmtpConfig>> {
        let Some(host) = self.host else {
            return Ok(None);
        };
        Ok(Some(agora_web::scheduler::SmtpConfig {
            host,
            port: self.port,
            tls: agora_web::scheduler::SmtpTls::parse(&self.tls).map_err(anyhow::Error::msg)?,
            username: self.username,
            password: self.password.map(Into::into),
            from: self.from,
            retry_base: std::time::Duration::from_secs(self.retry_secs.max(1)),
        }))
    }
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a foundation admin. Prints an invitation link to set the password, or reads the
    /// password from standard input with --password-stdin.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
        #[arg(long)]
        password_stdin: bool,
        /// Base URL for the invitation link.
        #[arg(
            long,
            env = "AGORA_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the hash chain; exits non-zero and names the first tampered entry if any.
    Verify,
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Replay synthetic leads through the lead allocator (pure computation, no database).
    Allocator {
        #[arg(long, default_value_t = 1_000_000)]
        leads: usize,
        #[arg(long, default_value_t = 1_000)]
        partners: usize,
    },
    /// Durable intake over HTTP on SQLite in DIR: concurrent clients post leads for some seconds;
    /// compares acknowledged leads/s with the fsync rate measured on the same disk.
    ///
    /// With --anonymous, the same clients then post without a token (half through the API, half as
    /// browsers through the form, each from its own address) and the run fails unless that path has
    /// no 5xx, nothing unanswered, no answer over 1 s and at least half the token path's rate.
    Intake {
        #[arg(long, default_value = "./agora-bench")]
        dir: PathBuf,
        #[arg(long, default_value_t = 64)]
        clients: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        #[arg(long)]
        anonymous: bool,
        /// Run on a throwaway database created on this PostgreSQL server instead of SQLite.
        #[arg(long, hide_env_values = true)]
        postgres: Option<String>,
    },
    /// People sign in (one in eight with a wrong password first) and read pages at once; fails on
    /// any 5xx, unanswered request or request over 2 s.
    SignIn {
        #[arg(long, default_value = "./agora-bench")]
        dir: PathBuf,
        #[arg(long, default_value_t = 32)]
        clients: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Run on a throwaway database created on this PostgreSQL server instead of SQLite.
        #[arg(long, hide_env_values = true)]
        postgres: Option<String>,
    },
    /// Render the transparency report of a year whose counters hold LEADS leads (SQLite in DIR).
    Report {
        #[arg(long, default_value = "./agora-bench")]
        dir: PathBuf,
        #[arg(long, default_value_t = 1_000_000)]
        leads: u64,
    },
    /// Time the foundation's compliance view of marketing obligations over PARTNERS active partners
    /// and YEARS years, each with its clients declared and contributions approved (SQLite in DIR).
    Compliance {
        #[arg(long, default_value = "./agora-bench")]
        dir: PathBuf,
        #[arg(long, default_value_t = 1_000)]
        partners: usize,
        #[arg(long, default_value_t = 5)]
        years: i32,
    },
    /// A group's page (and its updates' API and feed) under load: MEMBERS members, OBJECTIVES
    /// objectives and UPDATES updates, read by CLIENTS clients at once for SECONDS each: anonymous (the
    /// page from its brief cache), then signed-in members (the page rendered each time).
    GroupPage {
        #[arg(long, default_value = "./agora-bench")]
        dir: PathBuf,
        #[arg(long, default_value_t = 200)]
        members: usize,
        #[arg(long, default_value_t = 20)]
        objectives: usize,
        #[arg(long, default_value_t = 500)]
        updates: usize,
        #[arg(long, default_value_t = 8)]
        clients: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Run on a throwaway database created on this PostgreSQL server instead of SQLite.
        #[arg(long, hide_env_values = true)]
        postgres: Option<String>,
    },
    /// Serve the private iCalendar feed of a member of GROUPS groups, each with a weekly meeting
    /// begun two years ago, and expand those two years as Agora does (SQLite in DIR); prints the
    /// median and max of 15 runs of each.
    Calendar {
        #[arg(long, default_value = "./agora-bench")]
        dir: PathBuf,
        #[arg(long, default_value_t = 50)]
        groups: usize,
    },
    /// Count synthetic ranked ballots by instant-runoff and by Schulze (pure computation, no
    /// database); prints the median, min and max of 5 runs of each.
    Tally {
        #[arg(long, default_value_t = 1_000_000)]
        ballots: usize,
        #[arg(long, default_value_t = 10)]
        options: usize,
        /// Also save the ballots as a published ballot file here, to time `agora tally FILE`.
        #[arg(long)]
        write: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum RegionsCommand {
    /// Write the region map as JSON ("-" for standard output).
    Export { file: PathBuf },
    /// Replace the region map from a JSON file: a list of {"slug", "name", "countries": [ISO codes]}.
    /// Every partner's served regions are recomputed; the change is audited.
    Import { file: PathBuf },
}

#[derive(Subcommand)]
enum PartnersCommand {
    /// Write every partner to a CSV file ("-" for standard output).
    Export { file: PathBuf },
    /// Import partners from a CSV file, all or nothing; existing slugs are updated.
    Import { file: PathBuf },
}

#[tokio::main]
async fn main() {
    init_tracing();
    // Commands that run jobs queue mail too: it is written the way the application writes it.
    agora_web::i18n::install_mail_renderer();
    if let Err(e) = run(Cli::parse()).await {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("AGORA_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    // Colour codes only for a person at a terminal: in a log file they break every grep.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    if std::env::var("AGORA_LOG_FORMAT").is_ok_and(|f| f == "json") {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn open(db: &DbArgs) -> Result<Store> {
    let store = match &db.database_url {
        Some(url) => Store::connect(url, db.db_connections)
            .await
            .context("connecting to the database")?,
        None => Store::open_sqlite_dir(&db.data_dir)
            .await
            .with_context(|| format!("opening the database in {}", db.data_dir.display()))?,
    };
    let applied = store.migrate().await.context("applying migrations")?;
    for m in applied {
        tracing::info!(migration = %m, "applied migration");
    }
    Ok(store)
}

async fn run(cli: Cli) -> Result<()> {
    // Commands that need no database run before one is opened (or created).
    match &cli.command {
        Command::Tally {
            file,
            method,
            seed,
            json,
        } => {
            print!("{}", tally::run(file, method, seed.as_deref(), *json)?);
            return Ok(());
        }
        Command::Bench(BenchCommand::Tally {
            ballots,
            options,
            write,
        }) => {
            return bench::tally(*ballots, *options, write.as_deref());
        }
        _ => {}
    }
    let store = open(&cli.db).await?;
    match cli.command {
        // Handled above.
        Command::Tally { .. } | Command::Bench(BenchCommand::Tally { .. }) => Ok(()),
        Command::Serve(args) => serve(store, *args).await,
        Command::Migrate => {
            println!("database is up to date");
            Ok(())
        }
        Command::Demo { partners } => {
            demo::load(&store, partners).await?;
            demo::print_credentials(&demo::reset_credentials(&store).await?);
            Ok(())
        }
        Command::Admin(AdminCommand::Create {
            email,
            name,
            password_stdin,
            public_url,
        }) => create_admin(&store, &email, &name, password_stdin, &public_url).await,
        Command::Audit(AuditCommand::Verify) => {
            let r = store.verify_audit_chain().await?;
            match r.first_error {
                None => {
                    println!("audit log intact: {} entries verified", r.checked);
                    Ok(())
                }
                Some(e) => bail!(
                    "audit log TAMPERED: {e} ({} entries before it verified)",
                    r.checked
                ),
            }
        }
        Command::Partners(PartnersCommand::Export { file }) => {
            let text = agora_web::partners::csv::export(&store.all_partners().await?)?;
            if file.as_os_str() == "-" {
                print!("{text}");
            } else {
                std::fs::write(&file, text)
                    .with_context(|| format!("writing {}", file.display()))?;
                eprintln!("exported to {}", file.display());
            }
            Ok(())
        }
        Command::Partners(PartnersCommand::Import { file }) => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let map = store.region_map().await?;
            match agora_web::partners::csv::parse(&text, &map) {
                Err(errors) => {
                    for e in &errors {
                        eprintln!(
                            "line {}: {}: {}",
                            e.line,
                            if e.field.is_empty() { "-" } else { &e.field },
                            e.message
                        );
                    }
                    bail!("{} problem(s) found; nothing was imported", errors.len())
                }
                Ok(rows) => {
                    let (created, updated) = store
                        .import_partners(
                            &rows,
                            &Who {
                                person_id: None,
                                label: "cli".into(),
                            },
                        )
                        .await?;
                    println!("imported: {created} created, {updated} updated");
                    Ok(())
                }
            }
        }
        Command::Regions(RegionsCommand::Export { file }) => {
            let json = serde_json::to_string_pretty(store.region_map().await?.regions())?;
            if file.as_os_str() == "-" {
                println!("{json}");
            } else {
                std::fs::write(&file, json)
                    .with_context(|| format!("writing {}", file.display()))?;
            }
            Ok(())
        }
        Command::Regions(RegionsCommand::Import { file }) => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let regions: Vec<agora_domain::geo::Region> =
                serde_json::from_str(&text).context("the file is not a JSON list of regions")?;
            if regions.is_empty() {
                bail!("the region map must hold at least one region");
            }
            let map =
                agora_domain::geo::RegionMap::new(regions).map_err(|e| anyhow::anyhow!("{e}"))?;
            store
                .replace_regions(
                    &map,
                    &Who {
                        person_id: None,
                        label: "cli".into(),
                    },
                )
                .await?;
            println!("region map replaced: {} regions", map.regions().len());
            Ok(())
        }
        Command::Bench(BenchCommand::Allocator { leads, partners }) => {
            bench::allocator(leads, partners);
            Ok(())
        }
        Command::Bench(BenchCommand::Intake {
            dir,
            clients,
            seconds,
            anonymous,
            postgres,
        }) => bench::intake(&dir, clients, seconds, anonymous, postgres.as_deref()).await,
        Command::Bench(BenchCommand::SignIn {
            dir,
            clients,
            seconds,
            postgres,
        }) => bench::sign_in(&dir, clients, seconds, postgres.as_deref()).await,
        Command::Bench(BenchCommand::Report { dir, leads }) => bench::report(&dir, leads).await,
        Command::Bench(BenchCommand::Compliance {
            dir,
            partners,
            years,
        }) => bench::compliance(&dir, partners, years).await,
        Command::Bench(BenchCommand::GroupPage {
            dir,
            members,
            objectives,
            updates,
            clients,
            seconds,
            postgres,
        }) => {
            bench::group_page(
                &dir,
                members,
                objectives,
                updates,
                clients,
                seconds,
                postgres.as_deref(),
            )
            .await
        }
        Command::Bench(BenchCommand::Calendar { dir, groups }) => {
            bench::calendar(&dir, groups).await
        }
        Command::Evidence(EvidenceCommand::ImportGit { path, since, json }) => {
            let since = since.as_deref().map(parse_since).transpose()?;
            evidence::import(&store, &path, since, json).await
        }
        Command::Course(CourseCommand::ImportTrackingLog { files, json }) => {
            courses::import_tracking_logs(&store, &files, json).await
        }
        Command::Leads(LeadsCommand::RunJobs { retention_days }) => {
            let r = store
                .run_lead_jobs(store.now(), (retention_days > 0).then_some(retention_days))
                .await?;
            println!(
                "allocated {}, queued {}, expired {}, reminded {}, anonymised {}",
                r.allocated, r.queued, r.expired, r.reminded, r.anonymised
            );
            Ok(())
        }
        Command::Leads(LeadsCommand::DryRun { file }) => {
            let text = std::fs::read_to_string(&file)?;
            let policy: agora_domain::leads::LeadPolicy = serde_json::from_str(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            policy
                .validate()
                .map_err(|e| anyhow::anyhow!("invalid policy: {e}"))?;
            let d = store
                .dry_run_policy(&policy, agora_store::DRY_RUN_LEADS)
                .await?;
            println!("{} leads replayed\npartner\tin force\tproposed", d.leads);
            for r in &d.partners {
                println!("{}\t{}\t{}", r.name, r.current, r.proposed);
            }
            Ok(())
        }
        Command::Leads(LeadsCommand::VerifyIds { file }) => {
            let text = std::fs::read_to_string(&file)?;
            let ids: Vec<i64> = text.lines().filter_map(|l| l.trim().parse().ok()).collect();
            let mut missing = vec![];
            for id in &ids {
                if store.lead(*id).await?.is_none() {
                    missing.push(*id);
                }
            }
            println!(
                "{} acknowledged leads checked, {} missing",
                ids.len(),
                missing.len()
            );
            if !missing.is_empty() {
                anyhow::bail!("missing leads: {missing:?}");
            }
            Ok(())
        }
        Command::Backup { file } => {
            store.backup_sqlite(&file).await?;
            println!("backup written to {}", file.display());
            Ok(())
        }
    }
}

/// `--since`: a day (midnight UTC) or an RFC 3339 time.
fn parse_since(s: &str) -> Result<chrono::DateTime<chrono::Utc>> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&chrono::Utc));
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .with_context(|| format!("--since: {s:?} is not a date (YYYY-MM-DD) or an RFC 3339 time"))
}

async fn create_admin(
    store: &Store,
    email: &str,
    name: &str,
    password_stdin: bool,
    public_url: &str,
) -> Result<()> {
    let email = Email::parse(email)
        .map_err(|c| anyhow::anyhow!("email: {}", agora_web::i18n::english(c)))?;
    let name = parse_display_name(name)
        .map_err(|c| anyhow::anyhow!("name: {}", agora_web::i18n::english(c)))?;
    let grants = [Grant {
        role: Role::Admin,
        scope_id: None,
    }];
    let who = Who {
        person_id: None,
        label: "cli".into(),
    };
    if password_stdin {
        let mut password = String::new();
        std::io::stdin().read_to_string(&mut password)?;
        let password = password.trim_end_matches(['\n', '\r']).to_string();
        check_password(&password, email.as_str())
            .map_err(|c| anyhow::anyhow!("password: {}", agora_web::i18n::english(c)))?;
        let hash = agora_web::auth::hash_password(password)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let p = store
            .create_person(&email, &name, Some(&hash), &grants, &who)
            .await?;
        println!("admin {} created (id {})", p.email, p.id);
    } else {
        let token = agora_web::auth::random_token();
        let link = format!("{}/invitations/{token}", public_url.trim_end_matches('/'));
        let inv = agora_store::Invitation {
            token_hash: agora_web::auth::hash_token(&token),
            expires_at: store.now() + chrono::Duration::days(7),
            // The invitation every new account gets, in English: the administrator has chosen no language yet.
            subject: agora_web::i18n::Tr::default().t("email-invite-subject"),
            body: agora_web::i18n::Tr::default().t2(
                "email-invite-body",
                ("name", name.clone()),
                ("link", link.clone()),
            ),
        };
        store
            .invite_person(&email, &name, &grants, &inv, &who)
            .await?;
        println!("admin {email} created; set the password within 7 days at:\n  {link}");
    }
    Ok(())
}

async fn serve(store: Store, args: ServeArgs) -> Result<()> {
    let public_url = args
        .public_url
        .unwrap_or_else(|| format!("http://{}", args.bind));
    if args.demo {
        demo::load(&store, 48).await?;
        demo::print_credentials(&demo::reset_credentials(&store).await?);
        store
            .record(
                &Who::system(),
                AuditEvent::new("demo.credentials_reset", "demo", "accounts"),
            )
            .await?;
    }
    let config = agora_web::Config {
        bind: args.bind,
        public_url,
        trust_proxy: args.trust_proxy,
        trusted_proxies: usize::from(args.trusted_proxies),
        metrics_token: args.metrics_token.map(Into::into),
        page_cache_bytes: args.page_cache_mb.saturating_mul(1024 * 1024),
        max_log_upload_bytes: args.max_log_upload_mb.saturating_mul(1024 * 1024),
        session_idle: std::time::Duration::from_secs(args.session_idle_minutes * 60),
        lead_jobs_interval: std::time::Duration::from_secs(args.lead_jobs_interval_secs),
        lead_retention_days: (args.lead_retention_days > 0).then_some(args.lead_retention_days),
        lead_submissions_per_ip_hour: args.lead_submissions_per_ip_hour,
        lead_submissions_per_account_hour: args.lead_submissions_per_account_hour,
        lead_submissions_per_token_hour: args.lead_submissions_per_token_hour,
        proposals_per_account_day: args.proposals_per_account_day,
        governance_jobs_interval: std::time::Duration::from_secs(
            args.governance_jobs_interval_secs,
        ),
        smtp: args.smtp.config()?,
        ..Default::default()
    };
    let public = config.public_url.clone();
    let app = agora_web::Application::build(config, store.clone()).await?;
    tracing::info!(url = %public, port = app.port(), "Agora is listening");
    eprintln!("Agora is running at {public}  (Ctrl-C to stop)");
    app.run_until(shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down: finishing requests in flight");
}
