//! Baking: embedding a signed credential into the badge image (Open Badges 3.0, "Baked badges"), and
//! getting it back out of an uploaded image on the /verify page.
//!
//! PNG: one `iTXt` chunk with keyword `openbadgecredential` (uncompressed, no language) right after `IHDR`.
//! SVG: `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"` on the root element and
//! `<openbadges:credential><![CDATA[…]]></openbadges:credential>` as its first child.
//! An image holds at most one credential, so baking an already baked image is refused.

use crate::error::{Error, Result};
use std::io::Read as _;

const OB_NAMESPACE: &str = "https://purl.imsglobal.org/ob/v3p0";
const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
const PNG_KEYWORD: &[u8] = b"openbadgecredential";
/// Refuse to inflate compressed credentials beyond this (a credential is a few KiB).
const MAX_CREDENTIAL: u64 = 4 * 1024 * 1024;

fn err(msg: impl Into<String>) -> Error {
    Error::Baking(msg.into())
}

/// The SVG with the credential embedded.
pub fn bake_svg(svg: &str, credential_json: &str) -> Result<String> {
    if credential_json.contains("]]>") {
        return Err(err(
            "the credential contains `]]>`, which cannot be put in a CDATA section",
        ));
    }
    if find_credential_element(svg).is_some() {
        return Err(err("the SVG already contains a credential"));
    }
    let (start, end) = root_start_tag(svg)?;
    let tag = &svg[start..end];
    let (open, self_closing) = match tag.strip_suffix("/>") {
        Some(open) => (open.trim_end(), true),
        None => (&tag[..tag.len() - 1], false),
    };
    let mut out = String::with_capacity(svg.len() + credential_json.len() + 160);
    out.push_str(&svg[..start]);
    out.push_str(open);
    match namespace_prefix(tag) {
        Some(p) if p == "openbadges" => {}
        _ if tag.contains("xmlns:openbadges") => {
            return Err(err(
                "the SVG binds the `openbadges` prefix to another namespace",
            ));
        }
        _ => {
            out.push_str(" xmlns:openbadges=\"");
            out.push_str(OB_NAMESPACE);
            out.push('"');
        }
    }
    out.push('>');
    out.push_str("<openbadges:credential><![CDATA[");
    out.push_str(credential_json);
    out.push_str("]]></openbadges:credential>");
    if self_closing {
        out.push_str("</svg>");
    }
    out.push_str(&svg[end..]);
    Ok(out)
}

/// The credential embedded in an SVG (the text of its `credential` element in the OB 3.0 namespace).
pub fn extract_from_svg(svg: &str) -> Result<String> {
    // XML parsers skip comments; so must we, or a credential inside a comment would be read first.
    let uncommented = strip_comments(svg)?;
    let svg = uncommented.as_str();
    let (prefix, content_start) = find_credential_element(svg)
        .ok_or_else(|| err("the SVG contains no Open Badges 3.0 credential"))?;
    let close = format!("</{prefix}:credential");
    let len = svg[content_start..]
        .find(&close)
        .ok_or_else(|| err("the SVG's credential element is not closed"))?;
    let content = &svg[content_start..content_start + len];
    let mut text = String::new();
    let mut rest = content;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = after
                .find("]]>")
                .ok_or_else(|| err("unterminated CDATA section"))?;
            text.push_str(&after[..end]);
            rest = &after[end + 3..];
        } else {
            let end = rest.find("<![CDATA[").unwrap_or(rest.len());
            text.push_str(&unescape_xml(&rest[..end])?);
            rest = &rest[end..];
        }
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(err("the SVG's credential element is empty"));
    }
    Ok(text.to_owned())
}

/// (prefix, byte offset just after the start tag) of the credential element, if the SVG has one.
/// The SVG without its `<!-- … -->` comments (CDATA sections, where `<!--` is text, are kept).
fn strip_comments(svg: &str) -> Result<String> {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    loop {
        let comment = rest.find("<!--");
        let cdata = rest.find("<![CDATA[");
        match (comment, cdata) {
            (Some(c), Some(d)) if d < c => {
                let end = rest[d..]
                    .find("]]>")
                    .ok_or_else(|| err("an SVG CDATA section is not closed"))?;
                out.push_str(&rest[..d + end + 3]);
                rest = &rest[d + end + 3..];
            }
            (Some(c), _) => {
                out.push_str(&rest[..c]);
                let end = rest[c + 4..]
                    .find("-->")
                    .ok_or_else(|| err("an SVG comment is not closed"))?;
                rest = &rest[c + 4 + end + 3..];
            }
            (None, _) => {
                out.push_str(rest);
                return Ok(out);
            }
        }
    }
}

