//! Dates in sentences: find date expressions and resolve them against the
//! article's publication date.
//!
//! This is the date stage of the per-document analysis (see the crate
//! docs): [`find_dates`] turns one sentence into [`DateMention`]s, left to
//! right, each with a byte span, a resolved day (or the reason there is
//! none) and a confidence. [`sentence_tense`] guesses whether the sentence
//! reports or announces, which decides whether "on Friday" is the Friday
//! before or after publication.
//!
//! All words come from a [`DateLexicon`] loaded from data
//! (`data/lexicon/en/dates.toml` for English), so another language needs a
//! new file, not new code.
//!
//! # Rules
//!
//! - Absolute dates ("26 March", "March 26th, 2017", "2017-06-05") keep an
//!   explicit year; without one, the year puts the date nearest publication
//!   (within about six months). Impossible days (30 February) are dropped.
//!   Numeric day/month forms other than ISO are skipped as ambiguous.
//! - Month names count only next to a day number or a year; unambiguous
//!   ones also after a cue ("in June"), as a mention without a day.
//!   "Theresa May", "May's campaign", "she may visit" and "a march" are
//!   not dates.
//! - Relative days ("yesterday", "last night", "tomorrow") count from
//!   publication.
//! - Bare weekdays follow the tense: past → the latest such day on or
//!   before publication (publication day included), future → the earliest
//!   on or after it (publication day included), present or unknown → the
//!   nearest (ties to the past, never happens with seven days) at
//!   confidence 0.6. "last Tuesday" is strictly before publication, "next
//!   Friday" strictly after, "this Friday" the nearest going forward (going
//!   back in a past-tense sentence).
//! - Compound anchors ("last night, Tuesday", "on Monday, June 5") are one
//!   mention; when the weekday disagrees, the other part wins at
//!   confidence 0.5.
//! - Periods without a day ("earlier this week", "last month") are
//!   mentions with no date and the reason [`REASON_NO_DAY`].
//! - Without a publication date only absolute dates with a year resolve;
//!   the others carry [`REASON_NO_PUBLICATION_DATE`].
//!
//! # Examples
//!
//! ```
//! use chrono::NaiveDate;
//! use trailmap::date::{find_dates, sentence_tense, DateLexicon};
//!
//! let sentence = "Corbyn addressed a rally in Gateshead last night, Tuesday.";
//! let published = NaiveDate::from_ymd_opt(2017, 6, 7);
//! let found = find_dates(sentence, published, sentence_tense(sentence), DateLexicon::english());
//! assert_eq!(found.len(), 1);
//! assert_eq!(&sentence[found[0].span.clone()], "last night, Tuesday");
//! assert_eq!(found[0].date, NaiveDate::from_ymd_opt(2017, 6, 6));
//! assert!(found[0].part_of_day);
//! ```

mod absolute;
mod lexicon;
mod relative;
mod tense;
mod token;

#[cfg(test)]
mod tests;

pub use lexicon::{DateLexicon, LexiconError};

use absolute::{Absolute, Resolved};
use chrono::{Datelike, NaiveDate};
use lexicon::{Modifier, starts};
use relative::{Pick, shift, weekday_date};
use std::ops::Range;
use token::{Kind, Tokens};

/// The reason for a mention that names a period but no single day.
pub const REASON_NO_DAY: &str = "span fixes no day";
/// The reason for a relative mention in an article without a publication
/// date.
pub const REASON_NO_PUBLICATION_DATE: &str = "no publication date";
/// The reason when resolving would leave the calendar's range.
pub const REASON_OUT_OF_RANGE: &str = "date out of range";

/// Confidence of an absolute date with its year.
const CONF_EXPLICIT_YEAR: f32 = 0.95;
/// Confidence of an absolute date whose year was inferred.
const CONF_INFERRED_YEAR: f32 = 0.9;
/// Confidence of a relative day ("yesterday").
const CONF_RELATIVE: f32 = 0.9;
/// Confidence of a compound anchor whose parts agree.
const CONF_AGREEING: f32 = 0.95;
/// Confidence of a compound anchor whose parts disagree.
const CONF_DISAGREEING: f32 = 0.5;
/// Confidence of "last Tuesday", "next Friday".
const CONF_MODIFIED_WEEKDAY: f32 = 0.85;
/// Confidence of a weekday steered by a past or future tense.
const CONF_TENSED_WEEKDAY: f32 = 0.8;
/// Confidence of a weekday in a sentence of unknown or present tense.
const CONF_UNTENSED_WEEKDAY: f32 = 0.6;

