use super::*;

/// A community plan for a course run by the first partner (seed 004): targets, a business plan,
/// roles, measures (two public), a roadmap with an overdue item, and eight weeks of a generated
/// tracking log so its measures, series and public page have data.
pub(super) async fn courses(store: &Store, partner_slug: &str, rng: &mut Rng) -> Result<()> {
    use agora_domain::courses::plan::{
        Access, BusinessInput, Grantee, ItemInput, MeasureInput, PlanInput, RoleInput, TargetsInput,
    };
    let owner = store
        .person_by_email("partner-admin@agora.example")
        .await?
        .context("demo partner admin")?;
    let member = store
        .person_by_email("partner-member@agora.example")
        .await?
        .context("demo partner member")?;
    let who = Who::person(owner.id, &owner.email);
    const COURSE: &str = "course-v1:OpenedX+Operators101+2026_T1";
    let basics = PlanInput {
        course_id: COURSE.into(),
        title: "Running Open edX for Operators".into(),
        organization: "OpenedX".into(),
        partner: partner_slug.into(),
        purpose: "external".into(),
        stakeholders: "The partner's sales and support teams; the Marketing Working Group; two universities piloting the course.".into(),
        guidelines: "Answer forum questions within two working days. Pedagogical questions go to the pedagogical manager; everything else to the community manager. No sales pitches in the forum.".into(),
        lms_url: format!("https://courses.example.org/courses/{COURSE}/about"),
        public_progress: "on".into(),
    }
    .parse()
    .map_err(|e| anyhow::anyhow!("demo plan: {e}"))?;
    let plan = store.create_plan(&basics, owner.id, true, &who).await?;
    let s = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let targets = TargetsInput {
        name: s(&["University IT teams", "Independent instructors"]),
        size: s(&["1,500", "4,000"]),
        offer: s(&[
            "A hands-on path from install to upgrade, with office hours.",
            "Enough operations to run a small site for one course.",
        ]),
        usp: s(&[
            "Taught by people who run production instances.",
            "Free to audit; certificates for a fee.",
        ]),
    }
    .parse()
    .map_err(|e| anyhow::anyhow!("demo targets: {e}"))?;
    store.set_plan_targets(plan, &targets, &who).await?;
    let business = BusinessInput {
        horizon_months: "12".into(),
        kind: s(&["people", "marketing", "tools", "certificates-sold", "leads"]),
        label: s(&[
            "Community manager (half time)",
            "Launch campaign",
            "Forum tooling",
            "Verified certificates",
            "Qualified leads for the partner",
        ]),
        quantity: s(&["1", "1", "1", "40", "3"]),
        unit: s(&["2,500", "6,000", "150", "99", "1,200"]),
        cadence: s(&["monthly", "one-off", "monthly", "monthly", "monthly"]),
    }
    .parse()
    .map_err(|e| anyhow::anyhow!("demo business plan: {e}"))?;
    store.set_plan_business(plan, &business, &who).await?;
    // The owner is its strategic lead from the start (`create_plan`).
    for (role, person) in [("community-manager", member.id)] {
        let r = RoleInput {
            role: role.into(),
            person: person.to_string(),
            responsibilities: String::new(),
        }
        .parse()
        .map_err(|e| anyhow::anyhow!("demo role: {e}"))?;
        store.add_plan_role(plan, &r, &who).await?;
    }
    // The Marketing Working Group is open to anyone: the plan is shared with its facilitator.
    if let Some(f) = store.person_by_email("facilitator@agora.example").await? {
        store
            .share_plan(plan, Grantee::Person(f.id), Access::View, &who)
            .await?;
    }
    let today = store.now().date_naive();
    let start =
        agora_domain::courses::tracking::week_start(store.now()) - chrono::Duration::weeks(8);
    let day = |weeks: i64| (start + chrono::Duration::weeks(weeks)).to_string();
    let measure = |name: &str, metric: &str, target: &str, due: String, public: &str| {
        MeasureInput {
            name: name.into(),
            metric: metric.into(),
            target: target.into(),
            due_on: due,
            public: public.into(),
        }
        .parse()
        .map_err(|e| anyhow::anyhow!("demo measure {name}: {e}"))
    };
    let enrolled = measure("250 enrolled by week 6", "enrolled", "250", day(5), "on")?;
    let enrolled = store.save_measure(plan, None, &enrolled, &who).await?;
    let m = measure(
        "40% of enrolled active in week 4",
        "active-share",
        "40",
        day(3),
        "",
    )?;
    store.save_measure(plan, None, &m, &who).await?;
    let m = measure(
        "150 forum posts by week 10",
        "forum-posts",
        "150",
        day(9),
        "on",
    )?;
    let posts = store.save_measure(plan, None, &m, &who).await?;
    for (phase, title, owner_id, due, measure_id) in [
        (
            "build-target-base",
            "Mail the alumni of the partner's earlier courses",
            Some(owner.id),
            Some(day(1)),
            Some(enrolled),
        ),
        (
            "build-target-base",
            "Launch campaign with the Marketing Working Group",
            Some(owner.id),
            Some((today - chrono::Duration::days(3)).to_string()),
            Some(enrolled),
        ),
        (
            "engage",
            "Weekly live office hours",
            Some(member.id),
            Some(day(10)),
            Some(posts),
        ),
        (
            "go-viral",
            "Referral links for learners who finish module 1",
            Some(member.id),
            Some(day(12)),
            None,
        ),
        (
            "organize-team",
            "Agree who answers what in the forum",
            Some(owner.id),
            None,
            None,
        ),
    ] {
        let item = ItemInput {
            phase: phase.into(),
            title: title.into(),
            owner: owner_id.map(|i| i.to_string()).unwrap_or_default(),
            due_on: due.unwrap_or_default(),
            status: if phase == "build-target-base" && title.starts_with("Mail") {
                "done".into()
            } else {
                String::new()
            },
            measure: measure_id.map(|i| i.to_string()).unwrap_or_default(),
        }
        .parse()
        .map_err(|e| anyhow::anyhow!("demo item: {e}"))?;
        store.save_item(plan, None, &item, &who).await?;
    }

    // Eight weeks of learner activity: enrollments (some through the partner's referral link),
    // videos, problems, forum posts, a few completions and certificates.
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("tracking.log");
    let mut log = String::new();
    let event = |user: usize, name: &str, at: chrono::DateTime<chrono::Utc>, referer: &str| {
        format!(
            r#"{{"username": "learner{user}", "event_type": "{name}", "time": "{}", "referer": "{referer}", "context": {{"course_id": "{COURSE}", "user_id": {user}}}, "event": {{}}}}"#,
            at.format("%Y-%m-%dT%H:%M:%S%.6f+00:00")
        ) + "\n"
    };
    let base = start.and_hms_opt(9, 0, 0).context("time")?.and_utc();
    let about = format!("https://courses.example.org/courses/{COURSE}/about");
    for learner in 0..320usize {
        let week = (learner / 45).min(7) as i64;
        let at =
            base + chrono::Duration::weeks(week) + chrono::Duration::hours(rng.below(120) as i64);
        let referer = if learner % 7 == 0 {
            format!("{about}?ref=PARTNER-1")
        } else {
            about.clone()
        };
        log += &event(learner, "edx.course.enrollment.activated", at, &referer);
        // Each learner stays active for a few weeks, less and less.
        let weeks_active = 1 + rng.below(5) as i64;
        for w in 0..weeks_active {
            let t = at + chrono::Duration::weeks(w) + chrono::Duration::hours(2);
            if t > store.now() {
                break;
            }
            log += &event(learner, "play_video", t, "");
            if rng.below(2) == 0 {
                log += &event(
                    learner,
                    "problem_check",
                    t + chrono::Duration::minutes(20),
                    "",
                );
            }
            if rng.below(4) == 0 {
                log += &event(
                    learner,
                    "edx.forum.thread.created",
                    t + chrono::Duration::minutes(40),
                    "",
                );
            }
        }
        if weeks_active >= 4 && rng.below(2) == 0 {
            let t = at + chrono::Duration::weeks(weeks_active);
            if t <= store.now() {
                log += &event(learner, "edx.course.grade.passed.first_time", t, "");
                log += &event(
                    learner,
                    "edx.certificate.created",
                    t + chrono::Duration::hours(1),
                    "",
                );
            }
        }
    }
    std::fs::write(&path, log)?;
    store
        .import_tracking_log(
            "demo tracking.log",
            move || agora_store::open_log(&path),
            None,
            &Who::system(),
            std::sync::Arc::new(|_| {}),
        )
        .await?;
    Ok(())
}
