//! Paragraphs, sentences and word tokens, as byte spans into an
//! article's text. Shared by the place, actor and event analysers.

use rustc_hash::FxHashMap;
use std::ops::Range;

/// One sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span in the article text.
    pub span: Range<usize>,
    /// 0-based paragraph number.
    pub paragraph: usize,
    /// The paragraph is a heading (a few words, no closing punctuation).
    pub heading: bool,
}

/// The longest paragraph that counts as a heading, in words.
const HEADING_WORDS: usize = 6;

/// Words after which a full stop does not end a sentence (folded, without
/// the stop). Titles, initials and the press's abbreviations.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "mt", "prof", "rev", "gov", "sen", "rep", "gen", "col", "lt",
    "sgt", "capt", "cllr", "hon", "jr", "sr", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n",
    "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "co", "corp", "inc", "ltd", "ft", "approx",
];

/// Splits a text into paragraphs (at blank lines) and sentences.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    for para in paragraphs(text) {
        let body = &text[para.clone()];
        // A short line that opens with a number is a timetable's ("3 pm -
        // Panamaram", "23 October: Sasaram, Gaya"), not a heading.
        let heading = body.split_whitespace().nth(HEADING_WORDS).is_none()
            && !body.trim_start().starts_with(|c: char| c.is_ascii_digit())
            && !body
                .trim_end()
                .ends_with(['.', '!', '?', '"', '”', '\'', '’', ':', ',']);
        let mut start = para.start;
        let bytes = text.as_bytes();
        let mut i = para.start;
        while i < para.end {
            let b = bytes[i];
            // A line that opens with a bullet is an item of its own
            // ("- Tuesday, Feb. 4: Rally in Milford, 6:30 p.m.").
            if b == b'\n' && opens_item(&text[i + 1..para.end]) {
                push(&mut out, text, start..i, paragraph, heading);
                start = i + 1;
                i += 1;
                continue;
            }
            if matches!(b, b'.' | b'!' | b'?') && ends_sentence(text, para.start, i, para.end) {
                let mut end = i + 1;
                // Closing quotes and brackets belong to the sentence.
                while end < para.end {
                    let c = text[end..].chars().next().unwrap_or(' ');
                    if matches!(c, '"' | '”' | '’' | '\'' | ')') {
                        end += c.len_utf8();
                    } else {
                        break;
                    }
                }
                push(&mut out, text, start..end, paragraph, heading);
                start = end;
                i = end;
                continue;
            }
            i += 1;
        }
        push(&mut out, text, start..para.end, paragraph, heading);
        paragraph += 1;
    }
    out
}

fn push(out: &mut Vec<Sentence>, text: &str, span: Range<usize>, paragraph: usize, heading: bool) {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Sentence {
            span: span.start + lead..span.end - trail,
            paragraph,
            heading,
        });
    }
}

/// Byte spans of the paragraphs: runs of text between blank lines.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (true, Some(s)) => {
                out.push(s..pos);
                start = None;
            }
            (false, None) => start = Some(pos),
            _ => {}
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Whether a line opens with a bullet: a dash, bullet or star and a space.
fn opens_item(line: &str) -> bool {
    let line = line.trim_start_matches([' ', '\t']);
    line.strip_prefix(['-', '•', '*', '–', '—'])
        .is_some_and(|rest| rest.starts_with(' '))
}

/// Whether the stop at byte `i` ends a sentence: followed by space and
/// then a capital, digit or quote, and not after an abbreviation or an
/// initial.
fn ends_sentence(text: &str, para_start: usize, i: usize, para_end: usize) -> bool {
    let after = &text[i + 1..para_end];
    let after = after.trim_start_matches(['"', '”', '’', '\'', ')']);
    let rest = after.trim_start();
    if rest.len() == after.len() && !rest.is_empty() {
        return false; // "3.5", "U.S.A", "example.com"
    }
    let Some(next) = rest.chars().next() else {
        return true;
    };
    if !(next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '“' | '‘' | '\''))
    {
        return false;
    }
    if text.as_bytes()[i] != b'.' {
        return true;
    }
    let before = &text[para_start..i];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    if is_initials(word) {
        return false; // initials: "J. Smith", "M.K. Stalin", "J.R.R. Tolkien"
    }
    let lower = word.to_ascii_lowercase();
    !ABBREVIATIONS.contains(&lower.as_str())
}

/// Whether a word (without its last full stop) is a person's initials:
/// single capital letters joined by full stops ("J", "M.K", "J.R.R").
pub(crate) fn is_initials(word: &str) -> bool {
    word.split('.').all(|part| {
        let mut c = part.chars();
        c.next().is_some_and(char::is_uppercase) && c.next().is_none()
    })
}

