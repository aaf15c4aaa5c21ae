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

/// The rows read, and the rows that could not be (by line number, the header being line 1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnrolledFile {
    pub rows: Vec<Enrolled>,
    pub bad_lines: Vec<u64>,
}

/// Rows beyond this are a file of another kind (a large MOOC has a few hundred thousand).
pub const MAX_ROWS: usize = 2_000_000;

/// Reads the file. A file without `username` and `enrollment_date` columns is refused whole,
/// naming the field `file`; a row with no username or an unreadable date is skipped and counted.
pub fn parse(bytes: &[u8]) -> Result<EnrolledFile, ValidationErrors> {
    let refuse = |code| ValidationErrors::single("file", code);
    let text = std::str::from_utf8(bytes).map_err(|_| refuse("csv-not-utf8"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = r
        .headers()
        .map_err(|_| refuse("csv-enrolled-columns"))?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (Some(user), Some(date)) = (col("username"), col("enrollment_date")) else {
        return Err(refuse("csv-enrolled-columns"));
    };
    let mut out = EnrolledFile::default();
    for (i, rec) in r.records().enumerate() {
        let line = i as u64 + 2;
        let row = rec.ok().and_then(|rec| {
            let username = rec.get(user)?.trim().to_string();
            let at = super::tracking::parse_time(rec.get(date)?)?;
            (!username.is_empty()).then_some(Enrolled { username, at })
        });
        match row {
            Some(row) => out.rows.push(row),
            None => out.bad_lines.push(line),
        }
        if out.rows.len() > MAX_ROWS {
            return Err(refuse("too-many"));
        }
    }
    if out.rows.is_empty() && !out.bad_lines.is_empty() {
        return Err(refuse("csv-enrolled-columns"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_dashboard_export_and_refuses_other_files() {
        let csv = "id,username,name,email,language,location,year_of_birth,gender,level_of_education,mailing_address,goals,enrollment_mode,last_login,date_joined,external_user_key,enrollment_date\n\
            7,amara,Amara N,amara@example.org,,,,,,,,audit,2026-03-01 10:00:00+00:00,2025-01-01 10:00:00+00:00,,2026-03-02 09:30:00+00:00\n\
            8,,Nobody,x@example.org,,,,,,,,audit,,,,2026-03-02 09:30:00+00:00\n\
            9,zoe,Zoe,zoe@example.org,,,,,,,,verified,,,,not a date\n";
        let f = parse(csv.as_bytes()).expect("valid");
        assert_eq!(f.rows.len(), 1);
        assert_eq!(f.rows[0].username, "amara");
        assert_eq!(f.rows[0].at.to_rfc3339(), "2026-03-02T09:30:00+00:00");
        assert_eq!(f.bad_lines, vec![3, 4]);
        let wrong = "name,email\nAmara,amara@example.org\n";
        assert_eq!(
            parse(wrong.as_bytes()).expect_err("columns").get("file"),
            Some("csv-enrolled-columns")
        );
        assert_eq!(
            parse(b"\xff\xfe").expect_err("binary").get("file"),
            Some("csv-not-utf8")
        );
    }
}
