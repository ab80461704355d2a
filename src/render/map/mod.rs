//! The map: events at their places on a Natural Earth basemap, with the
//! timeline's numbers and colours.
//!
//! Made in two steps. [`layout_map`] turns events, options and the theme
//! into a [`MapScene`] (every position decided; the extent in [`extent`],
//! the basemap in [`basemap`], the markers and routes in `marks`, the
//! scale bar in `scale`); `draw` writes the scene as SVG, the land as one
//! compact path per colour. [`render_map`] does both.
//!
//! The events of one place share its marker, which lists their numbers
//! in its label ("London 9 · 16 · 31"). A table of more events than
//! [`MAX_EVENT_MARKERS`] (a whole corpus), or any table with
//! [`MapOptions::by_place`], is drawn by place instead: each circle's area
//! shows how many events were held there (see [`places`]).

pub mod basemap;
mod draw;
pub mod extent;
pub mod layout;
mod marks;
pub mod places;
mod scale;

pub use extent::{Extent, extent_box};
pub use layout::{ATTRIBUTION, coordinates, layout_map, not_mapped_note};
pub use marks::UNCERTAIN_BELOW;

use super::scene::{Line, Marker, Rect, Swatch, TextItem};
use super::theme::Theme;
use super::{Document, describe, phone_css, renditions};
use crate::event::Event;
use crate::projection::GeoBox;
use places::PlaceEvents;
use std::fmt;
use std::fmt::Write as _;

/// What the caller decides about a map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapOptions {
    /// The title (the finding); a dated default when `None`.
    pub title: Option<String>,
    /// The subtitle (what is shown); a default when `None`.
    pub subtitle: Option<String>,
    /// Canvas width in pixels; the theme's width when `None`.
    pub width: Option<f64>,
    /// Canvas height in pixels; the extent's shape decides when `None`.
    pub height: Option<f64>,
    /// The area shown.
    pub extent: Extent,
    /// Draw each actor's stops in date order as a route.
    pub trail: bool,
    /// One circle per place, sized by its number of events, whatever the
    /// table's size (beyond [`MAX_EVENT_MARKERS`] events it always is).
    pub by_place: bool,
}

/// The most events a map numbers one by one; a larger table (a corpus) is
/// drawn by place, its circles sized by their numbers of events, as
/// thousands of numbers could not be read.
pub const MAX_EVENT_MARKERS: usize = 600;

/// The smallest circle of a map by place (a place of few events): a dot,
/// as it carries no number.
const PLACE_MIN_RADIUS: f64 = 2.5;

/// Why a map could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapError {
    kind: MapErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum MapErrorKind {
    UnknownCountry(String),
    TooSmall(u32, u32),
}

impl MapError {
    /// The option to blame: `--extent` for a country the basemap lacks,
    /// the canvas size for a canvas too small.
    pub fn option(&self) -> &'static str {
        match self.kind {
            MapErrorKind::UnknownCountry(_) => "--extent",
            MapErrorKind::TooSmall(..) => "--width/--height",
        }
    }
}

impl fmt::Display for MapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            MapErrorKind::UnknownCountry(c) => write!(
                f,
                "no country {c:?} in the basemap (use an ISO 3166-1 alpha-2 code such as GB or US)"
            ),
            MapErrorKind::TooSmall(w, h) => {
                write!(f, "a {w}×{h} px canvas leaves no room for the map")
            }
        }
    }
}

impl std::error::Error for MapError {}

/// A filled area of the basemap: rings in pixels (even-odd fill).
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    /// Exterior and hole rings, in pixels.
    pub rings: Vec<Vec<(f64, f64)>>,
    /// Fill colour.
    pub fill: String,
}

/// One actor's route through its stops.
#[derive(Clone, Debug, PartialEq)]
pub struct Trail {
    /// The person.
    pub who: String,
    /// The marker centres in date order.
    pub points: Vec<(f64, f64)>,
    /// Colour.
    pub colour: String,
    /// Arrowheads: tip position and direction in radians (y down).
    pub arrows: Vec<((f64, f64), f64)>,
}

/// The scale bar: bars (as lines) and their texts, inside `rect`.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleBar {
    /// The box it takes (kept clear of labels).
    pub rect: Rect,
    /// Bar and tick lines.
    pub lines: Vec<Line>,
    /// "100 km", "50 mi".
    pub texts: Vec<TextItem>,
}

