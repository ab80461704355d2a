//! The embedded index against the CSVs it is built from.

use super::*;
use crate::gazetteer::load;

fn sources() -> IndexSources {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    IndexSources::read(&data).expect("data/ is readable")
}

/// Fails when `data/gazetteer.idx` was not rebuilt after a change to its
/// inputs, to the builder or to name folding.
#[test]
fn index_is_fresh() {
    let src = sources();
    let rebuild = "rebuild it: cargo run --release --example build-index";
    assert_eq!(
        bundled_hash(),
        src.hash(),
        "data/gazetteer.idx is stale: its inputs changed; {rebuild}"
    );
    // Compare without printing megabytes on failure.
    let built = build_index(&src);
    assert!(
        built == INDEX,
        "data/gazetteer.idx differs from a fresh build of the same inputs \
         (the builder or folding changed); {rebuild}"
    );
}

/// The index answers as the CSV loader's tables do: every place, every
/// name with its postings in order, every region name and division name.
#[test]
fn index_matches_the_csv_loader() {
    let (layer, regions) = load::bundled(&sources());
    let (index, region_index) = bundled();
    assert_eq!(index.len(), layer.places.len());
    for (i, p) in layer.places.iter().enumerate() {
        assert_eq!(index.place(i), p, "place {i}");
    }
    assert_eq!(index.names().count(), layer.index.len());
    for (key, refs) in &layer.index {
        assert!(index.has_name(key), "{key}");
        assert_eq!(index.lookup(key).collect::<Vec<_>>(), *refs, "{key}");
    }
    assert!(!index.has_name("no such place anywhere"));
    assert_eq!(index.lookup("no such place anywhere").count(), 0);
    for (key, list) in &regions.by_name {
        assert_eq!(region_index.named(key), &list[..], "{key}");
    }
    for (cc, name) in &regions.countries {
        assert_eq!(region_index.country_name(cc), Some(name.as_str()));
    }
    for ((cc, a1), name) in &regions.admin1 {
        assert_eq!(region_index.admin1_name(cc, a1), Some(name.as_str()));
    }
    for ((cc, a1, a2), name) in &regions.admin2 {
        assert_eq!(region_index.admin2_name(cc, a1, a2), Some(name.as_str()));
    }
    assert_eq!(region_index.country_name("QQ"), None);
}

#[test]
fn broken_indexes_are_refused() {
    let cut: &'static [u8] = &INDEX[..HEADER - 1];
    assert!(open(cut).is_err());
    let mut other = INDEX[..HEADER].to_vec();
    other[8] = 99;
    assert!(open(Vec::leak(other)).is_err());
}
