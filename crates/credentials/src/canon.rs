//! JSON-LD → RDF (oxjsonld) → RDFC-1.0 canonical N-Quads (rdf-canon), with Digital Bazaar's "safe mode".
//!
//! JSON-LD silently drops keys its context does not define, and values that do not expand to an IRI. A
//! signature over the RDF would then not cover what the JSON shows, so, like jsonld.js with `safe: true`,
//! such documents are refused. oxjsonld has no safe mode, so it is checked here by parsing twice: once as is,
//! and once with every property value replaced by a unique marker; a marker missing from the second parse
//! names the key that was dropped.

use crate::contexts;
use crate::error::{Error, Result};
use oxjsonld::JsonLdParser;
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::fmt::Write as _;

/// JSON-LD 1.1 keywords; any other key starting with `@` is ignored by expansion, hence refused.
const KEYWORDS: [&str; 23] = [
    "@base",
    "@container",
    "@context",
    "@direction",
    "@graph",
    "@id",
    "@import",
    "@included",
    "@index",
    "@json",
    "@language",
    "@list",
    "@nest",
    "@none",
    "@prefix",
    "@propagate",
    "@protected",
    "@reverse",
    "@set",
    "@type",
    "@value",
    "@version",
    "@vocab",
];

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// Canonical N-Quads (RDFC-1.0, SHA-256) of a JSON-LD document, every quad followed by `\n`.
///
/// Only the vendored contexts can be loaded. Fails if expansion would drop a property or an IRI.
pub fn canonicalize(doc: &Value) -> Result<String> {
    let quads = to_rdf(doc)?;
    check_safe(doc, &quads)?;
    let dataset = to_oxrdf02(&quads)?;
    let options = rdf_canon::CanonicalizationOptions {
        // Bounds the work an adversarial document with many blank nodes can cause (verify runs on uploads).
        hndq_call_limit: Some(10_000),
    };
    rdf_canon::canonicalize_with::<sha2::Sha256>(&dataset, &options)
        .map_err(|e| Error::Canonicalization(e.to_string()))
}

fn to_rdf(doc: &Value) -> Result<Vec<oxrdf::Quad>> {
    let bytes = serde_json::to_vec(doc).map_err(|e| Error::InvalidJson(e.to_string()))?;
    JsonLdParser::new()
        .for_slice(&bytes)
        .with_load_document_callback(contexts::load)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Error::JsonLd(e.to_string()))
}

/// A property value replaced by a marker, remembered to explain a failure.
struct Tag {
    token: String,
    path: String,
    value: String,
}

fn check_safe(doc: &Value, quads: &[oxrdf::Quad]) -> Result<()> {
    let mut tags = Vec::new();
    let mut types = Vec::new();
    let tagged = tag(doc, "", &mut tags, &mut types)?;
    let tagged_quads = to_rdf(&tagged)?;

    let mut literal_text = String::new();
    let mut iri_tokens = HashSet::new();
    for q in &tagged_quads {
        match &q.object {
            oxrdf::Term::NamedNode(n) => {
                iri_tokens.insert(n.as_str().to_owned());
            }
            oxrdf::Term::Literal(l) => {
                literal_text.push_str(l.value());
                literal_text.push('\n');
            }
            _ => {}
        }
    }
    let mut real_iris = HashSet::new();
    let mut real_types = HashSet::new();
    for q in quads {
        if let oxrdf::Term::NamedNode(n) = &q.object {
            real_iris.insert(n.as_str());
            if q.predicate.as_str() == RDF_TYPE {
                real_types.insert(n.as_str());
            }
        }
    }
    for t in &tags {
        if iri_tokens.contains(&t.token) {
            // The value is read as an IRI: as is (`@type: @id`) or as a vocabulary term (`@type: @vocab`).
            // A relative IRI is dropped from the RDF, so it must show up in the real parse.
            let found = real_iris.contains(t.value.as_str())
                || real_iris.iter().any(|iri| ends_with_term(iri, &t.value));
            if !found {
                return Err(Error::NotAnIri {
                    path: t.path.clone(),
                    value: t.value.clone(),
                });
            }
        } else if !literal_text.contains(&t.token) {
            return Err(Error::UndefinedProperty {
                path: t.path.clone(),
            });
        }
    }
    for (path, t) in &types {
        let found =
            real_types.contains(t.as_str()) || real_types.iter().any(|iri| ends_with_term(iri, t));
        if !found {
            return Err(Error::UndefinedProperty {
                path: format!("{path} = \"{t}\" (type)"),
            });
        }
    }
    Ok(())
}

