//! Events gathered by place, for a map of more events than it can draw
//! one by one (a whole corpus gives tens of thousands): one circle per
//! place, its area showing how many events were held there and its colour
//! who held most of them. Tooltips and the text alternative name the
//! place, its number of events, their dates and who held them; the events
//! table keeps every event.

use crate::event::Event;
use crate::render::colour::main_colour_key;
use crate::render::{clean, fmt_count, fmt_counted, fmt_date_range, who};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// How many holders a place's tooltip names before "N others".
const TOOLTIP_HOLDERS: usize = 3;

/// How many places the text alternative lists, most events first; the
/// rest are counted.
const DESCRIBED_PLACES: usize = 100;

/// Every event held at one place.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceEvents {
    /// The town as the table names it.
    pub place: String,
    /// The town with its division, as tooltips name it ("Barry, Wales").
    pub name: String,
    /// Where it is, in degrees (lon, lat).
    pub lonlat: (f64, f64),
    /// Its events' indices in the table, in table order.
    pub events: Vec<usize>,
    /// The first and last dates of its events, if any is dated.
    pub dates: Option<(NaiveDate, NaiveDate)>,
    /// Who held its events (see [`who`]; "not named" when nobody is), with
    /// how many each, most first and then by name.
    pub holders: Vec<(String, usize)>,
    /// The colour key of most of its events; among equals, the one met
    /// first in the table.
    pub colour_key: String,
}

/// Gathers `mapped` events (table index, (lon, lat)) by place: one entry
/// per town, division, country and point (to 1e-4°, so that two towns of
/// one name stay apart). Most events first; among equals, table order.
pub fn by_place(events: &[Event], mapped: &[(usize, (f64, f64))]) -> Vec<PlaceEvents> {
    type Key = (String, String, String, i64, i64);
    let q = |v: f64| (v * 1e4).round() as i64;
    let mut groups: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for &(i, (lon, lat)) in mapped {
        let e = &events[i];
        let key = (
            clean(&e.place),
            clean(&e.admin1),
            e.country.trim().to_ascii_uppercase(),
            q(lon),
            q(lat),
        );
        groups.entry(key).or_default().push(i);
    }
    let lonlat_of: BTreeMap<usize, (f64, f64)> = mapped.iter().copied().collect();
    let mut places: Vec<PlaceEvents> = groups
        .into_iter()
        .map(|((place, admin1, _, _, _), idx)| {
            let name = if admin1.is_empty() || admin1 == place {
                place.clone()
            } else {
                format!("{place}, {admin1}")
            };
            let dated = idx.iter().filter_map(|&i| events[i].date);
            let dates = dated.clone().min().zip(dated.max());
            let mut held: BTreeMap<String, usize> = BTreeMap::new();
            for &i in &idx {
                let w = who(&events[i]);
                let w = if w.is_empty() {
                    "not named".to_string()
                } else {
                    w
                };
                *held.entry(w).or_default() += 1;
            }
            let mut holders: Vec<(String, usize)> = held.into_iter().collect();
            holders.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let colour_key = main_colour_key(events, &idx);
            PlaceEvents {
                lonlat: lonlat_of[&idx[0]],
                place,
                name,
                events: idx,
                dates,
                holders,
                colour_key,
            }
        })
        .collect();
    places.sort_by(|a, b| {
        b.events
            .len()
            .cmp(&a.events.len())
            .then(a.events[0].cmp(&b.events[0]))
    });
    places
}

/// "607 events, 5 June 2016 – 3 March 2018".
fn count_and_dates(p: &PlaceEvents) -> String {
    let mut s = fmt_counted(p.events.len(), "event");
    if let Some((a, b)) = p.dates {
        write!(s, ", {}", fmt_date_range(a, b)).unwrap();
    }
    s
}

/// A place's tooltip: the place, its events and dates, then who held
/// them ("Jeremy Corbyn 412, Theresa May 80, Tim Farron 50, 3 others").
pub fn tooltip(p: &PlaceEvents) -> String {
    let mut held: Vec<String> = p
        .holders
        .iter()
        .take(TOOLTIP_HOLDERS)
        .map(|(w, n)| format!("{w} {}", fmt_count(*n as u64)))
        .collect();
    let others = p.holders.len().saturating_sub(TOOLTIP_HOLDERS);
    if others > 0 {
        held.push(fmt_counted(others, "other"));
    }
    format!("{}: {}\n{}", p.name, count_and_dates(p), held.join(", "))
}

