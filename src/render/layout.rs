//! Timeline layout: every decision as plain data, before any drawing.
//!
//! [`layout_timeline`] turns events, [`TimelineOptions`], the theme and
//! text metrics into a [`TimelineScene`]: the canvas size, text items with
//! their boxes, lane bands, axis ticks, markers (centre, radius, colour,
//! number, label) and per-day count bars for lanes too dense to draw
//! event by event. All positions are pixels, y pointing down. Nothing here
//! knows plotters; `timeline.rs` only draws what the scene says.

use super::labels::{self, Circle, LabelRequest, Rect};
use super::numbered_list;
use super::text::{TextMeasure, Weight};
use super::theme::{Rgb, Theme};
use super::{clean, fmt_count, fmt_counted, fmt_date_range, month_name, numbered, tooltip, who};
use crate::event::Event;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Space between two lines of one label (a lane's name and its note), in
/// pixels at the default width: browsers' line boxes are taller than the
/// font's, so stacked lines need air to stay apart when scaled down.
const LINE_GAP: f64 = 3.0;
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
}

/// Horizontal anchoring of a text item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is the left edge.
    Start,
    /// `x` is the centre.
    Middle,
}

/// One piece of text and the box it occupies.
#[derive(Clone, Debug, PartialEq)]
pub struct TextItem {
    /// The text (clean, not escaped).
    pub text: String,
    /// The box the text may occupy; its top is the line-box top.
    pub rect: Rect,
    /// Anchor x (left edge or centre).
    pub x: f64,
    /// Font size, pixels.
    pub size: f64,
    /// Weight.
    pub weight: Weight,
    /// Colour.
    pub colour: String,
    /// Horizontal anchoring.
    pub anchor: Anchor,
}

/// The time unit of the axis ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickUnit {
    /// One tick per day (`Mon 5`).
    Day,
    /// One tick per week, on Mondays.
    Week,
    /// One tick per month.
    Month,
    /// One tick per year.
    Year,
}

/// An axis tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// The day the tick marks.
    pub date: NaiveDate,
    /// Pixel x.
    pub x: f64,
    /// Its label (may be empty when thinned out).
    pub label: String,
}

/// The date axis: unit, ticks, and the period labels under them (month
/// and year where they change).
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// The tick unit chosen for the span.
    pub unit: TickUnit,
    /// Ticks in date order.
    pub ticks: Vec<Tick>,
    /// Period labels: (date where it starts, text).
    pub periods: Vec<(NaiveDate, String)>,
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

/// One event's marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// The event's number (see [`super::numbered`]).
    pub number: usize,
    /// The circle.
    pub circle: Circle,
    /// Fill colour (the background for a crowd not given: a ring).
    pub fill: String,
    /// Outline colour.
    pub stroke: String,
    /// Outline width.
    pub stroke_width: f64,
    /// A darker edge on both sides of the outline, for a ring of a light
    /// colour (the SNP's yellow would not stand out on land alone).
    pub casing: Option<String>,
    /// The number drawn inside, if it fits, with its colour.
    pub inner: Option<(String, String)>,
    /// The label beside it, when one could be placed.
    pub label: Option<TextItem>,
    /// Tooltip text.
    pub tooltip: String,
    /// On a map, the projected point of the marker's place (pixels),
    /// written as `data-x` and `data-y` so that a check can measure how
    /// far the circle is drawn from it.
    pub at: Option<(f64, f64)>,
    /// A dashed outline: where it is or when was uncertain (see
    /// [`super::map_layout::UNCERTAIN_BELOW`]).
    pub dashed: bool,
}

impl Marker {
    /// The marker as an SVG group with its tooltip (see
    /// [`super::marker_svg`]); both graphics draw markers this way.
    pub fn to_svg(&self) -> String {
        super::marker_svg(&super::MarkerSvg {
            cx: self.circle.cx,
            cy: self.circle.cy,
            r: self.circle.r,
            fill: self.fill.clone(),
            stroke: self.stroke.clone(),
            stroke_width: self.stroke_width,
            casing: self.casing.clone(),
            inner: self
                .inner
                .as_ref()
                .map(|(t, c)| (t.clone(), c.clone(), 11.0)),
            tooltip: self.tooltip.clone(),
            at: self.at,
            dashed: self.dashed,
            label: self
                .label
                .as_ref()
                .map(|l| (l.text.clone(), l.rect.x, l.rect.y, l.size, l.colour.clone())),
        })
    }
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

/// A legend or size-key circle.
#[derive(Clone, Debug, PartialEq)]
pub struct Swatch {
    /// The circle.
    pub circle: Circle,
    /// Fill.
    pub fill: String,
    /// Outline.
    pub stroke: String,
    /// Outline width.
    pub stroke_width: f64,
}

/// A straight line.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Start (x, y).
    pub from: (f64, f64),
    /// End (x, y).
    pub to: (f64, f64),
    /// Colour.
    pub colour: String,
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
    /// All text drawn by plotters (title, axis, lanes, legend, notes).
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
    /// Every text box in the scene: plotters text, marker labels and the
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

const GAP: f64 = 4.0;
const LANE_PAD: f64 = 6.0;
const STACK_GAP: f64 = 2.0;
const MAX_LANES: usize = 12;
const MAX_STACK: usize = 6;
/// The most year ticks an axis gets, and the steps in years it may take
/// to stay within them (any span chrono can date fits the last).
const MAX_YEAR_TICKS: i32 = 24;
const YEAR_STEPS: [i32; 15] = [
    1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000,
];

#[allow(clippy::too_many_arguments)] // one call per text; a struct would only rename them
pub(crate) fn text_item(
    m: &TextMeasure,
    text: &str,
    x: f64,
    y: f64,
    size: f64,
    weight: Weight,
    colour: &str,
    anchor: Anchor,
) -> TextItem {
    let w = m.width(text, size, weight);
    let left = match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - w / 2.0,
    };
    TextItem {
        text: text.to_string(),
        rect: Rect::new(left, y, w, m.line_height(size)),
        x,
        size,
        weight,
        colour: colour.to_string(),
        anchor,
    }
}

/// The tick unit for a span of `days` days (inclusive count).
pub fn tick_unit_for_span(days: i64) -> TickUnit {
    match days {
        ..=16 => TickUnit::Day,
        17..=120 => TickUnit::Week,
        121..=1100 => TickUnit::Month,
        _ => TickUnit::Year,
    }
}

fn short_month(d: NaiveDate) -> &'static str {
    &month_name(d)[..3]
}

