//! The SVG timeline end to end: golden files, rendering with resvg,
//! determinism, size, escaping, and a year of 1,000 events.
//!
//! Golden SVGs live in `tests/golden/` and are compared byte for byte;
//! regenerate them with `TRAILMAP_BLESS=1 cargo test --release --test tests timeline` and
//! look at the PNGs written to `target/test-png/` before committing.

use crate::util::{check, rasterise, root, wide};
use chrono::{Duration, NaiveDate};
use std::path::Path;
use trailmap::event::table::{read_csv, write_csv};
use trailmap::event::{Event, Kind};
use trailmap::render::{LaneBy, Theme, TimelineOptions, render_timeline};

fn reference_events() -> Vec<Event> {
    let path = root().join("tests/fixtures/reference-events.csv");
    let bytes = std::fs::read(&path).unwrap();
    read_csv(&bytes[..], Some(&path)).unwrap()
}

fn reference_options() -> TimelineOptions {
    TimelineOptions {
        title: Some("Corbyn's six simultaneous rallies on the eve of the vote".into()),
        subtitle: Some("Campaign events reported on 7 June 2017, by who led them; circle area shows the crowd where reported".into()),
        ..TimelineOptions::default()
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn fixture_is_in_the_exact_events_csv_format() {
    let path = root().join("tests/fixtures/reference-events.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = Vec::new();
    write_csv(&mut out, &reference_events()).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), text);
}

#[test]
fn reference_timeline() {
    let svg = render_timeline(&reference_events(), &reference_options(), &Theme::default());
    assert!(svg.len() <= 60 * 1024, "{} bytes", svg.len());
    assert_eq!(
        wide(&svg).matches("<g class=\"mk\"><title>").count(),
        8,
        "one tooltip per marker"
    );
    assert!(svg.contains("role=\"img\""));
    let root_tag = &svg[..svg.find('>').unwrap()];
    assert!(!root_tag.contains("width="), "responsive: no fixed width");
    assert!(svg.contains("Places © GeoNames"));
    assert!(svg.contains("Events extracted from 1 article, 5–7 June 2017"));
    // The text alternative lists the events in date order.
    let desc = &svg[svg.find("<desc").unwrap()..svg.find("</desc>").unwrap()];
    let g = desc.find("1. Gateshead").unwrap();
    let b = desc.find("3. Birmingham").unwrap();
    let l = desc.find("8. London").unwrap();
    assert!(g < b && b < l, "{desc}");
    for town in [
        "Gateshead",
        "Barry",
        "Birmingham",
        "Brighton",
        "Croydon",
        "Glasgow",
        "Warrington",
        "London",
    ] {
        assert!(svg.contains(&format!(">{town}</text>")), "label for {town}");
    }
    check("reference-timeline", &svg);
}

#[test]
fn reference_timeline_at_other_settings() {
    let events = reference_events();
    let narrow = TimelineOptions {
        width: Some(360.0),
        ..reference_options()
    };
    check(
        "reference-timeline-360",
        &render_timeline(&events, &narrow, &Theme::default()),
    );
    let party = TimelineOptions {
        lanes: LaneBy::Party,
        height: Some(420.0),
        ..TimelineOptions::default()
    };
    check(
        "reference-timeline-party",
        &render_timeline(&events, &party, &Theme::default()),
    );
}

#[test]
fn output_is_identical_across_runs() {
    let a = render_timeline(&reference_events(), &reference_options(), &Theme::default());
    let b = render_timeline(&reference_events(), &reference_options(), &Theme::default());
    assert_eq!(a, b);
}

fn month_of_events() -> Vec<Event> {
    let actors = [
        ("Rishi Sunak", "Conservative"),
        ("Keir Starmer", "Labour"),
        ("Ed Davey", "Liberal Democrats"),
        ("John Swinney", "SNP"),
        ("Nigel Farage", "Reform UK"),
    ];
    let towns = [
        "Leeds",
        "Bolton",
        "Eastbourne",
        "Perth",
        "Clacton",
        "Bristol",
        "Hull",
        "Dundee",
        "Grimsby",
        "Wrexham",
    ];
    let mut v = Vec::new();
    for i in 0..24u32 {
        let (actor, party) = actors[(i as usize * 7) % actors.len()];
        let mut e = Event::new(
            towns[(i as usize * 3) % towns.len()],
            Some(d(2024, 6, 1) + Duration::days(i64::from(i * 5 % 31))),
        );
        e.actor = actor.into();
        e.party = party.into();
        e.kind = Kind::ALL[i as usize % 8];
        e.crowd = (i % 3 == 0).then_some(u64::from(100 + i * 150));
        e.sources = vec![format!("a{}", i % 6)];
        v.push(e);
    }
    v.push(Event::new("Cardiff", None));
    v.sort_by_key(|e| (e.date.is_none(), e.date, e.place.clone()));
    v
}

#[test]
fn month_timeline_uses_weeks_and_lists_undated() {
    let svg = render_timeline(
        &month_of_events(),
        &TimelineOptions::default(),
        &Theme::default(),
    );
    assert!(svg.contains("Also reported, date not given: 25. Cardiff."));
    assert!(svg.contains(">June 2024</text>"));
    check("month-timeline", &svg);
}

/// 1,000 events over a year: dense lanes become per-day counts.
pub fn year_of_events(n: usize) -> Vec<Event> {
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
                Some(d(2024, 1, 1) + Duration::days((next() % 366) as i64)),
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

#[test]
fn a_year_of_a_thousand_events_stays_legible() {
    let svg = render_timeline(
        &year_of_events(1000),
        &TimelineOptions::default(),
        &Theme::default(),
    );
    assert!(svg.contains("1,000 events"));
    assert!(
        !svg.contains("class=\"mk\""),
        "dense lanes show counts, not markers"
    );
    assert!(svg.contains(">Jan</text>") && svg.contains(">2024</text>"));
    let ink = rasterise("year-1000", &svg);
    assert!(ink > 0.01);
}

#[test]
fn input_text_is_escaped() {
    let evil = "<script>alert(1)</script> \" ' onload=alert(2) ]]> & <![CDATA[x]]>";
    let mut e = Event::new(&format!("Barry{evil}"), Some(d(2017, 6, 6)));
    e.actor = format!("Actor{evil}\u{0}\u{1b}");
    e.party = format!("Party{evil}");
    e.evidence = evil.into();
    e.sources = vec![evil.into()];
    let mut u = e.clone();
    u.date = None;
    let opts = TimelineOptions {
        title: Some(evil.into()),
        subtitle: Some(evil.into()),
        ..Default::default()
    };
    let svg = render_timeline(&[e, u], &opts, &Theme::default());
    for bad in ["<script", "]]>", "<![CDATA", "\u{0}", "\u{1b}"] {
        assert!(!svg.contains(bad), "{bad:?} reached the SVG");
    }
    // No tag carries an injected attribute: every `onload` is in text.
    for tag in svg.split('<').skip(1).map(|t| t.split('>').next().unwrap()) {
        assert!(!tag.contains("onload"), "attribute injection in <{tag}>");
    }
    assert_eq!(svg.matches('<').count(), svg.matches('>').count());
    // Well-formed: usvg parses XML strictly.
    assert!(rasterise("escaping", &svg) > 0.0);
}

#[test]
fn hand_edited_table_without_coordinates_renders() {
    let t = "date,place\n2017-06-06,Barry\n2017-06-07,Leeds\n,Glasgow\n";
    let events = read_csv(t.as_bytes(), Some(Path::new("hand.csv"))).unwrap();
    let svg = render_timeline(&events, &TimelineOptions::default(), &Theme::default());
    assert!(svg.contains(">Barry</text>") && svg.contains("Glasgow"));
    assert!(rasterise("hand-edited", &svg) > 0.01);
}

#[test]
fn a_corpus_counts_weeks_or_months_and_stays_small() {
    use trailmap::render::timeline::{BarUnit, layout_timeline};
    let theme = Theme::default();
    let opts = TimelineOptions::default();
    let year = year_of_events(20_000);
    // Three years of the same: days are too narrow even for weeks.
    let years: Vec<Event> = year
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut e = e.clone();
            e.date = e.date.map(|d| d + Duration::days(366 * (i % 3) as i64));
            e
        })
        .collect();
    for (events, unit, most) in [(&year, BarUnit::Week, 53), (&years, BarUnit::Month, 37)] {
        let s = layout_timeline(events, &opts, &theme);
        assert_eq!(s.bar_unit, unit);
        assert!(s.lanes.iter().all(|l| l.aggregated));
        assert_eq!(s.bars.iter().map(|b| b.count).sum::<usize>(), events.len());
        // One colour per lane, and bars apart.
        for lane in &s.lanes {
            let bars: Vec<_> = s
                .bars
                .iter()
                .filter(|b| b.rect.y >= lane.y && b.rect.bottom() <= lane.y + lane.h)
                .collect();
            assert!(!bars.is_empty() && bars.len() <= most, "{}", bars.len());
            assert!(bars.iter().all(|b| b.fill == bars[0].fill));
            let mut xs: Vec<_> = bars.iter().map(|b| b.rect).collect();
            xs.sort_by(|a, b| a.x.total_cmp(&b.x));
            assert!(
                xs.windows(2).all(|w| w[0].right() <= w[1].x),
                "bars overlap"
            );
        }
        let svg = render_timeline(events, &opts, &theme);
        // Two renditions, wide and phone (whose bars have no tooltips).
        assert!(svg.len() < 160 * 1024, "{} bytes", svg.len());
        assert!(wide(&svg).len() < 100 * 1024, "{} bytes", wide(&svg).len());
        assert!(svg.contains(&format!("bars count the events of each {}", unit.noun())));
        let desc = &svg[svg.find("<desc").unwrap()..svg.find("</desc>").unwrap()];
        assert!(desc.contains(&format!("Shown as counts per {}", unit.noun())));
        let starmer = events.iter().filter(|e| e.actor == "Keir Starmer").count();
        assert!(desc.contains(&format!(" Keir Starmer: {} events, ", fmt(starmer))));
        assert!(!desc.contains("date order"), "every event listed");
        assert!(rasterise(&format!("corpus-{}", unit.noun()), &svg) > 0.01);
    }
}

