//! Rendering speed: the reference timeline and a year of 1,000 events;
//! the reference map (warm: basemap already parsed), the Illinois map, a
//! world map, and the whole `trailmap map` binary in a fresh process
//! (cold: the embedded basemap parsed from scratch).
//!
//! `cargo bench --bench render`; results go in BENCHMARKS.md.

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use trailmap::event::{Event, Kind};
use trailmap::render::{Extent, MapOptions, Theme, TimelineOptions, render_map, render_timeline};

/// `n` events over 2024 by six actors, from a fixed seed.
fn year_of_events(n: usize) -> Vec<Event> {
    let actors = [
        "Keir Starmer",
        "Rishi Sunak",
        "Ed Davey",
        "Nigel Farage",
        "Carla Denyer",
        "Rhun ap Iorwerth",
    ];
    let parties = [
        "Labour",
        "Conservative",
        "Liberal Democrats",
        "Reform UK",
        "Green",
        "Plaid Cymru",
    ];
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date");
    let mut state: u64 = 42;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 33
    };
    let mut v: Vec<Event> = (0..n)
        .map(|i| {
            let a = (next() % 6) as usize;
            let mut e = Event::new(
                &format!("Town {}", next() % 500),
                Some(start + Duration::days((next() % 366) as i64)),
            );
            e.actor = actors[a].into();
            e.party = parties[a].into();
            e.kind = Kind::Rally;
            e.crowd = (i % 4 == 0).then(|| 50 + next() % 5000);
            e.sources = vec![format!("art{}", next() % 300)];
            e
        })
        .collect();
    v.sort_by_key(|e| (e.date, e.place.clone()));
    v
}

fn fixture(name: &str) -> Vec<Event> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).expect("the fixture");
    trailmap::event::table::read_csv(&bytes[..], None).expect("a valid table")
}

fn reference_events() -> Vec<Event> {
    fixture("reference-events.csv")
}

fn bench_map(c: &mut Criterion) {
    let theme = Theme::default();
    let opts = MapOptions::default();
    let reference = reference_events();
    c.bench_function("map/reference (8 events, warm)", |b| {
        b.iter(|| render_map(black_box(&reference), &opts, &theme).expect("a map"))
    });
    let illinois = fixture("illinois-events.csv");
    let trail = MapOptions {
        trail: true,
        ..MapOptions::default()
    };
    c.bench_function("map/illinois (10 events, trails, warm)", |b| {
        b.iter(|| render_map(black_box(&illinois), &trail, &theme).expect("a map"))
    });
    let world = MapOptions {
        extent: Extent::World,
        ..MapOptions::default()
    };
    c.bench_function("map/world extent (50m layer, warm)", |b| {
        b.iter(|| render_map(black_box(&reference), &world, &theme).expect("a map"))
    });
    // A fresh process per iteration: argument parsing, reading the table,
    // parsing the embedded 10m basemap, rendering and writing the SVG.
    let exe = env!("CARGO_MANIFEST_DIR").to_string() + "/target/release/trailmap";
    if std::path::Path::new(&exe).exists() {
        let fixture = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/reference-events.csv"
        );
        let mut g = c.benchmark_group("map/cold");
        g.sample_size(20);
        g.bench_function("trailmap map reference-events.csv (fresh process)", |b| {
            b.iter(|| {
                let out = std::process::Command::new(&exe)
                    .args(["map", fixture])
                    .output()
                    .expect("run trailmap");
                assert!(out.status.success());
                out.stdout.len()
            })
        });
        g.finish();
    }
}

fn bench_timeline(c: &mut Criterion) {
    let theme = Theme::default();
    let opts = TimelineOptions::default();
    let reference = reference_events();
    c.bench_function("timeline/reference (8 events)", |b| {
        b.iter(|| render_timeline(black_box(&reference), &opts, &theme))
    });
    let year = year_of_events(1000);
    c.bench_function("timeline/1000 events over a year", |b| {
        b.iter(|| render_timeline(black_box(&year), &opts, &theme))
    });
    // Sparse enough to draw every marker and place every label.
    let few = year_of_events(150);
    c.bench_function("timeline/150 events, markers and labels", |b| {
        b.iter(|| render_timeline(black_box(&few), &opts, &theme))
    });
}

// No HTML plots: criterion draws them with plotters, which finds no
// system fonts in CI.
criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = bench_timeline, bench_map
}
criterion_main!(benches);
