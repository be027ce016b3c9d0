//! `yuanwen.toml`: defaults for the global and search options, found in the
//! working directory or the nearest parent that has one (or given with
//! `--config FILE`), so that `yuanwen search X` works from anywhere inside
//! a project. The command line always wins; the library never reads it.
//!
//! ```toml
//! corpus = "texts"      # relative to the folder holding yuanwen.toml
//! index = "index"
//! follow_links = false  # follow symbolic links that leave the corpus
//! [search]
//! limit = 20
//! width = 80
//! context = 1
//! sort = "path"         # or "relevance"
//! color = "never"       # "auto", "always"
//! exact = false
//! plain = false
//! ```
//!
//! A project with a `yuanwen.toml` keeps its corpus and index beside it:
//! without `corpus` / `index` keys they are `corpus` and `index` in the
//! file's folder.

use super::args::{Cli, ColorWhen, Command, SortBy};
use anyhow::{Context, Result, bail};
use clap::ArgMatches;
use clap::parser::ValueSource;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file name looked for.
pub const FILE_NAME: &str = "yuanwen.toml";

/// The file's contents.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    corpus: Option<PathBuf>,
    index: Option<PathBuf>,
    follow_links: Option<bool>,
    #[serde(default)]
    search: SearchDefaults,
}

/// Defaults of `yuanwen search`'s options.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchDefaults {
    limit: Option<u64>,
    width: Option<u64>,
    context: Option<u64>,
    sort: Option<SortBy>,
    color: Option<ColorWhen>,
    exact: Option<bool>,
    plain: Option<bool>,
}

/// The configuration file to use: `--config FILE`, else the nearest
/// `yuanwen.toml` from `cwd` upwards, else none (`--no-config`: none).
pub fn find(cli: &Cli, cwd: &Path) -> Result<Option<PathBuf>> {
    if cli.no_config {
        return Ok(None);
    }
    if let Some(file) = &cli.config {
        if !file.is_file() {
            bail!("--config {}: no such file", file.display());
        }
        return Ok(Some(file.clone()));
    }
    Ok(cwd.ancestors().map(|d| d.join(FILE_NAME)).find(|f| f.is_file()))
}

/// Apply the defaults of `file` to what the command line left at its
/// defaults (`matches` says which).
pub fn apply(cli: &mut Cli, matches: &ArgMatches, file: &Path) -> Result<()> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let config: Config = toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {}", file.display(), e.message()))?;
    let dir = file.parent().unwrap_or(Path::new("."));
    let defaulted = |m: &ArgMatches, id: &str| matches!(m.value_source(id), Some(ValueSource::DefaultValue) | None);
    if defaulted(matches, "corpus") {
        cli.corpus = dir.join(config.corpus.unwrap_or_else(|| "corpus".into()));
    }
    if defaulted(matches, "index") {
        cli.index = dir.join(config.index.unwrap_or_else(|| "index".into()));
    }
    cli.follow_links |= config.follow_links.unwrap_or(false);
    let (Command::Search(a), Some(("search", m))) = (&mut cli.command, matches.subcommand()) else {
        return Ok(());
    };
    let s = config.search;
    let limits = [("limit", s.limit, 1, u64::MAX), ("width", s.width, 10, 100_000), ("context", s.context, 0, 100)];
    for (id, value, lo, hi) in limits {
        let Some(v) = value.filter(|_| defaulted(m, id)) else { continue };
        if !(lo..=hi).contains(&v) {
            bail!("{}: [search] {id} = {v} is out of range ({lo}..={hi})", file.display());
        }
        match id {
            "limit" => a.limit = v,
            "width" => a.width = v,
            _ => a.context = v,
        }
    }
    if let Some(v) = s.sort.filter(|_| defaulted(m, "sort")) {
        a.sort = v;
    }
    if let Some(v) = s.color.filter(|_| defaulted(m, "color")) {
        a.color = v;
    }
    // Flags: the file can turn them on; the command line cannot turn them
    // off again, so they stay off unless the file says otherwise.
    a.exact |= s.exact.unwrap_or(false);
    a.plain |= s.plain.unwrap_or(false);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, FromArgMatches};

    fn parsed(args: &[&str], config: &str) -> Result<Cli> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join(FILE_NAME);
        std::fs::write(&file, config)?;
        let matches = Cli::command().try_get_matches_from(args)?;
        let mut cli = Cli::from_arg_matches(&matches)?;
        apply(&mut cli, &matches, &file)?;
        // Paths relative to the file's folder, made comparable.
        cli.corpus = cli.corpus.strip_prefix(dir.path()).map(Path::to_path_buf).unwrap_or(cli.corpus);
        cli.index = cli.index.strip_prefix(dir.path()).map(Path::to_path_buf).unwrap_or(cli.index);
        Ok(cli)
    }

    #[test]
    fn the_command_line_wins_over_the_file() {
        let config = "corpus = \"texts\"\n[search]\nlimit = 3\nsort = \"path\"\nplain = true\n";
        let cli = parsed(&["yuanwen", "search", "工会"], config).unwrap();
        assert_eq!((cli.corpus, cli.index), (PathBuf::from("texts"), PathBuf::from("index")));
        let Command::Search(a) = cli.command else { panic!() };
        assert_eq!((a.limit, a.sort, a.plain), (3, SortBy::Path, true));
        let cli = parsed(&["yuanwen", "--corpus", "other", "search", "--limit", "7", "x"], config).unwrap();
        assert_eq!(cli.corpus, PathBuf::from("other"));
        let Command::Search(a) = cli.command else { panic!() };
        assert_eq!(a.limit, 7);
    }

    #[test]
    fn bad_files_are_errors_naming_the_key() {
        let e = parsed(&["yuanwen", "search", "x"], "[search]\nlimt = 3\n").unwrap_err().to_string();
        assert!(e.contains("limt") && e.contains(FILE_NAME), "{e}");
        let e = parsed(&["yuanwen", "search", "x"], "[search]\nwidth = 2\n").unwrap_err().to_string();
        assert!(e.contains("width = 2"), "{e}");
        let e = parsed(&["yuanwen", "search", "x"], "[search]\nsort = \"random\"\n").unwrap_err().to_string();
        assert!(e.contains("random") || e.contains("sort"), "{e}");
    }
}
