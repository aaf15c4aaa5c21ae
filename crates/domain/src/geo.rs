//! Countries (ISO 3166-1 alpha-2) and the region map that groups them.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[path = "countries_data.rs"]
mod data;
pub use data::{COUNTRIES, DEFAULT_REGION_COUNTRIES};

/// A country code that is known to exist: parsing is the only way to make one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let up = s.trim().to_ascii_uppercase();
        if up.is_empty() {
            return Err("required");
        }
        COUNTRIES
            .iter()
            .find(|(code, _)| *code == up)
            .map(|(code, _)| {
                let b = code.as_bytes();
                CountryCode([b[0], b[1]])
            })
            .ok_or("invalid-country")
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    pub fn name(&self) -> &'static str {
        COUNTRIES
            .iter()
            .find(|(c, _)| *c == self.as_str())
            .map(|(_, n)| *n)
            .unwrap_or("")
    }
}

impl std::fmt::Display for CountryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// As its two letters ("FR"), the form it is parsed from; not as the two bytes it is stored in.
impl Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        CountryCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A named set of countries. Slugs are stable identifiers; names are shown to people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Region {
    pub slug: String,
    pub name: String,
    pub countries: Vec<String>,
}

/// Which region each country belongs to. A country belongs to at most one region.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionMap {
    regions: Vec<Region>,
    by_country: BTreeMap<String, usize>,
}

pub const DEFAULT_REGIONS: &[(&str, &str)] = &[
    ("north-america", "North America"),
    ("latin-america", "Latin America & Caribbean"),
    ("europe", "Europe"),
    ("middle-east-north-africa", "Middle East & North Africa"),
    ("sub-saharan-africa", "Sub-Saharan Africa"),
    ("south-central-asia", "South & Central Asia"),
    ("east-asia-pacific", "East Asia & Pacific"),
];

impl RegionMap {
    /// Builds a map, rejecting a country listed in two regions or an unknown country code.
    pub fn new(regions: Vec<Region>) -> Result<Self, String> {
        let mut by_country = BTreeMap::new();
        for (i, r) in regions.iter().enumerate() {
            for c in &r.countries {
                CountryCode::parse(c)
                    .map_err(|_| format!("unknown country {c} in region {}", r.slug))?;
                if let Some(prev) = by_country.insert(c.clone(), i) {
                    return Err(format!(
                        "country {c} is in both {} and {}",
                        regions[prev].slug, r.slug
                    ));
                }
            }
        }
        Ok(Self {
            regions,
            by_country,
        })
    }

    pub fn default_map() -> Self {
        let regions = DEFAULT_REGIONS
            .iter()
            .map(|(slug, name)| Region {
                slug: (*slug).into(),
                name: (*name).into(),
                countries: DEFAULT_REGION_COUNTRIES
                    .iter()
                    .filter(|(_, r)| r == slug)
                    .map(|(c, _)| (*c).into())
                    .collect(),
            })
            .collect();
        // The embedded table is checked by a unit test, so this cannot fail at run time.
        Self::new(regions).unwrap_or_default()
    }

    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    pub fn region_of(&self, country: &str) -> Option<&Region> {
        self.by_country.get(country).map(|&i| &self.regions[i])
    }

    pub fn get(&self, slug: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.slug == slug)
    }

    pub fn parse_region(&self, slug: &str) -> Result<String, &'static str> {
        self.get(slug.trim())
            .map(|r| r.slug.clone())
            .ok_or("invalid-region")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_code_is_its_two_letters_in_json_both_ways() {
        let fr = CountryCode::parse("fr").expect("FR exists");
        assert_eq!(serde_json::to_string(&fr).expect("json"), "\"FR\"");
        let back: CountryCode = serde_json::from_str("\"FR\"").expect("parses");
        assert_eq!(back, fr);
        assert!(serde_json::from_str::<CountryCode>("\"ZZ\"").is_err());
    }

    #[test]
    fn default_map_places_every_inhabited_country_once() {
        let map = RegionMap::default_map();
        assert_eq!(map.regions().len(), DEFAULT_REGIONS.len());
        for (code, _) in COUNTRIES {
            if *code == "AQ" {
                continue; // Antarctica has no customers.
            }
            assert!(map.region_of(code).is_some(), "{code} has no region");
        }
        assert_eq!(map.region_of("FR").map(|r| r.slug.as_str()), Some("europe"));
        assert_eq!(
            map.region_of("BR").map(|r| r.slug.as_str()),
            Some("latin-america")
        );
    }

    #[test]
    fn country_codes_are_parsed_case_insensitively_and_unknown_ones_rejected() {
        assert_eq!(
            CountryCode::parse(" fr ").map(|c| c.to_string()),
            Ok("FR".into())
        );
        assert_eq!(CountryCode::parse("XX"), Err("invalid-country"));
        assert_eq!(CountryCode::parse("FRA"), Err("invalid-country"));
        assert_eq!(CountryCode::parse(""), Err("required"));
    }

    #[test]
    fn a_country_in_two_regions_is_rejected() {
        let r = |s: &str, c: &[&str]| Region {
            slug: s.into(),
            name: s.into(),
            countries: c.iter().map(|x| x.to_string()).collect(),
        };
        assert!(RegionMap::new(vec![r("a", &["FR"]), r("b", &["FR"])]).is_err());
        assert!(RegionMap::new(vec![r("a", &["ZZ"])]).is_err());
    }
}
