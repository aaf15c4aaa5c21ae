//! The partner profile form, shared by the application, the partner's own edit page and the admin's.

use crate::i18n::Tr;
use agora_domain::geo::{RegionMap, COUNTRIES};
use agora_domain::partner::{ApplicationInput, PartnerInput, PartnerProfile};
use agora_domain::taxonomy::{CompanySize, Pricing, Segment, Service, LANGUAGES};
use agora_domain::text;
use serde::Deserialize;

/// The form as posted: lists arrive as repeated fields; countries as one comma-separated text.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PartnerFormData {
    pub name: String,
    pub slug: String,
    pub website: String,
    pub description: String,
    pub logo_url: String,
    pub hq_country: String,
    pub regions: Vec<String>,
    pub countries_text: String,
    pub languages: Vec<String>,
    pub services: Vec<String>,
    pub pricing: Vec<String>,
    pub size: String,
    pub segments: Vec<String>,
    pub contact_name: String,
    pub contact_email: String,
    pub motivation: String,
}

impl PartnerFormData {
    pub fn input(&self) -> PartnerInput {
        PartnerInput {
            name: self.name.clone(),
            slug: self.slug.clone(),
            website: self.website.clone(),
            description: self.description.clone(),
            logo_url: self.logo_url.clone(),
            hq_country: self.hq_country.clone(),
            regions: self.regions.clone(),
            countries: split_list(&self.countries_text),
            languages: self.languages.clone(),
            services: self.services.clone(),
            pricing: self.pricing.clone(),
            size: self.size.clone(),
            segments: self.segments.clone(),
        }
    }

    pub fn application(&self) -> ApplicationInput {
        ApplicationInput {
            profile: self.input(),
            contact_name: self.contact_name.clone(),
            contact_email: self.contact_email.clone(),
            motivation: self.motivation.clone(),
        }
    }
}

pub fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// What the form shows: the values to put back in the fields.
#[derive(Debug, Clone, Default)]
pub struct PartnerForm {
    pub input: PartnerInput,
    /// The slug is shown read-only to partner admins (see `check_slug_change`).
    pub slug_locked: bool,
    pub contact_name: String,
    pub contact_email: String,
    pub motivation: String,
}

impl PartnerForm {
    pub fn from_data(d: &PartnerFormData) -> Self {
        Self {
            input: d.input(),
            contact_name: d.contact_name.clone(),
            contact_email: d.contact_email.clone(),
            motivation: d.motivation.clone(),
            slug_locked: false,
        }
    }

    pub fn from_profile(p: &PartnerProfile) -> Self {
        Self {
            input: p.to_input(),
            ..Default::default()
        }
    }

    pub fn locking_slug(mut self, locked: bool) -> Self {
        self.slug_locked = locked;
        self
    }

    pub fn has(&self, field: &str, value: &str) -> bool {
        let list = match field {
            "services" => &self.input.services,
            "pricing" => &self.input.pricing,
            "segments" => &self.input.segments,
            "languages" => &self.input.languages,
            _ => return false,
        };
        list.iter().any(|v| v == value)
    }

    pub fn has_region(&self, value: &str) -> bool {
        self.input.regions.iter().any(|v| v == value)
    }

    pub fn countries_text(&self) -> String {
        self.input.countries.join(", ")
    }
}

/// The choices of every category, labelled in the reader's language.
#[derive(Debug, Clone)]
pub struct Options {
    pub regions: Vec<(String, String)>,
    pub countries: Vec<(String, String)>,
    pub services: Vec<(String, String)>,
    pub pricing: Vec<(String, String)>,
    pub segments: Vec<(String, String)>,
    pub sizes: Vec<(String, String)>,
    pub languages: Vec<(String, String)>,
}

