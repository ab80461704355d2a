//! Reading campaign events out of one article.
//!
//! A sentence reports an event when it holds a trigger word of the event
//! lexicon ("rally", "addressed", "relayed", "visited", "march"…). Its
//! event places are the place names it governs: those after a locative
//! word ("in", "at", "visited") or in a list that starts with one, or
//! right beside the trigger ("a Leeds rally"), minus those that are only
//! background ("supporters came from Cardiff", "the MP for Croydon").
//! The date is the sentence's own (resolved against the publication date
//! and the sentence's tense) or, if it states none, the date of the
//! article's previous dated event sentence (the rallies a speech "was
//! relayed to" were that night). Actor, party and crowd come from the
//! same sentence. What cannot be fixed (a date like "earlier this week",
//! a region instead of a town) goes to the unresolved list with a reason.

use super::lexicon::{self, EventLexicon, Lexicon};
use super::merge::absorb;
use super::{Event, Kind, Unresolved};
use super::{schedule, stray};
use crate::article::Article;
use crate::date::{DateLexicon, DateMention, DateScan, Tense};
use crate::earth::distance_km;
use crate::place::{
    Gazetteer, Mention, Place, PlaceKind, PlaceLexicon, Resolution, Source, dateline, recognise_in,
    resolve,
};
use crate::text::{Lowered, Sentence, Token, sentences, tokens};
use chrono::NaiveDate;
use rustc_hash::FxHashSet;
use std::collections::HashMap;

/// How much a date carried over from an earlier sentence is trusted,
/// relative to one the sentence states.
const CARRIED_DATE: f64 = 0.8;
/// How much the publication date is trusted for an event the article
/// dates neither in its sentence nor before it.
const PUBLISHED_DATE: f64 = 0.5;
/// How much a place beside the trigger (rather than after a locative
/// word) is trusted.
const ADJACENT_PLACE: f64 = 0.8;
/// How many tokens apart a trigger and a place may be to count as beside
/// each other.
const ADJACENT_TOKENS: usize = 2;
/// How far from a town's event a village of the India Post directory may
/// lie to be taken for its venue, in km.
const VENUE_KM: f64 = 15.0;
/// How many tokens before a place a background word ("majority") makes
/// it background.
const BACKGROUND_TOKENS: usize = 8;

/// How many words before a date a noun makes it the day of something
/// else ("Kerala goes to the polls on April 23"); more would catch a
/// "get-out-the-vote rally in Montgomery on Monday".
const OTHER_DAY_WORDS: usize = 3;

/// How many sentences back "the party" looks for the party it means.
const PARTY_ANAPHORA_SENTENCES: usize = 2;

/// What one article yields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    /// The events, one per (sentence, place); merging comes later.
    pub events: Vec<Event>,
    /// The event mentions that could not be fixed.
    pub unresolved: Vec<Unresolved>,
}

/// Extracts events from articles with one gazetteer, reading each article
/// with the lexicons of its language ([`lexicon::for_text`]).
pub struct Extractor<'g> {
    gaz: &'g Gazetteer,
    focus: Option<String>,
}

impl<'g> Extractor<'g> {
    /// An extractor with the bundled lexicons; `focus` is a country to
    /// prefer when places are ambiguous.
    pub fn new(gaz: &'g Gazetteer, focus: Option<&str>) -> Extractor<'g> {
        Extractor {
            gaz,
            focus: focus.map(String::from),
        }
    }

    /// The events of one article.
    pub fn extract(&self, article: &Article) -> Extraction {
        Reader::new(
            self.gaz,
            self.focus.as_deref(),
            lexicon::for_text(&article.text),
        )
        .read(article)
    }
}

/// Reads articles of one language.
struct Reader<'a> {
    gaz: &'a Gazetteer,
    focus: Option<&'a str>,
    dates: &'static DateLexicon,
    places: &'static PlaceLexicon,
    words: &'static EventLexicon,
}

/// A person named in the article.
struct Person {
    name: String,
    sentence: usize,
    token: usize,
}

