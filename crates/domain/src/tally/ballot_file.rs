//! The published ballot file of a ranked vote: its writer and its reader.
//!
//! The anonymised ballots of a closed ranked vote are published as one UTF-8 CSV file (RFC 4180: comma
//! separated, fields with commas, quotes or line breaks are quoted with `"` and inner quotes doubled,
//! CRLF line ends; a reader also accepts LF and a leading byte-order mark). Rows may have different
//! lengths. First come metadata rows, whose first field starts with `#`, each with one value:
//!
//! ```text
//! #agora-ballots,1                 format version (this module reads version 1)
//! #software,agora 0.1.0            what wrote the file
//! #method,irv                      irv or schulze: the method the vote was held under
//! #seed,3f1c…                      the revealed tie-break seed (empty when none or not yet revealed)
//! #seed-sha256,9a0b…               its commitment, published when the vote opened
//! #option,Alice                    one row per option, in ballot-paper order
//! #option,Bob
//! ```
//!
//! Then one row per ballot: the ballot's receipt (a random id its voter can find, so each voter can
//! check that their ballot is in the file unchanged), then the names of the options it ranks, most
//! preferred first, one per field, as many fields as the ballot ranks options:
//!
//! ```text
//! 0f3a9c,Bob,Alice
//! 7b21e4,Alice
//! ```
//!
//! The writer sorts the ballot rows by receipt, so the file reveals nothing about the order in which
//! ballots were cast. The reader is strict about the ballots (an unknown option, an option ranked
//! twice, a ballot ranking nothing, a missing or repeated receipt, a `#seed` that does not match
//! `#seed-sha256` are errors naming the line) and lenient about hand-written files: every metadata row
//! is optional, and without `#option` rows the options are the names the ballots use, in order of first
//! appearance. Empty trailing fields (as spreadsheets add) and empty rows are ignored.

use super::{
    seed_commitment, verify_seed, Method, RankedBallots, TieBreak, MAX_OPTIONS, OPTION_WORDS,
};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The ballot file format version this module writes and reads.
pub const BALLOT_FILE_VERSION: &str = "1";

/// The metadata rows of a ballot file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BallotMeta {
    /// What wrote the file, `agora <version>` for Agora.
    pub software: Option<String>,
    pub method: Option<Method>,
    /// The revealed tie-break seed.
    pub seed: Option<String>,
    /// The seed's commitment as published at the opening (lowercase hex).
    pub seed_sha256: Option<String>,
}

impl BallotMeta {
    /// The metadata Agora writes: `agora <version>`, the method, and the seed with its commitment.
    pub fn new(version: &str, method: Method, tie_break: &TieBreak) -> Self {
        Self {
            software: Some(format!("agora {version}")),
            method: Some(method),
            seed: tie_break.seed.clone(),
            seed_sha256: tie_break.commitment(),
        }
    }

    pub fn tie_break(&self) -> TieBreak {
        TieBreak {
            seed: self.seed.clone(),
        }
    }
}

/// A ballot file: its metadata, and each ballot with its receipt (`receipts[b]` is ballot `b`'s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotFile {
    pub meta: BallotMeta,
    pub receipts: Vec<String>,
    pub ballots: RankedBallots,
}

/// A problem in a ballot file, on the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct CsvError {
    pub line: u64,
    pub message: String,
}

fn receipt_ok(receipt: &str) -> bool {
    !receipt.is_empty() && !receipt.starts_with('#') && !receipt.chars().any(char::is_control)
}

