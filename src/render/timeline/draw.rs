//! Draws a [`TimelineScene`] as SVG.
//!
//! No decisions are made here: positions, colours and texts all come from
//! the layout. The page (lane bands, grid, axis, every text outside the
//! markers) is drawn at whole pixels, then the legend circles, the count
//! bars and the markers with their `<title>` tooltips.

use super::TimelineScene;
use crate::render::svg::{self, Document, Writer};
use crate::render::theme::Theme;

/// The finished document of a timeline's renditions.
pub(super) fn draw(scenes: &[(TimelineScene, Theme)], doc: &Document) -> String {
    svg::document(doc, |w| {
        svg::renditions(w, scenes, |w, scene, theme, tooltips| {
            svg::page(
                w,
                (scene.width, scene.height),
                &scene.bands,
                &scene.lines,
                &scene.texts,
                theme,
            );
            marks(w, scene, theme, tooltips);
        });
    })
}

/// The legend circles, the count bars and the markers with their labels
/// (and their tooltips, with `tooltips`).
fn marks(w: &mut Writer, scene: &TimelineScene, theme: &Theme, tooltips: bool) {
    svg::swatches(w, &scene.swatches);
    for b in &scene.bars {
        w.start("rect")
            .num("x", b.rect.x)
            .num("y", b.rect.y)
            .num("width", b.rect.w)
            .num("height", b.rect.h)
            .attr("fill", &b.fill);
        if tooltips {
            w.start("title").text(&b.tooltip).end();
        }
        w.end().nl();
    }
    for mk in &scene.markers {
        svg::marker(w, mk, "lbl", theme.font_size.source, tooltips);
    }
}
