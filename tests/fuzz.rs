//! Fuzzing in the heavy suite: random query syntax and random corpus bytes
//! for a fixed time (`YUANWEN_FUZZ_SECS`, default 60 seconds each), with
//! no panic and no error but the documented ones. The inputs come from a
//! seeded generator (`YUANWEN_FUZZ_SEED`), so a failure can be replayed:
//! the failing input is printed.

use crate::util::TestEnv;
use std::time::{Duration, Instant};
use yuanwen::index::{self, LockWait, NoProgress};
use yuanwen::{Error, SearchOptions, Searcher};

/// xorshift64*: enough randomness for inputs, and replayable.
struct Rng(u64);

impl Rng {
    fn from_env() -> Rng {
        let seed =
            std::env::var("YUANWEN_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x9e37_79b9_7f4a_7c15);
        eprintln!("fuzz seed {seed} (YUANWEN_FUZZ_SEED replays it)");
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn budget() -> Duration {
    Duration::from_secs(std::env::var("YUANWEN_FUZZ_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(60))
}

/// Pieces queries are made of: words of both scripts, pinyin, the
/// operators, other engines' syntax, and characters that have broken
/// parsers before (quotes, dashes, stars, controls, combining marks).
const PIECES: &[&str] = &[
    "工会",
    "國際",
    "劳工局",
    "总工会",
    "的",
    "是",
    "什么",
    "ILO",
    "ICFTU",
    "trade",
    "union",
    "the",
    "Confederation",
    "gonghui",
    "a",
    "e",
    "o",
    "zhang",
    "OR",
    "NOT",
    "AND",
    "|",
    "｜",
    "NEAR/3",
    "NEAR/0",
    "NEAR",
    "NEAR/x",
    "-",
    "--",
    "\"",
    "＂",
    "=",
    "*",
    "labo*",
    "工会*",
    "*x",
    "~",
    "^2",
    "(",
    ")",
    "file:",
    "file:acftu",
    "file:\"a b\"",
    "foo:bar",
    ":",
    "12:30",
    "http://x.org",
    "①",
    "\u{200b}",
    "\u{202e}",
    "\u{0301}",
    "\u{7}",
    "\t",
    "\n",
    "？",
    "?",
    "。",
    "𠀀",
    "\u{fffd}",
    "2000年",
    "床前看月光",
    "ａｂｃ",
    " ",
];

fn query(rng: &mut Rng) -> String {
    let mut q = String::new();
    let n = 1 + rng.below(12);
    for _ in 0..n {
        if rng.below(8) == 0 {
            // A random code point now and then.
            let c = char::from_u32(rng.below(0x3_0000) as u32).unwrap_or('x');
            q.push(c);
        } else {
            q.push_str(rng.pick(PIECES));
        }
        if rng.below(3) > 0 {
            q.push(' ');
        }
    }
    if rng.below(50) == 0 {
        // Long: a repeated piece, as pasted text or a flood of syllables.
        let piece = rng.pick(PIECES).to_string();
        q.push_str(&piece.repeat(200 + rng.below(5000)));
    }
    q
}

#[test]
#[ignore = "heavy: fuzzes query syntax for YUANWEN_FUZZ_SECS (default 60 s)"]
fn fuzzed_queries_never_panic() {
    let env = TestEnv::shipped();
    env.index();
    let s = Searcher::open(env.index_dir()).expect("open");
    let mut rng = Rng::from_env();
    let (started, budget) = (Instant::now(), budget());
    let (mut runs, mut answered, mut refused) = (0u64, 0u64, 0u64);
    let trace = std::env::var_os("YUANWEN_FUZZ_TRACE").is_some();
    let mut modes = std::collections::BTreeSet::new();
    while started.elapsed() < budget {
        let q = query(&mut rng);
        if trace {
            // A stack overflow aborts the process: the file holds its query.
            std::fs::write("/tmp/yuanwen-fuzz-query.txt", &q).expect("trace");
        }
        let opts = SearchOptions::default()
            .with_count(true)
            .with_facets(rng.below(2) == 0)
            .with_near(true)
            .with_exact(rng.below(4) == 0);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| s.search(&q, &opts)));
        match outcome {
            Ok(Ok(r)) => {
                answered += 1;
                modes.insert(format!("{}", r.query.mode));
                for h in &r.hits {
                    let n = h.snippet.text().chars().count();
                    assert!(h.snippet.char_highlights().iter().all(|&(a, b)| a < b && b <= n), "{q:?}");
                }
            }
            Ok(Err(Error::Query(_) | Error::QueryTooLong { .. })) => refused += 1,
            Ok(Err(e)) => panic!("{q:?}: unexpected error {e}"),
            Err(_) => panic!("{q:?}: panicked"),
        }
        runs += 1;
    }
    eprintln!("fuzzed queries: {runs} runs in {:?} ({answered} answered, {refused} refused; modes {modes:?})", budget);
    assert!(runs > 0 && answered > 0 && refused > 0);
}

/// Random file contents: text in both scripts, line endings of every kind,
/// invalid UTF-8, NULs, BOMs, half `.jsonl` records.
fn file_bytes(rng: &mut Rng) -> Vec<u8> {
    const BITS: &[&[u8]] = &[
        "中华全国总工会".as_bytes(),
        "國際勞工局".as_bytes(),
        b"ILO and UNDP",
        b"\n",
        b"\r\n",
        b"\r",
        b"\n\n",
        b"\xff\xfe",
        b"\xef\xbb\xbf",
        b"\x00",
        b"\xe4\xb8",
        b"\x80\x81",
        b"{\"id\": 18446744073709551616, \"text\": \"x\"}",
        b"{\"id\":",
        b"# ",
        "（一）".as_bytes(),
        "第三章 ".as_bytes(),
        b"\t",
        "①".as_bytes(),
        b" ",
    ];
    let mut out = Vec::new();
    for _ in 0..rng.below(200) {
        if rng.below(10) == 0 {
            out.push(rng.next() as u8);
        } else {
            out.extend_from_slice(BITS[rng.below(BITS.len())]);
        }
    }
    out
}

#[test]
#[ignore = "heavy: fuzzes corpus bytes for YUANWEN_FUZZ_SECS (default 60 s)"]
fn fuzzed_corpora_index_and_search_without_panic() {
    let mut rng = Rng::from_env();
    let (started, budget) = (Instant::now(), budget());
    let (mut runs, mut documents, mut warnings) = (0u64, 0u64, 0usize);
    let names = ["a.txt", "b.md", "c.jsonl", "d.en.txt", "d.txt", "dict.txt", "glossary.tsv", "sub/e.txt"];
    while started.elapsed() < budget {
        let env = TestEnv::new();
        for name in names {
            if rng.below(3) > 0 {
                env.write(name, file_bytes(&mut rng));
            }
        }
        let report = match index::update(&env.options(), LockWait::Wait, &NoProgress) {
            Ok(r) => r,
            Err(e) => panic!("run {runs}: indexing failed: {e}"),
        };
        documents += report.documents;
        warnings += report.warnings.len();
        let s = Searcher::open(env.index_dir()).expect("open");
        for q in ["工会", "ILO", "國際", "x", "中华全国总工会国际劳工局"] {
            match s.search(q, &SearchOptions::default().with_count(true).with_near(true)) {
                Ok(_) | Err(Error::Query(_)) => {}
                Err(e) => panic!("run {runs}: {q}: {e}"),
            }
        }
        // A second run over the same files changes nothing.
        let again = index::update(&env.options(), LockWait::Wait, &NoProgress).expect("update again");
        assert!(!again.changed_anything(), "run {runs}: {again:?}");
        runs += 1;
    }
    eprintln!("fuzzed corpora: {runs} runs ({documents} documents, {warnings} warnings) in {budget:?}");
    assert!(runs > 0);
}
