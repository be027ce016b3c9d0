//! Compiles the bundled dictionaries into look-up tables embedded in the
//! binary, so a one-shot `yuanwen search` reads them straight from read-only
//! data instead of parsing megabytes at start-up:
//!
//! - jieba's dictionary (`data/jieba/dict.txt`) → FST `word -> freq`: a query
//!   is segmented with exactly the dictionary words it contains and the same
//!   total (see `src/analysis/lexicon.rs`);
//! - CC-CEDICT (`data/cedict/*.txt.gz`) → English → Chinese, Chinese →
//!   English, pinyin → words and syllable → characters (see
//!   `src/translate/`).
use std::collections::BTreeMap;
use std::env;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

#[path = "src/translate/english_key.rs"]
#[allow(dead_code)]
mod english_key;

/// Write `map` as an FST (`key -> offset`) plus a text blob: the values of
/// each key joined by tabs, ended by a newline, at that offset.
fn write_table(out: &Path, name: &str, map: &BTreeMap<String, Vec<String>>) {
    let mut blob = String::new();
    let mut builder = fst::MapBuilder::memory();
    for (k, values) in map {
        builder.insert(k.as_bytes(), blob.len() as u64).expect("sorted keys");
        blob.push_str(&values.join("\t"));
        blob.push('\n');
    }
    fs::write(out.join(format!("{name}.fst")), builder.into_inner().expect("fst")).expect("write fst");
    fs::write(out.join(format!("{name}.txt")), blob).expect("write blob");
}

fn push_unique(map: &mut BTreeMap<String, Vec<String>>, key: String, value: &str, cap: usize) {
    let v = map.entry(key).or_default();
    if v.len() < cap && !v.iter().any(|x| x == value) {
        v.push(value.to_string());
    }
}

fn cedict(out: &Path, char_freq: &BTreeMap<&str, u64>) {
    let src = "data/cedict/cedict_1_0_ts_utf-8_mdbg.txt.gz";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=src/translate/english_key.rs");
    println!("cargo:rerun-if-changed=src/analysis/lang/english_stop_words.in");
    let mut text = String::new();
    flate2::read::GzDecoder::new(fs::File::open(src).expect("open CC-CEDICT"))
        .read_to_string(&mut text)
        .expect("gunzip CC-CEDICT");
    let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
    let mut en_zh: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut zh_en: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut pinyin_words: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut syllable_chars: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        // 傳統 传统 [chuan2 tong3] /tradition/traditional/
        let Some((head, rest)) = line.split_once(" [") else { continue };
        let Some((reading, glosses)) = rest.split_once("] /") else { continue };
        let Some((_, simplified)) = head.split_once(' ') else { continue };
        if simplified.chars().any(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        for g in glosses.trim_end_matches('/').split('/') {
            for key in english_key::gloss_keys(g, &stemmer, 5) {
                push_unique(&mut en_zh, key.clone(), simplified, 40);
                push_unique(&mut zh_en, simplified.to_string(), &key, 6);
            }
        }
        let Some(syllables) = english_key::toneless(reading) else { continue };
        if syllables.len() != simplified.chars().count() {
            continue;
        }
        if syllables.len() >= 2 {
            push_unique(&mut pinyin_words, syllables.concat(), simplified, 40);
        } else if char_freq.get(simplified).is_some_and(|&f| f >= 50) {
            push_unique(&mut syllable_chars, syllables[0].clone(), simplified, 200);
        }
    }
    write_table(out, "cedict_en_zh", &en_zh);
    write_table(out, "cedict_zh_en", &zh_en);
    write_table(out, "pinyin_words", &pinyin_words);
    // Most frequent characters first: pinyin composition tries them in order.
    for chars in syllable_chars.values_mut() {
        chars.sort_by_key(|c| std::cmp::Reverse(char_freq.get(c.as_str()).copied().unwrap_or(0)));
        chars.truncate(80);
    }
    write_table(out, "pinyin_chars", &syllable_chars);
}

fn main() {
    let src = "data/jieba/dict.txt";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = fs::read_to_string(src).expect("read data/jieba/dict.txt");
    let mut words: BTreeMap<&str, u64> = BTreeMap::new();
    for (no, line) in text.lines().enumerate() {
        let mut it = line.split_ascii_whitespace();
        let Some(word) = it.next() else { continue };
        let freq: u64 =
            it.next().map(|f| f.parse().unwrap_or_else(|_| panic!("{src}:{}: bad frequency", no + 1))).unwrap_or(0);
        // A later entry replaces an earlier one, as jieba's own loader does.
        words.insert(word, freq);
    }
    let total: u64 = words.values().sum();
    let max_chars = words.keys().map(|w| w.chars().count()).max().unwrap_or(1);
    let mut builder = fst::MapBuilder::memory();
    for (w, f) in &words {
        builder.insert(w.as_bytes(), *f).expect("sorted insert");
    }
    let bytes = builder.into_inner().expect("fst bytes");
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    let char_freq: BTreeMap<&str, u64> =
        words.iter().filter(|(w, _)| w.chars().count() == 1).map(|(w, f)| (*w, *f)).collect();
    cedict(&out, &char_freq);
    fs::write(out.join("jieba_dict.fst"), bytes).expect("write fst");
    fs::write(
        out.join("jieba_dict_meta.rs"),
        format!(
            "/// Sum of all frequencies in the built-in dictionary.\n\
             pub const BUILTIN_TOTAL: u64 = {total};\n\
             /// Number of words in the built-in dictionary.\n\
             pub const BUILTIN_WORDS: usize = {};\n\
             /// Length in characters of the longest built-in word.\n\
             pub const BUILTIN_MAX_CHARS: usize = {max_chars};\n",
            words.len()
        ),
    )
    .expect("write meta");
}
