//! Text metrics with the bundled DejaVu Sans.
//!
//! Every layout decision that depends on the width of a string goes
//! through [`TextMeasure`]. DejaVu Sans is wider than the fallbacks of the
//! font stack (Arial, Helvetica), so a layout measured with it still fits
//! where a reader's browser substitutes them. Kerning is ignored, which
//! can only overestimate widths.

use ab_glyph::{Font, FontRef};
use rustc_hash::FxHashMap;
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

fn font(weight: Weight) -> &'static FontRef<'static> {
    match weight {
        Weight::Normal => &REGULAR,
        Weight::Bold => &BOLD,
    }
}

/// The font's units per em.
fn upem(font: &FontRef<'static>) -> f64 {
    f64::from(font.units_per_em().unwrap_or(2048.0))
}

/// Measures strings set in DejaVu Sans.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextMeasure;

impl TextMeasure {
    /// The advance width in pixels of `text` at `size_px` (the CSS
    /// font-size, i.e. the em).
    pub fn width(&self, text: &str, size_px: f64, weight: Weight) -> f64 {
        let font = font(weight);
        let units: f64 = text
            .chars()
            .map(|c| f64::from(font.h_advance_unscaled(font.glyph_id(c))))
            .sum();
        units * size_px / upem(font)
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

    /// `text` cut to fit `max_w`, ending with an ellipsis if cut: the
    /// longest start of it that fits with the ellipsis, trailing spaces
    /// left out. One pass over the text, whatever its length.
    pub fn truncate(&self, text: &str, size_px: f64, weight: Weight, max_w: f64) -> String {
        if self.width(text, size_px, weight) <= max_w {
            return text.to_string();
        }
        let font = font(weight);
        let advance = |c: char| f64::from(font.h_advance_unscaled(font.glyph_id(c)));
        let ellipsis = advance('…');
        let last = text.char_indices().last().map_or(0, |(i, _)| i);
        // Units summed in text order, as `width` sums them; each start
        // that ends on other than a space is tried, the widths growing.
        let mut units = 0.0;
        let mut kept = 0;
        for (i, c) in text[..last].char_indices() {
            units += advance(c);
            if c.is_whitespace() {
                continue;
            }
            if (units + ellipsis) * size_px / upem(font) > max_w {
                break;
            }
            kept = i + c.len_utf8();
        }
        format!("{}…", &text[..kept])
    }

    /// Each of `names` (all different) cut to fit `max_w` as
    /// [`truncate`](Self::truncate) cuts it, the cut ones kept apart:
    /// names that would be cut alike ("Candidate of the Very…") keep their
    /// ends instead ("Candidate of…Number 0001"), and any still alike are
    /// numbered.
    pub fn truncate_distinct(
        &self,
        names: &[&str],
        size_px: f64,
        weight: Weight,
        max_w: f64,
    ) -> Vec<String> {
        let mut out: Vec<String> = names
            .iter()
            .map(|n| self.truncate(n, size_px, weight, max_w))
            .collect();
        for i in alike(&out) {
            out[i] = self.truncate_middle(names[i], size_px, weight, max_w);
        }
        let mut number: FxHashMap<String, usize> = FxHashMap::default();
        for i in alike(&out) {
            let k = number.entry(out[i].clone()).or_default();
            *k += 1;
            let tag = format!(" ({k})");
            let room = max_w - self.width(&tag, size_px, weight);
            out[i] = self.truncate_middle(names[i], size_px, weight, room) + &tag;
        }
        out
    }

    /// `text` cut in the middle to fit `max_w`: its start and its end,
    /// about half the room each, joined by an ellipsis.
    fn truncate_middle(&self, text: &str, size_px: f64, weight: Weight, max_w: f64) -> String {
        let font = font(weight);
        let px =
            |c: char| f64::from(font.h_advance_unscaled(font.glyph_id(c))) * size_px / upem(font);
        let room = max_w - px('…');
        let mut tail_w = 0.0;
        let mut tail = text.len();
        for (i, c) in text.char_indices().rev() {
            if tail_w + px(c) > room / 2.0 {
                break;
            }
            tail_w += px(c);
            tail = i;
        }
        let mut head_w = tail_w;
        let mut head = 0;
        for (i, c) in text[..tail].char_indices() {
            if head_w + px(c) > room {
                break;
            }
            head_w += px(c);
            head = i + c.len_utf8();
        }
        format!("{}…{}", text[..head].trim_end(), text[tail..].trim_start())
    }
}

/// The positions of the labels that equal another.
fn alike(labels: &[String]) -> Vec<usize> {
    let mut count: FxHashMap<&str, usize> = FxHashMap::default();
    for l in labels {
        *count.entry(l).or_default() += 1;
    }
    (0..labels.len())
        .filter(|&i| count[labels[i].as_str()] > 1)
        .collect()
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

    /// The cut is the one trying every shorter start, longest first,
    /// would find.
    #[test]
    fn truncate_keeps_the_longest_start_that_fits() {
        let m = TextMeasure;
        let slow = |text: &str, max_w: f64| {
            let mut out = text.to_string();
            while !out.is_empty() {
                out.pop();
                let t = format!("{}…", out.trim_end());
                if m.width(&t, 12.0, Weight::Normal) <= max_w {
                    return t;
                }
            }
            "…".to_string()
        };
        for text in [
            "Jeremy Corbyn and friends",
            "a  b   c",
            "Zürich – Genève",
            "x",
            "  ab",
        ] {
            for max_w in [0.0, 5.0, 20.0, 33.3, 60.0, 90.0] {
                let want = if m.width(text, 12.0, Weight::Normal) <= max_w {
                    text.to_string()
                } else {
                    slow(text, max_w)
                };
                assert_eq!(
                    m.truncate(text, 12.0, Weight::Normal, max_w),
                    want,
                    "{text:?} {max_w}"
                );
            }
        }
    }

    /// 3,000 candidates whose names differ only at the end keep labels
    /// that tell them apart; all were "Candidate of the Very…".
    #[test]
    fn cut_labels_stay_distinct() {
        let m = TextMeasure;
        let names: Vec<String> = (0..3000)
            .map(|i| format!("Candidate of the Very Long Named Independent Party Number {i:04}"))
            .chain((0..3).map(|i| {
                format!("The Long Party of the North, branch {i}, of the Long Party of the North")
            }))
            .chain(["Jane Doe".to_string()])
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let short = m.truncate_distinct(&names, 12.0, Weight::Bold, 120.0);
        let distinct: std::collections::HashSet<&String> = short.iter().collect();
        assert_eq!(distinct.len(), names.len());
        for s in &short {
            assert!(m.width(s, 12.0, Weight::Bold) <= 120.0 + 1e-9, "{s}");
        }
        assert_eq!(short[3003], "Jane Doe");
        assert!(short[3001].ends_with(" (2)"), "{}", short[3001]);
        assert!(short[7].ends_with("0007"), "{}", short[7]);
    }

    /// A name of 200,000 letters is cut in one pass: measuring each
    /// shorter start in turn took minutes.
    #[test]
    fn a_very_long_name_is_cut_at_once() {
        let name = "A".repeat(200_000);
        let t = TextMeasure.truncate(&name, 12.0, Weight::Bold, 100.0);
        assert!(t.ends_with('…') && t.len() < 40, "{t}");
    }
}
