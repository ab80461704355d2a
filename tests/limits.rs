//! Inputs at the limits (issue #18): the largest crowd a `u64` holds,
//! names of 200,000 letters, dates ten thousand years apart, 3,000 actors
//! and a one-sentence article of a megabyte. Each used to hang, grow
//! without bound or lose information; each must now finish with a
//! graphic or a table of sensible size.

use crate::util::{Dir, stderr, wide};
use std::collections::HashSet;
use trailmap::event::Event;
use trailmap::render::timeline::layout_timeline;
use trailmap::render::{LaneBy, Theme, TimelineOptions};

/// `timeline` and `map` of `table`, each of which must succeed; the SVGs.
fn draw(d: &Dir, table: &str, extra: &[&str]) -> Vec<String> {
    d.write("t.csv", table);
    ["timeline", "map"]
        .iter()
        .map(|cmd| {
            let out = format!("{cmd}.svg");
            let mut args = vec![*cmd, "t.csv", "-o", &out];
            args.extend(extra);
            let o = d.run(&args);
            assert!(o.status.success(), "{cmd}: {}", stderr(&o));
            std::fs::read_to_string(d.path(&out)).unwrap()
        })
        .collect()
}

/// A crowd of 18446744073709551615 (the largest `u64`) made every
/// renderer spin for ever; one less rendered at once.
#[test]
fn the_largest_crowd_is_drawn() {
    let d = Dir::new("limits-crowd");
    let svgs = draw(
        &d,
        "date,place,lat,lon,crowd\n2017-06-06,Leeds,53.8,-1.55,18446744073709551615\n\
         2017-06-07,Hull,53.74,-0.33,300\n",
        &[],
    );
    for svg in svgs {
        assert!(
            svg.contains("18,446,744,073,709,551,615"),
            "the crowd is told"
        );
    }
}

/// Stated in an article, such a number is no crowd: the event is kept
/// without one.
#[test]
fn an_impossible_crowd_is_no_crowd() {
    let d = Dir::new("limits-crowd-article");
    d.write(
        "in/a.txt",
        " date 2017-06-07 A crowd of 18446744073709551615 people joined a rally in Leeds on 5 June 2017.",
    );
    let o = d.run(&["run", "in", "-o", "out", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let events = std::fs::read_to_string(d.path("out/events.csv")).unwrap();
    let mut r = csv::Reader::from_reader(events.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "{events}");
    assert_eq!(&rows[0][11], "", "crowd column: {events}");
}

/// An actor or party of 200,000 letters: fitting it letter by letter took
/// minutes (16,000 letters 10 s, four times as long per doubling).
#[test]
fn a_very_long_name_is_shortened_at_once() {
    let d = Dir::new("limits-long-name");
    let name = "A".repeat(200_000);
    let table = format!(
        "date,place,lat,lon,actor,party\n2017-06-06,Leeds,53.8,-1.55,{name},{name}\n\
         2017-06-07,Hull,53.74,-0.33,{name}B,Labour\n"
    );
    d.write("t.csv", &table);
    for args in [
        &["timeline"][..],
        &["timeline", "--lanes", "party"],
        &["map"],
        &["map", "--trail"],
    ] {
        let o = d.run(&[args, &["t.csv", "-o", "out.svg"]].concat());
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let svg = std::fs::read_to_string(d.path("out.svg")).unwrap();
        assert!(svg.contains("AAAA…"), "{args:?}: the name is shortened");
    }
}

/// Two events 10,000 years apart gave 10,001 grid lines (844 KB).
#[test]
fn a_span_of_ten_thousand_years_has_few_ticks() {
    let d = Dir::new("limits-span");
    let svgs = draw(
        &d,
        "date,place,lat,lon\n0000-01-01,Leeds,53.8,-1.55\n9999-12-31,Hull,53.74,-0.33\n",
        &[],
    );
    let timeline = &svgs[0];
    assert!(timeline.len() < 100_000, "{} bytes", timeline.len());
    assert!(wide(timeline).matches("<polyline").count() < 40);
    assert!(timeline.contains(">5000<"), "a tick every 500 years");
    // Both events lie on the canvas.
    let width: f64 = timeline
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|w| w.split(' ').next())
        .and_then(|w| w.parse().ok())
        .unwrap();
    for cx in timeline.split("<circle cx=\"").skip(1) {
        let cx: f64 = cx.split('"').next().unwrap().parse().unwrap();
        assert!((0.0..=width).contains(&cx), "a marker at x = {cx}");
    }
}

/// 3,000 actors whose names differ only at the end: lanes and legend were
/// cut to the same "Candidate of the Very…".
#[test]
fn shortened_lane_and_legend_labels_stay_distinct() {
    let events: Vec<Event> = (0..3000)
        .map(|i| {
            let mut e = Event::new(
                "Leeds",
                chrono::NaiveDate::from_ymd_opt(2017, 6, 1 + i % 28),
            );
            (e.lat, e.lon) = (Some(53.8), Some(-1.55));
            e.actor = format!("Candidate of the Very Long Named Independent Party Number {i:04}");
            e
        })
        .collect();
    let opts = TimelineOptions {
        lanes: LaneBy::Actor,
        ..TimelineOptions::default()
    };
    let scene = layout_timeline(&events, &opts, &Theme::default());
    let lanes: Vec<&str> = scene.lanes.iter().map(|l| l.name.as_str()).collect();
    assert!(lanes.len() > 5, "{lanes:?}");
    assert_eq!(
        lanes.iter().collect::<HashSet<_>>().len(),
        lanes.len(),
        "{lanes:?}"
    );
    let d = Dir::new("limits-actors");
    let mut table = String::from("date,place,lat,lon,actor\n");
    for e in &events {
        table.push_str(&format!(
            "{},Leeds,53.8,-1.55,{}\n",
            e.date.unwrap(),
            e.actor
        ));
    }
    for svg in draw(&d, &table, &["--width", "640"]) {
        let cut: Vec<&str> = svg
            .split('>')
            .filter_map(|t| t.strip_suffix("</text"))
            .filter(|t| t.starts_with("Candidate") && t.contains('…'))
            .collect();
        assert!(!cut.is_empty());
        assert_eq!(
            cut.iter().collect::<HashSet<_>>().len(),
            cut.len(),
            "{cut:?}"
        );
    }
}

/// A one-sentence article of a megabyte, "a rally in Leeds on 5 June 2017."
/// over and over: each number looked back over the whole sentence for a
/// crowd phrase, 70 s for the megabyte.
#[test]
fn a_megabyte_sentence_is_read_in_linear_time() {
    let d = Dir::new("limits-long-article");
    let text =
        " date 2017-06-07 ".to_string() + &"a rally in Leeds on 5 June 2017. ".repeat(32_000);
    d.write("a.txt", &text);
    let o = d.run(&["extract", "a.txt", "-o", "events.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let events = std::fs::read_to_string(d.path("events.csv")).unwrap();
    assert_eq!(events.lines().count(), 2, "one event, in Leeds");
    assert!(events.contains("2017-06-05,Leeds"));
}
