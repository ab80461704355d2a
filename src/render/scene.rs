//! The scene vocabulary both graphics share: text items with the boxes
//! they take, markers, legend swatches and lines, all positioned in
//! pixels (y pointing down) before anything is drawn; and the rules that
//! make the same thing look the same on the map and the timeline (the
//! title block, marker sizes and styles).
//!
//! A layout (`timeline::layout`, `map::layout`) builds a scene from these
//! items; `svg` draws them. Nothing here knows about SVG.

pub use super::labels::{Circle, Rect};
use super::text::{TextMeasure, Weight};
use super::theme::Theme;
use super::tooltip;
use crate::event::Event;

/// Horizontal anchoring of a text item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is the left edge.
    Start,
    /// `x` is the centre.
    Middle,
}

/// One piece of text and the box it occupies.
#[derive(Clone, Debug, PartialEq)]
pub struct TextItem {
    /// The text (clean, not escaped).
    pub text: String,
    /// The box the text may occupy; its top is the line-box top.
    pub rect: Rect,
    /// Anchor x (left edge or centre).
    pub x: f64,
    /// Font size, pixels.
    pub size: f64,
    /// Weight.
    pub weight: Weight,
    /// Colour.
    pub colour: String,
    /// Horizontal anchoring.
    pub anchor: Anchor,
}

/// One event's marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// The event's number (see [`super::numbered`]).
    pub number: usize,
    /// The circle.
    pub circle: Circle,
    /// Fill colour (the background for a crowd not given: a ring).
    pub fill: String,
    /// Outline colour.
    pub stroke: String,
    /// Outline width.
    pub stroke_width: f64,
    /// A darker edge on both sides of the outline, for a ring of a light
    /// colour (the SNP's yellow would not stand out on land alone).
    pub casing: Option<String>,
    /// The number drawn inside, if it fits, with its colour.
    pub inner: Option<(String, String)>,
    /// The label beside it, when one could be placed.
    pub label: Option<TextItem>,
    /// Tooltip text.
    pub tooltip: String,
    /// On a map, the projected point of the marker's place (pixels),
    /// written as `data-x` and `data-y` so that a check can measure how
    /// far the circle is drawn from it.
    pub at: Option<(f64, f64)>,
    /// A dashed outline: where it is or when was uncertain (see
    /// [`super::map::UNCERTAIN_BELOW`]).
    pub dashed: bool,
}

/// A legend or size-key circle.
#[derive(Clone, Debug, PartialEq)]
pub struct Swatch {
    /// The circle.
    pub circle: Circle,
    /// Fill.
    pub fill: String,
    /// Outline.
    pub stroke: String,
    /// Outline width.
    pub stroke_width: f64,
}

/// A straight line.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Start (x, y).
    pub from: (f64, f64),
    /// End (x, y).
    pub to: (f64, f64),
    /// Colour.
    pub colour: String,
}

#[allow(clippy::too_many_arguments)] // one call per text; a struct would only rename them
pub(crate) fn text_item(
    m: &TextMeasure,
    text: &str,
    x: f64,
    y: f64,
    size: f64,
    weight: Weight,
    colour: &str,
    anchor: Anchor,
) -> TextItem {
    let w = m.width(text, size, weight);
    let left = match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - w / 2.0,
    };
    TextItem {
        text: text.to_string(),
        rect: Rect::new(left, y, w, m.line_height(size)),
        x,
        size,
        weight,
        colour: colour.to_string(),
        anchor,
    }
}

/// Lays out a graphic's title and subtitle, wrapped to `width_px`, with
/// their top-left corner `margin_px` from the canvas's; returns the y
/// below them.
pub(crate) fn header_texts(
    m: &TextMeasure,
    title: &str,
    subtitle: &str,
    margin_px: f64,
    width_px: f64,
    theme: &Theme,
    texts: &mut Vec<TextItem>,
) -> f64 {
    let fs = &theme.font_size;
    let mut y = margin_px;
    for l in m.wrap(title, fs.title, Weight::Bold, width_px) {
        texts.push(text_item(
            m,
            &l,
            margin_px,
            y,
            fs.title,
            Weight::Bold,
            &theme.text,
            Anchor::Start,
        ));
        y += m.line_height(fs.title);
    }
    if !subtitle.is_empty() {
        y += 2.0;
        for l in m.wrap(subtitle, fs.subtitle, Weight::Normal, width_px) {
            texts.push(text_item(
                m,
                &l,
                margin_px,
                y,
                fs.subtitle,
                Weight::Normal,
                &theme.muted_text,
                Anchor::Start,
            ));
            y += m.line_height(fs.subtitle);
        }
    }
    y
}