impl Options {
    pub fn new(tr: &Tr, map: &RegionMap) -> Self {
        fn labelled<T: Copy>(
            tr: &Tr,
            all: &[T],
            prefix: &str,
            slug: fn(T) -> &'static str,
        ) -> Vec<(String, String)> {
            all.iter()
                .map(|v| (slug(*v).to_string(), tr.label(prefix, slug(*v))))
                .collect()
        }
        let mut countries: Vec<(String, String)> = COUNTRIES
            .iter()
            .map(|(c, _)| (c.to_string(), tr.country(c)))
            .collect();
        tr.sort_by_label(&mut countries);
        let mut languages: Vec<(String, String)> = LANGUAGES
            .iter()
            .map(|(c, _)| (c.to_string(), tr.language(c)))
            .collect();
        tr.sort_by_label(&mut languages);
        Self {
            regions: map
                .regions()
                .iter()
                .map(|r| (r.slug.clone(), r.name.clone()))
                .collect(),
            countries,
            services: labelled(tr, Service::ALL, Service::LABEL_PREFIX, Service::slug),
            pricing: labelled(tr, Pricing::ALL, Pricing::LABEL_PREFIX, Pricing::slug),
            segments: labelled(tr, Segment::ALL, Segment::LABEL_PREFIX, Segment::slug),
            sizes: labelled(
                tr,
                CompanySize::ALL,
                CompanySize::LABEL_PREFIX,
                CompanySize::slug,
            ),
            languages,
        }
    }
}

/// How much of a description a directory card shows.
const SUMMARY_CHARS: usize = 180;

/// A profile made readable: names instead of codes, labels instead of slugs, joined for display.
#[derive(Debug, Clone)]
pub struct ProfileText {
    pub name: String,
    pub slug: String,
    pub website: String,
    pub logo_url: Option<String>,
    /// Stands in for a missing logo.
    pub initials: String,
    pub paragraphs: Vec<String>,
    pub summary: String,
    pub hq: String,
    pub regions: String,
    pub countries: String,
    pub languages: String,
    pub services: String,
    pub service_list: Vec<String>,
    pub pricing: String,
    pub size: String,
    pub segments: String,
}

impl ProfileText {
    pub fn new(tr: &Tr, map: &RegionMap, p: &PartnerProfile) -> Self {
        let country = |c: &String| tr.country(c);
        let region_names: Vec<String> = p
            .served_regions(map)
            .iter()
            .map(|r| {
                map.get(r)
                    .map(|x| x.name.clone())
                    .unwrap_or_else(|| r.clone())
            })
            .collect();
        let service_list: Vec<String> = p
            .services
            .iter()
            .map(|s| tr.label(Service::LABEL_PREFIX, s.slug()))
            .collect();
        // Names in the reader's order, like the filters' options.
        let by_name = |names: Vec<String>| {
            let mut pairs: Vec<(String, String)> =
                names.into_iter().map(|n| (String::new(), n)).collect();
            tr.sort_by_label(&mut pairs);
            pairs
                .into_iter()
                .map(|(_, n)| n)
                .collect::<Vec<_>>()
                .join(", ")
        };
        Self {
            name: p.name.clone(),
            slug: p.slug.clone(),
            website: p.website.clone(),
            logo_url: p.logo_url.clone(),
            initials: text::initials(&p.name),
            paragraphs: text::paragraphs(&p.description),
            summary: text::excerpt(&p.description, SUMMARY_CHARS),
            hq: country(&p.hq_country),
            regions: region_names.join(", "),
            countries: by_name(p.countries.iter().map(country).collect()),
            languages: by_name(p.languages.iter().map(|l| tr.language(l)).collect()),
            services: service_list.join(", "),
            service_list,
            pricing: p
                .pricing
                .iter()
                .map(|s| tr.label(Pricing::LABEL_PREFIX, s.slug()))
                .collect::<Vec<_>>()
                .join(", "),
            size: tr.label(CompanySize::LABEL_PREFIX, p.size.slug()),
            segments: p
                .segments
                .iter()
                .map(|s| tr.label(Segment::LABEL_PREFIX, s.slug()))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}
