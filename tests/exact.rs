//! What "contains" means: matching rules, literal and variant-aware
//! matching, translation-aware results (README.md, "Matching rules").

use crate::util::{TestEnv, highlighted};
use yuanwen::search::MatchKind;
use yuanwen::{SearchOptions, SearchResults, Searcher};

fn search_with(env: &TestEnv, q: &str, opts: SearchOptions) -> SearchResults {
    Searcher::open(env.index_dir()).expect("open").search(q, &opts).expect("search")
}

fn places(r: &SearchResults) -> Vec<(String, u64)> {
    r.hits.iter().map(|h| (h.document.path.clone(), h.document.line)).collect()
}

#[test]
fn a_chinese_word_never_matches_only_through_a_translation() {
    let env = TestEnv::shipped();
    env.index();
    // 存在 and 词语 have dictionary senses ("exist", "expressed") that the
    // shipped translation holds; the Chinese holds neither.
    assert!(env.search("不存在的词语", 10).hits.is_empty());
    let env = TestEnv::new();
    env.write("a.txt", "本條例依勞動基準法制定之。\n");
    env.write("a.en.txt", "These Regulations are enacted under the Labor Standards Act, a law.\n");
    env.write("notes.txt", "The law is clear on this point.\n");
    env.index();
    // 法律 ("law"): the English-only passage, not the Chinese one whose
    // translation says "law".
    let r = env.search("法律", 10);
    assert_eq!(places(&r), [("notes.txt".to_string(), 1)]);
    assert_eq!(r.hits[0].matched[0].how, MatchKind::Dictionary);
    // An English word still finds the translated passage.
    let r = env.search("law", 10);
    assert!(places(&r).contains(&("a.txt".to_string(), 1)), "{:?}", places(&r));
}

#[test]
fn a_quoted_english_phrase_finds_the_translation_that_holds_it() {
    let env = TestEnv::shipped();
    env.index();
    for phrase in ["International Labour Office", "Bill Jordan"] {
        let r = env.search(&format!("\"{phrase}\""), 10);
        assert!(!r.hits.is_empty(), "{phrase}");
        for h in &r.hits {
            let t = h.translation_snippet.as_ref().expect("a translation");
            assert_eq!(highlighted(t), [phrase], "{phrase} at {}:{}", h.document.path, h.document.line);
            assert_eq!(h.matched[0].how, MatchKind::Translation);
        }
    }
    // Each hit's translation holds the phrase, and every passage whose
    // translation holds it is found.
    let r = env.search("\"Bill Jordan\"", 50);
    let text = std::fs::read_to_string(env.corpus().join(crate::util::SEED.replace(".txt", ".en.txt"))).unwrap();
    let expected = text.lines().filter(|l| l.contains("Bill Jordan")).count();
    let found: usize = r.hits.iter().map(|h| 1 + h.duplicates.len()).sum();
    assert_eq!(found, expected);
}

#[test]
fn variants_fold_and_say_so() {
    let env = TestEnv::new();
    env.write("a.txt", "衛國之道。\n\n衞靈公問陳於孔子。\n\n保卫祖国。\n\n登峰造極。\n\n峯巒疊翠。\n");
    env.index();
    let r = env.search("衞", 10);
    let mut lines: Vec<u64> = r.hits.iter().map(|h| h.document.line).collect();
    lines.sort();
    assert_eq!(lines, [1, 3, 5]);
    // As typed first, and marked text; the others are variants.
    assert_eq!(r.hits[0].document.line, 3);
    assert_eq!(r.hits[0].matched[0].how, MatchKind::Text);
    assert!(r.hits[1..].iter().all(|h| h.matched[0].how == MatchKind::Variant));
    let r = env.search("峯", 10);
    assert_eq!(r.hits.len(), 2);
    // The forms found, with their counts.
    let kwic = Searcher::open(env.index_dir())
        .unwrap()
        .concordance("衞", &SearchOptions::default(), 0, yuanwen::search::KwicSort::Path)
        .unwrap();
    let forms: Vec<(String, u64)> = kwic.forms().into_iter().map(|f| (f.written, f.count)).collect();
    assert_eq!(forms, [("卫".to_string(), 1), ("衛".to_string(), 1), ("衞".to_string(), 1)]);
}

