//! The language bundles: one directory of `data/lexicon/` per language
//! (`en`, `fr`, `de`), each with the words of dates (`dates.toml`), places
//! (`places.toml`, `common-words.txt`) and events (`events.toml`), and the
//! function words that tell its articles apart (`language.toml`).
//!
//! The bundles are embedded in the binary and parsed once. The extractor
//! reads each article with the bundle of the article's language
//! ([`for_text`]); another language is another directory and one line in
//! `BUNDLES`, no new rules.

use super::Kind;
use crate::date::DateLexicon;
use crate::place::PlaceLexicon;
use crate::text::Phrases;
use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// A party and the words that name it.
#[derive(Deserialize)]
pub(super) struct Party {
    pub(super) name: String,
    pub(super) words: Vec<String>,
}

/// Phrases that count days from another date ("the day before" = -1),
/// found in a sentence in one pass, in any (ASCII) case.
#[derive(Deserialize)]
#[serde(try_from = "BTreeMap<String, i64>")]
pub(super) struct DayPhrases {
    /// The days of each phrase, in phrase order (the finder's pattern ids).
    pub(super) days: Vec<i64>,
    pub(super) finder: AhoCorasick,
}

impl TryFrom<BTreeMap<String, i64>> for DayPhrases {
    type Error = String;

    fn try_from(map: BTreeMap<String, i64>) -> Result<Self, String> {
        Ok(DayPhrases {
            days: map.values().copied().collect(),
            finder: AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(map.keys())
                .map_err(|e| e.to_string())?,
        })
    }
}

impl DayPhrases {
    /// The phrases in `sentence`: where each first starts, and its days,
    /// in phrase order.
    pub(super) fn find(&self, sentence: &str) -> Vec<(usize, i64)> {
        // Most sentences have none: one quick look before the full search.
        if !self.finder.is_match(sentence) {
            return Vec::new();
        }
        let mut first: Vec<Option<usize>> = vec![None; self.days.len()];
        for m in self.finder.find_overlapping_iter(sentence) {
            let f = &mut first[m.pattern().as_usize()];
            if f.is_none_or(|s| m.start() < s) {
                *f = Some(m.start());
            }
        }
        first
            .iter()
            .zip(&self.days)
            .filter_map(|(s, &d)| s.map(|s| (s, d)))
            .collect()
    }
}

/// The event lexicon of one language (`data/lexicon/<lang>/events.toml`).
#[derive(Deserialize)]
pub struct EventLexicon {
    pub(super) triggers: BTreeMap<String, Vec<String>>,
    pub(super) kind_order: Vec<String>,
    pub(super) not_event_place: FxHashSet<String>,
    pub(super) background: FxHashSet<String>,
    pub(super) region_nouns: FxHashSet<String>,
    pub(super) relative_to_context: DayPhrases,
    pub(super) relative_to_previous: DayPhrases,
    pub(super) crowd_nouns: FxHashSet<String>,
    pub(super) crowd_before: Vec<String>,
    pub(super) headcount_fillers: FxHashSet<String>,
    pub(super) time_words: FxHashSet<String>,
    pub(super) relative_pronouns: FxHashSet<String>,
    pub(super) subject_pronouns: FxHashSet<String>,
    pub(super) organisation_words: FxHashSet<String>,
    pub(super) not_name_start: FxHashSet<String>,
    pub(super) dateline_here: FxHashSet<String>,
    pub(super) anaphora: FxHashSet<String>,
    pub(super) target_before: FxHashSet<String>,
    pub(super) other_day_nouns: FxHashSet<String>,
    pub(super) residents: FxHashSet<String>,
    pub(super) reporting_verbs: FxHashSet<String>,
    pub(super) compass_parts: FxHashSet<String>,
    pub(super) office_titles: Vec<String>,
    pub(super) party_own_verbs: FxHashSet<String>,
    pub(super) party_own_nouns: FxHashSet<String>,
    pub(super) parties: Vec<Party>,
    #[serde(skip)]
    pub(super) phrases: Phrases<Kind>,
    #[serde(skip)]
    pub(super) party_phrases: Phrases<usize>,
    #[serde(skip)]
    pub(super) crowd_phrases: Phrases<()>,
    #[serde(skip)]
    pub(super) office_phrases: Phrases<()>,
    /// Every word of every party's names.
    #[serde(skip)]
    pub(super) party_words: FxHashSet<String>,
    /// Finds the first words of the triggers anywhere in a text, in any
    /// (ASCII) case: an article without one has no event, and is not read
    /// further.
    #[serde(skip)]
    pub(super) gate: Option<AhoCorasick>,
}

