//! Timeline layout: every decision as plain data, before any drawing.
//!
//! [`layout_timeline`] turns events, [`TimelineOptions`], the theme and
//! text metrics into a [`TimelineScene`]: the canvas size, text items with
//! their boxes, lane bands, axis ticks, markers (centre, radius, colour,
//! number, label) and per-day count bars for lanes too dense to draw
//! event by event. All positions are pixels, y pointing down. Nothing here
//! knows SVG; `draw` only draws what the scene says.

use super::axis::{Axis, TickUnit, choose_axis};
use super::{Bar, BarUnit, Lane, LaneBy, TimelineOptions, TimelineScene};
use crate::event::Event;
use crate::render::colour::{Tally, colour_key, colour_table, main_colour_key, with_known_parties};
use crate::render::labels::{self, LabelRequest};
use crate::render::legend::{Legend, SizeKey, legend_layout};
use crate::render::scene::{
    Anchor, Circle, Line, Marker, Rect, Swatch, TextItem, header_texts, marker_for, radius,
    text_item,
};
use crate::render::text::{TextMeasure, Weight};
use crate::render::theme::Theme;
use crate::render::{
    clean, date_order, fmt_counted, fmt_date_range, numbered, numbered_list, source_summary, who,
};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Space between two lines of one label (a lane's name and its note), in
/// pixels at the default width: browsers' line boxes are taller than the
/// font's, so stacked lines need air to stay apart when scaled down.
const LINE_GAP: f64 = 3.0;

const GAP: f64 = 4.0;
const LANE_PAD: f64 = 6.0;
const STACK_GAP: f64 = 2.0;
const MAX_LANES: usize = 12;
const MAX_STACK: usize = 6;

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

/// The second line of an aggregated lane's label: "2,216 events, per month".
fn count_note(n: usize, unit: BarUnit) -> String {
    format!("{}, per {}", fmt_counted(n, "event"), unit.noun())
}

/// What every step of a timeline's layout works from: the events (their
/// parties filled in), the options and theme, and the page's measures.
struct Page<'a> {
    events: &'a [Event],
    opts: &'a TimelineOptions,
    theme: &'a Theme,
    m: TextMeasure,
    width: f64,
    margin: f64,
    inner_w: f64,
    label_h: f64,
    /// The largest crowd of a dated event (0 when none is given).
    max_crowd: u64,
}

/// The lanes: their names in order (the last "Others" when there were too
/// many), and per lane, per day, the dated events (indices in the table).
struct LaneSet {
    names: Vec<String>,
    others: bool,
    per_lane: Vec<BTreeMap<NaiveDate, Vec<usize>>>,
}

/// Where dates go across the plot.
struct Scale {
    plot_x0: f64,
    plot_x1: f64,
    pad_x: f64,
    first_d: NaiveDate,
    /// Days shown, inclusive.
    span: i64,
    /// Pixels per day.
    ppd: f64,
    /// Per lane, whether it shows counts (its markers cannot all be drawn
    /// apart).
    aggregated: Vec<bool>,
}

impl Scale {
    fn x_of(&self, d: NaiveDate) -> f64 {
        self.plot_x0 + self.pad_x + ((d - self.first_d).num_days() as f64 + 0.5) * self.ppd
    }
}

/// What goes under the lanes, measured before the lanes are placed so
/// that a fixed height can give its slack to them.
struct Foot {
    legend: Legend,
    undated_lines: Vec<String>,
    source_lines: Vec<String>,
    below_axis: f64,
}