/// Writes a ballot file (see the module documentation), ballot rows sorted by receipt.
///
/// `receipts[b]` is ballot `b`'s receipt. Each ballot needs one, non-empty, without control
/// characters, not starting with `#` (`ballot-invalid-receipt`) and used once
/// (`ballot-duplicate-receipt`): the writer refuses what the reader would. The seed's commitment is
/// computed from the seed when there is one, so the two always agree.
pub fn write_ballots_csv(
    meta: &BallotMeta,
    ballots: &RankedBallots,
    receipts: &[String],
) -> Result<String, &'static str> {
    if receipts.len() != ballots.len() || !receipts.iter().all(|r| receipt_ok(r)) {
        return Err("ballot-invalid-receipt");
    }
    let mut rows: Vec<usize> = (0..receipts.len()).collect();
    rows.sort_unstable_by(|&a, &b| receipts[a].cmp(&receipts[b]));
    if rows.windows(2).any(|w| receipts[w[0]] == receipts[w[1]]) {
        return Err("ballot-duplicate-receipt");
    }

    let mut w = crate::csv_file::Writer::with(
        csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::CRLF),
    );
    let commitment = meta
        .seed
        .as_deref()
        .map(seed_commitment)
        .or_else(|| meta.seed_sha256.clone());
    let mut head: Vec<[&str; 2]> = vec![["#agora-ballots", BALLOT_FILE_VERSION]];
    if let Some(s) = &meta.software {
        head.push(["#software", s]);
    }
    if let Some(m) = meta.method {
        head.push(["#method", m.slug()]);
    }
    head.push(["#seed", meta.seed.as_deref().unwrap_or("")]);
    head.push(["#seed-sha256", commitment.as_deref().unwrap_or("")]);
    for o in ballots.options() {
        head.push(["#option", o]);
    }
    let mut fields: Vec<&str> = Vec::new();
    let result = head.iter().try_for_each(|row| w.row(row)).and_then(|()| {
        rows.iter().try_for_each(|&b| {
            fields.clear();
            fields.push(&receipts[b]);
            let ranking = ballots.get(b).unwrap_or_default();
            fields.extend(
                ranking
                    .iter()
                    .filter_map(|&o| ballots.options().get(usize::from(o)))
                    .map(String::as_str),
            );
            w.row(&fields)
        })
    });
    result.expect("writing CSV to memory cannot fail");
    Ok(w.finish().expect("flushing CSV to memory cannot fail"))
}

/// Where the options of a file being read come from.
struct OptionIndex {
    names: Vec<String>,
    ids: HashMap<String, u16, BuildHasherDefault<Fnv>>,
    /// Without `#option` rows, ballots add the options they name.
    derived: bool,
}

/// FNV-1a: option names are short and a ballot file names one per field, so SipHash's start-up cost
/// dominated the reading of a large file. At most [`MAX_OPTIONS`] names are hashed into the table,
/// which bounds what colliding names can cost.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Up to this many options are found by comparing names, which beats hashing them.
const OPTIONS_SCANNED: usize = 16;

impl OptionIndex {
    fn add(&mut self, name: &str) -> Result<u16, String> {
        if self.ids.contains_key(name) {
            return Err(format!("option {name:?} is listed twice"));
        }
        if has_control(name) {
            return Err(format!("option {name:?} contains a control character"));
        }
        let id = u16::try_from(self.names.len())
            .ok()
            .filter(|&id| usize::from(id) < MAX_OPTIONS)
            .ok_or_else(|| format!("more than {MAX_OPTIONS} options"))?;
        self.names.push(name.to_string());
        self.ids.insert(name.to_string(), id);
        Ok(id)
    }

    fn lookup(&mut self, name: &str) -> Result<u16, String> {
        // `names[id]` is option `id`, so a scan finds the same id as the table.
        let found = if self.names.len() <= OPTIONS_SCANNED {
            // Names of one length often share a prefix ("Option 1", "Option 2"): the last byte
            // rules most of them out before a full comparison.
            let last = name.as_bytes().last();
            self.names
                .iter()
                .position(|n| n.len() == name.len() && n.as_bytes().last() == last && n == name)
                .and_then(|i| u16::try_from(i).ok())
        } else {
            self.ids.get(name).copied()
        };
        match found {
            Some(id) => Ok(id),
            None if self.derived => self.add(name),
            None => {
                let mut known: Vec<&str> = self.names.iter().take(10).map(String::as_str).collect();
                if self.names.len() > known.len() {
                    known.push("…");
                }
                Err(format!(
                    "unknown option {name:?} (the options are: {})",
                    known.join(", ")
                ))
            }
        }
    }
}

