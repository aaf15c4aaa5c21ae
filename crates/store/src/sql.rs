//! A small builder for queries whose shape depends on the request (optional filters, IN lists): it numbers
//! `$N` placeholders, which both SQLite and PostgreSQL accept, and keeps every value a bound parameter.

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::Any;
use std::fmt::Write as _;

#[derive(Debug, Clone)]
pub enum Value {
    Int(i64),
    Text(String),
    OptInt(Option<i64>),
}

#[derive(Debug, Default, Clone)]
pub struct Sql {
    text: String,
    binds: Vec<Value>,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Self {
            text: text.into(),
            binds: vec![],
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    pub fn bind(&mut self, v: impl Into<Value>) -> &mut Self {
        self.binds.push(v.into());
        self.text.push_str(&format!("${}", self.binds.len()));
        self
    }

    /// `($1, $2, …)` for a non-empty list.
    pub fn bind_list<T: Into<Value> + Clone>(&mut self, items: &[T]) -> &mut Self {
        self.text.push('(');
        for (i, v) in items.iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(v.clone());
        }
        self.text.push(')');
        self
    }

    /// Appends another fragment, renumbering its placeholders after ours.
    pub fn extend(&mut self, other: &Sql) -> &mut Self {
        let offset = self.binds.len();
        let mut text = String::new();
        let mut chars = other.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '$' {
                let mut n = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    n.push(*d);
                    chars.next();
                }
                match n.parse::<usize>() {
                    Ok(i) => text.push_str(&format!("${}", i + offset)),
                    Err(_) => text.push('$'),
                }
            } else {
                text.push(c);
            }
        }
        self.text.push_str(&text);
        self.binds.extend(other.binds.iter().cloned());
        self
    }

    pub fn query(&self) -> Query<'_, Any, AnyArguments<'_>> {
        self.binds.iter().fold(sqlx::query(&self.text), bind)
    }
}

/// Binds one value as the query's next parameter.
fn bind<'q>(q: Query<'q, Any, AnyArguments<'q>>, v: &'q Value) -> Query<'q, Any, AnyArguments<'q>> {
    match v {
        Value::Int(i) => q.bind(*i),
        Value::Text(s) => q.bind(s.as_str()),
        Value::OptInt(i) => q.bind(*i),
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::OptInt(v)
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.into())
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}

/// How an upsert combines a column's stored value with the new row's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Merge {
    /// Bitwise or (flags).
    Or,
    Add,
    /// The smaller (the earliest time, as text in RFC 3339).
    Min,
}

impl Merge {
    fn combine(self, old: &str, new: &str) -> String {
        match self {
            Merge::Or => format!("{old} | {new}"),
            Merge::Add => format!("{old} + {new}"),
            Merge::Min => format!("CASE WHEN {new} < {old} THEN {new} ELSE {old} END"),
        }
    }
}

/// A bulk statement's column: how its values travel and what PostgreSQL casts them to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Col {
    Int,
    Text,
}

impl Col {
    fn pg(self) -> &'static str {
        match self {
            Col::Int => "bigint",
            Col::Text => "text",
        }
    }
}

/// Bulk inserts with one parameter per column, not per value: binding every value through the
/// `Any` driver was the cost of bulk writes (measured on the git import, see docs/performance.md).
/// On SQLite a statement's rows travel as one JSON array of arrays (`json_each`); on PostgreSQL
/// each column travels as an array literal and `unnest` zips them, which the server reads about a
/// fifth faster than the same rows as JSON (tracking-log import). Used by the git import and the
/// tracking-log import.
#[derive(Clone)]
pub(crate) struct BulkInsert {
    sql: String,
    dialect: crate::Dialect,
    columns: usize,
}

impl BulkInsert {
    /// `INSERT INTO {into} SELECT …` over the rows, then `tail` (an `ON CONFLICT` clause).
    pub(crate) fn new(dialect: crate::Dialect, into: &str, cols: &[Col], tail: &str) -> Self {
        Self::shared(dialect, into, &[], cols, tail)
    }

