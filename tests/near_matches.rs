//! Near matches: a quotation with a character wrong finds its passage,
//! marked as near and after any exact hit.

use crate::util::{TestEnv, laws_prc, stderr, stdout};
use yuanwen::{SearchOptions, Searcher};

#[test]
fn a_stretch_with_one_character_wrong_finds_its_passage_marked_near() {
    let env = TestEnv::new();
    env.write("poems.txt", "静夜思\n\n床前明月光，疑是地上霜。\n\n举头望明月，低头思故乡。\n");
    env.write("other.txt", "月光下的小路通向远方。\n");
    env.index();
    let s = Searcher::open(env.index_dir()).expect("open");
    let r = s.search("床前看月光", &SearchOptions::default().with_count(true).with_near(true)).expect("search");
    assert!(s.search("床前看月光", &SearchOptions::default()).unwrap().hits.is_empty(), "off by default");
    assert_eq!(r.summary.counts.map(|c| c.passages), Some(0), "看 is nowhere: no exact hit");
    let split = ["床前", "月光"];
    for (typed, lit) in [
        ("床前看月光", &split[..]),
        ("床前月光", &split),
        ("床前明明月光", &["床前明月光"]),
        ("\"床前看月光\"", &split),
    ] {
        let r = s.search(typed, &SearchOptions::default().with_count(true).with_near(true)).expect("search");
        // `床前月光`: its words stand apart in the poem, an exact hit; the
        // near matches come after every exact hit.
        let exact = r.summary.counts.map_or(0, |c| c.passages) as usize;
        assert!(r.hits[..exact].iter().all(|h| !h.near) && r.hits[exact..].iter().all(|h| h.near), "{typed}");
        let first = r.hits.iter().find(|h| h.near).expect("a near match");
        assert!(first.document.text.contains("床前明月光"), "{typed}: {:?}", first.document.text);
        assert_eq!(r.summary.near, r.hits.len() - exact);
        let got: Vec<&str> = first.snippet.highlighted().collect();
        assert_eq!(got, lit, "{typed}: what agrees is highlighted, the difference is not");
    }
    // The stretch as typed exists: no near matches.
    let r = s.search("床前明月光", &SearchOptions::default().with_near(true)).expect("search");
    assert!(!r.hits.is_empty() && r.hits.iter().all(|h| !h.near) && r.summary.near == 0);
    // Too different: nothing.
    let r = s.search("窗外看星星", &SearchOptions::default().with_near(true)).expect("search");
    assert!(r.hits.iter().all(|h| !h.near));
}

#[test]
fn near_matches_on_the_command_line_say_so_and_exit_1() {
    let env = TestEnv::shipped();
    let out = env.run(&["search", "国际自由共联", "--color", "never"]);
    assert_eq!(out.status.code(), Some(1), "near matches alone are not a find: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("near matches:"), "{text}");
    assert!(text.contains("【国际自由】工【联】"), "{text}");
    let out = env.run(&["search", "国际自由共联", "--json"]);
    let records: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let (summary, hits) = records.split_last().unwrap();
    assert!(!hits.is_empty() && hits.iter().all(|h| h["near"] == true));
    assert_eq!((summary["passages"].as_u64(), summary["near"].as_u64()), (Some(0), Some(hits.len() as u64)));
    let out = env.run(&["search", "国际自由工联", "--json"]);
    assert!(stdout(&out).lines().all(|l| !l.contains("\"near\":true")));
}

#[test]
#[ignore = "heavy: indexes two parts of laws-prc (../shared/data)"]
fn stretches_of_laws_prc_with_one_character_replaced_find_their_source() {
    let Some(env) = laws_prc(&["part-00003.txt", "part-00005.txt"]) else { return };
    let s = Searcher::open(env.index_dir()).expect("open");
    let text = std::fs::read_to_string(env.corpus().join("part-00005.txt")).unwrap();
    let lines: Vec<Vec<char>> =
        text.lines().map(|l| l.chars().collect()).filter(|l: &Vec<char>| l.len() >= 20).collect();
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let pool: Vec<char> = lines.iter().take(500).flatten().copied().filter(|&c| han(c)).collect();
    // A fixed pseudo-random sequence (a linear congruential generator).
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n
    };
    let (mut tried, mut first) = (0, 0);
    while tried < 200 {
        let line = &lines[next(lines.len())];
        let len = 6 + next(5);
        let at = next(line.len() - len);
        let stretch: Vec<char> = line[at..at + len].to_vec();
        let (k, c) = (next(len), pool[next(pool.len())]);
        if !stretch.iter().all(|&c| han(c)) || stretch[k] == c {
            continue;
        }
        tried += 1;
        let mut typed = stretch.clone();
        typed[k] = c;
        let typed: String = typed.into_iter().collect();
        let original: String = stretch.into_iter().collect();
        let r = s.search(&typed, &SearchOptions::default().with_near(true)).expect("search");
        if r.hits.iter().find(|h| h.near).is_some_and(|h| h.document.text.contains(&original)) {
            first += 1;
        }
    }
    eprintln!("{first} of {tried} stretches with one character replaced found their source first among near matches");
    assert!(first * 10 >= tried * 9, "{first} of {tried}");
}
