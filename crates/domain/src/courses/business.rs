//! The business plan of a course's community (seed 004: "define for each MOOC a business plan
//! (target, product, ROI). Then, you know how much you can invest"): investment lines and expected
//! value lines, one-off or monthly, over a horizon; the return on investment, the month the plan
//! breaks even and how both move when the value is off by a quarter or a half.

use crate::validation::ValidationErrors;
use serde::{Deserialize, Serialize};

/// A line above a hundred million dollars is a typing mistake here.
pub const MAX_LINE_CENTS: i64 = 10_000_000_000;
pub const MAX_QUANTITY: i64 = 10_000_000;
pub const MAX_HORIZON_MONTHS: u32 = 60;
pub const MAX_LINES: usize = 60;
pub const MAX_LABEL: usize = 160;

crate::category!(
    /// Why the course exists (seed 004): for an internal audience the community's cost matters
    /// less; an external one needs an extended community, with its costs and complexity.
    Purpose, "course-purpose", "invalid-choice", {
        Internal => "internal",
        External => "external",
    }
);

crate::category!(
    /// What a line is: where money goes (people, marketing, tools, events) or where value comes
    /// from (revenue, cost savings, certificates sold, leads).
    LineKind, "course-line", "invalid-choice", {
        People => "people",
        Marketing => "marketing",
        Tools => "tools",
        Events => "events",
        Revenue => "revenue",
        CostSavings => "cost-savings",
        CertificatesSold => "certificates-sold",
        Leads => "leads",
    }
);

impl LineKind {
    pub const INVESTMENT: [LineKind; 4] = [
        LineKind::People,
        LineKind::Marketing,
        LineKind::Tools,
        LineKind::Events,
    ];
    pub const VALUE: [LineKind; 4] = [
        LineKind::Revenue,
        LineKind::CostSavings,
        LineKind::CertificatesSold,
        LineKind::Leads,
    ];
    pub fn is_investment(self) -> bool {
        Self::INVESTMENT.contains(&self)
    }
}

crate::category!(
    /// Whether a line is paid once (in the first month) or every month.
    Cadence, "course-cadence", "invalid-choice", {
        OneOff => "one-off",
        Monthly => "monthly",
    }
);

/// One line: `quantity` × `unit_cents`, once (in the first month) or every month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Line {
    pub kind: LineKind,
    pub label: String,
    pub quantity: i64,
    /// US cents.
    pub unit_cents: i64,
    pub cadence: Cadence,
}

impl Line {
    pub fn amount_cents(&self) -> i64 {
        self.quantity * self.unit_cents
    }

    /// The form's checks, each naming its field (`lines.N.label`, …).
    pub fn check(&self, n: usize, e: &mut ValidationErrors) {
        let f = |x: &str| format!("lines.{n}.{x}");
        let label = self.label.trim();
        if label.is_empty() {
            e.add(f("label"), "required");
        } else if label.chars().count() > MAX_LABEL || crate::text::has_direction_controls(label) {
            e.add(f("label"), "too-long");
        }
        if !(0..=MAX_QUANTITY).contains(&self.quantity) {
            e.add(f("quantity"), "invalid-number");
        }
        let total = i128::from(self.quantity) * i128::from(self.unit_cents);
        if !(0..=MAX_LINE_CENTS).contains(&self.unit_cents) || total > i128::from(MAX_LINE_CENTS) {
            e.add(f("unit"), "invalid-amount");
        }
    }
}

/// A plan's lines over a horizon of months (12 and none when not given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct BusinessPlan {
    pub horizon_months: u32,
    pub lines: Vec<Line>,
}

impl Default for BusinessPlan {
    fn default() -> Self {
        Self {
            horizon_months: 12,
            lines: Vec::new(),
        }
    }
}

/// What the plan gives over its horizon.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Outlook {
    pub investment_cents: i64,
    pub value_cents: i64,
    /// (value − investment) / investment; `None` when nothing is invested (undefined).
    pub roi: Option<f64>,
    /// The first month (1-based) whose cumulative value reaches the cumulative investment; may lie
    /// beyond the horizon; `None` when it never does.
    pub break_even_month: Option<u32>,
}

/// One row of the sensitivity table: the value off by `change_percent`.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Sensitivity {
    pub change_percent: i32,
    pub outlook: Outlook,
}

/// The rows of the seed's sensitivity table, in order.
pub const SENSITIVITY: [i32; 5] = [-50, -25, 0, 25, 50];

