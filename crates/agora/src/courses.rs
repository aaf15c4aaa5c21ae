//! `agora course import-tracking-log`: Open edX tracking logs into the courses' series (issue 13).

use agora_store::{Store, TrackingReport, Who};
use anyhow::Result;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Imports each file in turn. Prints one report per file (text, or a JSON array with `json`);
/// fails naming the first file that could not be imported at all, after trying the others.
pub async fn import_tracking_logs(store: &Store, files: &[PathBuf], json: bool) -> Result<()> {
    let who = Who {
        person_id: None,
        label: "cli".into(),
    };
    let mut reports = Vec::new();
    let mut failed = Vec::new();
    for file in files {
        let label = file.display().to_string();
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        let started = Instant::now();
        let on = std::io::stderr().is_terminal();
        let shown = label.clone();
        let progress: Arc<dyn Fn(u64) + Send + Sync> = Arc::new(move |bytes: u64| {
            if on {
                let secs = started.elapsed().as_secs_f64().max(0.001);
                let mut err = std::io::stderr().lock();
                let _ = write!(
                    err,
                    "\r\x1b[2K{shown}: {:.0} MB read ({:.0} MB/s; the file is {:.0} MB{})",
                    bytes as f64 / 1e6,
                    bytes as f64 / 1e6 / secs,
                    size as f64 / 1e6,
                    if size > 0 && bytes > size {
                        ", compressed"
                    } else {
                        ""
                    }
                );
                let _ = err.flush();
            }
        });
        let path = file.clone();
        let result = store
            .import_tracking_log(
                &label,
                move || agora_store::open_log(&path),
                None,
                &who,
                progress,
            )
            .await;
        if on {
            eprint!("\r\x1b[2K");
        }
        match result {
            Ok(r) => {
                if !json {
                    print_report(&r, started.elapsed().as_secs_f64());
                }
                if let Some(why) = &r.stopped {
                    failed.push(format!("{label}: {why}"));
                }
                reports.push(r);
            }
            Err(agora_store::StoreError::Invalid(e)) => {
                let msg = agora_web::i18n::english(e.errors[0].code);
                eprintln!("{label}: {msg}");
                failed.push(format!("{label}: {msg}"));
            }
            Err(e) => {
                eprintln!("{label}: {e}");
                failed.push(format!("{label}: {e}"));
            }
        }
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
    }
    if !failed.is_empty() {
        anyhow::bail!("{}", failed.join("; "));
    }
    Ok(())
}

fn print_report(r: &TrackingReport, secs: f64) {
    println!(
        "{}: {} lines, {} events in courses, {} outside any course, {} malformed; {:.1} MB in {:.1} s ({:.0} MB/s){}",
        r.label,
        r.lines,
        r.events,
        r.outside,
        r.malformed,
        r.bytes as f64 / 1e6,
        secs,
        r.bytes as f64 / 1e6 / secs.max(0.001),
        if r.already_imported_bytes > 0 {
            format!(
                "; the first {:.1} MB were imported before",
                r.already_imported_bytes as f64 / 1e6
            )
        } else {
            String::new()
        }
    );
    for c in &r.new_courses {
        println!("  new course: {c}");
    }
    for m in &r.malformed_lines {
        println!("  line {}: {}", m.line, m.reason);
    }
    if (r.malformed as usize) > r.malformed_lines.len() {
        println!(
            "  … and {} more malformed lines",
            r.malformed as usize - r.malformed_lines.len()
        );
    }
    if let Some(why) = &r.stopped {
        println!(
            "  stopped: {why} (what was read before is kept; import the file again to resume)"
        );
    }
}
