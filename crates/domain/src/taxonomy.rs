//! The categories partners are described and filtered by (seed 001: "pricing structure, company size,
//! market size, or geographic focus"), plus services and languages.
//!
//! Each category is a closed list with stable slugs: the slugs are what the database, the API, CSV files
//! and URLs use; people see the translated label `<category>-<slug>` (see the web layer's Fluent files).

use serde::{Deserialize, Serialize};

#[path = "languages_data.rs"]
mod languages_data;
pub use languages_data::LANGUAGES;

#[macro_export]
macro_rules! category {
    ($(#[$m:meta])* $name:ident, $prefix:literal, $err:literal, { $($variant:ident => $slug:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        pub enum $name { $(#[serde(rename = $slug)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Prefix of the translation keys of this category's labels.
            pub const LABEL_PREFIX: &'static str = $prefix;

            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            pub fn parse(s: &str) -> Result<Self, &'static str> {
                let s = s.trim();
                Self::ALL.iter().copied().find(|v| v.slug() == s).ok_or($err)
            }

            pub fn label_key(self) -> String {
                format!("{}-{}", $prefix, self.slug())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.slug())
            }
        }
    };
}

category!(
    /// What a partner offers its clients.
    Service, "service", "invalid-service", {
    Hosting => "hosting",
    CourseDevelopment => "course-development",
    CustomDevelopment => "custom-development",
    Training => "training",
    Consulting => "consulting",
    InstructionalDesign => "instructional-design",
    Integration => "integration",
    Support => "support",
    Theming => "theming",
    Translation => "translation",
});

category!(
    /// The kind of client organization a partner serves ("market size" in seed 001).
    Segment, "segment", "invalid-segment", {
    HigherEducation => "higher-education",
    Corporate => "corporate",
    Government => "government",
    Nonprofit => "nonprofit",
    K12 => "k-12",
});

category!(
    /// Head-count band of a partner company.
    CompanySize, "size", "invalid-size", {
    Micro => "1-10",
    Small => "11-50",
    Medium => "51-200",
    Large => "201-1000",
    Enterprise => "1000-plus",
});

category!(
    /// How a partner prices its work.
    Pricing, "pricing", "invalid-pricing", {
    FixedPrice => "fixed-price",
    TimeAndMaterials => "time-and-materials",
    Subscription => "subscription",
    RevenueShare => "revenue-share",
    Custom => "custom-quote",
});

/// An ISO 639-1 language code from the supported list.
pub fn parse_language(s: &str) -> Result<String, &'static str> {
    let s = s.trim().to_ascii_lowercase();
    LANGUAGES
        .iter()
        .find(|(code, _)| *code == s)
        .map(|(code, _)| (*code).to_string())
        .ok_or("invalid-language")
}

pub fn language_name(code: &str) -> &'static str {
    LANGUAGES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| *n)
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_are_unique() {
        for s in Service::ALL {
            assert_eq!(Service::parse(s.slug()), Ok(*s));
        }
        for s in Segment::ALL {
            assert_eq!(Segment::parse(s.slug()), Ok(*s));
        }
        for s in CompanySize::ALL {
            assert_eq!(CompanySize::parse(s.slug()), Ok(*s));
        }
        for s in Pricing::ALL {
            assert_eq!(Pricing::parse(s.slug()), Ok(*s));
        }
        assert_eq!(Service::parse("plumbing"), Err("invalid-service"));
    }

    #[test]
    fn languages_are_iso_639_1() {
        assert_eq!(parse_language("FR"), Ok("fr".into()));
        assert_eq!(parse_language("klingon"), Err("invalid-language"));
        assert!(LANGUAGES.iter().all(|(c, _)| c.len() == 2));
    }
}
