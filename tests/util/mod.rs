//! Shared test helpers: temporary corpora, the shipped corpus, running the
//! binary.

#![allow(dead_code)]

pub mod http;

use std::path::{Path, PathBuf};
use std::process::Output;
use yuanwen::index::{self, LockWait, NoProgress, UpdateReport};
use yuanwen::{IndexOptions, SearchOptions, SearchResults, Searcher};

/// The shipped source text's file name.
pub const SEED: &str = "acftu-international-relations-2000-2003.txt";

/// A temporary corpus of `parts` of `../shared/data/laws-prc`, indexed; or
/// `None` (saying SKIPPED) on a machine without the data.
pub fn laws_prc(parts: &[&str]) -> Option<TestEnv> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/laws-prc");
    if !data.is_dir() {
        eprintln!("SKIPPED: ../shared/data/laws-prc is not on this machine");
        return None;
    }
    let env = TestEnv::new();
    for part in parts {
        std::fs::copy(data.join(part), env.corpus().join(part)).expect("copy a part of laws-prc");
    }
    env.index();
    Some(env)
}

/// A corpus and index in a temporary directory.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    /// An empty corpus.
    pub fn new() -> TestEnv {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("corpus")).expect("corpus dir");
        TestEnv { dir }
    }

    /// A copy of the shipped corpus (the repository's `corpus/`).
    pub fn shipped() -> TestEnv {
        let env = TestEnv::new();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for e in std::fs::read_dir(src).expect("corpus/") {
            let e = e.expect("entry");
            std::fs::copy(e.path(), env.corpus().join(e.file_name())).expect("copy");
        }
        env
    }

    pub fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    pub fn index_dir(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Write a corpus file (creating folders).
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.corpus().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, bytes).expect("write");
        p
    }

    pub fn options(&self) -> IndexOptions {
        IndexOptions::new(self.corpus(), self.index_dir())
    }

    /// Build or update the index through the library.
    pub fn index(&self) -> UpdateReport {
        index::update(&self.options(), LockWait::Wait, &NoProgress).expect("index")
    }

    /// Search through the library.
    pub fn search(&self, q: &str, limit: usize) -> SearchResults {
        let s = Searcher::open(self.index_dir()).expect("open");
        s.search(q, &SearchOptions::default().with_limit(limit)).expect("search")
    }

    /// Run the binary in the test's folder with `--corpus corpus` and
    /// `--index index` (paths printed are then `corpus/…`, and no
    /// yuanwen.toml of the machine is found: the temp folder has none).
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_env(args, &[])
    }

    pub fn run_env(&self, args: &[&str], envs: &[(&str, &str)]) -> Output {
        let mut cmd = assert_cmd::Command::cargo_bin("yuanwen").expect("binary");
        cmd.current_dir(self.dir.path()).args(["--corpus", "corpus", "--index", "index"]);
        cmd.args(args);
        cmd.env_remove("NO_COLOR");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        cmd.output().expect("run")
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// (path, line) of every hit and every duplicate location.
pub fn locations(r: &SearchResults) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = Vec::new();
    for h in &r.hits {
        v.push((h.document.path.clone(), h.document.line));
        v.extend(h.duplicates.iter().map(|d| (d.path.clone(), d.line)));
    }
    v.sort();
    v
}

/// Text covered by the highlights of a snippet.
pub fn highlighted(s: &yuanwen::Snippet) -> Vec<String> {
    s.highlighted().map(str::to_string).collect()
}
