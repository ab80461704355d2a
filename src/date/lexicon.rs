//! The date lexicon: every word the date finder and the tense guesser know.
//!
//! The words live in data (`data/lexicon/<language>/dates.toml`), not in
//! code, so that another language is a new file rather than new rules. The
//! English file is embedded in the binary and parsed once
//! ([`DateLexicon::english`]); others can be loaded with
//! [`DateLexicon::from_toml`]. Loading interns every word into a small id so
//! that the scanners compare integers, never strings.

use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

/// The bundled English lexicon, as text.
const ENGLISH: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/en/dates.toml"
));

/// The bundled English lexicon, parsed on first use.
static ENGLISH_LEXICON: LazyLock<DateLexicon> = LazyLock::new(|| {
    DateLexicon::from_toml(ENGLISH).expect("the bundled English date lexicon is valid (tested)")
});

/// The file's shape, exactly as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    capitalised_names: bool,
    ambiguous_months: Vec<String>,
    ordinal_suffixes: Vec<String>,
    day_month_joiners: Vec<String>,
    month_day_joiners: Vec<String>,
    month_cues: Vec<String>,
    name_blockers: Vec<String>,
    weekday_blockers_after: Vec<String>,
    parts_of_day: Vec<String>,
    no_day_spans: Vec<String>,
    weekday_modifiers: RawModifiers,
    relative_days: Vec<RawRelativeDay>,
    #[serde(default)]
    named_days: Vec<RawNamedDay>,
    months: BTreeMap<String, u32>,
    month_abbreviations: BTreeMap<String, u32>,
    weekdays: BTreeMap<String, u32>,
    weekday_abbreviations: BTreeMap<String, u32>,
    tense: RawTense,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModifiers {
    previous: Vec<String>,
    following: Vec<String>,
    current: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelativeDay {
    phrase: String,
    offset: i32,
    #[serde(default)]
    part_of_day: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNamedDay {
    phrase: String,
    month: u32,
    /// A fixed day of the month ("bastille day": 14)...
    day: Option<u32>,
    /// ...or the `nth` `weekday` (1 = Monday) of the month; -1 is the last.
    weekday: Option<u32>,
    nth: Option<i32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTense {
    scheduled: Vec<String>,
    future: Vec<String>,
    past: Vec<String>,
    weak_past: Vec<String>,
    present: Vec<String>,
    past_suffixes: Vec<String>,
    past_suffix_exceptions: Vec<String>,
}

/// Why a lexicon file was refused: a message in lower case without a
/// trailing period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconError {
    reason: String,
}

impl LexiconError {
    fn new(reason: impl Into<String>) -> Self {
        LexiconError {
            reason: reason.into(),
        }
    }
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "date lexicon: {}", self.reason)
    }
}

impl std::error::Error for LexiconError {}

/// An interned lexicon word.
pub(crate) type WordId = u32;

/// Which phrase sets a word can start (bits of [`WordInfo::starts`]).
pub(crate) mod starts {
    pub const RELATIVE: u16 = 1;
    pub const NO_DAY: u16 = 1 << 1;
    pub const MODIFIER: u16 = 1 << 2;
    pub const FUTURE: u16 = 1 << 3;
    pub const PAST: u16 = 1 << 4;
    pub const WEAK_PAST: u16 = 1 << 5;
    pub const PRESENT: u16 = 1 << 6;
    pub const SCHEDULED: u16 = 1 << 7;
    pub const NAMED: u16 = 1 << 8;
}

/// What the lexicon knows about one word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    /// Month number 1-12, 0 if not a month.
    pub month: u8,
    /// The month is written as an abbreviation.
    pub month_abbreviated: bool,
    /// The month name is also an ordinary word or a name.
    pub month_ambiguous: bool,
    /// Weekday number 1 (Monday) to 7, 0 if not a weekday.
    pub weekday: u8,
    /// The weekday is written as an abbreviation.
    pub weekday_abbreviated: bool,
    pub ordinal_suffix: bool,
    pub part_of_day: bool,
    pub day_month_joiner: bool,
    pub month_day_joiner: bool,
    pub month_cue: bool,
    pub weekday_blocker_after: bool,
    pub past_suffix_exception: bool,
    /// Bits from [`starts`]: the phrase sets this word begins.
    pub starts: u16,
}

/// How a weekday modifier moves the day ("last", "next", "this").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Modifier {
    /// Strictly before publication.
    Previous,
    /// Strictly after publication.
    Following,
    /// The nearest going forward (going back in a past-tense sentence).
    Current,
}

