//! Scores trailmap's place resolution (and, on GeoWebNews, its place
//! recognition) against a public geoparsing benchmark.
//!
//! ```sh
//! cargo run --release --example geoparse_eval -- GeoVirus.xml
//! cargo run --release --example geoparse_eval -- GWN.xml
//! ```
//!
//! The corpora are GPL-3.0 evaluation data and are not part of this
//! repository; pass the path of a copy. The format is recognised from the
//! XML: GeoVirus (`<locations>`, offsets shifted by one: the surface is
//! `text[start-1..end-1]`) or GeoWebNews (`<toponyms>`, 0-based character
//! offsets, end exclusive). Offsets count characters; they are converted
//! to byte offsets here.
//!
//! Resolution is scored on the gold spans (oracle recognition): every gold
//! toponym with coordinates becomes a mention, the mentions of one document
//! are resolved together, and each gets the great-circle error from its
//! resolved place to the gold point (an unresolved one counts as 20,039 km,
//! half the Earth's circumference). Where the recogniser finds a name with
//! exactly the gold span, its mention (with any qualifier such as ", Ill.")
//! is used instead of a bare one; `--plain-spans` turns that off.
//! `--dump` also prints every scored toponym as a tab-separated line
//! starting with `dump` (surface, error, predicted place and id, gold id,
//! point and type), for finding what to tune.
//!
//! The last line printed is always
//! `acc161=… mean_km=… auc=… n=…`, for scripts.

use geo::Point;
use std::collections::HashSet;
use std::ops::Range;
use std::process::ExitCode;
use trailmap::earth::distance_km;
use trailmap::gazetteer::Gazetteer;
use trailmap::place::{Mention, recognise, resolve};

/// The error of an unresolved toponym: half the Earth's circumference, km.
const MAX_KM: f64 = 20039.0;
/// Accuracy threshold: 100 miles, in km.
const ACC_KM: f64 = 161.0;

/// Which benchmark a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Corpus {
    GeoVirus,
    GeoWebNews,
}

/// One gold toponym.
#[derive(Clone, Debug)]
struct Gold {
    /// Byte span in the document text.
    span: Range<usize>,
    /// Gold point, degrees; `None` where the annotation has none.
    point: Option<(f64, f64)>,
    /// GWN `geonamesID`.
    geonameid: Option<u64>,
    /// GWN `type` ("Literal", "Metonymic", ...); empty for GeoVirus.
    kind: String,
}

/// One document with its gold toponyms.
struct Doc {
    text: String,
    gold: Vec<Gold>,
}

