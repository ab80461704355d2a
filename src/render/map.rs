//! Draws a [`MapScene`] and finishes it: `trailmap map`'s renderer.
//!
//! No decisions are made here: positions, colours and texts all come from
//! [`super::map_layout`]. Plotters draws the page and the text around the
//! map (through the timeline's `draw_base`). The map
//! itself is written as SVG elements directly, because plotters works in
//! whole pixels and cannot draw rings with holes, dashes, halos or the
//! `<title>` tooltips of the markers: the basemap as one compact path per
//! land colour (coordinates to 0.1 px, relative moves), then the
//! first-level borders, trails, leader lines, the scale
//! bar and the markers with their labels ([`super::marker_svg`]).

pub use super::map_layout::{
    ATTRIBUTION, Extent, MAX_EVENT_MARKERS, MapError, MapOptions, MapScene, PHONE_MAX_WIDTH,
    PhoneLabels, coordinates, layout_map, not_mapped_note,
};

use super::layout::{Line, TextItem};
use super::places;
use super::theme::Theme;
use super::timeline::{draw_base, swatches_svg};
use super::{Document, describe, escape_attr, escape_text, finish, fmt_num};
use crate::event::Event;
use std::fmt::Write as _;

/// The labels' white halo.
const CSS: &str =
    ".lbl,.halo{paint-order:stroke;stroke:#FFFFFF;stroke-width:3px;stroke-linejoin:round}";

/// Swaps the desktop labels (`dk`) for the larger phone labels (`ph`)
/// when the SVG is shown narrow, so they stay about 11 px tall instead of
/// shrinking to 7 px: an `<img>` of the SVG evaluates the media query
/// against its own width, an inline SVG against the page's.
fn phone_css() -> String {
    format!(
        ".ph{{display:none}}@media (max-width:{}px){{.dk{{display:none}}.ph{{display:inline}}}}",
        PHONE_MAX_WIDTH
    )
}

/// Renders `events` as a finished, publishable SVG map.
///
/// Events keep the numbers of their position in `events` (see
/// [`super::numbered`]), as on the timeline. Events without usable
/// coordinates cannot be placed: they are listed under the map and in the
/// text alternative as "not mapped" (a command that has a gazetteer may
/// geocode them first). A table of more than [`MAX_EVENT_MARKERS`]
/// events, or any with [`MapOptions::by_place`], is drawn by place: one
/// circle per place, and a text alternative that lists places (see
/// [`super::places`]).
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
    let scene = layout_map(events, opts, theme)?;
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
        height: scene.height,
        title: scene.title.clone(),
        desc,
        font_family: theme.font_family.clone(),
        css: if scene.phone.is_some() {
            format!("{CSS}{}", phone_css())
        } else {
            CSS.to_string()
        },
    };
    let base = draw_base((scene.width, scene.height), &[], &[], &scene.texts, theme);
    Ok(finish(&base, &overlay(&scene, theme), &doc))
}

/// Appends a path's data for `points` at 0.1 px: an absolute move, then
/// relative line segments (repeated points dropped), closed if `close`.
fn path_data(out: &mut String, points: &[(f64, f64)], close: bool) {
    let q = |v: f64| (v * 10.0).round() as i64;
    let num = |out: &mut String, t: i64, first: bool| {
        let neg = t < 0;
        let a = t.unsigned_abs();
        let (int, frac) = (a / 10, a % 10);
        if neg {
            out.push('-');
        } else if !first {
            out.push(' ');
        }
        if int > 0 || frac == 0 {
            write!(out, "{int}").unwrap();
        }
        if frac > 0 {
            write!(out, ".{frac}").unwrap();
        }
    };
    let mut it = points.iter();
    let Some(&(x, y)) = it.next() else { return };
    let (mut px, mut py) = (q(x), q(y));
    out.push('M');
    num(out, px, true);
    num(out, py, false);
    let mut wrote_l = false;
    for &(x, y) in it {
        let (nx, ny) = (q(x), q(y));
        if (nx, ny) == (px, py) {
            continue;
        }
        if !wrote_l {
            out.push('l');
            wrote_l = true;
            num(out, nx - px, true);
        } else {
            num(out, nx - px, false);
        }
        num(out, ny - py, false);
        (px, py) = (nx, ny);
    }
    if close {
        out.push('z');
    }
}

fn line_svg(s: &mut String, l: &Line, width: f64) {
    writeln!(
        s,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
        fmt_num(l.from.0),
        fmt_num(l.from.1),
        fmt_num(l.to.0),
        fmt_num(l.to.1),
        escape_attr(&l.colour),
        fmt_num(width)
    )
    .unwrap();
}

