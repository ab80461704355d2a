//! `trailmap extract [INPUT]...`: articles to an events table.

use crate::cli::{GlobalArgs, country_code, gazetteer, report_problems};
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use trailmap::article;
use trailmap::event::extract::{Extractor, Unresolved};
use trailmap::event::{Event, geojson, table};
use trailmap::output::write_atomic;
use trailmap::pipeline::{Outcome, extract_all};

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
    /// else CSV.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Prefer places in this country (ISO 3166-1 alpha-2).
    #[arg(long, value_parser = country_code, value_name = "CC")]
    pub country: Option<String>,
}

/// Writes events in a format.
pub fn write_events(w: &mut dyn Write, events: &[Event], format: Format) -> std::io::Result<()> {
    match format {
        Format::Csv => table::write_csv(w, events).map_err(std::io::Error::other),
        Format::Geojson => geojson::write_geojson(w, events),
        Format::Jsonl => {
            for e in events {
                let cells = table::to_record(e);
                let obj: serde_json::Map<String, serde_json::Value> = table::COLUMNS
                    .iter()
                    .zip(cells)
                    .map(|(c, v)| (c.to_string(), serde_json::Value::String(v)))
                    .collect();
                serde_json::to_writer(&mut *w, &obj)?;
                w.write_all(b"\n")?;
            }
            Ok(())
        }
    }
}

/// Writes `unresolved.csv` atomically.
pub fn write_unresolved_file(path: &Path, rows: &[Unresolved]) -> anyhow::Result<()> {
    write_atomic(path, |w| {
        table::write_unresolved(w, rows).map_err(std::io::Error::other)
    })
    .with_context(|| format!("writing {}", path.display()))
}

/// Reads and extracts the inputs (standard input if none).
pub fn extract_inputs(
    inputs: &[PathBuf],
    country: Option<&str>,
    global: &GlobalArgs,
) -> anyhow::Result<Outcome> {
    let inputs = if inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        inputs.to_vec()
    };
    let inputs = article::expand(&inputs)?;
    let g = gazetteer(global)?;
    let ex = Extractor::new(&g, country);
    Ok(extract_all(&inputs, &ex))
}

/// Runs the command.
pub fn run(args: &Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let outcome = extract_inputs(&args.inputs, args.country.as_deref(), global)?;
    let format = args.format.unwrap_or_else(|| {
        match args
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
        {
            Some("geojson" | "json") => Format::Geojson,
            Some("jsonl" | "ndjson") => Format::Jsonl,
            _ => Format::Csv,
        }
    });
    match &args.output {
        Some(path) => {
            write_atomic(path, |w| write_events(w, &outcome.events, format))
                .with_context(|| format!("writing {}", path.display()))?;
            let beside = path.with_file_name("unresolved.csv");
            write_unresolved_file(&beside, &outcome.unresolved)?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            write_events(&mut out, &outcome.events, format)?;
            out.flush()?;
            if !outcome.unresolved.is_empty() && !global.quiet {
                eprintln!(
                    "trailmap: {} event mentions could not be resolved (write them with -o FILE: unresolved.csv goes beside it)",
                    outcome.unresolved.len()
                );
            }
        }
    }
    Ok(report_problems(&outcome, global))
}
