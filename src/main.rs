//! The `yuanwen` command: a thin layer over the library.

mod cli;

use clap::Parser;
use std::process::ExitCode;

// mimalloc, not glibc's allocator, which serialises the indexing threads
// freeing what the reading thread allocated (futex wake-ups); version 2,
// which was faster than 3. The figures: docs/performance.md, "Decisions".
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::args::Cli::parse_from(cli::args::arrange_args(std::env::args_os().collect()));
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            // `yuanwen search … | head` closing the pipe is not an error.
            let broken_pipe = err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("yuanwen: error: {}", cli::sanitize::sanitize(&format!("{err:#}")));
            ExitCode::from(2)
        }
    }
}
