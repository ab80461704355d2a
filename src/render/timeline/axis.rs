//! The timeline's date axis: a tick unit that suits the span (days with
//! weekday names, weeks, months, years), tick labels thinned where they
//! would crowd, and the month or year written where it changes.

use super::super::month_name;
use super::super::text::{TextMeasure, Weight};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The time unit of the axis ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickUnit {
    /// One tick per day (`Mon 5`, or the weekday under the number), for
    /// spans of up to three weeks.
    Day,
    /// One tick per week, on Mondays.
    Week,
    /// One tick per month.
    Month,
    /// One tick per year.
    Year,
}

/// An axis tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// The day the tick marks.
    pub date: NaiveDate,
    /// Pixel x.
    pub x: f64,
    /// Its label (may be empty when thinned out).
    pub label: String,
    /// The weekday under a day's number ("Tue"), where the axis writes
    /// them on a second line; empty otherwise.
    pub weekday: String,
}

/// The date axis: unit, ticks, and the period labels under them (month
/// and year where they change).
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// The tick unit chosen for the span.
    pub unit: TickUnit,
    /// Ticks in date order.
    pub ticks: Vec<Tick>,
    /// Period labels: (date where it starts, text).
    pub periods: Vec<(NaiveDate, String)>,
}

/// The most year ticks an axis gets, and the steps in years it may take
/// to stay within them (any span chrono can date fits the last).
const MAX_YEAR_TICKS: i32 = 24;
const YEAR_STEPS: [i32; 15] = [
    1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000,
];

/// The tick unit for a span of `days` days (inclusive count).
pub fn tick_unit_for_span(days: i64) -> TickUnit {
    match days {
        ..=21 => TickUnit::Day,
        22..=120 => TickUnit::Week,
        121..=1100 => TickUnit::Month,
        _ => TickUnit::Year,
    }
}

fn short_month(d: NaiveDate) -> &'static str {
    &month_name(d)[..3]
}

/// Chooses ticks for the days `first..=last` drawn by `x_of`, thinning
/// labels so none is closer than `min_gap` pixels to the next; labels are
/// measured at `size`.
pub fn choose_axis(
    first: NaiveDate,
    last: NaiveDate,
    x_of: &dyn Fn(NaiveDate) -> f64,
    m: &TextMeasure,
    size: f64,
) -> Axis {
    let days = (last - first).num_days() + 1;
    let unit = tick_unit_for_span(days);
    let mut dates = Vec::new();
    if unit == TickUnit::Year {
        // New Year's Days, every `step` years: a bounded number whatever
        // the span (10,000 years are 20 ticks, not 10,000).
        let years = last.year() - first.year() + 1;
        let step = YEAR_STEPS
            .into_iter()
            .find(|s| (years + s - 1) / s <= MAX_YEAR_TICKS)
            .unwrap_or(YEAR_STEPS[YEAR_STEPS.len() - 1]);
        dates.extend(
            (first.year()..=last.year())
                .filter(|y| y.rem_euclid(step) == 0)
                .filter_map(|y| NaiveDate::from_ymd_opt(y, 1, 1))
                .filter(|d| (first..=last).contains(d)),
        );
    } else {
        let mut d = first;
        while d <= last {
            let keep = match unit {
                TickUnit::Day => true,
                TickUnit::Week => d.weekday() == Weekday::Mon,
                TickUnit::Month => d.day() == 1,
                TickUnit::Year => unreachable!("years are counted above"),
            };
            if keep {
                dates.push(d);
            }
            d += Duration::days(1);
        }
    }
    let label_of = |d: NaiveDate, long: bool| -> String {
        match unit {
            TickUnit::Day if long => format!("{} {}", d.format("%a"), d.day()),
            TickUnit::Day | TickUnit::Week => d.day().to_string(),
            TickUnit::Month => short_month(d).to_string(),
            TickUnit::Year => d.year().to_string(),
        }
    };
    // Longest labels that fit at every tick; else thin out by a step.
    let fits = |labels: &[String], step: usize| -> bool {
        let shown: Vec<(f64, f64)> = dates
            .iter()
            .zip(labels)
            .step_by(step)
            .map(|(d, l)| (x_of(*d), m.width(l, size, Weight::Normal)))
            .collect();
        shown
            .windows(2)
            .all(|w| w[1].0 - w[0].0 >= (w[0].1 + w[1].1) / 2.0 + 8.0)
    };
    let long: Vec<String> = dates.iter().map(|d| label_of(*d, true)).collect();
    let short: Vec<String> = dates.iter().map(|d| label_of(*d, false)).collect();
    // Days that have no room for "Tue 30" write the weekday under the
    // number, each tick as wide as the wider of the two.
    let weekdays: Vec<String> = if unit == TickUnit::Day && !fits(&long, 1) {
        dates.iter().map(|d| d.format("%a").to_string()).collect()
    } else {
        Vec::new()
    };
    let widest: Vec<String> = short
        .iter()
        .zip(weekdays.iter().chain(std::iter::repeat(&String::new())))
        .map(|(l, w)| {
            if w.len() > l.len() {
                w.clone()
            } else {
                l.clone()
            }
        })
        .collect();
    let (labels, step) = if fits(&long, 1) {
        (long, 1)
    } else {
        let step = (1..=dates.len().max(1))
            .find(|s| fits(&widest, *s))
            .unwrap_or(1);
        (short, step)
    };
    let ticks = dates
        .iter()
        .zip(labels)
        .enumerate()
        .map(|(i, (d, l))| {
            let shown = i % step == 0;
            Tick {
                date: *d,
                x: x_of(*d),
                label: if shown { l } else { String::new() },
                weekday: weekdays
                    .get(i)
                    .filter(|_| shown)
                    .cloned()
                    .unwrap_or_default(),
            }
        })
        .collect();
    let periods = periods(unit, first, last);
    Axis {
        unit,
        ticks,
        periods,
    }
}

