//! The user glossary: `corpus/glossary.tsv`, `english<TAB>chinese[<TAB>…]`.
//!
//! Names and terms of the field (`ICFTU<TAB>国际自由工联`) that the general
//! dictionary lacks or translates otherwise. A glossary entry takes
//! precedence over CC-CEDICT for the words it covers. It is read at query
//! time, so editing it takes effect without rebuilding the index.

use super::english_key::phrase_key;
use crate::analysis::Normalized;
use crate::corpus::Warning;
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::Path;

/// A parsed glossary.
#[derive(Clone, Debug, Default)]
pub struct Glossary {
    /// English key (stems) → Chinese forms (canonical).
    en_zh: HashMap<String, Vec<String>>,
    /// Chinese form (canonical) → English keys.
    zh_en: HashMap<String, Vec<String>>,
    /// Longest English key, in words.
    max_words: usize,
}

impl Glossary {
    /// Parse glossary text; `path` names the file in errors. Blank lines and
    /// `#` comments are skipped; Chinese forms may also be separated by `;`,
    /// `|`, `、` or `，` within one column.
    ///
    /// ```
    /// use yuanwen::Glossary;
    /// let g = Glossary::parse("ICFTU\t國際自由工聯\nTrade union\t工会|工會\n", "g.tsv").unwrap();
    /// assert_eq!(g.chinese("icftu"), ["国际自由工联"]);
    /// assert_eq!(g.chinese("trade unions"), ["工会"]);
    /// ```
    pub fn parse(text: &str, path: impl AsRef<Path>) -> Result<Glossary> {
        let path = path.as_ref();
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        let mut g = Glossary::default();
        for (no, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{FEFF}');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let english = cols.next().unwrap_or_default().trim();
            let forms: Vec<String> = cols
                .flat_map(|c| c.split(['|', ';', '、', '，']))
                .map(|f| Normalized::new(f.trim()).text().to_string())
                .filter(|f| !f.is_empty())
                .collect();
            let key = phrase_key(english, &stemmer);
            if key.is_empty() || forms.is_empty() {
                return Err(Error::Dictionary {
                    path: path.to_path_buf(),
                    line: no + 1,
                    message: "expected `english<TAB>chinese` (an English term, a tab, one or more Chinese forms)"
                        .into(),
                });
            }
            g.max_words = g.max_words.max(key.split(' ').count());
            for f in &forms {
                let v = g.zh_en.entry(f.clone()).or_default();
                if !v.contains(&key) {
                    v.push(key.clone());
                }
            }
            let v = g.en_zh.entry(key).or_default();
            for f in forms {
                if !v.contains(&f) {
                    v.push(f);
                }
            }
        }
        Ok(g)
    }

    /// Read `path`, skipping malformed lines (reported as warnings naming
    /// `name` and the line); a missing or unreadable file is an empty
    /// glossary (unreadable: with a warning).
    pub(crate) fn load_lenient(path: &Path, name: &str) -> (Glossary, Vec<Warning>) {
        let text = match std::fs::read(path) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Glossary::default(), Vec::new()),
            Err(e) => return (Glossary::default(), vec![Warning::new(name, None, format!("cannot read: {e}"))]),
        };
        let mut good = String::with_capacity(text.len());
        let mut warnings = Vec::new();
        for (no, line) in text.lines().enumerate() {
            match Glossary::parse(line, path) {
                Ok(_) => {
                    good.push_str(line);
                    good.push('\n');
                }
                Err(e) => {
                    let msg = e.to_string();
                    let msg = msg.split_once(": ").map_or(msg.as_str(), |(_, m)| m).to_string();
                    warnings.push(Warning::new(name, Some(no + 1), format!("{msg}; line skipped")));
                }
            }
        }
        (Glossary::parse(&good, path).unwrap_or_default(), warnings)
    }

    /// Read `path` (a missing file is an empty glossary).
    pub fn load(path: impl AsRef<Path>) -> Result<Glossary> {
        let path = path.as_ref();
        match std::fs::read(path) {
            Ok(bytes) => Glossary::parse(&String::from_utf8_lossy(&bytes), path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Glossary::default()),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Is it empty?
    pub fn is_empty(&self) -> bool {
        self.en_zh.is_empty()
    }

    /// Chinese forms of an English term (any case, any inflection).
    pub fn chinese(&self, english: &str) -> &[String] {
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        self.chinese_by_key(&phrase_key(english, &stemmer))
    }

    /// Chinese forms of an English key (stems).
    pub(crate) fn chinese_by_key(&self, key: &str) -> &[String] {
        self.en_zh.get(key).map_or(&[], Vec::as_slice)
    }

    /// English keys of a Chinese form (canonical).
    pub(crate) fn english_keys(&self, chinese: &str) -> &[String] {
        self.zh_en.get(chinese).map_or(&[], Vec::as_slice)
    }

    /// Longest English term, in words.
    pub(crate) fn max_words(&self) -> usize {
        self.max_words
    }

    /// Number of English terms.
    pub fn len(&self) -> usize {
        self.en_zh.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reverse_and_errors() {
        let g = Glossary::parse("# names\nBill Jordan\t比尔·乔丹\n\nWCL\t世界劳联\n", Path::new("g.tsv")).unwrap();
        assert_eq!(g.english_keys("世界劳联"), ["wcl"]);
        assert_eq!(g.chinese("Bill Jordan"), ["比尔·乔丹"]);
        assert_eq!(g.max_words(), 2);
        let e = Glossary::parse("ok\t好\nno chinese here\n", Path::new("g.tsv")).unwrap_err().to_string();
        assert!(e.contains("g.tsv:2"), "{e}");
    }
}
