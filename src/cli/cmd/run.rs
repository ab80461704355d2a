//! `trailmap run [INPUT]... [-o DIR]`: the whole job, from articles to
//! the five outputs (events.csv, events.geojson, unresolved.csv,
//! timeline.svg, map.svg).

use crate::cli::cmd::extract::{extract_inputs, inputs_of, write_unresolved_file};
use crate::cli::diagnostics::Timings;
use crate::cli::{GlobalArgs, country_code, report_problems};
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use trailmap::error::InputError;
use trailmap::event::writer::{TableFormat, write_table};
use trailmap::output::write_atomic;
use trailmap::render::{LaneBy, MapOptions, Theme, TimelineOptions, render_map, render_timeline};

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
}

fn write_svg(path: &Path, svg: &str) -> anyhow::Result<()> {
    write_atomic(path, |w| w.write_all(svg.as_bytes()))
        .with_context(|| format!("writing {}", path.display()))
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
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("creating {}", args.output.display()))?;
    let dir = &args.output;
    timings.time("write", || -> anyhow::Result<()> {
        for (name, format) in [
            ("events.csv", TableFormat::Csv),
            ("events.geojson", TableFormat::Geojson),
        ] {
            let path = dir.join(name);
            write_atomic(&path, |w| write_table(w, &events, format))
                .with_context(|| format!("writing {}", path.display()))?;
        }
        write_unresolved_file(&dir.join("unresolved.csv"), &outcome.unresolved)
    })?;
    let timeline = TimelineOptions {
        title: args.title.clone(),
        lanes: LaneBy::Actor,
        ..TimelineOptions::default()
    };
    let map = MapOptions {
        title: args.title.clone(),
        ..MapOptions::default()
    };
    timings.time("render", || -> anyhow::Result<()> {
        write_svg(
            &dir.join("timeline.svg"),
            &render_timeline(&events, &timeline, &theme),
        )?;
        let svg =
            render_map(&events, &map, &theme).map_err(|e| InputError::new(None, e.to_string()))?;
        write_svg(&dir.join("map.svg"), &svg)
    })?;
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
