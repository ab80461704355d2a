//! Scale-out: JSON Lines streamed line by line, shards extracted by
//! several processes and merged into exactly the single run's tables.

use crate::util::{Dir, root, stdout};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

/// Every article in the repository: the bundled samples and the test
/// articles (UK, US, Ireland, Canada, Australia, India, Europe).
fn articles() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in [
        "data/articles/uk-2017",
        "data/articles/us-2018",
        "tests/articles",
    ] {
        for e in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// One article as a JSON Lines record.
fn record(path: &PathBuf) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let rest = text.trim_start().strip_prefix("date ").unwrap();
    let (date, body) = rest.split_once(' ').unwrap();
    serde_json::json!({
        "id": path.file_stem().unwrap().to_str().unwrap(),
        "date": date,
        "text": body,
    })
    .to_string()
}

fn read(p: PathBuf) -> Vec<u8> {
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn sharded_processes_and_merge_equal_the_single_run() {
    let d = Dir::new("shards");
    let files = articles();
    assert!(files.len() >= 30, "{} articles", files.len());
    let paths: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    let mut args = vec!["extract", "-o", "single/events.csv", "--quiet"];
    args.extend(&paths);
    let o = d.run(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // Three shards of files and two of JSON Lines on standard input, each
    // its own process, all at once; the shards are not cut at article
    // boundaries that could help (interleaved, not contiguous).
    let mut children = Vec::new();
    for k in 0..3 {
        let mut args = vec!["extract".to_string(), "--format".into(), "jsonl".into()];
        args.extend(paths.iter().skip(k).step_by(5).map(|p| p.to_string()));
        let out = std::fs::File::create(d.path(&format!("shard-{k}"))).unwrap();
        let child = d
            .cmd(&args.iter().map(String::as_str).collect::<Vec<_>>())
            .stdout(out)
            .spawn()
            .unwrap();
        children.push(child);
    }
    for k in 3..5 {
        let out = std::fs::File::create(d.path(&format!("shard-{k}"))).unwrap();
        let mut child = d
            .cmd(&["extract", "-", "--format", "jsonl", "--quiet"])
            .stdin(Stdio::piped())
            .stdout(out)
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        for f in files.iter().skip(k).step_by(5) {
            writeln!(stdin, "{}", record(f)).unwrap();
        }
        drop(stdin);
        children.push(child);
    }
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    // An empty shard (Spark starts a process for an empty partition).
    let o = d
        .cmd(&["extract", "-", "--format", "jsonl", "--quiet"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(o.status.success() && o.stdout.is_empty() && o.stderr.is_empty());
    d.write("shard-empty", "");

    let o = d.run(&[
        "merge",
        "shard-0",
        "shard-1",
        "shard-2",
        "shard-3",
        "shard-4",
        "shard-empty",
        "-o",
        "merged/events.csv",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for name in ["events.csv", "unresolved.csv"] {
        let single = read(d.path("single").join(name));
        assert!(
            single == read(d.path("merged").join(name)),
            "merged {name} differs from the single run's"
        );
        assert!(single.len() > 1000, "{name} is nearly empty");
    }
    // Merging a finished table again changes nothing.
    let o = d.run(&["merge", "single/events.csv", "-o", "again/events.csv"]);
    assert!(o.status.success());
    assert!(read(d.path("again/events.csv")) == read(d.path("single/events.csv")));
}

#[test]
fn json_lines_stream_out_record_by_record() {
    let d = Dir::new("stream");
    let files = articles();
    let reference = files
        .iter()
        .find(|p| p.to_str().unwrap().contains("000_ba44"))
        .expect("the reference article is bundled");
    let mut child = d
        .cmd(&["extract", "-", "--format", "jsonl", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    // The answer to the first article arrives while standard input is
    // still open: the command does not wait for the end of its input.
    writeln!(stdin, "{}", record(reference)).unwrap();
    stdin.flush().unwrap();
    let first = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("no line came back before the input ended");
    assert!(
        first.starts_with("{\"record\":\"event\",\"source\":\"000_ba44"),
        "{first}"
    );
    let mut lines = vec![first];
    writeln!(stdin, "{}", record(&files[0])).unwrap();
    drop(stdin);
    lines.extend(rx.iter());
    assert!(child.wait().unwrap().success());
    let events = lines
        .iter()
        .filter(|l| l.contains("\"record\":\"event\""))
        .count();
    assert!(events >= 8, "{events} event records");
}

#[test]
fn timings_and_quiet() {
    let d = Dir::new("timings");
    let sample = root().join("data/articles/uk-2017");
    let o = d.run(&[
        "extract",
        sample.to_str().unwrap(),
        "--timings",
        "-o",
        "e.csv",
    ]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    for stage in ["gazetteer", "read", "extract", "merge, write", "wall"] {
        assert!(err.contains(&format!("  {stage} ")), "no {stage} in {err}");
    }
    // Piped and quiet: nothing on standard error, no progress bar.
    let o = d.run(&["extract", sample.to_str().unwrap(), "--quiet"]);
    assert!(o.status.success() && o.stderr.is_empty());
    assert!(stdout(&o).starts_with("source,date,place"));
}
