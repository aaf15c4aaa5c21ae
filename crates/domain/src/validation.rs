//! Field-level validation errors shared by every form and API endpoint.
//!
//! Errors carry a stable `code` (a translation key suffix) rather than English text, so the web layer can
//! render them in the reader's language and the API can return both code and English message.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("invalid input: {}", .errors.iter().map(|e| format!("{} ({})", e.field, e.code)).collect::<Vec<_>>().join(", "))]
pub struct ValidationErrors {
    pub errors: Vec<FieldError>,
}

impl ValidationErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(field: impl Into<String>, code: &'static str) -> Self {
        let mut e = Self::new();
        e.add(field, code);
        e
    }

    pub fn add(&mut self, field: impl Into<String>, code: &'static str) {
        let field = field.into();
        // One message per field is what a person can act on; keep the first.
        if !self.errors.iter().any(|e| e.field == field) {
            self.errors.push(FieldError { field, code });
        }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.code)
    }

    pub fn into_result<T>(self, ok: T) -> Result<T, Self> {
        if self.is_empty() {
            Ok(ok)
        } else {
            Err(self)
        }
    }

    /// Records the error of a parse into `field` and returns the value if it parsed.
    pub fn check<T>(&mut self, field: &str, r: Result<T, &'static str>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(code) => {
                self.add(field, code);
                None
            }
        }
    }
}

