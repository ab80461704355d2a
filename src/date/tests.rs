//! Table-driven tests for the date finder (aho-corasick style): each row
//! names a case, gives the publication date, the sentence and its tense,
//! and the mentions expected as (span text, outcome). An outcome is a date
//! `YYYY-MM-DD`, `?day` (no day fixed) or `?pub` (no publication date).

use super::*;
use proptest::prelude::*;

/// Publication date of most rows: Wednesday 7 June 2017 (the day before the
/// 2017 UK general election).
const W: Option<&str> = Some("2017-06-07");

struct DateTest {
    name: &'static str,
    published: Option<&'static str>,
    sentence: &'static str,
    tense: Tense,
    expected: &'static [(&'static str, &'static str)],
}

macro_rules! t {
    ($name:expr, $published:expr, $sentence:expr, $tense:ident, [$(($span:expr, $out:expr)),* $(,)?]) => {
        DateTest {
            name: $name,
            published: $published,
            sentence: $sentence,
            tense: Tense::$tense,
            expected: &[$(($span, $out)),*],
        }
    };
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test dates are valid")
}

/// The traps named in the brief, first.
const TRAPS: &[DateTest] = &[
    t!(
        "corbyn last night tuesday",
        W,
        "Jeremy Corbyn addressed a huge crowd in Gateshead last night, Tuesday.",
        Past,
        [("last night, Tuesday", "2017-06-06")]
    ),
    t!(
        "gateshead monday past",
        W,
        "It followed the massive rally in Gateshead on Monday.",
        Past,
        [("Monday", "2017-06-05")]
    ),
    t!(
        "wednesday morning on publication day",
        W,
        "She got up early on Wednesday morning.",
        Past,
        [("Wednesday morning", "2017-06-07")]
    ),
    t!(
        "theresa may possessive",
        W,
        "Theresa May's lonely campaign rolled on.",
        Past,
        []
    ),
    t!(
        "will hold friday",
        W,
        "Corbyn will hold a rally on Friday.",
        Future,
        [("Friday", "2017-06-09")]
    ),
    t!(
        "earlier this week",
        W,
        "He visited Leeds earlier this week.",
        Past,
        [("earlier this week", "?day")]
    ),
    t!(
        "26 december in january",
        Some("2018-01-03"),
        "The rally on 26 December drew thousands.",
        Past,
        [("26 December", "2017-12-26")]
    ),
];