/// `iri` is `term` expanded against a vocabulary or prefix (`…#term`, `…/term`, `prefix:term`).
fn ends_with_term(iri: &str, term: &str) -> bool {
    iri.len() > term.len()
        && iri.ends_with(term)
        && matches!(
            iri.as_bytes()[iri.len() - term.len() - 1],
            b'#' | b'/' | b':'
        )
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn is_absolute_iri_or_blank(v: &str) -> bool {
    v.starts_with("_:") || oxrdf::NamedNode::new(v).is_ok()
}

/// Copy of `v` with every property value replaced by a marker. `id` values are checked to be absolute IRIs,
/// `type` values are collected to be checked against the real parse; neither is replaced, since they steer
/// expansion (type-scoped contexts) and node identity.
fn tag(
    v: &Value,
    path: &str,
    tags: &mut Vec<Tag>,
    types: &mut Vec<(String, String)>,
) -> Result<Value> {
    Ok(match v {
        Value::Object(map) => {
            let is_value_object = map.contains_key("@value");
            let mut out = Map::new();
            for (k, child) in map {
                let child_path = join(path, k);
                let new = match k.as_str() {
                    "@context" => child.clone(),
                    "id" | "@id" => {
                        for s in strings(child) {
                            if !is_absolute_iri_or_blank(s) {
                                return Err(Error::NotAnIri {
                                    path: child_path,
                                    value: s.to_owned(),
                                });
                            }
                        }
                        child.clone()
                    }
                    "type" | "@type" => {
                        if !is_value_object {
                            types
                                .extend(strings(child).map(|s| (child_path.clone(), s.to_owned())));
                        }
                        child.clone()
                    }
                    "@value" => tag_scalar(child, &child_path, tags),
                    "@graph" | "@list" | "@set" | "@included" | "@nest" | "@reverse" => {
                        tag(child, &child_path, tags, types)?
                    }
                    k if k.starts_with('@') => {
                        if !KEYWORDS.contains(&k) {
                            return Err(Error::UndefinedProperty { path: child_path });
                        }
                        child.clone()
                    }
                    _ => tag(child, &child_path, tags, types)?,
                };
                out.insert(k.clone(), new);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| tag(item, &format!("{path}[{i}]"), tags, types))
                .collect::<Result<_>>()?,
        ),
        scalar => tag_scalar(scalar, path, tags),
    })
}

fn tag_scalar(v: &Value, path: &str, tags: &mut Vec<Tag>) -> Value {
    let value = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        // null removes the property in JSON-LD: nothing is signed and nothing is shown.
        Value::Null | Value::Array(_) | Value::Object(_) => return v.clone(),
    };
    let mut token = String::new();
    // Fixed width: no marker is a prefix of another.
    let _ = write!(token, "urn:agora-safe-mode:{:09}", tags.len());
    tags.push(Tag {
        token: token.clone(),
        path: path.to_owned(),
        value,
    });
    Value::String(token)
}

fn strings(v: &Value) -> impl Iterator<Item = &str> {
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    items.into_iter().filter_map(Value::as_str)
}

/// rdf-canon is built on oxrdf 0.2, oxjsonld on oxrdf 0.3: copy the terms across.
fn to_oxrdf02(quads: &[oxrdf::Quad]) -> Result<oxrdf02::Dataset> {
    let bad = |e: &dyn std::fmt::Display| Error::Canonicalization(e.to_string());
    let blank = |b: &oxrdf::BlankNode| oxrdf02::BlankNode::new(b.as_str()).map_err(|e| bad(&e));
    let named = |n: &oxrdf::NamedNode| oxrdf02::NamedNode::new(n.as_str()).map_err(|e| bad(&e));
    let mut out = oxrdf02::Dataset::new();
    for q in quads {
        let subject: oxrdf02::Subject = match &q.subject {
            oxrdf::NamedOrBlankNode::NamedNode(n) => named(n)?.into(),
            oxrdf::NamedOrBlankNode::BlankNode(b) => blank(b)?.into(),
        };
        let predicate = named(&q.predicate)?;
        let object: oxrdf02::Term = match &q.object {
            oxrdf::Term::NamedNode(n) => named(n)?.into(),
            oxrdf::Term::BlankNode(b) => blank(b)?.into(),
            oxrdf::Term::Literal(l) => match l.language() {
                Some(lang) => oxrdf02::Literal::new_language_tagged_literal(l.value(), lang)
                    .map_err(|e| bad(&e))?
                    .into(),
                None => oxrdf02::Literal::new_typed_literal(
                    l.value(),
                    oxrdf02::NamedNode::new(l.datatype().as_str()).map_err(|e| bad(&e))?,
                )
                .into(),
            },
            #[allow(unreachable_patterns)]
            // RDF 1.2 triple terms, if oxrdf's `rdf-12` feature is ever on
            _ => {
                return Err(Error::Canonicalization(
                    "RDF 1.2 triple terms are not supported".into(),
                ))
            }
        };
        let graph = match &q.graph_name {
            oxrdf::GraphName::DefaultGraph => oxrdf02::GraphName::DefaultGraph,
            oxrdf::GraphName::NamedNode(n) => named(n)?.into(),
            oxrdf::GraphName::BlankNode(b) => blank(b)?.into(),
        };
        out.insert(&oxrdf02::Quad::new(subject, predicate, object, graph));
    }
    Ok(out)
}
