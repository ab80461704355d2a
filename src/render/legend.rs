//! The legend both graphics share: one swatch per colour drawn, then a
//! size key for circle areas (crowds, or events per place), flowing and
//! wrapping across the width.

use super::colour::LEGEND_MAX;
use super::fmt_count;
use super::scene::{Anchor, Circle, Swatch, TextItem, area_radius, text_item};
use super::text::{TextMeasure, Weight};
use super::theme::Theme;
use crate::event::Event;

/// A legend item: swatch radius, fill, outline, outline width, text.
type LegendItem = (f64, String, String, f64, String);

pub(crate) struct Legend {
    pub(crate) texts: Vec<TextItem>,
    pub(crate) swatches: Vec<Swatch>,
    pub(crate) height: f64,
}

impl Legend {
    /// The legend set down at `y`: its texts join `texts`; returns its
    /// swatches and the `y` below it.
    pub(crate) fn place_at(self, y: f64, texts: &mut Vec<TextItem>) -> (Vec<Swatch>, f64) {
        texts.extend(self.texts.into_iter().map(|mut t| {
            t.rect.y += y;
            t
        }));
        let swatches = self
            .swatches
            .into_iter()
            .map(|mut s| {
                s.circle.cy += y;
                s
            })
            .collect();
        (swatches, y + self.height)
    }
}

/// What the legend's size key explains: circle areas proportional to a
/// count, up to `max` (no key when 0), never smaller than `min_r`, headed
/// `label`; `unknown` adds the ring of an event whose crowd is not given.
pub(crate) struct SizeKey<'a> {
    pub(crate) label: &'a str,
    pub(crate) max: u64,
    pub(crate) min_r: f64,
    pub(crate) unknown: bool,
}

impl SizeKey<'_> {
    /// Crowds, up to `max_crowd`, with the ring when a dated event of
    /// `events` gives none.
    pub(crate) fn crowd<'e>(
        theme: &Theme,
        max_crowd: u64,
        mut events: impl Iterator<Item = &'e Event>,
    ) -> SizeKey<'static> {
        SizeKey {
            label: "Crowd",
            max: max_crowd,
            min_r: theme.marker_min_radius,
            unknown: max_crowd > 0 && events.any(|e| e.date.is_some() && e.crowd.is_none()),
        }
    }
}

/// The legend: one swatch per named colour, then the size key. Positions
/// are relative to the legend's top (y = 0); items flow and wrap.
pub(crate) fn legend_layout(
    m: &TextMeasure,
    theme: &Theme,
    colours: &[(String, String)],
    size: &SizeKey,
    inner_w: f64,
) -> Legend {
    let fs = theme.font_size.label;
    let sw_r = 6.0;
    let shown = &colours[..colours.len().min(LEGEND_MAX)];
    let names: Vec<&str> = shown.iter().map(|(name, _)| name.as_str()).collect();
    let shorts = m.truncate_distinct(&names, fs, Weight::Normal, inner_w / 2.0);
    let colour_items: Vec<LegendItem> = shown
        .iter()
        .zip(shorts)
        .map(|((_, c), short)| (sw_r, c.clone(), theme.outline_for(c), 1.0, short))
        .collect();
    let key = size_items(theme, size);
    let mut flow = Flow {
        m,
        theme,
        inner_w,
        legend: Legend {
            texts: Vec::new(),
            swatches: Vec::new(),
            height: 0.0,
        },
    };
    if colours.len() > 1 || !key.is_empty() && !colours.is_empty() {
        flow.row(&colour_items, None);
    }
    if !key.is_empty() {
        flow.row(&key, Some(size.label));
    }
    flow.legend
}

