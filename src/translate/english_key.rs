//! English gloss and query normalisation shared by `build.rs` (which
//! compiles CC-CEDICT into look-up tables) and the query side, so both read
//! English the same way: lower case, British spellings as American, stop
//! words dropped, Snowball stems.
//!
//! This file has no dependency but `frostem` so the build script can include
//! it.

/// English stop words (one list, with the English field's analysis).
const STOP_WORDS: &[&str] = include!("../analysis/lang/english_stop_words.in");

/// Words of CC-CEDICT's glosses that carry no meaning beyond the stop
/// words: `sth`, `sb`, `etc`, a possessive's `s`.
const GLOSS_NOISE: &[&str] = &["s", "etc", "sb", "sth", "something", "someone", "one's", "oneself"];

/// British spellings read as the American ones CC-CEDICT uses.
const SPELLINGS: &[(&str, &str)] = &[
    ("labour", "labor"),
    ("organisation", "organization"),
    ("organisations", "organizations"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("centre", "center"),
    ("centres", "centers"),
    ("defence", "defense"),
    ("licence", "license"),
    ("harbour", "harbor"),
    ("honour", "honor"),
    ("colour", "color"),
    ("favour", "favor"),
    ("neighbour", "neighbor"),
    ("behaviour", "behavior"),
    ("seafarers", "seafarer"),
    ("travelling", "traveling"),
    ("cheque", "check"),
];

/// The key form of one English word (lower case, or `None` for a stop word).
pub(crate) fn key_word(word: &str, stemmer: &frostem::Stemmer) -> Option<String> {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(&w).to_string();
    if w.is_empty() || STOP_WORDS.contains(&w.as_str()) || GLOSS_NOISE.contains(&w.as_str()) {
        return None;
    }
    let w = SPELLINGS.iter().find(|(uk, _)| *uk == w).map_or(w.clone(), |(_, us)| us.to_string());
    Some(stemmer.stem(&w).into_owned())
}

/// Split English text into words (letters, digits, apostrophes, hyphens
/// inside words).
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .flat_map(|w| w.split('-'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// The key of an English phrase: its non-stop words' stems, space-separated.
pub(crate) fn phrase_key(text: &str, stemmer: &frostem::Stemmer) -> String {
    let keys: Vec<String> = words(text).filter_map(|w| key_word(w, stemmer)).collect();
    keys.join(" ")
}

/// The look-up keys one CC-CEDICT gloss gives: the gloss itself (without
/// parenthetical notes), its head before a comma ("London, capital of …" →
/// "london"), each alternative of a `;` list, and an acronym in parentheses
/// ("World Trade Organization (WTO)" → "wto"). Glosses that define rather
/// than translate (classifiers, cross-references, literal readings) give
/// none. At most `max_words` words a key.
#[allow(dead_code)] // build.rs compiles CC-CEDICT with it
pub(crate) fn gloss_keys(gloss: &str, stemmer: &frostem::Stemmer, max_words: usize) -> Vec<String> {
    let g = gloss.trim();
    let lower = g.to_lowercase();
    let skip = [
        "cl:",
        "see ",
        "see also",
        "variant of",
        "old variant of",
        "used in",
        "lit.",
        "erhua variant",
        "japanese variant",
    ];
    if skip.iter().any(|s| lower.starts_with(s)) {
        return Vec::new();
    }
    // "abbr. for 上海汽車…|…, Shanghai Automotive…": the English after the comma.
    let g = match lower.strip_prefix("abbr. for ") {
        Some(_) => match g.split_once(',') {
            Some((_, english)) => english,
            None => return Vec::new(),
        },
        None => g,
    };
    let mut keys = Vec::new();
    let mut plain = String::with_capacity(g.len());
    let mut depth = 0u32;
    let mut inner = String::new();
    for c in g.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                inner.clear();
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                let acronym = inner.trim();
                if (2..=8).contains(&acronym.len())
                    && acronym.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                {
                    keys.push(acronym.to_lowercase());
                }
            }
            _ if depth > 0 => inner.push(c),
            _ => plain.push(c),
        }
    }
    for part in plain.split(';') {
        let head = part.split(',').next().unwrap_or(part);
        for text in [part, head] {
            let k = phrase_key(text, stemmer);
            let n = k.split(' ').count();
            if !k.is_empty() && n <= max_words && !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    keys
}

/// Toneless pinyin syllables of a CC-CEDICT reading (`Lao2 gong1` →
/// `["lao", "gong"]`); `u:` is `v`. `None` when the reading holds anything
/// but syllables (letters, punctuation).
#[allow(dead_code)] // build.rs compiles CC-CEDICT with it
pub(crate) fn toneless(reading: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for s in reading.split_whitespace() {
        let s = s.trim_end_matches(|c: char| c.is_ascii_digit()).to_lowercase().replace("u:", "v");
        if s.is_empty() || !s.chars().all(|c| c.is_ascii_lowercase()) {
            return None;
        }
        out.push(s);
    }
    (!out.is_empty()).then_some(out)
}
