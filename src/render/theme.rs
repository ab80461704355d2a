//! Every colour, font and size the renderers use, in one place.
//!
//! A [`Theme`] is plain data with serde defaults, so a newsroom can keep a
//! partial TOML file with only its house colours (`--theme FILE`) and get
//! the defaults for everything else. Both the timeline and the map read
//! the same theme, so an event has the same colour on both.

use crate::error::InputError;
use serde::Deserialize;
use std::path::Path;

/// The Okabe–Ito categorical palette (Okabe & Ito 2008, "Color Universal
/// Design"), safe for the common forms of colour blindness. Black comes
/// last; the yellow (#F0E442) is kept but gets a darker outline, see
/// [`Theme::outline_for`].
pub const OKABE_ITO: [&str; 8] = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
];

/// A party and its colour, matched case-insensitively against the
/// `party` column (and, when that is empty, the `actor` column).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PartyColour {
    /// The names the party goes by ("Labour", "Labour Party").
    pub names: Vec<String>,
    /// Fill colour, `#RRGGBB`.
    pub colour: String,
}

/// Font sizes in CSS pixels at the default width.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct FontSizes {
    /// The title (bold).
    pub title: f64,
    /// The subtitle under it.
    pub subtitle: f64,
    /// Town labels, lane labels, tick labels, legend.
    pub label: f64,
    /// The source line and the list of undated events.
    pub source: f64,
}

impl Default for FontSizes {
    fn default() -> Self {
        // Nothing below 11 px at 640 px wide (GRAPHICS.md).
        FontSizes {
            title: 19.0,
            subtitle: 14.0,
            label: 12.0,
            source: 11.0,
        }
    }
}

/// The look of every graphic: colours, font, sizes.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Theme {
    /// The CSS font stack written into the SVG. Text is measured with the
    /// bundled DejaVu Sans, the widest of the stack, so fallbacks fit.
    pub font_family: String,
    /// Font sizes.
    pub font_size: FontSizes,
    /// Page background.
    pub background: String,
    /// Title and main text.
    pub text: String,
    /// Secondary text: subtitle, source line, tick labels.
    pub muted_text: String,
    /// Axis line and tick marks.
    pub axis: String,
    /// Light grid lines and lane separators.
    pub grid: String,
    /// Alternate lane background.
    pub lane_band: String,
    /// Categorical colours for actors without a known party colour.
    pub palette: Vec<String>,
    /// Party colours, kept as data so a desk can set its house values.
    pub parties: Vec<PartyColour>,
    /// Colour when lanes are off and nothing names a party.
    pub default_marker: String,
    /// Radius of a marker with no crowd given, and the smallest marker.
    pub marker_min_radius: f64,
    /// Radius of the largest crowd.
    pub marker_max_radius: f64,
    /// Default width in pixels (an article column).
    pub width: f64,
    /// Outer margin in pixels.
    pub margin: f64,
    /// Map: land of the countries where events took place.
    pub land: String,
    /// Map: land of the other countries (lighter, so the story's country
    /// stands out).
    pub land_other: String,
    /// Map: sea.
    pub sea: String,
    /// Map: country borders.
    pub border: String,
    /// Map: first-level borders (UK nations, US states), drawn dashed.
    pub inner_border: String,
    /// Map: leader lines and the scale bar.
    pub leader: String,
}

fn party(names: &[&str], colour: &str) -> PartyColour {
    PartyColour {
        names: names.iter().map(|s| s.to_string()).collect(),
        colour: colour.to_string(),
    }
}

