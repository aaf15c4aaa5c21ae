//! The translation layer: every user-facing string goes through Fluent. Strings live in
//! `locales/<lang>/<program>.ftl` (`common.ftl` for what every program shares); the loader reads every
//! `.ftl` file of a language directory into one bundle, so a key is defined once per language. Every
//! language has every key (a test compares each locale with English); a missing one would render as
//! "Unknown localization key" and fall back to English.

use agora_domain::ValidationErrors;
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

/// Whole numbers are passed as numbers, so that plural rules (`[one]`, `[other]`) select on them.
fn fluent_value(v: String) -> FluentValue<'static> {
    match v.parse::<i64>() {
        Ok(n) => FluentValue::from(n),
        Err(_) => FluentValue::from(v),
    }
}

/// The English message of a validation code, for the JSON API, the CSV importer and the command line:
/// the same words the English pages show (`error-<code>`), so that there is one English text per code.
pub fn english(code: &str) -> String {
    Tr::default().err(code)
}

/// Writes a mail the store queues (`<id>-subject`, `<id>-body`) in its recipient's language, English
/// when they chose none.
pub fn render_mail(language: Option<&str>, mail: &agora_store::Mail) -> (String, String) {
    let tr = Tr::for_recipient(language, &Tr::default());
    let args: HashMap<Cow<'static, str>, FluentValue> = mail
        .args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), fluent_value(v.clone())))
        .collect();
    let text =
        |part: &str| LOCALES.lookup_with_args(&tr.lang, &format!("{}-{part}", mail.id), &args);
    (text("subject"), text("body"))
}

