//! `trailmap merge TABLE... [-o FILE]`: shard outputs into one table.

use crate::cli::GlobalArgs;
use crate::cli::cmd::extract::{Format, format_for, write_table};
use crate::cli::diagnostics::Timings;
use anyhow::Context;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use trailmap::error::InputError;
use trailmap::event::jsonl::{self, Records};
use trailmap::event::merge::DayStore;
use trailmap::event::{geojson, table};

/// Arguments of `trailmap merge`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Shard outputs: JSON Lines from `trailmap extract --format jsonl`
    /// (any file name, such as Spark's part-00000), events.csv or
    /// events.geojson tables. Merging the JSON Lines shards of any split
    /// of the articles gives the table a single run gives, byte for byte.
    #[arg(value_name = "TABLE", required = true)]
    pub tables: Vec<PathBuf>,
    /// Write the merged events here (atomically) and `unresolved.csv`
    /// beside it; standard output if not given.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The merged table's format; by default from the output's extension,
    /// else CSV.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

/// What a table file holds, told by its content where its name does not.
fn read_table(path: &Path, into: &mut Records) -> Result<(), InputError> {
    let open = || std::fs::File::open(path).map_err(|e| InputError::new(Some(path), e.to_string()));
    let mut reader = BufReader::new(open()?);
    let first_line = {
        let buf = reader
            .fill_buf()
            .map_err(|e| InputError::new(Some(path), e.to_string()))?;
        let end = buf.iter().position(|&b| b == b'\n').unwrap_or(buf.len());
        String::from_utf8_lossy(&buf[..end]).into_owned()
    };
    if first_line.trim().is_empty() && reader.buffer().is_empty() {
        return Ok(()); // an empty shard
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if jsonl::is_record_line(&first_line) || matches!(ext, "jsonl" | "ndjson") {
        jsonl::read(reader, Some(path), into)
    } else if first_line.trim_start().starts_with('{') || matches!(ext, "geojson" | "json") {
        let mut text = String::new();
        reader
            .read_to_string(&mut text)
            .map_err(|e| InputError::new(Some(path), e.to_string()))?;
        into.events
            .extend(geojson::read_geojson(&text, Some(path))?);
        Ok(())
    } else {
        into.events.extend(table::read_csv(reader, Some(path))?);
        Ok(())
    }
}

/// Runs the command.
pub fn run(args: &Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let mut timings = Timings::new(global);
    let mut records = Records::default();
    let mut days = DayStore::default();
    timings.time("read", || -> anyhow::Result<()> {
        for path in &args.tables {
            read_table(path, &mut records)
                .with_context(|| format!("reading {}", path.display()))?;
            // Kept compactly as each shard is read.
            records.events.drain(..).for_each(|e| days.add(&e));
        }
        Ok(())
    })?;
    let mut unresolved = records.unresolved;
    unresolved.sort();
    let format = format_for(args.format, args.output.as_deref());
    timings.time("merge, write", || {
        write_table(days, &unresolved, args.output.as_deref(), format, global)
    })?;
    timings.print(0, 0);
    Ok(ExitCode::SUCCESS)
}
