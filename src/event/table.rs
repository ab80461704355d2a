//! `events.csv`: the curation format.
//!
//! The writer emits the contract's columns in order:
//! `source,date,place,admin1,country,lat,lon,geonameid,actor,party,kind,crowd,confidence,evidence`,
//! with a leading apostrophe on text cells a spreadsheet would run as a
//! formula ([`neutralise`]), which the reader takes off again.
//! The reader accepts what a person makes of that file in a spreadsheet:
//! columns in any order, unknown columns ignored, every column optional
//! except `date` and either `lat`/`lon` or `place`. A row it cannot use is
//! an [`InputError`] naming the file and the line.

use super::{Event, Kind};
use crate::error::InputError;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::io::{Read, Write};
use std::path::Path;

/// The header of `events.csv`, in order.
pub const COLUMNS: [&str; 14] = [
    "source",
    "date",
    "place",
    "admin1",
    "country",
    "lat",
    "lon",
    "geonameid",
    "actor",
    "party",
    "kind",
    "crowd",
    "confidence",
    "evidence",
];

/// Formats a coordinate with the fixed precision of every output (5
/// decimals, about a metre).
pub fn fmt_coord(deg: f64) -> String {
    format!("{deg:.5}")
}

/// The cells of one event, in [`COLUMNS`] order.
pub fn to_record(e: &Event) -> [String; 14] {
    [
        e.source_list(),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        e.place.clone(),
        e.admin1.clone(),
        e.country.clone(),
        e.lat.map(fmt_coord).unwrap_or_default(),
        e.lon.map(fmt_coord).unwrap_or_default(),
        e.geonameid.map(|g| g.to_string()).unwrap_or_default(),
        e.actor.clone(),
        e.party.clone(),
        e.kind.to_string(),
        e.crowd.map(|c| c.to_string()).unwrap_or_default(),
        format!("{:.2}", e.confidence),
        e.evidence.clone(),
    ]
}

/// The columns that hold numbers, written as they are.
const NUMERIC: [&str; 5] = ["lat", "lon", "geonameid", "crowd", "confidence"];

/// What a cell may start with for a spreadsheet to run it as a formula
/// (OWASP's list), and the apostrophe that escapes them.
const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// A text cell as a spreadsheet may open it: a cell starting as a formula
/// would (`=`, `+`, `-`, `@`, tab, carriage return) gets a leading
/// apostrophe, as OWASP advises, and so does one that starts with an
/// apostrophe, so that [`restore`] gives back exactly the text.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell as read from a table: the apostrophe [`neutralise`] added is
/// taken off; any other text is left as it is ("'Tis").
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// The cells of one event for `events.csv`: [`to_record`], its text cells
/// [neutralised](neutralise).
pub fn to_csv_record(e: &Event) -> [String; 14] {
    let mut cells = to_record(e);
    for (cell, col) in cells.iter_mut().zip(COLUMNS) {
        if !NUMERIC.contains(&col)
            && let Cow::Owned(safe) = neutralise(cell)
        {
            *cell = safe;
        }
    }
    cells
}

/// Writes events as `events.csv` (header included) to `out`.
///
/// # Errors
/// Fails only when `out` fails.
pub fn write_csv<W: Write>(out: W, events: &[Event]) -> std::io::Result<()> {
    super::writer::write_table(out, events, super::writer::TableFormat::Csv)
}

/// The header of `unresolved.csv`.
pub const UNRESOLVED_COLUMNS: [&str; 5] = ["source", "date", "place", "reason", "evidence"];

/// Writes the mentions that could not be resolved as `unresolved.csv`.
///
/// # Errors
/// Fails only when `out` fails.
pub fn write_unresolved<W: Write>(out: W, rows: &[super::extract::Unresolved]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(UNRESOLVED_COLUMNS)?;
    for u in rows {
        w.write_record(
            [&u.source, &u.date, &u.place, &u.reason, &u.evidence]
                .map(|c| neutralise(c).into_owned()),
        )?;
    }
    w.flush()?;
    Ok(())
}

