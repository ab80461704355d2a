//! Map layout: every decision as plain data, before any drawing.
//!
//! [`layout_map`] turns events, [`MapOptions`] and the theme into a
//! [`MapScene`]: the extent and its projection fitted to a frame, the
//! basemap cut to that frame, one marker per place (sized and coloured as
//! on the timeline, drawn exactly where its place projects: a marker is a
//! statement of where something happened, so markers never move), labels
//! placed without overlap (they move, with leader lines where set off),
//! the scale bar, the legend and the notes. Events outside the extent are
//! counted in a note (see [`super::map_extent`]). All positions are
//! pixels, y pointing down; `map.rs` only draws what the scene says.
//!
//! The events of one place share its marker, which lists their numbers
//! in its label ("London 9 · 16 · 31"). A table of more events than
//! [`MAX_EVENT_MARKERS`] (a whole corpus), or any table with
//! [`MapOptions::by_place`], is drawn by place instead: each circle's area
//! shows how many events were held there (see [`super::places`]).

use super::basemap::{self, Detail};
use super::labels::{self, Circle, LabelRequest, PlaceOptions, Rect};
use super::layout::{
    Anchor, Line, Marker, SizeKey, Swatch, TextItem, area_radius, colour_key, colour_table,
    header_texts, legend_layout, marker_for, radius, text_item, with_known_parties,
};
use super::map_extent;
use super::numbered_list;
use super::places::{self, PlaceEvents};
use super::text::{TextMeasure, Weight};
use super::theme::Theme;
use super::{clean, fmt_count, fmt_counted, fmt_date_range, numbered, source_summary};
use crate::event::Event;
use crate::projection::{self, GeoBox, GeoBoxExt, Viewport};
use geo::{Coord, Intersects};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The attribution every map carries.
pub const ATTRIBUTION: &str = "Places © GeoNames · Map data Natural Earth";

/// What area a map shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Extent {
    /// The events' bounding box, padded, at least about 150 km across.
    #[default]
    Auto,
    /// The whole world.
    World,
    /// A country's main body by ISO 3166-1 alpha-2 code (`GB`, `US`).
    Country(String),
    /// A box in degrees.
    Box(GeoBox),
}

impl std::str::FromStr for Extent {
    type Err = String;

    /// `auto`, `world`, a two-letter country code, or
    /// `lon0,lat0,lon1,lat1` in degrees (west, south, east, north).
    fn from_str(s: &str) -> Result<Extent, String> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("auto") {
            return Ok(Extent::Auto);
        }
        if t.eq_ignore_ascii_case("world") {
            return Ok(Extent::World);
        }
        if t.len() == 2 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Ok(Extent::Country(t.to_ascii_uppercase()));
        }
        let parts: Vec<f64> = t
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| format!("bad extent {s:?}: expected auto, world, a country code such as GB, or lon0,lat0,lon1,lat1"))?;
        let [w, so, e, n] = parts[..] else {
            return Err(format!(
                "bad extent {s:?}: a box needs four numbers, lon0,lat0,lon1,lat1"
            ));
        };
        let ok = (-180.0..=180.0).contains(&w)
            && (-180.0..=180.0).contains(&e)
            && (-85.0..=85.0).contains(&so)
            && (-85.0..=85.0).contains(&n)
            && w < e
            && so < n;
        if !ok {
            return Err(format!(
                "bad extent {s:?}: need west < east within ±180 and south < north within ±85"
            ));
        }
        Ok(Extent::Box(GeoBox::new((w, so), (e, n))))
    }
}

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
    /// Labels for phones, where the SVG is shown much narrower than it
    /// was laid out (see [`PhoneLabels`]); `None` for narrow layouts.
    pub phone: Option<PhoneLabels>,
    /// The places, most events first, when the map is drawn by place
    /// (markers then stand for places); empty when each marker is one
    /// event.
    pub places: Vec<PlaceEvents>,
}

