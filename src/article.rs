//! Articles: the input of extraction.
//!
//! An article file begins with ` date YYYY-MM-DD ` (optional leading
//! whitespace, the word `date`, the ISO publication date) and continues
//! with the text; its id is the file stem. A JSON Lines file holds one
//! article per line as `{"id": …, "date": …, "text": …}`. Files without
//! a header are still read, without a publication date (only absolute
//! dates then resolve), and a warning says so. Text that is not UTF-8 is
//! decoded lossily (each bad byte becomes U+FFFD) with a warning. Either
//! way, a NUL refuses the article (binary data), and other control
//! characters (escape sequences among them) become spaces in its id and
//! text, so they never reach a table or a terminal.

use crate::error::InputError;
use chrono::NaiveDate;
use serde::Deserialize;
use std::borrow::Cow;
use std::io::{BufRead, Read as _};
use std::path::{Path, PathBuf};

/// One news article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// The article's id: the file stem, or the JSON record's `id`.
    pub id: String,
    /// The publication date, if the article states one.
    pub published: Option<NaiveDate>,
    /// The text after the header.
    pub text: String,
}

/// The most text extracted as one document, in bytes: far more than any
/// news story. A longer article is read in parts of at most this size, so
/// that its work and memory (tokens and words take several times the
/// text) grow in proportion to its length, whatever it holds.
pub const PART_BYTES: usize = 256 << 10;

impl Article {
    /// The article as documents of at most `max` bytes (the same id and
    /// date): itself, or parts cut before a paragraph break, else after a
    /// sentence's full stop, else before a space, else between any two
    /// characters.
    pub fn parts(&self, max: usize) -> impl Iterator<Item = Cow<'_, Article>> {
        let text = self.text.as_str();
        let mut start = 0;
        std::iter::from_fn(move || {
            if start >= text.len() {
                return None;
            }
            if start == 0 && text.len() <= max {
                start = text.len();
                return Some(Cow::Borrowed(self));
            }
            let end = text.floor_char_boundary(start + max.max(4));
            let window = &text[start..end];
            let cut = if end == text.len() {
                window.len()
            } else {
                [("\n\n", 0), (". ", 1), (" ", 0)]
                    .iter()
                    .find_map(|(at, keep)| window.rfind(at).map(|i| i + keep).filter(|&c| c > 0))
                    .unwrap_or(window.len())
            };
            let part = &window[..cut];
            start += cut;
            Some(Cow::Owned(Article {
                id: self.id.clone(),
                published: self.published,
                text: part.to_string(),
            }))
        })
    }

    /// An article whose id and text have their control characters (other
    /// than tab, line feed and carriage return) replaced by spaces.
    fn new(id: &str, published: Option<NaiveDate>, text: &str) -> Article {
        let clean = |s: &str| -> String {
            s.chars()
                .map(|c| {
                    if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                        ' '
                    } else {
                        c
                    }
                })
                .collect()
        };
        Article {
            id: clean(id),
            published,
            text: clean(text),
        }
    }
}

/// What the header parser found.
#[derive(Debug, PartialEq, Eq)]
pub enum Header {
    /// A valid header with its date.
    Date(NaiveDate),
    /// No header at all.
    Missing,
    /// A header whose date is not a real day (the text it had).
    Impossible(String),
}