/// The default party table.
///
/// Sources: the values are the parties' screen colours as they are used
/// in UK and US election coverage and in Wikipedia's party colour
/// templates (`Template:<party>/meta/color`), which follow each party's
/// own brand guidelines (Labour's 2016 brand red #E4003B, the
/// Conservatives' #0087DC, the Liberal Democrats' "Lib Dem orange"
/// #FAA61A, the SNP's yellow #FDF38E, Plaid Cymru's dark green #005B54,
/// the Green Party's #02A95B, Reform UK's turquoise #12B6CF, UKIP's
/// purple #6D3177; Ireland's Fianna Fáil #66BB66, Fine Gael #6699FF and
/// Sinn Féin #326760; the Liberal Party of Canada's red #D71920; the US
/// Democratic blue #0015BC and Republican red #E81B23; and, for the
/// politicians of `data/politicians.csv`, the same templates' values for
/// the main parties of Canada, Australia, New Zealand, India, France and
/// Germany). Light colours
/// (SNP, Reform UK, the Okabe–Ito yellow) get a darker outline on white,
/// see [`Theme::outline_for`]. Edit them with a theme file, not here.
pub fn default_parties() -> Vec<PartyColour> {
    vec![
        party(
            &["Labour", "Labour Party", "Lab", "Labour Co-op"],
            "#E4003B",
        ),
        party(
            &[
                "Conservative",
                "Conservatives",
                "Conservative Party",
                "Con",
                "Tory",
                "Tories",
            ],
            "#0087DC",
        ),
        party(
            &[
                "Liberal Democrats",
                "Liberal Democrat",
                "Lib Dems",
                "Lib Dem",
                "LD",
            ],
            "#FAA61A",
        ),
        party(&["SNP", "Scottish National Party"], "#FDF38E"),
        party(&["Plaid Cymru", "Plaid"], "#005B54"),
        party(
            &["Green", "Green Party", "Greens", "Scottish Greens"],
            "#02A95B",
        ),
        party(&["Reform UK", "Reform", "Brexit Party"], "#12B6CF"),
        party(&["UKIP", "UK Independence Party"], "#6D3177"),
        party(&["Fianna Fáil", "Fianna Fail"], "#66BB66"),
        party(&["Fine Gael"], "#6699FF"),
        party(&["Sinn Féin", "Sinn Fein"], "#326760"),
        party(&["Liberal", "Liberals", "Liberal Party"], "#D71920"),
        party(
            &[
                "Democratic",
                "Democrat",
                "Democrats",
                "Democratic Party",
                "D",
            ],
            "#0015BC",
        ),
        party(
            &["Republican", "Republicans", "Republican Party", "GOP", "R"],
            "#E81B23",
        ),
        party(&["New Democratic Party", "NDP"], "#F58220"),
        party(&["Bloc Québécois", "Bloc Quebecois"], "#33B2CC"),
        party(&["Australian Labor Party", "Labor", "ALP"], "#E13940"),
        party(&["Liberal Party of Australia"], "#1C4F9C"),
        party(&["National", "National Party"], "#00529F"),
        party(&["BJP", "Bharatiya Janata Party"], "#FF9933"),
        party(&["Indian National Congress", "Congress", "INC"], "#19AAED"),
        party(
            &["All India Trinamool Congress", "Trinamool Congress", "TMC"],
            "#20C646",
        ),
        party(&["Aam Aadmi Party", "AAP"], "#0066A4"),
        party(&["Renaissance", "La République En Marche"], "#FFEB00"),
        party(&["The Republicans", "Les Républicains"], "#0066CC"),
        party(&["Socialist Party", "Parti socialiste"], "#ED1651"),
        party(&["National Rally", "Rassemblement national"], "#0D378A"),
        party(&["La France Insoumise"], "#CC2443"),
        party(&["CDU", "CDU/CSU", "Christian Democratic Union"], "#000000"),
        party(&["SPD", "Social Democratic Party"], "#E3000F"),
        party(&["Alliance 90/The Greens", "Die Grünen"], "#1AA037"),
        party(&["FDP", "Free Democratic Party"], "#FFED00"),
        party(&["AfD", "Alternative for Germany"], "#009EE0"),
    ]
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            font_family: "DejaVu Sans, Arial, sans-serif".to_string(),
            font_size: FontSizes::default(),
            background: "#FFFFFF".to_string(),
            text: "#222222".to_string(),
            muted_text: "#595959".to_string(),
            axis: "#333333".to_string(),
            grid: "#DDDDDD".to_string(),
            lane_band: "#F5F5F5".to_string(),
            palette: OKABE_ITO.iter().map(|s| s.to_string()).collect(),
            parties: default_parties(),
            default_marker: "#0072B2".to_string(),
            marker_min_radius: 10.0,
            marker_max_radius: 22.0,
            width: 640.0,
            margin: 16.0,
            land: "#DCDCDC".to_string(),
            land_other: "#EDEDED".to_string(),
            sea: "#F7F9FB".to_string(),
            border: "#FFFFFF".to_string(),
            inner_border: "#FFFFFF".to_string(),
            leader: "#666666".to_string(),
        }
    }
}

