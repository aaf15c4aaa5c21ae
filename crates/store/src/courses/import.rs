//! The streaming import of Open edX tracking logs: a reader thread reads lines (plain or gzip),
//! parses them with the domain's `parse_line`, pseudonymises learners and folds the events into
//! facts; every few megabytes it hands a batch to the writer, which commits it whole with the
//! file's progress. Memory is bounded by the batch, never by the file; a second import of a file
//! adds nothing and a file that grew adds only its new lines.

use crate::sql::{BulkInsert, Col, Merge};
use crate::{Result, Store, StoreError, Who};
use agora_domain::audit::AuditEvent;
use agora_domain::courses::facts::{pseudonym, Facts};
use agora_domain::courses::series::MilestoneKind;
use agora_domain::courses::tracking::{parse_line, Line, LineError};
use agora_domain::courses::CourseId;
use agora_domain::ValidationErrors;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read};

/// Input bytes per committed batch.
const BATCH_BYTES: u64 = 32 << 20;
/// The first batch's input bytes, doubled batch by batch up to `BATCH_BYTES`: the database starts
/// writing while the reader is still at the start of the file rather than after a full batch.
const FIRST_BATCH_BYTES: u64 = 2 << 20;
/// Facts per batch at most, whatever the bytes (a log of one learner per line).
const BATCH_FACTS: usize = 400_000;
/// The most of a file's first line that names it.
const HEAD_BYTES: usize = 64 << 10;
/// Lines looked at before deciding that a file is not a tracking log at all.
const SNIFF_LINES: u64 = 100;
/// Malformed lines listed by number in the report (all are counted).
const LIST_MALFORMED: usize = 100;
/// Rows per INSERT statement.
const ROWS: usize = 8192;
/// Pseudonyms remembered by the reader before it starts afresh (bounds memory).
const PSEUDONYM_CACHE: usize = 1 << 20;
/// The longest line kept in memory: a tracking event is a few kilobytes; a longer line is skipped
/// as malformed while it streams, so a file of one endless line costs no memory.
const MAX_LINE: usize = 1 << 20;
/// Serialises the imports' batches: two imports of one file at once must not both add it.
pub(crate) const LOCK_TRACKING: i64 = 0x4147_0029;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct MalformedLine {
    pub line: u64,
    pub reason: String,
}

/// What an import read, skipped and added.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct TrackingReport {
    pub label: String,
    /// Bytes read (uncompressed), and how many of them an earlier import had already added.
    pub bytes: u64,
    pub already_imported_bytes: u64,
    pub lines: u64,
    /// Events of a learner in a course, counted.
    pub events: u64,
    /// Valid events outside any course or of no signed-in learner.
    pub outside: u64,
    /// Events of other courses, left out by an import for one course.
    pub other_courses: u64,
    pub malformed: u64,
    /// The first malformed lines, by number.
    pub malformed_lines: Vec<MalformedLine>,
    /// Courses met for the first time.
    pub new_courses: Vec<String>,
    /// Batches committed.
    pub batches: u64,
    /// Why the import stopped before the end of the file, if it did: what was committed before
    /// stays, and importing the file again resumes after it.
    pub stopped: Option<String>,
}

/// Opens a log, plain or gzip (told by its first bytes).
pub fn open_log(path: &std::path::Path) -> std::io::Result<Box<dyn Read + Send>> {
    let mut f = BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
    let gz = f.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(if gz {
        Box::new(BufReader::with_capacity(
            1 << 20,
            flate2::bufread::MultiGzDecoder::new(f),
        ))
    } else {
        Box::new(f)
    })
}

/// A batch handed from the reader to the writer.
struct Batch {
    /// Where in the file the batch begins: the file's progress the batch continues.
    start: u64,
    facts: Facts,
    /// Courses first met in this batch: (index, canonical key).
    courses: Vec<(u32, CourseId)>,
    /// Where the committed part of the file ends, and its hash.
    bytes: u64,
    prefix: String,
    lines: u64,
    events: u64,
}