/// Splits an article file's contents into its header and text.
///
/// # Examples
/// ```
/// use trailmap::article::{split_header, Header};
/// let (h, text) = split_header(" date 2017-06-07 Jeremy Corbyn told…");
/// assert_eq!(h, Header::Date(chrono::NaiveDate::from_ymd_opt(2017, 6, 7).unwrap()));
/// assert_eq!(text, "Jeremy Corbyn told…");
/// ```
pub fn split_header(raw: &str) -> (Header, &str) {
    let body = raw.trim_start_matches('\u{feff}').trim_start();
    let Some(rest) = body.strip_prefix("date") else {
        return (Header::Missing, raw);
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    let token = &rest[..end];
    let looks_like_date = token.len() == 10
        && token.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !looks_like_date {
        return (Header::Missing, raw);
    }
    let text = rest[end..].trim_start();
    match NaiveDate::parse_from_str(token, "%Y-%m-%d") {
        Ok(d) => (Header::Date(d), text),
        Err(_) => (Header::Impossible(token.to_string()), text),
    }
}

/// An input and the articles read from it, with warnings about them.
pub struct Read {
    /// The articles.
    pub articles: Vec<Article>,
    /// Problems that did not stop the reading ("no date header").
    pub warnings: Vec<InputError>,
}

/// Reads an article from an article file's bytes.
pub fn from_bytes(id: &str, bytes: &[u8], path: Option<&Path>) -> Read {
    let mut warnings = Vec::new();
    let raw = String::from_utf8_lossy(bytes);
    if matches!(raw, std::borrow::Cow::Owned(_)) {
        warnings.push(InputError::new(
            path,
            "not valid UTF-8; bad bytes replaced with U+FFFD",
        ));
    }
    let (header, text) = split_header(&raw);
    let published = match header {
        Header::Date(d) => Some(d),
        Header::Missing => {
            warnings.push(InputError::at_line(
                path,
                1,
                "no ` date YYYY-MM-DD ` header; only absolute dates will resolve",
            ));
            None
        }
        Header::Impossible(t) => {
            warnings.push(InputError::at_line(
                path,
                1,
                format!("impossible date {t:?} in header; only absolute dates will resolve"),
            ));
            None
        }
    };
    Read {
        articles: vec![Article::new(id, published, text)],
        warnings,
    }
}

#[derive(Deserialize)]
struct JsonArticle {
    id: serde_json::Value,
    #[serde(default)]
    date: Option<String>,
    text: String,
}

/// Parses one JSON Lines record; `line` numbers it in errors.
///
/// # Errors
/// Not JSON, a missing `id` or `text`, a NUL in either (binary data, as
/// in an article file), or a `date` that is not `YYYY-MM-DD`.
pub fn from_json_line(
    line: &str,
    path: Option<&Path>,
    line_no: u64,
) -> Result<Article, InputError> {
    let rec: JsonArticle = serde_json::from_str(line)
        .map_err(|e| InputError::at_line(path, line_no, format!("bad JSON record: {e}")))?;
    let id = match rec.id {
        serde_json::Value::String(s) => s,
        serde_json::Value::Number(n) => n.to_string(),
        _ => {
            return Err(InputError::at_line(
                path,
                line_no,
                "`id` must be a string or number",
            ));
        }
    };
    if id.is_empty() {
        return Err(InputError::at_line(path, line_no, "empty `id`"));
    }
    if let Some(key) = [("id", &id), ("text", &rec.text)]
        .iter()
        .find_map(|(k, v)| v.contains('\0').then_some(k))
    {
        return Err(InputError::at_line(
            path,
            line_no,
            format!("`{key}` holds a NUL character (binary data), not an article"),
        ));
    }
    let published = match rec.date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            InputError::at_line(
                path,
                line_no,
                format!("bad date {d:?} (expected YYYY-MM-DD)"),
            )
        })?),
    };
    Ok(Article::new(&id, published, &rec.text))
}

/// One input as named on the command line, after directories are
/// expanded.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// Standard input (`-`): JSON Lines if it starts with `{`, else one
    /// article.
    Stdin,
    /// An article file (`*.txt` or anything else).
    File(PathBuf),
    /// A JSON Lines file (`*.jsonl`, `*.ndjson`).
    JsonLines(PathBuf),
}

impl Input {
    /// The input's name for messages.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::File(p) | Input::JsonLines(p) => Some(p),
        }
    }
}

fn classify(path: PathBuf) -> Input {
    match path.extension().and_then(|e| e.to_str()) {
        Some("jsonl" | "ndjson") => Input::JsonLines(path),
        _ => Input::File(path),
    }
}

