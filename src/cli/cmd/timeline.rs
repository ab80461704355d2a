//! `trailmap timeline EVENTS`: an events table (CSV or GeoJSON, possibly
//! hand-edited) to a publishable SVG timeline.

use crate::cli::GlobalArgs;
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use trailmap::error::InputError;
use trailmap::event::Event;
use trailmap::render::{LaneBy, Theme, TimelineOptions, render_timeline};

/// What the lanes group events by.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lanes {
    /// One lane per actor (the party where no actor is named).
    Actor,
    /// One lane per party.
    Party,
    /// One lane per kind of event.
    Kind,
    /// A single lane.
    None,
}

/// Arguments of `trailmap timeline`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The events table: events.csv (only `date` and `place` are needed)
    /// or events.geojson.
    #[arg(value_name = "EVENTS")]
    pub events: PathBuf,
    /// Where to write the SVG; standard output when not given.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The title: the finding, in a sentence.
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// The subtitle: what is shown.
    #[arg(long, value_name = "S")]
    pub subtitle: Option<String>,
    /// Width in pixels (640 suits an article column).
    #[arg(long, value_name = "PX")]
    pub width: Option<f64>,
    /// Minimum height in pixels; the content decides otherwise.
    #[arg(long, value_name = "PX")]
    pub height: Option<f64>,
    /// What the lanes group events by.
    #[arg(long, value_enum, default_value_t = Lanes::Actor)]
    pub lanes: Lanes,
    /// A TOML theme file; keys it leaves out keep their defaults.
    #[arg(long, value_name = "FILE")]
    pub theme: Option<PathBuf>,
}

/// Reads an events table by its extension (`.geojson`/`.json`, else CSV).
pub fn read_events(path: &Path) -> Result<Vec<Event>, InputError> {
    let bytes = std::fs::read(path)
        .map_err(|e| InputError::new(Some(path), format!("cannot read: {e}")))?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext.eq_ignore_ascii_case("geojson") || ext.eq_ignore_ascii_case("json") {
        let text =
            String::from_utf8(bytes).map_err(|_| InputError::new(Some(path), "not UTF-8 text"))?;
        trailmap::event::geojson::read_geojson(&text, Some(path))
    } else {
        trailmap::event::table::read_csv(&bytes[..], Some(path))
    }
}

/// Runs `trailmap timeline`.
pub fn run(args: &Args, _global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let theme = match &args.theme {
        Some(p) => Theme::load(p)?,
        None => Theme::default(),
    };
    let events = read_events(&args.events)?;
    if let Some(w) = args.width.filter(|w| !(240.0..=4000.0).contains(w)) {
        return Err(InputError::new(None, format!("--width {w} is outside 240 to 4000")).into());
    }
    let opts = TimelineOptions {
        title: args.title.clone(),
        subtitle: args.subtitle.clone(),
        width: args.width,
        height: args.height,
        lanes: match args.lanes {
            Lanes::Actor => LaneBy::Actor,
            Lanes::Party => LaneBy::Party,
            Lanes::Kind => LaneBy::Kind,
            Lanes::None => LaneBy::None,
        },
    };
    let svg = render_timeline(&events, &opts, &theme);
    match &args.output {
        Some(p) => trailmap::output::write_atomic(p, |w| w.write_all(svg.as_bytes()))
            .with_context(|| format!("writing {}", p.display()))?,
        None => {
            std::io::stdout().write_all(svg.as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
