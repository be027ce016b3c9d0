//! The `yuanwen` command: a thin layer over the library.

mod cli;
#[cfg(feature = "serve")]
mod server;

use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

// mimalloc, not glibc's allocator, which serialises the indexing threads
// freeing what the reading thread allocated (futex wake-ups); version 2,
// which was faster than 3. The figures: docs/performance.md, "Decisions".
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    quiet_panics();
    let Ok(result) = std::panic::catch_unwind(run) else {
        let what = LAST_PANIC.lock().map(|m| m.clone()).unwrap_or_default();
        eprintln!("yuanwen: internal error: {what}; please report it");
        return ExitCode::from(101);
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            // `yuanwen search … | head` closing the pipe is not an error.
            let broken_pipe = err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("yuanwen: error: {}", cli::sanitize::sanitize(&message(&err)));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, each said once: a library error that names its
/// cause in its own message (`path: No such file …`) is not followed by
/// that cause again.
fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
}

/// Parse the command line (with the defaults of yuanwen.toml) and run it.
fn run() -> anyhow::Result<ExitCode> {
    let args = cli::args::arrange_args(std::env::args_os().collect()).map_err(anyhow::Error::msg)?;
    let matches = match cli::args::Cli::command().try_get_matches_from(args) {
        Ok(m) => m,
        // Help, version and usage errors as clap prints them (exit 0 or 2).
        Err(e) => e.exit(),
    };
    let mut args = cli::args::Cli::from_arg_matches(&matches)?;
    if let Some(file) = cli::config::find(&args, &std::env::current_dir()?)? {
        cli::config::apply(&mut args, &matches, &file)?;
    }
    cli::run(args)
}

/// The message of the last panic.
static LAST_PANIC: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// A panic is a bug: if one reaches `main`, one line says so (and where),
/// with exit status 101. Nothing is printed when it happens: the library
/// turns some panics (inside tantivy, on a damaged index) into errors.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = format!("{what}{at}");
        }
    }));
}
