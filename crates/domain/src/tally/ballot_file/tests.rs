use super::super::tests::{arb_tie_break, arb_vote, ballots, opts};
use super::super::{check_ranking, seed_commitment, tally, tally_irv, tally_schulze, Outcome};
use super::*;
use proptest::prelude::*;
use std::collections::HashSet;

fn receipts(ids: &[&str]) -> Vec<String> {
    opts(ids)
}

fn listed(receipts: &Receipts) -> Vec<String> {
    receipts.iter().map(String::from).collect()
}

#[test]
fn options_that_look_like_formulas_are_quoted_and_read_back_exactly() {
    let names = [
        "=HYPERLINK(\"https://evil.example\",\"x\")",
        "-1",
        "+2",
        "@3",
        "'=4",
    ];
    let b = ballots(
        &names,
        &[(2, &[names[0], names[1]]), (1, &[names[4], names[3]])],
    );
    let meta = BallotMeta::new("0.1.0", Method::Irv, &TieBreak::seeded("abc"));
    let rs = receipts(&["-r1", "=r2", "r3"]);
    let text = write_ballots_csv(&meta, &b, &rs).expect("write");
    // An independent reader sees no cell a spreadsheet would run.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for record in reader.records() {
        for cell in record.expect("plain CSV").iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
    // `agora tally` reads back the very options, receipts and ballots, so the count is the same.
    let back = parse_ballots_csv(&text).expect("parse");
    assert_eq!(back.ballots.options(), b.options());
    let mut sorted = rs;
    sorted.sort();
    assert_eq!(listed(&back.receipts), sorted);
    let tie = TieBreak::seeded("abc");
    assert_eq!(
        format!("{:?}", tally_irv(&back.ballots, &tie)),
        format!("{:?}", tally_irv(&b, &tie))
    );
}

#[test]
fn the_ballot_file_is_written_as_documented() {
    let b = ballots(
        &["Alice", "Bob, Jr.", "Carol"],
        &[(1, &["Carol", "Alice"]), (1, &["Bob, Jr."])],
    );
    let meta = BallotMeta::new("0.1.0", Method::Irv, &TieBreak::seeded("abc"));
    let text = write_ballots_csv(&meta, &b, &receipts(&["zz9", "aa1"])).expect("write");
    assert_eq!(
        text,
        "#agora-ballots,1\r\n#software,agora 0.1.0\r\n#method,irv\r\n#seed,abc\r\n\
         #seed-sha256,ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\r\n\
         #option,Alice\r\n#option,\"Bob, Jr.\"\r\n#option,Carol\r\n\
         aa1,\"Bob, Jr.\"\r\nzz9,Carol,Alice\r\n"
    );
    let back = parse_ballots_csv(&text).expect("parse");
    assert_eq!(back.meta, meta);
    assert_eq!(listed(&back.receipts), receipts(&["aa1", "zz9"]));
    assert_eq!(back.ballots.options(), b.options());
    assert_eq!(
        back.ballots.iter().collect::<Vec<_>>(),
        vec![&[1u16][..], &[2, 0][..]]
    );
}

#[test]
fn the_writer_refuses_what_the_reader_would() {
    let b = ballots(&["A"], &[(2, &["A"])]);
    let meta = BallotMeta::default();
    assert_eq!(
        write_ballots_csv(&meta, &b, &receipts(&["r1"])),
        Err("ballot-invalid-receipt")
    );
    for bad in ["", "#r", "r\n"] {
        assert_eq!(
            write_ballots_csv(&meta, &b, &receipts(&["r1", bad])),
            Err("ballot-invalid-receipt")
        );
    }
    assert_eq!(
        write_ballots_csv(&meta, &b, &receipts(&["r1", "r1"])),
        Err("ballot-duplicate-receipt")
    );
    // Without a seed both seed rows are empty, and read back as none.
    let text = write_ballots_csv(&meta, &b, &receipts(&["r2", "r1"])).expect("write");
    assert!(text.contains("#seed,\r\n#seed-sha256,\r\n"), "{text}");
    assert_eq!(parse_ballots_csv(&text).expect("parse").meta, meta);
}