static ENGLISH: LazyLock<EventLexicon> = LazyLock::new(|| {
    EventLexicon::from_toml(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/lexicon/en/events.toml"
    )))
    .expect("bundled event lexicon is valid")
});

impl EventLexicon {
    /// The bundled English lexicon.
    pub fn english() -> &'static EventLexicon {
        &ENGLISH
    }

    /// Parses a lexicon.
    ///
    /// # Errors
    /// Invalid TOML, a missing section, or a trigger kind that is not one
    /// of the event kinds.
    pub fn from_toml(text: &str) -> Result<EventLexicon, String> {
        let mut lex: EventLexicon = toml::from_str(text).map_err(|e| e.to_string())?;
        for (kind, words) in &lex.triggers {
            let k: Kind = kind.parse()?;
            for w in words {
                lex.phrases.insert(w, k);
            }
        }
        for (i, party) in lex.parties.iter().enumerate() {
            for w in &party.words {
                lex.party_phrases.insert(w, i);
            }
        }
        let firsts: BTreeSet<&str> = lex
            .triggers
            .values()
            .flatten()
            .filter_map(|w| w.split(' ').next())
            .collect();
        lex.gate = Some(
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(firsts)
                .map_err(|e| e.to_string())?,
        );
        for p in &lex.crowd_before {
            lex.crowd_phrases.insert(p, ());
        }
        for t in &lex.office_titles {
            lex.office_phrases.insert(t, ());
        }
        lex.party_words = lex
            .parties
            .iter()
            .flat_map(|p| p.words.iter().cloned())
            .collect();
        for k in &lex.kind_order {
            k.parse::<Kind>()?;
        }
        Ok(lex)
    }

    pub(super) fn rank(&self, k: Kind) -> usize {
        self.kind_order
            .iter()
            .position(|o| o == k.as_str())
            .unwrap_or(usize::MAX)
    }
}

/// The words of one language.
pub struct Lexicon {
    /// The language's ISO 639-1 code ("en").
    pub code: &'static str,
    /// Dates: months, weekdays, relative days, tense cues.
    pub dates: &'static DateLexicon,
    /// Places: locative words, venue and street words, titles.
    pub places: &'static PlaceLexicon,
    /// Events: triggers, crowd words, parties, offices.
    pub events: &'static EventLexicon,
    /// Function words frequent in the language and rare in the others.
    markers: FxHashSet<String>,
}

/// `language.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Language {
    markers: FxHashSet<String>,
}

/// A bundled language: its code and its files, embedded.
macro_rules! bundle {
    ($code:literal) => {
        (
            $code,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/lexicon/",
                $code,
                "/language.toml"
            )),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/lexicon/",
                $code,
                "/dates.toml"
            )),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/lexicon/",
                $code,
                "/places.toml"
            )),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/lexicon/",
                $code,
                "/common-words.txt"
            )),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/lexicon/",
                $code,
                "/events.toml"
            )),
        )
    };
}

/// The bundled languages, English first (the default).
type Files = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);
const BUNDLES: [Files; 3] = [bundle!("en"), bundle!("fr"), bundle!("de")];

