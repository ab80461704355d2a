//! Writes a synthetic corpus of varied campaign articles, for benchmarks
//! and scale tests (see `corpus.rs` beside it for how articles are varied).
//!
//! ```sh
//! cargo run --release --example make-corpus -- --n 20000 --out target/bench-corpus
//! cargo run --release --example make-corpus -- --n 20000 --out DIR --format jsonl --seed 7 SEEDS...
//! ```
//!
//! SEEDS are article files, directories or JSON Lines files (default:
//! `data/articles` and `tests/articles`). `--format txt` writes
//! `DIR/000000_<seed id>.txt`, …; `--format jsonl` writes one file,
//! `DIR/corpus.jsonl`, of `{"id": …, "date": …, "text": …}` records. The
//! last line printed is `wrote N articles, B bytes`.

mod corpus;

use clap::{Parser, ValueEnum};
use corpus::{Corpus, read_seeds, to_file_text, to_json_line};
use rayon::prelude::*;
use std::error::Error;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One article file per article, `NNNNNN_<seed id>.txt`.
    Txt,
    /// One JSON Lines file, `corpus.jsonl`.
    Jsonl,
}

/// Writes N varied articles made from seed articles.
#[derive(Parser, Debug)]
#[command(name = "make-corpus")]
struct Args {
    /// How many articles to write.
    #[arg(long, default_value_t = 20_000)]
    n: u64,
    /// The directory to write into; it is created if missing.
    #[arg(long)]
    out: PathBuf,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Txt)]
    format: Format,
    /// The seed of every random choice: the same seed gives the same
    /// corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Seed articles: files, directories or JSON Lines files. The default
    /// is the repository's `data/articles` and `tests/articles`.
    seeds: Vec<PathBuf>,
}

/// Articles are made and written in chunks of this many, in parallel
/// within a chunk, so memory stays bounded for any N.
const CHUNK: u64 = 4096;

fn main() -> Result<(), Box<dyn Error>> {
    let args = Args::parse();
    let seeds = if args.seeds.is_empty() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        vec![root.join("data/articles"), root.join("tests/articles")]
    } else {
        args.seeds.clone()
    };
    let corpus = Corpus::new(read_seeds(&seeds)?, args.seed)?;
    std::fs::create_dir_all(&args.out)?;

    let mut bytes = 0u64;
    let mut jsonl = match args.format {
        Format::Jsonl => Some(std::io::BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(args.out.join("corpus.jsonl"))?,
        )),
        Format::Txt => None,
    };
    let mut start = 0;
    while start < args.n {
        let end = (start + CHUNK).min(args.n);
        match &mut jsonl {
            Some(w) => {
                let lines: Vec<String> = (start..end)
                    .into_par_iter()
                    .map(|i| to_json_line(&corpus.article(i)))
                    .collect();
                for line in lines {
                    w.write_all(line.as_bytes())?;
                    w.write_all(b"\n")?;
                    bytes += line.len() as u64 + 1;
                }
            }
            None => {
                bytes += (start..end)
                    .into_par_iter()
                    .map(|i| -> std::io::Result<u64> {
                        let a = corpus.article(i);
                        let text = to_file_text(&a);
                        std::fs::write(args.out.join(format!("{}.txt", a.id)), &text)?;
                        Ok(text.len() as u64)
                    })
                    .sum::<std::io::Result<u64>>()?;
            }
        }
        start = end;
    }
    if let Some(mut w) = jsonl {
        w.flush()?;
    }
    println!("wrote {} articles, {bytes} bytes", args.n);
    Ok(())
}