impl<'a> Reader<'a> {
    fn new(gaz: &'a Gazetteer, focus: Option<&'a str>, lex: &'static Lexicon) -> Reader<'a> {
        Reader {
            gaz,
            focus,
            dates: lex.dates,
            places: lex.places,
            words: lex.events,
        }
    }

    /// The events of one article.
    fn read(&self, article: &Article) -> Extraction {
        let text = article.text.as_str();
        let mut out = Extraction::default();
        if !self.words.gate.as_ref().is_some_and(|g| g.is_match(text)) {
            return out;
        }
        let sents = sentences(text);
        let sent_tokens: Vec<Vec<Token>> =
            sents.iter().map(|s| tokens(text, s.span.clone())).collect();
        let lowered = Lowered::new(text, &sent_tokens);
        let lowers: Vec<Vec<&str>> = (0..sents.len()).map(|i| lowered.sentence(i)).collect();
        let mut triggers: Vec<Vec<(usize, usize, Kind)>> =
            lowers.iter().map(|ws| self.triggers(ws)).collect();
        if triggers.iter().all(Vec::is_empty) {
            return out;
        }
        let mut mentions = recognise_in(text, &sents, &sent_tokens, self.gaz, self.places);
        self.dateline_references(text, &sent_tokens, &lowers, &triggers, &mut mentions);
        self.anaphora_references(&sent_tokens, &lowers, &triggers, &mut mentions);
        let resolved = resolve(text, &mentions, self.gaz, self.focus);
        // Each sentence's mentions, in mention order: a sentence reads its
        // own, not every mention of the article.
        let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); sents.len()];
        for (mi, m) in mentions.iter().enumerate() {
            by_sentence[m.sentence].push(mi);
        }
        let schedule = self.schedule(
            article,
            &sents,
            (&sent_tokens, &lowers),
            (&mentions, &by_sentence),
        );
        // A schedule's line is an event of the kind the article names
        // first ("PM Modi to address 12 rallies": a rally a stop).
        let stop_kind = triggers
            .iter()
            .flatten()
            .map(|&(_, _, k)| k)
            .next()
            .unwrap_or(Kind::Other);
        for (t, _) in triggers
            .iter_mut()
            .zip(&schedule)
            .filter(|(_, l)| l.is_some())
        {
            if t.is_empty() {
                t.push((0, 0, stop_kind));
            }
        }
        // "There were 4,000 in Bristol": a head count at a place is a
        // gathering of the kind the article names first.
        for (t, words) in triggers.iter_mut().zip(&lowers) {
            if t.is_empty()
                && let Some(at) = self.headcount(words)
            {
                t.push((at, at, stop_kind));
            }
        }
        let persons = self.persons(text, &sent_tokens, &lowers);
        let main_actor = main_actor(&persons);
        // "Obama rally", "Harper dropped in": the surname of a person the
        // article names is that person, not a town.
        let surnames: FxHashSet<&str> = persons
            .iter()
            .filter_map(|p| p.name.rsplit_once(' ').map(|(_, last)| last))
            .collect();
        let party_of = self.parties_of_persons(&persons, &lowers);
        let quotes = Quotes::at_sentences(text, &sents);
        // For each event pushed: a small town, and its name as written.
        let mut small: Vec<(bool, String)> = Vec::new();
        let mut context_date: Option<NaiveDate> = None;
        // Dates carry forward only: nothing after the last event sentence
        // matters.
        let last = triggers.iter().rposition(|t| !t.is_empty()).unwrap_or(0);
        for (si, s) in sents.iter().enumerate().take(last + 1) {
            let sentence = &text[s.span.clone()];
            if s.heading && schedule[si].is_none() {
                // A heading that is a date ("Monday, Oct 28") dates the
                // schedule under it.
                if let Some(d) = self.heading_date(sentence, &sent_tokens[si], article.published) {
                    context_date = Some(d);
                }
                continue;
            }
            let may_hold_date = self.may_hold_date(&lowers[si]);
            if !may_hold_date && triggers[si].is_empty() {
                continue;
            }
            let scan = DateScan::new(sentence, self.dates);
            let tense = scan.tense();
            let mut date_mentions = Vec::new();
            if may_hold_date {
                date_mentions = scan.dates(article.published, tense);
                // A date inside a quotation is the speaker's ("the picket
                // lines this morning"), not the report's.
                date_mentions.retain(|d| {
                    !self.is_other_day(sentence, d)
                        && !self.in_name(sentence, d)
                        && !quotes[si].after(&sentence[..d.span.start]).open()
                });
            }
            let own_date = date_mentions.iter().find(|d| d.date.is_some());
            // The day the sentence sets the scene on: its main clause's,
            // not one in a relative clause ("Modi, who reached Kerala on
            // April 14, takes part in two events today").
            let scene = date_mentions
                .iter()
                .filter(|d| d.date.is_some())
                .find(|d| !self.in_relative_clause(&sentence[..d.span.start]))
                .or(own_date)
                .and_then(|d| d.date);
            if triggers[si].is_empty() {
                // A date stated without an event still sets the scene for
                // the sentences that follow ("… yesterday, stopping in …"),
                // unless it is the day of a vote, a count or a deadline
                // ("Bihar votes in two phases, on November 6 and 11").
                let other_day = lowers[si]
                    .iter()
                    .any(|w| self.words.other_day_nouns.contains(*w));
                if let Some(d) = scene.filter(|_| !other_day) {
                    context_date = Some(d);
                }
                continue;
            }
            let evidence = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
            let toks = &sent_tokens[si];
            let kind = triggers[si]
                .iter()
                .map(|&(_, _, k)| k)
                .min_by_key(|&k| self.words.rank(k))
                .unwrap_or(Kind::Other);
            // The places this sentence's events happened at.
            let mut places: Vec<(&Mention, Resolution, f64)> = Vec::new();
            for &mi in &by_sentence[si] {
                let m = &mentions[mi];
                if m.is_qualifier {
                    continue;
                }
                let Some(r) = &resolved[mi] else { continue };
                // Tokens are in text order: found by halving, not by a
                // walk over a sentence that may be very long.
                let Ok(ti) = toks.binary_search_by_key(&m.span.start, |t| t.span.start) else {
                    continue;
                };
                // "a protest at the Monument": a town's name is not
                // written after "the" ("the Bronx" is named so), unless it
                // qualifies the event ("the Bloomington rally").
                let after_the = ti > 0 && lowers[si][ti - 1] == "the" && !toks[ti - 1].capital;
                let qualifies_event = triggers[si].iter().any(|&(a, _, _)| a > ti && a <= ti + 2);
                // A word of the trigger is no place ("eine Rede" is no
                // Rhede); a timetable's line has no trigger words.
                let in_trigger = schedule[si].is_none()
                    && triggers[si].iter().any(|&(a, b, _)| (a..=b).contains(&ti));
                if in_trigger
                    || (after_the && !qualifies_event && !takes_the(r.place))
                    || places.iter().any(|(_, q, _)| q.id == r.id)
                    || self.is_background(&lowers[si], ti, &triggers[si])
                    || self.is_where_people_live(&lowers[si], toks, ti, &triggers[si])
                    || self.is_reported(&lowers[si], ti, &triggers[si])
                    || quotes[si].after(&text[s.span.start..m.span.start]).open()
                    || self.names_region(text, &lowers[si], toks, m)
                {
                    continue;
                }
                let adjacent = triggers[si].iter().any(|&(a, b, _)| {
                    a.abs_diff(ti) <= ADJACENT_TOKENS || b.abs_diff(ti) <= ADJACENT_TOKENS
                });
                let listed = schedule[si].map(|l| l.stops_at(mi, m.span.start));
                // "Speaking at the Delta Hotel, Selkirk promised": the
                // surname of a person the article names in full is that
                // person, unless a preposition that places stands right
                // before it ("a rally in Selkirk").
                let person = surnames.contains(m.surface(text))
                    && !(ti > 0 && self.places.is_place_preposition(lowers[si][ti - 1]));
                if listed == Some(false) || person || listed.is_none() && !m.locative && !adjacent {
                    continue;
                }
                // "at the Bloomington rally" names the event by its place:
                // beside the trigger, not after the locative.
                let link = if m.locative && !(after_the && qualifies_event) {
                    1.0
                } else {
                    ADJACENT_PLACE
                };
                places.push((m, r.clone(), link));
            }
            if let Some(d) = scene {
                context_date = Some(d);
            }
            if places.is_empty() {
                if let Some(d) = date_mentions.first() {
                    out.unresolved.push(Unresolved {
                        source: article.id.clone(),
                        date: sentence[d.span.clone()].to_string(),
                        place: String::new(),
                        reason: "no place named".into(),
                        evidence: evidence.clone(),
                    });
                }
                continue;
            }
            let crowd = self.crowd(&lowers[si]).filter(|_| places.len() == 1);
            let trigger_at = triggers[si][0].0;
            // "The day before, …": a day counted from the carried date.
            let shift = self
                .words
                .relative_to_context
                .find(sentence)
                .first()
                .map_or(0, |&(_, d)| d);
            let counted_after = self.words.relative_to_previous.find(sentence);
            let tenses = clause_tenses(&scan, sentence, tense);
            let (actor, party) = self.actor(
                (si, trigger_at),
                schedule[si].is_some(),
                &persons,
                &party_of,
                (&sent_tokens, &lowers),
                main_actor.as_deref(),
            );
            let first_event = out.events.len();
            let mut regions = Vec::new();
            for (m, r, link) in places {
                let p = r.place;
                let surface = m.surface(text).to_string();
                if p.kind.is_region() {
                    regions.push((p, surface));
                    continue;
                }
                // A place named beside the trigger in a sentence with no
                // date of its own ("the Springfield rally") is an event
                // already reported: it keeps that event's date.
                let earlier = (link < 1.0 && own_date.is_none())
                    .then(|| {
                        out.events
                            .iter()
                            .find(|e| e.geonameid == p.geonameid && e.place == p.name)
                            .and_then(|e| e.date)
                    })
                    .flatten();
                let picked = pick_date(&date_mentions, m, s.span.start, &tenses)
                    .map(|d| retensed(&scan, d, article.published, tense, &tenses));
                let (date, date_conf) = match picked.as_ref().filter(|_| earlier.is_none()) {
                    Some(DateMention {
                        date: Some(d),
                        confidence,
                        ..
                    }) => (*d, *confidence as f64),
                    Some(DateMention {
                        date: None,
                        unresolved,
                        span,
                        ..
                    }) if own_date.is_none()
                        && same_clause(&tenses, span.start, m.span.start - s.span.start) =>
                    {
                        out.unresolved.push(Unresolved {
                            source: article.id.clone(),
                            date: sentence[span.clone()].to_string(),
                            place: surface,
                            reason: unresolved.unwrap_or("date not fixed").to_string(),
                            evidence: evidence.clone(),
                        });
                        continue;
                    }
                    _ => match earlier.or(context_date) {
                        Some(d) => (d + chrono::Duration::days(shift), CARRIED_DATE),
                        // An article that dates nothing before its event
                        // reports the day it is published ("1,000 gathered
                        // in Des Moines" in a live report).
                        None => match article.published {
                            Some(d) => (d, PUBLISHED_DATE),
                            None => {
                                out.unresolved.push(Unresolved {
                                    source: article.id.clone(),
                                    date: String::new(),
                                    place: surface,
                                    reason: "no date stated".into(),
                                    evidence: evidence.clone(),
                                });
                                continue;
                            }
                        },
                    },
                };
                let date = date
                    + chrono::Duration::days(offset_after(
                        &counted_after,
                        &picked,
                        m.span.start - s.span.start,
                    ));
                let mut e = Event::new(&p.name, Some(date));
                e.sources = vec![article.id.clone()];
                e.admin1 = self.gaz.division_name(p).to_string();
                e.country = p.country.clone();
                e.lat = Some(p.lat);
                e.lon = Some(p.lon);
                e.geonameid = p.geonameid;
                e.actor = actor.clone();
                e.party = party.clone();
                e.kind = kind;
                e.crowd = crowd;
                e.confidence = (r.confidence * date_conf * link).clamp(0.0, 1.0);
                e.evidence = evidence.clone();
                // A locality of the India Post directory beside a town's
                // event of the same day is that event's venue ("the YMCA
                // grounds in Nandanam" at a Chennai meeting): it joins it.
                if p.source == Source::IndiaPost
                    && let Some(town) = out.events.iter_mut().find(|t| {
                        t.date == e.date
                            && t.geonameid.is_some()
                            && t.lon
                                .zip(t.lat)
                                .is_some_and(|q| distance_km(q.into(), p.point()) <= VENUE_KM)
                    })
                {
                    absorb(town, e);
                    continue;
                }
                small.push((p.population < stray::POPULATION, surface));
                out.events.push(e);
            }
            // A region is unresolved unless it only places a town event of
            // its sentence ("In Wales, … addressed a crowd in Cardiff").
            for (p, surface) in regions {
                let placed = out.events[first_event..].iter().any(|e| {
                    e.country == p.country
                        && match p.kind {
                            PlaceKind::Country => true,
                            PlaceKind::Admin1 => e.admin1 == self.gaz.division_name(p),
                            _ => false,
                        }
                });
                if !placed {
                    out.unresolved.push(Unresolved {
                        source: article.id.clone(),
                        date: String::new(),
                        place: surface,
                        reason: format!("names a region ({}), not a town", p.kind.as_str()),
                        evidence: evidence.clone(),
                    });
                }
            }
        }
        if !small.iter().any(|&(s, _)| s) {
            return out;
        }
        let named: Vec<stray::Named> = mentions
            .iter()
            .zip(&resolved)
            .filter(|(m, _)| !surnames.contains(m.surface(text)))
            .filter_map(|(m, r)| {
                let p = r.as_ref()?.place;
                Some((m.surface(text), p.country.as_str(), (p.lat, p.lon)))
            })
            .collect();
        for i in stray::strays(&out.events, &small, &named).into_iter().rev() {
            let e = out.events.remove(i);
            out.unresolved.push(Unresolved {
                source: article.id.clone(),
                date: e.date.map(|d| d.to_string()).unwrap_or_default(),
                place: std::mem::take(&mut small[i].1),
                reason: format!(
                    "read as {}, {}: a small town far from the article's other places",
                    e.place, e.country
                ),
                evidence: e.evidence,
            });
        }
        out
    }

    /// The lines of the article's schedule, by sentence (see
    /// [`schedule`](super::schedule)).
    fn schedule(
        &self,
        article: &Article,
        sents: &[Sentence],
        (sent_tokens, lowers): (&[Vec<Token>], &[Vec<&str>]),
        (mentions, by_sentence): (&[Mention], &[Vec<usize>]),
    ) -> Vec<Option<schedule::Line>> {
        let candidates = sents
            .iter()
            .zip(sent_tokens)
            .zip(lowers)
            .zip(by_sentence)
            .map(|(((sentence, tokens), words), own)| schedule::Candidate {
                sentence,
                tokens,
                words,
                places: own,
                mentions,
            });
        let dates = |s: &Sentence| self.dates_in(&article.text[s.span.clone()], article.published);
        schedule::lines(&article.text, candidates, dates, &self.words.time_words)
    }

    /// The date mentions of a line read on its own, steered by its own
    /// tense.
    fn dates_in(&self, line: &str, published: Option<NaiveDate>) -> Vec<DateMention> {
        let scan = DateScan::new(line, self.dates);
        scan.dates(published, scan.tense())
    }

    /// The day a heading names when it is nothing but a date ("Monday, Oct
    /// 28", "Tuesday 4 February").
    fn heading_date(
        &self,
        heading: &str,
        toks: &[Token],
        published: Option<NaiveDate>,
    ) -> Option<NaiveDate> {
        let found = self.dates_in(heading, published);
        let start = toks.first()?.span.start;
        let dated = toks
            .iter()
            .filter(|t| {
                let (a, b) = (t.span.start - start, t.span.end - start);
                found.iter().any(|d| d.span.start <= a && b <= d.span.end)
            })
            .count();
        let d = found.iter().find_map(|d| d.date)?;
        (dated + 1 >= toks.len()).then_some(d)
    }

    /// Where a story opens with a dateline ("DAYTON, Ohio (AP) —"), its
    /// "here" in an event sentence ("told supporters at an airport hangar
    /// here Saturday") is a mention of the dateline's place, after a
    /// locative word.
    fn dateline_references(
        &self,
        text: &str,
        sent_tokens: &[Vec<Token>],
        lowers: &[Vec<&str>],
        triggers: &[Vec<(usize, usize, Kind)>],
        mentions: &mut Vec<Mention>,
    ) {
        let Some(place) = dateline(text, mentions).cloned() else {
            return;
        };
        for (si, words) in lowers.iter().enumerate() {
            if triggers[si].is_empty() {
                continue;
            }
            for (ti, w) in words.iter().enumerate() {
                if self.words.dateline_here.contains(*w) {
                    mentions.push(Mention {
                        span: sent_tokens[si][ti].span.clone(),
                        sentence: si,
                        locative: true,
                        is_qualifier: false,
                        ..place.clone()
                    });
                }
            }
        }
    }

    /// Whether what ends with `before` (a sentence up to a date) is in a
    /// relative clause: a relative pronoun since the last comma, semicolon
    /// or bracket.
    fn in_relative_clause(&self, before: &str) -> bool {
        let clause = before.rsplit([',', ';', '(']).next().unwrap_or(before);
        clause
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| self.words.relative_pronouns.contains(&w.to_lowercase()))
    }

    /// Whether a date is a weekday inside a name: after a capitalised word
    /// in the middle of a sentence ("the Black Friday picket", "a Super
    /// Tuesday rally").
    fn in_name(&self, sentence: &str, d: &DateMention) -> bool {
        let span = &sentence[d.span.clone()];
        let before = sentence[..d.span.start].trim_end();
        let word = before.rsplit(' ').next().unwrap_or("");
        // "a rally in Dayton Saturday": a town before the day is no name.
        self.dates.is_weekday_name(span)
            && word.starts_with(char::is_uppercase)
            && word.chars().all(char::is_alphabetic)
            && before.len() > word.len()
            && !self.dates.is_calendar_name(word)
            && !self.gaz.has_name(word)
    }

    /// Whether a date is the day of something else than an event: "the
    /// election on April 6", "polling day on 8 June".
    fn is_other_day(&self, sentence: &str, d: &DateMention) -> bool {
        // Words part at spaces: "get-out-the-vote" is one word, no vote.
        sentence[..d.span.start]
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .rev()
            .take(OTHER_DAY_WORDS)
            .any(|w| self.words.other_day_nouns.contains(&w.to_lowercase()))
    }

    /// In an event sentence, "in the city" or "in Victoria Square" names
    /// no town of its own: it is the town named last before it in the
    /// sentence, or else after a locative word in the two before ("hospital for Perth's northern suburbs
    /// at a rally in the city"; "Bin workers in Birmingham will walk out
    /// … a rally in Victoria Square"). Each becomes a mention of that
    /// town, after a locative word.
    fn anaphora_references(
        &self,
        sent_tokens: &[Vec<Token>],
        lowers: &[Vec<&str>],
        triggers: &[Vec<(usize, usize, Kind)>],
        mentions: &mut Vec<Mention>,
    ) {
        let recognised = mentions.len();
        for (si, words) in lowers.iter().enumerate() {
            if triggers[si].is_empty() {
                continue;
            }
            let toks = &sent_tokens[si];
            for ti in 1..words.len() {
                if !self.places.is_locative(words[ti - 1]) {
                    continue;
                }
                // "the village of Anthikad" names its town.
                let end = if words[ti] == "the"
                    && words
                        .get(ti + 1)
                        .is_some_and(|w| self.words.anaphora.contains(*w))
                    && words.get(ti + 2) != Some(&"of")
                {
                    ti + 1
                } else if toks[ti].capital
                    && !mentions[..recognised]
                        .iter()
                        .any(|m| m.span.start == toks[ti].span.start)
                    && let Some(k) = (ti + 1..(ti + 4).min(toks.len()))
                        .take_while(|&k| toks[k].capital)
                        .find(|&k| self.places.is_street_word(words[k]))
                {
                    k
                } else {
                    continue;
                };
                let at = toks[ti].span.start;
                let antecedent = mentions[..recognised]
                    .iter()
                    .filter(|m| {
                        (m.locative || m.sentence == si)
                            && !m.is_qualifier
                            && m.sentence + 2 >= si
                            && m.span.end <= at
                    })
                    .max_by_key(|m| m.span.start);
                if let Some(a) = antecedent {
                    let m = Mention {
                        span: at..toks[end].span.end,
                        sentence: si,
                        locative: true,
                        is_qualifier: false,
                        ..a.clone()
                    };
                    mentions.push(m);
                }
            }
        }
    }

    /// Whether a sentence's words hold a digit or a word that can anchor a
    /// date; without one, it has no date to find.
    fn may_hold_date(&self, words: &[&str]) -> bool {
        words.iter().any(|w| {
            w.bytes().any(|b| b.is_ascii_digit())
                || w.split(|c: char| !c.is_alphabetic())
                    .any(|seg| !seg.is_empty() && self.dates.is_date_cue(seg))
        })
    }

    /// The trigger words of a sentence: (first token, last token, kind).
    fn triggers(&self, words: &[&str]) -> Vec<(usize, usize, Kind)> {
        self.words
            .phrases
            .find_all(words)
            .into_iter()
            .map(|(a, b, k)| (a, b, *k))
            .collect()
    }

    /// Whether the place named by `m` is a region rather than a town:
    /// followed by "region", "valley", "constituency"…, or a part of one
    /// ("Sydney's west").
    fn names_region(&self, text: &str, words: &[&str], toks: &[Token], m: &Mention) -> bool {
        let after = toks.partition_point(|t| t.span.start < m.span.end);
        if after == toks.len() {
            return false;
        }
        if !text[m.span.end..toks[after].span.start].trim().is_empty() {
            return false;
        }
        // "in Penrith, in Sydney's west": a part of the city that
        // places the town before it.
        if matches!(words[after], "'s" | "’s") {
            return toks
                .get(after + 1)
                .is_some_and(|t| !t.capital && self.places.is_direction(words[after + 1]));
        }
        !toks[after].capital && self.words.region_nouns.contains(words[after])
    }

    /// Whether the place at token `ti` is background: "from Cardiff",
    /// "MP for Croydon", "born in Wigan", "a majority of 17,000 in
    /// Harrogate"; not where a trigger stands between the background word
    /// and the place ("in his own constituency, canvassing in Kendal").
    fn is_background(&self, words: &[&str], ti: usize, triggers: &[(usize, usize, Kind)]) -> bool {
        let from = ti.saturating_sub(BACKGROUND_TOKENS);
        if let Some(k) = (from..ti)
            .rev()
            .find(|&k| self.words.background.contains(words[k]))
            && !triggers.iter().any(|&(a, _, _)| a > k && a < ti)
        {
            return true;
        }
        words[ti.saturating_sub(3)..ti]
            .iter()
            .any(|w| self.words.not_event_place.contains(*w))
            && !words[ti.saturating_sub(1)..ti]
                .iter()
                .any(|w| self.places.is_locative(w) && *w != "from")
    }

    /// Whether the place at token `ti` is in reported speech that follows
    /// every trigger of its sentence: after a "that" with a reporting verb
    /// in the three words before it ("told reporters that").
    fn is_reported(&self, words: &[&str], ti: usize, triggers: &[(usize, usize, Kind)]) -> bool {
        let last_trigger = triggers.iter().map(|&(_, b, _)| b).max().unwrap_or(0);
        (last_trigger + 1..ti).any(|k| {
            words[k] == "that"
                && words[k.saturating_sub(3)..k]
                    .iter()
                    .any(|w| self.words.reporting_verbs.contains(*w))
        })
    }

    /// Whether the place at token `ti` (or the list it ends) is where
    /// people live or seats lie rather than where the event was: "urged
    /// voters in Rotterdam and Utrecht", "win the ridings around Toronto".
    /// Not where the noun is part of the trigger ("told voters in Leeds").
    fn is_where_people_live(
        &self,
        words: &[&str],
        toks: &[Token],
        ti: usize,
        triggers: &[(usize, usize, Kind)],
    ) -> bool {
        // Back over a list of names: "in Rotterdam and Utrecht".
        let mut k = ti;
        while k > 0 && (toks[k - 1].capital || matches!(words[k - 1], "and" | "or")) {
            k -= 1;
        }
        let noun = words.get(k.wrapping_sub(2)).copied().unwrap_or("");
        let people_or_seats = self.words.residents.contains(noun)
            || self.words.region_nouns.contains(noun.trim_end_matches('s'));
        k >= 2
            && self.places.is_locative(words[k - 1])
            && people_or_seats
            && !triggers.iter().any(|&(a, b, _)| (a..=b).contains(&(k - 2)))
    }

    /// The people named in the article, in order: runs of two or three
    /// capitalised words that are not places or organisations, and single
    /// surnames of people already named in full.
    fn persons(&self, text: &str, sent_tokens: &[Vec<Token>], lowers: &[Vec<&str>]) -> Vec<Person> {
        let mut out: Vec<Person> = Vec::new();
        for (si, toks) in sent_tokens.iter().enumerate() {
            let lower = &lowers[si];
            let mut i = 0;
            while i < toks.len() {
                if !toks[i].capital {
                    i += 1;
                    continue;
                }
                // The run of capitalised words from i, adjacent by spaces.
                // A weekday ends the run: "Earlier Saturday, Carl Brandt…"
                // names no "Earlier Saturday".
                let mut j = i;
                while j + 1 < toks.len()
                    && toks[j + 1].capital
                    && text[toks[j].span.end..toks[j + 1].span.start] == *" "
                    && !self.dates.is_weekday_name(&text[toks[j + 1].span.clone()])
                {
                    j += 1;
                }
                // Its last name-like words: "NDP Leader Jagmeet Singh" →
                // "Jagmeet Singh"; "Socialist Worker" → nothing.
                let mut start = j + 1;
                while start > i
                    && self.is_name_word(&text[toks[start - 1].span.clone()], lower[start - 1])
                {
                    start -= 1;
                }
                // A month or weekday may end a name ("Theresa May") but
                // not start one ("Tuesday Jeremy Corbyn").
                while start <= j && self.dates.is_calendar_name(&text[toks[start].span.clone()]) {
                    start += 1;
                }
                let after_org = lower
                    .get(j + 1)
                    .is_some_and(|&w| self.words.organisation_words.contains(w));
                // "the Northern General", "the Penrith Panthers function
                // room": a name after "the" is a thing's.
                let after_the = start == i
                    && i > 0
                    && text[toks[i - 1].span.clone()].eq_ignore_ascii_case("the")
                    && text[toks[i - 1].span.end..toks[i].span.start] == *" ";
                // "marched against Emmanuel Macron's reforms": the target
                // of a protest is not a person who holds events.
                let target = start > 0 && self.words.target_before.contains(lower[start - 1]);
                let n = j + 1 - start;
                if n >= 2 && !after_org && !after_the && !target {
                    let first = start.max((j + 1).saturating_sub(3));
                    let name = text[toks[first].span.start..toks[j].span.end].to_string();
                    // The run's words are one space apart.
                    if !self.gaz.has_name(&name) && self.party_in(&lower[first..=j]).is_none() {
                        out.push(Person {
                            name,
                            sentence: si,
                            token: first,
                        });
                    }
                } else if n == 1 {
                    let w = &text[toks[j].span.clone()];
                    let full = out
                        .iter()
                        .rev()
                        .find(|p| p.name.rsplit(' ').next() == Some(w))
                        .map(|p| p.name.clone());
                    if let Some(name) = full {
                        out.push(Person {
                            name,
                            sentence: si,
                            token: j,
                        });
                    }
                }
                i = j + 1;
            }
        }
        out
    }

    /// Whether a capitalised word can be part of a person's name: not a
    /// title, role, organisation or party word, not an acronym.
    /// `lower` is the word in lower case.
    fn is_name_word(&self, word: &str, lower: &str) -> bool {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let all_caps = letters > 1 && word.chars().all(|c| !c.is_lowercase());
        // "Cork North-Central", "Dublin Mid-West": a constituency.
        let compass = lower.contains('-')
            && lower
                .split('-')
                .all(|part| self.words.compass_parts.contains(part));
        !all_caps
            && !compass
            && word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
            && !self.words.not_name_start.contains(lower)
            && !self.words.organisation_words.contains(lower)
            && !self.words.party_words.contains(lower)
    }

    /// Each person's party: where a party word stands just before their
    /// name somewhere in the article ("Labour leader Jeremy Corbyn"), else
    /// where they address or join the party's own people after it
    /// ("Jeremy Corbyn told thousands of Labour supporters", "joined a Fine
    /// Gael canvass", "her campaign for the Democratic nomination").
    fn parties_of_persons(
        &self,
        persons: &[Person],
        lowers: &[Vec<&str>],
    ) -> HashMap<String, String> {
        let mut out = HashMap::new();
        for p in persons {
            let words = &lowers[p.sentence];
            let before = &words[p.token.saturating_sub(4)..p.token];
            if let Some(party) = self.party_in(before) {
                out.entry(p.name.clone()).or_insert(party);
            }
        }
        for (k, p) in persons.iter().enumerate() {
            if out.contains_key(&p.name) {
                continue;
            }
            // The person's part of the sentence: up to the next person.
            let words = &lowers[p.sentence];
            let end = persons[k + 1..]
                .iter()
                .find(|q| q.sentence == p.sentence)
                .map_or(words.len(), |q| q.token);
            if let Some(party) = self.own_party_after(&words[p.token.min(end)..end]) {
                out.insert(p.name.clone(), party);
            }
        }
        out
    }

    /// A party named as the speaker's own after their name: before one of
    /// its own nouns ("Labour supporters", "the SNP's final rally"), with
    /// a verb of addressing or joining before it, or before "nomination".
    fn own_party_after(&self, words: &[&str]) -> Option<String> {
        let own_noun = |i: usize| {
            let w = |j: usize| words.get(j).copied().unwrap_or("");
            let i = if matches!(w(i), "'s" | "’s") {
                i + 1
            } else {
                i
            };
            // One word may stand between: "the SNP's final rally".
            [w(i), w(i + 1)]
                .into_iter()
                .find(|n| self.words.party_own_nouns.contains(*n))
        };
        (0..words.len()).find_map(|i| {
            let (last, &party) = self.words.party_phrases.at(words, i).max_by_key(|m| m.0)?;
            let noun = own_noun(last + 1)?;
            let verb = words[..i]
                .iter()
                .any(|w| self.words.party_own_verbs.contains(*w));
            (noun == "nomination" || verb).then(|| self.words.parties[party].name.clone())
        })
    }

    /// The first party named in some words.
    fn party_in(&self, words: &[&str]) -> Option<String> {
        self.words
            .party_phrases
            .first(words)
            .map(|&i| self.words.parties[i].name.clone())
    }

    /// Who held the sentence's event, and their party: the person named
    /// nearest the trigger; else the last person named, if the sentence
    /// starts with "He"/"She"/"They" or is a line of a schedule (`listed`);
    /// else the article's main actor where
    /// the sentence opens with an office ("The Prime Minister …"); else a
    /// party the sentence names; else the party named last before "the
    /// party"; else the article's main actor.
    fn actor(
        &self,
        (si, trigger): (usize, usize),
        listed: bool,
        persons: &[Person],
        party_of: &HashMap<String, String>,
        (toks, lowers): (&[Vec<Token>], &[Vec<&str>]),
        main: Option<&str>,
    ) -> (String, String) {
        let words = &lowers[si];
        let here = persons
            .iter()
            .filter(|p| p.sentence == si)
            .min_by_key(|p| p.token.abs_diff(trigger));
        let pronoun = words
            .first()
            .is_some_and(|w| self.words.subject_pronouns.contains(*w));
        // A pronoun, or a schedule's line, continues the story of the
        // person named last ("Bloc Leader Luc Marchand" above his stops).
        let person = here.map(|p| p.name.clone()).or_else(|| {
            (pronoun || listed)
                .then(|| {
                    persons
                        .iter()
                        .rev()
                        .find(|p| p.sentence < si)
                        .map(|p| p.name.clone())
                })
                .flatten()
        });
        if let Some(name) = person {
            let party = party_of.get(&name).cloned().unwrap_or_default();
            return (name, party);
        }
        // "The Prime Minister later spoke to activists in Bolton, where
        // the Conservatives hope to win": the office holder the article is
        // about, not the party of the place.
        if let Some(name) = main.filter(|_| self.opens_with_office(words)) {
            let party = party_of.get(name).cloned().unwrap_or_default();
            return (name.to_string(), party);
        }
        if let Some(party) = self.party_in(words) {
            return (party.clone(), party);
        }
        // "The party's leader is due in Malahide": the party the sentences
        // before named last, where no "she" or "he" stands for a person.
        let the_party = words.windows(2).any(|w| w == ["the", "party"])
            && !words
                .iter()
                .any(|w| self.words.subject_pronouns.contains(*w));
        let before = si.saturating_sub(PARTY_ANAPHORA_SENTENCES)..si;
        if let Some(party) = the_party
            .then(|| self.last_party(&toks[before.clone()], &lowers[before]))
            .flatten()
        {
            return (party.clone(), party);
        }
        match main {
            Some(name) => (
                name.to_string(),
                party_of.get(name).cloned().unwrap_or_default(),
            ),
            None => (String::new(), String::new()),
        }
    }

    /// Whether a sentence opens with "the" and an office ("The Prime
    /// Minister toured …").
    fn opens_with_office(&self, words: &[&str]) -> bool {
        words.first() == Some(&"the")
            && words.len() > 1
            && self.words.office_phrases.at(words, 1).next().is_some()
    }

    /// The party named last in some sentences, by its capitalised name
    /// ("a coalition of trade unions" names no party).
    fn last_party(&self, toks: &[Vec<Token>], lowers: &[Vec<&str>]) -> Option<String> {
        toks.iter().zip(lowers).rev().find_map(|(toks, words)| {
            (0..words.len())
                .rev()
                .filter(|&i| toks[i].capital)
                .find_map(|i| self.words.party_phrases.at(words, i).next())
                .map(|(_, &p)| self.words.parties[p].name.clone())
        })
    }

    /// Where a sentence counts people at a place: a number of at least
    /// [`MIN_HEADCOUNT`] (not a year) right before a preposition that
    /// places ("2,500 in Leeds", "1,200 each in Norwich").
    fn headcount(&self, words: &[&str]) -> Option<usize> {
        (0..words.len()).find(|&i| {
            let year = words[i].len() == 4 && words[i].starts_with(['1', '2']);
            let mut k = i + 1;
            while words
                .get(k)
                .is_some_and(|w| self.words.headcount_fillers.contains(*w))
            {
                k += 1;
            }
            !year
                && parse_count(words[i]).is_some_and(|n| n >= MIN_HEADCOUNT)
                && words
                    .get(k)
                    .is_some_and(|w| self.places.is_place_preposition(w))
        })
    }

    /// The largest crowd size a sentence states: a number before a crowd
    /// noun ("6,000 people") or after a crowd phrase ("a crowd of 6,000").
    fn crowd(&self, words: &[&str]) -> Option<u64> {
        let mut best = None;
        for (i, w) in words.iter().enumerate() {
            let Some(n) = parse_count(w) else { continue };
            let noun_after = words[i + 1..words.len().min(i + 3)]
                .iter()
                .any(|w| self.words.crowd_nouns.contains(*w));
            let phrase_before = self.words.crowd_phrases.ends_near(words, i);
            if noun_after || phrase_before {
                best = best.max(Some(n));
            }
        }
        best
    }
}

