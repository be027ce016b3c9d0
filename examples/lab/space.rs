//! Index size by field and structure: `space INDEX` prints, for each field,
//! the megabytes of term dictionary, postings, positions, fast-field and
//! field-norm data, and the stored-text size (what decides the
//! index-size / corpus ratio in `bench`).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: space INDEX")?;
    let stats = yuanwen::Searcher::open(dir)?.stats()?;
    let mb = |b: u64| b as f64 / 1e6;
    println!(
        "{:12} {:>8} {:>8} {:>9} {:>8} {:>9}",
        "field (MB)", "terms", "postings", "positions", "fast", "fieldnorm"
    );
    for (name, f) in &stats.fields {
        let parts = [f.term_bytes, f.posting_bytes, f.position_bytes, f.fast_bytes, f.fieldnorm_bytes];
        if parts.iter().all(|&b| b == 0) {
            continue;
        }
        let [t, p, pos, fast, norms] = parts.map(mb);
        println!("{name:12} {t:8.2} {p:8.2} {pos:9.2} {fast:8.2} {norms:9.2}");
    }
    println!("stored text  {:8.2}", mb(stats.stored_bytes));
    println!("total        {:8.2}", mb(stats.total_bytes));
    Ok(())
}
