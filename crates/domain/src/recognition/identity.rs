//! Identities and bots, for the evidence imported from outside history (issue 12; research memo
//! `docs/plans/issue-12.md` §3). A person holds several identities; an identity joins a person
//! automatically only on an exact verified e-mail address, every other likely pair waits in a queue
//! for an admin, and a pair an admin rejected is never proposed again. Bots are recognised so their
//! commits are kept apart and credited to no one.

use crate::activity::normalize_email;
use crate::category;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

category!(
    /// What an identity is. The slugs are the store's `person_identities.kind`.
    IdentityKind, "identity-kind", "invalid-identity-kind", {
        Email => "email",
        GitHubLogin => "github",
        GitLabLogin => "gitlab",
        Username => "username",
    }
);

/// The key identities are matched on. E-mail addresses, GitHub and GitLab logins and usernames are
/// all case-insensitive in practice, so every kind compares trimmed and ASCII-lowercased (e-mail
/// through `activity::normalize_email`, the key of the ledger's `identity` column). The spelling
/// a person wrote is kept beside it for display.
pub fn normalized(kind: IdentityKind, value: &str) -> String {
    match kind {
        IdentityKind::Email => normalize_email(value),
        IdentityKind::GitHubLogin | IdentityKind::GitLabLogin | IdentityKind::Username => {
            value.trim().to_ascii_lowercase()
        }
    }
}

/// An identity as held: its kind, the spelling first seen, and whether its holder proved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Identity {
    pub kind: IdentityKind,
    pub value: String,
    pub verified: bool,
}

impl Identity {
    pub fn key(&self) -> String {
        normalized(self.kind, &self.value)
    }
}

/// Checks an identity an admin adds by hand: an address shaped like one, or a login of the
/// characters its service allows.
pub fn parse_identity(kind: IdentityKind, value: &str) -> Result<String, &'static str> {
    let v = value.trim();
    if v.is_empty() {
        return Err("required");
    }
    if v.len() > crate::activity::MAX_SOURCE_ID {
        return Err("too-long");
    }
    let ok = match kind {
        IdentityKind::Email => {
            v.split_once('@')
                .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.contains('@'))
                && !v.chars().any(char::is_whitespace)
        }
        // GitHub: letters, digits and single hyphens, at most 39.
        IdentityKind::GitHubLogin => {
            v.len() <= 39
                && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !v.starts_with('-')
        }
        IdentityKind::GitLabLogin | IdentityKind::Username => v
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')),
    };
    match (ok, kind) {
        (true, _) => Ok(v.to_string()),
        (false, IdentityKind::Email) => Err("invalid-email"),
        (false, _) => Err("invalid-login"),
    }
}

/// Addresses only automation commits as (memo §3).
const BOT_ADDRESSES: &[&str] = &[
    "noreply@github.com",
    "action@github.com",
    "support@dependabot.com",
    "renovate@whitesourcesoftware.com",
    "bot@renovateapp.com",
];

/// Names of automation accounts that do not end in `[bot]`.
const BOT_NAMES: &[&str] = &[
    "semantic-release-bot",
    "snyk-bot",
    "weblate",
    "greenkeeper",
    "github actions",
    "renovate bot",
];

/// GitLab's project and group access-token bots: `project_<id>_bot_<hex>@noreply.<host>`.
fn gitlab_token_bot(local: &str, domain: &str) -> bool {
    let rest = local
        .strip_prefix("project_")
        .or_else(|| local.strip_prefix("group_"));
    let Some((id, hex)) = rest.and_then(|r| r.split_once("_bot_")) else {
        return false;
    };
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_digit())
        && !hex.is_empty()
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
        && domain.starts_with("noreply.")
}

/// Whether a commit identity is automation. Decided on the mailmapped identity, so a project fixes
/// a mistake with its `.mailmap`. `noreply` alone is no sign: people commit as
/// `<id>+<login>@users.noreply.github.com`.
pub fn is_bot(name: &str, email: &str) -> bool {
    let name = name.trim().to_lowercase();
    let email = normalize_email(email);
    let (local, domain) = email.rsplit_once('@').unwrap_or((email.as_str(), ""));
    name.ends_with("[bot]")
        || local.ends_with("[bot]")
        || BOT_ADDRESSES.contains(&email.as_str())
        || BOT_NAMES.contains(&name.as_str())
        || gitlab_token_bot(local, domain)
}

