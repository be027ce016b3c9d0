//! Paragraph-level updates: a changed file keeps its unchanged passages in
//! the index, and the index ends exactly as a fresh build of the files.

use crate::util::TestEnv;
use proptest::prelude::*;
use yuanwen::index::{self, LockWait, NoProgress};
use yuanwen::{Document, IndexOptions, Searcher};

/// Every passage of every file, as the index at `dir` gives them.
fn contents(dir: &std::path::Path) -> Vec<Document> {
    let s = Searcher::open(dir).expect("open");
    s.files().iter().flat_map(|p| s.passages(p).expect("passages")).collect()
}

/// The same corpus indexed from nothing.
fn fresh(env: &TestEnv) -> Vec<Document> {
    let dir = env.dir.path().join("fresh");
    let _ = std::fs::remove_dir_all(&dir);
    index::update(&IndexOptions::new(env.corpus(), &dir), LockWait::Wait, &NoProgress).expect("fresh build");
    contents(&dir)
}

fn paragraphs(n: usize, tag: &str) -> Vec<String> {
    (1..=n).map(|k| format!("{tag}第{k}段，工会与国际劳工局。")).collect()
}

fn write(env: &TestEnv, rel: &str, paras: &[String]) {
    env.write(rel, paras.join("\n\n") + "\n");
}

#[test]
fn appending_a_paragraph_adds_one_document() {
    let env = TestEnv::new();
    let mut paras = paragraphs(200, "甲");
    write(&env, "a.md", &paras);
    write(&env, "b.txt", &paragraphs(5, "乙"));
    env.index();
    paras.push("新加的一段：实时更新测试词。".into());
    write(&env, "a.md", &paras);
    let r = env.index();
    assert_eq!((r.changed, r.documents_added, r.documents_removed), (1, 1, 0), "{r:?}");
    assert_eq!(contents(&env.index_dir()), fresh(&env));
    let hits = env.search("实时更新测试词", 5).hits;
    assert_eq!((hits.len(), hits[0].document.line), (1, 401));
}

#[test]
fn an_edit_in_place_replaces_one_and_an_insertion_renumbers_what_follows() {
    let env = TestEnv::new();
    let mut paras = paragraphs(50, "甲");
    write(&env, "a.txt", &paras);
    env.index();
    paras[20] = "第21段改过了。".into();
    write(&env, "a.txt", &paras);
    let r = env.index();
    assert_eq!((r.documents_added, r.documents_removed), (1, 1), "{r:?}");
    assert_eq!(contents(&env.index_dir()), fresh(&env));
    // A paragraph inserted at 30 moves the 21 after it two lines down.
    paras.insert(29, "插入的一段。".into());
    write(&env, "a.txt", &paras);
    let r = env.index();
    assert_eq!((r.documents_added, r.documents_removed), (22, 21), "{r:?}");
    let now = contents(&env.index_dir());
    assert_eq!(now, fresh(&env));
    assert_eq!(now.iter().find(|d| d.text.starts_with("甲第50段")).map(|d| (d.line, d.paragraph)), Some((101, 51)));
}

/// One random edit of a file of paragraphs (with headings and a
/// translation beside it).
#[derive(Clone, Debug)]
enum Edit {
    Append(String),
    Replace(usize, String),
    Insert(usize, String),
    Remove(usize),
    Heading(usize, String),
    Translate(usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let text = "[甲乙丙工会劳工局abc ]{1,12}";
    prop_oneof![
        text.prop_map(Edit::Append),
        (0usize..40, text).prop_map(|(k, t)| Edit::Replace(k, t)),
        (0usize..40, text).prop_map(|(k, t)| Edit::Insert(k, t)),
        (0usize..40).prop_map(Edit::Remove),
        (0usize..40, "[章节一二三]{1,4}").prop_map(|(k, t)| Edit::Heading(k, t)),
        (0usize..40, "[a-z ]{1,12}").prop_map(|(k, t)| Edit::Translate(k, t)),
    ]
}

fn apply(zh: &mut Vec<String>, en: &mut Vec<String>, e: &Edit) {
    let at = |k: usize, len: usize| if len == 0 { 0 } else { k % len };
    let clean = |t: &str| {
        let t = t.trim();
        if t.is_empty() { "空".to_string() } else { t.to_string() }
    };
    match e {
        Edit::Append(t) => {
            zh.push(clean(t));
            en.push(format!("added {}", clean(t).len()));
        }
        Edit::Replace(k, t) if !zh.is_empty() => {
            let k = at(*k, zh.len());
            zh[k] = clean(t);
        }
        Edit::Insert(k, t) => {
            let k = at(*k, zh.len() + 1);
            zh.insert(k, clean(t));
            en.insert(k.min(en.len()), "inserted".into());
        }
        Edit::Remove(k) if zh.len() > 1 => {
            let k = at(*k, zh.len());
            zh.remove(k);
            if k < en.len() {
                en.remove(k);
            }
        }
        Edit::Heading(k, t) => {
            let k = at(*k, zh.len() + 1);
            zh.insert(k, format!("## {}", clean(t)));
            en.insert(k.min(en.len()), format!("## heading {k}"));
        }
        Edit::Translate(k, t) if !en.is_empty() => {
            let k = at(*k, en.len());
            en[k] = clean(t);
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any sequence of edits, each followed by an update, leaves the
    /// index holding what a fresh build holds.
    #[test]
    fn revised_files_index_as_a_fresh_build(edits in proptest::collection::vec(edit(), 1..6)) {
        let env = TestEnv::new();
        let mut zh = paragraphs(12, "甲");
        zh.insert(4, "## 第一章".into());
        let mut en: Vec<String> = (1..=zh.len()).map(|k| format!("paragraph {k}")).collect();
        write(&env, "a.md", &zh);
        write(&env, "a.en.md", &en);
        write(&env, "b.txt", &paragraphs(3, "乙"));
        env.index();
        for e in &edits {
            apply(&mut zh, &mut en, e);
            write(&env, "a.md", &zh);
            write(&env, "a.en.md", &en);
            env.index();
            prop_assert_eq!(contents(&env.index_dir()), fresh(&env), "after {:?}", e);
        }
        let facets = Searcher::open(env.index_dir()).unwrap()
            .search("工会", &yuanwen::SearchOptions::default().with_count(true).with_facets(true)).unwrap();
        let fresh_dir = env.dir.path().join("fresh");
        let expected = Searcher::open(&fresh_dir).unwrap()
            .search("工会", &yuanwen::SearchOptions::default().with_count(true).with_facets(true)).unwrap();
        prop_assert_eq!(format!("{:?}", facets.facets), format!("{:?}", expected.facets));
        prop_assert_eq!(facets.summary.counts, expected.summary.counts);
    }
}
