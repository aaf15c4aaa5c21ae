//! What every page shares: the layout context, rendering, and small view helpers.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::i18n::Tr;
use agora_domain::pagination::Page;
use askama::Template;
use axum::response::Html;

/// The layout's context: language, CSRF token for forms, and what the navigation shows.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub tr: Tr,
    pub csrf: crate::auth::Csrf,
    pub person_name: Option<String>,
    pub is_admin: bool,
    pub is_partner: bool,
    pub path: String,
}

impl Ctx {
    pub fn new(v: &Viewer, path: &str) -> Self {
        Self {
            tr: v.tr.clone(),
            csrf: v.csrf.clone(),
            person_name: v.person.as_ref().map(|p| p.display_name.clone()),
            is_admin: v.is_admin(),
            is_partner: !v.actor.partner_ids().is_empty(),
            path: path.to_string(),
        }
    }

    pub fn anonymous(tr: Tr) -> Self {
        Self {
            tr,
            csrf: Default::default(),
            person_name: None,
            is_admin: false,
            is_partner: false,
            path: String::new(),
        }
    }

    /// `aria-current` for a link of the main navigation: only the section being shown is current,
    /// the most specific one when several contain the page ("/partners/apply" within "/partners").
    pub fn current(&self, prefix: &str) -> &'static str {
        if current_section(&self.path) == Some(prefix) {
            "page"
        } else {
            "false"
        }
    }
}

/// The links of the main navigation (base.html), each the prefix of a section of the site.
const NAV_SECTIONS: &[&str] = &[
    "/partners",
    "/find-a-partner",
    "/partners/apply",
    "/governance",
    "/groups",
    "/home",
    "/portal",
    "/admin",
    "/account",
    "/login",
];

fn current_section(path: &str) -> Option<&'static str> {
    NAV_SECTIONS
        .iter()
        .copied()
        .filter(|s| path == *s || path.strip_prefix(s).is_some_and(|r| r.starts_with('/')))
        .max_by_key(|s| s.len())
}

pub fn render<T: Template>(t: &T) -> Result<Html<String>> {
    t.render()
        .map(Html)
        .map_err(|e| Error::Unexpected(anyhow::anyhow!("template: {e}")))
}

/// The viewer's layout context, left on a response for the error page written outside the handler.
#[derive(Debug, Clone)]
pub struct ErrorCtx(pub Ctx);

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorView {
    pub ctx: Ctx,
    pub title: String,
    pub message: String,
    pub signed_in: bool,
}

/// Links of a paginated list, keeping the other query parameters.
#[derive(Debug, Clone)]
pub struct Pager {
    pub page: u32,
    pub total_pages: u32,
    pub total: u64,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    pub fn new<T>(p: &Page<T>, base: &str, params: &[(&str, String)]) -> Self {
        let link = |n: u32| {
            let mut s = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in params.iter().filter(|(_, v)| !v.is_empty()) {
                s.append_pair(k, v);
            }
            s.append_pair("page", &n.to_string());
            format!("{base}?{}", s.finish())
        };
        Self {
            page: p.page,
            total_pages: p.total_pages,
            total: p.total,
            prev: p.has_prev().then(|| link(p.page - 1)),
            next: p.has_next().then(|| link(p.page + 1)),
        }
    }
}

/// One bar of a server-rendered SVG bar chart.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: u64,
    pub width: u32,
    pub y: u32,
}

/// Lays out horizontal bars scaled to the largest value; `max_width` is the bar area in SVG units.
pub fn bars(items: Vec<(String, u64)>, max_width: u32) -> Vec<Bar> {
    let max = items.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    items
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| Bar {
            label,
            value,
            width: ((value as f64 / max as f64) * f64::from(max_width)).round() as u32,
            y: i as u32 * 28,
        })
        .collect()
}

/// The time-zone names forms suggest (`partials/zones.html`).
pub fn zone_names() -> impl Iterator<Item = &'static str> {
    agora_domain::groups::meetings::zone_names()
}

#[cfg(test)]
mod tests {
    use super::current_section;

    #[test]
    fn one_navigation_section_is_current_the_most_specific() {
        assert_eq!(current_section("/partners/apply"), Some("/partners/apply"));
        assert_eq!(current_section("/partners"), Some("/partners"));
        assert_eq!(current_section("/partners/cedar"), Some("/partners"));
        assert_eq!(
            current_section("/find-a-partner/received"),
            Some("/find-a-partner")
        );
        assert_eq!(current_section("/partnership"), None);
        assert_eq!(current_section("/transparency"), None);
    }
}