/// Period labels where the month (or year) changes, and at the start:
/// "June 2017" over days and weeks, "2017" over months, none over years.
fn periods(unit: TickUnit, first: NaiveDate, last: NaiveDate) -> Vec<(NaiveDate, String)> {
    let mut periods = Vec::new();
    let mut d = first;
    let mut prev: Option<NaiveDate> = None;
    // Years have no period labels: their days need not be walked.
    while unit != TickUnit::Year && d <= last {
        let key_changed = match (unit, prev) {
            (_, None) => true,
            (TickUnit::Day | TickUnit::Week, Some(p)) => {
                p.month() != d.month() || p.year() != d.year()
            }
            (TickUnit::Month, Some(p)) => p.year() != d.year(),
            (TickUnit::Year, Some(_)) => false,
        };
        if key_changed {
            let text = match unit {
                TickUnit::Day | TickUnit::Week => format!("{} {}", month_name(d), d.year()),
                TickUnit::Month => d.year().to_string(),
                TickUnit::Year => String::new(),
            };
            if !text.is_empty() {
                periods.push((d, text));
            }
        }
        prev = Some(d);
        d += Duration::days(1);
    }
    periods
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::text::TextMeasure;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn axis_for(first: NaiveDate, last: NaiveDate) -> Axis {
        let days = (last - first).num_days() as f64 + 1.0;
        let x_of = move |x: NaiveDate| 100.0 + ((x - first).num_days() as f64 + 0.5) * 500.0 / days;
        choose_axis(first, last, &x_of, &TextMeasure, 12.0)
    }

    #[test]
    fn ticks_suit_the_span() {
        let a = axis_for(d(2017, 6, 5), d(2017, 6, 11));
        assert_eq!(a.unit, TickUnit::Day);
        assert_eq!(a.ticks.len(), 7);
        assert_eq!(a.ticks[0].label, "Mon 5");
        assert_eq!(a.periods, vec![(d(2017, 6, 5), "June 2017".to_string())]);

        let a = axis_for(d(2017, 5, 20), d(2017, 6, 20));
        assert_eq!(a.unit, TickUnit::Week);
        assert!(a.ticks.iter().all(|t| t.date.weekday() == Weekday::Mon));
        assert_eq!(a.periods.len(), 2, "{:?}", a.periods);

        let a = axis_for(d(2016, 7, 1), d(2017, 6, 30));
        assert_eq!(a.unit, TickUnit::Month);
        assert_eq!(a.ticks.len(), 12);
        assert_eq!(a.ticks[0].label, "Jul");
        assert_eq!(
            a.periods.iter().map(|p| p.1.as_str()).collect::<Vec<_>>(),
            ["2016", "2017"]
        );

        let a = axis_for(d(2010, 3, 1), d(2017, 6, 30));
        assert_eq!(a.unit, TickUnit::Year);
        assert_eq!(a.ticks[0].label, "2011");
    }

    /// Any span gets a bounded number of ticks: the years 0 to 9999 had
    /// 10,000 (844 KB of grid lines).
    #[test]
    fn ticks_are_bounded_whatever_the_span() {
        let a = axis_for(d(0, 1, 1), d(9999, 12, 31));
        assert_eq!(a.unit, TickUnit::Year);
        let years: Vec<&str> = a.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(a.ticks.len(), 20, "{years:?}");
        assert_eq!(a.ticks[1].date, d(500, 1, 1));
        let a = axis_for(d(1990, 1, 1), d(2017, 6, 30));
        assert_eq!(a.ticks.len(), 14, "every second year");
    }

    #[test]
    fn three_weeks_of_days_write_their_weekdays() {
        let a = axis_for(d(2017, 5, 19), d(2017, 6, 8));
        assert_eq!(a.unit, TickUnit::Day);
        assert_eq!(a.ticks.len(), 21);
        let shown: Vec<&Tick> = a.ticks.iter().filter(|t| !t.label.is_empty()).collect();
        assert_eq!(
            (shown[0].label.as_str(), shown[0].weekday.as_str()),
            ("19", "Fri")
        );
        assert!(shown.iter().all(|t| !t.weekday.is_empty()));
    }

    #[test]
    fn crowded_tick_labels_thin_out() {
        let first = d(2017, 6, 1);
        let x_of = move |x: NaiveDate| ((x - first).num_days() as f64 + 0.5) * 15.0;
        let a = choose_axis(first, d(2017, 6, 14), &x_of, &TextMeasure, 12.0);
        let shown: Vec<&Tick> = a.ticks.iter().filter(|t| !t.label.is_empty()).collect();
        assert!(shown.len() < a.ticks.len());
        for w in shown.windows(2) {
            assert!(w[1].x - w[0].x >= 16.0);
        }
    }
}
