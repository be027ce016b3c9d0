//! Converting between corpus [`Document`]s and tantivy documents.

use super::schema::Fields;
use crate::analysis::{Normalized, charclass::CharClass};
use crate::corpus::{DocKind, Document};
use tantivy::TantivyDocument;
use tantivy::schema::Value;

/// Key shared by near-identical passages: a hash of the canonical text's
/// searchable characters (so footnote markers, spaces, punctuation, width,
/// case and script do not count).
pub fn dupkey(text: &Normalized) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = [0u8; 4];
    for i in 0..text.len_chars() {
        if text.class_at(i).is_searchable() {
            h.update(text.char_at(i).encode_utf8(&mut buf).as_bytes());
        }
    }
    h.digest()
}

/// Does `text` look like English (Latin letters, no Han)? Such text is also
/// indexed in the English field.
pub fn is_english(text: &Normalized) -> bool {
    let mut latin = 0;
    for i in 0..text.len_chars() {
        match text.class_at(i) {
            CharClass::Han => return false,
            CharClass::Word if text.char_at(i).is_ascii_alphabetic() => latin += 1,
            _ => {}
        }
    }
    latin > 0
}

/// The tantivy document for `d`; `norm` is scratch space.
pub fn to_tantivy(d: &Document, f: &Fields, norm: &mut Normalized) -> TantivyDocument {
    let mut t = TantivyDocument::default();
    t.add_text(f.path, &d.path);
    t.add_u64(f.line, d.line);
    t.add_u64(f.paragraph, d.paragraph);
    if let Some(s) = &d.section {
        t.add_text(f.section, s);
    }
    if let Some(id) = &d.id {
        t.add_text(f.id, id);
    }
    t.add_text(f.text, &d.text);
    t.add_text(f.words, &d.text);
    t.add_text(f.grams, &d.text);
    norm.reset(&d.text);
    t.add_u64(f.dupkey, dupkey(norm));
    if is_english(norm) {
        t.add_text(f.english, &d.text);
    }
    if let Some(tr) = &d.translation {
        t.add_text(f.translation, tr);
        t.add_text(f.english, tr);
    }
    t.add_u64(f.kind, matches!(d.kind, DocKind::Heading) as u64);
    t
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
        kind: if first_u64(t, f.kind) == 1 { DocKind::Heading } else { DocKind::Paragraph },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_share_a_key() {
        let a = Normalized::new("二是为国家经济建设和环境保护服务的交流项目增多。① 2001年，中国工会");
        let b = Normalized::new("二是为国家经济建设和环境保护服务的交流项目增多。 2001年,中國工會");
        let c = Normalized::new("二是为国家经济建设和环境保护服务的交流项目增多。2002年，中国工会");
        assert_eq!(dupkey(&a), dupkey(&b));
        assert_ne!(dupkey(&a), dupkey(&c));
    }

    #[test]
    fn english_detection() {
        assert!(is_english(&Normalized::new("Trade unions, 2001.")));
        assert!(!is_english(&Normalized::new("ICFTU 国际自由工联")));
        assert!(!is_english(&Normalized::new("2001。")));
    }
}
