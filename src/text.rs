//! Paragraphs, sentences and word tokens, as byte spans into an
//! article's text. Shared by the place, actor and event analysers.

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
        let heading = body.split_whitespace().count() <= HEADING_WORDS
            && !body
                .trim_end()
                .ends_with(['.', '!', '?', '"', '”', '\'', '’', ':', ',']);
        let mut start = para.start;
        let bytes = text.as_bytes();
        let mut i = para.start;
        while i < para.end {
            let b = bytes[i];
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
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && word.chars().next().is_some_and(char::is_uppercase) {
        return false; // an initial: "J. Smith"
    }
    let lower = word.to_ascii_lowercase();
    !ABBREVIATIONS.contains(&lower.as_str())
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
    let mut out = Vec::new();
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            let joins = if c.is_ascii_digit() {
                matches!(d, ',' | '.')
            } else {
                matches!(d, '\'' | '’' | '-' | '.')
            };
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                iter.next();
            } else if joins {
                // Keep the joiner only if a letter or digit follows it.
                let mut look = s[j + d.len_utf8()..].chars();
                if look.next().is_some_and(char::is_alphanumeric) {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            } else {
                break;
            }
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
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|s| &text[s.span]).collect()
    }

    #[test]
    fn splits_sentences_and_keeps_abbreviations() {
        let t = "He spoke in St. Helens. Mr. Smith said “Go.” Then J. Smith left! Cost 3.5 bn? Yes";
        assert_eq!(
            texts(t),
            [
                "He spoke in St. Helens.",
                "Mr. Smith said “Go.”",
                "Then J. Smith left!",
                "Cost 3.5 bn?",
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
}