impl BusinessPlan {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        if !(1..=MAX_HORIZON_MONTHS).contains(&self.horizon_months) {
            e.add("horizon_months", "invalid-number");
        }
        if self.lines.len() > MAX_LINES {
            e.add("lines", "too-many");
        }
        for (n, l) in self.lines.iter().enumerate() {
            l.check(n, &mut e);
        }
        e.into_result(())
    }

    /// (one-off, monthly) sums of investment or of value, with the value scaled by `percent` %.
    fn sums(&self, investment: bool, percent: i64) -> (i128, i128) {
        let mut once = 0i128;
        let mut monthly = 0i128;
        for l in self
            .lines
            .iter()
            .filter(|l| l.kind.is_investment() == investment)
        {
            let a = i128::from(l.amount_cents());
            match l.cadence {
                Cadence::OneOff => once += a,
                Cadence::Monthly => monthly += a,
            }
        }
        (
            once * i128::from(percent) / 100,
            monthly * i128::from(percent) / 100,
        )
    }

    /// The outlook with every value line scaled by (100 + `change_percent`) %.
    pub fn outlook(&self, change_percent: i32) -> Outlook {
        let h = i128::from(self.horizon_months);
        let (i_once, i_month) = self.sums(true, 100);
        let (v_once, v_month) = self.sums(false, 100 + i64::from(change_percent));
        let investment = i_once + i_month * h;
        let value = v_once + v_month * h;
        let roi = (investment > 0).then(|| (value - investment) as f64 / investment as f64);
        // Cumulative value − investment after m months: (v_once − i_once) + m (v_month − i_month).
        let start = v_once - i_once;
        let slope = v_month - i_month;
        let nothing = i_once == 0 && i_month == 0 && v_once == 0 && v_month == 0;
        let break_even_month = if nothing {
            // Nothing on either side: there is nothing to break even.
            None
        } else if start + slope >= 0 {
            Some(1)
        } else if slope > 0 {
            // The smallest m ≥ 1 with start + m·slope ≥ 0.
            let m = (-start + slope - 1) / slope;
            u32::try_from(m.max(1)).ok()
        } else {
            None
        };
        Outlook {
            investment_cents: clamp(investment),
            value_cents: clamp(value),
            roi,
            break_even_month,
        }
    }

    pub fn sensitivity(&self) -> Vec<Sensitivity> {
        SENSITIVITY
            .into_iter()
            .map(|p| Sensitivity {
                change_percent: p,
                outlook: self.outlook(p),
            })
            .collect()
    }

    /// The ROI, or the error a person gets when they ask for one with nothing invested.
    pub fn roi(&self) -> Result<f64, ValidationErrors> {
        self.outlook(0)
            .roi
            .ok_or_else(|| ValidationErrors::single("lines", "roi-zero-investment"))
    }
}

