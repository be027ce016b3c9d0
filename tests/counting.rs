//! Counting, paging, sorting, facets and the concordance, in the library
//! and on the command line, checked against independent scans.

use crate::util::{SEED, TestEnv, stderr, stdout};
use unicode_width::UnicodeWidthStr;
use yuanwen::search::{KwicSort, Sort};
use yuanwen::{SearchOptions, SearchResults, Searcher};

/// Three files; 工会 in some paragraphs, twice in one, one paragraph copied.
fn corpus() -> TestEnv {
    let env = TestEnv::new();
    env.write("a.txt", "海员工会。\n\n工会与工会合作。\n\n没有那个词。\n");
    env.write("b.txt", "# 总则\n\n工會代表。\n\n## 附则\n\n海员工会。\n");
    env.write("c/d.txt", "大连。\n\n中华全国总工会。\n");
    env.index();
    env
}

fn search(env: &TestEnv, q: &str, opts: SearchOptions) -> SearchResults {
    Searcher::open(env.index_dir()).expect("open").search(q, &opts).expect("search")
}

/// (passages, places, occurrences) of `needles` in the paragraphs of the
/// corpus's files, counted without the engine.
fn scan(env: &TestEnv, needles: &[&str]) -> (u64, u64, u64) {
    let mut passages = std::collections::BTreeSet::new();
    let (mut places, mut occurrences) = (0, 0);
    for e in walkdir::WalkDir::new(env.corpus()).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file())
    {
        let text = std::fs::read_to_string(e.path()).unwrap();
        for para in text.split("\n\n").map(str::trim) {
            let n: usize = needles.iter().map(|w| para.matches(w).count()).sum();
            if n > 0 && !para.starts_with('#') {
                passages.insert(para.to_string());
                places += 1;
                occurrences += n as u64;
            }
        }
    }
    (passages.len() as u64, places, occurrences)
}

#[test]
fn counts_are_exact() {
    let env = corpus();
    let r = search(&env, "工会", SearchOptions::default().with_count(true).with_limit(1));
    let c = r.summary.counts.expect("counted");
    assert_eq!((c.passages, c.places, c.occurrences), scan(&env, &["工会", "工會"]));
    assert_eq!((c.passages, c.places, c.occurrences), (4, 5, 6));
    assert_eq!(r.summary.shown, 1);
    // Not asked for, not counted.
    assert!(env.search("工会", 1).summary.counts.is_none());
}

#[test]
fn pages_in_corpus_order_add_up_to_everything() {
    let env = corpus();
    let page = |offset| {
        let opts = SearchOptions::default().with_sort(Sort::Path).with_limit(2).with_offset(offset);
        search(&env, "工会", opts).hits.into_iter().map(|h| (h.document.path, h.document.line)).collect::<Vec<_>>()
    };
    let all: Vec<(String, u64)> = (0..4).step_by(2).flat_map(page).collect();
    let expected: Vec<(String, u64)> =
        [("a.txt", 1), ("a.txt", 3), ("b.txt", 3), ("c/d.txt", 3)].iter().map(|(p, l)| (p.to_string(), *l)).collect();
    assert_eq!(all, expected, "海员工会 of b.txt is a duplicate of a.txt:1");
    assert!(page(4).is_empty());
    // Relevance pages do not overlap either.
    let rel = |offset| search(&env, "工会", SearchOptions::default().with_limit(2).with_offset(offset)).hits;
    let (p1, p2) = (rel(0), rel(2));
    assert_eq!((p1.len(), p2.len(), p2[0].rank), (2, 2, 3));
    assert!(p1.iter().all(|a| p2.iter().all(|b| a.document.text != b.document.text)));
}

#[test]
fn facets_count_places_per_file_and_section() {
    let env = corpus();
    let r = search(&env, "工会", SearchOptions::default().with_facets(true));
    let f = r.facets.expect("facets");
    let files: Vec<(&str, u64)> = f.files.iter().map(|c| (c.path.as_str(), c.places)).collect();
    assert_eq!(files, [("a.txt", 2), ("b.txt", 2), ("c/d.txt", 1)]);
    let sections: Vec<(&str, &str, u64)> =
        f.sections.iter().map(|c| (c.path.as_str(), c.section.as_str(), c.places)).collect();
    assert_eq!(sections, [("b.txt", "总则", 1), ("b.txt", "附则", 1)]);
}

#[test]
fn context_gives_the_neighbouring_passages() {
    let env = corpus();
    let r = search(&env, "合作", SearchOptions::default().with_context(1));
    let h = &r.hits[0];
    assert_eq!(h.before.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(), ["海员工会。"]);
    assert_eq!(h.after.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(), ["没有那个词。"]);
}

#[test]
fn concordance_has_one_line_per_occurrence() {
    let env = TestEnv::shipped();
    env.index();
    let s = Searcher::open(env.index_dir()).unwrap();
    let kwic = s.concordance("工会", &SearchOptions::default(), 10, KwicSort::Path).unwrap();
    let source = std::fs::read_to_string(env.corpus().join(SEED)).unwrap();
    assert_eq!(kwic.lines.len(), source.matches("工会").count());
    assert!(kwic.lines.iter().all(|l| l.keyword == "工会" && l.left.chars().count() <= 10));
    // Sorted by the text after the match.
    let right = s.concordance("工会", &SearchOptions::default(), 10, KwicSort::Right).unwrap();
    assert!(right.lines.windows(2).all(|w| w[0].right <= w[1].right));
}

