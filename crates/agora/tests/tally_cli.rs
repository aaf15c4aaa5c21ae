//! `agora tally` as anyone recounting a published ballot file runs it: no database, no account.

use std::path::Path;
use std::process::{Command, Output};

fn agora(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agora"))
        .current_dir(dir)
        .arg("--data-dir")
        .arg(dir.join("data"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env("AGORA_LOG", "warn")
        .output()
        .expect("run agora")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn last_line(o: &Output) -> String {
    stdout(o).lines().last().unwrap_or_default().to_string()
}

/// The 45 ballots of the Wikipedia article "Schulze method" as a published ballot file.
fn wikipedia_file() -> String {
    let mut text = String::from(
        "#agora-ballots,1\r\n#software,agora 0.1.0\r\n#method,schulze\r\n#seed,\r\n#seed-sha256,\r\n",
    );
    for o in ["A", "B", "C", "D", "E"] {
        text.push_str(&format!("#option,{o}\r\n"));
    }
    let groups = [
        (5, "A,C,B,E,D"),
        (5, "A,D,E,C,B"),
        (8, "B,E,D,A,C"),
        (3, "C,A,B,E,D"),
        (7, "C,A,E,B,D"),
        (2, "C,B,A,D,E"),
        (7, "D,C,E,B,A"),
        (8, "E,B,A,D,C"),
    ];
    let mut receipt = 0;
    for (count, ranking) in groups {
        for _ in 0..count {
            receipt += 1;
            text.push_str(&format!("r{receipt:03},{ranking}\r\n"));
        }
    }
    text
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write ballot file");
    path.to_string_lossy().into_owned()
}

#[test]
fn tally_recounts_a_ballot_file_without_a_database() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let file = write(d, "ballots.csv", &wikipedia_file());

    let o = agora(d, &["tally", &file, "--method", "schulze"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(last_line(&o), "winner: E", "{}", stdout(&o));
    assert!(stdout(&o).contains("order: E > A > C > B > D"));
    assert!(!d.join("data").exists(), "tally must not create a database");

    // Instant-runoff: D goes first; B and E then tie on 8 with equal first rounds and there is no
    // seed, so both go together and A wins against C.
    let o = agora(d, &["tally", &file, "--method", "irv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the file says the vote was held under schulze"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("they are eliminated together"));
    assert_eq!(last_line(&o), "winner: A", "{}", stdout(&o));

    let o = agora(d, &["tally", &file, "--method", "schulze", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["options"], serde_json::json!(["A", "B", "C", "D", "E"]));
    assert_eq!(v["ballots"], 45);
    assert_eq!(v["result"]["method"], "schulze");
    assert_eq!(v["result"]["outcome"], serde_json::json!({ "winner": 4 }));
    assert_eq!(v["result"]["pairwise"][0][1], 20);
}

#[test]
fn tally_uses_the_published_seed_unless_told_otherwise() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    // sha256("abc"); the seed "abc" orders Bob before Alice.
    let file = write(
        d,
        "tie.csv",
        "#seed,abc\n#seed-sha256,ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n\
         #option,Alice\n#option,Bob\nr1,Alice\nr2,Bob\n",
    );
    for method in ["irv", "schulze"] {
        let o = agora(d, &["tally", &file, "--method", method]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("the seed matches the published #seed-sha256"));
        assert_eq!(last_line(&o), "winner: Bob", "{method}: {}", stdout(&o));

        let o = agora(d, &["tally", &file, "--method", method, "--seed", ""]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(last_line(&o), "tie: Alice, Bob", "{method}: {}", stdout(&o));

        let o = agora(d, &["tally", &file, "--method", method, "--seed", "abd"]);
        assert!(!o.status.success());
        assert!(stderr(&o).contains("does not match the file's #seed-sha256"));
    }
}

#[test]
fn tally_refuses_a_bad_file_or_method_and_names_the_problem() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let file = write(
        d,
        "bad.csv",
        "#option,Alice\n#option,Bob\nr1,Alice\nr2,Carol\n",
    );
    let o = agora(d, &["tally", &file, "--method", "irv"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("line 4: unknown option \"Carol\" (the options are: Alice, Bob)"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());

    let o = agora(d, &["tally", "missing.csv", "--method", "irv"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("reading missing.csv"), "{}", stderr(&o));

    let o = agora(d, &["tally", &file, "--method", "stv"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("possible values: irv, schulze"),
        "{}",
        stderr(&o)
    );
}