/// The size key's items: a large and, where it differs enough, a small
/// round value, then the ring of a crowd not given.
fn size_items(theme: &Theme, size: &SizeKey) -> Vec<LegendItem> {
    let max_crowd = size.max;
    let mut key: Vec<LegendItem> = Vec::new();
    if max_crowd > 0 {
        let big = nice_floor(max_crowd);
        let mut vals = vec![big];
        let small = nice_floor(big / 5);
        if small > 0
            && area_radius(theme, small, max_crowd, size.min_r)
                < area_radius(theme, big, max_crowd, size.min_r) - 4.0
        {
            vals.insert(0, small);
        }
        for v in vals {
            let r = area_radius(theme, v, max_crowd, size.min_r);
            key.push((r, "#BBBBBB".into(), "#888888".into(), 1.0, fmt_count(v)));
        }
    }
    if size.unknown {
        key.push((
            theme.marker_min_radius,
            theme.background.clone(),
            "#888888".into(),
            2.0,
            "crowd not given".into(),
        ));
    }
    key
}

/// Items flowing in rows across the width, the legend growing downwards.
struct Flow<'a> {
    m: &'a TextMeasure,
    theme: &'a Theme,
    inner_w: f64,
    legend: Legend,
}

/// A line of items being filled: swatch centre x, text x, item.
type FlowLine<'i> = Vec<(f64, f64, &'i LegendItem)>;

impl Flow<'_> {
    /// One row of items after an optional bold heading, wrapped into
    /// lines when full.
    fn row(&mut self, items: &[LegendItem], prefix: Option<&str>) {
        let fs = self.theme.font_size.label;
        let x0 = self.theme.margin;
        let mut x = x0;
        let mut line: FlowLine = Vec::new();
        let mut prefix_item: Option<TextItem> = None;
        if let Some(p) = prefix {
            let t = text_item(
                self.m,
                p,
                x,
                0.0,
                fs,
                Weight::Bold,
                &self.theme.text,
                Anchor::Start,
            );
            x += t.rect.w + 8.0;
            prefix_item = Some(t);
        }
        for it in items {
            let tw = self.m.width(&it.4, fs, Weight::Normal);
            let item_w = 2.0 * it.0 + 5.0 + tw + 14.0;
            if x + item_w - 14.0 > x0 + self.inner_w && (!line.is_empty() || prefix_item.is_some())
            {
                self.flush(&mut line, &mut prefix_item);
                x = x0;
            }
            line.push((x + it.0, x + 2.0 * it.0 + 5.0, it));
            x += item_w;
        }
        self.flush(&mut line, &mut prefix_item);
    }

    /// Writes a line of items centred on one row, below the last.
    fn flush(&mut self, line: &mut FlowLine, prefix_item: &mut Option<TextItem>) {
        if line.is_empty() && prefix_item.is_none() {
            return;
        }
        let fs = self.theme.font_size.label;
        let label_h = self.m.line_height(fs);
        let row_h = line
            .iter()
            .map(|(_, _, it)| 2.0 * it.0)
            .fold(label_h, f64::max);
        let cy = self.legend.height + row_h / 2.0;
        if let Some(mut p) = prefix_item.take() {
            p.rect.y = cy - label_h / 2.0;
            self.legend.texts.push(p);
        }
        for (sx, tx, it) in line.drain(..) {
            self.legend.swatches.push(Swatch {
                circle: Circle {
                    cx: sx,
                    cy,
                    r: it.0,
                },
                fill: it.1.clone(),
                stroke: it.2.clone(),
                stroke_width: it.3,
            });
            let mut t = text_item(
                self.m,
                &it.4,
                tx,
                0.0,
                fs,
                Weight::Normal,
                &self.theme.text,
                Anchor::Start,
            );
            t.rect.y = cy - label_h / 2.0;
            self.legend.texts.push(t);
        }
        self.legend.height += row_h + 4.0;
    }
}

/// A "nice" number at or below `v` (1, 2, 5 × 10^k).
fn nice_floor(v: u64) -> u64 {
    if v == 0 {
        return 0;
    }
    let mut p = 1u64;
    while let Some(next) = p.checked_mul(10).filter(|&n| n <= v) {
        p = next;
    }
    [5, 2, 1]
        .iter()
        .map(|k| k * p)
        .find(|n| *n <= v)
        .unwrap_or(p)
}
