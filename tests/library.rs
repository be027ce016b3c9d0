//! The library on the shipped corpus and on small temporary corpora.

use crate::util::{SEED, TestEnv, highlighted, locations};
use yuanwen::analysis::Normalized;

/// Lines of the shipped source text (1-based) containing `needle`, after
/// folding (width, case, script).
fn lines_containing(needle: &str) -> Vec<(String, u64)> {
    let text =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(SEED)).unwrap();
    let n = Normalized::new(needle);
    text.lines()
        .enumerate()
        .filter(|(_, l)| Normalized::new(l).text().contains(n.text()))
        .map(|(i, _)| (SEED.to_string(), i as u64 + 1))
        .collect()
}

#[test]
fn icftu_finds_section_two_first() {
    let env = TestEnv::shipped();
    env.index();
    let r = env.search("国际自由工联", 10);
    let top = &r.hits[0];
    assert_eq!((top.document.path.as_str(), top.document.line), (SEED, 8));
    assert_eq!(top.document.section.as_deref(), Some("(二) 与国际自由工联的关系"));
    assert!(highlighted(&top.snippet).iter().all(|h| h == "国际自由工联"), "{:?}", top.snippet);
    assert!(!top.snippet.char_highlights().is_empty());
}

/// The hits whose text contains `q` come first and are exactly the lines
/// that contain it; any further hits (found through the translation, e.g.
/// 工会 → "trade unions") follow them.
fn assert_direct_hits_first(env: &TestEnv, q: &str) {
    let r = env.search(q, 100);
    let expected = lines_containing(q);
    let canon = Normalized::new(q).text().to_string();
    let direct: Vec<bool> = r.hits.iter().map(|h| Normalized::new(&h.document.text).text().contains(&canon)).collect();
    assert!(direct.windows(2).all(|w| w[0] || !w[1]), "{q}: direct hits first: {direct:?}");
    let mut found: Vec<(String, u64)> = Vec::new();
    for h in r.hits.iter().filter(|h| Normalized::new(&h.document.text).text().contains(&canon)) {
        found.push((h.document.path.clone(), h.document.line));
        found.extend(h.duplicates.iter().map(|d| (d.path.clone(), d.line)));
    }
    found.sort();
    assert_eq!(found, expected, "{q}");
}

#[test]
fn gonghui_finds_every_paragraph_with_it() {
    let env = TestEnv::shipped();
    env.index();
    assert_direct_hits_first(&env, "工会");
    // Line 12 has 工会 only inside 中华全国总工会 and 中国工会.
    assert!(lines_containing("工会").contains(&(SEED.to_string(), 12)));
    for h in &env.search("工会", 100).hits {
        for hl in highlighted(&h.snippet) {
            assert_eq!(hl, "工会", "highlight covers exactly the match");
        }
    }
}

#[test]
fn words_inside_longer_words() {
    let env = TestEnv::shipped();
    env.index();
    for q in ["工会", "劳工", "海员工会", "总工会", "劳联", "鸿"] {
        assert_direct_hits_first(&env, q);
    }
}

#[test]
fn single_characters_anywhere_in_a_run() {
    let env = TestEnv::new();
    // 会 starts a word, ends a run (before punctuation, at the line end),
    // stands alone, and sits in the middle of one; 伞 is nowhere.
    env.write("a.txt", "会议明天举行。\n\n全体大会，下午开始。\n\n本会\n\n会\n\n工会会员名单。\n\n无关的一段文字。\n");
    env.index();
    let mut lines: Vec<u64> = env.search("会", 20).hits.iter().map(|h| h.document.line).collect();
    lines.sort();
    assert_eq!(lines, [1, 3, 5, 7, 9]);
    assert!(env.search("伞", 20).hits.is_empty());
    // A character next to its range neighbour (U+4F1A 会, U+4F1B 伛) does not
    // match it.
    env.write("b.txt", "伛偻。\n");
    env.index();
    assert_eq!(env.search("伛", 20).hits.len(), 1);
}

