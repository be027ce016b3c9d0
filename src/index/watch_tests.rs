use super::*;
use crate::SearchOptions;
use crate::search::Searcher;
use std::sync::mpsc;

/// What the watch reported, by kind.
#[derive(Debug, PartialEq)]
enum Seen {
    Updated,
    Failed,
    Gone,
    Back,
}

fn wait_for(rx: &mpsc::Receiver<Seen>, want: Seen) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while std::time::Instant::now() < deadline {
        match rx.recv_timeout(Duration::from_secs(1)) {
            Ok(s) if s == want => return,
            Ok(Seen::Failed) => panic!("an update failed while waiting for {want:?}"),
            _ => {}
        }
    }
    panic!("no {want:?} within 30 s");
}

fn hits(index: &Path, q: &str) -> usize {
    let s = Searcher::open(index).unwrap();
    s.search(q, &SearchOptions::default().with_count(true)).unwrap().summary.counts.unwrap().passages as usize
}

#[test]
fn the_watch_survives_its_corpus_deleted_recreated_moved_away_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "原来的文字甲。\n").unwrap();
    let opts = IndexOptions::new(&corpus, dir.path().join("index"));
    update(&opts, LockWait::Wait, &NoProgress).unwrap();
    let (tx, rx) = mpsc::channel();
    let watcher = {
        let opts = opts.clone();
        std::thread::spawn(move || {
            watch(&opts, Duration::from_millis(100), |e| {
                // Stop after the update that adds the last file (not on a
                // late event of an earlier change).
                let last = matches!(&e, WatchEvent::Updated(Ok(r)) if r.files == 3);
                let seen = match e {
                    WatchEvent::Updated(Ok(_)) => Seen::Updated,
                    WatchEvent::Updated(Err(_)) => Seen::Failed,
                    WatchEvent::CorpusGone => Seen::Gone,
                    WatchEvent::CorpusBack => Seen::Back,
                };
                let _ = tx.send(seen);
                if last { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
            })
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    std::fs::remove_dir_all(&corpus).unwrap();
    wait_for(&rx, Seen::Gone);
    assert_eq!(hits(&opts.index, "原来的文字"), 1, "the index is kept while the corpus is gone");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("b.txt"), "新建的文字乙。\n").unwrap();
    wait_for(&rx, Seen::Back);
    wait_for(&rx, Seen::Updated);
    let away = dir.path().join("away");
    std::fs::rename(&corpus, &away).unwrap();
    wait_for(&rx, Seen::Gone);
    std::fs::write(away.join("c.txt"), "移走时写的文字丙。\n").unwrap();
    std::fs::rename(&away, &corpus).unwrap();
    wait_for(&rx, Seen::Back);
    wait_for(&rx, Seen::Updated);
    // Still watching the folder that came back: the update that holds
    // b, c and d ends the watch.
    std::fs::write(corpus.join("d.txt"), "回来后写的文字丁。\n").unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !watcher.is_finished() {
        assert!(std::time::Instant::now() < deadline, "the watch never indexed d.txt");
        std::thread::sleep(Duration::from_millis(50));
    }
    watcher.join().unwrap().unwrap();
    let fresh = tempfile::tempdir().unwrap();
    update(&IndexOptions::new(&corpus, fresh.path().join("index")), LockWait::Wait, &NoProgress).unwrap();
    for q in ["原来的文字", "新建的文字", "移走时写的文字", "回来后写的文字", "文字"] {
        assert_eq!(hits(&opts.index, q), hits(&fresh.path().join("index"), q), "{q}: as a fresh build");
    }
}
