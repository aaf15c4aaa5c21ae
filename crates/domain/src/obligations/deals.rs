//! Deal registration (issue 11): a partner registers a prospect it is working on (organization,
//! country, expected date) so the foundation sees who works with whom. Two partners registering the
//! same organization, and a registered prospect that later arrives as a lead, are flagged by comparing
//! organization keys; a won deal becomes one of the partner's acquired clients in the same step.

use super::{Client, Consent, MAX_ORGANIZATION_CHARS};
use crate::category;
use crate::geo::CountryCode;
use crate::partner::parse_text;
use crate::taxonomy::Segment;
use crate::ValidationErrors;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

pub const MAX_NOTE_CHARS: usize = 2000;
/// An expected date more than this far back or ahead is a typing mistake.
pub const EXPECTED_DAYS_BACK: i64 = 366;
pub const EXPECTED_DAYS_AHEAD: i64 = 3 * 366;

category!(
    /// Where a registered deal stands: open until the partner closes it.
    DealStatus, "deal-status", "invalid-deal-status", {
        Open => "open",
        Won => "won",
        Lost => "lost",
        Withdrawn => "withdrawn",
    }
);

impl DealStatus {
    /// An open deal closes once, as won, lost or withdrawn.
    pub fn may_close_to(self, to: DealStatus) -> Result<(), &'static str> {
        if self != DealStatus::Open {
            Err("deal-closed")
        } else if to == DealStatus::Open {
            Err("invalid-deal-status")
        } else {
            Ok(())
        }
    }
}

/// A deal as typed in a form or sent to the API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DealInput {
    pub organization: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub segment: String,
    /// YYYY-MM-DD: when the partner expects to win it.
    pub expected_on: String,
    pub note: String,
}

/// A valid deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deal {
    pub organization: String,
    pub country: CountryCode,
    pub segment: Option<Segment>,
    pub expected_on: NaiveDate,
    pub note: String,
}

impl DealInput {
    pub fn parse(&self, today: NaiveDate) -> Result<Deal, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let organization = parse_text(
            &mut e,
            "organization",
            &self.organization,
            MAX_ORGANIZATION_CHARS,
            true,
        );
        if !organization.is_empty() && organization_key(&organization).is_empty()
            || crate::text::has_direction_controls(&organization)
        {
            e.add("organization", "invalid-organization");
        }
        let country = e.check("country", CountryCode::parse(&self.country));
        let segment = match self.segment.trim() {
            "" => Some(None),
            s => e.check("segment", Segment::parse(s)).map(Some),
        };
        let expected_on = e.check("expected_on", parse_expected(&self.expected_on, today));
        let note = parse_text(&mut e, "note", &self.note, MAX_NOTE_CHARS, false);
        match (country, segment, expected_on) {
            (Some(country), Some(segment), Some(expected_on)) if e.is_empty() => Ok(Deal {
                organization,
                country,
                segment,
                expected_on,
                note,
            }),
            _ => Err(e),
        }
    }
}

fn parse_expected(s: &str, today: NaiveDate) -> Result<NaiveDate, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Err("required");
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| "invalid-date")?;
    if d < today - Duration::days(EXPECTED_DAYS_BACK)
        || d > today + Duration::days(EXPECTED_DAYS_AHEAD)
    {
        return Err("date-out-of-range");
    }
    Ok(d)
}

/// Words that name a company's legal form, not the company: "Acme Inc." and "ACME" are one prospect.
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "llp",
    "plc",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "ab",
    "as",
    "oy",
    "kg",
    "sl",
    "slu",
    "pty",
    "pte",
    "the",
];