const ABSOLUTE: &[DateTest] = &[
    t!(
        "weekday month day",
        Some("2019-11-20"),
        "The rally is on Tuesday, November 26.",
        Future,
        [("Tuesday, November 26", "2019-11-26")]
    ),
    t!(
        "day month",
        Some("2017-03-30"),
        "Crowds gathered on 26 March.",
        Past,
        [("26 March", "2017-03-26")]
    ),
    t!(
        "month ordinal comma year",
        W,
        "It began on March 26th, 2017.",
        Past,
        [("March 26th, 2017", "2017-03-26")]
    ),
    t!(
        "on day month",
        W,
        "She spoke in Hull on 5 June.",
        Past,
        [("5 June", "2017-06-05")]
    ),
    t!(
        "ordinal of month",
        W,
        "On the 5th of June she spoke.",
        Past,
        [("5th of June", "2017-06-05")]
    ),
    t!(
        "iso",
        W,
        "The rally (2017-06-05) was large.",
        Past,
        [("2017-06-05", "2017-06-05")]
    ),
    t!(
        "iso slashes",
        W,
        "Dated 2017/06/05.",
        Past,
        [("2017/06/05", "2017-06-05")]
    ),
    t!("iso invalid month", W, "Dated 2017-13-05.", Past, []),
    t!(
        "month day",
        W,
        "On June 5 he spoke.",
        Past,
        [("June 5", "2017-06-05")]
    ),
    t!(
        "abbreviation with stop",
        W,
        "On Jun. 5 he spoke.",
        Past,
        [("Jun. 5", "2017-06-05")]
    ),
    t!(
        "sept",
        W,
        "The count is on Sept 5.",
        Future,
        [("Sept 5", "2017-09-05")]
    ),
    t!(
        "dec with stop nearest past",
        W,
        "On Dec. 25 they sang.",
        Past,
        [("Dec. 25", "2016-12-25")]
    ),
    t!(
        "numeric day month skipped",
        W,
        "The rally on 5/6/2017 was big.",
        Past,
        []
    ),
    t!(
        "numeric short skipped",
        W,
        "The rally on 5/6 was big.",
        Past,
        []
    ),
    t!(
        "day range",
        Some("2017-03-30"),
        "The conference ran 26-27 March.",
        Past,
        [("26-27 March", "2017-03-26")]
    ),
    t!(
        "day range en dash",
        Some("2017-03-30"),
        "The conference ran 26\u{2013}27 March.",
        Past,
        [("26\u{2013}27 March", "2017-03-26")]
    ),
    t!(
        "month day range",
        W,
        "Hustings run June 5-6 in Leeds.",
        Present,
        [("June 5-6", "2017-06-05")]
    ),
    t!(
        "month alone",
        W,
        "The vote was called in June.",
        Past,
        [("June", "?day")]
    ),
    t!(
        "mid month",
        W,
        "Polls narrowed by mid-June.",
        Past,
        [("June", "?day")]
    ),
    t!(
        "end of month",
        W,
        "Results come at the end of July.",
        Future,
        [("July", "?day")]
    ),
    t!("month without cue", W, "June Brown spoke.", Past, []),
    t!(
        "may with year",
        W,
        "It was called in May 2017.",
        Past,
        [("May 2017", "?day")]
    ),
    t!(
        "month comma year",
        W,
        "Since June, 2016, things changed.",
        Past,
        [("June, 2016", "?day")]
    ),
    t!(
        "day may",
        W,
        "The manifesto came out on 5 May.",
        Past,
        [("5 May", "2017-05-05")]
    ),
    t!(
        "may day",
        W,
        "On May 5 the results came in.",
        Past,
        [("May 5", "2017-05-05")]
    ),
    t!(
        "may said",
        W,
        "May said the country needed stability.",
        Past,
        []
    ),
    t!(
        "may possessive campaign",
        W,
        "May's campaign faltered.",
        Past,
        []
    ),
    t!("may modal", W, "She may visit Leeds.", Unknown, []),
    t!("mrs may", W, "Mrs May visited Leeds.", Past, []),
    t!("mrs stop may", W, "Mrs. May visited Leeds.", Past, []),
    t!(
        "prime minister may",
        W,
        "Prime Minister May spoke in Bolton.",
        Past,
        []
    ),
    t!("trust in may", W, "Voters lost trust in May.", Past, []),
    t!("a march", W, "There was a march through Leeds.", Past, []),
    t!(
        "march verb capital",
        W,
        "March through Leeds, they said.",
        Unknown,
        []
    ),
    t!(
        "march lowercase number",
        W,
        "They will march 5 miles.",
        Future,
        []
    ),
    t!(
        "march with day",
        Some("2017-03-30"),
        "A march on 26 March filled the square.",
        Past,
        [("26 March", "2017-03-26")]
    ),
    t!("august adjective", W, "An august body met.", Past, []),
    t!(
        "august date",
        W,
        "The recess starts on August 4.",
        Future,
        [("August 4", "2017-08-04")]
    ),
    t!(
        "may lowercase number",
        W,
        "They may 5 times a day.",
        Unknown,
        []
    ),
    t!(
        "month then year explicit old",
        W,
        "She was born on 5 June 1983.",
        Past,
        [("5 June 1983", "1983-06-05")]
    ),
    t!(
        "ordinal day month year",
        W,
        "On 5th June 2017 she spoke.",
        Past,
        [("5th June 2017", "2017-06-05")]
    ),
    t!(
        "month the ordinal",
        W,
        "On June the 5th she spoke.",
        Past,
        [("June the 5th", "2017-06-05")]
    ),
    t!(
        "feb 30 invalid",
        Some("2017-02-20"),
        "A rally on 30 February.",
        Past,
        []
    ),
    t!("april 31 invalid", W, "A rally on 31 April.", Past, []),
    t!("june 31 invalid", W, "A rally on June 31.", Past, []),
    t!("huge number", W, "There were 99999 June voters.", Past, []),
    t!("three digit day", W, "Route 120 June.", Past, []),
    t!("day zero", W, "On 0 June nothing.", Past, []),
    t!(
        "thousands separator before",
        W,
        "On June 5, 2,000 people marched.",
        Past,
        [("June 5", "2017-06-05")]
    ),
    t!(
        "thousands separator after day",
        W,
        "Some 2,000 June voters.",
        Past,
        []
    ),
    t!("time not day", W, "At 10:30 June voters queued.", Past, []),
    t!(
        "no break space",
        W,
        "On 5\u{a0}June she spoke.",
        Past,
        [("5\u{a0}June", "2017-06-05")]
    ),
    t!(
        "two dates",
        W,
        "She spoke in Leeds on 5 June and in Hull on June 6.",
        Past,
        [("5 June", "2017-06-05"), ("June 6", "2017-06-06")]
    ),
    t!(
        "weekday day month",
        W,
        "The rally on Tuesday 6 June was huge.",
        Past,
        [("Tuesday 6 June", "2017-06-06")]
    ),
    t!(
        "on monday comma june 5",
        W,
        "On Monday, June 5, she spoke.",
        Past,
        [("Monday, June 5", "2017-06-05")]
    ),
    t!(
        "abbreviated weekday compound",
        W,
        "Sun 4 June: rally in Hull.",
        Past,
        [("Sun 4 June", "2017-06-04")]
    ),
    t!(
        "abbreviated weekday alone",
        W,
        "The Sun reported it.",
        Past,
        []
    ),
    t!("sunday times", W, "The Sunday Times reported it.", Past, []),
    t!(
        "lowercase weekday abbreviation",
        W,
        "She sat 5 June exams.",
        Past,
        [("5 June", "2017-06-05")]
    ),
];

