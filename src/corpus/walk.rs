//! Finding the files of a corpus.

use super::Warning;
use super::file::FileFormat;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// The user dictionary, read from the corpus root (not a document).
pub const USER_DICT_FILE: &str = "dict.txt";
/// The user glossary, read from the corpus root (not a document).
pub const GLOSSARY_FILE: &str = "glossary.tsv";

/// Formats that are documents but not text: reported, never read.
const NOT_TEXT: &[&str] = &[
    "pdf", "doc", "docx", "odt", "rtf", "epub", "mobi", "xls", "xlsx", "ods", "ppt", "pptx", "odp", "zip", "gz", "tgz",
    "bz2", "xz", "7z", "rar", "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp", "mp3", "mp4", "wav", "avi",
    "mov", "exe", "dll", "so", "bin", "djvu",
];

/// A file to index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusFile {
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
pub struct Scan {
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

/// Walk `root` (following symbolic links, skipping hidden entries and the
/// directories in `exclude`) and list what to index.
pub fn scan(root: &Path, exclude: &[PathBuf]) -> crate::Result<Scan> {
    let meta = std::fs::metadata(root).map_err(|e| crate::Error::io(root, e))?;
    if !meta.is_dir() {
        return Err(crate::Error::BadFile {
            path: root.to_path_buf(),
            message: "the corpus is not a directory".into(),
        });
    }
    let exclude: Vec<PathBuf> = exclude.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let mut scan = Scan::default();
    let mut found: Vec<(String, FileFormat, u64, u64)> = Vec::new();
    let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter();
    let it = walker.filter_entry(|e| {
        let hidden = e.depth() > 0 && e.file_name().to_str().is_some_and(|n| n.starts_with('.'));
        let excluded = e.file_type().is_dir() && e.path().canonicalize().is_ok_and(|c| exclude.contains(&c));
        !hidden && !excluded
    });
    for entry in it {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| rel_of(root, p)).unwrap_or_default();
                let msg = if e.loop_ancestor().is_some() {
                    "symbolic link loop, skipped".to_string()
                } else {
                    format!("cannot read: {}; skipped", e.io_error().map_or(e.to_string(), |io| io.to_string()))
                };
                scan.warnings.push(Warning::new(&path, None, msg));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = rel_of(root, entry.path());
        let Some(name) = entry.file_name().to_str() else {
            scan.warnings.push(Warning::new(&rel, None, "file name is not valid UTF-8, skipped".into()));
            continue;
        };
        if entry.depth() == 1 && name == USER_DICT_FILE {
            scan.user_dict = Some(entry.path().to_path_buf());
            continue;
        }
        if entry.depth() == 1 && name == GLOSSARY_FILE {
            scan.glossary = Some(entry.path().to_path_buf());
            continue;
        }
        let Some(format) = FileFormat::of(name) else {
            let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
            let msg = if NOT_TEXT.contains(&ext.as_str()) {
                format!("not a text file (.{ext}), skipped: convert it to .txt to index it")
            } else {
                "not a corpus file (yuanwen reads .txt, .md and .jsonl), skipped".to_string()
            };
            scan.warnings.push(Warning::new(&rel, None, msg));
            continue;
        };
        let m = match entry.metadata() {
            Ok(m) => m,
            Err(e) => {
                scan.warnings.push(Warning::new(&rel, None, format!("cannot read: {e}; skipped")));
                continue;
            }
        };
        found.push((rel, format, m.len(), mtime_ns(&m)));
    }
    let names: std::collections::HashSet<&str> = found.iter().map(|f| f.0.as_str()).collect();
    let mut translations: std::collections::HashMap<String, (String, u64, u64)> = Default::default();
    for (rel, format, size, mtime) in &found {
        if *format != FileFormat::Text {
            continue;
        }
        if let Some(src) = translation_source(rel)
            && names.contains(src.as_str())
        {
            translations.insert(src, (rel.clone(), *size, *mtime));
        }
    }
    let is_translation: std::collections::HashSet<String> = translations.values().map(|t| t.0.clone()).collect();
    for (rel, format, size, mtime) in found {
        if is_translation.contains(&rel) {
            continue;
        }
        let tr = translations.get(&rel);
        scan.files.push(CorpusFile {
            translation: tr.map(|t| t.0.clone()),
            size: size + tr.map_or(0, |t| t.1),
            mtime_ns: mtime.max(tr.map_or(0, |t| t.2)),
            rel,
            format,
        });
    }
    Ok(scan)
}

/// `path` relative to `root`, with `/` separators.
fn rel_of(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
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
        let s = scan(p, &[]).unwrap();
        let rels: Vec<_> = s.files.iter().map(|f| (f.rel.as_str(), f.translation.as_deref())).collect();
        assert_eq!(rels, [("a.txt", Some("a.en.txt")), ("b.en.txt", None), ("sub/c.md", None), ("sub/d.jsonl", None)]);
        assert!(s.user_dict.is_some() && s.glossary.is_some());
        let warned: Vec<_> = s.warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(warned, ["e.pdf", "notes.csv"]);
    }
}
