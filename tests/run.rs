//! `trailmap run`: the whole job on the bundled samples writes the five
//! outputs, and they are exactly the ones committed under `output/` (which
//! README shows), so the committed graphics never go stale and the run is
//! deterministic.

use crate::util::{Dir, stderr};
use std::path::Path;

const OUTPUTS: [&str; 5] = [
    "events.csv",
    "events.geojson",
    "unresolved.csv",
    "timeline.svg",
    "map.svg",
];

fn check_sample(sample: &str, committed: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let d = Dir::new(&format!("run-{sample}"));
    let input = repo.join("data/articles").join(sample);
    let o = d.run(&[
        "run",
        input.to_str().expect("UTF-8 path"),
        "-o",
        "out",
        "-q",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for name in OUTPUTS {
        let got = std::fs::read(d.path("out").join(name)).expect("output written");
        let want = std::fs::read(committed.join(name)).expect("committed output");
        assert!(
            got == want,
            "{sample}/{name} differs from the committed output; run `cargo run --release` \
             (and `-- run data/articles/us-2018 -o output/us-2018`) and commit output/"
        );
    }
}

#[test]
fn uk_sample_gives_the_committed_outputs() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    check_sample("uk-2017", &repo.join("output"));
}

#[test]
fn us_sample_gives_the_committed_outputs() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    check_sample("us-2018", &repo.join("output/us-2018"));
}

#[test]
fn missing_input_fails_and_writes_nothing() {
    let d = Dir::new("run-missing");
    let o = d.run(&["run", "no-such-dir", "-o", "out"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("no-such-dir"), "{}", stderr(&o));
    assert!(!d.path("out").exists(), "an output directory was created");
}
