//! `agora evidence import-git`: reads a local repository's whole history (every ref, as
//! `git log --all`) with gix, applies its `.mailmap` exactly as git does, credits authors and the
//! people named in `Co-authored-by`, `Reviewed-by` and `Signed-off-by` trailers, keeps bots apart,
//! and appends the result to the activity ledger as it reads, in one transaction: a broken repository
//! changes nothing; a second run adds only what is new.

use agora_domain::activity::{normalize_email, ActivityKind, ActivitySource, IdentityActivity};
use anyhow::{bail, Context, Result};
use chrono::{DateTime, TimeZone, Utc};
use gix::bstr::{BStr, BString, ByteSlice};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Instant;

/// One commit as read, its identities already mailmapped.
#[derive(Debug, Clone)]
pub struct WalkedCommit {
    pub id: String,
    pub name: String,
    pub email: String,
    pub author_time: i64,
    pub committer_time: i64,
    pub merge: bool,
    pub summary: String,
    /// People named by trailers: (kind of credit, name, address), mailmapped.
    pub credits: Vec<(ActivityKind, String, String)>,
}

/// The mailmap as git applies it (`map_user` in git's mailmap.c). gix's own `Snapshot::resolve`
/// lowercases the address even when an entry only replaces the name; git keeps the commit's spelling
/// there, and the per-address counts must equal git's, so resolution is done here on gix's parsed
/// (and git-style merged) entries.
#[derive(Default)]
pub struct GitMailmap(HashMap<Vec<u8>, ByEmail>);

type Replacement = (Option<BString>, Option<BString>);

#[derive(Default)]
struct ByEmail {
    name: Option<BString>,
    email: Option<BString>,
    by_name: HashMap<Vec<u8>, Replacement>,
}

impl GitMailmap {
    pub fn new(snapshot: &gix::mailmap::Snapshot) -> Self {
        let mut map = HashMap::<Vec<u8>, ByEmail>::new();
        for e in snapshot.iter() {
            let slot = map.entry(e.old_email().to_ascii_lowercase()).or_default();
            match e.old_name() {
                None => {
                    if let Some(n) = e.new_name() {
                        slot.name = Some(n.into());
                    }
                    if let Some(x) = e.new_email() {
                        slot.email = Some(x.into());
                    }
                }
                Some(old) => {
                    slot.by_name.insert(
                        old.to_ascii_lowercase(),
                        (e.new_name().map(Into::into), e.new_email().map(Into::into)),
                    );
                }
            }
        }
        Self(map)
    }

    /// Matches the address case-insensitively, then the name; a field without a replacement keeps
    /// the commit's bytes.
    pub fn resolve(&self, name: &BStr, email: &BStr) -> (String, String) {
        let Some(slot) = self.0.get(&email.to_ascii_lowercase()) else {
            return (
                name.to_str_lossy().into_owned(),
                email.to_str_lossy().into_owned(),
            );
        };
        let (n, e) = slot
            .by_name
            .get(&name.to_ascii_lowercase())
            .map(|(n, e)| (n.as_ref(), e.as_ref()))
            .unwrap_or((slot.name.as_ref(), slot.email.as_ref()));
        (
            n.map_or_else(|| name.to_str_lossy(), |n| n.to_str_lossy())
                .into_owned(),
            e.map_or_else(|| email.to_str_lossy(), |e| e.to_str_lossy())
                .into_owned(),
        )
    }
}

/// A progress line on stderr, only when stderr is a terminal (never in logs or pipes).
struct Progress {
    on: bool,
    started: Instant,
    last: Instant,
}

impl Progress {
    fn new() -> Self {
        let now = Instant::now();
        Self {
            on: std::io::stderr().is_terminal(),
            started: now,
            last: now,
        }
    }

    fn tick(&mut self, what: &str, n: usize) {
        if !self.on || self.last.elapsed().as_millis() < 100 {
            return;
        }
        self.last = Instant::now();
        let rate = n as f64 / self.started.elapsed().as_secs_f64().max(0.001);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{what}: {n} commits ({rate:.0}/s)");
        let _ = err.flush();
    }

    fn done(&self, what: &str, n: usize) {
        if self.on {
            eprintln!(
                "\r\x1b[2K{what}: {n} commits in {:.1} s",
                self.started.elapsed().as_secs_f64()
            );
        }
    }
}