#[test]
fn a_hand_written_file_needs_no_metadata() {
    let text = "\u{feff}r1,Bob,Alice,,\n\nr2,Alice\r\nr3,Carol,,\n";
    let f = parse_ballots_csv(text).expect("parse");
    assert_eq!(
        f.ballots.options(),
        opts(&["Bob", "Alice", "Carol"]).as_slice()
    );
    assert_eq!(listed(&f.receipts), receipts(&["r1", "r2", "r3"]));
    assert_eq!(f.meta, BallotMeta::default());
    assert_eq!(
        tally_irv(&f.ballots, &TieBreak::none()).outcome,
        Outcome::Tie(vec![0, 1, 2])
    );
}

fn error(text: &str) -> (u64, String) {
    let e = parse_ballots_csv(text).expect_err("should be refused");
    (e.line, e.message)
}

#[test]
fn file_errors_name_the_line_and_the_problem() {
    let head = "#agora-ballots,1\n#option,Alice\n#option,Bob\n";
    let cases: &[(&str, u64, &str)] = &[
        (
            "r1,Alice\nr2,Dave\n",
            5,
            "unknown option \"Dave\" (the options are: Alice, Bob)",
        ),
        (
            "r1,Alice,Bob,Alice\n",
            4,
            "option \"Alice\" is ranked twice",
        ),
        (",Alice\n", 4, "the ballot has no receipt (the first field)"),
        (
            "r1,Alice\nr1,Bob\n",
            5,
            "receipt \"r1\" is already used on line 4",
        ),
        ("r1\n", 4, "the ballot ranks no option"),
        (
            "r1,Alice,,Bob\n",
            4,
            "field 3 is empty: a ballot lists its options without gaps",
        ),
        (
            "r1,Alice\n#seed,x\n",
            5,
            "metadata rows (#…) must come before the ballots",
        ),
        ("#sede,x\n", 4, "unknown metadata row #sede"),
        ("#option,Alice\n", 4, "option \"Alice\" is listed twice"),
        ("#option,\n", 4, "#option needs a name"),
        (
            "#method,stv\n",
            4,
            "unknown method \"stv\" (expected irv or schulze)",
        ),
        (
            "#method,yes_no\n",
            4,
            "this is a yes/no ballot file; only ranked ballots (irv, schulze) are read here",
        ),
        (
            "#seed,a,b\n",
            4,
            "#seed takes one value (quote it if it contains a comma)",
        ),
        ("#agora-ballots,1\n", 4, "#agora-ballots repeats line 1"),
        (
            "#seed-sha256,abc\n",
            4,
            "#seed-sha256 must be 64 hexadecimal digits",
        ),
    ];
    for (rest, line, message) in cases {
        assert_eq!(
            error(&format!("{head}{rest}")),
            (*line, message.to_string()),
            "{rest}"
        );
    }
    assert_eq!(
        error("#agora-ballots,2\n"),
        (
            1,
            "ballot file version \"2\" is not supported (this Agora reads version 1)".into()
        )
    );
    let mismatch = format!("#seed,abd\n#seed-sha256,{}\nr1,A\n", seed_commitment("abc"));
    assert_eq!(
        error(&mismatch),
        (
            2,
            "the #seed does not match #seed-sha256 (the SHA-256 of the seed)".into()
        )
    );
    // A quoted field spanning lines: the error names the line the row starts on.
    assert_eq!(
        error("#option,Alice\n#option,Bob\nr1,Alice\nr2,Alice,\"B\nob\"\n"),
        (
            4,
            "unknown option \"B\\nob\" (the options are: Alice, Bob)".into()
        )
    );
    let e = parse_ballots_csv("#option,A\nr1,B\n").expect_err("unknown");
    assert_eq!(
        e.to_string(),
        "line 2: unknown option \"B\" (the options are: A)"
    );
}