/// Makes the store write its mail with [`render_mail`]; every process that may queue mail calls it
/// once (the application does when it is built).
pub fn install_mail_renderer() {
    agora_store::set_mail_renderer(render_mail);
}

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
        static AVAILABLE: std::sync::LazyLock<Vec<LanguageIdentifier>> =
            std::sync::LazyLock::new(|| LOCALES.locales().cloned().collect());
        let header = accept_language.unwrap_or("").trim();
        if header.is_empty() {
            return Self::default();
        }
        let requested = parse_accepted_languages(header);
        let default = DEFAULT;
        let chosen = negotiate_languages(
            &requested,
            &AVAILABLE,
            Some(&default),
            NegotiationStrategy::Filtering,
        );
        Self {
            lang: chosen.first().map(|l| (*l).clone()).unwrap_or(DEFAULT),
        }
    }

    /// The languages Agora ships (a directory each under `locales/`), by code.
    pub fn available() -> Vec<String> {
        let mut out: Vec<String> = LOCALES.locales().map(|l| l.to_string()).collect();
        out.sort();
        out
    }

    /// A translator for a language Agora ships; `None` for any other code.
    pub fn shipped(code: &str) -> Option<Self> {
        let lang: LanguageIdentifier = code.parse().ok()?;
        LOCALES
            .locales()
            .any(|l| *l == lang)
            .then_some(Self { lang })
    }

    /// The language of a person's pages: the one they chose on their account page, else the
    /// browser's.
    pub fn for_viewer(chosen: Option<&str>, accept_language: Option<&str>) -> Self {
        chosen
            .and_then(Self::shipped)
            .unwrap_or_else(|| Self::negotiate(accept_language))
    }

    /// The language of mail to someone: the one they chose, else `otherwise` (the language of the
    /// request when they asked for the mail themselves, English when someone else did).
    pub fn for_recipient(chosen: Option<&str>, otherwise: &Tr) -> Self {
        chosen
            .and_then(Self::shipped)
            .unwrap_or_else(|| otherwise.clone())
    }

    /// Reads a language choice from a form or the API: empty means "follow the browser", anything
    /// else must be a language Agora ships.
    pub fn choice(field: &str, code: &str) -> Result<Option<String>, ValidationErrors> {
        let code = code.trim();
        if code.is_empty() {
            return Ok(None);
        }
        Self::shipped(code)
            .map(|t| Some(t.code()))
            .ok_or_else(|| ValidationErrors::single(field, "invalid-language"))
    }

    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(&self.lang, key)
    }

    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed(name), fluent_value(value.to_string()));
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
        args.insert(Cow::Borrowed(a.0), fluent_value(a.1));
        args.insert(Cow::Borrowed(b.0), fluent_value(b.1));
        LOCALES.lookup_with_args(&self.lang, key, &args)
    }

    /// Any number of named arguments, for messages that show a piece of arithmetic.
    pub fn tn(&self, key: &str, named: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = named
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), fluent_value(v.clone())))
            .collect();
        LOCALES.lookup_with_args(&self.lang, key, &args)
    }

    /// A plain weekly rule in words ("Every 2 weeks on Wednesday"); see `Rule::weekly`.
    pub fn weekly_rule(&self, interval: u32, days: &[&str]) -> String {
        let days: Vec<String> = days
            .iter()
            .map(|d| self.t(&format!("weekday-{}", d.to_ascii_lowercase())))
            .collect();
        self.t2(
            "meetings-every-weeks",
            ("count", interval.to_string()),
            ("days", days.join(", ")),
        )
    }

    /// A time as people read it: "2026-11-23 17:05 UTC".
    pub fn time<T: Shown + ?Sized>(&self, t: &T) -> String {
        t.shown()
    }

    /// A time to the second, where seconds matter (job runs): "2026-11-23 17:05:09 UTC".
    pub fn time_to_second(&self, t: &chrono::DateTime<chrono::Utc>) -> String {
        t.format("%Y-%m-%d %H:%M:%S UTC").to_string()
    }

    /// A time as machines read it, for `<time datetime>`: RFC 3339 UTC with milliseconds.
    pub fn iso(&self, t: &chrono::DateTime<chrono::Utc>) -> String {
        agora_store::format_time(*t)
    }

    /// Sorts `(value, label)` pairs by label as the reader's language orders words, so that
    /// "Åland Islands" sits among the A's and not after "Zimbabwe".
    pub fn sort_by_label(&self, items: &mut [(String, String)]) {
        use icu_collator::{options::CollatorOptions, CollatorBorrowed, CollatorPreferences};
        let locale = icu_locale_core::Locale::try_from_str(&self.code())
            .or_else(|_| icu_locale_core::Locale::try_from_str("en"));
        match locale.map(|l| {
            CollatorBorrowed::try_new(CollatorPreferences::from(&l), CollatorOptions::default())
        }) {
            Ok(Ok(c)) => items.sort_by(|a, b| c.compare(&a.1, &b.1).then_with(|| a.0.cmp(&b.0))),
            _ => items.sort_by(|a, b| a.1.cmp(&b.1)),
        }
    }

    /// Field error message for a validation code; a generic one for a code without its own message.
    pub fn err(&self, code: &str) -> String {
        LOCALES
            .try_lookup(&self.lang, &format!("error-{code}"))
            .unwrap_or_else(|| self.t("error-invalid-value"))
    }

    /// A country's name in the reader's language (`country-<code>` in `names.ftl`); English names
    /// are the domain's ISO data.
    pub fn country(&self, code: &str) -> String {
        self.name(&format!("country-{code}")).unwrap_or_else(|| {
            agora_domain::geo::CountryCode::parse(code)
                .map(|c| c.name().to_string())
                .unwrap_or_else(|_| code.to_string())
        })
    }

    /// A language's name in the reader's language (`lang-<code>` in `names.ftl`); English names are
    /// the domain's ISO data.
    pub fn language(&self, code: &str) -> String {
        self.name(&format!("lang-{code}")).unwrap_or_else(|| {
            Some(agora_domain::taxonomy::language_name(code))
                .filter(|n| !n.is_empty())
                .unwrap_or(code)
                .to_string()
        })
    }

    /// A name in this very language, without falling back to English.
    fn name(&self, key: &str) -> Option<String> {
        LOCALES
            .lookup_single_language::<&str>(&self.lang, key, None)
            .ok()
    }

    /// Label of a category value, e.g. `label("service", "hosting")`.
    pub fn label(&self, prefix: &str, slug: &str) -> String {
        self.t(&format!("{prefix}-{slug}"))
    }

    pub fn code(&self) -> String {
        self.lang.to_string()
    }

    /// A decimal as the reader writes it: "0.5" in English, "0,5" in Spanish and French.
    pub fn number(&self, n: impl std::borrow::Borrow<f64>) -> String {
        let s = n.borrow().to_string();
        match self.lang.language.as_str() {
            "es" | "fr" => s.replace('.', ","),
            _ => s,
        }
    }

    pub fn dir(&self) -> &'static str {
        match self.lang.character_direction() {
            unic_langid::CharacterDirection::RTL => "rtl",
            _ => "ltr",
        }
    }
}

