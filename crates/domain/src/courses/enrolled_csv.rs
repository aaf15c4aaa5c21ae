//! The instructor dashboard's enrolled-students CSV ("Download profile information as a CSV"):
//! one row per enrolled learner. Only the username and the enrollment date are read; every other
//! column (names, e-mails, profile answers) is personal data Agora never keeps.

use crate::validation::ValidationErrors;
use chrono::{DateTime, Utc};

/// One enrolled learner: their LMS username and when they enrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolled {
    pub username: String,
    pub at: DateTime<Utc>,
}

/// The rows read, and how many could not be (the first of them by line number, the header being
/// line 1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnrolledFile {
    pub rows: Vec<Enrolled>,
    pub bad: u64,
    pub bad_lines: Vec<u64>,
}

/// Rows beyond this are a file of another kind (a large MOOC has a few hundred thousand).
pub const MAX_ROWS: usize = 2_000_000;
/// Bad rows listed by line number (all are counted).
pub const LIST_BAD: usize = 100;

/// Reads the file as it streams (a large file is never held whole). A file without `username` and
/// `enrollment_date` columns is refused whole, naming the field `file`; a row with no username, an
/// unreadable date, or a date before 2012 or after `now`, is skipped and counted.
pub fn parse(
    input: impl std::io::Read,
    now: DateTime<Utc>,
) -> Result<EnrolledFile, ValidationErrors> {
    let refuse = |code| ValidationErrors::single("file", code);
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers = r
        .headers()
        .map_err(|e| match e.kind() {
            csv::ErrorKind::Utf8 { .. } => refuse("csv-not-utf8"),
            _ => refuse("csv-enrolled-columns"),
        })?
        .clone();
    // A spreadsheet may begin the file with a byte-order mark.
    let col = |name: &str| {
        headers.iter().position(|h| {
            h.trim_start_matches('\u{feff}')
                .trim()
                .eq_ignore_ascii_case(name)
        })
    };
    let (Some(user), Some(date)) = (col("username"), col("enrollment_date")) else {
        return Err(refuse("csv-enrolled-columns"));
    };
    let mut out = EnrolledFile::default();
    let mut rec = csv::StringRecord::new();
    let mut line = 1u64;
    loop {
        line += 1;
        let row = match r.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => (|| {
                let username = rec.get(user)?.trim().to_string();
                let at = super::tracking::parse_time(rec.get(date)?)?;
                (!username.is_empty() && super::tracking::plausible(at, now))
                    .then_some(Enrolled { username, at })
            })(),
            Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => {
                return Err(refuse("csv-enrolled-columns"))
            }
            Err(_) => None,
        };
        match row {
            Some(row) => out.rows.push(row),
            None => {
                out.bad += 1;
                if out.bad_lines.len() < LIST_BAD {
                    out.bad_lines.push(line);
                }
            }
        }
        if out.rows.len() > MAX_ROWS {
            return Err(refuse("too-many"));
        }
    }
    if out.rows.is_empty() && out.bad > 0 {
        return Err(refuse("csv-enrolled-columns"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_dashboard_export_and_refuses_other_files() {
        let now = "2026-12-01T00:00:00Z".parse().expect("now");
        let csv = "id,username,name,email,language,location,year_of_birth,gender,level_of_education,mailing_address,goals,enrollment_mode,last_login,date_joined,external_user_key,enrollment_date\n\
            7,amara,Amara N,amara@example.org,,,,,,,,audit,2026-03-01 10:00:00+00:00,2025-01-01 10:00:00+00:00,,2026-03-02 09:30:00+00:00\n\
            8,,Nobody,x@example.org,,,,,,,,audit,,,,2026-03-02 09:30:00+00:00\n\
            9,zoe,Zoe,zoe@example.org,,,,,,,,verified,,,,not a date\n";
        let f = parse(csv.as_bytes(), now).expect("valid");
        assert_eq!(f.rows.len(), 1);
        assert_eq!(f.rows[0].username, "amara");
        assert_eq!(f.rows[0].at.to_rfc3339(), "2026-03-02T09:30:00+00:00");
        assert_eq!((f.bad, f.bad_lines), (2, vec![3, 4]));
        let wrong = "name,email\nAmara,amara@example.org\n";
        assert_eq!(
            parse(wrong.as_bytes(), now)
                .expect_err("columns")
                .get("file"),
            Some("csv-enrolled-columns")
        );
        assert!(parse(&b"\xff\xfe,x\n"[..], now).is_err());
        // Dates from before Open edX or from the future are not enrollments.
        let odd = "username,enrollment_date\na,0001-01-01 00:00:00+00:00\nb,9999-12-31 00:00:00+00:00\nc,2026-03-02 00:00:00+00:00\n";
        let f = parse(odd.as_bytes(), now).expect("valid");
        assert_eq!((f.rows.len(), f.bad), (1, 2));
        let bom = "\u{feff}username,enrollment_date\nc,2026-03-02 00:00:00+00:00\n";
        assert_eq!(parse(bom.as_bytes(), now).expect("bom").rows.len(), 1);
    }
}
