//! Draws a [`TimelineScene`] with plotters' SVG backend and finishes it.
//!
//! No decisions are made here: positions, colours and texts all come from
//! [`super::layout`]. Plotters draws the frame (lane bands, grid, axis,
//! every text); the markers and count bars, which need `<title>`
//! tooltips, are written by [`super::marker_svg`] into the overlay.

use super::labels::Rect;
use super::layout::{
    Anchor, Line, Swatch, TextItem, TimelineOptions, TimelineScene, layout_timeline,
};
use super::text::{DEJAVU_SANS, DEJAVU_SANS_BOLD, Weight};
use super::theme::{Rgb, Theme};
use super::{Document, describe_counted, escape_attr, escape_text, finish, fmt_num};
use crate::event::Event;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};
use std::fmt::Write as _;

/// Plotters writes `font-size` as its size divided by 1.24.
const PLOTTERS_FONT_SCALE: f64 = 1.24;

fn colour(hex: &str) -> RGBColor {
    let Rgb(r, g, b) = Rgb::parse(hex).unwrap_or(Rgb(0, 0, 0));
    RGBColor(r, g, b)
}

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
    let scene = layout_timeline(events, opts, theme);
    let what = "Timeline of campaign events.";
    let counted: Vec<(&str, &[usize])> = scene
        .lanes
        .iter()
        .filter(|l| l.aggregated)
        .map(|l| (l.key.as_str(), &l.events[..]))
        .collect();
    let doc = Document {
        width: scene.width,
        height: scene.height,
        title: scene.title.clone(),
        desc: describe_counted(what, events, &counted, scene.bar_unit.noun()),
        font_family: theme.font_family.clone(),
        css: String::new(),
    };
    finish(&draw(&scene, theme), &overlay(&scene), &doc)
}

/// Draws the frame and text of a scene with plotters, returning its SVG.
pub fn draw(scene: &TimelineScene, theme: &Theme) -> String {
    draw_base(
        (scene.width, scene.height),
        &scene.bands,
        &scene.lines,
        &scene.texts,
        theme,
    )
}

/// Draws a page with plotters: the background, filled bands, one-pixel
/// lines and text items, in that order. Shared by the timeline and the
/// map (whose basemap and markers go into the overlay instead).
pub(crate) fn draw_base(
    (width, height): (f64, f64),
    bands: &[(Rect, String)],
    lines: &[Line],
    texts: &[TextItem],
    theme: &Theme,
) -> String {
    // The SVG names the theme's font stack; metrics come from DejaVu Sans.
    let family = theme.font_family.as_str();
    let _ = register_font(family, FontStyle::Normal, DEJAVU_SANS);
    let _ = register_font(family, FontStyle::Bold, DEJAVU_SANS_BOLD);
    let mut buf = String::new();
    {
        let size = (width.ceil() as u32, height.ceil() as u32);
        let root = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        let px = |v: f64| v.round() as i32;
        let _ = root.fill(&colour(&theme.background));
        for (r, c) in bands {
            let _ = root.draw(&Rectangle::new(
                [(px(r.x), px(r.y)), (px(r.right()), px(r.bottom()))],
                colour(c).filled(),
            ));
        }
        for l in lines {
            let _ = root.draw(&PathElement::new(
                vec![(px(l.from.0), px(l.from.1)), (px(l.to.0), px(l.to.1))],
                colour(&l.colour).stroke_width(1),
            ));
        }
        for t in texts {
            let style = if t.weight == Weight::Bold {
                FontStyle::Bold
            } else {
                FontStyle::Normal
            };
            let h = match t.anchor {
                Anchor::Start => HPos::Left,
                Anchor::Middle => HPos::Center,
            };
            // Plotters' top anchor puts the baseline 0.76 em below y; the
            // layout wants it 0.95 em below the top of the box.
            let y = t.rect.y + 0.19 * t.size;
            let font = FontDesc::new(
                FontFamily::Name(family),
                t.size * PLOTTERS_FONT_SCALE,
                style,
            )
            .color(&colour(&t.colour))
            .pos(Pos::new(h, VPos::Top));
            let _ = root.draw(&Text::new(t.text.clone(), (px(t.x), px(y)), font));
        }
        let _ = root.present();
    }
    buf
}

/// Legend circles as SVG.
pub(crate) fn swatches_svg(swatches: &[Swatch]) -> String {
    let mut s = String::new();
    for sw in swatches {
        writeln!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
            fmt_num(sw.circle.cx),
            fmt_num(sw.circle.cy),
            fmt_num(sw.circle.r),
            escape_attr(&sw.fill),
            escape_attr(&sw.stroke),
            fmt_num(sw.stroke_width)
        )
        .unwrap();
    }
    s
}

/// The markers, their labels and tooltips, the count bars and the legend
/// circles, as SVG (escaped, fixed precision).
pub fn overlay(scene: &TimelineScene) -> String {
    let mut s = swatches_svg(&scene.swatches);
    for b in &scene.bars {
        writeln!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}</title></rect>",
            fmt_num(b.rect.x),
            fmt_num(b.rect.y),
            fmt_num(b.rect.w),
            fmt_num(b.rect.h),
            escape_attr(&b.fill),
            escape_text(&b.tooltip)
        )
        .unwrap();
    }
    for mk in &scene.markers {
        s.push_str(&mk.to_svg());
    }
    s
}
