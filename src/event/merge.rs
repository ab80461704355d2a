//! Merging the mentions of one event, within and across articles.
//!
//! Two events are one when they share the date and the town and their
//! actors do not conflict: a party and a person of that party, or of no
//! known party in an article that names both, do not (the Croydon rally
//! "relayed" from Birmingham by Labour is the one "with John McDonnell");
//! two different people do (two candidates in one town on one day are two
//! events), and so do a person and another party, or a party that only
//! other articles report there. A merged event keeps every source, the
//! largest stated crowd, the highest confidence, the kind that ranks
//! first, and the evidence of each mention.
//!
//! The output order is the contract of `events.csv` and of the numbers
//! the graphics share: by date (undated last), then place, country,
//! actor, and first source.

use super::{Event, Kind};
use chrono::NaiveDate;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::cmp::Ordering;
use std::hash::BuildHasher;
use std::ops::Range;

/// Whether an actor names a person rather than a party (it is a party
/// when it equals its own party column, as the extractor writes it).
fn is_person(e: &Event) -> bool {
    !e.actor.is_empty() && e.actor != e.party
}

fn conflicts(a: &Event, b: &Event) -> bool {
    match (is_person(a), is_person(b)) {
        (true, true) => a.actor != b.actor,
        (true, false) => person_conflicts_with_party(a, b),
        (false, true) => person_conflicts_with_party(b, a),
        (false, false) => false,
    }
}

/// Whether a person's event and a party's mention (or one with no actor)
/// are two events: the person belongs to another party, or their party is
/// not known and no article names both (Labour's rally in a town is not
/// Theresa May's visit there on the same day because two articles report
/// them).
fn person_conflicts_with_party(person: &Event, party: &Event) -> bool {
    if party.party.is_empty() {
        return false;
    }
    if !person.party.is_empty() {
        return person.party != party.party;
    }
    !party
        .sources
        .iter()
        .any(|s| person.sources.binary_search(s).is_ok())
}

/// The place key: the GeoNames id, else the name and rounded point.
fn same_place(a: &Event, b: &Event) -> bool {
    match (a.geonameid, b.geonameid) {
        (Some(x), Some(y)) => x == y,
        _ => {
            a.place == b.place
                && a.country == b.country
                && a.lat.map(|v| (v * 100.0).round()) == b.lat.map(|v| (v * 100.0).round())
                && a.lon.map(|v| (v * 100.0).round()) == b.lon.map(|v| (v * 100.0).round())
        }
    }
}

fn kind_rank(k: Kind) -> usize {
    Kind::ALL.iter().position(|x| *x == k).unwrap_or(usize::MAX)
}

/// The evidence sentences of an event by hash, each with its span in the
/// event's evidence, so that joining one more costs the same however many
/// it has: an article or corpus telling one rally in 100,000 different
/// sentences made merging quadratic.
#[derive(Default)]
struct Said(FxHashMap<u64, Range<usize>>);

impl Said {
    /// The sentences of an evidence cell (" | "-separated).
    fn of(evidence: &str) -> Said {
        let mut said = Said::default();
        for sentence in evidence.split(" | ").filter(|x| !x.is_empty()) {
            let start = sentence.as_ptr() as usize - evidence.as_ptr() as usize;
            said.0
                .entry(FxBuildHasher.hash_one(sentence))
                .or_insert(start..start + sentence.len());
        }
        said
    }

    /// Adds `sentence` to `evidence` unless it is there already.
    fn join(&mut self, evidence: &mut String, sentence: &str) {
        let hash = FxBuildHasher.hash_one(sentence);
        let known = match self.0.get(&hash) {
            Some(span) if evidence[span.clone()] == *sentence => true,
            // Another sentence of the same hash: rare, so looked for in full.
            Some(_) => evidence.split(" | ").any(|x| x == sentence),
            None => false,
        };
        if known {
            return;
        }
        if !evidence.is_empty() {
            evidence.push_str(" | ");
        }
        let start = evidence.len();
        evidence.push_str(sentence);
        self.0.entry(hash).or_insert(start..evidence.len());
    }
}

