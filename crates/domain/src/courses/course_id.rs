//! Open edX course identifiers, in both of the forms the platform writes: the opaque key
//! `course-v1:Org+Course+Run` and the older slash form `Org/Course/Run`. The two name the same course,
//! so Agora keeps one canonical form (`course-v1:…`) and accepts either.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest course id Agora accepts (Open edX limits each part to 255 characters; real ids are
/// far shorter).
pub const MAX_LEN: usize = 255;

/// A course's organization, course code and run.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CourseId {
    pub org: String,
    pub course: String,
    pub run: String,
}

/// Open edX's allowed characters in a key part: letters, digits, `-`, `_`, `.`, `~`, `%`.
fn part_ok(p: &str) -> bool {
    !p.is_empty()
        && p.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'%'))
}

impl CourseId {
    /// Parses `course-v1:Org+Course+Run` or `Org/Course/Run` (surrounding spaces ignored).
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let s = s.trim();
        if s.is_empty() {
            return Err("required");
        }
        if s.len() > MAX_LEN {
            return Err("invalid-course-id");
        }
        let parts: Vec<&str> = if let Some(rest) = s.strip_prefix("course-v1:") {
            rest.split('+').collect()
        } else {
            s.split('/').collect()
        };
        match parts.as_slice() {
            [org, course, run] if part_ok(org) && part_ok(course) && part_ok(run) => Ok(Self {
                org: (*org).to_owned(),
                course: (*course).to_owned(),
                run: (*run).to_owned(),
            }),
            _ => Err("invalid-course-id"),
        }
    }
}

impl fmt::Display for CourseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "course-v1:{}+{}+{}", self.org, self.course, self.run)
    }
}

impl TryFrom<String> for CourseId {
    type Error = &'static str;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<CourseId> for String {
    fn from(c: CourseId) -> Self {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn both_forms_name_the_same_course() {
        let a = CourseId::parse("course-v1:edX+DemoX+Demo_Course").expect("test data");
        let b = CourseId::parse(" edX/DemoX/Demo_Course ").expect("test data");
        assert_eq!(a, b);
        assert_eq!(b.to_string(), "course-v1:edX+DemoX+Demo_Course");
    }

    #[test]
    fn malformed_ids_are_refused() {
        for bad in [
            "course-v1:edX+DemoX",
            "edX/DemoX",
            "course-v1:edX+Demo X+2026",
            "a/b/c/d",
            "course-v1:+b+c",
            "<script>/b/c",
        ] {
            assert_eq!(CourseId::parse(bad), Err("invalid-course-id"), "{bad}");
        }
        assert_eq!(CourseId::parse("  "), Err("required"));
    }

    proptest! {
        #[test]
        fn display_parses_back(org in "[A-Za-z0-9_.~-]{1,12}", course in "[A-Za-z0-9_.-]{1,12}", run in "[A-Za-z0-9_-]{1,12}") {
            let c = CourseId::parse(&format!("{org}/{course}/{run}")).expect("test data");
            prop_assert_eq!(CourseId::parse(&c.to_string()).expect("test data"), c);
        }
    }
}
