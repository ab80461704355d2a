//! What a map draws at its places: one circle per place (the events of a
//! place share it, its label lists their numbers), sized and styled as on
//! the timeline, dashed where the extractor was unsure; and each person's
//! route through their stops.

use super::Trail;
use super::places::{self, PlaceEvents};
use crate::event::Event;
use crate::render::colour::colour_key;
use crate::render::scene::{Circle, Marker, Rect, marker_for};
use crate::render::text::{TextMeasure, Weight};
use crate::render::theme::Theme;
use crate::render::{clean, fmt_counted, tooltip};
use std::collections::{BTreeMap, HashMap};

/// A circle of the map: every event at one place.
pub(super) struct Spot {
    /// The number of the place's first event.
    pub(super) number: usize,
    /// Where (lon, lat).
    pub(super) lonlat: (f64, f64),
    /// What the circle's area shows: the largest crowd of the place's
    /// events, or on a map by place its number of events.
    pub(super) size: Option<u64>,
    /// The colour key (see `colour_key`).
    pub(super) key: String,
}

impl Spot {
    pub(super) fn of(events: &[Event], p: &PlaceEvents, by_place: bool) -> Spot {
        Spot {
            number: p.events[0] + 1,
            lonlat: p.lonlat,
            size: if by_place {
                Some(p.events.len() as u64)
            } else {
                p.events.iter().filter_map(|&i| events[i].crowd).max()
            },
            key: p.colour_key.clone(),
        }
    }
}

/// The order markers are drawn in: larger first, so small ones stay
/// visible on top; then by number.
pub(super) fn drawing_order(a: &Marker, b: &Marker) -> std::cmp::Ordering {
    b.circle
        .r
        .total_cmp(&a.circle.r)
        .then(a.number.cmp(&b.number))
}

/// Drops the number inside a marker (its label then carries it) where a
/// marker drawn over it would cover it, or where it would touch a number
/// kept inside another: markers stay on their places, so close places
/// overlap.
pub(super) fn drop_covered_numbers(markers: &mut [Marker], size: f64) {
    let m = TextMeasure;
    let mut order: Vec<usize> = (0..markers.len()).collect();
    order.sort_by(|&a, &b| drawing_order(&markers[a], &markers[b]));
    let mut kept: Vec<Rect> = Vec::new();
    for (pos, &k) in order.iter().enumerate() {
        let Some((text, _)) = &markers[k].inner else {
            continue;
        };
        let w = m.width(text, size, Weight::Bold);
        let c = markers[k].circle;
        let b = Rect::new(c.cx - w / 2.0, c.cy - 0.6 * size, w, 1.2 * size);
        let covered = order[pos + 1..]
            .iter()
            .any(|&j| markers[j].circle.intersects(&b));
        if covered || kept.iter().any(|r| r.intersects(&b)) {
            markers[k].inner = None;
        } else {
            kept.push(b);
        }
    }
}

/// Events the extractor was less sure of than this (their `confidence`,
/// 0 to 1) are drawn with a dashed outline, and the map says what the
/// dash means. The extractor gives 0.75 or more to an event whose date
/// and place it read directly; a hand-edited row without a confidence
/// counts as sure (1).
pub const UNCERTAIN_BELOW: f64 = 0.6;

/// The most event numbers a place's label lists ("London 9 · 16 · 31");
/// a place of more events is labelled with their count.
const LISTED_NUMBERS: usize = 4;

/// A marker's label: on a map by place the place's name; otherwise the
/// name after the number when the marker has no room for it inside, and
/// the numbers of a place of several events ("London 9 · 16 · 31", or
/// "London, 7 events").
pub(super) fn label_text(p: &PlaceEvents, mk: &Marker, by_place: bool) -> String {
    let place = clean(&p.place);
    match p.events.len() {
        _ if by_place => place,
        1 if mk.inner.is_some() => place,
        1 => format!("{} {place}", mk.number),
        n if n <= LISTED_NUMBERS => {
            let numbers: Vec<String> = p.events.iter().map(|i| (i + 1).to_string()).collect();
            format!("{place} {}", numbers.join(" · "))
        }
        n => format!("{place}, {}", fmt_counted(n, "event")),
    }
}

