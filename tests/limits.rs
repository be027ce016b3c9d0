//! Queries no input size can crash: bounded depth and a stated length cap.

use crate::util::TestEnv;
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
            ["a", "e", "o"].map(|c| s.search(&c.repeat(47_200), &SearchOptions::default()).map(|r| r.hits.len()))
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
