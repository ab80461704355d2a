//! Rendering speed: the reference timeline and a year of 1,000 events.
//!
//! `cargo bench --bench render`; results go in BENCHMARKS.md.

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use trailmap::event::{Event, Kind};
use trailmap::render::{Theme, TimelineOptions, render_timeline};

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

fn reference_events() -> Vec<Event> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reference-events.csv"
    );
    let bytes = std::fs::read(path).expect("the reference fixture");
    trailmap::event::table::read_csv(&bytes[..], None).expect("a valid table")
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

// No HTML plots: criterion draws them with plotters, whose fonts this
// crate's plotters features (ab_glyph, no system fonts) do not provide.
criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = bench_timeline
}
criterion_main!(benches);
