//! Property tests over mutated articles and tables, 10,000 cases each: no
//! panic, and the invariants of every event hold.

use super::extract::Extractor;
use super::table::{read_csv, write_csv};
use super::{Event, Kind};
use crate::article::{Article, from_bytes};
use crate::gazetteer::Gazetteer;
use chrono::NaiveDate;
use proptest::prelude::*;
use std::sync::LazyLock;

static GAZ: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::bundled);

/// Pieces of campaign prose, mixed with noise, to build articles from.
const PIECES: &[&str] = &[
    "Jeremy Corbyn",
    "Theresa May",
    "addressed a crowd of 6,000",
    "held a rally",
    "in",
    "at",
    "Birmingham",
    "Barry",
    "Croydon, south London",
    "Portland, Maine",
    "Springfield, Ill.",
    "London's",
    "Smithfield",
    "last night",
    "Tuesday",
    "on Monday",
    "will visit",
    "next Friday",
    "yesterday",
    "earlier this week",
    "26 March",
    "May 5",
    "2017-06-05",
    "the day before",
    ",",
    ".",
    "\n\n",
    "\"",
    "“",
    "”",
    "'s",
    "Young",
    "Over 1,000 people",
    "marched through",
    "Leeds",
    "protest",
    "vigil",
    "from Cardiff",
    "MP for Croydon",
    "<script>",
    "&",
    "é",
    "中文",
    "\u{0}",
    "9999999999999999999999 people",
    "Mr.",
    "St. Helens",
    "Newcastle upon Tyne",
    "and",
];

fn article_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(String::from),
            1 => "\\PC{0,12}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.join(" "))
}

fn published() -> impl Strategy<Value = Option<NaiveDate>> {
    prop::option::of((1900i32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| {
        NaiveDate::from_ymd_opt(y, m, d).expect("days up to 28 exist in every month")
    }))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn extraction_never_panics_and_events_are_valid(text in article_text(), date in published()) {
        let ex = Extractor::new(&GAZ, None);
        let article = Article { id: "a".into(), published: date, text };
        let x = ex.extract(&article);
        for e in &x.events {
            prop_assert_eq!(&e.sources, &vec!["a".to_string()]);
            let d = e.date.expect("extracted events are dated");
            // Dates without a year of their own lie near publication.
            if let (Some(p), false) = (date, article.text.contains("2017")) {
                prop_assert!((d - p).num_days().abs() <= 366 * 3, "{} far from {}", d, p);
            }
            let (lon, lat) = e.lon_lat().expect("extracted events have points");
            prop_assert!((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon));
            prop_assert!((0.0..=1.0).contains(&e.confidence));
            prop_assert!(!e.place.is_empty() && !e.evidence.is_empty());
        }
        for u in &x.unresolved {
            prop_assert!(!u.reason.is_empty());
        }
    }

    #[test]
    fn article_reading_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let r = from_bytes("x", &bytes, None);
        prop_assert_eq!(r.articles.len(), 1);
    }

    #[test]
    fn table_reading_never_panics(text in "(date|place|lat|lon|crowd|kind|,|\n|\"|[0-9.-]{1,6}|[a-z]{1,5}){0,40}") {
        let _ = read_csv(text.as_bytes(), None);
    }

    #[test]
    fn events_csv_round_trips(
        place in "\\PC{1,20}",
        actor in "\\PC{0,20}",
        evidence in "\\PC{0,60}",
        (lat, lon) in (-9_000_000i64..=9_000_000, -18_000_000i64..=18_000_000),
        crowd in prop::option::of(0u64..10_000_000),
        conf in 0u32..=100,
        kind in prop::sample::select(Kind::ALL.to_vec()),
        day in prop::option::of(0i64..50_000),
    ) {
        let mut e = Event::new(place.trim(), day.map(|d| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(d)));
        prop_assume!(!e.place.is_empty());
        e.sources = vec!["s1".into(), "s2".into()];
        e.lat = Some(lat as f64 / 1e5);
        e.lon = Some(lon as f64 / 1e5);
        e.actor = actor.trim().to_string();
        e.evidence = evidence.trim().to_string();
        e.crowd = crowd;
        e.confidence = conf as f64 / 100.0;
        e.kind = kind;
        let mut buf = Vec::new();
        write_csv(&mut buf, std::slice::from_ref(&e)).unwrap();
        let back = read_csv(&buf[..], None).unwrap();
        prop_assert_eq!(back, vec![e]);
    }
}