fn find_credential_element(svg: &str) -> Option<(String, usize)> {
    let prefix = namespace_prefix(svg)?;
    let open = format!("<{prefix}:credential");
    let mut from = 0;
    while let Some(i) = svg[from..].find(&open) {
        let at = from + i + open.len();
        match svg.as_bytes().get(at) {
            Some(b'>') => return Some((prefix, at + 1)),
            Some(c) if c.is_ascii_whitespace() => {
                let end = tag_end(svg, at)?;
                // `<openbadges:credential/>` has nothing in it (OB 2.0 put a URL in `verify=`).
                return (!svg[..end].ends_with("/>")).then_some((prefix, end));
            }
            _ => from = at,
        }
    }
    None
}

/// The prefix bound to the Open Badges 3.0 namespace by the first matching `xmlns:` declaration in `text`.
fn namespace_prefix(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(i) = rest.find("xmlns:") {
        rest = &rest[i + 6..];
        let name_len = rest.find(|c: char| c == '=' || c.is_whitespace())?;
        let name = &rest[..name_len];
        let value = rest[name_len..]
            .trim_start()
            .strip_prefix('=')?
            .trim_start();
        let quote = value.chars().next()?;
        if quote == '"' || quote == '\'' {
            let value = &value[1..];
            let end = value.find(quote)?;
            if &value[..end] == OB_NAMESPACE {
                return Some(name.to_owned());
            }
        }
    }
    None
}

/// (start, end) byte range of the root element's start tag, end exclusive; the root must be `svg`.
fn root_start_tag(svg: &str) -> Result<(usize, usize)> {
    let mut i = 0;
    loop {
        let lt = svg[i..]
            .find('<')
            .ok_or_else(|| err("no root element: not an SVG"))?
            + i;
        let rest = &svg[lt..];
        if rest.starts_with("<?") {
            i = lt
                + rest
                    .find("?>")
                    .ok_or_else(|| err("unterminated processing instruction"))?
                + 2;
        } else if rest.starts_with("<!--") {
            i = lt
                + rest
                    .find("-->")
                    .ok_or_else(|| err("unterminated comment"))?
                + 3;
        } else if rest.starts_with("<!") {
            // DOCTYPE, possibly with an internal subset in brackets.
            let end = match (rest.find('['), rest.find('>')) {
                (Some(b), Some(g)) if b < g => rest.find("]>").map(|e| e + 2),
                (_, g) => g.map(|g| g + 1),
            };
            i = lt + end.ok_or_else(|| err("unterminated DOCTYPE"))?;
        } else {
            let name_end = rest[1..]
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .map_or(rest.len(), |n| n + 1);
            if &rest[1..name_end] != "svg" {
                return Err(err("the root element is not <svg>"));
            }
            let end =
                tag_end(svg, lt + name_end).ok_or_else(|| err("the <svg> tag is not closed"))?;
            return Ok((lt, end));
        }
    }
}

/// Offset just past the `>` closing the tag whose attributes start at `from`, skipping quoted values.
fn tag_end(text: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text[from..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(from + i + 1),
            _ => {}
        }
    }
    None
}

fn unescape_xml(s: &str) -> Result<String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after
            .find(';')
            .ok_or_else(|| err("bad XML entity in the credential"))?;
        let entity = &after[..semi];
        let c = match entity {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => entity
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse))
                .and_then(|n| n.ok())
                .and_then(char::from_u32)
                .ok_or_else(|| err(format!("unknown XML entity `&{entity};` in the credential")))?,
        };
        out.push(c);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// One PNG chunk: type and the byte range of its data.
struct Chunk {
    kind: [u8; 4],
    data: std::ops::Range<usize>,
    end: usize,
}

