//! SVG output: one writer for every element of both graphics.
//!
//! [`Writer`] writes elements, attributes and text, escaping every value
//! and writing every number at the fixed precision of all outputs
//! ([`super::fmt_num`]); nothing is written as a string of markup and
//! nothing is parsed back. [`finish`] wraps a drawn body in the
//! document's responsive, accessible root; the drawing of the scene items
//! both graphics share (the page's bands, lines and texts, the legend's
//! swatches, the markers with their tooltips) is here too.

use super::labels::Rect;
use super::scene::{Anchor, Line, Marker, Swatch, TextItem};
use super::text::Weight;
use super::theme::{Rgb, Theme};
use super::{clean, fmt_num};

/// Writes SVG markup. Elements are opened with [`Writer::start`], given
/// attributes, text or children, and closed with [`Writer::end`] (as
/// `<x/>` when nothing was put in them); line breaks are written only
/// where [`Writer::nl`] asks, so that the documents stay compact.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    out: String,
    /// Open elements: name, and whether its start tag is still open.
    open: Vec<(&'static str, bool)>,
}

/// Appends `s` with `&`, `<` and `>` escaped, and both quotes when
/// `quotes`.
fn escape_into(out: &mut String, s: &str, quotes: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

impl Writer {
    /// An empty writer.
    pub(crate) fn new() -> Writer {
        Writer::default()
    }

    /// Ends an open start tag, if any, before content.
    fn content(&mut self) {
        if let Some((_, pending)) = self.open.last_mut()
            && *pending
        {
            *pending = false;
            self.out.push('>');
        }
    }

    /// Starts an element `<name`.
    pub(crate) fn start(&mut self, name: &'static str) -> &mut Writer {
        self.content();
        self.out.push('<');
        self.out.push_str(name);
        self.open.push((name, true));
        self
    }

    /// An attribute, its value [`clean`]ed and escaped.
    pub(crate) fn attr(&mut self, name: &str, value: &str) -> &mut Writer {
        self.attr_exact(name, &clean(value))
    }

    /// An attribute, its value escaped but its spaces kept as they are
    /// (path data, point lists).
    pub(crate) fn attr_exact(&mut self, name: &str, value: &str) -> &mut Writer {
        debug_assert!(
            self.open.last().is_some_and(|o| o.1),
            "attribute outside a start tag"
        );
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(&mut self.out, value, true);
        self.out.push('"');
        self
    }

    /// A numeric attribute at fixed precision.
    pub(crate) fn num(&mut self, name: &str, v: f64) -> &mut Writer {
        self.attr_exact(name, &fmt_num(v))
    }

    /// Text content, [`clean`]ed and escaped.
    pub(crate) fn text(&mut self, s: &str) -> &mut Writer {
        self.content();
        escape_into(&mut self.out, &clean(s), false);
        self
    }

    /// Text content with quotes escaped as well.
    pub(crate) fn text_quoted(&mut self, s: &str) -> &mut Writer {
        self.content();
        escape_into(&mut self.out, &clean(s), true);
        self
    }

    /// Closes the innermost open element.
    pub(crate) fn end(&mut self) -> &mut Writer {
        match self.open.pop() {
            Some((_, true)) => self.out.push_str("/>"),
            Some((name, false)) => {
                self.out.push_str("</");
                self.out.push_str(name);
                self.out.push('>');
            }
            None => debug_assert!(false, "end without an open element"),
        }
        self
    }

    /// A line break (after ending an open start tag).
    pub(crate) fn nl(&mut self) -> &mut Writer {
        self.content();
        self.out.push('\n');
        self
    }

    /// The markup written, every element closed.
    pub(crate) fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.end();
        }
        self.out
    }
}

/// What the finished document says about itself.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Document {
    /// Canvas width in pixels (the viewBox width).
    pub(crate) width: f64,
    /// Canvas height in pixels.
    pub(crate) height: f64,
    /// The accessible name (`<title>`): the graphic's title.
    pub(crate) title: String,
    /// The text alternative (`<desc>`).
    pub(crate) desc: String,
    /// The font stack, set once on the root.
    pub(crate) font_family: String,
    /// CSS for a `<style>` element (media rules for small screens).
    pub(crate) css: String,
}