/// A sentence's tense, as far as its verbs tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tense {
    /// Reports what happened ("addressed", "was relayed", "held").
    Past,
    /// Describes what is going on ("is", "says").
    Present,
    /// Announces what will happen ("will hold", "is due to").
    Future,
    /// No cue either way.
    Unknown,
}

/// Guesses a sentence's tense from its verbs, with the English lexicon.
///
/// "addressed", "was relayed", "held", "joined" → [`Tense::Past`]; "will
/// hold", "is due to", "is set to", "plans to", "is expected to", "is to" →
/// [`Tense::Future`]; "is", "says" → [`Tense::Present`]; otherwise
/// [`Tense::Unknown`]. The first strong cue wins; reporting verbs ("said")
/// count as past only when nothing else decides.
///
/// # Examples
///
/// ```
/// use trailmap::date::{sentence_tense, Tense};
/// assert_eq!(sentence_tense("She will hold a rally on Friday."), Tense::Future);
/// assert_eq!(sentence_tense("He addressed supporters in Leeds."), Tense::Past);
/// ```
pub fn sentence_tense(sentence: &str) -> Tense {
    DateLexicon::english().sentence_tense(sentence)
}

/// One date expression found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    /// Byte offsets of the expression in the sentence (prepositions such as
    /// "on" excluded; modifiers such as "last" included).
    pub span: Range<usize>,
    /// The day meant, or `None` when the span fixes no day or cannot be
    /// resolved (see `unresolved`).
    pub date: Option<NaiveDate>,
    /// Confidence in `date`, 0 to 1; 0 when `date` is `None`.
    pub confidence: f32,
    /// Why `date` is `None`: [`REASON_NO_DAY`],
    /// [`REASON_NO_PUBLICATION_DATE`] or [`REASON_OUT_OF_RANGE`].
    pub unresolved: Option<&'static str>,
    /// Whether the span names part of a day ("last night", "this morning",
    /// "Monday night").
    pub part_of_day: bool,
}

impl DateMention {
    fn resolved(span: Range<usize>, date: NaiveDate, confidence: f32, part_of_day: bool) -> Self {
        DateMention {
            span,
            date: Some(date),
            confidence,
            unresolved: None,
            part_of_day,
        }
    }

    fn unresolved(span: Range<usize>, reason: &'static str, part_of_day: bool) -> Self {
        DateMention {
            span,
            date: None,
            confidence: 0.0,
            unresolved: Some(reason),
            part_of_day,
        }
    }
}

/// Finds all date mentions in one sentence, left to right.
///
/// `published` is the article's publication date; without it only absolute
/// dates with a year resolve and the others get `date: None` with a reason.
/// `tense` (usually [`sentence_tense`] of the same sentence) steers bare
/// weekdays. See the [module docs](self) for the rules.
///
/// Linear in the sentence; never panics, whatever the input.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use trailmap::date::{find_dates, DateLexicon, Tense};
///
/// let p = NaiveDate::from_ymd_opt(2018, 1, 3);
/// let found = find_dates("The rally on 26 December drew thousands.", p, Tense::Past, DateLexicon::english());
/// assert_eq!(found[0].date, NaiveDate::from_ymd_opt(2017, 12, 26));
/// ```
pub fn find_dates(
    sentence: &str,
    published: Option<NaiveDate>,
    tense: Tense,
    lex: &DateLexicon,
) -> Vec<DateMention> {
    DateScan::new(sentence, lex).dates(published, tense)
}

/// A sentence's tense and its dates read with that tense, from one pass
/// of the tokenizer: [`sentence_tense`] and [`find_dates`] together.
pub fn tense_and_dates(
    sentence: &str,
    published: Option<NaiveDate>,
    lex: &DateLexicon,
) -> (Tense, Vec<DateMention>) {
    let scan = DateScan::new(sentence, lex);
    let tense = scan.tense();
    (tense, scan.dates(published, tense))
}

/// One sentence tokenized once for every question the date scanners ask
/// of it: its tense, the tense of each of its clauses, and its dates read
/// with any tense.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use trailmap::date::{DateLexicon, DateScan, Tense};
///
/// let s = "He spoke in Leeds on Friday and will be in York on Friday.";
/// let scan = DateScan::new(s, DateLexicon::english());
/// assert_eq!(scan.tense(), Tense::Past);
/// assert_eq!(scan.clause_tense(s.find("will").unwrap()..s.len()), Tense::Future);
/// let p = NaiveDate::from_ymd_opt(2017, 6, 7);
/// assert_eq!(scan.dates(p, Tense::Future)[1].date, NaiveDate::from_ymd_opt(2017, 6, 9));
/// ```
pub struct DateScan<'a> {
    sentence: &'a str,
    t: Tokens<'a>,
}

