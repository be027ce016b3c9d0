//! Counting a query's occurrences in the passages it matches, from the
//! postings: positions of bigrams for Han text, term frequencies for
//! English words, no stored text read (which would cost more than the
//! search: docs/performance.md).

use super::substring::Substring;
use crate::index::Fields;
use rustc_hash::FxHashMap;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, SegmentReader, TERMINATED, Term};

/// What is counted: the query's own words (not their translations).
#[derive(Clone, Debug, Default)]
pub(crate) struct Counted {
    /// Han text and numbers (what the bigram field holds), as exact substrings.
    pub substrings: Vec<Substring>,
    /// English words: the word as written and its stem.
    pub english: Vec<(String, String)>,
}

/// One segment's counters; documents must be asked in increasing order.
pub(crate) struct SegmentOccurrences {
    han: Vec<HanCounter>,
    english: Vec<EnglishCounter>,
    positions: Vec<Vec<u32>>,
}

enum HanCounter {
    /// A phrase of bigrams: each term's postings at its offset.
    Phrase(Vec<(u32, SegmentPostings)>),
    /// One character: every term it starts, frequencies summed by document.
    Single(FxHashMap<DocId, u32>),
    /// A term the segment does not hold: no occurrence.
    Absent,
}

struct EnglishCounter {
    words: Option<SegmentPostings>,
    english: Option<SegmentPostings>,
    translation: Option<SegmentPostings>,
}

/// The term frequency of `p` in `doc` (0 if it is not there).
fn tf(p: &mut Option<SegmentPostings>, doc: DocId) -> u32 {
    let Some(p) = p else { return 0 };
    if p.doc() < doc {
        p.seek(doc);
    }
    if p.doc() == doc { p.term_freq() } else { 0 }
}

fn postings(
    reader: &SegmentReader,
    term: &Term,
    record: IndexRecordOption,
) -> tantivy::Result<Option<SegmentPostings>> {
    Ok(reader.inverted_index(term.field())?.read_postings(term, record)?)
}

impl SegmentOccurrences {
    pub(crate) fn new(reader: &SegmentReader, f: &Fields, counted: &Counted) -> tantivy::Result<SegmentOccurrences> {
        let mut han = Vec::with_capacity(counted.substrings.len());
        for sub in &counted.substrings {
            han.push(match sub.single {
                Some(c) => HanCounter::Single(single(reader, f, c)?),
                None => phrase(reader, f, sub)?,
            });
        }
        let mut english = Vec::with_capacity(counted.english.len());
        for (word, stem) in &counted.english {
            let freqs = IndexRecordOption::WithFreqs;
            english.push(EnglishCounter {
                words: postings(reader, &Term::from_field_text(f.words, word), freqs)?,
                english: postings(reader, &Term::from_field_text(f.english, stem), freqs)?,
                translation: postings(reader, &Term::from_field_text(f.translation_terms, stem), freqs)?,
            });
        }
        Ok(SegmentOccurrences { han, english, positions: Vec::new() })
    }

    /// Occurrences in `doc`.
    pub(crate) fn count(&mut self, doc: DocId) -> u64 {
        let mut n = 0u64;
        for c in &mut self.han {
            n += match c {
                HanCounter::Phrase(terms) => phrase_count(terms, doc, &mut self.positions),
                HanCounter::Single(by_doc) => u64::from(by_doc.get(&doc).copied().unwrap_or(0)),
                HanCounter::Absent => 0,
            };
        }
        for e in &mut self.english {
            // A passage's own English is in the words field (as written) or,
            // for a passage in English, in the English field (stems): the
            // larger counts it once. A translation adds its own.
            let own = tf(&mut e.words, doc).max(tf(&mut e.english, doc));
            n += u64::from(own + tf(&mut e.translation, doc));
        }
        n
    }
}

