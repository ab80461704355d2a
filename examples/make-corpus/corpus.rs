//! Synthetic corpora for benchmarks and scale tests.
//!
//! A [`Corpus`] turns a few seed articles (real-looking campaign articles
//! such as `data/articles/**/*.txt` and `tests/articles/*.txt`) into as
//! many varied articles as asked for. Article `i` is made from seed
//! `i % n` and depends only on the corpus seed (a `u64`) and `i`, so a
//! corpus is reproducible and its articles can be made in any order. Each
//! article varies its seed the way another report of a similar campaign
//! would:
//!
//! - the publication date moves by a nonzero number of days, different for
//!   every article made from the same seed;
//! - each town of the seed that is in the pool of its country (the towns
//!   of 15,000 people or more in the bundled [`Gazetteer`]) is replaced by
//!   another populous town of that country, the same one at every mention,
//!   preferably in the same first-level division (a Welsh town for a Welsh
//!   one, an Illinois town for an Illinois one);
//! - crowd sizes ("a crowd of 6,000", "about 700 supporters") become other
//!   plausible sizes with as many significant digits, written the same way;
//! - some body paragraphs swap places with their neighbours. The first
//!   paragraph never moves, a heading stays with the paragraph it heads,
//!   and a quotation that runs over several paragraphs stays in one piece.
//!
//! What is left alone, so that the text stays coherent: a town named as
//! part of a longer name ("Barry Gardiner", "Mr Barry", "Swindon Town"), a
//! town qualified by a region it would no longer be in ("Springfield, Mo."
//! when Springfield, Illinois is the town meant elsewhere), names that are
//! also months, weekdays, common words or region names ("March", "Reading",
//! "Victoria"), and towns of a country the article is not about ("Young",
//! Uruguay, in a British article). Absolute dates in the text are not
//! moved with the publication date.
//!
//! No two articles of a corpus are byte copies: two articles made from
//! the same seed have different publication dates, and seeds that differ
//! only in their towns, crowd sizes or the order of their body paragraphs
//! are kept once ([`Corpus::new`]).
//!
//! # Example
//!
//! `tests::a_seed_becomes_another_article_that_reads_back` below makes one
//! article from a seed and reads it back.

use aho_corasick::{AhoCorasick, MatchKind};
use chrono::{NaiveDate, TimeDelta};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use trailmap::article::{self, Article, Input};
use trailmap::error::InputError;
use trailmap::gazetteer::{Gazetteer, PlaceKind, Region};

/// Towns of at least this many people form the pools (the threshold of
/// GeoNames' `cities15000`).
const MIN_POPULATION: u64 = 15_000;
/// A replacement is drawn from the most populous towns of the original's
/// second-level division (a county, West Yorkshire), at most this many of
/// them, if at least [`MIN_CHOICES`] are free; or else likewise from its
/// first-level division (a state, Wales); or else from the most populous
/// towns of its country, at most [`COUNTRY_TOP`].
const DIVISION_TOP: usize = 60;
/// See [`DIVISION_TOP`].
const MIN_CHOICES: usize = 8;
/// See [`DIVISION_TOP`].
const COUNTRY_TOP: usize = 150;
/// Only numbers at least this large can be crowd sizes ("35 students in a
/// classroom" is not a crowd).
const MIN_CROWD: u64 = 100;

/// Town names that are also months, weekdays, common words or given
/// names; they are never replaced nor chosen. So are the common words of
/// the place lexicon ("Reading", "University"), and region names
/// ("Victoria", "Oregon"), found by a gazetteer lookup.
const STOP_NAMES: &str = "\
    January February March April May June July August September October November December \
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Reading Sale Deal Bath Young \
    Independence Mobile Union Liberty Hope Bury Orange Street Wells Split Nice Police Normal \
    Commerce Grand Most Opportunity Florence Victoria Sandy Paradise Enterprise Industry \
    Progress Labour Labor Justice Beverly Chester Douglas Stanley Morley Clifton Lincoln \
    Washington Jackson Madison Franklin Clinton Warren Marion Lafayette Kent Troy";

/// Capitalised words that may stand right before a town without making
/// it part of a longer name ("In Barry", "North London").
const OPEN_WORDS: &str = "\
    In At From To For On And But Or Near Outside Inside Across Around Through Both After \
    Before Since When While Where With Without Of By The Meanwhile Like Unlike Into Than As \
    Until Beyond Between Towards Toward Then Later Earlier Also Including Via North South \
    East West Central Greater Northern Southern Eastern Western Downtown";

/// Words that make the name after them another name, even at the start
/// of a sentence ("Mr Barry", "New Brighton", "Port Talbot").
const NAME_PREFIXES: &str = "\
    Mr Mrs Ms Miss Dr Sir Lord Lady Dame Rev Prof Senator Governor Mayor President Saint St \
    Ste Mount Mt Port Fort Ft Lake New Old Upper Lower Great Little Cape Glen Castle Bishop \
    King Queen Prince Princess";

/// Capitalised words that may follow a town without making it part of a
/// longer name ("Swindon North", a constituency).
const CLOSE_WORDS: &[&str] = &["North", "South", "East", "West", "Central", "City"];

/// Words after a number that make it a crowd ("700 supporters").
const CROWD_NOUNS: &str = "\
    people supporters activists members workers party students engineers marchers \
    demonstrators protesters protestors campaigners farmers volunteers union residents fans \
    delegates mourners women men teachers nurses miners trade voters followers demonstrated \
    attended gathered marched turned";

/// Words after a number that make it something else ("500 votes").
const OTHER_NOUNS: &str = "\
    votes vote seats seat miles mile km kilometres kilometers per percent hour hours year \
    years months days weeks counties pounds dollars euros jobs homes constituencies \
    councillors wards";

/// Words earlier in the sentence that make a number a crowd ("a crowd of
/// about 3,000 in Birkenhead", "the number of marchers at 6,000"),
/// separated by `|`.
const CROWD_CUES: &str =
    "crowd|marchers|rally|drew|attended|audience|gathered|protesters|demonstrators|turned out";

/// Whether a word is in one of the word lists above.
fn listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}