impl<'a> DateScan<'a> {
    /// Tokenizes `sentence` with `lex`.
    pub fn new(sentence: &'a str, lex: &'a DateLexicon) -> Self {
        DateScan {
            sentence,
            t: Tokens::new(sentence, lex),
        }
    }

    /// The sentence's tense ([`sentence_tense`]).
    pub fn tense(&self) -> Tense {
        self.t.lex.tense_of(&self.t, self.sentence)
    }

    /// The tense of the clause at byte range `clause` of the sentence, as
    /// if the clause stood alone: the tokens wholly inside it (tokens never
    /// cross white space, so a clause cut at a space or after punctuation
    /// has the tokens it would have on its own).
    pub fn clause_tense(&self, clause: Range<usize>) -> Tense {
        let toks = self
            .t
            .toks
            .iter()
            .filter(|t| t.start >= clause.start && t.end <= clause.end)
            .copied()
            .collect();
        let t = Tokens {
            toks,
            lex: self.t.lex,
        };
        self.t.lex.tense_of(&t, self.sentence)
    }

    /// The sentence's dates, read with `tense` ([`find_dates`]).
    pub fn dates(&self, published: Option<NaiveDate>, tense: Tense) -> Vec<DateMention> {
        let finder = Finder {
            t: &self.t,
            published,
            tense,
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < finder.t.len() {
            // Every date expression starts at a number or a lexicon word.
            let starts = matches!(
                finder.t.toks[i].kind,
                Kind::Num { .. } | Kind::Word { id: Some(_), .. }
            );
            if !starts {
                i += 1;
                continue;
            }
            match finder.at(i) {
                Some((mention, end)) => {
                    out.extend(mention);
                    i = end.max(i + 1);
                }
                None => i += 1,
            }
        }
        out
    }
}

/// One sentence being scanned for dates.
struct Finder<'s, 'a> {
    t: &'s Tokens<'a>,
    published: Option<NaiveDate>,
    tense: Tense,
}

/// A match: the mention (none for an expression that is no real date, such
/// as "30 February") and the token just past it.
type Found = Option<(Option<DateMention>, usize)>;

impl Finder<'_, '_> {
    /// The date expression starting at token `i`, if any.
    fn at(&self, i: usize) -> Found {
        self.named(i)
            .or_else(|| self.weekday_first(i))
            .or_else(|| self.modified_weekday(i))
            .or_else(|| self.relative(i))
            .or_else(|| self.absolute(i))
            .or_else(|| self.bare_month(i))
            .or_else(|| self.day_of_month(i))
    }

    /// A full weekday name at `i` that is not part of a name ("the Sunday
    /// Times"): its number 1-7.
    fn weekday_name(&self, i: usize) -> Option<u8> {
        let info = self.t.info(i)?;
        let blocked = self.t.info(i + 1).is_some_and(|w| w.weekday_blocker_after);
        (info.weekday != 0 && !info.weekday_abbreviated && !blocked).then_some(info.weekday)
    }

    /// A part-of-day word at `j` ("night" in "Monday night").
    fn part_of_day_at(&self, j: usize) -> bool {
        self.t.info(j).is_some_and(|w| w.part_of_day)
    }

    /// "Monday", "Monday night", "Tuesday, November 26", "Sun 5 June".
    fn weekday_first(&self, i: usize) -> Found {
        let info = self.t.info(i)?;
        if info.weekday == 0 {
            return None;
        }
        let abbreviated = info.weekday_abbreviated;
        // "sat 5 June" (she sat exams): abbreviations must be capitalised.
        if abbreviated && self.t.lex.capitalised_names && !self.t.capital(i) {
            return None;
        }
        let mut j = i + 1;
        if abbreviated && self.t.punct(j, &['.']) && self.t.adjacent(i, j) {
            j += 1;
        }
        let mut part_of_day = false;
        if !abbreviated && self.part_of_day_at(j) {
            part_of_day = true;
            j += 1;
        }
        let k = if self.t.punct(j, &[',']) { j + 1 } else { j };
        if let Some(abs) = self.t.absolute_at(k).filter(|a| a.day.is_some()) {
            return Some((
                self.absolute_mention(i, &abs, Some(info.weekday), part_of_day),
                abs.end,
            ));
        }
        let weekday = self.weekday_name(i)?;
        Some((Some(self.weekday(i, j, weekday, None, part_of_day)), j))
    }