/// Chooses ticks for the days `first..=last` drawn by `x_of`, thinning
/// labels so none is closer than `min_gap` pixels to the next; labels are
/// measured at `size`.
pub fn choose_axis(
    first: NaiveDate,
    last: NaiveDate,
    x_of: &dyn Fn(NaiveDate) -> f64,
    m: &TextMeasure,
    size: f64,
) -> Axis {
    let days = (last - first).num_days() + 1;
    let unit = tick_unit_for_span(days);
    let mut dates = Vec::new();
    if unit == TickUnit::Year {
        // New Year's Days, every `step` years: a bounded number whatever
        // the span (10,000 years are 20 ticks, not 10,000).
        let years = last.year() - first.year() + 1;
        let step = YEAR_STEPS
            .into_iter()
            .find(|s| (years + s - 1) / s <= MAX_YEAR_TICKS)
            .unwrap_or(YEAR_STEPS[YEAR_STEPS.len() - 1]);
        dates.extend(
            (first.year()..=last.year())
                .filter(|y| y.rem_euclid(step) == 0)
                .filter_map(|y| NaiveDate::from_ymd_opt(y, 1, 1))
                .filter(|d| (first..=last).contains(d)),
        );
    } else {
        let mut d = first;
        while d <= last {
            let keep = match unit {
                TickUnit::Day => true,
                TickUnit::Week => d.weekday() == Weekday::Mon,
                TickUnit::Month => d.day() == 1,
                TickUnit::Year => unreachable!("years are counted above"),
            };
            if keep {
                dates.push(d);
            }
            d += Duration::days(1);
        }
    }
    let label_of = |d: NaiveDate, long: bool| -> String {
        match unit {
            TickUnit::Day if long => format!("{} {}", d.format("%a"), d.day()),
            TickUnit::Day | TickUnit::Week => d.day().to_string(),
            TickUnit::Month => short_month(d).to_string(),
            TickUnit::Year => d.year().to_string(),
        }
    };
    // Longest labels that fit at every tick; else thin out by a step.
    let fits = |labels: &[String], step: usize| -> bool {
        let shown: Vec<(f64, f64)> = dates
            .iter()
            .zip(labels)
            .step_by(step)
            .map(|(d, l)| (x_of(*d), m.width(l, size, Weight::Normal)))
            .collect();
        shown
            .windows(2)
            .all(|w| w[1].0 - w[0].0 >= (w[0].1 + w[1].1) / 2.0 + 8.0)
    };
    let long: Vec<String> = dates.iter().map(|d| label_of(*d, true)).collect();
    let short: Vec<String> = dates.iter().map(|d| label_of(*d, false)).collect();
    let (labels, step) = if fits(&long, 1) {
        (long, 1)
    } else {
        let step = (1..=dates.len().max(1))
            .find(|s| fits(&short, *s))
            .unwrap_or(1);
        (short, step)
    };
    let ticks = dates
        .iter()
        .zip(labels)
        .enumerate()
        .map(|(i, (d, l))| Tick {
            date: *d,
            x: x_of(*d),
            label: if i % step == 0 { l } else { String::new() },
        })
        .collect();
    // Period labels where the month (or year) changes, and at the start.
    let mut periods = Vec::new();
    let mut d = first;
    let mut prev: Option<NaiveDate> = None;
    // Years have no period labels: their days need not be walked.
    while unit != TickUnit::Year && d <= last {
        let key_changed = match (unit, prev) {
            (_, None) => true,
            (TickUnit::Day | TickUnit::Week, Some(p)) => {
                p.month() != d.month() || p.year() != d.year()
            }
            (TickUnit::Month, Some(p)) => p.year() != d.year(),
            (TickUnit::Year, Some(_)) => false,
        };
        if key_changed {
            let text = match unit {
                TickUnit::Day | TickUnit::Week => format!("{} {}", month_name(d), d.year()),
                TickUnit::Month => d.year().to_string(),
                TickUnit::Year => String::new(),
            };
            if !text.is_empty() {
                periods.push((d, text));
            }
        }
        prev = Some(d);
        d += Duration::days(1);
    }
    Axis {
        unit,
        ticks,
        periods,
    }
}

/// The key events are coloured by: their party, else their actor.
pub(crate) fn colour_key(e: &Event) -> String {
    let p = clean(&e.party);
    if p.is_empty() { clean(&e.actor) } else { p }
}

/// Values counted as they are met: per value, the order it was first met
/// in and how often.
#[derive(Default)]
struct Tally(HashMap<String, (usize, usize)>);

impl Tally {
    fn add(&mut self, v: String) {
        let next = self.0.len();
        self.0.entry(v).or_insert((next, 0)).1 += 1;
    }

    /// How many distinct values.
    fn len(&self) -> usize {
        self.0.len()
    }

    /// The values, most often met first; among equals, the one met first.
    fn busiest(&self) -> Vec<&String> {
        let mut v: Vec<(&String, &(usize, usize))> = self.0.iter().collect();
        v.sort_by_key(|&(_, &(first, n))| (std::cmp::Reverse(n), first));
        v.into_iter().map(|(k, _)| k).collect()
    }

    /// The order a value was first met in.
    fn first(&self, v: &str) -> usize {
        self.0[v].0
    }
}

/// The value met most often; among equals, the one met first.
fn most_common(values: impl IntoIterator<Item = String>) -> Option<String> {
    let mut tally = Tally::default();
    values.into_iter().for_each(|v| tally.add(v));
    tally.busiest().first().map(|v| v.to_string())
}

/// The colour key of most of the events at `indices` (in `events`); among
/// equals, the one met first. Empty for no events.
pub(crate) fn main_colour_key(events: &[Event], indices: &[usize]) -> String {
    most_common(indices.iter().map(|&i| colour_key(&events[i]))).unwrap_or_default()
}

fn lane_key(e: &Event, by: LaneBy, theme: &Theme) -> String {
    match by {
        LaneBy::Actor => {
            let w = who(e);
            if w.is_empty() { "Not named".into() } else { w }
        }
        LaneBy::Party => {
            let p = clean(&e.party);
            if !p.is_empty() {
                p
            } else if theme.party_colour(&e.actor).is_some() {
                clean(&e.actor)
            } else {
                "No party given".into()
            }
        }
        LaneBy::Kind => {
            let k = e.kind.as_str();
            let mut c = k.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        }
        LaneBy::None => String::new(),
    }
}

/// A marker's radius: area proportional to the crowd, the theme's
/// largest radius for `max_crowd`, never below its smallest (which is
/// also the size of a marker whose crowd is not given). The map and the
/// timeline both size markers with this function.
pub fn radius(theme: &Theme, crowd: Option<u64>, max_crowd: u64) -> f64 {
    match crowd {
        Some(c) if max_crowd > 0 => area_radius(theme, c, max_crowd, theme.marker_min_radius),
        _ => theme.marker_min_radius,
    }
}

/// The radius of a circle whose area is proportional to `v`: the theme's
/// largest radius for `max` (not 0), never below `min_r`.
pub(crate) fn area_radius(theme: &Theme, v: u64, max: u64, min_r: f64) -> f64 {
    (theme.marker_max_radius * ((v as f64) / (max as f64)).sqrt()).max(min_r)
}

/// The events with each actor's party filled in where a row leaves it
/// empty but other rows of that actor name one (the party named most
/// often; among equals, the first in date order), or else the bundled
/// table of well-known politicians does (see [`super::politicians`]), so
/// that a candidate keeps one colour, and one party lane, throughout a
/// graphic. The table itself is left as it is.
pub(crate) fn with_known_parties(events: &[Event]) -> Cow<'_, [Event]> {
    // Per actor, the parties its rows name, in date order.
    let mut named: HashMap<String, Vec<String>> = HashMap::new();
    for i in super::date_order(events) {
        let (actor, party) = (clean(&events[i].actor), clean(&events[i].party));
        if !actor.is_empty() && !party.is_empty() {
            named.entry(actor).or_default().push(party);
        }
    }
    let party_of: HashMap<String, String> = named
        .into_iter()
        .filter_map(|(actor, parties)| most_common(parties).map(|p| (actor, p)))
        .collect();
    let known = |actor: &str| {
        party_of
            .get(actor)
            .map(String::as_str)
            .or_else(|| super::politicians::party_of(actor))
    };
    let missing = |e: &Event| clean(&e.party).is_empty() && known(&clean(&e.actor)).is_some();
    if !events.iter().any(missing) {
        return Cow::Borrowed(events);
    }
    Cow::Owned(
        events
            .iter()
            .map(|e| {
                let mut e = e.clone();
                if missing(&e) {
                    e.party = known(&clean(&e.actor)).unwrap_or_default().to_string();
                }
                e
            })
            .collect(),
    )
}

