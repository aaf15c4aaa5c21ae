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
        let mut q = sqlx::query(&self.text);
        for b in &self.binds {
            q = match b {
                Value::Int(i) => q.bind(*i),
                Value::Text(s) => q.bind(s.as_str()),
                Value::OptInt(i) => q.bind(*i),
            };
        }
        q
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