/// Expands the command line's inputs: `-` is standard input, a directory
/// is searched recursively for `*.txt`, `*.jsonl` and `*.ndjson` files
/// (in sorted order, so runs are repeatable), anything else is a file.
///
/// # Errors
/// An input that does not exist, or a directory that cannot be read.
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<Input>, InputError> {
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found)?;
            found.sort();
            out.extend(found.into_iter().map(classify));
        } else if p.exists() {
            out.push(classify(p.clone()));
        } else {
            return Err(InputError::new(Some(p), "no such file or directory"));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let entries = std::fs::read_dir(dir).map_err(|e| InputError::new(Some(dir), e.to_string()))?;
    for entry in entries {
        let entry = entry.map_err(|e| InputError::new(Some(dir), e.to_string()))?;
        let path = entry.path();
        if path.is_dir() {
            walk(&path, found)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "jsonl" | "ndjson")
        ) {
            found.push(path);
        }
    }
    Ok(())
}

/// The id of an article file: its stem.
pub fn id_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The largest article read, in bytes: a news article is a few kilobytes;
/// anything this big is not one (a log, a dump, a disk image) and is
/// refused before it is read, so memory stays bounded.
pub const MAX_ARTICLE_BYTES: u64 = 64 << 20;

/// Reads every article of an article file. A problem with the whole file
/// (unreadable, empty, binary) is an error; a missing header is a warning.
///
/// # Errors
/// The file cannot be read, is empty, or holds NUL bytes (binary).
pub fn read_file(path: &Path) -> Result<Read, InputError> {
    let size = std::fs::metadata(path)
        .map_err(|e| InputError::new(Some(path), e.to_string()))?
        .len();
    if size > MAX_ARTICLE_BYTES {
        return Err(too_big(Some(path)));
    }
    let bytes = std::fs::read(path).map_err(|e| InputError::new(Some(path), e.to_string()))?;
    check_text(&bytes, Some(path))?;
    Ok(from_bytes(&id_of(path), &bytes, Some(path)))
}

/// The error for an article over [`MAX_ARTICLE_BYTES`].
pub fn too_big(path: Option<&Path>) -> InputError {
    InputError::new(
        path,
        format!(
            "larger than {} MiB; not an article, refused",
            MAX_ARTICLE_BYTES >> 20
        ),
    )
}

/// Refuses empty and binary inputs.
///
/// # Errors
/// Empty (or only whitespace), or holds a NUL byte.
pub fn check_text(bytes: &[u8], path: Option<&Path>) -> Result<(), InputError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::new(path, "empty article"));
    }
    if bytes.contains(&0) {
        return Err(InputError::new(
            path,
            "binary file (contains NUL bytes), not an article",
        ));
    }
    Ok(())
}