enum Message {
    Batch(Batch),
    /// The file ended; the report's counts.
    Done(TrackingReport),
    Failed(StoreError),
}

/// The reader's index of a course that an import for another course leaves out.
const OTHER_COURSE: u32 = u32::MAX;

struct Reader {
    key: Vec<u8>,
    now: chrono::DateTime<chrono::Utc>,
    /// The one course an import keeps (an import from a plan's page), if any.
    only: Option<CourseId>,
    skip: Option<(u64, String)>,
    courses: HashMap<String, Option<u32>>,
    known: HashMap<CourseId, u32>,
    pseudonyms: HashMap<String, i64>,
}

impl Reader {
    fn course(&mut self, raw: &str, new: &mut Vec<(u32, CourseId)>) -> Option<u32> {
        if let Some(c) = self.courses.get(raw) {
            return *c;
        }
        let idx = CourseId::parse(raw).ok().map(|id| {
            if self.only.as_ref().is_some_and(|only| *only != id) {
                return OTHER_COURSE;
            }
            let next = self.known.len() as u32;
            *self.known.entry(id.clone()).or_insert_with(|| {
                new.push((next, id));
                next
            })
        });
        self.courses.insert(raw.to_owned(), idx);
        idx
    }

    fn learner(&mut self, name: &str) -> i64 {
        if let Some(p) = self.pseudonyms.get(name) {
            return *p;
        }
        if self.pseudonyms.len() >= PSEUDONYM_CACHE {
            self.pseudonyms.clear();
        }
        let p = pseudonym(&self.key, name);
        self.pseudonyms.insert(name.to_owned(), p);
        p
    }

