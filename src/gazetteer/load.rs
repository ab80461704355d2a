//! Parsing the bundled data (for the index builder) and user gazetteers
//! into indexed layers.

use super::index::{IndexSources as Sources, RegionIndex};
use super::{Layer, NameRef, Place, PlaceId, PlaceKind, Region, Source, fold};
use crate::error::InputError;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

static PLACE_WORDS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/en/places.toml"
));

/// Names of countries and divisions, for display and for qualifiers, as
/// the CSV loader builds them; the bundled index stores them in
/// [`RegionIndex`].
#[derive(Default)]
pub(crate) struct Regions {
    pub(crate) countries: FxHashMap<String, String>,
    pub(crate) admin1: FxHashMap<(String, String), String>,
    pub(crate) admin2: FxHashMap<(String, String, String), String>,
    /// Folded region name or code → the regions it may mean.
    pub(crate) by_name: FxHashMap<Box<str>, Vec<Region>>,
}

/// Words about places in one language: abbreviations of divisions that
/// the press uses ("Ore.", "Calif."), and compass words before a town.
#[derive(Deserialize)]
struct PlaceWords {
    /// Country code → division code → abbreviations.
    admin1_abbreviations: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// "south", "north east"... as folded words.
    directions: Vec<String>,
}

static WORDS: LazyLock<PlaceWords> =
    LazyLock::new(|| toml::from_str(PLACE_WORDS).expect("bundled lexicon is valid TOML"));

/// The compass words that may stand before a town in a qualifier.
pub fn directions() -> &'static [String] {
    &WORDS.directions
}

/// The division abbreviations of a place lexicon (country code → division
/// code → abbreviations): the only part of it the bundled index uses.
pub(super) fn abbreviations(lexicon: &str) -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
    let words: PlaceWords = toml::from_str(lexicon).expect("bundled lexicon is valid TOML");
    words.admin1_abbreviations
}

/// A row of `gazetteer.csv` or `places-indiapost.csv`.
#[derive(Deserialize)]
struct TownRow<'a> {
    geonameid: Option<u64>,
    name: &'a str,
    #[serde(default)]
    asciiname: &'a str,
    country: &'a str,
    admin1: &'a str,
    admin2: &'a str,
    feature_code: &'a str,
    population: u64,
    lat: f64,
    lon: f64,
    alt_names: &'a str,
}

/// A row of `divisions.csv`.
#[derive(Deserialize)]
struct DivisionRow<'a> {
    geonameid: Option<u64>,
    level: &'a str,
    name: &'a str,
    country: &'a str,
    admin1: &'a str,
    admin2: &'a str,
    lat: Option<f64>,
    lon: Option<f64>,
    alt_names: &'a str,
}

fn kind_of(feature_code: &str) -> PlaceKind {
    if feature_code == "PPLX" {
        PlaceKind::Section
    } else {
        PlaceKind::Town
    }
}

impl Layer {
    /// Adds a place under its name and alternate names.
    fn push(&mut self, place: Place, alt_names: &str) {
        let id = PlaceId(self.places.len() as u32);
        let own = fold(&place.name);
        self.add_name(&own, id, false);
        for alt in alt_names.split('|') {
            let key = fold(alt);
            if key != own {
                self.add_name(&key, id, true);
            }
        }
        self.places.push(place);
    }

    fn add_name(&mut self, key: &str, id: PlaceId, alt: bool) {
        if key.is_empty() {
            return;
        }
        // A place's names are added as it is pushed, ids rising: if it is
        // under this name already, it is the last one there. (Searching
        // the whole list made a name that 160,000 places share quadratic.)
        let refs = self.index.entry(key.into()).or_default();
        if refs.last().is_none_or(|r| r.id != id) {
            refs.push(NameRef { id, alt });
        }
    }
}

