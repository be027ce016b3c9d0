//! The segmentation dictionary: jieba's built-in words plus a user dictionary.
//!
//! The built-in dictionary is compiled into an FST by `build.rs` and lives in
//! the binary's read-only data. Indexing builds a full [`Jieba`] from it; a
//! query builds a *compact* `Jieba` that holds only the dictionary words that
//! occur inside the query, with the same frequencies and the same total. Jieba
//! picks a segmentation from exactly those words, their frequencies and the
//! total, so the compact dictionary segments the query exactly as the full one
//! does (proved by `compact_segmentation_equals_full` below and the
//! integration test over thousands of queries), at a cost of microseconds
//! instead of the ~100 ms that loading the whole dictionary takes.

use crate::analysis::Normalized;
use crate::analysis::charclass::CharClass;
use crate::error::{Error, Result};
use fst::raw::Fst;
use jieba_rs::Jieba;
use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::Arc;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/jieba_dict_meta.rs"));
}
pub use builtin::{BUILTIN_MAX_CHARS, BUILTIN_TOTAL, BUILTIN_WORDS};

static BUILTIN_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jieba_dict.fst"));

/// A word that can never occur in a Han run (it starts with U+0001): it
/// carries the frequency of every dictionary word left out of a compact
/// dictionary, so that jieba's total frequency stays the same.
const FILLER: &str = "\u{1}yuanwen-total";

/// Words a [`QueryDictionary`] holds before it starts afresh (bounds its
/// memory: about 10 MB).
const MAX_QUERY_WORDS: usize = 100_000;

/// The compact dictionary a searcher grows query by query (see
/// [`Lexicon::jieba_reusing`]).
#[derive(Default)]
pub struct QueryDictionary {
    jieba: Option<Arc<Jieba>>,
    /// Frequencies of the words added.
    sum: u64,
    words: usize,
}

/// The effective segmentation dictionary.
#[derive(Clone, Debug)]
pub struct Lexicon {
    /// User words (canonical form) and their resolved frequencies, replacing
    /// built-in frequencies where both have the word.
    user: FxHashMap<String, u64>,
    user_max_chars: usize,
    total: u64,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::builtin()
    }
}

fn builtin_fst() -> Fst<&'static [u8]> {
    Fst::new(BUILTIN_FST).expect("build.rs wrote a valid FST")
}

fn builtin_freq(word: &str) -> Option<u64> {
    builtin_fst().get(word.as_bytes()).map(|o| o.value())
}

impl Lexicon {
    /// jieba's built-in dictionary alone.
    pub fn builtin() -> Lexicon {
        Lexicon { user: FxHashMap::default(), user_max_chars: 0, total: BUILTIN_TOTAL }
    }

    /// The built-in dictionary plus the user dictionary `text` (jieba's
    /// format: `word [freq] [tag]` per line; `#` starts a comment). Words are
    /// normalised like all text (Traditional → Simplified, width, case). A word
    /// without a frequency gets the one jieba's `suggest_freq` gives it, so it
    /// stays whole. `path` names the file in errors.
    pub fn with_user_dict(text: &str, path: &Path) -> Result<Lexicon> {
        let mut lex = Lexicon::builtin();
        let entries = parse_user_dict(text, path)?;
        if entries.is_empty() {
            return Ok(lex);
        }
        // Frequencies left to jieba are resolved against the full dictionary,
        // in file order, exactly as `Jieba::add_word` would at load time.
        let mut jieba = lex.full_jieba();
        for (word, freq) in entries {
            let resolved = jieba.add_word(&word, freq.map(|f| f as usize), None) as u64;
            let old = lex.freq(&word).unwrap_or(0);
            lex.total = lex.total + resolved - old;
            lex.user_max_chars = lex.user_max_chars.max(word.chars().count());
            lex.user.insert(word, resolved);
        }
        Ok(lex)
    }

    /// Serialise the resolved user entries (stored beside the index so a
    /// query never resolves frequencies again).
    pub fn user_entries(&self) -> Vec<(String, u64)> {
        let mut v: Vec<_> = self.user.iter().map(|(w, f)| (w.clone(), *f)).collect();
        v.sort();
        v
    }

    /// Rebuild from entries written by [`Lexicon::user_entries`].
    pub fn from_user_entries(entries: &[(String, u64)]) -> Lexicon {
        let mut lex = Lexicon::builtin();
        for (word, freq) in entries {
            let old = lex.freq(word).unwrap_or(0);
            lex.total = lex.total + freq - old;
            lex.user_max_chars = lex.user_max_chars.max(word.chars().count());
            lex.user.insert(word.clone(), *freq);
        }
        lex
    }

    /// Frequency of `word` in the effective dictionary.
    pub fn freq(&self, word: &str) -> Option<u64> {
        self.user.get(word).copied().or_else(|| builtin_freq(word))
    }

