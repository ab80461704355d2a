//! Hostile inputs and awkward output paths (issue #18, sections 3 and 4):
//! nothing is lost or replaced that should not be, every refusal says
//! what was wrong with an exit status of 1, and text never turns into
//! control sequences or spreadsheet formulas.

use crate::util::{Dir, stderr, stdout};
use std::os::unix::fs::{FileTypeExt, symlink};

const ARTICLE: &str =
    " date 2017-06-07 Jeremy Corbyn addressed a crowd of 6,000 in Birmingham last night.";

const TABLE: &str = "date,place,lat,lon,actor\n2017-06-06,Leeds,53.79648,-1.54785,Jane Doe\n";

/// The one line of standard error, asserting there is only one.
fn one_line(o: &std::process::Output) -> String {
    let err = stderr(o);
    assert_eq!(err.lines().count(), 1, "not one line:\n{err}");
    err.trim_end().to_string()
}

/// A JSON Lines shard event record whose evidence is `len` bytes long.
fn shard_record(place: &str, lat: &str, lon: &str, len: usize) -> String {
    let evidence = "A rally was held in the town. ".repeat(len / 30 + 1);
    format!(
        "{{\"record\":\"event\",\"source\":\"a\",\"date\":\"2017-06-06\",\"place\":\"{place}\",\
         \"country\":\"GB\",\"lat\":\"{lat}\",\"lon\":\"{lon}\",\"kind\":\"rally\",\
         \"evidence\":\"{evidence}\"}}\n"
    )
}