/// An sRGB colour parsed from `#RRGGBB`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// The Euclidean distance between two colours in RGB (0 to about 442).
    pub fn distance(&self, o: &Rgb) -> f64 {
        let d = |a: u8, b: u8| (a as f64 - b as f64).powi(2);
        (d(self.0, o.0) + d(self.1, o.1) + d(self.2, o.2)).sqrt()
    }

    /// Parses `#RRGGBB` or `#RGB` (hex digits only, in either case).
    pub fn parse(s: &str) -> Option<Rgb> {
        let h = s.strip_prefix('#')?.as_bytes();
        let digit = |i: usize| (h[i] as char).to_digit(16).map(|d| d as u8);
        if !h.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        match h.len() {
            6 => Some(Rgb(
                digit(0)? << 4 | digit(1)?,
                digit(2)? << 4 | digit(3)?,
                digit(4)? << 4 | digit(5)?,
            )),
            3 => Some(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            _ => None,
        }
    }

    /// `#RRGGBB`, upper case.
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// WCAG contrast ratio between two colours (1 to 21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// The colour scaled towards black by `f` (0 keeps it, 1 is black).
    pub fn darken(self, f: f64) -> Rgb {
        let d = |c: u8| (f64::from(c) * (1.0 - f)).round() as u8;
        Rgb(d(self.0), d(self.1), d(self.2))
    }
}

impl Theme {
    /// The theme of a graphic `width` pixels wide shown in a phone's
    /// column ([`super::PHONE_WIDTH`] pixels): every font size grown by
    /// one factor, so that the smallest renders at
    /// [`super::PHONE_MIN_TEXT_PX`] or more there and the sizes keep their
    /// order. Colours, marker sizes and margins stay, as the graphic
    /// shrinks with the screen.
    pub fn for_phone(&self, width: f64) -> Theme {
        let fs = &self.font_size;
        let smallest = fs.title.min(fs.subtitle).min(fs.label).min(fs.source);
        let k = (super::PHONE_MIN_TEXT_PX * width / super::PHONE_WIDTH / smallest).max(1.0);
        Theme {
            font_size: FontSizes {
                title: fs.title * k,
                subtitle: fs.subtitle * k,
                label: fs.label * k,
                source: fs.source * k,
            },
            ..self.clone()
        }
    }