#[test]
fn duplicate_passage_is_shown_once() {
    let env = TestEnv::shipped();
    env.index();
    let r = env.search("两多", 10);
    assert_eq!(r.hits.len(), 1, "only the passage with 两多 itself: {:?}", locations(&r));
    let h = &r.hits[0];
    assert_eq!(h.document.line, 1);
    assert_eq!(h.duplicates.len(), 1);
    assert_eq!((h.duplicates[0].path.as_str(), h.duplicates[0].line), (SEED, 4));
}

#[test]
fn many_copies_of_a_passage_are_one_hit() {
    let env = TestEnv::new();
    // 30 files repeat one passage (the best match); 12 others each have
    // their own. One hit for the 30 copies, then ten different passages.
    for i in 0..30 {
        env.write(&format!("copy-{i:02}.txt"), "工会工会工会代表大会召开。\n");
    }
    for i in 0..12 {
        env.write(&format!("own-{i:02}.txt"), format!("第{i}号文件：工会的其他事项说明，共{i}条。\n"));
    }
    env.index();
    let r = env.search("工会", 10);
    assert_eq!(r.hits.len(), 10);
    let top = &r.hits[0];
    assert_eq!(top.document.path, "copy-00.txt", "the first place in corpus order is shown");
    assert_eq!(top.duplicates.len(), 29);
    assert!(top.duplicates.windows(2).all(|w| w[0] < w[1]));
    assert!(r.hits[1..].iter().all(|h| h.document.path.starts_with("own-") && h.duplicates.is_empty()));
    // A text condition (a phrase with punctuation) still lists every copy.
    let r = env.search("\"代表大会召开。\"", 10);
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.hits[0].duplicates.len(), 29);
}

#[test]
fn near_identical_copies_are_listed_only_where_the_query_matches() {
    let env = TestEnv::new();
    // Same letters and characters (one passage to the index), but the comma
    // breaks 代表大会 in b.txt.
    env.write("a.txt", "工会代表大会召开。\n");
    env.write("b.txt", "工会代表，大会召开。\n");
    env.write("c.txt", "工会代表大会召开。\n");
    env.index();
    for q in ["\"代表大会\"", "代表大会"] {
        let r = env.search(q, 10);
        assert_eq!(locations(&r), [("a.txt".to_string(), 1), ("c.txt".to_string(), 1)], "{q}");
    }
    // Where both match, both are listed.
    let r = env.search("召开", 10);
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.hits[0].duplicates.len(), 2);
}

#[test]
fn a_copy_that_meets_the_phrase_is_found_when_another_does_not() {
    let env = TestEnv::new();
    // One passage to the index (spaces and punctuation do not count), equal
    // scores, but only b.txt has "。 2" with the space.
    env.write("a.txt", "项目增多。2001年完成。\n");
    env.write("b.txt", "项目增多。 2001年完成。\n");
    env.index();
    let r = env.search("\"增多。 2\"", 10);
    assert_eq!(locations(&r), [("b.txt".to_string(), 1)]);
    let r = env.search("\"增多。2\"", 10);
    assert_eq!(locations(&r), [("a.txt".to_string(), 1)]);
}

#[test]
fn digits_and_han_match_across_a_space() {
    let env = TestEnv::shipped();
    env.index();
    for q in ["\"2000年\"", "2000年"] {
        let r = env.search(q, 100);
        // Line 3 (and its duplicate, line 6) writes `2000 年日本钢铁劳联`.
        assert_eq!(locations(&r), lines_containing("2000年"), "{q}");
        assert!(locations(&r).contains(&(SEED.to_string(), 3)));
    }
    let r = env.search("\"50多年\"", 10);
    assert_eq!(locations(&r), [(SEED.to_string(), 8)]);
}

#[test]
fn quoted_text_across_word_boundaries() {
    let env = TestEnv::shipped();
    env.index();
    // …全总与国际劳工局… : 总与国 spans two jieba words.
    let r = env.search("\"总与国\"", 10);
    assert_eq!(locations(&r), lines_containing("总与国"));
    assert_eq!(highlighted(&r.hits[0].snippet), ["总与国"]);
}