/// Why a corpus cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CorpusError {
    /// No seed article was given.
    NoSeeds,
    /// A seed article has no publication date (the article's id); its
    /// file lacks the ` date YYYY-MM-DD ` header.
    Undated(String),
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorpusError::NoSeeds => write!(f, "no seed articles"),
            CorpusError::Undated(id) => {
                write!(f, "seed article {id:?} has no publication date")
            }
        }
    }
}

impl std::error::Error for CorpusError {}

/// Reads seed articles from files, directories (searched recursively for
/// `*.txt`, `*.jsonl` and `*.ndjson`, as [`article::expand`] does) and
/// JSON Lines files.
///
/// # Errors
/// An input that does not exist or cannot be read, a bad JSON Lines
/// record, or `-` (standard input is not read for seeds).
pub fn read_seeds(paths: &[PathBuf]) -> Result<Vec<Article>, InputError> {
    let mut out = Vec::new();
    for input in article::expand(paths)? {
        match input {
            Input::Stdin => {
                return Err(InputError::new(
                    None,
                    "seed articles are not read from standard input",
                ));
            }
            Input::File(p) => out.extend(article::read_file(&p)?.articles),
            Input::JsonLines(p) => {
                let file = std::fs::File::open(&p)
                    .map_err(|e| InputError::new(Some(&p), e.to_string()))?;
                let mut bad = None;
                article::read_json_lines(std::io::BufReader::new(file), Some(&p), |r| match r {
                    Ok(a) => out.push(a),
                    Err(e) => {
                        bad.get_or_insert(e);
                    }
                })?;
                if let Some(e) = bad {
                    return Err(e);
                }
            }
        }
    }
    Ok(out)
}

/// An article file's contents: the ` date YYYY-MM-DD ` header, then the
/// text. An article without a date is written without the header.
pub fn to_file_text(a: &Article) -> String {
    match a.published {
        Some(d) => format!(" date {d} {}", a.text),
        None => a.text.clone(),
    }
}

/// An article as one JSON Lines record, `{"id": …, "date": "YYYY-MM-DD",
/// "text": …}`, without the newline; [`article::from_json_line`] reads it
/// back.
pub fn to_json_line(a: &Article) -> String {
    #[derive(Serialize)]
    struct Record<'a> {
        id: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        date: Option<String>,
        text: &'a str,
    }
    let rec = Record {
        id: &a.id,
        date: a.published.map(|d| d.to_string()),
        text: &a.text,
    };
    serde_json::to_string(&rec).expect("a struct of strings always serialises")
}

/// A generator of varied articles from seed articles; see the [module
/// docs](self).
pub struct Corpus {
    seed: u64,
    pools: Pools,
    templates: Vec<Template>,
}

impl Corpus {
    /// Prepares a corpus from seed articles, with `seed` fixing every
    /// random choice. Seeds that would give the same articles as an
    /// earlier one (equal once towns and crowd sizes are masked and body
    /// paragraphs sorted) are dropped. Finding the towns takes the
    /// bundled gazetteer's towns (tens of milliseconds).
    ///
    /// # Errors
    /// No seeds, or a seed without a publication date.
    pub fn new(seeds: Vec<Article>, seed: u64) -> Result<Corpus, CorpusError> {
        if seeds.is_empty() {
            return Err(CorpusError::NoSeeds);
        }
        let pools = Pools::bundled();
        let mut templates = Vec::with_capacity(seeds.len());
        let mut keys = FxHashSet::default();
        for a in seeds {
            let Some(published) = a.published else {
                return Err(CorpusError::Undated(a.id));
            };
            let t = Template::new(&pools, a.id, published, &a.text);
            if keys.insert(t.key()) {
                templates.push(t);
            }
        }
        Ok(Corpus {
            seed,
            pools,
            templates,
        })
    }

    /// The number of distinct seeds; article `i` is made from seed
    /// `i % seed_count()`.
    #[cfg(test)]
    pub fn seed_count(&self) -> usize {
        self.templates.len()
    }

    /// Article `i`: id `{i:06}_{seed id}`, a publication date, the text.
    /// It depends only on the corpus seed and `i`.
    pub fn article(&self, i: u64) -> Article {
        let v = self.variation(i);
        let t = &self.templates[v.template];
        Article {
            id: format!("{i:06}_{}", t.id),
            published: Some(v.published),
            text: t.render(&self.pools, &v),
        }
    }

    /// The random choices for article `i`.
    fn variation(&self, i: u64) -> Variation {
        let n = self.templates.len() as u64;
        let template = (i % n) as usize;
        let t = &self.templates[template];
        let mut rng = fastrand::Rng::with_seed(mix(&[self.seed, i]));
        let shift = date_shift(mix(&[self.seed, template as u64]), i / n);
        let published = TimeDelta::try_days(shift)
            .and_then(|d| t.published.checked_add_signed(d))
            .unwrap_or(t.published);

        let mut used: Vec<u32> = Vec::with_capacity(t.towns.len());
        let mut towns = Vec::with_capacity(t.towns.len());
        for slot in &t.towns {
            let pick = self.pools.pick(slot, &t.taken, &used, &mut rng);
            if let Some(p) = pick {
                used.push(self.pools.towns[p as usize].name);
            }
            towns.push(pick.unwrap_or(slot.town));
        }
        let crowds = t.crowds.iter().map(|c| c.vary(&mut rng)).collect();

        let mut order: Vec<usize> = (0..t.blocks.len()).collect();
        if order.len() >= 3 {
            // Never block 0, which holds the first paragraph.
            for _ in 0..rng.usize(0..=2) {
                let j = rng.usize(1..order.len() - 1);
                order.swap(j, j + 1);
            }
        }
        Variation {
            template,
            published,
            towns,
            crowds,
            order,
        }
    }
}

/// The choices that make one article from its seed.
struct Variation {
    template: usize,
    published: NaiveDate,
    /// Per town slot, the town written (an index into the pools).
    towns: Vec<u32>,
    /// Per crowd slot, the number written.
    crowds: Vec<String>,
    /// The order of the blocks.
    order: Vec<usize>,
}

/// SplitMix64's finaliser over several words: a well-spread seed.
fn mix(words: &[u64]) -> u64 {
    let mut h = 0x9E37_79B9_7F4A_7C15u64;
    for &w in words {
        h = h.wrapping_add(w).wrapping_add(0x9E37_79B9_7F4A_7C15);
        h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        h ^= h >> 31;
    }
    h
}