    /// Reads the whole file, sending batches; returns the report's counts.
    fn run(
        mut self,
        input: Box<dyn Read + Send>,
        label: String,
        tx: &tokio::sync::mpsc::Sender<Message>,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> std::result::Result<TrackingReport, StoreError> {
        let mut input = BufReader::with_capacity(1 << 20, input);
        let mut report = TrackingReport {
            label,
            ..TrackingReport::default()
        };
        let mut hasher = Hashing::default();
        let mut buf = Vec::with_capacity(4096);
        let mut facts = Facts::default();
        let mut new_courses = Vec::new();
        let (mut batch_lines, mut batch_events, mut batch_start) = (0u64, 0u64, 0u64);
        let mut valid = 0u64;
        let mut last_tick = 0u64;
        let mut batch_bytes = FIRST_BATCH_BYTES;
        let skip_to = self.skip.as_ref().map_or(0, |s| s.0);
        loop {
            buf.clear();
            let (n, ended, whole) = match read_line(&mut input, &mut buf, &mut hasher) {
                Ok(r) => r,
                Err(e) => {
                    report.stopped =
                        Some(format!("reading stopped after line {}: {e}", report.lines));
                    break;
                }
            };
            if n == 0 {
                break;
            }
            // A last line without its newline may be one the LMS is still writing: it waits for the
            // next import.
            if !ended {
                break;
            }
            report.lines += 1;
            report.bytes += n;
            if whole {
                hasher.update(&buf);
            }
            if report.bytes <= skip_to {
                report.already_imported_bytes = report.bytes;
                if report.bytes == skip_to {
                    let (_, want) = self.skip.as_ref().expect("skip");
                    if hasher.finalize_hex() != *want {
                        return Err(StoreError::Invalid(ValidationErrors::single(
                            "file",
                            "tracking-log-differs",
                        )));
                    }
                    batch_start = report.bytes;
                }
                continue;
            }
            batch_lines += 1;
            let text = if whole {
                std::str::from_utf8(&buf).map_err(|_| LineError::NotJson)
            } else {
                Err(LineError::TooLong)
            };
            let parsed = text.and_then(|t| {
                let t = t.trim();
                if t.is_empty() {
                    Ok(None)
                } else {
                    parse_line(t).map(Some)
                }
            });
            let now = self.now;
            let parsed = parsed.and_then(|l| match l {
                Some(Line::Event(e)) if !agora_domain::courses::tracking::plausible(e.at, now) => {
                    Err(LineError::TimeOutOfRange)
                }
                other => Ok(other),
            });
            match parsed {
                Ok(None) => {}
                Ok(Some(Line::Outside)) => {
                    report.outside += 1;
                    valid += 1;
                }
                Ok(Some(Line::Event(e))) => {
                    valid += 1;
                    match self.course(&e.course, &mut new_courses) {
                        Some(OTHER_COURSE) => report.other_courses += 1,
                        Some(course) => {
                            let learner = self.learner(&e.learner);
                            facts.add(course, learner, &e);
                            report.events += 1;
                            batch_events += 1;
                        }
                        None => {
                            report.malformed += 1;
                            if report.malformed_lines.len() < LIST_MALFORMED {
                                report.malformed_lines.push(MalformedLine {
                                    line: report.lines,
                                    reason: "not an Open edX course id".into(),
                                });
                            }
                        }
                    }
                }
                Err(err) => {
                    report.malformed += 1;
                    if report.malformed_lines.len() < LIST_MALFORMED {
                        report.malformed_lines.push(MalformedLine {
                            line: report.lines,
                            reason: err.to_string(),
                        });
                    }
                }
            }
            // A file whose first lines hold no event at all is not a tracking log: stop before
            // anything is written.
            // Lines imported before were valid once: only a fresh start is sniffed.
            if skip_to == 0 && report.lines == SNIFF_LINES && valid == 0 {
                return Err(not_a_log());
            }
            if report.bytes - last_tick >= 4 << 20 {
                last_tick = report.bytes;
                progress(report.bytes);
            }
            if report.bytes - batch_start >= batch_bytes || facts.len() >= BATCH_FACTS {
                batch_bytes = (batch_bytes * 2).min(BATCH_BYTES);
                let batch = Batch {
                    start: batch_start,
                    facts: std::mem::take(&mut facts),
                    courses: std::mem::take(&mut new_courses),
                    bytes: report.bytes,
                    prefix: hasher.finalize_hex(),
                    lines: batch_lines,
                    events: batch_events,
                };
                (batch_lines, batch_events, batch_start) = (0, 0, report.bytes);
                if tx.blocking_send(Message::Batch(batch)).is_err() {
                    // The writer failed; it reports why.
                    return Ok(report);
                }
            }
        }
        if valid == 0 && report.malformed > 0 {
            return Err(not_a_log());
        }
        if report.bytes < skip_to {
            // A shorter copy of a file imported before: nothing of it is new.
            return Ok(report);
        }
        if batch_lines > 0 {
            let batch = Batch {
                start: batch_start,
                facts,
                courses: new_courses,
                bytes: report.bytes,
                prefix: hasher.finalize_hex(),
                lines: batch_lines,
                events: batch_events,
            };
            let _ = tx.blocking_send(Message::Batch(batch));
        }
        progress(report.bytes);
        Ok(report)
    }
}

/// The file's running hash, fed in blocks: BLAKE3 hashes a block of many kilobytes several times
/// faster than the same bytes given a line at a time.
#[derive(Default)]
struct Hashing {
    hasher: blake3::Hasher,
    pending: Vec<u8>,
}

impl Hashing {
    const BLOCK: usize = 256 << 10;

    fn update(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= Self::BLOCK {
            self.flushed();
        }
    }

    /// The hasher with every byte given so far.
    fn flushed(&mut self) -> &mut blake3::Hasher {
        if !self.pending.is_empty() {
            self.hasher.update(&self.pending);
            self.pending.clear();
        }
        &mut self.hasher
    }

