//! How long the bundled gazetteer takes to be ready, and a lookup.
//!
//! The index is opened once per process (behind a `LazyLock`), so the
//! cold start is measured in a fresh process each time: the bench runs
//! the binary's cheapest command that touches the gazetteer, and, for
//! scale, the same binary's `--version`, which does not. The warm
//! lookups reuse one gazetteer whose blocks are already decoded.

use criterion::{Criterion, criterion_group, criterion_main};
use std::process::Command;
use trailmap::gazetteer::{Gazetteer, Query};

fn run(exe: &str, args: &[&str]) {
    let o = Command::new(exe).args(args).output().expect("run trailmap");
    assert!(o.status.success());
}

fn load(c: &mut Criterion) {
    let exe = env!("CARGO_BIN_EXE_trailmap");
    let mut g = c.benchmark_group("gazetteer");
    g.sample_size(20);
    g.bench_function("process: --version (no gazetteer)", |b| {
        b.iter(|| run(exe, &["--version"]))
    });
    g.bench_function("process: geocode one name (cold start)", |b| {
        b.iter(|| run(exe, &["geocode", "Barry", "--limit", "1"]))
    });
    g.finish();
    let mut g = c.benchmark_group("gazetteer");
    let gaz = Gazetteer::bundled();
    g.bench_function("geocode \"Portland, Oregon\" (index warm)", |b| {
        b.iter(|| gaz.geocode(&Query::parse("Portland, Oregon")))
    });
    g.bench_function("geocode \"Barry\" (index warm)", |b| {
        b.iter(|| gaz.geocode(&Query::parse("Barry")))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    // No plots: the plotters backend needs a system font, which CI lacks.
    config = Criterion::default().without_plots();
    targets = load
}
criterion_main!(benches);