/// The date shift, in days, of the `round`th article made from one seed:
/// nonzero, different for every round (rounds map one-to-one to shifts),
/// in random order within blocks of 64 rounds, and growing slowly: the
/// first 64 rounds lie within ±32 days, round r within about ±r/2.
fn date_shift(key: u64, round: u64) -> i64 {
    const BLOCK: u64 = 64;
    let block = round / BLOCK;
    let mut perm: [u8; BLOCK as usize] = std::array::from_fn(|k| k as u8);
    fastrand::Rng::with_seed(mix(&[key, block])).shuffle(&mut perm);
    let m = block * BLOCK + u64::from(perm[(round % BLOCK) as usize]);
    // 0 → +1, 1 → −1, 2 → +2, 3 → −2, …
    let k = (m / 2 + 1) as i64;
    if m.is_multiple_of(2) { k } else { -k }
}

/// One pool town.
struct Town {
    /// Index into `Pools::names`.
    name: u32,
    country: Box<str>,
    admin1: Box<str>,
    admin2: Box<str>,
}

/// Which towns a list of replacement candidates holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Area {
    Country(Box<str>),
    Admin1(Box<str>, Box<str>),
    Admin2(Box<str>, Box<str>, Box<str>),
}

/// The pools of populous towns, by country and first-level division, with
/// a matcher for their names.
struct Pools {
    towns: Vec<Town>,
    names: Vec<Box<str>>,
    /// Per name: the most populous town of that name in each first-level
    /// division, most populous first, with its population.
    holders: Vec<Vec<(u32, u64)>>,
    matcher: AhoCorasick,
    /// Replacement candidates: the most populous towns of a division or a
    /// country, distinct names, most populous first.
    lists: Vec<Vec<u32>>,
    list_of: FxHashMap<Area, usize>,
    gazetteer: Gazetteer,
}

/// Whether a gazetteer name can be matched in text and written in its
/// place: capitalised, letters with spaces, hyphens, apostrophes or dots.
fn is_plain_name(name: &str) -> bool {
    name.chars().count() >= 3
        && name.chars().next().is_some_and(char::is_uppercase)
        && name
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.'))
        && !name.contains("  ")
}

impl Pools {
    fn bundled() -> Pools {
        let g = Gazetteer::bundled();
        let stop: FxHashSet<&str> = STOP_NAMES.split_whitespace().collect();
        let common: FxHashSet<&str> = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/lexicon/en/common-words.txt"
        ))
        .lines()
        .collect();
        let mut raw: Vec<(&str, &str, &str, &str, u64)> = g
            .places()
            .map(|(_, p)| p)
            .filter(|p| {
                p.kind == PlaceKind::Town
                    && p.population >= MIN_POPULATION
                    && is_plain_name(&p.name)
                    && !stop.contains(p.name.as_str())
                    && !common.contains(p.name.to_lowercase().as_str())
            })
            .map(|p| {
                (
                    p.name.as_str(),
                    p.country.as_str(),
                    p.admin1.as_str(),
                    p.admin2.as_str(),
                    p.population,
                )
            })
            .collect();
        // Most populous first; ties in a fixed order.
        raw.sort_by(|a, b| {
            b.4.cmp(&a.4)
                .then_with(|| (a.0, a.1, a.2, a.3).cmp(&(b.0, b.1, b.2, b.3)))
        });

        let mut name_ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut names: Vec<Box<str>> = Vec::new();
        let mut holders: Vec<Vec<(u32, u64)>> = Vec::new();
        let mut towns: Vec<Town> = Vec::new();
        let mut lists: Vec<Vec<u32>> = Vec::new();
        let mut list_of: FxHashMap<Area, usize> = FxHashMap::default();
        let mut listed: FxHashSet<(usize, u32)> = FxHashSet::default();
        for (name, country, admin1, admin2, population) in raw {
            // "Victoria", "Oregon", "Georgia": a reader takes them for a
            // region, so the article would change meaning. A city that is
            // its own region (Berlin, Hamburg) is a town all the same.
            let other_region = g.regions_named(name).iter().any(|r| match r {
                Region::Country(c) => c != country,
                Region::Admin1(c, a) => (c.as_str(), a.as_str()) != (country, admin1),
                Region::Admin2(..) => false,
            });
            if other_region {
                continue;
            }
            let id = *name_ids.entry(name).or_insert_with(|| {
                names.push(name.into());
                holders.push(Vec::new());
                (names.len() - 1) as u32
            });
            let t = towns.len() as u32;
            let h = &mut holders[id as usize];
            if h.iter().all(|&(o, _)| {
                let o: &Town = &towns[o as usize];
                (&*o.country, &*o.admin1) != (country, admin1)
            }) {
                h.push((t, population));
            }
            towns.push(Town {
                name: id,
                country: country.into(),
                admin1: admin1.into(),
                admin2: admin2.into(),
            });
            // Replacements are written in English text: plain ASCII names
            // only ("Vattiyurkavu", not "Vattiyūrkāvu").
            let ascii = name.is_ascii();
            let areas = [
                (Area::Country(country.into()), COUNTRY_TOP),
                (Area::Admin1(country.into(), admin1.into()), DIVISION_TOP),
                (
                    Area::Admin2(country.into(), admin1.into(), admin2.into()),
                    DIVISION_TOP,
                ),
            ];
            for (area, cap) in areas {
                let list = *list_of.entry(area).or_insert_with(|| {
                    lists.push(Vec::new());
                    lists.len() - 1
                });
                if ascii && lists[list].len() < cap && listed.insert((list, id)) {
                    lists[list].push(t);
                }
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names.iter().map(|n| n.as_bytes()))
            .expect("town names make a small enough automaton");
        Pools {
            towns,
            names,
            holders,
            matcher,
            lists,
            list_of,
            gazetteer: g,
        }
    }

    fn name_of(&self, town: u32) -> &str {
        &self.names[self.towns[town as usize].name as usize]
    }

    /// A replacement for a slot's town: a random town of its first list
    /// with one free (a town whose name is not in the article and not
    /// chosen for another slot).
    fn pick(
        &self,
        slot: &TownSlot,
        taken: &[u32],
        used: &[u32],
        rng: &mut fastrand::Rng,
    ) -> Option<u32> {
        slot.lists
            .iter()
            .find_map(|&l| self.pick_from(l, taken, used, rng))
    }

    fn pick_from(
        &self,
        list: usize,
        taken: &[u32],
        used: &[u32],
        rng: &mut fastrand::Rng,
    ) -> Option<u32> {
        let list = &self.lists[list];
        if list.is_empty() {
            return None;
        }
        // Not a name of the article, nor one containing it or contained
        // in it ("North Peoria" where Peoria is named).
        let free = |t: &u32| {
            let n = self.towns[*t as usize].name;
            let name = &*self.names[n as usize];
            taken.iter().chain(used).all(|&m| {
                let other = &*self.names[m as usize];
                m != n && !name.contains(other) && !other.contains(name)
            })
        };
        for _ in 0..32 {
            let t = list[rng.usize(..list.len())];
            if free(&t) {
                return Some(t);
            }
        }
        let start = rng.usize(..list.len());
        list[start..]
            .iter()
            .chain(&list[..start])
            .copied()
            .find(|t| free(t))
    }
}