/// A phrase as interned words, with what it means.
#[derive(Clone, Debug)]
pub(crate) struct Phrase<T> {
    pub words: Box<[WordId]>,
    pub value: T,
}

/// A relative-day phrase's meaning: offset in days and whether it names part
/// of a day.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RelativeDay {
    pub offset: i32,
    pub part_of_day: bool,
}

/// A day named for a holiday: a fixed day of a month, or the `nth`
/// weekday of it (-1: the last).
#[derive(Clone, Copy, Debug)]
pub(crate) enum NamedDay {
    Fixed { month: u32, day: u32 },
    Nth { month: u32, weekday: u32, nth: i32 },
}

impl NamedDay {
    /// The day in `year`.
    pub(crate) fn in_year(self, year: i32) -> Option<chrono::NaiveDate> {
        use chrono::{Datelike, NaiveDate};
        match self {
            NamedDay::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            NamedDay::Nth {
                month,
                weekday,
                nth,
            } => {
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                let to_first = (i64::from(weekday)
                    - i64::from(first.weekday().number_from_monday()))
                .rem_euclid(7);
                let days = if nth > 0 {
                    to_first + 7 * i64::from(nth - 1)
                } else {
                    // The last: the first in the month's last seven days.
                    let last = first
                        .checked_add_months(chrono::Months::new(1))?
                        .pred_opt()?;
                    let start = last - chrono::Duration::days(6);
                    (i64::from(weekday) - i64::from(start.weekday().number_from_monday()))
                        .rem_euclid(7)
                        + i64::from(start.day0())
                };
                let d = first + chrono::Duration::days(days);
                (d.month() == month).then_some(d)
            }
        }
    }
}

/// The words of one language's dates, interned for fast scanning.
///
/// Build it from a TOML file with [`DateLexicon::from_toml`], or use the
/// bundled English one, [`DateLexicon::english`]. See
/// `data/lexicon/en/dates.toml` for the sections and what each means.
#[derive(Debug)]
pub struct DateLexicon {
    ids: FxHashMap<Box<[u8]>, WordId>,
    pub(crate) info: Vec<WordInfo>,
    max_word_bytes: usize,
    /// Every word is ASCII, so other words need no lowercasing (which
    /// would allocate) to be known as strangers.
    ascii_only: bool,
    pub(crate) capitalised_names: bool,
    pub(crate) relative_days: Vec<Phrase<RelativeDay>>,
    pub(crate) named_days: Vec<Phrase<NamedDay>>,
    pub(crate) no_day_spans: Vec<Phrase<()>>,
    pub(crate) modifiers: Vec<Phrase<Modifier>>,
    pub(crate) name_blockers: Vec<Phrase<()>>,
    pub(crate) scheduled: Vec<Phrase<()>>,
    pub(crate) future: Vec<Phrase<()>>,
    pub(crate) past: Vec<Phrase<()>>,
    pub(crate) weak_past: Vec<Phrase<()>>,
    pub(crate) present: Vec<Phrase<()>>,
    pub(crate) past_suffixes: Vec<Box<str>>,
}

