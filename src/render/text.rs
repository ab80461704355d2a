//! Text metrics with the bundled DejaVu Sans.
//!
//! Every layout decision that depends on the width of a string goes
//! through [`TextMeasure`]. DejaVu Sans is wider than the fallbacks of the
//! font stack (Arial, Helvetica), so a layout measured with it still fits
//! where a reader's browser substitutes them. Kerning is ignored, which
//! can only overestimate widths.

use ab_glyph::{Font, FontRef};
use std::sync::LazyLock;

/// DejaVu Sans (Debian `fonts-dejavu-core` 2.37), Bitstream Vera licence.
pub static DEJAVU_SANS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/fonts/DejaVuSans.ttf"
));

/// DejaVu Sans Bold, from the same package.
pub static DEJAVU_SANS_BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/fonts/DejaVuSans-Bold.ttf"
));

static REGULAR: LazyLock<FontRef<'static>> = LazyLock::new(|| {
    FontRef::try_from_slice(DEJAVU_SANS).expect("the bundled DejaVu Sans is a valid font")
});
static BOLD: LazyLock<FontRef<'static>> = LazyLock::new(|| {
    FontRef::try_from_slice(DEJAVU_SANS_BOLD).expect("the bundled DejaVu Sans Bold is a valid font")
});

/// Weight of a run of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// Regular.
    Normal,
    /// Bold (titles).
    Bold,
}

/// Measures strings set in DejaVu Sans.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextMeasure;

impl TextMeasure {
    /// The advance width in pixels of `text` at `size_px` (the CSS
    /// font-size, i.e. the em).
    pub fn width(&self, text: &str, size_px: f64, weight: Weight) -> f64 {
        let font: &FontRef<'static> = match weight {
            Weight::Normal => &REGULAR,
            Weight::Bold => &BOLD,
        };
        let upem = f64::from(font.units_per_em().unwrap_or(2048.0));
        let units: f64 = text
            .chars()
            .map(|c| f64::from(font.h_advance_unscaled(font.glyph_id(c))))
            .sum();
        units * size_px / upem
    }

    /// The height of a line box at `size_px`: what a label occupies.
    pub fn line_height(&self, size_px: f64) -> f64 {
        size_px * 1.2
    }

    /// Breaks `text` into lines no wider than `max_w` at word boundaries;
    /// a single word wider than `max_w` gets a line of its own.
    pub fn wrap(&self, text: &str, size_px: f64, weight: Weight, max_w: f64) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let trial = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.width(&trial, size_px, weight) > max_w {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = trial;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// `text` cut to fit `max_w`, ending with an ellipsis if cut.
    pub fn truncate(&self, text: &str, size_px: f64, weight: Weight, max_w: f64) -> String {
        if self.width(text, size_px, weight) <= max_w {
            return text.to_string();
        }
        let mut out: String = text.to_string();
        while !out.is_empty() {
            out.pop();
            let t = format!("{}…", out.trim_end());
            if self.width(&t, size_px, weight) <= max_w {
                return t;
            }
        }
        "…".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_match_an_independent_measurement() {
        // ttf-parser 0.25 gives 231.2 px for this string at 12 px.
        let w = TextMeasure.width(
            "Wilkes-Barre, Penistone, Ystradgynlais",
            12.0,
            Weight::Normal,
        );
        assert!((w - 231.2).abs() < 0.5, "{w}");
        assert!(
            TextMeasure.width("Barry", 12.0, Weight::Bold)
                > TextMeasure.width("Barry", 12.0, Weight::Normal)
        );
    }

    #[test]
    fn wrap_and_truncate_fit() {
        let m = TextMeasure;
        let lines = m.wrap(
            "one two three four five six seven",
            12.0,
            Weight::Normal,
            80.0,
        );
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(m.width(l, 12.0, Weight::Normal) <= 80.0, "{l}");
        }
        let t = m.truncate("Jeremy Corbyn and friends", 12.0, Weight::Normal, 60.0);
        assert!(t.ends_with('…'));
        assert!(m.width(&t, 12.0, Weight::Normal) <= 60.0);
    }
}