fn phrase(reader: &SegmentReader, f: &Fields, sub: &Substring) -> tantivy::Result<HanCounter> {
    let mut terms = Vec::with_capacity(sub.terms.len());
    for (offset, text) in &sub.terms {
        let term = Term::from_field_text(f.grams, text);
        match postings(reader, &term, IndexRecordOption::WithFreqsAndPositions)? {
            Some(p) => terms.push((*offset as u32, p)),
            None => return Ok(HanCounter::Absent),
        }
    }
    Ok(HanCounter::Phrase(terms))
}

/// Every term from `c` up to the next character: its unigram and every
/// bigram it starts, one per occurrence of `c`.
fn single(reader: &SegmentReader, f: &Fields, c: char) -> tantivy::Result<FxHashMap<DocId, u32>> {
    let inverted = reader.inverted_index(f.grams)?;
    let mut lo = [0u8; 4];
    let lo = c.encode_utf8(&mut lo).as_bytes().to_vec();
    let mut builder = inverted.terms().range().ge(&lo);
    let next = super::substring::next_char(c);
    let mut hi = [0u8; 4];
    if let Some(n) = next {
        builder = builder.lt(n.encode_utf8(&mut hi).as_bytes());
    }
    let mut stream = builder.into_stream()?;
    let mut by_doc: FxHashMap<DocId, u32> = FxHashMap::default();
    while stream.advance() {
        let mut p = inverted.read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
        let mut doc = p.doc();
        while doc != TERMINATED {
            *by_doc.entry(doc).or_default() += p.term_freq();
            doc = p.advance();
        }
    }
    Ok(by_doc)
}

/// Occurrences of the phrase `terms` in `doc`: positions where every term
/// stands at its offset from the first.
fn phrase_count(terms: &mut [(u32, SegmentPostings)], doc: DocId, buffers: &mut Vec<Vec<u32>>) -> u64 {
    for (_, p) in terms.iter_mut() {
        if p.doc() < doc {
            p.seek(doc);
        }
        if p.doc() != doc {
            return 0;
        }
    }
    buffers.resize_with(terms.len(), Vec::new);
    for ((offset, p), buf) in terms.iter_mut().zip(buffers.iter_mut()) {
        // Every position moved back to where the phrase would start.
        p.positions(buf);
        buf.retain(|&x| x >= *offset);
        buf.iter_mut().for_each(|x| *x -= *offset);
    }
    let (first, rest) = buffers.split_at(1);
    first[0].iter().filter(|start| rest.iter().all(|b| b.binary_search(start).is_ok())).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Normalized;
    use crate::index::{LockWait, NoProgress, Snapshot, update};

    #[test]
    fn counts_substrings_single_characters_and_english_words() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(corpus.join("a.txt"), "工会与工会联合会，總工會。\n工人\n").unwrap();
        std::fs::write(corpus.join("a.en.txt"), "Trade unions and a union.\nWorkers.\n").unwrap();
        std::fs::write(corpus.join("b.txt"), "The union of unions.\n").unwrap();
        let opts = crate::IndexOptions::new(&corpus, dir.path().join("index"));
        update(&opts, LockWait::Wait, &NoProgress).unwrap();
        let snap = Snapshot::open(&opts.index).unwrap();
        let searcher = snap.searcher();
        let f = snap.generation.fields;
        let sub = |s: &str| {
            let n = Normalized::new(s);
            Substring::new(&n, 0..n.len_chars()).unwrap()
        };
        let counted = Counted {
            substrings: vec![sub("工会"), sub("工")],
            english: vec![("union".into(), crate::analysis::stem("union"))],
        };
        // Total over every document of the index.
        let mut total = 0;
        for reader in searcher.segment_readers() {
            let mut occ = SegmentOccurrences::new(reader, &f, &counted).unwrap();
            for doc in 0..reader.max_doc() {
                total += occ.count(doc);
            }
        }
        // 工会 ×3 (總工會 folds), 工 ×4, union: "unions"+"union" in the
        // translation (stems), "union"+"unions" in b.txt (English text).
        assert_eq!(total, 3 + 4 + 2 + 2);
    }
}
