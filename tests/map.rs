//! The SVG map end to end: golden files, rendering with resvg,
//! determinism, size, the projection, label placement and escaping.
//!
//! Golden SVGs live in `tests/golden/`; regenerate them with
//! `TRAILMAP_BLESS=1 cargo test --release --test tests map` and look at the
//! PNGs written to `target/test-png/` before committing.

use crate::util::{Dir, check, rasterise, root, stderr, wide};
use chrono::NaiveDate;
use proptest::prelude::*;
use trailmap::event::table::{read_csv, write_csv};
use trailmap::event::{Event, Kind};
use trailmap::projection::{GeoBox, GeoBoxExt};
use trailmap::render::labels::Rect;
use trailmap::render::map::layout_map;
use trailmap::render::{Extent, MapOptions, Theme, render_map};

fn fixture(name: &str) -> Vec<Event> {
    let path = root().join("tests/fixtures").join(name);
    let bytes = std::fs::read(&path).unwrap();
    read_csv(&bytes[..], Some(&path)).unwrap()
}

fn reference_options() -> MapOptions {
    MapOptions {
        title: Some("Corbyn's six simultaneous rallies on the eve of the vote".into()),
        subtitle: Some(
            "Campaign events reported on 7 June 2017; circle area shows the crowd where reported"
                .into(),
        ),
        ..MapOptions::default()
    }
}

fn illinois_options() -> MapOptions {
    MapOptions {
        title: Some("Downstate or the suburbs: where the candidates went".into()),
        subtitle: Some("Illinois primary campaign events, March 2018".into()),
        trail: true,
        ..MapOptions::default()
    }
}

const SIZE_LIMIT: usize = 300 * 1024;

#[test]
fn illinois_fixture_is_in_the_exact_events_csv_format() {
    let path = root().join("tests/fixtures/illinois-events.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = Vec::new();
    write_csv(&mut out, &fixture("illinois-events.csv")).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), text);
}

#[test]
fn reference_map() {
    let events = fixture("reference-events.csv");
    let svg = render_map(&events, &reference_options(), &Theme::default()).unwrap();
    assert!(svg.len() <= SIZE_LIMIT, "{} bytes", svg.len());
    assert_eq!(wide(&svg).matches("<g class=\"mk\" data-x=").count(), 8);
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("Places © GeoNames · Map data Natural Earth"));
    assert!(svg.contains("Events extracted from 1 article, 5–7 June 2017."));
    assert!(svg.contains(" mi</text>"), "miles for a British audience");
    let desc = &svg[svg.find("<desc").unwrap()..svg.find("</desc>").unwrap()];
    assert!(desc.find("1. Gateshead").unwrap() < desc.find("8. London").unwrap());
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
        // "5 Croydon": its number is in the label where London covers it.
        assert!(svg.contains(&format!("{town}</text>")), "label for {town}");
    }
    assert!(!svg.contains("omitted"));
    // A phone rendition swaps in on small screens; a 360 px layout needs none.
    assert!(svg.contains("@media (max-width:480px)") && svg.contains("<g class=\"ph\">"));
    check("reference-map", &svg);
}

#[test]
fn reference_map_scene_keeps_wales_and_london_apart() {
    let events = fixture("reference-events.csv");
    let s = layout_map(&events, &reference_options(), &Theme::default()).unwrap();
    assert_eq!(s.projection, "Lambert conformal conic");
    let at = |n: usize| s.markers.iter().find(|m| m.number == n).unwrap().circle;
    // Barry (2) is west of Birmingham (3) and south of it; Glasgow (6) north.
    assert!(at(2).cx < at(3).cx && at(2).cy > at(3).cy && at(6).cy < at(3).cy);
    // Croydon (5) is south of London (8), each drawn on its place.
    let (c, l) = (at(5), at(8));
    assert!(c.cy > l.cy);
    for m in &s.markers {
        assert_eq!(m.at, Some((m.circle.cx, m.circle.cy)));
    }
    // Wales is drawn: the England–Wales border is in the frame.
    assert!(!s.inner_borders.is_empty());
    assert_eq!(s.labels_omitted, 0);
    for m in &s.markers {
        assert!(s.frame.contains(&m.circle.bbox()), "{m:?}");
    }
}

