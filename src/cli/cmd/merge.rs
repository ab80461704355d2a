//! `trailmap merge TABLE... [-o FILE]`: shard outputs into one table.

use crate::cli::GlobalArgs;
use crate::cli::cmd::extract::{Format, check_output, format_for, write_table};
use crate::cli::diagnostics::Timings;
use std::path::PathBuf;
use std::process::ExitCode;
use trailmap::event::jsonl::Records;
use trailmap::event::reader::read_shard;
use trailmap::event::store::DayStore;

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

/// Runs the command.
pub fn run(args: &Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let format = format_for(args.format, args.output.as_deref());
    check_output(args.output.as_deref(), format)?;
    let mut timings = Timings::new(global);
    let mut records = Records::default();
    let mut days = DayStore::default();
    timings.time("read", || -> anyhow::Result<()> {
        for path in &args.tables {
            read_shard(path, &mut records)?;
            // Kept compactly as each shard is read.
            records.events.drain(..).for_each(|e| days.add(&e));
        }
        Ok(())
    })?;
    let mut unresolved = records.unresolved;
    unresolved.sort();
    timings.time("merge, write", || {
        write_table(days, &unresolved, args.output.as_deref(), format, global)
    })?;
    timings.print(0, 0);
    Ok(ExitCode::SUCCESS)
}
