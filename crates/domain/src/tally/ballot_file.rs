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

/// A ballot file: its metadata, and each ballot with its receipt (`receipts.get(b)` is ballot `b`'s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotFile {
    pub meta: BallotMeta,
    pub receipts: Receipts,
    pub ballots: RankedBallots,
}

/// The receipts of a ballot file in file order, in one buffer: a `String` each made a million
/// allocations to read a million ballots, and as many to free.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Receipts {
    text: String,
    /// Receipt `i` ends at `ends[i]` in `text` and starts where receipt `i - 1` ends (0 for the first).
    ends: Vec<usize>,
}

impl Receipts {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn last(&self) -> Option<&str> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// Receipt `i`, if there are more than `i`.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = match i.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        self.text.get(start..end)
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }

    fn push(&mut self, receipt: &str) {
        self.text.push_str(receipt);
        self.ends.push(self.text.len());
    }

    fn append(&mut self, other: &Receipts) {
        let offset = self.text.len();
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.iter().map(|end| end + offset));
    }
}

impl std::fmt::Debug for Receipts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
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
#[derive(Clone)]
struct OptionIndex {
    names: Vec<String>,
    /// `keys[id]` is option `id`'s.
    keys: Vec<NameKey>,
    /// An open-addressing table of ids + 1 (0 is a free slot), never more than half full.
    slots: Vec<u16>,
    /// Random keys for [`NameKey::slot`], so that no file can pick names that share a slot.
    seeds: [u64; 2],
    /// Without `#option` rows, ballots add the options they name.
    derived: bool,
}

/// Twice [`MAX_OPTIONS`], a power of two.
const SLOTS: usize = 2048;

/// A name's length, its first and last eight bytes (zero-padded when shorter), and for a name
/// longer than 16 bytes a hash of it all. Two names of up to 16 bytes are equal exactly when their
/// keys are, so most lookups compare integers and no text; a file names an option in every field.
#[derive(Clone, Copy, PartialEq, Eq)]
struct NameKey {
    len: usize,
    head: u64,
    tail: u64,
    rest: u64,
}

impl NameKey {
    #[inline]
    fn of(name: &[u8]) -> Self {
        let head = match name.first_chunk::<8>() {
            Some(&chunk) => u64::from_le_bytes(chunk),
            None => {
                let mut padded = [0u8; 8];
                padded.iter_mut().zip(name).for_each(|(slot, &b)| *slot = b);
                u64::from_le_bytes(padded)
            }
        };
        let tail = name
            .last_chunk::<8>()
            .map_or(head, |&c| u64::from_le_bytes(c));
        // FNV-1a over the whole name, needed only when head and tail leave bytes out.
        let rest = if name.len() > 16 {
            name.iter().fold(0xcbf2_9ce4_8422_2325, |h: u64, &b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            })
        } else {
            0
        };
        Self {
            len: name.len(),
            head,
            tail,
            rest,
        }
    }

    /// The slot to start probing from: a multiply folded to 64 bits, keyed by `seeds`.
    #[inline]
    fn slot(&self, seeds: [u64; 2]) -> usize {
        let [a, b] = seeds;
        let product = u128::from(self.head ^ a) * u128::from(self.tail ^ self.rest ^ b);
        let folded = (product as u64) ^ ((product >> 64) as u64) ^ self.len as u64;
        folded as usize % SLOTS
    }
}

impl OptionIndex {
    fn new() -> Self {
        use std::hash::BuildHasher;
        let random = std::collections::hash_map::RandomState::new();
        Self {
            names: Vec::new(),
            keys: Vec::new(),
            slots: vec![0; SLOTS],
            seeds: [random.hash_one(1u8), random.hash_one(2u8)],
            derived: true,
        }
    }

    /// The id of the option named `name`, if there is one.
    #[inline]
    fn find(&self, name: &str, key: &NameKey) -> Option<u16> {
        let mut slot = key.slot(self.seeds);
        loop {
            let id = self.slots.get(slot)?.checked_sub(1)?;
            let i = usize::from(id);
            if self.keys.get(i) == Some(key)
                && (key.len <= 16 || self.names.get(i).is_some_and(|n| n == name))
            {
                return Some(id);
            }
            slot = (slot + 1) % SLOTS;
        }
    }

