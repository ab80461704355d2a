//! Places in text: finding the names ([`recognise`]) and deciding which
//! place each one means, for a whole document at once ([`resolve`]).
//!
//! Recognition looks up runs of capitalised words in the gazetteer's name
//! index and keeps those that read as places: not part of a person's or an
//! organisation's name ("Theresa May", "Socialist Worker"), not a heading
//! ("Young"), not a common word without a locative cue ("Reading" at the
//! start of a sentence), not a venue inside a place already named
//! ("London's Smithfield market"). Qualifiers after a comma ("Croydon,
//! south London", "Springfield, Ill.") are attached to the name they
//! qualify. Resolution ranks each name's candidates and lets the places of
//! one article pull each other toward the same country and division.

mod recognise;
mod resolve;

pub use recognise::{Mention, dateline, recognise, recognise_in};
pub use resolve::{Resolution, rank, resolve};

/// The gazetteer's types as the stages after this one see them: event
/// assembly reaches places through this module only, never the gazetteer
/// itself.
pub use crate::gazetteer::{Gazetteer, Place, PlaceKind, Source};

use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::sync::LazyLock;

/// Words the recogniser reads, from `data/lexicon/<lang>/places.toml`
/// and `common-words.txt`.
#[derive(Deserialize)]
pub struct PlaceLexicon {
    locative: FxHashSet<String>,
    place_prepositions: FxHashSet<String>,
    locative_fillers: FxHashSet<String>,
    venue_of: FxHashSet<String>,
    venue_joiners: FxHashSet<String>,
    function_words: FxHashSet<String>,
    venue_words: FxHashSet<String>,
    street_words: FxHashSet<String>,
    direction_names: FxHashSet<String>,
    name_connectors: FxHashSet<String>,
    speech_verbs: FxHashSet<String>,
    person_titles: FxHashSet<String>,
    #[serde(skip)]
    common_words: FxHashSet<String>,
}

static ENGLISH: LazyLock<PlaceLexicon> = LazyLock::new(|| {
    PlaceLexicon::from_files(
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/lexicon/en/places.toml"
        )),
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/lexicon/en/common-words.txt"
        )),
    )
    .expect("bundled lexicon is valid TOML")
});

impl PlaceLexicon {
    /// The bundled English lexicon.
    pub fn english() -> &'static PlaceLexicon {
        &ENGLISH
    }

    /// Parses a lexicon from the text of a `places.toml` file and of a
    /// `common-words.txt` file (one word a line).
    ///
    /// # Errors
    /// Invalid TOML or a missing section.
    pub fn from_files(places: &str, common_words: &str) -> Result<PlaceLexicon, String> {
        let mut lex: PlaceLexicon = toml::from_str(places).map_err(|e| e.to_string())?;
        lex.common_words = common_words.lines().map(String::from).collect();
        Ok(lex)
    }

    /// Whether `word` (lower case) introduces a location ("in", "at",
    /// "visited").
    pub fn is_locative(&self, word: &str) -> bool {
        self.locative.contains(word)
    }

    /// Whether `word` (lower case) places what follows it even where that
    /// is also a person's surname ("in", not "to").
    pub fn is_place_preposition(&self, word: &str) -> bool {
        self.place_prepositions.contains(word)
    }

    /// Whether `word` (lower case) ends a street's or square's name
    /// ("road", "square").
    pub fn is_street_word(&self, word: &str) -> bool {
        self.street_words.contains(word)
    }

    /// Whether `word` (lower case) is a compass or direction word
    /// ("west", "inner").
    pub fn is_direction(&self, word: &str) -> bool {
        self.direction_names.contains(word)
    }

    /// Whether `word` (lower case) is an English word that is also a place
    /// name ("reading", "bank"), read as a place only with support.
    pub fn is_common_word(&self, word: &str) -> bool {
        self.common_words.contains(word)
    }
}