#[test]
fn illinois_map_with_trails() {
    let events = fixture("illinois-events.csv");
    let svg = render_map(&events, &illinois_options(), &Theme::default()).unwrap();
    assert!(svg.len() <= SIZE_LIMIT, "{} bytes", svg.len());
    assert_eq!(wide(&svg).matches("<g class=\"mk\" data-x=").count(), 10);
    assert!(svg.contains("class=\"trail\""));
    assert!(svg.contains("class=\"inner-border\""), "state borders");
    assert!(svg.contains("<path class=\"water\""), "Lake Michigan");
    for town in ["Chicago", "Aurora", "Naperville", "Joliet", "Carbondale"] {
        assert!(svg.contains(&format!("{town}</text>")), "label for {town}");
    }
    check("illinois-map", &svg);
}

#[test]
fn narrow_and_extents() {
    let events = fixture("reference-events.csv");
    let narrow = MapOptions {
        width: Some(360.0),
        ..reference_options()
    };
    let svg = render_map(&events, &narrow, &Theme::default()).unwrap();
    assert!(!svg.contains("@media"));
    check("reference-map-360", &svg);
    let gb = MapOptions {
        extent: Extent::Country("GB".into()),
        trail: true,
        ..MapOptions::default()
    };
    let svg = render_map(&events, &gb, &Theme::default()).unwrap();
    assert!(svg.len() <= SIZE_LIMIT, "{} bytes", svg.len());
    check("reference-map-gb", &svg);
    let world = MapOptions {
        extent: Extent::World,
        height: Some(520.0),
        ..MapOptions::default()
    };
    let svg = render_map(&events, &world, &Theme::default()).unwrap();
    assert!(svg.len() <= SIZE_LIMIT, "{} bytes", svg.len());
    assert!(svg.contains("Equal Earth"));
    assert!(!svg.contains(" km</text>"), "no scale bar on a world map");
    assert!(rasterise("reference-map-world", &svg) > 0.05);
    let us = MapOptions {
        extent: Extent::Country("US".into()),
        ..MapOptions::default()
    };
    let svg = render_map(&fixture("illinois-events.csv"), &us, &Theme::default()).unwrap();
    assert!(svg.len() <= SIZE_LIMIT, "{} bytes", svg.len());
    assert!(
        svg.contains("class=\"inner-border\""),
        "state borders on a US map"
    );
    assert!(rasterise("illinois-map-us", &svg) > 0.05);
    let err = render_map(
        &events,
        &MapOptions {
            extent: Extent::Country("XX".into()),
            ..MapOptions::default()
        },
        &Theme::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("no country \"XX\""));
}

