//! Where a page may send someone next when the destination comes from the request (`?next=` after
//! sign-in). Anything but a clean path on this site is dropped, so Agora is never an open redirect.

use url::Url;

/// A stand-in origin: a destination is resolved against it and must stay on it.
const BASE: &str = "http://agora.invalid/";

/// The same-site path `next` names, or `None` when it could lead anywhere else or is not clean.
///
/// Browsers forgive a lot in a `Location` header: they drop tabs and newlines and read `\` as `/`,
/// so `/\t/evil.example` or `/\evil.example` become `//evil.example`, another site. Only visible
/// ASCII without backslashes is taken, it must start with one `/`, and it must resolve to this
/// origin when parsed as a URL. The answer is the parsed URL's path, query and fragment, so what is
/// sent is exactly what was checked (and is always a valid header value).
pub fn local_path(next: &str) -> Option<String> {
    let clean = next.starts_with('/')
        && !next.starts_with("//")
        && next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    if !clean {
        return None;
    }
    let base = Url::parse(BASE).ok()?;
    let url = base.join(next).ok()?;
    if url.origin() != base.origin() || !url.username().is_empty() || url.password().is_some() {
        return None;
    }
    let mut out = url.path().to_string();
    if let Some(q) = url.query() {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = url.fragment() {
        out.push('#');
        out.push_str(f);
    }
    // A path the parser normalised into `//…` would again name another host.
    (!out.starts_with("//")).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_paths_are_kept() {
        assert_eq!(local_path("/admin").as_deref(), Some("/admin"));
        assert_eq!(
            local_path("/decisions/3?tab=votes#your-ballot").as_deref(),
            Some("/decisions/3?tab=votes#your-ballot")
        );
        assert_eq!(local_path("/").as_deref(), Some("/"));
    }

    #[test]
    fn anything_that_could_leave_the_site_is_dropped() {
        for bad in [
            "",
            "admin",
            "//evil.example",
            "/\t/evil.example",
            "/%09/evil.example".replace("%09", "\t").as_str(),
            "/\\evil.example",
            "/x\\y",
            "\\\\evil.example",
            "/\n/evil.example",
            "/admin\r\nSet-Cookie: x=1",
            "/ /evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "/\u{0}x",
            "/caf\u{e9}",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn dot_segments_cannot_climb_into_another_host() {
        assert_eq!(local_path("/./admin").as_deref(), Some("/admin"));
        assert_eq!(local_path("/../admin").as_deref(), Some("/admin"));
        assert_eq!(local_path("/.//evil.example"), None);
    }

    proptest! {
        #[test]
        fn every_answer_is_a_same_site_path_and_a_header_value(s in "[/\\\\\t\n\r a-z.:%@?#09-]{0,24}") {
            if let Some(p) = local_path(&s) {
                prop_assert!(p.starts_with('/'));
                prop_assert!(!p.starts_with("//"));
                prop_assert!(p.bytes().all(|b| b.is_ascii_graphic() && b != b'\\'));
                prop_assert!(axum::http::HeaderValue::from_str(&p).is_ok());
                let joined = Url::parse(BASE).expect("test").join(&p).expect("test");
                prop_assert_eq!(joined.host_str(), Some("agora.invalid"));
            }
        }

        #[test]
        fn clean_paths_survive(segs in proptest::collection::vec("[a-z0-9_-]{1,8}", 1..5)) {
            let p = format!("/{}", segs.join("/"));
            prop_assert_eq!(local_path(&p), Some(p));
        }
    }
}
