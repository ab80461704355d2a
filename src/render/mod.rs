//! Rendering: events to publishable SVG documents.
//!
//! Made in the manner of usvg and resvg: a layout step turns events,
//! options, the [`theme::Theme`] and text metrics into a plain-data scene
//! (every pixel position decided, testable without drawing), and a drawing
//! step writes the scene as SVG through one escaping writer (`svg`),
//! into a document fit to publish: responsive `viewBox`, `<title>` and
//! `<desc>` first, `role="img"`, numbers at fixed precision, and a
//! `<title>` tooltip on every marker.
//!
//! - [`scene`]: the vocabulary both graphics share (text items, markers,
//!   swatches, lines) and the look of a marker; [`colour`]: who gets which
//!   colour; [`legend`]: the legend both draw; [`labels`]: placing labels
//!   without overlap; [`text`]: text metrics; [`theme`]: the house style.
//! - [`timeline`] and [`map`]: each graphic's own layout (axis, or extent
//!   and basemap) and drawing.
//! - Here: the numbering rule ([`numbered`]) and the wording of tooltips,
//!   notes and text alternatives ([`tooltip`], [`describe`]), shared by
//!   both graphics.
//!
//! Renderers read events only: nothing here imports the gazetteer, place
//! recognition, extraction or articles.

pub mod colour;
pub mod labels;
pub mod legend;
pub mod map;
pub mod politicians;
pub mod scene;
mod svg;
pub mod text;
pub mod theme;
pub mod timeline;

pub use map::{Extent, MapError, MapOptions, render_map};
pub use theme::Theme;
pub use timeline::{LaneBy, Mark, TimelineOptions, render_timeline};

use crate::event::Event;
use chrono::{Datelike, NaiveDate};
use std::fmt::Write as _;
pub(crate) use svg::Document;

/// The width, in CSS pixels, of an article column on a phone.
pub const PHONE_WIDTH: f64 = 360.0;

/// The smallest a text may render in a phone's column, in CSS pixels.
pub const PHONE_MIN_TEXT_PX: f64 = 10.0;

/// Shown at or below this width, in CSS pixels, a graphic laid out wider
/// swaps in its phone rendition, laid out with every font grown by one
/// factor.
pub const PHONE_MAX_WIDTH: f64 = 480.0;

/// The style sheet that shows a graphic's phone rendition (`ph`) instead
/// of its wide one (`dk`) at or below [`PHONE_MAX_WIDTH`]: an `<img>` of
/// the SVG evaluates the media query against its own width, an inline
/// SVG against the page's.
pub(crate) fn phone_css() -> String {
    format!(
        ".ph{{display:none}}@media (max-width:{}px){{.dk{{display:none}}.ph{{display:inline}}}}",
        PHONE_MAX_WIDTH
    )
}

/// The scenes a graphic `width` pixels wide is drawn as, with their
/// themes. Up to [`PHONE_MAX_WIDTH`], one. Wider, scaled down to a
/// phone's column it would shrink its text below
/// [`PHONE_MIN_TEXT_PX`]: then a second scene, laid out at the same
/// width with the phone theme ([`Theme::for_phone`]), follows the first;
/// both are laid out again as tall as the taller (`layout` takes a
/// height, the content deciding when `None`), so that they share one
/// `viewBox`, and [`phone_css`] swaps them.
pub(crate) fn renditions<S, E>(
    width: f64,
    theme: &Theme,
    height: Option<f64>,
    layout: impl Fn(&Theme, Option<f64>) -> Result<S, E>,
    height_of: impl Fn(&S) -> f64,
) -> Result<Vec<(S, Theme)>, E> {
    let wide = layout(theme, height)?;
    if width <= PHONE_MAX_WIDTH {
        return Ok(vec![(wide, theme.clone())]);
    }
    let phone_theme = theme.for_phone(width);
    let phone = layout(&phone_theme, height)?;
    let h = height_of(&wide).max(height_of(&phone));
    let fit = |s: S, t: &Theme| {
        if height_of(&s) < h {
            layout(t, Some(h))
        } else {
            Ok(s)
        }
    };
    let wide = fit(wide, theme)?;
    let phone = fit(phone, &phone_theme)?;
    Ok(vec![(wide, theme.clone()), (phone, phone_theme)])
}

/// The numbers events carry on every graphic: an event's number is its
/// 1-based position in the events table as given (the extractor writes the
/// table sorted by date, then place). The map and the timeline both use
/// this function, so the same event has the same number on both.
pub fn numbered(events: &[Event]) -> impl Iterator<Item = (usize, &Event)> {
    events.iter().enumerate().map(|(i, e)| (i + 1, e))
}

/// Indices of `events` in date order: dated events by date, then number;
/// undated events after them, by number.
pub fn date_order(events: &[Event]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..events.len()).collect();
    idx.sort_by_key(|&i| (events[i].date.is_none(), events[i].date, i));
    idx
}