/// How far apart (in RGB) a palette colour must be from every party colour
/// of a table to be used before the others.
const CLASH_DISTANCE: f64 = 90.0;

/// The most entries a legend lists, "Others" included.
pub(crate) const LEGEND_MAX: usize = 16;

/// The colours of a set of events, keyed by [`colour_key`]: the party
/// table first, then the palette in order of first appearance (by date),
/// colours close to a party colour of the table last. Where there are
/// more keys than the palette or the legend holds (a corpus), the busiest
/// keep their colours (the first met among equals) and the rest share the
/// grey of "Others", last in the legend, so every colour drawn is in it.
/// Returns the legend's (name, colour) pairs and the lookup. The map and
/// the timeline both colour with this function, so an actor has the same
/// colour on both.
pub(crate) fn colour_table(
    events: &[Event],
    theme: &Theme,
) -> (Vec<(String, String)>, HashMap<String, String>) {
    let order = super::date_order(events);
    let party_colour = |e: &Event| {
        theme
            .party_colour(&colour_key(e))
            .or_else(|| theme.party_colour(&e.actor))
    };
    // Palette colours a reader could take for a party colour of the table
    // (Okabe-Ito's yellow beside the SNP's) come after the others.
    let parties: Vec<Rgb> = order
        .iter()
        .filter_map(|&i| party_colour(&events[i]).and_then(Rgb::parse))
        .collect();
    let (mut palette, clashing): (Vec<&String>, Vec<&String>) =
        theme.palette.iter().partition(|c| {
            Rgb::parse(c).is_none_or(|c| parties.iter().all(|p| p.distance(&c) >= CLASH_DISTANCE))
        });
    palette.extend(clashing);
    // Each key: how often, and its party colour (that of its first event).
    let mut keys = Tally::default();
    let mut party_of: HashMap<String, Option<&str>> = HashMap::new();
    for &i in &order {
        let key = colour_key(&events[i]);
        if !key.is_empty() {
            party_of
                .entry(key.clone())
                .or_insert_with(|| party_colour(&events[i]));
            keys.add(key);
        }
    }
    let from_palette = party_of.values().filter(|p| p.is_none()).count();
    let crowded = from_palette > palette.len() || keys.len() > LEGEND_MAX;
    let coloured: Option<HashSet<&String>> = crowded.then(|| {
        let mut slots = palette.len();
        let mut kept = HashSet::new();
        for key in keys.busiest() {
            if kept.len() == LEGEND_MAX - 1 {
                break;
            }
            if party_of[key].is_none() {
                if slots == 0 {
                    continue;
                }
                slots -= 1;
            }
            kept.insert(key);
        }
        kept
    });
    let mut colours: Vec<(String, String)> = Vec::new();
    let mut palette_i = 0;
    let mut colour_of: HashMap<String, String> = HashMap::new();
    let mut others = false;
    for i in order {
        let key = colour_key(&events[i]);
        if colour_of.contains_key(&key) {
            continue;
        }
        let c = if key.is_empty() {
            theme.default_marker.clone()
        } else if coloured.as_ref().is_some_and(|kept| !kept.contains(&key)) {
            others = true;
            colour_of.insert(key, theme.muted_text.clone());
            continue;
        } else if let Some(c) = party_of[&key] {
            c.to_string()
        } else {
            let c = palette[palette_i % palette.len()].clone();
            palette_i += 1;
            c
        };
        if !key.is_empty() {
            colours.push((key.clone(), c.clone()));
        }
        colour_of.insert(key, c);
    }
    if others {
        colours.push(("Others".into(), theme.muted_text.clone()));
    }
    (colours, colour_of)
}

/// An event's marker, styled as on every graphic: filled with its colour
/// and outlined in the background colour (a darker shade for light
/// fills); a ring (background fill, coloured 2 px outline, cased in that
/// darker shade for light colours so the ring keeps the legend's colour)
/// when its crowd is not given but others are; its number inside when it
/// fits, else no inner text (the label then carries the number). No
/// label yet.
pub(crate) fn marker_for(
    theme: &Theme,
    number: usize,
    e: &Event,
    circle: Circle,
    colour: &str,
    max_crowd: u64,
) -> Marker {
    let m = TextMeasure;
    let num_size = theme.font_size.source;
    let r = circle.r;
    let colour = colour.to_string();
    let outline = theme.outline_for(&colour);
    let ring = e.crowd.is_none() && max_crowd > 0;
    let light = outline != theme.background;
    // The number in a ring is written in the ring's colour, or in its
    // casing's darker shade where the colour is too light to read.
    let edge = if light {
        outline.clone()
    } else {
        colour.clone()
    };
    let text = number.to_string();
    let fits = m.width(&text, num_size, Weight::Bold) <= 2.0 * r - 2.0;
    let inner = fits.then(|| {
        (
            text.clone(),
            if ring {
                edge.clone()
            } else {
                theme.text_on(&colour).to_string()
            },
        )
    });
    Marker {
        number,
        circle,
        fill: if ring {
            theme.background.clone()
        } else {
            colour.clone()
        },
        stroke: if ring {
            colour.clone()
        } else {
            outline.clone()
        },
        stroke_width: if ring { 2.0 } else { 1.0 },
        casing: (ring && light).then_some(outline),
        inner,
        label: None,
        tooltip: tooltip(number, e),
        at: None,
        dashed: false,
    }
}

/// The second line of an aggregated lane's label: "2,216 events, per month".
fn count_note(n: usize, unit: BarUnit) -> String {
    format!("{}, per {}", fmt_counted(n, "event"), unit.noun())
}

/// A "nice" number at or below `v` (1, 2, 5 × 10^k).
fn nice_floor(v: u64) -> u64 {
    if v == 0 {
        return 0;
    }
    let mut p = 1u64;
    while let Some(next) = p.checked_mul(10).filter(|&n| n <= v) {
        p = next;
    }
    [5, 2, 1]
        .iter()
        .map(|k| k * p)
        .find(|n| *n <= v)
        .unwrap_or(p)
}

