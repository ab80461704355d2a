//! Map layout: every decision as plain data, before any drawing.
//!
//! [`layout_map`] turns events, [`MapOptions`] and the theme into a
//! [`MapScene`]: the extent and its projection fitted to a frame, the
//! basemap cut to that frame, one marker per place (sized and coloured as
//! on the timeline, drawn exactly where its place projects: a marker is a
//! statement of where something happened, so markers never move), labels
//! placed without overlap (they move, with leader lines where set off),
//! the scale bar, the legend and the notes. Events outside the extent are
//! counted in a note (see [`super::extent`]). All positions are
//! pixels, y pointing down; `draw` only draws what the scene says.

use super::basemap::{self, Detail};
use super::extent::{self, Extent, extent_box};
use super::marks::{
    Spot, UNCERTAIN_BELOW, drawing_order, drop_covered_numbers, events_marker, label_text,
    place_marker, trails,
};
use super::places::{self, PlaceEvents};
use super::scale::scale_bar;
use super::{
    Area, MAX_EVENT_MARKERS, MapError, MapErrorKind, MapOptions, MapScene, PLACE_MIN_RADIUS,
};
use crate::event::Event;
use crate::projection::{self, GeoBox, GeoBoxExt, Viewport};
use crate::render::colour::{colour_table, with_known_parties};
use crate::render::labels::{self, LabelRequest, PlaceOptions};
use crate::render::legend::{Legend, SizeKey, legend_layout};
use crate::render::scene::{
    Anchor, Circle, Line, Marker, Rect, Swatch, TextItem, area_radius, header_texts, radius,
    text_item,
};
use crate::render::text::{TextMeasure, Weight};
use crate::render::theme::Theme;
use crate::render::{clean, fmt_counted, fmt_date_range, numbered, numbered_list, source_summary};
use geo::{Coord, Intersects};
use std::collections::{BTreeSet, HashMap};

/// The attribution every map carries.
pub const ATTRIBUTION: &str = "Places © GeoNames · Map data Natural Earth";

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

/// What every step of a map's layout works from: the events (their
/// parties filled in), the options and theme, and the page's measures.
struct Page<'a> {
    events: &'a [Event],
    opts: &'a MapOptions,
    theme: &'a Theme,
    m: TextMeasure,
    width: f64,
    margin: f64,
    inner_w: f64,
    label_h: f64,
}

/// What the map shows: the extent, the places in it and their circles.
struct Shown {
    /// Numbers of the events without usable coordinates.
    not_mapped: Vec<usize>,
    /// One circle per place rather than per event.
    by_place: bool,
    extent: GeoBox,
    /// The places in the extent, in the order of `spots`.
    places: Vec<PlaceEvents>,
    spots: Vec<Spot>,
    /// The count of events outside the extent, by country.
    outside_note: Option<String>,
    /// The largest size a circle shows (crowd, or events of a place).
    max_size: u64,
}

/// What goes under the frame, measured before the frame so that a fixed
/// height can give the frame what is left.
struct Foot {
    legend: Legend,
    not_mapped_lines: Vec<String>,
    source_lines: Vec<String>,
    /// The height of a line of small text.
    src_h: f64,
    /// The height of all of it, with the bottom margin.
    height: f64,
}

/// The basemap cut to the frame, and the countries of the story.
struct Land {
    areas: Vec<Area>,
    /// First-level borders, pixels.
    inner_borders: Vec<Vec<(f64, f64)>>,
    /// Lakes, rings in pixels.
    lakes: Vec<Vec<(f64, f64)>>,
    /// The ISO codes of the story's countries.
    focus: BTreeSet<String>,
}

/// Town labels placed: leader lines, and how many were left out.
struct Labelled {
    leaders: Vec<Line>,
    omitted: usize,
}

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
    let scene = layout_reserving(events, opts, theme, 0.0)?;
    // The notes on omitted labels are known only once the labels are
    // placed in the frame: a fixed height they overflow is laid out again
    // with room for them under a smaller frame.
    match opts.height.map(f64::ceil) {
        Some(h) if scene.height > h => layout_reserving(events, opts, theme, scene.height - h),
        _ => Ok(scene),
    }
}

