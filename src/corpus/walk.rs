//! Finding the files of a corpus.

use super::Warning;
use super::file::FileFormat;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// The user dictionary, read from the corpus root (not a document).
pub(crate) const USER_DICT_FILE: &str = "dict.txt";
/// The user glossary, read from the corpus root (not a document).
pub(crate) const GLOSSARY_FILE: &str = "glossary.tsv";

/// Formats that are documents but not text: reported, never read.
const NOT_TEXT: &[&str] = &[
    "pdf", "doc", "docx", "odt", "rtf", "epub", "mobi", "xls", "xlsx", "ods", "ppt", "pptx", "odp", "zip", "gz", "tgz",
    "bz2", "xz", "7z", "rar", "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp", "mp3", "mp4", "wav", "avi",
    "mov", "exe", "dll", "so", "bin", "djvu",
];

/// A file to index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CorpusFile {
    /// Path relative to the corpus root, `/`-separated.
    pub rel: String,
    /// How to read it.
    pub format: FileFormat,
    /// Its line-aligned English translation (`NAME.en.txt` beside `NAME.txt`).
    pub translation: Option<String>,
    /// Size in bytes (of the file and its translation).
    pub size: u64,
    /// Modification time, nanoseconds since the epoch (the later of the
    /// file's and its translation's).
    pub mtime_ns: u64,
}

/// What a scan of the corpus found.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scan {
    /// Files to index, sorted by path.
    pub files: Vec<CorpusFile>,
    /// Files skipped, with the reason.
    pub warnings: Vec<Warning>,
    /// `dict.txt` at the root, if present.
    pub user_dict: Option<PathBuf>,
    /// `glossary.tsv` at the root, if present.
    pub glossary: Option<PathBuf>,
}

fn mtime_ns(m: &std::fs::Metadata) -> u64 {
    m.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos() as u64)
}

/// If `name` is `X.en.EXT`, the source's name `X.EXT`.
fn translation_source(name: &str) -> Option<String> {
    let (stem, ext) = name.rsplit_once('.')?;
    let base = stem.strip_suffix(".en").or_else(|| stem.strip_suffix(".EN"))?;
    Some(format!("{base}.{ext}"))
}

/// A file the walk found: path, format, size, modification time.
struct Found {
    rel: String,
    format: FileFormat,
    size: u64,
    mtime_ns: u64,
}

/// A file the walk found, not yet stat'ed.
struct Pending {
    rel: String,
    format: FileFormat,
    path: PathBuf,
}

/// Files from which their `stat` calls are spread over threads: a refresh
/// of 200,000 small files spent 90% of its system calls in them, one after
/// the other (docs/performance.md, "Checking the corpus").
const PARALLEL_STAT_FROM: usize = 4096;

/// Size and modification time of every pending file (following links, as
/// the walk does), in order; a file that cannot be stat'ed is reported.
fn stat_all(pending: Vec<Pending>, warnings: &mut Vec<Warning>) -> Vec<Found> {
    let stat = |p: &Pending| std::fs::metadata(&p.path).map(|m| (m.len(), mtime_ns(&m)));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let stats: Vec<std::io::Result<(u64, u64)>> = if pending.len() < PARALLEL_STAT_FROM || threads < 2 {
        pending.iter().map(stat).collect()
    } else {
        let chunk = pending.len().div_ceil(threads);
        std::thread::scope(|s| {
            let handles: Vec<_> =
                pending.chunks(chunk).map(|c| s.spawn(move || c.iter().map(stat).collect::<Vec<_>>())).collect();
            handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
        })
    };
    let mut found = Vec::with_capacity(pending.len());
    for (p, st) in pending.into_iter().zip(stats) {
        match st {
            Ok((size, mtime_ns)) => found.push(Found { rel: p.rel, format: p.format, size, mtime_ns }),
            Err(e) => warnings.push(Warning::new(&p.rel, None, format!("cannot read: {e}; skipped"))),
        }
    }
    found
}

