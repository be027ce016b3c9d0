//! Command-line arguments (clap derive). Only `main.rs` sees these types; they
//! become library options in one step.

use clap::{Parser, Subcommand, ValueEnum};
use serde::Deserialize;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  yuanwen index                           build or update the index of ./corpus
  yuanwen search 国际劳工局               every passage holding the word
  yuanwen search 工会 -总工会 --limit 3   exclude a word, show three hits
  yuanwen search '\"会与国\"'               an exact phrase (quoted for the shell too)
  yuanwen search ILO OR UNDP              either word (also: 'ILO | UNDP')
  yuanwen search 国际 NEAR/5 工会         both, at most 5 characters apart
  yuanwen search 'confed*' --count        words beginning so; only the counts
  yuanwen search gonghui                  pinyin finds 工会
  yuanwen search '赵鹏的职业是什么？'     a question: ranked by how much of it matches
  yuanwen search -f quotation.txt         a pasted passage: where it comes from
  yuanwen search 工会 -- -ILO             exclude a word that looks like an option
  yuanwen --corpus texts search 衛 --exact --json

Defaults come from yuanwen.toml in this folder or a parent (see the man page:
yuanwen man | man -l -).";

/// yuanwen (原文): search Chinese source passages and their English
/// translations, in Simplified or Traditional characters, with highlighted
/// snippets that say where each hit is.
///
/// Exit status: 0 when something was found, 1 when nothing was, 2 on error.
#[derive(Debug, Parser)]
#[command(name = "yuanwen", version, about, long_about, after_help = EXAMPLES)]
pub struct Cli {
    /// The corpus folder (.txt, .md, .jsonl files; NAME.en.txt beside
    /// NAME.txt is its English translation).
    #[arg(long, global = true, value_name = "DIR", default_value = "corpus")]
    pub corpus: PathBuf,
    /// Where the index lives.
    #[arg(long, global = true, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// Read defaults from this file instead of the nearest yuanwen.toml.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read no yuanwen.toml.
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,
    /// Follow symbolic links that lead outside the corpus (by default they
    /// are reported and skipped).
    #[arg(long, global = true)]
    pub follow_links: bool,
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
    #[command(after_help = EXAMPLES)]
    Search(SearchArgs),
    /// Serve the web page and the HTTP API (JSON; /api/openapi.json
    /// describes it) on ADDR, by default on this machine only.
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
    /// Print a shell completion script (e.g. `yuanwen completions bash >
    /// ~/.local/share/bash-completion/completions/yuanwen`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `yuanwen man | man -l -`.
    Man,
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

/// `yuanwen serve`.
#[cfg(feature = "serve")]
#[derive(Debug, Parser)]
pub struct ServeArgs {
    /// The address to listen on (port 0: any free port, printed at start).
    /// An address other than loopback needs an API key.
    #[arg(long, default_value = "127.0.0.1:7700", value_name = "IP:PORT")]
    pub addr: std::net::SocketAddr,
    /// Keep the index current while serving: an edit to the corpus shows
    /// within about a second; searches go on meanwhile.
    #[arg(long)]
    pub watch: bool,
    /// Require this key (`Authorization: Bearer KEY`) on every API request.
    #[arg(long, value_name = "KEY", conflicts_with = "api_key_file", env = "YUANWEN_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    /// Read the API key from the first line of FILE.
    #[arg(long, value_name = "FILE")]
    pub api_key_file: Option<PathBuf>,
    /// Allow pages of ORIGIN (`https://example.org`) to call the API from
    /// a browser (CORS; off by default).
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    /// Searches run at once; more get 503 at once.
    #[arg(long, default_value_t = 16, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub max_searches: u64,
    /// Seconds a search may take before it gets 503.
    #[arg(long, default_value_t = 10, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// Print nothing but errors (no line per request: there is none anyway).
    #[arg(long, short)]
    pub quiet: bool,
}

/// `yuanwen search`.
#[derive(Debug, Parser)]
pub struct SearchArgs {
    /// The query: words (all must appear), "exact phrases", ="literal",
    /// -excluded or NOT word, A OR B (A | B), prefix*, A NEAR/n B,
    /// file:NAME. Several arguments are joined with spaces. A word that
    /// looks like an option (-ILO) is excluded only after `--`.
    #[arg(required_unless_present = "query_file", value_name = "QUERY")]
    pub query: Vec<String>,
    /// Read the query from FILE (`-`: standard input), e.g. a pasted
    /// passage whose source is sought: longer than a command line holds.
    #[arg(long, short = 'f', value_name = "FILE", conflicts_with = "query")]
    pub query_file: Option<PathBuf>,
    /// Number of hits to show (no upper bound: a listing may ask for all).
    #[arg(long, short = 'm', default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: u64,
    /// Line numbers are always printed (FILE:LINE); accepted for ripgrep
    /// habits.
    #[arg(long, short = 'n')]
    pub line_number: bool,
    /// Skip this many passages first (paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: u64,
    /// Order of the hits: best first, or corpus order (file, then line).
    #[arg(long, value_enum, default_value_t = SortBy::Relevance, value_name = "ORDER")]
    pub sort: SortBy,
    /// Match the characters as written: only width and case folded (no
    /// Traditional/Simplified or variant folding, no translations).
    #[arg(long)]
    pub exact: bool,
    /// Print only the counts: passages, places, occurrences.
    #[arg(long, short = 'c')]
    pub count: bool,
    /// Print the number of matching places per file or per section.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub count_by: Option<CountBy>,
    /// Print only the files that match, in corpus order.
    #[arg(long, short = 'l')]
    pub files_with_matches: bool,
    /// Concordance: one line per occurrence, the match centred in its
    /// context, then FILE:LINE.
    #[arg(long)]
    pub kwic: bool,
    /// Order of concordance lines: by the text before the match (read
    /// backwards), after it, or by place.
    #[arg(long, value_enum, default_value_t = KwicOrder::Path, value_name = "ORDER", requires = "kwic")]
    pub kwic_sort: KwicOrder,
    /// Characters of context on each side of a concordance match.
    #[arg(long, default_value_t = 12, value_name = "N", requires = "kwic", value_parser = clap::value_parser!(u64).range(0..=1000))]
    pub kwic_width: u64,
    /// Show N neighbouring passages before and after each hit.
    #[arg(long, short = 'C', default_value_t = 0, value_name = "N", value_parser = clap::value_parser!(u64).range(0..=100))]
    pub context: u64,
    /// Snippet width in terminal columns (a Chinese character takes two).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(10..=100_000))]
    pub width: u64,
    /// One JSON object per hit per line, then a summary record.
    #[arg(long)]
    pub json: bool,
    /// Print the summary line (counts and time) on stderr even when it is
    /// not a terminal.
    #[arg(long)]
    pub stats: bool,
    /// Plain text for copying: no colour, no 【】 markers around matches.
    #[arg(long)]
    pub plain: bool,
    /// When to colour highlights.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
    /// Show how the query was analysed (and translated), the forms found
    /// with their counts, and how each hit matched.
    #[arg(long)]
    pub explain: bool,
    /// Search the index as it is, without checking the corpus for changes.
    #[arg(long)]
    pub no_refresh: bool,
}

/// `--sort`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Best first.
    Relevance,
    /// Corpus order: file, then line.
    Path,
}

