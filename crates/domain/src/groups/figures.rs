//! Key results bound to a figure Agora computes (issue 10): instead of moving by check-ins, such a
//! key result's value is read from what the platform records, over the key result's period: the
//! group's active members, its regular updates, the marketing contributions approved, or the leads
//! partners accepted in a region. A bound key result counts things, so it is of kind number; it takes
//! no check-ins and is never due for one.

use super::okrs::KeyResultKind;
use serde::Serialize;

/// What a bound key result counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Figure {
    /// The group's members now (facilitators included).
    Members,
    /// The group's regular updates posted in the period.
    UpdatesPosted,
    /// Marketing contributions approved in the period, all partners.
    ContributionsApproved,
    /// Lead offers accepted in the period for leads of this region (its slug).
    LeadsAccepted(String),
}

const LEADS_ACCEPTED: &str = "leads-accepted:";
/// The transparency report's threshold, as a count.
const LEADS_SHOWN_FROM: i64 = crate::leads::SUPPRESS_BELOW as i64;

impl Figure {
    /// The figures without a parameter, in the order a form lists them.
    pub const PLAIN: [Figure; 3] = [
        Figure::Members,
        Figure::UpdatesPosted,
        Figure::ContributionsApproved,
    ];

    /// `members`, `updates-posted`, `contributions-approved` or `leads-accepted:<region>`.
    pub fn slug(&self) -> String {
        match self {
            Figure::Members => "members".into(),
            Figure::UpdatesPosted => "updates-posted".into(),
            Figure::ContributionsApproved => "contributions-approved".into(),
            Figure::LeadsAccepted(region) => format!("{LEADS_ACCEPTED}{region}"),
        }
    }

    /// The figure a slug names; an empty one is no figure. A region is only checked for its form
    /// here: whether the region map has it is the caller's to check.
    pub fn parse(s: &str) -> Result<Option<Figure>, &'static str> {
        match s.trim() {
            "" => Ok(None),
            "members" => Ok(Some(Figure::Members)),
            "updates-posted" => Ok(Some(Figure::UpdatesPosted)),
            "contributions-approved" => Ok(Some(Figure::ContributionsApproved)),
            other => match other.strip_prefix(LEADS_ACCEPTED) {
                Some(region)
                    if !region.is_empty()
                        && region.len() <= 64
                        && region
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
                {
                    Ok(Some(Figure::LeadsAccepted(region.to_string())))
                }
                _ => Err("invalid-figure"),
            },
        }
    }

    /// The region of a leads figure.
    pub fn region(&self) -> Option<&str> {
        match self {
            Figure::LeadsAccepted(r) => Some(r),
            _ => None,
        }
    }

    /// The locale key of its label (`figure-members`, `figure-leads-accepted`, …).
    pub fn label_key(&self) -> &'static str {
        match self {
            Figure::Members => "figure-members",
            Figure::UpdatesPosted => "figure-updates-posted",
            Figure::ContributionsApproved => "figure-contributions-approved",
            Figure::LeadsAccepted(_) => "figure-leads-accepted",
        }
    }
}

impl Serialize for Figure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.slug())
    }
}

/// The value a figure shows. Counts of accepted leads below the transparency report's threshold read
/// as 0, as the report shows them as "<5": a key result page must not reveal what the report hides
/// (a region with one or two partners would show a named partner's activity lead by lead).
pub fn shown(figure: &Figure, n: i64) -> i64 {
    match figure {
        Figure::LeadsAccepted(_) if n < LEADS_SHOWN_FROM => 0,
        _ => n,
    }
}

/// A figure counts things: only a number key result may be bound to one.
pub fn may_bind(kind: KeyResultKind) -> Result<(), &'static str> {
    if kind == KeyResultKind::Number {
        Ok(())
    } else {
        Err("figure-needs-number")
    }
}

/// A bound key result moves by itself: check-ins would be overwritten.
pub fn may_check_in_bound(bound: bool) -> Result<(), &'static str> {
    if bound {
        Err("bound-to-figure")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn figures_read_back_from_their_slugs() {
        for f in Figure::PLAIN
            .into_iter()
            .chain([Figure::LeadsAccepted("latin-america".into())])
        {
            assert_eq!(Figure::parse(&f.slug()), Ok(Some(f.clone())));
        }
        assert_eq!(Figure::parse("  "), Ok(None));
        for bad in [
            "leads-accepted:",
            "leads-accepted:Europe",
            "leads-accepted:eu rope",
            "member",
            "leads-accepted",
        ] {
            assert_eq!(Figure::parse(bad), Err("invalid-figure"), "{bad}");
        }
        assert_eq!(
            Figure::LeadsAccepted("europe".into()).region(),
            Some("europe")
        );
        assert_eq!(
            serde_json::to_string(&Figure::UpdatesPosted).expect("json"),
            "\"updates-posted\""
        );
    }

    #[test]
    fn few_accepted_leads_read_as_none() {
        let leads = Figure::LeadsAccepted("europe".into());
        let below = LEADS_SHOWN_FROM;
        assert_eq!(shown(&leads, below - 1), 0);
        assert_eq!(shown(&leads, below), below);
        assert_eq!(shown(&Figure::Members, 1), 1);
    }

    #[test]
    fn only_numbers_bind_and_bound_ones_take_no_check_ins() {
        assert_eq!(may_bind(KeyResultKind::Number), Ok(()));
        for k in [
            KeyResultKind::Percentage,
            KeyResultKind::Currency,
            KeyResultKind::Milestone,
        ] {
            assert_eq!(may_bind(k), Err("figure-needs-number"));
        }
        assert_eq!(may_check_in_bound(true), Err("bound-to-figure"));
        assert_eq!(may_check_in_bound(false), Ok(()));
    }

    proptest! {
        #[test]
        fn any_text_parses_or_is_refused_and_never_panics(s in ".{0,80}") {
            if let Ok(Some(f)) = Figure::parse(&s) {
                prop_assert_eq!(Figure::parse(&f.slug()), Ok(Some(f)));
            }
        }
    }
}