    fn add(&mut self, name: &str) -> Result<u16, String> {
        let key = NameKey::of(name.as_bytes());
        if self.find(name, &key).is_some() {
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
        self.keys.push(key);
        let mut slot = key.slot(self.seeds);
        // At most MAX_OPTIONS of the SLOTS are taken, so a free one is found.
        while let Some(taken) = self.slots.get_mut(slot) {
            if *taken == 0 {
                *taken = id + 1;
                break;
            }
            slot = (slot + 1) % SLOTS;
        }
        Ok(id)
    }

    fn lookup(&mut self, name: &str) -> Result<u16, String> {
        let found = self.find(name, &NameKey::of(name.as_bytes()));
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
    // Receipts and most names are printable ASCII, which is decided eight bytes at a time.
    !printable_ascii(s.as_bytes()) && s.chars().any(char::is_control)
}

const ONES: u64 = u64::from_ne_bytes([1; 8]);
const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);

/// Whether every byte is printable ASCII, from 0x20 to 0x7e.
fn printable_ascii(bytes: &[u8]) -> bool {
    let (words, rest) = bytes.as_chunks::<8>();
    words.iter().all(|&word| {
        let w = u64::from_le_bytes(word);
        // A high bit marks a byte from 0x80; a byte below 0x20 borrows its high bit when 0x20 is
        // taken from it (exact for "is there one"); and when all bytes are below 0x80, adding 1
        // carries into a high bit only from 0x7f.
        (w | (w.wrapping_sub(ONES * 0x20) & !w) | w.wrapping_add(ONES)) & HIGH == 0
    }) && rest.iter().all(|b| (0x20..0x7f).contains(b))
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
    /// No row starting here or later is read (a row starting before it is read to its end).
    limit: usize,
}

impl<'a> Rows<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            pos: 0,
            line: 1,
            limit: text.len(),
        }
    }

    /// The end of the unquoted text starting at `from`: the next comma or line end.
    fn field_end(&self, from: usize) -> usize {
        field_end(self.text.as_bytes(), from)
    }

    /// Puts the next row's fields in `fields` and returns the line it starts on; `None` at the end.
    fn next_row(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Option<u64> {
        if !self.skip_line_ends() {
            return None;
        }
        let bytes = self.text.as_bytes();
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

    /// Moves past line ends (counting them) to where the next row starts; `false` when no row
    /// starts before the limit.
    #[inline]
    fn skip_line_ends(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        loop {
            if self.pos >= self.limit {
                return false;
            }
            match bytes.get(self.pos) {
                Some(b'\n') => self.line += 1,
                Some(b'\r') => {
                    self.line += 1;
                    if bytes.get(self.pos + 1) == Some(&b'\n') {
                        self.pos += 1;
                    }
                }
                Some(_) => return true,
                None => return false,
            }
            self.pos += 1;
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

/// The first comma or line end in `bytes` at or after `from`, else the length; eight bytes at a
/// time, because a byte at a time was most of the reading. (Fields are short: `memchr`'s set-up
/// would cost more than it saves.)
fn field_end(bytes: &[u8], from: usize) -> usize {
    // The high bit of each byte of `word` equal to `b`. A borrow can also mark a byte after a true
    // match, never one before it, so the lowest mark is the first match.
    let equal = |word: u64, b: u8| {
        let x = word ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGH
    };
    let mut i = from;
    while let Some(&chunk) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
        let word = u64::from_le_bytes(chunk);
        let marks = equal(word, b',') | equal(word, b'\r') | equal(word, b'\n');
        if marks != 0 {
            // Little-endian: the lowest bits are the first byte.
            return i + (marks.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    bytes
        .get(i..)
        .unwrap_or_default()
        .iter()
        .position(|&b| matches!(b, b',' | b'\r' | b'\n'))
        .map_or(bytes.len(), |p| i + p)
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
fn repeated_receipt(receipts: &Receipts, lines: &[u64]) -> Option<CsvError> {
    let mut sorted = receipts.iter();
    let mut previous = sorted.next();
    if sorted.all(|r| {
        let ascending = previous < Some(r);
        previous = Some(r);
        ascending
    }) {
        return None;
    }
    let receipt = |i: usize| receipts.get(i).unwrap_or_default();
    let mut order: Vec<usize> = (0..receipts.len()).collect();
    // Stable: equal receipts stay in file order, so each group starts with the first use.
    order.sort_by(|&a, &b| receipt(a).cmp(receipt(b)));
    let mut first_repeat: Option<(usize, usize)> = None;
    for group in order.chunk_by(|&a, &b| receipt(a) == receipt(b)) {
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
            receipt(second),
            lines[first]
        ),
    })
}

/// Reads a ballot file (see the module documentation). The first problem found is returned with its
/// line; nothing the file contains makes the reader panic.
pub fn parse_ballots_csv(text: &str) -> Result<BallotFile, CsvError> {
    parse_ballots_csv_on(text, 1)
}

/// [`parse_ballots_csv`] sharing the ballot rows of a large file between up to `threads` threads:
/// the same ballots, or the same first error.
pub fn parse_ballots_csv_on(text: &str, threads: usize) -> Result<BallotFile, CsvError> {
    read_ballots_csv(text, threads, PIECE_MIN)
}

/// Pieces of the ballot rows read by one thread are at least this long: below it, a thread costs
/// more than it saves.
const PIECE_MIN: usize = 1 << 20;

fn read_ballots_csv(text: &str, threads: usize, piece_min: usize) -> Result<BallotFile, CsvError> {
    let mut file = FileReader::default();
    let read = file.read(text, threads, piece_min);
    file.finish(read)
}

impl FileReader {
    /// The file read, once every row is: the first error of `read` and the checks made on the whole.
    fn finish(self, read: Result<(), CsvError>) -> Result<BallotFile, CsvError> {
        let file = self;
        // A repeated receipt is found after the reading; it is the error when it comes first.
        // Receipts read in ascending order (a published file's) cannot repeat.
        if file.unsorted {
            if let Some(repeat) = repeated_receipt(&file.receipts, &file.receipt_lines) {
                if read.as_ref().err().is_none_or(|e| repeat.line <= e.line) {
                    return Err(repeat);
                }
            }
        }
        read?;
        let meta = file.meta;
        if let (Some(seed), Some(commitment)) = (&meta.seed, &meta.seed_sha256) {
            if !verify_seed(seed, commitment) {
                return Err(CsvError {
                    line: file.seen_keys.get("seed-sha256").copied().unwrap_or(0),
                    message: "the #seed does not match #seed-sha256 (the SHA-256 of the seed)"
                        .into(),
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
}

/// What [`parse_ballots_csv`] has read so far.
struct FileReader {
    meta: BallotMeta,
    seen_keys: HashMap<String, u64>,
    options: OptionIndex,
    receipts: Receipts,
    /// The line of each receipt.
    receipt_lines: Vec<u64>,
    /// Whether `receipt_lines` is kept: only to name the line of a repeated receipt, which the
    /// streaming reader leaves to the whole-text reader.
    keep_lines: bool,
    /// Whether a receipt came that is not after the one before it (a repeat is then possible).
    unsorted: bool,
    ranks: Vec<u16>,
    bounds: Vec<usize>,
    /// Whether a ballot row came before: metadata rows must not follow one.
    ballots_started: bool,
}

impl Default for FileReader {
    fn default() -> Self {
        Self {
            meta: BallotMeta::default(),
            seen_keys: HashMap::new(),
            options: OptionIndex::new(),
            receipts: Receipts::default(),
            receipt_lines: Vec::new(),
            keep_lines: true,
            unsorted: false,
            ranks: Vec::new(),
            bounds: vec![0],
            ballots_started: false,
        }
    }
}

impl FileReader {
    /// Reads every row, stopping at the first problem except a repeated receipt (the caller's).
    fn read(&mut self, text: &str, threads: usize, piece_min: usize) -> Result<(), CsvError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut rows = Rows::new(text);
        let mut record: Vec<Cow<'_, str>> = Vec::new();
        // Metadata rows decide how ballots read (the options), so they and the first ballot come first.
        while !self.ballots_started {
            if !self.row(&mut rows, &mut record)? {
                return Ok(());
            }
        }
        let pieces = threads.min((text.len() - rows.pos) / piece_min.max(1));
        // Without `#option` rows each piece would number the options its own way. (Under 4 GiB a
        // file also holds fewer than `u32::MAX` ballots, which a piece could not check alone.)
        if pieces > 1 && !self.options.derived && u32::try_from(text.len()).is_ok() {
            self.read_pieces(&mut rows, pieces)?;
        }
        while self.row(&mut rows, &mut record)? {}
        Ok(())
    }

    /// Reads the next row; `false` when there is none before `rows.limit`.
    fn row<'a>(
        &mut self,
        rows: &mut Rows<'a>,
        record: &mut Vec<Cow<'a, str>>,
    ) -> Result<bool, CsvError> {
        if !rows.skip_line_ends() {
            return Ok(false);
        }
        if let Some(end) = self.take_plain(rows.text, rows.pos, rows.line) {
            rows.pos = end;
            return Ok(true);
        }
        let Some(line) = rows.next_row(record) else {
            return Ok(false);
        };
        self.take(record, line)?;
        Ok(true)
    }

    /// Takes in the ballot row starting at `pos` when it is of the kind a published file is made of
    /// (a printable ASCII receipt, then known options, no field quoted, empty or escaped, ended by a
    /// line end) and returns where it ends, at its line end. `None` changes nothing and leaves the
    /// row to [`FileReader::take`], which reads every kind of row and names its errors: this is the
    /// same reading without building the row's fields first, which was most of reading a file.
    #[inline]
    fn take_plain(&mut self, text: &str, pos: usize, line: u64) -> Option<usize> {
        if !self.ballots_started {
            return None;
        }
        let bytes = text.as_bytes();
        let plain = |from: usize, to: usize| {
            let field = bytes.get(from..to)?;
            match field.first() {
                None | Some(b'"' | b'\'' | b'#') => None,
                // Next to commas and line ends, so on character boundaries.
                Some(_) => text.get(from..to),
            }
        };
        let mut at = field_end(bytes, pos);
        let receipt = plain(pos, at).filter(|r| printable_ascii(r.as_bytes()))?;
        if self.receipts.len() >= u32::MAX as usize {
            return None;
        }
        let start = self.ranks.len();
        let mut seen = [0u64; OPTION_WORDS];
        loop {
            match bytes.get(at) {
                Some(b',') => {}
                Some(b'\r' | b'\n') if self.ranks.len() > start => break,
                _ => {
                    self.ranks.truncate(start);
                    return None;
                }
            }
            let to = field_end(bytes, at + 1);
            let found = plain(at + 1, to).and_then(|name| {
                let id = self.options.find(name, &NameKey::of(name.as_bytes()))?;
                let (word, bit) = (usize::from(id) / 64, 1u64 << (id % 64));
                let fresh = seen.get(word).is_some_and(|w| w & bit == 0);
                fresh.then(|| {
                    seen[word] |= bit;
                    id
                })
            });
            let Some(id) = found else {
                self.ranks.truncate(start);
                return None;
            };
            self.ranks.push(id);
            at = to;
        }
        self.push_receipt(receipt, line);
        self.bounds.push(self.ranks.len());
        Some(at)
    }

    /// Takes in the row `record`, which starts on `line`.
    fn take(&mut self, record: &[Cow<'_, str>], line: u64) -> Result<(), CsvError> {
        let err = |message: String| CsvError { line, message };
        // Spreadsheets pad rows with empty fields; a row of nothing but empty fields is blank.
        let len = record
            .iter()
            .rposition(|f| !f.is_empty())
            .map_or(0, |i| i + 1);
        // The writer quoted cells that start like spreadsheet formulas (`csv_file`); undo it.
        let mut fields = record.iter().take(len).map(|f| crate::csv_file::restore(f));
        let Some(first) = fields.next() else {
            return Ok(());
        };

        if let Some(key) = first.strip_prefix('#') {
            if self.ballots_started {
                return Err(err("metadata rows (#…) must come before the ballots".into()));
            }
            let value = fields.next().unwrap_or("");
            if fields.next().is_some() {
                return Err(err(format!(
                    "#{key} takes one value (quote it if it contains a comma)"
                )));
            }
            self.metadata(key, value, line).map_err(err)?;
            return Ok(());
        }

        if first.is_empty() {
            return Err(err("the ballot has no receipt (the first field)".into()));
        }
        if has_control(first) {
            return Err(err("the receipt contains a control character".into()));
        }
        self.push_receipt(first, line);
        self.ballots_started = true;
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
        Ok(())
    }

    /// Reads the ballots from `rows.pos` in `pieces` pieces at once, this thread reading the first.
    /// Each later piece starts after a line feed; the piece before it must end there, and does
    /// unless the line feed was inside a quoted field: then the reading goes on from where that
    /// piece ended, as [`FileReader::read`] continues from `rows`, and the later pieces are dropped.
    fn read_pieces(&mut self, rows: &mut Rows<'_>, pieces: usize) -> Result<(), CsvError> {
        let text = rows.text;
        let from = rows.pos;
        let mut starts: Vec<usize> = (1..pieces)
            .filter_map(|k| {
                let share = from + (text.len() - from) / pieces * k;
                let feed = text
                    .as_bytes()
                    .get(share..)?
                    .iter()
                    .position(|&b| b == b'\n')?;
                Some(share + feed + 1)
            })
            .filter(|&start| start < text.len())
            .collect();
        starts.dedup();
        let ends: Vec<usize> = starts.iter().skip(1).copied().chain([text.len()]).collect();
        let (first, later) = std::thread::scope(|scope| {
            let handles: Vec<_> = starts
                .iter()
                .zip(&ends)
                .map(|(&start, &limit)| {
                    let mut piece = self.piece();
                    scope.spawn(move || {
                        let mut rows = Rows {
                            text,
                            pos: start,
                            line: 1,
                            limit,
                        };
                        let read = piece.read_to_limit(&mut rows);
                        (piece, rows, read)
                    })
                })
                .collect();
            rows.limit = starts.first().copied().unwrap_or(text.len());
            let first = self.read_to_limit(rows);
            let later: Vec<_> = handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect();
            (first, later)
        });
        rows.limit = text.len();
        first?;
        for (start, (piece, piece_rows, read)) in starts.into_iter().zip(later) {
            if rows.pos != start {
                return Ok(());
            }
            let lines_before = rows.line - 1;
            self.append(&piece, lines_before);
            rows.pos = piece_rows.pos;
            rows.line = lines_before + piece_rows.line;
            read.map_err(|e| CsvError {
                line: lines_before + e.line,
                message: e.message,
            })?;
        }
        Ok(())
    }

    fn read_to_limit(&mut self, rows: &mut Rows<'_>) -> Result<(), CsvError> {
        let mut record = Vec::new();
        while self.row(rows, &mut record)? {}
        Ok(())
    }

    /// A reader for a later piece of the ballots: the same options, after a ballot.
    fn piece(&self) -> Self {
        Self {
            options: self.options.clone(),
            ballots_started: true,
            keep_lines: self.keep_lines,
            ..Self::default()
        }
    }

    /// Adds what a later piece read, whose lines are counted from `lines_before + 1`.
    #[inline]
    fn push_receipt(&mut self, receipt: &str, line: u64) {
        if self.receipts.last().is_some_and(|last| receipt <= last) {
            self.unsorted = true;
        }
        self.receipts.push(receipt);
        if self.keep_lines {
            self.receipt_lines.push(line);
        }
    }

    fn append(&mut self, piece: &FileReader, lines_before: u64) {
        let (last, first) = (self.receipts.last(), piece.receipts.get(0));
        self.unsorted |= piece.unsorted || last.is_some() && first.is_some() && first <= last;
        self.receipts.append(&piece.receipts);
        self.receipt_lines
            .extend(piece.receipt_lines.iter().map(|line| line + lines_before));
        let offset = self.ranks.len();
        self.ranks.extend_from_slice(&piece.ranks);
        self.bounds
            .extend(piece.bounds.iter().skip(1).map(|bound| bound + offset));
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

mod stream;
pub use stream::{read_ballots_at, ReadAt, ReadError};

#[cfg(test)]
mod tests;