/// A second set of town labels, larger, placed for a graphic laid out
/// wide but shown on a phone: a CSS media rule in the SVG swaps them in
/// below [`PHONE_MAX_WIDTH`] pixels (an `<img>` evaluates it against its
/// own width), so labels stay about 11 px tall instead of shrinking to
/// 7 px. Fewer fit; the rest are left to the numbers and tooltips.
#[derive(Clone, Debug, PartialEq)]
pub struct PhoneLabels {
    /// Labels, each with the number of its event.
    pub labels: Vec<(usize, TextItem)>,
    /// Their leader lines.
    pub leaders: Vec<Line>,
}

/// The display width, in CSS pixels, below which phone labels show.
pub const PHONE_MAX_WIDTH: f64 = 480.0;

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

/// An event's place in degrees (lon, lat), if it has a usable one.
pub fn coordinates(e: &Event) -> Option<(f64, f64)> {
    match (e.lon, e.lat) {
        (Some(lon), Some(lat))
            if lon.is_finite()
                && lat.is_finite()
                && (-180.0..=180.0).contains(&lon)
                && (-90.0..=90.0).contains(&lat) =>
        {
            Some((lon, lat.clamp(-85.0, 85.0)))
        }
        _ => None,
    }
}

/// The geographic box an extent stands for, before fitting.
///
/// # Errors
/// An unknown country code.
pub fn extent_box(
    extent: &Extent,
    points: &[(f64, f64)],
    countries: &[&str],
) -> Result<GeoBox, MapError> {
    Ok(match extent {
        Extent::Auto => map_extent::auto_extent(points, countries),
        Extent::World => GeoBox::world(),
        Extent::Country(cc) => basemap::country(cc)
            .and_then(|c| c.main_extent())
            .map(|b| b.padded(0.03, 150.0))
            .ok_or_else(|| MapError {
                kind: MapErrorKind::UnknownCountry(cc.clone()),
            })?,
        Extent::Box(b) => *b,
    })
}

/// A "nice" length at or below `v`: 1, 2 or 5 × 10^k.
fn nice_length(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [5.0, 2.0, 1.0]
        .iter()
        .map(|k| k * p)
        .find(|n| *n <= v)
        .unwrap_or(p)
}

fn fmt_length(v: f64) -> String {
    if v >= 1.0 {
        fmt_count(v.round() as u64)
    } else {
        super::fmt_num(v)
    }
}

const KM_PER_MILE: f64 = 1.609344;

