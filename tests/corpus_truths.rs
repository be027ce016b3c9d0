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

/// Run the binary with `args` after `--corpus` and `--index`, as nobody
/// when this process is `root` (root reads anything: setpriv, from
/// util-linux, drops the privilege), otherwise as this user.
#[cfg(unix)]
fn run_unprivileged(env: &TestEnv, root: bool, args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("yuanwen");
    let mut cmd = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    cmd.arg("--corpus").arg(env.corpus()).arg("--index").arg(env.index_dir()).args(args);
    cmd.output().expect("the binary runs (setpriv from util-linux when root)")
}

#[cfg(unix)]
#[test]
fn a_file_that_failed_to_read_is_read_once_it_can_be() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    env.write("good.txt", "工会\n");
    let secret = env.write("secret.txt", "工会机密\n");
    for d in [env.dir.path().to_path_buf(), env.corpus()] {
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    std::fs::set_permissions(env.corpus().join("good.txt"), std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root = std::fs::read(&secret).is_ok();
    let out = run_unprivileged(&env, root, &["index"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("secret.txt") && err.contains("cannot read"), "{err}");
    // Readable again: size and time are the same, the content must be read.
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run_unprivileged(&env, root, &["index"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("cannot read"), "the stale warning is not replayed: {err}");
    let out = run_unprivileged(&env, root, &["search", "机密", "--json", "--no-refresh"]);
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["path"], "secret.txt", "{lines:?}");
}

#[cfg(unix)]
#[test]
fn a_link_leaving_the_corpus_is_not_followed_by_default() {
    let env = TestEnv::new();
    env.write("good.txt", "工会\n");
    let outside = env.dir.path().join("private.txt");
    std::fs::write(&outside, "工会密码\n").unwrap();
    std::os::unix::fs::symlink(&outside, env.corpus().join("passwd.txt")).unwrap();
    let report = env.index();
    let w: Vec<_> = report.warnings.iter().filter(|w| w.path == "passwd.txt").collect();
    assert!(w.len() == 1 && w[0].message.contains("outside the corpus"), "{:?}", report.warnings);
    assert_eq!(report.files, 1);
    assert_eq!(locations(&env.search("工会", 10)), [("good.txt".to_string(), 1)]);
    // Asked for, it is followed.
    let opts = env.options().with_follow_links(true);
    let report = index::update(&opts, LockWait::Wait, &NoProgress).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(locations(&env.search("密码", 10)), [("passwd.txt".to_string(), 1)]);
}

#[test]
fn jsonl_ids_beyond_64_bits_keep_their_digits() {
    let env = TestEnv::new();
    env.write(
        "big.jsonl",
        "{\"id\": 18446744073709551616, \"text\": \"工会甲\"}\n{\"id\": 18446744073709551617, \"text\": \"工会乙\"}\n",
    );
    env.index();
    let ids = |q: &str| env.search(q, 10).hits.iter().map(|h| h.document.id.clone().unwrap()).collect::<Vec<_>>();
    assert_eq!(ids("工会甲"), ["18446744073709551616"]);
    assert_eq!(ids("工会乙"), ["18446744073709551617"]);
}

#[test]
fn one_bad_dictionary_line_does_not_stop_indexing() {
    let env = TestEnv::new();
    env.write("a.txt", "工会\n");
    env.write("dict.txt", "工会 -5\n");
    let report = env.index();
    let w: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(w.len() == 1 && w[0].starts_with("dict.txt:1: frequency `-5`"), "{w:?}");
    assert_eq!(locations(&env.search("工会", 10)), [("a.txt".to_string(), 1)]);
}