/// A piece of a paragraph.
enum Piece {
    Text(Box<str>),
    /// A town slot, by index.
    Town(usize),
    /// A crowd slot, by index.
    Crowd(usize),
}

/// A town of the seed to be replaced.
struct TownSlot {
    /// The town as the seed names it.
    town: u32,
    /// The lists replacements are drawn from, in order of preference.
    lists: Vec<usize>,
}

/// A crowd size of the seed.
struct Crowd {
    value: u64,
    /// Significant digits (6,000 has one, 1,100 two).
    digits: u32,
    /// Whether thousands are separated with commas.
    commas: bool,
}

impl Crowd {
    fn parse(s: &str) -> Option<Crowd> {
        let commas = s.contains(',');
        let value: u64 = s.replace(',', "").parse().ok()?;
        let digits = value.to_string().trim_end_matches('0').len().max(1) as u32;
        // A number under 1,000 was written without commas because it is
        // small; a larger one may be written with them.
        let commas = commas || value < 1000;
        Some(Crowd {
            value,
            digits,
            commas,
        })
    }

    /// Another plausible size: between half and twice as large, rounded
    /// to as many significant digits, never the same, written the same way.
    fn vary(&self, rng: &mut fastrand::Rng) -> String {
        let mut v = self.value;
        for _ in 0..8 {
            let f = 2f64.powf(rng.f64() * 2.0 - 1.0);
            let x = round_significant(self.value as f64 * f, self.digits);
            if x != self.value && x >= MIN_CROWD {
                v = x;
                break;
            }
        }
        if v == self.value {
            let len = self.value.to_string().len() as u32;
            v += 10u64.pow(len.saturating_sub(self.digits));
        }
        if self.commas {
            with_commas(v)
        } else {
            v.to_string()
        }
    }
}

fn round_significant(x: f64, digits: u32) -> u64 {
    let x = x.round().max(1.0) as u64;
    let len = x.to_string().len() as u32;
    if len <= digits {
        return x;
    }
    let p = 10u64.pow(len - digits);
    (x + p / 2) / p * p
}

fn with_commas(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A seed article cut into fixed text and slots.
struct Template {
    id: String,
    published: NaiveDate,
    paragraphs: Vec<Vec<Piece>>,
    /// Paragraphs that move together, in order; block 0 holds the first.
    blocks: Vec<Range<usize>>,
    towns: Vec<TownSlot>,
    crowds: Vec<Crowd>,
    /// The names (pool name ids) found anywhere in the text, sorted; no
    /// replacement may bring one of them in.
    taken: Vec<u32>,
    /// Whitespace after the last paragraph.
    tail: Box<str>,
    /// The byte length of the seed's text, to size the output.
    len: usize,
}

/// One accepted mention of a pool name.
struct Mention {
    paragraph: usize,
    span: Range<usize>,
    name: u32,
    /// The region named right after it (", Illinois"), if any.
    qualifier: Option<Vec<Region>>,
}

impl Template {
    fn new(pools: &Pools, id: String, published: NaiveDate, text: &str) -> Template {
        let body = text.trim_end();
        let tail = &text[body.len()..];
        let paras: Vec<&str> = body
            .split("\n\n")
            .map(|p| p.trim_matches(['\n', '\r']))
            .filter(|p| !p.trim().is_empty())
            .collect();

        // Towns: every accepted mention, then which of them to replace.
        let mut taken = Vec::new();
        let mut mentions = Vec::new();
        for (pi, p) in paras.iter().enumerate() {
            for m in pools.matcher.find_iter(p) {
                let name = m.pattern().as_u32();
                taken.push(name);
                if let Some(qualifier) = accept_town(p, m.range(), pools) {
                    mentions.push(Mention {
                        paragraph: pi,
                        span: m.range(),
                        name,
                        qualifier,
                    });
                }
            }
        }
        taken.sort_unstable();
        taken.dedup();
        let chosen = choose_holders(pools, &mentions);

        let mut towns: Vec<TownSlot> = Vec::new();
        let mut slot_of: FxHashMap<u32, usize> = FxHashMap::default();
        let mut chosen: Vec<(u32, TownSlot)> = chosen.into_iter().collect();
        chosen.sort_by_key(|(name, _)| *name);
        for (name, slot) in chosen {
            slot_of.insert(name, towns.len());
            towns.push(slot);
        }

        let mut crowds = Vec::new();
        let mut paragraphs = Vec::with_capacity(paras.len());
        for (pi, p) in paras.iter().enumerate() {
            let mut cuts: Vec<(Range<usize>, Piece)> = Vec::new();
            for m in mentions.iter().filter(|m| m.paragraph == pi) {
                if let Some(&s) = slot_of.get(&m.name) {
                    cuts.push((m.span.clone(), Piece::Town(s)));
                }
            }
            for span in crowd_numbers(p) {
                if let Some(c) = Crowd::parse(&p[span.clone()]) {
                    crowds.push(c);
                    cuts.push((span, Piece::Crowd(crowds.len() - 1)));
                }
            }
            cuts.sort_by_key(|(r, _)| r.start);
            let mut pieces = Vec::new();
            let mut at = 0;
            for (r, piece) in cuts {
                if r.start < at {
                    continue;
                }
                if r.start > at {
                    pieces.push(Piece::Text(p[at..r.start].into()));
                }
                pieces.push(piece);
                at = r.end;
            }
            if at < p.len() {
                pieces.push(Piece::Text(p[at..].into()));
            }
            paragraphs.push(pieces);
        }

        Template {
            id,
            published,
            blocks: blocks(&paras),
            paragraphs,
            towns,
            crowds,
            taken,
            tail: tail.into(),
            len: text.len(),
        }
    }

    /// What two seeds share when they can give the same articles: the
    /// fixed text with slots masked, the first paragraph in place and the
    /// others sorted.
    fn key(&self) -> Vec<String> {
        let mut ps: Vec<String> = self
            .paragraphs
            .iter()
            .map(|p| {
                p.iter()
                    .map(|x| match x {
                        Piece::Text(t) => t,
                        Piece::Town(_) => "\u{0}T",
                        Piece::Crowd(_) => "\u{0}N",
                    })
                    .collect()
            })
            .collect();
        if ps.len() > 1 {
            ps[1..].sort();
        }
        ps
    }

    fn render(&self, pools: &Pools, v: &Variation) -> String {
        let mut out = String::with_capacity(self.len + 64);
        let mut first = true;
        for &b in &v.order {
            for p in &self.paragraphs[self.blocks[b].clone()] {
                if !first {
                    out.push_str("\n\n");
                }
                first = false;
                for piece in p {
                    match piece {
                        Piece::Text(t) => out.push_str(t),
                        Piece::Town(s) => out.push_str(pools.name_of(v.towns[*s])),
                        Piece::Crowd(c) => out.push_str(&v.crowds[*c]),
                    }
                }
            }
        }
        out.push_str(&self.tail);
        out
    }
}

/// The word before `at` (letters, dots and apostrophes) if a single space
/// separates it.
fn word_before(text: &str, at: usize) -> Option<&str> {
    let head = text[..at].strip_suffix(' ')?;
    let start = head
        .rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '\'' | '’')))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    (start < head.len()).then(|| &head[start..])
}