/// Lays out a timeline of `events`; see the module docs.
pub fn layout_timeline(events: &[Event], opts: &TimelineOptions, theme: &Theme) -> TimelineScene {
    let events = &with_known_parties(events)[..];
    let m = TextMeasure;
    let width = opts.width.unwrap_or(theme.width).max(240.0);
    let page = Page {
        events,
        opts,
        theme,
        m,
        width,
        margin: theme.margin,
        inner_w: width - 2.0 * theme.margin,
        label_h: m.line_height(theme.font_size.label),
        max_crowd: events
            .iter()
            .filter(|e| e.date.is_some())
            .filter_map(|e| e.crowd)
            .max()
            .unwrap_or(0),
    };
    let dated: Vec<NaiveDate> = events.iter().filter_map(|e| e.date).collect();
    let first = dated.iter().min().copied();
    let last = dated.iter().max().copied();
    let colours = colour_table(events, theme);
    let lanes = page.lanes();
    // The axis spans the events and the marked days.
    let marked = opts.marks.iter().map(|k| k.date);
    let span = first
        .into_iter()
        .chain(marked.clone())
        .min()
        .zip(last.into_iter().chain(marked).max());
    let scale = page.scale(&lanes, span);
    let bar_unit = BarUnit::for_scale(scale.ppd);
    let dense_everywhere = !scale.aggregated.is_empty() && scale.aggregated.iter().all(|a| *a);
    let (title, subtitle) = page.titles(first.zip(last), dated.len(), dense_everywhere, bar_unit);
    let mut texts: Vec<TextItem> = Vec::new();
    let mut y = header_texts(
        &m,
        &title,
        &subtitle,
        page.margin,
        page.inner_w,
        theme,
        &mut texts,
    );
    y += 14.0;
    // A row for the labels of the marked days.
    let marks_y = y;
    if !opts.marks.is_empty() {
        y += page.label_h + 2.0;
    }
    let axis = span.map(|(a, b)| choose_axis(a, b, &|d| scale.x_of(d), &m, theme.font_size.label));
    let fills = page.lane_fills(&lanes, &colours.1);
    let foot = page.foot(&lanes, &scale, &colours, &fills, dense_everywhere, &axis);
    let heights = page.lane_heights(&lanes, &scale.aggregated, y, &foot);
    let plot_top = y;
    let (lane_v, bands, plot_bottom) =
        page.place_lanes(&lanes, &scale, &heights, bar_unit, y, &mut texts);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(axis) = &axis
        && (axis.unit == TickUnit::Day || axis.unit == TickUnit::Week)
    {
        for t in &axis.ticks {
            lines.push(Line {
                from: (t.x, plot_top),
                to: (t.x, plot_bottom),
                colour: theme.grid.clone(),
            });
        }
    }
    page.reference_marks(&scale, (marks_y, plot_bottom), &mut lines, &mut texts);
    let bars = page.bars(&lanes, &lane_v, &scale, bar_unit, &fills);
    let mut markers = page.markers(&lanes, &lane_v, &scale, &colours.1);
    let omitted = page.label_markers(&mut markers, &lane_v, &scale, &texts, &bars);
    // Larger markers first, so small ones stay visible on top.
    markers.sort_by(|a, b| {
        b.circle
            .r
            .total_cmp(&a.circle.r)
            .then(a.number.cmp(&b.number))
    });
    if let Some(axis) = &axis {
        page.axis_marks(axis, &scale, plot_bottom, &mut lines, &mut texts);
    }
    let y = plot_bottom + (foot.below_axis + 14.0);
    let (swatches, y) = page.place_foot(foot, omitted, y, &mut texts);
    let height = opts.height.map_or(y, |h| h.max(y)).ceil();
    TimelineScene {
        width,
        height,
        title,
        bands,
        lines,
        texts,
        axis,
        lanes: lane_v,
        markers,
        bars,
        bar_unit,
        swatches,
    }
}

