//! The arrows between modules, read from the source: every `crate::`,
//! `super::` and `trailmap::` path in `src/` (in `use` lines and in code,
//! unit tests left out) is an arrow from the file's module to the module
//! it names. The pipeline runs one way (articles → analysis → event
//! assembly → merge → tables and formats → scenes → drawing), so:
//!
//! - no cycle between top-level modules, nor between the files of `event/`;
//! - the renderers (`render/`) import nothing of `gazetteer`, `place`,
//!   `event::extract` or `article`: they draw events;
//! - event assembly (`event/extract.rs`, or `extract/` once it is one)
//!   imports nothing of `gazetteer`: places come through `place`;
//! - the formats (`event/table.rs`, `jsonl.rs`, `geojson.rs`) import
//!   nothing of the extractor, of each other, or of the writer and reader
//!   that pick among them.
//!
//! Only files inside the repository are read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::util::root;

/// A module path from the library's root, such as `["event", "table"]`.
type ModPath = Vec<String>;

/// One source file: its module path and the module paths it refers to.
struct File {
    module: ModPath,
    refs: BTreeSet<ModPath>,
}

/// The source without comments, string literals or unit-test modules.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        // Unit tests sit at the end of a file, behind `#[cfg(test)]`; a
        // test-only module declared this way is skipped with its file.
        if line.trim() == "#[cfg(test)]"
            && lines.peek().is_some_and(|next| {
                let next = next.trim_start();
                (next.starts_with("mod ") || next.starts_with("pub(crate) mod "))
                    && next.ends_with('{')
            })
        {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    strip_comments_and_strings(&out)
}