/// The largest crowd read: more than any gathering has had (the largest
/// recorded, at the Kumbh Mela, are put at some tens of millions), so a
/// larger number beside a crowd word is no crowd.
const MAX_CROWD: u64 = 100_000_000;

/// The smallest number that counts people at a place without a crowd
/// noun ("There were 4,000 in Bristol").
const MIN_HEADCOUNT: u64 = 50;

/// A whole number as news writes it: "6,000", "350". Years and ages are
/// not told apart here; only numbers beside crowd words are read, up to
/// [`MAX_CROWD`].
fn parse_count(word: &str) -> Option<u64> {
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = word.chars().filter(|c| *c != ',').collect();
    digits
        .parse::<u64>()
        .ok()
        .filter(|n| (1..=MAX_CROWD).contains(n))
}

/// Days to add to the date of a place named after a phrase such as "a day
/// after" in the middle of a sentence ("a rally in Birmingham on Friday
/// night, a day after a smaller stop in Huntsville"), where that date was
/// stated before the phrase or carried from earlier: the phrase counts from
/// it. `phrases` are the sentence's ([`DayPhrases::find`]); `at` is the
/// place's offset in the sentence.
fn offset_after(phrases: &[(usize, i64)], picked: &Option<DateMention>, at: usize) -> i64 {
    phrases
        .iter()
        .find(|&&(p, _)| p > 0 && p < at && picked.as_ref().is_none_or(|d| d.span.start < p))
        .map_or(0, |&(_, days)| days)
}