/// The tips `git log --all` starts from: HEAD, every ref under `refs/` (branches, tags, remotes,
/// notes, stash…) and the HEADs of linked worktrees; refs to trees or blobs are skipped as git does.
fn tips(repo: &gix::Repository) -> Result<Vec<gix::ObjectId>> {
    let mut ids = Vec::new();
    if let Some(id) = repo.head().context("reading HEAD")?.try_into_peeled_id()? {
        ids.push(id.detach());
    }
    for r in repo.references()?.all()? {
        let mut r = r.map_err(|e| anyhow::anyhow!("reading the references: {e}"))?;
        let name = r.name().as_bstr().to_string();
        ids.push(
            r.peel_to_id()
                .with_context(|| format!("bad object {name}"))?
                .detach(),
        );
    }
    for wt in repo.worktrees()? {
        let wrepo = wt.into_repo_with_possibly_inaccessible_worktree()?;
        let head = wrepo.head()?.try_into_peeled_id()?.map(|id| id.detach());
        ids.extend(head);
    }
    ids.sort();
    ids.dedup();
    let mut commits = Vec::with_capacity(ids.len());
    for id in ids {
        let header = repo
            .find_header(id)
            .with_context(|| format!("bad object {id}"))?;
        if header.kind() == gix::object::Kind::Commit {
            commits.push(id);
        }
    }
    Ok(commits)
}

/// Reads every commit reachable from any ref (committed at or after `since`: an older commit is
/// left out and the walk does not go on through it, as `git log --since` does). Each commit is read
/// once (gix's own walk reads it for its parents, then again for its content) into one reused
/// buffer; the order does not matter, only the set. The commits go to `sink` a chunk at a time, as
/// they are read; an error (a missing or corrupt object) stops the walk.
pub fn walk(
    path: &Path,
    since: Option<DateTime<Utc>>,
    mut sink: impl FnMut(Vec<WalkedCommit>) -> Result<()>,
) -> Result<()> {
    use gix::prelude::FindExt;
    // gix::open, not discover: a folder inside another repository must not import that one.
    let repo = gix::open(path).map_err(|e| {
        anyhow::anyhow!(
            "{} is not a git repository (or cannot be read): {e}",
            path.display()
        )
    })?;
    let mut snapshot = gix::mailmap::Snapshot::default();
    repo.open_mailmap_into(&mut snapshot)
        .context("reading the .mailmap")?;
    let mailmap = GitMailmap::new(&snapshot);
    let since = since.map(|s| s.timestamp());
    // A shallow clone's boundary commits name parents it does not have: git shows them as roots.
    let shallow = repo
        .shallow_commits()
        .context("reading the shallow clone's boundary")?;
    let boundary = |id: &gix::ObjectId| {
        shallow
            .as_ref()
            .is_some_and(|c| c.binary_search(id).is_ok())
    };
    let mut seen = gix::hashtable::HashSet::default();
    let mut stack: Vec<gix::ObjectId> = tips(&repo)?;
    seen.extend(stack.iter().copied());
    let mut buf = Vec::new();
    let mut progress = Progress::new();
    let mut out = Vec::with_capacity(CHUNK);
    let mut read = 0;
    while let Some(id) = stack.pop() {
        let c = repo
            .objects
            .find_commit(&id, &mut buf)
            .with_context(|| format!("reading commit {id} (a missing or corrupt object)"))?;
        let committer = c
            .committer()
            .with_context(|| format!("committer of commit {id}"))?;
        if since.is_some_and(|s| committer.seconds() < s) {
            continue;
        }
        let root = boundary(&id);
        let mut parents = 0;
        for p in c.parents().filter(|_| !root) {
            parents += 1;
            if seen.insert(p) {
                stack.push(p);
            }
        }
        let author = c
            .author()
            .with_context(|| format!("author of commit {id}"))?;
        let (name, email) = mailmap.resolve(author.name, author.email);
        let mut credits = Vec::new();
        for t in c.message_trailers() {
            let kind = if t.is_co_authored_by() {
                ActivityKind::CoAuthored
            } else if t.is_reviewed_by() {
                ActivityKind::Reviewed
            } else if t.is_signed_off_by() {
                ActivityKind::SignedOff
            } else {
                continue;
            };
            if let Ok(who) = gix::actor::IdentityRef::from_bytes(t.value.as_ref()) {
                let who = who.trim();
                if who.email.is_empty() {
                    continue;
                }
                let (n, e) = mailmap.resolve(who.name, who.email);
                credits.push((kind, n, e));
            }
        }
        out.push(WalkedCommit {
            id: id.to_string(),
            name,
            email,
            author_time: author.seconds(),
            committer_time: committer.seconds(),
            merge: parents > 1,
            summary: c.message_summary().to_str_lossy().into_owned(),
            credits,
        });
        read += 1;
        if out.len() == CHUNK {
            sink(std::mem::replace(&mut out, Vec::with_capacity(CHUNK)))?;
        }
        progress.tick("importing", read);
    }
    if !out.is_empty() {
        sink(out)?;
    }
    progress.done("imported", read);
    Ok(())
}

