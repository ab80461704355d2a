//! How long the bundled gazetteer takes to be ready, and a lookup.
//!
//! The index is built once per process (behind a `LazyLock`), so the
//! load is measured in a fresh process each time: the bench runs the
//! binary's cheapest command that touches the gazetteer.

use criterion::{Criterion, criterion_group, criterion_main};
use std::process::Command;
use trailmap::gazetteer::{Gazetteer, Query};

fn load(c: &mut Criterion) {
    let exe = env!("CARGO_BIN_EXE_trailmap");
    let mut g = c.benchmark_group("gazetteer");
    g.sample_size(10);
    g.bench_function("process: geocode one name (load included)", |b| {
        b.iter(|| {
            let o = Command::new(exe)
                .args(["geocode", "Barry", "--limit", "1"])
                .output()
                .expect("run trailmap");
            assert!(o.status.success());
        })
    });
    let gaz = Gazetteer::bundled();
    g.bench_function("geocode \"Portland, Oregon\" (index warm)", |b| {
        b.iter(|| gaz.geocode(&Query::parse("Portland, Oregon")))
    });
    g.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
