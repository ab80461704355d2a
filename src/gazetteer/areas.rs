//! Names the GeoNames layers lack: continents, macro-regions and seas
//! ("Europe", "Middle East", "West Africa"), demonyms and adjectives that
//! stand for a country or area ("Russian", "European"), common short or
//! older country names ("DR Congo", "Burma") and the press abbreviations
//! of first-level divisions used on their own ("NSW", "WA").
//!
//! Areas are kept out of the bundled index (built from the GeoNames data
//! alone), so that the recogniser does not start reading them in text:
//! they form a small layer of places of kind [`PlaceKind::Area`], with
//! ids from [`AREA_BASE`], built with the [`lookup`] table from their own
//! lexicon files on first use. [`lookup`] finds them (and the countries
//! and divisions of the index that the other names stand for) for
//! [`Gazetteer::geocode`](super::Gazetteer::geocode).

use super::index::{Index, RegionIndex};
use super::{Place, PlaceId, PlaceKind, Source, fold};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

static AREAS_CSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/en/areas.csv"
));
static DEMONYMS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/en/demonyms.toml"
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
    /// A division's press abbreviation with dots ("Calif.", "N.J."); it
    /// counts only as written with a dot, so that "Miss" or "Pa" do not.
    Dotted,
}

impl Via {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Via::Area => "area",
            Via::Demonym => "demonym",
            Via::CountryName => "country name",
            Via::Abbreviation => "abbreviation",
            Via::Dotted => "press abbreviation",
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
struct Demonyms {
    country_names: BTreeMap<String, String>,
    demonyms: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct Abbreviations {
    admin1_abbreviations: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

type Lexicon = FxHashMap<Box<str>, Vec<(PlaceId, Via)>>;

/// The ids of areas start here, above any id of the bundled index and
/// below the user's.
pub(super) const AREA_BASE: u32 = 1 << 30;

/// The areas and the lexicon's names.
pub(super) struct Areas {
    pub(super) places: Vec<Place>,
    names: Lexicon,
}

/// Built on first use: a few hundred lookups in the bundled index.
pub(super) static AREAS: LazyLock<Areas> = LazyLock::new(|| {
    let (index, regions) = &*super::BUNDLED;
    build(index, regions)
});

fn add(index: &mut Lexicon, name: &str, id: PlaceId, via: Via) {
    let key = fold(name);
    if key.is_empty() {
        return;
    }
    let refs = index.entry(key.into()).or_default();
    if !refs.iter().any(|r| r.0 == id) {
        refs.push((id, via));
    }
}

/// The bundled place of a country or first-level division: the one of
/// that kind and region among the places its name leads to.
fn division_place(
    index: &Index,
    name: Option<&str>,
    kind: PlaceKind,
    cc: &str,
    a1: &str,
) -> Option<PlaceId> {
    index.lookup(&fold(name?)).map(|r| r.id).find(|&id| {
        let p = index.place(id.0 as usize);
        p.kind == kind && p.country == cc && (kind == PlaceKind::Country || p.admin1 == a1)
    })
}

/// Builds the areas and the lexicon's names over the bundled index.
fn build(bundled: &Index, regions: &RegionIndex) -> Areas {
    let mut index = Lexicon::default();
    let mut places: Vec<Place> = Vec::new();
    let mut areas: FxHashMap<String, PlaceId> = FxHashMap::default();
    let mut countries: BTreeMap<String, PlaceId> = BTreeMap::new();
    for cc in regions.country_codes() {
        let name = regions.country_name(&cc);
        if let Some(id) = division_place(bundled, name, PlaceKind::Country, &cc, "") {
            countries.insert(cc, id);
        }
    }
    let mut rdr = csv::Reader::from_reader(AREAS_CSV.as_bytes());
    for row in rdr.deserialize::<AreaRow>() {
        let row = row.expect("bundled areas are valid CSV");
        let id = PlaceId(AREA_BASE + places.len() as u32);
        places.push(Place {
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
        } else if let Some((cc, a1)) = t.split_once('.') {
            let name = regions.admin1_name(cc, a1);
            division_place(bundled, name, PlaceKind::Admin1, cc, a1)
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
            let name = regions.admin1_name(cc, code);
            let Some(id) = division_place(bundled, name, PlaceKind::Admin1, cc, code) else {
                continue;
            };
            // The capital-letter forms ("NSW", "WA") and the forms with
            // dots ("Calif.", "N.J."), each counted only as so written.
            let caps = abbrs
                .iter()
                .filter(|a| a.len() >= 2 && a.bytes().all(|b| b.is_ascii_uppercase()));
            for abbr in std::iter::once(code).filter(|_| cc == "US").chain(caps) {
                add(&mut index, abbr, id, Via::Abbreviation);
            }
            for abbr in abbrs.iter().filter(|a| a.contains('.')) {
                add(&mut index, abbr, id, Via::Dotted);
            }
        }
    }
    Areas {
        places,
        names: index,
    }
}

/// The places a folded name reaches through the lexicon.
pub(crate) fn lookup(key: &str) -> &'static [(PlaceId, Via)] {
    AREAS.names.get(key).map_or(&[], Vec::as_slice)
}