impl Page<'_> {
    /// A dated event's marker radius.
    fn r_of(&self, e: &Event) -> f64 {
        radius(self.theme, e.crowd, self.max_crowd)
    }

    /// Lanes in order of first appearance. Where there are too many, the
    /// busiest keep theirs (the first met among equals) and the rest share
    /// "Others".
    fn lanes(&self) -> LaneSet {
        let (events, by, theme) = (self.events, self.opts.lanes, self.theme);
        let mut counts = Tally::default();
        for i in date_order(events) {
            if events[i].date.is_some() {
                counts.add(lane_key(&events[i], by, theme));
            }
        }
        let others = counts.len() > MAX_LANES;
        let mut keys = counts.busiest();
        if others {
            keys.truncate(MAX_LANES - 1);
        }
        keys.sort_by_key(|k| counts.first(k));
        let mut names: Vec<String> = keys.into_iter().cloned().collect();
        if others {
            names.push("Others".into());
        }
        let mut per_lane: Vec<BTreeMap<NaiveDate, Vec<usize>>> = vec![BTreeMap::new(); names.len()];
        for (i, e) in events.iter().enumerate() {
            if let Some(d) = e.date {
                let k = lane_key(e, by, theme);
                let lane = names
                    .iter()
                    .position(|n| *n == k)
                    .unwrap_or(names.len().saturating_sub(1));
                per_lane[lane].entry(d).or_default().push(i);
            }
        }
        LaneSet {
            names,
            others,
            per_lane,
        }
    }

    /// Whether lane names are shown, and the widest a name may be.
    fn name_column(&self, lanes: &LaneSet) -> (bool, f64) {
        let show = self.opts.lanes != LaneBy::None && !lanes.names.is_empty();
        (show, (self.inner_w * 0.3).min(170.0))
    }

    /// The time scale of the plot beside the lane-name column, with the
    /// lanes that must show counts.
    fn scale(&self, lanes: &LaneSet, range: Option<(NaiveDate, NaiveDate)>) -> Scale {
        let (m, fs) = (&self.m, &self.theme.font_size);
        let (show_names, col_max) = self.name_column(lanes);
        let mut col_w = if show_names {
            lanes
                .names
                .iter()
                .map(|n| m.width(n, fs.label, Weight::Bold).min(col_max))
                .fold(0.0, f64::max)
                .max(m.width("Others", fs.label, Weight::Bold))
                + 10.0
        } else {
            0.0
        };
        let pad_x = self
            .events
            .iter()
            .filter(|e| e.date.is_some())
            .map(|e| self.r_of(e))
            .fold(0.0, f64::max)
            .max(2.0);
        let (first_d, span) = match range {
            Some((a, b)) => (a, (b - a).num_days() + 1),
            _ => (NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date"), 1),
        };
        let plot_x1 = self.width - self.margin;
        let scale_for = |col_w: f64| {
            let plot_x0 = self.margin + col_w;
            // Any span fits the plot: a floor of 0.01 px a day drew the
            // days of 10,000 years 36,500 px wide.
            let ppd = ((plot_x1 - plot_x0 - 2.0 * pad_x) / span as f64).max(f64::EPSILON);
            Scale {
                plot_x0,
                plot_x1,
                pad_x,
                first_d,
                span,
                ppd,
                aggregated: self.aggregated(lanes, ppd),
            }
        };
        let mut scale = scale_for(col_w);
        // An aggregated lane's label has a second line ("2,216 events, per
        // month"): the column widens to hold it, and the narrower plot is
        // laid out again.
        if show_names && scale.aggregated.contains(&true) {
            let notes_w = lanes
                .per_lane
                .iter()
                .map(|days| {
                    let n: usize = days.values().map(Vec::len).sum();
                    m.width(&count_note(n, BarUnit::Month), fs.source, Weight::Normal)
                })
                .fold(0.0, f64::max);
            let wider = (notes_w + 14.0).min(col_max + 10.0);
            if wider > col_w {
                col_w = wider;
                scale = scale_for(col_w);
            }
        }
        scale
    }

    /// Per lane, whether its markers cannot all be drawn apart at `ppd`
    /// pixels per day (too many on a day, or neighbouring days too close).
    fn aggregated(&self, lanes: &LaneSet, ppd: f64) -> Vec<bool> {
        lanes
            .per_lane
            .iter()
            .map(|days| {
                let too_tall = days.values().any(|v| v.len() > MAX_STACK);
                let max_r: Vec<(NaiveDate, f64)> = days
                    .iter()
                    .map(|(d, v)| {
                        let r = v.iter().map(|&i| self.r_of(&self.events[i]));
                        (*d, r.fold(0.0, f64::max))
                    })
                    .collect();
                let crowded = max_r
                    .windows(2)
                    .any(|w| (w[1].0 - w[0].0).num_days() as f64 * ppd < w[0].1 + w[1].1 + 1.0);
                too_tall || crowded
            })
            .collect()
    }

    /// The title and subtitle, the options' or dated defaults.
    fn titles(
        &self,
        range: Option<(NaiveDate, NaiveDate)>,
        n_dated: usize,
        dense_everywhere: bool,
        bar_unit: BarUnit,
    ) -> (String, String) {
        let opts = self.opts;
        let title = opts.title.as_deref().map(clean).unwrap_or_else(|| {
            match range.map(|(a, b)| fmt_date_range(a, b)) {
                Some(r) => format!("Campaign events, {r}"),
                None => "Campaign events".to_string(),
            }
        });
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
        (title, subtitle)
    }

    /// One colour per lane of bars, so bars do not flicker between an
    /// actor's and a party's: that of most of the lane's events (the
    /// first met among equals), grey for the mixed "Others".
    fn lane_fills(&self, lanes: &LaneSet, colour_of: &HashMap<String, String>) -> Vec<String> {
        let theme = self.theme;
        (0..lanes.names.len())
            .map(|li| {
                if lanes.others && li + 1 == lanes.names.len() {
                    theme.muted_text.clone()
                } else {
                    let idx: Vec<usize> = lanes.per_lane[li].values().flatten().copied().collect();
                    colour_of
                        .get(&main_colour_key(self.events, &idx))
                        .cloned()
                        .unwrap_or_else(|| theme.default_marker.clone())
                }
            })
            .collect()
    }

    /// The legend (of the colours drawn: a lane of bars shows one), the
    /// list of undated events and the source line, measured.
    fn foot(
        &self,
        lanes: &LaneSet,
        scale: &Scale,
        (colours, colour_of): &(Vec<(String, String)>, HashMap<String, String>),
        fills: &[String],
        dense_everywhere: bool,
        axis: &Option<Axis>,
    ) -> Foot {
        let (m, fs, events) = (&self.m, &self.theme.font_size, self.events);
        let drawn: HashSet<String> = (0..lanes.per_lane.len())
            .flat_map(|li| {
                if scale.aggregated[li] {
                    vec![fills[li].clone()]
                } else {
                    lanes.per_lane[li]
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
        let max_crowd = if dense_everywhere { 0 } else { self.max_crowd };
        let size_key = SizeKey::crowd(self.theme, max_crowd, events.iter());
        let legend = legend_layout(m, self.theme, &legend_colours, &size_key, self.inner_w);
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
                self.inner_w,
            )
        };
        let source_text = format!("{}. Places © GeoNames", source_summary(events));
        let source_lines = m.wrap(&source_text, fs.source, Weight::Normal, self.inner_w);
        let below_axis = 6.0
            + self.label_h
            + if axis.as_ref().is_some_and(|a| !a.periods.is_empty()) {
                self.label_h
            } else {
                0.0
            }
            + if axis.as_ref().is_some_and(weekday_row) {
                self.label_h
            } else {
                0.0
            };
        Foot {
            legend,
            undated_lines,
            source_lines,
            below_axis,
        }
    }

    /// The height of the foot, from the axis line to the bottom margin.
    fn foot_height(&self, foot: &Foot) -> f64 {
        let line_h = self.m.line_height(self.theme.font_size.source);
        foot.below_axis
            + 14.0
            + foot.legend.height
            + if foot.undated_lines.is_empty() {
                0.0
            } else {
                8.0 + foot.undated_lines.len() as f64 * line_h
            }
            + 10.0
            + foot.source_lines.len() as f64 * line_h
            + self.margin
    }

    /// Each lane's height: its tallest stack of markers, or two lines of
    /// label for a lane of bars; a fixed canvas height shares its slack
    /// among the lanes (the lanes start at `top`).
    fn lane_heights(
        &self,
        lanes: &LaneSet,
        aggregated: &[bool],
        top: f64,
        foot: &Foot,
    ) -> Vec<f64> {
        let (m, fs, theme) = (&self.m, &self.theme.font_size, self.theme);
        let mut heights: Vec<f64> = lanes
            .per_lane
            .iter()
            .zip(aggregated)
            .map(|(days, agg)| {
                if *agg {
                    (self.label_h + m.line_height(fs.source) + 2.0 * LANE_PAD).max(44.0)
                } else {
                    let tallest = days
                        .values()
                        .map(|v| {
                            v.iter()
                                .map(|&i| 2.0 * self.r_of(&self.events[i]))
                                .sum::<f64>()
                                + STACK_GAP * (v.len() as f64 - 1.0)
                        })
                        .fold(0.0, f64::max);
                    (tallest + 2.0 * LANE_PAD)
                        .max(self.label_h + 2.0 * LANE_PAD)
                        .max(2.0 * theme.marker_min_radius + 2.0 * LANE_PAD + 8.0)
                }
            })
            .collect();
        if let Some(h) = self.opts.height {
            let lanes_h: f64 = heights.iter().sum();
            let slack = h - (top + lanes_h + self.foot_height(foot));
            if slack > 0.0 && !heights.is_empty() {
                let add = slack / heights.len() as f64;
                heights.iter_mut().for_each(|h| *h += add);
            }
        }
        heights
    }

    /// The lanes from `y` down, with their alternate bands and their
    /// names (and count notes) in the column at the left.
    /// Returns the lanes, the bands and the y below the last lane.
    fn place_lanes(
        &self,
        lanes: &LaneSet,
        scale: &Scale,
        heights: &[f64],
        bar_unit: BarUnit,
        mut y: f64,
        texts: &mut Vec<TextItem>,
    ) -> (Vec<Lane>, Vec<(Rect, String)>, f64) {
        let (m, fs, theme, margin) = (&self.m, &self.theme.font_size, self.theme, self.margin);
        let (show_names, col_max) = self.name_column(lanes);
        let shown_names = if show_names {
            let names: Vec<&str> = lanes.names.iter().map(String::as_str).collect();
            m.truncate_distinct(&names, fs.label, Weight::Bold, col_max)
        } else {
            vec![String::new(); lanes.names.len()]
        };
        let mut placed = Vec::new();
        let mut bands = Vec::new();
        for (li, (name, shown)) in lanes.names.iter().zip(shown_names).enumerate() {
            let h = heights[li];
            let aggregated = scale.aggregated[li];
            if li % 2 == 0 {
                bands.push((
                    Rect::new(margin, y, self.inner_w, h),
                    theme.lane_band.clone(),
                ));
            }
            if !shown.is_empty() {
                let lines_h = if aggregated {
                    self.label_h + LINE_GAP + m.line_height(fs.source)
                } else {
                    self.label_h
                };
                let ty = y + (h - lines_h) / 2.0;
                let x = margin + 4.0;
                texts.push(text_item(
                    m,
                    &shown,
                    x,
                    ty,
                    fs.label,
                    Weight::Bold,
                    &theme.text,
                    Anchor::Start,
                ));
                if aggregated {
                    let n: usize = lanes.per_lane[li].values().map(Vec::len).sum();
                    let note =
                        m.truncate(&count_note(n, bar_unit), fs.source, Weight::Normal, col_max);
                    let ty = ty + self.label_h + LINE_GAP;
                    texts.push(text_item(
                        m,
                        &note,
                        x,
                        ty,
                        fs.source,
                        Weight::Normal,
                        &theme.muted_text,
                        Anchor::Start,
                    ));
                }
            }
            placed.push(Lane {
                name: shown,
                key: name.clone(),
                y,
                h,
                aggregated,
                events: lanes.per_lane[li].values().flatten().copied().collect(),
            });
            y += h;
        }
        (placed, bands, y)
    }

    /// The count bars of the lanes that show counts: per lane, per bar
    /// unit (its first day), the events, as tall as their count.
    fn bars(
        &self,
        lanes: &LaneSet,
        placed: &[Lane],
        scale: &Scale,
        bar_unit: BarUnit,
        fills: &[String],
    ) -> Vec<Bar> {
        let binned: Vec<BTreeMap<NaiveDate, Vec<usize>>> = lanes
            .per_lane
            .iter()
            .zip(&scale.aggregated)
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
        let mut bars = Vec::new();
        for (li, lane) in placed.iter().enumerate() {
            if !scale.aggregated[li] {
                continue;
            }
            let base = lane.y + lane.h - LANE_PAD;
            let full = lane.h - 2.0 * LANE_PAD;
            for (d, v) in &binned[li] {
                let h = (full * v.len() as f64 / max_bar_count as f64).max(2.0);
                let (x0, w) = bar_span(scale, bar_unit, *d);
                bars.push(Bar {
                    rect: Rect::new(x0, base - h, w, h),
                    fill: fills[li].clone(),
                    count: v.len(),
                    tooltip: self.bar_tooltip(&lane.name, bar_unit, *d, v),
                });
            }
        }
        bars
    }

    /// A bar's tooltip: lane, unit, count, and the first events.
    fn bar_tooltip(&self, lane: &str, bar_unit: BarUnit, d: NaiveDate, v: &[usize]) -> String {
        let mut names: Vec<String> = v
            .iter()
            .take(8)
            .map(|&i| format!("{}. {}", i + 1, clean(&self.events[i].place)))
            .collect();
        if v.len() > 8 {
            names.push(format!("and {} more", v.len() - 8));
        }
        format!(
            "{lane}, {}: {}\n{}",
            bar_unit.name(d),
            fmt_counted(v.len(), "event"),
            names.join(", ")
        )
    }

    /// The markers of the lanes that show events, stacked per day.
    fn markers(
        &self,
        lanes: &LaneSet,
        placed: &[Lane],
        scale: &Scale,
        colour_of: &HashMap<String, String>,
    ) -> Vec<Marker> {
        let mut markers = Vec::new();
        for (li, days) in lanes.per_lane.iter().enumerate() {
            if scale.aggregated[li] {
                continue;
            }
            let lane = &placed[li];
            let cy_mid = lane.y + lane.h / 2.0;
            for (d, v) in days {
                let total: f64 = v
                    .iter()
                    .map(|&i| 2.0 * self.r_of(&self.events[i]))
                    .sum::<f64>()
                    + STACK_GAP * (v.len() as f64 - 1.0);
                let mut top = cy_mid - total / 2.0;
                for &i in v {
                    let e = &self.events[i];
                    let r = self.r_of(e);
                    let colour = colour_of
                        .get(&colour_key(e))
                        .cloned()
                        .unwrap_or_else(|| self.theme.default_marker.clone());
                    let circle = Circle {
                        cx: scale.x_of(*d),
                        cy: top + r,
                        r,
                    };
                    let mk = marker_for(self.theme, i + 1, e, circle, &colour, self.max_crowd);
                    markers.push(mk);
                    top += 2.0 * r + STACK_GAP;
                }
            }
        }
        markers
    }

    /// Town labels: greedy, the biggest crowds first, each kept inside
    /// its lane, clear of `texts`, `bars` and every marker. Returns how
    /// many found no room.
    fn label_markers(
        &self,
        markers: &mut [Marker],
        placed: &[Lane],
        scale: &Scale,
        texts: &[TextItem],
        bars: &[Bar],
    ) -> usize {
        let mut omitted = 0;
        let (m, fs) = (&self.m, &self.theme.font_size);
        let circles: Vec<Circle> = markers.iter().map(|mk| mk.circle).collect();
        let mut obstacles: Vec<Rect> = texts.iter().map(|t| t.rect).collect();
        obstacles.extend(bars.iter().map(|b| b.rect));
        let requests: Vec<(LabelRequest, Rect, String)> = markers
            .iter()
            .map(|mk| {
                let e = &self.events[mk.number - 1];
                let place = clean(&e.place);
                let text = if mk.inner.is_some() {
                    place
                } else {
                    format!("{} {}", mk.number, place)
                };
                let lane = placed
                    .iter()
                    .find(|l| mk.circle.cy >= l.y && mk.circle.cy <= l.y + l.h)
                    .expect("a marker lies in its lane");
                let (x0, x1) = (scale.plot_x0, scale.plot_x1);
                let bounds = Rect::new(x0, lane.y + 1.0, x1 - x0, lane.h - 2.0);
                let req = LabelRequest {
                    anchor: mk.circle,
                    w: m.width(&text, fs.label, Weight::Normal),
                    h: self.label_h,
                    priority: e.crowd.unwrap_or(0) as f64 + 1.0 / (mk.number as f64 + 1.0),
                };
                (req, bounds, text)
            })
            .collect();
        // Place lane by lane (bounds differ), sharing markers and obstacles.
        let mut placed_all: Vec<Rect> = Vec::new();
        for lane in placed {
            let idx: Vec<usize> = (0..markers.len())
                .filter(|&k| requests[k].1.y == lane.y + 1.0)
                .collect();
            if idx.is_empty() {
                continue;
            }
            let reqs: Vec<LabelRequest> = idx.iter().map(|&k| requests[k].0.clone()).collect();
            let mut obs = obstacles.clone();
            obs.extend(placed_all.iter().copied());
            let found = labels::place(&reqs, &circles, &obs, requests[idx[0]].1, GAP);
            for (p, &k) in found.iter().zip(&idx) {
                omitted += usize::from(p.is_none());
                if let Some(p) = p {
                    placed_all.push(p.rect);
                    markers[k].label = Some(TextItem {
                        text: requests[k].2.clone(),
                        rect: p.rect,
                        x: p.rect.x,
                        size: fs.label,
                        weight: Weight::Normal,
                        colour: self.theme.text.clone(),
                        anchor: Anchor::Start,
                    });
                }
            }
        }
        omitted
    }

    /// The marked days: a thin line from the row of their labels (at
    /// `top`) down to the axis (at `bottom`), each label centred on its
    /// line within the plot; a label that would touch the one before is
    /// left out.
    fn reference_marks(
        &self,
        scale: &Scale,
        (top, bottom): (f64, f64),
        lines: &mut Vec<Line>,
        texts: &mut Vec<TextItem>,
    ) {
        let (m, size, theme) = (&self.m, self.theme.font_size.label, self.theme);
        let mut marks = self.opts.marks.clone();
        marks.sort_by_key(|k| k.date);
        let mut last_right = f64::MIN;
        for k in &marks {
            let x = scale.x_of(k.date);
            let w = m.width(&k.label, size, Weight::Bold);
            let cx = x.clamp(scale.plot_x0 + w / 2.0, scale.plot_x1 - w / 2.0);
            let label = !k.label.is_empty() && cx - w / 2.0 >= last_right + 6.0;
            lines.push(Line {
                from: (x, if label { top + self.label_h } else { top }),
                to: (x, bottom),
                colour: theme.text.clone(),
            });
            if label {
                let t = text_item(
                    m,
                    &k.label,
                    cx,
                    top,
                    size,
                    Weight::Bold,
                    &theme.text,
                    Anchor::Middle,
                );
                texts.push(t);
                last_right = cx + w / 2.0;
            }
        }
    }

    /// The axis line at `y`, its ticks, tick labels and period labels.
    fn axis_marks(
        &self,
        axis: &Axis,
        scale: &Scale,
        y: f64,
        lines: &mut Vec<Line>,
        texts: &mut Vec<TextItem>,
    ) {
        let (m, fs, theme) = (&self.m, &self.theme.font_size, self.theme);
        lines.push(Line {
            from: (scale.plot_x0, y),
            to: (scale.plot_x1, y),
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
            let w = m.width(&t.label, fs.label, Weight::Normal).max(m.width(
                &t.weekday,
                fs.label,
                Weight::Normal,
            ));
            let cx =
                t.x.clamp(self.margin + w / 2.0, self.width - self.margin - w / 2.0);
            if cx - w / 2.0 < last_right + 6.0 {
                continue;
            }
            let colour = &theme.muted_text;
            let ty = y + 6.0;
            texts.push(text_item(
                m,
                &t.label,
                cx,
                ty,
                fs.label,
                Weight::Normal,
                colour,
                Anchor::Middle,
            ));
            if !t.weekday.is_empty() {
                texts.push(text_item(
                    m,
                    &t.weekday,
                    cx,
                    ty + self.label_h,
                    fs.label,
                    Weight::Normal,
                    colour,
                    Anchor::Middle,
                ));
            }
            last_right = cx + w / 2.0;
        }
        let rows = if weekday_row(axis) { 2.0 } else { 1.0 };
        let py = y + 6.0 + rows * self.label_h;
        let mut last_right = f64::MIN;
        for (d, text) in &axis.periods {
            let w = m.width(text, fs.label, Weight::Bold);
            let x = (scale.x_of(*d) - scale.ppd / 2.0)
                .max(scale.plot_x0)
                .min(self.width - self.margin - w);
            // A change too close to the previous one: keep the later.
            if x < last_right + 10.0 && texts.last().is_some_and(|prev| prev.rect.y == py) {
                texts.pop();
            }
            texts.push(text_item(
                m,
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

    /// The legend, the undated events and the source line from `y` down;
    /// returns the legend circles and the canvas height the content needs.
    fn place_foot(
        &self,
        foot: Foot,
        omitted: usize,
        mut y: f64,
        texts: &mut Vec<TextItem>,
    ) -> (Vec<Swatch>, f64) {
        let (m, fs, theme) = (&self.m, &self.theme.font_size, self.theme);
        let swatches;
        (swatches, y) = foot.legend.place_at(y, texts);
        let mut block = |lines: &[String], colour: &str, y: &mut f64| {
            for l in lines {
                let t = text_item(
                    m,
                    l,
                    self.margin,
                    *y,
                    fs.source,
                    Weight::Normal,
                    colour,
                    Anchor::Start,
                );
                texts.push(t);
                *y += m.line_height(fs.source);
            }
        };
        let mut notes = foot.undated_lines;
        if omitted > 0 {
            let note = format!(
                "{} omitted for lack of room; the events table lists every event.",
                fmt_counted(omitted, "town label")
            );
            notes.extend(m.wrap(&note, fs.source, Weight::Normal, self.inner_w));
        }
        if !notes.is_empty() {
            y += 8.0;
            block(&notes, &theme.text, &mut y);
        }
        y += 10.0;
        block(&foot.source_lines, &theme.muted_text, &mut y);
        (swatches, y + self.margin)
    }
}

/// Whether the axis writes weekdays on a second line under the days.
fn weekday_row(axis: &Axis) -> bool {
    axis.ticks.iter().any(|t| !t.weekday.is_empty())
}

/// A count bar's left edge and width: a day's bar is centred on its day;
/// a longer unit's spans its days within the dates shown, less a gap.
fn bar_span(scale: &Scale, bar_unit: BarUnit, d: NaiveDate) -> (f64, f64) {
    let ppd = scale.ppd;
    if bar_unit == BarUnit::Day {
        let w = (ppd * 0.8).clamp(1.0, 24.0);
        (scale.x_of(d) - w / 2.0, w)
    } else {
        let (data_x0, data_x1) = (
            scale.x_of(scale.first_d) - ppd / 2.0,
            scale.x_of(scale.first_d) + (scale.span as f64 - 0.5) * ppd,
        );
        let last = bar_unit.span(d).1;
        let x0 = (scale.x_of(d) - ppd / 2.0).max(data_x0);
        let x1 = (scale.x_of(last) + ppd / 2.0).min(data_x1);
        (x0, (x1 - x0 - 1.0).max(1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{d, ev};
    use chrono::Duration;

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

    #[test]
    fn a_marked_day_gets_a_labelled_line_on_the_axis() {
        let events = vec![
            ev("Barry", Some(d(2017, 6, 5)), "Labour", None),
            ev("Leeds", Some(d(2017, 6, 7)), "Labour", None),
        ];
        let opts = TimelineOptions {
            marks: vec!["2017-06-08=Polling day".parse().unwrap()],
            ..Default::default()
        };
        let s = layout_timeline(&events, &opts, &Theme::default());
        let axis = s.axis.as_ref().unwrap();
        assert_eq!(axis.ticks.last().unwrap().date, d(2017, 6, 8));
        let label = s.texts.iter().find(|t| t.text == "Polling day").unwrap();
        let x = axis.ticks.last().unwrap().x;
        assert!(
            s.lines
                .iter()
                .any(|l| l.from.0 == x && l.to.0 == x && l.from.1 > label.rect.y)
        );
        assert!("8 June".parse::<crate::render::Mark>().is_err());
        let bare: crate::render::Mark = "2017-06-08".parse().unwrap();
        assert_eq!(bare.label, "");
    }
}