    /// As `new`, with `into`'s first columns the same for every row of a statement: bound once
    /// each (`execute`'s `shared`), not repeated in each row; the rows hold the columns after
    /// them.
    pub(crate) fn shared(
        dialect: crate::Dialect,
        into: &str,
        shared: &[Col],
        cols: &[Col],
        tail: &str,
    ) -> Self {
        let first_shared = match dialect {
            crate::Dialect::Sqlite => 2,
            crate::Dialect::Postgres => cols.len() + 1,
        };
        let shared: String = shared
            .iter()
            .enumerate()
            .map(|(i, c)| match dialect {
                crate::Dialect::Sqlite => format!("${}, ", i + first_shared),
                crate::Dialect::Postgres => format!("${}::{}, ", i + first_shared, c.pg()),
            })
            .collect();
        let select = match dialect {
            crate::Dialect::Sqlite => {
                let fields: Vec<String> = (0..cols.len())
                    .map(|i| format!("json_extract(value, '$[{i}]')"))
                    .collect();
                // `WHERE true`: SQLite's parser needs it before an upsert clause on INSERT … SELECT.
                format!(
                    "SELECT {shared}{} FROM json_each($1) WHERE true",
                    fields.join(", ")
                )
            }
            crate::Dialect::Postgres => {
                // One `unnest` per column in the select list: they advance in step, and the
                // rows stream to the insert instead of being gathered first as `unnest(a, b, …)`
                // in FROM gathers them.
                let arrays: Vec<String> = cols
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("unnest(${}::text::{}[])", i + 1, c.pg()))
                    .collect();
                format!("SELECT {shared}{}", arrays.join(", "))
            }
        };
        Self {
            sql: format!("INSERT INTO {into} {select} {tail}"),
            dialect,
            columns: cols.len(),
        }
    }

    /// Inserts rows into `table` (its `columns` in the rows' order, the first `key` of them its
    /// primary key); a row whose key is there already updates the columns of `merge`, or does
    /// nothing when it is empty. (PostgreSQL's `MERGE` was tried in its place and took more of the
    /// server's time on the tracking-log import.)
    pub(crate) fn upsert(
        dialect: crate::Dialect,
        table: &str,
        columns: &[(&str, Col)],
        key: usize,
        merge: &[(&str, Merge)],
    ) -> Self {
        let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
        let cols: Vec<Col> = columns.iter().map(|(_, c)| *c).collect();
        let set: Vec<String> = merge
            .iter()
            .map(|(c, m)| {
                format!(
                    "{c} = {}",
                    m.combine(&format!("{table}.{c}"), &format!("excluded.{c}"))
                )
            })
            .collect();
        let action = if set.is_empty() {
            "DO NOTHING".to_string()
        } else {
            format!("DO UPDATE SET {}", set.join(", "))
        };
        let tail = format!("ON CONFLICT ({}) {action}", names[..key].join(", "));
        Self::new(
            dialect,
            &format!("{table} ({})", names.join(", ")),
            &cols,
            &tail,
        )
    }

    /// An empty set of rows for this statement, `per_statement` rows to a statement.
    pub(crate) fn rows(&self, per_statement: usize) -> Rows {
        Rows {
            dialect: self.dialect,
            columns: self.columns,
            per_statement: per_statement.max(1),
            chunks: Vec::new(),
            cell: 0,
        }
    }

    /// Inserts `rows` with the shared columns' values; returns how many rows were written (not
    /// those the `tail` skipped).
    pub(crate) async fn execute(
        &self,
        conn: &mut sqlx::AnyConnection,
        rows: Rows,
        shared: &[Value],
    ) -> crate::Result<u64> {
        debug_assert_eq!(rows.cell, 0, "a row left unfinished");
        let mut written = 0;
        for chunk in rows.chunks {
            let query = match chunk.text {
                Text::Json(mut json) => {
                    json.push(']');
                    sqlx::query(&self.sql).bind(json)
                }
                Text::Columns(columns) => {
                    columns
                        .into_iter()
                        .fold(sqlx::query(&self.sql), |q, mut c| {
                            c.push('}');
                            q.bind(c)
                        })
                }
            };
            written += shared
                .iter()
                .fold(query, bind)
                .execute(&mut *conn)
                .await?
                .rows_affected();
        }
        Ok(written)
    }
}

/// The rows of a `BulkInsert`, written cell by cell in the statement's column order.
pub(crate) struct Rows {
    dialect: crate::Dialect,
    columns: usize,
    per_statement: usize,
    chunks: Vec<Chunk>,
    /// The next cell's column in its row.
    cell: usize,
}

struct Chunk {
    rows: usize,
    text: Text,
}

/// A statement's rows as it binds them: an unclosed JSON array of arrays, or each column an
/// unclosed PostgreSQL array literal.
enum Text {
    Json(String),
    Columns(Vec<String>),
}

impl Rows {
    pub(crate) fn int(&mut self, v: i64) -> &mut Self {
        self.cell(|out, _| {
            let _ = write!(out, "{v}");
        })
    }

    pub(crate) fn text(&mut self, v: &str) -> &mut Self {
        self.cell(|out, dialect| {
            out.push('"');
            match dialect {
                crate::Dialect::Sqlite => json_escape(out, v),
                crate::Dialect::Postgres => {
                    for ch in v.chars() {
                        if ch == '"' || ch == '\\' {
                            out.push('\\');
                        }
                        out.push(ch);
                    }
                }
            }
            out.push('"');
        })
    }

