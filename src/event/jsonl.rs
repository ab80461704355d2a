//! JSON Lines: the shard format, one record per line.
//!
//! `trailmap extract --format jsonl` writes each article's events (merged
//! within the article only) and its unresolved mentions as soon as the
//! article is read, so that the command drops into Hadoop Streaming,
//! Spark's `RDD.pipe` or GNU parallel; `trailmap merge` reads the shards
//! back and merges across articles. A line is one of
//!
//! ```text
//! {"record":"event","source":"…","date":"…", … the events.csv columns, as strings}
//! {"record":"unresolved","source":"…","date":"…","place":"…","reason":"…","evidence":"…"}
//! ```
//!
//! The cells are those of `events.csv` and `unresolved.csv`, so a table
//! and its JSON Lines read back the same. A line without `record` is an
//! event. Blank lines and whitespace around a line (Hadoop Streaming adds
//! a tab) are ignored.

use super::record::{COLUMNS, UNRESOLVED_COLUMNS, from_cells, to_record};
use super::{Event, Unresolved};
use crate::error::InputError;
use serde_json::Value;
use std::io::{BufRead, Write};
use std::path::Path;

/// Writes one event as a line.
///
/// # Errors
/// Fails only when `out` fails.
pub fn write_event<W: Write + ?Sized>(out: &mut W, e: &Event) -> std::io::Result<()> {
    write_line(out, "event", COLUMNS.iter().copied().zip(to_record(e)))
}

/// Writes one unresolved mention as a line.
///
/// # Errors
/// Fails only when `out` fails.
pub fn write_unresolved<W: Write + ?Sized>(out: &mut W, u: &Unresolved) -> std::io::Result<()> {
    let cells = [&u.source, &u.date, &u.place, &u.reason, &u.evidence];
    write_line(
        out,
        "unresolved",
        UNRESOLVED_COLUMNS
            .iter()
            .copied()
            .zip(cells.map(String::as_str)),
    )
}

/// `{"record":KIND,"k":"v",…}` with the keys in column order.
fn write_line<W: Write + ?Sized, S: AsRef<str>>(
    out: &mut W,
    kind: &str,
    cells: impl Iterator<Item = (&'static str, S)>,
) -> std::io::Result<()> {
    write!(out, "{{\"record\":\"{kind}\"")?;
    for (k, v) in cells {
        write!(out, ",\"{k}\":")?;
        serde_json::to_writer(&mut *out, v.as_ref())?;
    }
    out.write_all(b"}\n")
}

/// The events and unresolved mentions of JSON Lines shards.
#[derive(Debug, Default, PartialEq)]
pub struct Records {
    /// The event records, in reading order.
    pub events: Vec<Event>,
    /// The unresolved records, in reading order.
    pub unresolved: Vec<Unresolved>,
}

/// Whether a line is a record of this format (an object with a `record`
/// key): tells a shard from a GeoJSON file whatever its name.
pub fn is_record_line(line: &str) -> bool {
    serde_json::from_str::<serde_json::Map<String, Value>>(line.trim())
        .is_ok_and(|m| m.contains_key("record"))
}

/// Reads JSON Lines records into `into`; `path` names the input in
/// errors.
///
/// # Errors
/// A line that is not a JSON object, an unknown `record`, or an event
/// whose cells `events.csv` would refuse, named by file and line.
pub fn read<R: BufRead>(
    input: R,
    path: Option<&Path>,
    into: &mut Records,
) -> Result<(), InputError> {
    for (n, line) in input.lines().enumerate() {
        let line_no = n as u64 + 1;
        let line = line.map_err(|e| InputError::at_line(path, line_no, e.to_string()))?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = |why: String| InputError::at_line(path, line_no, why);
        let obj: serde_json::Map<String, Value> =
            serde_json::from_str(line).map_err(|e| at(format!("bad JSON record: {e}")))?;
        let cell = |k: &str| -> String {
            match obj.get(k) {
                Some(Value::String(s)) => s.trim().to_string(),
                Some(Value::Null) | None => String::new(),
                Some(v) => v.to_string(),
            }
        };
        match obj.get("record").and_then(Value::as_str).unwrap_or("event") {
            "event" => {
                let cells = COLUMNS.map(cell);
                into.events
                    .push(from_cells(|c| cells[c].as_str()).map_err(at)?);
            }
            "unresolved" => into.unresolved.push(Unresolved {
                source: cell("source"),
                date: cell("date"),
                place: cell("place"),
                reason: cell("reason"),
                evidence: cell("evidence"),
            }),
            other => {
                return Err(at(format!(
                    "unknown record {other:?} (expected event or unresolved)"
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip() {
        let mut e = crate::event::record::tests::sample();
        e.actor = "Jeremy \"JC\" Corbyn".into();
        e.evidence = "A rally in Barry.\tQuoted: </script>".into();
        let u = Unresolved {
            source: "a".into(),
            date: "earlier this week".into(),
            place: "Leeds".into(),
            reason: "date not fixed".into(),
            evidence: "Earlier this week, Leeds.".into(),
        };
        let mut buf = Vec::new();
        write_event(&mut buf, &e).unwrap();
        write_unresolved(&mut buf, &u).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(text.lines().count(), 2);
        assert!(
            text.starts_with("{\"record\":\"event\",\"source\":\"a;b\",\"date\":\"2017-06-06\"")
        );
        assert!(is_record_line(text.lines().next().unwrap()));
        // Hadoop Streaming's trailing tab and blank lines are ignored.
        let streamed = text.replace('\n', "\t\n\n");
        let mut got = Records::default();
        read(streamed.as_bytes(), None, &mut got).unwrap();
        assert_eq!(got.events, [e]);
        assert_eq!(got.unresolved, [u]);
    }

    #[test]
    fn bad_lines_are_named() {
        let mut got = Records::default();
        let text = "{\"record\":\"event\",\"date\":\"2017-06-06\",\"place\":\"Barry\"}\n{\"record\":\"event\",\"date\":\"June\"}\n";
        let err = read(text.as_bytes(), Some(Path::new("part-00001")), &mut got).unwrap_err();
        assert_eq!(
            err.to_string(),
            "part-00001: line 2: bad date \"June\" (expected YYYY-MM-DD)"
        );
        let err = read("[1]\n".as_bytes(), None, &mut got).unwrap_err();
        assert!(err.to_string().contains("line 1: bad JSON record"), "{err}");
        assert!(!is_record_line("{\"type\":\"FeatureCollection\"}"));
    }
}