fn read_towns(layer: &mut Layer, bytes: &[u8], source: Source) {
    let mut rdr = csv::Reader::from_reader(bytes);
    let mut rec = csv::ByteRecord::new();
    let headers = rdr
        .byte_headers()
        .expect("bundled data has a header")
        .clone();
    while rdr
        .read_byte_record(&mut rec)
        .expect("bundled data is valid CSV")
    {
        let row: TownRow = rec
            .deserialize(Some(&headers))
            .expect("bundled data matches its header");
        let place = Place {
            geonameid: row.geonameid,
            name: row.name.to_string(),
            country: row.country.to_string(),
            admin1: row.admin1.to_string(),
            admin2: row.admin2.to_string(),
            feature_code: row.feature_code.to_string(),
            population: row.population,
            lat: row.lat,
            lon: row.lon,
            kind: kind_of(row.feature_code),
            source,
        };
        layer.push(place, row.alt_names);
        // The ASCII name is a name too ("Mecca" for Makkah).
        if !row.asciiname.is_empty() {
            let id = PlaceId(layer.places.len() as u32 - 1);
            layer.add_name(&fold(row.asciiname), id, true);
        }
    }
}

/// Parses the bundled data, as the index builder does. The data is
/// generated and tested, so a failure here is a defect of the data, not
/// bad input.
pub(super) fn bundled(src: &Sources) -> (Layer, Regions) {
    let abbreviations = abbreviations(&src.places_lexicon);
    let mut layer = Layer::default();
    read_towns(&mut layer, &src.gazetteer, Source::GeoNames);
    read_towns(&mut layer, &src.india_post, Source::IndiaPost);
    let mut regions = Regions::default();
    let mut rdr = csv::Reader::from_reader(&src.divisions[..]);
    let mut rec = csv::ByteRecord::new();
    let headers = rdr
        .byte_headers()
        .expect("bundled data has a header")
        .clone();
    while rdr
        .read_byte_record(&mut rec)
        .expect("bundled data is valid CSV")
    {
        let row: DivisionRow = rec
            .deserialize(Some(&headers))
            .expect("bundled data matches its header");
        let cc = row.country.to_string();
        let (region, kind, feature_code) = match row.level {
            "country" => {
                regions.countries.insert(cc.clone(), row.name.to_string());
                (Region::Country(cc.clone()), PlaceKind::Country, "PCLI")
            }
            "admin1" => {
                let key = (cc.clone(), row.admin1.to_string());
                regions.admin1.insert(key, row.name.to_string());
                (
                    Region::Admin1(cc.clone(), row.admin1.to_string()),
                    PlaceKind::Admin1,
                    "ADM1",
                )
            }
            _ => {
                let key = (cc.clone(), row.admin1.to_string(), row.admin2.to_string());
                regions.admin2.insert(key, row.name.to_string());
                let r = Region::Admin2(cc.clone(), row.admin1.to_string(), row.admin2.to_string());
                (r, PlaceKind::Admin2, "ADM2")
            }
        };
        for name in std::iter::once(row.name).chain(row.alt_names.split('|')) {
            regions.add(name, &region);
        }
        if let (Some(lat), Some(lon)) = (row.lat, row.lon) {
            let place = Place {
                geonameid: row.geonameid,
                name: row.name.to_string(),
                country: cc,
                admin1: row.admin1.to_string(),
                admin2: row.admin2.to_string(),
                feature_code: feature_code.to_string(),
                population: 0,
                lat,
                lon,
                kind,
                source: Source::GeoNames,
            };
            layer.push(place, row.alt_names);
        }
    }
    region_populations(&mut layer);
    for (cc, divisions) in &abbreviations {
        for (code, abbrs) in divisions {
            let region = Region::Admin1(cc.clone(), code.clone());
            regions.add(code, &region);
            for a in abbrs {
                regions.add(a, &region);
            }
        }
    }
    // Sorted, so that the index does not depend on hash order.
    let mut codes: Vec<String> = regions.countries.keys().cloned().collect();
    codes.sort_unstable();
    for cc in codes {
        regions.add(&cc, &Region::Country(cc.clone()));
    }
    (layer, regions)
}

