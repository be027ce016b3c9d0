//! The binary: output, exit codes, JSON, colour, errors.

use crate::util::{SEED, TestEnv, stderr, stdout};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct JsonHit {
    rank: usize,
    score: f32,
    path: String,
    line: u64,
    paragraph: u64,
    section: Option<String>,
    id: Option<String>,
    kind: String,
    text: String,
    snippet: String,
    highlights: Vec<(usize, usize)>,
    translation: Option<String>,
    translation_snippet: Option<String>,
    translation_highlights: Option<Vec<(usize, usize)>>,
    duplicates: Vec<Location>,
    query: serde_json::Value,
}

#[derive(Debug, Deserialize)]
struct Location {
    path: String,
    line: u64,
}

/// The hit records of `--json` output (the last record, the summary, left
/// out: tests/counting.rs checks it).
fn json_hits(out: &std::process::Output) -> Vec<JsonHit> {
    let text = stdout(out);
    let lines: Vec<&str> = text.lines().collect();
    let (last, hits) = lines.split_last().expect("a summary record");
    assert!(last.starts_with(r#"{"type":"summary""#), "{last}");
    hits.iter().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

#[test]
fn first_search_builds_the_index_and_finds_section_two() {
    let env = TestEnv::shipped();
    let out = env.run(&["search", "国际自由工联", "--color", "never"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("rebuilt the index (there was no index)"), "{}", stderr(&out));
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert_eq!(first, format!("corpus/{SEED}:8  (二) 与国际自由工联的关系"));
    assert!(text.lines().nth(1).unwrap().contains("【国际自由工联】"), "{text}");
    // Second run: nothing to rebuild.
    let out = env.run(&["search", "国际自由工联", "--color", "never"]);
    assert!(!stderr(&out).contains("rebuilt"), "{}", stderr(&out));
}

#[test]
fn json_schema() {
    let env = TestEnv::shipped();
    let out = env.run(&["search", "两多", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let hits = json_hits(&out);
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert_eq!((h.rank, h.path.as_str(), h.line, h.paragraph, h.kind.as_str()), (1, SEED, 1, 1, "paragraph"));
    assert_eq!(h.duplicates.len(), 1);
    assert_eq!((h.duplicates[0].path.as_str(), h.duplicates[0].line), (SEED, 4));
    let chars: Vec<char> = h.snippet.chars().collect();
    let marked: Vec<String> = h.highlights.iter().map(|&(a, b)| chars[a..b].iter().collect()).collect();
    assert_eq!(marked, ["两多"]);
    assert!(h.translation.as_deref().unwrap_or_default().contains("two increases"));
    assert!(h.query["groups"].is_array());
    assert!(!stdout(&out).contains('\u{1b}'), "no colour in JSON");
}

#[test]
fn exit_codes() {
    let env = TestEnv::shipped();
    assert_eq!(env.run(&["search", "工会"]).status.code(), Some(0));
    let none = env.run(&["search", "鸿雁"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(stdout(&none).is_empty());
    for bad in [&["search", "\"unbalanced"][..], &["search", ""], &["search", "，。"], &["search", "zz:top"]] {
        let out = env.run(bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let err = stderr(&out);
        assert!(err.starts_with("yuanwen: error: invalid query"), "{bad:?}: {err}");
        assert!(!err.contains("panicked"));
    }
    let out = env.run(&["search"]);
    assert_eq!(out.status.code(), Some(2), "missing query is a usage error");
}

#[test]
fn exclusion_syntax_on_the_command_line() {
    let env = TestEnv::shipped();
    let all = json_hits(&env.run(&["search", "工会", "--json", "-m", "50"]));
    let without = json_hits(&env.run(&["search", "工会", "-总工会", "--json", "--limit", "50"]));
    assert!(without.len() < all.len());
    assert!(without.iter().all(|h| !h.text.contains("总工会")));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let env = TestEnv::shipped();
    let plain = env.run(&["search", "工会"]);
    assert!(!stdout(&plain).contains('\u{1b}'), "not a terminal: no colour");
    assert!(stdout(&plain).contains("【工会】"));
    let forced = env.run(&["search", "工会", "--color", "always"]);
    assert!(stdout(&forced).contains("\u{1b}[1;31m工会\u{1b}[0m"));
    let no_color = env.run_env(&["search", "工会", "--color", "auto"], &[("NO_COLOR", "1")]);
    assert!(!stdout(&no_color).contains('\u{1b}'));
}

#[test]
fn closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let env = TestEnv::shipped();
    env.run(&["index"]);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("yuanwen"))
        .arg("--corpus")
        .arg(env.corpus())
        .arg("--index")
        .arg(env.index_dir())
        .args(["search", "工会", "-m", "1000", "--width", "100000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, then close the pipe (like `| head -c1`).
    let mut stdout = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    stdout.read_exact(&mut one).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(matches!(out.status.code(), Some(0)), "{:?} {}", out.status, stderr(&out));
    assert!(!stderr(&out).contains("error"), "{}", stderr(&out));
}

#[test]
fn index_command_reports_and_json() {
    let env = TestEnv::shipped();
    let out = env.run(&["index"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("1 files, 12 paragraphs"), "{}", stdout(&out));
    let out = env.run(&["index", "--json"]);
    let report: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(report["documents"], 12);
    assert_eq!(report["unchanged"], 1);
}

#[test]
fn corpus_change_is_picked_up_by_search() {
    let env = TestEnv::shipped();
    env.run(&["index"]);
    env.write("new.txt", "鸿雁传书。\n");
    let out = env.run(&["search", "鸿雁", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 added"), "{}", stderr(&out));
    assert_eq!(json_hits(&out)[0].path, "new.txt");
    let out = env.run(&["search", "鸿雁", "--no-refresh"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn warnings_name_the_file() {
    let env = TestEnv::shipped();
    env.write("broken.txt", b"PK\x03\x04\x00\x00binary");
    let out = env.run(&["index"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("yuanwen: warning: broken.txt: binary"), "{}", stderr(&out));
}

#[test]
fn terminal_output_is_sanitised() {
    let env = TestEnv::new();
    env.write("evil.txt", "工会\u{1b}[2J\u{202e}反转\n");
    let out = env.run(&["search", "工会", "--color", "always"]);
    let text = stdout(&out);
    assert!(!text.contains("\u{1b}[2J") && !text.contains('\u{202e}'), "{text:?}");
    assert!(text.contains("\\u{1b}[2J"));
}

#[test]
fn explain_shows_the_analysis() {
    let env = TestEnv::shipped();
    let out = env.run(&["search", "國際勞工局的工作", "--explain"]);
    let text = stdout(&out);
    assert!(text.contains("国际劳工局") && text.contains("(的)"), "{text}");
}