/// Column positions found in a header.
struct Header {
    idx: [Option<usize>; 14],
}

impl Header {
    fn get<'r>(&self, rec: &'r csv::StringRecord, col: usize) -> &'r str {
        restore(self.idx[col].and_then(|i| rec.get(i)).unwrap_or("").trim())
    }
}

/// Reads an events table from `input`; `path` only names it in errors.
///
/// # Errors
/// A missing required column, or a row with a bad date, number,
/// coordinate or kind, or with neither coordinates nor a place.
pub fn read_csv<R: Read>(input: R, path: Option<&Path>) -> Result<Vec<Event>, InputError> {
    Ok(read_csv_rows(input, path)?
        .into_iter()
        .map(|(_, e)| e)
        .collect())
}

/// [`read_csv`], with the line each event starts on, for messages about
/// the rows.
///
/// # Errors
/// As [`read_csv`].
pub fn read_csv_rows<R: Read>(
    input: R,
    path: Option<&Path>,
) -> Result<Vec<(u64, Event)>, InputError> {
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers = r
        .headers()
        .map_err(|e| InputError::from_csv(path, &e))?
        .clone();
    let mut idx = [None; 14];
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase();
        if let Some(c) = COLUMNS.iter().position(|c| *c == h) {
            idx[c].get_or_insert(i);
        }
    }
    let header = Header { idx };
    if header.idx[1].is_none() {
        return Err(InputError::at_line(path, 1, "no `date` column"));
    }
    let has_coords = header.idx[5].is_some() && header.idx[6].is_some();
    if !has_coords && header.idx[2].is_none() {
        return Err(InputError::at_line(
            path,
            1,
            "needs `lat` and `lon` columns or a `place` column",
        ));
    }
    let mut events = Vec::new();
    let mut rec = csv::StringRecord::new();
    loop {
        match r.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(InputError::from_csv(path, &e)),
        }
        let line = rec.position().map_or(0, csv::Position::line);
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let ev = from_cells(|c| header.get(&rec, c))
            .map_err(|why| InputError::at_line(path, line, why))?;
        events.push((line, ev));
    }
    Ok(events)
}

/// An event from its cells; `get(i)` is the trimmed cell of
/// `COLUMNS[i]`, empty when absent.
pub(crate) fn from_cells<'c>(get: impl Fn(usize) -> &'c str) -> Result<Event, String> {
    let date = match get(1) {
        "" => None,
        s => Some(
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| format!("bad date {s:?} (expected YYYY-MM-DD)"))?,
        ),
    };
    let mut e = Event::new(get(2), date);
    e.sources = get(0)
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    e.admin1 = get(3).to_string();
    e.country = get(4).to_ascii_uppercase();
    e.lat = parse_coord(get(5), "lat", 90.0)?;
    e.lon = parse_coord(get(6), "lon", 180.0)?;
    if e.lat.is_some() != e.lon.is_some() {
        return Err("lat and lon must both be given or both be empty".into());
    }
    if e.lat.is_none() && e.place.is_empty() {
        return Err("neither lat/lon nor a place".into());
    }
    e.geonameid = parse_int(get(7), "geonameid")?;
    e.actor = get(8).to_string();
    e.party = get(9).to_string();
    e.kind = match get(10) {
        "" => Kind::Other,
        s => s.parse()?,
    };
    e.crowd = parse_int(&get(11).replace(',', ""), "crowd")?;
    e.confidence = match get(12) {
        "" => 1.0,
        s => s
            .parse::<f64>()
            .ok()
            .filter(|c| (0.0..=1.0).contains(c))
            .ok_or_else(|| format!("bad confidence {s:?} (expected 0 to 1)"))?,
    };
    e.evidence = get(13).to_string();
    Ok(e)
}

fn parse_coord(s: &str, what: &str, limit: f64) -> Result<Option<f64>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= limit => Ok(Some(v)),
        _ => Err(format!("bad {what} {s:?} (expected -{limit} to {limit})")),
    }
}