/// What reading a corpus found, besides the documents.
#[derive(Default)]
struct ReadStats {
    /// Toponyms whose offsets fall outside the text or split a character.
    bad_offsets: usize,
    /// Toponyms whose text at the offsets differs from the annotated name.
    surface_mismatch: usize,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let plain = args.iter().any(|a| a == "--plain-spans");
    let dump = args.iter().any(|a| a == "--dump");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [file] = files.as_slice() else {
        eprintln!("usage: geoparse_eval [--plain-spans] [--dump] GeoVirus.xml|GWN.xml");
        return ExitCode::from(1);
    };
    match run(file, plain, dump) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("geoparse_eval: {file}: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(file: &str, plain: bool, dump: bool) -> Result<(), String> {
    let xml = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let t0 = std::time::Instant::now();
    let (corpus, docs, stats) = read_corpus(&xml)?;
    let gaz = Gazetteer::bundled();
    // Force the lazy load now, so that the timing below is the work.
    let _ = gaz.len();
    let t_load = t0.elapsed();
    let ntop: usize = docs.iter().map(|d| d.gold.len()).sum();
    println!("corpus: {corpus:?} ({file})");
    println!(
        "documents: {}  toponyms: {ntop}  with coordinates: {}  bad offsets: {}  \
         surface differs from annotated name: {}",
        docs.len(),
        docs.iter()
            .flat_map(|d| &d.gold)
            .filter(|g| g.point.is_some())
            .count(),
        stats.bad_offsets,
        stats.surface_mismatch
    );

    let t1 = std::time::Instant::now();
    // Panics are counted and reported, not printed one by one.
    std::panic::set_hook(Box::new(|_| {}));
    let mut panics = (Panics::default(), Panics::default());
    let scored = score_resolution(&docs, &gaz, plain, &mut panics);
    let t_resolve = t1.elapsed();
    if dump {
        println!(
            "dump\tsurface\terror_km\tpredicted\tpredicted_id\tgold_id\tgold_lat\tgold_lon\tgold_type"
        );
        for s in &scored {
            let (lat, lon) = s.gold.point.unwrap_or_default();
            let id = |i: Option<u64>| i.map_or(String::new(), |i| i.to_string());
            println!(
                "dump\t{}\t{:.0}\t{}\t{}\t{}\t{lat}\t{lon}\t{}",
                s.surface,
                s.error_km,
                s.predicted.as_deref().unwrap_or(""),
                id(s.predicted_id),
                id(s.gold.geonameid),
                s.gold.kind
            );
        }
    }
    let errors: Vec<f64> = scored.iter().map(|s| s.error_km).collect();
    let summary = Summary::of(&errors);
    let unresolved = scored.iter().filter(|s| s.predicted.is_none()).count();
    println!(
        "\nresolution on gold spans{}:",
        if plain { " (plain spans)" } else { "" }
    );
    println!(
        "  n={}  unresolved={unresolved}  acc@161={:.3}  median_km={:.1}  \
         mean_km={:.1}  auc={:.3}",
        summary.n, summary.acc161, summary.median_km, summary.mean_km, summary.auc
    );
    panics.0.print("recognise (for qualifiers)");
    panics.1.print("resolve");

    if corpus == Corpus::GeoWebNews {
        let mut by_kind: Vec<(String, Vec<f64>)> = Vec::new();
        for s in &scored {
            match by_kind.iter_mut().find(|(k, _)| *k == s.gold.kind) {
                Some((_, v)) => v.push(s.error_km),
                None => by_kind.push((s.gold.kind.clone(), vec![s.error_km])),
            }
        }
        by_kind.sort_by_key(|k| std::cmp::Reverse(k.1.len()));
        println!("  by GWN type:");
        for (kind, errs) in &by_kind {
            let s = Summary::of(errs);
            println!(
                "    {kind:<22} n={:<5} acc@161={:.3}  mean_km={:.0}  auc={:.3}",
                s.n, s.acc161, s.mean_km, s.auc
            );
        }
        let ids = gazetteer_ids(&gaz);
        let in_gaz: Vec<&Scored> = scored
            .iter()
            .filter(|s| s.gold.geonameid.is_some_and(|id| ids.contains(&id)))
            .collect();
        let id_hits = in_gaz
            .iter()
            .filter(|s| s.predicted_id.is_some() && s.predicted_id == s.gold.geonameid)
            .count();
        let gaz_errors: Vec<f64> = in_gaz.iter().map(|s| s.error_km).collect();
        let g = Summary::of(&gaz_errors);
        println!(
            "  gold GeoNames id in the bundled gazetteer: n={}  acc@161={:.3}  \
             exact-id accuracy={:.3}",
            g.n,
            g.acc161,
            ratio(id_hits, g.n)
        );

        let t2 = std::time::Instant::now();
        let mut ner_panics = Panics::default();
        let ner = score_recognition(&docs, &gaz, &mut ner_panics);
        println!(
            "\nrecognition on raw text, Literal toponyms (overlap match):\n  \
             predicted={}  gold={}  precision={:.3}  recall={:.3}  F1={:.3}\n  \
             (precision counting any annotated toponym type as correct: {:.3})  [{:.1}s]",
            ner.predicted,
            ner.gold,
            ner.precision(),
            ner.recall(),
            ner.f1(),
            ratio(ner.predicted_any, ner.predicted),
            t2.elapsed().as_secs_f64()
        );
        ner_panics.print("recognise");
        println!("\nacc161_gaz={:.4} n_gaz={}", g.acc161, g.n);
    }

    // Unresolved toponyms all score 20,039 km; list them by name, then the
    // worst of the resolved ones (the wrong choices worth tuning).
    let mut missing: Vec<(String, usize)> = Vec::new();
    for s in scored.iter().filter(|s| s.predicted.is_none()) {
        match missing.iter_mut().find(|(n, _)| *n == s.surface) {
            Some((_, c)) => *c += 1,
            None => missing.push((s.surface.clone(), 1)),
        }
    }
    missing.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    println!("\nmost frequent unresolved names ({unresolved} toponyms):");
    let line: Vec<String> = missing
        .iter()
        .take(30)
        .map(|(n, c)| format!("{} ×{c}", truncate(n, 30)))
        .collect();
    println!("  {}", line.join(", "));

    println!("\n15 worst errors of resolved toponyms (surface → predicted place; gold point):");
    let mut worst: Vec<&Scored> = scored.iter().filter(|s| s.predicted.is_some()).collect();
    worst.sort_by(|a, b| b.error_km.total_cmp(&a.error_km));
    for s in worst.iter().take(15) {
        let (glat, glon) = s.gold.point.unwrap_or_default();
        println!(
            "  {:>6.0} km  {:<24} → {:<44} gold ({glat:.2}, {glon:.2}){}",
            s.error_km,
            truncate(&s.surface, 24),
            s.predicted.as_deref().unwrap_or("(unresolved)"),
            if s.gold.kind.is_empty() {
                String::new()
            } else {
                format!(" [{}]", s.gold.kind)
            }
        );
    }
    println!(
        "\ntime: load {:.1}s, resolve {:.1}s",
        t_load.as_secs_f64(),
        t_resolve.as_secs_f64()
    );
    println!(
        "acc161={:.4} mean_km={:.1} auc={:.4} n={}",
        summary.acc161, summary.mean_km, summary.auc, summary.n
    );
    Ok(())
}

/// One gold toponym with what the resolver made of it.
struct Scored {
    gold: Gold,
    surface: String,
    /// "Name, division, CC" of the resolved place.
    predicted: Option<String>,
    predicted_id: Option<u64>,
    error_km: f64,
}

/// Resolves the gold spans of each document together and measures the
/// error of each toponym with coordinates.
fn score_resolution(
    docs: &[Doc],
    gaz: &Gazetteer,
    plain: bool,
    panics: &mut (Panics, Panics),
) -> Vec<Scored> {
    let mut out = Vec::new();
    for doc in docs {
        let gold: Vec<&Gold> = doc.gold.iter().filter(|g| g.point.is_some()).collect();
        if gold.is_empty() {
            continue;
        }
        let recognised = if plain {
            Vec::new()
        } else {
            guarded(|| recognise(&doc.text, gaz)).unwrap_or_else(|e| {
                panics.0.record(e);
                Vec::new()
            })
        };
        let mentions: Vec<Mention> = gold
            .iter()
            .map(|g| {
                recognised
                    .iter()
                    .find(|m| m.span == g.span)
                    .cloned()
                    .unwrap_or_else(|| Mention::at(&doc.text, g.span.clone()))
            })
            .collect();
        let resolved = guarded(|| resolve(&doc.text, &mentions, gaz, None)).unwrap_or_else(|e| {
            panics.1.record(e);
            vec![None; mentions.len()]
        });
        for (g, r) in gold.iter().zip(resolved) {
            let (lat, lon) = g.point.expect("filtered on coordinates");
            let place = r.map(|r| r.place);
            out.push(Scored {
                gold: (*g).clone(),
                surface: doc.text[g.span.clone()].to_string(),
                predicted: place
                    .map(|p| format!("{}, {}, {}", p.name, gaz.division_name(p), p.country)),
                predicted_id: place.and_then(|p| p.geonameid),
                error_km: place.map_or(MAX_KM, |p| distance_km(p.point(), Point::new(lon, lat))),
            });
        }
    }
    out
}

/// The GeoNames ids of every place, division and country in the gazetteer.
fn gazetteer_ids(gaz: &Gazetteer) -> HashSet<u64> {
    gaz.places().filter_map(|(_, p)| p.geonameid).collect()
}

/// Counts for recognition precision and recall.
#[derive(Debug, Default, PartialEq)]
struct NerCounts {
    /// Predicted spans.
    predicted: usize,
    /// Predicted spans overlapping a gold Literal span.
    predicted_hit: usize,
    /// Predicted spans overlapping any annotated toponym (not Non_Toponym).
    predicted_any: usize,
    /// Gold Literal spans.
    gold: usize,
    /// Gold Literal spans overlapped by a prediction.
    gold_hit: usize,
}

impl NerCounts {
    fn precision(&self) -> f64 {
        ratio(self.predicted_hit, self.predicted)
    }
    fn recall(&self) -> f64 {
        ratio(self.gold_hit, self.gold)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Overlap-matched recognition counts for one document's predicted spans.
fn count_recognition(predicted: &[Range<usize>], gold: &[Gold]) -> NerCounts {
    let literal: Vec<&Range<usize>> = gold
        .iter()
        .filter(|g| g.kind == "Literal")
        .map(|g| &g.span)
        .collect();
    let any: Vec<&Range<usize>> = gold
        .iter()
        .filter(|g| g.kind != "Non_Toponym")
        .map(|g| &g.span)
        .collect();
    NerCounts {
        predicted: predicted.len(),
        predicted_hit: predicted
            .iter()
            .filter(|p| literal.iter().any(|g| overlaps(p, g)))
            .count(),
        predicted_any: predicted
            .iter()
            .filter(|p| any.iter().any(|g| overlaps(p, g)))
            .count(),
        gold: literal.len(),
        gold_hit: literal
            .iter()
            .filter(|g| predicted.iter().any(|p| overlaps(p, g)))
            .count(),
    }
}

/// Runs the recogniser on each raw text and counts against GWN's Literal
/// toponyms. Qualifier mentions ("Illinois" in "Springfield, Illinois")
/// count as predictions: they are names the recogniser found.
fn score_recognition(docs: &[Doc], gaz: &Gazetteer, panics: &mut Panics) -> NerCounts {
    let mut total = NerCounts::default();
    for doc in docs {
        let mentions = guarded(|| recognise(&doc.text, gaz)).unwrap_or_else(|e| {
            panics.record(e);
            Vec::new()
        });
        let spans: Vec<Range<usize>> = mentions.into_iter().map(|m| m.span).collect();
        let c = count_recognition(&spans, &doc.gold);
        total.predicted += c.predicted;
        total.predicted_hit += c.predicted_hit;
        total.predicted_any += c.predicted_any;
        total.gold += c.gold;
        total.gold_hit += c.gold_hit;
    }
    total
}

/// Runs a library call, turning a panic into an error message, so that one
/// bad document is counted and reported instead of ending the evaluation.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "panic".to_string())
    })
}

