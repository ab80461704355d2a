//! `trailmap geocode NAME...`: ranked gazetteer candidates for names.

use crate::cli::output::write_stdout;
use crate::cli::{GlobalArgs, country_code, gazetteer};
use serde_json::json;
use std::process::ExitCode;
use trailmap::event::table::fmt_coord;
use trailmap::gazetteer::{Candidate, Gazetteer, Query};

/// How to print the candidates.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for reading.
    Table,
    /// CSV with a header row.
    Csv,
    /// One JSON array of queries with their candidates.
    Json,
}

/// Arguments of `trailmap geocode`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Place names, optionally qualified: "Portland, Oregon", "Portland,
    /// OR", "Newport, Wales", "Croydon, south London".
    #[arg(required = true, value_name = "NAME")]
    pub names: Vec<String>,
    /// Prefer places in this country (ISO 3166-1 alpha-2, e.g. IE).
    #[arg(long, value_parser = country_code, value_name = "CC")]
    pub country: Option<String>,
    /// How many candidates to show per name.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The CSV header; the first nine columns are the documented contract.
const HEADER: [&str; 12] = [
    "place",
    "admin1",
    "country",
    "lat",
    "lon",
    "population",
    "geonameid",
    "score",
    "why",
    "kind",
    "feature_code",
    "query",
];

fn cells(g: &Gazetteer, query: &str, c: &Candidate) -> [String; 12] {
    let p = g.place(c.id);
    [
        p.name.clone(),
        g.division_name(p).to_string(),
        p.country.clone(),
        fmt_coord(p.lat),
        fmt_coord(p.lon),
        p.population.to_string(),
        p.geonameid.map(|i| i.to_string()).unwrap_or_default(),
        format!("{:.2}", c.score),
        c.why.join("; "),
        p.kind.as_str().to_string(),
        p.feature_code.clone(),
        query.to_string(),
    ]
}

/// Runs the command: exit status 1 if a name has no candidate at all.
pub fn run(args: &Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let g = gazetteer(global)?;
    let results: Vec<(&str, Vec<Candidate>)> = args
        .names
        .iter()
        .map(|name| {
            let mut q = Query::parse(name);
            q.focus = args.country.clone();
            let mut c = g.geocode(&q);
            c.truncate(args.limit);
            (name.as_str(), c)
        })
        .collect();
    write_stdout(|out| -> std::io::Result<()> {
        match args.format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(&mut *out);
                w.write_record(HEADER)?;
                for (name, cands) in &results {
                    for c in cands {
                        w.write_record(cells(&g, name, c))?;
                    }
                }
                w.flush()?;
            }
            Format::Json => {
                let doc: Vec<_> = results
                .iter()
                .map(|(name, cands)| {
                    let rows: Vec<_> = cands
                        .iter()
                        .map(|c| {
                            let p = g.place(c.id);
                            json!({
                                "place": p.name, "admin1": g.division_name(p), "country": p.country,
                                "lat": p.lat, "lon": p.lon, "population": p.population,
                                "geonameid": p.geonameid, "score": (c.score * 100.0).round() / 100.0,
                                "why": c.why, "kind": p.kind.as_str(), "feature_code": p.feature_code,
                            })
                        })
                        .collect();
                    json!({"query": name, "candidates": rows})
                })
                .collect();
                serde_json::to_writer_pretty(&mut *out, &doc)?;
                writeln!(out)?;
            }
            Format::Table => {
                for (i, (name, cands)) in results.iter().enumerate() {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "{name}")?;
                    for (rank, c) in cands.iter().enumerate() {
                        let [place, admin1, cc, lat, lon, pop, _, score, why, ..] =
                            cells(&g, name, c);
                        writeln!(
                            out,
                            "{:>3}. {:<24} {:<22} {cc}  {lat:>9} {lon:>10} {pop:>9}  {score:>6}  {why}",
                            rank + 1,
                            place,
                            admin1
                        )?;
                    }
                    if cands.is_empty() {
                        writeln!(out, "     no place of that name")?;
                    }
                }
            }
        }
        Ok(())
    })?;
    let missing: Vec<&str> = results
        .iter()
        .filter(|(_, c)| c.is_empty())
        .map(|(n, _)| *n)
        .collect();
    if !missing.is_empty() {
        eprintln!("trailmap: no place found for: {}", missing.join(", "));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