/// Walk `root` (skipping hidden entries and the directories in `exclude`)
/// and list what to index.
///
/// Symbolic links are followed inside the corpus (walkdir reports loops);
/// a link whose target lies outside `root` is reported and skipped unless
/// `follow_links`, so that `ln -s /etc/passwd corpus/x.txt` does not put a
/// file the user never meant to share into the index and its results.
pub(crate) fn scan(root: &Path, exclude: &[PathBuf], follow_links: bool) -> crate::Result<Scan> {
    let meta = std::fs::metadata(root).map_err(|e| crate::Error::io(root, e))?;
    if !meta.is_dir() {
        return Err(crate::Error::BadFile {
            path: root.to_path_buf(),
            message: "the corpus is not a directory".into(),
        });
    }
    let exclude: Vec<PathBuf> = exclude.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let real_root = root.canonicalize().map_err(|e| crate::Error::io(root, e))?;
    let mut scan = Scan::default();
    let mut pending: Vec<Pending> = Vec::new();
    let mut outside: Vec<Warning> = Vec::new();
    let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter();
    let it = walker.filter_entry(|e| {
        let hidden = e.depth() > 0 && e.file_name().to_str().is_some_and(|n| n.starts_with('.'));
        let excluded = e.file_type().is_dir() && e.path().canonicalize().is_ok_and(|c| exclude.contains(&c));
        let leaves = !follow_links && e.depth() > 0 && e.path_is_symlink() && leaves_root(e.path(), &real_root);
        if leaves && !hidden {
            outside.push(link_warning(root, e.path()));
        }
        !hidden && !excluded && !leaves
    });
    for entry in it {
        match entry {
            Ok(e) => pending.extend(visit(root, e, &mut scan)),
            Err(e) => {
                let path = e.path().map(|p| rel_of(root, p)).unwrap_or_default();
                let msg = if e.loop_ancestor().is_some() {
                    "symbolic link loop, skipped".to_string()
                } else {
                    format!("cannot read: {}; skipped", e.io_error().map_or(e.to_string(), |io| io.to_string()))
                };
                scan.warnings.push(Warning::new(&path, None, msg));
            }
        }
    }
    scan.warnings.extend(outside);
    let found = stat_all(pending, &mut scan.warnings);
    scan.files = pair_translations(found);
    Ok(scan)
}

/// Does the link at `path` resolve to somewhere outside `real_root`? (A
/// dangling link is left to the walk, which reports it.)
fn leaves_root(path: &Path, real_root: &Path) -> bool {
    path.canonicalize().is_ok_and(|target| !target.starts_with(real_root))
}

fn link_warning(root: &Path, path: &Path) -> Warning {
    let target = path.canonicalize().map_or_else(|_| "?".into(), |t| t.display().to_string());
    let msg = format!(
        "symbolic link to {target}, outside the corpus, not followed; skipped (follow such links with \
         --follow-links)"
    );
    Warning::new(&rel_of(root, path), None, msg)
}

/// One entry of the walk: a corpus file, or the user dictionary or glossary
/// (recorded in `scan`), or something reported and skipped.
fn visit(root: &Path, entry: walkdir::DirEntry, scan: &mut Scan) -> Option<Pending> {
    if !entry.file_type().is_file() {
        return None;
    }
    let rel = rel_of(root, entry.path());
    let Some(name) = entry.file_name().to_str() else {
        scan.warnings.push(Warning::new(&rel, None, "file name is not valid UTF-8, skipped".into()));
        return None;
    };
    if entry.depth() == 1 && name == USER_DICT_FILE {
        scan.user_dict = Some(entry.path().to_path_buf());
        return None;
    }
    if entry.depth() == 1 && name == GLOSSARY_FILE {
        scan.glossary = Some(entry.path().to_path_buf());
        return None;
    }
    let Some(format) = FileFormat::of(name) else {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let msg = if NOT_TEXT.contains(&ext.as_str()) {
            format!("not a text file (.{ext}), skipped: convert it to .txt to index it")
        } else {
            "not a corpus file (yuanwen reads .txt, .md and .jsonl), skipped".to_string()
        };
        scan.warnings.push(Warning::new(&rel, None, msg));
        return None;
    };
    Some(Pending { rel, format, path: entry.into_path() })
}