/// [`layout_map`], with `reserve` pixels more under the frame.
fn layout_reserving(
    events: &[Event],
    opts: &MapOptions,
    theme: &Theme,
    reserve: f64,
) -> Result<MapScene, MapError> {
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
    };
    let shown = page.shown()?;
    let (colours, colour_of) = colour_table(events, theme);
    let (title, subtitle) = page.titles(&shown);
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
    y += 10.0;
    let foot = page.foot(&shown, &colours);
    let (frame, vp) = page.frame(&shown, y, foot.height + reserve)?;
    let continental = projection::is_continental(&shown.extent);
    let land = page.basemap(&shown, &vp, frame, continental);
    let mut markers = page.markers(&shown, &vp, &colour_of);
    drop_covered_numbers(&mut markers, theme.font_size.source);
    // Scale bar, in the first corner free of markers.
    let audience_miles = land.focus.contains("GB") || land.focus.contains("US");
    let scale_bar = (!continental).then(|| scale_bar(theme, &vp, frame, &markers, audience_miles));
    // Trails under the markers.
    let trails = if opts.trail && !shown.by_place {
        trails(events, &shown.places, &markers, &colour_of, theme)
    } else {
        Vec::new()
    };
    let obstacles: Vec<Rect> = scale_bar.iter().map(|b| b.rect).collect();
    let labelled = page.label(&mut markers, &shown, frame, &obstacles);
    markers.sort_by(drawing_order);
    let y = frame.bottom() + 12.0;
    let (swatches, y) = page.place_foot(foot, &shown, &markers, labelled.omitted, y, &mut texts);
    let height = opts.height.map_or(y, |h| h.max(y)).ceil();
    Ok(MapScene {
        width,
        height,
        title,
        frame,
        extent: shown.extent,
        projection: vp.projection().name(),
        areas: land.areas,
        border: (theme.border.clone(), 0.8),
        inner_borders: land.inner_borders,
        lakes: land.lakes,
        trails,
        leaders: labelled.leaders,
        markers,
        scale_bar,
        texts,
        swatches,
        not_mapped: shown.not_mapped,
        labels_omitted: labelled.omitted,
        places: if shown.by_place {
            shown.places
        } else {
            Vec::new()
        },
    })
}

