//! The command line as ripgrep and fd users expect it: strict flags,
//! operators, openable paths, output that fits the terminal, clear errors,
//! a config file, completions and a man page.

use crate::util::{SEED, TestEnv, stderr, stdout};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// The JSON records of a search that are hits.
fn hits(out: &std::process::Output) -> Vec<serde_json::Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .filter(|r| r["type"] == "hit")
        .collect()
}

/// Every place (`line`) a JSON search lists: hits and their copies.
fn places(out: &std::process::Output) -> BTreeSet<u64> {
    let mut lines = BTreeSet::new();
    for h in hits(out) {
        lines.insert(h["line"].as_u64().expect("line"));
        for d in h["duplicates"].as_array().expect("duplicates") {
            lines.insert(d["line"].as_u64().expect("line"));
        }
    }
    lines
}

#[test]
fn mistyped_options_are_errors_and_excluding_them_needs_a_double_dash() {
    let env = TestEnv::shipped();
    let out = env.run(&["search", "工会", "--limt", "3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--limt") && stderr(&out).contains("--limit"), "{}", stderr(&out));
    for short in ["-i", "-w", "-ILO"] {
        let out = env.run(&["search", "工会", short]);
        assert_eq!(out.status.code(), Some(2), "{short}");
        let err = stderr(&out);
        assert!(err.contains(&format!("unknown option {short}")) && err.contains("--"), "{err}");
        assert_eq!(err.lines().count(), 1, "one message: {err}");
    }
    let out = env.run(&["search", "工会", "--json", "--", "-limt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let query = &hits(&out)[0]["query"];
    assert_eq!(query["excluded"][0]["canonical"], "limt", "{query}");
    // `-m` is the limit, `-n` is accepted as ripgrep users type it.
    let out = env.run(&["search", "工会", "-m", "2", "-n", "--json"]);
    assert_eq!(hits(&out).len(), 2);
}

#[test]
fn not_and_bar_are_the_operators_people_type() {
    let env = TestEnv::shipped();
    let lines = |q: &[&str]| {
        let mut args = vec!["search", "--json", "-m", "100"];
        args.extend(q);
        places(&env.run(&args))
    };
    assert_eq!(lines(&["工会", "NOT", "总工会"]), lines(&["工会", "-总工会"]));
    assert!(lines(&["工会", "NOT", "总工会"]).len() < lines(&["工会"]).len());
    assert_eq!(lines(&["ILO", "|", "UNDP"]), lines(&["ILO", "OR", "UNDP"]));
    assert_eq!(lines(&["ILO|UNDP"]), lines(&["ILO", "OR", "UNDP"]));
    assert!(lines(&["ILO", "|", "UNDP"]).len() > lines(&["ILO"]).len());
    for bad in ["labour~", "a*b", "(ILO OR UNDP)", "国际 NEAR 工会", "NOT"] {
        let out = env.run(&["search", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stdout(&out));
        assert!(stderr(&out).contains("invalid query"), "{bad}: {}", stderr(&out));
    }
}

/// The lines of the shipped corpus (one paragraph each) and its translation.
fn shipped_lines() -> (Vec<String>, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let read =
        |name: &str| std::fs::read_to_string(dir.join(name)).expect("read").lines().map(str::to_string).collect();
    (read(SEED), read(&SEED.replace(".txt", ".en.txt")))
}

#[test]
fn a_prefix_finds_the_words_it_begins_in_text_and_translation() {
    let env = TestEnv::shipped();
    let out = env.run(&["search", "confed*", "--json", "-m", "100"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (_, en) = shipped_lines();
    let begins = |t: &str| t.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with("confed"));
    let expected: BTreeSet<u64> = (1..).zip(&en).filter(|(_, t)| begins(t)).map(|(n, _)| n).collect();
    assert!(!expected.is_empty());
    assert_eq!(places(&out), expected);
    let h = &hits(&out)[0];
    let snippet = h["translation_snippet"].as_str().unwrap();
    for (a, b) in h["translation_highlights"].as_array().unwrap().iter().map(|p| (p[0].as_u64(), p[1].as_u64())) {
        let word: String = snippet.chars().skip(a.unwrap() as usize).take((b.unwrap() - a.unwrap()) as usize).collect();
        assert!(word.to_lowercase().starts_with("confed"), "highlights whole words: {word}");
    }
    // Chinese needs no star: the same passages, and --explain says so.
    assert_eq!(
        places(&env.run(&["search", "工会*", "--json", "-m", "100"])),
        places(&env.run(&["search", "工会", "--json", "-m", "100"]))
    );
    assert!(stdout(&env.run(&["search", "工会*", "--explain"])).contains("Chinese needs no `*`"));
}

#[test]
fn near_finds_exactly_the_passages_where_both_stand_within_n_characters() {
    let env = TestEnv::shipped();
    let (zh, _) = shipped_lines();
    // An independent scan: every occurrence of each, in either script.
    let at = |t: &str, forms: &[&str]| -> Vec<(usize, usize)> {
        let chars: Vec<char> = t.chars().collect();
        let mut v = Vec::new();
        for f in forms {
            let f: Vec<char> = f.chars().collect();
            v.extend((0..chars.len()).filter(|&i| chars[i..].starts_with(&f)).map(|i| (i, i + f.len())));
        }
        v
    };
    for within in [0usize, 2, 5, 12] {
        let expected: BTreeSet<u64> = (1..)
            .zip(&zh)
            .filter(|(_, t)| {
                at(t, &["国际", "國際"]).iter().any(|a| {
                    at(t, &["工会", "工會"]).iter().any(|b| {
                        let gap = if a.1 <= b.0 { b.0 - a.1 } else { a.0.saturating_sub(b.1) };
                        gap <= within
                    })
                })
            })
            .map(|(n, _)| n)
            .collect();
        let near = format!("NEAR/{within}");
        let out = env.run(&["search", "国际", &near, "工会", "--json", "-m", "100"]);
        assert_eq!(places(&out), expected, "{near}");
        // Counted as listed.
        let out = env.run(&["search", "国际", &near, "工会", "--count", "--json"]);
        let summary: serde_json::Value = serde_json::from_str(stdout(&out).lines().last().unwrap()).unwrap();
        assert_eq!(summary["places"].as_u64(), Some(expected.len() as u64), "{near}: {summary}");
    }
    // Far enough, NEAR is AND, counted alike (occurrences too).
    let count = |q: &[&str]| stdout(&env.run(&[&["search", "--count"][..], q].concat()));
    assert_eq!(count(&["国际", "NEAR/1000", "工会"]), count(&["国际", "工会"]));
    let out = env.run(&["search", "国际", "NEAR/5", "工会", "--color", "never"]);
    let first = stdout(&out).lines().nth(1).unwrap_or_default().to_string();
    assert!(first.contains("【国际") || first.contains("【國際"), "{first}");
}

/// Display width of a line (wide characters two columns).
fn columns(line: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(line)
}

#[test]
fn output_fits_eighty_columns_and_plain_has_no_markup() {
    let env = TestEnv::shipped();
    for args in [&["search", "工会", "-m", "20"][..], &["search", "ICFTU", "-C", "1"], &["search", "Confederation"]] {
        let out = env.run_env(args, &[("COLUMNS", "80")]);
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        let widest = text.lines().map(columns).max().unwrap_or(0);
        assert!(widest <= 80, "{widest} columns:\n{text}");
        for l in text.lines() {
            let body = l.trim_start();
            assert!(!body.starts_with(['。', '，', '、', '）', '】']), "a closing mark starts a line: {l}");
        }
    }
    let out = env.run_env(&["search", "工会", "--plain", "--color", "always"], &[("COLUMNS", "80")]);
    let text = stdout(&out);
    assert!(!text.contains('\x1b') && !text.contains('【') && !text.contains('】'), "{text}");
    assert!(text.contains("工会"));
}

#[test]
fn printed_paths_open_from_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("some/dir");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "工会法\n\n第一条 工会是职工自愿结合的工人阶级群众组织。\n").unwrap();
    let run = |args: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_yuanwen"));
        c.current_dir(dir.path()).args(["--corpus", "some/dir", "--index", "ix"]).args(args);
        c.output().unwrap()
    };
    let out = run(&["search", "职工", "--color", "never"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let head = stdout(&out).lines().next().unwrap().to_string();
    let (path, rest) = head.split_once(':').unwrap();
    assert_eq!(path, "some/dir/a.txt");
    assert!(dir.path().join(path).is_file());
    assert!(rest.starts_with("3  工会法"), "the title is shown: {head}");
    let out = run(&["search", "职工", "-l"]);
    assert_eq!(stdout(&out), "some/dir/a.txt\n");
    let out = run(&["search", "职工", "--json"]);
    let h = &hits(&out)[0];
    assert_eq!(
        (h["path"].as_str(), h["file"].as_str(), h["title"].as_str()),
        (Some("a.txt"), Some("some/dir/a.txt"), Some("工会法"))
    );
}

/// Every path under `dir`.
fn tree(dir: &Path) -> BTreeSet<String> {
    walk(dir).into_iter().map(|p| p.strip_prefix(dir).unwrap().to_string_lossy().into_owned()).collect()
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

#[test]
fn a_missing_corpus_is_one_message_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in [&["index"][..], &["search", "工会"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_yuanwen"))
            .current_dir(dir.path())
            .args(["--corpus", "nosuch"])
            .args(cmd)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("nosuch") && err.contains("--corpus"), "{err}");
        assert_eq!(err.matches("No such file").count(), 0, "{err}");
        assert!(tree(dir.path()).is_empty(), "{:?}", tree(dir.path()));
    }
}

#[test]
fn questions_with_a_stray_quote_are_searched_and_stop_words_are_named() {
    let env = TestEnv::shipped();
    let out = env.run(&["search", "中国工会与国际劳工局的关系是什么？\"这句话"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("unbalanced quote"), "{}", stderr(&out));
    let out = env.run(&["search", "工会 ab\"c"]);
    assert_eq!(out.status.code(), Some(2), "keywords keep the error");
    let out = env.run(&["search", "the"]);
    assert!(stderr(&out).contains("stop words"), "{}", stderr(&out));
}

#[test]
fn a_config_file_in_a_parent_folder_sets_defaults_the_command_line_overrides() {
    let env = TestEnv::shipped();
    let root = env.dir.path();
    std::fs::write(root.join("yuanwen.toml"), "[search]\nlimit = 1\n").unwrap();
    let sub = root.join("notes/deeper");
    std::fs::create_dir_all(&sub).unwrap();
    let run =
        |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_yuanwen")).current_dir(&sub).args(args).output().unwrap();
    let out = run(&["search", "工会", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(hits(&out).len(), 1, "limit from the file");
    assert!(root.join("index").is_dir(), "corpus and index beside the file");
    let out = run(&["search", "工会", "--json", "--limit", "3"]);
    assert_eq!(hits(&out).len(), 3);
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("b.txt"), "只有一段关于工会的文字。\n").unwrap();
    let out = run(&["--corpus", other.path().to_str().unwrap(), "--index", "ix", "search", "工会", "--json"]);
    assert_eq!(hits(&out)[0]["path"], "b.txt", "--corpus wins over the file");
    std::fs::write(root.join("yuanwen.toml"), "[search]\nlimt = 1\n").unwrap();
    let out = run(&["search", "工会"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("limt") && stderr(&out).contains("yuanwen.toml"), "{}", stderr(&out));
}

#[test]
fn completions_parse_and_the_man_page_renders() {
    let bin = env!("CARGO_BIN_EXE_yuanwen");
    let script = Command::new(bin).args(["completions", "bash"]).output().unwrap();
    assert_eq!(script.status.code(), Some(0));
    assert!(stdout(&script).contains("--limit"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("yuanwen.bash");
    std::fs::write(&file, &script.stdout).unwrap();
    let check = Command::new("bash").arg("-n").arg(&file).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    for shell in ["zsh", "fish", "powershell"] {
        let out = Command::new(bin).args(["completions", shell]).output().unwrap();
        assert!(out.status.success() && !out.stdout.is_empty(), "{shell}");
    }
    let page = Command::new(bin).arg("man").output().unwrap();
    assert!(stdout(&page).contains(".TH yuanwen"));
    let man = dir.path().join("yuanwen.1");
    std::fs::write(&man, &page.stdout).unwrap();
    match Command::new("man").arg("-l").arg(&man).env("MANPAGER", "cat").env("COLUMNS", "80").output() {
        Ok(out) => {
            assert!(out.status.success(), "{}", stderr(&out));
            assert!(stdout(&out).contains("yuanwen"), "{}", stdout(&out));
        }
        Err(_) => eprintln!("SKIPPED: `man` is not installed here (.ci/run installs man-db and runs this check)"),
    }
}

#[test]
fn a_failed_refresh_searches_the_last_index_with_a_warning() {
    let env = TestEnv::shipped();
    env.index();
    env.write("new.txt", "新增的一段关于工会的文字。\n");
    // The writer's lock cannot be opened (a directory stands in its place,
    // which even root cannot open for writing): the update fails.
    let lock = env.index_dir().join("LOCK");
    std::fs::remove_file(&lock).unwrap();
    std::fs::create_dir(&lock).unwrap();
    let out = env.run(&["search", "工会", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("searching its last version"), "{}", stderr(&out));
    assert!(hits(&out).iter().all(|h| h["path"] != "new.txt"), "the last index, as it was");
}

#[test]
fn another_corpus_for_the_same_index_is_an_error_naming_both() {
    let env = TestEnv::shipped();
    env.index();
    let other = env.dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("b.txt"), "另一个语料库的文字。\n").unwrap();
    let before = tree(&env.index_dir());
    let out = Command::new(env!("CARGO_BIN_EXE_yuanwen"))
        .current_dir(env.dir.path())
        .args(["--corpus", "other", "--index", "index", "search", "文字"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("other") && err.contains("corpus") && err.contains("--index") && err.contains("--full"),
        "{err}"
    );
    assert_eq!(tree(&env.index_dir()), before, "the index is as it was");
}

#[test]
fn links_leaving_the_corpus_are_followed_only_when_asked() {
    let env = TestEnv::shipped();
    let outside = env.dir.path().join("outside.txt");
    std::fs::write(&outside, "语料库之外的秘密文字。\n").unwrap();
    std::os::unix::fs::symlink(&outside, env.corpus().join("link.txt")).unwrap();
    let out = env.run(&["search", "秘密文字"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("link.txt"), "the skipped link is named: {}", stderr(&out));
    let out = env.run(&["--follow-links", "index", "--full"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = env.run(&["--follow-links", "search", "秘密文字"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