/// Replaces characters XML cannot carry (controls, lone surrogates are
/// impossible in `str`) and line breaks by spaces, and collapses runs of
/// white space: every string from input passes here before layout.
pub fn clean(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A number at the fixed precision of every output: at most two
/// decimals, trailing zeros dropped, no negative zero.
pub fn fmt_num(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".to_string() } else { s }
}

/// A count with its noun: `1 event`, `12,000 events`.
pub fn fmt_counted(n: usize, noun: &str) -> String {
    format!(
        "{} {noun}{}",
        fmt_count(n as u64),
        if n == 1 { "" } else { "s" }
    )
}

/// `6000` as `6,000`.
pub fn fmt_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The full English month name of a date.
pub fn month_name(d: NaiveDate) -> &'static str {
    MONTHS[d.month0() as usize]
}

/// `Tue 6 June 2017`.
pub fn fmt_date_long(d: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        d.format("%a"),
        d.day(),
        month_name(d),
        d.year()
    )
}

/// A date range as a newsroom writes it: `6 June 2017`, `5–7 June 2017`,
/// `30 May – 2 June 2017`, `30 December 2016 – 2 January 2017`.
pub fn fmt_date_range(first: NaiveDate, last: NaiveDate) -> String {
    let (a, b) = (first.min(last), first.max(last));
    if a == b {
        format!("{} {} {}", a.day(), month_name(a), a.year())
    } else if a.year() != b.year() {
        format!(
            "{} {} {} – {} {} {}",
            a.day(),
            month_name(a),
            a.year(),
            b.day(),
            month_name(b),
            b.year()
        )
    } else if a.month() != b.month() {
        format!(
            "{} {} – {} {} {}",
            a.day(),
            month_name(a),
            b.day(),
            month_name(b),
            b.year()
        )
    } else {
        format!("{}–{} {} {}", a.day(), b.day(), month_name(b), b.year())
    }
}

/// Who held an event, as the graphics name it: the actor, else the party.
pub fn who(e: &Event) -> String {
    let a = clean(&e.actor);
    if a.is_empty() { clean(&e.party) } else { a }
}

