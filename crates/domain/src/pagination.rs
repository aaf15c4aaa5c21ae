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

    /// A page past the last one does not exist: HTML and API answer "not found" instead of showing
    /// "page 99 of 3". Page 1 always exists, empty or not.
    pub fn check(&self, total: u64) -> Result<(), PageOutOfRange> {
        if self.page <= total_pages(total, self.per_page) {
            Ok(())
        } else {
            Err(PageOutOfRange)
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("no such page")]
pub struct PageOutOfRange;

fn total_pages(total: u64, per_page: u32) -> u32 {
    u32::try_from(total.div_ceil(u64::from(per_page.max(1))).max(1)).unwrap_or(u32::MAX)
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
        let total_pages = total_pages(total, req.per_page);
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

    #[test]
    fn a_page_past_the_last_does_not_exist_but_page_one_always_does() {
        let page = |n| PageRequest::new(n, 20);
        assert_eq!(page(1).check(0), Ok(()));
        assert_eq!(page(3).check(41), Ok(()));
        assert_eq!(page(4).check(41), Err(PageOutOfRange));
        assert_eq!(page(99).check(60), Err(PageOutOfRange));
        assert_eq!(page(2).check(0), Err(PageOutOfRange));
    }
}
