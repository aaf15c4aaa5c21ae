//! One pagination rule for every list, in HTML and in the API.

use serde::Serialize;

pub const DEFAULT_PER_PAGE: u32 = 20;
pub const MAX_PER_PAGE: u32 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub per_page: u32,
}

impl PageRequest {
    /// Page numbers start at 1; a missing value means the default, a nonsensical one is an error.
    pub fn parse(
        page: Option<&str>,
        per_page: Option<&str>,
    ) -> Result<Self, (&'static str, &'static str)> {
        let page = match page.map(str::trim).filter(|s| !s.is_empty()) {
            None => 1,
            Some(s) => s
                .parse::<u32>()
                .ok()
                .filter(|p| (1..=1_000_000).contains(p))
                .ok_or(("page", "invalid-number"))?,
        };
        let per_page = match per_page.map(str::trim).filter(|s| !s.is_empty()) {
            None => DEFAULT_PER_PAGE,
            Some(s) => s
                .parse::<u32>()
                .ok()
                .filter(|&p| (1..=MAX_PER_PAGE).contains(&p))
                .ok_or(("per_page", "invalid-number"))?,
        };
        Ok(Self { page, per_page })
    }

    /// A request from numbers already known to the caller, clamped to what `parse` accepts.
    pub fn new(page: u32, per_page: u32) -> Self {
        Self {
            page: page.clamp(1, 1_000_000),
            per_page: per_page.clamp(1, MAX_PER_PAGE),
        }
    }

    pub fn offset(&self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }

    pub fn limit(&self) -> i64 {
        i64::from(self.per_page)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
    pub total_pages: u32,
}

impl<T> Page<T> {
    pub fn new(items: Vec<T>, req: PageRequest, total: u64) -> Self {
        let total_pages = total.div_ceil(u64::from(req.per_page)).max(1) as u32;
        Self {
            items,
            page: req.page,
            per_page: req.per_page,
            total,
            total_pages,
        }
    }

    /// The same page with its items converted (to an API view, say).
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            page: self.page,
            per_page: self.per_page,
            total: self.total,
            total_pages: self.total_pages,
        }
    }

    pub fn has_next(&self) -> bool {
        self.page < self.total_pages
    }

    pub fn has_prev(&self) -> bool {
        self.page > 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_page_numbers_are_rejected_not_clamped() {
        assert!(PageRequest::parse(Some("0"), None).is_err());
        assert!(PageRequest::parse(Some("abc"), None).is_err());
        assert!(PageRequest::parse(None, Some("1000")).is_err());
        assert_eq!(
            PageRequest::parse(Some("3"), Some("10")).map(|p| p.offset()),
            Ok(20)
        );
    }

    #[test]
    fn total_pages_rounds_up_and_is_never_zero() {
        let req = PageRequest {
            page: 1,
            per_page: 20,
        };
        assert_eq!(Page::<()>::new(vec![], req, 0).total_pages, 1);
        assert_eq!(Page::<()>::new(vec![], req, 41).total_pages, 3);
    }
}