fn parse_int(s: &str, what: &str) -> Result<Option<u64>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<u64>()
        .map(Some)
        .map_err(|_| format!("bad {what} {s:?} (expected a whole number)"))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An event with every column set, for the table and record tests.
    pub(crate) fn sample() -> Event {
        let mut e = Event::new("Barry", NaiveDate::from_ymd_opt(2017, 6, 6));
        e.sources = vec!["a".into(), "b".into()];
        e.admin1 = "Wales".into();
        e.country = "GB".into();
        e.lat = Some(51.39979);
        e.lon = Some(-3.2838);
        e.geonameid = Some(2656235);
        e.actor = "Labour".into();
        e.kind = Kind::Rally;
        e.crowd = Some(300);
        e.confidence = 0.75;
        e.evidence = "His speech was relayed to events in \"Barry\", ok".into();
        e
    }

    #[test]
    fn write_then_read_round_trips() {
        let mut buf = Vec::new();
        write_csv(&mut buf, &[sample()]).unwrap();
        let text = String::from_utf8(buf.clone()).unwrap();
        assert!(text.starts_with(&COLUMNS.join(",")));
        let back = read_csv(&buf[..], None).unwrap();
        assert_eq!(back, vec![sample()]);
    }

    #[test]
    fn formulas_are_neutralised_and_restored() {
        let mut e = sample();
        e.sources = vec!["=cmd|' /C calc'!A0".into()];
        e.place = "-Barry".into();
        e.actor = "@sum".into();
        e.party = "+Labour".into();
        e.evidence = "\tTabbed".into();
        e.admin1 = "'quoted".into();
        let u = super::super::extract::Unresolved {
            source: "a".into(),
            date: "-1 days".into(),
            place: "=Leeds".into(),
            reason: "r".into(),
            evidence: "\rcarriage".into(),
        };
        let mut buf = Vec::new();
        write_csv(&mut buf, &[e.clone()]).unwrap();
        let text = String::from_utf8(buf.clone()).unwrap();
        let row = text.lines().nth(1).unwrap();
        assert!(
            row.starts_with("'=cmd|' /C calc'!A0,2017-06-06,'-Barry,''quoted,"),
            "{row}"
        );
        assert!(
            row.contains(",-3.28380,") && row.contains(",'@sum,'+Labour,"),
            "{row}"
        );
        assert_eq!(read_csv(&buf[..], None).unwrap(), vec![e]);
        let mut buf = Vec::new();
        write_unresolved(&mut buf, &[u]).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(
            text.contains("a,'-1 days,'=Leeds,r,\"'\rcarriage\""),
            "{text}"
        );
    }

    #[test]
    fn minimal_hand_edited_table_is_enough() {
        let t = "Date,Place\n2017-06-06,Barry\n,Glasgow\n";
        let ev = read_csv(t.as_bytes(), None).unwrap();
        assert_eq!(ev.len(), 2);
        assert_eq!(ev[1].date, None);
        assert_eq!(ev[1].place, "Glasgow");
    }

    #[test]
    fn bad_rows_name_their_line() {
        let p = Path::new("e.csv");
        let cases = [
            (
                "date,place\n2017-06-06,Barry\n2017-13-01,Leeds\n",
                3,
                "bad date",
            ),
            ("date,lat,lon\n2017-06-06,95,0\n", 2, "bad lat"),
            ("date,place,crowd\n2017-06-06,Leeds,many\n", 2, "bad crowd"),
            (
                "date,place,kind\n2017-06-06,Leeds,picnic\n",
                2,
                "unknown kind",
            ),
            ("date,place,lat,lon\n2017-06-06,,,\n", 2, "neither"),
            ("place\nLeeds\n", 1, "no `date`"),
        ];
        for (text, line, why) in cases {
            let e = read_csv(text.as_bytes(), Some(p)).unwrap_err();
            assert_eq!(e.line(), Some(line), "{text}");
            assert!(e.reason().contains(why), "{e}");
            assert!(e.to_string().starts_with("e.csv: line "), "{e}");
        }
    }
}
