//! The bundled basemap: Natural Earth countries and first-level borders,
//! embedded in the binary and parsed on first use, one layer at a time.
//!
//! Layers (see `data/README.md`): countries at 1:10m (simplified to
//! about 1.2 km, for country and regional maps) and 1:50m (for continents
//! and the world), the borders between the UK's nations and between US
//! states. `Basemap::cut` projects what a frame shows, simplifies it to
//! the output resolution and clips it to the frame, so the SVG carries
//! only what can be seen.

use crate::projection::{GeoBox, Viewport};
use geo::{
    Area, BooleanOps, BoundingRect, Coord, Intersects, LineString, MultiLineString, MultiPolygon,
    Polygon, Rect as GeoRect, Simplify,
};
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::fmt;
use std::sync::LazyLock;

static COUNTRIES_10M: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/basemap/countries-10m.geojson"
));
static COUNTRIES_50M: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/basemap/countries-50m.geojson"
));
static GB_NATIONS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/basemap/gb-nation-borders.geojson"
));
static US_STATES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/basemap/us-state-borders.geojson"
));
static LAKES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/basemap/lakes-10m.geojson"
));

/// One country: its codes, name and polygons, each with its box.
#[derive(Debug)]
pub struct Country {
    /// ISO 3166-1 alpha-2 (`""` where Natural Earth has none).
    pub iso_a2: String,
    /// Name as Natural Earth gives it.
    pub name: String,
    /// Polygons (lon/lat degrees) with their bounding boxes.
    pub parts: Vec<(GeoBox, Polygon<f64>)>,
}

impl Country {
    /// The box around the country's main body: the largest part and the
    /// parts of at least 1% of its area lying near it (within 5% of its
    /// diagonal, growing through archipelagos), so that "US" means the
    /// contiguous states and "FR" metropolitan France with Corsica, not
    /// French Guiana.
    pub fn main_extent(&self) -> Option<GeoBox> {
        let area = |i: usize| {
            let (b, p) = &self.parts[i];
            p.unsigned_area() * b.center().y.to_radians().cos()
        };
        let largest = (0..self.parts.len()).max_by(|&a, &b| area(a).total_cmp(&area(b)))?;
        let first = self.parts[largest].0;
        let near = 0.05 * (first.max().x - first.min().x).hypot(first.max().y - first.min().y);
        let big = area(largest);
        let mut union = first;
        let mut taken = vec![false; self.parts.len()];
        taken[largest] = true;
        loop {
            let mut grew = false;
            for (i, done) in taken.iter_mut().enumerate() {
                if *done || area(i) < 0.01 * big {
                    continue;
                }
                let b = &self.parts[i].0;
                let gx = (b.min().x - union.max().x)
                    .max(union.min().x - b.max().x)
                    .max(0.0);
                let gy = (b.min().y - union.max().y)
                    .max(union.min().y - b.max().y)
                    .max(0.0);
                if gx.hypot(gy) <= near {
                    *done = true;
                    grew = true;
                    union = GeoBox::new(
                        (union.min().x.min(b.min().x), union.min().y.min(b.min().y)),
                        (union.max().x.max(b.max().x), union.max().y.max(b.max().y)),
                    );
                }
            }
            if !grew {
                return Some(union);
            }
        }
    }
}

/// A set of lines (first-level borders) with their boxes.
#[derive(Debug)]
pub struct Lines {
    /// Lines in lon/lat degrees with their bounding boxes.
    pub parts: Vec<(GeoBox, LineString<f64>)>,
}

/// Natural Earth countries at 1:10m, parsed on first use.
pub fn countries_10m() -> &'static [Country] {
    static L: LazyLock<Vec<Country>> = LazyLock::new(|| parse_countries(COUNTRIES_10M));
    &L
}

/// Natural Earth countries at 1:50m, parsed on first use.
pub fn countries_50m() -> &'static [Country] {
    static L: LazyLock<Vec<Country>> = LazyLock::new(|| parse_countries(COUNTRIES_50M));
    &L
}

