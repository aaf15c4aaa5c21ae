//! Reading a ballot file from a source of bytes (`agora tally` reads a file) without holding it whole.
//!
//! Reading an 80 MB file into one buffer costs more than parsing it: the kernel faults in and zeroes
//! 20,000 fresh pages, the whole text is checked for UTF-8 before the first row is read, and the pages
//! are unmapped again at exit. Here each thread reads its share of the file in blocks into one small
//! buffer it reuses (so the bytes land in memory already mapped and in cache) and parses each block's
//! complete rows as soon as it has read them.
//!
//! The result is [`parse_ballots_csv_on`]'s by construction: whenever this reader has any doubt (an
//! error in a row, bytes that are not UTF-8, a quoted field running across two threads' shares) it
//! reads the file again whole and hands it to that reader, so errors and their lines are the same.
//! The source is abstract ([`ReadAt`]): the domain does no I/O itself.

use super::{read_ballots_csv, BallotFile, CsvError, FileReader, Rows, PIECE_MIN};
use std::borrow::Cow;

/// Bytes read at a time by each thread: large enough that a read costs little next to parsing it,
/// small enough to stay in cache.
const BLOCK: usize = 512 << 10;

/// A source of bytes read at positions, so that several threads read shares of it at once.
pub trait ReadAt: Sync {
    /// The length the source has when the reading starts (the last share reads on to its end).
    fn size(&self) -> std::io::Result<u64>;
    /// Reads into `buf` from `offset`, like `pread`: the number of bytes read, 0 at the end.
    fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize>;
}

impl ReadAt for [u8] {
    fn size(&self) -> std::io::Result<u64> {
        Ok(<[u8]>::len(self) as u64)
    }

    fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
        let rest = usize::try_from(offset)
            .ok()
            .and_then(|at| self.get(at..))
            .unwrap_or_default();
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        Ok(n)
    }
}

/// Why a ballot file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the file is not UTF-8 text")]
    NotUtf8,
    #[error("{0}")]
    Csv(#[from] CsvError),
}

/// Reads the ballot file in `source` on up to `threads` threads: the ballots
/// [`parse_ballots_csv_on`](super::parse_ballots_csv_on) reads from the same bytes, or its first
/// error.
pub fn read_ballots_at<S: ReadAt + ?Sized>(
    source: &S,
    threads: usize,
) -> Result<BallotFile, ReadError> {
    read_with(source, threads, BLOCK, PIECE_MIN)
}

pub(super) fn read_with<S: ReadAt + ?Sized>(
    source: &S,
    threads: usize,
    block: usize,
    piece_min: usize,
) -> Result<BallotFile, ReadError> {
    if let Some(file) = stream(source, threads, block.max(1), piece_min)? {
        return Ok(file);
    }
    // In doubt: the whole text, read the one way whose errors are documented.
    let mut bytes = Vec::new();
    let mut offset = 0u64;
    let mut chunk = vec![0u8; block.max(1)];
    loop {
        let n = source.read_at(&mut chunk, offset)?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
        offset += n as u64;
    }
    let text = String::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)?;
    Ok(read_ballots_csv(&text, threads, piece_min)?)
}

/// Where a share of the source ended: its offset and the line the next row would be on.
#[derive(Clone, Copy)]
struct Reached {
    offset: u64,
    line: u64,
}

/// The file, or `None` when it must be read whole (see the module documentation).
pub(super) fn stream<S: ReadAt + ?Sized>(
    source: &S,
    threads: usize,
    block: usize,
    piece_min: usize,
) -> std::io::Result<Option<BallotFile>> {
    let len = source.size()?;
    let mut file = FileReader {
        keep_lines: false,
        ..FileReader::default()
    };
    let mut buf = Vec::with_capacity(block);
    // Metadata rows decide how ballots read (the options), so they and the first ballot come first.
    let start = Reached { offset: 0, line: 1 };
    let Some(head) = read_share(&mut file, source, start, None, true, block, &mut buf)? else {
        return Ok(None);
    };
    let rest = len.saturating_sub(head.offset);
    let pieces = (threads as u64).min(rest / piece_min.max(1) as u64);
    // Without `#option` rows each piece would number the options its own way; under 4 GiB a file
    // holds fewer than `u32::MAX` ballots, which a piece cannot check alone.
    let reached = if file.ballots_started
        && pieces > 1
        && !file.options.derived
        && u32::try_from(len).is_ok()
    {
        read_pieces(&mut file, source, head, len, pieces, block, &mut buf)?
    } else {
        read_share(&mut file, source, head, None, false, block, &mut buf)?
    };
    if reached.is_none() || file.unsorted {
        // Naming the line of a repeated receipt needs the lines this reader does not keep.
        return Ok(None);
    }
    Ok(file.finish(Ok(())).ok())
}

