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

pub use recognise::{Mention, recognise, recognise_in};
pub use resolve::{Resolution, resolve};

use serde::Deserialize;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Words the recogniser reads, from `data/lexicon/<lang>/places.toml`
/// and `common-words.txt`.
#[derive(Deserialize)]
pub struct PlaceLexicon {
    locative: HashSet<String>,
    locative_fillers: HashSet<String>,
    venue_of: HashSet<String>,
    function_words: HashSet<String>,
    venue_words: HashSet<String>,
    street_words: HashSet<String>,
    direction_names: HashSet<String>,
    name_connectors: HashSet<String>,
    speech_verbs: HashSet<String>,
    person_titles: HashSet<String>,
    #[serde(skip)]
    common_words: HashSet<String>,
}

static ENGLISH: LazyLock<PlaceLexicon> = LazyLock::new(|| {
    let mut lex: PlaceLexicon = toml::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/lexicon/en/places.toml"
    )))
    .expect("bundled lexicon is valid TOML");
    lex.common_words = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/lexicon/en/common-words.txt"
    ))
    .lines()
    .map(String::from)
    .collect();
    lex
});

impl PlaceLexicon {
    /// The bundled English lexicon.
    pub fn english() -> &'static PlaceLexicon {
        &ENGLISH
    }

    /// Whether `word` (lower case) introduces a location ("in", "at",
    /// "visited").
    pub fn is_locative(&self, word: &str) -> bool {
        self.locative.contains(word)
    }
}
