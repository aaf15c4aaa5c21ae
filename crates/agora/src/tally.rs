//! `agora tally`: recounts a published ballot file with the same code the site counts with, so
//! anyone can check a result without a database or an account.

use agora_domain::tally::{parse_ballots_csv_on, tally, verify_seed, Method, TieBreak};
use anyhow::{anyhow, bail, Context, Result};
use std::io::Read;
use std::mem::ManuallyDrop;
use std::path::Path;

/// Counts the ballots in `file` ("-" for standard input) by `method` and returns what to print: the
/// text rendering, whose last line is `winner: NAME` or `tie: A, B`, or the result as JSON.
///
/// The tie-break seed is `seed` when given (an empty one means "count without a seed"), otherwise the
/// file's `#seed`. A seed must match the file's `#seed-sha256` when the file has one: that commitment
/// was published before the vote opened, and checking it is the point of a recount.
pub fn run(file: &Path, method: &str, seed: Option<&str>, json: bool) -> Result<String> {
    let method = Method::parse(method)
        .map_err(|_| anyhow!("unknown method {method:?}: use irv or schulze"))?;
    let text = if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading the ballots from standard input")?;
        text
    } else {
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?
    };
    // The process ends once the result is printed: freeing the file and a million ballots first
    // would only add to the recount's time.
    let text = ManuallyDrop::new(text);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let ballots = ManuallyDrop::new(
        parse_ballots_csv_on(&text, threads).map_err(|e| anyhow!("{}: {e}", file.display()))?,
    );
    if let Some(declared) = ballots.meta.method.filter(|&m| m != method) {
        eprintln!("note: the file says the vote was held under {declared}; counting with {method} as asked");
    }

    let seed = match seed {
        Some("") => None,
        Some(s) => Some(s.to_string()),
        None => ballots.meta.seed.clone(),
    };
    let commitment = ballots.meta.seed_sha256.as_deref();
    let seed_note = match (&seed, commitment) {
        (Some(s), Some(c)) if !verify_seed(s, c) => bail!(
            "the seed does not match the file's #seed-sha256 ({c}), which was published when the vote opened"
        ),
        (Some(_), Some(_)) => "the seed matches the published #seed-sha256",
        (Some(_), None) => "the file publishes no #seed-sha256 to check the seed against",
        (None, _) => "no seed: ties that the ballots cannot separate stay ties",
    };
    let tie_break = TieBreak { seed };
    let result = tally(method, &ballots.ballots, &tie_break);
    let options = ballots.ballots.options();

    if json {
        let value = serde_json::json!({
            "options": options,
            "ballots": ballots.ballots.len(),
            "seed": tie_break.seed,
            "seed_sha256": commitment,
            "result": result,
        });
        return Ok(format!("{}\n", serde_json::to_string_pretty(&value)?));
    }
    let mut out = format!("ballots: {}\n", file.display());
    if let Some(software) = &ballots.meta.software {
        out.push_str(&format!("written by: {software}\n"));
    }
    out.push_str(&format!("{seed_note}\n\n"));
    out.push_str(&result.render_text(options));
    out.push('\n');
    Ok(out)
}