fn strip_comments_and_strings(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i += 2;
            while i < b.len() && !b[i..].starts_with(b"*/") {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'r'
            && (i == 0 || !is_ident(char::from(b[i - 1])))
            && b[i + 1..]
                .iter()
                .position(|&c| c != b'#')
                .is_some_and(|n| b[i + 1 + n] == b'"')
        {
            // A raw string, r"…" or r#"…"#.
            let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            i += 2 + hashes;
            while i < b.len() && !b[i..].starts_with(&close) {
                i += 1;
            }
            i += close.len();
            out.push_str("\"\"");
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && i + 2 < b.len() && (b[i + 2] == b'\'' || b[i + 1] == b'\\') {
            // A char literal ('"', '\''), not a lifetime.
            i += 1;
            while i < b.len() && b[i] != b'\'' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else {
            let c = text[i..].chars().next().expect("in bounds");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every path that starts with `crate`, `super`, `self` or `trailmap`,
/// use-groups expanded: `super::{Event, table::{COLUMNS, to_record}}`
/// gives `super::Event`, `super::table::COLUMNS`, `super::table::to_record`.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || !is_ident(chars[i - 1]) && chars[i - 1] != ':';
        if starts_word && is_ident(chars[i]) {
            let mut j = i;
            while j < chars.len() && is_ident(chars[j]) {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            if matches!(word.as_str(), "crate" | "super" | "self" | "trailmap")
                && chars[j..].starts_with(&[':', ':'])
            {
                let mut k = j;
                let mut found = Vec::new();
                read_tree(&chars, &mut k, vec![word], &mut found);
                out.extend(found);
                i = k;
                continue;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn skip_blank(chars: &[char], k: &mut usize) {
    while *k < chars.len() && chars[*k].is_whitespace() {
        *k += 1;
    }
}

/// Reads `::segment::segment…` or `::{tree, tree}` after `prefix`.
fn read_tree(chars: &[char], k: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    loop {
        skip_blank(chars, k);
        if !chars[*k..].starts_with(&[':', ':']) {
            out.push(path);
            return;
        }
        *k += 2;
        skip_blank(chars, k);
        if *k < chars.len() && chars[*k] == '{' {
            *k += 1;
            loop {
                skip_blank(chars, k);
                if *k >= chars.len() || chars[*k] == '}' {
                    *k += 1;
                    return;
                }
                let start = *k;
                while *k < chars.len() && (is_ident(chars[*k]) || chars[*k] == '*') {
                    *k += 1;
                }
                let word: String = chars[start..*k].iter().collect();
                let mut sub = path.clone();
                if word != "self" && !word.is_empty() {
                    sub.push(word);
                }
                read_tree(chars, k, sub, out);
                skip_blank(chars, k);
                // `as name` and the separating comma.
                while *k < chars.len() && chars[*k] != ',' && chars[*k] != '}' {
                    *k += 1;
                }
                if *k < chars.len() && chars[*k] == ',' {
                    *k += 1;
                }
            }
        }
        let start = *k;
        while *k < chars.len() && is_ident(chars[*k]) {
            *k += 1;
        }
        if start == *k {
            out.push(path);
            return;
        }
        path.push(chars[start..*k].iter().collect());
    }
}

/// The module path of a file under `src/`: `event/table.rs` is
/// `["event", "table"]`, `event/mod.rs` is `["event"]`. The binary's
/// files (`main.rs`, `cli/`) are the module `cli`.
fn module_of(rel: &Path) -> ModPath {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    if parts == ["main"] {
        parts = vec!["cli".to_string()];
    }
    parts
}

/// A path as a module path from the library root, for a file of
/// `module` (`a/b.rs` and `a/b/mod.rs` are both `["a", "b"]`, whose
/// `super` is `a`).
fn absolute(path: &[String], module: &ModPath) -> ModPath {
    let mut here: ModPath = module.clone();
    let mut rest = &path[1..];
    match path[0].as_str() {
        "crate" | "trailmap" => here.clear(),
        "self" => {}
        "super" => {
            here.pop();
            while rest.first().is_some_and(|s| s == "super") {
                here.pop();
                rest = &rest[1..];
            }
        }
        _ => unreachable!("paths_in gives only these"),
    }
    here.extend(rest.iter().cloned());
    here
}

/// Every file of `src/` and what it refers to.
fn read_sources() -> Vec<File> {
    let src = root().join("src");
    let mut files = Vec::new();
    let mut dirs = vec![src.clone()];
    let mut test_only: BTreeSet<ModPath> = BTreeSet::new();
    let mut found = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    for path in &found {
        let rel = path.strip_prefix(&src).expect("under src/");
        let text = std::fs::read_to_string(path).expect("a readable source file");
        let module = module_of(rel);
        // `#[cfg(test)] mod name;` declares a test-only file.
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for w in lines.windows(2) {
            if w[0] == "#[cfg(test)]"
                && let Some(name) = w[1].strip_prefix("mod ").and_then(|n| n.strip_suffix(';'))
            {
                let mut m = module.clone();
                m.push(name.to_string());
                test_only.insert(m);
            }
        }
        let binary = module.first().is_some_and(|m| m == "cli");
        let refs = paths_in(&code_of(&text))
            .into_iter()
            .map(|p| {
                let mut a = absolute(&p, &module);
                if binary && p[0] == "crate" {
                    // The binary's own modules all sit under `cli`.
                    if a.first().is_some_and(|m| m != "cli") {
                        a.insert(0, "cli".to_string());
                    }
                }
                a
            })
            .collect();
        files.push(File { module, refs });
    }
    files.retain(|f| !test_only.iter().any(|t| f.module.starts_with(t)));
    files
}

/// The module a path names: its longest prefix that is a module.
fn target<'a>(path: &ModPath, modules: &'a BTreeSet<ModPath>) -> Option<&'a ModPath> {
    (1..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n].to_vec()))
}

/// Arrows between the children of `parent` (`[]` for the top level),
/// each with the files that make it.
fn arrows(files: &[File], parent: &[&str]) -> BTreeMap<(String, String), Vec<String>> {
    let modules: BTreeSet<ModPath> = files.iter().map(|f| f.module.clone()).collect();
    let depth = parent.len();
    let inside = |m: &ModPath| m.len() > depth && m.iter().zip(parent).all(|(a, b)| a == b);
    let mut out: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for f in files.iter().filter(|f| inside(&f.module)) {
        for r in &f.refs {
            let Some(t) = target(r, &modules).filter(|t| inside(t)) else {
                continue;
            };
            let (from, to) = (&f.module[depth], &t[depth]);
            if from != to {
                out.entry((from.clone(), to.clone()))
                    .or_default()
                    .push(f.module.join("::"));
            }
        }
    }
    out
}

/// A cycle among the arrows, if there is one, as the modules along it.
fn cycle(arrows: &BTreeMap<(String, String), Vec<String>>) -> Option<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in arrows.keys() {
        next.entry(a).or_default().push(b);
    }
    // 0 unvisited, 1 on the current path, 2 done.
    fn visit<'a>(
        n: &'a str,
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        state: &mut BTreeMap<&'a str, u8>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        state.insert(n, 1);
        path.push(n);
        for &m in next.get(n).into_iter().flatten() {
            match state.get(m).copied().unwrap_or(0) {
                1 => {
                    let at = path.iter().position(|&p| p == m).expect("on the path");
                    let mut c: Vec<String> = path[at..].iter().map(|s| s.to_string()).collect();
                    c.push(m.to_string());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(m, next, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(n, 2);
        None
    }
    let mut state = BTreeMap::new();
    let nodes: Vec<&str> = next.keys().copied().collect();
    for n in nodes {
        if state.get(n).copied().unwrap_or(0) == 0 {
            let mut path = Vec::new();
            if let Some(c) = visit(n, &next, &mut state, &mut path) {
                return Some(c);
            }
        }
    }
    None
}

/// The references of the files under `prefix` that fall under one of
/// `banned`, as "file -> path" lines.
fn breaches(files: &[File], prefix: &[&str], banned: &[&[&str]]) -> Vec<String> {
    let mut out = Vec::new();
    for f in files.iter().filter(|f| {
        f.module
            .starts_with(&prefix.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }) {
        for r in &f.refs {
            if banned
                .iter()
                .any(|b| r.len() >= b.len() && r.iter().zip(b.iter()).all(|(x, y)| x == y))
            {
                out.push(format!("{} -> {}", f.module.join("::"), r.join("::")));
            }
        }
    }
    out
}

#[test]
fn the_reader_sees_use_groups_inline_paths_and_skips_comments_and_tests() {
    let code = code_of(
        "use super::{Event, table::{COLUMNS, to_record}};\n\
         // use crate::gazetteer::Gazetteer;\n\
         fn f() { let s = \"crate::article\"; crate::date::DateLexicon::english(); }\n\
         #[cfg(test)]\n\
         mod tests {\n    use crate::render::Theme;\n}\n",
    );
    let got: BTreeSet<String> = paths_in(&code).into_iter().map(|p| p.join("::")).collect();
    let want: BTreeSet<String> = [
        "super::Event",
        "super::table::COLUMNS",
        "super::table::to_record",
        "crate::date::DateLexicon::english",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(got, want);
    let module = vec!["event".to_string(), "jsonl".to_string()];
    let abs = absolute(&["super".into(), "table".into()], &module);
    assert_eq!(abs, ["event", "table"]);
}

#[test]
fn no_import_cycle_between_modules() {
    let files = read_sources();
    let top = arrows(&files, &[]);
    // The reader must see the arrows that exist, or every check passes.
    for known in [
        ("event", "gazetteer"),
        ("render", "event"),
        ("cli", "render"),
    ] {
        let key = (known.0.to_string(), known.1.to_string());
        assert!(top.contains_key(&key), "no arrow {known:?} seen: {top:?}");
    }
    assert_eq!(
        cycle(&top),
        None,
        "a cycle of top-level modules; arrows: {top:#?}"
    );
    let event = arrows(&files, &["event"]);
    let key = ("extract".to_string(), "merge".to_string());
    assert!(
        event.contains_key(&key),
        "no arrow extract -> merge seen: {event:?}"
    );
    assert_eq!(cycle(&event), None, "a cycle in event/; arrows: {event:#?}");
}

#[test]
fn renderers_draw_events_and_nothing_before_them() {
    let files = read_sources();
    let bad = breaches(
        &files,
        &["render"],
        &[
            &["gazetteer"],
            &["place"],
            &["event", "extract"],
            &["extract"],
            &["article"],
        ],
    );
    assert!(
        bad.is_empty(),
        "render/ reaches back up the pipeline:\n{}",
        bad.join("\n")
    );
}

#[test]
fn event_assembly_reaches_places_only_through_place() {
    let files = read_sources();
    let mut bad = breaches(&files, &["event", "extract"], &[&["gazetteer"]]);
    bad.extend(breaches(&files, &["extract"], &[&["gazetteer"]]));
    assert!(
        bad.is_empty(),
        "the extractor opens the gazetteer:\n{}",
        bad.join("\n")
    );
}

#[test]
fn formats_know_neither_the_extractor_nor_each_other() {
    let files = read_sources();
    let formats = ["table", "jsonl", "geojson"];
    let mut bad = Vec::new();
    for f in formats {
        let mut banned: Vec<Vec<&str>> = vec![
            vec!["event", "extract"],
            vec!["extract"],
            vec!["event", "writer"],
            vec!["event", "reader"],
        ];
        banned.extend(
            formats
                .iter()
                .filter(|&&o| o != f)
                .map(|&o| vec!["event", o]),
        );
        let banned: Vec<&[&str]> = banned.iter().map(Vec::as_slice).collect();
        bad.extend(breaches(&files, &["event", f], &banned));
    }
    assert!(
        bad.is_empty(),
        "a format imports what it should not:\n{}",
        bad.join("\n")
    );
}

#[test]
fn every_source_file_is_read() {
    let files = read_sources();
    let src = root().join("src");
    assert!(src.starts_with(root()));
    assert!(files.len() > 40, "only {} files read", files.len());
    assert!(files.iter().any(|f| f.module == ["event", "extract"]));
}