impl DateLexicon {
    /// The bundled English lexicon, parsed once on first use.
    ///
    /// # Examples
    ///
    /// ```
    /// use trailmap::date::DateLexicon;
    /// let lex = DateLexicon::english();
    /// assert!(lex.knows("June"));
    /// ```
    pub fn english() -> &'static DateLexicon {
        &ENGLISH_LEXICON
    }

    /// Parses a lexicon from the text of a `dates.toml` file.
    ///
    /// # Errors
    ///
    /// When the TOML does not parse or does not have the expected sections,
    /// when a section is empty, when months do not cover 1 to 12 or weekdays
    /// 1 to 7, or when a phrase holds something other than letters and
    /// single spaces (the scanner could never match it).
    pub fn from_toml(text: &str) -> Result<DateLexicon, LexiconError> {
        let raw: RawLexicon = toml::from_str(text).map_err(|e| LexiconError::new(e.to_string()))?;
        Builder::default().build(raw)
    }

    /// Whether `word` (one word, any case) is in the lexicon.
    pub fn knows(&self, word: &str) -> bool {
        self.word_id(word).is_some()
    }

    /// Whether `word` (any case) can anchor a date expression: a month, a
    /// weekday, the first word of a holiday ("Labor Day"), or the first
    /// word of a relative day ("yesterday",
    /// "this morning"), of a span that fixes no day ("earlier this week")
    /// or of a weekday modifier ("last"). A sentence with none of these and
    /// no digit holds no date, so [`find_dates`](super::find_dates) need
    /// not read it.
    pub fn is_date_cue(&self, word: &str) -> bool {
        const STARTS: u16 = starts::RELATIVE | starts::NO_DAY | starts::MODIFIER | starts::NAMED;
        self.word_id(word)
            .and_then(|id| self.info.get(id as usize))
            .is_some_and(|i| i.month != 0 || i.weekday != 0 || i.starts & STARTS != 0)
    }

    /// Whether `word` (any case) names a weekday, written out or
    /// abbreviated ("Saturday", "Sat"). Unlike a month ("Theresa May"),
    /// a weekday is never part of a person's name.
    pub fn is_weekday_name(&self, word: &str) -> bool {
        self.word_id(word)
            .and_then(|id| self.info.get(id as usize))
            .is_some_and(|i| i.weekday != 0)
    }

    /// Whether `word` (any case) names a month or a weekday, written out
    /// or abbreviated ("June", "Tue").
    pub fn is_calendar_name(&self, word: &str) -> bool {
        self.word_id(word)
            .and_then(|id| self.info.get(id as usize))
            .is_some_and(|i| i.month != 0 || i.weekday != 0)
    }

    /// The id of one word, matched case-insensitively.
    pub(crate) fn word_id(&self, word: &str) -> Option<WordId> {
        if word.len() > self.max_word_bytes * 4 {
            return None;
        }
        if word.is_ascii() {
            let mut buf = [0u8; 64];
            let dst = buf.get_mut(..word.len())?;
            dst.copy_from_slice(word.as_bytes());
            dst.make_ascii_lowercase();
            self.ids.get(&*dst).copied()
        } else if self.ascii_only {
            None
        } else {
            self.ids.get(word.to_lowercase().as_bytes()).copied()
        }
    }

    /// What the lexicon knows about an interned word.
    pub(crate) fn info(&self, id: WordId) -> WordInfo {
        self.info.get(id as usize).copied().unwrap_or_default()
    }
}

/// Interns words and checks the sections while a lexicon is built.
#[derive(Default)]
struct Builder {
    ids: FxHashMap<Box<[u8]>, WordId>,
    info: Vec<WordInfo>,
    max_word_bytes: usize,
}

impl Builder {
    fn intern(&mut self, word: &str) -> Result<WordId, LexiconError> {
        if word.is_empty() || !word.chars().all(char::is_alphabetic) {
            return Err(LexiconError::new(format!(
                "{word:?} is not a word of letters only"
            )));
        }
        let lower = word.to_lowercase();
        if let Some(&id) = self.ids.get(lower.as_bytes()) {
            return Ok(id);
        }
        let id =
            WordId::try_from(self.info.len()).map_err(|_| LexiconError::new("too many words"))?;
        if lower.len() > 16 {
            return Err(LexiconError::new(format!(
                "{word:?} is longer than 16 bytes"
            )));
        }
        self.max_word_bytes = self.max_word_bytes.max(lower.len());
        self.ids.insert(lower.into_bytes().into_boxed_slice(), id);
        self.info.push(WordInfo::default());
        Ok(id)
    }

    fn info_mut(&mut self, id: WordId) -> &mut WordInfo {
        // Ids come from `intern`, which pushes the matching entry.
        &mut self.info[id as usize]
    }

    fn word(&mut self, section: &str, word: &str) -> Result<WordId, LexiconError> {
        if word.contains(char::is_whitespace) {
            return Err(LexiconError::new(format!(
                "{section}: {word:?} must be one word"
            )));
        }
        self.intern(word)
    }

    fn words(
        &mut self,
        section: &str,
        words: &[String],
        mut mark: impl FnMut(&mut WordInfo),
    ) -> Result<(), LexiconError> {
        non_empty(section, words.len())?;
        for w in words {
            let id = self.word(section, w)?;
            mark(self.info_mut(id));
        }
        Ok(())
    }

