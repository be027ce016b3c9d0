use std::time::Instant;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let s = yuanwen::Searcher::open(args[1].as_ref()).unwrap();
    let q = &args[2];
    let n: usize = args.get(3).map(|x| x.parse().unwrap()).unwrap_or(200);
    let o = yuanwen::SearchOptions::default();
    let t = Instant::now();
    let mut hits = 0;
    for _ in 0..n {
        hits = s.search(q, &o).unwrap().hits.len();
    }
    println!("{q}: {:.3} ms/query, {hits} hits", t.elapsed().as_secs_f64() * 1e3 / n as f64);
}
