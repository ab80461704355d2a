//! The library's errors: *where* (file, line) and *what*.
//!
//! Every reader in trailmap (articles, events tables, user gazetteers)
//! reports bad input as an [`InputError`], whose `Display` is the one-line
//! message the command line prints: `FILE: line N: reason`. A file that
//! cannot be written is an [`OutputError`]: `FILE: reason`.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem with one input: a file (or standard input), an optional line
/// number, and the reason in lower case without a trailing period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    path: Option<PathBuf>,
    line: Option<u64>,
    reason: String,
}

impl InputError {
    /// A problem with a whole input, not tied to a line.
    pub fn new(path: Option<&Path>, reason: impl Into<String>) -> Self {
        InputError {
            path: path.map(Path::to_path_buf),
            line: None,
            reason: reason.into(),
        }
    }

    /// A problem at a 1-based line of an input.
    pub fn at_line(path: Option<&Path>, line: u64, reason: impl Into<String>) -> Self {
        InputError {
            line: Some(line),
            ..InputError::new(path, reason)
        }
    }

    /// A CSV reader's error, at the line where it happened, with a reason
    /// that does not repeat the position.
    pub fn from_csv(path: Option<&Path>, err: &csv::Error) -> Self {
        let line = err.position().map(csv::Position::line);
        let reason = match err.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => {
                format!("found {len} fields where the header has {expected_len}")
            }
            csv::ErrorKind::Utf8 { err, .. } => {
                format!("invalid UTF-8 in field {}", err.field() + 1)
            }
            csv::ErrorKind::Io(e) => e.to_string(),
            _ => err.to_string(),
        };
        match line {
            Some(l) => InputError::at_line(path, l, reason),
            None => InputError::new(path, reason),
        }
    }

    /// The file the problem is in, or `None` for standard input.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The 1-based line of the problem, where one applies.
    pub fn line(&self) -> Option<u64> {
        self.line
    }

    /// Why the input was refused.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}", p.display())?,
            None => write!(f, "<stdin>")?,
        }
        if let Some(line) = self.line {
            write!(f, ": line {line}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for InputError {}

/// A problem with one output: a file (or standard output) and why it
/// could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputError {
    path: Option<PathBuf>,
    reason: String,
    kind: Option<std::io::ErrorKind>,
}

impl OutputError {
    /// A refusal before anything is written (a path that names a
    /// directory, two outputs on one file).
    pub fn new(path: Option<&Path>, reason: impl Into<String>) -> Self {
        OutputError {
            path: path.map(Path::to_path_buf),
            reason: reason.into(),
            kind: None,
        }
    }

    /// A failed write, create or rename; `path` is `None` for standard
    /// output.
    pub fn io(path: Option<&Path>, err: std::io::Error) -> Self {
        OutputError {
            reason: err.to_string(),
            kind: Some(err.kind()),
            ..OutputError::new(path, "")
        }
    }

    /// The file that could not be written, or `None` for standard output.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The system's kind of error, for a failed write.
    pub fn kind(&self) -> Option<std::io::ErrorKind> {
        self.kind
    }
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}: {}", p.display(), self.reason),
            None => write!(f, "standard output: {}", self.reason),
        }
    }
}

impl std::error::Error for OutputError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_line() {
        let e = InputError::at_line(Some(Path::new("g.csv")), 3, "bad lat");
        assert_eq!(e.to_string(), "g.csv: line 3: bad lat");
        let e = InputError::new(None, "empty input");
        assert_eq!(e.to_string(), "<stdin>: empty input");
    }
}
