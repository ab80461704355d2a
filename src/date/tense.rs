//! A sentence's tense, guessed from its verbs, to steer bare weekdays.
//!
//! A scheduling phrase ("is planned", "is scheduled") anywhere makes it
//! future. Otherwise the first strong cue decides: a future phrase ("will", "is due to") or
//! a past form (an irregular past from the lexicon, or a word with a
//! regular past ending such as "addressed"). Reporting verbs ("said") are
//! weak: "said she will visit" is about the future, so they decide only
//! when nothing else does; present forms ("is", "says") come last.

use super::Tense;
use super::lexicon::{DateLexicon, WordId, starts};
use super::token::{Kind, Tokens};

impl DateLexicon {
    /// Guesses the tense of `sentence` with this lexicon's cues.
    ///
    /// See [`sentence_tense`](super::sentence_tense) for the English one.
    pub fn sentence_tense(&self, sentence: &str) -> Tense {
        self.tense_of(&Tokens::new(sentence, self), sentence)
    }

    /// The tense of a sentence already tokenized.
    pub(crate) fn tense_of(&self, t: &Tokens<'_>, sentence: &str) -> Tense {
        // "A vigil for those who died is planned for Thursday": a
        // scheduling phrase makes the sentence future wherever it stands.
        if (0..t.toks.len()).any(|i| t.longest(i, starts::SCHEDULED, &self.scheduled).is_some()) {
            return Tense::Future;
        }
        let mut weak_past = false;
        let mut present = false;
        let mut first_word = true;
        for (i, tok) in t.toks.iter().enumerate() {
            let Kind::Word { id, capital } = tok.kind else {
                continue;
            };
            if t.longest(i, starts::FUTURE, &self.future).is_some() {
                return Tense::Future;
            }
            if t.longest(i, starts::PAST, &self.past).is_some() {
                return Tense::Past;
            }
            if t.longest(i, starts::WEAK_PAST, &self.weak_past).is_some() {
                weak_past = true;
            } else if t.longest(i, starts::PRESENT, &self.present).is_some() {
                present = true;
            } else if (first_word || !capital)
                && self.regular_past(sentence.get(tok.start..tok.end).unwrap_or(""), id)
            {
                return Tense::Past;
            }
            first_word = false;
        }
        if weak_past {
            Tense::Past
        } else if present {
            Tense::Present
        } else {
            Tense::Unknown
        }
    }

    /// Whether `word` has a regular past ending and is not an exception.
    fn regular_past(&self, word: &str, id: Option<WordId>) -> bool {
        if id.is_some_and(|id| self.info(id).past_suffix_exception) {
            return false;
        }
        self.past_suffixes.iter().any(|s| {
            word.len() >= s.len() + 2
                && word
                    .get(word.len() - s.len()..)
                    .is_some_and(|end| end.eq_ignore_ascii_case(s))
        })
    }
}