    /// Sum of all frequencies.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// A stable fingerprint of the effective dictionary.
    pub fn fingerprint(&self) -> String {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(&BUILTIN_TOTAL.to_le_bytes());
        h.update(&(BUILTIN_WORDS as u64).to_le_bytes());
        for (w, f) in self.user_entries() {
            h.update(w.as_bytes());
            h.update(&f.to_le_bytes());
        }
        format!("{:032x}", h.digest128())
    }

    /// A `Jieba` holding the whole effective dictionary (for indexing).
    pub fn full_jieba(&self) -> Jieba {
        let mut jieba = Jieba::empty();
        let fst = builtin_fst();
        let mut stream = fst.stream();
        use fst::Streamer;
        while let Some((word, out)) = stream.next() {
            // The FST was built from UTF-8 keys.
            let word = std::str::from_utf8(word).expect("utf-8 key");
            let freq = self.user.get(word).copied().unwrap_or(out.value());
            jieba.add_word(word, Some(freq as usize), None);
        }
        for (word, freq) in &self.user {
            if builtin_freq(word).is_none() {
                jieba.add_word(word, Some(*freq as usize), None);
            }
        }
        jieba
    }

    /// A compact `Jieba` that segments every Han run of `text` (canonical)
    /// exactly as [`Lexicon::full_jieba`] would.
    pub fn jieba_for(&self, text: &Normalized) -> Jieba {
        let mut jieba = Jieba::empty();
        let mut sum = 0u64;
        for (word, freq) in self.words_in(text) {
            sum += freq;
            jieba.add_word(word, Some(freq as usize), None);
        }
        jieba.add_word(FILLER, Some((self.total - sum) as usize), None);
        jieba
    }

    /// [`Lexicon::jieba_for`], reusing `dict`: the words `text` needs are
    /// added to the ones earlier texts needed. Segmentation only looks at the
    /// dictionary words inside the text and at the total frequency, which the
    /// filler word keeps equal to the full dictionary's, so the grown
    /// dictionary segments `text` exactly as a fresh one would — without the
    /// ~50 µs jieba-rs takes to set up an empty dictionary (a 512 KiB table).
    pub fn jieba_reusing(&self, dict: &mut QueryDictionary, text: &Normalized) -> Arc<Jieba> {
        if dict.words > MAX_QUERY_WORDS {
            *dict = QueryDictionary::default();
        }
        let jieba = dict.jieba.get_or_insert_with(|| Arc::new(Jieba::empty()));
        // Still held by an analyzer of another search: build a fresh one.
        let Some(jieba) = Arc::get_mut(jieba) else { return Arc::new(self.jieba_for(text)) };
        let mut added = false;
        for (word, freq) in self.words_in(text) {
            if !jieba.has_word(word) {
                jieba.add_word(word, Some(freq as usize), None);
                dict.sum += freq;
                dict.words += 1;
                added = true;
            }
        }
        if added || dict.words == 0 {
            jieba.add_word(FILLER, Some((self.total - dict.sum) as usize), None);
        }
        dict.jieba.clone().expect("set above")
    }

    /// Every dictionary word (built-in or user) inside the Han runs of
    /// `text`, with its effective frequency.
    fn words_in<'t>(&self, text: &'t Normalized) -> FxHashMap<&'t str, u64> {
        let mut found: FxHashMap<&str, u64> = FxHashMap::default();
        let fst = builtin_fst();
        let s = text.text();
        let n = text.len_chars();
        let mut i = 0;
        while i < n {
            if text.class_at(i) != CharClass::Han {
                i += 1;
                continue;
            }
            let mut end = i;
            while end < n && text.class_at(end) == CharClass::Han {
                end += 1;
            }
            let run_end = text.byte_of(end);
            for start in i..end {
                let from = text.byte_of(start);
                self.walk_builtin(&fst, &s[from..run_end], &mut found);
                for len in 1..=self.user_max_chars.min(end - start) {
                    let word = &s[from..text.byte_of(start + len)];
                    if let Some(&f) = self.user.get(word) {
                        found.insert(word, f);
                    }
                }
            }
            i = end;
        }
        found
    }

    /// Record every built-in word that is a prefix of `s`, at its
    /// effective frequency.
    fn walk_builtin<'s>(&self, fst: &Fst<&[u8]>, s: &'s str, found: &mut FxHashMap<&'s str, u64>) {
        let mut node = fst.root();
        let mut out = 0u64;
        for (i, b) in s.bytes().enumerate() {
            let Some(t) = node.find_input(b) else { return };
            let tr = node.transition(t);
            out += tr.out.value();
            node = fst.node(tr.addr);
            if node.is_final() && s.is_char_boundary(i + 1) {
                let word = &s[..i + 1];
                let freq = self.user.get(word).copied().unwrap_or(out + node.final_output().value());
                found.insert(word, freq);
            }
        }
    }
}

