//! Building the index from the CSVs (see the format in the parent module).

use super::{HEADER, IndexSources, MAGIC, RECORD, REGION, SECTIONS, VERSION};
use crate::gazetteer::load::{self, Regions};
use crate::gazetteer::{NameRef, Place, PlaceKind, Region, Source};
use rustc_hash::FxHashMap;

/// Builds the bundled gazetteer index (`data/gazetteer.idx`) from its
/// inputs. The output depends on nothing else, so equal inputs give equal
/// bytes. `cargo run --release --example build-index` writes it.
///
/// # Panics
/// The data break a limit of the format (a name of 256 bytes or more, a
/// GeoNames id of 2³² − 1 or more, a coordinate with more than 5
/// decimals, a country code that is not two ASCII letters): the data are
/// generated, so this is a defect of the build.
pub fn build_index(src: &IndexSources) -> Vec<u8> {
    let (layer, regions) = load::bundled(src);
    let mut pool = Pool::default();
    let mut records = Vec::with_capacity(layer.places.len() * RECORD);
    for p in &layer.places {
        records.extend_from_slice(&place_record(p, &mut pool));
    }
    let (names, postings) = name_index(&layer.index);
    let divisions = division_names(&regions, &mut pool);
    let (by_name, starts, entries) = region_names(&regions, &mut pool);
    let sections: [&[u8]; SECTIONS] = [
        &names,
        &postings,
        &records,
        pool.bytes.as_bytes(),
        &divisions,
        &by_name,
        &starts,
        &entries,
    ];
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(SECTIONS as u32).to_le_bytes());
    out.extend_from_slice(&src.hash().to_le_bytes());
    let mut off = HEADER;
    for s in sections {
        out.extend_from_slice(&u32::try_from(off).expect("index < 4 GiB").to_le_bytes());
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        off += s.len();
    }
    for s in sections {
        out.extend_from_slice(s);
    }
    out
}

/// Distinct strings, each stored once.
#[derive(Default)]
struct Pool {
    bytes: String,
    seen: FxHashMap<String, u32>,
}

impl Pool {
    /// A reference to `s`: `offset << 8 | len`.
    fn add(&mut self, s: &str) -> u32 {
        if s.is_empty() {
            return 0;
        }
        if let Some(&r) = self.seen.get(s) {
            return r;
        }
        assert!(s.len() < 256, "string of {} bytes: {s:?}", s.len());
        let off = u32::try_from(self.bytes.len())
            .ok()
            .filter(|&o| o < 1 << 24)
            .expect("string pool < 16 MiB");
        let r = off << 8 | s.len() as u32;
        self.bytes.push_str(s);
        self.seen.insert(s.to_string(), r);
        r
    }
}

fn country_code(cc: &str) -> [u8; 2] {
    assert!(
        cc.len() == 2 && cc.bytes().all(|b| b.is_ascii_uppercase()),
        "bad country code {cc:?}"
    );
    [cc.as_bytes()[0], cc.as_bytes()[1]]
}

/// A coordinate as an integer of 1e-5 degrees; exact for the data's 5
/// decimals (integer ÷ 1e5 rounds to the same double as the decimal).
fn fixed(deg: f64) -> i32 {
    let v = (deg * 1e5).round() as i32;
    assert_eq!(f64::from(v) / 1e5, deg, "more than 5 decimals: {deg}");
    v
}

/// A place's record: geonameid (u32, `u32::MAX` for none), lat and lon
/// (i32, 1e-5 degrees), string references to name, admin1, admin2 and
/// feature code, country code (2 bytes), kind, source, population (u64).
fn place_record(p: &Place, pool: &mut Pool) -> [u8; RECORD] {
    let mut r = [0u8; RECORD];
    let id = match p.geonameid {
        Some(id) => u32::try_from(id)
            .ok()
            .filter(|&i| i != u32::MAX)
            .expect("geonameid fits u32"),
        None => u32::MAX,
    };
    r[0..4].copy_from_slice(&id.to_le_bytes());
    r[4..8].copy_from_slice(&fixed(p.lat).to_le_bytes());
    r[8..12].copy_from_slice(&fixed(p.lon).to_le_bytes());
    for (o, s) in [
        (12, &p.name),
        (16, &p.admin1),
        (20, &p.admin2),
        (24, &p.feature_code),
    ] {
        r[o..o + 4].copy_from_slice(&pool.add(s).to_le_bytes());
    }
    r[28..30].copy_from_slice(&country_code(&p.country));
    r[30] = match p.kind {
        PlaceKind::Town => 0,
        PlaceKind::Section => 1,
        PlaceKind::Admin2 => 2,
        PlaceKind::Admin1 => 3,
        PlaceKind::Country => 4,
        // Areas come from their own lexicon at run time, never from here.
        PlaceKind::Area => panic!("an area in the bundled index: {p:?}"),
    };
    r[31] = match p.source {
        Source::User => 0,
        Source::GeoNames => 1,
        Source::IndiaPost => 2,
    };
    r[32..40].copy_from_slice(&p.population.to_le_bytes());
    r
}

