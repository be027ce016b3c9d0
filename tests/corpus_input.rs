//! Corpus files of every kind, good and bad: each bad one is reported and
//! skipped, everything else is indexed.

use crate::util::{TestEnv, locations};

fn warned(report: &yuanwen::index::UpdateReport, path: &str) -> String {
    report.warnings.iter().filter(|w| w.path == path).map(|w| w.to_string()).collect::<Vec<_>>().join("\n")
}

#[test]
fn gbk_file_is_decoded() {
    let env = TestEnv::new();
    let (gbk, _, _) = encoding_rs::GBK.encode("国际劳工局与中华全国总工会合作。\n第二段。\n");
    env.write("old/gbk.txt", &gbk);
    let report = env.index();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let r = env.search("劳工局", 10);
    assert_eq!(locations(&r), [("old/gbk.txt".to_string(), 1)]);
    assert_eq!(r.hits[0].document.text, "国际劳工局与中华全国总工会合作。");
}

#[test]
fn big5_file_is_decoded() {
    let env = TestEnv::new();
    let (big5, _, _) = encoding_rs::BIG5.encode("中華全國總工會與國際勞工局的關係，我們的工作。\n");
    env.write("tw.txt", &big5);
    env.index();
    assert_eq!(locations(&env.search("工会", 10)), [("tw.txt".to_string(), 1)]);
}

#[test]
fn binary_file_is_reported_and_skipped() {
    let env = TestEnv::new();
    env.write("good.txt", "工会\n");
    env.write("bad.txt", b"\x00\x01\x02PNG\x00binary");
    let report = env.index();
    assert!(warned(&report, "bad.txt").contains("binary"), "{:?}", report.warnings);
    assert_eq!(report.files, 1);
    assert_eq!(locations(&env.search("工会", 10)), [("good.txt".to_string(), 1)]);
}

#[test]
fn undecodable_file_names_its_line() {
    let env = TestEnv::new();
    env.write("good.txt", "工会\n");
    env.write("bad.txt", b"fine line\n\xff\xfe\xfd\xfc broken\n");
    let report = env.index();
    let w = warned(&report, "bad.txt");
    assert!(w.contains("line 2") && w.contains("UTF-8"), "{w}");
    assert_eq!(report.documents, 1);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_reported_and_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    env.write("good.txt", "工会\n");
    let p = env.write("secret.txt", "工会机密\n");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_err() {
        let report = env.index();
        assert!(warned(&report, "secret.txt").contains("cannot read"), "{:?}", report.warnings);
        assert_eq!(locations(&env.search("工会", 10)), [("good.txt".to_string(), 1)]);
        return;
    }
    // Root reads anything: index as an unprivileged user instead, through
    // the binary (setpriv is part of util-linux).
    for d in [env.dir.path().to_path_buf(), env.corpus()] {
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    std::fs::set_permissions(env.corpus().join("good.txt"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("yuanwen");
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&bin)
        .arg("--corpus")
        .arg(env.corpus())
        .arg("--index")
        .arg(env.index_dir())
        .args(["search", "工会", "--json"])
        .output()
        .expect("setpriv (util-linux) runs the binary as nobody");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("secret.txt") && err.contains("cannot read"), "{err}");
    let hits: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(hits.len(), 2, "one hit and the summary: {err}");
    assert_eq!(hits[1]["type"], "summary");
    assert_eq!(hits[0]["path"], "good.txt");
}

#[cfg(unix)]
#[test]
fn dangling_symlink_and_symlink_loop_are_reported() {
    let env = TestEnv::new();
    env.write("good.txt", "工会\n");
    std::os::unix::fs::symlink(env.corpus().join("nowhere.txt"), env.corpus().join("dangling.txt")).unwrap();
    std::fs::create_dir(env.corpus().join("loop")).unwrap();
    std::os::unix::fs::symlink(env.corpus(), env.corpus().join("loop/back")).unwrap();
    let report = env.index();
    assert!(report.warnings.iter().any(|w| w.path == "dangling.txt"), "{:?}", report.warnings);
    assert!(report.warnings.iter().any(|w| w.message.contains("loop")), "{:?}", report.warnings);
    assert_eq!(locations(&env.search("工会", 10)), [("good.txt".to_string(), 1)]);
}

#[test]
fn empty_and_non_text_files() {
    let env = TestEnv::new();
    env.write("good.txt", "工会\n");
    env.write("empty.txt", "");
    env.write("paper.pdf", "%PDF-1.4");
    env.write("data.docx", "PK");
    let report = env.index();
    assert!(warned(&report, "paper.pdf").contains("not a text file"), "{:?}", report.warnings);
    assert!(warned(&report, "data.docx").contains("not a text file"));
    assert_eq!(report.documents, 1);
}

#[test]
fn jsonl_records_and_bad_lines() {
    let env = TestEnv::new();
    env.write(
        "set.jsonl",
        "{\"id\": \"p1\", \"text\": \"国际劳工局的报告\", \"title\": \"报告\"}\n\
         not json at all\n\
         \n\
         {\"id\": 2, \"text\": \"工会的活动\"}\n\
         {\"id\": \"p3\"}\n",
    );
    let report = env.index();
    let w = warned(&report, "set.jsonl");
    assert!(w.contains("set.jsonl:2") && w.contains("set.jsonl:5"), "{w}");
    let r = env.search("工会", 10);
    assert_eq!(r.hits[0].document.id.as_deref(), Some("2"));
    assert_eq!(r.hits[0].document.line, 4);
    let r = env.search("报告", 10);
    assert_eq!(r.hits[0].document.section.as_deref(), Some("报告"));
}

#[test]
fn wrapped_markdown_blocks_and_headings() {
    let env = TestEnv::new();
    env.write(
        "notes.md",
        "# 第一部分\n\n中华全国总工会与国际劳\n工局的关系，双方在\n多个领域合作。\n\n## 细节\n\nThe ILO and the\nACFTU cooperate.\n",
    );
    env.index();
    let r = env.search("劳工局", 10);
    let h = &r.hits[0];
    assert_eq!((h.document.line, h.document.section.as_deref()), (3, Some("第一部分")));
    assert_eq!(h.snippet.text(), "中华全国总工会与国际劳工局的关系，双方在多个领域合作。");
    let r = env.search("\"ILO and the ACFTU\"", 10);
    assert_eq!((r.hits[0].document.line, r.hits[0].document.section.as_deref()), (9, Some("细节")));
}

#[test]
fn utf8_bom_and_crlf() {
    let env = TestEnv::new();
    env.write("win.txt", "\u{FEFF}第一段工会。\r\n第二段。\r\n");
    env.index();
    let r = env.search("工会", 10);
    assert_eq!(r.hits[0].document.text, "第一段工会。");
}

#[test]
fn missing_corpus_is_a_clear_error() {
    let env = TestEnv::new();
    let mut opts = env.options();
    opts.corpus = env.dir.path().join("no-such-dir");
    let e = yuanwen::index::update(&opts, yuanwen::index::LockWait::Wait, &yuanwen::index::NoProgress).unwrap_err();
    assert!(e.to_string().contains("no-such-dir"), "{e}");
}
