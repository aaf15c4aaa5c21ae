//! The partners CSV format, shared by the web import/export and the `agora partners` commands.
//!
//! Columns: slug, name, status, website, description, logo_url, hq_country, size, regions, countries,
//! languages, services, pricing, segments. List columns hold values separated by `;`. Import is
//! all-or-nothing: every row is validated first, and every bad row is reported by line and field.

use crate::i18n::english;
use agora_domain::geo::RegionMap;
use agora_domain::partner::{PartnerInput, PartnerStatus};
use agora_store::{ImportRow, Partner};

pub const HEADER: &[&str] = &[
    "slug",
    "name",
    "status",
    "website",
    "description",
    "logo_url",
    "hq_country",
    "size",
    "regions",
    "countries",
    "languages",
    "services",
    "pricing",
    "segments",
];

/// One problem in an imported file, located for a person to fix.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct RowError {
    /// Line number in the file (the header is line 1).
    pub line: u64,
    pub field: String,
    /// Stable code of the problem (a validation code, or `csv-unreadable` / `csv-missing-columns`),
    /// which the web page translates.
    pub code: String,
    /// The problem in English, with details (for the API and the command line).
    pub message: String,
}

pub fn export(partners: &[Partner]) -> Result<String, csv::Error> {
    let mut w = agora_domain::csv_file::Writer::new();
    w.row(HEADER)?;
    for p in partners {
        let pr = &p.profile;
        let join = |v: Vec<String>| v.join(";");
        w.row([
            pr.slug.clone(),
            pr.name.clone(),
            p.status.slug().to_string(),
            pr.website.clone(),
            pr.description.clone(),
            pr.logo_url.clone().unwrap_or_default(),
            pr.hq_country.clone(),
            pr.size.slug().to_string(),
            join(pr.regions.clone()),
            join(pr.countries.clone()),
            join(pr.languages.clone()),
            join(pr.services.iter().map(|s| s.slug().to_string()).collect()),
            join(pr.pricing.iter().map(|s| s.slug().to_string()).collect()),
            join(pr.segments.iter().map(|s| s.slug().to_string()).collect()),
        ])?;
    }
    w.finish()
}

fn list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Parses and validates a whole file. Either every row is good, or the errors of every bad row.
pub fn parse(text: &str, map: &RegionMap) -> Result<Vec<ImportRow>, Vec<RowError>> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let err = |line: u64, field: &str, code: &str, message: &str| RowError {
        line,
        field: field.into(),
        code: code.into(),
        message: message.into(),
    };
    let headers = match r.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(vec![err(
                1,
                "",
                "csv-unreadable",
                &format!("The file is not valid CSV: {e}"),
            )])
        }
    };
    let missing: Vec<&str> = HEADER
        .iter()
        .copied()
        .filter(|h| !headers.iter().any(|x| x == *h))
        .collect();
    if !missing.is_empty() {
        return Err(vec![err(
            1,
            "",
            "csv-missing-columns",
            &format!(
                "Missing columns: {}. Expected: {}.",
                missing.join(", "),
                HEADER.join(", ")
            ),
        )]);
    }
    let col = |name: &str| headers.iter().position(|h| h == name);
    let mut rows = vec![];
    let mut errors = vec![];
    let mut seen = std::collections::HashMap::new();
    for (i, rec) in r.records().enumerate() {
        let line = i as u64 + 2;
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                errors.push(err(
                    line,
                    "",
                    "csv-unreadable",
                    &format!("Unreadable row: {e}"),
                ));
                continue;
            }
        };
        let get = |name: &str| {
            let cell = col(name).and_then(|i| rec.get(i)).unwrap_or("");
            agora_domain::csv_file::restore(cell).to_string()
        };
        let input = PartnerInput {
            name: get("name"),
            slug: get("slug"),
            website: get("website"),
            description: get("description"),
            logo_url: get("logo_url"),
            hq_country: get("hq_country"),
            regions: list(&get("regions")),
            countries: list(&get("countries")),
            languages: list(&get("languages")),
            services: list(&get("services")),
            pricing: list(&get("pricing")),
            size: get("size"),
            segments: list(&get("segments")),
        };
        let status = PartnerStatus::parse(&get("status"));
        if let Err(code) = status {
            errors.push(err(line, "status", code, &english(code)));
        }
        match input.parse(map) {
            Ok(profile) => {
                if let Some(first) = seen.insert(profile.slug.clone(), line) {
                    errors.push(err(
                        line,
                        "slug",
                        "slug-duplicate",
                        &format!("The slug {} is already used on line {first}.", profile.slug),
                    ));
                }
                if let Ok(status) = status {
                    rows.push(ImportRow { profile, status });
                }
            }
            Err(v) => errors.extend(
                v.errors
                    .iter()
                    .map(|e| err(line, &e.field, e.code, &english(e.code))),
            ),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const GOOD: &str = "slug,name,status,website,description,logo_url,hq_country,size,regions,countries,languages,services,pricing,segments\n\
        alpha,Alpha,active,https://alpha.example,We host.,,FR,11-50,europe,CA;US,en;fr,hosting,subscription,corporate\n";

    #[test]
    fn a_good_file_parses() {
        let rows = parse(GOOD, &RegionMap::default_map()).expect("valid");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].profile.countries, vec!["CA", "US"]);
    }

    #[test]
    fn every_bad_row_is_reported_with_line_and_field() {
        let text = format!(
            "{GOOD}beta,Beta,active,not a url,x,,XX,11-50,europe,,en,hosting,subscription,corporate\n\
             gamma,Gamma,dormant,https://g.example,x,,FR,11-50,europe,,en,hosting,subscription,corporate\n\
             alpha,Alpha again,active,https://a.example,x,,FR,11-50,europe,,en,hosting,subscription,corporate\n"
        );
        let errors = parse(&text, &RegionMap::default_map()).expect_err("invalid");
        let found: Vec<(u64, &str)> = errors.iter().map(|e| (e.line, e.field.as_str())).collect();
        assert!(found.contains(&(3, "website")), "{found:?}");
        assert!(found.contains(&(3, "hq_country")), "{found:?}");
        assert!(found.contains(&(4, "status")), "{found:?}");
        assert!(found.contains(&(5, "slug")), "{found:?}");
    }

    #[test]
    fn missing_columns_are_named() {
        let errors = parse("slug,name\nx,y\n", &RegionMap::default_map()).expect_err("invalid");
        assert!(errors[0].message.contains("website"));
    }

    #[test]
    fn export_then_import_round_trips() {
        let rows = parse(GOOD, &RegionMap::default_map()).expect("valid");
        let partners: Vec<Partner> = rows
            .iter()
            .map(|r| Partner {
                id: 1,
                profile: r.profile.clone(),
                status: r.status,
                status_reason: String::new(),
                contact_name: None,
                contact_email: None,
                motivation: None,
                created_at: chrono::DateTime::UNIX_EPOCH,
                updated_at: chrono::DateTime::UNIX_EPOCH,
            })
            .collect();
        let text = export(&partners).expect("export");
        let again = parse(&text, &RegionMap::default_map()).expect("reimport");
        assert_eq!(again[0].profile, rows[0].profile);
    }

    proptest! {
        #[test]
        fn arbitrary_input_never_panics(text in "\\PC{0,400}") {
            let _ = parse(&text, &RegionMap::default_map());
        }

        #[test]
        fn arbitrary_rows_never_panic(row in proptest::collection::vec("[a-z0-9;, \"-]{0,12}", 14)) {
            let text = format!("{}\n{}\n", HEADER.join(","), row.join(","));
            let _ = parse(&text, &RegionMap::default_map());
        }
    }
}