/// The corpus files, each `NAME.en.txt` beside its `NAME.txt` taken as its
/// translation (size and time counted with it) rather than as a file.
fn pair_translations(found: Vec<Found>) -> Vec<CorpusFile> {
    let names: std::collections::HashSet<&str> = found.iter().map(|f| f.rel.as_str()).collect();
    let mut translations: std::collections::HashMap<String, &Found> = Default::default();
    for f in found.iter().filter(|f| f.format == FileFormat::Text) {
        if let Some(src) = translation_source(&f.rel)
            && names.contains(src.as_str())
        {
            translations.insert(src, f);
        }
    }
    let is_translation: std::collections::HashSet<&str> = translations.values().map(|t| t.rel.as_str()).collect();
    let mut files = Vec::with_capacity(found.len());
    for f in &found {
        if is_translation.contains(f.rel.as_str()) {
            continue;
        }
        let tr = translations.get(&f.rel);
        files.push(CorpusFile {
            translation: tr.map(|t| t.rel.clone()),
            size: f.size + tr.map_or(0, |t| t.size),
            mtime_ns: f.mtime_ns.max(tr.map_or(0, |t| t.mtime_ns)),
            rel: f.rel.clone(),
            format: f.format,
        });
    }
    files
}

/// `path` relative to `root`, with `/` separators.
fn rel_of(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    // A walked path has only normal components: on Unix its text is the
    // `/`-separated form already (one allocation, not one per component).
    #[cfg(unix)]
    if let Some(s) = rel.to_str() {
        return s.to_string();
    }
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_files_translations_and_config() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir_all(p.join("sub/.hidden")).unwrap();
        for f in [
            "a.txt",
            "a.en.txt",
            "b.en.txt",
            "sub/c.md",
            "sub/d.jsonl",
            "sub/.hidden/x.txt",
            "e.pdf",
            "dict.txt",
            "glossary.tsv",
            "notes.csv",
        ] {
            std::fs::write(p.join(f), "x\n").unwrap();
        }
        let s = scan(p, &[], false).unwrap();
        let rels: Vec<_> = s.files.iter().map(|f| (f.rel.as_str(), f.translation.as_deref())).collect();
        assert_eq!(rels, [("a.txt", Some("a.en.txt")), ("b.en.txt", None), ("sub/c.md", None), ("sub/d.jsonl", None)]);
        assert!(s.user_dict.is_some() && s.glossary.is_some());
        let warned: Vec<_> = s.warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(warned, ["e.pdf", "notes.csv"]);
    }

    #[cfg(unix)]
    #[test]
    fn links_leaving_the_corpus_are_skipped_unless_asked() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "x\n").unwrap();
        std::fs::create_dir(outside.path().join("dir")).unwrap();
        std::fs::write(outside.path().join("dir/more.txt"), "x\n").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir(p.join("real")).unwrap();
        std::fs::write(p.join("real/a.txt"), "x\n").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), p.join("passwd.txt")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("dir"), p.join("out")).unwrap();
        std::os::unix::fs::symlink(p.join("real"), p.join("inside")).unwrap();
        let s = scan(p, &[], false).unwrap();
        let rels: Vec<_> = s.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["inside/a.txt", "real/a.txt"], "a link inside the corpus is followed");
        let warned: Vec<_> = s.warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(warned, ["out", "passwd.txt"]);
        assert!(s.warnings[1].message.contains("outside the corpus"), "{:?}", s.warnings);
        let s = scan(p, &[], true).unwrap();
        let rels: Vec<_> = s.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["inside/a.txt", "out/more.txt", "passwd.txt", "real/a.txt"]);
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    }
}
