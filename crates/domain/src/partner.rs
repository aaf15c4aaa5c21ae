//! Partner organizations: their public profile, how it is validated, and the status life cycle.

use crate::geo::{CountryCode, RegionMap};
use crate::person::{parse_display_name, Email};
use crate::taxonomy::{parse_language, CompanySize, Pricing, Segment, Service};
use crate::ValidationErrors;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartnerStatus {
    /// Applied through the public form; waiting for a foundation admin.
    Applicant,
    /// Certified: listed publicly, badge shows "active".
    Active,
    /// Temporarily not in good standing: hidden from the directory, badge shows "not active".
    Suspended,
    /// Left the program.
    Former,
    /// Application turned down (with a reason).
    Rejected,
}

impl PartnerStatus {
    pub const ALL: &'static [PartnerStatus] = &[
        PartnerStatus::Applicant,
        PartnerStatus::Active,
        PartnerStatus::Suspended,
        PartnerStatus::Former,
        PartnerStatus::Rejected,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            PartnerStatus::Applicant => "applicant",
            PartnerStatus::Active => "active",
            PartnerStatus::Suspended => "suspended",
            PartnerStatus::Former => "former",
            PartnerStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .iter()
            .copied()
            .find(|x| x.slug() == s.trim())
            .ok_or("invalid-status")
    }

    /// Only active partners appear in the public directory and may advertise the badge.
    pub fn is_public(self) -> bool {
        self == PartnerStatus::Active
    }

    /// Whether the public may learn that this partner exists (its badge and verification page answer,
    /// saying "active" or "not active"). Applications, pending or turned down, are nobody's business:
    /// every public resource answers for them exactly as for a name that was never used.
    pub fn is_on_public_record(self) -> bool {
        !matches!(self, PartnerStatus::Applicant | PartnerStatus::Rejected)
    }
}

/// Whether a change of status invites the applicant's contact to an account as the partner's admin:
/// approving an applicant does, when the application named a contact e-mail; nothing else does.
pub fn invites_contact(from: PartnerStatus, to: PartnerStatus, has_contact_email: bool) -> bool {
    from == PartnerStatus::Applicant && to == PartnerStatus::Active && has_contact_email
}

/// A requested change of status, checked against the life cycle. Approving needs no reason; every other
/// change does, because the partner (and later an auditor) is owed an explanation.
pub fn check_transition(
    from: PartnerStatus,
    to: PartnerStatus,
    reason: &str,
) -> Result<(), &'static str> {
    use PartnerStatus::*;
    let allowed = matches!(
        (from, to),
        (Applicant, Active)
            | (Applicant, Rejected)
            | (Active, Suspended)
            | (Active, Former)
            | (Suspended, Active)
            | (Suspended, Former)
            | (Former, Active)
            | (Rejected, Applicant)
    );
    if !allowed {
        return Err("invalid-transition");
    }
    let needs_reason = !matches!((from, to), (Applicant, Active) | (Rejected, Applicant));
    if needs_reason && reason.trim().is_empty() {
        return Err("reason-required");
    }
    Ok(())
}

/// A partner's address in the directory is also the address of the badge it embeds on its own site:
/// only the foundation may change it, knowing the old links break.
pub fn check_slug_change(old: &str, new: &str, may_change: bool) -> Result<(), &'static str> {
    if old == new || may_change {
        Ok(())
    } else {
        Err("slug-locked")
    }
}

/// A partner's profile as submitted (form, API or CSV): untrusted strings.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PartnerInput {
    pub name: String,
    /// Optional: derived from the name when empty.
    pub slug: String,
    pub website: String,
    pub description: String,
    pub logo_url: String,
    pub hq_country: String,
    pub regions: Vec<String>,
    pub countries: Vec<String>,
    pub languages: Vec<String>,
    pub services: Vec<String>,
    pub pricing: Vec<String>,
    pub size: String,
    pub segments: Vec<String>,
}

/// A valid public profile. Lists are sorted and free of duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PartnerProfile {
    pub name: String,
    pub slug: String,
    pub website: String,
    pub description: String,
    pub logo_url: Option<String>,
    pub hq_country: String,
    pub regions: Vec<String>,
    pub countries: Vec<String>,
    pub languages: Vec<String>,
    pub services: Vec<Service>,
    pub pricing: Vec<Pricing>,
    pub size: CompanySize,
    pub segments: Vec<Segment>,
}

pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_DESCRIPTION_CHARS: usize = 4000;

/// Lowercase ASCII letters, digits and single hyphens, 2 to 60 characters.
pub fn parse_slug(s: &str) -> Result<String, &'static str> {
    let s = s.trim();
    let ok = (2..=60).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--");
    if ok {
        Ok(s.to_string())
    } else {
        Err("invalid-slug")
    }
}

/// A slug made from a name: "Ünïcode Learning, Inc." → "unicode-learning-inc".
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut s: String = out.trim_matches('-').chars().take(60).collect();
    while s.ends_with('-') {
        s.pop();
    }
    if s.len() < 2 {
        s = format!("partner-{s}").trim_end_matches('-').to_string();
    }
    s
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => c,
    }
}

/// Accepts only absolute http(s) URLs with a host: anything else (javascript:, data:, relative paths)
/// would be unsafe to put in a public link.
pub fn parse_web_url(s: &str) -> Result<String, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Err("required");
    }
    if s.len() > 2000 {
        return Err("too-long");
    }
    let u = url::Url::parse(s).map_err(|_| "invalid-url")?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none_or(|h| !h.contains('.')) {
        return Err("invalid-url");
    }
    Ok(u.to_string())
}

pub(crate) fn parse_list<T: Ord + Clone>(
    errors: &mut ValidationErrors,
    field: &str,
    values: &[String],
    required: bool,
    parse: impl Fn(&str) -> Result<T, &'static str>,
) -> Vec<T> {
    let mut out = Vec::new();
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        match parse(v) {
            Ok(x) => out.push(x),
            Err(code) => {
                errors.add(field, code);
                return vec![];
            }
        }
    }
    if required && out.is_empty() {
        errors.add(field, "required");
    }
    out.sort();
    out.dedup();
    out
}

pub(crate) fn parse_text(
    errors: &mut ValidationErrors,
    field: &str,
    s: &str,
    max: usize,
    required: bool,
) -> String {
    let s = crate::text::normalize_newlines(s.trim());
    if required && s.is_empty() {
        errors.add(field, "required");
    } else if s.chars().count() > max {
        errors.add(field, "too-long");
    }
    s
}

impl PartnerInput {
    pub fn parse(&self, regions: &RegionMap) -> Result<PartnerProfile, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let name = parse_text(&mut e, "name", &self.name, MAX_NAME_CHARS, true);
        let slug = if self.slug.trim().is_empty() {
            slugify(&name)
        } else {
            self.slug.clone()
        };
        let slug = e.check("slug", parse_slug(&slug)).unwrap_or_default();
        let website = e
            .check("website", parse_web_url(&self.website))
            .unwrap_or_default();
        let description = parse_text(
            &mut e,
            "description",
            &self.description,
            MAX_DESCRIPTION_CHARS,
            true,
        );
        let logo_url = if self.logo_url.trim().is_empty() {
            None
        } else {
            e.check("logo_url", parse_web_url(&self.logo_url))
        };
        let hq_country = e
            .check("hq_country", CountryCode::parse(&self.hq_country))
            .map(|c| c.to_string())
            .unwrap_or_default();
        let region_list = parse_list(&mut e, "regions", &self.regions, false, |s| {
            regions.parse_region(s)
        });
        let countries = parse_list(&mut e, "countries", &self.countries, false, |s| {
            CountryCode::parse(s).map(|c| c.to_string())
        });
        if region_list.is_empty()
            && countries.is_empty()
            && e.get("regions").is_none()
            && e.get("countries").is_none()
        {
            e.add("regions", "required");
        }
        let languages = parse_list(&mut e, "languages", &self.languages, true, parse_language);
        let services = parse_list(&mut e, "services", &self.services, true, Service::parse);
        let pricing = parse_list(&mut e, "pricing", &self.pricing, true, Pricing::parse);
        let size = if self.size.trim().is_empty() {
            e.add("size", "required");
            None
        } else {
            e.check("size", CompanySize::parse(&self.size))
        };
        let segments = parse_list(&mut e, "segments", &self.segments, true, Segment::parse);
        if !e.is_empty() {
            return Err(e);
        }
        Ok(PartnerProfile {
            name,
            slug,
            website,
            description,
            logo_url,
            hq_country,
            regions: region_list,
            countries,
            languages,
            services,
            pricing,
            size: size.unwrap_or(CompanySize::Micro),
            segments,
        })
    }
}