#[test]
fn exclusion_or_and_file_filter() {
    let env = TestEnv::shipped();
    env.write("notes/other.txt", "海员工会在大连开会。\n总工会的工作。\n");
    env.index();
    let with_zong: Vec<_> = locations(&env.search("工会 -总工会", 100));
    assert!(with_zong.iter().all(|(p, l)| !lines_with(&env, p, *l).contains("总工会")), "{with_zong:?}");
    let either = locations(&env.search("鸿 OR 挪威", 100));
    assert_eq!(either, lines_containing("挪威"));
    let only_notes = locations(&env.search("工会 file:notes", 100));
    assert_eq!(only_notes, [("notes/other.txt".to_string(), 1), ("notes/other.txt".to_string(), 2)]);
    let none = env.search("工会 file:nosuchfile", 100);
    assert!(none.hits.is_empty());
    assert_eq!(none.query.files.as_deref(), Some(&[][..]));
}

fn lines_with(env: &TestEnv, path: &str, line: u64) -> String {
    let text = std::fs::read_to_string(env.corpus().join(path)).unwrap();
    text.lines().nth(line as usize - 1).unwrap().to_string()
}

#[test]
fn traditional_and_simplified_find_each_other() {
    let env = TestEnv::new();
    env.write("trad.txt", "中華全國總工會與國際勞工局的關係。\n");
    env.write("simp.txt", "中华全国总工会与国际劳工局的关系。\n");
    env.index();
    for q in ["工會", "工会", "国际劳工局", "國際勞工局"] {
        let r = env.search(q, 10);
        let paths: Vec<_> = r.hits.iter().map(|h| h.document.path.as_str()).collect();
        // The two passages are the same text in two scripts: one hit, one duplicate.
        assert_eq!(locations(&r).len(), 2, "{q}: {paths:?}");
    }
    let r = env.search("工会", 10);
    let trad = r.hits.iter().find(|h| h.document.path == "trad.txt").map(|h| highlighted(&h.snippet));
    if let Some(t) = trad {
        assert_eq!(t, ["工會"]);
    }
}

#[test]
fn headings_name_sections_and_are_searchable() {
    let env = TestEnv::shipped();
    env.index();
    let r = env.search("\"与联合国开发计划署的关系\"", 10);
    assert_eq!(r.hits[0].document.line, 11);
    assert_eq!(r.hits[0].document.kind, yuanwen::DocKind::Heading);
    let r = env.search("73万元", 10);
    assert_eq!(r.hits[0].document.line, 12);
    assert_eq!(r.hits[0].document.section.as_deref(), Some("(四) 与联合国开发计划署的关系"));
}

#[test]
fn long_question_does_not_require_every_word() {
    let env = TestEnv::shipped();
    env.index();
    let q = "国际自由工联的总书记比尔·乔丹是在哪一年第一次率领代表团访问中国的？";
    let r = env.search(q, 5);
    assert_eq!(r.query.mode, yuanwen::search::QueryMode::Question);
    assert_eq!(r.hits[0].document.line, 8, "{:?}", locations(&r));
}

#[test]
fn bad_queries_are_errors_not_panics() {
    let env = TestEnv::shipped();
    env.index();
    let s = yuanwen::Searcher::open(env.index_dir()).unwrap();
    let o = yuanwen::SearchOptions::default();
    for q in ["", "   ", "\"unbalanced", "，。！", "-工会", "foo:bar"] {
        let e = s.search(q, &o).expect_err(q);
        assert!(matches!(e, yuanwen::Error::Query(_)), "{q}: {e}");
    }
    let long = "工会".repeat(5000);
    s.search(&long, &o).expect("10,000-character query");
    s.search("\u{1}\u{7f}工会\u{202e}", &o).expect("control characters");
}