/// Not a test: measures reading a published 1,000,000-ballot file against counting it, for
/// docs/performance.md. `cargo test --release -p agora-domain --lib -- --ignored --nocapture
/// reading_a_million_ballots`.
#[test]
#[ignore = "a measurement, run by hand in release"]
fn reading_a_million_ballots() {
    let names: Vec<String> = (1..=10).map(|i| format!("Option {i}")).collect();
    let mut b = RankedBallots::new(names).expect("options");
    let mut state = 0x7a11_2026_u64;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    let mut ranking = Vec::new();
    for _ in 0..1_000_000 {
        let mut left: Vec<u16> = (0..10).collect();
        let length = 1 + (next() % 10) as usize;
        ranking.clear();
        while ranking.len() < length {
            let i = (next() % left.len() as u64) as usize;
            ranking.push(left.swap_remove(i));
        }
        b.push(&ranking).expect("valid");
    }
    let receipts: Vec<String> = (0..b.len())
        .map(|i| format!("{:016x}", (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)))
        .collect();
    let tb = TieBreak::seeded("bench");
    let text = write_ballots_csv(&BallotMeta::new("0.1.0", Method::Irv, &tb), &b, &receipts)
        .expect("write");
    let time = |label: &str, f: &dyn Fn()| {
        let mut runs: Vec<f64> = (0..5)
            .map(|_| {
                let start = std::time::Instant::now();
                f();
                start.elapsed().as_secs_f64()
            })
            .collect();
        runs.sort_by(f64::total_cmp);
        println!(
            "{label}: median {:.3} s (min {:.3}, max {:.3})",
            runs[2], runs[0], runs[4]
        );
    };
    println!(
        "file: {:.1} MB, {} ballots",
        text.len() as f64 / 1e6,
        b.len()
    );
    time("read", &|| {
        let file = parse_ballots_csv(&text).expect("parse");
        assert_eq!(file.ballots.len(), 1_000_000);
    });
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    time(&format!("read on {threads} threads"), &|| {
        let file = parse_ballots_csv_on(&text, threads).expect("parse");
        assert_eq!(file.ballots.len(), 1_000_000);
    });
    time("count irv", &|| {
        std::hint::black_box(tally_irv(&b, &tb));
    });
    time("count schulze", &|| {
        std::hint::black_box(tally_schulze(&b, &tb));
    });
}

// --- the reader against a reference ------------------------------------------------------------