/// Panics caught per stage: how many, and the first message.
#[derive(Default)]
struct Panics {
    count: usize,
    first: Option<String>,
}

impl Panics {
    fn record(&mut self, msg: String) {
        self.count += 1;
        self.first.get_or_insert(msg);
    }

    fn print(&self, what: &str) {
        if let Some(first) = &self.first {
            let first: String = first.chars().take(200).collect();
            println!(
                "  WARNING: {what} panicked on {} document(s); first: {first}",
                self.count
            );
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn truncate(s: &str, n: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= n {
        s
    } else {
        s.chars().take(n - 1).chain(['…']).collect()
    }
}

/// The standard geocoding metrics of a list of errors in km.
#[derive(Debug, PartialEq)]
struct Summary {
    n: usize,
    acc161: f64,
    mean_km: f64,
    median_km: f64,
    auc: f64,
}

impl Summary {
    fn of(errors: &[f64]) -> Summary {
        let n = errors.len();
        if n == 0 {
            return Summary {
                n,
                acc161: 0.0,
                mean_km: 0.0,
                median_km: 0.0,
                auc: 0.0,
            };
        }
        let mut sorted = errors.to_vec();
        sorted.sort_by(f64::total_cmp);
        let median_km = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        Summary {
            n,
            acc161: errors.iter().filter(|&&e| e < ACC_KM).count() as f64 / n as f64,
            mean_km: errors.iter().sum::<f64>() / n as f64,
            median_km,
            auc: auc(&sorted),
        }
    }
}

/// Area under the curve of sorted errors (Jurgens et al. 2015, as used by
/// Gritta et al. 2018): each error e becomes ln(1 + e) / ln(20039), the
/// values are placed at even steps over x in [0, 1] and integrated with the
/// trapezoid rule. 0 means every error is 0; lower is better.
fn auc(sorted: &[f64]) -> f64 {
    let y: Vec<f64> = sorted
        .iter()
        .map(|e| (1.0 + e.max(0.0)).ln() / MAX_KM.ln())
        .collect();
    match y.len() {
        0 => 0.0,
        1 => y[0],
        n => {
            let dx = 1.0 / (n - 1) as f64;
            y.windows(2).map(|w| (w[0] + w[1]) / 2.0 * dx).sum()
        }
    }
}

/// Byte offsets of a span given in characters, if it lies on the text.
fn char_span_to_bytes(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    if start > end {
        return None;
    }
    let mut indices = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    let s = indices.nth(start)?;
    let e = if end == start {
        s
    } else {
        indices.nth(end - start - 1)?
    };
    Some(s..e)
}

/// The text of a child element, or "".
fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    node.children()
        .find(|c| c.has_tag_name(name))
        .and_then(|c| c.text())
        .unwrap_or("")
        .trim()
}

/// The full text content of a child element (all its text nodes).
fn child_full_text(node: roxmltree::Node, name: &str) -> String {
    node.children()
        .find(|c| c.has_tag_name(name))
        .map(|c| {
            c.descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect()
        })
        .unwrap_or_default()
}

fn read_corpus(xml: &str) -> Result<(Corpus, Vec<Doc>, ReadStats), String> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let tree = roxmltree::Document::parse_with_options(xml, opts).map_err(|e| e.to_string())?;
    let root = tree.root_element();
    let articles: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("article"))
        .collect();
    let corpus = if articles
        .iter()
        .any(|a| a.children().any(|c| c.has_tag_name("toponyms")))
    {
        Corpus::GeoWebNews
    } else if articles
        .iter()
        .any(|a| a.children().any(|c| c.has_tag_name("locations")))
    {
        Corpus::GeoVirus
    } else {
        return Err("neither GeoVirus (<locations>) nor GeoWebNews (<toponyms>)".into());
    };
    let mut stats = ReadStats::default();
    let mut docs = Vec::with_capacity(articles.len());
    for a in articles {
        let text = child_full_text(a, "text");
        let (list, item) = match corpus {
            Corpus::GeoVirus => ("locations", "location"),
            Corpus::GeoWebNews => ("toponyms", "toponym"),
        };
        let mut gold = Vec::new();
        // Descendants, not children: one GeoVirus article nests three
        // locations inside another.
        let items = a
            .children()
            .filter(|c| c.has_tag_name(list))
            .flat_map(|l| l.descendants().filter(|c| c.has_tag_name(item)));
        for t in items {
            let num = |name: &str| child_text(t, name).parse::<f64>().ok();
            let (start, end) = match (num("start"), num("end")) {
                (Some(s), Some(e)) if s >= 0.0 && e >= 0.0 => (s as usize, e as usize),
                _ => {
                    stats.bad_offsets += 1;
                    continue;
                }
            };
            let (name, lat, lon, start, end) = match corpus {
                // GeoVirus offsets are one too high: text[start-1..end-1].
                Corpus::GeoVirus => (
                    child_text(t, "name"),
                    num("lat"),
                    num("lon"),
                    start.saturating_sub(1),
                    end.saturating_sub(1),
                ),
                Corpus::GeoWebNews => (
                    child_text(t, "extractedName"),
                    num("latitude"),
                    num("longitude"),
                    start,
                    end,
                ),
            };
            let Some(span) = char_span_to_bytes(&text, start, end) else {
                stats.bad_offsets += 1;
                continue;
            };
            if text[span.clone()] != *name {
                stats.surface_mismatch += 1;
            }
            gold.push(Gold {
                span,
                point: lat.zip(lon),
                geonameid: child_text(t, "geonamesID").parse().ok(),
                kind: child_text(t, "type").to_string(),
            });
        }
        docs.push(Doc { text, gold });
    }
    Ok((corpus, docs, stats))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_of_perfect_and_worst() {
        assert_eq!(auc(&[0.0, 0.0, 0.0]), 0.0);
        // ln(1 + 20039) / ln(20039) is a hair above 1.
        let top = (1.0 + MAX_KM).ln() / MAX_KM.ln();
        assert!((auc(&[MAX_KM, MAX_KM]) - top).abs() < 1e-12);
        // Half zero, half worst: 0 up to x = 1/3, a ramp to the top at 2/3,
        // the top after: (1/6 + 1/3) of the top.
        let a = auc(&[0.0, 0.0, MAX_KM, MAX_KM]);
        assert!((a - 0.5 * top).abs() < 1e-12, "{a}");
    }

