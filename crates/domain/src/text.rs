//! Free text written by people (profile descriptions): how it is stored and how it is shown short.

/// Line breaks as stored: browsers post a textarea with CRLF, API clients may send either.
/// Whether `s` holds invisible controls of writing direction (U+202A–U+202E, U+2066–U+2069), which
/// make a name read as something else; names refuse them.
pub fn has_direction_controls(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

/// Whether text carries something shaped like an e-mail address (`local@domain.tld`): published
/// free text (a policy's note, a seed) must not put a person's address on a public page.
pub fn has_email_address(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | '"'))
        .any(|w| {
            w.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain
                        .trim_end_matches(['.', ':'])
                        .split_once('.')
                        .is_some_and(|(host, tld)| !host.is_empty() && !tld.is_empty())
            })
        })
}

pub fn normalize_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// The paragraphs of a text: blocks separated by one or more blank lines (lines of only spaces count
/// as blank). Line breaks inside a paragraph are kept.
pub fn paragraphs(s: &str) -> Vec<String> {
    let mut out = vec![];
    let mut current: Vec<&str> = vec![];
    let text = normalize_newlines(s);
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

pub const ELLIPSIS: char = '…';

/// A text cut to at most `max_chars` characters for a card: whitespace (paragraph breaks included)
/// collapses to single spaces; a cut falls between words and ends with an ellipsis, which counts
/// towards the limit. A first word too long to fit leaves only the ellipsis rather than half a word.
pub fn excerpt(s: &str, max_chars: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let whole = words.join(" ");
    if whole.chars().count() <= max_chars {
        return whole;
    }
    let budget = max_chars.saturating_sub(1);
    let mut out = String::new();
    let mut used = 0;
    for w in words {
        let extra = w.chars().count() + usize::from(!out.is_empty());
        if used + extra > budget {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
        used += extra;
    }
    // "word, …" reads badly: drop punctuation left before the ellipsis.
    let kept = out
        .trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c))
        .len();
    out.truncate(kept);
    if max_chars > 0 {
        out.push(ELLIPSIS);
    }
    out
}

/// Up to two letters standing in for a missing logo: "Cedar Learning" → "CL", "édu" → "É".
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn email_addresses_are_found_in_text() {
        for s in [
            "Asked by priya@aurora-learning.example",
            "ada.admin@agora.example",
            "(mail: x@y.org).",
        ] {
            assert!(super::has_email_address(s), "{s}");
        }
        for s in [
            "agora",
            "Meet @ 10",
            "user@localhost",
            "a@.b",
            "@handle.x",
            "2026 policy",
        ] {
            assert!(!super::has_email_address(s), "{s}");
        }
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn paragraphs_survive_windows_line_breaks_and_blank_lines_with_spaces() {
        assert_eq!(
            paragraphs("One.\r\n\r\nTwo.\r\nStill two."),
            ["One.", "Two.\nStill two."]
        );
        assert_eq!(paragraphs("\n\nOne.\n   \n\n\nTwo.\n"), ["One.", "Two."]);
        assert!(paragraphs("  \n ").is_empty());
        assert_eq!(normalize_newlines("a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn excerpt_cuts_between_words_with_an_ellipsis() {
        assert_eq!(excerpt("Short text.", 180), "Short text.");
        assert_eq!(excerpt("One two\n\nthree", 180), "One two three");
        assert_eq!(
            excerpt("Hosting and training for universities", 20),
            "Hosting and…"
        );
        assert_eq!(excerpt("We host, train and advise", 10), "We host…");
        assert_eq!(excerpt("Internationalization", 8), "…");
        assert_eq!(excerpt("Ünïcödé wörds everywhere", 14), "Ünïcödé wörds…");
    }

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Cedar Learning"), "CL");
        assert_eq!(initials("édu  (global) corp"), "ÉG");
        assert_eq!(initials("Acme"), "A");
        assert_eq!(initials(""), "");
    }

    proptest! {
        #[test]
        fn an_excerpt_is_never_longer_than_the_limit_nor_splits_a_word(
            text in "([a-zé漢😀]{1,12}[ \n\r\t]{1,3}){0,30}",
            max in 0usize..120,
        ) {
            let e = excerpt(&text, max);
            prop_assert!(e.chars().count() <= max, "{e:?} longer than {max}");
            let whole: Vec<&str> = text.split_whitespace().collect();
            let kept = e.strip_suffix(ELLIPSIS).unwrap_or(&e);
            if whole.join(" ").chars().count() > max {
                // Cut: every word kept is a whole word of the text, in order.
                let kept_words: Vec<&str> = kept.split_whitespace().collect();
                prop_assert!(kept_words.len() <= whole.len());
                for (k, w) in kept_words.iter().zip(&whole) {
                    prop_assert!(k.len() <= w.len() && w.starts_with(k));
                    prop_assert!(*k == *w || w[k.len()..].chars().all(|c| ",;:-–—".contains(c)));
                }
            } else {
                prop_assert_eq!(e, whole.join(" "));
            }
        }

        #[test]
        fn an_excerpt_of_any_text_is_valid_and_bounded(text in "\\PC{0,300}", max in 0usize..200) {
            let e = excerpt(&text, max);
            prop_assert!(e.chars().count() <= max);
        }
    }
}
