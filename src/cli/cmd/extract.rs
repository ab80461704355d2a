//! `trailmap extract [INPUT]...`: articles to an events table.

use crate::cli::diagnostics::{Progress, Timings};
use crate::cli::output::{Outputs, is_written_through, same_file, write_atomic, write_stdout};
use crate::cli::{GlobalArgs, country_code, gazetteer, report_problems};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use trailmap::article::{self, Input};
use trailmap::error::OutputError;
use trailmap::event::Unresolved;
use trailmap::event::extract::Extractor;
use trailmap::event::store::DayStore;
use trailmap::event::writer::{EventWriter, TableFormat};
use trailmap::event::{jsonl, table};
use trailmap::pipeline::{Outcome, Report, extract_all, extract_stream};

/// The events table's format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// events.csv, the curation format.
    Csv,
    /// RFC 7946 GeoJSON points.
    Geojson,
    /// One JSON object per event per line.
    Jsonl,
}

/// Arguments of `trailmap extract`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Article files, directories (searched for *.txt, *.jsonl), JSON
    /// Lines files, or `-` for standard input. Standard input if none.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Write the events here (atomically) and `unresolved.csv` beside it;
    /// standard output if not given.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The events table's format; by default from the output's extension,
    /// else CSV. JSON Lines streams: each article's events (merged within
    /// the article) and unresolved mentions as records, written as the
    /// articles are read; `trailmap merge` merges the shards.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Prefer places in this country (ISO 3166-1 alpha-2).
    #[arg(long, value_parser = country_code, value_name = "CC")]
    pub country: Option<String>,
}

impl From<Format> for TableFormat {
    fn from(f: Format) -> TableFormat {
        match f {
            Format::Csv => TableFormat::Csv,
            Format::Geojson => TableFormat::Geojson,
            Format::Jsonl => TableFormat::Jsonl,
        }
    }
}

/// The table format asked for, else the one the output's extension
/// names, else CSV.
pub fn format_for(asked: Option<Format>, output: Option<&Path>) -> Format {
    asked.unwrap_or_else(
        || match output.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
            Some("geojson" | "json") => Format::Geojson,
            Some("jsonl" | "ndjson") => Format::Jsonl,
            _ => Format::Csv,
        },
    )
}

/// Where `unresolved.csv` goes: beside the events table, unless that is a
/// device or a pipe (`/dev/stdout`), which has nothing beside it.
pub fn unresolved_beside(output: &Path) -> Option<PathBuf> {
    (!is_written_through(output)).then(|| output.with_file_name("unresolved.csv"))
}

/// Refuses an events table at the path of the `unresolved.csv` written
/// beside it (the one would overwrite the other), before any work.
pub fn check_output(output: Option<&Path>, format: Format) -> Result<(), OutputError> {
    match output {
        Some(path)
            if format != Format::Jsonl
                && unresolved_beside(path).is_some_and(|u| same_file(path, &u)) =>
        {
            Err(OutputError::new(
                Some(path),
                "is the unresolved table written beside the events table; give the events table another name",
            ))
        }
        _ => Ok(()),
    }
}

/// Writes `unresolved.csv` with the other outputs.
pub fn write_unresolved_file(
    out: &mut Outputs,
    path: &Path,
    rows: &[Unresolved],
) -> Result<(), OutputError> {
    out.write(path, |w| {
        table::write_unresolved(w, rows).map_err(std::io::Error::other)
    })
}

