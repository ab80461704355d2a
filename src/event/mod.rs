//! Campaign events: the records every later stage reads.
//!
//! An [`Event`] is one rally, speech, visit, march... at one town on one
//! day, with the article(s) it was read from. Extraction produces them
//! ([`extract`]), with an [`Unresolved`] row for each mention it cannot
//! fix; [`merge`] joins the mentions of one event, [`store`] keeps a
//! corpus's events compactly until then. Each format reads and writes its
//! own file from the cells of [`record`]: [`table`] is `events.csv` (the
//! curation format a user edits in a spreadsheet), [`geojson`] RFC 7946
//! points, [`jsonl`] the shard records; [`writer`] and [`reader`] pick
//! the format. The renderers draw the events.
//!
//! The arrows run one way: `extract` → `merge`; `store` → `merge`,
//! `record`; the formats → `record`; `writer`, `reader` → the formats.
//! No format imports the extractor or another format.

pub mod extract;
pub mod geocode;
pub mod geojson;
pub mod jsonl;
pub mod lexicon;
pub mod merge;
pub mod reader;
pub mod record;
mod schedule;
pub mod store;
mod stray;
pub mod table;
pub mod writer;

use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;

/// What kind of campaign event this is.
///
/// The set is fixed by the `events.csv` contract; anything a lexicon does
/// not place elsewhere is [`Kind::Other`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A rally, relayed rally or campaign event with a crowd.
    Rally,
    /// A speech or address.
    Speech,
    /// A visit, walkabout, tour stop or photo opportunity.
    Visit,
    /// A march or parade.
    March,
    /// A meeting, town hall, roadshow or canvass.
    Meeting,
    /// A hustings or debate.
    Hustings,
    /// A protest, demonstration, vigil or picket.
    Protest,
    /// Anything else that looked like a campaign event.
    Other,
}

impl Kind {
    /// Every kind, in the order of the contract.
    pub const ALL: [Kind; 8] = [
        Kind::Rally,
        Kind::Speech,
        Kind::Visit,
        Kind::March,
        Kind::Meeting,
        Kind::Hustings,
        Kind::Protest,
        Kind::Other,
    ];

    /// The lower-case name used in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Rally => "rally",
            Kind::Speech => "speech",
            Kind::Visit => "visit",
            Kind::March => "march",
            Kind::Meeting => "meeting",
            Kind::Hustings => "hustings",
            Kind::Protest => "protest",
            Kind::Other => "other",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;

    fn from_str(s: &str) -> Result<Kind, String> {
        let s = s.trim();
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!(
                    "unknown kind {s:?} (expected one of: {})",
                    Kind::ALL.map(Kind::as_str).join(", ")
                )
            })
    }
}

/// One campaign event at one place on one day.
///
/// Coordinates are WGS84 decimal degrees. A hand-edited table may leave
/// the date empty (the renderers list such events apart) or the
/// coordinates empty (the command places it by its `place` before
/// rendering, with [`geocode::place_event`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Article ids the event was read from, sorted, without duplicates.
    pub sources: Vec<String>,
    /// The day of the event, if known.
    pub date: Option<NaiveDate>,
    /// The town as the gazetteer names it.
    pub place: String,
    /// The town's first-level division by name (e.g. "Wales").
    pub admin1: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Latitude in degrees, north positive.
    pub lat: Option<f64>,
    /// Longitude in degrees, east positive.
    pub lon: Option<f64>,
    /// The GeoNames id of the place, when it came from GeoNames.
    pub geonameid: Option<u64>,
    /// Who held or led the event ("Jeremy Corbyn", "Labour").
    pub actor: String,
    /// The actor's party, where known.
    pub party: String,
    /// What kind of event it was.
    pub kind: Kind,
    /// The largest crowd stated for it.
    pub crowd: Option<u64>,
    /// How sure the extractor was, from 0 to 1.
    pub confidence: f64,
    /// The sentence(s) the event was read from.
    pub evidence: String,
}

impl Event {
    /// An event with only a place and a date, the rest empty.
    pub fn new(place: &str, date: Option<NaiveDate>) -> Event {
        Event {
            sources: Vec::new(),
            date,
            place: place.to_string(),
            admin1: String::new(),
            country: String::new(),
            lat: None,
            lon: None,
            geonameid: None,
            actor: String::new(),
            party: String::new(),
            kind: Kind::Other,
            crowd: None,
            confidence: 1.0,
            evidence: String::new(),
        }
    }

    /// The point as `(lon, lat)`, if both coordinates are known.
    pub fn lon_lat(&self) -> Option<(f64, f64)> {
        Some((self.lon?, self.lat?))
    }

    /// The sources joined by `;`, as the table writes them.
    pub fn source_list(&self) -> String {
        self.sources.join(";")
    }

    /// Rounds the numbers to the precision the tables write (coordinates
    /// to 5 decimals, confidence to 2), so that an event read back from
    /// any table equals the one that was written: a sharded run merges
    /// exactly as a single one.
    pub fn quantize(&mut self) {
        let round = |v: f64, scale: f64| (v * scale).round() / scale;
        self.lat = self.lat.map(|v| round(v, 1e5));
        self.lon = self.lon.map(|v| round(v, 1e5));
        self.confidence = round(self.confidence, 1e2);
    }
}

/// A mention that looked like an event but could not be fixed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unresolved {
    /// The article id.
    pub source: String,
    /// The date as written, if any.
    pub date: String,
    /// The place as written, if any.
    pub place: String,
    /// Why it could not be resolved.
    pub reason: String,
    /// The sentence.
    pub evidence: String,
}

#[cfg(test)]
mod proptests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for k in Kind::ALL {
            assert_eq!(k.as_str().parse::<Kind>(), Ok(k));
        }
        assert_eq!("Rally".parse::<Kind>(), Ok(Kind::Rally));
        assert!("picnic".parse::<Kind>().is_err());
    }
}
