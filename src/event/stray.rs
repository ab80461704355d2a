//! Small towns abroad that stand alone in an article.
//!
//! A gazetteer offers a namesake wherever the article's own town is not
//! in it: "canvassing in Hampstead" in a London report finds only the
//! Hampsteads of New Hampshire and Quebec. Such a reading is a small town
//! in a country none of the article's other events is in, and far from
//! all of them. It is not an event abroad but a town the gazetteer does
//! not know; the extractor sets it aside in `unresolved.csv`.

use super::Event;
use crate::earth::distance_km;
use geo::Point;
use std::collections::{BTreeMap, BTreeSet};

/// A town of fewer people than this may be a namesake.
pub(super) const POPULATION: u64 = 50_000;
/// How far from every other event of the article a namesake lies, in km.
const FAR_KM: f64 = 1_000.0;

/// A place the article names, as resolved: its name as written, its
/// country and its `(lat, lon)`.
pub(super) type Named<'a> = (&'a str, &'a str, (f64, f64));

/// The indices of the events that stray, in ascending order. `small[i]`
/// says whether event `i` is a town of fewer than [`POPULATION`] people
/// and gives its name as written; `named` holds every place the article
/// names (not the surnames of its people).
pub(super) fn strays(events: &[Event], small: &[(bool, String)], named: &[Named]) -> Vec<usize> {
    // The names the article places in each country.
    let mut by_country: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for &(name, country, _) in named {
        by_country.entry(country).or_default().insert(name);
    }
    let count = |country: &str| by_country.get(country).map_or(0, BTreeSet::len);
    let most = by_country.values().map(BTreeSet::len).max().unwrap_or(0);
    (0..events.len())
        .filter(|&i| small[i].0)
        .filter(|&i| {
            let e = &events[i];
            let Some(here) = e.lat.zip(e.lon) else {
                return false;
            };
            let mut others = named.iter().filter(|n| n.0 != small[i].1).peekable();
            count(&e.country) < most
                && others.peek().is_some()
                && others.all(|&(_, country, there)| {
                    country != e.country && distance_km(lon_lat(here), lon_lat(there)) > FAR_KM
                })
        })
        .collect()
}

/// A `(lat, lon)` pair as a point (x = lon, y = lat).
fn lon_lat((lat, lon): (f64, f64)) -> Point {
    Point::new(lon, lat)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(place: &str, country: &str, lat: f64, lon: f64) -> Event {
        let mut e = Event::new(place, None);
        e.country = country.into();
        e.lat = Some(lat);
        e.lon = Some(lon);
        e
    }

    fn named(events: &[Event]) -> Vec<Named<'_>> {
        events
            .iter()
            .map(|e| {
                (
                    e.place.as_str(),
                    e.country.as_str(),
                    (e.lat.unwrap(), e.lon.unwrap()),
                )
            })
            .collect()
    }

    fn small(events: &[Event], which: &[bool]) -> Vec<(bool, String)> {
        events
            .iter()
            .zip(which)
            .map(|(e, &s)| (s, e.place.clone()))
            .collect()
    }

    #[test]
    fn a_small_town_alone_abroad_strays() {
        let events = [
            event("Bristol", "GB", 51.45, -2.59),
            event("Hampstead", "US", 42.87, -71.18),
            event("Brighton", "GB", 50.83, -0.14),
        ];
        let which = small(&events, &[false, true, true]);
        assert_eq!(strays(&events, &which, &named(&events)), vec![1]);
        // Where the article's places are as many abroad as at home, no
        // town is the stray: two small towns far apart stay.
        let two = &events[..2];
        let which = small(two, &[true, true]);
        assert!(strays(two, &which, &named(two)).is_empty());
    }

    #[test]
    fn a_neighbour_across_a_border_or_a_city_abroad_stays() {
        let events = [
            event("Dublin", "IE", 53.33, -6.25),
            event("Cork", "IE", 51.9, -8.47),
            event("Newry", "GB", 54.18, -6.34),
            event("Lima", "PE", -12.04, -77.03),
        ];
        // Newry is 100 km from Dublin; Lima is no small town.
        let which = small(&events, &[false, false, true, false]);
        assert!(strays(&events, &which, &named(&events)).is_empty());
        // An article with one place has nothing to stray from.
        let one = &events[2..3];
        assert!(strays(one, &small(one, &[true]), &named(one)).is_empty());
    }
}