/// Something shown as a time on pages (the one format, in `Tr::time`).
pub trait Shown {
    fn shown(&self) -> String;
}

impl Shown for chrono::DateTime<chrono::Utc> {
    fn shown(&self) -> String {
        self.format("%Y-%m-%d %H:%M UTC").to_string()
    }
}

/// Audit entries keep their time as the text the hash chain covers; text that is not a time is shown
/// as it is.
impl Shown for str {
    fn shown(&self) -> String {
        chrono::DateTime::parse_from_rfc3339(self)
            .map(|t| t.with_timezone(&chrono::Utc).shown())
            .unwrap_or_else(|_| self.to_string())
    }
}

impl Shown for String {
    fn shown(&self) -> String {
        self.as_str().shown()
    }
}

impl<T: Shown + ?Sized> Shown for &T {
    fn shown(&self) -> String {
        (**self).shown()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agora_domain::partner::PartnerStatus;
    use agora_domain::permissions::Role;
    use agora_domain::taxonomy::{CompanySize, Pricing, Segment, Service};
    use fluent_templates::fluent_bundle::FluentResource;
    use std::collections::{BTreeMap, BTreeSet};

    fn quoted_after(text: &str, marker: &str) -> Vec<String> {
        text.match_indices(marker)
            .filter_map(|(i, _)| {
                let rest = &text[i + marker.len()..];
                let end = rest.find('"')?;
                let key = &rest[..end];
                key.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
                    .then(|| key.to_string())
            })
            .collect()
    }

    fn files(dir: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else if let Ok(s) = std::fs::read_to_string(&p) {
                out.push(s);
            }
        }
    }

    /// Every validation code the code base can raise: the literals given to `Err(…)`,
    /// `ValidationErrors::single(…)` and `.add(…)` in the domain, the store and the web layer.
    fn validation_codes() -> BTreeSet<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources = vec![];
        for dir in ["../domain/src", "../store/src", "src"] {
            files(&root.join(dir), &mut sources);
        }
        let is_code = |s: &str| {
            s.len() > 2
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        let mut codes = BTreeSet::new();
        for s in &sources {
            for marker in ["Err(\"", "single(", ".add("] {
                for (i, _) in s.match_indices(marker) {
                    let call = &s[i + marker.len() - usize::from(marker.ends_with('"'))..];
                    let call = &call[..call.find(')').unwrap_or(call.len())];
                    // The code is the call's last string literal; `single` and `add` name the
                    // field first (a call with one literal passes its code in a variable).
                    let literals: Vec<&str> = call.split('"').skip(1).step_by(2).collect();
                    let wanted = if marker.starts_with("Err") { 1 } else { 2 };
                    let last_argument = call
                        .rsplit('"')
                        .next()
                        .is_some_and(|after| matches!(after.trim(), "" | ","));
                    if literals.len() < wanted || !last_argument {
                        continue;
                    }
                    if let Some(code) = literals.last().filter(|c| is_code(c)) {
                        codes.insert(code.to_string());
                    }
                }
            }
        }
        codes
    }

