//! The extraction pipeline over many inputs: read, extract in parallel,
//! merge.
//!
//! Documents are independent until the merge. Inputs go through in
//! batches, in input order: each worker reads and extracts its own files
//! (or JSON Lines records), merges each article's mentions among
//! themselves and rounds them to table precision, and only those events
//! travel on to a sink. [`extract_stream`] hands each batch to the caller
//! as soon as it is done (the JSON Lines output writes it at once);
//! [`extract_all`] keeps the events and merges across articles at the
//! end. Memory grows with the events kept, not with the articles read.
//!
//! Because every article's events are merged and rounded the same way in
//! both, merging the JSON Lines shards of any split of the inputs gives
//! the table a single run gives, byte for byte.

use crate::article::{self, Article, Input};
use crate::error::InputError;
use crate::event::extract::{Extraction, Extractor};
use crate::event::merge::merge;
use crate::event::store::DayStore;
use crate::event::{Event, Unresolved};
use rayon::prelude::*;
use std::io::{BufRead, BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How many files are read and extracted together.
const FILE_BATCH: usize = 1024;
/// The most JSON Lines records extracted together; fewer when the input
/// has no more ready, so that a slow stream is answered record by record.
const RECORD_BATCH: usize = 1024;

/// The stages [`StageTimes`] measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading and decoding the inputs.
    Read,
    /// Extracting each article's events (summed over threads).
    Extract,
}

impl Stage {
    const ALL: [Stage; 2] = [Stage::Read, Stage::Extract];

    /// The stage's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Extract => "extract",
        }
    }
}

/// Time spent per stage, summed over threads (so parallel stages can add
/// up to more than the wall time).
#[derive(Debug, Default)]
pub struct StageTimes {
    nanos: [AtomicU64; 2],
}

impl StageTimes {
    /// Adds the time since `start` to a stage.
    pub fn add(&self, stage: Stage, start: Instant) {
        let ns = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.nanos[stage as usize].fetch_add(ns, Ordering::Relaxed);
    }

    /// Each stage and its time, in pipeline order.
    pub fn report(&self) -> Vec<(&'static str, Duration)> {
        Stage::ALL
            .iter()
            .map(|&s| {
                let ns = self.nanos[s as usize].load(Ordering::Relaxed);
                (s.name(), Duration::from_nanos(ns))
            })
            .collect()
    }
}

/// What the pipeline tells its caller as it goes.
#[derive(Default)]
pub struct Hooks<'a> {
    /// Called after each batch with the articles and bytes read so far.
    pub progress: Option<&'a (dyn Fn(u64, u64) + Sync)>,
    /// Where stage times are added.
    pub times: Option<&'a StageTimes>,
}

impl Hooks<'_> {
    fn time<T>(&self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        if let Some(t) = self.times {
            t.add(stage, start);
        }
        out
    }
}

/// What a run read, apart from the events.
#[derive(Debug, Default)]
pub struct Report {
    /// How many articles were read.
    pub articles: u64,
    /// How many bytes of article text were read.
    pub bytes: u64,
    /// Inputs (or records) that could not be read at all.
    pub problems: Vec<InputError>,
    /// Problems that did not stop an input (no date header, bad UTF-8).
    pub warnings: Vec<InputError>,
}

/// The outcome of extracting a set of inputs.
#[derive(Default)]
pub struct Outcome {
    /// The events, kept compactly until they are merged, day by day.
    pub events: DayStore,
    /// The event mentions that could not be resolved, sorted.
    pub unresolved: Vec<Unresolved>,
    /// What was read, and the problems met.
    pub report: Report,
}

/// Extracts the events of all inputs and keeps them for the merge
/// ([`DayStore::merged`], or day by day). Per-input problems are
/// collected, not fatal.
pub fn extract_all(inputs: &[Input], ex: &Extractor, hooks: &Hooks) -> Outcome {
    let mut events = DayStore::default();
    let mut unresolved = Vec::new();
    let report = extract_stream(inputs, ex, hooks, &mut |batch| {
        for x in batch {
            x.events.iter().for_each(|e| events.add(e));
            unresolved.extend(x.unresolved);
        }
        Ok(())
    })
    .unwrap_or_else(|e| unreachable!("collecting cannot fail: {e}"));
    unresolved.sort();
    Outcome {
        events,
        unresolved,
        report,
    }
}

