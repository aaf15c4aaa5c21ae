//! The translation layer: every user-facing string goes through Fluent. English is complete; other
//! languages are added as `locales/<lang>/main.ftl` and fall back to English key by key.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, Loader};
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::{langid, LanguageIdentifier};

static_loader! {
    pub static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Isolation marks around arguments would end up inside attribute values and emails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

pub const DEFAULT: LanguageIdentifier = langid!("en");

/// A translator for one request's language. Cheap to clone; templates call its methods.
#[derive(Debug, Clone)]
pub struct Tr {
    pub lang: LanguageIdentifier,
}

impl Default for Tr {
    fn default() -> Self {
        Self { lang: DEFAULT }
    }
}

impl Tr {
    /// Picks the best available language from an `Accept-Language` header.
    pub fn negotiate(accept_language: Option<&str>) -> Self {
        use fluent_langneg::{negotiate_languages, parse_accepted_languages, NegotiationStrategy};
        let requested = parse_accepted_languages(accept_language.unwrap_or(""));
        let available: Vec<LanguageIdentifier> = LOCALES.locales().cloned().collect();
        let default = DEFAULT;
        let chosen = negotiate_languages(
            &requested,
            &available,
            Some(&default),
            NegotiationStrategy::Filtering,
        );
        Self {
            lang: chosen.first().map(|l| (*l).clone()).unwrap_or(DEFAULT),
        }
    }

    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(&self.lang, key)
    }

    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed(name), FluentValue::from(value.to_string()));
        LOCALES.lookup_with_args(&self.lang, key, &args)
    }

    /// Two named arguments; takes them by value or by reference (templates pass references).
    pub fn t2(
        &self,
        key: &str,
        a: impl std::borrow::Borrow<(&'static str, String)>,
        b: impl std::borrow::Borrow<(&'static str, String)>,
    ) -> String {
        let (a, b) = (a.borrow().clone(), b.borrow().clone());
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed(a.0), FluentValue::from(a.1));
        args.insert(Cow::Borrowed(b.0), FluentValue::from(b.1));
        LOCALES.lookup_with_args(&self.lang, key, &args)
    }

    /// Field error message for a validation code.
    pub fn err(&self, code: &str) -> String {
        self.t(&format!("error-{code}"))
    }

    /// Label of a category value, e.g. `label("service", "hosting")`.
    pub fn label(&self, prefix: &str, slug: &str) -> String {
        self.t(&format!("{prefix}-{slug}"))
    }

    pub fn code(&self) -> String {
        self.lang.to_string()
    }

    pub fn dir(&self) -> &'static str {
        match self.lang.character_direction() {
            unic_langid::CharacterDirection::RTL => "rtl",
            _ => "ltr",
        }
    }
}
