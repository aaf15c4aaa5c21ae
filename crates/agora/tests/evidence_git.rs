//! `agora evidence import-git` against repositories built here with the git CLI: its counts must be
//! git's own (`git log --all --use-mailmap --format=%aE | sort | uniq -c`), on SQLite and PostgreSQL.

use agora_store::testing::TestDb;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// git and agora both run with this environment, so no system or user configuration (which could
/// set mailmap.file) reaches them.
fn isolated(cmd: &mut Command, home: &Path) {
    cmd.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env("GIT_COMMITTER_NAME", "Committer")
        .env("GIT_COMMITTER_EMAIL", "committer@example.org");
}

struct Repo {
    dir: PathBuf,
    home: PathBuf,
    clock: std::cell::Cell<i64>,
}

impl Repo {
    fn init(root: &Path, name: &str) -> Self {
        let home = root.join("home");
        std::fs::create_dir_all(&home).expect("home");
        let dir = root.join(name);
        let r = Repo {
            dir,
            home,
            clock: std::cell::Cell::new(1_700_000_000),
        };
        let o = r.git_in(root, &["init", "-q", "-b", "main", name]);
        assert!(o.status.success(), "{}", text(&o));
        r
    }

    fn git_in(&self, cwd: &Path, args: &[&str]) -> Output {
        let mut cmd = Command::new("git");
        isolated(&mut cmd, &self.home);
        cmd.current_dir(cwd)
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .expect("run git")
    }

    fn git(&self, args: &[&str]) -> String {
        let o = self.git_in(&self.dir, args);
        assert!(o.status.success(), "git {args:?}: {}", text(&o));
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// An empty commit by `name <email>`, one minute after the previous one.
    fn commit(&self, name: &str, email: &str, message: &str, extra: &[&str]) {
        let t = self.clock.get() + 60;
        self.clock.set(t);
        let date = format!("{t} +0000");
        let mut cmd = Command::new("git");
        isolated(&mut cmd, &self.home);
        let o = cmd
            .current_dir(&self.dir)
            .env("GIT_AUTHOR_NAME", name)
            .env("GIT_AUTHOR_EMAIL", email)
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .args([
                "-c",
                "commit.gpgsign=false",
                "commit",
                "-q",
                "--allow-empty",
                "-m",
                message,
            ])
            .args(extra)
            .output()
            .expect("git commit");
        assert!(o.status.success(), "{}", text(&o));
    }

    /// What git counts: mailmapped author address → commits, over every ref.
    fn git_counts(&self, git_dir_args: &[&str]) -> BTreeMap<String, u64> {
        let mut args: Vec<&str> = git_dir_args.to_vec();
        args.extend(["log", "--all", "--use-mailmap", "--format=%aE"]);
        let mut counts = BTreeMap::new();
        for line in self.git(&args).lines() {
            *counts.entry(line.to_owned()).or_insert(0) += 1;
        }
        counts
    }
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn agora(db_url: &str, home: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_agora"));
    isolated(&mut cmd, home);
    cmd.arg("--database-url")
        .arg(db_url)
        .args(args)
        .env("AGORA_LOG", "warn")
        .output()
        .expect("run agora")
}

fn import(db_url: &str, home: &Path, path: &Path) -> Value {
    let o = agora(
        db_url,
        home,
        &[
            "evidence",
            "import-git",
            path.to_str().expect("utf-8 path"),
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&o)))
}

/// Agora's authors and bots together, as git's multiset.
fn agora_counts(report: &Value) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for list in ["authors", "bots"] {
        for a in report[list].as_array().expect("list") {
            let email = a["email"].as_str().expect("email").to_owned();
            let n = a["commits"].as_u64().expect("count");
            assert!(counts.insert(email, n).is_none(), "an address listed twice");
        }
    }
    counts
}

/// The fixture: two spellings of one address under a name-only mailmap line, a moved address, a
/// merge, trailers, a bot, an annotated tag, a note and a stash.
fn build(root: &Path) -> Repo {
    let r = Repo::init(root, "project");
    std::fs::write(
        r.dir.join(".mailmap"),
        "Jane Doe <jane@example.com>\nBob Proper <bob@new.org> <bob@old.org>\n",
    )
    .expect("mailmap");
    r.git(&["add", ".mailmap"]);
    r.commit("Jane", "jane@example.com", "Add the mailmap", &[]);
    r.commit(
        "jane d",
        "JANE@Example.com",
        "Same person, other spelling",
        &[],
    );
    r.commit("Bob", "bob@old.org", "Bob before he moved", &[]);
    r.commit(
        "Carol",
        "carol@example.net",
        "Pair work\n\nThe body.\n\nCo-authored-by: Bob <bob@old.org>\nReviewed-by: Dan Reviewer <dan@example.org>\nSigned-off-by: Carol <carol@example.net>",
        &[],
    );
    r.commit(
        "dependabot[bot]",
        "49699333+dependabot[bot]@users.noreply.github.com",
        "Bump a dependency",
        &[],
    );
    r.git(&["checkout", "-q", "-b", "feature"]);
    r.commit("Erin", "erin@example.org", "Feature work", &[]);
    r.git(&["checkout", "-q", "main"]);
    r.commit("Jane", "jane@example.com", "Meanwhile on main", &[]);
    r.git(&[
        "-c",
        "user.name=Merger",
        "-c",
        "user.email=merger@example.org",
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge feature",
        "feature",
    ]);
    r.git(&["tag", "-a", "v1", "-m", "Release 1"]);
    r.git(&["notes", "add", "-m", "A note", "HEAD~1"]);
    std::fs::write(r.dir.join("wip.txt"), "work in progress").expect("wip");
    r.git(&["add", "wip.txt"]);
    r.git(&["stash", "push", "-q", "-m", "wip"]);
    r
}

