//! Writing outputs so that nothing is half-written, lost or replaced that
//! should not be.
//!
//! A regular file (or a new one) is written into a temporary file in its
//! directory and renamed over it only once complete, so a killed run never
//! leaves a half-written file and an existing output is replaced only on
//! success; [`Outputs`] renames several files only once all of them are
//! written, so they appear together. A symbolic link to a file replaces
//! the file and stays a link. A device, FIFO or socket, and a link into
//! `/dev` or `/proc` (`/dev/stdout`), is written in place: it cannot be
//! replaced, and its write errors (`/dev/full`) are reported.
//!
//! Temporary files are named `.trailmap-XXXXXX.tmp` and locked while they
//! are written. Before writing into a directory, the ones there that no
//! process holds (left by a killed run) are removed; nothing else is.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tempfile::NamedTempFile;
use trailmap::error::OutputError;

const TEMP_PREFIX: &str = ".trailmap-";
const TEMP_SUFFIX: &str = ".tmp";
/// The random characters between prefix and suffix.
const TEMP_RANDOM: usize = 6;
/// A temporary file younger than this may be one another process has
/// just created and not yet locked; it is left alone.
const TEMP_MIN_AGE: Duration = Duration::from_secs(2);
/// Symbolic links followed before giving up, as the kernel does.
const MAX_LINKS: usize = 40;

/// Where an output's bytes go.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A regular file or none yet (the path after following links):
    /// replaced by renaming a temporary file over it.
    Replace(PathBuf),
    /// A device, FIFO, socket or standard stream: written in place.
    Through,
}

/// Follows `path`'s links to what writing it means.
fn target(path: &Path) -> Result<Target, OutputError> {
    let refuse = |why: &str| Err(OutputError::new(Some(path), why));
    if path.as_os_str().as_encoded_bytes().ends_with(b"/") {
        return refuse("names a directory; give a file name");
    }
    let mut real = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match fs::symlink_metadata(&real) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Target::Replace(real)),
            Err(e) => return Err(OutputError::io(Some(path), e)),
        };
        if meta.file_type().is_symlink() {
            // /dev/stdout and /proc/self/fd/1 stand for an open stream,
            // whatever file they lead to.
            if real.starts_with("/dev") || real.starts_with("/proc") {
                return Ok(Target::Through);
            }
            let to = fs::read_link(&real).map_err(|e| OutputError::io(Some(path), e))?;
            real = real.parent().unwrap_or(Path::new("")).join(to);
        } else if meta.is_dir() {
            return refuse("is a directory; give a file name");
        } else if meta.is_file() {
            return Ok(Target::Replace(real));
        } else {
            return Ok(Target::Through);
        }
    }
    refuse("too many levels of symbolic links")
}

/// The directory a file goes in (`.` for a bare name).
fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Whether two output paths would write the same file (after following
/// links, in directories that may not exist yet); `false` when either
/// cannot be told.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let identity = |p: &Path| match target(p).ok()? {
        Target::Replace(real) => {
            let dir = dir_of(&real);
            let dir = fs::canonicalize(dir).or_else(|_| std::path::absolute(dir));
            Some(dir.ok()?.join(real.file_name()?))
        }
        Target::Through => fs::canonicalize(p).ok(),
    };
    identity(a).is_some_and(|a| Some(a) == identity(b))
}

/// Whether an output path is a device, FIFO, socket or standard stream,
/// written in place: no file can go beside it.
pub fn is_written_through(path: &Path) -> bool {
    matches!(target(path), Ok(Target::Through))
}

/// Whether a file name is one of our temporary files.
fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|r| r.len() == TEMP_RANDOM && r.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Removes our temporary files in `dir` that no process holds: the
/// leftovers of a killed run. Best effort; a file that cannot be
/// examined is left alone.
fn sweep(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if !entry.file_name().to_str().is_some_and(is_temp_name) {
            continue;
        }
        let path = entry.path();
        let old = fs::symlink_metadata(&path).is_ok_and(|m| {
            m.is_file()
                && m.modified()
                    .is_ok_and(|t| t.elapsed().is_ok_and(|age| age >= TEMP_MIN_AGE))
        });
        // A writer holds its lock until it has renamed the file.
        if old
            && let Ok(f) = File::open(&path)
            && f.try_lock().is_ok()
        {
            let _ = fs::remove_file(&path);
        }
    }
}

/// Outputs written now and made visible together by [`Outputs::commit`].
#[derive(Default)]
pub struct Outputs {
    staged: Vec<Staged>,
}

struct Staged {
    tmp: NamedTempFile,
    real: PathBuf,
    shown: PathBuf,
}