static BUNDLED: LazyLock<Vec<Lexicon>> = LazyLock::new(|| {
    BUNDLES
        .iter()
        .map(|files| load(files).unwrap_or_else(|e| panic!("bundled lexicon {}: {e}", files.0)))
        .collect()
});

/// Parses one bundle. English shares the lexicons its modules load.
fn load(&(code, language, dates, places, common, events): &Files) -> Result<Lexicon, String> {
    let markers = toml::from_str::<Language>(language)
        .map_err(|e| format!("language.toml: {e}"))?
        .markers;
    if code == "en" {
        return Ok(Lexicon {
            code,
            dates: DateLexicon::english(),
            places: PlaceLexicon::english(),
            events: EventLexicon::english(),
            markers,
        });
    }
    Ok(Lexicon {
        code,
        dates: leak(DateLexicon::from_toml(dates).map_err(|e| format!("dates.toml: {e}"))?),
        places: leak(
            PlaceLexicon::from_files(places, common).map_err(|e| format!("places.toml: {e}"))?,
        ),
        events: leak(EventLexicon::from_toml(events).map_err(|e| format!("events.toml: {e}"))?),
        markers,
    })
}

/// A lexicon parsed once and kept for the life of the program.
fn leak<T>(x: T) -> &'static T {
    Box::leak(Box::new(x))
}

/// Every bundled language, English first.
pub fn bundled() -> &'static [Lexicon] {
    &BUNDLED
}

/// How much of an article is read to tell its language, in bytes.
const SAMPLE_BYTES: usize = 1024;

/// Every marker word, with the bundles (bit `i` for `bundled()[i]`) it
/// marks.
static MARKERS: LazyLock<FxHashMap<String, u8>> = LazyLock::new(|| {
    let mut out: FxHashMap<String, u8> = FxHashMap::default();
    for (i, l) in bundled().iter().enumerate() {
        for w in &l.markers {
            *out.entry(w.clone()).or_default() |= 1 << i;
        }
    }
    out
});

/// The bundle of the language a text is written in: the one whose marker
/// words are the most frequent in its first KiB; English on a tie.
pub fn for_text(text: &str) -> &'static Lexicon {
    let end = text.floor_char_boundary(SAMPLE_BYTES.min(text.len()));
    let mut counts = [0usize; BUNDLES.len()];
    for w in text[..end].split(|c: char| !c.is_alphabetic()) {
        // Markers are short and lower case; a capital starts a sentence.
        if w.is_empty() || w.len() > 8 {
            continue;
        }
        let bits = if w.starts_with(char::is_uppercase) {
            MARKERS.get(w.to_lowercase().as_str())
        } else {
            MARKERS.get(w)
        };
        for (i, c) in counts.iter_mut().enumerate() {
            *c += usize::from(bits.is_some_and(|b| b & (1 << i) != 0));
        }
    }
    // The first of the most frequent: English wins a tie.
    let best = (0..counts.len()).fold(0, |b, i| if counts[i] > counts[b] { i } else { b });
    &bundled()[best]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundle_loads() {
        let codes: Vec<&str> = bundled().iter().map(|l| l.code).collect();
        assert_eq!(codes, ["en", "fr", "de"]);
    }

    #[test]
    fn the_language_is_read_from_the_text() {
        let fr =
            "Dimanche, la candidate a tenu un meeting devant des milliers de partisans à Lille.";
        let de =
            "Am Freitag sprach der Kanzler auf einer Kundgebung in der Innenstadt von Leipzig.";
        let en = "The senator held a rally in Des Moines on Friday with the party's candidates.";
        assert_eq!(for_text(fr).code, "fr");
        assert_eq!(for_text(de).code, "de");
        assert_eq!(for_text(en).code, "en");
        // Names alone tell nothing: English stays the default.
        assert_eq!(for_text("Paris, Lille, Bordeaux").code, "en");
    }
}