async fn git_import_matches_git(db: TestDb) {
    let root = tempfile::tempdir().expect("tmp");
    let r = build(root.path());
    let expected = r.git_counts(&[]);
    assert!(expected.contains_key("JANE@Example.com") && expected.contains_key("jane@example.com"));
    assert!(expected.contains_key("bob@new.org"));

    let first = import(&db.url, &r.home, &r.dir);
    assert_eq!(agora_counts(&first), expected, "{first:#}");
    let total: u64 = expected.values().sum();
    assert_eq!(first["commits"], total);
    assert_eq!(first["new"], total);
    let bots: Vec<&str> = first["bots"]
        .as_array()
        .expect("bots")
        .iter()
        .map(|b| b["email"].as_str().expect("email"))
        .collect();
    assert_eq!(bots, ["49699333+dependabot[bot]@users.noreply.github.com"]);
    let bob = first["authors"]
        .as_array()
        .expect("authors")
        .iter()
        .find(|a| a["email"] == "bob@new.org")
        .expect("bob");
    assert_eq!(bob["name"], "Bob Proper");

    // A second run reads the same and adds nothing.
    let second = import(&db.url, &r.home, &r.dir);
    assert_eq!(agora_counts(&second), expected);
    assert_eq!(second["new"], 0);
    let store = &db.store;
    let ledger = store
        .activity_source_ids(agora_domain::activity::ActivitySource::Git)
        .await
        .expect("ids");
    // Every commit once, plus Bob's co-authorship and Dan's review (Carol's own sign-off is no credit).
    assert_eq!(ledger.len() as u64, total + 2, "{ledger:?}");
    assert!(ledger
        .iter()
        .any(|id| id.ends_with(":co-authored:bob@new.org")));
    assert!(ledger
        .iter()
        .any(|id| id.ends_with(":reviewed:dan@example.org")));

    // A new commit: only it is new.
    r.commit("Erin", "erin@example.org", "One more", &[]);
    let third = import(&db.url, &r.home, &r.dir);
    assert_eq!(third["new"], 1);
    assert_eq!(agora_counts(&third), r.git_counts(&[]));

    // The same history through a bare clone (its mailmap comes from HEAD:.mailmap).
    let bare = root.path().join("bare.git");
    let o = r.git_in(
        root.path(),
        &[
            "clone",
            "-q",
            "--bare",
            r.dir.to_str().expect("path"),
            "bare.git",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let from_bare = import(&db.url, &r.home, &bare);
    assert_eq!(
        agora_counts(&from_bare),
        r.git_counts(&["--git-dir", bare.to_str().expect("path")])
    );
    assert_eq!(
        from_bare["new"], 0,
        "the same commits are not recorded twice"
    );
}

async fn broken_repositories_change_nothing(db: TestDb) {
    let root = tempfile::tempdir().expect("tmp");
    let r = Repo::init(root.path(), "broken");
    r.commit("Ann", "ann@example.org", "First", &[]);
    r.commit("Ann", "ann@example.org", "Second", &[]);
    let before = db.store.audit_seq().await.expect("seq");

    // Not a repository.
    let plain = root.path().join("plain");
    std::fs::create_dir_all(&plain).expect("dir");
    let o = agora(
        &db.url,
        &r.home,
        &["evidence", "import-git", plain.to_str().expect("p")],
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("is not a git repository"), "{}", text(&o));
    let missing = root.path().join("nowhere");
    let o = agora(
        &db.url,
        &r.home,
        &["evidence", "import-git", missing.to_str().expect("p")],
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("does not exist"), "{}", text(&o));

    // The first commit's object overwritten with garbage.
    let first = r.git(&["rev-parse", "HEAD~1"]).trim().to_owned();
    let object = r
        .dir
        .join(".git/objects")
        .join(&first[..2])
        .join(&first[2..]);
    let mut perms = std::fs::metadata(&object).expect("object").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&object, perms).expect("chmod");
    std::fs::write(&object, b"not a zlib stream").expect("damage");
    let o = agora(
        &db.url,
        &r.home,
        &["evidence", "import-git", r.dir.to_str().expect("p")],
    );
    assert!(!o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains(&first[..7]) || text(&o).contains("corrupt"),
        "{}",
        text(&o)
    );
    assert!(db
        .store
        .activity_source_ids(agora_domain::activity::ActivitySource::Git)
        .await
        .expect("ids")
        .is_empty());
    assert_eq!(db.store.audit_seq().await.expect("seq"), before);
}

/// A co-author's credit goes to the person whose verified account address it is.
async fn credits_reach_people_with_that_address(db: TestDb) {
    use agora_domain::person::Email;
    let root = tempfile::tempdir().expect("tmp");
    let r = Repo::init(root.path(), "credits");
    r.commit(
        "Carol",
        "carol@example.net",
        "Pair work\n\nCo-authored-by: Bob <BOB@example.org>",
        &[],
    );
    // A password hash means the invitation sent to the address was accepted: it is verified.
    let bob = db
        .store
        .create_person(
            &Email::parse("bob@example.org").expect("email"),
            "Bob Example",
            Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"),
            &[],
            &agora_store::Who::system(),
        )
        .await
        .expect("bob")
        .id;
    let report = import(&db.url, &r.home, &r.dir);
    assert_eq!(report["new"], 1);
    let entries = db
        .store
        .activity(bob, None, agora_domain::pagination::PageRequest::default())
        .await
        .expect("ledger");
    assert_eq!(entries.items.len(), 1);
    assert_eq!(
        entries.items[0].kind,
        agora_domain::activity::ActivityKind::CoAuthored
    );
}

/// An identity that only shares a name with a person waits for an admin: merged (and credited),
/// undone (and uncredited), and never proposed again.
async fn a_named_identity_waits_for_an_admin(db: TestDb) {
    use agora_domain::person::Email;
    let root = tempfile::tempdir().expect("tmp");
    let r = Repo::init(root.path(), "names");
    r.commit("Dana Reviewer", "dana@old.example", "Old address", &[]);
    let dana = db
        .store
        .create_person(
            &Email::parse("dana@new.example").expect("email"),
            "Dana Reviewer",
            Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"),
            &[],
            &agora_store::Who::system(),
        )
        .await
        .expect("dana")
        .id;
    import(&db.url, &r.home, &r.dir);
    let queue = db.store.identity_candidates().await.expect("queue");
    assert_eq!(queue.len(), 1, "{queue:?}");
    assert_eq!(queue[0].person_id, dana);
    assert_eq!(queue[0].value, "dana@old.example");
    assert_eq!(queue[0].status, "pending");
    let ledger = |db: &TestDb| {
        let store = db.store.clone();
        async move {
            store
                .activity(dana, None, agora_domain::pagination::PageRequest::default())
                .await
                .expect("ledger")
                .items
                .len()
        }
    };
    assert_eq!(ledger(&db).await, 0, "not credited before an admin says so");
    let admin = agora_store::Who::system();
    db.store
        .decide_identity_candidate(queue[0].id, "accept", &admin)
        .await
        .expect("accept");
    assert_eq!(ledger(&db).await, 1);
    db.store
        .decide_identity_candidate(queue[0].id, "undo", &admin)
        .await
        .expect("undo");
    assert_eq!(ledger(&db).await, 0);
    assert!(db
        .store
        .decide_identity_candidate(queue[0].id, "reject", &admin)
        .await
        .is_err());
    import(&db.url, &r.home, &r.dir);
    assert_eq!(
        db.store.identity_candidates().await.expect("queue").len(),
        1,
        "not proposed again"
    );
}

macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                super::$name(agora_store::testing::TestDb::sqlite().await.expect("sqlite")).await;
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let Some(db) = agora_store::testing::TestDb::postgres().await.expect("postgres") else { return };
                super::$name(db).await;
            })*
        }
    };
}

/// A shallow clone (what CI checkouts make): its boundary commits are roots, as git shows them.
async fn shallow_clones_import_what_they_hold(db: TestDb) {
    let root = tempfile::tempdir().expect("tmp");
    let r = Repo::init(root.path(), "deep");
    for i in 0..5 {
        r.commit("Ann", "ann@example.org", &format!("Commit {i}"), &[]);
    }
    let url = format!("file://{}", r.dir.display());
    let o = r.git_in(
        root.path(),
        &["clone", "-q", "--depth", "2", &url, "shallow"],
    );
    assert!(o.status.success(), "{}", text(&o));
    let shallow = Repo {
        dir: root.path().join("shallow"),
        home: r.home.clone(),
        clock: std::cell::Cell::new(0),
    };
    assert!(shallow.dir.join(".git/shallow").exists());
    let report = import(&db.url, &r.home, &shallow.dir);
    assert_eq!(agora_counts(&report), shallow.git_counts(&[]));
    assert_eq!(report["commits"], 2);
}

both_backends!(
    git_import_matches_git,
    shallow_clones_import_what_they_hold,
    broken_repositories_change_nothing,
    credits_reach_people_with_that_address,
    a_named_identity_waits_for_an_admin,
);
