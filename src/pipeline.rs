//! The extraction pipeline over many inputs: read, extract in parallel,
//! merge. Documents are independent until the merge, so each worker reads
//! and extracts its own files (or a chunk of JSON Lines records) and only
//! events travel back; memory grows with the events kept, not with the
//! articles read.

use crate::article::{self, Article, Input};
use crate::error::InputError;
use crate::event::Event;
use crate::event::extract::{Extraction, Extractor, Unresolved};
use crate::event::merge::merge;
use rayon::prelude::*;
use std::io::{BufRead, BufReader, Read};

/// How many JSON Lines records are extracted together.
const CHUNK: usize = 1024;

/// The outcome of extracting a set of inputs.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The merged events, in table order.
    pub events: Vec<Event>,
    /// The event mentions that could not be resolved, sorted.
    pub unresolved: Vec<Unresolved>,
    /// How many articles were read.
    pub articles: usize,
    /// Inputs (or records) that could not be read at all.
    pub problems: Vec<InputError>,
    /// Problems that did not stop an input (no date header, bad UTF-8).
    pub warnings: Vec<InputError>,
}

impl Outcome {
    fn add(&mut self, x: Extraction) {
        self.articles += 1;
        self.events.extend(x.events);
        self.unresolved.extend(x.unresolved);
    }
}

/// What one file yields: its articles' extractions and its warnings.
type FileResult = Result<(Vec<Extraction>, Vec<InputError>), InputError>;

/// Extracts, merges and sorts the events of all inputs. Per-input
/// problems are collected, not fatal.
pub fn extract_all(inputs: &[Input], ex: &Extractor) -> Outcome {
    let mut out = Outcome::default();
    let files: Vec<&Input> = inputs
        .iter()
        .filter(|i| matches!(i, Input::File(_)))
        .collect();
    let per_file: Vec<FileResult> = files
        .par_iter()
        .map(|input| {
            let path = input.path().expect("files have paths");
            let read = article::read_file(path)?;
            let x = read.articles.iter().map(|a| ex.extract(a)).collect();
            Ok((x, read.warnings))
        })
        .collect();
    for r in per_file {
        match r {
            Ok((xs, warnings)) => {
                out.warnings.extend(warnings);
                for x in xs {
                    out.add(x);
                }
            }
            Err(e) => out.problems.push(e),
        }
    }
    for input in inputs {
        match input {
            Input::File(_) => {}
            Input::JsonLines(path) => match std::fs::File::open(path) {
                Ok(f) => json_lines(BufReader::new(f), input, ex, &mut out),
                Err(e) => out
                    .problems
                    .push(InputError::new(Some(path), e.to_string())),
            },
            Input::Stdin => stdin(ex, &mut out),
        }
    }
    out.events = merge(std::mem::take(&mut out.events));
    out.unresolved.sort();
    out
}

fn json_lines<R: BufRead>(reader: R, input: &Input, ex: &Extractor, out: &mut Outcome) {
    let mut chunk: Vec<Article> = Vec::with_capacity(CHUNK);
    let flush = |chunk: &mut Vec<Article>, out: &mut Outcome| {
        let xs: Vec<Extraction> = chunk.par_iter().map(|a| ex.extract(a)).collect();
        for x in xs {
            out.add(x);
        }
        chunk.clear();
    };
    let mut bad = Vec::new();
    let res = article::read_json_lines(reader, input.path(), |r| match r {
        Ok(a) => {
            chunk.push(a);
            if chunk.len() == CHUNK {
                flush(&mut chunk, out);
            }
        }
        Err(e) => bad.push(e),
    });
    flush(&mut chunk, out);
    out.problems.extend(bad);
    if let Err(e) = res {
        out.problems.push(e);
    }
}

fn stdin(ex: &Extractor, out: &mut Outcome) {
    let mut stdin = BufReader::new(std::io::stdin().lock());
    // JSON Lines stream through; a single article is read whole, up to
    // the size limit.
    let first = match stdin.fill_buf() {
        Ok(b) => b.iter().find(|b| !b.is_ascii_whitespace()).copied(),
        Err(e) => {
            out.problems.push(InputError::new(None, e.to_string()));
            return;
        }
    };
    if first == Some(b'{') {
        json_lines(stdin, &Input::Stdin, ex, out);
        return;
    }
    let mut buf = Vec::new();
    if let Err(e) = stdin
        .take(article::MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut buf)
    {
        out.problems.push(InputError::new(None, e.to_string()));
        return;
    }
    if buf.len() as u64 > article::MAX_ARTICLE_BYTES {
        out.problems.push(article::too_big(None));
        return;
    }
    if let Err(e) = article::check_text(&buf, None) {
        out.problems.push(e);
        return;
    }
    let read = article::from_bytes("stdin", &buf, None);
    out.warnings.extend(read.warnings);
    for a in &read.articles {
        out.add(ex.extract(a));
    }
}
