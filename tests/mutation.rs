//! Mutation tests of every reader and renderer (issue #18, section 4).
//!
//! Each reader gets valid seed files, mutated by a seeded generator (bytes
//! flipped, inserted, deleted, repeated; fields replaced by hostile tokens:
//! NUL, escapes, formulas, huge and non-finite numbers, impossible dates,
//! broken UTF-8) and fed through the same library calls the commands make,
//! down to the tables and SVGs written. For every case: no panic, no hang,
//! and either an output or errors that all name the file.
//!
//! By default a few dozen cases per reader run (seconds). The long run is
//! `TRAILMAP_MUTATIONS=10000 cargo test --release --test tests mutation --
//! --nocapture`: it prints, per reader, the cases, panics,
//! hangs, refusals and the slowest cases as a ratio to their unmutated seed
//! of the same size. Speed is reported, never asserted; `TRAILMAP_SEED`
//! picks another seed.

use crate::util::{Dir, root};
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use trailmap::article;
use trailmap::event::extract::Extractor;
use trailmap::event::jsonl::{self, Records};
use trailmap::event::merge::merge;
use trailmap::event::store::DayStore;
use trailmap::event::writer::{TableFormat, write_table};
use trailmap::event::{Event, geojson, reader, table};
use trailmap::gazetteer::{Gazetteer, Query};
use trailmap::render::{MapOptions, Theme, TimelineOptions, render_map, render_timeline};

/// A case still running after this long is a hang (every case here is a
/// few kilobytes and takes milliseconds).
const HANG: Duration = Duration::from_secs(60);

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::bundled);

/// Tokens that have broken parsers before, or could.
const TOKENS: &[&str] = &[
    "\0",
    "\u{1b}[2J",
    "\r",
    "\r\n",
    "\n",
    "\n\n",
    "\"",
    "\"\"",
    "\\",
    "\\u0000",
    "\\u001b",
    "\\ud800",
    ",",
    ";",
    "|",
    "'",
    "=",
    "+",
    "-",
    "@",
    "\t",
    "{",
    "}",
    "[",
    "]",
    ":",
    "#",
    "€",
    "\u{feff}",
    "\u{202e}",
    "𝕏",
    "é",
    "\u{fffd}",
    "0",
    "-0",
    "-1",
    "400",
    "-1000",
    "10000",
    "1e308",
    "-1e308",
    "inf",
    "-inf",
    "nan",
    "1e-320",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "999999999999",
    "9999-12-31",
    "0000-01-01",
    "2017-02-30",
    "2017-06-07",
    "null",
    "true",
    "[]",
    "{}",
    "#a€bc",
    "#+1+2+3",
    "#FFF",
    " date 2017-06-07 ",
    "date",
    "a rally in Leeds on 5 June 2017. ",
    "Birmingham, Alabama",
    "thousands",
];

/// Bytes that end a field in the formats read here.
const DELIMITERS: &[u8] = b",\n\"=:[]{} |";

/// Numbers that break arithmetic: non-finite, huge, negative, overflowing.
const NUMBERS: &[&str] = &[
    "inf",
    "-inf",
    "nan",
    "0",
    "-0",
    "-1000",
    "400",
    "10000",
    "1e308",
    "1e-320",
    "999999999999",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
];

