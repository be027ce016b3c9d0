//! Converting between corpus [`Document`]s and tantivy documents.

use super::schema::Fields;
use crate::analysis::charclass::{CharClass, classify, from_full_width};
use crate::corpus::{DocKind, Document};
use tantivy::TantivyDocument;
use tantivy::schema::Value;

/// Key shared by near-identical passages: a hash of the text's letters,
/// digits and Han characters, case- and width-folded, Traditional read as
/// Simplified (so footnote markers, spaces and punctuation do not count).
/// Also says whether the text is English (Latin letters and no Han), which
/// is then indexed in the English field too. One pass, no allocation but
/// the key buffer.
pub fn passage_key(text: &str, buf: &mut String) -> (u64, bool) {
    let t2s = crate::analysis::t2s();
    buf.clear();
    let (mut latin, mut han) = (false, false);
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                latin |= c.is_ascii_alphabetic();
                buf.push(c.to_ascii_lowercase());
            }
            continue;
        }
        match classify(c) {
            CharClass::Han => {
                han = true;
                buf.push(t2s.char(c));
            }
            CharClass::Word => match from_full_width(c) {
                Some(a) => {
                    latin |= a.is_ascii_alphabetic();
                    buf.push(a.to_ascii_lowercase());
                }
                None => buf.extend(c.to_lowercase()),
            },
            _ => {}
        }
    }
    (xxhash_rust::xxh3::xxh3_64(buf.as_bytes()), latin && !han)
}

/// The tantivy document for `d`; `scratch` is reused between calls.
pub fn to_tantivy(d: &Document, f: &Fields, scratch: &mut String) -> TantivyDocument {
    let mut t = TantivyDocument::default();
    t.add_text(f.path, &d.path);
    t.add_u64(f.line, d.line);
    t.add_u64(f.paragraph, d.paragraph);
    if let Some(s) = &d.section {
        t.add_text(f.section, s);
        t.add_text(f.section_id, super::sections::section_term(super::sections::section_id(&d.path, s)));
    }
    if let Some(id) = &d.id {
        t.add_text(f.id, id);
    }
    t.add_text(f.text, &d.text);
    t.add_text(f.words, &d.text);
    t.add_text(f.grams, &d.text);
    let (key, english) = passage_key(&d.text, scratch);
    t.add_u64(f.dupkey, key);
    t.add_u64(f.dupbucket, super::schema::dup_bucket(key));
    t.add_u64(f.texthash, xxhash_rust::xxh3::xxh3_64(d.text.as_bytes()) >> 48);
    if english {
        t.add_text(f.english, &d.text);
    }
    if let Some(tr) = &d.translation {
        t.add_text(f.translation, tr);
        t.add_text(f.english, tr);
    }
    t.add_u64(f.kind, if matches!(d.kind, DocKind::Heading) { KIND_HEADING } else { KIND_PARAGRAPH });
    t
}

/// Value of the `kind` field for a paragraph.
pub const KIND_PARAGRAPH: u64 = 0;
/// Value of the `kind` field for a heading.
pub const KIND_HEADING: u64 = 1;
/// Value of the `kind` field for a section document (one per section title
/// and file; never a hit).
pub const KIND_SECTION: u64 = 2;

/// Is the stored document `t` a section document (not a passage)?
pub fn is_section(t: &TantivyDocument, f: &Fields) -> bool {
    t.get_first(f.kind).and_then(|v| v.as_u64()) == Some(KIND_SECTION)
}

fn first_str(t: &TantivyDocument, field: tantivy::schema::Field) -> Option<&str> {
    t.get_first(field).and_then(|v| v.as_str())
}

fn first_u64(t: &TantivyDocument, field: tantivy::schema::Field) -> u64 {
    t.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0)
}

/// Rebuild a [`Document`] from its stored fields.
pub fn from_stored(t: &TantivyDocument, f: &Fields) -> Document {
    Document {
        path: first_str(t, f.path).unwrap_or_default().to_string(),
        line: first_u64(t, f.line),
        paragraph: first_u64(t, f.paragraph),
        section: first_str(t, f.section).map(str::to_string),
        id: first_str(t, f.id).map(str::to_string),
        text: first_str(t, f.text).unwrap_or_default().to_string(),
        translation: first_str(t, f.translation).map(str::to_string),
        kind: if first_u64(t, f.kind) == KIND_HEADING { DocKind::Heading } else { DocKind::Paragraph },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> (u64, bool) {
        passage_key(s, &mut String::new())
    }

    #[test]
    fn duplicates_share_a_key() {
        let a = key("二是为国家经济建设和环境保护服务的交流项目增多。① 2001年，中国工会");
        let b = key("二是为国家经济建设和环境保护服务的交流项目增多。 ２００1年,中國工會");
        let c = key("二是为国家经济建设和环境保护服务的交流项目增多。2002年，中国工会");
        assert_eq!(a.0, b.0);
        assert_ne!(a.0, c.0);
    }

    #[test]
    fn english_detection() {
        assert!(key("Trade unions, 2001.").1);
        assert!(key("ＩＬＯ").1);
        assert!(!key("ICFTU 国际自由工联").1);
        assert!(!key("2001。").1);
    }
}
