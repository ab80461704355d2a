//! The cells of an event: the columns every format shares.
//!
//! `events.csv`, the GeoJSON properties and the JSON Lines records all
//! carry the contract's columns as text, so an event reads back alike from
//! any of them: [`to_record`] writes the cells, [`from_cells`] reads and
//! checks them. A text cell a spreadsheet would run as a formula is
//! escaped by [`neutralise`] and read back by [`restore`].

use super::{Event, Kind};
use chrono::NaiveDate;
use std::borrow::Cow;

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

/// The header of `unresolved.csv`.
pub const UNRESOLVED_COLUMNS: [&str; 5] = ["source", "date", "place", "reason", "evidence"];

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

/// An event from its cells; `get(i)` is the trimmed cell of
/// `COLUMNS[i]`, empty when absent.
pub fn from_cells<'c>(get: impl Fn(usize) -> &'c str) -> Result<Event, String> {
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
}
