//! The bundled gazetteer as a prebuilt binary index, read in place.
//!
//! Parsing the CSVs and hashing every folded name took about a second at
//! each start. Instead, [`build_index`] (run by `cargo run --release
//! --example build-index`) turns the CSVs and the place lexicon into
//! `data/gazetteer.idx`, which is embedded in the binary and read where it
//! lies: opening it checks the header and slices the sections. Names are
//! looked up in finite state transducers (the `fst` crate); a place is
//! decoded from its fixed-width record when first asked for, together with
//! the other places of its block, so `Gazetteer::place` can keep returning
//! `&Place`. A test rebuilds the index from the CSVs and compares bytes,
//! so a stale index fails the suite.
//!
//! # Format (version 1)
//!
//! Integers are little-endian; the file has no alignment requirements
//! (`include_bytes!` gives none), so every read goes through
//! `from_le_bytes`.
//!
//! | bytes | content |
//! | --- | --- |
//! | 8 | magic `TRAILGZ\0` |
//! | 4 | format version |
//! | 4 | number of sections, [`SECTIONS`] |
//! | 8 | FNV-1a 64 hash of the inputs (see [`IndexSources::hash`]) |
//! | 8 × sections | each section's offset and length (u32, u32) |
//!
//! Sections, in order:
//!
//! 1. `NAMES`: fst map, folded name → postings. An odd value `v` is one
//!    posting, `v >> 1`; an even value is `2 × i`, where `POSTINGS[i]`
//!    holds the count and the postings follow it.
//! 2. `POSTINGS`: u32s; a posting is `place << 1 | alt`.
//! 3. `PLACES`: one [`RECORD`]-byte record per place (see
//!    [`write::place_record`]).
//! 4. `STRINGS`: UTF-8 pool; a string reference is `offset << 8 | len`.
//! 5. `DIVISIONS`: fst map, `0CC`, `1CC\x1fA1`, `2CC\x1fA1\x1fA2` → string
//!    reference of the country's or division's name.
//! 6. `REGION_NAMES`: fst map, folded region name or code → ordinal.
//! 7. `REGION_STARTS`: u32 per ordinal plus one: the first entry of its
//!    list in `REGIONS`.
//! 8. `REGIONS`: 12-byte entries: level (0 country, 1 admin1, 2 admin2),
//!    a zero byte, country code, admin1 and admin2 string references.

mod write;

pub use write::build_index;

use super::{NameRef, Place, PlaceId, PlaceKind, Region, Source};
use std::path::Path;
use std::sync::OnceLock;

/// The index built from the bundled data.
static INDEX: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/gazetteer.idx"));

const MAGIC: &[u8; 8] = b"TRAILGZ\0";
const VERSION: u32 = 1;
const SECTIONS: usize = 8;
const HEADER: usize = 24 + 8 * SECTIONS;
/// Bytes per place record.
const RECORD: usize = 40;
/// Bytes per region entry.
const REGION: usize = 12;
/// Places (and region lists) decoded together on first use.
const BLOCK: usize = 64;

/// The inputs of the bundled index: the CSVs and the place lexicon.
pub struct IndexSources {
    /// `data/gazetteer.csv`.
    pub gazetteer: Vec<u8>,
    /// `data/places-indiapost.csv`.
    pub india_post: Vec<u8>,
    /// `data/divisions.csv`.
    pub divisions: Vec<u8>,
    /// `data/lexicon/en/places.toml`, of which the index uses the division
    /// abbreviations.
    pub places_lexicon: String,
}

impl IndexSources {
    /// Reads the inputs from a `data/` directory.
    ///
    /// # Errors
    /// A file cannot be read or the lexicon is not UTF-8.
    pub fn read(data_dir: &Path) -> std::io::Result<IndexSources> {
        let read = |name: &str| std::fs::read(data_dir.join(name));
        let lexicon = std::fs::read_to_string(data_dir.join("lexicon/en/places.toml"))?;
        Ok(IndexSources {
            gazetteer: read("gazetteer.csv")?,
            india_post: read("places-indiapost.csv")?,
            divisions: read("divisions.csv")?,
            places_lexicon: lexicon,
        })
    }

    /// A hash of the inputs and the format version (FNV-1a, 64 bits), kept
    /// in the index so that a stale one can be told from a changed builder.
    /// Of the lexicon only the division abbreviations count, so editing its
    /// other lists does not make the index stale.
    ///
    /// # Panics
    /// The lexicon is not valid TOML.
    pub fn hash(&self) -> u64 {
        let mut abbreviations = String::new();
        for (cc, divisions) in super::load::abbreviations(&self.places_lexicon) {
            for (code, abbrs) in divisions {
                abbreviations.push_str(&format!("{cc}\t{code}\t{}\n", abbrs.join("\t")));
            }
        }
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |bytes: &[u8]| {
            for &b in bytes {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        };
        eat(&VERSION.to_le_bytes());
        for part in [
            &self.gazetteer[..],
            &self.india_post,
            &self.divisions,
            abbreviations.as_bytes(),
        ] {
            eat(&(part.len() as u64).to_le_bytes());
            eat(part);
        }
        h
    }
}

fn u32_at(bytes: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(bytes[i..i + 4].try_into().expect("4 bytes"))
}

fn u64_at(bytes: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"))
}

/// Where an index is broken; only a defect of the build produces one.
#[derive(Debug)]
pub(crate) struct Corrupt(&'static str);

impl std::fmt::Display for Corrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad gazetteer index: {}", self.0)
    }
}