/// Whether `s` contains a control character (Unicode category Cc), checking ASCII text bytewise.
fn has_control(s: &str) -> bool {
    if s.is_ascii() {
        s.bytes().any(|b| b < 0x20 || b == 0x7f)
    } else {
        s.chars().any(char::is_control)
    }
}

/// The line breaks in `bytes`: `\r\n`, a lone `\r` and a lone `\n` each end a line.
fn line_breaks(bytes: &[u8]) -> u64 {
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

/// The rows of a ballot file as RFC 4180 reads them, with what common writers add: any of `\r\n`,
/// `\r` and `\n` ends a row, blank lines are skipped, text after a closing quote joins the field,
/// and a quote left open runs to the end. Fields borrow from the text unless a doubled quote must
/// be undone, so a million rows cost no allocation each. (The `csv` crate read the same rows, but
/// validated and copied every field and named the line before any blank lines a row followed.)
struct Rows<'a> {
    text: &'a str,
    pos: usize,
    /// The line `pos` is on, from 1.
    line: u64,
}

impl<'a> Rows<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            pos: 0,
            line: 1,
        }
    }

    /// The end of the unquoted text starting at `from`: the next comma or line end.
    fn field_end(&self, from: usize) -> usize {
        let bytes = self.text.as_bytes();
        bytes
            .get(from..)
            .unwrap_or_default()
            .iter()
            .position(|&b| matches!(b, b',' | b'\r' | b'\n'))
            .map_or(bytes.len(), |i| from + i)
    }

    /// Puts the next row's fields in `fields` and returns the line it starts on; `None` at the end.
    fn next_row(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Option<u64> {
        let bytes = self.text.as_bytes();
        loop {
            match bytes.get(self.pos)? {
                b'\n' => self.line += 1,
                b'\r' => {
                    self.line += 1;
                    if bytes.get(self.pos + 1) == Some(&b'\n') {
                        self.pos += 1;
                    }
                }
                _ => break,
            }
            self.pos += 1;
        }
        let start = self.line;
        fields.clear();
        loop {
            if bytes.get(self.pos) == Some(&b'"') {
                let field = self.quoted();
                fields.push(field);
            } else {
                let end = self.field_end(self.pos);
                fields.push(Cow::Borrowed(
                    self.text.get(self.pos..end).unwrap_or_default(),
                ));
                self.pos = end;
            }
            if bytes.get(self.pos) == Some(&b',') {
                self.pos += 1;
            } else {
                // A line end (left for the next row to count) or the end of the text.
                return Some(start);
            }
        }
    }

    /// The quoted field whose opening quote is at `pos`, unescaped; leaves `pos` after it.
    fn quoted(&mut self) -> Cow<'a, str> {
        let bytes = self.text.as_bytes();
        // Every index below is next to an ASCII quote, comma or line end, so on a char boundary.
        let part = |from: usize, to: usize| self.text.get(from..to).unwrap_or_default();
        let mut value: Cow<'a, str> = Cow::Borrowed("");
        let mut from = self.pos + 1;
        loop {
            let rest = bytes.get(from..).unwrap_or_default();
            let Some(q) = rest.iter().position(|&b| b == b'"').map(|i| from + i) else {
                self.line += line_breaks(rest);
                append(&mut value, part(from, bytes.len()));
                self.pos = bytes.len();
                return value;
            };
            self.line += line_breaks(bytes.get(from..q).unwrap_or_default());
            if bytes.get(q + 1) == Some(&b'"') {
                append(&mut value, part(from, q + 1));
                from = q + 2;
                continue;
            }
            append(&mut value, part(from, q));
            let end = self.field_end(q + 1);
            append(&mut value, part(q + 1, end));
            self.pos = end;
            return value;
        }
    }
}

