//! The program's budget (seed 003: "Break down the financial costs with budget estimates"), as the
//! seed's table: deliverables with a description and a cost, and the total of each cycle.

use super::text;
use crate::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const MAX_NAME: usize = 160;
pub const MAX_DESCRIPTION: usize = 2000;
/// A cost above ten million dollars is a typing mistake here.
pub const MAX_COST_CENTS: i64 = 1_000_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Deliverable {
    pub name: String,
    pub description: String,
    /// In US cents, never negative.
    pub cost_cents: i64,
    pub cycle_year: i32,
}

impl Deliverable {
    /// The checks of the form, for a deliverable built in code or read back.
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        text(&mut e, "name", &self.name, MAX_NAME, true);
        text(
            &mut e,
            "description",
            &self.description,
            MAX_DESCRIPTION,
            false,
        );
        if !(0..=MAX_COST_CENTS).contains(&self.cost_cents) {
            e.add("cost", "invalid-amount");
        }
        if !(2000..=2100).contains(&self.cycle_year) {
            e.add("cycle_year", "invalid-year");
        }
        e.into_result(())
    }
}

/// The budget form, as text.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DeliverableInput {
    pub name: String,
    pub description: String,
    /// US dollars, with at most two decimals: `1500`, `1500.5`, `1,500.50`.
    pub cost: String,
    pub cycle_year: String,
}

/// A dollar amount as cents: digits, optional thousands commas, at most two decimals, not
/// negative, not above `MAX_COST_CENTS`.
pub fn parse_cost(s: &str) -> Result<i64, &'static str> {
    let s = s.trim().trim_start_matches('$');
    if s.is_empty() {
        return Err("required");
    }
    let (grouped, frac) = match s.split_once('.') {
        // "1." is a typing slip, not an amount.
        Some((_, "")) => return Err("invalid-amount"),
        Some((w, f)) => (w, f),
        None => (s, ""),
    };
    // Thousands commas only where they belong: "1,500" and "12,000,000", never "1,0,0".
    let groups: Vec<&str> = grouped.split(',').collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return Err("invalid-amount");
    }
    let whole = groups.concat();
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(&whole) || !digits(frac) || frac.len() > 2 || whole.len() > 12 {
        return Err("invalid-amount");
    }
    let dollars: i64 = whole.parse().map_err(|_| "invalid-amount")?;
    let cents: i64 = format!("{frac:0<2}")
        .parse()
        .map_err(|_| "invalid-amount")?;
    dollars
        .checked_mul(100)
        .and_then(|c| c.checked_add(cents))
        .filter(|c| *c <= MAX_COST_CENTS)
        .ok_or("invalid-amount")
}

impl DeliverableInput {
    pub fn parse(&self) -> Result<Deliverable, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let name = text(&mut e, "name", &self.name, MAX_NAME, true);
        let description = text(
            &mut e,
            "description",
            &self.description,
            MAX_DESCRIPTION,
            false,
        );
        let cost = e.check("cost", parse_cost(&self.cost));
        let year = e.check(
            "cycle_year",
            match super::parse_number(&self.cycle_year, 2000, 2100) {
                Err("invalid-number") => Err("invalid-year"),
                r => r,
            },
        );
        match (cost, year) {
            (Some(cost_cents), Some(y)) if e.is_empty() => Ok(Deliverable {
                name,
                description,
                cost_cents,
                cycle_year: y as i32,
            }),
            _ => Err(e),
        }
    }
}

/// A total that does not fit: the budget is refused rather than shown wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the budget total of {year} overflows")]
pub struct BudgetOverflow {
    pub year: i32,
}

/// The total cost of each cycle, with checked arithmetic (negative costs, which `check` refuses,
/// are not special here).
pub fn totals_per_cycle(items: &[Deliverable]) -> Result<BTreeMap<i32, i64>, BudgetOverflow> {
    let mut out: BTreeMap<i32, i64> = BTreeMap::new();
    for d in items {
        let t = out.entry(d.cycle_year).or_default();
        *t = t
            .checked_add(d.cost_cents)
            .ok_or(BudgetOverflow { year: d.cycle_year })?;
    }
    Ok(out)
}

/// Cents as the seed's table shows dollars: `$1,500.50`.
pub fn format_dollars(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    let whole = (c / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{sign}${grouped}.{:02}", c % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn costs_read_as_cents() {
        assert_eq!(parse_cost("1500"), Ok(150_000));
        assert_eq!(parse_cost(" $1,500.5 "), Ok(150_050));
        assert_eq!(parse_cost("0.07"), Ok(7));
        assert_eq!(parse_cost("0"), Ok(0));
        assert_eq!(parse_cost(""), Err("required"));
        for bad in [
            "-5",
            "1.234",
            "ten",
            ".5",
            "1e3",
            "10000001",
            "99999999999999999999",
            // Found by an attack: stray commas and a lone point were read as amounts.
            "1,0,0",
            "1.",
            ",500",
            "1500,00",
        ] {
            assert_eq!(parse_cost(bad), Err("invalid-amount"), "{bad}");
        }
        assert_eq!(format_dollars(150_050), "$1,500.50");
        assert_eq!(format_dollars(7), "$0.07");
        assert_eq!(format_dollars(12_345_678_900), "$123,456,789.00");
    }

    #[test]
    fn a_deliverable_reads_from_its_form() {
        let d = DeliverableInput {
            name: "Badges".into(),
            description: "Physical awards for the conference.".into(),
            cost: "2,400".into(),
            cycle_year: "2027".into(),
        }
        .parse()
        .expect("valid");
        assert_eq!((d.cost_cents, d.cycle_year), (240_000, 2027));
        assert!(d.check().is_ok());
        let e = DeliverableInput::default().parse().expect_err("blank");
        for f in ["name", "cost", "cycle_year"] {
            assert_eq!(e.get(f), Some("required"), "{f}");
        }
        let bad = Deliverable {
            cost_cents: -1,
            cycle_year: 1999,
            ..d
        };
        let e = bad.check().expect_err("negative");
        assert_eq!(e.get("cost"), Some("invalid-amount"));
        assert_eq!(e.get("cycle_year"), Some("invalid-year"));
    }

    #[test]
    fn totals_are_per_cycle_and_overflow_is_an_error() {
        let item = |year, cost_cents| Deliverable {
            name: "x".into(),
            description: String::new(),
            cost_cents,
            cycle_year: year,
        };
        let t = totals_per_cycle(&[item(2027, 100), item(2028, 5), item(2027, 250)]).expect("ok");
        assert_eq!(t, [(2027, 350), (2028, 5)].into_iter().collect());
        assert_eq!(
            totals_per_cycle(&[item(2027, i64::MAX), item(2027, 1)]),
            Err(BudgetOverflow { year: 2027 })
        );
        assert!(totals_per_cycle(&[]).expect("empty").is_empty());
    }

    proptest! {
        #[test]
        fn valid_totals_are_exact(costs in prop::collection::vec((2027i32..2030, 0i64..=MAX_COST_CENTS), 0..50)) {
            let items: Vec<Deliverable> = costs.iter().map(|(y, c)| Deliverable {
                name: "x".into(), description: String::new(), cost_cents: *c, cycle_year: *y,
            }).collect();
            let t = totals_per_cycle(&items).expect("fits");
            prop_assert_eq!(t.values().sum::<i64>(), costs.iter().map(|(_, c)| c).sum::<i64>());
        }

        #[test]
        fn written_costs_round_trip(cents in 0i64..=MAX_COST_CENTS) {
            let shown = format_dollars(cents);
            prop_assert_eq!(parse_cost(&shown), Ok(cents));
        }
    }
}
