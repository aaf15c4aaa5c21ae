//! What the lead program asks of people: partners answer the offers waiting in their inbox before the
//! deadline; the foundation handles the leads in its queue.

use crate::auth::Viewer;
use crate::error::Result;
use crate::tasks::{Contribution, Task};
use crate::AppState;
use agora_domain::permissions::Permission;
use agora_store::lead_reference;

/// This program's contribution to what needs a person (registered in `routes()`).
pub fn tasks<'a>(state: &'a AppState, v: &'a Viewer) -> Contribution<'a> {
    Box::pin(items(state, v))
}

async fn items(state: &AppState, v: &Viewer) -> Result<Vec<Task>> {
    let mut out = vec![];
    // Only the partners the viewer works for: an admin may open any inbox but answers for none.
    let mut partners = v.actor.partner_ids();
    partners.retain(|&partner_id| v.can(Permission::HandleLeads { partner_id }));
    partners.sort_unstable();
    partners.dedup();
    for o in state.store.offers_awaiting_answer(&partners).await? {
        out.push(Task::new(
            "leads",
            "offer-waiting",
            v.tr.t2(
                "task-offer-waiting",
                ("reference", lead_reference(o.lead_id)),
                ("name", o.partner_name),
            ),
            format!("/portal/offers/{}", o.offer_id),
            Some(o.due_at),
        ));
    }
    if v.can(Permission::ManageLeads) {
        let queued = state.store.queued_lead_count().await?;
        if queued > 0 {
            out.push(Task::new(
                "leads",
                "leads-queued",
                v.tr.t1("task-leads-queued", "count", queued),
                "/admin/leads?status=queued".into(),
                None,
            ));
        }
    }
    Ok(out)
}
