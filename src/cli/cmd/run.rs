//! `trailmap run [INPUT]... [-o DIR]`: the whole job, from articles to
//! the five outputs (events.csv, events.geojson, unresolved.csv,
//! timeline.svg, map.svg).

use crate::cli::cmd::extract::{extract_inputs, inputs_of, write_unresolved_file};
use crate::cli::diagnostics::Timings;
use crate::cli::output::Outputs;
use crate::cli::{GlobalArgs, country_code, report_problems};
use std::path::PathBuf;
use std::process::ExitCode;
use trailmap::error::{InputError, OutputError};
use trailmap::event::writer::{TableFormat, write_table};
use trailmap::render::{
    LaneBy, MapOptions, Mark, Theme, TimelineOptions, render_map, render_timeline,
};

/// Arguments of `trailmap run`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Article files, directories, JSON Lines files or `-`; the bundled
    /// sample `data/articles/uk-2017` (the reference article and the
    /// last week of the 2017 UK campaign) if none.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The directory the outputs go to.
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    pub output: PathBuf,
    /// Prefer places in this country (ISO 3166-1 alpha-2).
    #[arg(long, value_parser = country_code, value_name = "CC")]
    pub country: Option<String>,
    /// The graphics' title; a dated default if not given.
    #[arg(long)]
    pub title: Option<String>,
    /// A TOML theme overriding colours, fonts and sizes.
    #[arg(long, value_name = "FILE")]
    pub theme: Option<PathBuf>,
    /// A key date drawn on the timeline as a labelled line (polling
    /// day); repeatable.
    #[arg(long = "mark", value_name = "DATE[=LABEL]")]
    pub marks: Vec<Mark>,
}

/// Runs the whole job.
pub fn run(args: &Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("data").join("articles").join("uk-2017")]
    } else {
        args.inputs.clone()
    };
    let theme = match &args.theme {
        Some(p) => Theme::load(p)?,
        None => Theme::default(),
    };
    let mut timings = Timings::new(global);
    let inputs = inputs_of(&inputs)?;
    let outcome = extract_inputs(&inputs, args.country.as_deref(), global, &mut timings)?;
    let events = timings.time("merge", || outcome.events.merged());
    let dir = &args.output;
    std::fs::create_dir_all(dir).map_err(|e| OutputError::io(Some(dir), e))?;
    // All five are written first, then renamed together: a failure or a
    // kill leaves the previous run's outputs whole, never a mixture.
    let mut out = Outputs::default();
    timings.time("write", || -> anyhow::Result<()> {
        for (name, format) in [
            ("events.csv", TableFormat::Csv),
            ("events.geojson", TableFormat::Geojson),
        ] {
            out.write(&dir.join(name), |w| write_table(w, &events, format))?;
        }
        Ok(write_unresolved_file(
            &mut out,
            &dir.join("unresolved.csv"),
            &outcome.unresolved,
        )?)
    })?;
    let timeline = TimelineOptions {
        title: args.title.clone(),
        lanes: LaneBy::Actor,
        marks: args.marks.clone(),
        ..TimelineOptions::default()
    };
    let map = MapOptions {
        title: args.title.clone(),
        ..MapOptions::default()
    };
    timings.time("render", || -> anyhow::Result<()> {
        let svg = render_timeline(&events, &timeline, &theme);
        out.write(&dir.join("timeline.svg"), |w| w.write_all(svg.as_bytes()))?;
        // Only a theme can make the map fail here (no size is asked for).
        let svg = render_map(&events, &map, &theme).map_err(|e| match &args.theme {
            Some(p) => anyhow::Error::new(InputError::new(Some(p), e.to_string())),
            None => anyhow::anyhow!("drawing the map: {e}"),
        })?;
        out.write(&dir.join("map.svg"), |w| w.write_all(svg.as_bytes()))?;
        Ok(())
    })?;
    out.commit()?;
    let report = &outcome.report;
    if !global.quiet {
        eprintln!(
            "trailmap: {} articles, {} events, {} unresolved mentions; wrote {}",
            report.articles,
            events.len(),
            outcome.unresolved.len(),
            dir.display()
        );
    }
    timings.print(report.articles, report.bytes);
    Ok(report_problems(report, events.len(), global))
}