/// The map as SVG elements, in drawing order (escaped, fixed precision).
pub fn overlay(scene: &MapScene, theme: &Theme) -> String {
    let mut s = String::new();
    let f = scene.frame;
    let frame_attrs = format!(
        "x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
        fmt_num(f.x),
        fmt_num(f.y),
        fmt_num(f.w),
        fmt_num(f.h)
    );
    writeln!(
        s,
        "<rect {frame_attrs} fill=\"{}\"/>",
        escape_attr(&theme.sea)
    )
    .unwrap();
    // Land: one path per colour, lighter (other countries) first.
    let mut fills: Vec<&str> = Vec::new();
    for a in &scene.areas {
        if !fills.contains(&a.fill.as_str()) {
            fills.push(&a.fill);
        }
    }
    fills.sort_by_key(|c| *c != theme.land_other);
    for fill in fills {
        let mut d = String::new();
        for a in scene.areas.iter().filter(|a| a.fill == fill) {
            for r in &a.rings {
                path_data(&mut d, r, true);
            }
        }
        writeln!(
            s,
            "<path class=\"land\" fill=\"{}\" fill-rule=\"evenodd\" stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\" d=\"{d}\"/>",
            escape_attr(fill),
            escape_attr(&scene.border.0),
            fmt_num(scene.border.1)
        )
        .unwrap();
    }
    if !scene.inner_borders.is_empty() {
        let mut d = String::new();
        for l in &scene.inner_borders {
            path_data(&mut d, l, false);
        }
        writeln!(
            s,
            "<path class=\"inner-border\" fill=\"none\" stroke=\"{}\" stroke-width=\"0.8\" stroke-dasharray=\"3 2\" stroke-linejoin=\"round\" d=\"{d}\"/>",
            escape_attr(&theme.inner_border)
        )
        .unwrap();
    }
    writeln!(
        s,
        "<rect {frame_attrs} fill=\"none\" stroke=\"{}\"/>",
        escape_attr(&theme.grid)
    )
    .unwrap();
    for t in &scene.trails {
        let mut d = String::new();
        path_data(&mut d, &t.points, false);
        writeln!(
            s,
            "<g class=\"trail\"><title>{}</title><path fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" stroke-opacity=\"0.75\" stroke-linejoin=\"round\" d=\"{d}\"/>",
            escape_text(&format!("Route of {} in date order", t.who)),
            escape_attr(&t.colour)
        )
        .unwrap();
        for &((x, y), a) in &t.arrows {
            let pt = |dx: f64, dy: f64| {
                let (c, sn) = (a.cos(), a.sin());
                (x + dx * c - dy * sn, y + dx * sn + dy * c)
            };
            let tri = [pt(0.0, 0.0), pt(-7.0, -3.5), pt(-7.0, 3.5)];
            let mut d = String::new();
            path_data(&mut d, &tri, true);
            writeln!(s, "<path fill=\"{}\" d=\"{d}\"/>", escape_attr(&t.colour)).unwrap();
        }
        s.push_str("</g>\n");
    }
    let phone = scene.phone.is_some();
    if phone {
        s.push_str("<g class=\"dk\">\n");
    }
    for l in &scene.leaders {
        line_svg(&mut s, l, 0.7);
    }
    if phone {
        s.push_str("</g>\n<g class=\"ph\">\n");
        for l in scene.phone.iter().flat_map(|p| &p.leaders) {
            line_svg(&mut s, l, 1.2);
        }
        s.push_str("</g>\n");
    }
    let (bar_lines, bar_texts) = match &scene.scale_bar {
        Some(b) => (&b.lines[..], &b.texts[..]),
        None => (&[][..], &[][..]),
    };
    for l in bar_lines {
        line_svg(&mut s, l, 1.0);
    }
    for t in bar_texts {
        text_svg(&mut s, "halo", t);
    }
    for mk in &scene.markers {
        let g = mk.to_svg();
        // The desktop label gives way to the phone label on small screens.
        s.push_str(&if phone {
            g.replace("<text class=\"lbl\"", "<text class=\"lbl dk\"")
        } else {
            g
        });
    }
    if let Some(p) = &scene.phone {
        s.push_str("<g class=\"ph\">\n");
        for (_, t) in &p.labels {
            text_svg(&mut s, "lbl", t);
        }
        s.push_str("</g>\n");
    }
    s.push_str(&swatches_svg(&scene.swatches));
    s
}

/// One `<text>` element of a class, placed by its box.
fn text_svg(s: &mut String, class: &str, t: &TextItem) {
    writeln!(
        s,
        "<text class=\"{class}\" x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\">{}</text>",
        fmt_num(t.rect.x),
        fmt_num(t.rect.y + 0.95 * t.size),
        fmt_num(t.size),
        escape_attr(&t.colour),
        escape_text(&t.text)
    )
    .expect("writing to a String cannot fail");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_compact_and_exact_at_a_tenth() {
        let mut d = String::new();
        path_data(
            &mut d,
            &[(10.0, 20.04), (10.55, 19.0), (10.55, 19.0), (12.0, 19.0)],
            true,
        );
        assert_eq!(d, "M10 20l.6-1 1.4 0z");
        let mut d = String::new();
        path_data(&mut d, &[(-1.25, 0.0), (0.0, 0.0)], false);
        assert_eq!(d, "M-1.3 0l1.3 0");
    }
}