/// Each clause's start (byte offset in the sentence) and tense: a clause
/// without a tense cue of its own takes the previous clause's, the first
/// the sentence's. "announced on Friday that he will hold a rally on
/// Sunday": Friday is past, Sunday future.
fn clause_tenses(scan: &DateScan, sentence: &str, whole: Tense) -> Vec<(usize, Tense)> {
    const BREAKS: [&str; 8] = [
        ", ", "; ", " that ", " and ", " but ", " before ", " after ", " while ",
    ];
    // One pass over the bytes; a break starts at a comma, semicolon or
    // space. Matches of one break do not overlap (as `match_indices`).
    let bytes = sentence.as_bytes();
    let mut starts = vec![0];
    let mut free_from = [0; BREAKS.len()];
    for (i, &c) in bytes.iter().enumerate() {
        if !matches!(c, b',' | b';' | b' ') {
            continue;
        }
        for (k, b) in BREAKS.iter().enumerate() {
            if i >= free_from[k] && bytes[i..].starts_with(b.as_bytes()) {
                free_from[k] = i + b.len();
                starts.push(i + b.len());
            }
        }
    }
    starts.sort_unstable();
    starts.dedup();
    let mut out: Vec<(usize, Tense)> = Vec::with_capacity(starts.len());
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(sentence.len());
        let t = match scan.clause_tense(start..end) {
            Tense::Unknown | Tense::Present => out.last().map_or(whole, |&(_, t)| t),
            t => t,
        };
        out.push((start, t));
    }
    out
}

