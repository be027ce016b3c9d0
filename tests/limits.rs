//! Queries no input size can crash: bounded depth and a stated length cap.

use crate::util::{TestEnv, laws_prc};
use yuanwen::{Error, SearchOptions, Searcher};

#[test]
fn a_query_of_one_letter_syllables_does_not_overflow_a_small_thread_stack() {
    let env = TestEnv::shipped();
    env.index();
    let index = env.index_dir();
    // A library caller's spawned thread gets 2 MB of stack.
    let outcome = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let s = Searcher::open(&index).expect("open");
            let mut queries = ["a", "e", "o"].map(|c| c.repeat(47_200)).to_vec();
            // A thousand optional concepts once nested a thousand deep (the
            // fuzzer found it).
            queries.push(format!("a OR b {}", "①".repeat(1000)));
            queries.iter().map(|q| s.search(q, &SearchOptions::default()).map(|r| r.hits.len())).collect::<Vec<_>>()
        })
        .expect("spawn")
        .join()
        .expect("no panic, no overflow");
    assert!(outcome.iter().all(Result::is_ok), "{outcome:?}");
}

#[test]
fn a_query_longer_than_the_cap_is_a_clear_error_and_a_long_passage_is_not() {
    let env = TestEnv::shipped();
    env.index();
    let s = Searcher::open(env.index_dir()).expect("open");
    let long = "字".repeat(yuanwen::search::MAX_QUERY_BYTES / 3 + 1);
    match s.search(&long, &SearchOptions::default()) {
        Err(Error::QueryTooLong { bytes, max }) => assert!(bytes > max),
        other => panic!("{:?}", other.map(|r| r.hits.len())),
    }
    let out = env.run(&["search", &"工会".repeat(10)]);
    assert_eq!(out.status.code(), Some(0));
}

/// Lines of a text file with their 1-based numbers, of `min..=max` characters.
fn lines_between(text: &str, min: usize, max: usize) -> Vec<(u64, String)> {
    (1..)
        .zip(text.lines())
        .filter(|(_, l)| (min..=max).contains(&l.chars().count()))
        .map(|(n, l)| (n, l.to_string()))
        .collect()
}

#[test]
fn a_pasted_passage_finds_where_it_comes_from() {
    let env = TestEnv::shipped();
    env.index();
    let s = Searcher::open(env.index_dir()).expect("open");
    let text = std::fs::read_to_string(env.corpus().join(crate::util::SEED)).unwrap();
    let long = lines_between(&text, 150, 5_000);
    assert!(long.len() >= 3);
    for (_, paragraph) in &long {
        // Pasted with a little of what surrounds it, and in Traditional
        // characters as an edition might print it.
        let pasted = format!("见于某书：{paragraph}（下略）");
        let r = s.search(&pasted, &SearchOptions::default().with_count(true)).expect("search");
        assert_eq!(r.query.mode, yuanwen::search::QueryMode::Passage);
        let first = &r.hits[0];
        // The passage, or a copy of it (the shipped text repeats some, with
        // footnote markers: one passage to the duplicate folding too).
        let bare = |t: &str| t.chars().filter(|c| !c.is_whitespace() && !('①'..='⑳').contains(c)).collect::<String>();
        assert_eq!(bare(&first.document.text), bare(paragraph), "{pasted}");
        assert!(!first.snippet.char_highlights().is_empty(), "the held stretches are highlighted");
    }
    // A megabyte of the corpus, pasted: linear work, found.
    let big: String = text
        .lines()
        .cycle()
        .take_while({
            let mut n = 0;
            move |l| {
                n += l.len() + 1;
                n < 1_000_000
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let r = s.search(&big, &SearchOptions::default()).expect("1 MB passage");
    assert!(!r.hits.is_empty() && big.contains(&r.hits[0].document.text));
    // Unrelated long text finds nothing: no passage is half held by it.
    let unrelated = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳".repeat(5);
    let r = s.search(&unrelated, &SearchOptions::default().with_count(true)).expect("search");
    assert_eq!(r.summary.counts.map(|c| c.passages), Some(0));
}

#[test]
#[ignore = "heavy: indexes two parts of laws-prc (../shared/data)"]
fn pasted_articles_of_laws_prc_find_their_source_first() {
    let Some(env) = laws_prc(&["part-00003.txt", "part-00005.txt"]) else { return };
    let s = Searcher::open(env.index_dir()).expect("open");
    let text = std::fs::read_to_string(env.corpus().join("part-00005.txt")).unwrap();
    let articles = lines_between(&text, 150, 2_000);
    let step = articles.len() / 100;
    let mut first = 0;
    for (line, article) in articles.iter().step_by(step).take(100) {
        let r = s.search(&format!("据载：{article}等等"), &SearchOptions::default()).expect("search");
        let hit = &r.hits[0];
        // The source, or an identical copy of it (shown once).
        if hit.document.text == *article || (hit.document.line == *line && hit.document.path == "part-00005.txt") {
            first += 1;
        }
    }
    eprintln!("{first} of 100 pasted articles found their source first");
    assert!(first >= 95, "{first} of 100 pasted articles found their source first");
}
