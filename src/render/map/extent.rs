//! Where a map looks when nobody said: the area of most of its events, and
//! a note counting the events it leaves out.
//!
//! A corpus from several countries and years has its events on several
//! continents. A world map of them shows every country as a smudge of
//! overlapping circles, so the automatic extent follows the country with
//! the most events instead ([`auto_extent`]), and the events drawn
//! outside it are counted by country under the map ([`outside_note`]),
//! never stacked at its edge. Markers are then drawn only where their
//! place projects inside the frame.

use super::basemap;
use super::{MapError, MapErrorKind};
use crate::projection::{self, GeoBox, GeoBoxExt};
use crate::render::fmt_counted;
use std::collections::BTreeMap;

/// The automatic extent of points (lon, lat, degrees) with their ISO
/// 3166-1 alpha-2 countries (`""` where unknown): their box, padded,
/// when it is smaller than a continent; otherwise the box of the country
/// with the most points (the first met among equals), or that country's
/// main body when its own points span a continent (Hawaii and Maine). The
/// whole world when no country stands out (points without countries).
pub fn auto_extent(points: &[(f64, f64)], countries: &[&str]) -> GeoBox {
    let Some(all) = GeoBox::around(points.iter().copied()) else {
        return GeoBox::world();
    };
    let padded = all.padded(0.1, 150.0);
    if !projection::is_continental(&padded) {
        return padded;
    }
    let Some(main) = main_country(countries) else {
        return GeoBox::world();
    };
    let own = points
        .iter()
        .zip(countries)
        .filter(|(_, c)| **c == main)
        .map(|(p, _)| *p);
    GeoBox::around(own)
        .map(|b| b.padded(0.1, 150.0))
        .filter(|b| !projection::is_continental(b))
        .or_else(|| {
            basemap::country(main)
                .and_then(|c| c.main_extent())
                .map(|b| b.padded(0.03, 150.0))
        })
        .unwrap_or(GeoBox::world())
}

/// The known country met most often (the first met among equals).
fn main_country<'a>(countries: &[&'a str]) -> Option<&'a str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for c in countries.iter().filter(|c| !c.is_empty()) {
        match counts.iter_mut().find(|(k, _)| k == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    // `max_by_key` keeps the last of equals: search from the back.
    counts.iter().rev().max_by_key(|(_, n)| *n).map(|(c, _)| *c)
}

/// How many countries the note names before counting the rest.
const NAMED_COUNTRIES: usize = 4;

/// "Also, outside the map: 56 events in the United States, 23 in India
/// and 30 in 9 other countries." for the countries (ISO codes, `""`
/// unknown) of the events left out, most first, then by code. `None`
/// when none was left out.
pub fn outside_note(countries: &[&str]) -> Option<String> {
    if countries.is_empty() {
        return None;
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in countries {
        *counts.entry(c).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let name = |cc: &str| match basemap::country(cc) {
        Some(c) if !cc.is_empty() => c.name.clone(),
        _ if cc.is_empty() => "no known country".to_string(),
        _ => cc.to_string(),
    };
    let (named, rest) = if ranked.len() > NAMED_COUNTRIES + 1 {
        ranked.split_at(NAMED_COUNTRIES)
    } else {
        (&ranked[..], &[][..])
    };
    let mut parts: Vec<String> = named
        .iter()
        .enumerate()
        .map(|(k, (cc, n))| {
            let count = if k == 0 {
                fmt_counted(*n, "event")
            } else {
                n.to_string()
            };
            format!("{count} in {}", name(cc))
        })
        .collect();
    if !rest.is_empty() {
        let n: usize = rest.iter().map(|(_, n)| n).sum();
        parts.push(format!("{n} in {} other countries", rest.len()));
    }
    let last = parts.pop().expect("at least one country");
    let list = if parts.is_empty() {
        last
    } else {
        format!("{} and {last}", parts.join(", "))
    };
    Some(format!("Also, outside the map: {list}."))
}

/// What area a map shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Extent {
    /// The events' bounding box, padded, at least about 150 km across.
    #[default]
    Auto,
    /// The whole world.
    World,
    /// A country's main body by ISO 3166-1 alpha-2 code (`GB`, `US`).
    Country(String),
    /// A box in degrees.
    Box(GeoBox),
}

impl std::str::FromStr for Extent {
    type Err = String;

    /// `auto`, `world`, a two-letter country code, or
    /// `lon0,lat0,lon1,lat1` in degrees (west, south, east, north).
    fn from_str(s: &str) -> Result<Extent, String> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("auto") {
            return Ok(Extent::Auto);
        }
        if t.eq_ignore_ascii_case("world") {
            return Ok(Extent::World);
        }
        if t.len() == 2 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Ok(Extent::Country(t.to_ascii_uppercase()));
        }
        let parts: Vec<f64> = t
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| format!("bad extent {s:?}: expected auto, world, a country code such as GB, or lon0,lat0,lon1,lat1"))?;
        let [w, so, e, n] = parts[..] else {
            return Err(format!(
                "bad extent {s:?}: a box needs four numbers, lon0,lat0,lon1,lat1"
            ));
        };
        let ok = (-180.0..=180.0).contains(&w)
            && (-180.0..=180.0).contains(&e)
            && (-85.0..=85.0).contains(&so)
            && (-85.0..=85.0).contains(&n)
            && w < e
            && so < n;
        if !ok {
            return Err(format!(
                "bad extent {s:?}: need west < east within ±180 and south < north within ±85"
            ));
        }
        Ok(Extent::Box(GeoBox::new((w, so), (e, n))))
    }
}

