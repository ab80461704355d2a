//! Extraction speed per stage, in bytes of article text per second, over
//! every article in the repository (the bundled samples and the test
//! articles: UK, US, Ireland, Canada, Australia, India, Europe):
//! sentences and tokens, dates and tense, place recognition, place
//! resolution (rankings remembered, as in a long run), the whole
//! extraction of an article, the merge, and the table writers.
//!
//! `cargo bench --bench extract`; results go in BENCHMARKS.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use trailmap::article::{self, Article};
use trailmap::date::{DateLexicon, tense_and_dates};
use trailmap::event::extract::Extractor;
use trailmap::event::merge::merge;
use trailmap::event::{jsonl, table};
use trailmap::gazetteer::Gazetteer;
use trailmap::place::{PlaceLexicon, recognise_in, resolve};
use trailmap::text::{Token, sentences, tokens};

fn articles() -> Vec<Article> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in [
        "data/articles/uk-2017",
        "data/articles/us-2018",
        "tests/articles",
    ] {
        for e in std::fs::read_dir(root.join(dir)).expect("article folder") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "txt") {
                paths.push(p);
            }
        }
    }
    paths.sort();
    paths
        .iter()
        .flat_map(|p| article::read_file(p).expect("readable article").articles)
        .collect()
}

fn stages(c: &mut Criterion) {
    let docs = articles();
    let bytes: u64 = docs.iter().map(|a| a.text.len() as u64).sum();
    let gaz = Gazetteer::bundled();
    let ex = Extractor::new(&gaz, None);
    let dates = DateLexicon::english();
    let places = PlaceLexicon::english();
    let split: Vec<_> = docs
        .iter()
        .map(|a| {
            let s = sentences(&a.text);
            let t: Vec<Vec<Token>> = s.iter().map(|x| tokens(&a.text, x.span.clone())).collect();
            (s, t)
        })
        .collect();
    let mentions: Vec<_> = docs
        .iter()
        .zip(&split)
        .map(|(a, (s, t))| recognise_in(&a.text, s, t, &gaz, places))
        .collect();

    let mut g = c.benchmark_group(format!("extract stages, {} articles", docs.len()));
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("sentences and tokens", |b| {
        b.iter(|| {
            for a in &docs {
                for s in sentences(&a.text) {
                    black_box(tokens(&a.text, s.span));
                }
            }
        })
    });
    g.bench_function("dates and tense (every sentence)", |b| {
        b.iter(|| {
            for (a, (s, _)) in docs.iter().zip(&split) {
                for x in s {
                    black_box(tense_and_dates(&a.text[x.span.clone()], a.published, dates));
                }
            }
        })
    });
    g.bench_function("place recognition", |b| {
        b.iter(|| {
            for (a, (s, t)) in docs.iter().zip(&split) {
                black_box(recognise_in(&a.text, s, t, &gaz, places));
            }
        })
    });
    g.bench_function("place resolution", |b| {
        b.iter(|| {
            for (a, m) in docs.iter().zip(&mentions) {
                black_box(resolve(&a.text, m, &gaz, None));
            }
        })
    });
    g.bench_function("whole article extraction", |b| {
        b.iter(|| {
            for a in &docs {
                black_box(ex.extract(a));
            }
        })
    });
    g.finish();

    let events: Vec<_> = docs.iter().flat_map(|a| ex.extract(a).events).collect();
    let merged = merge(events.clone());
    let mut g = c.benchmark_group(format!("events, {} mentions", events.len()));
    g.throughput(Throughput::Elements(events.len() as u64));
    g.bench_function("merge", |b| b.iter(|| black_box(merge(events.clone()))));
    g.bench_function("write events.csv", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 16);
            table::write_csv(&mut out, &merged).expect("in memory");
            black_box(out)
        })
    });
    g.bench_function("write JSON Lines", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 16);
            for e in &events {
                jsonl::write_event(&mut out, e).expect("in memory");
            }
            black_box(out)
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).without_plots();
    targets = stages
}
criterion_main!(benches);