    /// A missing key renders as "Unknown localization key" instead of failing: check every key the code
    /// can ask for, in every locale we ship.
    #[test]
    fn every_key_used_exists_in_every_locale() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources = vec![];
        files(&root.join("templates"), &mut sources);
        files(&root.join("src"), &mut sources);
        let mut keys: Vec<String> = vec![];
        for s in &sources {
            for marker in [".t(\"", ".t1(\"", ".t2(\"", "\"error-page-"] {
                for k in quoted_after(s, marker)
                    .into_iter()
                    .filter(|k| !k.is_empty())
                {
                    keys.push(if marker.starts_with("\"error") {
                        format!("error-page-{k}")
                    } else {
                        k
                    });
                }
            }
        }
        // The e-mails the store queues, by message id.
        let mut store_sources = vec![];
        files(&root.join("../store/src"), &mut store_sources);
        let mails: BTreeSet<String> = store_sources
            .iter()
            .flat_map(|s| quoted_after(s, "Mail::new(\""))
            .collect();
        assert!(mails.len() >= 10, "{mails:?}");
        for m in &mails {
            keys.push(format!("{m}-subject"));
            keys.push(format!("{m}-body"));
        }
        for k in keys.clone().iter().filter(|k| k.starts_with("error-page-")) {
            keys.push(format!("{k}-text"));
        }
        keys.extend(
            [
                "badge-state-active",
                "badge-state-inactive",
                "reset-heading",
                "invitation-heading",
            ]
            .map(String::from),
        );
        keys.extend(Service::ALL.iter().map(|v| v.label_key()));
        keys.extend(Segment::ALL.iter().map(|v| v.label_key()));
        keys.extend(CompanySize::ALL.iter().map(|v| v.label_key()));
        keys.extend(Pricing::ALL.iter().map(|v| v.label_key()));
        keys.extend(PartnerStatus::ALL.iter().flat_map(|s| {
            [
                format!("status-{}", s.slug()),
                format!("transition-{}", s.slug()),
            ]
        }));
        keys.extend(Role::ALL.iter().map(|r| format!("role-{}", r.slug())));
        keys.extend(Tr::available().iter().map(|l| format!("language-name-{l}")));
        // Labels the lead pages build from slugs.
        use agora_domain::leads::{DeclineReason, LostReason, Metric, OfferStatus};
        keys.extend(Metric::ALL.iter().map(|m| format!("metric-{}", m.slug())));
        keys.extend(
            OfferStatus::ALL
                .iter()
                .map(|m| format!("offer-{}", m.slug())),
        );
        keys.extend(DeclineReason::ALL.iter().map(|v| v.label_key()));
        keys.extend(LostReason::ALL.iter().map(|v| v.label_key()));
        for s in ["own-region", "neighbouring-regions", "any-region", "queue"] {
            keys.push(format!("policy-step-{s}"));
            keys.push(format!("why-pool-{s}"));
        }
        for s in [
            "not-active",
            "paused",
            "at-capacity",
            "declined",
            "no-service",
            "no-language",
        ] {
            keys.push(format!("exclusion-{s}"));
        }
        for s in agora_domain::leads::LeadStatus::ALL {
            keys.push(format!("lead-status-{}", s.slug()));
        }
        keys.extend(
            agora_domain::leads::CloseReason::ALL
                .iter()
                .map(|v| v.label_key()),
        );
        for s in ["offered", "closed"] {
            keys.push(format!("desk-done-{s}"));
        }
        keys.extend(
            agora_domain::leads::LeadSource::ALL
                .iter()
                .map(|v| v.label_key()),
        );
        for s in ["waiting", "pipeline", "closed"] {
            keys.push(format!("inbox-tab-{s}"));
        }
        keys.extend(
            agora_domain::partnerships::PartnershipKind::ALL
                .iter()
                .map(|k| format!("partnership-kind-{}", k.slug())),
        );
        keys.extend(["mo", "tu", "we", "th", "fr", "sa", "su"].map(|d| format!("weekday-{d}")));
        // Notification kinds and deliveries, named from their slugs.
        use agora_domain::notifications::{Delivery, Topic};
        for t in Topic::ALL {
            keys.push(format!("topic-{}", t.slug()));
            keys.push(format!("topic-{}-hint", t.slug()));
        }
        keys.extend(
            Delivery::ALL
                .iter()
                .map(|d| format!("delivery-{}", d.slug())),
        );
        keys.extend(["daily", "weekly"].map(|d| format!("unsubscribe-confirm-digest-{d}")));
        // The OKR templates' words and focus areas.
        use agora_domain::groups::okr_proposals::{FocusArea, TEMPLATES};
        keys.extend(FocusArea::ALL.iter().map(|v| v.label_key()));
        use agora_domain::groups::figures::Figure;
        keys.extend(
            Figure::PLAIN
                .iter()
                .chain([&Figure::LeadsAccepted("europe".into())])
                .map(|f| f.label_key().to_string()),
        );
        for t in TEMPLATES {
            keys.push(format!("okr-template-{}", t.slug));
            keys.push(format!("okr-template-{}-description", t.slug));
            for n in 1..=t.key_results.len() {
                keys.push(format!("okr-template-{}-kr{n}", t.slug));
                keys.push(format!("okr-template-{}-kr{n}-unit", t.slug));
            }
        }
        // Labels the governance pages build from slugs.
        use agora_domain::governance::{
            BodyKind, DecisionKind, DecisionStatus, Ruling, Stance, Visibility, VoteChoice,
        };
        keys.extend(BodyKind::ALL.iter().map(|v| v.label_key()));
        keys.extend(Visibility::ALL.iter().map(|v| v.label_key()));
        keys.extend(DecisionKind::ALL.iter().map(|v| v.label_key()));
        keys.extend(DecisionStatus::ALL.iter().map(|v| v.label_key()));
        keys.extend(Stance::ALL.iter().map(|v| v.label_key()));
        keys.extend(Ruling::ALL.iter().map(|v| v.label_key()));
        keys.extend(VoteChoice::ALL.iter().map(|v| v.label_key()));
        for o in ["passed", "rejected", "no-quorum"] {
            keys.push(format!("result-yes-no-{o}"));
        }
        let lead_fields =
            serde_json::to_value(agora_domain::leads::LeadInput::default()).expect("json");
        keys.extend(
            lead_fields
                .as_object()
                .expect("object")
                .keys()
                .map(|f| format!("field-{f}")),
        );
        for f in [
            "monthly_capacity",
            "reason",
            "note",
            "status",
            "fan_out",
            "fan_out_by_region",
            "weights",
            "compliance",
            "neighbours",
            "fallback",
            "sla_hours",
            "update_reminder_days",
            "default_monthly_capacity",
            "attribution_days",
            "tie_break_seed",
            "code",
            "label",
            "person_email",
            "referrer",
            "confirm",
            "idempotency_key",
            "period",
            "title",
            "text",
            "kind",
            "close_hours",
            "affects_partners",
            "consultation_id",
            "secret",
            "show_results_early",
            "quorum_percent",
            "threshold",
            "base",
            "abstentions_count",
            "method",
            "options",
            "stance",
            "choice",
            "ranking",
            "receipt",
            "ruling",
            "outcome",
            "review_at",
            "body",
            "parent_id",
            "comment_id",
            "response",
            "voter",
            "decision",
            "visibility",
            "min_close_hours",
            "delegate_id",
            "alternate_id",
            "role",
            "goal",
            "deliverables",
            "stages",
            "call_closes_on",
            "person_id",
            "branding_acknowledged",
            "url",
        ] {
            keys.push(format!("field-{f}"));
        }
        // The initiative forms' funnel stages and statuses, labelled from their slugs.
        use agora_domain::groups::initiatives::{FunnelStage, InitiativeStatus};
        keys.extend(FunnelStage::ALL.iter().map(|v| v.label_key()));
        keys.extend(InitiativeStatus::ALL.iter().map(|v| v.label_key()));
        let codes = validation_codes();
        assert!(codes.len() > 60, "validation codes found: {codes:?}");
        keys.extend(codes.iter().map(|c| format!("error-{c}")));
        let fields = agora_domain::partner::PartnerInput::default();
        let v = serde_json::to_value(&fields).expect("json");
        let mut field_names: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        field_names.extend(["contact_name", "contact_email", "motivation"].map(String::from));
        keys.extend(field_names.iter().map(|f| format!("field-{f}")));
        keys.sort();
        keys.dedup();
        // Messages with arguments only format when given them.
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        for a in [
            "count",
            "name",
            "page",
            "pages",
            "time",
            "created",
            "updated",
            "link",
            "credit",
            "received",
            "factor",
            "status",
            "hours",
            "n",
            "names",
            "round",
            "needed",
            "base",
            "electorate",
            "undecided",
            "hash",
            "seed",
            "date",
            "by",
            "lead",
            "reference",
            "title",
            "kind",
            "body",
            "text",
            "closes",
            "version",
            "outcome",
            "at",
            "result",
            "due",
            "days",
            "group",
            "reason",
            "min",
            "max",
            "year",
            "row",
            "field",
            "first",
            "last",
            "clients",
            "percent",
            "exact",
            "rounding",
            "bound",
            "may_ask",
            "removed",
            "period",
            "objective",
            "target",
            "key_result",
            "day",
            "confidence",
            "zone",
            "minutes",
            "capacity",
            "month",
            "groups",
            "figure",
            "region",
            "topic",
            "preferences",
            "unsubscribe",
            "items",
            "moved",
            "occurrence",
            "progress",
            "days",
            "leads",
            "when",
            "partners",
            "organization",
            "partner",
            "answer",
            "id",
            "category",
            "weight",
            "from",
            "until",
            "did",
            "score",
            "quorum",
            "url",
            "verdict",
            "end",
            "target",
            "course",
            "month",
            "months",
            "added",
            "rows",
            "mb",
            "actual",
            "measure",
            "role",
            "field",
            "message",
        ] {
            args.insert(Cow::Borrowed(a), FluentValue::from("1"));
        }
        for lang in LOCALES.locales() {
            let missing: Vec<&String> = keys
                .iter()
                .filter(|k| LOCALES.try_lookup_with_args(lang, k, &args).is_none())
                .collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        }
    }

    /// The languages shipped: one directory each under `locales/`.
    fn languages() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let mut out: Vec<String> = std::fs::read_dir(dir)
            .expect("locales")
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        out.sort();
        out
    }

    /// A message as written in one language: the file it is in and the variables it uses (plural
    /// variants are not compared: French and English use different categories).
    #[derive(Debug, PartialEq)]
    struct Message {
        file: String,
        variables: BTreeSet<String>,
    }

    /// The variables (`$name`) a message's text refers to.
    fn variables(body: &str) -> BTreeSet<String> {
        body.split('$')
            .skip(1)
            .map(|rest| {
                rest.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect::<String>()
            })
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// Every message of one language, read from each `.ftl` file of its directory; fails on a file
    /// that does not parse and on a key defined in two files.
    fn messages(lang: &str) -> BTreeMap<String, Message> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
            .expect("locale dir")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .collect();
        files.sort();
        let mut out = BTreeMap::new();
        for path in files {
            let file = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&path).expect("ftl");
            if let Err((_, errors)) = FluentResource::try_new(text.clone()) {
                panic!("{lang}/{file} does not parse: {errors:?}");
            }
            // A message starts at a line beginning with its id; indented lines and blank lines
            // continue it. The parse above has already rejected anything else.
            let mut current: Option<(String, String)> = None;
            let mut finish = |current: Option<(String, String)>| {
                if let Some((id, body)) = current {
                    let message = Message {
                        file: file.clone(),
                        variables: variables(&body),
                    };
                    if let Some(e) = out.insert(id.clone(), message) {
                        panic!("{lang}: {id} is in both {} and {file}", e.file);
                    }
                }
            };
            for line in text.lines() {
                if line.starts_with('#') {
                    finish(current.take());
                } else if line.is_empty() || line.starts_with([' ', '\t', '}', '[', '*']) {
                    if let Some((_, body)) = current.as_mut() {
                        body.push_str(line);
                        body.push('\n');
                    }
                } else if let Some((id, rest)) = line.split_once('=') {
                    finish(current.take());
                    current = Some((id.trim().to_string(), format!("{rest}\n")));
                }
            }
            finish(current.take());
        }
        out
    }

    /// The loader reads every file of a language's directory, not only one: each key written in a
    /// file resolves in that very language (no fallback).
    #[test]
    fn every_file_of_every_language_is_loaded() {
        for lang in languages() {
            let id: LanguageIdentifier = lang.parse().expect("language tag");
            let all = messages(&lang);
            assert!(all.len() > 100, "{lang}");
            let files: BTreeSet<&str> = all.values().map(|m| m.file.as_str()).collect();
            assert!(files.len() >= 6, "{lang}: {files:?}");
            for (key, m) in &all {
                let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
                for v in &m.variables {
                    args.insert(Cow::Owned(v.clone()), FluentValue::from(2));
                }
                assert!(
                    LOCALES
                        .lookup_single_language(&id, key, Some(&args))
                        .is_ok(),
                    "{lang}/{}: {key} is not loaded",
                    m.file
                );
            }
        }
    }

    /// Every language has exactly the keys of English, in the same file, using the same variables.
    #[test]
    fn every_locale_has_every_key_with_the_same_variables() {
        let en = messages("en");
        let vars = |k: &str| en[k].variables.iter().cloned().collect::<Vec<_>>();
        assert_eq!(vars("verify-active"), ["name"]);
        assert_eq!(vars("import-done"), ["created", "updated"]);
        assert_eq!(vars("email-invite-body"), ["link", "name"]);
        for lang in languages().into_iter().filter(|l| l != "en") {
            // Country and language names: English has the domain's ISO data instead (tested below).
            let other: BTreeMap<String, Message> = messages(&lang)
                .into_iter()
                .filter(|(_, m)| m.file != "names.ftl")
                .collect();
            let missing: Vec<&String> = en.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<&String> = other.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
            let differ: Vec<String> = en
                .iter()
                .filter(|(k, m)| other[*k] != **m)
                .map(|(k, m)| format!("{k}: en {m:?}, {lang} {:?}", other[k]))
                .collect();
            assert!(differ.is_empty(), "{differ:#?}");
        }
    }

    /// The API, the CSV importer and the command line say in English what the English pages say.
    #[test]
    fn each_validation_code_has_one_english_text() {
        let en = Tr::default();
        for code in validation_codes() {
            let text = english(&code);
            assert_eq!(text, en.err(&code));
            assert_eq!(
                Some(text),
                LOCALES.try_lookup(&DEFAULT, &format!("error-{code}")),
                "{code}"
            );
        }
        assert_eq!(english("no-such-code"), "This value is not valid.");
        assert_eq!(
            Tr::negotiate(Some("fr")).err("no-such-code"),
            "Cette valeur n'est pas valide."
        );
        assert_eq!(
            crate::error::field_errors_json(&ValidationErrors::single("name", "too-long")),
            serde_json::json!({"name": "This is too long."})
        );
    }

    /// Every language but English (whose names are the domain's data) names every country and
    /// language the domain knows, and nothing else.
    #[test]
    fn every_country_and_language_has_a_name_in_every_locale() {
        use agora_domain::geo::COUNTRIES;
        use agora_domain::taxonomy::LANGUAGES;
        let mut wanted: BTreeSet<String> = COUNTRIES
            .iter()
            .map(|(c, _)| format!("country-{c}"))
            .collect();
        wanted.extend(LANGUAGES.iter().map(|(c, _)| format!("lang-{c}")));
        for lang in languages().into_iter().filter(|l| l != "en") {
            let names: BTreeSet<String> = messages(&lang)
                .into_iter()
                .filter(|(_, m)| m.file == "names.ftl")
                .map(|(k, _)| k)
                .collect();
            assert_eq!(names, wanted, "{lang}");
        }
        let es = Tr::negotiate(Some("es"));
        assert_eq!(es.country("DE"), "Alemania");
        assert_eq!(es.language("de"), "Alemán");
        assert_eq!(Tr::default().country("DE"), "Germany");
        assert_eq!(Tr::default().language("de"), "German");
        assert_eq!(Tr::negotiate(Some("fr")).country("ZZ"), "ZZ");
    }

    #[test]
    fn labels_sort_by_the_readers_collation_not_by_bytes() {
        let mut items: Vec<(String, String)> = [
            ("ZW", "Zimbabwe"),
            ("AX", "Åland Islands"),
            ("AL", "Albania"),
            ("CI", "Côte d'Ivoire"),
            ("CM", "Cameroon"),
            ("CN", "China"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .to_vec();
        Tr::default().sort_by_label(&mut items);
        let labels: Vec<&str> = items.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Åland Islands",
                "Albania",
                "Cameroon",
                "China",
                "Côte d'Ivoire",
                "Zimbabwe"
            ]
        );
    }

    #[test]
    fn every_message_with_a_count_agrees_with_it() {
        // A count of one must not read "1 leads": every noun after a number goes through a plural selector.
        let en = messages("en");
        let keys: Vec<&str> = en.keys().map(String::as_str).collect();
        assert!(keys.len() > 100);
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        for a in [
            "count",
            "n",
            "hours",
            "received",
            "needed",
            "electorate",
            "base",
            "created",
            "updated",
            "credit",
            "round",
            "undecided",
        ] {
            args.insert(Cow::Borrowed(a), FluentValue::from(1));
        }
        let plural_after_one = |text: &str, one: &str| {
            let pattern = format!("{one} ");
            let standalone = |i: usize| !text[..i].ends_with(|c: char| c.is_ascii_digit());
            text.match_indices(&pattern).find_map(|(i, _)| {
                let rest = &text[i + pattern.len()..];
                if !standalone(i) {
                    return None;
                }
                let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
                let verb = ["means", "takes", "needs", "sans", "dans"].contains(&word.as_str());
                (word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && !verb)
                    .then_some(word)
            })
        };
        // French reads 0 in the singular too; English and Spanish only 1.
        let mut bad: Vec<String> = vec![];
        for (lang, one) in [("en", 1), ("es", 1), ("fr", 1), ("fr", 0)] {
            let id: LanguageIdentifier = lang.parse().expect("tag");
            for a in args.values_mut() {
                *a = FluentValue::from(one);
            }
            bad.extend(keys.iter().filter_map(|k| {
                let text = LOCALES.lookup_single_language(&id, k, Some(&args)).ok()?;
                plural_after_one(&text, &one.to_string()).map(|w| format!("{lang} {k}: …{one} {w}"))
            }));
        }
        assert!(bad.is_empty(), "{bad:?}");
    }

    #[test]
    fn language_is_negotiated_with_english_fallback() {
        assert_eq!(
            Tr::negotiate(Some("fr-CA, fr;q=0.9, en;q=0.5")).code(),
            "fr"
        );
        assert_eq!(Tr::negotiate(Some("de-DE, es;q=0.8")).code(), "es");
        assert_eq!(Tr::negotiate(Some("de-DE, pt;q=0.8")).code(), "en");
        assert_eq!(Tr::negotiate(None).code(), "en");
        assert_eq!(
            Tr::negotiate(Some("es-MX")).t1("verify-active", "name", "Acme"),
            "Acme es un socio de Open edX activo."
        );
        // French puts 0 with 1 in the singular.
        let fr = Tr::negotiate(Some("fr"));
        assert_eq!(fr.t1("directory-count", "count", 0), "0 partenaire");
        assert_eq!(fr.t1("directory-count", "count", 2), "2 partenaires");
        assert_eq!(Tr::default().dir(), "ltr");
        assert_eq!(
            Tr::default().t1("verify-active", "name", "Acme"),
            "Acme is an active Open edX Partner."
        );
    }
}