const YEARS_AND_LEAPS: &[DateTest] = &[
    t!(
        "january in late december",
        Some("2017-12-30"),
        "The count is on 2 January.",
        Future,
        [("2 January", "2018-01-02")]
    ),
    t!(
        "december in early january",
        Some("2018-01-02"),
        "It happened on 31 December.",
        Past,
        [("31 December", "2017-12-31")]
    ),
    t!(
        "half year back",
        Some("2018-07-01"),
        "Since 1 January, ...",
        Past,
        [("1 January", "2018-01-01")]
    ),
    t!(
        "half year forward is too far",
        Some("2018-06-15"),
        "On 20 December they met.",
        Past,
        [("20 December", "2017-12-20")]
    ),
    t!(
        "explicit year wins",
        Some("2018-01-03"),
        "On 26 December 2018 they will meet.",
        Future,
        [("26 December 2018", "2018-12-26")]
    ),
    t!(
        "leap day explicit",
        W,
        "On 29 February 2016 they met.",
        Past,
        [("29 February 2016", "2016-02-29")]
    ),
    t!(
        "leap day explicit invalid",
        W,
        "On 29 February 2017 they met.",
        Past,
        []
    ),
    t!(
        "leap day inferred",
        Some("2016-03-10"),
        "On 29 February they met.",
        Past,
        [("29 February", "2016-02-29")]
    ),
    t!(
        "leap day far from leap year",
        W,
        "On 29 February they met.",
        Past,
        []
    ),
    t!(
        "yesterday over leap day",
        Some("2016-03-01"),
        "She spoke yesterday.",
        Past,
        [("yesterday", "2016-02-29")]
    ),
    t!(
        "yesterday non leap",
        Some("2017-03-01"),
        "She spoke yesterday.",
        Past,
        [("yesterday", "2017-02-28")]
    ),
    t!(
        "yesterday over new year",
        Some("2017-01-01"),
        "She spoke yesterday.",
        Past,
        [("yesterday", "2016-12-31")]
    ),
    t!(
        "tomorrow over new year",
        Some("2016-12-31"),
        "She speaks tomorrow.",
        Future,
        [("tomorrow", "2017-01-01")]
    ),
    t!(
        "weekday over new year",
        Some("2018-01-02"),
        "The rally on Friday was big.",
        Past,
        [("Friday", "2017-12-29")]
    ),
    t!(
        "next weekday over new year",
        Some("2017-12-29"),
        "She will speak next Tuesday.",
        Future,
        [("next Tuesday", "2018-01-02")]
    ),
];