/// The borders between England, Scotland and Wales.
pub fn gb_nation_borders() -> &'static Lines {
    static L: LazyLock<Lines> = LazyLock::new(|| parse_lines(GB_NATIONS));
    &L
}

/// The borders between US states.
pub fn us_state_borders() -> &'static Lines {
    static L: LazyLock<Lines> = LazyLock::new(|| parse_lines(US_STATES));
    &L
}

/// Natural Earth's lakes of 300 km² or more at 1:10m (the Great Lakes,
/// Lough Neagh), each polygon with its box: the countries' polygons
/// include them, so they are drawn over the land.
pub fn lakes() -> &'static [(GeoBox, Polygon<f64>)] {
    static L: LazyLock<Vec<(GeoBox, Polygon<f64>)>> = LazyLock::new(|| {
        parse_countries(LAKES)
            .into_iter()
            .flat_map(|c| c.parts)
            .collect()
    });
    &L
}

/// Looks a country up by ISO alpha-2 code (any case) in the 10m layer:
/// of several features with one code, the one of most parts (Natural
/// Earth codes the Ashmore and Cartier Islands `AU` too).
pub fn country(iso_a2: &str) -> Option<&'static Country> {
    countries_10m()
        .iter()
        .filter(|c| !c.iso_a2.is_empty() && c.iso_a2.eq_ignore_ascii_case(iso_a2))
        .max_by_key(|c| c.parts.len())
}

// ---- parsing -------------------------------------------------------------

/// Nested coordinate arrays of any depth, read without an intermediate
/// `serde_json::Value` (the 10m layer has 210,000 points).
enum Nested {
    Num(f64),
    Coord(Coord<f64>),
    Line(Vec<Coord<f64>>),
    Rings(Vec<Vec<Coord<f64>>>),
    Polys(Vec<Vec<Vec<Coord<f64>>>>),
}

