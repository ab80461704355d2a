//! A corpus's events kept compactly until they are merged.

use super::Event;
use super::merge::merge;
use super::record::{from_cells, to_record};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A corpus's events kept compactly until the merge: each event as its
/// `events.csv` record, in one buffer per day, compressed (LZ4) a block at
/// a time. Mentions of one event share their day, so the days merge one at
/// a time and in table order (undated last): memory holds the compressed
/// records, not the decoded events.
#[derive(Default)]
pub struct DayStore {
    days: BTreeMap<(bool, Option<NaiveDate>), Day>,
    mentions: usize,
}

/// Bytes of records a day gathers before they are compressed as a block.
const DAY_BLOCK: usize = 16 * 1024;

/// The write buffer of one record (a longer one is written in parts).
const RECORD_BUFFER: usize = 1024;

/// One day's records: compressed blocks, then the block being filled.
#[derive(Default)]
struct Day {
    blocks: Vec<Vec<u8>>,
    open: Vec<u8>,
}

impl Day {
    /// Every record of the day, in the order kept.
    fn records(self) -> Vec<u8> {
        let mut out = Vec::new();
        for b in &self.blocks {
            out.extend(
                lz4_flex::decompress_size_prepended(b).expect("blocks compressed here decompress"),
            );
        }
        out.extend(self.open);
        out
    }
}

impl DayStore {
    /// Keeps an event, rounded to table precision (see
    /// [`Event::quantize`]): it is read back exactly as a table would be.
    pub fn add(&mut self, e: &Event) {
        let day = self.days.entry((e.date.is_none(), e.date)).or_default();
        {
            let mut w = csv::WriterBuilder::new()
                .has_headers(false)
                .buffer_capacity(RECORD_BUFFER)
                .from_writer(&mut day.open);
            w.write_record(to_record(e))
                .expect("writing to memory cannot fail");
            w.flush().expect("writing to memory cannot fail");
        }
        if day.open.len() >= DAY_BLOCK {
            day.blocks.push(lz4_flex::compress_prepend_size(&day.open));
            day.open.clear();
        }
        self.mentions += 1;
    }

    /// How many events were kept (before merging).
    pub fn mentions(&self) -> usize {
        self.mentions
    }

    /// Merges day by day, in table order, handing each day's merged events
    /// to `each`; the days together are [`merge`] of every event kept.
    ///
    /// # Errors
    /// What `each` returns.
    pub fn merge_by_day<E>(
        self,
        mut each: impl FnMut(Vec<Event>) -> Result<(), E>,
    ) -> Result<(), E> {
        for (_, day) in self.days {
            let bytes = day.records();
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(bytes.as_slice());
            let events: Vec<Event> = reader
                .records()
                .map(|r| {
                    let rec = r.expect("records written here read back");
                    from_cells(|c| rec.get(c).unwrap_or("").trim())
                        .expect("records written here read back")
                })
                .collect();
            each(merge(events))?;
        }
        Ok(())
    }

    /// Every day merged, in table order.
    pub fn merged(self) -> Vec<Event> {
        let mut out = Vec::new();
        let done: Result<(), std::convert::Infallible> = self.merge_by_day(|day| {
            out.extend(day);
            Ok(())
        });
        done.unwrap_or_else(|never| match never {});
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Kind;

    #[test]
    fn the_day_store_gives_back_what_it_kept_across_compressed_blocks() {
        let mut store = DayStore::default();
        let mut kept = Vec::new();
        for i in 0..2_000u64 {
            let mut e = Event::new(&format!("Town {}", i % 97), None);
            e.geonameid = Some(i);
            e.actor = "Jane Doe".into();
            e.kind = Kind::Rally;
            e.date = NaiveDate::from_ymd_opt(2017, 6, 1 + (i % 3) as u32);
            e.sources = vec![format!("article-{i}")];
            e.evidence = format!(
                "Jane Doe held rally number {i} in Town {}, \"quoted\", ok.",
                i % 97
            );
            e.quantize();
            store.add(&e);
            kept.push(e);
        }
        assert!(store.days.values().all(|d| d.blocks.len() > 1));
        assert_eq!(store.mentions(), 2_000);
        assert_eq!(store.merged(), merge(kept));
    }
}