/// 12,345 as "12,345".
fn fmt(n: usize) -> String {
    trailmap::render::fmt_count(n as u64)
}

/// Thirty candidates of no known party, each busier than the one before
/// and starting later: more than lanes and palette colours hold.
fn many_candidates() -> Vec<Event> {
    let mut v = Vec::new();
    for k in 0..30u32 {
        for j in 0..(k + 1) * 20 {
            let mut e = Event::new(
                &format!("Town {}", (k * 7 + j) % 200),
                Some(d(2024, 1, 1) + Duration::days(i64::from(k * 4 + j % 200))),
            );
            e.actor = format!("Candidate {k:02}");
            e.kind = Kind::Rally;
            e.sources = vec![format!("art{k}-{j}")];
            v.push(e);
        }
    }
    v.sort_by_key(|e| (e.date, e.place.clone(), e.actor.clone()));
    v
}

#[test]
fn a_crowded_corpus_keeps_its_busiest_lanes_and_every_colour_is_in_the_legend() {
    use trailmap::render::timeline::layout_timeline;
    let theme = Theme::default();
    let events = many_candidates();
    let s = layout_timeline(&events, &TimelineOptions::default(), &theme);
    // The eleven busiest have lanes, in order of first appearance; the
    // others share the last.
    let names: Vec<&str> = s.lanes.iter().map(|l| l.key.as_str()).collect();
    let busiest: Vec<String> = (19..30).map(|k| format!("Candidate {k:02}")).collect();
    assert_eq!(
        names[..11],
        busiest.iter().map(String::as_str).collect::<Vec<_>>()[..]
    );
    assert_eq!(names[11], "Others");
    // Every colour drawn has a legend swatch, and no two legend entries
    // share one: the palette's eight go to the busiest, the rest are the
    // grey of "Others".
    let legend: Vec<&str> = s.swatches.iter().map(|sw| sw.fill.as_str()).collect();
    for b in &s.bars {
        assert!(
            legend.contains(&b.fill.as_str()),
            "{} not in the legend",
            b.fill
        );
    }
    let mut distinct = legend.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), legend.len(), "{legend:?}");
    assert!(s.texts.iter().any(|t| t.text == "Others"));
    // The lanes' count notes stay left of the bars.
    let plot_left = s
        .bars
        .iter()
        .map(|b| b.rect.x)
        .fold(f64::INFINITY, f64::min);
    for t in s.texts.iter().filter(|t| t.text.contains(" events, per ")) {
        assert!(
            t.rect.right() <= plot_left,
            "{:?} overlaps the bars",
            t.text
        );
        assert!(!t.text.ends_with('…'), "{:?} truncated", t.text);
    }
}
