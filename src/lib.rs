//! trailmap reads news articles about election campaigns, extracts the
//! rallies and other campaign events they report (with dates and towns),
//! geocodes the towns against a bundled world gazetteer and draws SVG
//! timelines and maps.
//!
//! The pipeline: [`article`] → analysis per document (dates, places,
//! actors, crowds) → place resolution against the [`gazetteer`] →
//! [`event::Event`]s → merge → `events.csv` / `events.geojson` → SVG.

pub mod article;
pub mod date;
pub mod earth;
pub mod error;
pub mod event;
pub mod gazetteer;
pub mod pipeline;
pub mod place;
pub mod projection;
pub mod render;
pub mod text;