    fn phrase<T>(
        &mut self,
        section: &str,
        phrase: &str,
        bit: u16,
        value: T,
    ) -> Result<Phrase<T>, LexiconError> {
        let words = phrase
            .split_whitespace()
            .map(|w| self.intern(w))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| LexiconError::new(format!("{section}: {}", e.reason)))?;
        let Some(&first) = words.first() else {
            return Err(LexiconError::new(format!("{section}: empty phrase")));
        };
        self.info_mut(first).starts |= bit;
        Ok(Phrase {
            words: words.into_boxed_slice(),
            value,
        })
    }

    fn phrases(
        &mut self,
        section: &str,
        phrases: &[String],
        bit: u16,
    ) -> Result<Vec<Phrase<()>>, LexiconError> {
        non_empty(section, phrases.len())?;
        let mut out = phrases
            .iter()
            .map(|p| self.phrase(section, p, bit, ()))
            .collect::<Result<Vec<_>, _>>()?;
        longest_first(&mut out);
        Ok(out)
    }

    fn numbered(
        &mut self,
        section: &str,
        map: &BTreeMap<String, u32>,
        max: u32,
        mut mark: impl FnMut(&mut WordInfo, u8),
    ) -> Result<(), LexiconError> {
        non_empty(section, map.len())?;
        for (w, &n) in map {
            if !(1..=max).contains(&n) {
                return Err(LexiconError::new(format!(
                    "{section}: {w:?} = {n} is outside 1 to {max}"
                )));
            }
            let id = self.word(section, w)?;
            // `n` is at most 12 here.
            mark(self.info_mut(id), n as u8);
        }
        Ok(())
    }

    fn build(mut self, raw: RawLexicon) -> Result<DateLexicon, LexiconError> {
        covers("months", &raw.months, 12)?;
        covers("weekdays", &raw.weekdays, 7)?;
        self.numbered("months", &raw.months, 12, |i, n| i.month = n)?;
        self.numbered(
            "month_abbreviations",
            &raw.month_abbreviations,
            12,
            |i, n| {
                if i.month == 0 {
                    i.month = n;
                    i.month_abbreviated = true;
                }
            },
        )?;
        self.numbered("weekdays", &raw.weekdays, 7, |i, n| i.weekday = n)?;
        self.numbered(
            "weekday_abbreviations",
            &raw.weekday_abbreviations,
            7,
            |i, n| {
                if i.weekday == 0 {
                    i.weekday = n;
                    i.weekday_abbreviated = true;
                }
            },
        )?;
        self.words("ambiguous_months", &raw.ambiguous_months, |i| {
            i.month_ambiguous = true
        })?;
        self.words("ordinal_suffixes", &raw.ordinal_suffixes, |i| {
            i.ordinal_suffix = true
        })?;
        self.words("day_month_joiners", &raw.day_month_joiners, |i| {
            i.day_month_joiner = true
        })?;
        self.words("month_day_joiners", &raw.month_day_joiners, |i| {
            i.month_day_joiner = true
        })?;
        self.words("month_cues", &raw.month_cues, |i| i.month_cue = true)?;
        self.words("weekday_blockers_after", &raw.weekday_blockers_after, |i| {
            i.weekday_blocker_after = true
        })?;
        self.words("parts_of_day", &raw.parts_of_day, |i| i.part_of_day = true)?;
        self.words(
            "tense.past_suffix_exceptions",
            &raw.tense.past_suffix_exceptions,
            |i| i.past_suffix_exception = true,
        )?;

        non_empty("relative_days", raw.relative_days.len())?;
        let mut relative_days = raw
            .relative_days
            .iter()
            .map(|r| {
                let value = RelativeDay {
                    offset: r.offset,
                    part_of_day: r.part_of_day,
                };
                self.phrase("relative_days", &r.phrase, starts::RELATIVE, value)
            })
            .collect::<Result<Vec<_>, _>>()?;
        longest_first(&mut relative_days);
        if relative_days.iter().any(|r| r.value.offset.abs() > 31) {
            return Err(LexiconError::new(
                "relative_days: offsets must lie within 31 days",
            ));
        }

        let mut named_days = raw
            .named_days
            .iter()
            .map(|n| {
                let value = match (n.day, n.weekday, n.nth) {
                    (Some(day), None, None) => NamedDay::Fixed {
                        month: n.month,
                        day,
                    },
                    (None, Some(weekday @ 1..=7), Some(nth @ (-1 | 1..=5))) => NamedDay::Nth {
                        month: n.month,
                        weekday,
                        nth,
                    },
                    _ => {
                        return Err(LexiconError::new(format!(
                            "named_days: {:?} needs a day, or a weekday (1-7) and an nth (1-5 or -1)",
                            n.phrase
                        )));
                    }
                };
                if value.in_year(2000).is_none() && value.in_year(2001).is_none() {
                    return Err(LexiconError::new(format!(
                        "named_days: {:?} is no day of month {}",
                        n.phrase, n.month
                    )));
                }
                self.phrase("named_days", &n.phrase, starts::NAMED, value)
            })
            .collect::<Result<Vec<_>, _>>()?;
        longest_first(&mut named_days);

        let m = &raw.weekday_modifiers;
        non_empty("weekday_modifiers.previous", m.previous.len())?;
        non_empty("weekday_modifiers.following", m.following.len())?;
        non_empty("weekday_modifiers.current", m.current.len())?;
        let mut modifiers = Vec::new();
        for (list, value) in [
            (&m.previous, Modifier::Previous),
            (&m.following, Modifier::Following),
            (&m.current, Modifier::Current),
        ] {
            for p in list {
                modifiers.push(self.phrase("weekday_modifiers", p, starts::MODIFIER, value)?);
            }
        }
        longest_first(&mut modifiers);

        let no_day_spans = self.phrases("no_day_spans", &raw.no_day_spans, starts::NO_DAY)?;
        let name_blockers = self.phrases("name_blockers", &raw.name_blockers, 0)?;
        let t = &raw.tense;
        let scheduled = self.phrases("tense.scheduled", &t.scheduled, starts::SCHEDULED)?;
        let future = self.phrases("tense.future", &t.future, starts::FUTURE)?;
        let past = self.phrases("tense.past", &t.past, starts::PAST)?;
        let weak_past = self.phrases("tense.weak_past", &t.weak_past, starts::WEAK_PAST)?;
        let present = self.phrases("tense.present", &t.present, starts::PRESENT)?;
        non_empty("tense.past_suffixes", t.past_suffixes.len())?;
        let mut past_suffixes = Vec::new();
        for s in &t.past_suffixes {
            if s.is_empty() || !s.chars().all(char::is_alphabetic) {
                return Err(LexiconError::new(format!(
                    "tense.past_suffixes: {s:?} is not letters only"
                )));
            }
            past_suffixes.push(s.to_lowercase().into_boxed_str());
        }

        let ascii_only = self.ids.keys().all(|w| w.is_ascii());
        Ok(DateLexicon {
            ascii_only,
            ids: self.ids,
            info: self.info,
            max_word_bytes: self.max_word_bytes,
            capitalised_names: raw.capitalised_names,
            relative_days,
            named_days,
            no_day_spans,
            modifiers,
            name_blockers,
            scheduled,
            future,
            past,
            weak_past,
            present,
            past_suffixes,
        })
    }
}

