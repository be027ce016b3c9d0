//! What the manifest remembers is true, links, and refusing to write into
//! the corpus (issue 19).

use crate::util::{TestEnv, locations};
use yuanwen::index::{self, LockWait, NoProgress};

/// The names in a folder, sorted.
fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn an_index_in_the_corpus_is_refused_before_anything_is_written() {
    let env = TestEnv::new();
    env.write("a.txt", "工会\n");
    for index in [env.corpus(), env.corpus().join("idx"), env.corpus().join("./sub/idx")] {
        let opts = yuanwen::IndexOptions::new(env.corpus(), &index);
        let e = index::update(&opts, LockWait::Wait, &NoProgress).unwrap_err();
        assert!(matches!(e, yuanwen::Error::IndexInCorpus { .. }), "{e}");
        assert!(e.to_string().contains("inside the corpus"), "{e}");
        assert!(index::freshness(&opts).is_err());
        assert_eq!(listing(&env.corpus()), ["a.txt"], "nothing written into the corpus");
    }
    // Beside it, as by default, is fine.
    env.index();
    assert_eq!(locations(&env.search("工会", 10)), [("a.txt".to_string(), 1)]);
}

#[test]
fn an_undecodable_line_costs_that_line_only() {
    let env = TestEnv::new();
    let mut b: Vec<u8> = (1..=20_000).flat_map(|i| format!("第{i}段。\n").into_bytes()).collect();
    b.extend_from_slice(b"bad \xFF byte\n");
    b.extend_from_slice("最后一段工会。\n".as_bytes());
    env.write("long.txt", &b);
    let report = env.index();
    let w: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("long.txt:20001: not valid text"), "{w:?}");
    assert_eq!(report.documents, 20_001);
    assert_eq!(locations(&env.search("工会", 10)), [("long.txt".to_string(), 20_002)]);
}

#[test]
fn cr_only_line_endings_split_into_paragraphs() {
    let env = TestEnv::new();
    env.write("mac.txt", "第一段。\r第二段工会。\r第三段。\r\n第四段。\r");
    let report = env.index();
    assert_eq!(report.documents, 4);
    assert_eq!(locations(&env.search("工会", 10)), [("mac.txt".to_string(), 2)]);
}