/// Reads JSON Lines articles from a reader, calling `each` per record
/// (an `Err` for a bad line, after which reading goes on).
///
/// # Errors
/// Only a failure to read the stream itself.
pub fn read_json_lines<R: BufRead>(
    mut input: R,
    path: Option<&Path>,
    mut each: impl FnMut(Result<Article, InputError>),
) -> Result<(), InputError> {
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        buf.clear();
        let n = (&mut input)
            .take(MAX_ARTICLE_BYTES + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| InputError::new(path, e.to_string()))?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        if buf.len() as u64 > MAX_ARTICLE_BYTES {
            // Skip the rest of the line without holding it.
            let mut sink = Vec::with_capacity(1 << 16);
            loop {
                sink.clear();
                let m = (&mut input)
                    .take(1 << 16)
                    .read_until(b'\n', &mut sink)
                    .map_err(|e| InputError::new(path, e.to_string()))?;
                if m == 0 || sink.last() == Some(&b'\n') {
                    break;
                }
            }
            each(Err(InputError::at_line(
                path,
                line_no,
                too_big(None).reason().to_string(),
            )));
            continue;
        }
        let line = String::from_utf8_lossy(&buf);
        if line.trim().is_empty() {
            continue;
        }
        each(from_json_line(&line, path, line_no));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_long_article_is_read_in_parts() {
        let article = |text: &str| Article {
            id: "a".into(),
            published: Some(d(2017, 6, 7)),
            text: text.into(),
        };
        let short = article("A rally in Leeds.");
        let parts: Vec<_> = short.parts(64).collect();
        assert!(matches!(parts[..], [Cow::Borrowed(_)]));
        let text = "A rally in Leeds on 5 June 2017. ".repeat(10)
            + "\n\nIn Hull, Zürich–Genève"
            + &"x".repeat(100);
        let long = article(&text);
        let parts: Vec<_> = long.parts(64).collect();
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, text, "the parts are the whole text");
        assert!(parts.iter().all(|p| p.text.len() <= 64 && p.id == "a"));
        assert_eq!(parts[0].text, "A rally in Leeds on 5 June 2017.");
        assert!(parts.iter().any(|p| p.text.starts_with("\n\nIn Hull")));
    }

    #[test]
    fn headers() {
        let cases: &[(&str, Header, &str)] = &[
            (
                " date 2017-06-07 Text here.",
                Header::Date(d(2017, 6, 7)),
                "Text here.",
            ),
            (
                "\n\tdate 2017-06-07\nText",
                Header::Date(d(2017, 6, 7)),
                "Text",
            ),
            (
                "date 2017-02-30 Text",
                Header::Impossible("2017-02-30".into()),
                "Text",
            ),
            (
                "Text without header",
                Header::Missing,
                "Text without header",
            ),
            ("date line: a word", Header::Missing, "date line: a word"),
            ("", Header::Missing, ""),
        ];
        for (raw, header, text) in cases {
            let (h, t) = split_header(raw);
            assert_eq!((&h, t), (header, *text), "{raw:?}");
        }
    }

    #[test]
    fn json_lines() {
        let ok = from_json_line(r#"{"id":"a1","date":"2017-06-07","text":"Hi"}"#, None, 1).unwrap();
        assert_eq!(ok.published, Some(d(2017, 6, 7)));
        let num = from_json_line(r#"{"id":7,"text":"Hi"}"#, None, 1).unwrap();
        assert_eq!((num.id.as_str(), num.published), ("7", None));
        let bad = from_json_line(r#"{"id":"a","date":"June","text":"x"}"#, None, 4).unwrap_err();
        assert_eq!(
            bad.to_string(),
            "<stdin>: line 4: bad date \"June\" (expected YYYY-MM-DD)"
        );
        assert!(from_json_line("{", None, 1).is_err());
        assert!(from_json_line(r#"{"id":"a"}"#, None, 1).is_err());
    }

    #[test]
    fn control_characters_are_refused_or_replaced_alike() {
        let r = from_bytes(
            "e\u{1b}sc",
            b" date 2017-06-07 York\x1b[2J \x7f\xc2\x85 x\ty",
            None,
        );
        assert_eq!(r.articles[0].id, "e sc");
        assert_eq!(r.articles[0].text, "York [2J    x\ty");
        let a = from_json_line(
            r#"{"id":"e\u001bsc","text":"York\u001b[2J \u007f\u0085 x\ty"}"#,
            None,
            1,
        )
        .unwrap();
        assert_eq!(
            (a.id.as_str(), a.text.as_str()),
            ("e sc", "York [2J    x\ty")
        );
        let e = from_json_line(r#"{"id":"a","text":"x\u0000y"}"#, None, 3).unwrap_err();
        assert_eq!(
            e.to_string(),
            "<stdin>: line 3: `text` holds a NUL character (binary data), not an article"
        );
        assert!(check_text(b"x\0y", None).is_err());
    }

    #[test]
    fn lossy_utf8_warns() {
        let r = from_bytes("x", b" date 2017-06-07 caf\xe9", None);
        assert_eq!(r.articles[0].text, "caf\u{fffd}");
        assert_eq!(r.warnings.len(), 1);
    }
}
