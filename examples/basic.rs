// # Index a folder and search it
//
// The library end to end: build (or bring up to date) an index of a corpus
// folder, search it, print each hit with where it is and its highlights.
//
// ```sh
// cargo run --example basic -- corpus 国际劳工局
// cargo run --example basic -- corpus "trade union"
// ```
//
// A program that uses yuanwen as a library depends on it with
// `default-features = false`, leaving out the command line's dependencies.

use std::path::PathBuf;
use yuanwen::{IndexOptions, SearchOptions, Searcher, index};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(args.next().ok_or("usage: basic CORPUS_DIR QUERY…")?);
    let query = args.collect::<Vec<_>>().join(" ");

    // # Build the index
    //
    // `update` reads only what changed since the last run; the first run
    // builds everything. The index lives in a folder of its own.
    let index_dir = std::env::temp_dir().join("yuanwen-basic-example");
    let opts = IndexOptions::new(&corpus, &index_dir);
    let report = index::update(&opts, index::LockWait::Wait, &index::NoProgress)?;
    for warning in &report.warnings {
        eprintln!("skipped: {warning}");
    }
    eprintln!("{} files, {} passages in {:?}", report.files, report.documents, report.elapsed);

    // # Search
    //
    // A searcher sees the index as it was when opened; keep it for many
    // searches (opening reads the index's metadata).
    let searcher = Searcher::open(&index_dir)?;
    let results = searcher.search(&query, &SearchOptions::default().with_limit(5))?;
    eprintln!("query understood as: {:?}", results.query.mode);

    // # Print the hits
    //
    // `parts()` walks a snippet as plain and highlighted pieces, so no
    // offsets need converting; `byte_highlights()` and `char_highlights()`
    // give the ranges themselves.
    for hit in &results.hits {
        let d = &hit.document;
        println!("{}:{} {}", d.path, d.line, d.section.as_deref().unwrap_or(""));
        let marked: String =
            hit.snippet.parts().map(|(text, hl)| if hl { format!("[{text}]") } else { text.to_string() }).collect();
        println!("  {marked}");
        if let Some(t) = &hit.translation_snippet {
            println!("  en: {}", t.text());
        }
        for other in &hit.duplicates {
            println!("  also at {}:{}", other.path, other.line);
        }
    }
    if results.hits.is_empty() {
        eprintln!("nothing found");
    }
    Ok(())
}
