//! Bad input gets a clear error and nothing is lost; hostile text never
//! reaches an SVG as markup; outputs do not depend on threads or input
//! order.

use crate::articles::REFERENCE_ARTICLE;
use crate::util::{Dir, root, stderr};
use std::path::Path;

fn reference_text() -> Vec<u8> {
    std::fs::read(root().join(REFERENCE_ARTICLE)).expect("reference article")
}

/// A directory of good and bad files: the good events are kept, each bad
/// file is named once, the exit status is 1, and nothing panics.
#[test]
fn good_and_bad_files_together() {
    let d = Dir::new("robust-mixed");
    d.write("in/good.txt", reference_text());
    d.write("in/empty.txt", "");
    d.write(
        "in/binary.txt",
        b"\x7fELF\x00\x01\x02 date 2017-06-07 rally in Leeds",
    );
    d.write(
        "in/latin1.txt",
        b" date 2017-06-07 Caf\xe9 owners joined a rally in Leeds last night.",
    );
    d.write(
        "in/noheader.txt",
        "Supporters held a rally in Leeds on 5 June 2017.",
    );
    d.write(
        "in/badheader.txt",
        " date 2017-02-30 A rally in Leeds yesterday.",
    );
    d.write(
        "in/records.jsonl",
        "{\"id\":\"j1\",\"date\":\"2017-06-07\",\"text\":\"A rally in Hull last night.\"}\nnot json\n",
    );
    let o = d.run(&["extract", "in", "-o", "out/events.csv"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for name in ["empty.txt", "binary.txt"] {
        assert_eq!(
            err.matches(name).count(),
            1,
            "{name} not named once:\n{err}"
        );
    }
    assert!(
        err.contains("records.jsonl: line 2: bad JSON record"),
        "{err}"
    );
    assert!(err.contains("latin1.txt: not valid UTF-8"), "{err}");
    assert!(
        err.contains("noheader.txt: line 1: no ` date YYYY-MM-DD ` header"),
        "{err}"
    );
    assert!(
        err.contains("badheader.txt: line 1: impossible date"),
        "{err}"
    );
    assert!(err.contains("3 input problem(s)"), "{err}");
    let events = std::fs::read_to_string(d.path("out/events.csv")).expect("events written");
    for place in ["Birmingham", "Croydon", "Gateshead", "Leeds", "Hull"] {
        assert!(events.contains(place), "{place} lost:\n{events}");
    }
    assert!(
        events.contains("latin1"),
        "the lossily decoded article's event is kept"
    );
}

#[test]
fn missing_input_fails_without_output() {
    let d = Dir::new("robust-missing");
    let o = d.run(&["extract", "nowhere.txt", "-o", "events.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("nowhere.txt: no such file or directory"));
    assert!(!d.path("events.csv").exists());
    assert!(!d.path("unresolved.csv").exists());
}

#[test]
fn hand_edited_table_errors_name_the_row() {
    let d = Dir::new("robust-table");
    d.write(
        "t.csv",
        "date,place,crowd\n2017-06-06,Leeds,200\n2017-06-06,Hull,lots\n",
    );
    for cmd in ["timeline", "map"] {
        let o = d.run(&[cmd, "t.csv", "-o", "x.svg"]);
        assert_eq!(o.status.code(), Some(1), "{cmd}");
        assert!(
            stderr(&o).contains("t.csv: line 3: bad crowd \"lots\""),
            "{}",
            stderr(&o)
        );
        assert!(!d.path("x.svg").exists());
    }
    d.write("nodate.csv", "place,lat,lon\nLeeds,53.8,-1.5\n");
    let o = d.run(&["timeline", "nodate.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nodate.csv: line 1: no `date` column"),
        "{}",
        stderr(&o)
    );
}

/// Markup in article text reaches the SVGs only as text.
#[test]
fn crafted_markup_is_escaped() {
    let d = Dir::new("robust-markup");
    d.write(
        "in/evil.txt",
        " date 2017-06-07 <script>alert(1)</script> Jane <b onload=\"x()\">Doe</b> \
         addressed a crowd of 500 in Leeds last night.<foreignObject><div>hi</div></foreignObject>\n\n\
         Mr Smith & \"friends\" held a rally in Hull yesterday ]]> <svg onload=alert(2)>.",
    );
    let o = d.run(&["run", "in", "-o", "out", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let events = std::fs::read_to_string(d.path("out/events.csv")).unwrap();
    assert!(
        events.contains("Leeds") && events.contains("Hull"),
        "{events}"
    );
    for svg in ["timeline.svg", "map.svg"] {
        let text = std::fs::read_to_string(d.path("out").join(svg)).unwrap();
        roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{svg} is not well-formed: {e}"));
        let lower = text.to_lowercase();
        for bad in ["<script", "onload", "<foreignobject", "<b ", "<div", "]]>"] {
            assert!(!lower.contains(bad), "{svg} carries {bad:?}");
        }
    }
}

/// One thread, two threads, reversed input order: the same bytes.
#[test]
fn outputs_do_not_depend_on_threads_or_order() {
    let d = Dir::new("robust-determinism");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = [
        "data/articles/uk-2017",
        "data/articles/us-2018",
        "tests/articles",
    ]
    .iter()
    .flat_map(|dir| std::fs::read_dir(root.join(dir)).unwrap())
    .map(|e| e.unwrap().path())
    .filter(|p| p.extension().is_some_and(|x| x == "txt"))
    .map(|p| p.to_str().unwrap().to_string())
    .collect();
    files.sort();
    let run = |name: &str, threads: &str, files: &[String]| {
        let mut args = vec!["extract".to_string()];
        args.extend(files.iter().cloned());
        args.extend(["-o".into(), format!("{name}/events.csv")]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = d
            .cmd(&args)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        (
            std::fs::read(d.path(&format!("{name}/events.csv"))).unwrap(),
            std::fs::read(d.path(&format!("{name}/unresolved.csv"))).unwrap(),
        )
    };
    std::fs::create_dir_all(d.path("one")).unwrap();
    std::fs::create_dir_all(d.path("two")).unwrap();
    std::fs::create_dir_all(d.path("rev")).unwrap();
    let one = run("one", "1", &files);
    let two = run("two", "2", &files);
    files.reverse();
    let rev = run("rev", "2", &files);
    assert!(one == two, "one thread and two threads differ");
    assert!(one == rev, "input order changes the output");
    assert!(one.0.len() > 2000, "too few events to mean anything");
}

/// A file far larger than any article is refused before it is read (the
/// file here is sparse: its size costs no disk).
#[test]
fn huge_file_is_refused_cleanly() {
    let d = Dir::new("robust-huge");
    d.write("in/good.txt", reference_text());
    let f = std::fs::File::create(d.path("in/huge.txt")).unwrap();
    f.set_len(1 << 30).unwrap();
    let o = d.run(&["extract", "in", "-o", "out/events.csv"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("huge.txt: larger than 64 MiB"),
        "{}",
        stderr(&o)
    );
    let events = std::fs::read_to_string(d.path("out/events.csv")).unwrap();
    assert!(events.contains("Birmingham"));
}