    /// Reads a TOML theme file; keys it leaves out keep their defaults.
    ///
    /// # Errors
    /// The file cannot be read, is not valid TOML for a theme (a wrong
    /// type, an unknown key), or holds a value outside what the key
    /// allows (see [`Theme::from_toml`]).
    pub fn load(path: &Path) -> Result<Theme, InputError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| InputError::new(Some(path), format!("cannot read theme: {e}")))?;
        Theme::from_toml(&text).map_err(|why| InputError::new(Some(path), why))
    }

    /// Parses a theme from TOML text; see [`Theme::load`].
    ///
    /// # Errors
    /// Invalid TOML, a wrong type or an unknown key (with its line), or a
    /// value outside what its key allows: sizes finite and in a range
    /// that draws (font sizes 6 to 48 px, markers 1 to 60 px, width 240 to
    /// 4000 px, margin 0 to 64 px), colours `#rgb` or `#rrggbb`, a palette
    /// of at least one colour. One line naming the key and what it allows.
    pub fn from_toml(text: &str) -> Result<Theme, String> {
        let theme: Theme = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().replace('\n', " ");
            match e.span() {
                Some(span) => {
                    let line = text.as_bytes()[..span.start.min(text.len())]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count()
                        + 1;
                    format!("line {line}: {message}")
                }
                None => message,
            }
        })?;
        theme.validate()?;
        Ok(theme)
    }

    fn validate(&self) -> Result<(), String> {
        let sizes = [
            ("font_size.title", self.font_size.title, 6.0, 48.0),
            ("font_size.subtitle", self.font_size.subtitle, 6.0, 48.0),
            ("font_size.label", self.font_size.label, 6.0, 48.0),
            ("font_size.source", self.font_size.source, 6.0, 48.0),
            ("marker_min_radius", self.marker_min_radius, 1.0, 60.0),
            ("marker_max_radius", self.marker_max_radius, 1.0, 60.0),
            ("width", self.width, 240.0, 4000.0),
            ("margin", self.margin, 0.0, 64.0),
        ];
        for (key, v, lo, hi) in sizes {
            if !(lo..=hi).contains(&v) {
                return Err(format!("{key}: {v} is outside {lo} to {hi} (pixels)"));
            }
        }
        if self.marker_max_radius < self.marker_min_radius {
            return Err(format!(
                "marker_max_radius: {} is outside {} to 60 (at least marker_min_radius)",
                self.marker_max_radius, self.marker_min_radius
            ));
        }
        if self.font_family.trim().is_empty() || self.font_family.chars().any(char::is_control) {
            return Err(format!(
                "font_family: {:?} is not a font list; expected names such as \"DejaVu Sans, sans-serif\"",
                self.font_family
            ));
        }
        if self.palette.is_empty() {
            return Err("palette: empty; expected at least one colour".into());
        }
        let named = [
            ("background", &self.background),
            ("text", &self.text),
            ("muted_text", &self.muted_text),
            ("axis", &self.axis),
            ("grid", &self.grid),
            ("lane_band", &self.lane_band),
            ("default_marker", &self.default_marker),
            ("land", &self.land),
            ("land_other", &self.land_other),
            ("sea", &self.sea),
            ("border", &self.border),
            ("inner_border", &self.inner_border),
            ("leader", &self.leader),
        ]
        .map(|(k, c)| (k.to_string(), c));
        let palette =
            (self.palette.iter().enumerate()).map(|(i, c)| (format!("palette[{}]", i + 1), c));
        let parties = (self.parties.iter().enumerate())
            .map(|(i, p)| (format!("parties[{}].colour", i + 1), &p.colour));
        for (key, c) in named.into_iter().chain(palette).chain(parties) {
            if Rgb::parse(c).is_none() {
                return Err(format!(
                    "{key}: {c:?} is not a colour; expected #rgb or #rrggbb in hex digits"
                ));
            }
        }
        Ok(())
    }

    /// The colour of a party by any of its names, if the table knows it.
    pub fn party_colour(&self, name: &str) -> Option<&str> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        self.parties
            .iter()
            .find(|p| p.names.iter().any(|n| n.eq_ignore_ascii_case(name)))
            .map(|p| p.colour.as_str())
    }

    /// The outline for a marker of `fill` on the background: white when
    /// the fill stands out on its own, else a darker shade of the fill so
    /// light colours (SNP yellow) keep an edge.
    pub fn outline_for(&self, fill: &str) -> String {
        let bg = Rgb::parse(&self.background).unwrap_or(Rgb(255, 255, 255));
        match Rgb::parse(fill) {
            Some(c) if c.contrast(bg) < 3.0 => c.darken(0.45).hex(),
            _ => self.background.clone(),
        }
    }

    /// Text colour that reads on `fill` (for numbers inside markers).
    pub fn text_on(&self, fill: &str) -> &'static str {
        match Rgb::parse(fill) {
            Some(c) if c.luminance() > 0.35 => "#000000",
            _ => "#FFFFFF",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_toml_keeps_defaults() {
        let t = Theme::from_toml("text = \"#111111\"\n[font_size]\ntitle = 22\n").unwrap();
        assert_eq!(t.text, "#111111");
        assert_eq!(t.font_size.title, 22.0);
        assert_eq!(t.font_size.label, 12.0);
        assert_eq!(t.parties, default_parties());
    }

    #[test]
    fn house_party_colours_replace_the_table() {
        let t =
            Theme::from_toml("[[parties]]\nnames = [\"Labour\"]\ncolour = \"#CC0000\"\n").unwrap();
        assert_eq!(t.party_colour("labour"), Some("#CC0000"));
        assert_eq!(t.party_colour("Conservative"), None);
    }

    #[test]
    fn bad_themes_are_refused_with_a_reason() {
        assert!(
            Theme::from_toml("text = \"red\"")
                .unwrap_err()
                .contains("#rrggbb")
        );
        assert!(
            Theme::from_toml("\nwidth = \"wide\"")
                .unwrap_err()
                .starts_with("line 2: ")
        );
        assert!(
            Theme::from_toml("palette = []")
                .unwrap_err()
                .contains("palette")
        );
        let e = Theme::load(Path::new("no/such/theme.toml")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("no/such/theme.toml: cannot read theme")
        );
    }

    #[test]
    fn colours_are_strictly_hex() {
        assert_eq!(Rgb::parse("#a0B"), Some(Rgb(0xAA, 0x00, 0xBB)));
        assert_eq!(Rgb::parse("#E4003B"), Some(Rgb(0xE4, 0x00, 0x3B)));
        for bad in [
            "#a€bc", "#+1+2+3", "#+12", "#€€", "E4003B", "#E4003", "#E4003BB", " #fff",
        ] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_value_is_checked_by_key() {
        let cases = [
            ("margin = inf", "margin"),
            ("margin = nan", "margin"),
            ("margin = 400", "margin"),
            ("margin = -1", "margin"),
            ("width = 100000", "width"),
            ("marker_min_radius = 0", "marker_min_radius"),
            ("[font_size]\nlabel = 10000", "font_size.label"),
            ("[font_size]\ntitle = -inf", "font_size.title"),
            ("grid = \"#+1+2+3\"", "grid"),
            ("palette = [\"#000\", \"#a€bc\"]", "palette[2]"),
            (
                "[[parties]]\nnames = [\"X\"]\ncolour = \"red\"",
                "parties[1].colour",
            ),
            ("font_family = \"\"", "font_family"),
        ];
        for (toml, key) in cases {
            let why = Theme::from_toml(toml).unwrap_err();
            assert!(why.starts_with(key), "{toml}: {why}");
            assert!(
                why.contains("expected") || why.contains("outside"),
                "{toml}: {why}"
            );
        }
    }

    #[test]
    fn default_colours_parse_and_light_ones_get_a_dark_outline() {
        let t = Theme::default();
        t.validate().unwrap();
        assert_eq!(t.party_colour("Tories"), Some("#0087DC"));
        assert_eq!(t.party_colour("UKIP"), Some("#6D3177"));
        assert_eq!(t.party_colour("Sinn Fein"), t.party_colour("Sinn Féin"));
        let snp = t.party_colour("SNP").unwrap();
        let outline = Rgb::parse(&t.outline_for(snp)).unwrap();
        assert!(outline.contrast(Rgb(255, 255, 255)) >= 3.0);
        assert_eq!(t.outline_for("#0072B2"), "#FFFFFF");
        assert_eq!(t.text_on(snp), "#000000");
        assert_eq!(t.text_on("#E4003B"), "#FFFFFF");
    }
}
