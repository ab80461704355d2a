//! Map projections and fitting an extent to a viewport.
//!
//! A [`Projection`] maps longitude/latitude in degrees (x = lon, y = lat,
//! WGS84 treated as a sphere) to plane coordinates in units of the
//! sphere's radius, y pointing north. [`for_extent`] picks one that suits
//! the area shown: a Lambert conformal conic fitted to a country or region
//! (shapes stay true, as a newsroom locator map expects), Mercator near
//! the equator where the cone flattens out, and Equal Earth (equal-area)
//! for continents and the world. A [`Viewport`] scales and translates a
//! projection into a pixel frame, north up, y pointing down.

use geo::{Coord, Rect};
use std::f64::consts::{FRAC_PI_4, PI};

pub use crate::earth::EARTH_RADIUS_KM;

/// Longitude/latitude degrees to plane coordinates and back.
pub trait Projection: Send + Sync + std::fmt::Debug {
    /// Projects a point given in degrees (x = lon, y = lat) to plane
    /// coordinates in Earth radii, y pointing north.
    fn project(&self, lon_deg: f64, lat_deg: f64) -> (f64, f64);

    /// The inverse: plane coordinates back to degrees, or `None` outside
    /// the projection's domain.
    fn invert(&self, x: f64, y: f64) -> Option<(f64, f64)>;

    /// A short name for documentation and descriptions.
    fn name(&self) -> &'static str;
}

/// A longitude/latitude box in degrees: geo's rectangle, x = lon (west
/// to east), y = lat (south to north). geo gives it its edges
/// (`min()`, `max()`), `center()`, `width()` and the `Intersects` tests;
/// [`GeoBoxExt`] adds what maps need.
pub type GeoBox = Rect<f64>;

/// What a map needs of a [`GeoBox`] beyond geo's rectangle.
pub trait GeoBoxExt: Sized {
    /// The whole world (latitudes cut at ±85°, beyond which nobody
    /// rallies).
    fn world() -> Self;

    /// The smallest box holding every point (lon, lat); `None` if empty.
    fn around(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Self>;

    /// East–west extent in kilometres at the centre latitude.
    fn width_km(&self) -> f64;

    /// North–south extent in kilometres.
    fn height_km(&self) -> f64;

    /// The box grown by a share of its size on every side and to at least
    /// `min_km` across in both directions, clamped to valid degrees.
    #[must_use]
    fn padded(&self, share: f64, min_km: f64) -> Self;

    /// Points along the edges of the box, `n` per edge, for fitting
    /// (edges of a box are curves in most projections).
    fn edge_points(&self, n: usize) -> Vec<(f64, f64)>;
}

impl GeoBoxExt for GeoBox {
    fn world() -> GeoBox {
        GeoBox::new((-180.0, -85.0), (180.0, 85.0))
    }

    fn around(points: impl IntoIterator<Item = (f64, f64)>) -> Option<GeoBox> {
        // f64::min and max, not geo's bounding_rect: they pass over a NaN
        // as the hand-written box always did.
        let mut b: Option<(f64, f64, f64, f64)> = None;
        for (lon, lat) in points {
            b = Some(match b {
                None => (lon, lat, lon, lat),
                Some((w, s, e, n)) => (w.min(lon), s.min(lat), e.max(lon), n.max(lat)),
            });
        }
        b.map(|(w, s, e, n)| GeoBox::new((w, s), (e, n)))
    }

    fn width_km(&self) -> f64 {
        let lat = self.center().y.to_radians();
        self.width().to_radians() * lat.cos() * EARTH_RADIUS_KM
    }

    fn height_km(&self) -> f64 {
        self.height().to_radians() * EARTH_RADIUS_KM
    }

    fn padded(&self, share: f64, min_km: f64) -> GeoBox {
        let Coord { x: clon, y: clat } = self.center();
        let km_per_deg_lat = EARTH_RADIUS_KM.to_radians();
        let km_per_deg_lon = km_per_deg_lat * clat.to_radians().cos().max(0.05);
        let half_h = (self.height() * (0.5 + share)).max(min_km / 2.0 / km_per_deg_lat);
        let half_w = (self.width() * (0.5 + share)).max(min_km / 2.0 / km_per_deg_lon);
        GeoBox::new(
            ((clon - half_w).max(-180.0), (clat - half_h).max(-85.0)),
            ((clon + half_w).min(180.0), (clat + half_h).min(85.0)),
        )
    }