    #[test]
    fn summary_counts_below_161() {
        let s = Summary::of(&[0.0, 160.9, 161.0, 1000.0]);
        assert_eq!(s.n, 4);
        assert_eq!(s.acc161, 0.5);
        assert!((s.mean_km - 330.475).abs() < 1e-9);
        assert!((s.median_km - 160.95).abs() < 1e-9);
        assert_eq!(Summary::of(&[]).n, 0);
    }

    #[test]
    fn char_offsets_become_byte_offsets() {
        let t = "Zürich and Genève";
        assert_eq!(&t[char_span_to_bytes(t, 0, 6).unwrap()], "Zürich");
        assert_eq!(&t[char_span_to_bytes(t, 11, 17).unwrap()], "Genève");
        assert_eq!(char_span_to_bytes(t, 11, 18), None);
        assert_eq!(char_span_to_bytes(t, 17, 17), Some(t.len()..t.len()));
    }

    #[test]
    fn geovirus_offsets_are_shifted_by_one() {
        let xml = "<articles><article><source>s</source>\
            <text>A farm in Pandi, Bulacan.</text><locations><location>\
            <name>Pandi</name><start>11</start><end>16</end>\
            <lat>14.87</lat><lon>120.95</lon><page>p</page>\
            </location></locations></article></articles>";
        let (corpus, docs, stats) = read_corpus(xml).unwrap();
        assert_eq!(corpus, Corpus::GeoVirus);
        let g = &docs[0].gold[0];
        assert_eq!(&docs[0].text[g.span.clone()], "Pandi");
        assert_eq!(g.point, Some((14.87, 120.95)));
        assert_eq!(stats.surface_mismatch, 0);
    }