impl<'de> Deserialize<'de> for Nested {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Nested;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or nested arrays of numbers")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Nested, E> {
                Ok(Nested::Num(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Nested, E> {
                Ok(Nested::Num(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Nested, E> {
                Ok(Nested::Num(v as f64))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Nested, A::Error> {
                let mut nums: Vec<f64> = Vec::new();
                let mut coords: Vec<Coord<f64>> = Vec::new();
                let mut lines: Vec<Vec<Coord<f64>>> = Vec::new();
                let mut rings: Vec<Vec<Vec<Coord<f64>>>> = Vec::new();
                while let Some(item) = seq.next_element::<Nested>()? {
                    match item {
                        Nested::Num(v) => nums.push(v),
                        Nested::Coord(c) => coords.push(c),
                        Nested::Line(l) => lines.push(l),
                        Nested::Rings(r) => rings.push(r),
                        Nested::Polys(_) => {
                            return Err(de::Error::custom("coordinates nested too deep"));
                        }
                    }
                }
                Ok(if nums.len() >= 2 {
                    Nested::Coord(Coord {
                        x: nums[0],
                        y: nums[1],
                    })
                } else if !coords.is_empty() {
                    Nested::Line(coords)
                } else if !lines.is_empty() {
                    Nested::Rings(lines)
                } else if !rings.is_empty() {
                    Nested::Polys(rings)
                } else {
                    Nested::Line(Vec::new())
                })
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
struct Props {
    #[serde(default)]
    iso_a2: String,
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct Geometry {
    coordinates: Nested,
}

#[derive(Deserialize)]
struct Feature {
    properties: Props,
    geometry: Option<Geometry>,
}

/// Each feature sits on its own line (see `data/README.md`), so a layer is
/// read line by line with a typed parser per feature.
fn features(text: &str) -> impl Iterator<Item = Feature> + '_ {
    text.lines().filter_map(|line| {
        let line = line.trim().trim_end_matches(',');
        if !line.starts_with("{\"type\":\"Feature\"") {
            return None;
        }
        Some(serde_json::from_str::<Feature>(line).expect("the bundled basemap is valid GeoJSON"))
    })
}

fn parse_countries(text: &str) -> Vec<Country> {
    features(text)
        .map(|f| {
            let polys = match f.geometry.map(|g| g.coordinates) {
                Some(Nested::Rings(r)) => vec![r],
                Some(Nested::Polys(p)) => p,
                _ => Vec::new(),
            };
            let parts = polys
                .into_iter()
                .filter(|rings| !rings.is_empty())
                .map(|mut rings| {
                    let exterior = LineString::new(rings.remove(0));
                    let holes = rings.into_iter().map(LineString::new).collect();
                    fix_antimeridian(Polygon::new(exterior, holes))
                })
                .flat_map(|ps| ps.into_iter())
                .filter_map(|p| {
                    let b = p.bounding_rect()?;
                    Some((b, p))
                })
                .collect();
            Country {
                iso_a2: f.properties.iso_a2,
                name: f.properties.name,
                parts,
            }
        })
        .collect()
}

/// A few rings (Russia, Fiji, Antarctica) jump from +180° to −180°,
/// which would draw a line across the whole map. A ring that goes round
/// a pole (one jump) is closed along the map's edge through the pole; a
/// ring that crosses and comes back is unwrapped and cut into its
/// eastern and western parts.
fn fix_antimeridian(p: Polygon<f64>) -> Vec<Polygon<f64>> {
    let jumps = |ls: &LineString<f64>| {
        ls.0.windows(2)
            .filter(|w| (w[0].x - w[1].x).abs() > 180.0)
            .count()
    };
    let n = jumps(p.exterior());
    if n == 0 {
        return vec![p];
    }
    if n == 1 {
        let pole = if p.exterior().0.iter().map(|c| c.y).sum::<f64>() < 0.0 {
            -90.0
        } else {
            90.0
        };
        let mut out: Vec<Coord<f64>> = Vec::new();
        for w in p.exterior().0.windows(2) {
            out.push(w[0]);
            if (w[0].x - w[1].x).abs() > 180.0 {
                let (ea, eb) = (180f64.copysign(w[0].x), 180f64.copysign(w[1].x));
                out.extend([
                    Coord { x: ea, y: w[0].y },
                    Coord { x: ea, y: pole },
                    Coord { x: eb, y: pole },
                    Coord { x: eb, y: w[1].y },
                ]);
            }
        }
        out.extend(p.exterior().0.last().copied());
        return vec![Polygon::new(LineString::new(out), p.interiors().to_vec())];
    }
    let unwrap = |ls: &LineString<f64>| -> LineString<f64> {
        let mut prev: Option<f64> = None;
        ls.coords()
            .map(|c| {
                let mut x = c.x;
                if let Some(px) = prev {
                    while x - px > 180.0 {
                        x -= 360.0;
                    }
                    while px - x > 180.0 {
                        x += 360.0;
                    }
                }
                prev = Some(x);
                Coord { x, y: c.y }
            })
            .collect()
    };
    let unwrapped = Polygon::new(
        unwrap(p.exterior()),
        p.interiors().iter().map(unwrap).collect(),
    );
    let world = GeoRect::new(
        Coord {
            x: -180.0,
            y: -90.0,
        },
        Coord { x: 180.0, y: 90.0 },
    )
    .to_polygon();
    let mut parts = Vec::new();
    for shift in [-360.0, 0.0, 360.0] {
        let moved = Polygon::new(
            unwrapped
                .exterior()
                .coords()
                .map(|c| Coord {
                    x: c.x + shift,
                    y: c.y,
                })
                .collect(),
            unwrapped
                .interiors()
                .iter()
                .map(|r| {
                    r.coords()
                        .map(|c| Coord {
                            x: c.x + shift,
                            y: c.y,
                        })
                        .collect()
                })
                .collect(),
        );
        parts.extend(moved.intersection(&world));
    }
    parts
}

fn parse_lines(text: &str) -> Lines {
    let mut parts = Vec::new();
    for f in features(text) {
        let lines = match f.geometry.map(|g| g.coordinates) {
            Some(Nested::Line(l)) => vec![l],
            Some(Nested::Rings(r)) => r,
            _ => Vec::new(),
        };
        for l in lines.into_iter().filter(|l| l.len() >= 2) {
            let ls = LineString::new(l);
            let b = ls.bounding_rect().expect("a line has points");
            parts.push((b, ls));
        }
    }
    Lines { parts }
}

// ---- cutting a frame -----------------------------------------------------

/// Which layer to draw countries from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// 1:10m, for countries and regions.
    Fine,
    /// 1:50m, for continents and the world.
    Coarse,
}

/// One country as cut for a frame: rings in pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct CutCountry {
    /// ISO alpha-2 code.
    pub iso_a2: String,
    /// Name.
    pub name: String,
    /// Rings in pixels (exteriors and holes; fill with the even-odd rule).
    pub rings: Vec<Vec<(f64, f64)>>,
}

/// What a frame shows of the basemap, in pixels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cut {
    /// Countries in the frame.
    pub countries: Vec<CutCountry>,
    /// First-level borders (UK nations, US states) in the frame.
    pub inner_borders: Vec<Vec<(f64, f64)>>,
    /// Lakes in the frame: rings in pixels (even-odd fill).
    pub lakes: Vec<Vec<(f64, f64)>>,
}

/// Cuts the basemap for a frame: the parts whose box meets `window` (the
/// geographic area the frame shows, generously), projected with `vp`,
/// simplified with a tolerance of `tolerance_px` pixels and clipped to
/// `frame` (x, y, w, h in pixels). First-level borders come only with
/// `inner_borders` (not on continent and world maps).
pub fn cut(
    detail: Detail,
    inner_borders: bool,
    vp: &Viewport,
    window: &GeoBox,
    frame: (f64, f64, f64, f64),
    tolerance_px: f64,
) -> Cut {
    let layer = match detail {
        Detail::Fine => countries_10m(),
        Detail::Coarse => countries_50m(),
    };
    let (fx, fy, fw, fh) = frame;
    let clip = GeoRect::new(
        Coord { x: fx, y: fy },
        Coord {
            x: fx + fw,
            y: fy + fh,
        },
    )
    .to_polygon();
    let project = |ls: &LineString<f64>| -> LineString<f64> {
        ls.coords()
            .map(|c| {
                let (x, y) = vp.to_px(c.x, c.y);
                Coord { x, y }
            })
            .collect()
    };
    let shown = Shown {
        window,
        frame,
        clip: &clip,
        project: &project,
        tolerance_px,
    };
    let countries = layer
        .iter()
        .filter_map(|c| {
            let rings = shown.rings(&c.parts);
            (!rings.is_empty()).then(|| CutCountry {
                iso_a2: c.iso_a2.clone(),
                name: c.name.clone(),
                rings,
            })
        })
        .collect();
    let mut inner = Vec::new();
    if inner_borders {
        for layer in [gb_nation_borders(), us_state_borders()] {
            let lines: Vec<LineString<f64>> = layer
                .parts
                .iter()
                .filter(|(b, _)| b.intersects(window))
                .map(|(_, l)| project(l).simplify(tolerance_px))
                .collect();
            if lines.is_empty() {
                continue;
            }
            let clipped = clip.clip(&MultiLineString::new(lines), false);
            inner.extend(
                clipped
                    .iter()
                    .filter(|l| l.0.len() >= 2)
                    .map(|l| l.coords().map(|c| (c.x, c.y)).collect::<Vec<_>>()),
            );
        }
    }
    Cut {
        countries,
        inner_borders: inner,
        lakes: shown.rings(lakes()),
    }
}

/// What a frame shows, for cutting polygons to it.
struct Shown<'a> {
    window: &'a GeoBox,
    frame: (f64, f64, f64, f64),
    clip: &'a Polygon<f64>,
    project: &'a dyn Fn(&LineString<f64>) -> LineString<f64>,
    tolerance_px: f64,
}

impl Shown<'_> {
    /// The rings, in pixels, of the polygons whose box meets the window,
    /// projected, simplified and clipped to the frame.
    fn rings(&self, parts: &[(GeoBox, Polygon<f64>)]) -> Vec<Vec<(f64, f64)>> {
        let (fx, fy, fw, fh) = self.frame;
        let project = self.project;
        let mut polys: Vec<Polygon<f64>> = Vec::new();
        for (b, p) in parts {
            if !b.intersects(self.window) {
                continue;
            }
            let ext = project(p.exterior());
            let holes = p.interiors().iter().map(project).collect();
            let px = Polygon::new(ext, holes).simplify(self.tolerance_px);
            let Some(pb) = px.bounding_rect() else {
                continue;
            };
            let inside = pb.min().x >= fx
                && pb.min().y >= fy
                && pb.max().x <= fx + fw
                && pb.max().y <= fy + fh;
            let outside =
                pb.max().x < fx || pb.max().y < fy || pb.min().x > fx + fw || pb.min().y > fy + fh;
            if outside {
                continue;
            }
            if inside {
                polys.push(px);
            } else {
                polys.extend(px.intersection(self.clip));
            }
        }
        MultiPolygon::new(polys)
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .filter(|r| r.0.len() >= 4)
            .map(|r| r.coords().map(|c| (c.x, c.y)).collect())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_parse_with_their_codes() {
        assert!(countries_10m().len() > 250);
        assert!(countries_50m().len() > 240);
        let gb = country("gb").unwrap();
        assert_eq!(gb.name, "United Kingdom");
        assert!(!gb_nation_borders().parts.is_empty());
        assert!(us_state_borders().parts.len() > 40);
    }

    #[test]
    fn no_ring_jumps_across_the_antimeridian() {
        for layer in [countries_10m(), countries_50m()] {
            for c in layer {
                for (_, p) in &c.parts {
                    for r in std::iter::once(p.exterior()).chain(p.interiors()) {
                        assert!(
                            // Along a pole is fine: the pole is a line
                            // in the projections used.
                            r.0.windows(2).all(|w| (w[0].x - w[1].x).abs() <= 180.0
                                || (w[0].y.abs() == 90.0 && w[1].y.abs() == 90.0)),
                            "{}",
                            c.name
                        );
                    }
                }
            }
        }
        let fiji = countries_10m().iter().find(|c| c.iso_a2 == "FJ").unwrap();
        assert!(fiji.parts.iter().any(|(b, _)| b.max().x > 179.0));
        assert!(fiji.parts.iter().any(|(b, _)| b.min().x < -179.0));
    }

    #[test]
    fn the_lakes_readers_know_are_water() {
        use geo::Contains;
        let water = |lon: f64, lat: f64| {
            let at = geo::Point::new(lon, lat);
            lakes().iter().any(|(_, p)| p.contains(&at))
        };
        assert!(water(-87.0, 43.0), "Lake Michigan");
        assert!(water(-6.45, 54.62), "Lough Neagh");
        assert!(!water(-87.63, 41.88), "Chicago is on its shore, not in it");
    }

    #[test]
    fn country_extents_are_their_main_body() {
        let us = country("US").unwrap().main_extent().unwrap();
        assert!(us.min().x > -130.0 && us.max().x < -60.0, "{us:?}");
        assert!(us.min().y > 24.0 && us.max().y < 50.0, "{us:?}");
        let gb = country("GB").unwrap().main_extent().unwrap();
        assert!(
            gb.min().x < -5.5 && gb.max().x > 1.5 && gb.max().y > 58.0,
            "{gb:?}"
        );
    }
}
