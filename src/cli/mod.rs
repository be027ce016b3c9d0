//! The command-line front end: parse, call the library, print.

pub mod args;
pub mod config;
mod explain;
pub mod index_cmd;
mod kwic;
pub mod listing;
pub mod output;
mod progress;
pub mod sanitize;
pub mod search_cmd;
mod wrap;

use anyhow::Result;
use args::{Cli, ColorWhen, Command};
use std::io::IsTerminal;
use std::process::ExitCode;

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let env = Env::from_process();
    let opts = yuanwen::IndexOptions::new(&cli.corpus, &cli.index).with_follow_links(cli.follow_links);
    match cli.command {
        Command::Index(a) => {
            require_corpus(&cli.corpus)?;
            index_cmd::run(opts, &a, &env)
        }
        Command::Search(a) => {
            // An index without its corpus is still searched (with a warning).
            if !yuanwen::index::exists(&cli.index) {
                require_corpus(&cli.corpus)?;
            }
            search_cmd::run(opts, &a, &env)
        }
        #[cfg(feature = "serve")]
        Command::Serve(a) => {
            if !yuanwen::index::exists(&cli.index) {
                require_corpus(&cli.corpus)?;
            }
            crate::server::run(opts, &a, &env)
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "yuanwen", &mut std::io::stdout().lock());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            use clap::CommandFactory;
            clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The corpus folder must exist before anything is written: one message
/// that says what to do, and no index folder left behind.
fn require_corpus(corpus: &std::path::Path) -> Result<()> {
    if corpus.is_dir() {
        return Ok(());
    }
    let what = if corpus.exists() { "is not a folder" } else { "does not exist" };
    anyhow::bail!(
        "the corpus folder {} {what}; give the folder of your texts with --corpus DIR \
         (or `corpus = \"DIR\"` in yuanwen.toml)",
        corpus.display()
    )
}

/// What the process environment says about output (read once, here).
#[derive(Clone, Copy, Debug)]
pub struct Env {
    /// stdout is a terminal.
    pub stdout_tty: bool,
    /// stderr is a terminal.
    pub stderr_tty: bool,
    /// `NO_COLOR` is set to something non-empty.
    pub no_color: bool,
    /// `TERM=dumb`.
    pub dumb: bool,
    /// Columns to wrap output to: `COLUMNS` if set, else the terminal's
    /// width when stdout is one (`None`: a pipe; lines are not wrapped).
    pub columns: Option<usize>,
}

impl Env {
    fn from_process() -> Env {
        Env {
            stdout_tty: std::io::stdout().is_terminal(),
            stderr_tty: std::io::stderr().is_terminal(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            dumb: std::env::var_os("TERM").is_some_and(|v| v == "dumb"),
            columns: std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse::<usize>().ok())
                .filter(|&c| c >= 20)
                .or_else(|| console::Term::stdout().size_checked().map(|(_, cols)| usize::from(cols))),
        }
    }

    /// Colour for stdout? `always` wins (as the NO_COLOR convention asks of
    /// explicit flags); `auto` needs a terminal, no `NO_COLOR`, no `TERM=dumb`.
    pub fn color(&self, when: ColorWhen, json: bool) -> bool {
        match when {
            _ if json => false,
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => self.stdout_tty && !self.no_color && !self.dumb,
        }
    }
}

/// Print a warning about the corpus to stderr.
pub fn warn(w: &yuanwen::Warning) {
    eprintln!("yuanwen: warning: {}", sanitize::sanitize(&w.to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_rules() {
        let tty = Env { stdout_tty: true, stderr_tty: true, no_color: false, dumb: false, columns: None };
        assert!(tty.color(ColorWhen::Auto, false));
        assert!(!tty.color(ColorWhen::Auto, true));
        assert!(!Env { no_color: true, ..tty }.color(ColorWhen::Auto, false));
        assert!(!Env { dumb: true, ..tty }.color(ColorWhen::Auto, false));
        assert!(!Env { stdout_tty: false, ..tty }.color(ColorWhen::Auto, false));
        assert!(Env { stdout_tty: false, ..tty }.color(ColorWhen::Always, false));
        assert!(!tty.color(ColorWhen::Never, false));
    }
}