/// `--count-by`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CountBy {
    /// Places per file.
    File,
    /// Places per section (Markdown heading) of each file.
    Section,
}

/// `--kwic-sort`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KwicOrder {
    /// By file, line and position.
    Path,
    /// By the context before the match, read backwards from it.
    Left,
    /// By the context after the match.
    Right,
}

/// When to use colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorWhen {
    /// When printing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always (even into a pipe).
    Always,
    /// Never: highlights are marked 【like this】.
    Never,
}

/// Let `yuanwen search 工会 -总工会 --limit 3` mean what it says: a query
/// word starting with one `-` is an exclusion when it cannot be taken for
/// an option (`-总工会`). One that looks like a short option (`-i`, `-x5`,
/// `-ILO`: an ASCII letter after the `-`) and is not one of `search`'s
/// (`-c`, `-m5`, `-C 2`) is an error, as an unknown long option is (clap
/// rejects it with a suggestion: `--limt` → `--limit`): to exclude such a
/// word, put it after `--` or write `NOT ILO`. Everything else after
/// `search` is query, passed after `--` so clap takes it verbatim. The
/// option names come from the clap definition, so they cannot drift.
pub fn arrange_args(args: Vec<std::ffi::OsString>) -> Result<Vec<std::ffi::OsString>, String> {
    let Some(at) = args.iter().position(|a| a == "search") else {
        return Ok(args);
    };
    // `search` must be the subcommand, not a value of a global option.
    if at == 0 || GLOBAL_WITH_VALUE.iter().any(|o| args[at - 1] == *o) {
        return Ok(args);
    }
    let options = SearchOptionNames::new();
    let mut out: Vec<std::ffi::OsString> = args[..=at].to_vec();
    let mut query = Vec::new();
    let mut it = args[at + 1..].iter();
    while let Some(a) = it.next() {
        let s = a.to_string_lossy();
        if s == "--" {
            query.extend(it.by_ref().cloned());
            break;
        }
        match options.classify(&s) {
            Arg::Query => query.push(a.clone()),
            Arg::Unknown => {
                return Err(format!(
                    "unknown option {s}; to exclude the word, put it after `--` \
                     (`yuanwen search 工会 -- {s}`) or write `NOT {}`",
                    &s[1..]
                ));
            }
            Arg::Option => out.push(a.clone()),
            Arg::OptionWithValue => {
                out.push(a.clone());
                out.extend(it.next().cloned());
            }
        }
    }
    if !query.is_empty() {
        out.push("--".into());
        out.extend(query);
    }
    Ok(out)
}

