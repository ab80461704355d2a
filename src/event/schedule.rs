//! Timetables and itineraries: lines that each give one stop of a
//! campaign, opened by its date, its time or its town and a colon or a
//! dash ("23 October: Sasaram, Gaya, Bhagalpur", "3 pm - Panamaram
//! (Mananthavady segment)", "Thunder Bay, Ont.: Visits a deli. 10 a.m.").
//! Such lines hold no trigger word and no locative; what makes them events
//! is that the article lists several of them.

use crate::date::DateMention;
use crate::place::Mention;
use crate::text::{Sentence, Token};
use rustc_hash::FxHashSet;
use std::ops::Range;

/// The most words that may open a line before its separator.
const LEAD_WORDS: usize = 6;
/// The most words a line opened by a town may have after it: a longer one
/// is a story with a dateline ("Patna: Prime Minister Narendra Modi will
/// address 12 election rallies …"), not a stop.
const PLACE_LINE_WORDS: usize = 16;
/// How many lines make a schedule.
const MIN_LINES: usize = 2;

/// What opens a schedule line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lead {
    /// A date: the places after it are its stops.
    Date,
    /// A time: the places after it are that day's stop.
    Time,
    /// A town (the mention's index): the line is its stop.
    Place(usize),
}

/// One line of a schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Line {
    /// What opens it.
    pub lead: Lead,
    /// Where the text after the separator starts, in the article.
    pub rest: usize,
}

impl Line {
    /// Whether mention `mi` (at byte `start`) is a stop of this line.
    pub fn stops_at(&self, mi: usize, start: usize) -> bool {
        match self.lead {
            Lead::Place(p) => p == mi,
            Lead::Date | Lead::Time => start >= self.rest,
        }
    }
}

/// What a sentence offers to tell whether it is a schedule line.
pub(super) struct Candidate<'a> {
    /// The sentence.
    pub sentence: &'a Sentence,
    /// Its tokens and their lower-case words.
    pub tokens: &'a [Token],
    pub words: &'a [&'a str],
    /// The indices of its place mentions among the article's.
    pub places: &'a [usize],
    /// The article's place mentions.
    pub mentions: &'a [Mention],
}

/// The schedule lines of an article, by sentence: none unless it has at
/// least two. `dates` gives a sentence's date mentions (spans relative to
/// the sentence), asked only of lines with a separator; `time_words` are
/// the words of a clock time ("am", "noon").
pub(super) fn lines<'a>(
    text: &str,
    candidates: impl Iterator<Item = Candidate<'a>>,
    mut dates: impl FnMut(&Sentence) -> Vec<DateMention>,
    time_words: &FxHashSet<String>,
) -> Vec<Option<Line>> {
    let mut out: Vec<Option<Line>> = candidates
        .map(|c| line(text, &c, &mut dates, time_words))
        .collect();
    if out.iter().flatten().count() < MIN_LINES {
        out.iter_mut().for_each(|l| *l = None);
    }
    out
}

/// The schedule line a sentence is, if it is one.
fn line(
    text: &str,
    c: &Candidate,
    dates: &mut impl FnMut(&Sentence) -> Vec<DateMention>,
    time_words: &FxHashSet<String>,
) -> Option<Line> {
    let first = c.tokens.first()?;
    let opening = opening(text, first.span.start)?;
    let sep = separator(text, c.tokens).or_else(|| {
        // A line of its own ("Markham, Ont." above "7:30 p.m. — King
        // Square"): it ends where the line does.
        let end = c.sentence.span.end;
        text[end..]
            .trim_start_matches([' ', '\t'])
            .starts_with('\n')
            .then_some(end..end)
    })?;
    let lead_len = c
        .tokens
        .iter()
        .take_while(|t| t.span.end <= sep.start)
        .count();
    let lead = &c.tokens[..lead_len];
    let rest_words = c.tokens.len() - lead_len;
    let in_lead = |span: &Range<usize>| span.start >= first.span.start && span.end <= sep.start;
    let words = &c.words[..lead_len];
    if opening.ends_with('(') || (lead[0].number && words.iter().any(|w| time_words.contains(*w))) {
        return Some(Line {
            lead: Lead::Time,
            rest: sep.end,
        });
    }
    let s0 = c.sentence.span.start;
    // A schedule's date has its day's number ("23 October", "Tuesday,
    // Feb. 4"): a line without one is not scanned for dates.
    let numbered = lead.iter().any(|t| t.number);
    let found = if numbered {
        dates(c.sentence)
    } else {
        Vec::new()
    };
    let day_spans: Vec<Range<usize>> = found
        .into_iter()
        .filter(|d| d.date.is_some())
        .map(|d| s0 + d.span.start..s0 + d.span.end)
        .filter(|span| in_lead(span))
        .collect();
    let covered = |spans: &[Range<usize>], t: &Token| {
        spans
            .iter()
            .any(|s| s.start <= t.span.start && t.span.end <= s.end)
    };
    if !day_spans.is_empty() && lead.iter().all(|t| covered(&day_spans, t)) {
        return Some(Line {
            lead: Lead::Date,
            rest: sep.end,
        });
    }
    // A town, with its qualifier ("Thunder Bay, Ont.").
    let own = || c.places.iter().map(|&mi| (mi, &c.mentions[mi]));
    let (mi, m) = own().find(|(_, m)| m.span.start == first.span.start && !m.is_qualifier)?;
    let place_spans: Vec<Range<usize>> = own()
        .map(|(_, m)| m.span.clone())
        .filter(|s| in_lead(s))
        .collect();
    // "OTTAWA — The party leaders' …": a dateline, not a stop.
    let capitals = !text[m.span.clone()].chars().any(char::is_lowercase);
    let qualified = m.qualifier.is_some();
    let rest_of_lead = lead.iter().filter(|t| t.span.start >= m.span.end);
    let only_place = rest_of_lead
        .clone()
        .all(|t| covered(&place_spans, t) || qualified);
    (only_place && !capitals && rest_words <= PLACE_LINE_WORDS).then_some(Line {
        lead: Lead::Place(mi),
        rest: sep.end,
    })
}

/// What opens the line before byte `at`, if the line holds nothing else
/// before it but spaces and a bullet or bracket ("- ", "(").
fn opening(text: &str, at: usize) -> Option<&str> {
    let before = &text[..at];
    let kept = before.trim_end_matches(|ch: char| {
        (ch.is_whitespace() && ch != '\n') || matches!(ch, '-' | '•' | '*' | '–' | '—' | '(')
    });
    (kept.is_empty() || kept.ends_with('\n')).then(|| &before[kept.len()..])
}

/// The separator after a line's opening words: a colon, a dash or a line
/// break within the first few words (not the colon of a clock time,
/// "11:30").
fn separator(text: &str, tokens: &[Token]) -> Option<Range<usize>> {
    let window = tokens.windows(2).take(LEAD_WORDS);
    for pair in window {
        let (a, b) = (&pair[0], &pair[1]);
        let gap = &text[a.span.end..b.span.start];
        let clock = a.number && b.number && gap == ":";
        let sep =
            gap.contains(['\n', '–', '—']) || (gap.contains(':') && !clock) || gap.contains(" - ");
        if sep {
            return Some(a.span.end..b.span.start);
        }
    }
    None
}