/// A word or number in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the text.
    pub span: Range<usize>,
    /// Starts with an upper-case letter.
    pub capital: bool,
    /// Starts with a digit.
    pub number: bool,
}

/// The words and numbers of a span of text. A word is a run of letters
/// and digits, with inner apostrophes, hyphens and full stops kept
/// ("Stratford-upon-Avon", "O'Neill", "U.S."); a possessive `'s` is split
/// off as its own token; numbers keep their inner commas ("6,000").
pub fn tokens(text: &str, span: Range<usize>) -> Vec<Token> {
    let s = &text[span.clone()];
    let n = s.len();
    let mut out = Vec::with_capacity(n / 4);
    let mut i = 0;
    while i < n {
        let c = char_at(s, i);
        if !c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        let mut end = i + c.len_utf8();
        while end < n {
            let d = char_at(s, end);
            let joins = if c.is_ascii_digit() {
                matches!(d, ',' | '.')
            } else {
                matches!(d, '\'' | '’' | '-' | '.')
            };
            let after = end + d.len_utf8();
            // A joiner stays only if a letter or digit follows it.
            if d.is_alphanumeric() || joins && after < n && char_at(s, after).is_alphanumeric() {
                end = after;
            } else {
                break;
            }
        }
        // An elided article or preposition before a name is a word of its
        // own: "d'Hénin-Beaumont", "l'Élysée".
        let mut rest = s[i..end].chars();
        if let (Some(e), Some('\'' | '’'), Some(n)) = (rest.next(), rest.next(), rest.next())
            && e.is_lowercase()
            && n.is_uppercase()
        {
            out.push(Token {
                span: span.start + i..span.start + i + e.len_utf8(),
                capital: false,
                number: false,
            });
            i += e.len_utf8() + char_at(s, i + e.len_utf8()).len_utf8();
            continue;
        }
        let word = &s[i..end];
        // Split a possessive "'s" off the word it belongs to.
        let (word_end, poss) = match word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")) {
            Some(stem) if !stem.is_empty() => (i + stem.len(), true),
            _ => (end, false),
        };
        out.push(Token {
            span: span.start + i..span.start + word_end,
            capital: c.is_uppercase(),
            number: c.is_ascii_digit(),
        });
        if poss {
            out.push(Token {
                span: span.start + word_end..span.start + end,
                capital: false,
                number: false,
            });
        }
        i = end;
    }
    out
}

/// The character starting at byte `i` of `s` (a character boundary).
fn char_at(s: &str, i: usize) -> char {
    match s.as_bytes()[i] {
        b if b.is_ascii() => char::from(b),
        _ => s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER),
    }
}

/// The lower-case forms of a sentence's tokens, borrowed from one buffer
/// per article (one allocation, not one per word).
pub struct Lowered {
    buf: String,
    /// Per sentence, the byte ranges of its words in `buf`.
    words: Vec<Vec<Range<usize>>>,
}

impl Lowered {
    /// The lower-case words of each sentence's tokens.
    pub fn new(text: &str, sentence_tokens: &[Vec<Token>]) -> Lowered {
        let mut buf = String::with_capacity(text.len());
        let words = sentence_tokens
            .iter()
            .map(|ts| {
                ts.iter()
                    .map(|t| {
                        let start = buf.len();
                        let w = &text[t.span.clone()];
                        if w.is_ascii() {
                            buf.push_str(w);
                            buf[start..].make_ascii_lowercase();
                        } else {
                            buf.extend(w.chars().flat_map(char::to_lowercase));
                        }
                        start..buf.len()
                    })
                    .collect()
            })
            .collect();
        Lowered { buf, words }
    }

    /// The words of sentence `i`.
    pub fn sentence(&self, i: usize) -> Vec<&str> {
        self.words[i].iter().map(|r| &self.buf[r.clone()]).collect()
    }
}

/// Phrases of one or more lower-case words, each with a value, found in
/// a sentence's lower-case words. Indexed by first word, so a sentence is
/// read once whatever the size of the lexicon.
#[derive(Debug)]
pub struct Phrases<T> {
    by_first: FxHashMap<String, Vec<(Vec<String>, T)>>,
    /// The most words of any phrase: how far back one can start.
    longest: usize,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases {
            by_first: FxHashMap::default(),
            longest: 0,
        }
    }
}

impl<T> Phrases<T> {
    /// Adds a phrase (words separated by single spaces, any case). Of the
    /// phrases that start at one word, those added first come first.
    pub fn insert(&mut self, phrase: &str, value: T) {
        let words: Vec<String> = phrase.split(' ').map(str::to_lowercase).collect();
        self.longest = self.longest.max(words.len());
        self.by_first
            .entry(words[0].clone())
            .or_default()
            .push((words, value));
    }

