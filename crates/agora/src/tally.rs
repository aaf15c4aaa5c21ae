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
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let text = if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading the ballots from standard input")?;
        text
    } else {
        read_file(file, threads).with_context(|| format!("reading {}", file.display()))?
    };
    // The process ends once the result is printed: freeing the file and a million ballots first
    // would only add to the recount's time.
    let text = ManuallyDrop::new(text);
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

/// Reads a whole file as UTF-8 text, `threads` shares of it at once.
///
/// With the file in the page cache, reading a published ballot file is mostly the kernel copying it
/// and faulting in the fresh pages it lands in: one thread took about as long as counting a million
/// ballots. Each share is copied by its own thread, so that work runs side by side.
#[cfg(unix)]
fn read_file(path: &Path, threads: usize) -> Result<String> {
    use std::os::unix::fs::FileExt;
    /// Below this a share costs more in threads than it saves.
    const SHARE_MIN: usize = 4 << 20;
    let file = std::fs::File::open(path)?;
    let len = usize::try_from(file.metadata()?.len()).context("the file is too large")?;
    if threads < 2 || len < 2 * SHARE_MIN {
        return Ok(std::fs::read_to_string(path)?);
    }
    let mut bytes = vec![0u8; len];
    let share = len.div_ceil(threads).max(SHARE_MIN);
    std::thread::scope(|scope| {
        let readers: Vec<_> = bytes
            .chunks_mut(share)
            .zip((0u64..).step_by(share))
            .map(|(chunk, offset)| {
                let file = &file;
                scope.spawn(move || file.read_exact_at(chunk, offset))
            })
            .collect();
        readers.into_iter().try_for_each(|reader| {
            reader
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    })?;
    // A file that grew while it was read would be cut short without a word.
    if file.read_at(&mut [0u8], len as u64)? != 0 {
        bail!("the file changed while it was read");
    }
    String::from_utf8(bytes).context("the file is not UTF-8 text")
}

#[cfg(not(unix))]
fn read_file(path: &Path, _threads: usize) -> Result<String> {
    Ok(std::fs::read_to_string(path)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// Rows of multi-byte names, so that shares end inside characters and lines.
    fn big_text() -> String {
        let mut text = String::from("#agora-ballots,1\n");
        for i in 0..400_000 {
            text.push_str(&format!("r{i},Zoë Ørsted,Łukasz,José\n"));
        }
        text
    }

    #[test]
    fn a_file_read_in_shares_is_the_file() {
        let text = big_text();
        assert!(text.len() > 8 << 20, "large enough to be read in shares");
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        file.write_all(text.as_bytes()).expect("write");
        for threads in [1, 2, 3, 7] {
            assert!(
                read_file(file.path(), threads).expect("read") == text,
                "{threads} threads"
            );
        }
    }

    #[test]
    fn a_file_that_is_not_utf8_is_refused() {
        let mut bytes = big_text().into_bytes();
        let last = bytes.len() - 2;
        bytes[last] = 0xff;
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        file.write_all(&bytes).expect("write");
        let err = read_file(file.path(), 2).expect_err("not UTF-8");
        assert!(format!("{err:#}").contains("not UTF-8"), "{err:#}");
    }
}