fn non_empty(section: &str, len: usize) -> Result<(), LexiconError> {
    if len == 0 {
        Err(LexiconError::new(format!("{section} is empty")))
    } else {
        Ok(())
    }
}

/// Every number from 1 to `max` must name something.
fn covers(section: &str, map: &BTreeMap<String, u32>, max: u32) -> Result<(), LexiconError> {
    for n in 1..=max {
        if !map.values().any(|&v| v == n) {
            return Err(LexiconError::new(format!("{section}: nothing names {n}")));
        }
    }
    Ok(())
}

/// Sorts phrases so that the first match at a position is the longest.
fn longest_first<T>(phrases: &mut [Phrase<T>]) {
    phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawLexicon {
        toml::from_str(ENGLISH).expect("bundled lexicon parses")
    }

    #[test]
    fn english_sections_are_complete() {
        let raw = raw();
        assert_eq!(raw.months.len(), 12);
        assert_eq!(raw.weekdays.len(), 7);
        let lists: [(&str, usize); 20] = [
            ("ambiguous_months", raw.ambiguous_months.len()),
            ("ordinal_suffixes", raw.ordinal_suffixes.len()),
            ("day_month_joiners", raw.day_month_joiners.len()),
            ("month_day_joiners", raw.month_day_joiners.len()),
            ("month_cues", raw.month_cues.len()),
            ("name_blockers", raw.name_blockers.len()),
            ("weekday_blockers_after", raw.weekday_blockers_after.len()),
            ("parts_of_day", raw.parts_of_day.len()),
            ("no_day_spans", raw.no_day_spans.len()),
            ("relative_days", raw.relative_days.len()),
            ("month_abbreviations", raw.month_abbreviations.len()),
            ("weekday_abbreviations", raw.weekday_abbreviations.len()),
            ("modifiers.previous", raw.weekday_modifiers.previous.len()),
            ("modifiers.following", raw.weekday_modifiers.following.len()),
            ("modifiers.current", raw.weekday_modifiers.current.len()),
            ("tense.scheduled", raw.tense.scheduled.len()),
            ("tense.future", raw.tense.future.len()),
            ("tense.past", raw.tense.past.len()),
            ("tense.weak_past", raw.tense.weak_past.len()),
            ("tense.present", raw.tense.present.len()),
        ];
        for (name, len) in lists {
            assert!(len > 0, "{name} is empty");
        }
        assert!(!raw.tense.past_suffixes.is_empty());
        assert!(!raw.tense.past_suffix_exceptions.is_empty());
    }

    #[test]
    fn holidays_fall_on_their_days() {
        use chrono::NaiveDate;
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        let mlk = NamedDay::Nth {
            month: 1,
            weekday: 1,
            nth: 3,
        };
        let memorial = NamedDay::Nth {
            month: 5,
            weekday: 1,
            nth: -1,
        };
        let labor = NamedDay::Nth {
            month: 9,
            weekday: 1,
            nth: 1,
        };
        let anzac = NamedDay::Fixed { month: 4, day: 25 };
        assert_eq!(mlk.in_year(2016), d(2016, 1, 18));
        assert_eq!(mlk.in_year(2020), d(2020, 1, 20));
        assert_eq!(memorial.in_year(2024), d(2024, 5, 27));
        assert_eq!(memorial.in_year(2021), d(2021, 5, 31));
        assert_eq!(labor.in_year(2024), d(2024, 9, 2));
        assert_eq!(anzac.in_year(2019), d(2019, 4, 25));
        assert_eq!(
            NamedDay::Nth {
                month: 2,
                weekday: 1,
                nth: 5
            }
            .in_year(2021),
            None
        );
    }

    #[test]
    fn english_builds() {
        let lex = DateLexicon::english();
        for (word, month) in [("January", 1), ("may", 5), ("DECEMBER", 12), ("Sept", 9)] {
            let id = lex.word_id(word).expect(word);
            assert_eq!(lex.info(id).month, month, "{word}");
        }
        for (word, day) in [("Monday", 1), ("sunday", 7)] {
            let id = lex.word_id(word).expect(word);
            assert_eq!(lex.info(id).weekday, day, "{word}");
        }
        assert!(!lex.knows("Leeds"));
    }

    /// Another language is data only: words added to a copy of the English
    /// file (including non-ASCII ones) work with no code change.
    #[test]
    fn added_words_need_no_code() {
        use super::super::{Tense, find_dates};
        use chrono::NaiveDate;
        let text = ENGLISH
            .replace(
                "december = 12",
                "december = 12\n\"d\u{e9}cembre\" = 12\njuin = 6",
            )
            .replace("sunday = 7", "sunday = 7\nlundi = 1");
        let lex = DateLexicon::from_toml(&text).expect("extended lexicon");
        let p = NaiveDate::from_ymd_opt(2017, 6, 7);
        let dates = |s: &str| -> Vec<Option<NaiveDate>> {
            find_dates(s, p, Tense::Past, &lex)
                .iter()
                .map(|m| m.date)
                .collect()
        };
        assert_eq!(dates("le 5 juin"), [NaiveDate::from_ymd_opt(2017, 6, 5)]);
        assert_eq!(
            dates("le 25 D\u{c9}CEMBRE"),
            [NaiveDate::from_ymd_opt(2016, 12, 25)]
        );
        assert_eq!(dates("lundi"), [NaiveDate::from_ymd_opt(2017, 6, 5)]);
        assert!(DateLexicon::english().word_id("d\u{e9}cembre").is_none());
    }

    #[test]
    fn bad_lexicons_are_refused() {
        let broken = [
            ("not toml", "this is = = not toml"),
            ("missing sections", "capitalised_names = true"),
            (
                "month 13",
                &ENGLISH.replace("december = 12", "december = 13"),
            ),
            (
                "empty list",
                &ENGLISH.replace(r#"month_day_joiners = ["the"]"#, "month_day_joiners = []"),
            ),
            (
                "digits",
                &ENGLISH.replace(
                    r#"day_month_joiners = ["of"]"#,
                    r#"day_month_joiners = ["o2f"]"#,
                ),
            ),
        ];
        for (name, text) in broken {
            assert!(DateLexicon::from_toml(text).is_err(), "{name}");
        }
    }
}
