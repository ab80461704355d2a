//! Colour policy, one for both graphics: which key an event is coloured
//! by (its party, else its actor), parties filled in for actors that
//! other rows or the bundled table of politicians name, and the table of
//! colours (party colours first, then a colour-blind-safe palette, the
//! rest grey as "Others"), so that an actor has the same colour on the
//! map, on the timeline and in every legend.

use super::clean;
use super::theme::{Rgb, Theme};
use crate::event::Event;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The key events are coloured by: their party, else their actor.
pub(crate) fn colour_key(e: &Event) -> String {
    let p = clean(&e.party);
    if p.is_empty() { clean(&e.actor) } else { p }
}

/// Values counted as they are met: per value, the order it was first met
/// in and how often.
#[derive(Default)]
pub(crate) struct Tally(HashMap<String, (usize, usize)>);

impl Tally {
    pub(crate) fn add(&mut self, v: String) {
        let next = self.0.len();
        self.0.entry(v).or_insert((next, 0)).1 += 1;
    }

    /// How many distinct values.
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// The values, most often met first; among equals, the one met first.
    pub(crate) fn busiest(&self) -> Vec<&String> {
        let mut v: Vec<(&String, &(usize, usize))> = self.0.iter().collect();
        v.sort_by_key(|&(_, &(first, n))| (std::cmp::Reverse(n), first));
        v.into_iter().map(|(k, _)| k).collect()
    }

    /// The order a value was first met in.
    pub(crate) fn first(&self, v: &str) -> usize {
        self.0[v].0
    }
}

/// The value met most often; among equals, the one met first.
fn most_common(values: impl IntoIterator<Item = String>) -> Option<String> {
    let mut tally = Tally::default();
    values.into_iter().for_each(|v| tally.add(v));
    tally.busiest().first().map(|v| v.to_string())
}

/// The colour key of most of the events at `indices` (in `events`); among
/// equals, the one met first. Empty for no events.
pub(crate) fn main_colour_key(events: &[Event], indices: &[usize]) -> String {
    most_common(indices.iter().map(|&i| colour_key(&events[i]))).unwrap_or_default()
}

/// The events with each actor's party filled in where a row leaves it
/// empty but other rows of that actor name one (the party named most
/// often; among equals, the first in date order), or else the bundled
/// table of well-known politicians does (see [`super::politicians`]), so
/// that a candidate keeps one colour, and one party lane, throughout a
/// graphic. The table itself is left as it is.
pub(crate) fn with_known_parties(events: &[Event]) -> Cow<'_, [Event]> {
    // Per actor, the parties its rows name, in date order.
    let mut named: HashMap<String, Vec<String>> = HashMap::new();
    for i in super::date_order(events) {
        let (actor, party) = (clean(&events[i].actor), clean(&events[i].party));
        if !actor.is_empty() && !party.is_empty() {
            named.entry(actor).or_default().push(party);
        }
    }
    let party_of: HashMap<String, String> = named
        .into_iter()
        .filter_map(|(actor, parties)| most_common(parties).map(|p| (actor, p)))
        .collect();
    let known = |actor: &str| {
        party_of
            .get(actor)
            .map(String::as_str)
            .or_else(|| super::politicians::party_of(actor))
    };
    let missing = |e: &Event| clean(&e.party).is_empty() && known(&clean(&e.actor)).is_some();
    if !events.iter().any(missing) {
        return Cow::Borrowed(events);
    }
    Cow::Owned(
        events
            .iter()
            .map(|e| {
                let mut e = e.clone();
                if missing(&e) {
                    e.party = known(&clean(&e.actor)).unwrap_or_default().to_string();
                }
                e
            })
            .collect(),
    )
}

/// How far apart (in RGB) a palette colour must be from every party colour
/// of a table to be used before the others.
const CLASH_DISTANCE: f64 = 90.0;

/// The most entries a legend lists, "Others" included.
pub(crate) const LEGEND_MAX: usize = 16;