    fn edge_points(&self, n: usize) -> Vec<(f64, f64)> {
        let n = n.max(2);
        let (min, max) = (self.min(), self.max());
        let mut v = Vec::with_capacity(4 * n);
        for i in 0..n {
            let t = i as f64 / (n - 1) as f64;
            let lon = min.x + t * (max.x - min.x);
            let lat = min.y + t * (max.y - min.y);
            v.push((lon, min.y));
            v.push((lon, max.y));
            v.push((min.x, lat));
            v.push((max.x, lat));
        }
        v
    }
}

/// Lambert conformal conic on the sphere with two standard parallels.
///
/// # References
/// Snyder, J. P. (1987). *Map Projections: A Working Manual*, USGS
/// Professional Paper 1395, pp. 104–110 (equations 15-1 to 15-5).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LambertConformalConic {
    lon0: f64,
    n: f64,
    f: f64,
    rho0: f64,
}

impl LambertConformalConic {
    /// A cone centred on `lon0_deg`, origin latitude `lat0_deg`, cutting
    /// the sphere at `lat1_deg` and `lat2_deg`. Standard parallels
    /// symmetric about the equator make a cylinder: use [`Mercator`].
    pub fn new(lon0_deg: f64, lat0_deg: f64, lat1_deg: f64, lat2_deg: f64) -> Self {
        let (p1, p2) = (lat1_deg.to_radians(), lat2_deg.to_radians());
        let t = |p: f64| (FRAC_PI_4 + p / 2.0).tan();
        let n = if (p1 - p2).abs() < 1e-9 {
            p1.sin()
        } else {
            (p1.cos() / p2.cos()).ln() / (t(p2) / t(p1)).ln()
        };
        let f = p1.cos() * t(p1).powf(n) / n;
        let rho0 = f / t(lat0_deg.to_radians()).powf(n);
        LambertConformalConic {
            lon0: lon0_deg,
            n,
            f,
            rho0,
        }
    }

    /// The cone constant (0 would be a cylinder, 1 a plane).
    pub fn cone_constant(&self) -> f64 {
        self.n
    }
}

impl Projection for LambertConformalConic {
    fn project(&self, lon_deg: f64, lat_deg: f64) -> (f64, f64) {
        // Longitudes are not wrapped: Natural Earth splits its rings at
        // ±180°, so a ring never jumps across the projection's seam.
        let lat = lat_deg.clamp(-89.9, 89.9).to_radians();
        let rho = self.f / (FRAC_PI_4 + lat / 2.0).tan().powf(self.n);
        let theta = self.n * (lon_deg - self.lon0).to_radians();
        (rho * theta.sin(), self.rho0 - rho * theta.cos())
    }

    fn invert(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        let dy = self.rho0 - y;
        let rho = self.n.signum() * x.hypot(dy);
        if rho == 0.0 {
            return Some((self.lon0, 90.0 * self.n.signum()));
        }
        let theta = (x * self.n.signum()).atan2(dy * self.n.signum());
        let lat = 2.0 * (self.f / rho).powf(1.0 / self.n).atan() - PI / 2.0;
        let lon = self.lon0 + (theta / self.n).to_degrees();
        (lat.is_finite() && lon.is_finite()).then(|| (lon, lat.to_degrees()))
    }

    fn name(&self) -> &'static str {
        "Lambert conformal conic"
    }
}

/// Spherical Mercator centred on a meridian (for extents near the equator).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mercator {
    /// Central meridian, degrees.
    pub lon0: f64,
}

impl Projection for Mercator {
    fn project(&self, lon_deg: f64, lat_deg: f64) -> (f64, f64) {
        let lat = lat_deg.clamp(-85.0, 85.0).to_radians();
        (
            (lon_deg - self.lon0).to_radians(),
            (FRAC_PI_4 + lat / 2.0).tan().ln(),
        )
    }

    fn invert(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        Some((
            self.lon0 + x.to_degrees(),
            (2.0 * y.exp().atan() - PI / 2.0).to_degrees(),
        ))
    }

    fn name(&self) -> &'static str {
        "Mercator"
    }
}

/// Equal Earth, an equal-area pseudocylindrical projection for world and
/// continent maps.
///
/// # References
/// Šavrič, B., Patterson, T., Jenny, B. (2018). The Equal Earth map
/// projection. *International Journal of Geographical Information
/// Science* 33(3), 454–465.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EqualEarth {
    /// Central meridian, degrees.
    pub lon0: f64,
}

