//! Compiles jieba's dictionary (`data/jieba/dict.txt`, `word freq [tag]` per
//! line) into an FST map `word -> freq` embedded in the binary.
//!
//! Why: segmenting a query identically to the documents needs every
//! dictionary word that occurs in the query and the dictionary's total
//! frequency. An FST answers those look-ups straight from the binary's
//! read-only data, so a one-shot `yuanwen search` never pays the ~100 ms it
//! takes to load the whole dictionary into jieba's trie.
use std::collections::BTreeMap;
use std::env;
use std::fs;
use std::path::PathBuf;

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