/// The word after `at` if a single space separates it.
fn word_after(text: &str, at: usize) -> Option<&str> {
    let rest = text[at..].strip_prefix(' ')?;
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a match of a pool name at `span` is a town mention that can be
/// replaced: a whole word, not part of a longer capitalised name. Returns
/// the regions it is qualified with (", Illinois"), if any.
fn accept_town(text: &str, span: Range<usize>, pools: &Pools) -> Option<Option<Vec<Region>>> {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    if before.is_some_and(|c| c.is_alphanumeric() || c == '-')
        || after.is_some_and(|c| c.is_alphanumeric() || c == '-')
    {
        return None;
    }
    if let Some(w) = word_before(text, span.start)
        && is_capitalised(w)
        && !listed(OPEN_WORDS, w)
    {
        // Preceded by a capitalised word that is part of the name ("Mr
        // Barry", "New Brighton", "Gavin Barwell"), unless it is only
        // capitalised because it starts the sentence ("Visiting Barry").
        let head = text[..span.start - 1 - w.len()].trim_end();
        let starts_sentence = head.is_empty() || head.ends_with(['.', '!', '?', '“', '"', ':']);
        if !starts_sentence || listed(NAME_PREFIXES, w.trim_end_matches('.')) {
            return None;
        }
    }
    if let Some(w) = word_after(text, span.end)
        && is_capitalised(w)
        && !CLOSE_WORDS.contains(&w)
    {
        // "Barry Gardiner", "Chicago Tribune".
        return None;
    }
    Some(qualifier(text, span.end, pools))
}

/// The regions named right after a town (", Illinois", ", Mo.", ", New
/// Hampshire"), if any: up to three capitalised words after a comma that
/// name a region and are not themselves a pool town (a list: "Barry,
/// Brighton, Croydon").
fn qualifier(text: &str, at: usize, pools: &Pools) -> Option<Vec<Region>> {
    let rest = text[at..].strip_prefix(", ")?;
    let mut words: Vec<&str> = Vec::new();
    for tok in rest.split(' ').take(3) {
        let w = tok.trim_end_matches([',', ';', ':', '!', '?', ')', '”', '"', '’']);
        if !is_capitalised(w) {
            break;
        }
        words.push(w);
        if w.len() < tok.len() {
            break;
        }
    }
    for n in (1..=words.len()).rev() {
        let q = words[..n].join(" ");
        for q in [q.as_str(), q.trim_end_matches('.')] {
            if pools
                .matcher
                .find(q)
                .is_some_and(|m| m.range() == (0..q.len()))
            {
                return None;
            }
            let rs = pools.gazetteer.regions_named(q);
            if !rs.is_empty() {
                return Some(rs.to_vec());
            }
        }
    }
    None
}

/// For each name to replace: the slot it becomes (the town it stands for
/// and the lists its replacements come from).
///
/// The article is taken to be about the country that holds most of its
/// names (by count, then population), and about another country only if
/// that one holds at least two names the first does not, and at least
/// half as many as the first holds (not Paterson, New Jersey and
/// Severn, Maryland in an Australian or Welsh article). Within the country, a name stands for its town in the
/// division that holds most of the article's names (Peoria, Illinois
/// among Illinois towns, not the larger Peoria, Arizona), then for the
/// most populous. A name qualified by a region (", N.H.") is replaced only
/// by a town of that region, and kept if its town is not in every region
/// it is qualified with.
fn choose_holders(pools: &Pools, mentions: &[Mention]) -> FxHashMap<u32, TownSlot> {
    let mut names: Vec<u32> = mentions.iter().map(|m| m.name).collect();
    names.sort_unstable();
    names.dedup();
    let country_of = |t: u32| -> &str { &pools.towns[t as usize].country };
    let holds = |n: u32, c: &str| {
        pools.holders[n as usize]
            .iter()
            .any(|&(t, _)| country_of(t) == c)
    };
    let mut by_country: FxHashMap<&str, (usize, u64)> = FxHashMap::default();
    let mut by_region: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    for &n in &names {
        let mut seen: Vec<&str> = Vec::new();
        for &(t, pop) in &pools.holders[n as usize] {
            let town = &pools.towns[t as usize];
            *by_region.entry((&town.country, &town.admin1)).or_default() += 1;
            // Holders are most populous first: count a country once, with
            // its largest town of the name.
            if !seen.contains(&&*town.country) {
                seen.push(&town.country);
                let e = by_country.entry(&town.country).or_default();
                e.0 += 1;
                e.1 += pop;
            }
        }
    }
    let Some(top) = by_country
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(c, _)| *c)
    else {
        return FxHashMap::default();
    };
    let eligible: FxHashSet<&str> = by_country
        .keys()
        .copied()
        .filter(|&c| {
            let own = names
                .iter()
                .filter(|&&n| holds(n, c) && !holds(n, top))
                .count();
            c == top || own >= 2.max(by_country[top].0.div_ceil(2))
        })
        .collect();
    let mut out = FxHashMap::default();
    for &n in &names {
        let holder = pools.holders[n as usize]
            .iter()
            .filter(|(t, _)| eligible.contains(country_of(*t)))
            .max_by_key(|(t, pop)| {
                let town = &pools.towns[*t as usize];
                let c = &*town.country;
                (c == top, by_region[&(c, &*town.admin1)], *pop)
            })
            .map(|(t, _)| *t);
        let Some(t) = holder else { continue };
        let town = &pools.towns[t as usize];
        let (c, a1, a2) = (&town.country, &town.admin1, &town.admin2);
        let district = pools.list_of[&Area::Admin2(c.clone(), a1.clone(), a2.clone())];
        let region = pools.list_of[&Area::Admin1(c.clone(), a1.clone())];
        let country = pools.list_of[&Area::Country(c.clone())];
        let quals: Vec<&Vec<Region>> = mentions
            .iter()
            .filter(|m| m.name == n)
            .filter_map(|m| m.qualifier.as_ref())
            .collect();
        let in_region = |r: &Region| match r {
            Region::Country(c) => *c == *town.country,
            Region::Admin1(c, a) => *c == *town.country && *a == *town.admin1,
            // A county: a replacement would not be in it.
            Region::Admin2(..) => false,
        };
        if !quals.iter().all(|rs| rs.iter().any(in_region)) {
            continue;
        }
        let country_wide = quals.iter().all(|rs| {
            rs.iter()
                .any(|r| matches!(r, Region::Country(_)) && in_region(r))
        });
        // The first area with enough free towns, then the larger ones; a
        // town qualified by its division is replaced within it.
        let free = |l: usize| {
            pools.lists[l]
                .iter()
                .filter(|&&x| !names.contains(&pools.towns[x as usize].name))
                .count()
        };
        let mut lists = vec![district, region, country];
        if a2.is_empty() {
            lists.remove(0);
        }
        if !country_wide {
            lists.pop();
        }
        while lists.len() > 1 && free(lists[0]) < MIN_CHOICES {
            lists.remove(0);
        }
        let slot = TownSlot { town: t, lists };
        out.insert(n, slot);
    }
    out
}

