//! The rules of the public transparency report: periods, metrics, cells that are published or
//! suppressed, and the report itself.

use super::SUPPRESS_BELOW;
use crate::geo::Region;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// A report period: a year, a quarter or a month, written `2026`, `2026-Q4` or `2026-11`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(i32),
    Quarter(i32, u8),
    Month(i32, u8),
}

impl Period {
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let s = s.trim();
        let digits = |d: &str, n: usize| d.len() == n && d.bytes().all(|b| b.is_ascii_digit());
        let (y, rest) = s.split_once('-').unwrap_or((s, ""));
        if !digits(y, 4) {
            return Err("invalid-period");
        }
        let y: i32 = y.parse().map_err(|_| "invalid-period")?;
        if !(2000..=2999).contains(&y) {
            return Err("invalid-period");
        }
        if s.len() == 4 {
            return Ok(Period::Year(y));
        }
        if let Some(q) = rest.strip_prefix('Q').or_else(|| rest.strip_prefix('q')) {
            match q.parse::<u8>() {
                Ok(q @ 1..=4) if digits(&q.to_string(), 1) && rest.len() == 2 => {
                    Ok(Period::Quarter(y, q))
                }
                _ => Err("invalid-period"),
            }
        } else if digits(rest, 2) {
            match rest.parse::<u8>() {
                Ok(m @ 1..=12) => Ok(Period::Month(y, m)),
                _ => Err("invalid-period"),
            }
        } else {
            Err("invalid-period")
        }
    }

    /// The months covered, as `YYYY-MM`.
    pub fn months(self) -> Vec<String> {
        let (y, from, to) = match self {
            Period::Year(y) => (y, 1, 12),
            Period::Quarter(y, q) => (y, (q - 1) * 3 + 1, q * 3),
            Period::Month(y, m) => (y, m, m),
        };
        (from..=to).map(|m| format!("{y:04}-{m:02}")).collect()
    }

    /// The period holding `month` (`YYYY-MM`) at each granularity, for navigation.
    pub fn containing(month: &str) -> Option<(Period, Period, Period)> {
        let Period::Month(y, m) = Period::parse(month).ok()? else {
            return None;
        };
        Some((
            Period::Year(y),
            Period::Quarter(y, (m - 1) / 3 + 1),
            Period::Month(y, m),
        ))
    }

    pub fn previous(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y - 1),
            Period::Quarter(y, 1) => Period::Quarter(y - 1, 4),
            Period::Quarter(y, q) => Period::Quarter(y, q - 1),
            Period::Month(y, 1) => Period::Month(y - 1, 12),
            Period::Month(y, m) => Period::Month(y, m - 1),
        }
    }

    /// Whether any month of this period lies within `first..=last` (months as "YYYY-MM"): the report's
    /// pager links only to periods that can have data.
    pub fn overlaps(self, first: &str, last: &str) -> bool {
        let months = self.months();
        months[0].as_str() <= last && months[months.len() - 1].as_str() >= first
    }

    /// The policy versions in force at some time in this period, from each version's number and
    /// when it was adopted: adopted before the period ended and not replaced before it began. The
    /// report's counters are monthly, so times count by their month.
    pub fn versions_in_force(self, adopted: &[(i64, DateTime<Utc>)]) -> Vec<i64> {
        let months = self.months();
        let (first, last) = (&months[0], &months[months.len() - 1]);
        let month = |t: &DateTime<Utc>| t.format("%Y-%m").to_string();
        let mut sorted = adopted.to_vec();
        sorted.sort_by_key(|&(version, _)| version);
        sorted
            .iter()
            .enumerate()
            .filter(|(i, (_, at))| {
                let replaced = sorted.get(i + 1).map(|(_, next)| month(next));
                month(at) <= *last && replaced.is_none_or(|r| r >= *first)
            })
            .map(|(_, &(version, _))| version)
            .collect()
    }

    pub fn next(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y + 1),
            Period::Quarter(y, 4) => Period::Quarter(y + 1, 1),
            Period::Quarter(y, q) => Period::Quarter(y, q + 1),
            Period::Month(y, 12) => Period::Month(y + 1, 1),
            Period::Month(y, m) => Period::Month(y, m + 1),
        }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y:04}"),
            Period::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y:04}-{m:02}"),
        }
    }
}

