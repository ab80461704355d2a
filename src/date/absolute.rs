//! Absolute dates: "26 March", "March 26th, 2017", "5th of June",
//! "2017-06-05", "26-27 March", "Jun. 5", "in May 2017", "in June".
//!
//! Month names count only where they cannot be something else: next to a
//! day number or a year, or (for unambiguous names) after a cue such as
//! "in". A missing year is inferred as the date nearest publication.
//! Numeric forms other than ISO year-month-day are skipped: "5/6/2017" may
//! be May or June.

use super::token::{Kind, Tokens};
use chrono::{Datelike, NaiveDate};

/// Years outside this range are not taken for years ("2,000 people", "3000").
const YEARS: std::ops::RangeInclusive<u32> = 1800..=2200;

/// How far from publication a date without a year may be put, in days
/// (a little over six months, so every day of the year has a candidate).
const MAX_INFERRED_DISTANCE_DAYS: i64 = 186;

/// Dashes allowed in a day range ("26-27 March", "26–27 March").
const DASHES: &[char] = &['-', '\u{2013}'];

/// An absolute date as written: a month, maybe a day and a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Absolute {
    /// The token just past the expression.
    pub end: usize,
    pub month: u32,
    pub day: Option<u32>,
    pub year: Option<i32>,
}

/// What an absolute date resolves to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A day; `explicit_year` when the text gave the year.
    Date {
        date: NaiveDate,
        explicit_year: bool,
    },
    /// A month (and maybe a year) without a day.
    NoDay,
    /// A day and month whose year cannot be inferred without publication.
    NoPublished,
    /// No such day (30 February) or none near publication (29 February in
    /// a year far from a leap year).
    Invalid,
}