const RELATIVE: &[DateTest] = &[
    t!(
        "today",
        W,
        "She is in Leeds today.",
        Present,
        [("today", "2017-06-07")]
    ),
    t!(
        "tonight",
        W,
        "He speaks tonight.",
        Present,
        [("tonight", "2017-06-07")]
    ),
    t!(
        "tonight possessive",
        W,
        "Tonight's rally is sold out.",
        Present,
        [("Tonight", "2017-06-07")]
    ),
    t!(
        "this morning",
        W,
        "This morning she was in Hull.",
        Past,
        [("This morning", "2017-06-07")]
    ),
    t!(
        "this afternoon",
        W,
        "He spoke this afternoon.",
        Past,
        [("this afternoon", "2017-06-07")]
    ),
    t!(
        "this evening",
        W,
        "A rally this evening.",
        Unknown,
        [("this evening", "2017-06-07")]
    ),
    t!(
        "yesterday",
        W,
        "She visited Hull yesterday.",
        Past,
        [("yesterday", "2017-06-06")]
    ),
    t!(
        "last night",
        W,
        "He spoke last night.",
        Past,
        [("last night", "2017-06-06")]
    ),
    t!(
        "yesterday morning",
        W,
        "Yesterday morning he spoke.",
        Past,
        [("Yesterday morning", "2017-06-06")]
    ),
    t!(
        "yesterday evening",
        W,
        "He spoke yesterday evening.",
        Past,
        [("yesterday evening", "2017-06-06")]
    ),
    t!(
        "tomorrow",
        W,
        "She visits tomorrow.",
        Future,
        [("tomorrow", "2017-06-08")]
    ),
    t!(
        "tomorrow night",
        W,
        "A rally tomorrow night.",
        Future,
        [("tomorrow night", "2017-06-08")]
    ),
    t!(
        "day before yesterday",
        W,
        "He was there the day before yesterday.",
        Past,
        [("the day before yesterday", "2017-06-05")]
    ),
    t!(
        "day after tomorrow",
        W,
        "The count is the day after tomorrow.",
        Future,
        [("the day after tomorrow", "2017-06-09")]
    ),
    t!(
        "yesterday parenthesised weekday",
        W,
        "He spoke yesterday (Tuesday) in Hull.",
        Past,
        [("yesterday (Tuesday)", "2017-06-06")]
    ),
    t!(
        "disagreeing compound keeps relative",
        W,
        "He spoke last night, Monday, in Hull.",
        Past,
        [("last night, Monday", "2017-06-06")]
    ),
    t!(
        "relative and absolute",
        W,
        "Yesterday she was in Hull; on 9 June she votes.",
        Past,
        [("Yesterday", "2017-06-06"), ("9 June", "2017-06-09")]
    ),
];

