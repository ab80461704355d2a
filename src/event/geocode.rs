//! Placing the rows of a hand-edited table that name a town but give no
//! coordinates: a user who fixes a wrong town types the right name and
//! clears `lat` and `lon`.
//!
//! A row is placed as the extractor places a name it reads
//! ([`place::rank`](crate::place::rank)): the row's `admin1` (or a
//! qualifier in the name, "Portland, Oregon") and its `country` (or the
//! focus country) steer the ranking. The commands do this before drawing;
//! the renderers never read the gazetteer.

use super::Event;
use crate::gazetteer::{Gazetteer, Query};
use crate::place::rank;

/// Gives `e` the place its `place` names: the town's name as the gazetteer
/// writes it, its division, country, point and GeoNames id. `focus` is a
/// country to prefer where the row gives none.
///
/// # Errors
/// Why the row cannot be placed: no place of that name, or a region (a
/// country or division) where a town is needed, as the extractor holds.
///
/// # Examples
/// ```
/// use trailmap::event::{Event, geocode::place_event};
/// use trailmap::gazetteer::Gazetteer;
/// let mut e = Event::new("Portland, Oregon", None);
/// place_event(&mut e, &Gazetteer::bundled(), None).unwrap();
/// assert_eq!((e.place.as_str(), e.admin1.as_str(), e.country.as_str()), ("Portland", "Oregon", "US"));
/// assert!(e.lat.is_some() && e.lon.is_some());
/// ```
pub fn place_event(e: &mut Event, gaz: &Gazetteer, focus: Option<&str>) -> Result<(), String> {
    let mut q = Query::parse(&e.place);
    if q.qualifier.is_none() && !e.admin1.is_empty() {
        q.qualifier = Some(e.admin1.clone());
    }
    q.focus = Some(e.country.as_str())
        .filter(|c| !c.is_empty())
        .or(focus)
        .map(String::from);
    let best = rank(gaz, &q).first().map(|&(id, _)| gaz.place(id));
    let Some(p) = best else {
        return Err(format!("no place called {:?} in the gazetteer", e.place));
    };
    if p.kind.is_region() {
        return Err(format!(
            "{:?} names a region ({}), not a town",
            e.place,
            p.kind.as_str()
        ));
    }
    e.admin1 = gaz.division_name(p).to_string();
    e.place.clone_from(&p.name);
    e.country.clone_from(&p.country);
    e.lat = Some(p.lat);
    e.lon = Some(p.lon);
    e.geonameid = p.geonameid;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(place: &str, admin1: &str, country: &str, focus: Option<&str>) -> Event {
        let mut e = Event::new(place, None);
        e.admin1 = admin1.into();
        e.country = country.into();
        place_event(&mut e, &Gazetteer::bundled(), focus).unwrap();
        e
    }

    fn at(e: &Event) -> (&str, &str, &str) {
        (&e.place, &e.admin1, &e.country)
    }

    #[test]
    fn a_row_is_placed_at_the_town_it_names() {
        assert_eq!(at(&placed("Barry", "", "", None)), ("Barry", "Wales", "GB"));
        assert_eq!(
            at(&placed("Cardiff", "", "", None)),
            ("Cardiff", "Wales", "GB")
        );
        let e = placed("Portland, Oregon", "", "", None);
        assert_eq!(at(&e), ("Portland", "Oregon", "US"));
        assert!((e.lat.unwrap() - 45.5).abs() < 0.2 && (e.lon.unwrap() + 122.7).abs() < 0.2);
    }

    #[test]
    fn division_country_and_focus_steer_it() {
        assert_eq!(placed("Portland", "Maine", "", None).admin1, "Maine");
        assert_eq!(placed("Birmingham", "", "US", None).admin1, "Alabama");
        assert_eq!(placed("Virginia", "", "", Some("IE")).country, "IE");
        // The row's own country wins over the focus.
        assert_eq!(placed("Birmingham", "", "GB", Some("US")).country, "GB");
    }

    #[test]
    fn what_cannot_be_placed_says_why() {
        let g = Gazetteer::bundled();
        let mut e = Event::new("Xqzzyville", None);
        let why = place_event(&mut e, &g, None).unwrap_err();
        assert!(why.contains("no place called \"Xqzzyville\""), "{why}");
        assert_eq!(e.lat, None);
        let mut e = Event::new("Wales", None);
        let why = place_event(&mut e, &g, None).unwrap_err();
        assert!(why.contains("names a region"), "{why}");
    }
}
