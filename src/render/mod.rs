//! Rendering: events to publishable SVG documents.
//!
//! Both graphics are made in three steps. A layout module turns events,
//! options, the [`theme::Theme`] and text metrics into a plain-data scene
//! (every pixel position decided, testable without drawing); a drawing
//! module draws the scene with plotters' SVG backend; and [`finish`] turns
//! plotters' output into a document fit to publish: responsive `viewBox`,
//! `<title>` and `<desc>` first, `role="img"`, numbers at fixed precision,
//! and the markers with one `<title>` tooltip each (plotters cannot emit
//! `<title>` children, so marker groups are written here, see
//! [`marker_svg`]).
//!
//! Shared with the map: the numbering rule ([`numbered`]), the tooltip and
//! text-alternative wording ([`tooltip`], [`describe`]), escaping, and the
//! finishing step.

pub mod basemap;
pub mod labels;
pub mod layout;
pub mod map;
pub mod map_extent;
pub mod map_layout;
pub mod places;
pub mod politicians;
pub mod text;
pub mod theme;
pub mod timeline;

pub use layout::{LaneBy, TimelineOptions};
pub use map::{Extent, MapError, MapOptions, render_map};
pub use theme::Theme;
pub use timeline::render_timeline;

use crate::event::Event;
use chrono::{Datelike, NaiveDate};
use std::fmt::Write as _;

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

/// Escapes text content for XML (`&`, `<`, `>`; `>` so that `]]>` can
/// never appear) after [`clean`]ing it.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes an attribute value for XML (text escapes plus both quotes).
pub fn escape_attr(s: &str) -> String {
    escape_text(s)
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
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

/// One marker to inject into the finished document, with its tooltip.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkerSvg {
    /// Centre x, pixels.
    pub cx: f64,
    /// Centre y, pixels.
    pub cy: f64,
    /// Radius, pixels.
    pub r: f64,
    /// Fill colour.
    pub fill: String,
    /// Outline colour.
    pub stroke: String,
    /// Outline width, pixels.
    pub stroke_width: f64,
    /// A darker edge on both sides of the outline, 1.5 px wider in all.
    pub casing: Option<String>,
    /// Text centred on the marker (its number), with its colour and size.
    pub inner: Option<(String, String, f64)>,
    /// Tooltip text (plain; escaped here).
    pub tooltip: String,
    /// The projected point of a map marker's place, written as `data-x`
    /// and `data-y`.
    pub at: Option<(f64, f64)>,
    /// A dashed outline (an uncertain place or date).
    pub dashed: bool,
    /// A label beside the marker: text, left x, top y, size, colour.
    pub label: Option<(String, f64, f64, f64, String)>,
}

/// How much wider a marker's casing is than its outline: 0.75 px on each
/// side.
const CASING_PX: f64 = 1.5;

/// Writes a marker as `<g class="mk"><title>…</title><circle/>…</g>`.
///
/// Text baselines follow one rule everywhere: a text box of height
/// `1.2 × size` whose top is `y` has its baseline at `y + 0.95 × size`,
/// so the browser's glyph box (ascent 0.93 em, descent 0.24 em for DejaVu
/// Sans, less for Arial) stays inside the box the layout reserved.
pub fn marker_svg(m: &MarkerSvg) -> String {
    let mut s = String::new();
    s.push_str("<g class=\"mk\"");
    if let Some((x, y)) = m.at {
        write!(s, " data-x=\"{}\" data-y=\"{}\"", fmt_num(x), fmt_num(y)).unwrap();
    }
    write!(s, "><title>{}</title>", escape_text(&m.tooltip)).unwrap();
    let dash = if m.dashed {
        " stroke-dasharray=\"3 2\""
    } else {
        ""
    };
    let circle = |s: &mut String, fill: &str, stroke: &str, width: f64| {
        write!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{dash}/>",
            fmt_num(m.cx),
            fmt_num(m.cy),
            fmt_num(m.r),
            escape_attr(fill),
            escape_attr(stroke),
            fmt_num(width)
        )
        .unwrap();
    };
    match &m.casing {
        Some(casing) => {
            circle(&mut s, &m.fill, casing, m.stroke_width + CASING_PX);
            circle(&mut s, "none", &m.stroke, m.stroke_width);
        }
        None => circle(&mut s, &m.fill, &m.stroke, m.stroke_width),
    }
    if let Some((t, colour, size)) = &m.inner {
        write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\" font-weight=\"bold\" fill=\"{}\">{}</text>",
            fmt_num(m.cx),
            fmt_num(m.cy + 0.36 * size),
            fmt_num(*size),
            escape_attr(colour),
            escape_text(t)
        )
        .unwrap();
    }
    if let Some((t, x, y, size, colour)) = &m.label {
        write!(
            s,
            "<text class=\"lbl\" x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\">{}</text>",
            fmt_num(*x),
            fmt_num(y + 0.95 * size),
            fmt_num(*size),
            escape_attr(colour),
            escape_text(t)
        )
        .unwrap();
    }
    s.push_str("</g>\n");
    s
}

