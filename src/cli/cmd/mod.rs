//! One module per subcommand, each with its clap `Args` and a `run`.

pub mod extract;
pub mod geocode;
pub mod map;
pub mod merge;
pub mod run;
pub mod timeline;
