//! `labo*`: the English words of the corpus that begin with a prefix,
//! read off the index's term dictionaries, as one alternative of terms.
//!
//! The words of a passage's own text are indexed as written (`words`),
//! a translation's only by stem (`translation_terms`, `english`): a stem
//! that begins with the prefix, or that the prefix begins with (`organiz*`
//! reaches `organization` through its stem `organ`), makes a candidate,
//! and the text filter keeps the passages where a word really begins with
//! it. Prefixes expand as written: no dictionary translations.

use super::clauses::{any_of, term};
use super::{Context, Notice};
use crate::analysis::Normalized;
use crate::analysis::charclass::is_han;
use crate::error::{Error, Result};
use crate::search::query::{Atom, ParsedQuery};
use std::collections::{BTreeSet, HashMap};
use tantivy::query::{EmptyQuery, Query};
use tantivy::schema::Field;

/// More words than this for one prefix is an error (type more letters),
/// never a silently shortened list: counts must be right.
pub(crate) const MAX_PREFIX_TERMS: usize = 1024;

/// A stem shorter than the prefix counts from this length (shorter ones,
/// `or` for `organiz*`, are noise the filter would have to read through).
const MIN_SHORTER_STEM: usize = 4;

/// The terms of each prefix of a query, by its text.
pub(super) type Prefixes = HashMap<String, PrefixTerms>;

/// `工会*` is `工会`: a star changes nothing on Han text (every substring
/// is found already). Said in a notice.
pub(super) fn chinese_prefixes_as_text(q: &ParsedQuery) -> (ParsedQuery, Vec<Notice>) {
    let mut notices = Vec::new();
    let mut text = |a: &Atom| match a {
        Atom::Prefix(t) if t.chars().next_back().is_some_and(|c| is_han(c) || !c.is_alphanumeric()) => {
            notices.push(Notice::StarOnChinese { atom: t.clone() });
            Atom::Text(t.clone())
        }
        a => a.clone(),
    };
    let groups = q.groups.iter().map(|g| g.iter().map(&mut text).collect()).collect();
    let excluded = q.excluded.iter().map(&mut text).collect();
    let near = q
        .near
        .iter()
        .map(|n| crate::search::query::Near { left: text(&n.left), right: text(&n.right), ..n.clone() })
        .collect();
    (ParsedQuery { groups, excluded, near, ..q.clone() }, notices)
}

/// The terms of every prefix the query holds (typed or excluded).
pub(super) fn find_all(q: &ParsedQuery, cx: &Context, notices: &mut Vec<Notice>) -> Result<Prefixes> {
    let mut out = Prefixes::new();
    for a in q.groups.iter().flatten().chain(&q.excluded) {
        if let Atom::Prefix(p) = a
            && !out.contains_key(p)
        {
            let terms = PrefixTerms::find(p, cx)?;
            notices.push(Notice::PrefixWords { prefix: p.clone(), terms: terms.words.len() + terms.stems.len() });
            out.insert(p.clone(), terms);
        }
    }
    Ok(out)
}

/// The terms a prefix reaches.
#[derive(Clone, Debug, Default)]
pub(super) struct PrefixTerms {
    /// Words of passages' own text.
    pub words: Vec<String>,
    /// English stems (text and translations).
    pub stems: Vec<String>,
}

impl PrefixTerms {
    /// The terms of `typed` (a prefix without its `*`) in the index.
    pub fn find(typed: &str, cx: &Context) -> Result<PrefixTerms> {
        let prefix = Normalized::new(typed).text().to_string();
        let f = cx.fields;
        let words = terms_with_prefix(cx.searcher, f.words, &prefix)?;
        let mut stems: BTreeSet<String> = terms_with_prefix(cx.searcher, f.english, &prefix)?.into_iter().collect();
        stems.extend(terms_with_prefix(cx.searcher, f.translation_terms, &prefix)?);
        for (end, _) in prefix.char_indices().skip(MIN_SHORTER_STEM) {
            let shorter = &prefix[..end];
            let df = |field| cx.searcher.doc_freq(&tantivy::Term::from_field_text(field, shorter)).unwrap_or(0);
            if df(f.english) + df(f.translation_terms) > 0 {
                stems.insert(shorter.to_string());
            }
        }
        if words.len() + stems.len() > MAX_PREFIX_TERMS {
            return Err(Error::Query(format!(
                "`{typed}*` begins more than {MAX_PREFIX_TERMS} different words; type more letters"
            )));
        }
        Ok(PrefixTerms { words, stems: stems.into_iter().collect() })
    }

    /// Any of the terms.
    pub fn query(&self, cx: &Context) -> Box<dyn Query> {
        let (f, r) = (cx.fields, cx.ranking);
        let mut parts: Vec<Box<dyn Query>> =
            self.words.iter().map(|w| super::clauses::boost(term(f.words, w), r.words)).collect();
        for s in &self.stems {
            parts.push(super::clauses::boost(term(f.english, s), r.english));
            parts.push(super::clauses::boost(term(f.translation_terms, s), r.english));
        }
        if parts.is_empty() { Box::new(EmptyQuery) } else { any_of(parts) }
    }
}

/// The distinct terms of `field` beginning with `prefix`, over all segments.
fn terms_with_prefix(searcher: &tantivy::Searcher, field: Field, prefix: &str) -> Result<Vec<String>> {
    let mut out = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream =
            inverted.terms().range().ge(prefix.as_bytes()).into_stream().map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            let key = stream.key();
            if !key.starts_with(prefix.as_bytes()) {
                break;
            }
            out.insert(String::from_utf8_lossy(key).into_owned());
            if out.len() > MAX_PREFIX_TERMS {
                break;
            }
        }
    }
    Ok(out.into_iter().collect())
}