/// A marker's radius: area proportional to the crowd, the theme's
/// largest radius for `max_crowd`, never below its smallest (which is
/// also the size of a marker whose crowd is not given). The map and the
/// timeline both size markers with this function.
pub fn radius(theme: &Theme, crowd: Option<u64>, max_crowd: u64) -> f64 {
    match crowd {
        Some(c) if max_crowd > 0 => area_radius(theme, c, max_crowd, theme.marker_min_radius),
        _ => theme.marker_min_radius,
    }
}

/// The radius of a circle whose area is proportional to `v`: the theme's
/// largest radius for `max` (not 0), never below `min_r`.
pub(crate) fn area_radius(theme: &Theme, v: u64, max: u64, min_r: f64) -> f64 {
    (theme.marker_max_radius * ((v as f64) / (max as f64)).sqrt()).max(min_r)
}

/// An event's marker, styled as on every graphic: filled with its colour
/// and outlined in the background colour (a darker shade for light
/// fills); a ring (background fill, coloured 2 px outline, cased in that
/// darker shade for light colours so the ring keeps the legend's colour)
/// when its crowd is not given but others are; its number inside when it
/// fits, else no inner text (the label then carries the number). No
/// label yet.
pub(crate) fn marker_for(
    theme: &Theme,
    number: usize,
    e: &Event,
    circle: Circle,
    colour: &str,
    max_crowd: u64,
) -> Marker {
    let m = TextMeasure;
    let num_size = theme.font_size.source;
    let r = circle.r;
    let colour = colour.to_string();
    let outline = theme.outline_for(&colour);
    let ring = e.crowd.is_none() && max_crowd > 0;
    let light = outline != theme.background;
    // The number in a ring is written in the ring's colour, or in its
    // casing's darker shade where the colour is too light to read.
    let edge = if light {
        outline.clone()
    } else {
        colour.clone()
    };
    let text = number.to_string();
    let fits = m.width(&text, num_size, Weight::Bold) <= 2.0 * r - 2.0;
    let inner = fits.then(|| {
        (
            text.clone(),
            if ring {
                edge.clone()
            } else {
                theme.text_on(&colour).to_string()
            },
        )
    });
    Marker {
        number,
        circle,
        fill: if ring {
            theme.background.clone()
        } else {
            colour.clone()
        },
        stroke: if ring {
            colour.clone()
        } else {
            outline.clone()
        },
        stroke_width: if ring { 2.0 } else { 1.0 },
        casing: (ring && light).then_some(outline),
        inner,
        label: None,
        tooltip: tooltip(number, e),
        at: None,
        dashed: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::svg::{self, Writer};
    use crate::render::testing::{d, ev};
    use crate::render::theme::Rgb;

    fn svg_of(m: &Marker) -> String {
        let mut w = Writer::new();
        svg::marker(&mut w, m, "lbl", 11.0, true);
        w.finish()
    }

    #[test]
    fn a_ring_keeps_its_colour_and_a_light_one_is_cased() {
        let theme = Theme::default();
        let circle = Circle {
            cx: 10.0,
            cy: 10.0,
            r: 6.0,
        };
        let no_crowd = ev("Perth", Some(d(2017, 6, 5)), "Nicola Sturgeon", None);
        let yellow = "#FDF38E";
        let ring = marker_for(&theme, 1, &no_crowd, circle, yellow, 1000);
        assert_eq!(
            (ring.fill.as_str(), ring.stroke.as_str()),
            ("#FFFFFF", yellow)
        );
        let casing = ring.casing.clone().expect("a light ring is cased");
        let dark = Rgb::parse(&casing).unwrap();
        assert!(dark.contrast(Rgb(255, 255, 255)) >= 3.0);
        assert_eq!(
            ring.inner.as_ref().map(|i| i.1.as_str()),
            Some(casing.as_str())
        );
        let svg = svg_of(&ring);
        assert_eq!(svg.matches("<circle").count(), 2, "{svg}");
        assert!(svg.contains(&format!("stroke=\"{casing}\" stroke-width=\"3.5\"")));
        // A dark ring needs no casing; a filled marker never has one.
        let red = marker_for(&theme, 2, &no_crowd, circle, "#E4003B", 1000);
        assert_eq!(
            (red.stroke.as_str(), red.casing.as_ref()),
            ("#E4003B", None)
        );
        let crowd = ev("Perth", Some(d(2017, 6, 5)), "Nicola Sturgeon", Some(500));
        let filled = marker_for(&theme, 3, &crowd, circle, yellow, 1000);
        assert_eq!(
            (filled.fill.as_str(), filled.casing.as_ref()),
            (yellow, None)
        );
        assert_eq!(svg_of(&filled).matches("<circle").count(), 1);
    }
}