/// A GitHub noreply address, `[<id>+]<login>@users.noreply.github.com`, as (id, login): a hint for
/// the merge queue, never grounds for an automatic merge (anyone may write any address in a commit).
pub fn github_noreply(email: &str) -> Option<(Option<u64>, String)> {
    let email = email.trim();
    let (local, domain) = email.rsplit_once('@')?;
    if !domain.eq_ignore_ascii_case("users.noreply.github.com") {
        return None;
    }
    let (id, login) = match local.split_once('+') {
        Some((id, login)) => (Some(id.parse::<u64>().ok()?), login),
        None => (None, local),
    };
    (!login.is_empty() && !login.contains('+')).then(|| (id, login.to_string()))
}

category!(
    /// Why two holders may be the same person. Only a shared verified address merges by itself.
    MergeReason, "merge-reason", "invalid-merge-reason", {
        SameVerifiedEmail => "same-verified-email",
        NoreplyLogin => "noreply-login",
        SameName => "same-name",
    }
);

impl MergeReason {
    pub fn is_automatic(self) -> bool {
        self == MergeReason::SameVerifiedEmail
    }
}

/// Someone identities belong to: a person, or an identity not yet held by anyone. `key` is what
/// the never-merge list remembers them by (for example `person:12`, `email:ada@example.org`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub key: String,
    pub name: String,
    pub bot: bool,
    pub identities: Vec<Identity>,
}

/// Pairs an admin rejected: never proposed again, in either order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NeverMerge(BTreeSet<(String, String)>);

impl NeverMerge {
    fn pair(a: &str, b: &str) -> (String, String) {
        if a <= b {
            (a.to_string(), b.to_string())
        } else {
            (b.to_string(), a.to_string())
        }
    }

    pub fn insert(&mut self, a: &str, b: &str) {
        self.0.insert(Self::pair(a, b));
    }

    pub fn contains(&self, a: &str, b: &str) -> bool {
        self.0.contains(&Self::pair(a, b))
    }
}

/// A name compared as people write it: case and spacing aside. Single words ("admin", "Alex") are
/// too common to propose anything.
fn comparable_name(name: &str) -> Option<String> {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    (words.len() >= 2).then(|| words.join(" "))
}

