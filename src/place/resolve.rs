//! Choosing the place each mention means, for a whole document at once.
//!
//! Each distinct name gets the gazetteer's ranked candidates (with its
//! qualifier and the focus country). Then the document's places pull each
//! other: a candidate gains points for every other name of the document
//! whose current choice lies in the same country, the same first-level
//! division, or within [`NEAR_KM`] of it. At most two rounds settle it
//! (the second only if the first changed a choice); a name means the same
//! place everywhere in one article. A village of the India Post directory
//! stands only where another name of the article is a place in India
//! other than such a village.

use super::{Mention, PlaceLexicon};
use crate::earth::EARTH_RADIUS_KM;
use crate::gazetteer::{Gazetteer, Place, PlaceId, Query, Ranking, Source};
use std::cell::OnceCell;

/// How many candidates per name take part.
const CANDIDATES: usize = 24;
/// Points for the share of the other names in the same country.
const SAME_COUNTRY: f64 = 1.5;
/// Points for the share of the other names in the same division.
const SAME_ADMIN1: f64 = 1.0;
/// Points for the share of the other names near the candidate.
const NEAR: f64 = 0.8;
/// Distance under which two places count as near, in km.
const NEAR_KM: f64 = 250.0;

/// The place chosen for a mention.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolution<'g> {
    /// The place's id.
    pub id: PlaceId,
    /// The place itself, so that later stages need not open the gazetteer.
    pub place: &'g Place,
    /// The winning score.
    pub score: f64,
    /// How far the winner is ahead of the runner-up, as a confidence from
    /// 0.5 (a tie) to 1.
    pub confidence: f64,
}

/// Resolves every mention of one document. Mentions that name nothing
/// the gazetteer knows get `None`.
pub fn resolve<'g>(
    text: &str,
    mentions: &[Mention],
    gaz: &'g Gazetteer,
    focus: Option<&str>,
) -> Vec<Option<Resolution<'g>>> {
    // One sense per name (and qualifier) per document.
    let mut names: Vec<(String, Option<String>)> = Vec::new();
    let mut which = Vec::with_capacity(mentions.len());
    for m in mentions {
        let k = (m.key.clone(), m.qualifier.clone());
        let idx = names.iter().position(|n| *n == k).unwrap_or_else(|| {
            names.push(k);
            names.len() - 1
        });
        which.push(idx);
    }
    let ranked: Vec<Ranking> = names
        .iter()
        .zip(&which_first(mentions, &which, names.len()))
        .map(|((_, qualifier), &first)| {
            rank(
                gaz,
                &Query {
                    name: mentions[first].surface(text).to_string(),
                    qualifier: qualifier.clone(),
                    focus: focus.map(String::from),
                },
            )
        })
        .collect();
    let mut scores: Vec<Vec<f64>> = ranked
        .iter()
        .map(|r| r.iter().map(|&(_, score)| score).collect())
        .collect();
    let mut choice: Vec<Option<usize>> = ranked
        .iter()
        .map(|c| (!c.is_empty()).then_some(0))
        .collect();
    let mut regions = Regions::default();
    let sites: Vec<Vec<Site>> = ranked
        .iter()
        .map(|r| r.iter().map(|&(id, _)| regions.site(gaz, id)).collect())
        .collect();
    // Names that differ only by qualifier are one name to coherence.
    let mut keys: Vec<&str> = Vec::new();
    let key_of: Vec<usize> = names
        .iter()
        .map(|(key, _)| {
            keys.iter().position(|k| k == key).unwrap_or_else(|| {
                keys.push(key);
                keys.len() - 1
            })
        })
        .collect();
    let mut others: Vec<&Site> = Vec::with_capacity(ranked.len());
    let mut before: Vec<Option<usize>> = Vec::new();
    for round in 0..2 {
        // Each round reads the choices of the round before; when a round
        // changed none, the next would compute the same scores again.
        if round > 0 && choice == before {
            break;
        }
        before.clone_from(&choice);
        let chosen: Vec<Option<&Site>> = choice
            .iter()
            .zip(&sites)
            .map(|(c, s)| c.map(|i| &s[i]))
            .collect();
        for n in 0..ranked.len() {
            others.clear();
            others.extend(
                (0..ranked.len())
                    .filter(|&k| key_of[k] != key_of[n])
                    .filter_map(|k| chosen[k]),
            );
            if others.is_empty() {
                continue;
            }
            let share = 1.0 / others.len() as f64;
            for (ci, &(_, base)) in ranked[n].iter().enumerate() {
                let p = &sites[n][ci];
                let mut bonus = 0.0;
                for q in &others {
                    if q.country == p.country {
                        bonus += SAME_COUNTRY * share;
                        if q.admin1 == p.admin1 && q.admin1 != NO_ADMIN1 {
                            bonus += SAME_ADMIN1 * share;
                        }
                    }
                    if p.near(q) {
                        bonus += NEAR * share;
                    }
                }
                scores[n][ci] = base + bonus;
            }
            choice[n] = scores[n]
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
                .map(|(i, _)| i);
        }
    }
    // A village of the India Post directory is read only in an article
    // that places something else in India: "marched to Parliament House"
    // in Brisbane is not the post office of that name in New Delhi.
    for n in 0..ranked.len() {
        let Some(i) = choice[n] else { continue };
        let village = gaz.place(ranked[n][i].0).source == Source::IndiaPost;
        // Another village does not count: two post offices alone do not
        // place an article in India.
        let india_elsewhere = (0..ranked.len()).any(|k| {
            k != n
                && choice[k].is_some_and(|c| {
                    let p = gaz.place(ranked[k][c].0);
                    p.country == "IN" && p.source != Source::IndiaPost
                })
        });
        if village && !india_elsewhere {
            choice[n] = None;
        }
    }
    which
        .iter()
        .map(|&n| {
            let i = choice[n]?;
            let best = scores[n][i];
            let runner = scores[n]
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != i)
                .map(|(_, &c)| c)
                .fold(f64::NEG_INFINITY, f64::max);
            let gap = if runner.is_finite() {
                best - runner
            } else {
                3.0
            };
            Some(Resolution {
                id: ranked[n][i].0,
                place: gaz.place(ranked[n][i].0),
                score: best,
                confidence: 1.0 / (1.0 + (-2.0 * gap).exp()),
            })
        })
        .collect()
}