    fn finalize_hex(&mut self) -> String {
        self.flushed().finalize().to_hex().to_string()
    }
}

/// Reads one line into `buf`, keeping at most `MAX_LINE` bytes of it, so a line of any length
/// costs bounded memory. Returns the bytes the line took, whether it ended with a newline (a last
/// line without one is left for the next import), and whether it was kept whole. The bytes of a
/// line too long to keep are given to `hasher` as they stream, once the line is known to end; the
/// caller hashes a whole line itself.
fn read_line(
    input: &mut impl BufRead,
    buf: &mut Vec<u8>,
    hasher: &mut Hashing,
) -> std::io::Result<(u64, bool, bool)> {
    let mut n = 0u64;
    // Once the line outgrows `buf`: the hash with everything read so far.
    let mut long: Option<blake3::Hasher> = None;
    loop {
        let chunk = match input.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((n, false, long.is_none()));
        }
        let (take, ended) = match chunk.iter().position(|b| *b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let part = &chunk[..take];
        match &mut long {
            Some(h) => {
                h.update(part);
            }
            None if buf.len() + take <= MAX_LINE => buf.extend_from_slice(part),
            None => {
                let mut h = hasher.flushed().clone();
                h.update(buf);
                h.update(part);
                buf.clear();
                long = Some(h);
            }
        }
        input.consume(take);
        n += take as u64;
        if ended {
            if let Some(h) = long {
                *hasher.flushed() = h;
                return Ok((n, true, false));
            }
            return Ok((n, true, true));
        }
    }
}

fn not_a_log() -> StoreError {
    StoreError::Invalid(ValidationErrors::single("file", "not-a-tracking-log"))
}

impl Store {
    /// Imports a tracking log. `open` is called twice (once for the file's head, once to read it);
    /// `progress` gets the bytes read so far from the reading thread.
    pub async fn import_tracking_log<F>(
        &self,
        label: &str,
        open: F,
        only: Option<&CourseId>,
        who: &Who,
        progress: std::sync::Arc<dyn Fn(u64) + Send + Sync>,
    ) -> Result<TrackingReport>
    where
        F: Fn() -> std::io::Result<Box<dyn Read + Send>> + Send + 'static,
    {
        let io = |e: std::io::Error| StoreError::Config(format!("reading {label}: {e}"));
        let mut head = Vec::with_capacity(HEAD_BYTES);
        open()
            .map_err(io)?
            .take(HEAD_BYTES as u64)
            .read_to_end(&mut head)
            .map_err(io)?;
        if head.is_empty() {
            return Err(not_a_log());
        }
        // A file is named by its first line, which stays as the LMS appends: the file imported
        // yesterday and today's longer copy of it are one file.
        let first = head
            .iter()
            .position(|b| *b == b'\n')
            .map_or(&head[..], |end| &head[..=end]);
        // An import for one course keeps only its events: it is another import of the file.
        let mut named = blake3::Hasher::new();
        named.update(first);
        if let Some(only) = only {
            named.update(b"\0").update(only.to_string().as_bytes());
        }
        let head = named.finalize().to_hex().to_string();
        let skip: Option<(i64, String)> =
            sqlx::query_as("SELECT bytes, prefix FROM tracking_imports WHERE head = $1")
                .bind(&head)
                .fetch_optional(&self.reader)
                .await?;
        let known: Vec<(i64, String)> = sqlx::query_as("SELECT id, course_key FROM courses")
            .fetch_all(&self.reader)
            .await?;
        let reader = Reader {
            key: self.learner_key().await?,
            now: self.now(),
            only: only.cloned(),
            skip: skip.map(|(b, p)| (b as u64, p)),
            courses: HashMap::new(),
            known: HashMap::new(),
            pseudonyms: HashMap::new(),
        };
        let ids: HashMap<CourseId, i64> = known
            .into_iter()
            .filter_map(|(id, key)| CourseId::parse(&key).ok().map(|k| (k, id)))
            .collect();
        let input = open().map_err(io)?;
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Message>(2);
        let owned_label = label.to_owned();
        let thread = std::thread::spawn(move || {
            let msg = match reader.run(input, owned_label, &tx, progress.as_ref()) {
                Ok(r) => Message::Done(r),
                Err(e) => Message::Failed(e),
            };
            let _ = tx.blocking_send(msg);
        });
        let mut by_index: HashMap<u32, i64> = HashMap::new();
        let mut new_courses = Vec::new();
        let mut batches = 0u64;
        let mut outcome: Result<TrackingReport> = Err(StoreError::Config(format!(
            "reading {label} stopped unexpectedly"
        )));
        while let Some(msg) = rx.recv().await {
            match msg {
                Message::Batch(b) => {
                    match self
                        .apply_batch(&head, label, b, &ids, &mut by_index, who)
                        .await
                    {
                        Ok(created) => {
                            new_courses.extend(created);
                            batches += 1;
                        }
                        Err(e) => {
                            outcome = Err(e);
                            break;
                        }
                    }
                }
                Message::Done(mut r) => {
                    r.new_courses = std::mem::take(&mut new_courses);
                    r.batches = batches;
                    outcome = Ok(r);
                }
                Message::Failed(e) => outcome = Err(e),
            }
        }
        drop(rx);
        let _ = tokio::task::spawn_blocking(move || thread.join()).await;
        outcome
    }