impl Tokens<'_> {
    /// A month name at `i`, with the token just past it (past a full stop
    /// after an abbreviation) and whether it is ambiguous or abbreviated
    /// (then it only counts next to a number).
    pub(crate) fn month_at(&self, i: usize) -> Option<(u32, usize, bool)> {
        let info = self.info(i)?;
        if info.month == 0 {
            return None;
        }
        let strict = info.month_ambiguous || info.month_abbreviated;
        if strict && self.lex.capitalised_names && !self.capital(i) {
            return None;
        }
        if strict && self.clitic_after(i) {
            return None;
        }
        if self.name_before(i) {
            return None;
        }
        let mut end = i + 1;
        if info.month_abbreviated && self.punct(end, &['.']) && self.adjacent(i, end) {
            end += 1;
        }
        Some((u32::from(info.month), end, strict))
    }

    /// Whether a word is glued after token `i` by an apostrophe ("May's").
    fn clitic_after(&self, i: usize) -> bool {
        self.punct(i + 1, &['\'', '\u{2019}'])
            && self.adjacent(i, i + 1)
            && self.adjacent(i + 1, i + 2)
            && matches!(self.get(i + 2).map(|t| t.kind), Some(Kind::Word { .. }))
    }

    /// Whether a person's title or first name stands before token `i`
    /// ("Theresa May", "Mrs. May").
    fn name_before(&self, i: usize) -> bool {
        let at = if i > 0 && self.punct(i - 1, &['.']) {
            i - 1
        } else {
            i
        };
        self.phrase_ends_before(at, &self.lex.name_blockers)
    }

    /// A day of the month (1 to 31, maybe "5th") at `i`.
    pub(crate) fn day_at(&self, i: usize) -> Option<u32> {
        match self.get(i)?.kind {
            Kind::Num { value, digits, .. }
                if digits <= 2 && (1..=31).contains(&value) && self.standalone_number(i) =>
            {
                Some(value)
            }
            _ => None,
        }
    }

    /// A four-digit year at `i`.
    fn year_at(&self, i: usize) -> Option<i32> {
        match self.get(i)?.kind {
            Kind::Num {
                value,
                digits: 4,
                ordinal: false,
            } if YEARS.contains(&value) && self.standalone_number(i) => i32::try_from(value).ok(),
            _ => None,
        }
    }

    /// An optional year at `j`, after an optional comma.
    fn year_after(&self, j: usize) -> (Option<i32>, usize) {
        if let Some(y) = self.year_at(j) {
            (Some(y), j + 1)
        } else if self.punct(j, &[',']) {
            match self.year_at(j + 1) {
                Some(y) => (Some(y), j + 2),
                None => (None, j),
            }
        } else {
            (None, j)
        }
    }

    /// Skips "-27" of a day range at `j`.
    fn range_end(&self, j: usize) -> usize {
        if self.punct(j, DASHES) && self.day_at(j + 1).is_some() {
            j + 2
        } else {
            j
        }
    }

    /// A plain number of one or two digits at `i`, glued to what precedes.
    fn iso_part(&self, i: usize) -> Option<u32> {
        match self.get(i)?.kind {
            Kind::Num {
                value,
                digits: 1 | 2,
                ordinal: false,
            } if self.adjacent(i - 1, i) => Some(value),
            _ => None,
        }
    }

    /// "2017-06-05" (or with slashes) at `i`.
    fn iso_at(&self, i: usize) -> Option<Absolute> {
        let Kind::Num {
            value,
            digits: 4,
            ordinal: false,
        } = self.get(i)?.kind
        else {
            return None;
        };
        if !YEARS.contains(&value) || self.glued_before(i) {
            return None;
        }
        let sep = match self.get(i + 1)?.kind {
            Kind::Punct(c @ ('-' | '/')) if self.adjacent(i, i + 1) => c,
            _ => return None,
        };
        let month = self.iso_part(i + 2)?;
        if !(self.punct(i + 3, &[sep]) && self.adjacent(i + 2, i + 3)) {
            return None;
        }
        let day = self.iso_part(i + 4)?;
        if self.adjacent(i + 4, i + 5) && !self.punct(i + 5, &[',', '.', ';', ')', ':']) {
            return None;
        }
        Some(Absolute {
            end: i + 5,
            month,
            day: Some(day),
            year: i32::try_from(value).ok(),
        })
    }

    /// Whether token `i` continues something glued before it: a word, a
    /// number or a number and a separator ("M2017", "5-2017-06-05").
    fn glued_before(&self, i: usize) -> bool {
        let Some(p) = i.checked_sub(1) else {
            return false;
        };
        if !self.adjacent(p, i) {
            return false;
        }
        match self.get(p).map(|t| t.kind) {
            Some(Kind::Punct(c)) if ['-', '/', '.', ':', ','].contains(&c) => {
                p.checked_sub(1).is_some_and(|pp| {
                    self.adjacent(pp, p)
                        && !matches!(self.get(pp).map(|t| t.kind), Some(Kind::Punct(_)))
                })
            }
            Some(Kind::Punct(_)) | None => false,
            Some(_) => true,
        }
    }

    /// An absolute date starting at token `i`.
    pub(crate) fn absolute_at(&self, i: usize) -> Option<Absolute> {
        if let Some(iso) = self.iso_at(i) {
            return Some(iso);
        }
        // Day first: "5 June", "5th of June", "26-27 March 2017".
        if let Some(day) = self.day_at(i) {
            let mut j = self.range_end(i + 1);
            if self.info(j).is_some_and(|w| w.day_month_joiner) && self.month_at(j + 1).is_some() {
                j += 1;
            }
            if let Some((month, end, _)) = self.month_at(j) {
                let (year, end) = self.year_after(end);
                return Some(Absolute {
                    end,
                    month,
                    day: Some(day),
                    year,
                });
            }
        }
        // Month first: "June 5", "Jun. 5th, 2017", "June the 5th", "May 2017".
        let (month, after_month, _) = self.month_at(i)?;
        let mut j = after_month;
        if self.info(j).is_some_and(|w| w.month_day_joiner) && self.day_at(j + 1).is_some() {
            j += 1;
        }
        if let Some(day) = self.day_at(j) {
            let (year, end) = self.year_after(self.range_end(j + 1));
            return Some(Absolute {
                end,
                month,
                day: Some(day),
                year,
            });
        }
        match self.year_after(after_month) {
            (Some(year), end) => Some(Absolute {
                end,
                month,
                day: None,
                year: Some(year),
            }),
            (None, _) => None,
        }
    }

    /// A month name standing alone after a cue ("in June", "mid-June"), with
    /// the token just past it. Ambiguous names and abbreviations never
    /// stand alone.
    pub(crate) fn bare_month_at(&self, i: usize) -> Option<usize> {
        let (_, end, strict) = self.month_at(i)?;
        if strict || i == 0 {
            return None;
        }
        let cue = |k: usize| self.info(k).is_some_and(|w| w.month_cue);
        let cued = cue(i - 1)
            || (i >= 2
                && self.punct(i - 1, &['-'])
                && self.adjacent(i - 2, i - 1)
                && self.adjacent(i - 1, i)
                && cue(i - 2));
        cued.then_some(end)
    }
}

impl Absolute {
    /// Resolves against the publication date: an explicit year wins,
    /// otherwise the candidate nearest `published` (ties to the past).
    pub(crate) fn resolve(&self, published: Option<NaiveDate>) -> Resolved {
        let Some(day) = self.day else {
            return Resolved::NoDay;
        };
        if let Some(year) = self.year {
            return match NaiveDate::from_ymd_opt(year, self.month, day) {
                Some(date) => Resolved::Date {
                    date,
                    explicit_year: true,
                },
                None => Resolved::Invalid,
            };
        }
        let Some(p) = published else {
            // 2000 is a leap year: any day that exists in some year exists then.
            return if NaiveDate::from_ymd_opt(2000, self.month, day).is_some() {
                Resolved::NoPublished
            } else {
                Resolved::Invalid
            };
        };
        match nearest(p, self.month, day) {
            Some(date) => Resolved::Date {
                date,
                explicit_year: false,
            },
            None => Resolved::Invalid,
        }
    }
}

/// The date with this month and day nearest `p` (at most about six months
/// away); ties go to the earlier date.
pub(crate) fn nearest(p: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let mut best: Option<(i64, NaiveDate)> = None;
    for year in [p.year() - 1, p.year(), p.year() + 1] {
        let Some(c) = NaiveDate::from_ymd_opt(year, month, day) else {
            continue;
        };
        let dist = c.signed_duration_since(p).num_days().abs();
        if dist <= MAX_INFERRED_DISTANCE_DAYS && best.is_none_or(|(b, _)| dist < b) {
            best = Some((dist, c));
        }
    }
    best.map(|(_, d)| d)
}