fn posting(r: &NameRef) -> u32 {
    assert!(r.id.0 < 1 << 31, "too many places");
    r.id.0 << 1 | u32::from(r.alt)
}

/// The name fst and the postings (see the format).
fn name_index(index: &FxHashMap<Box<str>, Vec<NameRef>>) -> (Vec<u8>, Vec<u8>) {
    let mut keys: Vec<(&str, &Vec<NameRef>)> = index.iter().map(|(k, v)| (&**k, v)).collect();
    keys.sort_unstable_by_key(|&(k, _)| k);
    let mut map = fst::MapBuilder::memory();
    let mut postings: Vec<u8> = Vec::new();
    for (key, refs) in keys {
        let value = if let [one] = refs.as_slice() {
            u64::from(posting(one)) << 1 | 1
        } else {
            let at = (postings.len() / 4) as u64;
            postings.extend_from_slice(&(refs.len() as u32).to_le_bytes());
            for r in refs {
                postings.extend_from_slice(&posting(r).to_le_bytes());
            }
            at << 1
        };
        map.insert(key, value).expect("keys sorted and distinct");
    }
    (map.into_inner().expect("fst in memory"), postings)
}

/// The division fst: `0CC`, `1CC\x1fA1`, `2CC\x1fA1\x1fA2` → name.
fn division_names(regions: &Regions, pool: &mut Pool) -> Vec<u8> {
    let mut keys: Vec<(String, &str)> = Vec::new();
    for (cc, name) in &regions.countries {
        keys.push((format!("0{cc}"), name));
    }
    for ((cc, a1), name) in &regions.admin1 {
        keys.push((format!("1{cc}\x1f{a1}"), name));
    }
    for ((cc, a1, a2), name) in &regions.admin2 {
        keys.push((format!("2{cc}\x1f{a1}\x1f{a2}"), name));
    }
    keys.sort_unstable();
    let mut map = fst::MapBuilder::memory();
    for (key, name) in keys {
        map.insert(key, u64::from(pool.add(name)))
            .expect("keys sorted and distinct");
    }
    map.into_inner().expect("fst in memory")
}

/// The region-name fst, the list starts and the region entries.
fn region_names(regions: &Regions, pool: &mut Pool) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let mut keys: Vec<(&str, &Vec<Region>)> =
        regions.by_name.iter().map(|(k, v)| (&**k, v)).collect();
    keys.sort_unstable_by_key(|&(k, _)| k);
    let mut map = fst::MapBuilder::memory();
    let (mut starts, mut entries) = (Vec::new(), Vec::new());
    let mut n = 0u32;
    for (ord, (key, list)) in keys.into_iter().enumerate() {
        map.insert(key, ord as u64)
            .expect("keys sorted and distinct");
        starts.extend_from_slice(&n.to_le_bytes());
        for region in list {
            let mut e = [0u8; REGION];
            let (level, cc, a1, a2) = match region {
                Region::Country(cc) => (0, cc, "", ""),
                Region::Admin1(cc, a1) => (1, cc, a1.as_str(), ""),
                Region::Admin2(cc, a1, a2) => (2, cc, a1.as_str(), a2.as_str()),
            };
            e[0] = level;
            e[2..4].copy_from_slice(&country_code(cc));
            e[4..8].copy_from_slice(&pool.add(a1).to_le_bytes());
            e[8..12].copy_from_slice(&pool.add(a2).to_le_bytes());
            entries.extend_from_slice(&e);
            n += 1;
        }
    }
    starts.extend_from_slice(&n.to_le_bytes());
    (map.into_inner().expect("fst in memory"), starts, entries)
}