/// Extracts the articles of the inputs in batches, in input order, and
/// hands each batch to `sink` as soon as it is done: one [`Extraction`]
/// per article, its events merged within the article and rounded to table
/// precision ([`Event::quantize`]).
///
/// # Errors
/// Only what `sink` returns; input problems go to the report.
pub fn extract_stream(
    inputs: &[Input],
    ex: &Extractor,
    hooks: &Hooks,
    sink: &mut dyn FnMut(Vec<Extraction>) -> std::io::Result<()>,
) -> std::io::Result<Report> {
    let mut run = Run {
        ex,
        hooks,
        report: Report::default(),
        sink,
    };
    let mut k = 0;
    while k < inputs.len() {
        match &inputs[k] {
            Input::File(_) => {
                let n = inputs[k..]
                    .iter()
                    .take(FILE_BATCH)
                    .take_while(|i| matches!(i, Input::File(_)))
                    .count();
                run.files(&inputs[k..k + n])?;
                k += n;
                continue;
            }
            Input::JsonLines(path) => match std::fs::File::open(path) {
                Ok(f) => run.json_lines(BufReader::new(f), &inputs[k])?,
                Err(e) => run
                    .report
                    .problems
                    .push(InputError::new(Some(path), e.to_string())),
            },
            Input::Stdin => run.stdin()?,
        }
        k += 1;
    }
    Ok(run.report)
}

/// One article's extraction, ready to leave the worker. An article longer
/// than [`article::PART_BYTES`] is extracted part by part, its events
/// merged together.
fn extract_one(ex: &Extractor, a: &Article) -> Extraction {
    let mut x = Extraction::default();
    let mut parts = a.parts(article::PART_BYTES).peekable();
    let mut merged = 0;
    while let Some(part) = parts.next() {
        let p = ex.extract(&part);
        x.events.extend(p.events);
        x.unresolved.extend(p.unresolved);
        // A long article keeps its events, not every mention of them (a
        // 60 MB one told the same rallies 260,000 times): merged whenever
        // the new mentions outnumber them, which keeps the work linear.
        if parts.peek().is_some() && x.events.len() >= 2 * merged.max(1024) {
            x.events = merge(std::mem::take(&mut x.events));
            merged = x.events.len();
        }
    }
    let mut events = merge(x.events);
    events.iter_mut().for_each(Event::quantize);
    Extraction {
        events,
        unresolved: x.unresolved,
    }
}

/// What one file yields: its articles' extractions, its bytes and its
/// warnings.
type FileResult = Result<(Vec<Extraction>, u64, Vec<InputError>), InputError>;

struct Run<'a, 's> {
    ex: &'a Extractor<'a>,
    hooks: &'a Hooks<'a>,
    report: Report,
    sink: &'s mut dyn FnMut(Vec<Extraction>) -> std::io::Result<()>,
}

impl Run<'_, '_> {
    fn deliver(&mut self, batch: Vec<Extraction>, bytes: u64) -> std::io::Result<()> {
        self.report.articles += batch.len() as u64;
        self.report.bytes += bytes;
        (self.sink)(batch)?;
        if let Some(p) = self.hooks.progress {
            p(self.report.articles, self.report.bytes);
        }
        Ok(())
    }

    fn extract_batch(&self, articles: &[Article]) -> Vec<Extraction> {
        articles
            .par_iter()
            .map(|a| self.hooks.time(Stage::Extract, || extract_one(self.ex, a)))
            .collect()
    }

