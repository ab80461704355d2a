//! Choosing the place each mention means, for a whole document at once.
//!
//! Each distinct name gets the gazetteer's ranked candidates (with its
//! qualifier and the focus country). Then the document's places pull each
//! other: a candidate gains points for every other name of the document
//! whose current choice lies in the same country, the same first-level
//! division, or within [`NEAR_KM`] of it. Two rounds settle it; a name
//! means the same place everywhere in one article.

use super::Mention;
use crate::gazetteer::{Candidate, Gazetteer, PlaceId, Query, haversine_km};

/// How many candidates per name take part.
const CANDIDATES: usize = 12;
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
pub struct Resolution {
    /// The place.
    pub id: PlaceId,
    /// The winning score.
    pub score: f64,
    /// How far the winner is ahead of the runner-up, as a confidence from
    /// 0.5 (a tie) to 1.
    pub confidence: f64,
}

/// Resolves every mention of one document. Mentions that name nothing
/// the gazetteer knows get `None`.
pub fn resolve(
    text: &str,
    mentions: &[Mention],
    gaz: &Gazetteer,
    focus: Option<&str>,
) -> Vec<Option<Resolution>> {
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
    let mut cands: Vec<Vec<Candidate>> = names
        .iter()
        .zip(&which_first(mentions, &which, names.len()))
        .map(|((_, qualifier), &first)| {
            let q = Query {
                name: mentions[first].surface(text).to_string(),
                qualifier: qualifier.clone(),
                focus: focus.map(String::from),
            };
            let mut c = gaz.geocode(&q);
            c.truncate(CANDIDATES);
            c
        })
        .collect();
    let mut choice: Vec<Option<usize>> =
        cands.iter().map(|c| (!c.is_empty()).then_some(0)).collect();
    let base: Vec<Vec<f64>> = cands
        .iter()
        .map(|c| c.iter().map(|x| x.score).collect())
        .collect();
    for _ in 0..2 {
        let chosen: Vec<Option<PlaceId>> = choice
            .iter()
            .zip(&cands)
            .map(|(c, cs)| c.map(|i| cs[i].id))
            .collect();
        for n in 0..cands.len() {
            let others: Vec<PlaceId> = chosen
                .iter()
                .enumerate()
                .filter(|&(k, c)| k != n && c.is_some() && names[k].0 != names[n].0)
                .filter_map(|(_, c)| *c)
                .collect();
            if others.is_empty() {
                continue;
            }
            let share = 1.0 / others.len() as f64;
            for (ci, c) in cands[n].iter_mut().enumerate() {
                let p = gaz.place(c.id);
                let mut bonus = 0.0;
                for &o in &others {
                    let q = gaz.place(o);
                    if q.country == p.country {
                        bonus += SAME_COUNTRY * share;
                        if q.admin1 == p.admin1 && !q.admin1.is_empty() {
                            bonus += SAME_ADMIN1 * share;
                        }
                    }
                    if haversine_km((p.lat, p.lon), (q.lat, q.lon)) < NEAR_KM {
                        bonus += NEAR * share;
                    }
                }
                c.score = base[n][ci] + bonus;
            }
            choice[n] = cands[n]
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.score.total_cmp(&b.1.score).then(b.0.cmp(&a.0)))
                .map(|(i, _)| i);
        }
    }
    which
        .iter()
        .map(|&n| {
            let i = choice[n]?;
            let best = &cands[n][i];
            let runner = cands[n]
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != i)
                .map(|(_, c)| c.score)
                .fold(f64::NEG_INFINITY, f64::max);
            let gap = if runner.is_finite() {
                best.score - runner
            } else {
                3.0
            };
            Some(Resolution {
                id: best.id,
                score: best.score,
                confidence: 1.0 / (1.0 + (-2.0 * gap).exp()),
            })
        })
        .collect()
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
    fn places_of_one_article_cohere() {
        let uk = resolved("Rallies in Birmingham, Barry and Glasgow.");
        assert_eq!(uk["Birmingham"], ("GB".into(), "ENG".into()));
        let us = resolved("Rallies were held in Birmingham and Huntsville.");
        assert_eq!(us["Birmingham"], ("US".into(), "AL".into()));
        assert_eq!(us["Huntsville"], ("US".into(), "AL".into()));
    }
}