/// One mutation of `seed`: one edit in half the cases (so that more of
/// them stay well-formed and reach what lies behind the parser), else two
/// to four.
fn mutate(seed: &[u8], rng: &mut fastrand::Rng) -> Vec<u8> {
    let mut b = seed.to_vec();
    let cap = seed.len() * 4 + (64 << 10);
    let edits = if rng.bool() { 1 } else { rng.usize(2..=4) };
    for _ in 0..edits {
        let at = rng.usize(..=b.len());
        match rng.u8(0..8) {
            0 if !b.is_empty() => {
                let i = rng.usize(..b.len());
                b[i] = rng.u8(..);
            }
            1 => {
                let t = TOKENS[rng.usize(..TOKENS.len())];
                b.splice(at..at, t.bytes());
            }
            2 => {
                let end = (at + rng.usize(1..64)).min(b.len());
                b.drain(at..end);
            }
            3 => {
                let end = (at + rng.usize(1..256)).min(b.len());
                let piece = b[at..end].repeat(rng.usize(1..20));
                if b.len() + piece.len() <= cap {
                    b.splice(end..end, piece);
                }
            }
            4 => {
                // A field, any of them alike, replaced by a token.
                let ends: Vec<usize> = (b.iter().enumerate())
                    .filter(|(_, c)| DELIMITERS.contains(c))
                    .map(|(i, _)| i)
                    .collect();
                let k = rng.usize(..=ends.len());
                let start = if k == 0 { 0 } else { ends[k - 1] + 1 };
                let end = ends.get(k).copied().unwrap_or(b.len());
                let t = TOKENS[rng.usize(..TOKENS.len())];
                b.splice(start..end, t.bytes());
            }
            5 => b.truncate(at),
            6 => {
                // A number (a run of digits and points) replaced by one
                // that breaks arithmetic.
                let runs: Vec<(usize, usize)> = b
                    .split(|c| !(c.is_ascii_digit() || *c == b'.'))
                    .scan(0, |pos, run| {
                        let start = *pos;
                        *pos += run.len() + 1;
                        Some((start, start + run.len()))
                    })
                    .filter(|(s, e)| e > s)
                    .collect();
                if !runs.is_empty() {
                    let (start, end) = runs[rng.usize(..runs.len())];
                    b.splice(start..end, NUMBERS[rng.usize(..NUMBERS.len())].bytes());
                }
            }
            _ => {
                let mut lines: Vec<&[u8]> = b.split(|&c| c == b'\n').collect();
                let n = lines.len();
                lines.swap(rng.usize(..n), rng.usize(..n));
                b = lines.join(&b'\n');
            }
        }
    }
    b
}

/// What a reader does with a file: the errors it reported (none when it
/// produced its output).
type Read = fn(&Path) -> Vec<String>;

struct Reader {
    name: &'static str,
    /// Seed files: a file name (whose extension may decide the format)
    /// and the valid contents.
    seeds: Vec<(String, Vec<u8>)>,
    read: Read,
}

