//! Relative dates: days counted from publication ("yesterday", "last
//! night") and weekdays ("on Monday", "last Tuesday", "next Friday"),
//! steered by the sentence's tense.

use super::Tense;
use super::lexicon::Modifier;
use chrono::{Datelike, Days, NaiveDate};

/// Which weekday of that name a mention means, relative to publication P.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pick {
    /// The latest on or before P (past-tense report; P itself counts).
    OnOrBefore,
    /// The earliest on or after P (future-tense plan; P itself counts).
    OnOrAfter,
    /// Strictly before P ("last Tuesday" on a Tuesday is a week ago).
    StrictlyBefore,
    /// Strictly after P ("next Friday" on a Friday is a week on).
    StrictlyAfter,
    /// The nearest; at equal distance (never happens with 7 days, but
    /// stated for clarity) the past one.
    Nearest,
}

impl Pick {
    /// The rule for a weekday with an optional modifier in a sentence of
    /// this tense.
    pub(crate) fn new(modifier: Option<Modifier>, tense: Tense) -> Pick {
        match (modifier, tense) {
            (Some(Modifier::Previous), _) => Pick::StrictlyBefore,
            (Some(Modifier::Following), _) => Pick::StrictlyAfter,
            (Some(Modifier::Current), Tense::Past) => Pick::OnOrBefore,
            (Some(Modifier::Current), _) => Pick::OnOrAfter,
            (None, Tense::Past) => Pick::OnOrBefore,
            (None, Tense::Future) => Pick::OnOrAfter,
            (None, Tense::Present | Tense::Unknown) => Pick::Nearest,
        }
    }
}

/// Moves `p` by `days` (negative: back); `None` outside chrono's range.
pub(crate) fn shift(p: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        p.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        p.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// The weekday `weekday` (1 = Monday ... 7 = Sunday) that `pick` chooses
/// around `p`.
pub(crate) fn weekday_date(p: NaiveDate, weekday: u8, pick: Pick) -> Option<NaiveDate> {
    let from = i64::from(p.weekday().number_from_monday());
    let to = i64::from(weekday);
    let back = (from - to).rem_euclid(7);
    let ahead = (to - from).rem_euclid(7);
    let offset = match pick {
        Pick::OnOrBefore => -back,
        Pick::OnOrAfter => ahead,
        Pick::StrictlyBefore => -(if back == 0 { 7 } else { back }),
        Pick::StrictlyAfter => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        Pick::Nearest => {
            if back <= ahead {
                -back
            } else {
                ahead
            }
        }
    };
    shift(p, offset)
}