/// A question's words in a passage's section title count for the passage
/// (titles are indexed once, on section documents, not per paragraph).
#[test]
fn question_words_in_the_section_title_rank_its_passages_first() {
    let env = TestEnv::new();
    env.write("a.txt", "第一章 海员工会\n\n本章规定会员的权利和义务，以及会费的标准。\n");
    env.write("b.txt", "第一章 农民协会\n\n本章规定会员的权利和义务。\n");
    env.index();
    let q = "海员工会的会员有哪些权利？";
    let paragraphs = |section: f32| -> Vec<String> {
        let s = yuanwen::Searcher::open(env.index_dir()).expect("open");
        let mut ranking = yuanwen::tuning::Ranking::default();
        ranking.section = section;
        let opts = yuanwen::SearchOptions::default().with_ranking(ranking);
        let r = s.search(q, &opts).expect("search");
        assert_eq!(r.query.mode, yuanwen::search::QueryMode::Question);
        r.hits
            .iter()
            .filter(|h| h.document.kind == yuanwen::DocKind::Paragraph)
            .map(|h| h.document.path.clone())
            .collect()
    };
    // Without the title, the shorter passage of b.txt ranks first.
    assert_eq!(paragraphs(0.0), ["b.txt", "a.txt"]);
    assert_eq!(paragraphs(yuanwen::SearchOptions::default().ranking().section), ["a.txt", "b.txt"]);
}

/// Keyword queries of common words are scored as one union of terms and
/// checked against their conditions (a rare word leads an intersection
/// instead): either way exactly the passages with every word, as
/// substrings, are found, and whole-word matches rank first.
#[test]
fn common_words_find_exactly_the_passages_with_all_of_them() {
    let env = TestEnv::new();
    let mut text = String::new();
    let mut both = Vec::new();
    let mut gov = Vec::new();
    for i in 0..60 {
        let p = match i % 6 {
            0 => format!("县人民政府有关部门负责第{i}项。"),
            1 => format!("人民政府决定第{i}项。"),
            2 => format!("有关部门负责第{i}项。"),
            // 人民 and 政府 apart: every bigram of 人民政府 but 民政.
            3 => format!("人民的政府和部门第{i}项。"),
            4 => format!("省人民政府第{i}项，由主管部门办理。"),
            _ => format!("其他事项第{i}项。"),
        };
        if i % 6 == 0 || i % 6 == 4 {
            both.push(2 * i as u64 + 1);
        }
        if matches!(i % 6, 0 | 1 | 4) {
            gov.push(2 * i as u64 + 1);
        }
        text.push_str(&p);
        text.push_str("\n\n");
    }
    text.push_str("罕见词语和人民政府部门。\n");
    env.write("a.txt", &text);
    env.index();
    let lines = |q: &str| {
        let mut v: Vec<u64> = env.search(q, 200).hits.iter().map(|h| h.document.line).collect();
        v.sort();
        v
    };
    both.push(121);
    gov.push(121);
    assert_eq!(lines("人民政府 部门"), both);
    assert_eq!(lines("人民政府"), gov);
    assert_eq!(lines("罕见词语 人民政府"), [121]);
    assert_eq!(lines("部门 罕见词语"), [121]);
    // Whole words first: 县人民政府 is cut 县 + 人民政府 like 省人民政府.
    let top = env.search("人民政府", 3);
    assert!(top.hits.iter().all(|h| h.document.text.contains("人民政府")));
}

/// A question's bigrams found in most passages (and the two-character words
/// they are) are left out of its union of terms when it has rarer ones:
/// passages holding only those are no longer candidates. A question of
/// common words alone still finds every passage.
#[test]
fn common_question_bigrams_make_no_candidates() {
    let env = TestEnv::new();
    let mut text = String::new();
    for i in 0..30 {
        text.push_str(&format!("事项{i}的规定如下。\n\n"));
    }
    text.push_str("工会会费的规定如下。\n");
    env.write("a.txt", &text);
    env.index();
    let searcher = yuanwen::Searcher::open(env.index_dir()).expect("open");
    let hits = |q: &str, share: f32| {
        let mut ranking = yuanwen::tuning::Ranking::default();
        (ranking.common_bigram, ranking.common_min_df) = (share, 0);
        let opts = yuanwen::SearchOptions::default().with_limit(100).with_ranking(ranking);
        searcher.search(q, &opts).expect("search").hits
    };
    // 的规 and 规定 are in all 31 passages.
    assert_eq!(hits("工会会费的规定是什么？", 1.0).len(), 31);
    let rare = hits("工会会费的规定是什么？", 0.5);
    assert_eq!(rare.len(), 1);
    assert_eq!(rare[0].document.line, 61);
    assert_eq!(hits("的规定是什么？", 0.5).len(), 31);
    // Far fewer than the default's 10,000 passages: nothing is common.
    let opts = yuanwen::SearchOptions::default().with_limit(100);
    assert_eq!(searcher.search("工会会费的规定是什么？", &opts).expect("search").hits.len(), 31);
}