fn clamp(x: i128) -> i64 {
    x.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// Whether a plan needs to be told it does not pay for itself within its horizon: an external
/// plan does; an internal one shows its cost but is not required to break even (seed 004).
pub fn needs_break_even_warning(purpose: Purpose, plan: &BusinessPlan) -> bool {
    if purpose == Purpose::Internal {
        return false;
    }
    let o = plan.outlook(0);
    o.investment_cents > 0 && o.break_even_month.is_none_or(|m| m > plan.horizon_months)
}

/// A money amount typed by a person: digits, optional thousands commas, at most two decimals.
pub fn parse_cents(s: &str) -> Result<i64, &'static str> {
    crate::recognition::budget::parse_cost(s).and_then(|c| {
        if c > MAX_LINE_CENTS {
            Err("invalid-amount")
        } else {
            Ok(c)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(kind: LineKind, cents: i64, cadence: Cadence) -> Line {
        Line {
            kind,
            label: kind.slug().into(),
            quantity: 1,
            unit_cents: cents,
            cadence,
        }
    }

    #[test]
    fn roi_break_even_and_sensitivity_of_a_simple_plan() {
        // 12,000 up front and 1,000 a month against 40 certificates at 50 a month.
        let plan = BusinessPlan {
            horizon_months: 12,
            lines: vec![
                line(LineKind::People, 1_200_000, Cadence::OneOff),
                line(LineKind::Tools, 100_000, Cadence::Monthly),
                Line {
                    kind: LineKind::CertificatesSold,
                    label: "Verified certificates".into(),
                    quantity: 40,
                    unit_cents: 5_000,
                    cadence: Cadence::Monthly,
                },
            ],
        };
        let o = plan.outlook(0);
        assert_eq!(o.investment_cents, 2_400_000);
        assert_eq!(o.value_cents, 2_400_000);
        assert_eq!(o.roi, Some(0.0));
        // -12,000 + m * 1,000 >= 0 from month 12.
        assert_eq!(o.break_even_month, Some(12));
        let s = plan.sensitivity();
        assert_eq!(s.len(), 5);
        assert_eq!(s[0].outlook.value_cents, 1_200_000);
        assert_eq!(s[0].outlook.roi, Some(-0.5));
        assert_eq!(s[0].outlook.break_even_month, None);
        assert_eq!(s[4].outlook.value_cents, 3_600_000);
        // -12,000 + m * 2,000 >= 0 from month 6.
        assert_eq!(s[4].outlook.break_even_month, Some(6));
        assert!(!needs_break_even_warning(Purpose::External, &plan));
    }

    #[test]
    fn zero_investment_has_no_roi_and_says_why() {
        let plan = BusinessPlan {
            horizon_months: 6,
            lines: vec![line(LineKind::Revenue, 500, Cadence::Monthly)],
        };
        assert_eq!(plan.outlook(0).roi, None);
        assert_eq!(
            plan.roi().expect_err("an error").get("lines"),
            Some("roi-zero-investment")
        );
    }

    #[test]
    fn an_internal_plan_is_not_held_to_break_even() {
        let plan = BusinessPlan {
            horizon_months: 12,
            lines: vec![line(LineKind::People, 100_000, Cadence::Monthly)],
        };
        assert_eq!(plan.outlook(0).break_even_month, None);
        assert!(needs_break_even_warning(Purpose::External, &plan));
        assert!(!needs_break_even_warning(Purpose::Internal, &plan));
    }

    #[test]
    fn bad_lines_name_their_field() {
        let plan = BusinessPlan {
            horizon_months: 0,
            lines: vec![Line {
                kind: LineKind::Revenue,
                label: " ".into(),
                quantity: -1,
                unit_cents: -5,
                cadence: Cadence::OneOff,
            }],
        };
        let e = plan.check().expect_err("an error");
        assert_eq!(e.get("horizon_months"), Some("invalid-number"));
        assert_eq!(e.get("lines.0.label"), Some("required"));
        assert_eq!(e.get("lines.0.quantity"), Some("invalid-number"));
        assert_eq!(e.get("lines.0.unit"), Some("invalid-amount"));
    }

    fn arb_line() -> impl Strategy<Value = Line> {
        (0usize..8, 0i64..1000, 0i64..1_000_000, prop::bool::ANY).prop_map(|(k, q, u, once)| {
            let kind = LineKind::INVESTMENT
                .into_iter()
                .chain(LineKind::VALUE)
                .nth(k)
                .expect("test data");
            Line {
                kind,
                label: "x".into(),
                quantity: q,
                unit_cents: u,
                cadence: if once {
                    Cadence::OneOff
                } else {
                    Cadence::Monthly
                },
            }
        })
    }

    proptest! {
        #[test]
        fn break_even_month_is_the_first_month_in_the_black(
            lines in prop::collection::vec(arb_line(), 0..10),
            h in 1u32..=60,
        ) {
            let plan = BusinessPlan { horizon_months: h, lines };
            prop_assert!(plan.check().is_ok());
            let o = plan.outlook(0);
            let cum = |m: i128| {
                let (io, im) = plan.sums(true, 100);
                let (vo, vm) = plan.sums(false, 100);
                (vo - io) + m * (vm - im)
            };
            if let Some(m) = o.break_even_month {
                prop_assert!(cum(i128::from(m)) >= 0);
                if m > 1 { prop_assert!(cum(i128::from(m) - 1) < 0); }
            } else {
                // Never, or nothing at all on either side.
                prop_assert!((1..=120).all(|m| cum(m) < 0) || plan.lines.iter().all(|l| l.amount_cents() == 0));
            }
            if let Some(r) = o.roi {
                prop_assert!(o.investment_cents > 0);
                prop_assert!(r >= -1.0);
            }
        }

        #[test]
        fn more_value_never_lowers_the_roi(
            lines in prop::collection::vec(arb_line(), 0..10),
            h in 1u32..=60,
        ) {
            let plan = BusinessPlan { horizon_months: h, lines };
            let s = plan.sensitivity();
            for w in s.windows(2) {
                prop_assert!(w[0].outlook.value_cents <= w[1].outlook.value_cents);
                if let (Some(a), Some(b)) = (w[0].outlook.roi, w[1].outlook.roi) {
                    prop_assert!(a <= b);
                }
                match (w[0].outlook.break_even_month, w[1].outlook.break_even_month) {
                    (Some(a), Some(b)) => prop_assert!(b <= a),
                    (Some(_), None) => prop_assert!(false, "more value lost the break-even"),
                    _ => {}
                }
            }
        }
    }
}
