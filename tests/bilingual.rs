//! English and Chinese queries across sources and their translations.

use crate::util::{SEED, TestEnv, highlighted, stderr, stdout};
use yuanwen::search::SearchResults;

fn first_line(r: &SearchResults) -> u64 {
    r.hits.first().map(|h| h.document.line).unwrap_or(0)
}

/// The top hit has highlights in the passage and in its translation.
fn both_languages_highlighted(r: &SearchResults) -> bool {
    let h = &r.hits[0];
    !h.snippet.char_highlights().is_empty()
        && h.translation_snippet.as_ref().is_some_and(|t| !t.char_highlights().is_empty())
}

#[test]
fn english_queries_find_the_right_passages_first() {
    let env = TestEnv::shipped();
    env.index();
    for (q, line, chinese) in [
        ("ICFTU", 8, "国际自由工联"),
        ("International Confederation of Free Trade Unions", 8, "国际自由工联"),
        ("World Confederation of Labour", 10, "世界劳联"),
        ("seafarers", 3, "海员"),
        ("Norway", 3, "挪威"),
        ("UNDP", 12, "联合国开发计划署"),
    ] {
        let r = env.search(q, 5);
        assert_eq!(first_line(&r), line, "{q}");
        assert!(both_languages_highlighted(&r), "{q}: {:?}", r.hits[0]);
        assert!(highlighted(&r.hits[0].snippet).iter().any(|h| h == chinese), "{q}: {:?}", r.hits[0].snippet);
    }
    let r = env.search("trade union", 5);
    assert!(r.hits[0].document.text.contains("工会"));
    assert!(both_languages_highlighted(&r));
}

#[test]
fn pinyin_and_names() {
    let env = TestEnv::shipped();
    env.index();
    let r = env.search("gonghui", 5);
    assert!(!r.hits.is_empty() && r.hits.iter().all(|h| h.document.text.contains("工会")));
    assert_eq!(highlighted(&r.hits[0].snippet)[0], "工会");
    let r = env.search("Bill Jordan", 5);
    assert_eq!(first_line(&r), 8);
    assert_eq!(highlighted(&r.hits[0].snippet), ["比尔·乔丹"]);
    let r = env.search("laogongju", 5);
    assert!(r.hits[0].document.text.contains("劳工局"));
}

#[test]
fn english_words_are_not_read_as_pinyin() {
    let env = TestEnv::shipped();
    env.index();
    for q in ["long", "change", "men"] {
        let s = yuanwen::Searcher::open(env.index_dir()).unwrap();
        let r = s.search(q, &Default::default());
        let r = match r {
            Ok(r) => r,
            Err(e) => panic!("{q}: {e}"),
        };
        let json = serde_json::to_string(&r.query).unwrap();
        assert!(!json.contains("\"pinyin\""), "{q}: {json}");
    }
}

#[test]
fn dictionary_works_without_the_glossary() {
    let env = TestEnv::shipped();
    std::fs::remove_file(env.corpus().join("glossary.tsv")).unwrap();
    env.index();
    let r = env.search("Norway", 5);
    assert_eq!(first_line(&r), 3);
    let r = env.search("Bill Jordan", 5);
    assert_eq!(first_line(&r), 8, "CC-CEDICT: Bill → 比尔, Jordan → 乔丹");
}

#[test]
fn glossary_changes_need_no_rebuild() {
    let env = TestEnv::new();
    env.write("a.txt", "古斯特访问了中国。\n");
    let out = env.run(&["search", "Gust", "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    env.write("glossary.tsv", "Gust\t古斯特\n");
    let out = env.run(&["search", "Gust", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("index"), "no rebuild: {}", stderr(&out));
    let bad = env.write("glossary.tsv", "Gust\t古斯特\nbroken line without tab\n");
    let out = env.run(&["search", "Gust"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("glossary.tsv:2"), "{}", stderr(&out));
    let _ = bad;
}

#[test]
fn chinese_query_finds_english_text() {
    let env = TestEnv::new();
    env.write("notes.txt", "The trade union delegation met in Dalian.\n");
    env.write("zh.txt", "海员工会在大连开会。\n");
    env.index();
    let r = env.search("工会", 10);
    let paths: Vec<&str> = r.hits.iter().map(|h| h.document.path.as_str()).collect();
    assert_eq!(paths, ["zh.txt", "notes.txt"], "the direct match first, then the English one");
    assert!(!r.hits[1].snippet.char_highlights().is_empty());
}

#[test]
fn misaligned_translation_is_reported_and_left_out() {
    let env = TestEnv::new();
    env.write("a.txt", "第一段。\n第二段工会。\n");
    env.write("a.en.txt", "Only one line.\n");
    env.write("b.txt", "海员。\n");
    env.write("b.en.txt", "Seafarers.\n");
    let report = env.index();
    let w: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(w.iter().any(|w| w.contains("a.en.txt") && w.contains("a.txt") && w.contains("1 paragraphs")), "{w:?}");
    let r = env.search("工会", 5);
    assert_eq!(r.hits[0].document.translation, None);
    let r = env.search("seafarers", 5);
    assert_eq!(r.hits[0].document.path, "b.txt");
    assert_eq!(r.hits[0].document.translation.as_deref(), Some("Seafarers."));
}

#[test]
fn jsonl_translations_and_json_output() {
    let env = TestEnv::new();
    env.write(
        "set.jsonl",
        "{\"id\": \"r1\", \"text\": \"挪威总工会合作。\", \"translation\": \"Cooperation with LO Norway.\"}\n",
    );
    let out = env.run(&["search", "Norway", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let hit: serde_json::Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(hit["id"], "r1");
    assert_eq!(hit["translation"], "Cooperation with LO Norway.");
    assert!(!hit["translation_highlights"].as_array().unwrap().is_empty());
    assert!(!hit["highlights"].as_array().unwrap().is_empty(), "挪威 is highlighted too");
    let concepts = &hit["query"]["groups"][0][0]["concepts"][0];
    assert!(concepts["alternatives"].as_array().is_some_and(|a| a.iter().any(|x| x["text"] == "挪威")), "{concepts}");
}

#[test]
fn explain_shows_translations() {
    let env = TestEnv::shipped();
    let out = env.run(&["search", "ICFTU", "--explain", "--color", "never"]);
    let text = stdout(&out);
    assert!(text.contains("icftu") && text.contains("国际自由工联") && text.contains("glossary"), "{text}");
    let _ = SEED;
}
