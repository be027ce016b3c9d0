//! Property tests: exact substring search, and no input ever panics.

use crate::util::{TestEnv, locations};
use proptest::prelude::*;
use std::sync::LazyLock;
use yuanwen::analysis::Normalized;

struct Shipped {
    env: TestEnv,
    searcher: yuanwen::Searcher,
    /// (path, line, canonical text, canonical translation) of every paragraph.
    lines: Vec<(String, u64, String, String)>,
    raw: Vec<String>,
}

static SHIPPED: LazyLock<Shipped> = LazyLock::new(|| {
    let env = TestEnv::shipped();
    // A Traditional copy, so the property covers Traditional text too.
    let seed = std::fs::read_to_string(env.corpus().join(crate::util::SEED)).unwrap();
    let trad = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2t).unwrap().convert(&seed);
    env.write("traditional.txt", &trad);
    env.index();
    let searcher = yuanwen::Searcher::open(env.index_dir()).unwrap();
    let mut lines = Vec::new();
    let mut raw = Vec::new();
    let en = std::fs::read_to_string(env.corpus().join(crate::util::SEED.replace(".txt", ".en.txt"))).unwrap();
    let en: Vec<&str> = en.lines().collect();
    for (path, text) in [(crate::util::SEED, &seed), ("traditional.txt", &trad)] {
        for (i, l) in text.lines().enumerate() {
            let translation = if path == crate::util::SEED { en.get(i).copied().unwrap_or_default() } else { "" };
            let canon = |s: &str| Normalized::new(s).text().to_string();
            lines.push((path.to_string(), i as u64 + 1, canon(l), canon(translation)));
            raw.push(l.to_string());
        }
    }
    Shipped { env, searcher, lines, raw }
});

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    /// A quoted random substring (1–6 characters) of the corpus finds
    /// exactly the paragraphs that contain it after folding — in their
    /// translation too when it is English (letters, no Han).
    #[test]
    fn quoted_substring_finds_exactly_the_paragraphs_containing_it(line in 0usize..24, start in 0usize..2000, len in 1usize..=6) {
        let s = &*SHIPPED;
        let chars: Vec<char> = s.raw[line].chars().collect();
        let start = start % chars.len();
        let end = (start + len).min(chars.len());
        let sub: String = chars[start..end].iter().collect();
        prop_assume!(!sub.contains('"'));
        let norm = Normalized::new(&sub);
        let canon = norm.text().to_string();
        let searchable = !yuanwen::analysis::bigrams(&norm).is_empty();
        let result = s.searcher.search(&format!("\"{sub}\""), &yuanwen::SearchOptions::default().with_limit(100));
        if !searchable {
            prop_assert!(matches!(result, Err(yuanwen::Error::Query(_))), "{sub:?} should be refused");
            return Ok(());
        }
        let result = result.unwrap();
        let english = !sub.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && sub.chars().any(char::is_alphabetic);
        let mut expected: Vec<(String, u64)> = s.lines.iter()
            .filter(|(_, _, t, tr)| t.contains(&canon) || (english && tr.contains(&canon)))
            .map(|(p, l, _, _)| (p.clone(), *l))
            .collect();
        expected.sort();
        prop_assert_eq!(locations(&result), expected, "query {:?} (canonical {:?})", sub, canon);
        let _ = &s.env;
    }

    /// Arbitrary queries never panic: they give results or a query error.
    #[test]
    fn any_query_is_answered(q in "\\PC{0,40}") {
        let s = &*SHIPPED;
        match s.searcher.search(&q, &yuanwen::SearchOptions::default()) {
            Ok(r) => for h in r.hits {
                let n = h.snippet.text().chars().count();
                prop_assert!(h.snippet.char_highlights().iter().all(|&(a, b)| a < b && b <= n));
                prop_assert_eq!(h.snippet.parts().map(|p| p.0).collect::<String>(), h.snippet.text());
            },
            Err(yuanwen::Error::Query(_)) => {}
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    /// Analysis keeps offsets on character boundaries, in order, for any text.
    #[test]
    fn analysis_offsets_on_char_boundaries(text in "\\PC{0,60}|[\\u{4e00}-\\u{4e50}a-z0-9 ，。①\\u{3000}\\u{200b}]{0,60}") {
        let n = Normalized::new(&text);
        static ANALYZER: LazyLock<yuanwen::analysis::Analyzer> = LazyLock::new(yuanwen::analysis::Analyzer::builtin);
        let (en, _) = yuanwen::analysis::english(&n);
        for t in ANALYZER.words(&n).into_iter().chain(yuanwen::analysis::bigrams(&n)).chain(en) {
            let r = t.source(&n);
            prop_assert!(r.start < r.end && r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
    }
}