/// The reader as it was before it was made fast: the `csv` crate splits the rows, hashed maps
/// check receipts and options as each row comes. Kept as the reference the fast reader must
/// agree with, except for one fix: a row's line is the one it starts on, also after blank lines
/// and lone `\r` line ends (the `csv` crate named the line before the blank ones).
fn reference_parse(text: &str) -> Result<BallotFile, CsvError> {
    // The `csv` crate skips one leading byte-order mark itself, as the reader does. (Stripping one
    // here as well skipped two, where the reader reads the second as part of a receipt.)
    let line_at = |byte: usize| -> u64 {
        // The first record starts before the mark the `csv` crate skipped.
        let byte = if byte == 0 && text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            byte
        };
        let start = byte + text[byte..].len() - text[byte..].trim_start_matches(['\r', '\n']).len();
        1 + text[..start]
            .replace("\r\n", "\n")
            .matches(['\r', '\n'])
            .count() as u64
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut meta = BallotMeta::default();
    let mut seen_keys: HashMap<String, u64> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut ids: HashMap<String, u16> = HashMap::new();
    let mut derived = true;
    let add = |names: &mut Vec<String>, ids: &mut HashMap<String, u16>, name: &str| {
        if ids.contains_key(name) {
            return Err(format!("option {name:?} is listed twice"));
        }
        if name.chars().any(char::is_control) {
            return Err(format!("option {name:?} contains a control character"));
        }
        let id = u16::try_from(names.len())
            .ok()
            .filter(|&id| usize::from(id) < MAX_OPTIONS)
            .ok_or_else(|| format!("more than {MAX_OPTIONS} options"))?;
        names.push(name.to_string());
        ids.insert(name.to_string(), id);
        Ok(id)
    };
    let mut receipts = Receipts::default();
    let mut receipt_lines: HashMap<String, u64> = HashMap::new();
    let mut ranks: Vec<u16> = Vec::new();
    let mut bounds: Vec<usize> = vec![0];
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).expect("a str is readable") {
        let line = line_at(record.position().expect("position").byte() as usize);
        let err = |message: String| CsvError { line, message };
        let len = (0..record.len())
            .rev()
            .find(|&i| record.get(i).is_some_and(|f| !f.is_empty()))
            .map_or(0, |i| i + 1);
        let mut fields = record.iter().take(len).map(crate::csv_file::restore);
        let Some(first) = fields.next() else {
            continue;
        };
        if let Some(key) = first.strip_prefix('#') {
            if !receipts.is_empty() {
                return Err(err("metadata rows (#…) must come before the ballots".into()));
            }
            let value = fields.next().unwrap_or("");
            if fields.next().is_some() {
                return Err(err(format!(
                    "#{key} takes one value (quote it if it contains a comma)"
                )));
            }
            if key != "option" {
                if let Some(earlier) = seen_keys.insert(key.to_string(), line) {
                    return Err(err(format!("#{key} repeats line {earlier}")));
                }
            }
            match key {
                "agora-ballots" if value != BALLOT_FILE_VERSION => {
                    return Err(err(format!(
                        "ballot file version {value:?} is not supported (this Agora reads version {BALLOT_FILE_VERSION})"
                    )))
                }
                "agora-ballots" => {}
                "software" => meta.software = Some(value.to_string()),
                "method" => match Method::parse(value) {
                    Ok(m) => meta.method = Some(m),
                    Err(_) if value == "yes_no" => return Err(err(
                        "this is a yes/no ballot file; only ranked ballots (irv, schulze) are read here".into(),
                    )),
                    Err(_) => return Err(err(format!("unknown method {value:?} (expected irv or schulze)"))),
                },
                "seed" => meta.seed = (!value.is_empty()).then(|| value.to_string()),
                "seed-sha256" if value.is_empty() => {}
                "seed-sha256" => {
                    if value.len() != 64 || !value.chars().all(|c| c.is_ascii_hexdigit()) {
                        return Err(err("#seed-sha256 must be 64 hexadecimal digits".into()));
                    }
                    meta.seed_sha256 = Some(value.to_ascii_lowercase());
                }
                "option" => {
                    if value.is_empty() {
                        return Err(err("#option needs a name".into()));
                    }
                    derived = false;
                    add(&mut names, &mut ids, value).map_err(&err)?;
                }
                _ => return Err(err(format!("unknown metadata row #{key}"))),
            }
            continue;
        }
        if first.is_empty() {
            return Err(err("the ballot has no receipt (the first field)".into()));
        }
        if first.chars().any(char::is_control) {
            return Err(err("the receipt contains a control character".into()));
        }
        if let Some(earlier) = receipt_lines.insert(first.to_string(), line) {
            return Err(err(format!(
                "receipt {first:?} is already used on line {earlier}"
            )));
        }
        let mut seen = HashSet::new();
        let start = ranks.len();
        for (column, name) in (2..).zip(fields) {
            if name.is_empty() {
                return Err(err(format!(
                    "field {column} is empty: a ballot lists its options without gaps"
                )));
            }
            let id = match ids.get(name) {
                Some(&id) => id,
                None if derived => add(&mut names, &mut ids, name).map_err(&err)?,
                None => {
                    let mut known: Vec<&str> = names.iter().take(10).map(String::as_str).collect();
                    if names.len() > known.len() {
                        known.push("…");
                    }
                    return Err(err(format!(
                        "unknown option {name:?} (the options are: {})",
                        known.join(", ")
                    )));
                }
            };
            if !seen.insert(id) {
                return Err(err(format!("option {name:?} is ranked twice")));
            }
            ranks.push(id);
        }
        if ranks.len() == start {
            return Err(err("the ballot ranks no option".into()));
        }
        receipts.push(first);
        bounds.push(ranks.len());
    }
    if let (Some(seed), Some(commitment)) = (&meta.seed, &meta.seed_sha256) {
        if !verify_seed(seed, commitment) {
            return Err(CsvError {
                line: seen_keys.get("seed-sha256").copied().unwrap_or(0),
                message: "the #seed does not match #seed-sha256 (the SHA-256 of the seed)".into(),
            });
        }
    }
    Ok(BallotFile {
        meta,
        receipts,
        ballots: RankedBallots {
            options: names,
            ranks,
            bounds,
        },
    })
}

