//! `trailmap geocode`: the must-show cases of the gazetteer issue, through
//! the real binary.

use crate::util::{Dir, stderr, stdout};

/// The first CSV row's (place, admin1, country) for a query.
fn best(d: &Dir, args: &[&str]) -> (String, String, String) {
    let mut all = vec!["geocode", "--format", "csv", "--limit", "1"];
    all.extend_from_slice(args);
    let o = d.run(&all);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let rec = r.records().next().expect("one row").expect("valid csv");
    (rec[0].to_string(), rec[1].to_string(), rec[2].to_string())
}

/// Arguments and the expected (place, admin1, country) of the winner.
type Case<'a> = (&'a [&'a str], (&'a str, &'a str, &'a str));

#[test]
fn must_show_cases() {
    let d = Dir::new("geocode");
    let cases: &[Case] = &[
        (&["Barry"], ("Barry", "Wales", "GB")),
        (&["Birmingham"], ("Birmingham", "England", "GB")),
        (&["Birmingham, Alabama"], ("Birmingham", "Alabama", "US")),
        (&["Portland, Oregon"], ("Portland", "Oregon", "US")),
        (&["Portland, Maine"], ("Portland", "Maine", "US")),
        (&["Croydon"], ("Croydon", "England", "GB")),
        (&["London, Ontario"], ("London", "Ontario", "CA")),
        (
            &["Virginia", "--country", "IE"],
            ("Virginia", "Cavan", "IE"),
        ),
    ];
    for (args, (place, admin1, cc)) in cases {
        let got = best(&d, args);
        assert_eq!(
            (got.0.as_str(), got.1.as_str(), got.2.as_str()),
            (*place, *admin1, *cc),
            "{args:?}"
        );
    }
}

#[test]
fn csv_header_is_the_documented_one() {
    let d = Dir::new("geocode-header");
    let o = d.run(&["geocode", "Barry", "--format", "csv"]);
    let text = stdout(&o);
    assert!(
        text.starts_with("place,admin1,country,lat,lon,population,geonameid,score,why"),
        "{text}"
    );
    assert!(text.lines().count() > 2);
}

#[test]
fn json_and_table_formats() {
    let d = Dir::new("geocode-formats");
    let o = d.run(&[
        "geocode", "Barry", "Croydon", "--format", "json", "--limit", "2",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v[0]["query"], "Barry");
    assert_eq!(v[0]["candidates"][0]["admin1"], "Wales");
    assert_eq!(v[1]["candidates"].as_array().map(Vec::len), Some(2));
    let o = d.run(&["geocode", "Barry"]);
    assert!(stdout(&o).contains("Wales"));
}

#[test]
fn unknown_name_exits_1() {
    let d = Dir::new("geocode-unknown");
    let o = d.run(&["geocode", "Qwxzyplace"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Qwxzyplace"));
}

#[test]
fn user_gazetteer_is_preferred() {
    let d = Dir::new("geocode-user");
    d.write(
        "mine.csv",
        "name,lat,lon,country,admin1\nSmithfield,51.5186,-0.1003,GB,England\n",
    );
    let got = best(&d, &["Smithfield", "--gazetteer", "mine.csv"]);
    assert_eq!(got, ("Smithfield".into(), "England".into(), "GB".into()));
}

#[test]
fn malformed_user_gazetteer_names_file_and_line() {
    let d = Dir::new("geocode-bad-user");
    d.write("mine.csv", "name,lat,lon,country\nA,51,0,GB\nB,951,0,GB\n");
    let o = d.run(&["geocode", "Barry", "--gazetteer", "mine.csv"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("mine.csv: line 3: bad lat"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    d.write("empty.csv", "");
    let o = d.run(&["geocode", "Barry", "--gazetteer", "missing.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("missing.csv"), "{}", stderr(&o));
}