/// The sections of an index, checked and sliced.
struct Sections {
    parts: [&'static [u8]; SECTIONS],
}

impl Sections {
    fn open(bytes: &'static [u8]) -> Result<Sections, Corrupt> {
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return Err(Corrupt("no header"));
        }
        if u32_at(bytes, 8) != VERSION || u32_at(bytes, 12) as usize != SECTIONS {
            return Err(Corrupt("another format version"));
        }
        let mut parts: [&'static [u8]; SECTIONS] = [&[]; SECTIONS];
        for (i, part) in parts.iter_mut().enumerate() {
            let off = u32_at(bytes, 24 + 8 * i) as usize;
            let len = u32_at(bytes, 28 + 8 * i) as usize;
            *part = bytes
                .get(off..off + len)
                .ok_or(Corrupt("section out of bounds"))?;
        }
        Ok(Sections { parts })
    }
}

fn fst_map(bytes: &'static [u8]) -> Result<fst::Map<&'static [u8]>, Corrupt> {
    fst::Map::new(bytes).map_err(|_| Corrupt("bad fst"))
}

/// Values decoded from the index on first use, in blocks of [`BLOCK`].
struct Lazy<T> {
    len: usize,
    blocks: Box<[OnceLock<Box<[T]>>]>,
}

impl<T> Lazy<T> {
    fn new(len: usize) -> Lazy<T> {
        let blocks = (0..len.div_ceil(BLOCK)).map(|_| OnceLock::new()).collect();
        Lazy { len, blocks }
    }

    /// The `i`th value, decoding its block with `make` if need be.
    fn get(&self, i: usize, make: impl Fn(usize) -> T) -> &T {
        let b = i / BLOCK;
        let block = self.blocks[b].get_or_init(|| {
            let start = b * BLOCK;
            (start..(start + BLOCK).min(self.len)).map(make).collect()
        });
        &block[i - b * BLOCK]
    }
}

/// The string pool.
#[derive(Clone, Copy)]
struct Strings(&'static str);

impl Strings {
    fn get(self, r: u32) -> &'static str {
        let (off, len) = ((r >> 8) as usize, (r & 0xff) as usize);
        &self.0[off..off + len]
    }
}

/// The bundled places and their name index.
pub(crate) struct Index {
    names: fst::Map<&'static [u8]>,
    postings: &'static [u8],
    records: &'static [u8],
    strings: Strings,
    places: Lazy<Place>,
}

/// The bundled countries and divisions: names and qualifiers.
pub(crate) struct RegionIndex {
    divisions: fst::Map<&'static [u8]>,
    by_name: fst::Map<&'static [u8]>,
    starts: &'static [u8],
    entries: &'static [u8],
    strings: Strings,
    lists: Lazy<Box<[Region]>>,
}

/// Opens the embedded index. It is generated and tested, so a failure is
/// a build defect.
pub(super) fn bundled() -> (Index, RegionIndex) {
    open(INDEX).unwrap_or_else(|e| panic!("{e}"))
}

/// The inputs' hash recorded in the embedded index.
#[cfg(test)]
fn bundled_hash() -> u64 {
    Sections::open(INDEX).expect("valid index");
    u64_at(INDEX, 16)
}

pub(crate) fn open(bytes: &'static [u8]) -> Result<(Index, RegionIndex), Corrupt> {
    let s = Sections::open(bytes)?;
    let [
        names,
        postings,
        records,
        strings,
        divisions,
        by_name,
        starts,
        entries,
    ] = s.parts;
    // One pass over a few MB; every string handed out is sliced from it.
    let strings = Strings(std::str::from_utf8(strings).map_err(|_| Corrupt("strings not UTF-8"))?);
    if records.len() % RECORD != 0 || entries.len() % REGION != 0 || starts.len() % 4 != 0 {
        return Err(Corrupt("ragged table"));
    }
    let index = Index {
        names: fst_map(names)?,
        postings,
        records,
        strings,
        places: Lazy::new(records.len() / RECORD),
    };
    let by_name = fst_map(by_name)?;
    let lists = Lazy::new(by_name.len());
    let regions = RegionIndex {
        divisions: fst_map(divisions)?,
        by_name,
        starts,
        entries,
        strings,
        lists,
    };
    Ok((index, regions))
}

fn kind_from(b: u8) -> PlaceKind {
    match b {
        0 => PlaceKind::Town,
        1 => PlaceKind::Section,
        2 => PlaceKind::Admin2,
        3 => PlaceKind::Admin1,
        _ => PlaceKind::Country,
    }
}

fn source_from(b: u8) -> Source {
    match b {
        0 => Source::User,
        1 => Source::GeoNames,
        _ => Source::IndiaPost,
    }
}

impl Index {
    /// The number of places.
    pub(crate) fn len(&self) -> usize {
        self.places.len
    }

    /// The `i`th place.
    pub(crate) fn place(&self, i: usize) -> &Place {
        self.places.get(i, |i| self.decode(i))
    }

    fn decode(&self, i: usize) -> Place {
        let r = &self.records[i * RECORD..(i + 1) * RECORD];
        let s = |o| self.strings.get(u32_at(r, o)).to_string();
        let coord = |o| f64::from(u32_at(r, o) as i32) / 1e5;
        let id = u32_at(r, 0);
        Place {
            geonameid: (id != u32::MAX).then_some(u64::from(id)),
            lat: coord(4),
            lon: coord(8),
            name: s(12),
            admin1: s(16),
            admin2: s(20),
            feature_code: s(24),
            country: String::from_utf8_lossy(&r[28..30]).into_owned(),
            kind: kind_from(r[30]),
            source: source_from(r[31]),
            population: u64_at(r, 32),
        }
    }

    /// The places known by a folded name.
    pub(crate) fn lookup(&self, key: &str) -> impl Iterator<Item = NameRef> + '_ {
        let (single, range) = match self.names.get(key) {
            None => (None, 0..0),
            Some(v) if v & 1 == 1 => (Some((v >> 1) as u32), 0..0),
            Some(v) => {
                let at = (v >> 1) as usize * 4;
                let n = u32_at(self.postings, at) as usize;
                (None, at + 4..at + 4 + 4 * n)
            }
        };
        let many = range.step_by(4).map(|o| u32_at(self.postings, o));
        single.into_iter().chain(many).map(|p| NameRef {
            id: PlaceId(p >> 1),
            alt: p & 1 == 1,
        })
    }

    /// Whether a folded name is known.
    pub(crate) fn has_name(&self, key: &str) -> bool {
        self.names.contains_key(key)
    }

    /// Every folded name, in byte order.
    pub(crate) fn names(&self) -> impl Iterator<Item = String> + '_ {
        use fst::Streamer;
        let mut stream = self.names.keys();
        std::iter::from_fn(move || {
            stream
                .next()
                .map(|k| String::from_utf8_lossy(k).into_owned())
        })
    }
}

