//! Traditional → Simplified Chinese, character for character, and variant
//! forms to their standard form.
//!
//! The tables are OpenCC's `TSCharacters` and `TSPhrases` (Apache-2.0,
//! `data/opencc/`), applied as OpenCC's `t2s` configuration does: at each
//! position the longest phrase or character key wins, and its first value is
//! written. Before them, `data/variants/variants.txt` folds variant forms
//! OpenCC does not know (`衞`, Japanese shinjitai such as `伝`) to the
//! standard form it converts (`衛` → `卫`, `傳` → `传`); how that table is
//! made, and why it leaves kSemanticVariant out, is in `data/variants/`. Every OpenCC T→S mapping keeps the number of characters, which is
//! what lets analysis map offsets in the converted text back to the original
//! (checked when the tables load, and against `ferrous-opencc` in tests).
//!
//! Why not call `ferrous-opencc` directly: it converts whole strings and
//! allocates per match; this converter only looks at characters
//! flagged in a 64 KiB bitmap of table keys, so Simplified text passes through
//! at memory speed (see `benches/analysis.rs`).

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

const CHARACTERS: &str = include_str!("../../data/opencc/TSCharacters.txt");
const PHRASES: &str = include_str!("../../data/opencc/TSPhrases.txt");
const VARIANTS: &str = include_str!("../../data/variants/variants.txt");

/// A phrase mapping: Traditional characters to Simplified ones.
type Phrase = (Box<[char]>, Box<[char]>);

/// The loaded conversion tables.
pub(crate) struct T2s {
    chars: FxHashMap<char, char>,
    /// Phrases by first character, longest first.
    phrases: FxHashMap<char, Vec<Phrase>>,
    /// One bit per BMP code point: is it a key or the start of a phrase key?
    flags: Box<[u64; 1024]>,
    /// Keys outside the BMP.
    astral: FxHashMap<char, ()>,
}

static T2S: LazyLock<T2s> = LazyLock::new(T2s::load);

/// The process-wide converter (tables parsed on first use, well under 1 ms).
pub(crate) fn t2s() -> &'static T2s {
    &T2S
}

/// `key<TAB>value [value…][<TAB>note]` lines: each key with its first value.
fn entries(table: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).filter_map(|l| {
        let (key, values) = l.split_once('\t')?;
        let first = values.split(['\t', ' ']).next()?;
        Some((key, first))
    })
}

impl T2s {
    fn load() -> T2s {
        let mut t = T2s {
            chars: FxHashMap::default(),
            phrases: FxHashMap::default(),
            flags: Box::new([0; 1024]),
            astral: FxHashMap::default(),
        };
        for (key, value) in entries(CHARACTERS) {
            let (mut k, mut v) = (key.chars(), value.chars());
            if let (Some(kc), None, Some(vc), None) = (k.next(), k.next(), v.next(), v.next()) {
                t.chars.insert(kc, vc);
                t.flag(kc);
            }
        }
        // A variant goes where its standard form goes (never a key already:
        // the table holds only characters OpenCC does not know).
        for (variant, standard) in entries(VARIANTS) {
            let (mut k, mut v) = (variant.chars(), standard.chars());
            if let (Some(kc), None, Some(vc), None) = (k.next(), k.next(), v.next(), v.next())
                && !t.chars.contains_key(&kc)
            {
                let target = t.chars.get(&vc).copied().unwrap_or(vc);
                t.chars.insert(kc, target);
                t.flag(kc);
            }
        }
        for (key, value) in entries(PHRASES) {
            let k: Box<[char]> = key.chars().collect();
            let v: Box<[char]> = value.chars().collect();
            // OpenCC's T→S tables are length-preserving; a mapping that is
            // not would break offset mapping, so it is left out.
            if k.len() != v.len() || k.is_empty() {
                continue;
            }
            t.flag(k[0]);
            t.phrases.entry(k[0]).or_default().push((k, v));
        }
        for list in t.phrases.values_mut() {
            list.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        }
        t
    }