/// A finished document: a responsive, accessible root (`viewBox`, no
/// fixed size, `role="img"`, `aria-labelledby` pointing at `<title>` and
/// `<desc>`, which come first, the font stack set once), the style
/// sheet, and the body that `draw` writes.
pub(crate) fn document(doc: &Document, draw: impl FnOnce(&mut Writer)) -> String {
    let id = {
        // Stable ids, distinct between graphics inlined in one page.
        let mut h: u64 = 0xcbf29ce484222325;
        for b in doc.title.bytes().chain(doc.desc.bytes()) {
            h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
        }
        format!("tm{:08x}", h as u32)
    };
    let mut w = Writer::new();
    w.start("svg")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .attr(
            "viewBox",
            &format!("0 0 {} {}", fmt_num(doc.width), fmt_num(doc.height)),
        )
        .attr("role", "img")
        .attr("aria-labelledby", &format!("{id}-t {id}-d"))
        .attr("font-family", &doc.font_family)
        .nl();
    w.start("title")
        .attr("id", &format!("{id}-t"))
        .text(&doc.title)
        .end()
        .nl();
    w.start("desc")
        .attr("id", &format!("{id}-d"))
        .text(&doc.desc)
        .end()
        .nl();
    if !doc.css.is_empty() {
        w.start("style").text(&doc.css).end().nl();
    }
    draw(&mut w);
    w.end().nl();
    w.finish()
}

/// A theme colour as written: `#RRGGBB` in upper case (black for a
/// colour that does not parse; themes are checked when loaded).
fn hex(c: &str) -> String {
    Rgb::parse(c).unwrap_or(Rgb(0, 0, 0)).hex()
}

/// The page under everything: the background, then filled bands, lines
/// one pixel wide and the texts outside markers, at whole pixels.
pub(crate) fn page(
    w: &mut Writer,
    (width, height): (f64, f64),
    bands: &[(Rect, String)],
    lines: &[Line],
    texts: &[TextItem],
    theme: &Theme,
) {
    let px = |v: f64| f64::from(v.round() as i32);
    w.start("rect")
        .num("x", 0.0)
        .num("y", 0.0)
        .num("width", width.ceil())
        .num("height", height.ceil())
        .attr("fill", &hex(&theme.background))
        .attr("stroke", "none")
        .end()
        .nl();
    for (r, c) in bands {
        let (x0, y0) = (px(r.x), px(r.y));
        w.start("rect")
            .num("x", x0)
            .num("y", y0)
            .num("width", px(r.right()) - x0)
            .num("height", px(r.bottom()) - y0)
            .attr("fill", &hex(c))
            .attr("stroke", "none")
            .end()
            .nl();
    }
    for l in lines {
        let points = format!(
            "{},{} {},{} ",
            px(l.from.0),
            px(l.from.1),
            px(l.to.0),
            px(l.to.1)
        );
        w.start("polyline")
            .attr("fill", "none")
            .attr("stroke", &hex(&l.colour))
            .num("stroke-width", 1.0)
            .attr_exact("points", &points)
            .end()
            .nl();
    }
    for t in texts {
        // The baseline 0.76 em below y (`dy`) puts it 0.95 em below the
        // top of the text's box, as everywhere (see [`marker`]).
        w.start("text")
            .num("x", px(t.x))
            .num("y", px(t.rect.y + 0.19 * t.size))
            .attr("dy", "0.76em")
            .attr(
                "text-anchor",
                match t.anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                },
            )
            .num("font-size", t.size)
            .attr("fill", &hex(&t.colour));
        if t.weight == Weight::Bold {
            w.attr("font-weight", "bold");
        }
        w.text_quoted(&t.text).end().nl();
    }
}

/// Draws each rendition of a graphic (see [`super::renditions`]): one
/// as it is, two in groups that the phone style sheet swaps (`dk` for
/// wide screens, `ph` for phones). `draw` is told whether its rendition
/// has tooltips: a phone's has none, as a finger does not hover (and
/// the text alternative is the same).
pub(crate) fn renditions<S>(
    w: &mut Writer,
    scenes: &[(S, Theme)],
    draw: impl Fn(&mut Writer, &S, &Theme, bool),
) {
    let grouped = scenes.len() > 1;
    for (k, (scene, theme)) in scenes.iter().enumerate() {
        if grouped {
            w.start("g")
                .attr("class", if k == 0 { "dk" } else { "ph" })
                .nl();
        }
        draw(w, scene, theme, k == 0);
        if grouped {
            w.end().nl();
        }
    }
}

/// Legend circles.
pub(crate) fn swatches(w: &mut Writer, swatches: &[Swatch]) {
    for sw in swatches {
        w.start("circle")
            .num("cx", sw.circle.cx)
            .num("cy", sw.circle.cy)
            .num("r", sw.circle.r)
            .attr("fill", &sw.fill)
            .attr("stroke", &sw.stroke)
            .num("stroke-width", sw.stroke_width)
            .end()
            .nl();
    }
}