impl RegionIndex {
    fn division(&self, key: &[u8]) -> Option<&'static str> {
        let r = self.divisions.get(key)?;
        Some(self.strings.get(r as u32))
    }

    /// A country's name.
    pub(crate) fn country_name(&self, cc: &str) -> Option<&'static str> {
        self.division(format!("0{cc}").as_bytes())
    }

    /// Every country code with a name, in order.
    pub(crate) fn country_codes(&self) -> impl Iterator<Item = String> + '_ {
        use fst::{IntoStreamer, Streamer};
        let mut stream = self.divisions.range().ge("0").lt("1").into_stream();
        std::iter::from_fn(move || {
            stream
                .next()
                .map(|(k, _)| String::from_utf8_lossy(&k[1..]).into_owned())
        })
    }

    /// A first-level division's name.
    pub(crate) fn admin1_name(&self, cc: &str, admin1: &str) -> Option<&'static str> {
        self.division(format!("1{cc}\x1f{admin1}").as_bytes())
    }

    /// A second-level division's name.
    pub(crate) fn admin2_name(&self, cc: &str, admin1: &str, admin2: &str) -> Option<&'static str> {
        self.division(format!("2{cc}\x1f{admin1}\x1f{admin2}").as_bytes())
    }

    /// The regions a folded name or code may mean.
    pub(crate) fn named(&self, key: &str) -> &[Region] {
        match self.by_name.get(key) {
            Some(ord) => self.lists.get(ord as usize, |i| self.decode_list(i)),
            None => &[],
        }
    }

    fn decode_list(&self, i: usize) -> Box<[Region]> {
        let (start, end) = (u32_at(self.starts, 4 * i), u32_at(self.starts, 4 * i + 4));
        (start as usize..end as usize)
            .map(|e| {
                let r = &self.entries[e * REGION..(e + 1) * REGION];
                let cc = String::from_utf8_lossy(&r[2..4]).into_owned();
                let s = |o| self.strings.get(u32_at(r, o)).to_string();
                match r[0] {
                    0 => Region::Country(cc),
                    1 => Region::Admin1(cc, s(4)),
                    _ => Region::Admin2(cc, s(4), s(8)),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
