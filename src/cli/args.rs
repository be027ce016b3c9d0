//! Command-line arguments (clap derive). Only `main.rs` sees these types; they
//! become library options in one step.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// yuanwen (原文): search Chinese source passages and their English
/// translations, in Simplified or Traditional characters, with highlighted
/// snippets that say where each hit is.
///
/// Exit status: 0 when something was found, 1 when nothing was, 2 on error.
#[derive(Debug, Parser)]
#[command(name = "yuanwen", version, about, long_about)]
pub struct Cli {
    /// The corpus folder (.txt, .md, .jsonl files; NAME.en.txt beside
    /// NAME.txt is its English translation).
    #[arg(long, global = true, value_name = "DIR", default_value = "corpus")]
    pub corpus: PathBuf,
    /// Where the index lives.
    #[arg(long, global = true, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the index, or bring it up to date with the corpus.
    Index(IndexArgs),
    /// Search the corpus (the index is built or refreshed first if needed).
    Search(SearchArgs),
}

/// `yuanwen index`.
#[derive(Debug, Parser)]
pub struct IndexArgs {
    /// Rebuild everything, even if the index looks current.
    #[arg(long)]
    pub full: bool,
    /// Print the report as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
    /// Keep watching the corpus and update the index after each change,
    /// until interrupted (Ctrl-C).
    #[arg(long)]
    pub watch: bool,
}

/// `yuanwen search`.
#[derive(Debug, Parser)]
pub struct SearchArgs {
    /// The query: words (all must appear), "exact phrases", -excluded,
    /// A OR B, file:NAME. Several arguments are joined with spaces.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Number of hits to show.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub limit: u64,
    /// Snippet width in characters.
    #[arg(long, short = 'w', default_value_t = 100, value_parser = clap::value_parser!(u64).range(10..=100_000))]
    pub width: u64,
    /// One JSON object per hit per line.
    #[arg(long)]
    pub json: bool,
    /// When to colour highlights.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
    /// Show how the query was analysed (and translated) before the hits.
    #[arg(long)]
    pub explain: bool,
    /// Search the index as it is, without checking the corpus for changes.
    #[arg(long)]
    pub no_refresh: bool,
}

/// When to use colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// When printing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always (even into a pipe).
    Always,
    /// Never: highlights are marked 【like this】.
    Never,
}

/// Options of `search` that take a value (`--limit 5`, `-n 5`).
const VALUE_OPTIONS: &[&str] = &["--limit", "-n", "--width", "-w", "--color", "--corpus", "--index"];
/// Options of `search` without a value.
const FLAG_OPTIONS: &[&str] = &["--json", "--explain", "--no-refresh", "--help", "-h", "--version", "-V"];

/// Let `yuanwen search 工会 -总工会 --limit 3` mean what it says: query words
/// starting with `-` are exclusions, not options. Options of `search` keep
/// their meaning wherever they stand; everything else after `search` is
/// query, passed after `--` so clap takes it verbatim.
pub fn arrange_args(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let Some(at) = args.iter().position(|a| a == "search") else {
        return args;
    };
    // `search` must be the subcommand, not a value of a global option.
    if at == 0 || args[at - 1] == "--corpus" || args[at - 1] == "--index" {
        return args;
    }
    let mut out: Vec<std::ffi::OsString> = args[..=at].to_vec();
    let mut query = Vec::new();
    let mut it = args[at + 1..].iter();
    while let Some(a) = it.next() {
        let s = a.to_string_lossy();
        if s == "--" {
            query.extend(it.by_ref().cloned());
            break;
        }
        let name = s.split_once('=').map_or(s.as_ref(), |(n, _)| n);
        let short_with_number =
            |f: &str| s.strip_prefix(f).is_some_and(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()));
        if FLAG_OPTIONS.contains(&s.as_ref())
            || (s.starts_with("--") && s.contains('=') && VALUE_OPTIONS.contains(&name))
        {
            out.push(a.clone());
        } else if VALUE_OPTIONS.contains(&s.as_ref()) {
            out.push(a.clone());
            if let Some(v) = it.next() {
                out.push(v.clone());
            }
        } else if short_with_number("-n") || short_with_number("-w") {
            out.push(a.clone());
        } else {
            query.push(a.clone());
        }
    }
    if !query.is_empty() {
        out.push("--".into());
        out.extend(query);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    fn parse(args: &[&str]) -> SearchArgs {
        let args = arrange_args(args.iter().map(Into::into).collect());
        let Command::Search(s) = Cli::try_parse_from(args).unwrap().command else { panic!() };
        s
    }

    #[test]
    fn exclusions_are_query_and_options_stay_options() {
        let s = parse(&["yuanwen", "search", "工会", "-总工会", "--limit", "3", "-ILO", "--color", "never", "--json"]);
        assert_eq!(s.query, ["工会", "-总工会", "-ILO"]);
        assert_eq!((s.limit, s.color, s.json), (3, ColorWhen::Never, true));
        let s = parse(&["yuanwen", "--index", "ix", "search", "-n5", "--width=40", "-word", "a"]);
        assert_eq!(s.query, ["-word", "a"]);
        assert_eq!((s.limit, s.width), (5, 40));
        let s = parse(&["yuanwen", "search", "--", "--color", "x"]);
        assert_eq!(s.query, ["--color", "x"]);
    }
}
