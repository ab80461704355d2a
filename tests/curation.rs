//! The curation round trip: a hand-edited table whose rows name a town
//! but give no coordinates is placed by `map` and `timeline` before they
//! draw it (see issue #18).

use crate::articles::REFERENCE_ARTICLE;
use crate::util::{Dir, root, stderr, wide};

/// Each row of `trailmap geocode NAME --limit 1 --format csv`, as
/// `place,admin1,country,lat,lon,geonameid`: where the gazetteer puts it.
fn geocoded(d: &Dir, name: &str) -> String {
    let o = d.run(&["geocode", name, "--limit", "1", "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let row = r.records().next().expect("a candidate").unwrap();
    [0, 1, 2, 3, 4, 6].map(|i| row[i].to_string()).join(",")
}

/// A table of only dates and place names draws one marker per row, at
/// the towns named: the same map as the table with the gazetteer's
/// coordinates written in.
#[test]
fn a_place_only_table_is_mapped_at_its_towns() {
    let d = Dir::new("curation-place-only");
    d.write(
        "names.csv",
        "date,place\n2017-06-06,Barry\n2017-06-06,Cardiff\n2017-06-07,\"Portland, Oregon\"\n",
    );
    let mut full = String::from("date,place,admin1,country,lat,lon,geonameid\n");
    for (date, name) in [
        ("2017-06-06", "Barry"),
        ("2017-06-06", "Cardiff"),
        ("2017-06-07", "Portland, Oregon"),
    ] {
        full.push_str(&format!("{date},{}\n", geocoded(&d, name)));
    }
    d.write("full.csv", &full);
    // The whole world, so that Portland is drawn beside the two Welsh
    // towns rather than counted in a note.
    for (cmd, extent) in [("map", &["--extent", "world"][..]), ("timeline", &[][..])] {
        let out = format!("names-{cmd}.svg");
        let o = d.run(&[&[cmd, "names.csv", "-o", &out][..], extent].concat());
        assert!(o.status.success(), "{}", stderr(&o));
        let err = stderr(&o);
        for line in [
            "names.csv: line 2: placed \"Barry\" at Barry, Wales, GB (51.39979, -3.28380)",
            "names.csv: line 3: placed \"Cardiff\" at Cardiff, Wales, GB",
            "names.csv: line 4: placed \"Portland, Oregon\" at Portland, Oregon, US",
        ] {
            assert!(err.contains(line), "{line:?} not in:\n{err}");
        }
        assert!(!err.contains("cannot be mapped"), "{err}");
        let out = format!("full-{cmd}.svg");
        let o = d.run(&[&[cmd, "full.csv", "-o", &out][..], extent].concat());
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{}", stderr(&o));
        let names = std::fs::read_to_string(d.path(&format!("names-{cmd}.svg"))).unwrap();
        let placed = std::fs::read_to_string(d.path(&format!("full-{cmd}.svg"))).unwrap();
        assert!(
            names == placed,
            "{cmd}: the place-only table draws otherwise"
        );
    }
    let map = std::fs::read_to_string(d.path("names-map.svg")).unwrap();
    assert_eq!(wide(&map).matches("<g class=\"mk\" data-x=").count(), 3);
}

/// Extract, fix a town by typing its name and clearing the coordinates,
/// draw: the event's marker is at the new town.
#[test]
fn an_edited_place_moves_its_marker() {
    let d = Dir::new("curation-round-trip");
    let article = root().join(REFERENCE_ARTICLE);
    let o = d.run(&["extract", article.to_str().unwrap(), "-o", "events.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = std::fs::read_to_string(d.path("events.csv")).unwrap();
    // Barry's row (line 3) is moved to Cardiff: the name typed over, lat
    // and lon cleared, the rest left as it was.
    let mut r = csv::Reader::from_reader(table.as_bytes());
    let header = r.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(&rows[1][col("place")], "Barry");
    let write = |name: &str, edit: &dyn Fn(&mut Vec<String>)| {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&header).unwrap();
        for (i, row) in rows.iter().enumerate() {
            let mut cells: Vec<String> = row.iter().map(String::from).collect();
            if i == 1 {
                edit(&mut cells);
            }
            w.write_record(&cells).unwrap();
        }
        d.write(name, w.into_inner().unwrap());
    };
    write("edited.csv", &|c| {
        c[col("place")] = "Cardiff".into();
        c[col("lat")].clear();
        c[col("lon")].clear();
    });
    let cardiff = geocoded(&d, "Cardiff");
    let cardiff: Vec<&str> = cardiff.split(',').collect();
    write("expected.csv", &|c| {
        for (k, name) in ["place", "admin1", "country", "lat", "lon", "geonameid"]
            .iter()
            .enumerate()
        {
            c[col(name)] = cardiff[k].to_string();
        }
    });
    let o = d.run(&["map", "edited.csv", "-o", "edited.svg"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("edited.csv: line 3: placed \"Cardiff\" at Cardiff, Wales, GB"),
        "{}",
        stderr(&o)
    );
    let o = d.run(&["map", "expected.csv", "-o", "expected.svg"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let edited = std::fs::read_to_string(d.path("edited.svg")).unwrap();
    assert!(edited == std::fs::read_to_string(d.path("expected.svg")).unwrap());
    assert!(edited.contains(">Cardiff</text>"), "no Cardiff label");
}

/// Rows that cannot be placed are named by line, with the reason, and
/// listed under the map; `--country` steers the others.
#[test]
fn rows_that_cannot_be_placed_are_named() {
    let d = Dir::new("curation-unplaced");
    d.write(
        "t.csv",
        "date,place\n2017-06-06,Xqzzyville\n2017-06-06,Wales\n2017-06-07,Virginia\n2017-06-08,Xqzzyville\n",
    );
    let o = d.run(&["map", "t.csv", "-o", "m.svg", "--country", "IE"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    for want in [
        "t.csv: lines 2, 5: not placed: no place called \"Xqzzyville\" in the gazetteer",
        "t.csv: line 3: not placed: \"Wales\" names a region",
        "t.csv: line 4: placed \"Virginia\" at Virginia, Cavan, IE",
    ] {
        assert!(err.contains(want), "{want:?} not in:\n{err}");
    }
    let o = d.run(&["map", "t.csv", "-o", "m.svg", "-q"]);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}
