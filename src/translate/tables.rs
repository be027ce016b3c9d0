//! The CC-CEDICT tables `build.rs` compiles into the binary.

use fst::Map;
use std::sync::LazyLock;

/// A compiled table: key → list of values.
pub(crate) struct Table {
    map: Map<&'static [u8]>,
    blob: &'static str,
}

impl Table {
    fn new(fst: &'static [u8], blob: &'static str) -> Table {
        Table { map: Map::new(fst).expect("build.rs wrote a valid FST"), blob }
    }

    /// The values of `key` (empty if absent).
    pub(crate) fn get(&self, key: &str) -> impl Iterator<Item = &'static str> {
        let values = self.map.get(key).map(|at| {
            let rest = &self.blob[at as usize..];
            &rest[..rest.find('\n').unwrap_or(rest.len())]
        });
        values.into_iter().flat_map(|v| v.split('\t')).filter(|v| !v.is_empty())
    }

    /// Is `key` in the table?
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// Every key (for tests and tools).
    pub(crate) fn keys(&self) -> Vec<String> {
        use fst::Streamer;
        let mut out = Vec::new();
        let mut s = self.map.stream();
        while let Some((k, _)) = s.next() {
            out.push(String::from_utf8_lossy(k).into_owned());
        }
        out
    }
}

macro_rules! table {
    ($name:ident, $file:literal, $doc:literal) => {
        #[doc = $doc]
        pub(crate) static $name: LazyLock<Table> = LazyLock::new(|| {
            Table::new(
                include_bytes!(concat!(env!("OUT_DIR"), "/", $file, ".fst")),
                include_str!(concat!(env!("OUT_DIR"), "/", $file, ".txt")),
            )
        });
    };
}

table!(EN_ZH, "cedict_en_zh", "English gloss key (stems) → Simplified Chinese words.");
table!(ZH_EN, "cedict_zh_en", "Simplified Chinese word → English gloss keys (stems).");
table!(PINYIN_WORDS, "pinyin_words", "Toneless pinyin of a word (`gonghui`) → words.");
table!(PINYIN_CHARS, "pinyin_chars", "Toneless syllable → common characters read so.");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_answer() {
        assert!(EN_ZH.get("trade union").any(|w| w == "工会"));
        assert!(EN_ZH.get("norway").any(|w| w == "挪威"));
        assert!(ZH_EN.get("工会").any(|k| k == "trade union"));
        assert!(PINYIN_WORDS.get("gonghui").any(|w| w == "工会"));
        assert!(PINYIN_CHARS.get("zhang").any(|c| c == "张"));
        assert_eq!(EN_ZH.get("no such gloss here").count(), 0);
    }
}
