//! The timeline: events along a date axis, one lane per actor, party or
//! kind, with the map's numbers and colours.
//!
//! Made in two steps. [`layout_timeline`] turns events, options, the
//! theme and text metrics into a [`TimelineScene`] (every position
//! decided, testable without drawing; the axis in [`axis`]); `draw`
//! writes the scene as SVG. [`render_timeline`] does both.

pub mod axis;
mod draw;
pub mod layout;

pub use layout::layout_timeline;

use super::scene::Line;
use super::scene::{Marker, Rect, Swatch, TextItem};
use super::theme::Theme;
use super::{Document, describe_counted, month_name, phone_css, renditions};
use crate::event::Event;
use axis::Axis;
use chrono::{Datelike, NaiveDate};
use std::convert::Infallible;

/// Renders `events` as a finished, publishable SVG timeline.
///
/// Events keep the numbers of their position in `events` (see
/// [`super::numbered`]); undated events are listed under the axis.
///
/// # Examples
/// ```
/// use trailmap::event::Event;
/// use trailmap::render::{render_timeline, Theme, TimelineOptions};
/// let e = Event::new("Barry", chrono::NaiveDate::from_ymd_opt(2017, 6, 6));
/// let svg = render_timeline(&[e], &TimelineOptions::default(), &Theme::default());
/// assert!(svg.starts_with("<svg"));
/// assert!(svg.contains("Barry"));
/// ```
pub fn render_timeline(events: &[Event], opts: &TimelineOptions, theme: &Theme) -> String {
    let width = opts.width.unwrap_or(theme.width).max(240.0);
    let layout = |t: &Theme, height: Option<f64>| {
        let opts = TimelineOptions {
            height,
            ..opts.clone()
        };
        Ok::<_, Infallible>(layout_timeline(events, &opts, t))
    };
    let Ok(scenes) = renditions(width, theme, opts.height, layout, |s| s.height);
    let scene = &scenes[0].0;
    let what = "Timeline of campaign events.";
    let counted: Vec<(&str, &[usize])> = scene
        .lanes
        .iter()
        .filter(|l| l.aggregated)
        .map(|l| (l.key.as_str(), &l.events[..]))
        .collect();
    let doc = Document {
        width: scene.width,
        height: scenes.iter().map(|s| s.0.height).fold(0.0, f64::max),
        title: scene.title.clone(),
        desc: describe_counted(what, events, &counted, scene.bar_unit.noun()),
        font_family: theme.font_family.clone(),
        css: if scenes.len() > 1 {
            phone_css()
        } else {
            String::new()
        },
    };
    draw::draw(&scenes, &doc)
}

/// What the lanes of a timeline group by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LaneBy {
    /// One lane per actor (the party where no actor is named).
    #[default]
    Actor,
    /// One lane per party.
    Party,
    /// One lane per kind of event.
    Kind,
    /// A single lane.
    None,
}

impl std::str::FromStr for LaneBy {
    type Err = String;
    fn from_str(s: &str) -> Result<LaneBy, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "actor" => Ok(LaneBy::Actor),
            "party" => Ok(LaneBy::Party),
            "kind" => Ok(LaneBy::Kind),
            "none" => Ok(LaneBy::None),
            _ => Err(format!(
                "unknown lanes {s:?} (expected actor, party, kind or none)"
            )),
        }
    }
}

/// What the caller decides about a timeline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineOptions {
    /// The title (the finding); a dated default when `None`.
    pub title: Option<String>,
    /// The subtitle (what is shown); a default when `None`.
    pub subtitle: Option<String>,
    /// Canvas width in pixels; the theme's width when `None`.
    pub width: Option<f64>,
    /// Minimum canvas height in pixels; the content decides when `None`.
    pub height: Option<f64>,
    /// What the lanes group by.
    pub lanes: LaneBy,
    /// Reference lines for key dates (polling day).
    pub marks: Vec<Mark>,
}

/// A key date drawn as a thin labelled line across the lanes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The day.
    pub date: NaiveDate,
    /// Its label ("Polling day"); may be empty.
    pub label: String,
}

impl std::str::FromStr for Mark {
    type Err = String;

