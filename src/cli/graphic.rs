//! What the commands that draw a graphic (`timeline`, `map`) share: their
//! common options, reading the events table, and writing the SVG.

use crate::cli::output::{write_atomic, write_stdout};
use crate::cli::{GlobalArgs, OptionError, country_code, gazetteer};
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use trailmap::error::InputError;
use trailmap::event::Event;
use trailmap::event::geocode::place_event;
use trailmap::event::table::fmt_coord;
use trailmap::render::Theme;

/// Options of every command that draws a graphic.
#[derive(clap::Args, Debug)]
pub struct GraphicArgs {
    /// The events table: events.csv (hand-edited or not) or
    /// events.geojson.
    #[arg(value_name = "EVENTS")]
    pub events: PathBuf,
    /// Where to write the SVG (atomically); standard output when not
    /// given.
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
    /// Height in pixels; the content decides when not given.
    #[arg(long, value_name = "PX")]
    pub height: Option<f64>,
    /// A TOML theme file; keys it leaves out keep their defaults.
    #[arg(long, value_name = "FILE")]
    pub theme: Option<PathBuf>,
    /// Prefer places in this country (ISO 3166-1 alpha-2) when placing
    /// rows that name a place but give no coordinates.
    #[arg(long, value_parser = country_code, value_name = "CC")]
    pub country: Option<String>,
}

impl GraphicArgs {
    /// The theme, the events (rows with a place but no coordinates
    /// placed, see [`place_rows`]), and a check of the canvas size.
    pub fn load(&self, global: &GlobalArgs) -> anyhow::Result<(Theme, Vec<Event>)> {
        if let Some(w) = self.width.filter(|w| !(240.0..=4000.0).contains(w)) {
            return Err(OptionError(format!("--width {w} is outside 240 to 4000")).into());
        }
        if let Some(h) = self.height.filter(|h| !(160.0..=6000.0).contains(h)) {
            return Err(OptionError(format!("--height {h} is outside 160 to 6000")).into());
        }
        let theme = match &self.theme {
            Some(p) => Theme::load(p)?,
            None => Theme::default(),
        };
        let (mut events, lines) = read_events(&self.events)?;
        place_rows(
            &mut events,
            &lines,
            &self.events,
            self.country.as_deref(),
            global,
        )?;
        Ok((theme, events))
    }

    /// Writes the SVG to the output file (atomically) or standard output.
    pub fn write(&self, svg: &str) -> anyhow::Result<()> {
        let fill = |w: &mut dyn std::io::Write| w.write_all(svg.as_bytes());
        match &self.output {
            Some(p) => write_atomic(p, fill)?,
            None => write_stdout(fill)?,
        }
        Ok(())
    }
}

/// Reads an events table by its extension (`.geojson`/`.json`, else CSV),
/// with the line of each CSV row (none for GeoJSON, whose features all
/// have a point).
pub fn read_events(path: &Path) -> Result<(Vec<Event>, Vec<u64>), InputError> {
    let bytes = std::fs::read(path)
        .map_err(|e| InputError::new(Some(path), format!("cannot read: {e}")))?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext.eq_ignore_ascii_case("geojson") || ext.eq_ignore_ascii_case("json") {
        let text =
            String::from_utf8(bytes).map_err(|_| InputError::new(Some(path), "not UTF-8 text"))?;
        Ok((
            trailmap::event::geojson::read_geojson(&text, Some(path))?,
            Vec::new(),
        ))
    } else {
        let rows = trailmap::event::table::read_csv_rows(&bytes[..], Some(path))?;
        Ok(rows.into_iter().map(|(line, e)| (e, line)).unzip())
    }
}

/// How many line numbers a message lists before counting the rest.
const LINES_LISTED: usize = 5;

/// Places the rows of a table that name a place but give no coordinates
/// ([`place_event`]; the gazetteer is loaded only if there are such
/// rows), and says on standard error where each went, or why it could
/// not be placed, by line. Rows that name the same place the same way are
/// reported together.
///
/// # Errors
/// Only a `--gazetteer` file that cannot be loaded.
pub fn place_rows(
    events: &mut [Event],
    lines: &[u64],
    path: &Path,
    country: Option<&str>,
    global: &GlobalArgs,
) -> anyhow::Result<()> {
    let unplaced: Vec<usize> = (0..events.len())
        .filter(|&i| events[i].lat.is_none() && !events[i].place.is_empty())
        .collect();
    if unplaced.is_empty() {
        return Ok(());
    }
    let gaz = gazetteer(global)?;
    // Per way of naming a place: its rows' lines and what became of them.
    let mut groups: Vec<(Vec<u64>, Result<String, String>)> = Vec::new();
    let mut group_of: FxHashMap<(String, String, String), usize> = FxHashMap::default();
    for i in unplaced {
        let e = &mut events[i];
        let key = (e.place.clone(), e.admin1.clone(), e.country.clone());
        let line = lines.get(i).copied().unwrap_or(i as u64 + 1);
        let named = format!("{:?}", e.place);
        let outcome = place_event(e, &gaz, country).map(|()| {
            format!(
                "placed {named} at {}, {}, {} ({}, {})",
                e.place,
                e.admin1,
                e.country,
                e.lat.map(fmt_coord).unwrap_or_default(),
                e.lon.map(fmt_coord).unwrap_or_default()
            )
        });
        match group_of.get(&key) {
            Some(&g) => groups[g].0.push(line),
            None => {
                group_of.insert(key, groups.len());
                groups.push((vec![line], outcome));
            }
        }
    }
    if global.quiet {
        return Ok(());
    }
    for (lines, outcome) in &groups {
        let mut at = lines
            .iter()
            .take(LINES_LISTED)
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        if lines.len() > LINES_LISTED {
            at.push_str(&format!(" and {} more", lines.len() - LINES_LISTED));
        }
        let s = if lines.len() == 1 { "" } else { "s" };
        match outcome {
            Ok(placed) => eprintln!("trailmap: {}: line{s} {at}: {placed}", path.display()),
            Err(why) => eprintln!(
                "trailmap: warning: {}: line{s} {at}: not placed: {why}",
                path.display()
            ),
        }
    }
    Ok(())
}