/// The date mention re-read with the tense of its own clause.
fn retensed(
    scan: &DateScan,
    d: &DateMention,
    published: Option<NaiveDate>,
    whole: Tense,
    tenses: &[(usize, Tense)],
) -> DateMention {
    let t = tenses
        .iter()
        .rev()
        .find(|(start, _)| *start <= d.span.start)
        .map_or(whole, |&(_, t)| t);
    if t == whole {
        return d.clone();
    }
    scan.dates(published, t)
        .into_iter()
        .find(|x| x.span == d.span)
        .unwrap_or_else(|| d.clone())
}

/// Whether two byte offsets of a sentence lie in the same clause: a span
/// that fixes no day ("last year's floods") only blocks the carried date
/// of a place in its own clause.
fn same_clause(tenses: &[(usize, Tense)], a: usize, b: usize) -> bool {
    let clause = |x: usize| tenses.iter().rposition(|(start, _)| *start <= x);
    clause(a) == clause(b)
}

/// The quotation marks open at a point of a paragraph: a place in quoted
/// speech ("the party bosses in Chicago") is not an event, and a quotation
/// may run over several sentences.
#[derive(Clone, Copy, Default)]
struct Quotes {
    /// Curly quotations opened and not yet closed.
    curly: usize,
    /// An odd number of straight quotation marks.
    straight: bool,
}

