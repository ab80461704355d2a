//! `trailmap map EVENTS`: an events table (CSV or GeoJSON, possibly
//! hand-edited) to a publishable SVG map.

use crate::cli::graphic::GraphicArgs;
use crate::cli::{GlobalArgs, OptionError};
use std::process::ExitCode;
use trailmap::render::map::coordinates;
use trailmap::render::{Extent, MapOptions, render_map};

/// Arguments of `trailmap map`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The table (a row without `lat` and `lon` is placed by its
    /// `place`), the output and the canvas.
    #[command(flatten)]
    pub graphic: GraphicArgs,
    /// The area shown: `auto` (the events, padded), `world`, a country
    /// code such as GB or US, or a box `lon0,lat0,lon1,lat1` in degrees.
    #[arg(long, value_name = "EXTENT", default_value = "auto", value_parser = clap::value_parser!(Extent))]
    pub extent: Extent,
    /// Draw each actor's stops in date order as a thin route with arrows.
    #[arg(long)]
    pub trail: bool,
    /// One circle per place, its area showing how many events were held
    /// there (always so for a table of more than 600 events).
    #[arg(long)]
    pub by_place: bool,
}

/// Runs `trailmap map`.
pub fn run(args: &Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let g = &args.graphic;
    let (theme, events) = g.load(global)?;
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
        title: g.title.clone(),
        subtitle: g.subtitle.clone(),
        width: g.width,
        height: g.height,
        extent: args.extent.clone(),
        trail: args.trail,
        by_place: args.by_place,
    };
    let svg = render_map(&events, &opts, &theme)
        .map_err(|e| OptionError(format!("{}: {e}", e.option())))?;
    g.write(&svg)?;
    Ok(ExitCode::SUCCESS)
}