/// English text for each validation code, kept only for the command line until it moves to
/// `agora_web::i18n::english` (the one English text, from the Fluent files).
pub fn english(code: &str) -> &'static str {
    match code {
        "required" => "This field is required.",
        "too-long" => "This value is too long.",
        "too-short" => "This value is too short.",
        "invalid-url" => "Enter a full web address starting with https:// or http://.",
        "invalid-email" => "Enter a valid email address.",
        "invalid-country" => "Unknown country code: use ISO 3166-1 alpha-2 (e.g. FR, US).",
        "invalid-region" => "Unknown region.",
        "invalid-language" => "Unknown language code.",
        "invalid-service" => "Unknown service.",
        "invalid-segment" => "Unknown market segment.",
        "invalid-size" => "Unknown company size.",
        "invalid-pricing" => "Unknown pricing structure.",
        "invalid-status" => "Unknown status.",
        "invalid-slug" => "Use 2 to 60 lowercase letters, digits and hyphens.",
        "slug-taken" => "This slug is already used by another partner.",
        "slug-locked" => "Only the foundation can change a partner's address; ask the staff.",
        "csv-unreadable" => "The file is not readable as CSV.",
        "csv-missing-columns" => "The file lacks some of the expected columns.",
        "slug-duplicate" => "This slug appears twice in the file.",
        "email-taken" => "An account with this email already exists.",
        "invalid-transition" => "This status change is not allowed.",
        "reason-required" => "Give a reason for this change.",
        "weak-password" => "Use at least 12 characters, and not your email address.",
        "password-mismatch" => "The two passwords do not match.",
        "consent-required" => "Please confirm before sending.",
        "invalid-number" => "Enter a whole number.",
        "invalid-role" => "Unknown role.",
        "invalid-filter" => "Unknown filter value.",
        "country-not-served" => "This country is not in any region of the map.",
        "invalid-referral-code" => "Use 3 to 32 letters, digits or hyphens.",
        "invalid-period" => "Use a year (2026), a quarter (2026-Q4) or a month (2026-11).",
        "invalid-stage" => "Unknown stage.",
        "invalid-reason" => "Choose a reason from the list.",
        "invalid-fan-out" => "Offer each lead to 1, 2 or 3 partners.",
        "invalid-weight" => "Weights are numbers from 0 to 10.",
        "invalid-fallback" => "Each fallback may appear once.",
        "out-of-range" => "This number is out of range.",
        "idempotency-conflict" => "This Idempotency-Key was already used for a different request.",
        "unknown-referral-code" => "This referral code is not known.",
        "code-taken" => "This code is already used.",
        "explain-required" => "Say why: it is kept with the lead and in the audit log.",
        "unknown-partner" => "No listed partner has this address.",
        "partner-inactive" => "This partner is not listed in the directory.",
        "already-offered" => "This partner has already had this lead.",
        "unknown-person" => "Nobody has an account with this email.",
        "ballot-empty" => "A ballot must rank at least one option.",
        "ballot-unknown-option" => "The ballot ranks an option that is not on the ballot paper.",
        "ballot-duplicate-option" => "The ballot ranks the same option twice.",
        "ballot-option-names" => "Each option needs a name of its own, on one line.",
        "ballot-too-many-options" => "A vote may offer at most 1000 options.",
        "ballot-invalid-receipt" => "Every ballot needs a receipt that does not start with #.",
        "ballot-duplicate-receipt" => "Two ballots have the same receipt.",
        "invalid-method" => "Unknown counting method: use irv or schulze.",
        "invalid-quorum" => "Use none or a whole percentage from 0 to 100.",
        "invalid-threshold" => "Unknown threshold: use simple_majority or two_thirds.",
        "invalid-base" => "Unknown base: use votes_cast or electorate.",
        "invalid-body-kind" => "Unknown kind of body.",
        "invalid-visibility" => "Choose public or members only.",
        "invalid-kind" => "Unknown kind of decision.",
        "invalid-stance" => "Choose support, neutral or object.",
        "invalid-ruling" => "Choose to accept or reject.",
        "invalid-choice" => "Choose yes, no or abstain.",
        "kind-not-allowed" => "This body cannot take this kind of decision: consultations belong to the partner assembly.",
        "closing-too-soon" => "This body gives members more time: choose a later close.",
        "closing-too-late" => "A decision may stay open at most 90 days.",
        "consultation-required" => "A decision that affects partners must name the partner assembly consultation it follows.",
        "secret-needs-vote" => "Only yes/no and ranked votes can be secret.",
        "options-too-few" => "Give at least two options, one per line.",
        "options-too-many" => "A vote may offer at most 20 options.",
        "options-duplicate" => "Each option must be different.",
        "decision-final" => "This decision is already decided or withdrawn.",
        "objection-reason-required" => "Say why you object, so the proposer can address it.",
        "consultation-open" => "The partner assembly consultation is not concluded yet: respond to its comments and record its outcome first.",
        "comments-unanswered" => "Respond to every comment before recording the outcome.",
        "not-partner-staff" => "Choose someone who works for this partner.",
        "alternate-same-as-delegate" => "The alternate must be someone other than the delegate.",
        "unknown-consultation" => "Choose a consultation of the partner assembly.",
        "ballots-before-close" => "The ballots are published when the vote closes.",
        "not-a-vote" => "This decision is not a vote.",
        "not-lazy-consensus" => "Positions are taken on lazy-consensus proposals only.",
        "decision-closed" => "This decision is closed: nothing can be cast or changed any more.",
        "wrong-ballot-kind" => "This ballot does not match the kind of vote.",
        "receipt-required" => "You already voted: enter your receipt to change your secret ballot.",
        "unknown-receipt" => "No ballot of yours has this receipt: enter the receipt you were given when you voted.",
        "too-many-proposals" => "You have opened as many proposals to all members as one person may in a day: try again tomorrow.",
        "withdraw-unconfirmed" => "Tick the box to confirm that you want to withdraw this proposal.",
        "secret-results-early" => "A secret vote cannot show results while it is open: running results would link voters to their choices.",
        "not-consultation" => "Comments are taken on consultations only.",
        "unknown-comment" => "This comment does not belong to this consultation.",
        "respond-after-close" => "Responses are recorded once the consultation has closed.",
        "invalid-date" => "Enter a date as YYYY-MM-DD.",
        "not-in-electorate" => "You are not in this decision's electorate.",
        "ballot-duplicate-rank" => "Give each rank to one option only.",
        "wrong-type" => "This value has the wrong type (see the API documentation).",
        _ => "This value is not valid.",
    }
}
