//! The one way Agora writes CSV, so that no file it hands out can plant a spreadsheet formula.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (and some also after a
//! leading tab or carriage return), so a partner's name or a ballot option such as
//! `=HYPERLINK("https://evil.example","click")` would act in the reader's spreadsheet. Every cell
//! written through [`Writer`] that starts with one of those characters, possibly after apostrophes,
//! gets one more apostrophe in front: spreadsheets show it as text, and [`restore`] takes it off
//! again, so Agora's own readers (the partner import, `agora tally`) get back exactly what was
//! written. Cells without a dangerous start are written as they are, so plain files do not change.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` (after any leading apostrophes) starts like a formula.
fn needs_quote(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// The text to write for `cell`: one apostrophe more in front when it starts like a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if needs_quote(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The inverse of [`neutralise`]: `restore(&neutralise(s)) == s` for every `s`.
#[inline] // `agora tally` restores every field of a million-ballot file
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(cell) => rest,
        _ => cell,
    }
}

/// A CSV writer into memory that neutralises every cell.
pub struct Writer(csv::Writer<Vec<u8>>);

impl Writer {
    /// Comma-separated, `\n` line ends, every row the same length.
    pub fn new() -> Self {
        Self::with(&csv::WriterBuilder::new())
    }

    /// With the caller's settings (ballot files are flexible and end lines with `\r\n`).
    pub fn with(builder: &csv::WriterBuilder) -> Self {
        Self(builder.from_writer(Vec::new()))
    }

    pub fn row<I, T>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.0.write_record(
            cells
                .into_iter()
                .map(|c| neutralise(c.as_ref()).into_owned()),
        )
    }

    /// The file. Every cell is a `&str`, so it is UTF-8.
    pub fn finish(self) -> csv::Result<String> {
        let bytes = self
            .0
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formula_starts_are_quoted_and_nothing_else() {
        for (cell, out) in [
            (
                "=HYPERLINK(\"https://evil.example\",\"x\")",
                "'=HYPERLINK(\"https://evil.example\",\"x\")",
            ),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("'quoted", "'quoted"),
            ("", ""),
            ("Cedar Learning", "Cedar Learning"),
            ("a=b", "a=b"),
            ("<5", "<5"),
        ] {
            assert_eq!(neutralise(cell), out, "{cell:?}");
            assert_eq!(restore(out), cell, "{out:?}");
        }
    }

    #[test]
    fn written_files_are_plain_csv() {
        let mut w = Writer::new();
        w.row(["name", "note"]).expect("test");
        w.row(["=1+2", "a,b"]).expect("test");
        let text = w.finish().expect("test");
        assert_eq!(text, "name,note\n'=1+2,\"a,b\"\n");
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let rec = r.records().next().expect("a row").expect("readable");
        assert_eq!(restore(&rec[0]), "=1+2");
    }

    proptest! {
        #[test]
        fn restore_undoes_neutralise(s in "['=+@\\-\t\ra-z ]{0,8}") {
            let written = neutralise(&s);
            prop_assert_eq!(restore(&written), s.as_str());
        }

        #[test]
        fn no_written_cell_starts_like_a_formula(s in "['=+@\\-\t\ra-z ]{0,8}") {
            prop_assert!(!neutralise(&s).starts_with(FORMULA_STARTS));
        }
    }
}