/// A one-word query, or one quoted phrase, is a union of terms checked
/// against the phrase once it is in `union_min_df` passages: the same
/// passages as the phrase alone finds (not those with its bigrams apart).
#[test]
fn a_one_word_union_finds_what_its_phrase_finds() {
    let env = TestEnv::new();
    let mut text = String::new();
    let mut want = Vec::new();
    for i in 0..40u64 {
        let p = match i % 4 {
            0 => format!("全国人民代表大会第{i}次会议。"),
            1 => format!("人民的代表第{i}位。"),
            2 => format!("选举人民代表第{i}名。"),
            _ => format!("代表人民第{i}回。"),
        };
        if i % 4 == 0 || i % 4 == 2 {
            want.push(2 * i + 1);
        }
        text.push_str(&p);
        text.push_str("\n\n");
    }
    env.write("a.txt", &text);
    env.index();
    let searcher = yuanwen::Searcher::open(env.index_dir()).expect("open");
    let lines = |q: &str, min_df: u64| {
        let mut ranking = yuanwen::tuning::Ranking::default();
        ranking.union_min_df = min_df;
        let opts = yuanwen::SearchOptions::default().with_limit(100).with_ranking(ranking);
        let hits = searcher.search(q, &opts).expect("search").hits;
        let mut v: Vec<u64> = hits.iter().map(|h| h.document.line).collect();
        v.sort();
        (v, hits)
    };
    for q in ["人民代表", "\"人民代表\"", "\"民代表\""] {
        let (phrase, _) = lines(q, u64::MAX);
        let (union, hits) = lines(q, 1);
        assert_eq!(phrase, want, "{q}");
        assert_eq!(union, want, "{q}");
        assert!(hits.iter().all(|h| h.document.text.contains("人民代表")), "{q}");
    }
}

/// A keyword query that jieba cuts otherwise than the text (`人民政`: 人 +
/// 民政, inside 人民政府) ranks the passages holding it as typed above
/// those holding its pieces apart, however short and dense those are.
#[test]
fn the_query_as_typed_ranks_above_its_pieces_apart() {
    let env = TestEnv::new();
    let mut text = String::new();
    for i in 0..20 {
        text.push_str(&format!(
            "县级以上地方人民政府负责本行政区域内的殡葬管理工作，并组织有关部门开展监督检查{i}。\n\n"
        ));
    }
    for i in 0..2 {
        text.push_str(&format!("接到举报、投诉后，民政、卫生健康等部门应当及时核实，并告知举报人、投诉人{i}。\n\n"));
    }
    env.write("a.txt", &text);
    env.index();
    let searcher = yuanwen::Searcher::open(env.index_dir()).expect("open");
    let together = |ranking: yuanwen::tuning::Ranking| -> Vec<bool> {
        let opts = yuanwen::SearchOptions::default().with_limit(22).with_ranking(ranking);
        let results = searcher.search("人民政", &opts).expect("search");
        let concepts: Vec<&str> = results.query.groups[0][0].concepts.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(concepts, ["人", "民政"], "jieba cuts the query apart");
        results.hits.iter().map(|h| h.document.text.contains("人民政")).collect()
    };
    let as_typed_first = [[true; 20].as_slice(), &[false; 2]].concat();
    assert_eq!(together(Default::default()), as_typed_first);
    // It is the tier that does it: the phrase score alone, even ten times
    // over, leaves the passages with the rarer word 民政 first.
    let mut no_tier = yuanwen::tuning::Ranking::default();
    no_tier.as_typed = 0.0;
    assert_eq!(together(no_tier), [[false; 2].as_slice(), &[true; 20]].concat());
}