fn append<'a>(value: &mut Cow<'a, str>, part: &'a str) {
    if value.is_empty() {
        *value = Cow::Borrowed(part);
    } else if !part.is_empty() {
        value.to_mut().push_str(part);
    }
}

/// The first receipt used twice, as the error a reader going line by line meets: on the line of its
/// second use, naming the first. Receipts are checked once all are read because the writer sorts
/// them, which makes a published file one pass of comparisons instead of a million hashes.
fn repeated_receipt(receipts: &[String], lines: &[u64]) -> Option<CsvError> {
    if receipts.windows(2).all(|w| w[0] < w[1]) {
        return None;
    }
    let mut order: Vec<usize> = (0..receipts.len()).collect();
    // Stable: equal receipts stay in file order, so each group starts with the first use.
    order.sort_by(|&a, &b| receipts[a].cmp(&receipts[b]));
    let mut first_repeat: Option<(usize, usize)> = None;
    for group in order.chunk_by(|&a, &b| receipts[a] == receipts[b]) {
        if let [first, second, ..] = *group {
            if first_repeat.is_none_or(|(s, _)| second < s) {
                first_repeat = Some((second, first));
            }
        }
    }
    let (second, first) = first_repeat?;
    Some(CsvError {
        line: lines[second],
        message: format!(
            "receipt {:?} is already used on line {}",
            receipts[second], lines[first]
        ),
    })
}

/// Reads a ballot file (see the module documentation). The first problem found is returned with its
/// line; nothing the file contains makes the reader panic.
pub fn parse_ballots_csv(text: &str) -> Result<BallotFile, CsvError> {
    let mut file = FileReader::default();
    let read = file.read(text);
    // A repeated receipt is found after the reading; it is the error when it comes first.
    if let Some(repeat) = repeated_receipt(&file.receipts, &file.receipt_lines) {
        if read.as_ref().err().is_none_or(|e| repeat.line <= e.line) {
            return Err(repeat);
        }
    }
    read?;
    let meta = file.meta;
    if let (Some(seed), Some(commitment)) = (&meta.seed, &meta.seed_sha256) {
        if !verify_seed(seed, commitment) {
            return Err(CsvError {
                line: file.seen_keys.get("seed-sha256").copied().unwrap_or(0),
                message: "the #seed does not match #seed-sha256 (the SHA-256 of the seed)".into(),
            });
        }
    }
    Ok(BallotFile {
        meta,
        receipts: file.receipts,
        ballots: RankedBallots {
            options: file.options.names,
            ranks: file.ranks,
            bounds: file.bounds,
        },
    })
}

/// What [`parse_ballots_csv`] has read so far.
struct FileReader {
    meta: BallotMeta,
    seen_keys: HashMap<String, u64>,
    options: OptionIndex,
    receipts: Vec<String>,
    /// The line of each receipt.
    receipt_lines: Vec<u64>,
    ranks: Vec<u16>,
    bounds: Vec<usize>,
}

impl Default for FileReader {
    fn default() -> Self {
        Self {
            meta: BallotMeta::default(),
            seen_keys: HashMap::new(),
            options: OptionIndex {
                names: Vec::new(),
                ids: HashMap::default(),
                derived: true,
            },
            receipts: Vec::new(),
            receipt_lines: Vec::new(),
            ranks: Vec::new(),
            bounds: vec![0],
        }
    }
}

