//! Ranking the candidates for a name.
//!
//! A candidate's score is a sum of evidence, each part recorded in `why`
//! so that a user can see the reasoning:
//!
//! | evidence | points |
//! | --- | --- |
//! | the name as spelled / folded (case, diacritics) / an alternate name | 3.0 / 2.9 / 2.2 |
//! | the name in capitals ("WA") against a town's name ("Wa") | 1.5 |
//! | population: 3.5 × ln(1 + pop) / ln(10⁷) | 0 to about 3.8 |
//! | feature: capital +1.0, division seat +0.3 to +0.1, suburb section −0.8, region +0.4, continent or wide area +2.8 | |
//! | qualifier ("Portland, Oregon") matched / not matched | +4.0 / −2.0 |
//! | a division that holds a town of the same name (not a country), unless 15 times as populous | −1.5 |
//! | in the focus country | +3.0 |
//! | from the user's gazetteer | +3.0 |
//! | village from the India Post directory | −0.5 |
//!
//! A region's population is the sum of its towns' in the gazetteer, so
//! "Ohio" the state beats Ohio, Illinois, and Hamilton, Ontario beats the
//! parish of Hamilton, Bermuda. A region
//! that holds a town of its own name (Birmingham the borough, Zurich the
//! canton) ranks below that town: a name shared by a town and its region
//! means the town in news text, unless the region dwarfs the town (Quebec,
//! Bihar).

use super::areas::{self, Via};
use super::{Gazetteer, Place, PlaceId, PlaceKind, Region, Source, fold};
use crate::earth::distance_km;
use geo::Point;

/// Points for each piece of evidence (see the module docs).
const EXACT: f64 = 3.0;
const FOLDED: f64 = 2.9;
const ALTERNATE: f64 = 2.2;
const POPULATION: f64 = 3.5;
const QUALIFIED: f64 = 4.0;
const UNQUALIFIED: f64 = -2.0;
const FOCUS: f64 = 3.0;
const USER: f64 = 3.0;
const VILLAGE: f64 = -0.5;
const NAMESAKE_REGION: f64 = -1.5;
/// A region at least this many times as populous as its namesake town is
/// not lowered below it.
const DWARFS: u64 = 15;
/// A national capital: the usual sense of a name it shares with a region
/// ("Washington") or with smaller towns abroad.
const CAPITAL: f64 = 1.0;
/// A name written in capitals ("WA") matched to a place whose name is not
/// ("Wa"): the text most likely means an abbreviation.
const CAPITALS_MISMATCH: f64 = 1.5;
/// A continent, macro-region or sea: about the population points of a
/// large country, which it has no count of.
const AREA: f64 = 2.8;

/// What to look up: a name, optionally qualified, with an optional focus
/// country.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Query {
    /// The place name ("Portland").
    pub name: String,
    /// What follows the name after a comma ("Oregon", "OR", "Wales",
    /// "south London"), if anything.
    pub qualifier: Option<String>,
    /// A country to prefer (ISO alpha-2).
    pub focus: Option<String>,
}

impl Query {
    /// Splits "Portland, Oregon" into name and qualifier.
    pub fn parse(text: &str) -> Query {
        let (name, qualifier) = match text.split_once(',') {
            Some((n, q)) if !q.trim().is_empty() => (n, Some(q.trim().to_string())),
            _ => (text.trim_end_matches(','), None),
        };
        Query {
            name: name.trim().to_string(),
            qualifier,
            focus: None,
        }
    }
}

/// A ranked candidate.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The place.
    pub id: PlaceId,
    /// The total score; higher is better.
    pub score: f64,
    /// The evidence behind the score, in words.
    pub why: Vec<String>,
}

fn population_points(p: &Place) -> f64 {
    let pop = p.population;
    POPULATION * (1.0 + pop as f64).ln() / 1e7_f64.ln()
}

