//! What the partner program asks of people: the foundation reviews applications.

use crate::auth::Viewer;
use crate::error::Result;
use crate::tasks::{Contribution, Task};
use crate::AppState;
use agora_domain::pagination::PageRequest;
use agora_domain::partner::{DirectoryFilter, PartnerStatus};
use agora_domain::permissions::Permission;

/// Applications listed one by one; beyond this many, one item leads to the list of the rest.
const LISTED: u32 = 10;

/// This program's contribution to what needs a person (registered in `routes()`).
pub fn tasks<'a>(state: &'a AppState, v: &'a Viewer) -> Contribution<'a> {
    Box::pin(items(state, v))
}

async fn items(state: &AppState, v: &Viewer) -> Result<Vec<Task>> {
    if !v.can(Permission::ManagePartners) {
        return Ok(vec![]);
    }
    let page = state
        .store
        .partners_page(
            &DirectoryFilter::default(),
            &[PartnerStatus::Applicant],
            PageRequest {
                page: 1,
                per_page: LISTED,
            },
        )
        .await?;
    let mut out: Vec<Task> = page
        .items
        .into_iter()
        .map(|p| {
            Task::new(
                "partners",
                "application",
                v.tr.t1("task-application", "name", p.profile.name),
                format!("/admin/partners/{}", p.id),
                None,
            )
        })
        .collect();
    let more = page.total.saturating_sub(u64::from(LISTED));
    if more > 0 {
        out.push(Task::new(
            "partners",
            "applications-more",
            v.tr.t1("task-applications-more", "count", more),
            "/admin/partners?status=applicant".into(),
            None,
        ));
    }
    Ok(out)
}