/// The counters the report is made of, kept per month, region and partner as events happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Leads received (region rows only).
    Received,
    /// Leads that waited in the queue because no partner qualified (region rows only).
    Queued,
    Offered,
    Accepted,
    Declined,
    Reoffered,
    Expired,
    Won,
    Lost,
    /// Offers an admin made by hand (part of `Offered`, outside the rotation).
    Manual,
    /// Offers of requests addressed to the partner from its profile (part of `Offered`, outside
    /// the rotation).
    Direct,
}

impl Metric {
    pub const ALL: &'static [Metric] = &[
        Metric::Received,
        Metric::Queued,
        Metric::Offered,
        Metric::Accepted,
        Metric::Declined,
        Metric::Reoffered,
        Metric::Expired,
        Metric::Won,
        Metric::Lost,
        Metric::Manual,
        Metric::Direct,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Metric::Received => "received",
            Metric::Queued => "queued",
            Metric::Offered => "offered",
            Metric::Accepted => "accepted",
            Metric::Declined => "declined",
            Metric::Reoffered => "reoffered",
            Metric::Expired => "expired",
            Metric::Won => "won",
            Metric::Lost => "lost",
            Metric::Manual => "manual",
            Metric::Direct => "direct",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|m| m.slug() == s)
    }
}

/// The stored counter of the minutes-to-accept histogram (its rows carry `accept_bucket`s and count
/// towards `Metric::Accepted` in the report).
pub const ACCEPT_MINUTES: &str = "accept_min";

/// Minutes-to-accept histogram buckets: quarter hours for the first two hours, hours up to a day,
/// four hours up to two days, then days. A histogram (unlike a list of durations) adds up across
/// periods, so any period's median is exact to its bucket, and the buckets stay few enough for a
/// year's report over a thousand partners to be read in milliseconds.
pub fn accept_bucket(minutes: i64) -> i64 {
    let m = minutes.max(0);
    let width = match m {
        0..120 => 15,
        120..1440 => 60,
        1440..2880 => 240,
        _ => 1440,
    };
    m / width * width
}

/// The median of a histogram of (bucket start in minutes, count): the start of the bucket that
/// holds the middle value.
pub fn histogram_median(buckets: &BTreeMap<i64, u64>) -> Option<i64> {
    let total: u64 = buckets.values().sum();
    if total == 0 {
        return None;
    }
    let middle = total.div_ceil(2);
    let mut seen = 0;
    for (start, n) in buckets {
        seen += n;
        if seen >= middle {
            return Some(*start);
        }
    }
    None
}

/// A number as the public may see it. In JSON a count is a number and a suppressed one the string
/// `"<5"`, so that no reader mistakes one for the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Count(u64),
    /// Between 1 and 4: shown as "fewer than 5".
    FewerThan(u64),
    /// Hidden so that a "fewer than 5" elsewhere in its column cannot be worked out from the total
    /// (see `disclosure`); it may be any number.
    Withheld,
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Count(n) => s.serialize_u64(*n),
            Cell::FewerThan(n) => s.serialize_str(&format!("<{n}")),
            Cell::Withheld => s.serialize_str("withheld"),
        }
    }
}

impl Cell {
    pub fn of(n: u64) -> Self {
        if n > 0 && n < SUPPRESS_BELOW {
            Cell::FewerThan(SUPPRESS_BELOW)
        } else {
            Cell::Count(n)
        }
    }

    /// Whether the count is hidden (fewer than 5, or withheld).
    pub fn is_suppressed(self) -> bool {
        !matches!(self, Cell::Count(_))
    }
}

/// A rate (e.g. won / accepted) published only when both numbers are at least 5: a rate over tiny
/// counts would reveal them.
pub fn public_rate(numerator: u64, denominator: u64) -> Option<f64> {
    (denominator >= SUPPRESS_BELOW && (numerator == 0 || numerator >= SUPPRESS_BELOW))
        .then(|| numerator as f64 / denominator as f64)
}