    /// Commits one batch with the file's progress, in one audited change. Returns the courses it
    /// created.
    async fn apply_batch(
        &self,
        head: &str,
        label: &str,
        b: Batch,
        ids: &HashMap<CourseId, i64>,
        by_index: &mut HashMap<u32, i64>,
        who: &Who,
    ) -> Result<Vec<String>> {
        let mut tx = self.write_locked(LOCK_TRACKING).await?;
        // Another import of the same file may have committed since this one read its progress:
        // then this batch is not the continuation it was read as, and nothing of it is added.
        let progress: Option<i64> =
            sqlx::query_scalar("SELECT bytes FROM tracking_imports WHERE head = $1")
                .bind(head)
                .fetch_optional(&mut *tx)
                .await?;
        if progress.unwrap_or(0) as u64 != b.start {
            return Err(StoreError::Invalid(ValidationErrors::single(
                "file",
                "tracking-log-busy",
            )));
        }
        let stamp = self.stamp();
        let mut created = Vec::new();
        for (idx, key) in &b.courses {
            let id = match ids.get(key) {
                Some(id) => *id,
                None => {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO courses (course_key, title, organization, partner_id, created_at, \
                         updated_at) VALUES ($1, $2, $3, NULL, $4, $4) RETURNING id",
                    )
                    .bind(key.to_string())
                    .bind(&key.course)
                    .bind(&key.org)
                    .bind(&stamp)
                    .fetch_one(&mut *tx)
                    .await?;
                    tx.audit(AuditEvent::new("course.create", "course", id).after(
                        serde_json::json!({ "course_key": key.to_string(), "from": label }),
                    ));
                    created.push(key.to_string());
                    id
                }
            };
            by_index.insert(*idx, id);
        }
        let course = |idx: u32| by_index.get(&idx).copied().expect("course of the batch");
        let weeks = BulkInsert::upsert(
            self.dialect(),
            "course_learner_weeks",
            &[
                ("course_id", Col::Int),
                ("learner", Col::Int),
                ("week", Col::Text),
                ("flags", Col::Int),
                ("forum_posts", Col::Int),
            ],
            3,
            &[("flags", Merge::Or), ("forum_posts", Merge::Add)],
        );
        // In the key's order: each page of the table's B-tree is then visited once per batch rather
        // than once per row, which matters once the table outgrows the page cache.
        let mut weeks_sorted: Vec<_> = b
            .facts
            .weeks
            .iter()
            .map(|(&(c, l, w), &v)| ((course(c), l, w), v))
            .collect();
        weeks_sorted.sort_unstable_by_key(|(k, _)| *k);
        let mut rows = weeks.rows(ROWS);
        let mut day = String::new();
        for ((c, l, w), (flags, posts)) in weeks_sorted {
            day.clear();
            let _ = write!(day, "{w}");
            rows.int(c)
                .int(l)
                .text(&day)
                .int(flags as i64)
                .int(posts as i64);
        }
        weeks.execute(&mut tx, rows, &[]).await?;
        let enrollments = BulkInsert::upsert(
            self.dialect(),
            "course_enrollments",
            &[
                ("course_id", Col::Int),
                ("learner", Col::Int),
                ("at", Col::Text),
                ("enrolled", Col::Int),
                ("referral", Col::Text),
            ],
            4,
            &[],
        );
        let mut enrollments_sorted: Vec<_> = b.facts.enrollments.iter().collect();
        // Stable: of an event the log repeats, the first one's referral code is kept.
        enrollments_sorted.sort_by_key(|e| (course(e.course), e.learner, e.at, e.enrolled));
        // One row per key: a log may repeat an event.
        enrollments_sorted.dedup_by_key(|e| (e.course, e.learner, e.at, e.enrolled));
        let mut rows = enrollments.rows(ROWS);
        for e in enrollments_sorted {
            rows.int(course(e.course))
                .int(e.learner)
                .text(&crate::format_time(e.at))
                .int(i64::from(e.enrolled))
                .opt_text(e.referral.as_deref());
        }
        enrollments.execute(&mut tx, rows, &[]).await?;
        let milestones = BulkInsert::upsert(
            self.dialect(),
            "course_milestones",
            &[
                ("course_id", Col::Int),
                ("learner", Col::Int),
                ("kind", Col::Text),
                ("at", Col::Text),
            ],
            3,
            &[("at", Merge::Min)],
        );
        let mut rows = milestones.rows(ROWS);
        for (&(c, l, kind), at) in &b.facts.milestones {
            let kind = match kind {
                MilestoneKind::Completion => "completion",
                MilestoneKind::Certificate => "certificate",
            };
            rows.int(course(c))
                .int(l)
                .text(kind)
                .text(&crate::format_time(*at));
        }
        milestones.execute(&mut tx, rows, &[]).await?;
        // The courses this batch adds to are as current as this import.
        let mut touched: Vec<i64> = b
            .facts
            .weeks
            .keys()
            .map(|k| k.0)
            .chain(b.facts.enrollments.iter().map(|e| e.course))
            .chain(b.facts.milestones.keys().map(|k| k.0))
            .collect::<std::collections::HashSet<u32>>()
            .into_iter()
            .map(course)
            .collect();
        touched.sort_unstable();
        if !touched.is_empty() {
            let mut q = crate::sql::Sql::new("UPDATE courses SET data_updated_at = ");
            q.bind(stamp.as_str())
                .push(" WHERE id IN ")
                .bind_list(&touched);
            q.query().execute(&mut *tx).await?;
        }
        sqlx::query(
            "INSERT INTO tracking_imports (head, label, bytes, prefix, lines, events, created_at, \
             updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (head) DO UPDATE SET \
             label = excluded.label, bytes = excluded.bytes, prefix = excluded.prefix, \
             lines = tracking_imports.lines + excluded.lines, \
             events = tracking_imports.events + excluded.events, updated_at = excluded.updated_at",
        )
        .bind(head)
        .bind(label)
        .bind(b.bytes as i64)
        .bind(&b.prefix)
        .bind(b.lines as i64)
        .bind(b.events as i64)
        .bind(&stamp)
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("course.import", "tracking_import", b.bytes as i64).after(
                    serde_json::json!({
                        "from": label,
                        "up_to_byte": b.bytes,
                        "lines": b.lines,
                        "events": b.events,
                    }),
                ),
            ],
        )
        .await?;
        Ok(created)
    }
}