/// The marker of a place's events on a map of numbered events: one event
/// is drawn as on the timeline, its number inside; several share one
/// circle as large as their largest crowd (a ring when none is given), in
/// the colour of most of them, without a number inside (the label lists
/// them), and a tooltip naming each. Where every event of the place is
/// uncertain, the outline is dashed (in the text colour on a filled
/// circle, whose white outline would not show a dash).
pub(super) fn events_marker(
    theme: &Theme,
    events: &[Event],
    p: &PlaceEvents,
    circle: Circle,
    colour: &str,
    max_crowd: u64,
) -> Marker {
    let largest = p
        .events
        .iter()
        .copied()
        .max_by_key(|&i| (events[i].crowd, std::cmp::Reverse(i)))
        .expect("a place has events");
    let number = p.events[0] + 1;
    let marker = marker_for(theme, number, &events[largest], circle, colour, max_crowd);
    let marker = if p
        .events
        .iter()
        .all(|&i| events[i].confidence < UNCERTAIN_BELOW)
    {
        let filled = marker.fill != theme.background;
        Marker {
            dashed: true,
            stroke: if filled {
                theme.text.clone()
            } else {
                marker.stroke.clone()
            },
            ..marker
        }
    } else {
        marker
    };
    if p.events.len() == 1 {
        return marker;
    }
    let tooltip: Vec<String> = p
        .events
        .iter()
        .map(|&i| tooltip(i + 1, &events[i]))
        .collect();
    Marker {
        number,
        inner: None,
        tooltip: tooltip.join("\n"),
        ..marker
    }
}

/// Each person's route through the markers of their stops, in date order
/// (a party moves through no route of its own, so it gets none).
pub(super) fn trails(
    events: &[Event],
    places: &[PlaceEvents],
    markers: &[Marker],
    colour_of: &HashMap<String, String>,
    theme: &Theme,
) -> Vec<Trail> {
    // Every event of a person, with the marker of its place.
    let mut by_who: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (k, p) in places.iter().enumerate() {
        for &i in &p.events {
            let actor = clean(&events[i].actor);
            if !actor.is_empty() && theme.party_colour(&actor).is_none() {
                by_who.entry(actor).or_default().push((i, k));
            }
        }
    }
    let mut trails = Vec::new();
    for (name, mut stops) in by_who {
        stops.sort_by_key(|&(i, _)| (events[i].date.is_none(), events[i].date, i));
        stops.dedup_by_key(|s| s.1);
        if stops.len() < 2 {
            continue;
        }
        let points: Vec<(f64, f64)> = stops
            .iter()
            .map(|&(_, k)| (markers[k].circle.cx, markers[k].circle.cy))
            .collect();
        let colour = colour_of
            .get(&colour_key(&events[stops[0].0]))
            .cloned()
            .unwrap_or_else(|| theme.default_marker.clone());
        let mut arrows = Vec::new();
        for (w, pair) in stops.windows(2).enumerate() {
            let (a, b) = (points[w], points[w + 1]);
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let len = dx.hypot(dy);
            let (ra, rb) = (markers[pair[0].1].circle.r, markers[pair[1].1].circle.r);
            // An arrowhead half way along the visible part of the leg,
            // where the direction is known: stops of one day have no
            // order in the table, so their legs carry no arrow.
            if events[pair[0].0].date != events[pair[1].0].date && len > ra + rb + 14.0 {
                let t = (ra + (len - ra - rb) / 2.0 + 4.0) / len;
                arrows.push(((a.0 + dx * t, a.1 + dy * t), dy.atan2(dx)));
            }
        }
        trails.push(Trail {
            who: name,
            points,
            colour,
            arrows,
        });
    }
    trails
}

/// A place's marker: filled in the colour of who held most of its events,
/// with a thin outline, no number (it stands for many events) and the
/// place's tooltip.
pub(super) fn place_marker(
    theme: &Theme,
    p: &PlaceEvents,
    number: usize,
    circle: Circle,
    colour: String,
) -> Marker {
    Marker {
        number,
        circle,
        stroke: theme.outline_for(&colour),
        fill: colour,
        stroke_width: 1.0,
        casing: None,
        inner: None,
        label: None,
        tooltip: places::tooltip(p),
        at: None,
        dashed: false,
    }
}
