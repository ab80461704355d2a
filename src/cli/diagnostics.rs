//! What long commands tell the person at the terminal: a progress bar
//! (only on a terminal, never with `--quiet`) and, with `--timings`, the
//! time spent in each stage.

use crate::cli::GlobalArgs;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};
use trailmap::article::Input;
use trailmap::pipeline::{Hooks, StageTimes};

/// A progress bar over the articles, drawn on standard error.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar for these inputs: counted against the number of files when
    /// every input is a file, a counter otherwise; hidden when standard
    /// error is not a terminal or `--quiet` is given.
    pub fn new(inputs: &[Input], global: &GlobalArgs) -> Progress {
        let shown = !global.quiet && std::io::stderr().is_terminal();
        if !shown {
            return Progress {
                bar: ProgressBar::hidden(),
            };
        }
        let all_files = inputs.iter().all(|i| matches!(i, Input::File(_)));
        let (bar, template) = if all_files {
            (
                ProgressBar::new(inputs.len() as u64),
                "{spinner} {bar:30} {pos}/{len} articles · {msg} · {elapsed} (eta {eta})",
            )
        } else {
            (
                ProgressBar::no_length(),
                "{spinner} {pos} articles · {msg} · {elapsed}",
            )
        };
        bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(8));
        bar.set_style(
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Progress { bar }
    }

    /// The callback the pipeline calls after each batch.
    pub fn update(&self, articles: u64, bytes: u64) {
        self.bar.set_position(articles);
        self.bar
            .set_message(format!("{:.1} MB", bytes as f64 / 1e6));
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The times of one command's stages, printed with `--timings`.
pub struct Timings {
    enabled: bool,
    start: Instant,
    /// The pipeline's stages (read, extract, merge).
    pub stages: StageTimes,
    own: Vec<(&'static str, Duration)>,
    /// How many of `own` came before the pipeline ran.
    before_pipeline: usize,
}

impl Timings {
    /// Timings that record only if `--timings` was given.
    pub fn new(global: &GlobalArgs) -> Timings {
        Timings {
            enabled: global.timings,
            start: Instant::now(),
            stages: StageTimes::default(),
            own: Vec::new(),
            before_pipeline: 0,
        }
    }

    /// Runs a stage of the command itself (gazetteer, write, render) and
    /// records its time.
    pub fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.own.push((stage, start.elapsed()));
        out
    }

    /// The hooks for the pipeline: the progress bar and these timings.
    pub fn hooks<'a>(&'a mut self, progress: &'a (dyn Fn(u64, u64) + Sync)) -> Hooks<'a> {
        self.before_pipeline = self.own.len();
        Hooks {
            progress: Some(progress),
            times: self.enabled.then_some(&self.stages),
        }
    }

    /// Prints the table on standard error, if asked for.
    pub fn print(&self, articles: u64, bytes: u64) {
        if !self.enabled {
            return;
        }
        let wall = self.start.elapsed();
        eprintln!("trailmap: timings (pipeline stages summed over threads)");
        let (before, after) = self.own.split_at(self.before_pipeline);
        let mut rows: Vec<(&str, Duration)> = before.to_vec();
        rows.extend(self.stages.report());
        rows.extend(after);
        for (stage, d) in rows {
            eprintln!("  {stage:<12} {:>9.3} s", d.as_secs_f64());
        }
        let secs = wall.as_secs_f64();
        eprintln!(
            "  {:<12} {secs:>9.3} s  ({articles} articles, {:.1} MB, {:.0} articles/s, {:.1} MB/s)",
            "wall",
            bytes as f64 / 1e6,
            articles as f64 / secs,
            bytes as f64 / 1e6 / secs
        );
    }
}
