//! Analysis throughput (MB/s) on Chinese, Traditional Chinese, English and
//! mixed text: normalisation, the word field (jieba), the bigram field, the
//! English field, and all of them as indexing runs them.
//!
//! `cargo bench --bench analysis`. The texts are the shipped corpus (and its
//! translation), repeated to ~1 MB; Traditional is the Simplified source
//! converted with OpenCC (`ferrous-opencc`, a dev-dependency).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use yuanwen::analysis::{Analyzer, Normalized, bigrams, english};

const SOURCE: &str = include_str!("../corpus/acftu-international-relations-2000-2003.txt");
const ENGLISH: &str = include_str!("../corpus/acftu-international-relations-2000-2003.en.txt");

fn repeat(text: &str) -> String {
    text.repeat((1 << 20) / text.len() + 1)
}

fn texts() -> Vec<(&'static str, String)> {
    let traditional = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2t)
        .expect("opencc")
        .convert(SOURCE);
    let mixed: String = SOURCE.lines().zip(ENGLISH.lines()).map(|(z, e)| format!("{z} {e}\n")).collect();
    vec![
        ("chinese", repeat(SOURCE)),
        ("traditional", repeat(&traditional)),
        ("english", repeat(ENGLISH)),
        ("mixed", repeat(&mixed)),
    ]
}

fn bench(c: &mut Criterion) {
    let analyzer = Analyzer::builtin();
    for (name, text) in texts() {
        let paragraphs: Vec<&str> = text.lines().collect();
        // Warm the lazy tables and check the work is real.
        let n = Normalized::new(&text);
        assert!(analyzer.words(&n).len() > 10_000 && bigrams(&n).len() > 10_000, "{name}");
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.sample_size(10);
        g.bench_function("normalize", |b| {
            b.iter(|| paragraphs.iter().map(|p| Normalized::new(black_box(p)).len_chars()).sum::<usize>())
        });
        g.bench_function("words", |b| {
            b.iter(|| paragraphs.iter().map(|p| analyzer.words(&Normalized::new(black_box(p))).len()).sum::<usize>())
        });
        g.bench_function("grams", |b| {
            b.iter(|| paragraphs.iter().map(|p| bigrams(&Normalized::new(black_box(p))).len()).sum::<usize>())
        });
        g.bench_function("english", |b| {
            b.iter(|| paragraphs.iter().map(|p| english(&Normalized::new(black_box(p))).0.len()).sum::<usize>())
        });
        g.bench_function("all fields", |b| {
            b.iter(|| {
                let mut tokens = 0;
                for p in &paragraphs {
                    let n = Normalized::new(black_box(p));
                    tokens += analyzer.words(&n).len() + bigrams(&n).len();
                    tokens += english(&n).0.len();
                }
                tokens
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