const WEEKDAYS: &[DateTest] = &[
    t!(
        "past monday",
        W,
        "She spoke on Monday.",
        Past,
        [("Monday", "2017-06-05")]
    ),
    t!(
        "past monday night",
        W,
        "Monday night saw a rally.",
        Past,
        [("Monday night", "2017-06-05")]
    ),
    t!(
        "past monday possessive",
        W,
        "Monday's rally was huge.",
        Past,
        [("Monday", "2017-06-05")]
    ),
    t!(
        "past same weekday is publication day",
        W,
        "On Wednesday she rested.",
        Past,
        [("Wednesday", "2017-06-07")]
    ),
    t!(
        "past thursday is last week",
        W,
        "On Thursday she spoke.",
        Past,
        [("Thursday", "2017-06-01")]
    ),
    t!(
        "past sunday",
        W,
        "On Sunday she spoke.",
        Past,
        [("Sunday", "2017-06-04")]
    ),
    t!(
        "future thursday",
        W,
        "On Thursday she will speak.",
        Future,
        [("Thursday", "2017-06-08")]
    ),
    t!(
        "future same weekday is publication day",
        W,
        "He will speak on Wednesday.",
        Future,
        [("Wednesday", "2017-06-07")]
    ),
    t!(
        "future monday is next week",
        W,
        "She will speak on Monday.",
        Future,
        [("Monday", "2017-06-12")]
    ),
    t!(
        "future on publication friday",
        Some("2017-06-09"),
        "She will hold a rally on Friday.",
        Future,
        [("Friday", "2017-06-09")]
    ),
    t!(
        "future friday possessive",
        W,
        "Friday's rally will be big.",
        Future,
        [("Friday", "2017-06-09")]
    ),
    t!(
        "unknown nearest ahead",
        W,
        "A rally on Thursday.",
        Unknown,
        [("Thursday", "2017-06-08")]
    ),
    t!(
        "unknown nearest back",
        W,
        "A rally on Monday.",
        Unknown,
        [("Monday", "2017-06-05")]
    ),
    t!(
        "unknown saturday ahead",
        W,
        "A rally on Saturday.",
        Unknown,
        [("Saturday", "2017-06-10")]
    ),
    t!(
        "unknown sunday back",
        W,
        "A rally on Sunday.",
        Unknown,
        [("Sunday", "2017-06-04")]
    ),
    t!(
        "present same day",
        W,
        "The rally is on Wednesday.",
        Present,
        [("Wednesday", "2017-06-07")]
    ),
    t!(
        "lowercase weekday",
        W,
        "she spoke on monday.",
        Past,
        [("monday", "2017-06-05")]
    ),
    t!(
        "last tuesday",
        W,
        "She spoke last Tuesday.",
        Past,
        [("last Tuesday", "2017-06-06")]
    ),
    t!(
        "last wednesday is a week ago",
        W,
        "She spoke last Wednesday.",
        Past,
        [("last Wednesday", "2017-05-31")]
    ),
    t!(
        "last tuesday on a tuesday",
        Some("2017-06-06"),
        "She spoke last Tuesday.",
        Past,
        [("last Tuesday", "2017-05-30")]
    ),
    t!(
        "this past sunday",
        W,
        "She spoke this past Sunday.",
        Past,
        [("this past Sunday", "2017-06-04")]
    ),
    t!(
        "next friday",
        W,
        "She speaks next Friday.",
        Future,
        [("next Friday", "2017-06-09")]
    ),
    t!(
        "next wednesday",
        W,
        "She speaks next Wednesday.",
        Future,
        [("next Wednesday", "2017-06-14")]
    ),
    t!(
        "next friday on a friday",
        Some("2017-06-09"),
        "She speaks next Friday.",
        Future,
        [("next Friday", "2017-06-16")]
    ),
    t!(
        "this friday",
        W,
        "She speaks this Friday.",
        Future,
        [("this Friday", "2017-06-09")]
    ),
    t!(
        "this coming monday",
        W,
        "She speaks this coming Monday.",
        Unknown,
        [("this coming Monday", "2017-06-12")]
    ),
    t!(
        "this monday past tense",
        W,
        "She spoke this Monday.",
        Past,
        [("this Monday", "2017-06-05")]
    ),
    t!(
        "last monday night",
        W,
        "Last Monday night she spoke.",
        Past,
        [("Last Monday night", "2017-06-05")]
    ),
    t!(
        "wednesday evening future",
        W,
        "She will speak on Wednesday evening.",
        Future,
        [("Wednesday evening", "2017-06-07")]
    ),
    t!(
        "two weekdays",
        W,
        "She spoke on Monday and Tuesday.",
        Past,
        [("Monday", "2017-06-05"), ("Tuesday", "2017-06-06")]
    ),
    t!(
        "weekday and absolute",
        W,
        "She spoke in Leeds on Monday and will visit Hull on 9 June.",
        Past,
        [("Monday", "2017-06-05"), ("9 June", "2017-06-09")]
    ),
];

const NO_DAY: &[DateTest] = &[
    t!(
        "over the weekend",
        W,
        "She campaigned over the weekend.",
        Past,
        [("over the weekend", "?day")]
    ),
    t!(
        "last week",
        W,
        "He spoke last week.",
        Past,
        [("last week", "?day")]
    ),
    t!(
        "next month",
        W,
        "A vote next month.",
        Future,
        [("next month", "?day")]
    ),
    t!(
        "in recent days",
        W,
        "In recent days the polls narrowed.",
        Past,
        [("In recent days", "?day")]
    ),
    t!(
        "this week",
        W,
        "She is touring this week.",
        Present,
        [("this week", "?day")]
    ),
    t!(
        "recently",
        W,
        "He recently spoke in Hull.",
        Past,
        [("recently", "?day")]
    ),
    t!(
        "later this month",
        W,
        "The count is later this month.",
        Future,
        [("later this month", "?day")]
    ),
    t!(
        "no day then day",
        W,
        "Last week, and again on Monday, she spoke.",
        Past,
        [("Last week", "?day"), ("Monday", "2017-06-05")]
    ),
];

const NO_PUBLISHED: &[DateTest] = &[
    t!(
        "absolute with year resolves",
        None,
        "On 5 June 2017 she spoke.",
        Past,
        [("5 June 2017", "2017-06-05")]
    ),
    t!(
        "iso resolves",
        None,
        "Dated 2017-06-05.",
        Past,
        [("2017-06-05", "2017-06-05")]
    ),
    t!(
        "absolute without year",
        None,
        "On 5 June she spoke.",
        Past,
        [("5 June", "?pub")]
    ),
    t!(
        "yesterday",
        None,
        "She spoke yesterday.",
        Past,
        [("yesterday", "?pub")]
    ),
    t!(
        "last night compound",
        None,
        "He spoke last night, Tuesday.",
        Past,
        [("last night, Tuesday", "?pub")]
    ),
    t!(
        "weekday",
        None,
        "She spoke on Monday.",
        Past,
        [("Monday", "?pub")]
    ),
    t!(
        "last tuesday",
        None,
        "She spoke last Tuesday.",
        Past,
        [("last Tuesday", "?pub")]
    ),
    t!(
        "no day span",
        None,
        "She spoke earlier this week.",
        Past,
        [("earlier this week", "?day")]
    ),
    t!(
        "weekday compound without year",
        None,
        "On Tuesday, November 26 she spoke.",
        Past,
        [("Tuesday, November 26", "?pub")]
    ),
    t!(
        "feb 30 without published",
        None,
        "On 30 February she spoke.",
        Past,
        []
    ),
];