/// One row (a region or a partner) of the transparency report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ReportRow {
    /// Region slug, or partner slug.
    pub key: String,
    pub name: String,
    /// Leads received in the region (region rows) or offered to the partner (partner rows).
    #[schema(value_type = Object)]
    pub counts: BTreeMap<Metric, Cell>,
    /// Median minutes from offer to acceptance, to the quarter hour; absent below 5 acceptances.
    pub median_minutes_to_accept: Option<i64>,
    /// Won / accepted; absent when the counts are too small to publish.
    pub conversion_rate: Option<f64>,
    /// Partner rows: the share of the leads it competed for that it was entitled to, and got.
    pub entitled: Option<f64>,
    pub actual: Option<u64>,
}

/// Raw, unsuppressed numbers of one row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawRow {
    pub counts: BTreeMap<Metric, u64>,
    pub accept_minutes: BTreeMap<i64, u64>,
    pub entitled: f64,
}

impl RawRow {
    pub fn get(&self, m: Metric) -> u64 {
        self.counts.get(&m).copied().unwrap_or(0)
    }

    /// The public version of the row: small counts suppressed, rates and medians only over
    /// counts that may be published.
    pub fn publish(&self, key: &str, name: &str, partner_row: bool) -> ReportRow {
        let counts = self
            .counts
            .iter()
            .map(|(m, n)| (*m, Cell::of(*n)))
            .collect();
        let accepted = self.get(Metric::Accepted);
        // The entitlement is earned in the rotation only: offers made by hand or asked for
        // directly are compared with nothing.
        let offered = self
            .get(Metric::Offered)
            .saturating_sub(self.get(Metric::Manual) + self.get(Metric::Direct));
        ReportRow {
            key: key.into(),
            name: name.into(),
            counts,
            median_minutes_to_accept: (accepted >= SUPPRESS_BELOW)
                .then(|| histogram_median(&self.accept_minutes))
                .flatten(),
            conversion_rate: public_rate(self.get(Metric::Won), accepted),
            // The entitlement is a sum of fractions; shown rounded, and only where the count it
            // would be compared with may be shown.
            entitled: (partner_row && (offered == 0 || offered >= SUPPRESS_BELOW))
                .then_some((self.entitled * 10.0).round() / 10.0),
            actual: (partner_row && (offered == 0 || offered >= SUPPRESS_BELOW)).then_some(offered),
        }
    }
}

/// The public transparency report of one period.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct TransparencyReport {
    pub period: String,
    pub totals: ReportRow,
    pub regions: Vec<ReportRow>,
    pub partners: Vec<ReportRow>,
    /// Policy versions in force during the period.
    pub policy_versions: Vec<i64>,
}

