//! The map's scale bar: a round length in km (and miles for British and
//! American readers), in the first corner of the frame free of markers.

use super::ScaleBar;
use crate::projection::Viewport;
use crate::render::scene::{Anchor, Line, Marker, Rect, text_item};
use crate::render::text::{TextMeasure, Weight};
use crate::render::theme::Theme;
use crate::render::{fmt_count, fmt_num};

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
        fmt_num(v)
    }
}

const KM_PER_MILE: f64 = 1.609344;

/// A scale bar in km (and miles for British and American readers), about
/// a fifth of the frame wide, in the first corner free of markers.
pub(super) fn scale_bar(
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
    fn nice_lengths() {
        assert_eq!(nice_length(73.0), 50.0);
        assert_eq!(nice_length(180.0), 100.0);
        assert_eq!(nice_length(0.3), 0.2);
    }
}
