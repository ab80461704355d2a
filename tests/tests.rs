//! The one integration-test crate: it runs the real `trailmap` binary.

mod util;

mod architecture;
mod articles;
mod cli;
mod curation;
mod geocode;
mod hostile;
mod limits;
mod map;
mod mutation;
mod robustness;
mod run;
mod scale;
mod timeline;
