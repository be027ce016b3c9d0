//! Passage addresses: [`PassageId`], and [`Searcher::passage`], a passage
//! with its neighbours by that address.
//!
//! A front end that links to a passage (a web page's "read in context")
//! must not take a file path from its client: the address names the file
//! by a hash of its path, which only the index can turn back into a file
//! it holds, and the passage by its number in the file.

use super::searcher::Searcher;
use crate::corpus::Document;
use crate::error::{Error, Result};
use std::fmt;
use std::str::FromStr;

/// Where a passage is, as an opaque token (`9f3ac0d1e2b4a687-12`): the
/// file's path hashed, and the passage's number within the file. It stays
/// the same across rebuilds while the file keeps its path and the passages
/// before it keep their number.
///
/// ```
/// use yuanwen::search::PassageId;
/// let id = PassageId::of("laws/a.txt", 12);
/// assert_eq!(id.to_string().parse::<PassageId>()?, id);
/// assert!("../etc/passwd".parse::<PassageId>().is_err());
/// # Ok::<(), yuanwen::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PassageId {
    file: u64,
    paragraph: u64,
}

impl PassageId {
    /// The address of passage `paragraph` (1-based) of the file `path`
    /// (relative to the corpus).
    pub fn of(path: &str, paragraph: u64) -> PassageId {
        PassageId { file: xxhash_rust::xxh3::xxh3_64(path.as_bytes()), paragraph }
    }

    /// The address of `document`.
    pub fn of_document(document: &Document) -> PassageId {
        PassageId::of(&document.path, document.paragraph)
    }
}

impl fmt::Display for PassageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}-{}", self.file, self.paragraph)
    }
}

impl FromStr for PassageId {
    type Err = Error;

    /// Sixteen hex digits, `-`, a passage number; anything else is
    /// [`Error::BadPassageId`].
    fn from_str(s: &str) -> Result<PassageId> {
        let bad = || Error::BadPassageId { id: s.chars().take(80).collect() };
        let (file, paragraph) = s.split_once('-').ok_or_else(bad)?;
        let hex = file.len() == 16 && file.bytes().all(|b| b.is_ascii_hexdigit());
        let digits = !paragraph.is_empty() && paragraph.bytes().all(|b| b.is_ascii_digit());
        if !hex || !digits {
            return Err(bad());
        }
        let file = u64::from_str_radix(file, 16).map_err(|_| bad())?;
        let paragraph = paragraph.parse().map_err(|_| bad())?;
        Ok(PassageId { file, paragraph })
    }
}

impl serde::Serialize for PassageId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A passage and its neighbours in its file.
#[derive(Clone, Debug, serde::Serialize)]
#[non_exhaustive]
pub struct PassageInContext {
    /// The passage.
    pub passage: Document,
    /// Up to the asked number of passages before it, in file order.
    pub before: Vec<Document>,
    /// Up to as many after it.
    pub after: Vec<Document>,
}

impl Searcher {
    /// The passage at `id`, with up to `context` passages on either side;
    /// `None` if the index has no such passage (a file removed, or fewer
    /// passages now).
    ///
    /// ```no_run
    /// # let searcher = yuanwen::Searcher::open("index")?;
    /// use yuanwen::search::PassageId;
    /// let hit = &searcher.search("工会", &Default::default())?.hits[0];
    /// let id = PassageId::of_document(&hit.document);
    /// let read = searcher.passage(id, 2)?.expect("the hit's passage is there");
    /// assert_eq!(read.passage, hit.document);
    /// # Ok::<(), yuanwen::Error>(())
    /// ```
    pub fn passage(&self, id: PassageId, context: usize) -> Result<Option<PassageInContext>> {
        let Some(path) = self.files().iter().find(|p| PassageId::of(p, id.paragraph).file == id.file) else {
            return Ok(None);
        };
        let context = context as u64;
        let from = id.paragraph.saturating_sub(context).max(1);
        let mut docs = self.paragraphs(path, from, id.paragraph.saturating_add(context))?;
        let Some(at) = docs.iter().position(|d| d.paragraph == id.paragraph) else {
            return Ok(None);
        };
        let after = docs.split_off(at + 1);
        let passage = docs.pop().expect("the passage at `at`");
        Ok(Some(PassageInContext { passage, before: docs, after }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_refuse_paths() {
        let id = PassageId::of("史记/卷一.txt", 3);
        let text = id.to_string();
        assert_eq!(text.len(), 18);
        assert_eq!(text.parse::<PassageId>().unwrap(), id);
        assert_ne!(PassageId::of("史记/卷二.txt", 3), id);
        for bad in [
            "",
            "-",
            "12-3",
            "/etc/passwd",
            "../a.txt",
            "0123456789abcdefg-1",
            "0123456789abcdef-",
            "0123456789abcdef-x",
        ] {
            assert!(bad.parse::<PassageId>().is_err(), "{bad}");
        }
        assert!("0123456789abcdef-99999999999999999999999".parse::<PassageId>().is_err());
    }
}