#[test]
fn output_is_identical_across_runs() {
    let events = fixture("illinois-events.csv");
    let a = render_map(&events, &illinois_options(), &Theme::default()).unwrap();
    let b = render_map(&events, &illinois_options(), &Theme::default()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn rows_without_coordinates_are_listed_not_dropped() {
    let mut events = fixture("reference-events.csv");
    let mut leeds = Event::new("Leeds", NaiveDate::from_ymd_opt(2017, 6, 7));
    leeds.actor = "Tim Farron".into();
    events.push(leeds);
    let svg = render_map(&events, &MapOptions::default(), &Theme::default()).unwrap();
    assert!(svg.contains("Not mapped (no coordinates): 9. Leeds (Tim Farron)."));
    let desc = &svg[svg.find("<desc").unwrap()..svg.find("</desc>").unwrap()];
    assert!(desc.contains("9. Leeds") && desc.contains("Not mapped"));
    assert_eq!(wide(&svg).matches("<g class=\"mk\" data-x=").count(), 8);
}

#[test]
fn a_single_town_shows_its_surroundings() {
    let mut e = Event::new("Barry", NaiveDate::from_ymd_opt(2017, 6, 6));
    (e.lat, e.lon) = (Some(51.39979), Some(-3.28380));
    let s = layout_map(&[e], &MapOptions::default(), &Theme::default()).unwrap();
    assert!(s.extent.width_km() >= 149.0 && s.extent.height_km() >= 149.0);
    assert!(!s.areas.is_empty());
}

#[test]
fn the_command_maps_a_table_and_warns_about_unplaced_rows() {
    let dir = Dir::new("map");
    let t = "date,place,lat,lon\n2017-06-06,Barry,51.39979,-3.28380\n2017-06-07,Xqzzyville,,\n";
    dir.write("e.csv", t);
    let out = dir.run(&["map", "e.csv", "-o", "m.svg", "--width", "480"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("2. Xqzzyville"), "{}", stderr(&out));
    let svg = std::fs::read_to_string(dir.path("m.svg")).unwrap();
    assert!(svg.contains(">Barry</text>") && svg.contains("Not mapped"));
    let out = dir.run(&["map", "e.csv", "--extent", "ZZ"]);
    assert_eq!(out.status.code(), Some(1));
    let out = dir.run(&["map", "e.csv", "--extent", "1,2"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn input_text_is_escaped() {
    let evil = "<script>alert(1)</script> \" ' onload=alert(2) ]]> & <![CDATA[x]]>";
    let mut e = Event::new(&format!("Barry{evil}"), NaiveDate::from_ymd_opt(2017, 6, 6));
    (e.lat, e.lon) = (Some(51.39979), Some(-3.28380));
    e.actor = format!("Actor{evil}\u{0}\u{1b}");
    e.party = format!("Party{evil}");
    e.kind = Kind::Rally;
    e.sources = vec![evil.into()];
    let mut u = e.clone();
    (u.lat, u.lon) = (None, None);
    let opts = MapOptions {
        title: Some(evil.into()),
        subtitle: Some(evil.into()),
        trail: true,
        ..Default::default()
    };
    let svg = render_map(&[e.clone(), e, u], &opts, &Theme::default()).unwrap();
    for bad in ["<script", "]]>", "<![CDATA", "\u{0}", "\u{1b}"] {
        assert!(!svg.contains(bad), "{bad:?} reached the SVG");
    }
    for tag in svg.split('<').skip(1).map(|t| t.split('>').next().unwrap()) {
        assert!(!tag.contains("onload"), "attribute injection in <{tag}>");
    }
    assert!(rasterise("map-escaping", &svg) > 0.0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Every point of the extent lands inside the frame, whatever the box.
    #[test]
    fn extent_points_land_inside_the_frame(
        west in -170.0f64..160.0,
        south in -60.0f64..70.0,
        w in 0.2f64..40.0,
        h in 0.2f64..25.0,
        width in 300.0f64..900.0,
    ) {
        let b = GeoBox::new((west, south), ((west + w).min(180.0), (south + h).min(85.0)));
        let opts = MapOptions { extent: Extent::Box(b), width: Some(width), ..MapOptions::default() };
        let s = layout_map(&[], &opts, &Theme::default()).unwrap();
        let p = trailmap::projection::for_extent(&b);
        let (f, e) = (s.frame, s.extent);
        let vp = trailmap::projection::Viewport::fit(p, &e, (f.x + 14.0, f.y + 14.0, f.w - 28.0, f.h - 28.0));
        for (lon, lat) in b.edge_points(12) {
            let (x, y) = vp.to_px(lon, lat);
            prop_assert!(f.contains(&Rect::new(x, y, 0.0, 0.0)), "{lon},{lat} -> {x},{y} outside {f:?}");
        }
    }

    /// Labels never meet each other, any marker, or the scale bar, and
    /// stay in the frame, for random clusters of towns.
    #[test]
    fn map_labels_never_overlap(
        pts in prop::collection::vec((-0.6f64..0.6, -0.4f64..0.4, prop::option::of(10u64..5000)), 1..25),
    ) {
        let events: Vec<Event> = pts.iter().enumerate().map(|(i, &(dx, dy, crowd))| {
            let mut e = Event::new(&format!("Town {i}"), NaiveDate::from_ymd_opt(2017, 6, 6));
            (e.lon, e.lat) = (Some(-0.12 + dx), Some(51.5 + dy));
            e.crowd = crowd;
            e.actor = ["Labour", "Conservative", "A. N. Other"][i % 3].into();
            e
        }).collect();
        let s = layout_map(&events, &MapOptions::default(), &Theme::default()).unwrap();
        let labels: Vec<Rect> = s.markers.iter().filter_map(|m| m.label.as_ref().map(|l| l.rect)).collect();
        prop_assert_eq!(labels.len() + s.labels_omitted, events.len());
        for (i, a) in labels.iter().enumerate() {
            prop_assert!(s.frame.contains(a));
            if let Some(bar) = &s.scale_bar {
                prop_assert!(!a.intersects(&bar.rect));
            }
            for m in &s.markers {
                prop_assert!(!m.circle.intersects(a));
            }
            for b in &labels[i + 1..] {
                prop_assert!(!a.intersects(b), "{a:?} meets {b:?}");
            }
        }
        let boxes = s.text_boxes();
        let canvas = Rect::new(0.0, 0.0, s.width, s.height);
        for b in &boxes {
            prop_assert!(canvas.contains(b));
        }
    }
}

/// A campaign's coverage at corpus scale: the ten Illinois events
/// repeated, `n` in all, the k-th town k times as often as the first, each
/// round of copies a day later than the one before.
fn corpus_events(n: usize) -> Vec<Event> {
    let base = fixture("illinois-events.csv");
    let round: usize = (1..=base.len()).sum();
    (0..n)
        .map(|i| {
            let t = i % round;
            let k = (0..base.len()).rfind(|k| k * (k + 1) / 2 <= t).unwrap();
            let mut e = base[k].clone();
            e.date = e
                .date
                .map(|d| d + chrono::Duration::days((i / round) as i64));
            e
        })
        .collect()
}

fn desc(svg: &str) -> &str {
    &svg[svg.find("<desc").unwrap()..svg.find("</desc>").unwrap()]
}

#[test]
fn a_corpus_is_mapped_by_place() {
    use trailmap::render::map::MAX_EVENT_MARKERS;
    let theme = Theme::default();
    let n = 20 * MAX_EVENT_MARKERS;
    let mut events = corpus_events(n);
    // Rows a user added without coordinates: counted, not listed.
    for i in 0..3 {
        events.push(Event::new(
            &format!("Nowhere{i}"),
            NaiveDate::from_ymd_opt(2018, 3, 9),
        ));
    }
    let towns: std::collections::BTreeSet<&str> =
        events[..n].iter().map(|e| e.place.as_str()).collect();
    let scene = layout_map(&events, &MapOptions::default(), &theme).unwrap();
    assert_eq!(scene.places.len(), towns.len());
    assert_eq!(scene.markers.len(), towns.len());
    assert_eq!(
        scene.places.iter().map(|p| p.events.len()).sum::<usize>(),
        n
    );
    // Proportional symbols stay on their places.
    assert!(
        scene
            .markers
            .iter()
            .all(|m| m.at == Some((m.circle.cx, m.circle.cy)))
    );
    // More events, a larger circle.
    let r_of = |town: &str| {
        let p = scene.places.iter().position(|p| p.place == town).unwrap();
        let tip = trailmap::render::map::places::tooltip(&scene.places[p]);
        let mk = scene.markers.iter().find(|m| m.tooltip == tip).unwrap();
        (scene.places[p].events.len(), mk.circle.r)
    };
    let mut sizes: Vec<(usize, f64)> = towns.iter().map(|t| r_of(t)).collect();
    sizes.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    assert!(sizes.windows(2).all(|w| w[0].1 <= w[1].1), "{sizes:?}");

    let svg = render_map(&events, &MapOptions::default(), &theme).unwrap();
    assert!(rasterise("map-by-place", &svg) > 0.01);
    assert!(svg.len() < SIZE_LIMIT / 10, "{} bytes", svg.len());
    assert_eq!(
        wide(&svg).matches("<g class=\"mk\" data-x=").count(),
        towns.len()
    );
    assert!(svg.contains(&format!("12,000 events at {} places", towns.len())));
    assert!(svg.contains(">Events</text>"));
    let d = desc(&svg);
    assert!(d.contains("12,000 events") && d.contains("one circle per place"));
    let springfield = events.iter().filter(|e| e.place == "Springfield").count();
    let want = format!(" Springfield, Illinois: {springfield} events, 4 March – ");
    assert!(d.contains(&want), "{want} is not in {d}");
    assert!(!d.contains("In date order"));
    let note = "Not mapped (no coordinates): 3 events, listed in the events table.";
    assert!(
        d.ends_with(note) && svg.contains(note),
        "{}",
        &d[d.len() - 200..]
    );
    assert!(!svg.contains("Nowhere"));
    assert_eq!(
        svg,
        render_map(&events, &MapOptions::default(), &theme).unwrap()
    );
}

#[test]
fn a_table_up_to_the_limit_is_mapped_event_by_event() {
    use trailmap::render::map::MAX_EVENT_MARKERS;
    let theme = Theme::default();
    let at_limit = layout_map(
        &corpus_events(MAX_EVENT_MARKERS),
        &MapOptions::default(),
        &theme,
    )
    .unwrap();
    assert!(at_limit.places.is_empty());
    // One marker per place, its events numbered in its label.
    let towns: std::collections::BTreeSet<String> = corpus_events(MAX_EVENT_MARKERS)
        .into_iter()
        .map(|e| e.place)
        .collect();
    assert_eq!(at_limit.markers.len(), towns.len());
    let over = layout_map(
        &corpus_events(MAX_EVENT_MARKERS + 1),
        &MapOptions::default(),
        &theme,
    )
    .unwrap();
    assert!(!over.places.is_empty());
}

#[test]
fn a_small_table_can_be_mapped_by_place() {
    let events = fixture("reference-events.csv");
    let opts = MapOptions {
        by_place: true,
        trail: true,
        ..reference_options()
    };
    let scene = layout_map(&events, &opts, &Theme::default()).unwrap();
    assert_eq!(scene.places.len(), scene.markers.len());
    assert_eq!(
        scene.places.iter().map(|p| p.events.len()).sum::<usize>(),
        events.len()
    );
    // Places carry no numbers; routes are not drawn but said to be left out.
    assert!(scene.markers.iter().all(|m| m.inner.is_none()));
    assert!(scene.trails.is_empty());
    let svg = render_map(&events, &opts, &Theme::default()).unwrap();
    assert!(svg.contains("Routes are not drawn on a map by place."));
}

#[test]
fn the_command_maps_by_place_on_request() {
    let dir = Dir::new("map-by-place");
    let table = root().join("tests/fixtures/reference-events.csv");
    let out = dir.path("map.svg");
    let o = dir.run(&[
        "map",
        table.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--by-place",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(desc(&svg).contains("one circle per place"));
}

#[test]
fn a_map_of_many_actors_lists_every_colour_it_draws() {
    // Thirty candidates of no known party at each of the Illinois
    // events' towns, the k-th town mostly the k-th candidate's: more main
    // holders than the palette's eight colours.
    let base = fixture("illinois-events.csv");
    let mut events = Vec::new();
    for (t, town) in base.iter().enumerate() {
        for k in 0..30 {
            for _ in 0..if k == t { 3 } else { 1 } {
                let mut e = town.clone();
                e.actor = format!("Candidate {k:02}");
                e.party = String::new();
                events.push(e);
            }
        }
    }
    let opts = MapOptions {
        by_place: true,
        ..MapOptions::default()
    };
    let scene = layout_map(&events, &opts, &Theme::default()).unwrap();
    let legend: Vec<&str> = scene.swatches.iter().map(|s| s.fill.as_str()).collect();
    for m in &scene.markers {
        assert!(
            legend.contains(&m.fill.as_str()),
            "{} not in the legend",
            m.fill
        );
    }
    assert!(scene.texts.iter().any(|t| t.text == "Others"));
}

/// The UK sample as `trailmap run` writes its table (#17): every marker is
/// drawn on its place and names it once; London's three events share one
/// marker; Theresa May and Tim Farron have their parties' colours.
#[test]
fn r17_the_uk_sample_keeps_every_place_where_it_is() {
    let path = root().join("output/events.csv");
    let events = read_csv(&std::fs::read(&path).unwrap()[..], Some(&path)).unwrap();
    let scene = layout_map(&events, &MapOptions::default(), &Theme::default()).unwrap();
    for m in &scene.markers {
        assert_eq!(m.at, Some((m.circle.cx, m.circle.cy)), "{}", m.tooltip);
    }
    let london: Vec<_> = scene
        .markers
        .iter()
        .filter(|m| m.tooltip.contains(". London, "))
        .collect();
    assert_eq!(london.len(), 1);
    let label = &london[0].label.as_ref().unwrap().text;
    assert!(
        label.starts_with("London ") && label.contains(" · "),
        "{label}"
    );
    let mut names: Vec<&str> = scene
        .markers
        .iter()
        .filter_map(|m| m.label.as_ref())
        .map(|l| l.text.as_str())
        .collect();
    let n = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), n, "a place labelled twice: {names:?}");
    let colour_of = |who: &str| {
        let m = scene
            .markers
            .iter()
            .find(|m| m.tooltip.contains(who))
            .unwrap();
        if m.fill == "#FFFFFF" {
            m.stroke.clone()
        } else {
            m.fill.clone()
        }
    };
    assert_eq!(colour_of("Theresa May"), "#0087DC");
    assert_eq!(colour_of("Tim Farron"), "#FAA61A");
}

/// Events on other continents are counted under the map, not drawn (#17).
#[test]
fn r17_events_far_from_most_are_counted_not_drawn() {
    let mut events = fixture("illinois-events.csv");
    let mut far = Event::new("Sydney", NaiveDate::from_ymd_opt(2018, 3, 9));
    (far.lat, far.lon, far.country) = (Some(-33.87), Some(151.21), "AU".into());
    events.push(far);
    let scene = layout_map(&events, &MapOptions::default(), &Theme::default()).unwrap();
    assert!(scene.extent.max().x < -80.0, "{:?}", scene.extent);
    assert!(!scene.markers.iter().any(|m| m.tooltip.contains("Sydney")));
    let notes: String = scene.texts.iter().map(|t| t.text.as_str()).collect();
    assert!(
        notes.contains("Also, outside the map: 1 event in Australia."),
        "{notes}"
    );
}
