//! Finding place names in text.

use super::PlaceLexicon;
use crate::gazetteer::{Gazetteer, Qualifier, fold};
use crate::text::{Sentence, Token, is_initials, sentences, tokens};
use std::borrow::Cow;
use std::ops::Range;

/// The longest place name looked up, in words ("Newcastle upon Tyne").
const MAX_WORDS: usize = 5;

/// A place name found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte span of the name in the text.
    pub span: Range<usize>,
    /// The name, folded (the gazetteer's key).
    pub key: String,
    /// The qualifier after a comma ("south London" for "Croydon, south
    /// London"), if any.
    pub qualifier: Option<String>,
    /// The sentence the name is in (an index into the text's sentences).
    pub sentence: usize,
    /// A locative word comes before it ("in", "at", "visited"), directly
    /// or through a list ("in Barry, Brighton and Croydon").
    pub locative: bool,
    /// The name is the qualifier of the mention before it: it places that
    /// one and is not a place in its own right.
    pub is_qualifier: bool,
}

impl Mention {
    /// A mention of a known span of `text` (for evaluation against gold
    /// spans).
    pub fn at(text: &str, span: Range<usize>) -> Mention {
        let key = text.get(span.clone()).map(fold).unwrap_or_default();
        Mention {
            span,
            key,
            qualifier: None,
            sentence: 0,
            locative: false,
            is_qualifier: false,
        }
    }

    /// The name as written.
    pub fn surface<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.span.clone()).unwrap_or("")
    }
}

/// The dateline of a wire or newspaper story, if the text opens with one:
/// a place in capitals at the very start ("DAYTON, Ohio (AP) —",
/// "LONDON (Reuters) -", "NEW DELHI:"), followed by its qualifier, an
/// agency in brackets, a dash or a colon. The story was filed there, and
/// its "here" means that place.
///
/// # Examples
/// ```
/// use trailmap::gazetteer::Gazetteer;
/// use trailmap::place::{dateline, recognise};
/// let g = Gazetteer::bundled();
/// let text = "DAYTON, Ohio (AP) — Brandt held a rally here Saturday.";
/// let m = recognise(text, &g);
/// assert_eq!(dateline(text, &m).map(|d| d.surface(text)), Some("DAYTON"));
/// let text = "Dayton is a city in Ohio.";
/// assert_eq!(dateline(text, &recognise(text, &g)), None);
/// ```
pub fn dateline<'m>(text: &str, mentions: &'m [Mention]) -> Option<&'m Mention> {
    let first = mentions.first()?;
    let surface = first.surface(text);
    let in_capitals = surface.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !surface.chars().any(char::is_lowercase);
    if !text[..first.span.start].trim().is_empty() || !in_capitals {
        return None;
    }
    // After the name and its qualifier ("DAYTON, Ohio"), the dateline goes
    // on with a bracket, a dash or a colon.
    let end = match mentions.get(1) {
        Some(q) if q.is_qualifier => q.span.end,
        _ => first.span.end,
    };
    let rest = text[end..].trim_start_matches([' ', ',', '.']);
    rest.starts_with(['(', '—', '–', '-', ':']).then_some(first)
}

/// Finds the place names of a text.
pub fn recognise(text: &str, gaz: &Gazetteer) -> Vec<Mention> {
    let sents = sentences(text);
    let toks: Vec<Vec<Token>> = sents.iter().map(|s| tokens(text, s.span.clone())).collect();
    recognise_in(text, &sents, &toks, gaz, PlaceLexicon::english())
}

/// Finds the place names of a text already split into sentences and
/// tokens (`sentence_tokens[i]` are the tokens of `sents[i]`).
pub fn recognise_in(
    text: &str,
    sents: &[Sentence],
    sentence_tokens: &[Vec<Token>],
    gaz: &Gazetteer,
    lex: &PlaceLexicon,
) -> Vec<Mention> {
    let mut out = Vec::new();
    for (si, (s, toks)) in sents.iter().zip(sentence_tokens).enumerate() {
        if !s.heading {
            Sentence::scan(text, si, toks, gaz, lex, &mut out);
        }
    }
    out
}

/// What lies between two tokens.
fn gap<'t>(text: &'t str, a: &Token, b: &Token) -> &'t str {
    text.get(a.span.end..b.span.start).unwrap_or("")
}

/// A token in lower case, without a final full stop; borrowed when it is
/// already lower-case ASCII (most words around a name are).
fn lower<'t>(text: &'t str, t: &Token) -> Cow<'t, str> {
    let w = text[t.span.clone()].trim_end_matches('.');
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