/// The colours of a set of events, keyed by [`colour_key`]: the party
/// table first, then the palette in order of first appearance (by date),
/// colours close to a party colour of the table last. Where there are
/// more keys than the palette or the legend holds (a corpus), the busiest
/// keep their colours (the first met among equals) and the rest share the
/// grey of "Others", last in the legend, so every colour drawn is in it.
/// Returns the legend's (name, colour) pairs and the lookup. The map and
/// the timeline both colour with this function, so an actor has the same
/// colour on both.
pub(crate) fn colour_table(
    events: &[Event],
    theme: &Theme,
) -> (Vec<(String, String)>, HashMap<String, String>) {
    let order = super::date_order(events);
    let party_colour = |e: &Event| {
        theme
            .party_colour(&colour_key(e))
            .or_else(|| theme.party_colour(&e.actor))
    };
    // Palette colours a reader could take for a party colour of the table
    // (Okabe-Ito's yellow beside the SNP's) come after the others.
    let parties: Vec<Rgb> = order
        .iter()
        .filter_map(|&i| party_colour(&events[i]).and_then(Rgb::parse))
        .collect();
    let (mut palette, clashing): (Vec<&String>, Vec<&String>) =
        theme.palette.iter().partition(|c| {
            Rgb::parse(c).is_none_or(|c| parties.iter().all(|p| p.distance(&c) >= CLASH_DISTANCE))
        });
    palette.extend(clashing);
    // Each key: how often, and its party colour (that of its first event).
    let mut keys = Tally::default();
    let mut party_of: HashMap<String, Option<&str>> = HashMap::new();
    for &i in &order {
        let key = colour_key(&events[i]);
        if !key.is_empty() {
            party_of
                .entry(key.clone())
                .or_insert_with(|| party_colour(&events[i]));
            keys.add(key);
        }
    }
    let from_palette = party_of.values().filter(|p| p.is_none()).count();
    let crowded = from_palette > palette.len() || keys.len() > LEGEND_MAX;
    let coloured: Option<HashSet<&String>> = crowded.then(|| {
        let mut slots = palette.len();
        let mut kept = HashSet::new();
        for key in keys.busiest() {
            if kept.len() == LEGEND_MAX - 1 {
                break;
            }
            if party_of[key].is_none() {
                if slots == 0 {
                    continue;
                }
                slots -= 1;
            }
            kept.insert(key);
        }
        kept
    });
    let mut colours: Vec<(String, String)> = Vec::new();
    let mut palette_i = 0;
    let mut colour_of: HashMap<String, String> = HashMap::new();
    let mut others = false;
    for i in order {
        let key = colour_key(&events[i]);
        if colour_of.contains_key(&key) {
            continue;
        }
        let c = if key.is_empty() {
            theme.default_marker.clone()
        } else if coloured.as_ref().is_some_and(|kept| !kept.contains(&key)) {
            others = true;
            colour_of.insert(key, theme.muted_text.clone());
            continue;
        } else if let Some(c) = party_of[&key] {
            c.to_string()
        } else {
            let c = palette[palette_i % palette.len()].clone();
            palette_i += 1;
            c
        };
        if !key.is_empty() {
            colours.push((key.clone(), c.clone()));
        }
        colour_of.insert(key, c);
    }
    if others {
        colours.push(("Others".into(), theme.muted_text.clone()));
    }
    (colours, colour_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{d, ev};

    #[test]
    fn an_actor_keeps_the_party_other_rows_name() {
        let mut with = ev("Aurora", Some(d(2018, 3, 18)), "Greg Lindqvist", None);
        with.party = "Republican".into();
        let events = vec![
            ev("Quincy", Some(d(2018, 3, 12)), "Greg Lindqvist", None),
            with,
            ev("Joliet", Some(d(2018, 3, 8)), "Tom Hartwell", None),
        ];
        let filled = with_known_parties(&events);
        let parties: Vec<&str> = filled.iter().map(|e| e.party.as_str()).collect();
        assert_eq!(parties, ["Republican", "Republican", ""]);
        // One colour for the candidate, and the table left as it was.
        let (_, colour_of) = colour_table(&filled, &Theme::default());
        assert_eq!(
            colour_of.get("Republican").map(String::as_str),
            Some("#E81B23")
        );
        assert_eq!(events[0].party, "");
        assert!(matches!(with_known_parties(&events[2..]), Cow::Borrowed(_)));
    }

    #[test]
    fn palette_colours_like_a_party_colour_come_last() {
        let theme = Theme::default();
        let mut tory = ev("Bolton", Some(d(2017, 6, 1)), "", None);
        tory.party = "Conservative".into();
        let mut events = vec![tory];
        let actors = ["Ann", "Bob", "Cy", "Di", "Ed"];
        for (i, who) in actors.iter().enumerate() {
            events.push(ev("Leeds", Some(d(2017, 6, 2 + i as u32)), who, None));
        }
        let (_, colour_of) = colour_table(&events, &theme);
        let conservative = Rgb::parse("#0087DC").unwrap();
        for who in actors {
            let c = Rgb::parse(&colour_of[who]).unwrap();
            assert!(c.distance(&conservative) >= CLASH_DISTANCE, "{who}: {c:?}");
        }
        // Okabe-Ito's blue (#0072B2, the fifth) is passed over.
        assert_eq!(colour_of["Ed"], theme.palette[5], "{colour_of:?}");
    }
}