fn file(rel: &str) -> Vec<u8> {
    std::fs::read(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn sample_articles() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("data/articles/uk-2017"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| (article::id_of(p) + ".txt", std::fs::read(p).unwrap()))
        .collect()
}

/// The bundled sample as JSON Lines articles, two per file.
fn sample_json_lines() -> Vec<(String, Vec<u8>)> {
    let lines: Vec<String> = sample_articles()
        .iter()
        .map(|(name, bytes)| {
            let a = article::from_bytes(name, bytes, None).articles.remove(0);
            let date = a.published.map(|d| d.to_string()).unwrap_or_default();
            serde_json::json!({"id": a.id, "date": date, "text": a.text}).to_string() + "\n"
        })
        .collect();
    lines
        .chunks(2)
        .enumerate()
        .map(|(i, c)| (format!("articles-{i}.jsonl"), c.concat().into_bytes()))
        .collect()
}

fn extract_articles(articles: &[article::Article]) -> Vec<Event> {
    let ex = Extractor::new(&GAZETTEER, None);
    articles
        .iter()
        .flat_map(|a| merge(ex.extract(a).events))
        .collect()
}

/// Events through every writer, as the commands write them.
fn write_all(events: &[Event]) {
    for format in [TableFormat::Csv, TableFormat::Geojson, TableFormat::Jsonl] {
        write_table(Vec::new(), events, format).expect("writing to memory");
    }
}

fn read_article_file(path: &Path) -> Vec<String> {
    match article::read_file(path) {
        Ok(read) => {
            write_all(&extract_articles(&read.articles));
            read.warnings.iter().map(ToString::to_string).collect()
        }
        Err(e) => vec![e.to_string()],
    }
}

fn read_json_lines(path: &Path) -> Vec<String> {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let input = BufReader::new(std::fs::File::open(path).unwrap());
    let read = article::read_json_lines(input, Some(path), |r| match r {
        Ok(a) => articles.push(a),
        Err(e) => errors.push(e.to_string()),
    });
    errors.extend(read.err().map(|e| e.to_string()));
    write_all(&extract_articles(&articles));
    errors
}

/// The small table the theme cases draw.
static THEME_EVENTS: LazyLock<Vec<Event>> =
    LazyLock::new(|| table::read_csv(&file("output/us-2018/events.csv")[..], None).unwrap());

fn render(events: &[Event], theme: &Theme) -> Vec<String> {
    render_timeline(events, &TimelineOptions::default(), theme);
    match render_map(events, &MapOptions::default(), theme) {
        Ok(_) => Vec::new(),
        Err(e) => vec![format!("the map failed: {e}")],
    }
}

fn read_events_table(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let events = if path.extension().is_some_and(|e| e == "geojson") {
        geojson::read_geojson(&String::from_utf8_lossy(&bytes), Some(path))
    } else {
        table::read_csv(&bytes[..], Some(path))
    };
    match events {
        Ok(events) => render(&events, &Theme::default()),
        Err(e) => vec![e.to_string()],
    }
}

fn read_gazetteer(path: &Path) -> Vec<String> {
    match Gazetteer::with_user_file(path) {
        Ok(g) => {
            for name in ["Llanfoo", "Barry", "Springfield, Ohio"] {
                g.geocode(&Query::parse(name));
            }
            Vec::new()
        }
        Err(e) => vec![e.to_string()],
    }
}

fn read_theme(path: &Path) -> Vec<String> {
    match Theme::load(path) {
        Ok(theme) => render(&THEME_EVENTS, &theme),
        Err(e) => vec![e.to_string()],
    }
}

fn read_shard(path: &Path) -> Vec<String> {
    let mut records = Records::default();
    match reader::read_shard(path, &mut records) {
        Ok(()) => {
            let mut days = DayStore::default();
            records.events.iter().for_each(|e| days.add(e));
            write_all(&days.merged());
            Vec::new()
        }
        Err(e) => vec![e.to_string()],
    }
}

/// A JSON Lines shard as `extract --format jsonl` writes it.
fn sample_shard() -> Vec<u8> {
    let ex = Extractor::new(&GAZETTEER, None);
    let mut out = Vec::new();
    for (name, bytes) in sample_articles() {
        let a = article::from_bytes(&name, &bytes, None).articles.remove(0);
        let x = ex.extract(&a);
        for e in merge(x.events) {
            jsonl::write_event(&mut out, &e).unwrap();
        }
        for u in &x.unresolved {
            jsonl::write_unresolved(&mut out, u).unwrap();
        }
    }
    out
}

const THEME: &str = r##"font_family = "DejaVu Sans, Arial, sans-serif"
background = "#FFFFFF"
text = "#222222"
muted_text = "#595959"
axis = "#333333"
grid = "#DDDDDD"
lane_band = "#F5F5F5"
palette = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
default_marker = "#0072B2"
marker_min_radius = 10.0
marker_max_radius = 22.0
width = 640.0
margin = 16.0
land = "#DCDCDC"
land_other = "#EDEDED"
sea = "#F7F9FB"
border = "#FFFFFF"
inner_border = "#FFFFFF"
leader = "#666666"

[font_size]
title = 19.0
subtitle = 14.0
label = 12.0
source = 11.0

[[parties]]
names = ["Labour", "Labour Party"]
colour = "#E4003B"

[[parties]]
names = ["Conservative", "Tories"]
colour = "#0087DC"
"##;

const GAZETTEER_CSV: &str = "name,lat,lon,country,admin1,population,alt_names\n\
    Llanfoo,51.5,-3.2,GB,Wales,1200,Llan Foo|Foo\n\
    Barry,51.39979,-3.28380,GB,Wales,54673,Y Barri\n\
    Springfield,39.92423,-83.80882,US,OH,58662,\n\
    \"Saint-Étienne\",45.43389,4.39,FR,,171057,St Etienne|Saint Etienne\n";

fn readers() -> Vec<Reader> {
    let csv = file("output/events.csv");
    vec![
        Reader {
            name: "article files",
            seeds: sample_articles(),
            read: read_article_file,
        },
        Reader {
            name: "JSON Lines articles",
            seeds: sample_json_lines(),
            read: read_json_lines,
        },
        Reader {
            name: "events tables",
            seeds: vec![
                ("events.csv".into(), csv.clone()),
                ("us.csv".into(), file("output/us-2018/events.csv")),
                ("events.geojson".into(), file("output/events.geojson")),
                (
                    "hand.csv".into(),
                    b"Date,Place,Lat,Lon,Crowd\n2017-06-06,Barry,51.4,-3.28,300\n,Leeds,53.8,-1.55,\n"
                        .to_vec(),
                ),
            ],
            read: read_events_table,
        },
        Reader {
            name: "--gazetteer CSVs",
            seeds: vec![("places.csv".into(), GAZETTEER_CSV.into())],
            read: read_gazetteer,
        },
        Reader {
            name: "theme files",
            seeds: vec![("theme.toml".into(), THEME.into())],
            read: read_theme,
        },
        Reader {
            name: "merge shards",
            seeds: vec![
                ("part-00000".into(), sample_shard()),
                ("events.csv".into(), csv),
                ("events.geojson".into(), file("output/events.geojson")),
            ],
            read: read_shard,
        },
    ]
}

/// What one case came to.
enum Verdict {
    Fine(Vec<String>),
    Panicked,
    Hung,
}

/// Runs a reader on a file in a thread of its own, watched for panics and
/// hangs; the verdict and the time taken.
fn watch(read: Read, path: &Path) -> (Verdict, Duration) {
    let (tx, rx) = mpsc::channel();
    let p = path.to_path_buf();
    let start = Instant::now();
    std::thread::spawn(move || {
        let errors = read(&p);
        let _ = tx.send(errors);
    });
    let verdict = match rx.recv_timeout(HANG) {
        Ok(errors) => Verdict::Fine(errors),
        Err(mpsc::RecvTimeoutError::Disconnected) => Verdict::Panicked,
        // The thread is left spinning: the test fails anyway.
        Err(mpsc::RecvTimeoutError::Timeout) => Verdict::Hung,
    };
    (verdict, start.elapsed())
}

/// The number of cases per reader: `TRAILMAP_MUTATIONS`, else 40.
fn cases() -> usize {
    std::env::var("TRAILMAP_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40)
}

#[test]
fn mutated_inputs_never_panic_hang_or_go_unnamed() {
    let seed = std::env::var("TRAILMAP_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(18);
    let mut rng = fastrand::Rng::with_seed(seed);
    let d = Dir::new("mutation");
    let mut failures = Vec::new();
    for reader in readers() {
        // Ordinary input: each seed's time, the best of three.
        let ordinary: Vec<f64> = reader
            .seeds
            .iter()
            .map(|(name, bytes)| {
                let p = d.write(&format!("base/{name}"), bytes);
                let best = (0..3).map(|_| watch(reader.read, &p).1).min().unwrap();
                best.as_secs_f64()
            })
            .collect();
        let (mut panics, mut hangs, mut refused) = (0, 0, 0);
        // The slowest cases: ratio, case number, seed, input.
        let mut slowest: Vec<(f64, usize, usize, Vec<u8>)> = Vec::new();
        let mut done = 0;
        for case in 0..cases() {
            let s = rng.usize(..reader.seeds.len());
            let (name, seed_bytes) = &reader.seeds[s];
            let bytes = mutate(seed_bytes, &mut rng);
            let path = d.write(&format!("case/{name}"), &bytes);
            let keep = || {
                let kept = d.write(&format!("failed/{case}-{name}"), &bytes);
                format!("{} case {case} ({})", reader.name, kept.display())
            };
            let (verdict, took) = watch(reader.read, &path);
            match verdict {
                Verdict::Fine(errors) => {
                    let shown = path.display().to_string();
                    if let Some(e) = errors.iter().find(|e| !e.contains(&shown)) {
                        failures.push(format!("{}: error without the file: {e}", keep()));
                    }
                    refused += usize::from(!errors.is_empty());
                }
                Verdict::Panicked => {
                    panics += 1;
                    failures.push(format!("{}: panicked", keep()));
                }
                Verdict::Hung => {
                    hangs += 1;
                    failures.push(format!("{}: still running after {HANG:?}", keep()));
                    break;
                }
            }
            // Ordinary input of the same size: the seed's time, scaled up
            // linearly for a case grown larger (a smaller one is not
            // expected to be faster).
            let grown = (bytes.len() as f64 / seed_bytes.len() as f64).max(1.0);
            let ratio = took.as_secs_f64() / (ordinary[s] * grown);
            slowest.push((ratio, case, s, bytes));
            slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
            slowest.truncate(10);
            done += 1;
        }
        // Timed again, the best of three, so that a case the machine
        // happened to stall on does not stand for a slow input.
        let mut top: Vec<(f64, usize, usize)> = slowest
            .iter()
            .map(|(_, case, s, bytes)| {
                let (name, seed_bytes) = &reader.seeds[*s];
                let path = d.write(&format!("case/{name}"), bytes);
                let best = (0..3).map(|_| watch(reader.read, &path).1).min().unwrap();
                let grown = (bytes.len() as f64 / seed_bytes.len() as f64).max(1.0);
                (
                    best.as_secs_f64() / (ordinary[*s] * grown),
                    *case,
                    bytes.len(),
                )
            })
            .collect();
        top.sort_by(|a, b| b.0.total_cmp(&a.0));
        let top: Vec<String> = top
            .iter()
            .take(3)
            .map(|(r, case, len)| format!("{r:.1}× (case {case}, {len} bytes)"))
            .collect();
        eprintln!(
            "mutation: {}: {} cases, {panics} panics, {hangs} hangs, {refused} refused; slowest vs ordinary input of the same size: {}",
            reader.name,
            done + hangs,
            top.join(", ")
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