/// The text alternative of a map by place: what is shown, the events'
/// count and dates, then the places, most events first (at most 100, the
/// rest counted), each with its dates and who held most of its events.
/// Events without coordinates are the caller's to list.
pub fn describe(what: &str, places: &[PlaceEvents]) -> String {
    let mut out = clean(what);
    let n: usize = places.iter().map(|p| p.events.len()).sum();
    let dates = places.iter().filter_map(|p| p.dates);
    let range = dates
        .clone()
        .map(|d| d.0)
        .min()
        .zip(dates.map(|d| d.1).max());
    write!(out, " {}", fmt_counted(n, "event")).unwrap();
    if let Some((a, b)) = range {
        write!(out, ", {}", fmt_date_range(a, b)).unwrap();
    }
    write!(
        out,
        ", at {}, one circle per place. By number of events:",
        fmt_counted(places.len(), "place")
    )
    .unwrap();
    for p in places.iter().take(DESCRIBED_PLACES) {
        write!(out, " {}: {}", p.name, count_and_dates(p)).unwrap();
        if let Some((w, k)) = p.holders.first() {
            write!(out, "; most by {w} ({})", fmt_count(*k as u64)).unwrap();
        }
        out.push('.');
    }
    let rest = &places[places.len().min(DESCRIBED_PLACES)..];
    if !rest.is_empty() {
        let k: usize = rest.iter().map(|p| p.events.len()).sum();
        write!(
            out,
            " {} with {}.",
            fmt_counted(rest.len(), "more place"),
            fmt_counted(k, "event")
        )
        .unwrap();
    }
    out.push_str(" The events table lists every event.");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(place: &str, admin1: &str, day: u32, actor: &str, party: &str) -> Event {
        let mut e = Event::new(place, NaiveDate::from_ymd_opt(2017, 6, day));
        e.admin1 = admin1.into();
        e.country = "GB".into();
        e.actor = actor.into();
        e.party = party.into();
        e
    }

    #[test]
    fn places_gather_their_events_most_first() {
        let events = vec![
            event("Barry", "Wales", 6, "Leanne Wood", "Plaid Cymru"),
            event("Leeds", "England", 5, "Theresa May", "Conservative"),
            event("Leeds", "England", 7, "Jeremy Corbyn", "Labour"),
            event("Leeds", "England", 2, "Jeremy Corbyn", "Labour"),
            // The same name elsewhere is another place.
            event("Barry", "Wales", 3, "", ""),
        ];
        let mapped = vec![
            (0, (-3.28, 51.4)),
            (1, (-1.55, 53.8)),
            (2, (-1.55, 53.8)),
            (3, (-1.55, 53.8)),
            (4, (-3.0, 52.0)),
        ];
        let places = by_place(&events, &mapped);
        assert_eq!(places.len(), 3);
        let leeds = &places[0];
        assert_eq!(leeds.name, "Leeds, England");
        assert_eq!(leeds.events, vec![1, 2, 3]);
        assert_eq!(
            leeds.dates,
            NaiveDate::from_ymd_opt(2017, 6, 2).zip(NaiveDate::from_ymd_opt(2017, 6, 7))
        );
        assert_eq!(
            leeds.holders,
            vec![
                ("Jeremy Corbyn".to_string(), 2),
                ("Theresa May".to_string(), 1)
            ]
        );
        assert_eq!(leeds.colour_key, "Labour");
        assert_eq!(
            tooltip(leeds),
            "Leeds, England: 3 events, 2–7 June 2017\nJeremy Corbyn 2, Theresa May 1"
        );
        // Among places of one event each, table order.
        assert_eq!((places[1].events[0], places[2].events[0]), (0, 4));
        assert_eq!(places[2].holders, vec![("not named".to_string(), 1)]);
    }

    #[test]
    fn a_tie_in_colour_goes_to_the_key_met_first() {
        let events = vec![
            event("Leeds", "England", 5, "Theresa May", "Conservative"),
            event("Leeds", "England", 6, "Jeremy Corbyn", "Labour"),
        ];
        let mapped = vec![(0, (-1.55, 53.8)), (1, (-1.55, 53.8))];
        assert_eq!(by_place(&events, &mapped)[0].colour_key, "Conservative");
    }

    #[test]
    fn the_text_alternative_lists_places_then_counts_the_rest() {
        let mut events = Vec::new();
        let mut mapped = Vec::new();
        for i in 0..(DESCRIBED_PLACES + 2) {
            events.push(event(
                &format!("Town{i}"),
                "",
                1 + (i % 28) as u32,
                "",
                "Labour",
            ));
            mapped.push((i, (i as f64 / 10.0, 50.0)));
        }
        let places = by_place(&events, &mapped);
        let d = describe("Map.", &places);
        assert!(d.starts_with("Map. 102 events, 1–28 June 2017, at 102 places"));
        assert!(d.contains(" Town0: 1 event, 1 June 2017; most by Labour (1)."));
        assert!(d.contains(" 2 more places with 2 events. The events"));
        assert!(d.ends_with("The events table lists every event."));
    }
}