/// The candidates for one name, best first, before the document's other
/// places pull: the gazetteer's ranking, or for a name it does not know,
/// the ranking of the place named inside it ("Colorado" in "Colorado State
/// University"). Empty if there is none.
pub fn rank(gaz: &Gazetteer, q: &Query) -> Ranking {
    let ranking = gaz.ranking(q, CANDIDATES);
    if ranking.is_empty() {
        embedded(gaz, q)
    } else {
        ranking
    }
}

/// What coherence compares of a candidate: its country and division as
/// small numbers ([`Regions`]), and its position as a unit vector, so that
/// "near" is a dot product rather than a haversine per pair.
struct Site {
    country: u32,
    admin1: u32,
    /// Latitude and longitude in radians.
    lat: f64,
    lon: f64,
    /// Computed when first needed: most pairs are told apart by latitude.
    unit: OnceCell<[f64; 3]>,
}

/// The id [`Regions`] gives an empty first-level division code.
const NO_ADMIN1: u32 = 0;

/// Numbers for the countries and divisions of one document's candidates,
/// so that coherence compares integers, not strings, pair by pair.
#[derive(Default)]
struct Regions<'g> {
    /// (country, division) → their numbers.
    ids: rustc_hash::FxHashMap<(&'g str, &'g str), (u32, u32)>,
    countries: rustc_hash::FxHashMap<&'g str, u32>,
}

impl<'g> Regions<'g> {
    fn site(&mut self, gaz: &'g Gazetteer, id: PlaceId) -> Site {
        let p = gaz.place(id);
        // Division ids start at 1: 0 is NO_ADMIN1.
        let next_admin1 = self.ids.len() as u32 + 1;
        let next_country = self.countries.len() as u32;
        let countries = &mut self.countries;
        let (country, admin1) = *self.ids.entry((&p.country, &p.admin1)).or_insert_with(|| {
            let country = *countries.entry(&p.country).or_insert(next_country);
            let admin1 = if p.admin1.is_empty() {
                NO_ADMIN1
            } else {
                next_admin1
            };
            (country, admin1)
        });
        Site {
            country,
            admin1,
            lat: p.lat.to_radians(),
            lon: p.lon.to_radians(),
            unit: OnceCell::new(),
        }
    }
}

impl Site {
    /// Within [`NEAR_KM`] along the great circle: the central angle is
    /// below `NEAR_KM / R`, so the cosine of it is above the cosine of that.
    /// Two places further apart in latitude alone are not near (with a
    /// margin for rounding, so the dot product decides every close case).
    fn near(&self, other: &Site) -> bool {
        let angle = NEAR_KM / EARTH_RADIUS_KM;
        if (self.lat - other.lat).abs() > angle * 1.001 {
            return false;
        }
        let [a, b, c] = self.unit();
        let [x, y, z] = other.unit();
        a * x + b * y + c * z > angle.cos()
    }