/// Lays out a timeline of `events`; see the module docs.
pub fn layout_timeline(events: &[Event], opts: &TimelineOptions, theme: &Theme) -> TimelineScene {
    let events = &with_known_parties(events)[..];
    let m = TextMeasure;
    let fs = &theme.font_size;
    let width = opts.width.unwrap_or(theme.width).max(240.0);
    let margin = theme.margin;
    let inner_w = width - 2.0 * margin;
    let mut texts: Vec<TextItem> = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    let mut bands: Vec<(Rect, String)> = Vec::new();

    let dated: Vec<NaiveDate> = events.iter().filter_map(|e| e.date).collect();
    let first = dated.iter().min().copied();
    let last = dated.iter().max().copied();
    let range_text = first.zip(last).map(|(a, b)| fmt_date_range(a, b));

    let order = super::date_order(events);
    let (colours, colour_of) = colour_table(events, theme);

    // Lanes in order of first appearance. Where there are too many, the
    // busiest keep theirs (the first met among equals) and the rest share
    // "Others".
    let mut counts = Tally::default();
    for &i in &order {
        if events[i].date.is_some() {
            counts.add(lane_key(&events[i], opts.lanes, theme));
        }
    }
    let others = counts.len() > MAX_LANES;
    let mut keys = counts.busiest();
    if others {
        keys.truncate(MAX_LANES - 1);
    }
    keys.sort_by_key(|k| counts.first(k));
    let mut lane_names: Vec<String> = keys.into_iter().cloned().collect();
    if others {
        lane_names.push("Others".into());
    }
    let lane_of = |e: &Event| -> usize {
        let k = lane_key(e, opts.lanes, theme);
        lane_names
            .iter()
            .position(|n| *n == k)
            .unwrap_or(lane_names.len().saturating_sub(1))
    };

    // Lane label column.
    let show_lane_names = opts.lanes != LaneBy::None && !lane_names.is_empty();
    let col_max = (inner_w * 0.3).min(170.0);
    let mut col_w = if show_lane_names {
        lane_names
            .iter()
            .map(|n| m.width(n, fs.label, Weight::Bold).min(col_max))
            .fold(0.0, f64::max)
            .max(m.width("Others", fs.label, Weight::Bold))
            + 10.0
    } else {
        0.0
    };
    let plot_x1 = width - margin;

    let max_crowd = events
        .iter()
        .filter(|e| e.date.is_some())
        .filter_map(|e| e.crowd)
        .max()
        .unwrap_or(0);
    let r_of = |e: &Event| radius(theme, e.crowd, max_crowd);
    let pad_x = events
        .iter()
        .filter(|e| e.date.is_some())
        .map(r_of)
        .fold(0.0, f64::max)
        .max(2.0);
    let (first_d, span) = match (first, last) {
        (Some(a), Some(b)) => (a, (b - a).num_days() + 1),
        _ => (NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date"), 1),
    };

    // Per lane, per day, the events (numbers in table order).
    let mut per_lane: Vec<BTreeMap<NaiveDate, Vec<usize>>> =
        vec![BTreeMap::new(); lane_names.len()];
    for (i, e) in events.iter().enumerate() {
        if let Some(d) = e.date {
            per_lane[lane_of(e)].entry(d).or_default().push(i);
        }
    }
    // Pixels per day, and which lanes are aggregated (their markers cannot
    // all be drawn apart), for a plot starting at a given x.
    let layout_for = |plot_x0: f64| {
        // Any span fits the plot: a floor of 0.01 px a day drew the days
        // of 10,000 years 36,500 px wide.
        let ppd = ((plot_x1 - plot_x0 - 2.0 * pad_x) / span as f64).max(f64::EPSILON);
        let aggregated: Vec<bool> = per_lane
            .iter()
            .map(|days| {
                let too_tall = days.values().any(|v| v.len() > MAX_STACK);
                let max_r: Vec<(NaiveDate, f64)> = days
                    .iter()
                    .map(|(d, v)| (*d, v.iter().map(|&i| r_of(&events[i])).fold(0.0, f64::max)))
                    .collect();
                let crowded = max_r
                    .windows(2)
                    .any(|w| (w[1].0 - w[0].0).num_days() as f64 * ppd < w[0].1 + w[1].1 + 1.0);
                too_tall || crowded
            })
            .collect();
        (ppd, aggregated)
    };
    let (mut ppd, mut aggregated) = layout_for(margin + col_w);
    // An aggregated lane's label has a second line ("2,216 events, per
    // month"): the column widens to hold it, and the narrower plot is laid
    // out again.
    if show_lane_names && aggregated.contains(&true) {
        let notes_w = per_lane
            .iter()
            .map(|days| {
                let n: usize = days.values().map(Vec::len).sum();
                m.width(&count_note(n, BarUnit::Month), fs.source, Weight::Normal)
            })
            .fold(0.0, f64::max);
        let wider = (notes_w + 14.0).min(col_max + 10.0);
        if wider > col_w {
            col_w = wider;
            (ppd, aggregated) = layout_for(margin + col_w);
        }
    }
    let plot_x0 = margin + col_w;
    let x_of = |d: NaiveDate| plot_x0 + pad_x + ((d - first_d).num_days() as f64 + 0.5) * ppd;
    let bar_unit = BarUnit::for_scale(ppd);

    // Title and subtitle, wrapped.
    let dense_everywhere = !aggregated.is_empty() && aggregated.iter().all(|a| *a);
    let title = opts
        .title
        .as_deref()
        .map(clean)
        .unwrap_or_else(|| match &range_text {
            Some(r) => format!("Campaign events, {r}"),
            None => "Campaign events".to_string(),
        });
    let n_dated = dated.len();
    let subtitle = opts.subtitle.as_deref().map(clean).unwrap_or_else(|| {
        let by = match opts.lanes {
            LaneBy::Actor => " by who held them",
            LaneBy::Party => " by party",
            LaneBy::Kind => " by kind",
            LaneBy::None => "",
        };
        format!(
            "{}{by}{}",
            fmt_counted(n_dated, "event"),
            if dense_everywhere {
                format!("; bars count the events of each {}", bar_unit.noun())
            } else {
                "; circle area shows the crowd where reported".to_string()
            }
        )
    });
    let mut y = header_texts(&m, &title, &subtitle, margin, inner_w, theme, &mut texts);
    y += 14.0;

    // Lane heights.
    let label_h = m.line_height(fs.label);
    let mut lane_heights: Vec<f64> = per_lane
        .iter()
        .zip(&aggregated)
        .map(|(days, agg)| {
            if *agg {
                (label_h + m.line_height(fs.source) + 2.0 * LANE_PAD).max(44.0)
            } else {
                let tallest = days
                    .values()
                    .map(|v| {
                        v.iter().map(|&i| 2.0 * r_of(&events[i])).sum::<f64>()
                            + STACK_GAP * (v.len() as f64 - 1.0)
                    })
                    .fold(0.0, f64::max);
                (tallest + 2.0 * LANE_PAD)
                    .max(label_h + 2.0 * LANE_PAD)
                    .max(2.0 * theme.marker_min_radius + 2.0 * LANE_PAD + 8.0)
            }
        })
        .collect();

    // The rest of the layout below the lanes, measured first so a fixed
    // height can give its slack to the lanes.
    let axis = first
        .zip(last)
        .map(|(a, b)| choose_axis(a, b, &x_of, &m, fs.label));
    let below_axis = 6.0
        + label_h
        + if axis.as_ref().is_some_and(|a| !a.periods.is_empty()) {
            label_h
        } else {
            0.0
        };

    // One colour per aggregated lane, so bars do not flicker between an
    // actor's and a party's: that of most of the lane's events (the first
    // met among equals), grey for the mixed "Others".
    let lane_fill = |li: usize| {
        if others && li + 1 == lane_names.len() {
            theme.muted_text.clone()
        } else {
            let idx: Vec<usize> = per_lane[li].values().flatten().copied().collect();
            colour_of
                .get(&main_colour_key(events, &idx))
                .cloned()
                .unwrap_or_else(|| theme.default_marker.clone())
        }
    };
    // The legend lists the colours drawn: lanes of bars show one.
    let drawn: HashSet<String> = (0..per_lane.len())
        .flat_map(|li| {
            if aggregated[li] {
                vec![lane_fill(li)]
            } else {
                per_lane[li]
                    .values()
                    .flatten()
                    .filter_map(|&i| colour_of.get(&colour_key(&events[i])).cloned())
                    .collect()
            }
        })
        .collect();
    let legend_colours: Vec<(String, String)> = colours
        .iter()
        .filter(|(_, c)| drawn.contains(c))
        .cloned()
        .collect();
    let legend = legend_layout(
        &m,
        theme,
        &legend_colours,
        &SizeKey::crowd(
            theme,
            if dense_everywhere { 0 } else { max_crowd },
            events.iter(),
        ),
        inner_w,
    );
    let undated: Vec<(usize, &Event)> =
        numbered(events).filter(|(_, e)| e.date.is_none()).collect();
    let undated_lines = if undated.is_empty() {
        Vec::new()
    } else {
        let list = numbered_list(undated.iter().copied());
        m.wrap(
            &format!("Also reported, date not given: {list}."),
            fs.source,
            Weight::Normal,
            inner_w,
        )
    };
    let source_text = format!("{}. Places © GeoNames", super::source_summary(events));
    let source_lines = m.wrap(&source_text, fs.source, Weight::Normal, inner_w);
    let lanes_h: f64 = lane_heights.iter().sum();
    let tail_h = below_axis
        + 14.0
        + legend.height
        + if undated_lines.is_empty() {
            0.0
        } else {
            8.0 + undated_lines.len() as f64 * m.line_height(fs.source)
        }
        + 10.0
        + source_lines.len() as f64 * m.line_height(fs.source)
        + margin;
    if let Some(h) = opts.height {
        let slack = h - (y + lanes_h + tail_h);
        if slack > 0.0 && !lane_heights.is_empty() {
            let add = slack / lane_heights.len() as f64;
            lane_heights.iter_mut().for_each(|h| *h += add);
        }
    }

    // Lanes, bands, grid.
    let plot_top = y;
    let mut lanes = Vec::new();
    let shown_names = if show_lane_names {
        let names: Vec<&str> = lane_names.iter().map(String::as_str).collect();
        m.truncate_distinct(&names, fs.label, Weight::Bold, col_max)
    } else {
        vec![String::new(); lane_names.len()]
    };
    for (li, (name, shown)) in lane_names.iter().zip(shown_names).enumerate() {
        let h = lane_heights[li];
        if li % 2 == 0 {
            bands.push((Rect::new(margin, y, inner_w, h), theme.lane_band.clone()));
        }
        if !shown.is_empty() {
            let lines_h = if aggregated[li] {
                label_h + LINE_GAP + m.line_height(fs.source)
            } else {
                label_h
            };
            let ty = y + (h - lines_h) / 2.0;
            texts.push(text_item(
                &m,
                &shown,
                margin + 4.0,
                ty,
                fs.label,
                Weight::Bold,
                &theme.text,
                Anchor::Start,
            ));
            if aggregated[li] {
                let n: usize = per_lane[li].values().map(Vec::len).sum();
                let note = m.truncate(&count_note(n, bar_unit), fs.source, Weight::Normal, col_max);
                texts.push(text_item(
                    &m,
                    &note,
                    margin + 4.0,
                    ty + label_h + LINE_GAP,
                    fs.source,
                    Weight::Normal,
                    &theme.muted_text,
                    Anchor::Start,
                ));
            }
        }
        lanes.push(Lane {
            name: shown,
            key: name.clone(),
            y,
            h,
            aggregated: aggregated[li],
            events: per_lane[li].values().flatten().copied().collect(),
        });
        y += h;
    }
    let plot_bottom = y;
    if let Some(axis) = &axis
        && (axis.unit == TickUnit::Day || axis.unit == TickUnit::Week)
    {
        {
            for t in &axis.ticks {
                lines.push(Line {
                    from: (t.x, plot_top),
                    to: (t.x, plot_bottom),
                    colour: theme.grid.clone(),
                });
            }
        }
    }

    // Markers, stacked per day, and bars for aggregated lanes: per lane,
    // per bar unit (its first day), the events in date order.
    let mut markers: Vec<Marker> = Vec::new();
    let mut bars: Vec<Bar> = Vec::new();
    let binned: Vec<BTreeMap<NaiveDate, Vec<usize>>> = per_lane
        .iter()
        .zip(&aggregated)
        .map(|(days, a)| {
            let mut bins: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
            if *a {
                for (d, v) in days {
                    bins.entry(bar_unit.span(*d).0).or_default().extend(v);
                }
            }
            bins
        })
        .collect();
    let max_bar_count = binned
        .iter()
        .flat_map(|b| b.values().map(Vec::len))
        .max()
        .unwrap_or(1);
    // A bar spans its unit's days within the dates shown, less a gap.
    let (data_x0, data_x1) = (
        x_of(first_d) - ppd / 2.0,
        x_of(first_d) + (span as f64 - 0.5) * ppd,
    );
    for (li, days) in per_lane.iter().enumerate() {
        let lane = &lanes[li];
        if aggregated[li] {
            let fill = lane_fill(li);
            let base = lane.y + lane.h - LANE_PAD;
            let full = lane.h - 2.0 * LANE_PAD;
            for (d, v) in &binned[li] {
                let h = (full * v.len() as f64 / max_bar_count as f64).max(2.0);
                let (x0, w) = if bar_unit == BarUnit::Day {
                    let w = (ppd * 0.8).clamp(1.0, 24.0);
                    (x_of(*d) - w / 2.0, w)
                } else {
                    let last = bar_unit.span(*d).1;
                    let x0 = (x_of(*d) - ppd / 2.0).max(data_x0);
                    let x1 = (x_of(last) + ppd / 2.0).min(data_x1);
                    (x0, (x1 - x0 - 1.0).max(1.0))
                };
                let mut names: Vec<String> = v
                    .iter()
                    .take(8)
                    .map(|&i| format!("{}. {}", i + 1, clean(&events[i].place)))
                    .collect();
                if v.len() > 8 {
                    names.push(format!("and {} more", v.len() - 8));
                }
                bars.push(Bar {
                    rect: Rect::new(x0, base - h, w, h),
                    fill: fill.clone(),
                    count: v.len(),
                    tooltip: format!(
                        "{}, {}: {}\n{}",
                        lane.name,
                        bar_unit.name(*d),
                        fmt_counted(v.len(), "event"),
                        names.join(", ")
                    ),
                });
            }
            continue;
        }
        let cy_mid = lane.y + lane.h / 2.0;
        for (d, v) in days {
            let total: f64 = v.iter().map(|&i| 2.0 * r_of(&events[i])).sum::<f64>()
                + STACK_GAP * (v.len() as f64 - 1.0);
            let mut top = cy_mid - total / 2.0;
            for &i in v {
                let e = &events[i];
                let r = r_of(e);
                let colour = colour_of
                    .get(&colour_key(e))
                    .cloned()
                    .unwrap_or_else(|| theme.default_marker.clone());
                markers.push(marker_for(
                    theme,
                    i + 1,
                    e,
                    Circle {
                        cx: x_of(*d),
                        cy: top + r,
                        r,
                    },
                    &colour,
                    max_crowd,
                ));
                top += 2.0 * r + STACK_GAP;
            }
        }
    }

    // Town labels: greedy, the biggest crowds first, kept inside their lane.
    let circles: Vec<Circle> = markers.iter().map(|mk| mk.circle).collect();
    let mut obstacles: Vec<Rect> = texts.iter().map(|t| t.rect).collect();
    obstacles.extend(bars.iter().map(|b| b.rect));
    let requests: Vec<(LabelRequest, Rect, String)> = markers
        .iter()
        .map(|mk| {
            let e = &events[mk.number - 1];
            let place = clean(&e.place);
            let text = if mk.inner.is_some() {
                place
            } else {
                format!("{} {}", mk.number, place)
            };
            let lane = lanes
                .iter()
                .find(|l| mk.circle.cy >= l.y && mk.circle.cy <= l.y + l.h)
                .expect("a marker lies in its lane");
            let bounds = Rect::new(plot_x0, lane.y + 1.0, plot_x1 - plot_x0, lane.h - 2.0);
            let req = LabelRequest {
                anchor: mk.circle,
                w: m.width(&text, fs.label, Weight::Normal),
                h: label_h,
                priority: e.crowd.unwrap_or(0) as f64 + 1.0 / (mk.number as f64 + 1.0),
            };
            (req, bounds, text)
        })
        .collect();
    // Place lane by lane (bounds differ), sharing markers and obstacles.
    let mut placed_all: Vec<Rect> = Vec::new();
    for lane in &lanes {
        let idx: Vec<usize> = (0..markers.len())
            .filter(|&k| requests[k].1.y == lane.y + 1.0)
            .collect();
        if idx.is_empty() {
            continue;
        }
        let reqs: Vec<LabelRequest> = idx.iter().map(|&k| requests[k].0.clone()).collect();
        let mut obs = obstacles.clone();
        obs.extend(placed_all.iter().copied());
        let placed = labels::place(&reqs, &circles, &obs, requests[idx[0]].1, GAP);
        for (p, &k) in placed.iter().zip(&idx) {
            if let Some(p) = p {
                placed_all.push(p.rect);
                markers[k].label = Some(TextItem {
                    text: requests[k].2.clone(),
                    rect: p.rect,
                    x: p.rect.x,
                    size: fs.label,
                    weight: Weight::Normal,
                    colour: theme.text.clone(),
                    anchor: Anchor::Start,
                });
            }
        }
    }
    // Larger markers first, so small ones stay visible on top.
    markers.sort_by(|a, b| {
        b.circle
            .r
            .total_cmp(&a.circle.r)
            .then(a.number.cmp(&b.number))
    });

    // Axis line, ticks, tick labels, period labels.
    y = plot_bottom;
    if let Some(axis) = &axis {
        lines.push(Line {
            from: (plot_x0, y),
            to: (plot_x1, y),
            colour: theme.axis.clone(),
        });
        let mut last_right = f64::MIN;
        for t in &axis.ticks {
            lines.push(Line {
                from: (t.x, y),
                to: (t.x, y + 5.0),
                colour: theme.axis.clone(),
            });
            if t.label.is_empty() {
                continue;
            }
            let w = m.width(&t.label, fs.label, Weight::Normal);
            let cx = t.x.clamp(margin + w / 2.0, width - margin - w / 2.0);
            if cx - w / 2.0 < last_right + 6.0 {
                continue;
            }
            texts.push(text_item(
                &m,
                &t.label,
                cx,
                y + 6.0,
                fs.label,
                Weight::Normal,
                &theme.muted_text,
                Anchor::Middle,
            ));
            last_right = cx + w / 2.0;
        }
        let py = y + 6.0 + label_h;
        let mut last_right = f64::MIN;
        for (d, text) in &axis.periods {
            let w = m.width(text, fs.label, Weight::Bold);
            let x = (x_of(*d) - ppd / 2.0).max(plot_x0).min(width - margin - w);
            // A change too close to the previous one: keep the later.
            if x < last_right + 10.0 && texts.last().is_some_and(|prev| prev.rect.y == py) {
                texts.pop();
            }
            texts.push(text_item(
                &m,
                text,
                x,
                py,
                fs.label,
                Weight::Bold,
                &theme.text,
                Anchor::Start,
            ));
            last_right = x + w;
        }
    }
    y += below_axis + 14.0;

    // Legend, undated events, source line.
    for t in legend.texts {
        let mut t = t;
        t.rect.y += y;
        texts.push(t);
    }
    let swatches: Vec<Swatch> = legend
        .swatches
        .into_iter()
        .map(|mut s| {
            s.circle.cy += y;
            s
        })
        .collect();
    y += legend.height;
    if !undated_lines.is_empty() {
        y += 8.0;
        for l in &undated_lines {
            texts.push(text_item(
                &m,
                l,
                margin,
                y,
                fs.source,
                Weight::Normal,
                &theme.text,
                Anchor::Start,
            ));
            y += m.line_height(fs.source);
        }
    }
    y += 10.0;
    for l in &source_lines {
        texts.push(text_item(
            &m,
            l,
            margin,
            y,
            fs.source,
            Weight::Normal,
            &theme.muted_text,
            Anchor::Start,
        ));
        y += m.line_height(fs.source);
    }
    y += margin;
    let height = opts.height.map_or(y, |h| h.max(y)).ceil();

    TimelineScene {
        width,
        height,
        title,
        bands,
        lines,
        texts,
        axis,
        lanes,
        markers,
        bars,
        bar_unit,
        swatches,
    }
}

/// A legend item: swatch radius, fill, outline, outline width, text.
type LegendItem = (f64, String, String, f64, String);

pub(crate) struct Legend {
    pub(crate) texts: Vec<TextItem>,
    pub(crate) swatches: Vec<Swatch>,
    pub(crate) height: f64,
}

/// What the legend's size key explains: circle areas proportional to a
/// count, up to `max` (no key when 0), never smaller than `min_r`, headed
/// `label`; `unknown` adds the ring of an event whose crowd is not given.
pub(crate) struct SizeKey<'a> {
    pub(crate) label: &'a str,
    pub(crate) max: u64,
    pub(crate) min_r: f64,
    pub(crate) unknown: bool,
}