/// The spans of the crowd sizes in a paragraph: numbers of at least
/// [`MIN_CROWD`] followed by a crowd noun ("700 supporters"), or in a
/// sentence about a crowd ("the crowd at about 15,000"), but not a year, a
/// majority, votes, miles or a percentage.
fn crowd_numbers(p: &str) -> Vec<Range<usize>> {
    let b = p.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit()
            || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.'))
        {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len()
            && (b[i].is_ascii_digit()
                || (b[i] == b',' && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        let span = start..i;
        let s = &p[span.clone()];
        let next = b.get(i).copied();
        if matches!(next, Some(b'%' | b'-' | b'.' | b'/' | b':'))
            && b.get(i + 1).is_some_and(|c| !c.is_ascii_whitespace())
            || next.is_some_and(|c| c.is_ascii_alphabetic() || c == b'%')
        {
            continue;
        }
        if !is_grouped(s) {
            continue;
        }
        let value: u64 = match s.replace(',', "").parse() {
            Ok(v) => v,
            Err(_) => continue,
        };
        if value < MIN_CROWD || (!s.contains(',') && s.len() == 4 && (1800..=2100).contains(&value))
        {
            continue;
        }
        let next_word = word_after(p, i).map(str::to_lowercase);
        if next_word.as_deref().is_some_and(|w| listed(OTHER_NOUNS, w)) {
            continue;
        }
        if next_word.as_deref().is_some_and(|w| listed(CROWD_NOUNS, w)) {
            out.push(span);
            continue;
        }
        let sentence_start = p[..start].rfind(['.', '!', '?', ';']).map_or(0, |k| k + 1);
        let mut from = start.saturating_sub(100).max(sentence_start);
        while !p.is_char_boundary(from) {
            from += 1;
        }
        let look = p[from..start].to_lowercase();
        let prev = word_before(p, start).map(str::to_lowercase);
        if look.contains("majority") || matches!(prev.as_deref(), Some("by" | "within")) {
            continue;
        }
        if CROWD_CUES.split('|').any(|c| look.contains(c)) {
            out.push(span);
        }
    }
    out
}

/// Digits alone, or grouped by commas in threes ("6,000", not "6,00").
fn is_grouped(s: &str) -> bool {
    let mut groups = s.split(',');
    let first = groups.next().unwrap_or("");
    if !s.contains(',') {
        return !first.is_empty();
    }
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// The blocks of paragraphs that move together: a heading (a short line
/// without final punctuation) joins the paragraph after it, and a
/// paragraph that continues an unclosed quotation joins the one before.
fn blocks(paras: &[&str]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        let joins = i > 0 && {
            let prev = paras[i - 1].trim_end();
            let heading = prev.chars().count() <= 60
                && !prev.ends_with(['.', '!', '?', '”', '"', '’', ':', ';']);
            let open_quote = p.trim_start().starts_with(['“', '"']) && !prev.ends_with(['”', '"']);
            heading || open_quote
        };
        match out.last_mut() {
            Some(b) if joins => b.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use trailmap::article::{Header, split_header};

    #[test]
    fn a_seed_becomes_another_article_that_reads_back() -> Result<(), CorpusError> {
        let seed = Article {
            id: "ref".into(),
            published: NaiveDate::from_ymd_opt(2017, 6, 7),
            text: "Jeremy Corbyn addressed a crowd of 6,000 in Birmingham last \
                   night.\n\nOn Monday he spoke in Coventry."
                .into(),
        };
        let corpus = Corpus::new(vec![seed], 42)?;
        let a = corpus.article(0);
        assert_eq!(a.id, "000000_ref");
        assert!(!a.text.contains("Birmingham") && !a.text.contains("6,000"));
        let file = to_file_text(&a);
        let (header, text) = split_header(&file);
        assert_eq!(header, Header::Date(a.published.unwrap()));
        assert_eq!(text, a.text);
        Ok(())
    }
    use std::path::Path;
    use std::sync::LazyLock;

    fn seeds() -> Vec<Article> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        read_seeds(&[root.join("data/articles"), root.join("tests/articles")]).unwrap()
    }

    static CORPUS: LazyLock<Corpus> = LazyLock::new(|| Corpus::new(seeds(), 7).unwrap());

    fn seed_text(id: &str) -> String {
        seeds().into_iter().find(|a| a.id == id).unwrap().text
    }

    #[test]
    fn deterministic() {
        let again = Corpus::new(seeds(), 7).unwrap();
        let other = Corpus::new(seeds(), 8).unwrap();
        let n = CORPUS.seed_count() as u64;
        let mut differs = 0;
        for i in 0..2 * n {
            assert_eq!(CORPUS.article(i), again.article(i));
            differs += usize::from(CORPUS.article(i) != other.article(i));
        }
        assert!(differs as u64 >= n, "another seed changes most articles");
        // Any order: article i alone is the same as in a sequence.
        assert_eq!(CORPUS.article(5 * n + 3), again.article(5 * n + 3));
    }

    #[test]
    fn all_distinct() {
        let n = CORPUS.seed_count() as u64;
        assert!(n >= 30, "{n} distinct seeds");
        let mut seen = FxHashSet::default();
        for i in 0..2 * n {
            assert!(
                seen.insert(to_file_text(&CORPUS.article(i))),
                "article {i} repeats"
            );
        }
        // Many rounds over the same seed: the dates alone keep them apart.
        let mut seen = FxHashSet::default();
        for r in 0..2000 {
            assert!(
                seen.insert(CORPUS.article(r * n + 3).text),
                "round {r} repeats"
            );
        }
    }

    #[test]
    fn duplicate_seeds_are_kept_once() {
        let mut s = seeds();
        let n = Corpus::new(s.clone(), 1).unwrap().seed_count();
        let mut copy = s[0].clone();
        copy.id = "copy".into();
        s.push(copy);
        assert_eq!(Corpus::new(s, 1).unwrap().seed_count(), n);
    }

    #[test]
    fn errors() {
        assert_eq!(Corpus::new(vec![], 1).err(), Some(CorpusError::NoSeeds));
        let a = Article {
            id: "x".into(),
            published: None,
            text: "Text.".into(),
        };
        assert_eq!(
            Corpus::new(vec![a], 1).err(),
            Some(CorpusError::Undated("x".into()))
        );
    }

    #[test]
    fn header_parses_back_with_shifted_date() {
        let n = CORPUS.seed_count() as u64;
        for i in 0..3 * n {
            let a = CORPUS.article(i);
            let t = &CORPUS.templates[(i % n) as usize];
            let file = to_file_text(&a);
            assert!(file.starts_with(" date "), "{file:.30}");
            let (h, text) = split_header(&file);
            assert_eq!(h, Header::Date(a.published.unwrap()));
            assert_ne!(a.published.unwrap(), t.published, "article {i}");
            assert!(
                (a.published.unwrap() - t.published).num_days().abs() <= 64,
                "article {i}"
            );
            assert_eq!(text, a.text);
            let back = trailmap::article::from_bytes(&a.id, file.as_bytes(), None);
            assert!(back.warnings.is_empty());
            assert_eq!(back.articles, vec![a.clone()]);
            let json = to_json_line(&a);
            assert_eq!(
                trailmap::article::from_json_line(&json, None, 1).unwrap(),
                a
            );
        }
    }

    fn variation_of(id: &str, round: u64) -> (&'static Template, Variation, String) {
        let c = &*CORPUS;
        let k = c.templates.iter().position(|t| t.id == id).unwrap();
        let i = round * c.seed_count() as u64 + k as u64;
        let v = c.variation(i);
        (&c.templates[k], v, c.article(i).text)
    }

    #[test]
    fn towns_replaced_within_the_same_country() {
        let pools = &CORPUS.pools;
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "000_ba44a2785b731151",
                "GB",
                &[
                    "Birmingham",
                    "Barry",
                    "Brighton",
                    "Croydon",
                    "Glasgow",
                    "Warrington",
                    "Gateshead",
                ],
            ),
            (
                "il2018_final_weekend",
                "US",
                &[
                    "Carbondale",
                    "Peoria",
                    "Chicago",
                    "Aurora",
                    "Elgin",
                    "Moline",
                ],
            ),
            (
                "de_berlin_march",
                "DE",
                &["Leipzig", "Dresden", "Munich", "Hamburg"],
            ),
        ];
        for (id, cc, names) in cases {
            for round in 0..20 {
                let (t, v, text) = variation_of(id, round);
                let slots: Vec<&str> = t.towns.iter().map(|s| pools.name_of(s.town)).collect();
                for name in *names {
                    assert!(slots.contains(name), "{id}: {name} not found in {slots:?}");
                    assert!(!text.contains(name), "{id}: {name} kept:\n{text}");
                }
                for (s, &new) in t.towns.iter().zip(&v.towns) {
                    let (old, new) = (&pools.towns[s.town as usize], &pools.towns[new as usize]);
                    assert_eq!(&*old.country, *cc, "{id}");
                    assert_eq!(old.country, new.country, "{id}");
                    assert_ne!(old.name, new.name, "{id}");
                    assert!(text.contains(&*pools.names[new.name as usize]));
                }
                // Consistent: each replacement is a different town.
                let mut picked: Vec<u32> = v
                    .towns
                    .iter()
                    .map(|&t| pools.towns[t as usize].name)
                    .collect();
                picked.sort_unstable();
                picked.dedup();
                assert_eq!(picked.len(), v.towns.len(), "{id}");
            }
        }
    }

    #[test]
    fn replacements_prefer_the_same_division() {
        // Welsh Barry by a Welsh town, Illinois towns by Illinois towns.
        let pools = &CORPUS.pools;
        for (id, name) in [
            ("000_ba44a2785b731151", "Barry"),
            ("il2018_final_weekend", "Peoria"),
        ] {
            for round in 0..10 {
                let (t, v, _) = variation_of(id, round);
                let k = t
                    .towns
                    .iter()
                    .position(|s| pools.name_of(s.town) == name)
                    .unwrap();
                let (old, new) = (
                    &pools.towns[t.towns[k].town as usize],
                    &pools.towns[v.towns[k] as usize],
                );
                assert_eq!((&old.country, &old.admin1), (&new.country, &new.admin1));
            }
        }
    }

    #[test]
    fn names_that_are_not_towns_here_stay() {
        let (_, _, text) = variation_of("uk_barry_person", 0);
        assert!(
            text.contains("Barry Gardiner") && text.contains("Barry Sheerman"),
            "{text}"
        );
        assert!(text.contains("Theresa May"));
        assert!(
            !text.contains("In Barry,") && !text.contains("Swindon"),
            "{text}"
        );
        let (_, _, text) = variation_of("000_ba44a2785b731151", 0);
        assert!(
            text.contains("\n\nYoung\n\n"),
            "a heading, not Young, Uruguay"
        );
        // Springfield, Illinois and Springfield, Mo. are two towns.
        let (_, _, text) = variation_of("us_springfield_illinois", 0);
        assert!(text.contains("Springfield, Illinois") && text.contains("Springfield, Mo."));
    }

    #[test]
    fn town_mentions() {
        let pools = &CORPUS.pools;
        let accepted = |text: &str, name: &str| {
            let at = text.find(name).unwrap();
            accept_town(text, at..at + name.len(), pools).is_some()
        };
        let cases: &[(&str, &str, bool)] = &[
            ("He spoke in Barry on Monday.", "Barry", true),
            ("In Barry, meanwhile, she spoke.", "Barry", true),
            ("Visiting Barry, she spoke.", "Barry", true),
            ("Barry Gardiner spoke.", "Barry", false),
            ("He met Mr Barry there.", "Barry", false),
            ("Mr Barry said so.", "Barry", false),
            ("New Brighton voted.", "Brighton", false),
            ("Swindon North voted.", "Swindon", true),
            ("the Cardiff-based government", "Cardiff", false),
            ("Birmingham's mayor", "Birmingham", true),
        ];
        for (text, name, want) in cases {
            assert_eq!(accepted(text, name), *want, "{text}");
        }
        let q = |text: &str| {
            let name = "Springfield";
            let at = text.find(name).unwrap();
            accept_town(text, at..at + name.len(), pools).flatten()
        };
        let il = Region::Admin1("US".into(), "IL".into());
        assert!(q("in Springfield, Illinois, on Thursday").is_some_and(|r| r.contains(&il)));
        assert!(q("in Springfield, Ill., on Thursday").is_some_and(|r| r.contains(&il)));
        assert_eq!(q("in Springfield, Peoria and Chicago"), None);
    }

    #[test]
    fn crowds_vary_in_the_same_format() {
        let seed = seed_text("000_ba44a2785b731151");
        assert!(seed.contains("a crowd of 6,000 in"));
        let mut sizes = FxHashSet::default();
        for round in 0..20 {
            let (_, _, text) = variation_of("000_ba44a2785b731151", round);
            let at = text.find("a crowd of ").unwrap() + "a crowd of ".len();
            let n = &text[at..at + text[at..].find(' ').unwrap()];
            assert!(is_grouped(n) && n.contains(','), "{n}");
            let v: u64 = n.replace(',', "").parse().unwrap();
            assert!(
                (3000..=12000).contains(&v) && v != 6000 && v.is_multiple_of(1000),
                "{n}"
            );
            sizes.insert(v);
            // Not a crowd: the majority and the 24 year old.
            assert!(text.contains("majority of just 165") && text.contains("One 24 year old"));
        }
        assert!(sizes.len() >= 4, "{sizes:?}");
    }

    #[test]
    fn crowd_numbers_found() {
        fn found(s: &str) -> Vec<&str> {
            crowd_numbers(s).into_iter().map(|r| &s[r]).collect()
        }
        assert_eq!(
            found("He addressed a crowd of 6,000 in Birmingham."),
            ["6,000"]
        );
        assert_eq!(
            found("About 700 supporters came. Labour won by 2,015 votes in 2017."),
            ["700"]
        );
        assert_eq!(
            found("a majority of more than 10,000. She addressed about 200 supporters"),
            ["200"]
        );
        assert_eq!(
            found("Police put the number of marchers at 6,000; organisers"),
            ["6,000"]
        );
        assert_eq!(
            found("Turnout in 2013 was 71.5 per cent, 60-hour weeks, 1,200 miles"),
            Vec::<&str>::new()
        );
        assert_eq!(with_commas(1234567), "1,234,567");
        assert_eq!(round_significant(6449.0, 1), 6000);
        assert_eq!(round_significant(1149.0, 2), 1100);
    }

    #[test]
    fn first_paragraph_stays_first_and_blocks_stay_whole() {
        let n = CORPUS.seed_count() as u64;
        let mut moved = 0;
        for i in 0..3 * n {
            let v = CORPUS.variation(i);
            assert_eq!(v.order[0], 0);
            moved += usize::from(v.order.windows(2).any(|w| w[0] > w[1]));
        }
        assert!(
            moved as u64 > n,
            "some articles reorder paragraphs: {moved}"
        );
        let (_, _, text) = variation_of("000_ba44a2785b731151", 1);
        assert!(text.starts_with("Jeremy Corbyn told thousands of Labour supporters"));
        // A quotation over two paragraphs stays together.
        assert!(text.contains("And we are real, serious and here.\n\n“And do you know what?"));
        assert!(text.contains("\n\nYoung\n\nOne 24 year old"));
    }

    #[test]
    fn date_shifts_are_one_to_one() {
        let mut seen = FxHashSet::default();
        for r in 0..10_000 {
            let d = date_shift(99, r);
            assert_ne!(d, 0);
            assert!(d.unsigned_abs() <= r / 2 + 33, "{r}: {d}");
            assert!(seen.insert(d), "{r}");
        }
    }
}