    /// A holiday's name, capitalised where names are ("Labor Day",
    /// "Martin Luther King Day"): its day in the publication's year, or
    /// the year before or after, on the side the tense says.
    fn named(&self, i: usize) -> Found {
        let (end, &day) = self.t.longest(i, starts::NAMED, &self.t.lex.named_days)?;
        if self.t.lex.capitalised_names && !self.t.capital(end - 1) {
            return None;
        }
        let mention = self.by_tense(i, end, CONF_RELATIVE, |p| {
            (p.year() - 1..=p.year() + 1)
                .filter_map(|y| day.in_year(y))
                .collect()
        });
        Some((Some(mention), end))
    }

    /// "last Tuesday", "next Friday", "this Friday night".
    fn modified_weekday(&self, i: usize) -> Found {
        let (w, &modifier) = self.t.longest(i, starts::MODIFIER, &self.t.lex.modifiers)?;
        let weekday = self.weekday_name(w)?;
        let mut end = w + 1;
        let part_of_day = self.part_of_day_at(end);
        if part_of_day {
            end += 1;
        }
        Some((
            Some(self.weekday(i, end, weekday, Some(modifier), part_of_day)),
            end,
        ))
    }

    /// A bare or modified weekday over tokens `i..end`.
    fn weekday(
        &self,
        i: usize,
        end: usize,
        weekday: u8,
        modifier: Option<Modifier>,
        part_of_day: bool,
    ) -> DateMention {
        let span = self.t.span(i, end);
        let Some(p) = self.published else {
            return DateMention::unresolved(span, REASON_NO_PUBLICATION_DATE, part_of_day);
        };
        let confidence = match (modifier, self.tense) {
            (Some(Modifier::Previous | Modifier::Following), _) => CONF_MODIFIED_WEEKDAY,
            (_, Tense::Past | Tense::Future) => CONF_TENSED_WEEKDAY,
            (_, Tense::Present | Tense::Unknown) => CONF_UNTENSED_WEEKDAY,
        };
        match weekday_date(p, weekday, Pick::new(modifier, self.tense)) {
            Some(date) => DateMention::resolved(span, date, confidence, part_of_day),
            None => DateMention::unresolved(span, REASON_OUT_OF_RANGE, part_of_day),
        }
    }

    /// "yesterday", "last night, Tuesday", "tomorrow night", or a span that
    /// fixes no day ("earlier this week"); the longest phrase wins.
    fn relative(&self, i: usize) -> Found {
        let lex = self.t.lex;
        let rel = self.t.longest(i, starts::RELATIVE, &lex.relative_days);
        let no_day = self.t.longest(i, starts::NO_DAY, &lex.no_day_spans);
        match (rel, no_day) {
            (None, None) => None,
            (Some((r, _)), Some((n, _))) if n >= r => self.no_day(i, n),
            (None, Some((n, _))) => self.no_day(i, n),
            (Some((mut end, &day)), _) => {
                let mut part_of_day = day.part_of_day;
                if self.part_of_day_at(end) {
                    part_of_day = true;
                    end += 1;
                }
                // A weekday restating the day: "last night, Tuesday",
                // "yesterday (Monday)".
                let mut weekday = None;
                let open = self.t.punct(end, &['(']);
                let k = if open || self.t.punct(end, &[',']) {
                    end + 1
                } else {
                    end
                };
                if let Some(w) = self.weekday_name(k) {
                    weekday = Some(w);
                    end = k + 1;
                    if open && self.t.punct(end, &[')']) {
                        end += 1;
                    }
                }
                let span = self.t.span(i, end);
                let Some(p) = self.published else {
                    let m = DateMention::unresolved(span, REASON_NO_PUBLICATION_DATE, part_of_day);
                    return Some((Some(m), end));
                };
                let m = match shift(p, i64::from(day.offset)) {
                    Some(date) => {
                        let confidence = agreement(date, weekday, CONF_RELATIVE);
                        DateMention::resolved(span, date, confidence, part_of_day)
                    }
                    None => DateMention::unresolved(span, REASON_OUT_OF_RANGE, part_of_day),
                };
                Some((Some(m), end))
            }
        }
    }

