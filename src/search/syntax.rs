//! Query syntax: words, `"exact phrases"`, `-excluded`, `A OR B`, `file:NAME`.

use crate::error::{Error, Result};
use serde::Serialize;

/// One searchable unit the user typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "text", rename_all = "lowercase")]
pub enum Atom {
    /// Unquoted text: its words must all appear, anywhere.
    Text(String),
    /// Quoted text: must appear exactly, contiguously.
    Phrase(String),
}

impl Atom {
    /// The text of the atom.
    pub fn text(&self) -> &str {
        match self {
            Atom::Text(t) | Atom::Phrase(t) => t,
        }
    }
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ParsedQuery {
    /// Each group must match; a group matches when any of its atoms
    /// (alternatives joined by `OR`) does.
    pub groups: Vec<Vec<Atom>>,
    /// Atoms that must not match (`-word`, `-"phrase"`).
    pub excluded: Vec<Atom>,
    /// `file:NAME` restrictions (a document's path must match one).
    pub files: Vec<String>,
}

/// Field prefixes the syntax knows.
pub const KNOWN_FIELDS: &[&str] = &["file"];

#[derive(Debug, PartialEq, Eq)]
enum Tok {
    Atom { atom: Atom, negated: bool },
    Or,
    File(String),
}

/// Parse a query string.
///
/// ```
/// use yuanwen::search::{parse_query, Atom};
/// let q = parse_query(r#"工会 "会与国" -总工会 ILO OR UNDP file:acftu"#).unwrap();
/// assert_eq!(q.groups.len(), 3);
/// assert_eq!(q.groups[1], [Atom::Phrase("会与国".into())]);
/// assert_eq!(q.groups[2], [Atom::Text("ILO".into()), Atom::Text("UNDP".into())]);
/// assert_eq!(q.excluded, [Atom::Text("总工会".into())]);
/// assert_eq!(q.files, ["acftu"]);
/// assert!(parse_query(r#""unbalanced"#).is_err());
/// ```
pub fn parse_query(input: &str) -> Result<ParsedQuery> {
    let toks = lex(input)?;
    let mut q = ParsedQuery::default();
    let mut i = 0;
    let mut pending_or = false;
    while i < toks.len() {
        match &toks[i] {
            Tok::Or => {
                let after_atom = matches!(toks.get(i + 1), Some(Tok::Atom { negated: false, .. }));
                if q.groups.is_empty() || !after_atom || pending_or {
                    return Err(Error::Query("OR needs a search term on each side (e.g. `ILO OR UNDP`)".into()));
                }
                pending_or = true;
            }
            Tok::File(name) => {
                q.files.push(name.clone());
                pending_or = false;
            }
            Tok::Atom { atom, negated: true } => {
                if pending_or {
                    return Err(Error::Query("OR cannot join an excluded term".into()));
                }
                q.excluded.push(atom.clone());
            }
            Tok::Atom { atom, negated: false } => {
                if pending_or {
                    q.groups.last_mut().expect("checked above").push(atom.clone());
                    pending_or = false;
                } else {
                    q.groups.push(vec![atom.clone()]);
                }
            }
        }
        i += 1;
    }
    if q.groups.is_empty() {
        let msg = if q.excluded.is_empty() && q.files.is_empty() {
            "the query is empty".to_string()
        } else {
            "nothing to search for: add a term besides exclusions and file: filters".to_string()
        };
        return Err(Error::Query(msg));
    }
    Ok(q)
}

fn lex(input: &str) -> Result<Vec<Tok>> {
    let mut toks = Vec::new();
    let chars: Vec<(usize, char)> = input.char_indices().collect();
    let is_quote = |c: char| c == '"' || c == '＂';
    let is_space = |c: char| c.is_whitespace() || c.is_control();
    let column = |i: usize| input[..chars[i].0].chars().count() + 1;
    // The index of the quote closing the one at `open`.
    let closing = |open: usize| -> Result<usize> {
        (open + 1..chars.len()).find(|&j| is_quote(chars[j].1)).ok_or_else(|| {
            Error::Query(format!("unbalanced quote: the \" at character {} has no closing \"", column(open)))
        })
    };
    let text_of = |a: usize, b: usize| -> String { chars[a..b].iter().map(|&(_, c)| c).collect() };
    let mut i = 0;
    while i < chars.len() {
        if is_space(chars[i].1) {
            i += 1;
            continue;
        }
        // A token: `-` (exclusion) at its start, then text and "quoted
        // phrases" in any order until white space (Chinese is typed without
        // spaces: 是"两多"吗 is text, a phrase, text).
        let negated = chars[i].1 == '-' && chars.get(i + 1).is_some_and(|&(_, n)| !is_space(n));
        let start = if negated { i + 1 } else { i };
        let mut j = start;
        let mut atoms: Vec<Atom> = Vec::new();
        let mut text_start = j;
        let mut field: Option<(String, String)> = None;
        while j < chars.len() && !is_space(chars[j].1) {
            if is_quote(chars[j].1) {
                let word = text_of(text_start, j);
                let close = closing(j)?;
                let phrase = text_of(j + 1, close);
                if let Some((name, "")) = field_prefix(&format!("{word}x")).map(|(n, v)| (n, &v[..v.len() - 1])) {
                    // `file:"my notes"`
                    field = Some((name.to_string(), phrase));
                } else {
                    if !word.is_empty() {
                        atoms.push(Atom::Text(word));
                    }
                    atoms.push(Atom::Phrase(phrase));
                }
                j = close + 1;
                text_start = j;
                continue;
            }
            j += 1;
        }
        let word = text_of(text_start, j);
        i = j;
        if atoms.is_empty() && field.is_none() && word == "OR" && !negated {
            toks.push(Tok::Or);
            continue;
        }
        let prefix = if field.is_none() && atoms.is_empty() { field_prefix(&word) } else { None };
        if let Some((name, value)) = prefix {
            field = Some((name.to_string(), value.to_string()));
        } else if !word.is_empty() {
            atoms.push(Atom::Text(word));
        }
        if let Some((name, value)) = field {
            if negated {
                return Err(Error::Query(format!("`-{name}:` is not supported; use `{name}:` to restrict")));
            }
            if name != "file" {
                let known: Vec<String> = KNOWN_FIELDS.iter().map(|f| format!("{f}:")).collect();
                return Err(Error::Query(format!(
                    "unknown field `{name}:` (known: {}); to search for the text itself, quote it: \"{name}:{value}\"",
                    known.join(", ")
                )));
            }
            if value.trim().is_empty() {
                return Err(Error::Query("file: needs a name, e.g. file:report or file:\"my notes\"".into()));
            }
            toks.push(Tok::File(value));
            continue;
        }
        for atom in atoms {
            toks.push(Tok::Atom { atom, negated });
        }
    }
    Ok(toks)
}

/// `name:value` where `name` is 2+ ASCII letters (so `12:30`, `特点:` and
/// `a:b` stay text). A URL (`http://…`) is text too.
fn field_prefix(word: &str) -> Option<(&str, &str)> {
    let (name, value) = word.split_once(':')?;
    // `Council:` (nothing after the colon) is a word and its punctuation.
    if value.is_empty() && name != "file" {
        return None;
    }
    if name.len() < 2 || !name.chars().all(|c| c.is_ascii_alphabetic()) || value.starts_with("//") {
        return None;
    }
    Some((name, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Atom {
        Atom::Text(s.into())
    }

    #[test]
    fn words_phrases_or_exclusions() {
        let q = parse_query("a  \"b c\" -d -\"e f\" g OR h OR \"i\"").unwrap();
        assert_eq!(
            q.groups,
            vec![
                vec![text("a")],
                vec![Atom::Phrase("b c".into())],
                vec![text("g"), text("h"), Atom::Phrase("i".into())]
            ]
        );
        assert_eq!(q.excluded, vec![text("d"), Atom::Phrase("e f".into())]);
    }

    #[test]
    fn errors_are_clear() {
        for (q, needle) in [
            ("", "empty"),
            ("   \t ", "empty"),
            ("\"abc", "unbalanced"),
            ("-abc", "nothing to search"),
            ("file:x", "nothing to search"),
            ("OR a", "OR needs"),
            ("a OR", "OR needs"),
            ("a OR OR b", "OR needs"),
            ("foo:bar x", "unknown field `foo:`"),
            ("ab\"c", "unbalanced"),
        ] {
            let e = parse_query(q).unwrap_err().to_string();
            assert!(e.contains(needle), "{q:?} -> {e}");
        }
    }

    #[test]
    fn colons_that_are_not_fields() {
        let q = parse_query("特点: 12:30 http://x.org a:b").unwrap();
        assert_eq!(q.groups.len(), 4);
        assert!(q.files.is_empty());
    }

    #[test]
    fn quotes_inside_chinese_text() {
        let q = parse_query("是\"两多\"的特点").unwrap();
        assert_eq!(q.groups, vec![vec![text("是")], vec![Atom::Phrase("两多".into())], vec![text("的特点")]]);
        let q = parse_query("-\"工会\"外 a").unwrap();
        assert_eq!(q.excluded, vec![Atom::Phrase("工会".into()), text("外")]);
    }

    #[test]
    fn file_with_quoted_name() {
        let q = parse_query("工会 file:\"my notes\"").unwrap();
        assert_eq!(q.files, ["my notes"]);
    }

    #[test]
    fn lone_dash_and_control_chars() {
        let q = parse_query("a - b\u{7}c").unwrap();
        assert_eq!(q.groups, vec![vec![text("a")], vec![text("-")], vec![text("b")], vec![text("c")]]);
    }
}
