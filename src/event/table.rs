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

pub use super::record::{COLUMNS, UNRESOLVED_COLUMNS, fmt_coord, neutralise, restore, to_record};

use super::record::from_cells;
use super::{Event, Unresolved};
use crate::error::InputError;
use std::borrow::Cow;
use std::io::{Read, Write};
use std::path::Path;

/// The columns that hold numbers, written as they are.
const NUMERIC: [&str; 5] = ["lat", "lon", "geonameid", "crowd", "confidence"];

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
    let mut w = CsvWriter::new(out)?;
    for e in events {
        w.write(e)?;
    }
    w.finish()
}

/// `events.csv` written one event at a time: the header first, each row as
/// it comes.
pub struct CsvWriter<W: Write>(Box<csv::Writer<W>>);

impl<W: Write> CsvWriter<W> {
    /// Starts the table (writes its header).
    ///
    /// # Errors
    /// Fails only when `out` fails.
    pub fn new(out: W) -> std::io::Result<CsvWriter<W>> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(COLUMNS)?;
        Ok(CsvWriter(Box::new(w)))
    }

    /// Writes one event's row.
    ///
    /// # Errors
    /// Fails only when the output fails.
    pub fn write(&mut self, e: &Event) -> std::io::Result<()> {
        Ok(self.0.write_record(to_csv_record(e))?)
    }

    /// Flushes the table.
    ///
    /// # Errors
    /// Fails only when the output fails.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Writes the mentions that could not be resolved as `unresolved.csv`.
///
/// # Errors
/// Fails only when `out` fails.
pub fn write_unresolved<W: Write>(out: W, rows: &[Unresolved]) -> csv::Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::event::record::tests::sample;

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
        let u = Unresolved {
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
