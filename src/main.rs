//! The `trailmap` command: parse the arguments, run the command, map the
//! outcome to an exit status (0 success, 1 bad input or usage, 2 an
//! internal failure).

mod cli;

use std::process::ExitCode;

/// Extraction allocates many small, short-lived strings on every thread;
/// mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = match cli::parse() {
        Ok(args) => args,
        Err(code) => return code,
    };
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`trailmap geocode … | head`) is the reader's
            // choice, not a failure (the rule of xsv and ripgrep).
            if cli::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("trailmap: {err:#}");
            cli::exit_code(&err)
        }
    }
}
