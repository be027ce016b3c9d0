//! Index size by field and structure: `space INDEX` prints, for each field,
//! the megabytes of term dictionary, postings, positions, fast-field and
//! field-norm data, and the stored-text size (what decides the
//! index-size / corpus ratio in `bench`).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: space INDEX")?;
    let searcher = yuanwen::Searcher::open(dir.as_ref())?;
    let usage = searcher.snapshot().searcher().space_usage()?;
    let mut fields: std::collections::BTreeMap<String, [u64; 5]> = Default::default();
    let mut store = 0;
    for seg in usage.segments() {
        let parts = [seg.termdict(), seg.postings(), seg.positions(), seg.fast_fields(), seg.fieldnorms()];
        for (k, part) in parts.iter().enumerate() {
            for f in part.fields() {
                fields.entry(f.field_name().to_string()).or_default()[k] += f.total().get_bytes();
            }
        }
        store += seg.store().total().get_bytes();
    }
    let mb = |b: u64| b as f64 / 1e6;
    println!(
        "{:12} {:>8} {:>8} {:>9} {:>8} {:>9}",
        "field (MB)", "terms", "postings", "positions", "fast", "fieldnorm"
    );
    for (name, t) in &fields {
        println!("{name:12} {:8.2} {:8.2} {:9.2} {:8.2} {:9.2}", mb(t[0]), mb(t[1]), mb(t[2]), mb(t[3]), mb(t[4]));
    }
    println!("stored text  {:8.2}", mb(store));
    println!("total        {:8.2}", mb(usage.total().get_bytes()));
    Ok(())
}
