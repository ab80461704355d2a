//! Tokens of one sentence for the date scanners: words (looked up in the
//! lexicon), numbers and single punctuation characters, with byte spans.
//!
//! Whitespace separates tokens and is dropped; adjacency (`a.end ==
//! b.start`) tells "5th" from "5 th" and "2017-06-05" from "2017 - 06".

use super::lexicon::{DateLexicon, Phrase, WordId, WordInfo};

/// Numbers longer than this are never days or years; their value saturates.
const MAX_DIGITS: usize = 9;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters; `id` when the lexicon knows it.
    Word { id: Option<WordId>, capital: bool },
    /// A run of ASCII digits, possibly with an ordinal suffix ("5th").
    Num {
        value: u32,
        digits: u8,
        ordinal: bool,
    },
    /// Digits glued to letters that are not an ordinal suffix ("5G").
    Other,
    /// Any other single character.
    Punct(char),
}

/// One token: its kind and byte span in the sentence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Splits `text` into tokens. Linear in the text; allocates only the
/// returned vector.
pub(crate) fn tokenize(text: &str, lex: &DateLexicon) -> Vec<Token> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = start + 1;
            while end < bytes.len() && bytes[end].is_ascii_digit() {
                end += 1;
                chars.next();
            }
            let digit_len = end - start;
            let mut value: u32 = 0;
            if digit_len <= MAX_DIGITS {
                for &b in &bytes[start..end] {
                    value = value * 10 + u32::from(b - b'0');
                }
            } else {
                value = u32::MAX;
            }
            let letters_start = end;
            while let Some(&(i, ch)) = chars.peek() {
                if !ch.is_alphabetic() {
                    break;
                }
                end = i + ch.len_utf8();
                chars.next();
            }
            let kind = if letters_start == end {
                Kind::Num {
                    value,
                    digits: u8::try_from(digit_len).unwrap_or(u8::MAX),
                    ordinal: false,
                }
            } else {
                let suffix = &text[letters_start..end];
                let ordinal = lex
                    .word_id(suffix)
                    .is_some_and(|id| lex.info(id).ordinal_suffix);
                if ordinal {
                    Kind::Num {
                        value,
                        digits: u8::try_from(digit_len).unwrap_or(u8::MAX),
                        ordinal: true,
                    }
                } else {
                    Kind::Other
                }
            };
            out.push(Token { start, end, kind });
        } else if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, ch)) = chars.peek() {
                if !ch.is_alphabetic() {
                    break;
                }
                end = i + ch.len_utf8();
                chars.next();
            }
            let id = lex.word_id(&text[start..end]);
            out.push(Token {
                start,
                end,
                kind: Kind::Word {
                    id,
                    capital: c.is_uppercase(),
                },
            });
        } else {
            out.push(Token {
                start,
                end: start + c.len_utf8(),
                kind: Kind::Punct(c),
            });
        }
    }
    out
}

/// A sentence's tokens with the lexicon, and the small questions the date
/// and tense scanners ask of them. Every index may be out of range: the
/// answer is then "no".
pub(crate) struct Tokens<'a> {
    pub toks: Vec<Token>,
    pub lex: &'a DateLexicon,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str, lex: &'a DateLexicon) -> Self {
        Tokens {
            toks: tokenize(text, lex),
            lex,
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn get(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }

    /// The lexicon entry of token `i`, if it is a known word.
    pub fn info(&self, i: usize) -> Option<WordInfo> {
        match self.get(i)?.kind {
            Kind::Word { id: Some(id), .. } => Some(self.lex.info(id)),
            _ => None,
        }
    }

    /// The word id of token `i`.
    pub fn id(&self, i: usize) -> Option<WordId> {
        match self.get(i)?.kind {
            Kind::Word { id, .. } => id,
            _ => None,
        }
    }

    /// Whether token `i` is a word starting with a capital letter.
    pub fn capital(&self, i: usize) -> bool {
        matches!(
            self.get(i).map(|t| t.kind),
            Some(Kind::Word { capital: true, .. })
        )
    }

    /// Whether token `i` is one of `chars`.
    pub fn punct(&self, i: usize, chars: &[char]) -> bool {
        matches!(self.get(i).map(|t| t.kind), Some(Kind::Punct(c)) if chars.contains(&c))
    }

    /// Whether tokens `a` and `b` touch (no space between).
    pub fn adjacent(&self, a: usize, b: usize) -> bool {
        match (self.get(a), self.get(b)) {
            (Some(x), Some(y)) => x.end == y.start,
            _ => false,
        }
    }

    /// The byte span from the start of token `a` to the end of token
    /// `b - 1`.
    pub fn span(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let start = self.get(a).map_or(0, |t| t.start);
        let end = b
            .checked_sub(1)
            .and_then(|l| self.get(l))
            .map_or(start, |t| t.end);
        start..end.max(start)
    }

    /// Whether the words of `phrase` stand at `i`, consecutively.
    pub fn phrase_at<T>(&self, i: usize, phrase: &Phrase<T>) -> bool {
        phrase
            .words
            .iter()
            .enumerate()
            .all(|(k, &w)| self.id(i + k) == Some(w))
    }

    /// The longest phrase of `set` at `i`, if `i` can start one (`bit`), with
    /// the index just past it.
    pub fn longest<'p, T>(
        &self,
        i: usize,
        bit: u16,
        set: &'p [Phrase<T>],
    ) -> Option<(usize, &'p T)> {
        if self.info(i)?.starts & bit == 0 {
            return None;
        }
        set.iter()
            .find(|p| self.phrase_at(i, p))
            .map(|p| (i + p.words.len(), &p.value))
    }

    /// Whether some phrase of `set` ends just before token `i`.
    pub fn phrase_ends_before<T>(&self, i: usize, set: &[Phrase<T>]) -> bool {
        set.iter().any(|p| {
            i.checked_sub(p.words.len())
                .is_some_and(|s| self.phrase_at(s, p))
        })
    }

    /// Whether number token `i` stands alone rather than being part of a
    /// larger number, a time, a fraction or a code ("2,000", "10:30",
    /// "5/6/2017", "M62").
    pub fn standalone_number(&self, i: usize) -> bool {
        const JOINERS: &[char] = &[',', '.', ':', '/'];
        let glued = |a: usize, b: usize| self.adjacent(a, b);
        if let Some(p) = i.checked_sub(1).filter(|&p| glued(p, i)) {
            match self.get(p).map(|t| t.kind) {
                Some(Kind::Punct(c)) if JOINERS.contains(&c) => {
                    if p.checked_sub(1).is_some_and(|pp| {
                        glued(pp, p)
                            && matches!(self.get(pp).map(|t| t.kind), Some(Kind::Num { .. }))
                    }) {
                        return false;
                    }
                }
                Some(Kind::Punct(_)) | None => {}
                Some(_) => return false,
            }
        }
        if glued(i, i + 1) {
            match self.get(i + 1).map(|t| t.kind) {
                Some(Kind::Punct(c)) if JOINERS.contains(&c) => {
                    if glued(i + 1, i + 2)
                        && matches!(self.get(i + 2).map(|t| t.kind), Some(Kind::Num { .. }))
                    {
                        return false;
                    }
                }
                Some(Kind::Punct(_)) | None => {}
                Some(_) => return false,
            }
        }
        true
    }
}