    /// The position as a unit vector.
    fn unit(&self) -> [f64; 3] {
        *self.unit.get_or_init(|| {
            let (sin_lat, cos_lat) = self.lat.sin_cos();
            let (sin_lon, cos_lon) = self.lon.sin_cos();
            [cos_lat * cos_lon, cos_lat * sin_lon, sin_lat]
        })
    }
}

/// For a name the gazetteer does not know, the ranking of the place name
/// inside it: "Colorado" in "Colorado State University", "Japan" in "Bank
/// of Japan", "Dubai" in "Dubai World Cup". That is the longest run of
/// capitalised words that names a place; of runs of one length, the one
/// whose best candidate scores highest. A lone common word ("Bank",
/// "Holiday") counts only where it names a country or division ("Japan").
/// Empty if there is none.
fn embedded(gaz: &Gazetteer, q: &Query) -> Ranking {
    let lex = PlaceLexicon::english();
    let words: Vec<&str> = q
        .name
        .split_whitespace()
        .map(|w| w.trim_end_matches("'s").trim_end_matches("’s"))
        .collect();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    for n in (1..words.len()).rev() {
        let best = words
            .windows(n)
            .filter(|run| capitalised(run[0]) && capitalised(run[n - 1]))
            .filter_map(|run| {
                let r = gaz.ranking(
                    &Query {
                        name: run.join(" "),
                        ..q.clone()
                    },
                    CANDIDATES,
                );
                let &(top, _) = r.first()?;
                let common = n == 1 && lex.is_common_word(&run[0].to_lowercase());
                (!common || gaz.place(top).kind.is_region()).then_some(r)
            })
            .max_by(|a, b| a[0].1.total_cmp(&b[0].1));
        if let Some(r) = best {
            return r;
        }
    }
    Ranking::default()
}

/// For each name, the index of its first mention.
fn which_first(mentions: &[Mention], which: &[usize], n: usize) -> Vec<usize> {
    let mut first = vec![usize::MAX; n];
    for (i, &w) in which.iter().enumerate() {
        if first[w] == usize::MAX {
            first[w] = i;
        }
    }
    debug_assert!(first.iter().all(|&f| f < mentions.len()));
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::place::recognise;

    fn resolved(text: &str) -> rustc_hash::FxHashMap<String, (String, String)> {
        let g = Gazetteer::bundled();
        let m = recognise(text, &g);
        let r = resolve(text, &m, &g, None);
        m.iter()
            .zip(r)
            .filter_map(|(m, r)| {
                let p = g.place(r?.id);
                Some((
                    m.surface(text).to_string(),
                    (p.country.clone(), p.admin1.clone()),
                ))
            })
            .collect()
    }

    #[test]
    fn a_name_inside_an_unknown_one_resolves() {
        let g = Gazetteer::bundled();
        let text = "Colorado State University and the Bank of Japan. A Bank Holiday.";
        let span = |s: &str| {
            let i = text.find(s).expect("in text");
            Mention::at(text, i..i + s.len())
        };
        let mentions = [
            span("Colorado State University"),
            span("Bank of Japan"),
            span("Bank Holiday"),
        ];
        let r = resolve(text, &mentions, &g, None);
        let place = |i: usize| r[i].as_ref().map(|r| g.place(r.id));
        assert_eq!(place(0).map(|p| p.admin1.as_str()), Some("CO"));
        assert_eq!(place(1).map(|p| p.name.as_str()), Some("Japan"));
        // "Bank" and "Holiday" are common words that name only towns.
        assert_eq!(r[2], None);
    }

    #[test]
    fn post_offices_alone_place_nothing_in_india() {
        // Nandanam and Kodambakkam are India Post localities only.
        let alone = resolved("Crowds gathered in Nandanam and Kodambakkam.");
        assert!(!alone.contains_key("Nandanam"), "{alone:?}");
        assert!(!alone.contains_key("Kodambakkam"), "{alone:?}");
        let in_chennai = resolved("Crowds gathered in Chennai, Nandanam and Kodambakkam.");
        assert_eq!(in_chennai["Nandanam"].0, "IN");
        assert_eq!(in_chennai["Kodambakkam"].0, "IN");
    }

    #[test]
    fn places_of_one_article_cohere() {
        let uk = resolved("Rallies in Birmingham, Barry and Glasgow.");
        assert_eq!(uk["Birmingham"], ("GB".into(), "ENG".into()));
        let us = resolved("Rallies were held in Birmingham and Huntsville.");
        assert_eq!(us["Birmingham"], ("US".into(), "AL".into()));
        assert_eq!(us["Huntsville"], ("US".into(), "AL".into()));
    }
}
