//! The activity ledger (issue 10, read by recognition in issue 12): one append-only record of what
//! people do here, keyed by person and date. Every program that records activity appends to it in the
//! same transaction as the change it records; later sources (git history, the forum, events) append
//! through the same door. An entry is identified by its source and an id unique within that source,
//! so appending the same thing twice (a retried job, a second import of the same commits) records it
//! once.

use crate::category;
use crate::validation::ValidationErrors;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

category!(
    /// Where an entry comes from. `source_id` is unique within it.
    ActivitySource, "activity-source", "invalid-source", {
        Groups => "groups",
        Okrs => "okrs",
        Updates => "updates",
        Meetings => "meetings",
        Hours => "hours",
        Initiatives => "initiatives",
        Events => "events",
        Contributions => "contributions",
        Git => "git",
    }
);

category!(
    /// What the person did.
    ActivityKind, "activity-kind", "invalid-kind", {
        Joined => "joined",
        Facilitated => "facilitated",
        Attended => "attended",
        Hours => "hours",
        Update => "update",
        CheckIn => "check-in",
        Initiative => "initiative",
        Event => "event",
        Contribution => "contribution",
        Commit => "commit",
        // Credited from a commit's trailers (Co-authored-by, Reviewed-by, Signed-off-by).
        CoAuthored => "co-authored",
        Reviewed => "reviewed",
        SignedOff => "signed-off",
    }
);

/// The longest `source_id`: a commit id with its repository fits easily.
pub const MAX_SOURCE_ID: usize = 200;
/// The detail is a small JSON object (titles, ids); the ledger is not a document store.
pub const MAX_DETAIL_BYTES: usize = 4096;

/// An entry to append.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewActivity {
    pub person_id: i64,
    pub source: ActivitySource,
    /// Unique within `source` (a check-in's id, a commit's hash); repeats are ignored.
    pub source_id: String,
    pub kind: ActivityKind,
    pub occurred_at: DateTime<Utc>,
    /// The group it happened in, if any: its visibility decides who else may see the entry.
    pub group_id: Option<i64>,
    pub detail: serde_json::Value,
}

impl NewActivity {
    pub fn new(
        person_id: i64,
        source: ActivitySource,
        source_id: impl Into<String>,
        kind: ActivityKind,
        occurred_at: DateTime<Utc>,
    ) -> Self {
        Self {
            person_id,
            source,
            source_id: source_id.into(),
            kind,
            occurred_at,
            group_id: None,
            detail: serde_json::json!({}),
        }
    }

    pub fn in_group(mut self, group_id: i64) -> Self {
        self.group_id = Some(group_id);
        self
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }

    /// What the store checks before appending: a usable source id and a small JSON object.
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        check_entry(
            &self.source_id,
            &self.detail,
            self.detail.to_string().len(),
            &mut e,
        );
        e.into_result(())
    }
}

/// Who reads a person's ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The person themselves: everything of theirs.
    Owner,
    /// A foundation admin: everything.
    Admin,
    /// Anyone else.
    Other,
}

/// Whether `reader` may see an entry made in a group of this visibility (`None`: not in a group),
/// given whether the reader may view that group. A members-only group's activity is never shown to
/// those outside it, and the ledger of someone else is not anyone's business but the foundation's.
pub fn entry_visible(reader: Reader, in_group: bool, may_view_group: bool) -> bool {
    match reader {
        Reader::Owner | Reader::Admin => true,
        Reader::Other => in_group && may_view_group,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn entry() -> NewActivity {
        NewActivity::new(
            1,
            ActivitySource::Okrs,
            "check-in:1",
            ActivityKind::CheckIn,
            DateTime::<Utc>::UNIX_EPOCH,
        )
    }

    #[test]
    fn a_plain_entry_passes() {
        assert!(entry().check().is_ok());
        assert!(entry()
            .in_group(3)
            .detail(serde_json::json!({"a": 1}))
            .check()
            .is_ok());
    }

    #[test]
    fn source_ids_are_required_trimmed_and_short() {
        let mut e = entry();
        e.source_id = " ".into();
        assert_eq!(
            e.check().expect_err("blank").get("source_id"),
            Some("required")
        );
        e.source_id = " x".into();
        assert_eq!(
            e.check().expect_err("untrimmed").get("source_id"),
            Some("invalid-source-id")
        );
        e.source_id = "x".repeat(MAX_SOURCE_ID + 1);
        assert!(e.check().is_err());
    }

    #[test]
    fn details_are_small_objects() {
        let e = entry().detail(serde_json::json!([1]));
        assert_eq!(
            e.check().expect_err("array").get("detail"),
            Some("invalid-detail")
        );
        let e = entry().detail(serde_json::json!({"t": "x".repeat(MAX_DETAIL_BYTES)}));
        assert_eq!(e.check().expect_err("big").get("detail"), Some("too-long"));
    }

    #[test]
    fn slugs_round_trip() {
        for k in ActivityKind::ALL {
            assert_eq!(ActivityKind::parse(k.slug()), Ok(*k));
        }
        for s in ActivitySource::ALL {
            assert_eq!(ActivitySource::parse(s.slug()), Ok(*s));
        }
    }

    proptest! {
        /// Owners and admins see every entry; anyone else only entries of groups they may view.
        #[test]
        fn others_see_only_what_they_may_view(in_group: bool, may_view: bool) {
            prop_assert!(entry_visible(Reader::Owner, in_group, may_view));
            prop_assert!(entry_visible(Reader::Admin, in_group, may_view));
            prop_assert_eq!(entry_visible(Reader::Other, in_group, may_view), in_group && may_view);
        }
    }
}

/// An entry from outside history (a git commit, a trailer's credit) recorded under the identity it
/// names: the ledger credits the person who holds that identity, now or once it is merged into them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IdentityActivity {
    /// The matching key: the mailmapped address, ASCII-lowercased (`normalize_email`).
    pub identity: String,
    /// Automation (`[bot]` accounts and the like): kept in the ledger, never credited to a person.
    pub bot: bool,
    pub source: ActivitySource,
    pub source_id: String,
    pub kind: ActivityKind,
    pub occurred_at: DateTime<Utc>,
    pub detail: serde_json::Value,
}

impl IdentityActivity {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        self.check_written(&self.detail.to_string())
    }

    /// `check`, given the detail's text as it will be written (an import serializes it once).
    pub fn check_written(&self, detail: &str) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        check_entry(&self.source_id, &self.detail, detail.len(), &mut e);
        if self.identity.is_empty() || self.identity.len() > MAX_SOURCE_ID {
            e.add("identity", "invalid-identity");
        }
        e.into_result(())
    }
}

/// The rules every ledger entry meets, whoever wrote it.
fn check_entry(
    source_id: &str,
    detail: &serde_json::Value,
    detail_len: usize,
    e: &mut ValidationErrors,
) {
    let id = source_id.trim();
    if id.is_empty() {
        e.add("source_id", "required");
    } else if id.len() > MAX_SOURCE_ID || id != source_id {
        e.add("source_id", "invalid-source-id");
    }
    if !detail.is_object() {
        e.add("detail", "invalid-detail");
    } else if detail_len > MAX_DETAIL_BYTES {
        e.add("detail", "too-long");
    }
}

/// The key an address is matched on: git and mail servers treat the domain case-insensitively and
/// in practice the local part too, so identities compare ASCII-lowercased and trimmed.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_ascii_lowercase()
}
