//! Converting between corpus [`Document`]s and tantivy documents.

use super::schema::{Fields, StoredKind, dup_bucket};
use super::sections::{section_id, section_term};
use crate::analysis::charclass::{CharClass, classify, from_full_width};
use crate::corpus::{DocKind, Document};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

/// Key shared by near-identical passages: a hash of the text's letters,
/// digits and Han characters, case- and width-folded, Traditional read as
/// Simplified (so footnote markers, spaces and punctuation do not count).
/// Also says whether the text is English (Latin letters and no Han), which
/// is then indexed in the English field too. One pass, no allocation but
/// the key buffer.
pub(crate) fn passage_key(text: &str, buf: &mut String) -> (u64, bool) {
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
pub(crate) fn to_tantivy(d: &Document, f: &Fields, scratch: &mut String) -> TantivyDocument {
    let mut t = TantivyDocument::default();
    t.add_text(f.path, &d.path);
    t.add_u64(f.line, d.line);
    t.add_u64(f.paragraph, d.paragraph);
    if let Some(s) = &d.section {
        let id = section_id(&d.path, s);
        t.add_text(f.section, s);
        t.add_text(f.section_id, section_term(id));
        t.add_u64(f.section_key, id);
    }
    if let Some(title) = &d.title {
        t.add_text(f.title, title);
    }
    if let Some(id) = &d.id {
        t.add_text(f.id, id);
    }
    t.add_text(f.text, &d.text);
    t.add_text(f.words, &d.text);
    t.add_text(f.grams, &d.text);
    let (key, english) = passage_key(&d.text, scratch);
    t.add_u64(f.dupkey, key);
    t.add_u64(f.dupbucket, dup_bucket(key));
    t.add_u64(f.texthash, xxhash_rust::xxh3::xxh3_64(d.text.as_bytes()) >> 48);
    if english {
        t.add_text(f.english, &d.text);
    }
    if let Some(tr) = &d.translation {
        t.add_text(f.translation, tr);
        t.add_text(f.translation_terms, tr);
    }
    let kind = match d.kind {
        DocKind::Heading => StoredKind::Heading,
        DocKind::Paragraph => StoredKind::Paragraph,
    };
    t.add_u64(f.kind, kind.code());
    t
}

/// What the stored document `t` is.
pub(crate) fn stored_kind(t: &TantivyDocument, f: &Fields) -> StoredKind {
    StoredKind::from_code(first_u64(t, f.kind))
}

fn first_str(t: &TantivyDocument, field: tantivy::schema::Field) -> Option<&str> {
    t.get_first(field).and_then(|v| v.as_str())
}

fn first_u64(t: &TantivyDocument, field: tantivy::schema::Field) -> u64 {
    t.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0)
}

/// Every passage of the file `path` in `searcher`, in the file's order
/// (section documents left out).
pub(crate) fn passages_of(searcher: &tantivy::Searcher, f: &Fields, path: &str) -> tantivy::Result<Vec<Document>> {
    let q = TermQuery::new(Term::from_field_text(f.path, path), IndexRecordOption::Basic);
    let mut docs = Vec::new();
    for addr in searcher.search(&q, &DocSetCollector)? {
        let t: TantivyDocument = searcher.doc(addr)?;
        if stored_kind(&t, f) != StoredKind::Section {
            docs.push(from_stored(&t, f));
        }
    }
    docs.sort_by_key(|d| d.paragraph);
    Ok(docs)
}

/// The passages of the file `path` numbered `from..=to`, in order.
pub(crate) fn paragraphs_of(
    searcher: &tantivy::Searcher,
    f: &Fields,
    path: &str,
    from: u64,
    to: u64,
) -> tantivy::Result<Vec<Document>> {
    use std::ops::Bound;
    let range = tantivy::query::RangeQuery::new(
        Bound::Included(Term::from_field_u64(f.paragraph, from)),
        Bound::Included(Term::from_field_u64(f.paragraph, to)),
    );
    let file: Box<dyn tantivy::query::Query> =
        Box::new(TermQuery::new(Term::from_field_text(f.path, path), IndexRecordOption::Basic));
    let q = tantivy::query::BooleanQuery::intersection(vec![file, Box::new(range)]);
    let mut docs = Vec::new();
    for addr in searcher.search(&q, &DocSetCollector)? {
        let t: TantivyDocument = searcher.doc(addr)?;
        if stored_kind(&t, f) != StoredKind::Section {
            docs.push(from_stored(&t, f));
        }
    }
    docs.sort_by_key(|d| d.paragraph);
    Ok(docs)
}

/// Rebuild a [`Document`] from its stored fields.
pub(crate) fn from_stored(t: &TantivyDocument, f: &Fields) -> Document {
    Document {
        path: first_str(t, f.path).unwrap_or_default().to_string(),
        line: first_u64(t, f.line),
        paragraph: first_u64(t, f.paragraph),
        section: first_str(t, f.section).map(str::to_string),
        id: first_str(t, f.id).map(str::to_string),
        text: first_str(t, f.text).unwrap_or_default().to_string(),
        translation: first_str(t, f.translation).map(str::to_string),
        title: first_str(t, f.title).map(str::to_string),
        kind: match stored_kind(t, f) {
            StoredKind::Heading => DocKind::Heading,
            StoredKind::Paragraph | StoredKind::Section => DocKind::Paragraph,
        },
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