impl SizeKey<'_> {
    /// Crowds, up to `max_crowd`, with the ring when a dated event of
    /// `events` gives none.
    pub(crate) fn crowd<'e>(
        theme: &Theme,
        max_crowd: u64,
        mut events: impl Iterator<Item = &'e Event>,
    ) -> SizeKey<'static> {
        SizeKey {
            label: "Crowd",
            max: max_crowd,
            min_r: theme.marker_min_radius,
            unknown: max_crowd > 0 && events.any(|e| e.date.is_some() && e.crowd.is_none()),
        }
    }
}

/// The legend: one swatch per named colour, then the size key. Positions
/// are relative to the legend's top (y = 0); items flow and wrap.
pub(crate) fn legend_layout(
    m: &TextMeasure,
    theme: &Theme,
    colours: &[(String, String)],
    size: &SizeKey,
    inner_w: f64,
) -> Legend {
    let fs = theme.font_size.label;
    let label_h = m.line_height(fs);
    let x0 = theme.margin;
    let mut texts = Vec::new();
    let mut swatches = Vec::new();
    // Items: (swatch radius, fill, stroke, stroke width, text).
    let mut rows: Vec<Vec<LegendItem>> = vec![Vec::new()];
    let sw_r = 6.0;
    let shown = &colours[..colours.len().min(LEGEND_MAX)];
    let names: Vec<&str> = shown.iter().map(|(name, _)| name.as_str()).collect();
    let shorts = m.truncate_distinct(&names, fs, Weight::Normal, inner_w / 2.0);
    for ((_, c), short) in shown.iter().zip(shorts) {
        rows[0].push((sw_r, c.clone(), theme.outline_for(c), 1.0, short));
    }
    let max_crowd = size.max;
    let mut key: Vec<LegendItem> = Vec::new();
    if max_crowd > 0 {
        let big = nice_floor(max_crowd);
        let mut vals = vec![big];
        let small = nice_floor(big / 5);
        if small > 0
            && area_radius(theme, small, max_crowd, size.min_r)
                < area_radius(theme, big, max_crowd, size.min_r) - 4.0
        {
            vals.insert(0, small);
        }
        for v in vals {
            let r = area_radius(theme, v, max_crowd, size.min_r);
            key.push((r, "#BBBBBB".into(), "#888888".into(), 1.0, fmt_count(v)));
        }
    }
    if size.unknown {
        key.push((
            theme.marker_min_radius,
            theme.background.clone(),
            "#888888".into(),
            2.0,
            "crowd not given".into(),
        ));
    }
    let mut height = 0.0;
    let mut place_row = |items: &[LegendItem], prefix: Option<&str>, height: &mut f64| {
        // Flow items; wrap lines when full.
        let mut x = x0;
        let mut line: Vec<(f64, f64, &LegendItem)> = Vec::new();
        let mut prefix_item: Option<TextItem> = None;
        let flush = |line: &mut Vec<(f64, f64, &LegendItem)>,
                     prefix_item: &mut Option<TextItem>,
                     height: &mut f64,
                     texts: &mut Vec<TextItem>,
                     swatches: &mut Vec<Swatch>| {
            if line.is_empty() && prefix_item.is_none() {
                return;
            }
            let row_h = line
                .iter()
                .map(|(_, _, it)| 2.0 * it.0)
                .fold(label_h, f64::max);
            let cy = *height + row_h / 2.0;
            if let Some(mut p) = prefix_item.take() {
                p.rect.y = cy - label_h / 2.0;
                texts.push(p);
            }
            for (sx, tx, it) in line.drain(..) {
                swatches.push(Swatch {
                    circle: Circle {
                        cx: sx,
                        cy,
                        r: it.0,
                    },
                    fill: it.1.clone(),
                    stroke: it.2.clone(),
                    stroke_width: it.3,
                });
                let mut t = text_item(
                    m,
                    &it.4,
                    tx,
                    0.0,
                    fs,
                    Weight::Normal,
                    &theme.text,
                    Anchor::Start,
                );
                t.rect.y = cy - label_h / 2.0;
                texts.push(t);
            }
            *height += row_h + 4.0;
        };
        if let Some(p) = prefix {
            let t = text_item(m, p, x, 0.0, fs, Weight::Bold, &theme.text, Anchor::Start);
            x += t.rect.w + 8.0;
            prefix_item = Some(t);
        }
        for it in items {
            let tw = m.width(&it.4, fs, Weight::Normal);
            let item_w = 2.0 * it.0 + 5.0 + tw + 14.0;
            if x + item_w - 14.0 > x0 + inner_w && (!line.is_empty() || prefix_item.is_some()) {
                flush(
                    &mut line,
                    &mut prefix_item,
                    height,
                    &mut texts,
                    &mut swatches,
                );
                x = x0;
            }
            line.push((x + it.0, x + 2.0 * it.0 + 5.0, it));
            x += item_w;
        }
        flush(
            &mut line,
            &mut prefix_item,
            height,
            &mut texts,
            &mut swatches,
        );
    };
    if colours.len() > 1 || !key.is_empty() && !colours.is_empty() {
        place_row(&rows.remove(0), None, &mut height);
    }
    if !key.is_empty() {
        place_row(&key, Some(size.label), &mut height);
    }
    Legend {
        texts,
        swatches,
        height,
    }
}

