//! What the commands that draw a graphic (`timeline`, `map`) share: their
//! common options, reading the events table, and writing the SVG.

use crate::cli::OptionError;
use std::path::{Path, PathBuf};
use trailmap::error::InputError;
use trailmap::event::Event;
use trailmap::output::{write_atomic, write_stdout};
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
}

impl GraphicArgs {
    /// The theme, the events, and a check of the canvas size.
    pub fn load(&self) -> anyhow::Result<(Theme, Vec<Event>)> {
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
        Ok((theme, read_events(&self.events)?))
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