/// A straight line `width` pixels wide.
pub(crate) fn line(w: &mut Writer, l: &Line, width: f64) {
    w.start("line")
        .num("x1", l.from.0)
        .num("y1", l.from.1)
        .num("x2", l.to.0)
        .num("y2", l.to.1)
        .attr("stroke", &l.colour)
        .num("stroke-width", width)
        .end()
        .nl();
}

/// A text placed by its box, with a class (`lbl`: a label with a halo).
///
/// Text baselines follow one rule everywhere: a text box of height
/// `1.2 × size` whose top is `y` has its baseline at `y + 0.95 × size`,
/// so the browser's glyph box (ascent 0.93 em, descent 0.24 em for DejaVu
/// Sans, less for Arial) stays inside the box the layout reserved.
pub(crate) fn boxed_text(w: &mut Writer, class: &str, t: &TextItem) {
    w.start("text")
        .attr("class", class)
        .num("x", t.rect.x)
        .num("y", t.rect.y + 0.95 * t.size)
        .num("font-size", t.size)
        .attr("fill", &t.colour)
        .text(&t.text)
        .end();
}

/// How much wider a marker's casing is than its outline: 0.75 px on each
/// side.
const CASING_PX: f64 = 1.5;

/// A marker as `<g class="mk"><title>…</title><circle/>…</g>`: its
/// tooltip (unless `tooltip` is false), its circle (under a casing where
/// it has one), the number inside (`number_size` pixels, the size it was
/// fitted at) and its label, of class `label_class`.
pub(crate) fn marker(
    w: &mut Writer,
    m: &Marker,
    label_class: &str,
    number_size: f64,
    tooltip: bool,
) {
    let c = m.circle;
    w.start("g").attr("class", "mk");
    if let Some((x, y)) = m.at {
        w.num("data-x", x).num("data-y", y);
    }
    if tooltip {
        w.start("title").text(&m.tooltip).end();
    }
    let circle = |w: &mut Writer, fill: &str, stroke: &str, width: f64| {
        w.start("circle")
            .num("cx", c.cx)
            .num("cy", c.cy)
            .num("r", c.r)
            .attr("fill", fill)
            .attr("stroke", stroke)
            .num("stroke-width", width);
        if m.dashed {
            w.attr("stroke-dasharray", "3 2");
        }
        w.end();
    };
    match &m.casing {
        Some(casing) => {
            circle(w, &m.fill, casing, m.stroke_width + CASING_PX);
            circle(w, "none", &m.stroke, m.stroke_width);
        }
        None => circle(w, &m.fill, &m.stroke, m.stroke_width),
    }
    if let Some((t, colour)) = &m.inner {
        w.start("text")
            .num("x", c.cx)
            .num("y", c.cy + 0.36 * number_size)
            .attr("text-anchor", "middle")
            .num("font-size", number_size)
            .attr("font-weight", "bold")
            .attr("fill", colour)
            .text(t)
            .end();
    }
    if let Some(l) = &m.label {
        boxed_text(w, label_class, l);
    }
    w.end().nl();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_is_escaped() {
        let mut w = Writer::new();
        w.start("text")
            .attr("class", "\"x' onload=1")
            .text("a<b>&]]>\u{0}\u{1b}\nc")
            .end();
        assert_eq!(
            w.finish(),
            "<text class=\"&quot;x&apos; onload=1\">a&lt;b&gt;&amp;]]&gt; c</text>"
        );
    }

    #[test]
    fn elements_close_as_they_were_filled() {
        let mut w = Writer::new();
        w.start("g").attr("class", "mk").nl();
        w.start("circle").num("r", 12.000000000000002).end();
        w.start("path").attr_exact("d", "M1 2l3 4 ").end();
        w.start("title").text("").end();
        assert_eq!(
            w.finish(),
            "<g class=\"mk\">\n<circle r=\"12\"/><path d=\"M1 2l3 4 \"/><title></title></g>"
        );
    }

    #[test]
    fn a_document_has_a_responsive_accessible_root() {
        let doc = Document {
            width: 640.0,
            height: 400.0,
            title: "T <x>".into(),
            desc: "D".into(),
            font_family: "DejaVu Sans, Arial, sans-serif".into(),
            css: String::new(),
        };
        let out = document(&doc, |w| {
            w.start("rect").num("width", 1.0).end().nl();
        });
        assert!(out.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 400\" role=\"img\""
        ));
        assert!(!out.contains("width=\"640\""));
        assert!(out.contains("<title id=\"") && out.contains(">T &lt;x&gt;</title>"));
        assert!(out.ends_with("<rect width=\"1\"/>\n</svg>\n"), "{out}");
        assert_eq!(out.matches("<svg").count(), 1);
    }
}