    /// A span over tokens `i..end` that names no single day.
    fn no_day(&self, i: usize, end: usize) -> Found {
        let span = self.t.span(i, end);
        Some((
            Some(DateMention::unresolved(span, REASON_NO_DAY, false)),
            end,
        ))
    }

    /// "26 March", "March 26th, 2017", "2017-06-05", "in May 2017".
    fn absolute(&self, i: usize) -> Found {
        let abs = self.t.absolute_at(i)?;
        Some((self.absolute_mention(i, &abs, None, false), abs.end))
    }

    /// The mention for an absolute date starting at token `i`, maybe after
    /// a weekday that should agree with it.
    fn absolute_mention(
        &self,
        i: usize,
        abs: &Absolute,
        weekday: Option<u8>,
        part_of_day: bool,
    ) -> Option<DateMention> {
        let span = self.t.span(i, abs.end);
        match abs.resolve(self.published) {
            Resolved::Date {
                date,
                explicit_year,
            } => {
                let base = if explicit_year {
                    CONF_EXPLICIT_YEAR
                } else {
                    CONF_INFERRED_YEAR
                };
                let confidence = agreement(date, weekday, base);
                Some(DateMention::resolved(span, date, confidence, part_of_day))
            }
            Resolved::NoDay => Some(DateMention::unresolved(span, REASON_NO_DAY, part_of_day)),
            Resolved::NoPublished => Some(DateMention::unresolved(
                span,
                REASON_NO_PUBLICATION_DATE,
                part_of_day,
            )),
            Resolved::Invalid => None,
        }
    }

    /// "on the 10th.", "(the 7th)": an ordinal day after a joiner and
    /// before punctuation or the sentence's end (not "the 7th District"),
    /// in the publication's month or the one before or after, on the side
    /// the tense says.
    fn day_of_month(&self, i: usize) -> Found {
        if !self.t.info(i).is_some_and(|w| w.month_day_joiner) {
            return None;
        }
        let Kind::Num {
            value: day,
            digits: 1 | 2,
            ordinal: true,
        } = self.t.get(i + 1)?.kind
        else {
            return None;
        };
        let end = i + 2;
        if end < self.t.len() && !matches!(self.t.get(end)?.kind, Kind::Punct(_)) {
            return None;
        }
        let mention = self.by_tense(i, end, CONF_TENSED_WEEKDAY, |p| {
            let first = p.with_day(1).unwrap_or(p);
            [
                first.checked_sub_months(chrono::Months::new(1)),
                Some(first),
                first.checked_add_months(chrono::Months::new(1)),
            ]
            .into_iter()
            .filter_map(|month| month?.with_day(day))
            .collect()
        });
        Some((Some(mention), end))
    }

    /// The mention over tokens `i..end` of the day, among those `days`
    /// gives for the publication day, that the tense picks: the last on
    /// or before publication in a past report, the first on or after it in
    /// a future one, else the nearest.
    fn by_tense(
        &self,
        i: usize,
        end: usize,
        confidence: f32,
        days: impl FnOnce(NaiveDate) -> Vec<NaiveDate>,
    ) -> DateMention {
        let span = self.t.span(i, end);
        let Some(p) = self.published else {
            return DateMention::unresolved(span, REASON_NO_PUBLICATION_DATE, false);
        };
        let days = days(p).into_iter();
        let date = match self.tense {
            Tense::Past => days.filter(|&d| d <= p).max(),
            Tense::Future => days.filter(|&d| d >= p).min(),
            Tense::Present | Tense::Unknown => days.min_by_key(|&d| (d - p).num_days().abs()),
        };
        match date {
            Some(d) => DateMention::resolved(span, d, confidence, false),
            None => DateMention::unresolved(span, REASON_OUT_OF_RANGE, false),
        }
    }

    /// "in June", "mid-June": a month without a day.
    fn bare_month(&self, i: usize) -> Found {
        let end = self.t.bare_month_at(i)?;
        let span = self.t.span(i, end);
        Some((
            Some(DateMention::unresolved(span, REASON_NO_DAY, false)),
            end,
        ))
    }
}

/// The confidence of `date` given a weekday that restates it: raised when
/// they agree, lowered when they do not, `base` without a weekday.
fn agreement(date: NaiveDate, weekday: Option<u8>, base: f32) -> f32 {
    match weekday {
        None => base,
        Some(w) if date.weekday().number_from_monday() == u32::from(w) => base.max(CONF_AGREEING),
        Some(_) => CONF_DISAGREEING,
    }
}