/// The geographic box an extent stands for, before fitting.
///
/// # Errors
/// An unknown country code.
pub fn extent_box(
    extent: &Extent,
    points: &[(f64, f64)],
    countries: &[&str],
) -> Result<GeoBox, MapError> {
    Ok(match extent {
        Extent::Auto => auto_extent(points, countries),
        Extent::World => GeoBox::world(),
        Extent::Country(cc) => basemap::country(cc)
            .and_then(|c| c.main_extent())
            .map(|b| b.padded(0.03, 150.0))
            .ok_or_else(|| MapError {
                kind: MapErrorKind::UnknownCountry(cc.clone()),
            })?,
        Extent::Box(b) => *b,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_world_of_events_is_framed_on_the_busiest_country() {
        let london = (-0.13, 51.51);
        let leeds = (-1.55, 53.80);
        let chicago = (-87.65, 41.85);
        let b = auto_extent(&[london, chicago, leeds], &["GB", "US", "GB"]);
        assert!(
            b.min().x < -1.55 && b.max().x > -0.13 && b.min().x > -20.0,
            "{b:?}"
        );
        assert!(!projection::is_continental(&b));
        // One country only: its box, whatever the countries say.
        let uk = auto_extent(&[london, leeds], &["GB", "GB"]);
        assert!(uk.max().x - uk.min().x < 10.0);
    }

    #[test]
    fn a_country_spanning_a_continent_is_framed_on_its_main_body() {
        let honolulu = (-157.86, 21.31);
        let boston = (-71.06, 42.36);
        let b = auto_extent(&[honolulu, boston, boston], &["US", "US", "US"]);
        assert!(b.min().x > -130.0 && b.max().x < -60.0, "{b:?}");
    }

    #[test]
    fn the_note_counts_by_country_most_first() {
        assert_eq!(outside_note(&[]), None);
        let note = outside_note(&["US", "IN", "US"]).unwrap();
        assert!(
            note.starts_with("Also, outside the map: 2 events in "),
            "{note}"
        );
        assert!(note.ends_with(" and 1 in India."), "{note}");
        let many = ["US", "IN", "CA", "AU", "NZ", "DE", "FR"];
        let note = outside_note(&many).unwrap();
        assert!(note.ends_with(" and 3 in 3 other countries."), "{note}");
    }

    #[test]
    fn extents_parse() {
        assert_eq!("auto".parse::<Extent>().unwrap(), Extent::Auto);
        assert_eq!("World".parse::<Extent>().unwrap(), Extent::World);
        assert_eq!(
            "gb".parse::<Extent>().unwrap(),
            Extent::Country("GB".into())
        );
        let Extent::Box(b) = "-8,49.5,2,59".parse::<Extent>().unwrap() else {
            panic!()
        };
        assert_eq!((b.min().x, b.max().y), (-8.0, 59.0));
        assert!("2,49,-8,59".parse::<Extent>().is_err());
        assert!("1,2,3".parse::<Extent>().is_err());
    }
}
