//! trailmap reads news articles about election campaigns, extracts the
//! rallies and other campaign events they report (with dates and towns),
//! geocodes the towns against a bundled world gazetteer and draws SVG
//! timelines and maps.
//!
//! # Overview
//!
//! The pipeline runs one way: an [`article::Article`] (id, publication
//! date, text) → per-document analysis ([`text`] sentences and tokens,
//! [`date`] mentions resolved against the publication date, [`place`]
//! names resolved for the whole document against the [`gazetteer`]) →
//! event assembly ([`event::extract::Extractor`]) → [`event::merge`] →
//! tables and formats ([`event::table`] for `events.csv`,
//! [`event::geojson`], [`event::jsonl`]) → the SVG graphics of [`render`],
//! which read events only. [`pipeline`] runs the extraction over many
//! inputs in parallel; [`earth`] and [`projection`] hold the geometry.
//!
//! The `trailmap` command is the `cli` feature (on by default); with
//! `default-features = false` the library builds without clap, indicatif
//! and mimalloc.
//!
//! # Example: events from a string, drawn as a map
//!
//! ```
//! use chrono::NaiveDate;
//! use trailmap::article::Article;
//! use trailmap::event::extract::Extractor;
//! use trailmap::event::{merge, table};
//! use trailmap::gazetteer::Gazetteer;
//! use trailmap::render::{MapOptions, Theme, render_map};
//!
//! let article = Article {
//!     id: "ref".into(),
//!     published: NaiveDate::from_ymd_opt(2017, 6, 7),
//!     text: "Jeremy Corbyn addressed a crowd of 6,000 in Birmingham last \
//!            night."
//!         .into(),
//! };
//! // The bundled gazetteer is ready at once; `Some("GB")` prefers British
//! // places where a name is ambiguous.
//! let gazetteer = Gazetteer::bundled();
//! let extractor = Extractor::new(&gazetteer, Some("GB"));
//! let found = extractor.extract(&article);
//! // One event per mention; merging joins the mentions of one event, and
//! // orders them as `events.csv` does.
//! let events = merge::merge(found.events);
//! assert_eq!(events.len(), 1);
//! let rally = &events[0];
//! assert_eq!(rally.place, "Birmingham");
//! assert_eq!(rally.date, NaiveDate::from_ymd_opt(2017, 6, 6)); // "last night"
//! assert_eq!(rally.crowd, Some(6_000));
//! assert!(found.unresolved.is_empty());
//!
//! // The events as `events.csv`, the table a person can edit...
//! let mut csv = Vec::new();
//! table::write_csv(&mut csv, &events)?;
//! assert!(String::from_utf8(csv)?.starts_with("source,date,place,"));
//!
//! // ...and as an SVG map.
//! let svg = render_map(&events, &MapOptions::default(), &Theme::default())?;
//! assert!(svg.starts_with("<svg") && svg.contains("Birmingham"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

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
