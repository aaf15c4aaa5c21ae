//! `agora evidence import-git`: reads a local repository's whole history (every ref, as
//! `git log --all`) with gix, applies its `.mailmap` exactly as git does, credits authors and the
//! people named in `Co-authored-by`, `Reviewed-by` and `Signed-off-by` trailers, keeps bots apart,
//! and appends the result to the activity ledger. Everything is read before anything is written, so
//! a broken repository changes nothing; a second run adds only what is new.

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

/// Reads every commit reachable from any ref (committed at or after `since`, pruning the walk there
/// as `git log --since` does).
pub fn walk(path: &Path, since: Option<DateTime<Utc>>) -> Result<Vec<WalkedCommit>> {
    // gix::open, not discover: a folder inside another repository must not import that one.
    let mut repo = gix::open(path).map_err(|e| {
        anyhow::anyhow!(
            "{} is not a git repository (or cannot be read): {e}",
            path.display()
        )
    })?;
    repo.object_cache_size_if_unset(64 << 20);
    let mut snapshot = gix::mailmap::Snapshot::default();
    repo.open_mailmap_into(&mut snapshot)
        .context("reading the .mailmap")?;
    let mailmap = GitMailmap::new(&snapshot);
    let mut platform = repo.rev_walk(tips(&repo)?);
    if let Some(since) = since {
        platform = platform.sorting(gix::revision::walk::Sorting::ByCommitTimeCutoff {
            order: gix::revision::walk::CommitTimeOrder::NewestFirst,
            seconds: since.timestamp(),
        });
    }
    let mut progress = Progress::new();
    let mut out = Vec::new();
    for info in platform.all()? {
        let info = info.context("walking the history (a missing or corrupt object)")?;
        let object = info
            .object()
            .with_context(|| format!("reading commit {}", info.id))?;
        let c = object
            .decode()
            .with_context(|| format!("decoding commit {}", info.id))?;
        let author = c
            .author()
            .with_context(|| format!("author of commit {}", info.id))?;
        let committer = c
            .committer()
            .with_context(|| format!("committer of commit {}", info.id))?;
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
            if let Ok(id) = gix::actor::IdentityRef::from_bytes(t.value.as_ref()) {
                let id = id.trim();
                if id.email.is_empty() {
                    continue;
                }
                let (n, e) = mailmap.resolve(id.name, id.email);
                credits.push((kind, n, e));
            }
        }
        out.push(WalkedCommit {
            id: info.id.to_string(),
            name,
            email,
            author_time: author.seconds(),
            committer_time: committer.seconds(),
            merge: c.parents().count() > 1,
            summary: c.message_summary().to_str_lossy().into_owned(),
            credits,
        });
        progress.tick("reading", out.len());
    }
    progress.done("read", out.len());
    Ok(out)
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
pub fn report(commits: &[WalkedCommit], new: u64, is_bot: impl Fn(&str, &str) -> bool) -> Report {
    let mut by_email: BTreeMap<&str, (u64, i64, &str)> = BTreeMap::new();
    for c in commits {
        let slot = by_email
            .entry(c.email.as_str())
            .or_insert((0, i64::MIN, c.name.as_str()));
        slot.0 += 1;
        if c.committer_time >= slot.1 {
            slot.1 = c.committer_time;
            slot.2 = c.name.as_str();
        }
    }
    let mut authors = Vec::new();
    let mut bots = Vec::new();
    for (email, (n, _, name)) in by_email {
        if is_bot(name, email) {
            bots.push(BotCount {
                email: email.into(),
                commits: n,
            });
        } else {
            authors.push(AuthorCount {
                name: name.into(),
                email: email.into(),
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
        commits: commits.len() as u64,
        new,
        authors,
        bots,
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