#[test]
fn literal_atoms_and_exact_mode_match_as_written() {
    let env = TestEnv::new();
    env.write("a.txt", "裡面有人。\n\n里面没人。\n\n裏面無人。\n\n Ｉ ＬＯ 与 ILO。\n");
    env.index();
    assert_eq!(env.search("\"裡\"", 10).hits.len(), 3, "folded: 裡, 里 and 裏 are one");
    let literal = env.search("=\"裡\"", 10);
    assert_eq!(places(&literal), [("a.txt".to_string(), 1)]);
    assert_eq!(highlighted(&literal.hits[0].snippet), ["裡"]);
    let exact = search_with(&env, "裡", SearchOptions::default().with_exact(true));
    assert_eq!(places(&exact), [("a.txt".to_string(), 1)]);
    // Width and case are still folded: full-width ＬＯ is lo.
    assert_eq!(search_with(&env, "ilo", SearchOptions::default().with_exact(true)).hits.len(), 1);
    // No expansions: an English word does not reach Chinese.
    assert!(search_with(&env, "inside", SearchOptions::default().with_exact(true)).hits.is_empty());
}

#[test]
fn duplicates_with_different_translations_are_kept_apart() {
    let env = TestEnv::new();
    for (name, en) in [
        ("a", "These Rules take effect on promulgation."),
        ("b", "Effective from the date of issue."),
        ("c", "These Rules take effect on promulgation."),
    ] {
        env.write(&format!("{name}.txt"), "本細則自發布日施行。\n");
        env.write(&format!("{name}.en.txt"), format!("{en}\n"));
    }
    env.index();
    let r = env.search("\"本細則自發布日施行\"", 10);
    assert_eq!(r.hits.len(), 1);
    let h = &r.hits[0];
    assert_eq!(h.document.path, "a.txt");
    let dups: Vec<(&str, Option<&str>)> =
        h.duplicates.iter().map(|d| (d.path.as_str(), d.translation.as_deref())).collect();
    assert_eq!(dups, [("b.txt", Some("Effective from the date of issue.")), ("c.txt", None)]);
}

#[test]
fn a_heading_hit_shows_the_passage_under_it() {
    let env = TestEnv::new();
    env.write("poems.md", "# 唐詩\n\n## 宿巫山下（李白）\n\n昨夜巫山下，猿聲夢裡長。\n\n## 靜夜思\n\n床前明月光。\n");
    env.index();
    let r = env.search("宿巫山下", 10);
    let h = &r.hits[0];
    assert_eq!(h.document.kind, yuanwen::DocKind::Heading);
    assert_eq!(h.under.as_ref().map(|d| d.text.as_str()), Some("昨夜巫山下，猿聲夢裡長。"));
    assert_eq!(h.document.title.as_deref(), Some("唐詩"));
}

#[test]
fn the_english_snippet_goes_with_the_chinese_one() {
    let env = TestEnv::new();
    let zh = "第一句讲天气很好。第二句讲市场开放。第三句讲工会代表访问大连。第四句讲会议结束。";
    let en = "The first sentence says the weather is fine. The second says the market opened. \
              The third says union delegates visited Dalian. The fourth says the meeting ended.";
    env.write("a.txt", format!("{zh}\n"));
    env.write("a.en.txt", format!("{en}\n"));
    env.index();
    let opts = SearchOptions::default().with_width(12);
    let r = search_with(&env, "大连", opts);
    let t = r.hits[0].translation_snippet.as_ref().expect("an English snippet");
    assert!(t.text().contains("Dalian"), "{}", t.text());
}

#[test]
fn a_misaligned_translation_keeps_what_lines_up() {
    let env = TestEnv::new();
    env.write("a.txt", "第一段讲海员。\n\n第二段讲工会。\n\n第三段讲大连。\n");
    env.write("a.en.txt", "The first is about seafarers.\n\nThe second is about unions.\n");
    let report = env.index();
    let w: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(w.iter().any(|w| w.contains("a.en.txt")), "{w:?}");
    let r = env.search("海员", 5);
    assert_eq!(r.hits[0].document.translation.as_deref(), Some("The first is about seafarers."));
}