/// Commits per chunk handed from the walk to the writer.
const CHUNK: usize = 16384;

/// `agora evidence import-git`: the walk runs on its own thread, which also turns each chunk of
/// commits into the rows of its statements, while the database writes the chunk before (in one
/// transaction: a broken object half-way writes nothing); the counts are kept for the report.
pub async fn import(
    store: &agora_store::Store,
    path: &Path,
    since: Option<DateTime<Utc>>,
    json: bool,
) -> Result<()> {
    let started = Instant::now();
    let name = repository_name(path)?;
    let who = agora_store::Who {
        person_id: None,
        label: "cli".into(),
    };
    let is_bot = agora_domain::recognition::identity::is_bot;
    let known = store.activity_source_ids(ActivitySource::Git).await?;
    let mut writer = store.begin_outside_import().await?;
    let (batches, mut received) = tokio::sync::mpsc::channel(2);
    let walking = {
        let path = path.to_owned();
        let preparer = writer.preparer();
        let repository = name.clone();
        tokio::task::spawn_blocking(move || {
            let mut tally = Tally::default();
            walk(&path, since, |chunk| {
                tally.add(&chunk);
                let batch = preparer.prepare(&entries(&repository, &chunk, &known, is_bot))?;
                batches
                    .blocking_send(batch)
                    .map_err(|_| anyhow::anyhow!("the import stopped"))
            })?;
            anyhow::Ok(tally)
        })
    };
    // The receiver moves into the writer's future: when the writer fails, dropping it stops the
    // walk (its next send fails) instead of leaving it blocked on a full channel.
    let written = async move {
        while let Some(batch) = received.recv().await {
            writer.write(batch).await?;
        }
        anyhow::Ok(writer)
    };
    let (written, walked) = tokio::join!(written, walking);
    let (writer, tally) = match (written, walked?) {
        (Ok(writer), Ok(tally)) => (writer, tally),
        // The walk stopped (a missing or corrupt object): what was written is rolled back.
        (Ok(writer), Err(e)) => {
            if let Err(reset) = writer.abandon().await {
                tracing::warn!(error = %reset, "putting the writer back after a failed import");
            }
            return Err(e);
        }
        // The writer stopped, and with it the walk: its error is the cause.
        (Err(e), _) => return Err(e),
    };
    let imported = writer.finish(&format!("git:{name}"), &who).await?;
    tracing::debug!(
        commits = tally.commits,
        secs = started.elapsed().as_secs_f64(),
        "written"
    );
    // Identities no one holds yet: proposed merges wait in the queue for an admin.
    let queued = store.queue_identity_candidates(&who).await?;
    let report = tally.report(imported.new_commits, is_bot);
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "{name}: {} commits read, {} new; {} authors, {} bots; {} new entries, {} credited to people; {queued} identities proposed for merging (/admin/recognition/identities); {:.1} s",
            report.commits,
            report.new,
            report.authors.len(),
            report.bots.len(),
            imported.new_entries,
            imported.credited,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// What `--json` prints: the counts `git log --all --use-mailmap --format=%aE | sort | uniq -c`
/// gives, split into people and bots.
#[derive(Debug, Serialize, PartialEq)]
pub struct Report {
    pub commits: u64,
    pub new: u64,
    pub authors: Vec<AuthorCount>,
    pub bots: Vec<BotCount>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct AuthorCount {
    pub name: String,
    pub email: String,
    pub commits: u64,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct BotCount {
    pub email: String,
    pub commits: u64,
}

/// Counts per mailmapped author address, exactly as spelled (git's `uniq -c` is case-sensitive);
/// the name shown is the one on the address's newest commit.
#[derive(Default)]
pub struct Tally {
    commits: u64,
    /// address → (commits, newest committer time, the name on that commit)
    by_email: BTreeMap<String, (u64, i64, String)>,
}

impl Tally {
    pub fn add(&mut self, commits: &[WalkedCommit]) {
        for c in commits {
            self.commits += 1;
            let slot = match self.by_email.get_mut(&c.email) {
                Some(slot) => slot,
                None => {
                    self.by_email
                        .entry(c.email.clone())
                        .or_insert((0, i64::MIN, c.name.clone()))
                }
            };
            slot.0 += 1;
            // Ties go to the greater name, so the answer does not depend on the walk's order.
            if (c.committer_time, c.name.as_str()) >= (slot.1, slot.2.as_str()) {
                slot.1 = c.committer_time;
                slot.2.clone_from(&c.name);
            }
        }
    }

    pub fn report(self, new: u64, is_bot: impl Fn(&str, &str) -> bool) -> Report {
        let mut authors = Vec::new();
        let mut bots = Vec::new();
        for (email, (n, _, name)) in self.by_email {
            if is_bot(&name, &email) {
                bots.push(BotCount { email, commits: n });
            } else {
                authors.push(AuthorCount {
                    name,
                    email,
                    commits: n,
                });
            }
        }
        authors.sort_by(|a, b| {
            b.commits
                .cmp(&a.commits)
                .then_with(|| a.email.cmp(&b.email))
        });
        bots.sort_by(|a, b| {
            b.commits
                .cmp(&a.commits)
                .then_with(|| a.email.cmp(&b.email))
        });
        Report {
            commits: self.commits,
            new,
            authors,
            bots,
        }
    }
}

fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// A trailer credit's source id: the commit, the kind and the identity (hashed when too long for
/// the ledger's 200 characters).
fn credit_id(commit: &str, kind: ActivityKind, identity: &str) -> String {
    let id = format!("{commit}:{}:{identity}", kind.slug());
    if id.len() <= agora_domain::activity::MAX_SOURCE_ID {
        id
    } else {
        use sha2::Digest;
        let h = sha2::Sha256::digest(identity.as_bytes());
        format!("{commit}:{}:#{}", kind.slug(), hex::encode(&h[..16]))
    }
}

fn at(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(seconds, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

/// The ledger entries of the commits not already recorded (`known` holds recorded source ids): one
/// per commit under its author, one per trailer credit naming someone other than the author.
pub fn entries(
    repository: &str,
    commits: &[WalkedCommit],
    known: &std::collections::HashSet<String>,
    is_bot: impl Fn(&str, &str) -> bool,
) -> Vec<IdentityActivity> {
    let mut out = Vec::new();
    for c in commits {
        let author = normalize_email(&c.email);
        if author.is_empty() {
            continue;
        }
        let summary = clip(&c.summary, 200);
        if !known.contains(&c.id) {
            out.push(IdentityActivity {
                identity: clip_identity(&author),
                bot: is_bot(&c.name, &c.email),
                source: ActivitySource::Git,
                source_id: c.id.clone(),
                kind: ActivityKind::Commit,
                occurred_at: at(c.author_time),
                detail: serde_json::json!({
                    "repository": clip(repository, 100),
                    "name": clip(&c.name, 100),
                    "summary": summary,
                    "merge": c.merge,
                    "bot": is_bot(&c.name, &c.email),
                }),
            });
        }
        let mut seen = std::collections::HashSet::new();
        for (kind, name, email) in &c.credits {
            let identity = normalize_email(email);
            if identity.is_empty() || identity == author || !seen.insert((*kind, identity.clone()))
            {
                continue;
            }
            let source_id = credit_id(&c.id, *kind, &identity);
            if known.contains(&source_id) {
                continue;
            }
            out.push(IdentityActivity {
                identity: clip_identity(&identity),
                bot: is_bot(name, email),
                source: ActivitySource::Git,
                source_id,
                kind: *kind,
                occurred_at: at(c.author_time),
                detail: serde_json::json!({
                    "repository": clip(repository, 100),
                    "name": clip(name, 100),
                    "commit": c.id,
                    "summary": summary,
                    "bot": is_bot(name, email),
                }),
            });
        }
    }
    out
}

/// Addresses longer than the ledger's key are not real addresses; keep them matchable but bounded.
fn clip_identity(identity: &str) -> String {
    if identity.len() <= agora_domain::activity::MAX_SOURCE_ID {
        identity.to_owned()
    } else {
        identity.chars().take(150).collect()
    }
}

/// A repository's name for the ledger: its folder (without `.git`).
pub fn repository_name(path: &Path) -> Result<String> {
    let path = path
        .canonicalize()
        .with_context(|| format!("{} does not exist", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.strip_suffix(".git").unwrap_or(&name).to_owned();
    if name.is_empty() {
        bail!("{} has no folder name", path.display());
    }
    Ok(name)
}
