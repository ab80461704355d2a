//! The Earth as trailmap measures it: a sphere of one radius, shared by
//! the distances between places and the scale of the maps.
//!
//! Points are [`geo::Point`]s in degrees, x = longitude, y = latitude
//! (WGS84 treated as a sphere).

use geo::{Distance, HaversineMeasure, Point};

/// The mean Earth radius in kilometres (IUGG), the only one trailmap
/// uses: for distances here and for the scale of the projections.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// geo's haversine on a sphere of [`EARTH_RADIUS_KM`], so that distances
/// come out in kilometres.
///
/// geo's own `Haversine` uses GRS80's mean radius in metres
/// (6,371,008.7714 m); this one keeps the radius the gazetteer's "near"
/// and the maps' scale bars were tuned with.
pub const HAVERSINE_KM: HaversineMeasure = HaversineMeasure::new(EARTH_RADIUS_KM);

/// Great-circle distance in kilometres between two points (degrees,
/// x = lon, y = lat).
///
/// # Examples
///
/// ```
/// use geo::Point;
/// use trailmap::earth::distance_km;
///
/// let cardiff = Point::new(-3.18, 51.48); // longitude, latitude
/// let barry = Point::new(-3.28, 51.40);
/// let d = distance_km(cardiff, barry);
/// assert!((10.0..12.0).contains(&d), "{d}");
/// ```
pub fn distance_km(a: Point, b: Point) -> f64 {
    HAVERSINE_KM.distance(a, b)
}
