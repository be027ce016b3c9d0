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