fn png_chunks(png: &[u8]) -> Result<Vec<Chunk>> {
    if !png.starts_with(&PNG_SIGNATURE) {
        return Err(err("not a PNG image"));
    }
    let mut chunks = Vec::new();
    let mut at = PNG_SIGNATURE.len();
    while at < png.len() {
        let header = png
            .get(at..at + 8)
            .ok_or_else(|| err("truncated PNG chunk header"))?;
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind = [header[4], header[5], header[6], header[7]];
        let data = at + 8..at + 8 + len;
        let end = data.end + 4;
        if end > png.len() {
            return Err(err("truncated PNG chunk"));
        }
        chunks.push(Chunk { kind, data, end });
        at = end;
        if &kind == b"IEND" {
            break;
        }
    }
    match chunks.first() {
        Some(c) if &c.kind == b"IHDR" => Ok(chunks),
        _ => Err(err("the PNG does not start with an IHDR chunk")),
    }
}

fn crc(kind: &[u8], data: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    crc.sum()
}

/// The PNG with the credential in an `iTXt` chunk after `IHDR`.
pub fn bake_png(png: &[u8], credential_json: &str) -> Result<Vec<u8>> {
    let chunks = png_chunks(png)?;
    if chunks.iter().any(|c| keyword(png, c) == Some(PNG_KEYWORD)) {
        return Err(err("the PNG already contains a credential"));
    }
    let mut data = Vec::with_capacity(PNG_KEYWORD.len() + 5 + credential_json.len());
    data.extend_from_slice(PNG_KEYWORD);
    // NUL after the keyword, compression flag 0, compression method 0, empty language tag and translated
    // keyword (each NUL-terminated), then the UTF-8 text.
    data.extend_from_slice(&[0, 0, 0, 0, 0]);
    data.extend_from_slice(credential_json.as_bytes());
    let len = u32::try_from(data.len())
        .ok()
        .filter(|l| *l < 1 << 31)
        .ok_or_else(|| err("the credential is too large for a PNG chunk"))?;
    let ihdr_end = chunks[0].end;
    let mut out = Vec::with_capacity(png.len() + data.len() + 12);
    out.extend_from_slice(&png[..ihdr_end]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(b"iTXt");
    out.extend_from_slice(&data);
    out.extend_from_slice(&crc(b"iTXt", &data).to_be_bytes());
    out.extend_from_slice(&png[ihdr_end..]);
    Ok(out)
}

fn keyword<'a>(png: &'a [u8], c: &Chunk) -> Option<&'a [u8]> {
    if &c.kind != b"iTXt" {
        return None;
    }
    let data = &png[c.data.clone()];
    data.split(|b| *b == 0).next()
}

/// The credential in a baked PNG's `openbadgecredential` `iTXt` chunk.
pub fn extract_from_png(png: &[u8]) -> Result<String> {
    let chunks = png_chunks(png)?;
    let chunk = chunks
        .iter()
        .find(|c| keyword(png, c) == Some(PNG_KEYWORD))
        .ok_or_else(|| err("the PNG contains no Open Badges 3.0 credential"))?;
    let data = &png[chunk.data.clone()];
    let stored = u32::from_be_bytes([
        png[chunk.end - 4],
        png[chunk.end - 3],
        png[chunk.end - 2],
        png[chunk.end - 1],
    ]);
    if stored != crc(&chunk.kind, data) {
        return Err(err(
            "the PNG's credential chunk is corrupted (CRC mismatch)",
        ));
    }
    // The keyword must end with its NUL: a chunk that is only the keyword is truncated, not a
    // reason to read past its end.
    let rest = data
        .get(PNG_KEYWORD.len() + 1..)
        .ok_or_else(|| err("truncated iTXt chunk"))?;
    let (flag, rest) = rest
        .split_first()
        .ok_or_else(|| err("truncated iTXt chunk"))?;
    let rest = rest.get(1..).ok_or_else(|| err("truncated iTXt chunk"))?;
    let mut fields = rest.splitn(3, |b| *b == 0);
    let (_language, _translated, text) = (fields.next(), fields.next(), fields.next());
    let text = text.ok_or_else(|| err("truncated iTXt chunk"))?;
    let bytes = if *flag == 1 {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(text)
            .take(MAX_CREDENTIAL)
            .read_to_end(&mut out)
            .map_err(|e| err(format!("the compressed credential cannot be inflated: {e}")))?;
        out
    } else {
        text.to_vec()
    };
    String::from_utf8(bytes).map_err(|_| err("the PNG's credential is not UTF-8"))
}