impl Sentence {
    fn scan(
        text: &str,
        si: usize,
        toks: &[Token],
        gaz: &Gazetteer,
        lex: &PlaceLexicon,
        out: &mut Vec<Mention>,
    ) {
        let first_new = out.len();
        let mut i = 0;
        // Whether the previous mention in this sentence was locative, and
        // where it ended (for lists).
        while i < toks.len() {
            if !toks[i].capital {
                i += 1;
                continue;
            }
            let Some(j) = longest_name(text, toks, i, gaz, lex) else {
                i += 1;
                continue;
            };
            let span = toks[i].span.start..toks[j].span.end;
            let key = fold(&text[span.clone()]);
            let keep = reads_as_place(text, toks, i, j, lex);
            let mut next = j + 1;
            let mut mention = Mention {
                span,
                key,
                qualifier: None,
                sentence: si,
                locative: is_locative(text, toks, i, lex) || after_placed_venue(text, toks, i, lex),
                is_qualifier: false,
            };
            // A qualifier: ", south London", ", Ill.", ", Wales".
            let mut qualifier_mention = None;
            if next < toks.len() && gap(text, &toks[j], &toks[next]).trim() == "," {
                let name = &text[mention.span.clone()];
                if let Some((q_end, q_text, q_name)) =
                    qualifier_at(text, toks, next, name, gaz, lex)
                {
                    mention.qualifier = Some(q_text);
                    if let Some(r) = q_name {
                        qualifier_mention = Some(Mention {
                            span: r.clone(),
                            key: fold(&text[r]),
                            qualifier: None,
                            sentence: si,
                            locative: false,
                            is_qualifier: true,
                        });
                    }
                    next = q_end + 1;
                }
            }
            if keep || mention.qualifier.is_some() {
                let common = lex.is_common_word(&mention.key);
                let in_list = list_follows(text, toks, out[first_new..].last(), i);
                if in_list {
                    mention.locative = true;
                }
                if !common || mention.locative || mention.qualifier.is_some() {
                    out.push(mention);
                    out.extend(qualifier_mention);
                }
            }
            i = next;
        }
    }
}

/// The last token of the longest gazetteer name starting at token `i`.
fn longest_name(
    text: &str,
    toks: &[Token],
    i: usize,
    gaz: &Gazetteer,
    lex: &PlaceLexicon,
) -> Option<usize> {
    let mut ends = Vec::new();
    for j in i..toks.len().min(i + MAX_WORDS) {
        if j > i {
            let g = gap(text, &toks[j - 1], &toks[j]);
            if !g.chars().all(|c| c == ' ' || c == '.') || g.is_empty() && !toks[j].capital {
                break;
            }
            if !toks[j].capital && !lex.name_connectors.contains(lower(text, &toks[j]).as_ref()) {
                break;
            }
            // "’s" is never part of a name.
            if text[toks[j].span.clone()].ends_with('s')
                && toks[j].span.len() <= 3
                && !toks[j].capital
            {
                break;
            }
        }
        if toks[j].capital {
            ends.push(j);
        }
    }
    ends.into_iter()
        .rev()
        .find(|&j| gaz.has_name(&text[toks[i].span.start..toks[j].span.end]))
}

/// Whether a locative word comes before token `i`, over fillers ("in the
/// Welsh town of Barry").
fn is_locative(text: &str, toks: &[Token], i: usize, lex: &PlaceLexicon) -> bool {
    let mut k = i;
    let mut hops = 0;
    while k > 0 && hops < 5 {
        k -= 1;
        hops += 1;
        // Words part by spaces, or by the apostrophe of an elision ("dans
        // son fief d'Hénin-Beaumont").
        if !gap(text, &toks[k], &toks[k + 1])
            .trim_matches(|c: char| c.is_whitespace() || c == '\'' || c == '’')
            .is_empty()
        {
            return false;
        }
        let w = lower(text, &toks[k]);
        if lex.locative.contains(w.as_ref()) {
            return true;
        }
        // "the streets of Thrissur", "le Zénith de Nantes".
        if lex.venue_joiners.contains(w.as_ref())
            && k > 0
            && lex.venue_of.contains(lower(text, &toks[k - 1]).as_ref())
        {
            return true;
        }
        if !lex.locative_fillers.contains(w.as_ref()) && !lex.direction_names.contains(w.as_ref()) {
            return false;
        }
    }
    false
}

