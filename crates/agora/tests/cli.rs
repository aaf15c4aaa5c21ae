//! The `agora` command as an operator uses it, on a fresh data directory.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn agora(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agora"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("DATABASE_URL")
        .env("AGORA_LOG", "warn")
        .output()
        .expect("run agora")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn operator_commands_work_on_a_fresh_install() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();

    let o = agora(d, &["migrate"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(d.join("agora.db").exists());

    // An admin from standard input; a weak password is refused and creates nothing.
    let create = |password: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_agora"))
            .arg("--data-dir")
            .arg(d)
            .args([
                "admin",
                "create",
                "--email",
                "root@example.org",
                "--password-stdin",
            ])
            .env_remove("DATABASE_URL")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(password.as_bytes())
            .expect("write");
        child.wait_with_output().expect("wait")
    };
    let weak = create("short\n");
    assert!(!weak.status.success());
    assert!(
        text(&weak).contains("at least 12 characters"),
        "{}",
        text(&weak)
    );
    let ok = create("a long enough passphrase\n");
    assert!(ok.status.success(), "{}", text(&ok));
    let again = agora(d, &["admin", "create", "--email", "root@example.org"]);
    assert!(
        !again.status.success(),
        "a second account with the same email is refused"
    );

    let o = agora(d, &["demo", "--partners", "40"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("admin@agora.example"),
        "demo credentials are printed"
    );

    let csv = d.join("partners.csv");
    let o = agora(d, &["partners", "export", csv.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", text(&o));
    let exported = std::fs::read_to_string(&csv).expect("csv");
    assert!(exported.lines().count() > 40);

    let bad = d.join("bad.csv");
    std::fs::write(&bad, exported.replacen(",https://", ",ftp://", 1)).expect("write");
    let o = agora(d, &["partners", "import", bad.to_str().expect("utf8")]);
    assert!(!o.status.success());
    assert!(text(&o).contains("line 2: website"), "{}", text(&o));

    let o = agora(d, &["partners", "import", csv.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("0 created"), "{}", text(&o));

    // The region map round-trips, and a bad one is refused.
    let regions = d.join("regions.json");
    let o = agora(d, &["regions", "export", regions.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", text(&o));
    let o = agora(d, &["regions", "import", regions.to_str().expect("utf8")]);
    assert!(
        o.status.success() && text(&o).contains("7 regions"),
        "{}",
        text(&o)
    );
    let bad_regions = d.join("bad-regions.json");
    std::fs::write(&bad_regions, r#"[{"slug": "a", "name": "A", "countries": ["FR"]}, {"slug": "b", "name": "B", "countries": ["FR"]}]"#).expect("write");
    let o = agora(
        d,
        &["regions", "import", bad_regions.to_str().expect("utf8")],
    );
    assert!(
        !o.status.success() && text(&o).contains("FR is in both"),
        "{}",
        text(&o)
    );

    let backup = d.join("copy.db");
    let o = agora(d, &["backup", backup.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", text(&o));
    let copy_dir = tempfile::tempdir().expect("tmp");
    std::fs::copy(&backup, copy_dir.path().join("agora.db")).expect("copy");
    let o = agora(copy_dir.path(), &["audit", "verify"]);
    assert!(
        o.status.success() && text(&o).contains("intact"),
        "the backup opens and its audit log verifies: {}",
        text(&o)
    );

    let o = agora(d, &["audit", "verify"]);
    assert!(o.status.success(), "{}", text(&o));
}

#[test]
fn audit_verify_reports_a_tampered_entry() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    assert!(agora(d, &["demo", "--partners", "8"]).status.success());
    // Edit the log behind Agora's back, as someone with file access could.
    let rt = tokio::runtime::Runtime::new().expect("rt");
    rt.block_on(async {
        let store = agora_store::Store::open_sqlite_dir(d).await.expect("open");
        store
            .tamper_audit_entry_for_tests(3, "partner.forged")
            .await
            .expect("tamper");
        store.close().await;
    });
    let o = agora(d, &["audit", "verify"]);
    assert!(!o.status.success());
    assert!(text(&o).contains("entry 3"), "{}", text(&o));
}

#[test]
fn help_explains_every_command() {
    let dir = tempfile::tempdir().expect("tmp");
    for cmd in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["partners", "import", "--help"],
        vec!["backup", "--help"],
        vec!["admin", "create", "--help"],
    ] {
        let o = agora(dir.path(), &cmd);
        assert!(o.status.success(), "{cmd:?}: {}", text(&o));
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("Usage"),
            "{cmd:?}"
        );
    }
}