    /// `DATE` or `DATE=LABEL`, the date as `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Mark, String> {
        let (date, label) = s.split_once('=').unwrap_or((s, ""));
        let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
            .map_err(|_| format!("bad mark {s:?}: expected YYYY-MM-DD or YYYY-MM-DD=LABEL"))?;
        Ok(Mark {
            date,
            label: super::clean(label),
        })
    }
}

/// A horizontal lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// The lane's name (actor, party, kind), possibly shortened.
    pub name: String,
    /// Its full name (empty when events are not split into lanes).
    pub key: String,
    /// Top edge.
    pub y: f64,
    /// Height.
    pub h: f64,
    /// Whether this lane shows per-day counts instead of markers.
    pub aggregated: bool,
    /// Its dated events (indices in the table), in date order.
    pub events: Vec<usize>,
}

/// A per-day count bar in an aggregated lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The bar.
    pub rect: Rect,
    /// Fill colour.
    pub fill: String,
    /// Events it stands for.
    pub count: usize,
    /// Tooltip text.
    pub tooltip: String,
}

/// Everything a timeline shows, positioned.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineScene {
    /// Canvas width.
    pub width: f64,
    /// Canvas height.
    pub height: f64,
    /// The title as one string (for `<title>`).
    pub title: String,
    /// Filled rectangles under everything (lane bands).
    pub bands: Vec<(Rect, String)>,
    /// Grid, axis and tick lines.
    pub lines: Vec<Line>,
    /// All page text (title, axis, lanes, legend, notes).
    pub texts: Vec<TextItem>,
    /// The date axis.
    pub axis: Option<Axis>,
    /// Lanes, top to bottom.
    pub lanes: Vec<Lane>,
    /// Event markers, larger first (drawing order).
    pub markers: Vec<Marker>,
    /// Count bars of aggregated lanes.
    pub bars: Vec<Bar>,
    /// What one bar counts: the events of a day, or of a week or month
    /// when days are too narrow to draw apart.
    pub bar_unit: BarUnit,
    /// Legend circles.
    pub swatches: Vec<Swatch>,
}

impl TimelineScene {
    /// Every text box in the scene: page text, marker labels and the
    /// numbers inside markers.
    pub fn text_boxes(&self) -> Vec<Rect> {
        let mut v: Vec<Rect> = self.texts.iter().map(|t| t.rect).collect();
        v.extend(
            self.markers
                .iter()
                .filter_map(|m| m.label.as_ref().map(|l| l.rect)),
        );
        v
    }
}

/// The span of time one count bar stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BarUnit {
    /// A day.
    Day,
    /// A week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
}

/// The narrowest a day's (or week's) bar may be before bars count longer
/// spans: below it, neighbouring bars merge into one smear.
const MIN_BAR_PX: f64 = 3.0;

impl BarUnit {
    /// The longest unit whose bars are no narrower than [`MIN_BAR_PX`] at
    /// `ppd` pixels per day.
    fn for_scale(ppd: f64) -> BarUnit {
        if ppd >= MIN_BAR_PX {
            BarUnit::Day
        } else if 7.0 * ppd >= MIN_BAR_PX {
            BarUnit::Week
        } else {
            BarUnit::Month
        }
    }

    /// "day", "week" or "month".
    pub fn noun(self) -> &'static str {
        match self {
            BarUnit::Day => "day",
            BarUnit::Week => "week",
            BarUnit::Month => "month",
        }
    }

    /// The first and last days of the unit holding `d`.
    fn span(self, d: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self {
            BarUnit::Day => (d, d),
            BarUnit::Week => {
                let monday = d - chrono::Duration::days(d.weekday().num_days_from_monday() as i64);
                (monday, monday + chrono::Duration::days(6))
            }
            BarUnit::Month => {
                let first = d.with_day(1).expect("every month has a first day");
                let next = first
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(NaiveDate::MAX);
                (first, next.pred_opt().unwrap_or(next))
            }
        }
    }

    /// How a tooltip names the unit starting at `first`: "Tue 6 June
    /// 2017", "week of Mon 5 June 2017", "June 2017".
    fn name(self, first: NaiveDate) -> String {
        match self {
            BarUnit::Day => super::fmt_date_long(first),
            BarUnit::Week => format!("week of {}", super::fmt_date_long(first)),
            BarUnit::Month => format!("{} {}", month_name(first), first.year()),
        }
    }
}