const EE_A1: f64 = 1.340264;
const EE_A2: f64 = -0.081106;
const EE_A3: f64 = 0.000893;
const EE_A4: f64 = 0.003796;

impl Projection for EqualEarth {
    fn project(&self, lon_deg: f64, lat_deg: f64) -> (f64, f64) {
        let m = 3f64.sqrt() / 2.0;
        let lam = (lon_deg - self.lon0).to_radians();
        let theta = (m * lat_deg.to_radians().sin()).asin();
        let t2 = theta * theta;
        let t6 = t2 * t2 * t2;
        let x = lam * theta.cos()
            / (m * (EE_A1 + 3.0 * EE_A2 * t2 + t6 * (7.0 * EE_A3 + 9.0 * EE_A4 * t2)));
        let y = theta * (EE_A1 + EE_A2 * t2 + t6 * (EE_A3 + EE_A4 * t2));
        (x, y)
    }

    fn invert(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        let m = 3f64.sqrt() / 2.0;
        // Newton's method on y(theta), as in the paper's reference code.
        let mut theta = y;
        for _ in 0..12 {
            let t2 = theta * theta;
            let t6 = t2 * t2 * t2;
            let fy = theta * (EE_A1 + EE_A2 * t2 + t6 * (EE_A3 + EE_A4 * t2)) - y;
            let fpy = EE_A1 + 3.0 * EE_A2 * t2 + t6 * (7.0 * EE_A3 + 9.0 * EE_A4 * t2);
            let d = fy / fpy;
            theta -= d;
            if d.abs() < 1e-12 {
                break;
            }
        }
        let t2 = theta * theta;
        let t6 = t2 * t2 * t2;
        let lam = m * x * (EE_A1 + 3.0 * EE_A2 * t2 + t6 * (7.0 * EE_A3 + 9.0 * EE_A4 * t2))
            / theta.cos();
        let s = theta.sin() / m;
        if !(-1.0..=1.0).contains(&s) || !lam.is_finite() {
            return None;
        }
        Some((self.lon0 + lam.to_degrees(), s.asin().to_degrees()))
    }

    fn name(&self) -> &'static str {
        "Equal Earth"
    }
}

/// Whether an extent is continental or wider, where an equal-area world
/// projection serves better than a conic.
pub fn is_continental(b: &GeoBox) -> bool {
    b.width() > 90.0 || b.height() > 60.0
}

/// The projection that suits an extent: Equal Earth for continents and
/// the world (central meridian 0, so Natural Earth's rings stay whole),
/// otherwise a Lambert conformal conic with standard parallels at 1/6 and
/// 5/6 of the extent's latitudes (Mercator where they straddle the
/// equator symmetrically).
pub fn for_extent(b: &GeoBox) -> Box<dyn Projection> {
    if is_continental(b) {
        return Box::new(EqualEarth { lon0: 0.0 });
    }
    let Coord { x: lon0, y: lat0 } = b.center();
    let span = b.height();
    let (lat1, lat2) = (b.min().y + span / 6.0, b.max().y - span / 6.0);
    if (lat1 + lat2).abs() < 4.0 {
        return Box::new(Mercator { lon0 });
    }
    Box::new(LambertConformalConic::new(lon0, lat0, lat1, lat2))
}

/// A projection fitted to a pixel frame: uniform scale, north up, y down.
#[derive(Debug)]
pub struct Viewport {
    projection: Box<dyn Projection>,
    k: f64,
    tx: f64,
    ty: f64,
}

impl Viewport {
    /// Fits `extent` into the pixel rectangle `(x, y, w, h)` under
    /// `projection`, as large as it goes and centred: every point of the
    /// extent lands inside the rectangle.
    pub fn fit(
        projection: Box<dyn Projection>,
        extent: &GeoBox,
        frame: (f64, f64, f64, f64),
    ) -> Self {
        let (x0, x1, y0, y1) = projected_bounds(projection.as_ref(), extent);
        let (fx, fy, fw, fh) = frame;
        let k = (fw / (x1 - x0).max(1e-12)).min(fh / (y1 - y0).max(1e-12));
        let tx = fx + fw / 2.0 - k * (x0 + x1) / 2.0;
        let ty = fy + fh / 2.0 + k * (y0 + y1) / 2.0;
        Viewport {
            projection,
            k,
            tx,
            ty,
        }
    }

