//! The command line: clap types, one module per subcommand, and the
//! mapping of errors to exit statuses. Binary-only; the library knows
//! nothing of it.

mod cmd;
mod diagnostics;
mod graphic;
mod output;

use clap::{Parser, Subcommand};
use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;
use trailmap::error::{InputError, OutputError};
use trailmap::gazetteer::Gazetteer;
use trailmap::pipeline::Report;

/// Extract campaign events (rallies, speeches, visits, marches) from news
/// articles, geocode their towns and draw SVG timelines and maps.
#[derive(Parser, Debug)]
#[command(
    name = "trailmap",
    version,
    about,
    after_help = "Place data © GeoNames (geonames.org), CC BY 4.0; see data/README.md."
)]
pub struct Cli {
    /// What to do; `run` on the bundled sample if nothing is given.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Options shared by every command.
#[derive(clap::Args, Debug)]
pub struct GlobalArgs {
    /// A CSV file of your own places (columns name,lat,lon,country and
    /// optionally admin1,population,alt_names), merged over the bundled
    /// gazetteer and preferred to it.
    #[arg(long, global = true, value_name = "FILE")]
    pub gazetteer: Option<PathBuf>,
    /// Print nothing but errors (no progress bar, no summary).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Print the time spent in each stage on standard error.
    #[arg(long, global = true)]
    pub timings: bool,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// The whole job: extract the events of the articles (the bundled
    /// sample by default) and write events.csv, events.geojson,
    /// unresolved.csv, timeline.svg and map.svg.
    Run(cmd::run::Args),
    /// Extract campaign events from articles into an events table (and
    /// `unresolved.csv` beside it).
    Extract(cmd::extract::Args),
    /// Rank the gazetteer's candidates for place names, best first, with
    /// the reasons for the ranking.
    Geocode(cmd::geocode::Args),
    /// Draw an events table (events.csv or events.geojson, hand-edited or
    /// not) as an SVG timeline.
    Timeline(cmd::timeline::Args),
    /// Draw an events table (events.csv or events.geojson) as an SVG map
    /// on a Natural Earth basemap.
    Map(cmd::map::Args),
    /// Merge shard outputs (JSON Lines from `extract --format jsonl`, or
    /// events tables) into the table one run over all their articles
    /// gives.
    Merge(cmd::merge::Args),
}

/// Parses the command line; on `--help` or `--version` prints and exits 0,
/// on a usage error prints and exits 1.
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| {
        let _ = e.print();
        if e.use_stderr() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    })
}

/// Runs the chosen command.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let default = Command::Run(cmd::run::Args {
        output: PathBuf::from("output"),
        ..Default::default()
    });
    match cli.command.as_ref().unwrap_or(&default) {
        Command::Run(args) => cmd::run::run(args, &cli.global),
        Command::Extract(args) => cmd::extract::run(args, &cli.global),
        Command::Geocode(args) => cmd::geocode::run(args, &cli.global),
        Command::Timeline(args) => cmd::timeline::run(args, &cli.global),
        Command::Map(args) => cmd::map::run(args, &cli.global),
        Command::Merge(args) => cmd::merge::run(args, &cli.global),
    }
}

/// Loads the gazetteer the options ask for.
pub fn gazetteer(global: &GlobalArgs) -> anyhow::Result<Gazetteer> {
    Ok(match &global.gazetteer {
        Some(path) => Gazetteer::with_user_file(path)?,
        None => Gazetteer::bundled(),
    })
}

/// Parses an ISO 3166-1 alpha-2 country code given in any case.
pub fn country_code(s: &str) -> Result<String, String> {
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(s.to_ascii_uppercase())
    } else {
        Err(format!(
            "{s:?} is not a two-letter country code such as GB or US"
        ))
    }
}

/// Prints the per-input problems and warnings of an extraction and a
/// summary; exit status 1 if any input could not be read.
pub fn report_problems(report: &Report, events: usize, global: &GlobalArgs) -> ExitCode {
    if !global.quiet {
        for w in &report.warnings {
            eprintln!("trailmap: warning: {w}");
        }
    }
    for p in &report.problems {
        eprintln!("trailmap: {p}");
    }
    if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "trailmap: {} input problem(s); {} articles read, {} events kept",
            report.problems.len(),
            report.articles,
            events
        );
        ExitCode::from(1)
    }
}

/// An option that cannot be used; the message names it.
#[derive(Debug)]
pub struct OptionError(pub String);

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OptionError {}

/// Whether the error is a write to a closed pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let broken = Some(std::io::ErrorKind::BrokenPipe);
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().map(std::io::Error::kind) == broken
            || e.downcast_ref::<OutputError>().and_then(OutputError::kind) == broken
    })
}

/// 1 for bad input, an option that cannot be used or an output that
/// cannot be written; 2 for anything else.
pub fn exit_code(err: &anyhow::Error) -> ExitCode {
    if err
        .chain()
        .any(|e| e.is::<InputError>() || e.is::<OutputError>() || e.is::<OptionError>())
    {
        ExitCode::from(1)
    } else {
        ExitCode::from(2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn geocode_parses_its_options() {
        let cli = Cli::try_parse_from([
            "trailmap",
            "geocode",
            "Virginia",
            "--country",
            "ie",
            "--limit",
            "3",
            "--format",
            "csv",
        ])
        .unwrap();
        let Some(Command::Geocode(a)) = cli.command else {
            panic!("not geocode")
        };
        assert_eq!(a.names, ["Virginia"]);
        assert_eq!(a.country.as_deref(), Some("IE"));
        assert_eq!(a.limit, 3);
        assert!(Cli::try_parse_from(["trailmap", "geocode", "X", "--country", "Ireland"]).is_err());
    }

    #[test]
    fn map_parses_its_options() {
        let cli = Cli::try_parse_from([
            "trailmap", "map", "e.csv", "--extent", "gb", "--trail", "--width", "360",
        ])
        .unwrap();
        let Some(Command::Map(a)) = cli.command else {
            panic!("not map")
        };
        assert_eq!(a.extent, trailmap::render::Extent::Country("GB".into()));
        assert!(a.trail);
        assert!(Cli::try_parse_from(["trailmap", "map", "e.csv", "--extent", "1,2,3"]).is_err());
    }
}