#[test]
fn the_command_line_counts_lists_and_pages() {
    let env = corpus();
    let out = env.run(&["search", "工会", "--count"]);
    assert_eq!(stdout(&out), "4 passages, 5 places, 6 occurrences\n");
    let out = env.run(&["search", "工会", "-l"]);
    assert_eq!(stdout(&out), "corpus/a.txt\ncorpus/b.txt\ncorpus/c/d.txt\n");
    let out = env.run(&["search", "工会", "--count-by", "file"]);
    assert_eq!(stdout(&out), "corpus/a.txt:2\ncorpus/b.txt:2\ncorpus/c/d.txt:1\n");
    let out = env.run(&["search", "工会", "--count-by", "section"]);
    assert_eq!(stdout(&out), "corpus/b.txt:总则:1\ncorpus/b.txt:附则:1\n");
    let out = env.run(&["search", "不存在", "--count"]);
    assert_eq!((out.status.code(), stdout(&out).as_str()), (Some(1), "0 passages, 0 places, 0 occurrences\n"));
    // The summary on stderr when asked (it is on by default on a terminal).
    let out = env.run(&["search", "工会", "--sort", "path", "-m", "2", "--offset", "2", "--stats", "--color", "never"]);
    assert!(stderr(&out).contains("3–4 of 4 passages · 5 places · "), "{}", stderr(&out));
    let text = stdout(&out);
    let heads: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ') && !l.is_empty()).collect();
    assert_eq!(heads, ["corpus/b.txt:3  总则", "corpus/c/d.txt:3"]);
}

#[test]
fn json_ends_with_a_summary_record() {
    let env = corpus();
    let out = env.run(&["search", "工会", "--json", "-m", "2"]);
    let records: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 3);
    assert!(records[..2].iter().all(|r| r["type"] == "hit" && r["matched"].is_array()));
    let s = &records[2];
    assert_eq!(s["type"], "summary");
    assert_eq!((s["passages"].as_u64(), s["places"].as_u64(), s["occurrences"].as_u64()), (Some(4), Some(5), Some(6)));
    assert_eq!((s["shown"].as_u64(), s["offset"].as_u64()), (Some(2), Some(0)));
    assert!(s["elapsed_ms"].as_f64().is_some());
    let out = env.run(&["search", "工会", "--json", "--count-by", "file"]);
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(s["files"][2]["path"], "c/d.txt");
    assert_eq!(s["files"][2]["places"], 1);
}

#[test]
fn explain_lists_the_forms_found() {
    let env = corpus();
    let out = env.run(&["search", "工会", "--explain", "--color", "never"]);
    let text = stdout(&out);
    assert!(text.contains("工会: 工会 5 · 工會 1"), "{text}");
    assert!(text.contains("matched: 工会 text"), "{text}");
    let out = env.run(&["search", "工会", "--explain", "--json"]);
    let last: serde_json::Value = serde_json::from_str(stdout(&out).lines().last().unwrap()).unwrap();
    assert_eq!(last["forms"][1]["written"], "工會");
}

#[test]
fn kwic_lines_are_aligned_and_counted() {
    let env = TestEnv::shipped();
    let out = env.run(&["search", "工会", "--kwic", "--color", "never"]);
    let source = std::fs::read_to_string(env.corpus().join(SEED)).unwrap();
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), source.matches("工会").count());
    // The keyword starts at one column on every line, and the place too.
    let at = |l: &String| l[..l.find('【').unwrap()].width();
    assert!(lines.iter().all(|l| at(l) == at(&lines[0])), "{lines:#?}");
    let place = |l: &String| l[..l.rfind("  ").unwrap()].width();
    assert!(lines.iter().all(|l| place(l) == place(&lines[0])));
    assert!(lines.iter().all(|l| l.ends_with(&format!("{SEED}:{}", l.rsplit(':').next().unwrap()))));
    let out = env.run(&["search", "工会", "--kwic", "--kwic-sort", "left", "--json"]);
    let last: serde_json::Value = serde_json::from_str(stdout(&out).lines().last().unwrap()).unwrap();
    assert_eq!(last["occurrences"].as_u64(), Some(lines.len() as u64));
}

#[test]
fn a_limit_larger_than_the_index_is_not_an_error() {
    let env = corpus();
    let out = env.run(&["search", "工会", "-m", "100000000", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 5);
}

#[test]
fn a_hit_shows_a_place_its_file_filter_allows() {
    let env = TestEnv::new();
    env.write("alpha.txt", "duptok 重复的段落。\n");
    env.write("beta.txt", "duptok 重复的段落。\n");
    env.write("gamma.txt", "duptok 重复的段落。\n");
    env.index();
    let r = env.search("duptok file:beta", 10);
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.hits[0].document.path, "beta.txt", "not alpha.txt, which the filter excludes");
    assert!(r.hits[0].duplicates.is_empty(), "{:?}", r.hits[0].duplicates);
    let r = env.search("duptok file:beta file:gamma", 10);
    assert_eq!(r.hits[0].document.path, "beta.txt");
    assert_eq!(r.hits[0].duplicates.iter().map(|d| d.path.as_str()).collect::<Vec<_>>(), ["gamma.txt"]);
}