    fn files(&mut self, files: &[Input]) -> std::io::Result<()> {
        let (ex, hooks) = (self.ex, self.hooks);
        let per_file: Vec<FileResult> = files
            .par_iter()
            .map(|input| {
                let path = input.path().expect("files have paths");
                let read = hooks.time(Stage::Read, || article::read_file(path))?;
                let bytes = read.articles.iter().map(|a| a.text.len() as u64).sum();
                let xs = read
                    .articles
                    .iter()
                    .map(|a| hooks.time(Stage::Extract, || extract_one(ex, a)))
                    .collect();
                Ok((xs, bytes, read.warnings))
            })
            .collect();
        let mut batch = Vec::new();
        let mut bytes = 0;
        for r in per_file {
            match r {
                Ok((xs, b, warnings)) => {
                    self.report.warnings.extend(warnings);
                    batch.extend(xs);
                    bytes += b;
                }
                Err(e) => self.report.problems.push(e),
            }
        }
        self.deliver(batch, bytes)
    }

    /// JSON Lines from any reader: a reading thread parses the records
    /// while the workers extract the previous batch.
    fn json_lines<R: BufRead + Send>(&mut self, reader: R, input: &Input) -> std::io::Result<()> {
        let hooks = self.hooks;
        std::thread::scope(|scope| {
            let (tx, rx) = mpsc::sync_channel::<Result<Article, InputError>>(2 * RECORD_BATCH);
            let path = input.path();
            let reading = scope.spawn(move || {
                let mut start = Instant::now();
                article::read_json_lines(reader, path, |r| {
                    if let Some(t) = hooks.times {
                        t.add(Stage::Read, start);
                    }
                    // The receiver only stops early when the sink failed.
                    let _ = tx.send(r);
                    start = Instant::now();
                })
            });
            while let Ok(first) = rx.recv() {
                let mut records = vec![first];
                while records.len() < RECORD_BATCH {
                    match rx.try_recv() {
                        Ok(r) => records.push(r),
                        Err(_) => break,
                    }
                }
                let mut articles = Vec::with_capacity(records.len());
                for r in records {
                    match r {
                        Ok(a) => articles.push(a),
                        Err(e) => self.report.problems.push(e),
                    }
                }
                let bytes = articles.iter().map(|a| a.text.len() as u64).sum();
                let xs = self.extract_batch(&articles);
                self.deliver(xs, bytes)?;
            }
            match reading.join() {
                Ok(Ok(())) => {}
                Ok(Err(e)) => self.report.problems.push(e),
                Err(panic) => std::panic::resume_unwind(panic),
            }
            Ok(())
        })
    }

    fn stdin(&mut self) -> std::io::Result<()> {
        let mut stdin = BufReader::with_capacity(1 << 16, std::io::stdin());
        // JSON Lines stream through; a single article is read whole, up to
        // the size limit. Nothing at all is no article (an empty shard).
        let first = match stdin.fill_buf() {
            Ok(b) => b.iter().find(|b| !b.is_ascii_whitespace()).copied(),
            Err(e) => {
                self.report
                    .problems
                    .push(InputError::new(None, e.to_string()));
                return Ok(());
            }
        };
        match first {
            None if stdin.buffer().is_empty() => return Ok(()),
            Some(b'{') => return self.json_lines(stdin, &Input::Stdin),
            _ => {}
        }
        let mut buf = Vec::new();
        if let Err(e) = stdin
            .take(article::MAX_ARTICLE_BYTES + 1)
            .read_to_end(&mut buf)
        {
            self.report
                .problems
                .push(InputError::new(None, e.to_string()));
            return Ok(());
        }
        if buf.len() as u64 > article::MAX_ARTICLE_BYTES {
            self.report.problems.push(article::too_big(None));
            return Ok(());
        }
        if let Err(e) = article::check_text(&buf, None) {
            self.report.problems.push(e);
            return Ok(());
        }
        let read = article::from_bytes("stdin", &buf, None);
        self.report.warnings.extend(read.warnings);
        let bytes = read.articles.iter().map(|a| a.text.len() as u64).sum();
        let xs = self.extract_batch(&read.articles);
        self.deliver(xs, bytes)
    }
}