/// Whether token `i` follows, after a comma, the name of a venue that a
/// locative word places: "in the Miners' Institute, Blaenavon", "At St
/// John's, Hexham".
fn after_placed_venue(text: &str, toks: &[Token], i: usize, lex: &PlaceLexicon) -> bool {
    if i == 0 || gap(text, &toks[i - 1], &toks[i]).trim() != "," {
        return false;
    }
    // The venue's words, back from the comma: capitalised or a possessive,
    // joined by spaces or apostrophes, up to a locative word or filler.
    let mut start = i;
    while start > 0 && i - start < MAX_WORDS {
        let t = &toks[start - 1];
        let w = lower(text, t);
        let possessive = matches!(w.as_ref(), "'s" | "’s");
        let name = (t.capital || possessive)
            && !lex.locative.contains(w.as_ref())
            && !lex.locative_fillers.contains(w.as_ref());
        let joined = start == i
            || gap(text, t, &toks[start])
                .chars()
                .all(|c| matches!(c, ' ' | '\'' | '’'));
        if !name || !joined {
            break;
        }
        start -= 1;
    }
    start < i && is_locative(text, toks, start, lex)
}

/// Whether token `i` continues a list after the previous mention `prev`
/// of the sentence ("Barry, Brighton and Croydon") that was locative.
fn list_follows(text: &str, toks: &[Token], prev: Option<&Mention>, i: usize) -> bool {
    let Some(prev) = prev else { return false };
    if !prev.locative || i == 0 {
        return false;
    }
    let between = text.get(prev.span.end..toks[i].span.start).unwrap_or("");
    let words: Vec<&str> = between
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    between.len() < 80
        && words.iter().all(|w| matches!(*w, "and" | "or" | "&"))
        && between.contains([',', 'a', 'o', '&'])
}

/// Whether the name at tokens `i..=j` reads as a place rather than part
/// of a person's or organisation's name.
fn reads_as_place(text: &str, toks: &[Token], i: usize, j: usize, lex: &PlaceLexicon) -> bool {
    if i == j && lex.function_words.contains(lower(text, &toks[i]).as_ref()) {
        return false;
    }
    // "Thursday Island", "May": a month or weekday name starts no place.
    if crate::date::DateLexicon::english().is_calendar_name(&text[toks[i].span.clone()]) {
        return false;
    }
    if i > 0 {
        let prev = &toks[i - 1];
        let w = lower(text, prev);
        let adjacent = gap(text, prev, &toks[i]).chars().all(|c| c == ' ');
        // "Theresa May", "Gavin Barwell", "the Near West Side": a
        // capitalised word before, unless it is only capitalised because
        // it starts the sentence ("In Barry").
        let starts_sentence = i == 1 && lex.function_words.contains(w.as_ref());
        if adjacent && prev.capital && !starts_sentence && !lex.direction_names.contains(w.as_ref())
        {
            return false;
        }
        // "Mrs May", "Senator Warren".
        if lex.person_titles.contains(w.as_ref()) {
            return false;
        }
        // "M.K. Stalin", "J. Smith": initials before.
        if is_initials(&text[prev.span.clone()])
            && gap(text, prev, &toks[i]).trim_start_matches('.') == " "
        {
            return false;
        }
        // "London's Smithfield market": a place inside a place.
        if !prev.capital && matches!(&text[prev.span.clone()], "'s" | "’s") {
            return false;
        }
    }
    if let Some(next) = toks.get(j + 1) {
        let w = lower(text, next);
        let adjacent = gap(text, &toks[j], next).chars().all(|c| c == ' ');
        // "Holton Road", "Albert Square": a street named after a place.
        if adjacent && next.capital && lex.street_words.contains(w.as_ref()) {
            return false;
        }
        // "Barry Gardiner", "Leeds United"; but "Leeds Town Hall".
        if adjacent
            && next.capital
            && !lex.venue_words.contains(w.as_ref())
            && !lex.function_words.contains(w.as_ref())
        {
            return false;
        }
        // "University of Illinois": a name that goes on after "of".
        if w == "of" && !next.capital && toks.get(j + 2).is_some_and(|t| t.capital) {
            return false;
        }
        // "Barry told reporters".
        if adjacent && i == j && lex.speech_verbs.contains(w.as_ref()) {
            return false;
        }
    }
    true
}

