//! Writing events one at a time, in any of the table formats, so that a
//! large table goes out as it is merged rather than all at once. Each
//! format writes its own file; this only picks the format.

use super::{Event, geojson, jsonl, table};
use std::io::Write;

/// The formats an events table is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    /// `events.csv`, the curation format.
    Csv,
    /// RFC 7946 GeoJSON points.
    Geojson,
    /// JSON Lines event records (the shard format).
    Jsonl,
}

enum Inner<W: Write> {
    Csv(table::CsvWriter<W>),
    Geojson(geojson::FeatureWriter<W>),
    Jsonl(W),
}

/// A table being written: the header first, then each event, then
/// whatever closes the format.
pub struct EventWriter<W: Write> {
    inner: Inner<W>,
    count: usize,
}

impl<W: Write> EventWriter<W> {
    /// Starts a table (writes its header).
    ///
    /// # Errors
    /// Fails only when `out` fails.
    pub fn new(out: W, format: TableFormat) -> std::io::Result<EventWriter<W>> {
        let inner = match format {
            TableFormat::Csv => Inner::Csv(table::CsvWriter::new(out)?),
            TableFormat::Geojson => Inner::Geojson(geojson::FeatureWriter::new(out)?),
            TableFormat::Jsonl => Inner::Jsonl(out),
        };
        Ok(EventWriter { inner, count: 0 })
    }

    /// Writes one event (GeoJSON leaves out an event without coordinates).
    ///
    /// # Errors
    /// Fails only when the output fails.
    pub fn write(&mut self, e: &Event) -> std::io::Result<()> {
        self.count += 1;
        match &mut self.inner {
            Inner::Csv(w) => w.write(e)?,
            Inner::Geojson(w) => w.write(e)?,
            Inner::Jsonl(out) => jsonl::write_event(out, e)?,
        }
        Ok(())
    }

    /// Closes the table and flushes; the number of events written.
    ///
    /// # Errors
    /// Fails only when the output fails.
    pub fn finish(self) -> std::io::Result<usize> {
        match self.inner {
            Inner::Csv(w) => w.finish()?,
            Inner::Geojson(w) => w.finish()?,
            Inner::Jsonl(mut out) => out.flush()?,
        }
        Ok(self.count)
    }
}

/// Writes a whole table.
///
/// # Errors
/// Fails only when `out` fails.
pub fn write_table<W: Write>(out: W, events: &[Event], format: TableFormat) -> std::io::Result<()> {
    let mut w = EventWriter::new(out, format)?;
    for e in events {
        w.write(e)?;
    }
    w.finish().map(drop)
}