/// Spark names its shards `part-00000`; a first record of 100 KB is read
/// whole before the format is decided.
#[test]
fn merge_reads_a_spark_shard_with_a_long_first_record() {
    let d = Dir::new("hostile-spark");
    let shard = shard_record("Barry", "51.39979", "-3.28380", 100_000)
        + &shard_record("Leeds", "53.79648", "-1.54785", 100);
    d.write("shards/part-00000", shard);
    let o = d.run(&["merge", "shards/part-00000", "-o", "events.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let events = std::fs::read_to_string(d.path("events.csv")).unwrap();
    assert!(events.contains("Barry") && events.contains("Leeds"));
}

/// `-o DIR/unresolved.csv` would be overwritten by the table written
/// beside it: refused before anything is written.
#[test]
fn events_path_on_the_unresolved_table_is_refused() {
    let d = Dir::new("hostile-collide");
    d.write("a.txt", ARTICLE);
    d.write(
        "shard.jsonl",
        shard_record("Barry", "51.39979", "-3.28380", 100),
    );
    for args in [
        ["extract", "a.txt", "-o", "out/unresolved.csv"],
        ["merge", "shard.jsonl", "-o", "out/unresolved.csv"],
    ] {
        let o = d.run(&args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let err = one_line(&o);
        assert!(
            err.contains("out/unresolved.csv") && err.contains("beside"),
            "{err}"
        );
        assert!(!d.path("out/unresolved.csv").exists());
    }
}

/// A character device is written through and its errors reported. The
/// device is reached through a link in the test's directory: a trailmap
/// that replaced devices would replace the link, not `/dev/full` (tests
/// may run as root).
#[test]
fn writing_to_a_full_device_fails() {
    let d = Dir::new("hostile-full");
    d.write("a.txt", ARTICLE);
    d.write("t.csv", TABLE);
    symlink("/dev/full", d.path("full")).unwrap();
    for args in [
        &["extract", "a.txt", "-o", "full"][..],
        &["timeline", "t.csv", "-o", "full"],
    ] {
        let o = d.run(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(
            one_line(&o).starts_with("trailmap: full: No space left"),
            "{}",
            stderr(&o)
        );
        assert!(!d.path("unresolved.csv").exists());
    }
    // Standard output on a full disk is the user's problem too.
    let full = std::fs::File::options().write(true).open("/dev/full");
    let o = d
        .cmd(&["timeline", "t.csv"])
        .stdout(full.unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(one_line(&o).contains("standard output"), "{}", stderr(&o));
}

/// A symlink to standard output is written through, not replaced; a
/// symlink to a file replaces the file and stays a link; a FIFO is
/// written through.
#[test]
fn links_and_fifos_are_written_through() {
    let d = Dir::new("hostile-links");
    d.write("t.csv", TABLE);
    symlink("/dev/stdout", d.path("stdout.svg")).unwrap();
    let o = d.run(&["timeline", "t.csv", "-o", "stdout.svg"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("<svg"), "the SVG went elsewhere");
    let meta = std::fs::symlink_metadata(d.path("stdout.svg")).unwrap();
    assert!(meta.file_type().is_symlink(), "the link was replaced");

    d.write("real.svg", "old");
    symlink("real.svg", d.path("link.svg")).unwrap();
    let o = d.run(&["timeline", "t.csv", "-o", "link.svg"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let meta = std::fs::symlink_metadata(d.path("link.svg")).unwrap();
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    let real = std::fs::read_to_string(d.path("real.svg")).unwrap();
    assert!(real.starts_with("<svg"), "the target was not written");

    let fifo = d.path("pipe.svg");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap());
    let o = d.run(&["timeline", "t.csv", "-o", "pipe.svg"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(reader.join().unwrap().starts_with("<svg"));
    let meta = std::fs::symlink_metadata(d.path("pipe.svg")).unwrap();
    assert!(meta.file_type().is_fifo(), "the FIFO was replaced");
}

/// `-o` onto a directory is a user error (1) that says so.
#[test]
fn output_onto_a_directory_says_so() {
    let d = Dir::new("hostile-dir");
    d.write("a.txt", ARTICLE);
    d.write("t.csv", TABLE);
    std::fs::create_dir_all(d.path("adir")).unwrap();
    for args in [
        &["extract", "a.txt", "-o", "adir"][..],
        &["map", "t.csv", "-o", "adir/"],
        &["map", "t.csv", "-o", "newdir/"],
    ] {
        let o = d.run(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        let err = one_line(&o);
        assert!(err.contains("directory"), "{err}");
        assert!(!err.contains("Not a directory"), "{err}");
    }
}

/// Errors of a map option blame the option, not the table.
#[test]
fn an_unknown_extent_blames_the_option() {
    let d = Dir::new("hostile-extent");
    d.write("t.csv", TABLE);
    let o = d.run(&["map", "t.csv", "--extent", "XX", "-o", "m.svg"]);
    assert_eq!(o.status.code(), Some(1));
    let err = one_line(&o);
    assert!(err.contains("--extent") && !err.contains("t.csv"), "{err}");
    let o = d.run(&["map", "t.csv", "--width", "10"]);
    let err = one_line(&o);
    assert!(err.contains("--width") && !err.contains("stdin"), "{err}");
}

/// Every theme value is checked: one line naming the file, the key and
/// what is allowed; never a panic, never nonsense drawn.
#[test]
fn bad_theme_values_are_refused_by_key() {
    let d = Dir::new("hostile-theme");
    d.write("t.csv", TABLE);
    let cases = [
        ("margin = inf", "margin"),
        ("margin = nan", "margin"),
        ("margin = 400", "margin"),
        ("margin = -1000", "margin"),
        ("margin = -inf", "margin"),
        ("[font_size]\nlabel = 10000", "font_size.label"),
        ("text = \"#a€bc\"", "text"),
        ("text = \"#+1+2+3\"", "text"),
        ("palette = [\"#000000\", \"#12345\"]", "palette"),
        ("margn = 4", "margn"),
    ];
    for (toml, key) in cases {
        d.write("theme.toml", toml);
        for cmd in ["timeline", "map"] {
            let o = d.run(&[cmd, "t.csv", "--theme", "theme.toml", "-o", "x.svg"]);
            assert_eq!(o.status.code(), Some(1), "{toml}: {}", stderr(&o));
            let err = one_line(&o);
            assert!(err.starts_with("trailmap: theme.toml: "), "{toml}: {err}");
            assert!(err.contains(key), "{toml}: {err}");
            assert!(!err.contains("t.csv"), "{toml}: {err}");
        }
    }
}

/// `run` replaces its outputs together: if one cannot be written, none
/// is; the temporary files a killed run left behind are swept (ours
/// only).
#[test]
fn run_outputs_appear_together_and_litter_is_swept() {
    let d = Dir::new("hostile-run");
    d.write("in/a.txt", ARTICLE);
    d.write("out/events.csv", "old");
    std::fs::create_dir_all(d.path("out/map.svg")).unwrap();
    let o = d.run(&["run", "in", "-o", "out", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(one_line(&o).contains("map.svg"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.path("out/events.csv")).unwrap(),
        "old",
        "events.csv replaced though map.svg could not be"
    );
    std::fs::remove_dir(d.path("out/map.svg")).unwrap();

    let stale = d.write("out/.trailmap-Ab3xY9.tmp", "half a table");
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    d.write("out/.trailmap-notes.txt", "mine");
    d.write("out/keep.tmp", "mine");
    let o = d.run(&["run", "in", "-o", "out", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !stale.exists(),
        "the leftover temporary file is still there"
    );
    assert!(d.path("out/.trailmap-notes.txt").exists());
    assert!(d.path("out/keep.tmp").exists());
    let names: Vec<String> = std::fs::read_dir(d.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") && n.starts_with(".trailmap-"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

/// NUL is refused and other control characters are replaced, whether the
/// article is a file or a JSON Lines record.
#[test]
fn control_characters_never_reach_the_table() {
    let d = Dir::new("hostile-control");
    d.write(
        "in/records.jsonl",
        "{\"id\":\"nul\",\"date\":\"2017-06-07\",\"text\":\"A rally in Hull\\u0000 last night.\"}\n\
         {\"id\":\"e\\u001bsc\",\"date\":\"2017-06-07\",\"text\":\"Jane Doe held a rally in Leeds\\u001b[31m last night.\"}\n",
    );
    d.write(
        "in/esc.txt",
        " date 2017-06-07 Jane Doe held a rally in York\u{1b}[2J last night.",
    );
    let o = d.run(&["extract", "in", "-o", "out/events.csv"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("records.jsonl: line 1: ") && stderr(&o).contains("NUL"),
        "{}",
        stderr(&o)
    );
    let events = std::fs::read_to_string(d.path("out/events.csv")).unwrap();
    assert!(
        events.contains("Leeds") && events.contains("York"),
        "{events}"
    );
    assert!(!events.contains("Hull"), "{events}");
    assert!(
        !events.contains(['\u{0}', '\u{1b}']),
        "control characters in events.csv"
    );
}

/// Text cells that a spreadsheet would run as a formula get a leading
/// apostrophe, numbers are left alone, and reading the table back undoes
/// it.
#[test]
fn formulas_are_neutralised_and_read_back() {
    let d = Dir::new("hostile-formula");
    d.write(
        "in.jsonl",
        "{\"id\":\"=cmd|' /C calc'!A0\",\"date\":\"2017-06-07\",\"text\":\"Jane Doe held a rally in Leeds last night.\"}\n\
         {\"id\":\"@sum\",\"date\":\"2017-06-07\",\"text\":\"Jane Doe held a rally in Barry last night.\"}\n",
    );
    let o = d.run(&["extract", "in.jsonl", "-o", "events.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let events = std::fs::read_to_string(d.path("events.csv")).unwrap();
    assert!(events.contains("\n'=cmd|' /C calc'!A0,"), "{events}");
    assert!(events.contains("\n'@sum,"), "{events}");
    assert!(
        events.contains(",-1.54785,"),
        "a negative lon is a number: {events}"
    );
    let o = d.run(&["extract", "in.jsonl", "-o", "events.geojson"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let geojson = std::fs::read_to_string(d.path("events.geojson")).unwrap();
    assert!(
        geojson.contains("\"=cmd|"),
        "GeoJSON is unchanged: {geojson}"
    );
    let o = d.run(&["merge", "events.csv", "-o", "again.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.path("again.csv")).unwrap(),
        events,
        "the round trip is not lossless"
    );
}