impl PartnerProfile {
    /// Every region the partner serves: those it names and those of the countries it names.
    pub fn served_regions(&self, map: &RegionMap) -> Vec<String> {
        let mut out: Vec<String> = self.regions.clone();
        out.extend(
            self.countries
                .iter()
                .filter_map(|c| map.region_of(c))
                .map(|r| r.slug.clone()),
        );
        out.sort();
        out.dedup();
        out
    }

    pub fn to_input(&self) -> PartnerInput {
        PartnerInput {
            name: self.name.clone(),
            slug: self.slug.clone(),
            website: self.website.clone(),
            description: self.description.clone(),
            logo_url: self.logo_url.clone().unwrap_or_default(),
            hq_country: self.hq_country.clone(),
            regions: self.regions.clone(),
            countries: self.countries.clone(),
            languages: self.languages.clone(),
            services: self.services.iter().map(|s| s.slug().into()).collect(),
            pricing: self.pricing.iter().map(|s| s.slug().into()).collect(),
            size: self.size.slug().into(),
            segments: self.segments.iter().map(|s| s.slug().into()).collect(),
        }
    }
}

/// An application to join the program: a profile plus a private contact who becomes the partner admin.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ApplicationInput {
    #[serde(flatten)]
    pub profile: PartnerInput,
    pub contact_name: String,
    pub contact_email: String,
    pub motivation: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub profile: PartnerProfile,
    pub contact_name: String,
    pub contact_email: Email,
    pub motivation: String,
}

impl ApplicationInput {
    pub fn parse(&self, regions: &RegionMap) -> Result<Application, ValidationErrors> {
        let profile = self.profile.parse(regions);
        let mut e = profile.as_ref().err().cloned().unwrap_or_default();
        let contact_name = e.check("contact_name", parse_display_name(&self.contact_name));
        let contact_email = e.check("contact_email", Email::parse(&self.contact_email));
        let motivation = parse_text(
            &mut e,
            "motivation",
            &self.motivation,
            MAX_DESCRIPTION_CHARS,
            false,
        );
        match (profile, contact_name, contact_email) {
            (Ok(profile), Some(contact_name), Some(contact_email)) if e.is_empty() => {
                Ok(Application {
                    profile,
                    contact_name,
                    contact_email,
                    motivation,
                })
            }
            _ => Err(e),
        }
    }
}