/// A qualifier starting at token `k` (after a comma): an optional compass
/// word and up to three capitalised words that name a region or a town.
/// Returns its last token, its text, and the span of the place name in it.
fn qualifier_at(
    text: &str,
    toks: &[Token],
    k: usize,
    name: &str,
    gaz: &Gazetteer,
    lex: &PlaceLexicon,
) -> Option<(usize, String, Option<Range<usize>>)> {
    let mut start = k;
    if !toks[k].capital && lex.direction_names.contains(lower(text, &toks[k]).as_ref()) {
        start = k + 1;
    }
    let first = toks.get(start)?;
    if !first.capital {
        return None;
    }
    let mut best = None;
    for end in start..toks.len().min(start + 3) {
        if end > start {
            let g = gap(text, &toks[end - 1], &toks[end]);
            if !g.chars().all(|c| c == ' ' || c == '.') || !toks[end].capital {
                break;
            }
        }
        let q_text = &text[toks[k].span.start..toks[end].span.end];
        let with_stop = text[toks[end].span.end..].starts_with('.');
        let q = if with_stop {
            format!("{q_text}.")
        } else {
            q_text.to_string()
        };
        if gaz.qualifies(name, &q) {
            best = Some((end, q, Some(toks[start].span.start..toks[end].span.end)));
        }
    }
    // "in North Vancouver, Langley and Burnaby": a town after the comma
    // that the list goes on from is the list's next member, not where the
    // first one lies (a region still qualifies: "Salem, Oregon, and Boise").
    if let Some((end, q, _)) = &best
        && list_goes_on(text, toks, *end)
        && matches!(
            gaz.qualifier(q, crate::gazetteer::directions()),
            Qualifier::Near(_)
        )
    {
        return None;
    }
    best
}

/// Whether a list of names goes on after token `k`: ", Burnaby",
/// " and Burnaby" or ", and Burnaby" comes next.
fn list_goes_on(text: &str, toks: &[Token], k: usize) -> bool {
    let Some(a) = toks.get(k + 1) else {
        return false;
    };
    let conjunction = matches!(lower(text, a).as_ref(), "and" | "or")
        && toks.get(k + 2).is_some_and(|b| b.capital);
    match gap(text, &toks[k], a).trim() {
        "," => a.capital || conjunction,
        "" => conjunction,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, Option<String>, bool)> {
        let g = Gazetteer::bundled();
        recognise(text, &g)
            .into_iter()
            .filter(|m| !m.is_qualifier)
            .map(|m| (m.surface(text).to_string(), m.qualifier.clone(), m.locative))
            .collect()
    }

    fn surfaces(text: &str) -> Vec<String> {
        names(text).into_iter().map(|n| n.0).collect()
    }

    #[test]
    fn reference_article_traps() {
        let cases: &[(&str, &[&str])] = &[
            (
                "He addressed a crowd of 6,000 in Birmingham, last night.",
                &["Birmingham"],
            ),
            (
                "His speech was relayed to events in Barry, Brighton, Croydon, Glasgow, and Warrington where senior figures joined.",
                &["Barry", "Brighton", "Croydon", "Glasgow", "Warrington"],
            ),
            ("Jane was there with her teenage daughter.", &[]),
            ("She told Socialist Worker, “I’m one of many.”", &[]),
            ("Young\n\nOne 24 year old first time voter added.", &[]),
            (
                "But Corbyn’s ability is a world away from Theresa May’s lonely campaign.",
                &[],
            ),
            (
                "She posed with butchers at London’s Smithfield meat market.",
                &["London"],
            ),
            (
                "Tory housing minister Gavin Barwell has a majority of just 165.",
                &[],
            ),
            ("Barry told reporters he was happy.", &[]),
            ("Reading the report, she smiled.", &[]),
            ("The rally in Reading drew a crowd.", &["Reading"]),
            (
                "Fans of Leeds United cheered in Newcastle upon Tyne.",
                &["Newcastle upon Tyne"],
            ),
            ("A rally at Leeds Town Hall.", &["Leeds"]),
            ("A set by a choir at a hall on the Near West Side.", &[]),
            ("He spoke at a diner on Holton Road in Barry.", &["Barry"]),
            ("A rally at the University of Illinois.", &["Illinois"]),
            ("Candidates in Kildare North clashed in Naas.", &["Naas"]),
        ];
        for (text, want) in cases {
            assert_eq!(surfaces(text), *want, "{text}");
        }
    }

    #[test]
    fn qualifiers_attach_to_their_town() {
        let t = "Over 1,000 people joined a rally in Croydon, south London, where he spoke.";
        assert_eq!(
            names(t),
            [("Croydon".into(), Some("south London".into()), true)]
        );
        let t = "She spoke in Springfield, Ill. The next day she left.";
        assert_eq!(names(t)[0].1.as_deref(), Some("Ill."));
        let t = "He campaigned in Portland, Maine, on Friday.";
        assert_eq!(names(t)[0].1.as_deref(), Some("Maine"));
    }
}
