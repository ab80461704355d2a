//! Rebuilds `data/gazetteer.idx`, the bundled gazetteer index, from
//! `data/gazetteer.csv`, `data/places-indiapost.csv`, `data/divisions.csv`
//! and `data/lexicon/en/places.toml`.
//!
//! ```sh
//! cargo run --release --example build-index
//! ```
//!
//! Run it after changing any of those files (`scripts/build-data` does);
//! the test `index_is_fresh` fails until it has been run.

use std::error::Error;
use std::path::Path;
use trailmap::gazetteer::{IndexSources, build_index};

fn main() -> Result<(), Box<dyn Error>> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let sources = IndexSources::read(&data)?;
    let bytes = build_index(&sources);
    let out = data.join("gazetteer.idx");
    std::fs::write(&out, &bytes)?;
    println!(
        "build-index: wrote {} ({} bytes, inputs hash {:016x})",
        out.display(),
        bytes.len(),
        sources.hash()
    );
    Ok(())
}