    pub(crate) fn null(&mut self) -> &mut Self {
        self.cell(|out, dialect| {
            out.push_str(match dialect {
                crate::Dialect::Sqlite => "null",
                crate::Dialect::Postgres => "NULL",
            });
        })
    }

    pub(crate) fn opt_text(&mut self, v: Option<&str>) -> &mut Self {
        match v {
            Some(v) => self.text(v),
            None => self.null(),
        }
    }

    /// Writes the next cell: a row's first cell opens the row (and a new statement when the last
    /// is full), its last closes it.
    fn cell(&mut self, write: impl FnOnce(&mut String, crate::Dialect)) -> &mut Self {
        let (dialect, columns, col) = (self.dialect, self.columns, self.cell);
        let full = self
            .chunks
            .last()
            .is_none_or(|c| c.rows == self.per_statement);
        if col == 0 && full {
            self.chunks.push(Chunk {
                rows: 0,
                text: match dialect {
                    crate::Dialect::Sqlite => Text::Json(String::from("[")),
                    crate::Dialect::Postgres => Text::Columns(vec![String::from("{"); columns]),
                },
            });
        }
        let chunk = self.chunks.last_mut().expect("a chunk was opened");
        let first_row = chunk.rows == 0;
        let out = match &mut chunk.text {
            Text::Json(json) => {
                if col == 0 {
                    json.push_str(if first_row { "[" } else { ",[" });
                } else {
                    json.push(',');
                }
                json
            }
            Text::Columns(cols) => {
                let out = &mut cols[col];
                if !first_row {
                    out.push(',');
                }
                out
            }
        };
        write(out, dialect);
        if col + 1 == columns {
            if let Text::Json(json) = &mut chunk.text {
                json.push(']');
            }
            chunk.rows += 1;
            self.cell = 0;
        } else {
            self.cell = col + 1;
        }
        self
    }
}

/// The inside of a JSON string.
fn json_escape(out: &mut String, v: &str) {
    for ch in v.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Dialect;

    const TRICKY: &str = "a \"q\" \\ {b},c NULL\n\u{1}é";

    fn texts(dialect: Dialect) -> Vec<Text> {
        let insert = BulkInsert::new(
            dialect,
            "t (a, b, c)",
            &[Col::Int, Col::Text, Col::Text],
            "",
        );
        let mut rows = insert.rows(2);
        for i in 0..5 {
            rows.int(i).text(TRICKY).opt_text(None);
        }
        assert_eq!(rows.cell, 0);
        assert_eq!(
            rows.chunks.iter().map(|c| c.rows).collect::<Vec<_>>(),
            [2, 2, 1]
        );
        rows.chunks.into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn sqlite_rows_are_json_arrays_of_rows() {
        for (i, text) in texts(Dialect::Sqlite).into_iter().enumerate() {
            let Text::Json(mut json) = text else {
                panic!("SQLite rows travel as JSON")
            };
            json.push(']');
            let rows: Vec<(i64, String, Option<String>)> =
                serde_json::from_str(&json).expect("valid JSON");
            assert_eq!(rows[0], (2 * i as i64, TRICKY.to_string(), None));
        }
    }

    /// PostgreSQL's array literal syntax: elements in double quotes with `"` and `\` escaped,
    /// an unquoted NULL for a null.
    #[test]
    fn postgres_rows_are_one_array_literal_per_column() {
        let quoted = "\"a \\\"q\\\" \\\\ {b},c NULL\n\u{1}é\"";
        let texts = texts(Dialect::Postgres);
        let Text::Columns(first) = &texts[0] else {
            panic!("PostgreSQL rows travel as columns")
        };
        assert_eq!(first[0], "{0,1");
        assert_eq!(first[1], format!("{{{quoted},{quoted}"));
        assert_eq!(first[2], "{NULL,NULL");
        let Text::Columns(last) = &texts[2] else {
            panic!("columns")
        };
        assert_eq!(last[0], "{4");
    }

    #[test]
    fn upserts_name_their_key_and_merges() {
        let cols = [("k", Col::Int), ("n", Col::Int), ("at", Col::Text)];
        let merge = [("n", Merge::Add), ("at", Merge::Min)];
        let sqlite = BulkInsert::upsert(Dialect::Sqlite, "t", &cols, 1, &merge).sql;
        assert!(sqlite.ends_with(
            "ON CONFLICT (k) DO UPDATE SET n = t.n + excluded.n, at = CASE WHEN excluded.at < \
             t.at THEN excluded.at ELSE t.at END"
        ));
        let pg = BulkInsert::upsert(Dialect::Postgres, "t", &cols, 1, &[]).sql;
        assert_eq!(
            pg,
            "INSERT INTO t (k, n, at) SELECT unnest($1::text::bigint[]), \
             unnest($2::text::bigint[]), unnest($3::text::text[]) ON CONFLICT (k) DO NOTHING"
        );
    }
}