/// Why `a` and `b` may be one person, if they may: a shared address verified on either side
/// (automatic); a GitHub noreply address of one naming a login the other holds (queued); the same
/// name of at least two words (queued). Bots, the same holder and rejected pairs are never proposed.
pub fn candidate_reason(a: &Holder, b: &Holder, never: &NeverMerge) -> Option<MergeReason> {
    if a.key == b.key || a.bot || b.bot || never.contains(&a.key, &b.key) {
        return None;
    }
    let emails = |h: &Holder| -> Vec<(String, bool)> {
        h.identities
            .iter()
            .filter(|i| i.kind == IdentityKind::Email)
            .map(|i| (i.key(), i.verified))
            .collect()
    };
    let (ea, eb) = (emails(a), emails(b));
    let shared_verified = ea
        .iter()
        .any(|(k, va)| eb.iter().any(|(l, vb)| k == l && (*va || *vb)));
    if shared_verified {
        return Some(MergeReason::SameVerifiedEmail);
    }
    let logins = |h: &Holder| -> Vec<String> {
        h.identities
            .iter()
            .filter(|i| matches!(i.kind, IdentityKind::GitHubLogin | IdentityKind::Username))
            .map(Identity::key)
            .collect()
    };
    let noreply_names = |h: &Holder, other: &Holder| {
        let known = logins(other);
        h.identities
            .iter()
            .filter(|i| i.kind == IdentityKind::Email)
            .filter_map(|i| github_noreply(&i.value))
            .any(|(_, login)| known.contains(&login.to_ascii_lowercase()))
    };
    if noreply_names(a, b) || noreply_names(b, a) {
        return Some(MergeReason::NoreplyLogin);
    }
    match (comparable_name(&a.name), comparable_name(&b.name)) {
        (Some(x), Some(y)) if x == y => Some(MergeReason::SameName),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn bots_are_recognised_and_people_on_noreply_are_not() {
        for (name, email) in [
            (
                "dependabot[bot]",
                "49699333+dependabot[bot]@users.noreply.github.com",
            ),
            (
                "Renovate",
                "29139614+renovate[bot]@users.noreply.github.com",
            ),
            ("github-actions[bot]", "someone@example.org"),
            ("GitHub", "noreply@github.com"),
            ("GitHub Action", "ACTION@github.com"),
            ("Dependabot Preview", "support@dependabot.com"),
            ("Renovate Bot", "bot@renovateapp.com"),
            (
                "Project bot",
                "project_123_bot_9f3a0c@noreply.gitlab.example.org",
            ),
            ("Group bot", "group_7_bot_ab12@noreply.gitlab.com"),
            ("semantic-release-bot", "semantic-release-bot@martynus.net"),
            ("Weblate", "hosted@weblate.org"),
        ] {
            assert!(is_bot(name, email), "{name} <{email}>");
        }
        for (name, email) in [
            ("Ada Lovelace", "12345+ada@users.noreply.github.com"),
            ("Ada Lovelace", "ada@users.noreply.github.com"),
            ("Ada Lovelace", "noreply@ada.example.org"),
            ("Robot Framework fan", "bots@example.org"),
            ("Ada", "project_x_bot_zz@noreply.gitlab.com"),
            ("Ada", "project_12_bot_ab@gitlab.com"),
        ] {
            assert!(!is_bot(name, email), "{name} <{email}>");
        }
    }

    #[test]
    fn github_noreply_addresses_name_a_login() {
        assert_eq!(
            github_noreply("12345+Ada-L@users.noreply.github.com"),
            Some((Some(12345), "Ada-L".to_string()))
        );
        assert_eq!(
            github_noreply("ada@Users.NoReply.GitHub.com"),
            Some((None, "ada".to_string()))
        );
        for no in [
            "ada@example.org",
            "x+ada@users.noreply.github.com",
            "12+@users.noreply.github.com",
            "noreply@github.com",
            "ada@users.noreply.github.com.evil.org",
        ] {
            assert_eq!(github_noreply(no), None, "{no}");
        }
    }

    #[test]
    fn identities_match_case_insensitively_and_keep_their_spelling() {
        let i = Identity {
            kind: IdentityKind::Email,
            value: " Ada.Lovelace@Example.ORG ".into(),
            verified: true,
        };
        assert_eq!(i.key(), "ada.lovelace@example.org");
        assert_eq!(i.value, " Ada.Lovelace@Example.ORG ");
        assert_eq!(normalized(IdentityKind::GitHubLogin, "Ada-L"), "ada-l");
        assert_eq!(
            parse_identity(IdentityKind::Email, " a@b.org "),
            Ok("a@b.org".into())
        );
        assert_eq!(
            parse_identity(IdentityKind::Email, "a b@c.org"),
            Err("invalid-email")
        );
        assert_eq!(
            parse_identity(IdentityKind::Email, "nobody"),
            Err("invalid-email")
        );
        assert_eq!(
            parse_identity(IdentityKind::GitHubLogin, "-ada"),
            Err("invalid-login")
        );
        assert_eq!(
            parse_identity(IdentityKind::GitHubLogin, &"a".repeat(40)),
            Err("invalid-login")
        );
        assert_eq!(
            parse_identity(IdentityKind::GitLabLogin, "ada.l_2"),
            Ok("ada.l_2".into())
        );
        assert_eq!(parse_identity(IdentityKind::Username, ""), Err("required"));
        for k in IdentityKind::ALL {
            assert_eq!(IdentityKind::parse(k.slug()), Ok(*k));
        }
    }

    fn holder(key: &str, name: &str, ids: &[(IdentityKind, &str, bool)]) -> Holder {
        Holder {
            key: key.into(),
            name: name.into(),
            bot: false,
            identities: ids
                .iter()
                .map(|(kind, value, verified)| Identity {
                    kind: *kind,
                    value: (*value).into(),
                    verified: *verified,
                })
                .collect(),
        }
    }

    #[test]
    fn merge_candidates_and_their_reasons() {
        use IdentityKind::*;
        let person = holder(
            "person:1",
            "Ada  Lovelace",
            &[
                (Email, "ada@example.org", true),
                (GitHubLogin, "ada-l", true),
            ],
        );
        let same_addr = holder(
            "email:ada@example.org",
            "A. L.",
            &[(Email, "ADA@example.org", false)],
        );
        let r = candidate_reason(&person, &same_addr, &NeverMerge::default());
        assert_eq!(r, Some(MergeReason::SameVerifiedEmail));
        assert!(r.is_some_and(MergeReason::is_automatic));
        // The same address unverified on both sides is no automatic merge, nor a candidate.
        let unverified = holder("person:2", "Someone", &[(Email, "x@example.org", false)]);
        let other = holder(
            "email:x@example.org",
            "Other",
            &[(Email, "x@example.org", false)],
        );
        assert_eq!(
            candidate_reason(&unverified, &other, &NeverMerge::default()),
            None
        );
        let noreply = holder(
            "email:1+ada-l@users.noreply.github.com",
            "ada",
            &[(Email, "1+Ada-L@users.noreply.github.com", false)],
        );
        assert_eq!(
            candidate_reason(&noreply, &person, &NeverMerge::default()),
            Some(MergeReason::NoreplyLogin)
        );
        let namesake = holder(
            "email:al@corp.example",
            "ada LOVELACE",
            &[(Email, "al@corp.example", false)],
        );
        let r = candidate_reason(&person, &namesake, &NeverMerge::default());
        assert_eq!(r, Some(MergeReason::SameName));
        assert!(!MergeReason::SameName.is_automatic());
        // One word is not enough.
        let a = holder("a", "Ada", &[]);
        let b = holder("b", "ada", &[]);
        assert_eq!(candidate_reason(&a, &b, &NeverMerge::default()), None);
        // Rejected pairs, in either order, and bots are never proposed.
        let mut never = NeverMerge::default();
        never.insert("email:al@corp.example", "person:1");
        assert_eq!(candidate_reason(&person, &namesake, &never), None);
        assert_eq!(candidate_reason(&namesake, &person, &never), None);
        let mut bot = same_addr;
        bot.bot = true;
        assert_eq!(
            candidate_reason(&person, &bot, &NeverMerge::default()),
            None
        );
        assert_eq!(
            candidate_reason(&person, &person, &NeverMerge::default()),
            None
        );
    }

    proptest! {
        /// The reason does not depend on the order of the pair, and a rejected pair stays rejected.
        #[test]
        fn candidates_are_symmetric(
            na in "[A-Za-z]{1,4}( [A-Za-z]{1,4}){0,2}",
            nb in "[A-Za-z]{1,4}( [A-Za-z]{1,4}){0,2}",
            ea in "[ab]@x\\.org", eb in "[ab]@x\\.org",
            va: bool, vb: bool,
        ) {
            let a = holder("a", &na, &[(IdentityKind::Email, &ea, va)]);
            let b = holder("b", &nb, &[(IdentityKind::Email, &eb, vb)]);
            let never = NeverMerge::default();
            prop_assert_eq!(candidate_reason(&a, &b, &never), candidate_reason(&b, &a, &never));
            let mut never = NeverMerge::default();
            never.insert("b", "a");
            prop_assert_eq!(candidate_reason(&a, &b, &never), None);
        }

        /// Anything whose name or address ends in `[bot]` is a bot, whatever the case.
        #[test]
        fn bracket_bot_suffixes_are_bots(slug in "[a-zA-Z0-9-]{1,20}", id in 1u64..100_000_000) {
            let email = format!("{id}+{slug}[BOT]@users.noreply.github.com");
            prop_assert!(is_bot("Someone", &email));
            let name = format!("{slug}[bot]");
            prop_assert!(is_bot(&name, "x@example.org"));
        }
    }
}