impl Quotes {
    /// The marks open after `text` follows this point.
    fn after(self, text: &str) -> Quotes {
        text.chars().fold(self, |q, c| match c {
            '“' | '«' => Quotes {
                curly: q.curly + 1,
                ..q
            },
            '”' | '»' => Quotes {
                curly: q.curly.saturating_sub(1),
                ..q
            },
            '"' => Quotes {
                straight: !q.straight,
                ..q
            },
            _ => q,
        })
    }

    /// Whether a quotation is open.
    fn open(self) -> bool {
        self.curly > 0 || self.straight
    }

    /// The marks open at the start of each sentence of a text.
    fn at_sentences(text: &str, sents: &[Sentence]) -> Vec<Quotes> {
        let mut out = Vec::with_capacity(sents.len());
        let mut q = Quotes::default();
        for (i, s) in sents.iter().enumerate() {
            if i > 0 && sents[i - 1].paragraph != s.paragraph {
                q = Quotes::default();
            }
            out.push(q);
            q = q.after(&text[s.span.clone()]);
        }
        out
    }
}

/// The date of the place `m`: the nearest date of its own clause ("…, while
/// in Stoke campaigners held a meeting on Sunday"), else the nearest in the
/// sentence; one that fixes a day before one that does not. `offset` is the
/// sentence's start in the text, `clauses` its clauses' starts.
fn pick_date<'d>(
    dates: &'d [DateMention],
    m: &Mention,
    offset: usize,
    clauses: &[(usize, Tense)],
) -> Option<&'d DateMention> {
    let at = m.span.start - offset;
    let clause_of = |i: usize| clauses.iter().rposition(|&(start, _)| start <= i);
    let dist = |d: &DateMention| d.span.start.abs_diff(at);
    let nearest = |same_clause: bool| {
        let pool = dates
            .iter()
            .filter(move |d| !same_clause || clause_of(d.span.start) == clause_of(at));
        pool.clone()
            .filter(|d| d.date.is_some())
            .min_by_key(|d| dist(d))
            .or_else(|| pool.min_by_key(|d| dist(d)))
    };
    nearest(true).or_else(|| nearest(false))
}

