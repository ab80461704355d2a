//! Draws a [`MapScene`] as SVG.
//!
//! No decisions are made here: positions, colours and texts all come from
//! the layout. The page and the texts around the map are drawn as on the
//! timeline; the map itself at fractions of a pixel: the basemap as one
//! compact path per land colour (coordinates to 0.1 px, relative moves),
//! then the first-level borders, trails, leader lines, the scale bar and
//! the markers with their labels and tooltips.

use super::MapScene;
use crate::render::svg::{self, Document, Writer};
use crate::render::theme::Theme;
use std::fmt::Write as _;

/// The finished document of a map's renditions.
pub(super) fn draw(scenes: &[(MapScene, Theme)], doc: &Document) -> String {
    svg::document(doc, |w| {
        svg::renditions(w, scenes, |w, scene, theme, tooltips| {
            let size = (scene.width, scene.height);
            svg::page(w, size, &[], &[], &scene.texts, theme);
            basemap(w, scene, theme);
            trails(w, scene);
            marks(w, scene, theme, tooltips);
        });
    })
}

/// The sea, the land (one path per colour, lighter, other countries,
/// first), the lakes, the first-level borders and the frame.
fn basemap(w: &mut Writer, scene: &MapScene, theme: &Theme) {
    let f = scene.frame;
    let frame = |w: &mut Writer| {
        w.start("rect")
            .num("x", f.x)
            .num("y", f.y)
            .num("width", f.w)
            .num("height", f.h);
    };
    frame(w);
    w.attr("fill", &theme.sea).end().nl();
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
        w.start("path")
            .attr("class", "land")
            .attr("fill", fill)
            .attr("fill-rule", "evenodd")
            .attr("stroke", &scene.border.0)
            .num("stroke-width", scene.border.1)
            .attr("stroke-linejoin", "round")
            .attr_exact("d", &d)
            .end()
            .nl();
    }
    if !scene.lakes.is_empty() {
        let mut d = String::new();
        for r in &scene.lakes {
            path_data(&mut d, r, true);
        }
        w.start("path")
            .attr("class", "water")
            .attr("fill", &theme.sea)
            .attr("fill-rule", "evenodd")
            .attr("stroke", &scene.border.0)
            .num("stroke-width", scene.border.1)
            .attr("stroke-linejoin", "round")
            .attr_exact("d", &d)
            .end()
            .nl();
    }
    if !scene.inner_borders.is_empty() {
        let mut d = String::new();
        for l in &scene.inner_borders {
            path_data(&mut d, l, false);
        }
        w.start("path")
            .attr("class", "inner-border")
            .attr("fill", "none")
            .attr("stroke", &theme.inner_border)
            .num("stroke-width", 0.8)
            .attr("stroke-dasharray", "3 2")
            .attr("stroke-linejoin", "round")
            .attr_exact("d", &d)
            .end()
            .nl();
    }
    frame(w);
    w.attr("fill", "none")
        .attr("stroke", &theme.grid)
        .end()
        .nl();
}

/// Each route under the markers, with its arrowheads and a tooltip.
fn trails(w: &mut Writer, scene: &MapScene) {
    for t in &scene.trails {
        let mut d = String::new();
        path_data(&mut d, &t.points, false);
        w.start("g").attr("class", "trail");
        w.start("title")
            .text(&format!("Route of {} in date order", t.who))
            .end();
        w.start("path")
            .attr("fill", "none")
            .attr("stroke", &t.colour)
            .num("stroke-width", 1.5)
            .num("stroke-opacity", 0.75)
            .attr("stroke-linejoin", "round")
            .attr_exact("d", &d)
            .end()
            .nl();
        for &((x, y), a) in &t.arrows {
            let pt = |dx: f64, dy: f64| {
                let (c, sn) = (a.cos(), a.sin());
                (x + dx * c - dy * sn, y + dx * sn + dy * c)
            };
            let tri = [pt(0.0, 0.0), pt(-7.0, -3.5), pt(-7.0, 3.5)];
            let mut d = String::new();
            path_data(&mut d, &tri, true);
            w.start("path")
                .attr("fill", &t.colour)
                .attr_exact("d", &d)
                .end()
                .nl();
        }
        w.end().nl();
    }
}

/// Leader lines, the scale bar, the markers with their labels (and
/// their tooltips, with `tooltips`) and the legend circles.
fn marks(w: &mut Writer, scene: &MapScene, theme: &Theme, tooltips: bool) {
    for l in &scene.leaders {
        svg::line(w, l, 0.7);
    }
    if let Some(b) = &scene.scale_bar {
        for l in &b.lines {
            svg::line(w, l, 1.0);
        }
        for t in &b.texts {
            svg::boxed_text(w, "halo", t);
            w.nl();
        }
    }
    for mk in &scene.markers {
        svg::marker(w, mk, "lbl", theme.font_size.source, tooltips);
    }
    svg::swatches(w, &scene.swatches);
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
