//! `events.geojson`: the events as RFC 7946 Point features.
//!
//! Each feature's properties carry the `events.csv` columns other than
//! `lat`/`lon` (which are the geometry, in `[lon, lat]` order). Events
//! without coordinates cannot be points and are left out; the caller
//! reports them.

use super::Event;
use super::record::{COLUMNS, from_cells, neutralise, restore, to_record};
use crate::error::InputError;
use serde_json::{Map, Value, json};
use std::io::Write;
use std::path::Path;

fn round5(v: f64) -> f64 {
    (v * 1e5).round() / 1e5
}

/// The feature of one event, or `None` if it has no coordinates.
pub fn to_feature(e: &Event) -> Option<Value> {
    let (lon, lat) = e.lon_lat()?;
    let mut props = Map::new();
    for (col, cell) in COLUMNS.iter().zip(to_record(e)) {
        let v = match *col {
            "lat" | "lon" => continue,
            "geonameid" => e.geonameid.map_or(Value::Null, Value::from),
            "crowd" => e.crowd.map_or(Value::Null, Value::from),
            "confidence" => json!((e.confidence * 100.0).round() / 100.0),
            "date" if e.date.is_none() => Value::Null,
            _ => Value::String(cell),
        };
        props.insert((*col).to_string(), v);
    }
    Some(json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round5(lon), round5(lat)]},
        "properties": props,
    }))
}

/// Writes the events with coordinates as a FeatureCollection.
///
/// # Errors
/// Fails only when `out` fails.
pub fn write_geojson<W: Write>(out: W, events: &[Event]) -> std::io::Result<()> {
    let mut w = FeatureWriter::new(out)?;
    for e in events {
        w.write(e)?;
    }
    w.finish()
}

/// A FeatureCollection written one event at a time.
pub struct FeatureWriter<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> FeatureWriter<W> {
    /// Starts the collection.
    ///
    /// # Errors
    /// Fails only when `out` fails.
    pub fn new(mut out: W) -> std::io::Result<FeatureWriter<W>> {
        out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
        Ok(FeatureWriter { out, first: true })
    }

    /// Writes one event's feature; an event without coordinates is left
    /// out.
    ///
    /// # Errors
    /// Fails only when the output fails.
    pub fn write(&mut self, e: &Event) -> std::io::Result<()> {
        if let Some(f) = to_feature(e) {
            if !self.first {
                self.out.write_all(b",\n")?;
            }
            self.first = false;
            serde_json::to_writer(&mut self.out, &f)?;
        }
        Ok(())
    }

    /// Closes the collection and flushes.
    ///
    /// # Errors
    /// Fails only when the output fails.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()
    }
}

/// Reads events from a GeoJSON FeatureCollection of points; `path` only
/// names the input in errors, which give the feature's index as the line
/// is not meaningful in JSON.
///
/// # Errors
/// Not JSON, not a FeatureCollection, or a feature that is not a valid
/// point or whose properties fail the same checks as a table row.
pub fn read_geojson(text: &str, path: Option<&Path>) -> Result<Vec<Event>, InputError> {
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| InputError::at_line(path, e.line() as u64, format!("not valid JSON: {e}")))?;
    let features = doc
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| InputError::new(path, "not a GeoJSON FeatureCollection"))?;
    // Every feature's cells first, then the events: a feature that is not
    // a point is reported before a bad cell of an earlier one.
    let mut rows = Vec::with_capacity(features.len());
    for (i, f) in features.iter().enumerate() {
        let bad = |why: &str| InputError::new(path, format!("feature {}: {why}", i + 1));
        let coords = f
            .pointer("/geometry/coordinates")
            .and_then(Value::as_array)
            .filter(|c| c.len() >= 2)
            .ok_or_else(|| bad("not a Point"))?;
        let num = |v: &Value| {
            v.as_f64()
                .map(|x| x.to_string())
                .ok_or_else(|| bad("coordinate is not a number"))
        };
        let (lon, lat) = (num(&coords[0])?, num(&coords[1])?);
        let props = f.get("properties").and_then(Value::as_object);
        let row = COLUMNS.map(|c| match c {
            "lat" => lat.clone(),
            "lon" => lon.clone(),
            _ => match props.and_then(|p| p.get(c)) {
                Some(Value::String(s)) => table_cell(s),
                Some(Value::Null) | None => String::new(),
                Some(v) => table_cell(&v.to_string()),
            },
        });
        rows.push(row);
    }
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            from_cells(|c| row[c].as_str())
                .map_err(|why| InputError::new(path, format!("feature {}: {why}", i + 1)))
        })
        .collect()
}

/// A property as `events.csv` would give it back once written: trimmed,
/// and with a formula's escape taken off (which keeps the blanks before a
/// formula cell, as the table does).
fn table_cell(s: &str) -> String {
    restore(neutralise(s).trim()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Kind;
    use chrono::NaiveDate;

    #[test]
    fn geojson_round_trips_events_with_points() {
        let mut e = Event::new("Croydon", NaiveDate::from_ymd_opt(2017, 6, 6));
        e.sources = vec!["x".into()];
        e.lat = Some(51.38333);
        e.lon = Some(-0.1);
        e.country = "GB".into();
        e.kind = Kind::Rally;
        e.crowd = Some(1000);
        let undated_unplaced = Event::new("Nowhere", None);
        let mut buf = Vec::new();
        write_geojson(&mut buf, &[e.clone(), undated_unplaced]).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let back = read_geojson(&text, None).unwrap();
        assert_eq!(back, vec![e]);
    }

    #[test]
    fn properties_are_read_as_written() {
        let t = r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[-3.2,51.4]},"properties":{"date":"2017-01-01","place":"'=x","actor":"-y"}}]}"#;
        let e = read_geojson(t, None).unwrap().remove(0);
        assert_eq!((e.place.as_str(), e.actor.as_str()), ("'=x", "-y"));
    }

    #[test]
    fn bad_feature_is_named() {
        let t = r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[0,99]},"properties":{"date":"2017-01-01"}}]}"#;
        let err = read_geojson(t, Some(Path::new("e.geojson"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "e.geojson: feature 1: bad lat \"99\" (expected -90 to 90)"
        );
    }
}
