//! The gazetteer: every place trailmap can put on a map.
//!
//! The bundled layer is derived from GeoNames (towns of 500 people or
//! more, world-wide), India Post offices (villages, ranked below towns) and
//! the names and representative points of countries and their first- and
//! second-level divisions; `scripts/build-data` rebuilds it and
//! `data/README.md` gives its sources and licences. A user's own places
//! (`--gazetteer FILE`) form a second layer, searched with the first and
//! preferred over it.
//!
//! Places are indexed by their [folded](fold) names and alternate names;
//! [`Gazetteer::geocode`] ranks the candidates for a name. The bundled
//! layer is a prebuilt binary index (`data/gazetteer.idx`, see
//! [`build_index`]) read in place, so it is ready at once.

mod areas;
mod index;
mod load;
mod memo;
mod names;
mod rank;

pub use index::{IndexSources, build_index};
pub use load::directions;
pub use memo::Ranking;
pub use names::fold;
pub use rank::{Candidate, Qualifier, Query};

use crate::error::InputError;
use areas::{AREA_BASE, AREAS};
use index::{Index, RegionIndex};
use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::LazyLock;

/// What sort of place a gazetteer row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    /// A city, town or village (GeoNames feature class P).
    Town,
    /// A section of a populated place: a suburb or district (`PPLX`).
    Section,
    /// A second-level division (a county, a district).
    Admin2,
    /// A first-level division (a state, a UK nation, a province).
    Admin1,
    /// A country.
    Country,
    /// A continent, macro-region or sea ("Europe", "Middle East"), from
    /// the lexicon; its country is empty unless it lies in one.
    Area,
}

impl PlaceKind {
    /// Whether this is a region (a division or a country) rather than a
    /// settlement; events happen in settlements.
    pub fn is_region(self) -> bool {
        matches!(
            self,
            PlaceKind::Admin2 | PlaceKind::Admin1 | PlaceKind::Country | PlaceKind::Area
        )
    }

    /// The name used in tables and explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Town => "town",
            PlaceKind::Section => "section",
            PlaceKind::Admin2 => "admin2",
            PlaceKind::Admin1 => "admin1",
            PlaceKind::Country => "country",
            PlaceKind::Area => "area",
        }
    }
}

/// Where a row comes from; it orders otherwise equal candidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// The user's `--gazetteer` file.
    User,
    /// GeoNames (towns, divisions, countries).
    GeoNames,
    /// India Post office directory (villages).
    IndiaPost,
}

/// One place.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The GeoNames id, where the row comes from GeoNames.
    pub geonameid: Option<u64>,
    /// The name as the gazetteer spells it.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// GeoNames first-level division code (e.g. `WLS`, `AL`), or empty.
    pub admin1: String,
    /// GeoNames second-level division code, or empty.
    pub admin2: String,
    /// GeoNames feature code (`PPLA2`, `PPLX`, `ADM1`...), or empty.
    pub feature_code: String,
    /// Population, 0 where unknown.
    pub population: u64,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Town, section or region.
    pub kind: PlaceKind,
    /// Where the row comes from.
    pub source: Source,
}

impl Place {
    /// The place's point, x = lon, y = lat (degrees).
    pub fn point(&self) -> geo::Point {
        geo::Point::new(self.lon, self.lat)
    }
}

/// An index into a [`Gazetteer`]'s places.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlaceId(u32);

/// How a name reached a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NameRef {
    pub(crate) id: PlaceId,
    /// The key is one of the place's alternate names, not its name.
    pub(crate) alt: bool,
}

/// What a qualifier such as "Oregon", "OR", "Wales" or "County Cavan"
/// stands for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Region {
    /// A country, by alpha-2 code.
    Country(String),
    /// A first-level division: country, code.
    Admin1(String, String),
    /// A second-level division: country, admin1 code, admin2 code.
    Admin2(String, String, String),
}

impl Region {
    /// Whether `p` lies in this region.
    pub fn contains(&self, p: &Place) -> bool {
        match self {
            Region::Country(c) => p.country == *c,
            Region::Admin1(c, a1) => p.country == *c && p.admin1 == *a1,
            Region::Admin2(c, a1, a2) => p.country == *c && p.admin1 == *a1 && p.admin2 == *a2,
        }
    }
}

/// One layer of places with its name index: the user's places, or the
/// bundled ones while the index is built.
#[derive(Default)]
pub(crate) struct Layer {
    pub(crate) places: Vec<Place>,
    pub(crate) index: FxHashMap<Box<str>, Vec<NameRef>>,
}