    /// The phrases that start at word `i`: (index of their last word,
    /// value).
    pub fn at<'s>(&'s self, words: &[&str], i: usize) -> impl Iterator<Item = (usize, &'s T)> {
        self.by_first
            .get(words[i])
            .into_iter()
            .flatten()
            .filter(move |(p, _)| {
                words.len() - i >= p.len() && p.iter().zip(&words[i..]).all(|(a, b)| a == b)
            })
            .map(move |(p, v)| (i + p.len() - 1, v))
    }

    /// Every occurrence, in order: (first word, last word, value).
    pub fn find_all(&self, words: &[&str]) -> Vec<(usize, usize, &T)> {
        (0..words.len())
            .flat_map(|i| self.at(words, i).map(move |(end, v)| (i, end, v)))
            .collect()
    }

    /// The value of the first phrase found.
    pub fn first(&self, words: &[&str]) -> Option<&T> {
        (0..words.len()).find_map(|i| self.at(words, i).next().map(|(_, v)| v))
    }

    /// Whether a phrase ends at word `end` (exclusive), or one word
    /// before it. Only the words a phrase could start at are read, so a
    /// sentence of any length costs the same per call.
    pub fn ends_near(&self, words: &[&str], end: usize) -> bool {
        (end.saturating_sub(self.longest + 1)..end).any(|i| {
            self.at(words, i)
                .any(|(last, _)| last + 1 == end || last + 2 == end)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|s| &text[s.span]).collect()
    }

    #[test]
    fn a_bulleted_line_is_a_sentence_of_its_own() {
        let text = "Where she goes next:\n- Fri., Oct. 2: Rally in Hexham, 7 p.m.\n- Sat., Oct. 3: Alnwick";
        assert_eq!(
            texts(text),
            [
                "Where she goes next:",
                "- Fri., Oct. 2: Rally in Hexham, 7 p.m.",
                "- Sat., Oct. 3: Alnwick"
            ]
        );
    }

    #[test]
    fn splits_sentences_and_keeps_abbreviations() {
        let t = "He spoke in St. Helens. Mr. Smith said “Go.” Then J. Smith left! Cost 3.5 bn? \
                 M.K. Stalin spoke. Yes";
        assert_eq!(
            texts(t),
            [
                "He spoke in St. Helens.",
                "Mr. Smith said “Go.”",
                "Then J. Smith left!",
                "Cost 3.5 bn?",
                "M.K. Stalin spoke.",
                "Yes"
            ]
        );
    }

    #[test]
    fn paragraphs_and_headings() {
        let t = "First para. Second sentence.\n\nYoung\n\nThird para";
        let s = sentences(t);
        assert_eq!(s.len(), 4);
        assert_eq!((s[2].paragraph, s[2].heading), (1, true));
        assert_eq!(&t[s[2].span.clone()], "Young");
        assert!(!s[0].heading);
    }

    #[test]
    fn tokens_keep_inner_joiners_and_split_possessives() {
        let t = "London’s Stratford-upon-Avon rally of 6,000 in the U.S. (O'Neill).";
        let got: Vec<&str> = tokens(t, 0..t.len())
            .iter()
            .map(|k| &t[k.span.clone()])
            .collect();
        assert_eq!(
            got,
            [
                "London",
                "’s",
                "Stratford-upon-Avon",
                "rally",
                "of",
                "6,000",
                "in",
                "the",
                "U.S",
                "O'Neill"
            ]
        );
    }

    #[test]
    fn phrases_are_found_by_their_first_word() {
        let mut p = Phrases::default();
        p.insert("rally", 1);
        p.insert("Town Hall", 2);
        p.insert("town", 3);
        let words = ["a", "town", "hall", "rally"];
        assert_eq!(p.find_all(&words), [(1, 2, &2), (1, 1, &3), (3, 3, &1)]);
        assert_eq!(p.first(&words), Some(&2));
        assert!(p.ends_near(&words, 4));
        assert!(!p.ends_near(&["hall", "a", "b", "c"], 4));
    }

    #[test]
    fn lowered_words_borrow_one_buffer() {
        let t = "Élan in LONDON. Ok";
        let s = sentences(t);
        let toks: Vec<Vec<Token>> = s.iter().map(|x| tokens(t, x.span.clone())).collect();
        let l = Lowered::new(t, &toks);
        assert_eq!(l.sentence(0), ["élan", "in", "london"]);
        assert_eq!(l.sentence(1), ["ok"]);
    }
}