/// Joins the mention `e` to the event `into`: sources, the actor of a
/// person over a party, the largest crowd, the best confidence, the first
/// kind in `kind_order`, and the distinct evidence sentences.
pub(crate) fn absorb(into: &mut Event, e: Event) {
    let mut said = Said::of(&into.evidence);
    absorb_saying(into, e, &mut said);
}

/// [`absorb`], with the sentences `into` has already (kept up to date).
fn absorb_saying(into: &mut Event, mut e: Event, said: &mut Said) {
    for s in std::mem::take(&mut e.sources) {
        if let Err(at) = into.sources.binary_search(&s) {
            into.sources.insert(at, s);
        }
    }
    if !is_person(into) && is_person(&e) {
        into.actor = e.actor;
        if !e.party.is_empty() {
            into.party = e.party;
        }
    } else if into.party.is_empty() {
        into.party = e.party;
    }
    if into.actor.is_empty() {
        into.actor = into.party.clone();
    }
    into.crowd = into.crowd.max(e.crowd);
    into.confidence = into.confidence.max(e.confidence);
    if kind_rank(e.kind) < kind_rank(into.kind) {
        into.kind = e.kind;
    }
    // Evidence is the distinct sentences, " | "-separated; a mention
    // merged before brings several.
    for sentence in e.evidence.split(" | ").filter(|x| !x.is_empty()) {
        said.join(&mut into.evidence, sentence);
    }
}

/// The table order: date (undated last), place, country, actor, sources.
pub fn table_order(a: &Event, b: &Event) -> Ordering {
    (
        a.date.is_none(),
        a.date,
        &a.place,
        &a.country,
        &a.actor,
        &a.sources,
        a.kind,
    )
        .cmp(&(
            b.date.is_none(),
            b.date,
            &b.place,
            &b.country,
            &b.actor,
            &b.sources,
            b.kind,
        ))
        .then_with(|| a.evidence.cmp(&b.evidence))
}

