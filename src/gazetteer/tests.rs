//! Invariants of the bundled data and the ranking table.

use super::*;
use std::collections::HashSet;

#[test]
fn bundled_data_invariants() {
    let g = Gazetteer::bundled();
    let towns = g.places().filter(|(_, p)| !p.kind.is_region()).count();
    assert!(towns >= 100_000, "only {towns} towns");
    let mut ids = HashSet::new();
    for (_, p) in g.places() {
        assert!(!p.name.trim().is_empty(), "empty name: {p:?}");
        assert!(!fold(&p.name).is_empty(), "name folds to nothing: {p:?}");
        assert!(
            (-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon),
            "{p:?}"
        );
        assert!(p.lat != 0.0 || p.lon != 0.0, "null island: {p:?}");
        // Areas ("Europe") may lie in no one country.
        if p.kind != PlaceKind::Area || !p.country.is_empty() {
            assert_eq!(p.country.len(), 2, "{p:?}");
        }
        if let Some(id) = p.geonameid {
            // A town and a region never share a GeoNames id; neither do two towns.
            assert!(
                ids.insert((id, p.kind.is_region())),
                "duplicate geonameid {id}"
            );
        }
    }
}

#[test]
fn every_country_has_a_name_and_a_point() {
    let g = Gazetteer::bundled();
    let with_point: HashSet<&str> = g
        .places()
        .filter(|(_, p)| p.kind == PlaceKind::Country)
        .map(|(_, p)| p.country.as_str())
        .collect();
    for cc in ["GB", "US", "IE", "CA", "AU", "IN", "FR", "DE"] {
        assert!(with_point.contains(cc), "{cc} has no point");
        assert_ne!(g.country_name(cc), cc, "{cc} has no name");
    }
}

/// (query, focus country, expected country, expected admin1 code, expected
/// kind of the winner).
const AMBIGUOUS: &[(&str, Option<&str>, &str, &str)] = &[
    // Great Britain: the reference article's towns, and qualifiers.
    ("Barry", None, "GB", "WLS"),
    ("Birmingham", None, "GB", "ENG"),
    ("Brighton", None, "GB", "ENG"),
    ("Croydon", None, "GB", "ENG"),
    ("Glasgow", None, "GB", "SCT"),
    ("Warrington", None, "GB", "ENG"),
    ("Gateshead", None, "GB", "ENG"),
    ("London", None, "GB", "ENG"),
    ("Croydon, south London", None, "GB", "ENG"),
    ("Newport, Wales", None, "GB", "WLS"),
    ("Perth, Scotland", None, "GB", "SCT"),
    ("Boston, Lincolnshire", None, "GB", "ENG"),
    ("Bangor", None, "GB", "NIR"),
    ("Derry", None, "GB", "NIR"),
    // United States.
    ("Birmingham, Alabama", None, "US", "AL"),
    ("Portland, Oregon", None, "US", "OR"),
    ("Portland, Maine", None, "US", "ME"),
    ("Portland, OR", None, "US", "OR"),
    ("Springfield, Mo.", None, "US", "MO"),
    ("Springfield, Illinois", None, "US", "IL"),
    ("Cambridge, Massachusetts", None, "US", "MA"),
    ("Richmond, Virginia", None, "US", "VA"),
    ("Athens, Georgia", None, "US", "GA"),
    ("Paris, Texas", None, "US", "TX"),
    ("Bangor, Maine", None, "US", "ME"),
    ("Brighton", Some("US"), "US", "CO"),
    ("Ohio", None, "US", "OH"),
    // Ireland.
    ("Virginia", Some("IE"), "IE", "U"),
    ("Ennis", None, "IE", "M"),
    ("Naas", None, "IE", "L"),
    ("Killarney", Some("IE"), "IE", "M"),
    // Canada.
    ("London, Ontario", None, "CA", "08"),
    ("Hamilton, Ontario", None, "CA", "08"),
    ("Kingston, Ontario", None, "CA", "08"),
    ("Victoria, B.C.", None, "CA", "02"),
    ("Sydney, Nova Scotia", None, "CA", "07"),
    ("Windsor, Ont.", None, "CA", "08"),
    // Australia.
    ("Perth", None, "AU", "08"),
    ("Newcastle, NSW", None, "AU", "02"),
    ("Victoria", None, "AU", "07"),
    ("Perth", Some("AU"), "AU", "08"),
    // India.
    ("Hyderabad", None, "IN", "40"),
    ("Aurangabad", None, "IN", "16"),
    ("Trivandrum", None, "IN", "13"),
    ("Kerala", None, "IN", "13"),
    // France.
    ("Paris", None, "FR", "11"),
    ("Troyes", None, "FR", "44"),
    ("Valence", None, "FR", "84"),
    // Germany.
    ("Munich", None, "DE", "02"),
    ("Cologne", None, "DE", "07"),
    ("Köln", None, "DE", "07"),
    ("Frankfurt", None, "DE", "05"),
    ("Zurich", None, "CH", "ZH"),
];

