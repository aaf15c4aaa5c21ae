//! Atom feeds (RFC 4287), written by `atom_syndication`, which escapes every text. One writer for
//! every feed: a body's decisions (governance) and groups' updates. Feeds name people by display
//! name only, never by e-mail address.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::{DateTime, Utc};

/// The feed itself: its title in the reader's language, its id and where it lives.
pub struct Head {
    pub title: String,
    /// The page the feed follows (also the feed's id).
    pub page: String,
    /// The feed's own address.
    pub feed: String,
    pub lang: String,
}

/// One entry. `id` is the entry's permanent address.
pub struct Item {
    pub title: String,
    pub id: String,
    pub updated: DateTime<Utc>,
    pub author: String,
    pub summary: Option<String>,
    /// Plain text shown as the entry's body.
    pub content: Option<String>,
}

fn link(href: String, rel: &str) -> Link {
    Link {
        href,
        rel: rel.into(),
        ..Default::default()
    }
}

/// The feed as XML; it is as new as its newest entry (the epoch when it has none).
pub fn write(head: Head, items: Vec<Item>) -> String {
    let updated = items
        .iter()
        .map(|i| i.updated.fixed_offset())
        .max()
        .unwrap_or_else(FixedDateTime::default);
    let entries = items
        .into_iter()
        .map(|i| Entry {
            title: Text::plain(i.title),
            links: vec![link(i.id.clone(), "alternate")],
            id: i.id,
            updated: i.updated.fixed_offset(),
            authors: vec![Person {
                name: i.author,
                ..Default::default()
            }],
            summary: i.summary.map(Text::plain),
            content: i.content.map(|value| Content {
                value: Some(value),
                content_type: Some("text".into()),
                ..Default::default()
            }),
            ..Default::default()
        })
        .collect();
    Feed {
        title: Text::plain(head.title),
        id: head.page.clone(),
        links: vec![link(head.feed, "self"), link(head.page, "alternate")],
        updated,
        entries,
        lang: Some(head.lang),
        ..Default::default()
    }
    .to_string()
}