/// Text made of the pieces that make CSV and ballot files tricky.
fn arb_tricky_file() -> impl Strategy<Value = String> {
    let seed_row = format!("#seed-sha256,{}", seed_commitment("s"));
    let piece = prop_oneof![
        Just("#option,".to_string()),
        Just("#seed,s".to_string()),
        Just("#seed,t".to_string()),
        Just(seed_row),
        Just("#method,irv".to_string()),
        Just("#agora-ballots,1".to_string()),
        Just("#software,x".to_string()),
        Just("A".to_string()),
        Just("B".to_string()),
        Just("é".to_string()),
        Just("r1".to_string()),
        Just("r2".to_string()),
        Just("r3".to_string()),
        Just("\"A\"".to_string()),
        Just("\"A,B\"".to_string()),
        Just("\"\"\"\"".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("'=1".to_string()),
        Just(",".to_string()),
        Just(",,".to_string()),
        Just(" ".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{85}".to_string()),
        Just("\t".to_string()),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

#[test]
fn a_row_after_blank_lines_is_named_by_its_own_line() {
    assert_eq!(
        error("a,X\n\n\r\nb,X,X\n"),
        (4, "option \"X\" is ranked twice".into())
    );
    assert_eq!(
        error("a,X\rb,X,X\r"),
        (2, "option \"X\" is ranked twice".into())
    );
}

#[test]
fn a_repeated_receipt_is_named_where_a_line_by_line_reader_meets_it() {
    // Receipts are checked after the reading; the error is still the first in the file.
    assert_eq!(
        error("r2,A\nr1,A\nr2,B\nr3,\n,A\n"),
        (3, "receipt \"r2\" is already used on line 1".into())
    );
    assert_eq!(
        error("r2,A\nr1,A,A\nr2,B\n"),
        (2, "option \"A\" is ranked twice".into())
    );
    assert_eq!(
        error("r1,A\nr2,A\nr1,A,A\n"),
        (3, "receipt \"r1\" is already used on line 1".into())
    );
}

proptest! {
    #[test]
    fn the_reader_agrees_with_the_reference_on_tricky_text(text in arb_tricky_file()) {
        prop_assert_eq!(parse_ballots_csv(&text), reference_parse(&text));
    }

    #[test]
    fn the_reader_agrees_with_the_reference_on_damaged_files(
        b in arb_vote(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..3, prop_oneof![Just(','), Just('"'), Just('\n'), Just('#'), Just('\r'), Just('\''), any::<char>()]), 0..6),
    ) {
        let receipts: Vec<String> = (0..b.len()).map(|i| format!("r{i}")).collect();
        let text = write_ballots_csv(&BallotMeta::new("0.1.0", Method::Irv, &TieBreak::seeded("s")), &b, &receipts).expect("write");
        let mut chars: Vec<char> = text.chars().collect();
        for (at, kind, c) in edits {
            let i = at.index(chars.len() + 1);
            match kind {
                0 => chars.insert(i, c),
                1 if i < chars.len() => { chars.remove(i); }
                _ if i < chars.len() => chars[i] = c,
                _ => {}
            }
        }
        let damaged: String = chars.into_iter().collect();
        prop_assert_eq!(parse_ballots_csv(&damaged), reference_parse(&damaged));
    }
}

proptest! {
    #[test]
    fn the_ballot_file_round_trips(b in arb_vote(), tb in arb_tie_break(), method in prop_oneof![Just(Method::Irv), Just(Method::Schulze)]) {
        let receipts: Vec<String> = (0..b.len()).map(|i| format!("{:08x}", (i as u64).wrapping_mul(0x9e37_79b9) % 0xffff_ffff)).collect();
        let meta = BallotMeta::new("0.1.0", method, &tb);
        let text = write_ballots_csv(&meta, &b, &receipts).expect("write");
        let file = parse_ballots_csv(&text).expect("parse");
        prop_assert_eq!(&file.meta, &meta);
        prop_assert_eq!(file.ballots.options(), b.options());
        let mut sent = receipts;
        sent.sort();
        prop_assert_eq!(&listed(&file.receipts), &sent);
        let from_file = tally(method, &file.ballots, &file.meta.tie_break());
        prop_assert_eq!(from_file, tally(method, &b, &tb));
    }

    #[test]
    fn the_reader_never_panics_on_arbitrary_text(text in ".{0,300}", bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_ballots_csv(&text);
        let _ = parse_ballots_csv(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn the_reader_never_panics_on_csv_like_text(text in "[#a-c,\"\r\n ]{0,300}") {
        if let Ok(f) = parse_ballots_csv(&text) {
            // Whatever it accepts is a valid ballot box.
            for r in f.ballots.iter() {
                prop_assert!(check_ranking(f.ballots.options().len(), r).is_ok());
            }
            prop_assert_eq!(f.receipts.len(), f.ballots.len());
        }
    }

    #[test]
    fn the_reader_never_panics_on_damaged_files(
        b in arb_vote(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..3, prop_oneof![Just(','), Just('"'), Just('\n'), Just('#'), Just('\r'), any::<char>()]), 1..8),
    ) {
        let receipts: Vec<String> = (0..b.len()).map(|i| format!("r{i}")).collect();
        let text = write_ballots_csv(&BallotMeta::new("0.1.0", Method::Irv, &TieBreak::seeded("s")), &b, &receipts).expect("write");
        let mut chars: Vec<char> = text.chars().collect();
        for (at, kind, c) in edits {
            let i = at.index(chars.len() + 1);
            match kind {
                0 => chars.insert(i, c),
                1 if i < chars.len() => { chars.remove(i); }
                _ if i < chars.len() => chars[i] = c,
                _ => {}
            }
        }
        let damaged: String = chars.into_iter().collect();
        if let Ok(f) = parse_ballots_csv(&damaged) {
            for r in f.ballots.iter() {
                prop_assert!(check_ranking(f.ballots.options().len(), r).is_ok());
            }
            let _ = tally_irv(&f.ballots, &f.meta.tie_break()).render_text(f.ballots.options());
            let _ = tally_schulze(&f.ballots, &f.meta.tie_break()).render_text(f.ballots.options());
        }
    }
}

// --- the reader's parts ----------------------------------------------------------------------------

/// Bytes rich in what the reader looks for, and in the bytes next to it.
fn arb_bytes() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        4 => any::<u8>(),
        2 => 0x1eu8..0x22,
        2 => 0x7du8..0x82,
        1 => prop_oneof![Just(b','), Just(b'\r'), Just(b'\n'), Just(b'"')],
    ];
    proptest::collection::vec(byte, 0..40)
}

/// Names that collide in their first and last eight bytes, or in their length, or not at all.
fn arb_name() -> impl Strategy<Value = String> {
    "(Option [0-9]{1,2}|[ab\u{e9}]{0,20}|xxxxxxxx[ab]{0,3}yyyyyyyy|é{4,9})"
}

proptest! {
    #[test]
    fn field_end_finds_the_first_comma_or_line_end(bytes in arb_bytes(), from in 0usize..45) {
        let expected = bytes
            .get(from..)
            .and_then(|rest| rest.iter().position(|&b| matches!(b, b',' | b'\r' | b'\n')))
            .map_or(bytes.len(), |i| from + i);
        prop_assert_eq!(field_end(&bytes, from), expected);
    }

    #[test]
    fn printable_ascii_is_bytes_from_space_to_tilde(bytes in arb_bytes()) {
        let expected = bytes.iter().all(|b| (0x20..0x7f).contains(b));
        prop_assert_eq!(printable_ascii(&bytes), expected);
    }

    #[test]
    fn the_option_index_finds_what_a_list_finds(
        names in proptest::collection::vec(arb_name(), 0..30),
        asked in proptest::collection::vec(arb_name(), 0..30),
    ) {
        let mut index = OptionIndex::new();
        index.derived = false;
        let mut list: Vec<&str> = Vec::new();
        for name in &names {
            let added = index.add(name);
            if list.contains(&name.as_str()) {
                prop_assert_eq!(added, Err(format!("option {name:?} is listed twice")));
            } else {
                prop_assert_eq!(added, Ok(list.len() as u16));
                list.push(name);
            }
        }
        for name in names.iter().chain(&asked) {
            let expected = list.iter().position(|n| n == name).map(|i| i as u16);
            prop_assert_eq!(index.find(name, &NameKey::of(name.as_bytes())), expected);
        }
    }
}

/// A published file with up to 5 edits of the characters that change how it reads.
fn arb_damaged_file() -> impl Strategy<Value = String> {
    let edit = (
        any::<prop::sample::Index>(),
        0u8..3,
        prop_oneof![
            Just(','),
            Just('"'),
            Just('\n'),
            Just('#'),
            Just('\r'),
            Just('\''),
            any::<char>()
        ],
    );
    (arb_vote(), proptest::collection::vec(edit, 0..6)).prop_map(|(b, edits)| {
        let receipts: Vec<String> = (0..b.len()).map(|i| format!("r{i:02}")).collect();
        let meta = BallotMeta::new("0.1.0", Method::Irv, &TieBreak::seeded("s"));
        let text = write_ballots_csv(&meta, &b, &receipts).expect("write");
        let mut chars: Vec<char> = text.chars().collect();
        for (at, kind, c) in edits {
            let i = at.index(chars.len() + 1);
            match kind {
                0 => chars.insert(i, c),
                1 if i < chars.len() => {
                    chars.remove(i);
                }
                _ if i < chars.len() => chars[i] = c,
                _ => {}
            }
        }
        chars.into_iter().collect()
    })
}

proptest! {
    #[test]
    fn reading_in_pieces_agrees_with_reading_alone(
        text in prop_oneof![
            arb_damaged_file(),
            arb_tricky_file().prop_map(|t| format!("#option,A\n#option,B\n#option,\"A,B\"\n#option,é\nr0,A\n{t}")),
        ],
        threads in 2usize..6,
        piece_min in 1usize..40,
    ) {
        prop_assert_eq!(read_ballots_csv(&text, threads, piece_min), parse_ballots_csv(&text));
    }
}

#[test]
fn a_quoted_line_feed_where_a_piece_would_start_is_read_as_one_field() {
    let head = "#option,\"A,B\"\n#option,C\nr1,C\nr2,\"A,B\",C\nr3,C,\"A,B\"\n";
    let text = format!("{head}r4,C\nr5,\"C\nr6,C\nr7,C\"\nr8,C\n");
    let e = parse_ballots_csv(&text).expect_err("the quoted field is no option");
    assert_eq!(
        (e.line, e.message.as_str()),
        (
            7,
            "unknown option \"C\\nr6,C\\nr7,C\" (the options are: A,B, C)"
        )
    );
    let fine = format!("{head}r4,C\nr5,\"A,B\"\nr6,C\r\n\r\nr7,C\n");
    let alone = parse_ballots_csv(&fine).expect("parse");
    assert_eq!(alone.ballots.len(), 7);
    for piece_min in 1..text.len() {
        for threads in 2..5 {
            assert_eq!(read_ballots_csv(&text, threads, piece_min), Err(e.clone()));
            assert_eq!(
                read_ballots_csv(&fine, threads, piece_min),
                Ok(alone.clone())
            );
        }
    }
}

/// What reading `bytes` from a source gives, with errors as text to compare.
fn read_from_source(
    bytes: &[u8],
    threads: usize,
    block: usize,
    piece_min: usize,
) -> Result<BallotFile, String> {
    stream::read_with(bytes, threads, block, piece_min).map_err(|e| match e {
        ReadError::Csv(e) => e.to_string(),
        other => other.to_string(),
    })
}

/// What reading the whole text gives.
fn read_whole(bytes: &[u8]) -> Result<BallotFile, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_string())?;
    parse_ballots_csv(text).map_err(|e| e.to_string())
}