#[test]
fn ambiguous_names_pick_the_expected_place() {
    let g = Gazetteer::bundled();
    let mut failures = Vec::new();
    for &(query, focus, cc, admin1) in AMBIGUOUS {
        let mut q = Query::parse(query);
        q.focus = focus.map(String::from);
        let cands = g.geocode(&q);
        let got = cands.first().map(|c| g.place(c.id));
        if got.is_none_or(|p| p.country != cc || p.admin1 != admin1) {
            failures.push(format!(
                "{query} (focus {focus:?}): want {cc}.{admin1}, got {:?}",
                got.map(|p| (&p.name, &p.country, &p.admin1))
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn diacritics_and_case_do_not_matter() {
    let g = Gazetteer::bundled();
    let best = |s: &str| g.geocode(&Query::parse(s))[0].id;
    assert_eq!(best("Zurich"), best("Zürich"));
    assert_eq!(best("ZÜRICH"), best("zurich"));
}

#[test]
fn user_places_merge_over_the_bundled_ones() {
    let csv = "name,lat,lon,country,admin1,population,alt_names\n\
               Smithfield,51.5186,-0.1003,GB,England,0,Smithfield Market|Smithfield meat market\n\
               Quendon,51.9510,0.1980,gb,,,\n";
    let mut g = Gazetteer::bundled();
    g.user = load::user_layer(csv.as_bytes(), None, g.regions).unwrap();
    let best = g.place(g.geocode(&Query::parse("Smithfield"))[0].id);
    assert_eq!((best.country.as_str(), best.admin1.as_str()), ("GB", "ENG"));
    assert_eq!(best.source, Source::User);
    let market = g.place(g.geocode(&Query::parse("Smithfield Market"))[0].id);
    assert_eq!(market.source, Source::User);
    let village = g.place(g.geocode(&Query::parse("Quendon"))[0].id);
    assert_eq!(village.country, "GB");
}

#[test]
fn malformed_user_rows_name_their_line() {
    let g = Gazetteer::bundled();
    let cases = [
        ("name,lat,lon\nX,1,2\n", 1, "missing column `country`"),
        ("name,lat,lon,country\nA,1,2,GB\nB,91,2,GB\n", 3, "bad lat"),
        ("name,lat,lon,country\nA,1,east,GB\n", 2, "bad lon"),
        ("name,lat,lon,country\n,1,2,GB\n", 2, "empty name"),
        ("name,lat,lon,country\nA,1,2,Britain\n", 2, "bad country"),
        (
            "name,lat,lon,country,population\nA,1,2,GB,lots\n",
            2,
            "bad population",
        ),
        (
            "name,lat,lon,country\nA,1,2\n",
            2,
            "found 3 fields where the header has 4",
        ),
    ];
    for (text, line, why) in cases {
        let e = load::user_layer(text.as_bytes(), Some(Path::new("mine.csv")), g.regions)
            .err()
            .unwrap_or_else(|| panic!("accepted: {text}"));
        assert_eq!(e.line(), Some(line), "{text}: {e}");
        assert!(e.reason().contains(why), "{text}: {e}");
        assert!(
            e.to_string()
                .starts_with(&format!("mine.csv: line {line}: ")),
            "{e}"
        );
    }
}

/// A name that many places share lists each once, and loads in time
/// linear in them: 160,000 rows sharing an alternate name took 7.2 s to
/// load (each new place searched every one before it), 300,000 would take
/// half a minute; now as long as rows without it.
#[test]
fn a_name_shared_by_many_places_loads_at_once() {
    let mut csv = String::from("name,lat,lon,country,alt_names\n");
    for i in 0..300_000 {
        csv.push_str(&format!(
            "Town {i},51.5,-0.1,GB,Shared Name|Shared Name|Town {i}\n"
        ));
    }
    let g = Gazetteer::bundled();
    let layer = load::user_layer(csv.as_bytes(), None, g.regions).unwrap();
    let shared = &layer.index["shared name"];
    assert_eq!(shared.len(), 300_000);
    assert!(shared.windows(2).all(|w| w[0].id.0 < w[1].id.0));
    assert_eq!(layer.index["town 7"].len(), 1);
}
