//! `trailmap timeline EVENTS`: an events table (CSV or GeoJSON, possibly
//! hand-edited) to a publishable SVG timeline.

use crate::cli::GlobalArgs;
use crate::cli::graphic::GraphicArgs;
use std::process::ExitCode;
use trailmap::render::{LaneBy, Mark, TimelineOptions, render_timeline};

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
    /// The table, the output and the canvas.
    #[command(flatten)]
    pub graphic: GraphicArgs,
    /// What the lanes group events by.
    #[arg(long, value_enum, default_value_t = Lanes::Actor)]
    pub lanes: Lanes,
    /// A key date drawn as a labelled line (polling day); repeatable.
    #[arg(long = "mark", value_name = "DATE[=LABEL]")]
    pub marks: Vec<Mark>,
}

/// Runs `trailmap timeline`.
pub fn run(args: &Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let g = &args.graphic;
    let (theme, events) = g.load(global)?;
    let opts = TimelineOptions {
        title: g.title.clone(),
        subtitle: g.subtitle.clone(),
        width: g.width,
        height: g.height,
        lanes: match args.lanes {
            Lanes::Actor => LaneBy::Actor,
            Lanes::Party => LaneBy::Party,
            Lanes::Kind => LaneBy::Kind,
            Lanes::None => LaneBy::None,
        },
        marks: args.marks.clone(),
    };
    g.write(&render_timeline(&events, &opts, &theme))?;
    Ok(ExitCode::SUCCESS)
}
