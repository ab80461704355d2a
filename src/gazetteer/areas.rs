//! Names the GeoNames layers lack: continents, macro-regions and seas
//! ("Europe", "Middle East", "West Africa"), demonyms and adjectives that
//! stand for a country or area ("Russian", "European"), common short or
//! older country names ("DR Congo", "Burma") and the press abbreviations
//! of first-level divisions used on their own ("NSW", "WA").
//!
//! Areas are added to the bundled layer as places of kind
//! [`PlaceKind::Area`] but are not put in the name index, so that the
//! recogniser does not start reading them in text; [`lookup`] finds them
//! (and the countries and divisions the other names stand for) for
//! [`Gazetteer::geocode`](super::Gazetteer::geocode).

use super::{Layer, Place, PlaceId, PlaceKind, Source, fold};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

static AREAS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/en/areas.csv"
));
static DEMONYMS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/en/demonyms.toml"
));
static COUNTRY_POINTS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/country-points.csv"
));
static PLACE_WORDS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/en/places.toml"
));

/// Why a lexicon name leads to a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Via {
    /// The name or alias of an area.
    Area,
    /// A demonym or adjective ("Russian").
    Demonym,
    /// Another name of a country ("Burma").
    CountryName,
    /// A division's abbreviation ("NSW"); it counts only as written in
    /// capitals.
    Abbreviation,
}

impl Via {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Via::Area => "area",
            Via::Demonym => "demonym",
            Via::CountryName => "country name",
            Via::Abbreviation => "abbreviation",
        }
    }
}

#[derive(Deserialize)]
struct AreaRow {
    name: String,
    lat: f64,
    lon: f64,
    country: String,
    aliases: String,
}

#[derive(Deserialize)]
struct CountryPoint {
    country: String,
    lat: f64,
    lon: f64,
}

#[derive(Deserialize)]
struct Demonyms {
    country_names: BTreeMap<String, String>,
    demonyms: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct Abbreviations {
    admin1_abbreviations: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

type Index = FxHashMap<Box<str>, Vec<(PlaceId, Via)>>;

static INDEX: OnceLock<Index> = OnceLock::new();

fn add(index: &mut Index, name: &str, id: PlaceId, via: Via) {
    let key = fold(name);
    if key.is_empty() {
        return;
    }
    let refs = index.entry(key.into()).or_default();
    if !refs.iter().any(|r| r.0 == id) {
        refs.push((id, via));
    }
}

/// Adds the areas to the bundled layer (after the divisions) and builds
/// the lexicon index over it.
pub(super) fn extend(layer: &mut Layer) {
    let mut index = Index::default();
    let mut areas: FxHashMap<String, PlaceId> = FxHashMap::default();
    let mut countries: FxHashMap<String, PlaceId> = FxHashMap::default();
    let mut admin1: FxHashMap<(String, String), PlaceId> = FxHashMap::default();
    for (i, p) in layer.places.iter().enumerate() {
        let id = PlaceId(i as u32);
        match p.kind {
            PlaceKind::Country => {
                countries.entry(p.country.clone()).or_insert(id);
            }
            PlaceKind::Admin1 => {
                admin1
                    .entry((p.country.clone(), p.admin1.clone()))
                    .or_insert(id);
            }
            _ => {}
        }
    }
    // The conventional reference point of a country whose computed point
    // is far from it (fragmented or elongated countries: "60 N, 95 W"
    // for Canada) is where readers and maps put it, not the centre of its
    // largest polygon.
    let mut rdr = csv::Reader::from_reader(COUNTRY_POINTS.as_bytes());
    for row in rdr.deserialize::<CountryPoint>() {
        let row = row.expect("bundled country points are valid CSV");
        if let Some(&id) = countries.get(&row.country) {
            let p = &mut layer.places[id.0 as usize];
            (p.lat, p.lon) = (row.lat, row.lon);
        }
    }
    let mut rdr = csv::Reader::from_reader(AREAS.as_bytes());
    for row in rdr.deserialize::<AreaRow>() {
        let row = row.expect("bundled areas are valid CSV");
        let id = PlaceId(layer.places.len() as u32);
        layer.places.push(Place {
            geonameid: None,
            name: row.name.clone(),
            country: row.country.clone(),
            admin1: String::new(),
            admin2: String::new(),
            feature_code: "AREA".to_string(),
            population: 0,
            lat: row.lat,
            lon: row.lon,
            kind: PlaceKind::Area,
            source: Source::GeoNames,
        });
        // A country without a point of its own (the Vatican) is known by
        // its area.
        if row.country.len() == 2 {
            countries.entry(row.country.clone()).or_insert(id);
        }
        areas.insert(row.name.clone(), id);
        add(&mut index, &row.name, id, Via::Area);
        for alias in row.aliases.split('|') {
            add(&mut index, alias, id, Via::Area);
        }
    }
    let d: Demonyms = toml::from_str(DEMONYMS).expect("bundled demonyms are valid TOML");
    let target = |t: &str| {
        if t.len() == 2 && t.bytes().all(|b| b.is_ascii_uppercase()) {
            countries.get(t).copied()
        } else {
            areas.get(t).copied()
        }
    };
    for (name, t) in &d.country_names {
        if let Some(id) = target(t) {
            // Forms in capitals ("DRC", "SA") count only as so written.
            let caps = name
                .chars()
                .all(|c| c.is_ascii_uppercase() || ".&".contains(c));
            let via = if caps {
                Via::Abbreviation
            } else {
                Via::CountryName
            };
            add(&mut index, name, id, via);
        }
    }
    for (name, t) in &d.demonyms {
        if let Some(id) = target(t) {
            add(&mut index, name, id, Via::Demonym);
        }
    }
    // Country codes written in capitals ("US", "NZ").
    for (cc, &id) in &countries {
        add(&mut index, cc, id, Via::Abbreviation);
    }
    let a: Abbreviations = toml::from_str(PLACE_WORDS).expect("bundled lexicon is valid TOML");
    for (cc, divisions) in &a.admin1_abbreviations {
        for (code, abbrs) in divisions {
            let Some(&id) = admin1.get(&(cc.clone(), code.clone())) else {
                continue;
            };
            // Only the capital-letter forms ("NSW", "WA"); forms with
            // dots ("Calif.") are for qualifiers.
            let caps = abbrs
                .iter()
                .filter(|a| a.len() >= 2 && a.bytes().all(|b| b.is_ascii_uppercase()));
            for abbr in std::iter::once(code).filter(|_| cc == "US").chain(caps) {
                add(&mut index, abbr, id, Via::Abbreviation);
            }
        }
    }
    let _ = INDEX.set(index);
}

/// The places a folded name reaches through the lexicon.
pub(crate) fn lookup(key: &str) -> &'static [(PlaceId, Via)] {
    INDEX
        .get()
        .and_then(|i| i.get(key))
        .map_or(&[], Vec::as_slice)
}
