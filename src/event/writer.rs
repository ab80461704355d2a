//! Writing events one at a time, in any of the table formats, so that a
//! large table goes out as it is merged rather than all at once.

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
    Csv(Box<csv::Writer<W>>),
    Geojson { out: W, first: bool },
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
    pub fn new(mut out: W, format: TableFormat) -> std::io::Result<EventWriter<W>> {
        let inner = match format {
            TableFormat::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(table::COLUMNS)?;
                Inner::Csv(Box::new(w))
            }
            TableFormat::Geojson => {
                out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
                Inner::Geojson { out, first: true }
            }
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
            Inner::Csv(w) => w.write_record(table::to_csv_record(e))?,
            Inner::Geojson { out, first } => {
                if let Some(f) = geojson::to_feature(e) {
                    if !*first {
                        out.write_all(b",\n")?;
                    }
                    *first = false;
                    serde_json::to_writer(&mut *out, &f)?;
                }
            }
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
            Inner::Csv(mut w) => w.flush()?,
            Inner::Geojson { mut out, .. } => {
                out.write_all(b"\n]}\n")?;
                out.flush()?;
            }
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