/// Merges the kept events day by day and writes the table as it goes,
/// with its unresolved mentions: to `output` with `unresolved.csv` beside
/// it (both replaced together), or to standard output (JSON Lines carry
/// the unresolved records inline). The number of events written.
pub fn write_table(
    events: DayStore,
    unresolved: &[Unresolved],
    output: Option<&Path>,
    format: Format,
    global: &GlobalArgs,
) -> anyhow::Result<usize> {
    let write = |w: &mut dyn Write| -> std::io::Result<usize> {
        let mut table = EventWriter::new(&mut *w, format.into())?;
        events.merge_by_day(|day| day.iter().try_for_each(|e| table.write(e)))?;
        let n = table.finish()?;
        if format == Format::Jsonl {
            for u in unresolved {
                jsonl::write_unresolved(w, u)?;
            }
        }
        Ok(n)
    };
    let beside = output.and_then(unresolved_beside);
    let n = match output {
        Some(path) => {
            let mut out = Outputs::default();
            let n = out.write(path, write)?;
            if let Some(u) = beside.as_deref().filter(|_| format != Format::Jsonl) {
                write_unresolved_file(&mut out, u, unresolved)?;
            }
            out.commit()?;
            n
        }
        None => write_stdout(write)?,
    };
    if beside.is_none() && format != Format::Jsonl && !unresolved.is_empty() && !global.quiet {
        eprintln!(
            "trailmap: {} event mentions could not be resolved (write them with -o FILE: unresolved.csv goes beside it)",
            unresolved.len()
        );
    }
    Ok(n)
}

/// The inputs (standard input if none), expanded.
pub fn inputs_of(inputs: &[PathBuf]) -> anyhow::Result<Vec<Input>> {
    let inputs = if inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        inputs.to_vec()
    };
    Ok(article::expand(&inputs)?)
}

/// Reads and extracts the inputs, merged across articles, with a progress
/// bar and stage timings.
pub fn extract_inputs(
    inputs: &[Input],
    country: Option<&str>,
    global: &GlobalArgs,
    timings: &mut Timings,
) -> anyhow::Result<Outcome> {
    let g = timings.time("gazetteer", || gazetteer(global))?;
    let ex = Extractor::new(&g, country);
    let progress = Progress::new(inputs, global);
    let update = |a, b| progress.update(a, b);
    let outcome = extract_all(inputs, &ex, &timings.hooks(&update));
    progress.finish();
    Ok(outcome)
}

/// Runs the command.
pub fn run(args: &Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let mut timings = Timings::new(global);
    let inputs = inputs_of(&args.inputs)?;
    let format = format_for(args.format, args.output.as_deref());
    check_output(args.output.as_deref(), format)?;
    if format == Format::Jsonl {
        return stream_jsonl(&inputs, args, global, &mut timings);
    }
    let outcome = extract_inputs(&inputs, args.country.as_deref(), global, &mut timings)?;
    let events = timings.time("merge, write", || {
        write_table(
            outcome.events,
            &outcome.unresolved,
            args.output.as_deref(),
            format,
            global,
        )
    })?;
    timings.print(outcome.report.articles, outcome.report.bytes);
    Ok(report_problems(&outcome.report, events, global))
}

/// JSON Lines out, batch by batch as the articles are read: each
/// article's events (merged within the article) and unresolved mentions.
/// `trailmap merge` merges across articles.
fn stream_jsonl(
    inputs: &[Input],
    args: &Args,
    global: &GlobalArgs,
    timings: &mut Timings,
) -> anyhow::Result<ExitCode> {
    let g = timings.time("gazetteer", || gazetteer(global))?;
    let ex = Extractor::new(&g, args.country.as_deref());
    let progress = Progress::new(inputs, global);
    let update = |a, b| progress.update(a, b);
    let hooks = timings.hooks(&update);
    let mut events = 0;
    let stream = |w: &mut dyn Write| -> std::io::Result<Report> {
        extract_stream(inputs, &ex, &hooks, &mut |batch| {
            for x in batch {
                events += x.events.len();
                for e in &x.events {
                    jsonl::write_event(w, e)?;
                }
                for u in &x.unresolved {
                    jsonl::write_unresolved(w, u)?;
                }
            }
            // Each batch leaves at once: the next stage of a stream
            // (Spark, Hadoop, a pipe) need not wait for the end.
            w.flush()
        })
    };
    let report = match &args.output {
        Some(path) => write_atomic(path, stream)?,
        None => write_stdout(stream)?,
    };
    progress.finish();
    timings.print(report.articles, report.bytes);
    Ok(report_problems(&report, events, global))
}