/// Lays out a map of `events`; see the module docs. Events keep the
/// numbers of their position in `events`; those without usable
/// coordinates are listed as not mapped.
///
/// # Errors
/// An extent naming a country the basemap does not have, or a canvas too
/// small to hold a map.
pub fn layout_map(
    events: &[Event],
    opts: &MapOptions,
    theme: &Theme,
) -> Result<MapScene, MapError> {
    let events = &with_known_parties(events)[..];
    let m = TextMeasure;
    let fs = &theme.font_size;
    let width = opts.width.unwrap_or(theme.width).max(240.0);
    let margin = theme.margin;
    let inner_w = width - 2.0 * margin;
    let label_h = m.line_height(fs.label);
    let mut texts: Vec<TextItem> = Vec::new();

    let mapped: Vec<(usize, (f64, f64))> = events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| coordinates(e).map(|c| (i, c)))
        .collect();
    let not_mapped: Vec<usize> = numbered(events)
        .filter(|(_, e)| coordinates(e).is_none())
        .map(|(n, _)| n)
        .collect();
    let by_place = opts.by_place || mapped.len() > MAX_EVENT_MARKERS;
    // The extent, and the places in it: those outside are counted.
    let mapped_points: Vec<(f64, f64)> = mapped.iter().map(|m| m.1).collect();
    let mapped_countries: Vec<&str> = mapped
        .iter()
        .map(|&(i, _)| events[i].country.trim())
        .collect();
    let extent = extent_box(&opts.extent, &mapped_points, &mapped_countries)?;
    let (places, outside): (Vec<PlaceEvents>, Vec<PlaceEvents>) = places::by_place(events, &mapped)
        .into_iter()
        .partition(|p| extent.intersects(&Coord::from(p.lonlat)));
    let outside_countries: Vec<&str> = outside
        .iter()
        .flat_map(|p| p.events.iter().map(|&i| events[i].country.trim()))
        .collect();
    let outside_note = map_extent::outside_note(&outside_countries);
    let spots: Vec<Spot> = places
        .iter()
        .map(|p| Spot::of(events, p, by_place))
        .collect();
    let max_size = spots.iter().filter_map(|s| s.size).max().unwrap_or(0);
    let (colours, colour_of) = colour_table(events, theme);
    let shown_keys: BTreeSet<&str> = spots.iter().map(|s| s.key.as_str()).collect();
    // The grey of "Others" is listed when a shown key has no entry of its
    // own (see `colour_table`).
    let listed: BTreeSet<&str> = colours.iter().map(|(k, _)| k.as_str()).collect();
    let others_shown = shown_keys
        .iter()
        .any(|k| !k.is_empty() && !listed.contains(k));
    let legend_colours: Vec<(String, String)> = colours
        .iter()
        .filter(|(k, c)| {
            shown_keys.contains(k.as_str())
                || (others_shown && k == "Others" && *c == theme.muted_text)
        })
        .cloned()
        .collect();

    // Title and subtitle.
    let dated: Vec<_> = events.iter().filter_map(|e| e.date).collect();
    let range_text = dated
        .iter()
        .min()
        .zip(dated.iter().max())
        .map(|(a, b)| fmt_date_range(*a, *b));
    let title = opts
        .title
        .as_deref()
        .map(clean)
        .unwrap_or_else(|| match &range_text {
            Some(r) => format!("Campaign events, {r}"),
            None => "Campaign events".to_string(),
        });
    let subtitle = opts.subtitle.as_deref().map(clean).unwrap_or_else(|| {
        let n = places.iter().map(|p| p.events.len()).sum();
        let counted = fmt_counted(n, "event");
        if by_place {
            format!(
                "{counted} at {}; circle area shows the number of events, colour who held most of them",
                fmt_counted(places.len(), "place")
            )
        } else {
            format!(
                "{counted} by place; numbers as on the timeline{}",
                if max_size > 0 {
                    ", circle area shows the crowd where reported"
                } else {
                    ""
                }
            )
        }
    });
    let mut y = header_texts(&m, &title, &subtitle, margin, inner_w, theme, &mut texts);
    y += 10.0;
    let frame_top = y;

    // What goes under the frame, measured first so a fixed height can
    // give the frame what is left.
    let size_key = if by_place {
        SizeKey {
            label: "Events",
            max: max_size,
            min_r: PLACE_MIN_RADIUS,
            unknown: false,
        }
    } else {
        SizeKey::crowd(
            theme,
            max_size,
            places
                .iter()
                .flat_map(|p| p.events.iter().map(|&i| &events[i])),
        )
    };
    // A circle's radius: its area shows the crowd, or the place's events.
    let radius_of = |s: &Spot| match s.size {
        Some(v) if by_place => area_radius(theme, v, max_size, PLACE_MIN_RADIUS),
        size => radius(theme, size, max_size),
    };
    let legend = legend_layout(&m, theme, &legend_colours, &size_key, inner_w);
    let not_mapped_lines: Vec<String> = (!not_mapped.is_empty())
        .then(|| not_mapped_note(events, &not_mapped, by_place))
        .into_iter()
        .chain(outside_note)
        .flat_map(|note| m.wrap(&note, fs.source, Weight::Normal, inner_w))
        .collect();
    let source_lines: Vec<String> = [
        format!("{}.", source_summary(events)),
        ATTRIBUTION.to_string(),
    ]
    .iter()
    .flat_map(|l| m.wrap(l, fs.source, Weight::Normal, inner_w))
    .collect();
    // A little leading: scaled down to a phone, browsers' glyph boxes
    // (Arial's are taller than DejaVu's) would touch.
    let src_h = m.line_height(fs.source) + 1.5;
    let tail_h = 12.0
        + legend.height
        + if not_mapped_lines.is_empty() {
            0.0
        } else {
            6.0 + not_mapped_lines.len() as f64 * src_h
        }
        + 8.0
        + source_lines.len() as f64 * src_h
        + margin;

    // Projection and frame.
    let proj = projection::for_extent(&extent);
    let (x0, x1, y0, y1) = projection::projected_bounds(proj.as_ref(), &extent);
    let aspect = (y1 - y0) / (x1 - x0).max(1e-12);
    let max_r = spots.iter().map(radius_of).fold(PLACE_MIN_RADIUS, f64::max);
    let pad = (max_r + 4.0).min(inner_w / 6.0);
    let frame_h = match opts.height {
        Some(h) => h - frame_top - tail_h,
        None => ((inner_w - 2.0 * pad) * aspect + 2.0 * pad).clamp(0.5 * inner_w, 1.15 * inner_w),
    }
    .floor();
    if frame_h < 80.0 {
        return Err(MapError {
            kind: MapErrorKind::TooSmall(width as u32, opts.height.unwrap_or(0.0) as u32),
        });
    }
    let frame = Rect::new(margin, frame_top, inner_w, frame_h);
    let vp = Viewport::fit(
        proj,
        &extent,
        (
            frame.x + pad,
            frame.y + pad,
            frame.w - 2.0 * pad,
            frame.h - 2.0 * pad,
        ),
    );
    let continental = projection::is_continental(&extent);
    let window = if continental {
        GeoBox::world()
    } else {
        let mut samples = Vec::new();
        let n = 16;
        for i in 0..=n {
            let t = i as f64 / n as f64;
            for (px, py) in [
                (frame.x + t * frame.w, frame.y),
                (frame.x + t * frame.w, frame.bottom()),
                (frame.x, frame.y + t * frame.h),
                (frame.right(), frame.y + t * frame.h),
            ] {
                samples.extend(vp.from_px(px, py));
            }
        }
        // The frame's edges may bow outwards in degrees: grow a little.
        GeoBox::around(samples)
            .map(|b| {
                GeoBox::new(
                    (b.min().x - 1.0, b.min().y - 1.0),
                    (b.max().x + 1.0, b.max().y + 1.0),
                )
            })
            .unwrap_or(GeoBox::world())
    };
    let detail = if continental || window.width() > 40.0 || window.height() > 30.0 {
        Detail::Coarse
    } else {
        Detail::Fine
    };
    let cut = basemap::cut(
        detail,
        !continental,
        &vp,
        &window,
        (frame.x, frame.y, frame.w, frame.h),
        0.35,
    );
    // The countries of the story in the darker land colour.
    let mut focus: BTreeSet<String> = places
        .iter()
        .flat_map(|p| &p.events)
        .map(|&i| events[i].country.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty())
        .collect();
    if let Extent::Country(cc) = &opts.extent {
        focus.insert(cc.clone());
    }
    let areas: Vec<Area> = cut
        .countries
        .into_iter()
        .map(|c| Area {
            fill: if focus.is_empty() || focus.contains(&c.iso_a2) {
                theme.land.clone()
            } else {
                theme.land_other.clone()
            },
            rings: c.rings,
        })
        .collect();

    // Markers, each exactly where its place is.
    let mut markers: Vec<Marker> = spots
        .iter()
        .zip(&places)
        .map(|(s, p)| {
            let (cx, cy) = vp.to_px(s.lonlat.0, s.lonlat.1);
            let circle = Circle {
                cx,
                cy,
                r: radius_of(s),
            };
            let colour = colour_of
                .get(&s.key)
                .cloned()
                .unwrap_or_else(|| theme.default_marker.clone());
            let marker = if by_place {
                place_marker(theme, p, s.number, circle, colour)
            } else {
                events_marker(theme, events, p, circle, &colour, max_size)
            };
            Marker {
                at: Some((cx, cy)),
                ..marker
            }
        })
        .collect();
    drop_covered_numbers(&mut markers, fs.source);

    // Scale bar, in the first corner free of markers.
    let audience_miles = focus.contains("GB") || focus.contains("US");
    let scale_bar = (!continental).then(|| scale_bar(theme, &vp, frame, &markers, audience_miles));

    // Trails under the markers.
    let trails = if opts.trail && !by_place {
        trails(events, &places, &markers, &colour_of, theme)
    } else {
        Vec::new()
    };

    // Town labels: most important first; leader lines when set off.
    let circles: Vec<Circle> = markers.iter().map(|mk| mk.circle).collect();
    let obstacles: Vec<Rect> = scale_bar.iter().map(|b| b.rect).collect();
    // Markers are still in the order of `spots` (and `places`).
    let texts_of: Vec<String> = markers
        .iter()
        .zip(&places)
        .map(|(mk, p)| label_text(p, mk, by_place))
        .collect();
    // The largest crowds, or the places of most events, first.
    let requests: Vec<LabelRequest> = markers
        .iter()
        .zip(&texts_of)
        .zip(&spots)
        .map(|((mk, text), s)| LabelRequest {
            anchor: mk.circle,
            w: m.width(text, fs.label, Weight::Normal),
            h: label_h,
            priority: s.size.unwrap_or(0) as f64 + 1.0 / (mk.number as f64 + 1.0),
        })
        .collect();
    let place_opts = PlaceOptions {
        sides: labels::MAP_SIDES.to_vec(),
        gap: 3.0,
        leader_distances: vec![10.0, 22.0, 36.0],
    };
    let placed = labels::place_with(
        &requests,
        &circles,
        &obstacles,
        frame.inflate(-3.0),
        &place_opts,
    );
    let mut leaders = Vec::new();
    let mut labels_omitted = 0;
    for ((mk, p), text) in markers
        .iter_mut()
        .zip(&placed)
        .zip(texts_of.iter().cloned())
    {
        match p {
            Some(p) => {
                if let Some((a, b)) = p.leader(&mk.circle) {
                    leaders.push(Line {
                        from: a,
                        to: b,
                        colour: theme.leader.clone(),
                    });
                }
                mk.label = Some(TextItem {
                    text,
                    rect: p.rect,
                    x: p.rect.x,
                    size: fs.label,
                    weight: Weight::Normal,
                    colour: theme.text.clone(),
                    anchor: Anchor::Start,
                });
            }
            None => labels_omitted += 1,
        }
    }
    // Phone labels: the same placement at the size that reads at 360 px.
    let phone = (width > PHONE_MAX_WIDTH).then(|| {
        let size = (11.0 * width / 360.0).max(fs.label);
        let grow = size / fs.label;
        let big: Vec<LabelRequest> = requests
            .iter()
            .map(|r| LabelRequest {
                w: r.w * grow,
                h: r.h * grow,
                ..r.clone()
            })
            .collect();
        let opts = PlaceOptions {
            gap: 3.0 * grow,
            leader_distances: vec![10.0 * grow, 22.0 * grow],
            ..place_opts.clone()
        };
        let placed = labels::place_with(&big, &circles, &obstacles, frame.inflate(-3.0), &opts);
        let mut labels = Vec::new();
        let mut leaders = Vec::new();
        for ((mk, p), text) in markers.iter().zip(&placed).zip(&texts_of) {
            if let Some(p) = p {
                if let Some((a, b)) = p.leader(&mk.circle) {
                    leaders.push(Line {
                        from: a,
                        to: b,
                        colour: theme.leader.clone(),
                    });
                }
                labels.push((
                    mk.number,
                    TextItem {
                        text: text.clone(),
                        rect: p.rect,
                        x: p.rect.x,
                        size,
                        weight: Weight::Normal,
                        colour: theme.text.clone(),
                        anchor: Anchor::Start,
                    },
                ));
            }
        }
        PhoneLabels { labels, leaders }
    });
    markers.sort_by(drawing_order);

    // Under the frame: legend, notes, source.
    y = frame.bottom() + 12.0;
    for mut t in legend.texts {
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
    let mut notes = not_mapped_lines;
    if labels_omitted > 0 {
        notes.extend(m.wrap(
            &format!(
                "{labels_omitted} town label{} omitted for lack of room; every marker has {} tooltip.",
                if labels_omitted == 1 { "" } else { "s" },
                if by_place { "a" } else { "its number and a" }
            ),
            fs.source,
            Weight::Normal,
            inner_w,
        ));
    }
    if markers.iter().any(|mk| mk.dashed) {
        notes.extend(m.wrap(
            &format!(
                "Dashed outline: place or date uncertain (the extractor's confidence below {UNCERTAIN_BELOW}).",
            ),
            fs.source,
            Weight::Normal,
            inner_w,
        ));
    }
    if opts.trail && by_place {
        notes.extend(m.wrap(
            "Routes are not drawn on a map by place.",
            fs.source,
            Weight::Normal,
            inner_w,
        ));
    }
    // Lines of small text under the frame, one colour per block.
    let mut block = |lines: &[String], colour: &str, y: &mut f64| {
        for l in lines {
            texts.push(text_item(
                &m,
                l,
                margin,
                *y,
                fs.source,
                Weight::Normal,
                colour,
                Anchor::Start,
            ));
            *y += src_h;
        }
    };
    if !notes.is_empty() {
        y += 6.0;
        block(&notes, &theme.text, &mut y);
    }
    y += 8.0;
    block(&source_lines, &theme.muted_text, &mut y);
    y += margin;
    let height = opts.height.map_or(y, |h| h.max(y)).ceil();

    Ok(MapScene {
        width,
        height,
        title,
        frame,
        extent,
        projection: vp.projection().name(),
        areas,
        border: (theme.border.clone(), 0.8),
        inner_borders: cut.inner_borders,
        trails,
        leaders,
        markers,
        scale_bar,
        texts,
        swatches,
        not_mapped,
        labels_omitted,
        phone,
        places: if by_place { places } else { Vec::new() },
    })
}