/// The key two registrations of one organization share: letters and digits only, lower case,
/// without accents' marks where they are plain Latin, and without legal forms ("The Acme Co., Inc."
/// and "acme" share `acme`). Empty when the name has no letter or digit.
pub fn organization_key(name: &str) -> String {
    let lowered: String = name
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    let words: Vec<&str> = lowered.split_whitespace().collect();
    let kept: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !LEGAL_FORMS.contains(w))
        .collect();
    // A name made only of such words ("The Company") is its own key.
    if kept.is_empty() { words } else { kept }.concat()
}

/// The acquired client a won deal becomes: its organization, country and segment, acquired on the day
/// it was won; consents are asked for afterwards.
pub fn client_of(deal: &Deal, won_on: NaiveDate) -> Client {
    Client {
        organization: deal.organization.clone(),
        country: deal.country,
        segment: deal.segment,
        acquired_on: won_on,
        logo_consent: Consent::Unknown,
        testimonial_consent: Consent::Unknown,
        evidence: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).expect("date")
    }

    #[test]
    fn one_organization_written_many_ways_shares_one_key() {
        for name in [
            "Acme",
            "ACME Inc.",
            "The Acme Co., Inc.",
            "acme GmbH",
            " Ácme  ",
        ] {
            assert_eq!(organization_key(name), "acme", "{name}");
        }
        assert_eq!(
            organization_key("Université de Montréal"),
            "universitedemontreal"
        );
        assert_ne!(organization_key("Acme Labs"), organization_key("Acme"));
        assert_eq!(organization_key("The Company"), "thecompany");
        assert_eq!(organization_key("—"), "");
    }

    #[test]
    fn bad_input_names_each_field() {
        let e = DealInput {
            organization: "...".into(),
            country: "XX".into(),
            segment: "galaxy".into(),
            expected_on: "2040-01-01".into(),
            note: String::new(),
        }
        .parse(today())
        .expect_err("invalid");
        assert_eq!(e.get("organization"), Some("invalid-organization"));
        assert!(e.get("country").is_some());
        assert!(e.get("segment").is_some());
        assert_eq!(e.get("expected_on"), Some("date-out-of-range"));
        let hidden = DealInput {
            organization: "\u{202E}Acme".into(),
            country: "FR".into(),
            expected_on: "2027-03-01".into(),
            ..Default::default()
        }
        .parse(today())
        .expect_err("refused");
        assert_eq!(hidden.get("organization"), Some("invalid-organization"));
        let ok = DealInput {
            organization: "Université de Montréal".into(),
            country: "ca".into(),
            expected_on: "2027-03-01".into(),
            ..Default::default()
        }
        .parse(today())
        .expect("valid");
        assert_eq!(ok.country.as_str(), "CA");
        let client = client_of(&ok, today());
        assert_eq!(client.acquired_on, today());
        assert_eq!(client.logo_consent, Consent::Unknown);
    }

    #[test]
    fn a_deal_closes_once() {
        assert!(DealStatus::Open.may_close_to(DealStatus::Won).is_ok());
        assert_eq!(
            DealStatus::Open.may_close_to(DealStatus::Open),
            Err("invalid-deal-status")
        );
        for s in [DealStatus::Won, DealStatus::Lost, DealStatus::Withdrawn] {
            assert_eq!(s.may_close_to(DealStatus::Lost), Err("deal-closed"));
        }
    }

    proptest! {
        /// The key ignores case, spacing, punctuation and legal forms, and is stable.
        #[test]
        fn keys_are_stable_and_ignore_case_and_punctuation(name in "[A-Za-z0-9 .,&-]{0,40}") {
            let k = organization_key(&name);
            prop_assert_eq!(&organization_key(&name.to_uppercase()), &k);
            // A legal form added to a name changes nothing (a name that is only such words is kept).
            let lowered = name.to_lowercase();
            let named = lowered
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| !w.is_empty() && !LEGAL_FORMS.contains(&w));
            if named {
                prop_assert_eq!(&organization_key(&format!("  {name}, Inc. ")), &k);
            }
            prop_assert!(k.chars().all(|c| c.is_alphanumeric()));
        }
    }
}