fn feature_points(p: &Place) -> (f64, &'static str) {
    match (p.kind, p.feature_code.as_str()) {
        (PlaceKind::Section, _) => (-0.8, "section of a town"),
        (PlaceKind::Admin2, _) => (0.0, "region"),
        (PlaceKind::Area, _) => (AREA, "continent or wide area"),
        (k, _) if k.is_region() => (0.4, "region"),
        (_, "PPLC") => (CAPITAL, "capital"),
        (_, "PPLA") => (0.3, "first-level seat"),
        (_, "PPLA2") => (0.2, "second-level seat"),
        (_, "PPLA3" | "PPLA4") => (0.1, "local seat"),
        _ => (0.0, ""),
    }
}

/// Whether a name is written in capitals, as abbreviations are ("WA",
/// "NSW"), not as names are ("Wa").
fn is_capitals(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    (2..=5).contains(&letters)
        && name
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// The regions a qualifier names: a division or country by name, code or
/// abbreviation, or, for "south London", the region of the town named.
pub enum Qualifier {
    /// The qualifier names these regions.
    Regions(Vec<Region>),
    /// The qualifier names a town ("London" in "Croydon, south London"):
    /// candidates near it qualify.
    Near(Vec<Point>),
    /// Nothing known by that name.
    Unknown,
}

impl Qualifier {
    /// Whether the place lies where the qualifier says.
    pub fn admits(&self, p: &Place) -> bool {
        match self {
            Qualifier::Regions(rs) => rs.iter().any(|r| r.contains(p)),
            Qualifier::Near(pts) => pts.iter().any(|&pt| distance_km(pt, p.point()) <= NEAR_KM),
            Qualifier::Unknown => false,
        }
    }
}

/// How far from a qualifying town a candidate may lie, in km.
pub(crate) const NEAR_KM: f64 = 40.0;

impl Gazetteer {
    pub fn qualifier(&self, text: &str, directions: &[String]) -> Qualifier {
        let text = text.trim().trim_end_matches('.');
        // Codes count only as written in capitals ("OR", not "or").
        let regions: Vec<Region> = self
            .regions_named(text)
            .iter()
            .filter(|r| {
                let is_code = text.len() <= 3 && !text.contains('.');
                !is_code
                    || text.bytes().all(|b| b.is_ascii_uppercase())
                    || !matches!(r, Region::Country(_))
            })
            .cloned()
            .collect();
        let regions = if regions.is_empty() {
            self.regions_named(&format!("{text}.")).to_vec()
        } else {
            regions
        };
        if !regions.is_empty() {
            return Qualifier::Regions(regions);
        }
        let folded = fold(text);
        let town = directions
            .iter()
            .find_map(|d| {
                folded
                    .strip_prefix(d.as_str())
                    .and_then(|r| r.strip_prefix(' '))
            })
            .unwrap_or(&folded);
        let points: Vec<Point> = self
            .lookup_folded(town)
            .filter(|r| !r.alt)
            .map(|r| self.place(r.id))
            .filter(|p| p.population >= 100_000 || p.kind == PlaceKind::Country)
            .map(Place::point)
            .collect();
        if points.is_empty() {
            Qualifier::Unknown
        } else {
            Qualifier::Near(points)
        }
    }

    /// Whether some place called `name` satisfies the qualifier `text`
    /// ("Croydon" and "south London": yes; "Barry" and "Brighton": no, so
    /// "Barry, Brighton" is a list, not a qualified name).
    pub fn qualifies(&self, name: &str, text: &str) -> bool {
        let qual = self.qualifier(text, crate::gazetteer::directions());
        self.lookup_folded(&fold(name)).any(|r| {
            let p = self.place(r.id);
            qual.admits(p)
        })
    }

    /// Ranks every place known by the query's name, best first.
    ///
    /// # Examples
    /// ```
    /// use trailmap::gazetteer::{Gazetteer, Query};
    /// let g = Gazetteer::bundled();
    /// let best = &g.geocode(&Query::parse("Portland, Oregon"))[0];
    /// assert_eq!(g.place(best.id).admin1, "OR");
    /// ```
    pub fn geocode(&self, q: &Query) -> Vec<Candidate> {
        let key = fold(&q.name);
        let qualifier = q
            .qualifier
            .as_deref()
            .map(|t| (t, self.qualifier(t, crate::gazetteer::directions())));
        let mut out: Vec<Candidate> = Vec::new();
        let capitals = is_capitals(&q.name);
        // `Some(Via::Area)` marks a place's own name, `None` a GeoNames
        // alternate name; the lexicon says how its names lead to places.
        let gazetteer = self
            .lookup_folded(&key)
            .map(|r| (r.id, if r.alt { None } else { Some(Via::Area) }));
        let lexicon = areas::lookup(&key)
            .iter()
            .filter(|(_, via)| match via {
                Via::Abbreviation => capitals,
                Via::Dotted => q.name.contains('.'),
                _ => true,
            })
            .map(|&(id, via)| (id, Some(via)));
        for (id, via) in gazetteer.chain(lexicon) {
            let p = self.place(id);
            let mut why = Vec::new();
            let own_name = matches!(via, Some(Via::Area)) && fold(&p.name) == key;
            let mut score = if own_name && p.name == q.name {
                why.push("exact name".to_string());
                EXACT
            } else if own_name && capitals && !is_capitals(&p.name) {
                why.push("written in capitals: an abbreviation?".to_string());
                CAPITALS_MISMATCH
            } else if own_name {
                why.push("folded name".to_string());
                FOLDED
            } else {
                match via {
                    Some(Via::Area) | None => why.push("alternate name".to_string()),
                    Some(v) => why.push(v.as_str().to_string()),
                }
                ALTERNATE
            };
            let pop = population_points(p);
            score += pop;
            if p.population > 0 {
                why.push(format!("population {}", p.population));
            }
            let (fp, fwhy) = feature_points(p);
            score += fp;
            if !fwhy.is_empty() {
                why.push(fwhy.to_string());
            }
            if let Some((text, qual)) = &qualifier {
                if qual.admits(p) {
                    score += QUALIFIED;
                    why.push(format!("in {text}"));
                } else {
                    score += UNQUALIFIED;
                    why.push(format!("not in {text}"));
                }
            }
            if q.focus.as_deref() == Some(p.country.as_str()) {
                score += FOCUS;
                why.push("focus country".to_string());
            }
            match p.source {
                Source::User => {
                    score += USER;
                    why.push("user gazetteer".to_string());
                }
                Source::IndiaPost => {
                    score += VILLAGE;
                    why.push("India Post village".to_string());
                }
                Source::GeoNames => {}
            }
            if let Some(c) = out.iter_mut().find(|c| c.id == id) {
                if c.score < score {
                    (c.score, c.why) = (score, why);
                }
            } else {
                out.push(Candidate { id, score, why });
            }
        }
        self.demote_namesake_regions(&mut out);
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| {
                    self.place(b.id)
                        .population
                        .cmp(&self.place(a.id).population)
                })
                .then_with(|| a.id.cmp(&b.id))
        });
        out
    }

    /// Lowers each region that holds a town candidate of the same name.
    fn demote_namesake_regions(&self, cands: &mut [Candidate]) {
        let towns: Vec<&Place> = cands
            .iter()
            .map(|c| self.place(c.id))
            .filter(|p| !p.kind.is_region())
            .collect();
        let mut demote = Vec::new();
        for (i, c) in cands.iter().enumerate() {
            let p = self.place(c.id);
            let region = match p.kind {
                // A country's name means the country ("Mexico", "Panama").
                PlaceKind::Admin1 => Region::Admin1(p.country.clone(), p.admin1.clone()),
                PlaceKind::Admin2 => {
                    Region::Admin2(p.country.clone(), p.admin1.clone(), p.admin2.clone())
                }
                _ => continue,
            };
            // Unless the region dwarfs the town: "Quebec" is the province
            // of eleven million more often than its capital.
            if towns
                .iter()
                .any(|t| region.contains(t) && p.population < DWARFS * t.population)
            {
                demote.push(i);
            }
        }
        for i in demote {
            cands[i].score += NAMESAKE_REGION;
            cands[i]
                .why
                .push("a town of that name lies in it".to_string());
        }
    }
}
