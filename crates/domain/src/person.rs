//! People, their email addresses and the password policy.

use serde::Serialize;

/// A normalised email address (trimmed, lowercased). The check is deliberately loose: the only real
/// proof of an address is a message that reaches it (invitations and resets do that).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let s = s.trim().to_lowercase();
        if s.is_empty() {
            return Err("required");
        }
        if s.len() > 254 {
            return Err("too-long");
        }
        let (local, domain) = s.split_once('@').ok_or("invalid-email")?;
        let ok = !local.is_empty()
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && domain.contains('.')
            && !s
                .chars()
                // Quoted local parts and address literals are valid on paper but no one uses them,
                // and they let one mailbox pass for many (`"a"@x.org`, `a@[127.0.0.1]`).
                .any(|c| c.is_whitespace() || "<>,\"[]()\\;:".contains(c))
            && !domain.contains('@');
        if ok {
            Ok(Self(s))
        } else {
            Err("invalid-email")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_CHARS: usize = 256;

/// OWASP ASVS 2.1: at least 12 characters, long passphrases allowed, no composition rules; we also refuse
/// the account's own email address.
pub fn check_password(password: &str, email: &str) -> Result<(), &'static str> {
    let n = password.chars().count();
    if n > MAX_PASSWORD_CHARS {
        return Err("too-long");
    }
    if n < MIN_PASSWORD_CHARS || password.trim().eq_ignore_ascii_case(email.trim()) {
        return Err("weak-password");
    }
    Ok(())
}

/// A display name: what a person is called on pages only they and admins see.
pub fn parse_display_name(s: &str) -> Result<String, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        Err("required")
    } else if s.chars().count() > 120 {
        Err("too-long")
    } else {
        Ok(s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse(" Ada@Example.ORG ").map(|e| e.0),
            Ok("ada@example.org".into())
        );
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.org",
            "ada@example",
            "a b@example.org",
            "ada@.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn password_policy_follows_asvs() {
        assert_eq!(check_password("short", "a@b.org"), Err("weak-password"));
        assert_eq!(
            check_password("ada@example.org", "ada@example.org"),
            Err("weak-password")
        );
        assert_eq!(check_password("correct horse battery", "a@b.org"), Ok(()));
        assert_eq!(check_password(&"x".repeat(300), "a@b.org"), Err("too-long"));
    }
}