/// Reads the ballot rows from `head` in `pieces` shares at once, this thread reading the first. Each
/// later share starts after the first line feed at or after its even split, as in
/// [`FileReader::read_pieces`]; a share must end exactly where the next starts.
fn read_pieces<S: ReadAt + ?Sized>(
    file: &mut FileReader,
    source: &S,
    head: Reached,
    len: u64,
    pieces: u64,
    block: usize,
    buf: &mut Vec<u8>,
) -> std::io::Result<Option<Reached>> {
    let mut starts = Vec::new();
    for k in 1..pieces {
        let split = head.offset + (len - head.offset) / pieces * k;
        if let Some(feed) = next_line_feed(source, split, block)? {
            if feed + 1 < len {
                starts.push(feed + 1);
            }
        }
    }
    starts.dedup();
    let ends: Vec<Option<u64>> = starts
        .iter()
        .skip(1)
        .map(|&s| Some(s))
        .chain([None])
        .collect();
    let first_end = starts.first().copied();
    let (first, later) = std::thread::scope(|scope| {
        let handles: Vec<_> = starts
            .iter()
            .zip(&ends)
            .map(|(&start, &end)| {
                let mut piece = file.piece();
                scope.spawn(move || {
                    let mut buf = Vec::with_capacity(block);
                    let from = Reached {
                        offset: start,
                        line: 1,
                    };
                    let reached = read_share(&mut piece, source, from, end, false, block, &mut buf);
                    (piece, reached)
                })
            })
            .collect();
        let first = read_share(file, source, head, first_end, false, block, buf);
        let later: Vec<_> = handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        (first, later)
    });
    let Some(mut reached) = first? else {
        return Ok(None);
    };
    for (piece, piece_reached) in later {
        let Some(piece_reached) = piece_reached? else {
            return Ok(None);
        };
        let lines_before = reached.line - 1;
        file.append(&piece, lines_before);
        reached = Reached {
            offset: piece_reached.offset,
            line: lines_before + piece_reached.line,
        };
    }
    Ok(Some(reached))
}

/// The offset of the first line feed at or after `from`, if any.
fn next_line_feed<S: ReadAt + ?Sized>(
    source: &S,
    mut from: u64,
    block: usize,
) -> std::io::Result<Option<u64>> {
    let mut chunk = vec![0u8; block.min(64 << 10)];
    loop {
        let n = source.read_at(&mut chunk, from)?;
        if n == 0 {
            return Ok(None);
        }
        if let Some(i) = chunk[..n].iter().position(|&b| b == b'\n') {
            return Ok(Some(from + i as u64));
        }
        from += n as u64;
    }
}

/// Reads and takes in the rows of `source` from `from` up to `end` (the start of the next share;
/// `None`: the end of the source), or only up to the first ballot when `head`. `None` when the
/// file must be read whole: a row is wrong, a block is not UTF-8, or a row runs past `end`.
fn read_share<S: ReadAt + ?Sized>(
    file: &mut FileReader,
    source: &S,
    from: Reached,
    end: Option<u64>,
    head: bool,
    block: usize,
    buf: &mut Vec<u8>,
) -> std::io::Result<Option<Reached>> {
    let mut offset = from.offset; // of buf[0] in the source
    let mut line = from.line;
    buf.clear();
    let mut at_end = false;
    loop {
        // Fill the buffer with the next block, up to `end`.
        if !at_end {
            let filled = buf.len();
            let want = end.map_or(block, |end| {
                usize::try_from(end.saturating_sub(offset + filled as u64))
                    .map_or(block, |left| left.min(block))
            });
            buf.resize(filled + want, 0);
            let mut got = 0;
            while got < want {
                let n = source.read_at(&mut buf[filled + got..], offset + (filled + got) as u64)?;
                if n == 0 {
                    break;
                }
                got += n;
            }
            buf.truncate(filled + got);
            at_end = got < want || end.is_some_and(|end| offset + buf.len() as u64 >= end);
        }
        if offset == 0 && buf.starts_with("\u{feff}".as_bytes()) {
            buf.drain(..3);
            offset = 3;
        }
        // Complete rows end at a line feed; at the end of the share everything left is complete.
        let cut = if at_end {
            buf.len()
        } else {
            match buf.iter().rposition(|&b| b == b'\n') {
                Some(i) => i + 1,
                None => continue,
            }
        };
        let Ok(text) = std::str::from_utf8(&buf[..cut]) else {
            return Ok(None);
        };
        let mut rows = Rows::new(text);
        let mut record: Vec<Cow<'_, str>> = Vec::new();
        rows.line = line;
        // Whether the last row read ran to the end of the text rather than to a line end.
        let mut open = false;
        loop {
            if head && file.ballots_started {
                break;
            }
            if !rows.skip_line_ends() {
                break;
            }
            if let Some(end) = file.take_plain(text, rows.pos, rows.line) {
                rows.pos = end;
                continue;
            }
            let before = (rows.pos, rows.line);
            let Some(row_line) = rows.next_row(&mut record) else {
                break;
            };
            open = rows.pos == text.len();
            if open && !at_end {
                // The block ends inside a quoted field: the row goes on in the next block.
                (rows.pos, rows.line) = before;
                break;
            }
            if file.take(&record, row_line).is_err() {
                return Ok(None);
            }
        }
        let pos = rows.pos;
        line = rows.line;
        if head && file.ballots_started || at_end {
            if open && at_end && end.is_some() {
                // The share's last row may go on in the next share: only the whole text can tell.
                return Ok(None);
            }
            return Ok(Some(Reached {
                offset: offset + pos as u64,
                line,
            }));
        }
        buf.drain(..pos);
        offset += pos as u64;
    }
}