/// Numbered events as the notes under a graphic list them: "3. Leeds
/// (Theresa May), 7. Hull".
pub fn numbered_list<'e>(items: impl IntoIterator<Item = (usize, &'e Event)>) -> String {
    items
        .into_iter()
        .map(|(n, e)| {
            let w = who(e);
            if w.is_empty() {
                format!("{n}. {}", clean(&e.place))
            } else {
                format!("{n}. {} ({w})", clean(&e.place))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The tooltip of one event's marker: number, town, date, actor, kind,
/// crowd and source count, on two lines.
pub fn tooltip(number: usize, e: &Event) -> String {
    let date = e
        .date
        .map_or_else(|| "date not given".to_string(), fmt_date_long);
    let mut second = String::new();
    let w = who(e);
    if !w.is_empty() {
        second.push_str(&w);
        second.push(' ');
    }
    second.push_str(e.kind.as_str());
    match e.crowd {
        Some(c) => write!(second, ", crowd {}", fmt_count(c)).unwrap(),
        None => second.push_str(", crowd not given"),
    }
    let n = e.sources.len();
    if n > 0 {
        write!(second, ", {n} source{}", if n == 1 { "" } else { "s" }).unwrap();
    }
    format!("{number}. {}, {date}\n{second}", clean(&e.place))
}

/// The text alternative: a sentence on what is shown, then every event in
/// date order (number, town, date, actor, kind, crowd), undated ones last.
pub fn describe(what: &str, events: &[Event]) -> String {
    describe_counted(what, events, &[], "day")
}

/// [`describe`], where the graphic shows some groups of events as counts
/// per `unit` of time (a timeline's dense lanes: (name, event indices)):
/// each such group is summed up (its events, dates and busiest day)
/// instead of listed, so that a corpus's graphic stays small; the table
/// lists them.
pub fn describe_counted(
    what: &str,
    events: &[Event],
    counted: &[(&str, &[usize])],
    unit: &str,
) -> String {
    let mut out = clean(what);
    let skip: std::collections::HashSet<usize> = counted
        .iter()
        .flat_map(|(_, idx)| idx.iter().copied())
        .collect();
    let order: Vec<usize> = date_order(events)
        .into_iter()
        .filter(|i| !skip.contains(i))
        .collect();
    let dated: Vec<NaiveDate> = events.iter().filter_map(|e| e.date).collect();
    if let (Some(a), Some(b)) = (dated.iter().min(), dated.iter().max()) {
        write!(
            out,
            " {}, {}.",
            fmt_counted(events.len(), "event"),
            fmt_date_range(*a, *b)
        )
        .unwrap();
    } else {
        write!(out, " {} events.", fmt_count(events.len() as u64)).unwrap();
    }
    if !counted.is_empty() {
        write!(
            out,
            " Shown as counts per {unit} (the events table lists each):"
        )
        .unwrap();
    }
    for (name, idx) in counted {
        let mut per_day: std::collections::BTreeMap<NaiveDate, usize> = Default::default();
        for d in idx.iter().filter_map(|&i| events[i].date) {
            *per_day.entry(d).or_default() += 1;
        }
        let name = clean(name);
        write!(
            out,
            " {}: {}",
            if name.is_empty() { "All" } else { &name },
            fmt_counted(idx.len(), "event")
        )
        .unwrap();
        let first = per_day.keys().next().copied();
        let last = per_day.keys().next_back().copied();
        if let Some((a, b)) = first.zip(last) {
            write!(out, ", {}", fmt_date_range(a, b)).unwrap();
        }
        // The busiest day; the first of equals.
        if let Some((d, k)) = per_day.iter().rev().max_by_key(|(_, k)| **k)
            && *k > 1
        {
            write!(out, ", most on {} ({k})", fmt_date_long(*d)).unwrap();
        }
        out.push('.');
    }
    if !order.is_empty() {
        out.push_str(if counted.is_empty() {
            " In date order:"
        } else {
            " Other events in date order:"
        });
    }
    for i in order {
        let e = &events[i];
        let t = tooltip(i + 1, e).replace('\n', ": ");
        write!(out, " {t}.").unwrap();
    }
    out
}

/// Where the events come from, for the source line: `Events extracted
/// from 12 articles, 5–8 June 2017` (`Source: events table` when no
/// article is named), without a final period.
pub fn source_summary(events: &[Event]) -> String {
    let sources: std::collections::BTreeSet<&str> = events
        .iter()
        .flat_map(|e| e.sources.iter().map(String::as_str))
        .collect();
    let mut s = match sources.len() {
        0 => "Source: events table".to_string(),
        1 => "Events extracted from 1 article".to_string(),
        n => format!("Events extracted from {} articles", fmt_count(n as u64)),
    };
    let dated: Vec<NaiveDate> = events.iter().filter_map(|e| e.date).collect();
    if let (Some(a), Some(b)) = (dated.iter().min(), dated.iter().max()) {
        s.push_str(", ");
        s.push_str(&fmt_date_range(*a, *b));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_fixed_precision() {
        assert_eq!(fmt_num(12.000000000000002), "12");
        assert_eq!(fmt_num(1.23456), "1.23");
        assert_eq!(fmt_num(-0.001), "0");
        assert_eq!(fmt_num(0.5), "0.5");
        assert_eq!(fmt_count(6000), "6,000");
        assert_eq!(fmt_count(1234567), "1,234,567");
        assert_eq!(fmt_count(999), "999");
    }

    #[test]
    fn date_ranges_read_like_a_newsroom() {
        let d = |m, day| NaiveDate::from_ymd_opt(2017, m, day).unwrap();
        assert_eq!(fmt_date_range(d(6, 5), d(6, 7)), "5–7 June 2017");
        assert_eq!(fmt_date_range(d(5, 30), d(6, 2)), "30 May – 2 June 2017");
        assert_eq!(fmt_date_range(d(6, 6), d(6, 6)), "6 June 2017");
        let y = NaiveDate::from_ymd_opt(2016, 12, 30).unwrap();
        assert_eq!(
            fmt_date_range(y, d(1, 2)),
            "30 December 2016 – 2 January 2017"
        );
    }

    #[test]
    fn numbering_is_table_order_and_desc_is_date_order() {
        let d = |day| NaiveDate::from_ymd_opt(2017, 6, day);
        let events = vec![
            Event::new("Barry", d(6)),
            Event::new("Glasgow", None),
            Event::new("Gateshead", d(5)),
        ];
        let nums: Vec<usize> = numbered(&events).map(|(n, _)| n).collect();
        assert_eq!(nums, [1, 2, 3]);
        assert_eq!(date_order(&events), [2, 0, 1]);
        let desc = describe("Timeline.", &events);
        let g = desc.find("3. Gateshead").unwrap();
        let b = desc.find("1. Barry").unwrap();
        let u = desc.find("2. Glasgow, date not given").unwrap();
        assert!(g < b && b < u, "{desc}");
    }
}

/// Events for the renderers' tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::event::{Event, Kind};
    use chrono::NaiveDate;

    /// A day.
    pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A rally of `actor` at `place`.
    pub(crate) fn ev(
        place: &str,
        date: Option<NaiveDate>,
        actor: &str,
        crowd: Option<u64>,
    ) -> Event {
        let mut e = Event::new(place, date);
        e.actor = actor.into();
        e.kind = Kind::Rally;
        e.crowd = crowd;
        e
    }
}