impl Page<'_> {
    /// The extent, and the places in it: those outside are counted.
    fn shown(&self) -> Result<Shown, MapError> {
        let events = self.events;
        let mapped: Vec<(usize, (f64, f64))> = events
            .iter()
            .enumerate()
            .filter_map(|(i, e)| coordinates(e).map(|c| (i, c)))
            .collect();
        let not_mapped: Vec<usize> = numbered(events)
            .filter(|(_, e)| coordinates(e).is_none())
            .map(|(n, _)| n)
            .collect();
        let by_place = self.opts.by_place || mapped.len() > MAX_EVENT_MARKERS;
        let mapped_points: Vec<(f64, f64)> = mapped.iter().map(|m| m.1).collect();
        let mapped_countries: Vec<&str> = mapped
            .iter()
            .map(|&(i, _)| events[i].country.trim())
            .collect();
        let extent = extent_box(&self.opts.extent, &mapped_points, &mapped_countries)?;
        let (places, outside): (Vec<PlaceEvents>, Vec<PlaceEvents>) =
            places::by_place(events, &mapped)
                .into_iter()
                .partition(|p| extent.intersects(&Coord::from(p.lonlat)));
        let outside_countries: Vec<&str> = outside
            .iter()
            .flat_map(|p| p.events.iter().map(|&i| events[i].country.trim()))
            .collect();
        let spots: Vec<Spot> = places
            .iter()
            .map(|p| Spot::of(events, p, by_place))
            .collect();
        let max_size = spots.iter().filter_map(|s| s.size).max().unwrap_or(0);
        Ok(Shown {
            not_mapped,
            by_place,
            extent,
            places,
            spots,
            outside_note: extent::outside_note(&outside_countries),
            max_size,
        })
    }

    /// A circle's radius: its area shows the crowd, or the place's events.
    fn radius_of(&self, shown: &Shown, s: &Spot) -> f64 {
        match s.size {
            Some(v) if shown.by_place => {
                area_radius(self.theme, v, shown.max_size, PLACE_MIN_RADIUS)
            }
            size => radius(self.theme, size, shown.max_size),
        }
    }

    /// The title and subtitle, the options' or dated defaults.
    fn titles(&self, shown: &Shown) -> (String, String) {
        let (opts, events) = (self.opts, self.events);
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
            let n = shown.places.iter().map(|p| p.events.len()).sum();
            let counted = fmt_counted(n, "event");
            if shown.by_place {
                format!(
                    "{counted} at {}; circle area shows the number of events, colour who held most of them",
                    fmt_counted(shown.places.len(), "place")
                )
            } else {
                format!(
                    "{counted} by place; numbers as on the timeline{}",
                    if shown.max_size > 0 {
                        ", circle area shows the crowd where reported"
                    } else {
                        ""
                    }
                )
            }
        });
        (title, subtitle)
    }

    /// The legend (of the colours of the places shown), the note on
    /// events not mapped or outside the extent, and the source lines.
    fn foot(&self, shown: &Shown, colours: &[(String, String)]) -> Foot {
        let (m, fs, theme, events) = (&self.m, &self.theme.font_size, self.theme, self.events);
        let shown_keys: BTreeSet<&str> = shown.spots.iter().map(|s| s.key.as_str()).collect();
        // The grey of "Others" is listed when a shown key has no entry of
        // its own (see `colour_table`).
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
        let size_key = if shown.by_place {
            SizeKey {
                label: "Events",
                max: shown.max_size,
                min_r: PLACE_MIN_RADIUS,
                unknown: false,
            }
        } else {
            let shown_events = shown
                .places
                .iter()
                .flat_map(|p| p.events.iter().map(|&i| &events[i]));
            SizeKey::crowd(theme, shown.max_size, shown_events)
        };
        let legend = legend_layout(m, theme, &legend_colours, &size_key, self.inner_w);
        let not_mapped_lines: Vec<String> = (!shown.not_mapped.is_empty())
            .then(|| not_mapped_note(events, &shown.not_mapped, shown.by_place))
            .into_iter()
            .chain(shown.outside_note.clone())
            .flat_map(|note| m.wrap(&note, fs.source, Weight::Normal, self.inner_w))
            .collect();
        let source_lines: Vec<String> = [
            format!("{}.", source_summary(events)),
            ATTRIBUTION.to_string(),
        ]
        .iter()
        .flat_map(|l| m.wrap(l, fs.source, Weight::Normal, self.inner_w))
        .collect();
        // A little leading: scaled down to a phone, browsers' glyph boxes
        // (Arial's are taller than DejaVu's) would touch.
        let src_h = m.line_height(fs.source) + 1.5;
        let height = 12.0
            + legend.height
            + if not_mapped_lines.is_empty() {
                0.0
            } else {
                6.0 + not_mapped_lines.len() as f64 * src_h
            }
            + 8.0
            + source_lines.len() as f64 * src_h
            + self.margin;
        Foot {
            legend,
            not_mapped_lines,
            source_lines,
            src_h,
            height,
        }
    }

    /// The frame from `top` (as tall as the extent's shape asks, or as a
    /// fixed height leaves above a foot of `foot_h`) and the projection
    /// fitted into it, a margin inside for the largest circle.
    fn frame(&self, shown: &Shown, top: f64, foot_h: f64) -> Result<(Rect, Viewport), MapError> {
        let (extent, inner_w) = (&shown.extent, self.inner_w);
        let proj = projection::for_extent(extent);
        let (x0, x1, y0, y1) = projection::projected_bounds(proj.as_ref(), extent);
        let aspect = (y1 - y0) / (x1 - x0).max(1e-12);
        let max_r = shown
            .spots
            .iter()
            .map(|s| self.radius_of(shown, s))
            .fold(PLACE_MIN_RADIUS, f64::max);
        let pad = (max_r + 4.0).min(inner_w / 6.0);
        let frame_h = match self.opts.height {
            Some(h) => h - top - foot_h,
            None => {
                ((inner_w - 2.0 * pad) * aspect + 2.0 * pad).clamp(0.5 * inner_w, 1.15 * inner_w)
            }
        }
        .floor();
        if frame_h < 80.0 {
            let h = self.opts.height.unwrap_or(0.0) as u32;
            return Err(MapError {
                kind: MapErrorKind::TooSmall(self.width as u32, h),
            });
        }
        let frame = Rect::new(self.margin, top, inner_w, frame_h);
        let inside = (
            frame.x + pad,
            frame.y + pad,
            frame.w - 2.0 * pad,
            frame.h - 2.0 * pad,
        );
        Ok((frame, Viewport::fit(proj, extent, inside)))
    }

    /// The basemap cut to the frame: the countries (those of the story in
    /// the darker land colour), the first-level borders, and the story's
    /// countries.
    fn basemap(&self, shown: &Shown, vp: &Viewport, frame: Rect, continental: bool) -> Land {
        let window = if continental {
            GeoBox::world()
        } else {
            frame_window(vp, frame)
        };
        let detail = if continental || window.width() > 40.0 || window.height() > 30.0 {
            Detail::Coarse
        } else {
            Detail::Fine
        };
        let cut = basemap::cut(
            detail,
            !continental,
            vp,
            &window,
            (frame.x, frame.y, frame.w, frame.h),
            0.35,
        );
        let mut focus: BTreeSet<String> = shown
            .places
            .iter()
            .flat_map(|p| &p.events)
            .map(|&i| self.events[i].country.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty())
            .collect();
        if let Extent::Country(cc) = &self.opts.extent {
            focus.insert(cc.clone());
        }
        let theme = self.theme;
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
        Land {
            areas,
            inner_borders: cut.inner_borders,
            lakes: cut.lakes,
            focus,
        }
    }

    /// Markers, each exactly where its place is.
    fn markers(
        &self,
        shown: &Shown,
        vp: &Viewport,
        colour_of: &HashMap<String, String>,
    ) -> Vec<Marker> {
        let theme = self.theme;
        shown
            .spots
            .iter()
            .zip(&shown.places)
            .map(|(s, p)| {
                let (cx, cy) = vp.to_px(s.lonlat.0, s.lonlat.1);
                let circle = Circle {
                    cx,
                    cy,
                    r: self.radius_of(shown, s),
                };
                let colour = colour_of
                    .get(&s.key)
                    .cloned()
                    .unwrap_or_else(|| theme.default_marker.clone());
                let marker = if shown.by_place {
                    place_marker(theme, p, s.number, circle, colour)
                } else {
                    events_marker(theme, self.events, p, circle, &colour, shown.max_size)
                };
                Marker {
                    at: Some((cx, cy)),
                    ..marker
                }
            })
            .collect()
    }

    /// Town labels: most important first (the largest crowds, or the
    /// places of most events); leader lines when set off. `markers` are
    /// still in the order of the places.
    fn label(
        &self,
        markers: &mut [Marker],
        shown: &Shown,
        frame: Rect,
        obstacles: &[Rect],
    ) -> Labelled {
        let (m, fs, theme) = (&self.m, &self.theme.font_size, self.theme);
        let circles: Vec<Circle> = markers.iter().map(|mk| mk.circle).collect();
        let texts_of: Vec<String> = markers
            .iter()
            .zip(&shown.places)
            .map(|(mk, p)| label_text(p, mk, shown.by_place))
            .collect();
        let requests: Vec<LabelRequest> = markers
            .iter()
            .zip(&texts_of)
            .zip(&shown.spots)
            .map(|((mk, text), s)| LabelRequest {
                anchor: mk.circle,
                w: m.width(text, fs.label, Weight::Normal),
                h: self.label_h,
                priority: s.size.unwrap_or(0) as f64 + 1.0 / (mk.number as f64 + 1.0),
            })
            .collect();
        let place_opts = PlaceOptions {
            sides: labels::MAP_SIDES.to_vec(),
            gap: 3.0,
            leader_distances: vec![10.0, 22.0, 36.0],
        };
        let bounds = frame.inflate(-3.0);
        let placed = labels::place_with(&requests, &circles, obstacles, bounds, &place_opts);
        let mut leaders = Vec::new();
        let mut omitted = 0;
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
                    mk.label = Some(self.label_item(text, p.rect, fs.label));
                }
                None => omitted += 1,
            }
        }
        Labelled { leaders, omitted }
    }

    /// A town label in its box.
    fn label_item(&self, text: String, rect: Rect, size: f64) -> TextItem {
        TextItem {
            text,
            rect,
            x: rect.x,
            size,
            weight: Weight::Normal,
            colour: self.theme.text.clone(),
            anchor: Anchor::Start,
        }
    }

    /// Under the frame, from `y`: legend, notes, source. Returns the
    /// legend circles and the height the content needs.
    fn place_foot(
        &self,
        foot: Foot,
        shown: &Shown,
        markers: &[Marker],
        labels_omitted: usize,
        mut y: f64,
        texts: &mut Vec<TextItem>,
    ) -> (Vec<Swatch>, f64) {
        let (m, theme) = (&self.m, self.theme);
        let swatches;
        (swatches, y) = foot.legend.place_at(y, texts);
        let mut notes = foot.not_mapped_lines;
        notes.extend(self.notes(shown, markers, labels_omitted));
        // Lines of small text under the frame, one colour per block.
        let mut block = |lines: &[String], colour: &str, y: &mut f64| {
            for l in lines {
                let size = theme.font_size.source;
                let t = text_item(
                    m,
                    l,
                    self.margin,
                    *y,
                    size,
                    Weight::Normal,
                    colour,
                    Anchor::Start,
                );
                texts.push(t);
                *y += foot.src_h;
            }
        };
        if !notes.is_empty() {
            y += 6.0;
            block(&notes, &theme.text, &mut y);
        }
        y += 8.0;
        block(&foot.source_lines, &theme.muted_text, &mut y);
        (swatches, y + self.margin)
    }

    /// The notes on what the map leaves out or draws differently: labels
    /// omitted, dashed outlines, routes not drawn.
    fn notes(&self, shown: &Shown, markers: &[Marker], labels_omitted: usize) -> Vec<String> {
        let (m, size, inner_w) = (&self.m, self.theme.font_size.source, self.inner_w);
        let mut notes = Vec::new();
        if labels_omitted > 0 {
            // No tooltip is promised: a phone's rendition has none.
            notes.extend(m.wrap(
                &format!(
                    "{} omitted for lack of room; the events table lists every {}.",
                    fmt_counted(labels_omitted, "town label"),
                    if shown.by_place {
                        "place's events"
                    } else {
                        "event"
                    }
                ),
                size,
                Weight::Normal,
                inner_w,
            ));
        }
        if markers.iter().any(|mk| mk.dashed) {
            notes.extend(m.wrap(
                &format!(
                    "Dashed outline: place or date uncertain (the extractor's confidence below {UNCERTAIN_BELOW}).",
                ),
                size,
                Weight::Normal,
                inner_w,
            ));
        }
        if self.opts.trail && shown.by_place {
            notes.extend(m.wrap(
                "Routes are not drawn on a map by place.",
                size,
                Weight::Normal,
                inner_w,
            ));
        }
        notes
    }
}

/// The degrees the frame shows, from points along its edges, grown a
/// little as the edges may bow outwards in degrees.
fn frame_window(vp: &Viewport, frame: Rect) -> GeoBox {
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
    GeoBox::around(samples)
        .map(|b| {
            GeoBox::new(
                (b.min().x - 1.0, b.min().y - 1.0),
                (b.max().x + 1.0, b.max().y + 1.0),
            )
        })
        .unwrap_or(GeoBox::world())
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
