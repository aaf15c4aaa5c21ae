//! `agora tally`: recounts a published ballot file with the same code the site counts with, so
//! anyone can check a result without a database or an account.

use agora_domain::tally::{
    parse_ballots_csv_on, read_ballots_at, tally, verify_seed, Method, ReadAt, ReadError, TieBreak,
};
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
    let read = if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading the ballots from standard input")?;
        // The process ends once the result is printed: freeing the text first adds to its time.
        let text = ManuallyDrop::new(text);
        parse_ballots_csv_on(&text, threads).map_err(ReadError::from)
    } else {
        let source = std::fs::File::open(file)
            .map(Source)
            .with_context(|| format!("reading {}", file.display()))?;
        read_ballots_at(&source, threads)
    };
    let ballots = ManuallyDrop::new(read.map_err(|e| match e {
        ReadError::Csv(e) => anyhow!("{}: {e}", file.display()),
        other => anyhow!("reading {}: {other}", file.display()),
    })?);
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

/// A ballot file read at positions, so that each thread reads its own share.
struct Source(std::fs::File);

impl ReadAt for Source {
    fn size(&self) -> std::io::Result<u64> {
        Ok(self.0.metadata()?.len())
    }

    #[cfg(unix)]
    fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
        std::os::unix::fs::FileExt::read_at(&self.0, buf, offset)
    }

    #[cfg(windows)]
    fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
        std::os::windows::fs::FileExt::seek_read(&self.0, buf, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agora_domain::tally::parse_ballots_csv;
    use std::io::Write;

    /// A file of a few MB with multi-byte names, so that shares and blocks end inside characters.
    fn big_text() -> String {
        let mut text =
            String::from("#agora-ballots,1\n#option,Zoë Ørsted\n#option,Łukasz\n#option,José\n");
        for i in 0..200_000 {
            text.push_str(&format!("r{i:07},Zoë Ørsted,Łukasz,José\n"));
        }
        text
    }

    fn source(bytes: &[u8]) -> (tempfile::NamedTempFile, Source) {
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        file.write_all(bytes).expect("write");
        let source = Source(std::fs::File::open(file.path()).expect("open"));
        (file, source)
    }

    #[test]
    fn a_file_read_in_shares_is_the_file() {
        let text = big_text();
        assert!(text.len() > 4 << 20, "large enough to be read in shares");
        let whole = parse_ballots_csv(&text).expect("parse");
        let (_file, source) = source(text.as_bytes());
        for threads in [1, 2, 3, 7] {
            let read = read_ballots_at(&source, threads).expect("read");
            assert!(read == whole, "{threads} threads");
        }
    }

    #[test]
    fn a_file_that_is_not_utf8_is_refused() {
        let mut bytes = big_text().into_bytes();
        let last = bytes.len() - 2;
        bytes[last] = 0xff;
        let (file, _source) = source(&bytes);
        let err = run(file.path(), "irv", None, false).expect_err("not UTF-8");
        assert!(format!("{err:#}").contains("not UTF-8"), "{err:#}");
    }
}