    #[test]
    fn gwn_offsets_count_characters() {
        let xml = "<articles><article file=\"0\"><title>t</title><link>l</link>\
            <text>Café owners in Zürich &amp; Bern</text><toponyms><toponym>\
            <extractedName>Bern</extractedName><normalisedName/>\
            <type>Literal</type><modifierType/><nonLocational>No</nonLocational>\
            <start>24</start><end>28</end><geonamesID>2661552</geonamesID>\
            <latitude>46.95</latitude><longitude>7.45</longitude>\
            </toponym></toponyms></article></articles>";
        let (corpus, docs, stats) = read_corpus(xml).unwrap();
        assert_eq!(corpus, Corpus::GeoWebNews);
        let g = &docs[0].gold[0];
        assert_eq!(&docs[0].text[g.span.clone()], "Bern");
        assert_eq!(g.geonameid, Some(2661552));
        assert_eq!(stats.surface_mismatch, 0);
    }

    #[test]
    fn recognition_matches_on_overlap() {
        let gold = |span: Range<usize>, kind: &str| Gold {
            span,
            point: None,
            geonameid: None,
            kind: kind.into(),
        };
        let g = [
            gold(0..6, "Literal"),
            gold(10..20, "Literal"),
            gold(30..35, "Metonymic"),
        ];
        // One exact, one partial overlap, one on a metonym, one stray.
        let p = [0..6, 15..25, 30..35, 40..45];
        let c = count_recognition(&p, &g);
        assert_eq!(
            c,
            NerCounts {
                predicted: 4,
                predicted_hit: 2,
                predicted_any: 3,
                gold: 2,
                gold_hit: 2,
            }
        );
        assert_eq!(c.recall(), 1.0);
        assert_eq!(c.precision(), 0.5);
    }
}