/// The note on events without coordinates (`not_mapped`, numbers in
/// `events`): each named, or on a map by place (a corpus, where they may
/// be thousands) counted.
pub fn not_mapped_note(events: &[Event], not_mapped: &[usize], by_place: bool) -> String {
    if by_place {
        format!(
            "Not mapped (no coordinates): {}, listed in the events table.",
            fmt_counted(not_mapped.len(), "event")
        )
    } else {
        let list = numbered_list(not_mapped.iter().map(|&n| (n, &events[n - 1])));
        format!("Not mapped (no coordinates): {list}.")
    }
}

/// A circle of the map: every event at one place.
struct Spot {
    /// The number of the place's first event.
    number: usize,
    /// Where (lon, lat).
    lonlat: (f64, f64),
    /// What the circle's area shows: the largest crowd of the place's
    /// events, or on a map by place its number of events.
    size: Option<u64>,
    /// The colour key (see `colour_key`).
    key: String,
}

impl Spot {
    fn of(events: &[Event], p: &PlaceEvents, by_place: bool) -> Spot {
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
fn drawing_order(a: &Marker, b: &Marker) -> std::cmp::Ordering {
    b.circle
        .r
        .total_cmp(&a.circle.r)
        .then(a.number.cmp(&b.number))
}

/// Drops the number inside a marker (its label then carries it) where a
/// marker drawn over it would cover it, or where it would touch a number
/// kept inside another: markers stay on their places, so close places
/// overlap.
fn drop_covered_numbers(markers: &mut [Marker], size: f64) {
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
fn label_text(p: &PlaceEvents, mk: &Marker, by_place: bool) -> String {
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
fn events_marker(
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
        .map(|&i| super::tooltip(i + 1, &events[i]))
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
fn trails(
    events: &[Event],
    places: &[PlaceEvents],
    markers: &[Marker],
    colour_of: &std::collections::HashMap<String, String>,
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
fn place_marker(
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

/// A scale bar in km (and miles for British and American readers), about
/// a fifth of the frame wide, in the first corner free of markers.
fn scale_bar(
    theme: &Theme,
    vp: &Viewport,
    frame: Rect,
    markers: &[Marker],
    miles: bool,
) -> ScaleBar {
    let m = TextMeasure;
    let size = theme.font_size.source;
    let th = m.line_height(size);
    let (cx, cy) = (frame.x + frame.w / 2.0, frame.y + frame.h / 2.0);
    let km_per_px = vp
        .from_px(cx, cy)
        .map(|(lon, lat)| vp.km_per_px_at(lon, lat))
        .filter(|k| k.is_finite() && *k > 0.0)
        .unwrap_or(1.0);
    let target_px = frame.w / 5.0;
    let km = nice_length(km_per_px * target_px);
    let mut bars: Vec<(f64, String)> = vec![(km / km_per_px, format!("{} km", fmt_length(km)))];
    if miles {
        let mi = nice_length(km_per_px * target_px / KM_PER_MILE);
        bars.push((
            mi * KM_PER_MILE / km_per_px,
            format!("{} mi", fmt_length(mi)),
        ));
    }
    let bar_w = bars.iter().map(|b| b.0).fold(0.0, f64::max);
    let text_w = bars
        .iter()
        .map(|b| m.width(&b.1, size, Weight::Normal))
        .fold(0.0, f64::max);
    let row_h = th + 4.0;
    let w = bar_w + 6.0 + text_w;
    let h = row_h * bars.len() as f64;
    let inset = 8.0;
    let corners = [
        (frame.x + inset, frame.bottom() - inset - h),
        (frame.right() - inset - w, frame.bottom() - inset - h),
        (frame.x + inset, frame.y + inset),
        (frame.right() - inset - w, frame.y + inset),
    ];
    let (x, y) = corners
        .iter()
        .copied()
        .find(|&(x, y)| {
            let r = Rect::new(x, y, w, h).inflate(4.0);
            !markers.iter().any(|mk| mk.circle.intersects(&r))
        })
        .unwrap_or(corners[0]);
    let mut lines = Vec::new();
    let mut texts = Vec::new();
    for (k, (len, label)) in bars.iter().enumerate() {
        let by = y + k as f64 * row_h + row_h / 2.0;
        let c = theme.leader.clone();
        lines.push(Line {
            from: (x, by),
            to: (x + len, by),
            colour: c.clone(),
        });
        for tx in [x, x + len] {
            lines.push(Line {
                from: (tx, by - 3.0),
                to: (tx, by + 3.0),
                colour: c.clone(),
            });
        }
        texts.push(text_item(
            &m,
            label,
            x + len + 6.0,
            by - th / 2.0,
            size,
            Weight::Normal,
            &theme.muted_text,
            Anchor::Start,
        ));
    }
    ScaleBar {
        rect: Rect::new(x, y, w, h),
        lines,
        texts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extents_parse() {
        assert_eq!("auto".parse::<Extent>().unwrap(), Extent::Auto);
        assert_eq!("World".parse::<Extent>().unwrap(), Extent::World);
        assert_eq!(
            "gb".parse::<Extent>().unwrap(),
            Extent::Country("GB".into())
        );
        let Extent::Box(b) = "-8,49.5,2,59".parse::<Extent>().unwrap() else {
            panic!()
        };
        assert_eq!((b.min().x, b.max().y), (-8.0, 59.0));
        assert!("2,49,-8,59".parse::<Extent>().is_err());
        assert!("1,2,3".parse::<Extent>().is_err());
    }

    #[test]
    fn nice_lengths() {
        assert_eq!(nice_length(73.0), 50.0);
        assert_eq!(nice_length(180.0), 100.0);
        assert_eq!(nice_length(0.3), 0.2);
    }
}