proptest! {
    #[test]
    fn reading_from_a_source_in_blocks_agrees_with_reading_the_text(
        text in prop_oneof![
            arb_damaged_file(),
            arb_tricky_file().prop_map(|t| format!("#option,A\n#option,B\n#option,\"A,B\"\n#option,é\nr0,A\n{t}")),
            arb_tricky_file(),
            arb_tricky_file().prop_map(|t| format!("\u{feff}{t}")),
        ],
        cut in any::<prop::sample::Index>(),
        bad_byte in any::<bool>(),
        threads in 1usize..5,
        block in 1usize..48,
        piece_min in 1usize..40,
    ) {
        let mut bytes = text.into_bytes();
        if bad_byte && !bytes.is_empty() {
            // A byte that is never UTF-8, somewhere in the file.
            let at = cut.index(bytes.len());
            bytes[at] = 0xff;
        }
        let whole = read_whole(&bytes);
        // The file is read by the streaming reader itself, not by its fall-back, whenever it reads.
        let streamed = stream::stream(&bytes[..], threads, block, piece_min).expect("no I/O error");
        // (It leaves unsorted receipts to the whole-text reader, which names a repeat's line.)
        let sorted = whole
            .as_ref()
            .is_ok_and(|f| f.receipts.iter().zip(f.receipts.iter().skip(1)).all(|(a, b)| a < b));
        prop_assert_eq!(streamed.is_some(), sorted);
        prop_assert_eq!(read_from_source(&bytes, threads, block, piece_min), whole);
    }
}

#[test]
fn a_published_file_read_from_a_source_in_blocks_is_the_file() {
    let names: Vec<String> = (0..7).map(|i| format!("Option number {i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let rows: Vec<(usize, &[&str])> = (0..7)
        .map(|i| (40 + i, &refs[i..]) as (usize, &[&str]))
        .collect();
    let b = ballots(&refs, &rows);
    let rs: Vec<String> = (0..b.len()).map(|i| format!("{i:08x}")).collect();
    let meta = BallotMeta::new("0.1.0", Method::Irv, &TieBreak::seeded("s"));
    let text = write_ballots_csv(&meta, &b, &rs).expect("write");
    let whole = parse_ballots_csv(&text).expect("parse");
    for threads in 1..5 {
        for block in [1, 7, 64, 1000, 1 << 20] {
            for piece_min in [1, 100, 1 << 20] {
                let read = stream::stream(text.as_bytes(), threads, block, piece_min)
                    .expect("no I/O error")
                    .expect("read without falling back");
                assert_eq!(
                    read, whole,
                    "{threads} threads, blocks of {block}, pieces of {piece_min}"
                );
            }
        }
    }
}
