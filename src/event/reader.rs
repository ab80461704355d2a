//! Reading an events table of any format: JSON Lines records, a GeoJSON
//! FeatureCollection or `events.csv`, told apart by name or content.

use super::jsonl::{self, Records, is_record_line};
use super::{geojson, table};
use crate::error::InputError;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

/// Reads a shard of any format into `into`: JSON Lines records, a
/// GeoJSON FeatureCollection or an events table. The extension decides
/// where it names one of them; else the first line that is not blank,
/// read whole however long (Spark's `part-00000` names nothing).
///
/// # Errors
/// The file cannot be read, or a record or row is refused (see [`jsonl::read`],
/// [`geojson::read_geojson`], [`table::read_csv`]).
pub fn read_shard(path: &Path, into: &mut Records) -> Result<(), InputError> {
    let failed = |e: std::io::Error| InputError::new(Some(path), e.to_string());
    let mut reader = BufReader::new(std::fs::File::open(path).map_err(failed)?);
    // The lines read to decide, handed on to the reader chosen.
    let mut head = Vec::new();
    let first = loop {
        let start = head.len();
        if reader.read_until(b'\n', &mut head).map_err(failed)? == 0 {
            return Ok(()); // an empty shard
        }
        let line = String::from_utf8_lossy(&head[start..]).trim().to_string();
        if !line.is_empty() {
            break line;
        }
    };
    let mut input = Cursor::new(head).chain(reader);
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if is_record_line(&first) || matches!(ext, "jsonl" | "ndjson") {
        jsonl::read(input, Some(path), into)
    } else if matches!(ext, "geojson" | "json") || first.starts_with('{') {
        let mut text = String::new();
        input.read_to_string(&mut text).map_err(failed)?;
        into.events
            .extend(geojson::read_geojson(&text, Some(path))?);
        Ok(())
    } else {
        into.events.extend(table::read_csv(input, Some(path))?);
        Ok(())
    }
}