/// What the finished document says about itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Canvas width in pixels (the viewBox width).
    pub width: f64,
    /// Canvas height in pixels.
    pub height: f64,
    /// The accessible name (`<title>`): the graphic's title.
    pub title: String,
    /// The text alternative (`<desc>`).
    pub desc: String,
    /// The font stack, set once on the root.
    pub font_family: String,
    /// CSS for a `<style>` element (media rules for small screens).
    pub css: String,
}

/// Finishes plotters' SVG: replaces its root element by a responsive,
/// accessible one (`viewBox`, no fixed size, `role="img"`,
/// `aria-labelledby` pointing at `<title>` and `<desc>`, which come
/// first), rewrites every numeric attribute at fixed precision, and
/// appends `overlay` (already-escaped SVG, e.g. from [`marker_svg`]).
pub fn finish(plotters_svg: &str, overlay: &str, doc: &Document) -> String {
    let id = {
        // Stable ids, distinct between graphics inlined in one page.
        let mut h: u64 = 0xcbf29ce484222325;
        for b in doc.title.bytes().chain(doc.desc.bytes()) {
            h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
        }
        format!("tm{:08x}", h as u32)
    };
    let mut out = String::with_capacity(plotters_svg.len() + overlay.len() + 1024);
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" font-family=\"{}\">",
        fmt_num(doc.width),
        fmt_num(doc.height),
        escape_attr(&doc.font_family)
    )
    .unwrap();
    writeln!(
        out,
        "<title id=\"{id}-t\">{}</title>",
        escape_text(&doc.title)
    )
    .unwrap();
    writeln!(out, "<desc id=\"{id}-d\">{}</desc>", escape_text(&doc.desc)).unwrap();
    if !doc.css.is_empty() {
        writeln!(out, "<style>{}</style>", escape_text(&doc.css)).unwrap();
    }
    out.push_str(&normalise_body(plotters_svg));
    out.push_str(overlay);
    out.push_str("</svg>\n");
    out
}

/// Plotters' markup without its root element, with numeric attribute
/// values at fixed precision and the per-element `font-family` dropped
/// (the root carries it).
fn normalise_body(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    // Drop the root start tag and the closing tag.
    if let Some(start) = rest.find("<svg")
        && let Some(end) = rest[start..].find('>')
    {
        rest = &rest[start + end + 1..];
    }
    let rest = rest.trim_start_matches('\n');
    let rest = rest.trim_end().strip_suffix("</svg>").unwrap_or(rest);
    let mut chars = rest;
    while let Some(lt) = chars.find('<') {
        out.push_str(&chars[..lt]);
        let Some(gt) = chars[lt..].find('>') else {
            out.push_str(&chars[lt..]);
            chars = "";
            break;
        };
        out.push_str(&normalise_tag(&chars[lt..lt + gt + 1]));
        chars = &chars[lt + gt + 1..];
    }
    out.push_str(chars);
    // Plotters puts text content on its own lines; join them.
    out.replace(">\n", ">")
        .replace("\n<", "<")
        .replace("><", ">\n<")
        + "\n"
}

fn normalise_tag(tag: &str) -> String {
    let mut out = String::with_capacity(tag.len());
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let name_start = rest[..eq].rfind(' ').map_or(0, |i| i + 1);
        let name = &rest[name_start..eq];
        let after = &rest[eq + 2..];
        let Some(q) = after.find('"') else { break };
        let value = &after[..q];
        if name == "font-family" || (name == "opacity" && value == "1") {
            out.push_str(rest[..name_start].trim_end_matches(' '));
        } else {
            out.push_str(&rest[..eq + 2]);
            match value.parse::<f64>() {
                Ok(v) if v.is_finite() => out.push_str(&fmt_num(v)),
                _ => out.push_str(value),
            }
            out.push('"');
        }
        rest = &after[q + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_controls() {
        assert_eq!(escape_text("a<b>&]]>"), "a&lt;b&gt;&amp;]]&gt;");
        assert_eq!(escape_attr("\"x' onload=1"), "&quot;x&apos; onload=1");
        assert_eq!(escape_text("a\u{0}b\u{1b}\nc"), "a b c");
    }

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

    #[test]
    fn finish_makes_a_responsive_accessible_root() {
        let plotters = "<svg width=\"640\" height=\"400\" viewBox=\"0 0 640 400\" xmlns=\"http://www.w3.org/2000/svg\">\n<text x=\"1\" y=\"2\" font-family=\"X\" font-size=\"12.000000000000002\" opacity=\"1\" fill=\"#000000\">\nA &amp; B\n</text>\n</svg>\n";
        let doc = Document {
            width: 640.0,
            height: 400.0,
            title: "T <x>".into(),
            desc: "D".into(),
            font_family: "DejaVu Sans, Arial, sans-serif".into(),
            css: String::new(),
        };
        let out = finish(plotters, "", &doc);
        assert!(out.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 400\" role=\"img\""
        ));
        assert!(!out.contains("width=\"640\""));
        assert!(out.contains("<title id=\"") && out.contains(">T &lt;x&gt;</title>"));
        assert!(
            out.contains(
                "<text x=\"1\" y=\"2\" font-size=\"12\" fill=\"#000000\">A &amp; B</text>"
            ),
            "{out}"
        );
        assert_eq!(out.matches("<svg").count(), 1);
        assert!(out.ends_with("</svg>\n"));
    }
}
