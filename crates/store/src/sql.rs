//! A small builder for queries whose shape depends on the request (optional filters, IN lists): it numbers
//! `$N` placeholders, which both SQLite and PostgreSQL accept, and keeps every value a bound parameter.

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::Any;

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

/// Bulk inserts with one parameter per statement: the rows travel as one JSON array bound as `$1`,
/// each row an array of the columns in order, and the database unpacks them. Binding every value
/// through the `Any` driver was the cost of bulk writes (measured on the git import, see
/// docs/performance.md). Used by the git import and the tracking-log import.
pub(crate) struct JsonRows(String);

impl JsonRows {
    /// `INSERT INTO {into} SELECT …` over the array's rows, then `tail` (an `ON CONFLICT` clause).
    /// `casts` holds each column's PostgreSQL cast (`""` for text).
    pub(crate) fn insert(dialect: crate::Dialect, into: &str, casts: &[&str], tail: &str) -> Self {
        Self::insert_shared(dialect, into, &[], casts, tail)
    }

    /// As `insert`, with `into`'s first columns the same for every row of a statement: bound once
    /// as `$2`, `$3`… (`shared` holds their PostgreSQL casts), not repeated in each row for the
    /// database to unpack (`execute_shared`); the rows hold the columns after them.
    pub(crate) fn insert_shared(
        dialect: crate::Dialect,
        into: &str,
        shared: &[&str],
        casts: &[&str],
        tail: &str,
    ) -> Self {
        let shared: Vec<String> = shared
            .iter()
            .enumerate()
            .map(|(i, c)| match dialect {
                crate::Dialect::Sqlite => format!("${}, ", i + 2),
                crate::Dialect::Postgres => format!("${}{c}, ", i + 2),
            })
            .collect();
        let shared = shared.concat();
        let select = match dialect {
            crate::Dialect::Sqlite => {
                let fields: Vec<String> = (0..casts.len())
                    .map(|i| format!("json_extract(value, '$[{i}]')"))
                    .collect();
                // `WHERE true`: SQLite's parser needs it before an upsert clause on INSERT … SELECT.
                format!(
                    "SELECT {shared}{} FROM json_each($1) WHERE true",
                    fields.join(", ")
                )
            }
            crate::Dialect::Postgres => {
                let fields: Vec<String> = casts
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("(e->>{i}){c}"))
                    .collect();
                format!(
                    "SELECT {shared}{} FROM jsonb_array_elements($1::text::jsonb) AS e",
                    fields.join(", ")
                )
            }
        };
        Self(format!("INSERT INTO {into} {select} {tail}"))
    }

    /// Inserts `rows` (each the text of a JSON array), `per_statement` at a time; returns how many
    /// rows were written (not those the `tail` skipped).
    pub(crate) async fn execute(
        &self,
        conn: &mut sqlx::AnyConnection,
        rows: &[String],
        per_statement: usize,
    ) -> crate::Result<u64> {
        self.execute_shared(conn, rows, per_statement, &[]).await
    }

    /// `execute` for a statement made by `insert_shared`, with the shared columns' values.
    pub(crate) async fn execute_shared(
        &self,
        conn: &mut sqlx::AnyConnection,
        rows: &[String],
        per_statement: usize,
        shared: &[Value],
    ) -> crate::Result<u64> {
        let mut written = 0;
        for chunk in rows.chunks(per_statement) {
            let mut json =
                String::with_capacity(chunk.iter().map(|r| r.len() + 1).sum::<usize>() + 2);
            json.push('[');
            for (i, r) in chunk.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                json.push_str(r);
            }
            json.push(']');
            written += shared
                .iter()
                .fold(sqlx::query(&self.0).bind(json), bind)
                .execute(&mut *conn)
                .await?
                .rows_affected();
        }
        Ok(written)
    }
}