impl Outputs {
    /// Writes `path` through `fill`: a file into a temporary file beside
    /// it (creating its directory if needed), renamed by
    /// [`Outputs::commit`]; a device or FIFO in place, now.
    ///
    /// # Errors
    /// `path` names a directory, its directory cannot be written, or
    /// `fill` or a write fails; a file's target is then untouched.
    pub fn write<T>(
        &mut self,
        path: &Path,
        fill: impl FnOnce(&mut dyn Write) -> io::Result<T>,
    ) -> Result<T, OutputError> {
        let failed = |e| OutputError::io(Some(path), e);
        let real = match target(path)? {
            Target::Through => {
                let f = File::options().append(true).open(path).map_err(failed)?;
                return write_through(f, fill).map_err(failed);
            }
            Target::Replace(real) => real,
        };
        let dir = dir_of(&real);
        fs::create_dir_all(dir).map_err(failed)?;
        sweep(dir);
        let tmp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .rand_bytes(TEMP_RANDOM)
            .tempfile_in(dir)
            .map_err(failed)?;
        // Where locks are not supported the age rule alone protects it.
        let _ = tmp.as_file().try_lock();
        let value = write_through(tmp.as_file(), fill).map_err(failed)?;
        // A temporary file is private (0600); an output is a normal file:
        // the old file's permissions if there was one, else readable by all.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&real).map_or(0o644, |m| m.permissions().mode());
            tmp.as_file()
                .set_permissions(fs::Permissions::from_mode(mode))
                .map_err(failed)?;
        }
        tmp.as_file().sync_all().map_err(failed)?;
        self.staged.push(Staged {
            tmp,
            real,
            shown: path.to_path_buf(),
        });
        Ok(value)
    }

    /// Renames every file written over its target.
    ///
    /// # Errors
    /// A rename fails; the files not yet renamed are left as they were.
    pub fn commit(self) -> Result<(), OutputError> {
        for s in self.staged {
            s.tmp
                .persist(&s.real)
                .map_err(|e| OutputError::io(Some(&s.shown), e.error))?;
        }
        Ok(())
    }
}

fn write_through<W: Write, T>(
    out: W,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> io::Result<T> {
    let mut w = BufWriter::new(out);
    let value = fill(&mut w)?;
    w.flush()?;
    Ok(value)
}

/// Writes one output at once; see [`Outputs::write`].
///
/// # Errors
/// As [`Outputs::write`] and [`Outputs::commit`].
pub fn write_atomic<T>(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> Result<T, OutputError> {
    let mut out = Outputs::default();
    let value = out.write(path, fill)?;
    out.commit()?;
    Ok(value)
}

/// Writes standard output through `fill`, buffered, and flushes it.
///
/// # Errors
/// A write fails (a full disk, a closed pipe), as an error about standard
/// output.
pub fn write_stdout<T>(
    fill: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> Result<T, OutputError> {
    write_through(io::stdout().lock(), fill).map_err(|e| OutputError::io(None, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.csv");
        write_atomic(&p, |w| w.write_all(b"old")).unwrap();
        let err = write_atomic(&p, |w| {
            w.write_all(b"half")?;
            Err::<(), _>(io::Error::other("killed"))
        });
        assert!(err.is_err());
        assert_eq!(fs::read(&p).unwrap(), b"old");
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "temporary file left behind");
    }

    #[test]
    fn outputs_appear_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.svg"));
        let mut out = Outputs::default();
        out.write(&a, |w| w.write_all(b"a")).unwrap();
        out.write(&b, |w| w.write_all(b"b")).unwrap();
        assert!(!a.exists() && !b.exists());
        out.commit().unwrap();
        assert_eq!(fs::read(&a).unwrap(), b"a");
        assert_eq!(fs::read(&b).unwrap(), b"b");
    }

    #[test]
    fn only_our_unheld_temporary_files_are_swept() {
        assert!(is_temp_name(".trailmap-Ab3xY9.tmp"));
        for name in [
            ".trailmap-notes.tmp",
            ".trailmap-Ab3xY9.txt",
            "x.tmp",
            ".trailmap-Ab3x-9.tmp",
        ] {
            assert!(!is_temp_name(name), "{name}");
        }
        let dir = tempfile::tempdir().unwrap();
        let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
        let old = |name: &str| {
            let p = dir.path().join(name);
            let f = File::create(&p).unwrap();
            f.set_modified(hour_ago).unwrap();
            (p, f)
        };
        let (stale, _) = old(".trailmap-aaaaaa.tmp");
        let (held, f) = old(".trailmap-bbbbbb.tmp");
        f.lock().unwrap();
        let fresh = dir.path().join(".trailmap-cccccc.tmp");
        File::create(&fresh).unwrap();
        let (other, _) = old(".trailmap-notes.tmp");
        sweep(dir.path());
        assert!(!stale.exists());
        assert!(held.exists() && fresh.exists() && other.exists());
    }

    #[cfg(unix)]
    #[test]
    fn targets() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("real.svg");
        fs::write(&file, "x").unwrap();
        let link = dir.path().join("link.svg");
        std::os::unix::fs::symlink("real.svg", &link).unwrap();
        assert_eq!(target(&link).unwrap(), Target::Replace(file.clone()));
        assert_eq!(target(Path::new("/dev/null")).unwrap(), Target::Through);
        assert_eq!(target(Path::new("/dev/stdout")).unwrap(), Target::Through);
        assert!(target(dir.path()).is_err());
        assert!(target(&dir.path().join("new/")).is_err());
        assert!(same_file(&link, &file));
        assert!(same_file(Path::new("new/a.csv"), Path::new("new/./a.csv")));
        assert!(is_written_through(Path::new("/dev/null")));
        assert!(!is_written_through(&link));
        assert!(!same_file(&link, &dir.path().join("other.svg")));
    }
}