/// Global options that take a value (the word after them is not `search`).
const GLOBAL_WITH_VALUE: &[&str] = &["--corpus", "--index", "--config"];

/// What one command-line word after `search` is.
enum Arg {
    Query,
    /// Looks like a short option but is none of `search`'s.
    Unknown,
    Option,
    OptionWithValue,
}

/// The long and short options of `search` (and the global ones), read off
/// the clap definition.
struct SearchOptionNames {
    /// `(name, takes a value)`, long names with `--`, shorts with `-`.
    names: Vec<(String, bool)>,
}

impl SearchOptionNames {
    fn new() -> SearchOptionNames {
        use clap::CommandFactory;
        let cli = Cli::command();
        let search = cli.find_subcommand("search").expect("search subcommand");
        let mut names = vec![("--help".to_string(), false), ("-h".to_string(), false)];
        for arg in search.get_arguments().chain(cli.get_arguments()).filter(|a| !a.is_positional()) {
            let takes = arg.get_action().takes_values();
            names.extend(arg.get_long_and_visible_aliases().into_iter().flatten().map(|l| (format!("--{l}"), takes)));
            names.extend(arg.get_short_and_visible_aliases().into_iter().flatten().map(|c| (format!("-{c}"), takes)));
        }
        SearchOptionNames { names }
    }

    fn classify(&self, s: &str) -> Arg {
        let takes = |name: &str| self.names.iter().find(|(n, _)| n == name).map(|(_, t)| *t);
        if let Some(long) = s.strip_prefix("--") {
            let (name, inline) = long.split_once('=').map_or((long, false), |(n, _)| (n, true));
            return match takes(&format!("--{name}")) {
                Some(true) if !inline => Arg::OptionWithValue,
                // Known, or unknown: clap reports an unknown one.
                _ => Arg::Option,
            };
        }
        let Some(rest) = s.strip_prefix('-') else { return Arg::Query };
        let mut chars = rest.chars();
        let Some(first) = chars.next() else { return Arg::Query };
        let after: &str = chars.as_str();
        match takes(&format!("-{first}")) {
            Some(false) if after.is_empty() => Arg::Option,
            Some(true) if after.is_empty() => Arg::OptionWithValue,
            // `-m5`, `-C2`: a short option with its number attached.
            Some(true) if after.chars().all(|c| c.is_ascii_digit()) => Arg::Option,
            // `-cl`: short flags together.
            Some(false) if after.chars().all(|c| takes(&format!("-{c}")) == Some(false)) => Arg::Option,
            _ if first.is_ascii_alphabetic() => Arg::Unknown,
            _ => Arg::Query,
        }
    }
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
        let args = arrange_args(args.iter().map(Into::into).collect()).unwrap();
        let Command::Search(s) = Cli::try_parse_from(args).unwrap().command else { panic!() };
        s
    }

    #[test]
    fn exclusions_are_query_and_options_stay_options() {
        let s = parse(&["yuanwen", "search", "工会", "-总工会", "--limit", "3", "-1990", "--color", "never", "--json"]);
        assert_eq!(s.query, ["工会", "-总工会", "-1990"]);
        assert_eq!((s.limit, s.color, s.json), (3, ColorWhen::Never, true));
        let s = parse(&["yuanwen", "--index", "ix", "search", "-m5", "--width=40", "a", "--", "-word"]);
        assert_eq!(s.query, ["a", "-word"]);
        assert_eq!((s.limit, s.width), (5, 40));
        let s = parse(&["yuanwen", "search", "--", "--color", "x"]);
        assert_eq!(s.query, ["--color", "x"]);
    }

    #[test]
    fn new_options_are_options_and_unknown_long_options_are_errors() {
        let s = parse(&["yuanwen", "search", "工会", "-c", "--offset", "10", "-C2", "--sort=path", "-l", "-n"]);
        assert_eq!(s.query, ["工会"]);
        assert!(s.count && s.files_with_matches && s.line_number);
        assert_eq!((s.offset, s.context, s.sort), (10, 2, SortBy::Path));
        let s = parse(&["yuanwen", "search", "工会", "-cl"]);
        assert!(s.count && s.files_with_matches);
        for unknown in ["-i", "-cx", "-ILO", "-w", "-x5"] {
            let e = arrange_args(["yuanwen", "search", "工会", unknown].iter().map(Into::into).collect()).unwrap_err();
            assert!(e.contains(unknown) && e.contains("--"), "{e}");
        }
        let args = arrange_args(["yuanwen", "search", "工会", "--limt", "3"].iter().map(Into::into).collect()).unwrap();
        let err = Cli::try_parse_from(args).unwrap_err().to_string();
        assert!(err.contains("--limt") && err.contains("--limit"), "{err}");
    }
}