/// Everything a map shows, positioned.
#[derive(Clone, Debug, PartialEq)]
pub struct MapScene {
    /// Canvas width.
    pub width: f64,
    /// Canvas height.
    pub height: f64,
    /// The title as one string (for `<title>`).
    pub title: String,
    /// The map frame.
    pub frame: Rect,
    /// The extent fitted into the frame (degrees).
    pub extent: GeoBox,
    /// The projection's name.
    pub projection: &'static str,
    /// Countries, in drawing order.
    pub areas: Vec<Area>,
    /// Country border colour and width.
    pub border: (String, f64),
    /// First-level borders (UK nations, US states), pixels.
    pub inner_borders: Vec<Vec<(f64, f64)>>,
    /// Lakes (the Great Lakes, Lough Neagh): rings in pixels, even-odd
    /// fill, drawn over the land.
    pub lakes: Vec<Vec<(f64, f64)>>,
    /// Routes (with `--trail`), drawn under the markers.
    pub trails: Vec<Trail>,
    /// Leader lines of labels set off from their markers.
    pub leaders: Vec<Line>,
    /// Markers of events (or of places, on a map by place), larger first
    /// (drawing order), with their labels.
    pub markers: Vec<Marker>,
    /// The scale bar (none on continent and world maps, whose scale
    /// varies too much across the frame for one bar).
    pub scale_bar: Option<ScaleBar>,
    /// Text outside the frame: title, subtitle, legend, notes, source.
    pub texts: Vec<TextItem>,
    /// Legend circles.
    pub swatches: Vec<Swatch>,
    /// Numbers of the events that could not be placed (no coordinates).
    pub not_mapped: Vec<usize>,
    /// How many town labels were left out for lack of room.
    pub labels_omitted: usize,
    /// The places, most events first, when the map is drawn by place
    /// (markers then stand for places); empty when each marker is one
    /// event.
    pub places: Vec<PlaceEvents>,
}

impl MapScene {
    /// Every text box: page texts, marker labels, scale-bar texts.
    pub fn text_boxes(&self) -> Vec<Rect> {
        let mut v: Vec<Rect> = self.texts.iter().map(|t| t.rect).collect();
        v.extend(
            self.markers
                .iter()
                .filter_map(|m| m.label.as_ref().map(|l| l.rect)),
        );
        v.extend(
            self.scale_bar
                .iter()
                .flat_map(|b| b.texts.iter().map(|t| t.rect)),
        );
        v
    }
}

/// The labels' white halo.
const CSS: &str =
    ".lbl,.halo{paint-order:stroke;stroke:#FFFFFF;stroke-width:3px;stroke-linejoin:round}";

/// Renders `events` as a finished, publishable SVG map.
///
/// Events keep the numbers of their position in `events` (see
/// [`super::numbered`]), as on the timeline. Events without usable
/// coordinates cannot be placed: they are listed under the map and in the
/// text alternative as "not mapped" (a command that has a gazetteer may
/// geocode them first). A table of more than [`MAX_EVENT_MARKERS`]
/// events, or any with [`MapOptions::by_place`], is drawn by place: one
/// circle per place, and a text alternative that lists places (see
/// [`places`]).
///
/// # Errors
/// See [`layout_map`]: an unknown country extent, or a canvas too small.
///
/// # Examples
/// ```
/// use trailmap::event::Event;
/// use trailmap::render::{render_map, MapOptions, Theme};
/// let mut e = Event::new("Barry", chrono::NaiveDate::from_ymd_opt(2017, 6, 6));
/// (e.lat, e.lon) = (Some(51.39979), Some(-3.28380));
/// let svg = render_map(&[e], &MapOptions::default(), &Theme::default()).unwrap();
/// assert!(svg.starts_with("<svg") && svg.contains(">Barry</text>"));
/// ```
pub fn render_map(events: &[Event], opts: &MapOptions, theme: &Theme) -> Result<String, MapError> {
    let width = opts.width.unwrap_or(theme.width).max(240.0);
    let layout = |t: &Theme, height: Option<f64>| {
        let opts = MapOptions {
            height,
            ..opts.clone()
        };
        layout_map(events, &opts, t)
    };
    let scenes = renditions(width, theme, opts.height, layout, |s| s.height)?;
    let scene = &scenes[0].0;
    let what = format!("Map of campaign events ({} projection).", scene.projection);
    let mut desc = if scene.places.is_empty() {
        describe(&what, events)
    } else {
        places::describe(&what, &scene.places)
    };
    if !scene.not_mapped.is_empty() {
        let note = not_mapped_note(events, &scene.not_mapped, !scene.places.is_empty());
        write!(desc, " {note}").unwrap();
    }
    let doc = Document {
        width: scene.width,
        height: scenes.iter().map(|s| s.0.height).fold(0.0, f64::max),
        title: scene.title.clone(),
        desc,
        font_family: theme.font_family.clone(),
        css: if scenes.len() > 1 {
            format!("{CSS}{}", phone_css())
        } else {
            CSS.to_string()
        },
    };
    Ok(draw::draw(&scenes, &doc))
}