const NOTHING: &[DateTest] = &[
    t!("empty", W, "", Unknown, []),
    t!(
        "no dates",
        W,
        "Corbyn spoke to a large crowd in Gateshead.",
        Past,
        []
    ),
    t!(
        "year alone",
        W,
        "In 2017 the election came early.",
        Past,
        []
    ),
    t!(
        "numbers alone",
        W,
        "Some 10,000 people came, 5 of them from Hull.",
        Past,
        []
    ),
    t!("code glued", W, "The M62 June traffic.", Past, []),
    t!("non latin", W, "Дата: 5 июня. 日付 6月5日", Past, []),
];

fn run(tests: &[DateTest]) {
    let lex = DateLexicon::english();
    let mut failures = Vec::new();
    for test in tests {
        let published = test.published.map(day);
        let found = find_dates(test.sentence, published, test.tense, lex);
        let got: Vec<(String, String)> = found
            .iter()
            .map(|m| {
                let text = test.sentence[m.span.clone()].to_string();
                let outcome = match (m.date, m.unresolved) {
                    (Some(d), _) => d.format("%Y-%m-%d").to_string(),
                    (None, Some(REASON_NO_DAY)) => "?day".to_string(),
                    (None, Some(REASON_NO_PUBLICATION_DATE)) => "?pub".to_string(),
                    (None, r) => format!("?{r:?}"),
                };
                (text, outcome)
            })
            .collect();
        let want: Vec<(String, String)> = test
            .expected
            .iter()
            .map(|(s, o)| (s.to_string(), o.to_string()))
            .collect();
        if got != want {
            failures.push(format!(
                "case: {}\nsentence: {:?}\npublished: {:?}\nexpected: {want:?}\ngot:      {got:?}\n",
                test.name, test.sentence, test.published
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn traps() {
    run(TRAPS);
}

#[test]
fn absolute() {
    run(ABSOLUTE);
}

#[test]
fn years_and_leaps() {
    run(YEARS_AND_LEAPS);
}

#[test]
fn relative() {
    run(RELATIVE);
}

#[test]
fn weekdays() {
    run(WEEKDAYS);
}

#[test]
fn no_day() {
    run(NO_DAY);
}

#[test]
fn no_published() {
    run(NO_PUBLISHED);
}

#[test]
fn nothing() {
    run(NOTHING);
}

#[test]
fn enough_cases() {
    let n = [
        TRAPS,
        ABSOLUTE,
        YEARS_AND_LEAPS,
        RELATIVE,
        WEEKDAYS,
        NO_DAY,
        NO_PUBLISHED,
        NOTHING,
    ]
    .iter()
    .map(|t| t.len())
    .sum::<usize>();
    assert!(n >= 100, "only {n} date cases");
}

/// (name, published, sentence, tense, the one mention's confidence).
const CONFIDENCE: &[(&str, &str, &str, Tense, f32)] = &[
    (
        "agreeing relative compound",
        "2017-06-07",
        "He spoke last night, Tuesday.",
        Tense::Past,
        0.95,
    ),
    (
        "disagreeing relative compound",
        "2017-06-07",
        "He spoke last night, Monday.",
        Tense::Past,
        0.5,
    ),
    (
        "agreeing absolute compound",
        "2019-11-20",
        "On Tuesday, November 26.",
        Tense::Future,
        0.95,
    ),
    (
        "disagreeing absolute compound",
        "2017-11-20",
        "On Tuesday, November 26.",
        Tense::Future,
        0.5,
    ),
    (
        "bare weekday unknown tense",
        "2017-06-07",
        "A rally on Friday.",
        Tense::Unknown,
        0.6,
    ),
    (
        "bare weekday present tense",
        "2017-06-07",
        "A rally is on Friday.",
        Tense::Present,
        0.6,
    ),
    (
        "bare weekday past tense",
        "2017-06-07",
        "A rally on Friday.",
        Tense::Past,
        0.8,
    ),
    (
        "modified weekday",
        "2017-06-07",
        "Last Friday.",
        Tense::Unknown,
        0.85,
    ),
    (
        "explicit year",
        "2017-06-07",
        "On 5 June 2017.",
        Tense::Unknown,
        0.95,
    ),
    (
        "inferred year",
        "2017-06-07",
        "On 5 June.",
        Tense::Unknown,
        0.9,
    ),
    (
        "relative day",
        "2017-06-07",
        "Yesterday.",
        Tense::Unknown,
        0.9,
    ),
    ("no day", "2017-06-07", "Last week.", Tense::Unknown, 0.0),
];

#[test]
fn confidence() {
    let lex = DateLexicon::english();
    for &(name, published, sentence, tense, want) in CONFIDENCE {
        let found = find_dates(sentence, Some(day(published)), tense, lex);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        assert!(
            (found[0].confidence - want).abs() < 1e-6,
            "{name}: {found:?}"
        );
    }
}

#[test]
fn part_of_day() {
    let lex = DateLexicon::english();
    let p = Some(day("2017-06-07"));
    for (sentence, want) in [
        ("He spoke last night.", true),
        ("He spoke this morning.", true),
        ("He spoke on Monday night.", true),
        ("He spoke yesterday evening.", true),
        ("He speaks tonight.", true),
        ("He spoke yesterday.", false),
        ("He spoke on Monday.", false),
        ("He spoke on 5 June.", false),
    ] {
        let found = find_dates(sentence, p, Tense::Past, lex);
        assert_eq!(found.len(), 1, "{sentence}");
        assert_eq!(found[0].part_of_day, want, "{sentence}");
    }
}

const TENSES: &[(&str, &str, Tense)] = &[
    (
        "addressed",
        "Corbyn addressed a rally in Gateshead.",
        Tense::Past,
    ),
    (
        "was relayed",
        "The speech was relayed to a crowd outside.",
        Tense::Past,
    ),
    ("held", "Labour held a rally in Hull.", Tense::Past),
    ("joined", "Thousands joined the march.", Tense::Past),
    ("spoke", "He spoke to crowds in Leeds.", Tense::Past),
    (
        "will hold",
        "She will hold a rally on Friday.",
        Tense::Future,
    ),
    ("is due to", "May is due to visit Leeds.", Tense::Future),
    (
        "is set to",
        "Corbyn is set to speak in Hull.",
        Tense::Future,
    ),
    (
        "plans to",
        "The party plans to hold a rally.",
        Tense::Future,
    ),
    ("will address", "He will address supporters.", Tense::Future),
    (
        "is expected to",
        "She is expected to campaign in Wales.",
        Tense::Future,
    ),
    (
        "is to",
        "The Prime Minister is to visit Wales.",
        Tense::Future,
    ),
    ("contraction", "She'll visit Hull.", Tense::Future),
    (
        "reported future",
        "Corbyn said he will return.",
        Tense::Future,
    ),
    (
        "reported past",
        "Corbyn said the crowd was huge.",
        Tense::Past,
    ),
    (
        "reporting verb only",
        "Corbyn said so in Leeds.",
        Tense::Past,
    ),
    ("present", "The rally is in Leeds.", Tense::Present),
    (
        "present says",
        "Corbyn says the polls are wrong.",
        Tense::Present,
    ),
    (
        "first cue wins",
        "May visited Hull and will return on Friday.",
        Tense::Past,
    ),
    ("no verb", "A rally in Leeds.", Tense::Unknown),
    (
        "capitalised name ending",
        "Manchester United fans in Leeds.",
        Tense::Unknown,
    ),
    ("exception word", "The need for speed.", Tense::Unknown),
    ("empty", "", Tense::Unknown),
    (
        "first word capitalised past",
        "Addressing nobody, Gathered crowds.",
        Tense::Unknown,
    ),
];

#[test]
fn tenses() {
    for &(name, sentence, want) in TENSES {
        assert_eq!(sentence_tense(sentence), want, "{name}: {sentence:?}");
    }
}

/// Real-looking sentences to mutate in the property tests.
const SEEDS: &[&str] = &[
    "Jeremy Corbyn addressed a huge crowd in Gateshead last night, Tuesday.",
    "Theresa May's lonely campaign reached Bolton on Monday, June 5, 2017.",
    "She will hold a rally on Friday and visit Hull on 26-27 March.",
    "The rally on 26 December drew 2,000 people at 10:30 (2017-06-05).",
    "Earlier this week, the day before yesterday, Mrs. May spoke.",
    "Sun 4 June: the Sunday Times said mid-June, Jun. 5th of June.",
];

fn check(sentence: &str, published: NaiveDate, tense: Tense) -> Result<(), TestCaseError> {
    let lex = DateLexicon::english();
    let found = find_dates(sentence, Some(published), tense, lex);
    let mut last_end = 0;
    for m in &found {
        prop_assert!(m.span.start <= m.span.end && m.span.end <= sentence.len());
        prop_assert!(sentence.is_char_boundary(m.span.start));
        prop_assert!(sentence.is_char_boundary(m.span.end));
        prop_assert!(m.span.start >= last_end, "mentions overlap: {found:?}");
        last_end = m.span.end;
        prop_assert!((0.0..=1.0).contains(&m.confidence));
        prop_assert_eq!(m.date.is_none(), m.unresolved.is_some());
        let text = &sentence[m.span.clone()];
        let has_year = text
            .as_bytes()
            .windows(4)
            .any(|w| w.iter().all(u8::is_ascii_digit));
        if let (Some(d), false) = (m.date, has_year) {
            let days = d.signed_duration_since(published).num_days().abs();
            prop_assert!(
                days <= 366,
                "{text:?} resolved to {d}, {days} days from {published}"
            );
        }
    }
    let _ = find_dates(sentence, None, tense, lex);
    let _ = sentence_tense(sentence);
    Ok(())
}

fn any_tense() -> impl Strategy<Value = Tense> {
    prop_oneof![
        Just(Tense::Past),
        Just(Tense::Present),
        Just(Tense::Future),
        Just(Tense::Unknown)
    ]
}

fn any_published() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2100, 1u32..=366).prop_map(|(y, n)| {
        NaiveDate::from_yo_opt(y, n)
            .or_else(|| NaiveDate::from_yo_opt(y, 365))
            .unwrap_or(NaiveDate::MIN)
    })
}

/// Applies (position, character, operation) edits to a seed sentence.
fn mutate(seed: &str, edits: &[(usize, char, u8)]) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for &(pos, c, op) in edits {
        let at = pos % (chars.len() + 1);
        match op % 3 {
            0 => chars.insert(at, c),
            1 if at < chars.len() => {
                chars.remove(at);
            }
            _ if at < chars.len() => chars[at] = c,
            _ => chars.push(c),
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>(), p in any_published(), tense in any_tense()) {
        check(&s, p, tense)?;
    }

    #[test]
    fn date_like_strings_never_panic(
        s in "[ A-Za-z0-9,.'\u{2019}\u{2013}()/:-]{0,60}",
        p in any_published(),
        tense in any_tense(),
    ) {
        check(&s, p, tense)?;
    }

    #[test]
    fn word_salad_never_panics(
        words in proptest::collection::vec(prop_oneof![
            Just("May"), Just("5"), Just("June"), Just("last"), Just("night"), Just(","),
            Just("Tuesday"), Just("2017"), Just("-"), Just("26th"), Just("of"), Just("the"),
            Just("this"), Just("next"), Just("99999"), Just("29"), Just("February"), Just("'s"),
            Just("Mrs"), Just("("), Just(")"), Just("yesterday"), Just("week"), Just("Sun"),
        ], 0..20),
        p in any_published(),
        tense in any_tense(),
    ) {
        check(&words.join(" "), p, tense)?;
    }

    #[test]
    fn mutated_sentences_never_panic(
        seed in 0..SEEDS.len(),
        edits in proptest::collection::vec((any::<usize>(), any::<char>(), any::<u8>()), 0..8),
        p in any_published(),
        tense in any_tense(),
    ) {
        check(&mutate(SEEDS[seed], &edits), p, tense)?;
    }
}

#[test]
fn extreme_publication_dates_do_not_panic() {
    let lex = DateLexicon::english();
    for p in [NaiveDate::MIN, NaiveDate::MAX] {
        for s in SEEDS {
            for tense in [Tense::Past, Tense::Future, Tense::Unknown] {
                let _ = find_dates(s, Some(p), tense, lex);
            }
        }
        let found = find_dates(
            "tomorrow next Friday",
            Some(NaiveDate::MAX),
            Tense::Future,
            lex,
        );
        assert!(found.iter().all(|m| m.date.is_none()));
    }
}
