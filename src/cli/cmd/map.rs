//! `trailmap map EVENTS`: an events table (CSV or GeoJSON, possibly
//! hand-edited) to a publishable SVG map.

use super::timeline::read_events;
use crate::cli::GlobalArgs;
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use trailmap::error::InputError;
use trailmap::render::map::coordinates;
use trailmap::render::{Extent, MapOptions, Theme, render_map};

/// Arguments of `trailmap map`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The events table: events.csv (rows need `lat` and `lon` to be
    /// mapped) or events.geojson.
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
    /// Height in pixels; the shape of the area shown decides otherwise.
    #[arg(long, value_name = "PX")]
    pub height: Option<f64>,
    /// The area shown: `auto` (the events, padded), `world`, a country
    /// code such as GB or US, or a box `lon0,lat0,lon1,lat1` in degrees.
    #[arg(long, value_name = "EXTENT", default_value = "auto", value_parser = clap::value_parser!(Extent))]
    pub extent: Extent,
    /// Draw each actor's stops in date order as a thin route with arrows.
    #[arg(long)]
    pub trail: bool,
    /// A TOML theme file; keys it leaves out keep their defaults.
    #[arg(long, value_name = "FILE")]
    pub theme: Option<PathBuf>,
}

/// Runs `trailmap map`.
pub fn run(args: &Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let theme = match &args.theme {
        Some(p) => Theme::load(p)?,
        None => Theme::default(),
    };
    let events = read_events(&args.events)?;
    if let Some(w) = args.width.filter(|w| !(240.0..=4000.0).contains(w)) {
        return Err(InputError::new(None, format!("--width {w} is outside 240 to 4000")).into());
    }
    if let Some(h) = args.height.filter(|h| !(160.0..=6000.0).contains(h)) {
        return Err(InputError::new(None, format!("--height {h} is outside 160 to 6000")).into());
    }
    let unplaced: Vec<String> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| coordinates(e).is_none())
        .map(|(i, e)| format!("{}. {}", i + 1, e.place.trim()))
        .collect();
    if !unplaced.is_empty() && !global.quiet {
        eprintln!(
            "trailmap: warning: {} event{} without coordinates cannot be mapped and {} listed under the map: {}",
            unplaced.len(),
            if unplaced.len() == 1 { "" } else { "s" },
            if unplaced.len() == 1 { "is" } else { "are" },
            unplaced.join(", ")
        );
    }
    let opts = MapOptions {
        title: args.title.clone(),
        subtitle: args.subtitle.clone(),
        width: args.width,
        height: args.height,
        extent: args.extent.clone(),
        trail: args.trail,
    };
    let svg = render_map(&events, &opts, &theme)
        .map_err(|e| InputError::new(Some(&args.events), e.to_string()))?;
    match &args.output {
        Some(p) => trailmap::output::write_atomic(p, |w| w.write_all(svg.as_bytes()))
            .with_context(|| format!("writing {}", p.display()))?,
        None => {
            std::io::stdout().write_all(svg.as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