/// Parse a user dictionary into `(canonical word, optional frequency)`.
fn parse_user_dict(text: &str, path: &Path) -> Result<Vec<(String, Option<u64>)>> {
    let mut entries = Vec::new();
    for (no, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{FEFF}');
        let line = line.split('#').next().unwrap_or("");
        let mut fields = line.split_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq = match fields.next() {
            None => None,
            Some(f) => match f.parse::<u64>() {
                Ok(v) => Some(v),
                // `word tag` without a frequency is allowed by jieba too.
                Err(_) if f.chars().all(|c| c.is_ascii_alphabetic()) => None,
                Err(_) => {
                    return Err(Error::Dictionary {
                        path: path.to_path_buf(),
                        line: no + 1,
                        message: format!("frequency `{f}` is not a whole number"),
                    });
                }
            },
        };
        let canonical = Normalized::new(word).text().to_string();
        if canonical.is_empty() {
            continue;
        }
        entries.push((canonical, freq));
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(j: &Jieba, s: &str) -> Vec<String> {
        j.cut(s, false).into_iter().map(|t| t.word.to_string()).collect()
    }

    #[test]
    fn compact_segmentation_equals_full() {
        let lex = Lexicon::builtin();
        let full = lex.full_jieba();
        let texts = [
            "国际自由工联首次组派高级代表团访华",
            "中华全国总工会副主席、书记处第一书记张俊九率中国工会代表团",
            "与挪威总工会合作，编辑出版了挪威的工会工作一书",
            "南京市长江大桥",
            "书面形式",
        ];
        for t in texts {
            let n = Normalized::new(t);
            let compact = lex.jieba_for(&n);
            for hmm in [false, true] {
                let a: Vec<_> = full.cut(n.text(), hmm).into_iter().map(|t| t.word).collect();
                let b: Vec<_> = compact.cut(n.text(), hmm).into_iter().map(|t| t.word).collect();
                assert_eq!(a, b, "{t} hmm={hmm}");
                let a: Vec<_> = full.cut_for_search(n.text(), hmm).into_iter().map(|t| t.word).collect();
                let b: Vec<_> = compact.cut_for_search(n.text(), hmm).into_iter().map(|t| t.word).collect();
                assert_eq!(a, b, "{t} search hmm={hmm}");
            }
        }
    }

    #[test]
    fn a_reused_dictionary_segments_like_the_full_one() {
        let lex = Lexicon::with_user_dict("國際自由工聯\n", Path::new("dict.txt")).unwrap();
        let full = lex.full_jieba();
        let mut dict = QueryDictionary::default();
        let texts = [
            "南京市长江大桥",
            "国际自由工联首次组派高级代表团访华",
            "长江",
            "中华全国总工会副主席、书记处第一书记张俊九率中国工会代表团",
            "南京市长",
            "书面形式的工会工作",
            "市长江大桥南京",
        ];
        // Twice over, so that every text meets a dictionary grown by all.
        for t in texts.iter().chain(&texts) {
            let n = Normalized::new(t);
            let grown = lex.jieba_reusing(&mut dict, &n);
            for hmm in [false, true] {
                let a: Vec<_> = full.cut(n.text(), hmm).into_iter().map(|t| t.word).collect();
                let b: Vec<_> = grown.cut(n.text(), hmm).into_iter().map(|t| t.word).collect();
                assert_eq!(a, b, "{t} hmm={hmm}");
            }
        }
        // While a search holds it, another gets a fresh one.
        let held = lex.jieba_reusing(&mut dict, &Normalized::new("长江"));
        let other = lex.jieba_reusing(&mut dict, &Normalized::new("大桥"));
        assert!(!Arc::ptr_eq(&held, &other));
    }

    #[test]
    fn user_words_stay_whole() {
        let before = Lexicon::builtin().full_jieba();
        assert_ne!(cut(&before, "国际自由工联的关系"), ["国际自由工联", "的", "关系"]);
        let lex = Lexicon::with_user_dict("國際自由工聯\n世界劳联 1000 nt\n", Path::new("dict.txt")).unwrap();
        let full = lex.full_jieba();
        assert_eq!(cut(&full, "国际自由工联的关系"), ["国际自由工联", "的", "关系"]);
        let n = Normalized::new("世界劳联与国际自由工联");
        assert_eq!(cut(&lex.jieba_for(&n), n.text()), cut(&full, n.text()));
        assert_eq!(lex.freq("世界劳联"), Some(1000));
        let round = Lexicon::from_user_entries(&lex.user_entries());
        assert_eq!(round.total(), lex.total());
        assert_eq!(round.fingerprint(), lex.fingerprint());
    }

    #[test]
    fn bad_frequency_names_the_line() {
        let err = Lexicon::with_user_dict("好词 12\n坏词 1x2\n", Path::new("corpus/dict.txt")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("corpus/dict.txt") && msg.contains(":2"), "{msg}");
    }
}