/// Whether a place is a region ("the Netherlands", "the Midwest") or is
/// named with its article ("The Bronx", "The Hague"), so that "the" before
/// it does not make it something else's name.
fn takes_the(p: &Place) -> bool {
    p.kind.is_region() || p.name.starts_with("The ")
}

/// The person named most often in the article (ties: the first named).
fn main_actor(persons: &[Person]) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for p in persons {
        match counts.iter_mut().find(|(n, _)| *n == p.name) {
            Some(c) => c.1 += 1,
            None => counts.push((&p.name, 1)),
        }
    }
    let max = counts.iter().map(|c| c.1).max()?;
    counts
        .into_iter()
        .find(|c| c.1 == max)
        .map(|c| c.0.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_is_complete() {
        let lex = EventLexicon::english();
        for k in &lex.kind_order {
            assert!(lex.triggers.contains_key(k), "{k} has no triggers");
        }
        assert!(!lex.parties.is_empty());
    }

    #[test]
    fn crowd_sizes() {
        let x = Reader::new_for_tests();
        let words = |s: &str| -> Vec<String> {
            s.split_whitespace()
                .map(|w| w.trim_matches(',').to_lowercase())
                .collect()
        };
        let cases = [
            ("He addressed a crowd of 6,000 in Birmingham", Some(6000)),
            ("Over 1,000 people joined a rally", Some(1000)),
            ("about 350 supporters gathered", Some(350)),
            ("a majority of just 165", None),
            ("One 24 year old first time voter", None),
            ("a crowd of 18446744073709551615 people", None),
            ("a crowd of 200,000,000 people", None),
            ("a crowd of 100,000,000 people", Some(100_000_000)),
        ];
        for (s, want) in cases {
            let mut w = words(s);
            // keep "6,000" whole as the tokenizer does
            for t in &mut w {
                if t.ends_with(',') {
                    t.pop();
                }
            }
            let w: Vec<&str> = w.iter().map(String::as_str).collect();
            assert_eq!(x.crowd(&w), want, "{s}");
        }
    }

    #[test]
    fn a_weekday_is_no_part_of_a_name() {
        let x = Reader::new_for_tests();
        let a = article(
            "2015-09-01",
            "Earlier Saturday, Carl Brandt addressed a rally in Peoria. Theresa May spoke.",
        );
        let sents = sentences(&a.text);
        let toks: Vec<Vec<Token>> = sents
            .iter()
            .map(|s| tokens(&a.text, s.span.clone()))
            .collect();
        let lowered = Lowered::new(&a.text, &toks);
        let lowers: Vec<Vec<&str>> = (0..sents.len()).map(|i| lowered.sentence(i)).collect();
        let names: Vec<String> = x
            .persons(&a.text, &toks, &lowers)
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, ["Carl Brandt", "Theresa May"]);
    }

    #[test]
    fn the_target_of_a_protest_is_no_actor() {
        let x = Reader::new_for_tests();
        let a = article(
            "2017-09-25",
            "Thousands marched in Paris on Saturday against Emmanuel Macron's reforms.",
        );
        let events = x.read(&a).events;
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].place, "Paris");
        assert_eq!(events[0].actor, "");
    }

    #[test]
    fn a_place_in_what_is_reported_after_the_event_is_not_its_place() {
        let x = Reader::new_for_tests();
        let places = |text: &str| -> Vec<String> {
            let a = article("2017-06-06", text);
            x.read(&a).events.into_iter().map(|e| e.place).collect()
        };
        assert_eq!(
            places(
                "In Dundee yesterday, Nicola Sturgeon toured a games studio and told reporters \
                 that a strong group at Westminster was the only way to be heard."
            ),
            ["Dundee"]
        );
        // A trigger inside the report keeps its place.
        assert_eq!(
            places(
                "Jeremy Corbyn said yesterday that the rally in Leeds would go ahead on Friday."
            ),
            ["Leeds"]
        );
    }

    /// An article "a" published on `date` (YYYY-MM-DD).
    #[test]
    fn a_party_is_read_after_a_name_where_its_own_people_are() {
        let x = Reader::new_for_tests();
        let actors = |text: &str| {
            let mut out: Vec<(String, String)> = x
                .read(&article("2017-06-07", text))
                .events
                .into_iter()
                .map(|e| (e.actor, e.party))
                .collect();
            out.dedup();
            out
        };
        let pair = |a: &str, p: &str| vec![(a.to_string(), p.to_string())];
        assert_eq!(
            actors(
                "Jeremy Corbyn told thousands of Labour supporters at a rally in Birmingham last night."
            ),
            pair("Jeremy Corbyn", "Labour")
        );
        assert_eq!(
            actors("Leo Varadkar joined a Fine Gael canvass in Cavan yesterday."),
            pair("Leo Varadkar", "Fine Gael")
        );
        // Without a verb of addressing or joining, a party after the name
        // may be anyone's: "urged Labour supporters" (to switch).
        assert_eq!(
            actors(
                "Tim Farron urged Labour supporters at a rally in Bath yesterday to lend him their votes."
            ),
            pair("Tim Farron", "")
        );
    }

    #[test]
    fn the_party_is_the_party_named_before_and_a_constituency_is_no_person() {
        let x = Reader::new_for_tests();
        let a = article(
            "2019-11-25",
            "Fianna Fáil's candidate held a public meeting in Skerries on Thursday night. \
             The party's leader is due in Malahide on Wednesday. \
             By-elections are also being held in Cork North-Central and Dublin Mid-West.",
        );
        let events = x.read(&a).events;
        let malahide = events.iter().find(|e| e.place == "Malahide").unwrap();
        assert_eq!(
            (malahide.actor.as_str(), malahide.party.as_str()),
            ("Fianna Fáil", "Fianna Fáil")
        );
        // "she" is a person, not the party.
        let a = article(
            "2017-05-31",
            "On Wednesday Theresa May visited Norwich, where the Conservatives hope to gain a seat. \
             Then she campaigned in Ipswich, where a care worker confronted her over the party's plans.",
        );
        let events = x.read(&a).events;
        let ipswich = events.iter().find(|e| e.place == "Ipswich").unwrap();
        assert_eq!(ipswich.actor, "Theresa May");
        // "a coalition of unions" names no party.
        let a = article(
            "2017-09-17",
            "The march in Berlin was organised by a coalition of unions. \
             The party's lead candidate spoke in Dresden on Saturday.",
        );
        let events = x.read(&a).events;
        let dresden = events.iter().find(|e| e.place == "Dresden").unwrap();
        assert_eq!(dresden.actor, "");
    }

    #[test]
    fn an_office_at_the_start_is_the_person_the_article_is_about() {
        let x = Reader::new_for_tests();
        let a = article(
            "2017-06-02",
            "Theresa May visited a factory in Stoke-on-Trent yesterday. \
             The Prime Minister later spoke to about 250 activists in Bolton, \
             where the Conservatives hope to win a seat.",
        );
        let events = x.read(&a).events;
        let bolton = events.iter().find(|e| e.place == "Bolton").unwrap();
        assert_eq!(bolton.actor, "Theresa May");
    }

    #[test]
    fn a_trigger_after_a_background_word_keeps_its_place() {
        let x = Reader::new_for_tests();
        let places = |text: &str| -> Vec<String> {
            x.read(&article("2017-06-03", text))
                .events
                .into_iter()
                .map(|e| e.place)
                .collect()
        };
        assert_eq!(
            places("Mr Farron will spend today in his own constituency, canvassing in Kendal."),
            ["Kendal"]
        );
        // Without a trigger between, the place stays background.
        assert!(
            places("He spoke in Leeds today, where his party hopes to overturn a majority of 17,000 in Harrogate.")
                .iter()
                .all(|p| p != "Harrogate")
        );
    }

    #[test]
    fn a_region_that_places_a_town_event_is_not_unresolved() {
        let x = Reader::new_for_tests();
        let unresolved_places = |text: &str| -> Vec<String> {
            x.read(&article("2017-06-06", text))
                .unresolved
                .into_iter()
                .map(|u| u.place)
                .collect()
        };
        assert!(
            unresolved_places("In Wales, Jeremy Corbyn addressed a crowd in Cardiff last night.")
                .is_empty()
        );
        // A region with no town event of its own sentence stays reported.
        assert_eq!(
            unresolved_places(
                "He addressed a rally in Montgomery last night before flying to Texas."
            ),
            ["Texas"]
        );
    }

    fn article(date: &str, text: &str) -> Article {
        Article {
            id: "a".into(),
            published: date.parse().ok(),
            text: text.into(),
        }
    }

    impl Reader<'static> {
        fn new_for_tests() -> Reader<'static> {
            static G: std::sync::LazyLock<Gazetteer> = std::sync::LazyLock::new(Gazetteer::bundled);
            Reader::new(&G, None, &lexicon::bundled()[0])
        }
    }
}