impl TransparencyReport {
    /// Builds the public report from raw counters: `(region, partner id or 0, metric, bucket, n)`,
    /// with bucket -1 for plain counts and the minutes bucket for acceptance times. `regions` gives
    /// the order and names; `partners` maps ids to (slug, name).
    pub fn build(
        period: Period,
        counts: &[(String, i64, Metric, i64, u64)],
        entitled: &std::collections::HashMap<i64, f64>,
        regions: &[Region],
        partners: &std::collections::HashMap<i64, (String, String)>,
        policy_versions: Vec<i64>,
    ) -> Self {
        let mut by_region: BTreeMap<&str, RawRow> = BTreeMap::new();
        let mut by_partner: BTreeMap<i64, RawRow> = BTreeMap::new();
        let mut total = RawRow::default();
        for (region, partner, metric, bucket, n) in counts {
            let rows = [
                Some(by_region.entry(region.as_str()).or_default()),
                (*partner != 0).then(|| by_partner.entry(*partner).or_default()),
                Some(&mut total),
            ];
            for row in rows.into_iter().flatten() {
                if *bucket >= 0 {
                    *row.accept_minutes.entry(*bucket).or_default() += n;
                } else {
                    *row.counts.entry(*metric).or_default() += n;
                }
            }
        }
        for (id, e) in entitled {
            by_partner.entry(*id).or_default().entitled += e;
        }
        let fill = |r: &mut RawRow, metrics: &[Metric]| {
            for m in metrics {
                r.counts.entry(*m).or_default();
            }
        };
        let region_metrics = Metric::ALL;
        let partner_metrics = &Metric::ALL[2..];
        let mut region_raw = vec![];
        for r in regions {
            let mut raw = by_region.remove(r.slug.as_str()).unwrap_or_default();
            fill(&mut raw, region_metrics);
            region_raw.push((r.slug.clone(), r.name.clone(), raw));
        }
        // Regions since removed from the map keep their history.
        for (slug, mut raw) in by_region {
            fill(&mut raw, region_metrics);
            region_raw.push((slug.to_string(), slug.to_string(), raw));
        }
        let mut partner_raw: Vec<(String, String, RawRow)> = by_partner
            .into_iter()
            .filter_map(|(id, mut raw)| {
                let (slug, name) = partners.get(&id)?;
                fill(&mut raw, partner_metrics);
                Some((slug.clone(), name.clone(), raw))
            })
            .collect();
        partner_raw.sort_by_key(|(_, name, _)| name.to_lowercase());
        fill(&mut total, region_metrics);
        let mut report = TransparencyReport {
            period: period.to_string(),
            totals: total.publish("all", "All regions", false),
            regions: region_raw
                .iter()
                .map(|(slug, name, raw)| raw.publish(slug, name, false))
                .collect(),
            partners: partner_raw
                .iter()
                .map(|(slug, name, raw)| raw.publish(slug, name, true))
                .collect(),
            policy_versions,
        };
        report.protect_columns(&total, &region_raw, &partner_raw, partner_metrics);
        report
    }

    /// Applies complementary suppression (`disclosure::protect`) to each metric's column: the
    /// regions add up to the total, and so do the partners for the metrics counted per partner.
    /// Rates and shares that would reveal a hidden count are dropped with it.
    fn protect_columns(
        &mut self,
        total: &RawRow,
        regions: &[(String, String, RawRow)],
        partners: &[(String, String, RawRow)],
        partner_metrics: &[Metric],
    ) {
        use crate::leads::disclosure::{protect, Shown};
        let cell = |n: u64, s: Shown| match s {
            Shown::Exact => Cell::Count(n),
            Shown::FewerThan => Cell::FewerThan(SUPPRESS_BELOW),
            Shown::Withheld => Cell::Withheld,
        };
        for &m in Metric::ALL {
            let mut groups = vec![regions.iter().map(|(_, _, r)| r.get(m)).collect::<Vec<_>>()];
            let per_partner = partner_metrics.contains(&m) && !partners.is_empty();
            if per_partner {
                groups.push(partners.iter().map(|(_, _, r)| r.get(m)).collect());
            }
            let col = protect(total.get(m), groups);
            self.totals
                .counts
                .insert(m, cell(col.total, col.total_shown));
            for (row, (n, s)) in self
                .regions
                .iter_mut()
                .zip(col.groups[0].iter().zip(&col.shown[0]))
            {
                row.counts.insert(m, cell(*n, *s));
            }
            if per_partner {
                for (row, (n, s)) in self
                    .partners
                    .iter_mut()
                    .zip(col.groups[1].iter().zip(&col.shown[1]))
                {
                    row.counts.insert(m, cell(*n, *s));
                }
            }
        }
        let hidden = |r: &ReportRow, m: Metric| r.counts.get(&m).is_some_and(|c| c.is_suppressed());
        for r in std::iter::once(&mut self.totals)
            .chain(self.regions.iter_mut())
            .chain(self.partners.iter_mut())
        {
            if hidden(r, Metric::Won) || hidden(r, Metric::Accepted) {
                r.conversion_rate = None;
            }
            if hidden(r, Metric::Offered) {
                r.entitled = None;
                r.actual = None;
            }
        }
    }
}