impl FileReader {
    /// Reads every row, stopping at the first problem except a repeated receipt (the caller's).
    fn read(&mut self, text: &str) -> Result<(), CsvError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut rows = Rows::new(text);
        let mut record: Vec<Cow<'_, str>> = Vec::new();
        while let Some(line) = rows.next_row(&mut record) {
            let err = |message: String| CsvError { line, message };
            // Spreadsheets pad rows with empty fields; a row of nothing but empty fields is blank.
            let len = record
                .iter()
                .rposition(|f| !f.is_empty())
                .map_or(0, |i| i + 1);
            // The writer quoted cells that start like spreadsheet formulas (`csv_file`); undo it.
            let mut fields = record.iter().take(len).map(|f| crate::csv_file::restore(f));
            let Some(first) = fields.next() else {
                continue;
            };

            if let Some(key) = first.strip_prefix('#') {
                if !self.receipts.is_empty() {
                    return Err(err("metadata rows (#…) must come before the ballots".into()));
                }
                let value = fields.next().unwrap_or("");
                if fields.next().is_some() {
                    return Err(err(format!(
                        "#{key} takes one value (quote it if it contains a comma)"
                    )));
                }
                self.metadata(key, value, line).map_err(err)?;
                continue;
            }

            if first.is_empty() {
                return Err(err("the ballot has no receipt (the first field)".into()));
            }
            if has_control(first) {
                return Err(err("the receipt contains a control character".into()));
            }
            self.receipts.push(first.to_string());
            self.receipt_lines.push(line);
            let mut seen = [0u64; OPTION_WORDS];
            let start = self.ranks.len();
            for (column, name) in (2..).zip(fields) {
                if name.is_empty() {
                    return Err(err(format!(
                        "field {column} is empty: a ballot lists its options without gaps"
                    )));
                }
                let id = self.options.lookup(name).map_err(&err)?;
                let (word, bit) = (usize::from(id) / 64, 1u64 << (id % 64));
                if seen[word] & bit != 0 {
                    return Err(err(format!("option {name:?} is ranked twice")));
                }
                seen[word] |= bit;
                self.ranks.push(id);
            }
            if self.ranks.len() == start {
                return Err(err("the ballot ranks no option".into()));
            }
            if self.receipts.len() > u32::MAX as usize {
                return Err(err("too many ballots".into()));
            }
            self.bounds.push(self.ranks.len());
        }
        Ok(())
    }

    fn metadata(&mut self, key: &str, value: &str, line: u64) -> Result<(), String> {
        if key != "option" {
            if let Some(earlier) = self.seen_keys.insert(key.to_string(), line) {
                return Err(format!("#{key} repeats line {earlier}"));
            }
        }
        let meta = &mut self.meta;
        match key {
            "agora-ballots" => {
                if value != BALLOT_FILE_VERSION {
                    return Err(format!(
                        "ballot file version {value:?} is not supported (this Agora reads version {BALLOT_FILE_VERSION})"
                    ));
                }
            }
            "software" => meta.software = Some(value.to_string()),
            "method" => match Method::parse(value) {
                Ok(m) => meta.method = Some(m),
                Err(_) if value == "yes_no" => {
                    return Err(
                        "this is a yes/no ballot file; only ranked ballots (irv, schulze) are read here".into(),
                    )
                }
                Err(_) => return Err(format!("unknown method {value:?} (expected irv or schulze)")),
            },
            "seed" => meta.seed = (!value.is_empty()).then(|| value.to_string()),
            "seed-sha256" => {
                if !value.is_empty() {
                    if value.len() != 64 || !value.chars().all(|c| c.is_ascii_hexdigit()) {
                        return Err("#seed-sha256 must be 64 hexadecimal digits".into());
                    }
                    meta.seed_sha256 = Some(value.to_ascii_lowercase());
                }
            }
            "option" => {
                if value.is_empty() {
                    return Err("#option needs a name".into());
                }
                // Metadata precedes the ballots, so the list is complete before they are read.
                self.options.derived = false;
                self.options.add(value)?;
            }
            _ => return Err(format!("unknown metadata row #{key}")),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