/// Gives each region the population of its towns, which the data does not
/// state but ranking needs.
fn region_populations(layer: &mut Layer) {
    let mut sums: rustc_hash::FxHashMap<Region, u64> = Default::default();
    for p in layer.places.iter().filter(|p| !p.kind.is_region()) {
        let c = p.country.clone();
        *sums.entry(Region::Country(c.clone())).or_default() += p.population;
        *sums
            .entry(Region::Admin1(c.clone(), p.admin1.clone()))
            .or_default() += p.population;
        let a2 = Region::Admin2(c, p.admin1.clone(), p.admin2.clone());
        *sums.entry(a2).or_default() += p.population;
    }
    for p in layer.places.iter_mut() {
        let region = match p.kind {
            PlaceKind::Country => Region::Country(p.country.clone()),
            PlaceKind::Admin1 => Region::Admin1(p.country.clone(), p.admin1.clone()),
            PlaceKind::Admin2 => {
                Region::Admin2(p.country.clone(), p.admin1.clone(), p.admin2.clone())
            }
            _ => continue,
        };
        p.population = sums.get(&region).copied().unwrap_or(0);
    }
}

impl Regions {
    fn add(&mut self, name: &str, region: &Region) {
        let key = fold(name);
        if key.is_empty() {
            return;
        }
        let list = self.by_name.entry(key.into()).or_default();
        if !list.contains(region) {
            list.push(region.clone());
        }
    }
}

/// A row of a user's gazetteer.
#[derive(Deserialize)]
struct UserRow {
    name: String,
    lat: String,
    lon: String,
    country: String,
    #[serde(default)]
    admin1: String,
    #[serde(default)]
    population: String,
    #[serde(default)]
    alt_names: String,
}

/// Reads a user's gazetteer CSV into a layer. `admin1` may be a GeoNames
/// code or a division's name ("Wales").
pub(super) fn user_layer(
    bytes: &[u8],
    path: Option<&Path>,
    regions: &RegionIndex,
) -> Result<Layer, InputError> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let headers = rdr
        .headers()
        .map_err(|e| InputError::from_csv(path, &e))?
        .clone();
    for need in ["name", "lat", "lon", "country"] {
        if !headers.iter().any(|h| h == need) {
            return Err(InputError::at_line(
                path,
                1,
                format!("missing column `{need}` (need name,lat,lon,country)"),
            ));
        }
    }
    let mut layer = Layer::default();
    let mut rec = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(InputError::from_csv(path, &e)),
        }
        let line = rec.position().map_or(0, csv::Position::line);
        let bad = |why: String| InputError::at_line(path, line, why);
        let row: UserRow = rec
            .deserialize(Some(&headers))
            .map_err(|e| bad(e.to_string()))?;
        if row.name.is_empty() || fold(&row.name).is_empty() {
            return Err(bad("empty name".into()));
        }
        let coord = |s: &str, what: &str, limit: f64| match s.parse::<f64>() {
            Ok(v) if v.is_finite() && v.abs() <= limit => Ok(v),
            _ => Err(bad(format!(
                "bad {what} {s:?} (expected -{limit} to {limit})"
            ))),
        };
        let lat = coord(&row.lat, "lat", 90.0)?;
        let lon = coord(&row.lon, "lon", 180.0)?;
        let country = row.country.to_ascii_uppercase();
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(bad(format!(
                "bad country {:?} (expected an ISO 3166-1 alpha-2 code such as GB)",
                row.country
            )));
        }
        let population = match row.population.replace(',', "").as_str() {
            "" => 0,
            s => s
                .parse::<u64>()
                .map_err(|_| bad(format!("bad population {s:?} (expected a whole number)")))?,
        };
        let admin1 = admin1_code(regions, &country, &row.admin1);
        let place = Place {
            geonameid: None,
            name: row.name.clone(),
            country,
            admin1,
            admin2: String::new(),
            feature_code: "PPL".into(),
            population,
            lat,
            lon,
            kind: PlaceKind::Town,
            source: Source::User,
        };
        layer.push(place, &row.alt_names);
    }
    Ok(layer)
}

/// A division given by code or by name, as a code where one is known.
fn admin1_code(regions: &RegionIndex, country: &str, given: &str) -> String {
    if given.is_empty() || regions.admin1_name(country, given).is_some() {
        return given.to_string();
    }
    regions
        .named(&fold(given))
        .iter()
        .find_map(|r| match r {
            Region::Admin1(c, code) if c == country => Some(code.clone()),
            _ => None,
        })
        .unwrap_or_else(|| given.to_string())
}