/// Lays out a graphic's title and subtitle, wrapped to `width_px`, with
/// their top-left corner `margin_px` from the canvas's; returns the y
/// below them.
pub(crate) fn header_texts(
    m: &TextMeasure,
    title: &str,
    subtitle: &str,
    margin_px: f64,
    width_px: f64,
    theme: &Theme,
    texts: &mut Vec<TextItem>,
) -> f64 {
    let fs = &theme.font_size;
    let mut y = margin_px;
    for l in m.wrap(title, fs.title, Weight::Bold, width_px) {
        texts.push(text_item(
            m,
            &l,
            margin_px,
            y,
            fs.title,
            Weight::Bold,
            &theme.text,
            Anchor::Start,
        ));
        y += m.line_height(fs.title);
    }
    if !subtitle.is_empty() {
        y += 2.0;
        for l in m.wrap(subtitle, fs.subtitle, Weight::Normal, width_px) {
            texts.push(text_item(
                m,
                &l,
                margin_px,
                y,
                fs.subtitle,
                Weight::Normal,
                &theme.muted_text,
                Anchor::Start,
            ));
            y += m.line_height(fs.subtitle);
        }
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Kind;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn axis_for(first: NaiveDate, last: NaiveDate) -> Axis {
        let days = (last - first).num_days() as f64 + 1.0;
        let x_of = move |x: NaiveDate| 100.0 + ((x - first).num_days() as f64 + 0.5) * 500.0 / days;
        choose_axis(first, last, &x_of, &TextMeasure, 12.0)
    }

    #[test]
    fn ticks_suit_the_span() {
        let a = axis_for(d(2017, 6, 5), d(2017, 6, 11));
        assert_eq!(a.unit, TickUnit::Day);
        assert_eq!(a.ticks.len(), 7);
        assert_eq!(a.ticks[0].label, "Mon 5");
        assert_eq!(a.periods, vec![(d(2017, 6, 5), "June 2017".to_string())]);

        let a = axis_for(d(2017, 5, 20), d(2017, 6, 20));
        assert_eq!(a.unit, TickUnit::Week);
        assert!(a.ticks.iter().all(|t| t.date.weekday() == Weekday::Mon));
        assert_eq!(a.periods.len(), 2, "{:?}", a.periods);

        let a = axis_for(d(2016, 7, 1), d(2017, 6, 30));
        assert_eq!(a.unit, TickUnit::Month);
        assert_eq!(a.ticks.len(), 12);
        assert_eq!(a.ticks[0].label, "Jul");
        assert_eq!(
            a.periods.iter().map(|p| p.1.as_str()).collect::<Vec<_>>(),
            ["2016", "2017"]
        );

        let a = axis_for(d(2010, 3, 1), d(2017, 6, 30));
        assert_eq!(a.unit, TickUnit::Year);
        assert_eq!(a.ticks[0].label, "2011");
    }

    /// Any span gets a bounded number of ticks: the years 0 to 9999 had
    /// 10,000 (844 KB of grid lines).
    #[test]
    fn ticks_are_bounded_whatever_the_span() {
        let a = axis_for(d(0, 1, 1), d(9999, 12, 31));
        assert_eq!(a.unit, TickUnit::Year);
        let years: Vec<&str> = a.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(a.ticks.len(), 20, "{years:?}");
        assert_eq!(a.ticks[1].date, d(500, 1, 1));
        let a = axis_for(d(1990, 1, 1), d(2017, 6, 30));
        assert_eq!(a.ticks.len(), 14, "every second year");
    }

    #[test]
    fn crowded_tick_labels_thin_out() {
        let first = d(2017, 6, 1);
        let x_of = move |x: NaiveDate| ((x - first).num_days() as f64 + 0.5) * 15.0;
        let a = choose_axis(first, d(2017, 6, 14), &x_of, &TextMeasure, 12.0);
        let shown: Vec<&Tick> = a.ticks.iter().filter(|t| !t.label.is_empty()).collect();
        assert!(shown.len() < a.ticks.len());
        for w in shown.windows(2) {
            assert!(w[1].x - w[0].x >= 16.0);
        }
    }

    fn ev(place: &str, date: Option<NaiveDate>, actor: &str, crowd: Option<u64>) -> Event {
        let mut e = Event::new(place, date);
        e.actor = actor.into();
        e.kind = Kind::Rally;
        e.crowd = crowd;
        e
    }

    #[test]
    fn a_ring_keeps_its_colour_and_a_light_one_is_cased() {
        let theme = Theme::default();
        let circle = Circle {
            cx: 10.0,
            cy: 10.0,
            r: 6.0,
        };
        let no_crowd = ev("Perth", Some(d(2017, 6, 5)), "Nicola Sturgeon", None);
        let yellow = "#FDF38E";
        let ring = marker_for(&theme, 1, &no_crowd, circle, yellow, 1000);
        assert_eq!(
            (ring.fill.as_str(), ring.stroke.as_str()),
            ("#FFFFFF", yellow)
        );
        let casing = ring.casing.clone().expect("a light ring is cased");
        let dark = Rgb::parse(&casing).unwrap();
        assert!(dark.contrast(Rgb(255, 255, 255)) >= 3.0);
        assert_eq!(
            ring.inner.as_ref().map(|i| i.1.as_str()),
            Some(casing.as_str())
        );
        let svg = ring.to_svg();
        assert_eq!(svg.matches("<circle").count(), 2, "{svg}");
        assert!(svg.contains(&format!("stroke=\"{casing}\" stroke-width=\"3.5\"")));
        // A dark ring needs no casing; a filled marker never has one.
        let red = marker_for(&theme, 2, &no_crowd, circle, "#E4003B", 1000);
        assert_eq!(
            (red.stroke.as_str(), red.casing.as_ref()),
            ("#E4003B", None)
        );
        let crowd = ev("Perth", Some(d(2017, 6, 5)), "Nicola Sturgeon", Some(500));
        let filled = marker_for(&theme, 3, &crowd, circle, yellow, 1000);
        assert_eq!(
            (filled.fill.as_str(), filled.casing.as_ref()),
            (yellow, None)
        );
        assert_eq!(filled.to_svg().matches("<circle").count(), 1);
    }

    #[test]
    fn an_actor_keeps_the_party_other_rows_name() {
        let mut with = ev("Aurora", Some(d(2018, 3, 18)), "Greg Lindqvist", None);
        with.party = "Republican".into();
        let events = vec![
            ev("Quincy", Some(d(2018, 3, 12)), "Greg Lindqvist", None),
            with,
            ev("Joliet", Some(d(2018, 3, 8)), "Tom Hartwell", None),
        ];
        let filled = with_known_parties(&events);
        let parties: Vec<&str> = filled.iter().map(|e| e.party.as_str()).collect();
        assert_eq!(parties, ["Republican", "Republican", ""]);
        // One colour for the candidate, and the table left as it was.
        let (_, colour_of) = colour_table(&filled, &Theme::default());
        assert_eq!(
            colour_of.get("Republican").map(String::as_str),
            Some("#E81B23")
        );
        assert_eq!(events[0].party, "");
        assert!(matches!(with_known_parties(&events[2..]), Cow::Borrowed(_)));
    }

    #[test]
    fn palette_colours_like_a_party_colour_come_last() {
        let theme = Theme::default();
        let mut tory = ev("Bolton", Some(d(2017, 6, 1)), "", None);
        tory.party = "Conservative".into();
        let mut events = vec![tory];
        let actors = ["Ann", "Bob", "Cy", "Di", "Ed"];
        for (i, who) in actors.iter().enumerate() {
            events.push(ev("Leeds", Some(d(2017, 6, 2 + i as u32)), who, None));
        }
        let (_, colour_of) = colour_table(&events, &theme);
        let conservative = Rgb::parse("#0087DC").unwrap();
        for who in actors {
            let c = Rgb::parse(&colour_of[who]).unwrap();
            assert!(c.distance(&conservative) >= CLASH_DISTANCE, "{who}: {c:?}");
        }
        // Okabe-Ito's blue (#0072B2, the fifth) is passed over.
        assert_eq!(colour_of["Ed"], theme.palette[5], "{colour_of:?}");
    }

    #[test]
    fn marker_area_is_proportional_to_the_crowd() {
        let t = Theme::default();
        let events = vec![
            ev("A", Some(d(2017, 6, 5)), "X", Some(1000)),
            ev("B", Some(d(2017, 6, 6)), "X", Some(4000)),
        ];
        let s = layout_timeline(&events, &TimelineOptions::default(), &t);
        let r = |n: usize| s.markers.iter().find(|m| m.number == n).unwrap().circle.r;
        assert!((r(2) / r(1) - 2.0).abs() < 1e-9);
        assert_eq!(r(2), t.marker_max_radius);
    }

    #[test]
    fn same_day_events_stack_and_undated_are_listed() {
        let day = Some(d(2017, 6, 6));
        let events = vec![
            ev("Barry", day, "Labour", None),
            ev("Brighton", day, "Labour", None),
            ev("Glasgow", None, "Labour", None),
        ];
        let s = layout_timeline(&events, &TimelineOptions::default(), &Theme::default());
        assert_eq!(s.markers.len(), 2);
        let (a, b) = (&s.markers[0].circle, &s.markers[1].circle);
        assert_eq!(a.cx, b.cx);
        assert!((a.cy - b.cy).abs() >= a.r + b.r);
        assert!(s.texts.iter().any(|t| {
            t.text
                .contains("Also reported, date not given: 3. Glasgow (Labour)")
        }));
    }

    #[test]
    fn a_table_without_dates_still_lists_every_event() {
        let events = vec![
            ev("Barry", None, "Labour", None),
            ev("Leeds", None, "", None),
        ];
        let s = layout_timeline(&events, &TimelineOptions::default(), &Theme::default());
        assert!(s.axis.is_none() && s.markers.is_empty());
        let all: String = s
            .texts
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(all.contains("1. Barry (Labour), 2. Leeds."), "{all}");
    }

    #[test]
    fn dense_lanes_aggregate_into_day_counts() {
        let mut events = Vec::new();
        for i in 0..400 {
            let date = d(2017, 1, 1) + Duration::days(i % 200);
            events.push(ev(&format!("T{i}"), Some(date), "Busy", None));
        }
        let s = layout_timeline(&events, &TimelineOptions::default(), &Theme::default());
        assert!(s.lanes[0].aggregated);
        assert!(s.markers.is_empty());
        assert_eq!(s.bars.iter().map(|b| b.count).sum::<usize>(), 400);
    }

    #[test]
    fn text_boxes_stay_on_the_canvas_and_apart() {
        let day = Some(d(2017, 6, 6));
        let events = vec![
            ev("Birmingham", day, "Jeremy Corbyn", Some(6000)),
            ev("Barry", day, "Labour", None),
            ev("Brighton", day, "Labour", None),
            ev("Gateshead", Some(d(2017, 6, 5)), "Jeremy Corbyn", None),
        ];
        for width in [640.0, 360.0] {
            let opts = TimelineOptions {
                width: Some(width),
                ..Default::default()
            };
            let s = layout_timeline(&events, &opts, &Theme::default());
            let canvas = Rect::new(0.0, 0.0, s.width, s.height);
            let boxes = s.text_boxes();
            for (i, a) in boxes.iter().enumerate() {
                assert!(canvas.contains(a), "{a:?} leaves {canvas:?}");
                for b in &boxes[i + 1..] {
                    assert!(!a.intersects(b), "{a:?} meets {b:?}");
                }
            }
        }
    }
}