/// Search and filters of the public directory. Unknown values are errors, not silently ignored, so a
/// mistyped link says so instead of showing everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryFilter {
    pub q: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub service: Option<Service>,
    pub language: Option<String>,
    pub segment: Option<Segment>,
    pub size: Option<CompanySize>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DirectoryQuery {
    pub q: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub service: Option<String>,
    pub language: Option<String>,
    pub segment: Option<String>,
    pub size: Option<String>,
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl DirectoryQuery {
    pub fn parse(&self, regions: &RegionMap) -> Result<DirectoryFilter, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let q = nonempty(&self.q).map(|s| s.chars().take(100).collect());
        let region =
            nonempty(&self.region).and_then(|s| e.check("region", regions.parse_region(s)));
        let country = nonempty(&self.country)
            .and_then(|s| e.check("country", CountryCode::parse(s)))
            .map(|c| c.to_string());
        let service = nonempty(&self.service).and_then(|s| e.check("service", Service::parse(s)));
        let language =
            nonempty(&self.language).and_then(|s| e.check("language", parse_language(s)));
        let segment = nonempty(&self.segment).and_then(|s| e.check("segment", Segment::parse(s)));
        let size = nonempty(&self.size).and_then(|s| e.check("size", CompanySize::parse(s)));
        e.into_result(DirectoryFilter {
            q,
            region,
            country,
            service,
            language,
            segment,
            size,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn only_approving_an_applicant_with_a_contact_invites_it() {
        use PartnerStatus::*;
        let all = [Applicant, Active, Suspended, Former, Rejected];
        for from in all {
            for to in all {
                assert_eq!(
                    invites_contact(from, to, true),
                    (from, to) == (Applicant, Active),
                    "{from:?} -> {to:?}"
                );
                assert!(!invites_contact(from, to, false));
            }
        }
    }

    pub fn valid_input() -> PartnerInput {
        PartnerInput {
            name: "Example Learning".into(),
            website: "https://example.org".into(),
            description: "We host Open edX.".into(),
            hq_country: "fr".into(),
            regions: vec!["europe".into()],
            countries: vec!["CA".into(), "ca".into()],
            languages: vec!["fr".into(), "en".into()],
            services: vec!["hosting".into()],
            pricing: vec!["subscription".into()],
            size: "11-50".into(),
            segments: vec!["higher-education".into()],
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_profile_is_normalised() {
        let p = valid_input()
            .parse(&RegionMap::default_map())
            .expect("valid");
        assert_eq!(p.slug, "example-learning");
        assert_eq!(p.hq_country, "FR");
        assert_eq!(p.countries, vec!["CA"]);
        assert_eq!(p.languages, vec!["en", "fr"]);
        assert_eq!(
            p.served_regions(&RegionMap::default_map()),
            vec!["europe", "north-america"]
        );
    }

    #[test]
    fn every_bad_field_is_reported() {
        let mut i = valid_input();
        i.website = "javascript:alert(1)".into();
        i.hq_country = "XX".into();
        i.services = vec!["plumbing".into()];
        i.slug = "Bad Slug".into();
        let e = i.parse(&RegionMap::default_map()).expect_err("invalid");
        assert_eq!(e.get("website"), Some("invalid-url"));
        assert_eq!(e.get("hq_country"), Some("invalid-country"));
        assert_eq!(e.get("services"), Some("invalid-service"));
        assert_eq!(e.get("slug"), Some("invalid-slug"));
    }

    #[test]
    fn a_partner_must_serve_somewhere() {
        let mut i = valid_input();
        i.regions.clear();
        i.countries.clear();
        assert_eq!(
            i.parse(&RegionMap::default_map())
                .expect_err("invalid")
                .get("regions"),
            Some("required")
        );
    }

    #[test]
    fn status_changes_follow_the_life_cycle() {
        use PartnerStatus::*;
        assert_eq!(check_transition(Applicant, Active, ""), Ok(()));
        assert_eq!(
            check_transition(Applicant, Rejected, ""),
            Err("reason-required")
        );
        assert_eq!(check_transition(Applicant, Rejected, "incomplete"), Ok(()));
        assert_eq!(
            check_transition(Former, Suspended, "x"),
            Err("invalid-transition")
        );
        assert_eq!(
            check_transition(Active, Active, "x"),
            Err("invalid-transition")
        );
    }

    #[test]
    fn only_the_foundation_changes_a_slug() {
        assert_eq!(check_slug_change("acme", "acme", false), Ok(()));
        assert_eq!(
            check_slug_change("acme", "acme-2", false),
            Err("slug-locked")
        );
        assert_eq!(check_slug_change("acme", "acme-2", true), Ok(()));
    }

    #[test]
    fn urls_must_be_absolute_web_addresses() {
        assert!(parse_web_url("https://example.org/a?b=c").is_ok());
        for bad in [
            "example.org",
            "ftp://example.org",
            "data:text/html,hi",
            "https://localhost",
            "http://",
        ] {
            assert!(parse_web_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn directory_filters_reject_unknown_values() {
        let q = DirectoryQuery {
            service: Some("plumbing".into()),
            region: Some("mars".into()),
            ..Default::default()
        };
        let e = q.parse(&RegionMap::default_map()).expect_err("invalid");
        assert_eq!(e.get("service"), Some("invalid-service"));
        assert_eq!(e.get("region"), Some("invalid-region"));
    }

    proptest! {
        #[test]
        fn slugify_always_yields_a_valid_slug(name in "\\PC{0,80}") {
            prop_assert!(parse_slug(&slugify(&name)).is_ok(), "{:?} -> {:?}", name, slugify(&name));
        }

        #[test]
        fn parsing_never_panics(name in "\\PC{0,200}", url in "\\PC{0,50}", c in "\\PC{0,4}") {
            let i = PartnerInput { name, website: url, hq_country: c, ..valid_input() };
            let _ = i.parse(&RegionMap::default_map());
        }
    }
}