/// The bundled places, plus any the user added.
pub struct Gazetteer {
    bundled: &'static Index,
    regions: &'static RegionIndex,
    user: Layer,
    memo: memo::Memo,
}

/// The user layer's ids start here, above any bundled id and any area's
/// ([`AREA_BASE`]).
const USER_BASE: u32 = 1 << 31;

static BUNDLED: LazyLock<(Index, RegionIndex)> = LazyLock::new(index::bundled);

impl Gazetteer {
    /// The bundled gazetteer alone. The first call opens the embedded
    /// index (a header check, no parsing); later calls are free. Places
    /// are decoded on first use, in small blocks.
    pub fn bundled() -> Gazetteer {
        let (layer, regions) = &*BUNDLED;
        Gazetteer {
            bundled: layer,
            regions,
            user: Layer::default(),
            memo: memo::Memo::default(),
        }
    }

    /// The bundled gazetteer with a user's places read from a CSV file with
    /// columns `name,lat,lon,country` and optional `admin1`, `population`,
    /// `alt_names` (`|`-separated).
    ///
    /// # Errors
    /// The file cannot be read, or a row is malformed; the error names the
    /// file and the line.
    pub fn with_user_file(path: &Path) -> Result<Gazetteer, InputError> {
        let bytes = std::fs::read(path).map_err(|e| InputError::new(Some(path), e.to_string()))?;
        let mut g = Gazetteer::bundled();
        g.user = load::user_layer(&bytes, Some(path), g.regions)?;
        Ok(g)
    }

    /// The place behind an id.
    pub fn place(&self, id: PlaceId) -> &Place {
        if id.0 >= USER_BASE {
            &self.user.places[(id.0 - USER_BASE) as usize]
        } else if id.0 >= AREA_BASE {
            &AREAS.places[(id.0 - AREA_BASE) as usize]
        } else {
            self.bundled.place(id.0 as usize)
        }
    }

    /// The number of places, bundled (with the lexicon's areas) and user.
    pub fn len(&self) -> usize {
        self.bundled.len() + AREAS.places.len() + self.user.places.len()
    }

    /// Whether there are no places at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every place with its id, bundled first, then the lexicon's areas.
    pub fn places(&self) -> impl Iterator<Item = (PlaceId, &Place)> {
        let b = (0..self.bundled.len()).map(|i| (PlaceId(i as u32), self.bundled.place(i)));
        let a = AREAS.places.iter().enumerate();
        let u = self.user.places.iter().enumerate();
        b.chain(a.map(|(i, p)| (PlaceId(AREA_BASE + i as u32), p)))
            .chain(u.map(|(i, p)| (PlaceId(USER_BASE + i as u32), p)))
    }

    /// The places whose name or alternate name folds to `key` (which must
    /// already be folded), user places first.
    pub(crate) fn lookup_folded(&self, key: &str) -> impl Iterator<Item = NameRef> + '_ {
        let user = self
            .user
            .index
            .get(key)
            .into_iter()
            .flatten()
            .map(|r| NameRef {
                id: PlaceId(r.id.0 + USER_BASE),
                alt: r.alt,
            });
        user.chain(self.bundled.lookup(key))
    }

    /// Every folded name in the index (bundled names in byte order, then
    /// user names), for building matchers over text. The bundled names
    /// are decoded as the iterator goes, hence owned strings.
    pub fn folded_names(&self) -> impl Iterator<Item = String> + '_ {
        self.bundled
            .names()
            .chain(self.user.index.keys().map(|k| k.to_string()))
    }

    /// The regions a qualifier may stand for: a country name or code, a
    /// first-level division name, code or abbreviation ("Oregon", "OR",
    /// "Ore."), or a second-level division ("Essex", "County Cavan").
    pub fn regions_named(&self, qualifier: &str) -> &[Region] {
        self.regions.named(&fold(qualifier))
    }

    /// The country's name, or its code if unknown.
    pub fn country_name<'a>(&'a self, cc: &'a str) -> &'a str {
        self.regions.country_name(cc).unwrap_or(cc)
    }

    /// The name of the division a reader would name the place by: its
    /// first-level division ("Wales", "Alabama"), except where GeoNames'
    /// first level is a grouping that readers do not use (Ireland's
    /// provinces), where it is the county.
    pub fn division_name(&self, p: &Place) -> &str {
        // In GeoNames, Ireland's first level is the four provinces and the
        // counties are second level; Irish news names the county.
        if p.country == "IE"
            && let Some(n) = self.regions.admin2_name(&p.country, &p.admin1, &p.admin2)
        {
            return n;
        }
        self.regions
            .admin1_name(&p.country, &p.admin1)
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests;