    /// The projection in use.
    pub fn projection(&self) -> &dyn Projection {
        self.projection.as_ref()
    }

    /// Degrees (x = lon, y = lat) to pixels (x right, y down).
    pub fn to_px(&self, lon_deg: f64, lat_deg: f64) -> (f64, f64) {
        let (x, y) = self.projection.project(lon_deg, lat_deg);
        (self.tx + self.k * x, self.ty - self.k * y)
    }

    /// Pixels back to degrees, where the projection covers them.
    pub fn from_px(&self, px: f64, py: f64) -> Option<(f64, f64)> {
        self.projection
            .invert((px - self.tx) / self.k, (self.ty - py) / self.k)
    }

    /// Kilometres on the ground per pixel, east–west at a point (degrees).
    pub fn km_per_px_at(&self, lon_deg: f64, lat_deg: f64) -> f64 {
        let d = 0.05;
        let (ax, ay) = self.to_px(lon_deg - d, lat_deg);
        let (bx, by) = self.to_px(lon_deg + d, lat_deg);
        let ground = (2.0 * d).to_radians() * lat_deg.to_radians().cos() * EARTH_RADIUS_KM;
        ground / (bx - ax).hypot(by - ay).max(1e-12)
    }
}

/// The projected bounding box of an extent (sampled along its edges):
/// x min, x max, y min, y max.
pub fn projected_bounds(p: &dyn Projection, extent: &GeoBox) -> (f64, f64, f64, f64) {
    let mut b = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (lon, lat) in extent.edge_points(24) {
        let (x, y) = p.project(lon, lat);
        b = (b.0.min(x), b.1.max(x), b.2.min(y), b.3.max(y));
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: (f64, f64), b: (f64, f64), tol: f64) -> bool {
        (a.0 - b.0).abs() < tol && (a.1 - b.1).abs() < tol
    }

    #[test]
    fn projections_invert() {
        let ps: Vec<Box<dyn Projection>> = vec![
            Box::new(LambertConformalConic::new(-2.0, 54.0, 51.0, 57.0)),
            Box::new(LambertConformalConic::new(-70.0, -35.0, -45.0, -25.0)),
            Box::new(Mercator { lon0: 100.0 }),
            Box::new(EqualEarth { lon0: 0.0 }),
        ];
        for p in &ps {
            for (lon, lat) in [(-3.28, 51.4), (-0.1, 51.38), (-70.5, -33.4), (101.7, 3.1)] {
                let (x, y) = p.project(lon, lat);
                let back = p.invert(x, y).unwrap();
                assert!(close(back, (lon, lat), 1e-7), "{} {back:?}", p.name());
            }
        }
    }

    #[test]
    fn north_is_up_and_east_is_right() {
        let b = GeoBox::new((-6.0, 50.0), (2.0, 56.0));
        let v = Viewport::fit(for_extent(&b), &b, (0.0, 0.0, 600.0, 700.0));
        let (gx, gy) = v.to_px(-4.26, 55.86); // Glasgow
        let (bx, by) = v.to_px(-0.14, 50.83); // Brighton
        assert!(gy < by && gx < bx);
    }

    #[test]
    fn the_scale_is_true_near_the_standard_parallels() {
        let b = GeoBox::new((-6.0, 50.0), (2.0, 56.0));
        let v = Viewport::fit(for_extent(&b), &b, (0.0, 0.0, 600.0, 700.0));
        let a = v.km_per_px_at(-2.0, 51.0);
        let c = v.km_per_px_at(-2.0, 55.0);
        assert!((a / c - 1.0).abs() < 0.01, "{a} {c}");
    }

    #[test]
    fn wide_extents_get_an_equal_area_projection() {
        assert_eq!(for_extent(&GeoBox::world()).name(), "Equal Earth");
        let uk = GeoBox::new((-8.0, 50.0), (2.0, 59.0));
        assert_eq!(for_extent(&uk).name(), "Lambert conformal conic");
        let eq = GeoBox::new((100.0, -5.0), (110.0, 5.0));
        assert_eq!(for_extent(&eq).name(), "Mercator");
    }

    #[test]
    fn padding_gives_a_single_town_some_context() {
        let b = GeoBox::around([(-3.28, 51.4)]).unwrap().padded(0.1, 150.0);
        assert!(b.width_km() >= 149.0 && b.height_km() >= 149.0);
    }
}