    fn flag(&mut self, c: char) {
        let cp = c as u32;
        if cp < 0x10000 {
            self.flags[(cp >> 6) as usize] |= 1 << (cp & 63);
        } else {
            self.astral.insert(c, ());
        }
    }

    #[inline]
    fn is_flagged(&self, c: char) -> bool {
        let cp = c as u32;
        if cp < 0x10000 { self.flags[(cp >> 6) as usize] & (1 << (cp & 63)) != 0 } else { self.astral.contains_key(&c) }
    }

    /// Convert a run of Han characters in place. The length never changes.
    pub(crate) fn convert_in_place(&self, run: &mut [char]) {
        let mut i = 0;
        while i < run.len() {
            let c = run[i];
            if !self.is_flagged(c) {
                i += 1;
                continue;
            }
            if let Some(list) = self.phrases.get(&c)
                && let Some((k, v)) = list.iter().find(|(k, _)| run[i..].starts_with(k))
            {
                run[i..i + k.len()].copy_from_slice(v);
                i += k.len();
                continue;
            }
            if let Some(&s) = self.chars.get(&c) {
                run[i] = s;
            }
            i += 1;
        }
    }

    /// One character alone (no phrase context).
    #[inline]
    pub(crate) fn char(&self, c: char) -> char {
        if self.is_flagged(c) { self.chars.get(&c).copied().unwrap_or(c) } else { c }
    }

    /// Convert a string (convenience for tests and tools).
    #[cfg(test)]
    pub(crate) fn convert(&self, text: &str) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        self.convert_in_place(&mut chars);
        chars.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_traditional_and_keeps_simplified() {
        let t = t2s();
        assert_eq!(t.convert("工會與國際勞工局"), "工会与国际劳工局");
        assert_eq!(t.convert("工会与国际劳工局"), "工会与国际劳工局");
        // Phrase table: 乾隆 keeps its 乾, 乾淨 does not.
        assert_eq!(t.convert("乾隆皇帝"), "乾隆皇帝");
        assert_eq!(t.convert("乾淨"), "干净");
        // 著 is valid Simplified and is left alone (著名 stays a word).
        assert_eq!(t.convert("著名"), "著名");
    }

    #[test]
    fn variant_forms_fold_to_what_their_standard_form_folds_to() {
        let t = t2s();
        assert_eq!(t.convert("衞生"), "卫生");
        assert_eq!(t.convert("衛生"), "卫生");
        assert_eq!(t.convert("伝統"), t.convert("傳統"));
        assert_eq!(t.convert("峯"), "峰");
        // Characters Simplified Chinese uses in their own right stay.
        for c in ["幺", "缶", "么", "才", "著", "着", "干", "里", "他", "千"] {
            assert_eq!(t.convert(c), c);
        }
        // Every variant maps one character to one character, and none is
        // a key of OpenCC's tables.
        for (variant, standard) in entries(VARIANTS) {
            assert_eq!((variant.chars().count(), standard.chars().count()), (1, 1), "{variant}");
            assert!(!entries(CHARACTERS).any(|(k, _)| k == variant), "{variant} is an OpenCC key");
        }
    }

    #[test]
    fn agrees_with_ferrous_opencc() {
        let cc = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s).expect("opencc");
        let samples = [
            "中華全國總工會與國際自由工聯的關係，臺灣、香港與澳門。",
            "戒嚴時期人民受損權利回復條例第一條",
            "乾乾淨淨的頭髮，發展與後來；一目瞭然、不瞭解。",
            "陸特和漢斯雷頓開創了哪一地區對梵語的學術研究？",
        ];
        for s in samples {
            assert_eq!(t2s().convert(s), cc.convert(s), "{s}");
        }
        // Every single character of the table agrees too.
        for (key, _) in entries(CHARACTERS) {
            assert_eq!(t2s().convert(key), cc.convert(key), "{key}");
        }
    }
}
