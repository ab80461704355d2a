//! The language bundles: one directory of `data/lexicon/` per language
//! (`en`, `fr`, `de`), each with the words of dates (`dates.toml`), places
//! (`places.toml`, `common-words.txt`) and events (`events.toml`), and the
//! function words that tell its articles apart (`language.toml`).
//!
//! The bundles are embedded in the binary and parsed once. The extractor
//! reads each article with the bundle of the article's language
//! ([`for_text`]); another language is another directory and one line in
//! [`BUNDLES`], no new rules.

use crate::date::DateLexicon;
use crate::event::extract::EventLexicon;
use crate::place::PlaceLexicon;
use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::sync::LazyLock;

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
const SAMPLE_BYTES: usize = 4096;

/// The bundle of the language a text is written in: the one whose marker
/// words are the most frequent in its first [`SAMPLE_BYTES`] bytes;
/// English on a tie.
pub fn for_text(text: &str) -> &'static Lexicon {
    let end = text.floor_char_boundary(SAMPLE_BYTES.min(text.len()));
    let words: Vec<String> = text[..end]
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && w.len() <= 8)
        .map(str::to_lowercase)
        .collect();
    let all = bundled();
    let score = |l: &Lexicon| {
        words
            .iter()
            .filter(|w| l.markers.contains(w.as_str()))
            .count()
    };
    let mut best = &all[0];
    let mut best_score = score(best);
    for l in &all[1..] {
        let s = score(l);
        if s > best_score {
            best = l;
            best_score = s;
        }
    }
    best
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