/// Merges the mentions of each event and sorts the result in table order.
/// The result does not depend on the input order.
pub fn merge(mut events: Vec<Event>) -> Vec<Event> {
    for e in &mut events {
        e.sources.sort();
        e.sources.dedup();
    }
    // Persons first, so that party-only mentions join a person's event.
    events.sort_by(|a, b| {
        is_person(b)
            .cmp(&is_person(a))
            .then_with(|| table_order(a, b))
    });
    let mut out: Vec<Event> = Vec::new();
    let mut said: Vec<Said> = Vec::new();
    // The events a mention may join share its date and place: they are
    // found through two indexes of `out` (positions in creation order),
    // by GeoNames id and by name, so that a corpus merges in time linear
    // in its mentions. A merged event's date and place never change.
    let mut by_id: FxHashMap<(Option<NaiveDate>, u64), Vec<usize>> = FxHashMap::default();
    let mut by_name: FxHashMap<(Option<NaiveDate>, String, String), Vec<usize>> =
        FxHashMap::default();
    for e in events {
        let name_key = (e.date, e.place.clone(), e.country.clone());
        let mut candidates: Vec<usize> = by_name
            .get(&name_key)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| e.geonameid.is_none() || out[i].geonameid.is_none())
            .collect();
        if let Some(id) = e.geonameid {
            candidates.extend(by_id.get(&(e.date, id)).into_iter().flatten());
            candidates.sort_unstable();
            candidates.dedup();
        }
        // Of the events this mention may join, the one that shares most
        // with it (the actor, then the party, then a source); the first of
        // equals.
        let target = candidates
            .into_iter()
            .filter(|&i| same_place(&out[i], &e) && !conflicts(&out[i], &e))
            .rev()
            .max_by_key(|&i| {
                let m = &out[i];
                (
                    m.actor == e.actor,
                    !e.party.is_empty() && m.party == e.party,
                    e.sources.iter().any(|s| m.sources.binary_search(s).is_ok()),
                )
            });
        match target {
            Some(i) => absorb_saying(&mut out[i], e, &mut said[i]),
            None => {
                let i = out.len();
                said.push(Said::of(&e.evidence));
                if let Some(id) = e.geonameid {
                    by_id.entry((e.date, id)).or_default().push(i);
                }
                by_name.entry(name_key).or_default().push(i);
                out.push(e);
            }
        }
    }
    out.sort_by(table_order);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(place: &str, id: u64, actor: &str, party: &str, src: &str, crowd: Option<u64>) -> Event {
        let mut e = Event::new(place, NaiveDate::from_ymd_opt(2017, 6, 6));
        e.geonameid = Some(id);
        e.actor = actor.into();
        e.party = party.into();
        e.sources = vec![src.into()];
        e.crowd = crowd;
        e.kind = Kind::Rally;
        e.evidence = format!("{src} {actor}");
        e
    }

    #[test]
    fn a_party_joins_a_person_of_its_own_or_of_the_same_article() {
        // Labour's rally reported by one article and Theresa May's visit
        // to the same town on the same day by another are two events.
        let may = ev("Croydon", 1, "Theresa May", "", "a", None);
        let labour = ev("Croydon", 1, "Labour", "Labour", "b", Some(300));
        let m = merge(vec![may.clone(), labour.clone()]);
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(
            m.iter().find(|e| e.actor == "Theresa May").unwrap().party,
            ""
        );
        // A person of another party is another event too.
        let tory = ev("Croydon", 1, "Theresa May", "Conservative", "b", None);
        assert_eq!(merge(vec![tory.clone(), labour.clone()]).len(), 2);
        // Of the same party, or named in the same article, one event.
        let mcd = ev("Croydon", 1, "John McDonnell", "Labour", "c", None);
        assert_eq!(merge(vec![mcd, labour.clone()]).len(), 1);
        let same_article = ev("Croydon", 1, "Theresa May", "", "b", None);
        let m = merge(vec![same_article, labour.clone()]);
        assert_eq!((m.len(), m[0].party.as_str()), (1, "Labour"));
        // A mention with no actor joins anyone's event.
        let nobody = ev("Croydon", 1, "", "", "d", Some(500));
        let m = merge(vec![may, nobody]);
        assert_eq!((m.len(), m[0].crowd), (1, Some(500)));
    }

    /// 100,000 mentions of one rally, each told in its own words, merge
    /// into one event holding every sentence once, in time linear in
    /// them: each sentence used to be looked for in all those before it
    /// (minutes for this many).
    #[test]
    fn one_event_told_many_ways_merges_at_once() {
        let mentions: Vec<Event> = (0..100_000)
            .map(|i| {
                let mut e = ev("Leeds", 1, "Jane Doe", "", "a", None);
                e.evidence = format!("Jane Doe held rally {} in Leeds.", i % 50_000);
                e
            })
            .collect();
        let m = merge(mentions);
        assert_eq!(m.len(), 1);
        let said: Vec<&str> = m[0].evidence.split(" | ").collect();
        assert_eq!(said.len(), 50_000);
        assert_eq!(said[0], "Jane Doe held rally 0 in Leeds.");
        assert_eq!(
            said.iter().collect::<std::collections::HashSet<_>>().len(),
            50_000
        );
    }

    #[test]
    fn party_and_person_merge_two_people_do_not() {
        let events = vec![
            ev("Croydon", 1, "Labour", "Labour", "a", None),
            ev("Croydon", 1, "John McDonnell", "", "a", Some(1000)),
            ev("Croydon", 1, "Jane Doe", "", "b", Some(50)),
            ev("Barry", 2, "Labour", "Labour", "c", None),
            ev("Barry", 2, "Labour", "Labour", "d", Some(300)),
        ];
        let m = merge(events.clone());
        assert_eq!(m.len(), 3);
        let barry = &m[0];
        assert_eq!(
            (barry.sources.clone(), barry.crowd),
            (vec!["c".to_string(), "d".to_string()], Some(300))
        );
        let mcd = m.iter().find(|e| e.actor == "John McDonnell").unwrap();
        assert_eq!((mcd.party.as_str(), mcd.crowd), ("Labour", Some(1000)));
        // Input order does not matter.
        let mut rev = events.clone();
        rev.reverse();
        assert_eq!(merge(rev), m);
        // Merging again, or merging what was merged, changes nothing; the
        // evidence holds each sentence once.
        assert_eq!(merge(m.clone()), m);
        let mut twice = merge(events[3..].to_vec());
        twice.extend(merge(events[3..].to_vec()));
        let barry = merge(twice);
        assert_eq!(barry.len(), 1);
        assert_eq!(barry[0].evidence, "c Labour | d Labour");
    }
}
