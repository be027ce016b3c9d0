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
                    return Err(Error::Query(
                        "OR needs a search term on each side (e.g. `ILO OR UNDP`)".into(),
                    ));
                }
                pending_or = true;
            }
            Tok::File(name) => {
                q.files.push(name.clone());
                pending_or = false;
            }
            Tok::Atom {
                atom,
                negated: true,
            } => {
                if pending_or {
                    return Err(Error::Query("OR cannot join an excluded term".into()));
                }
                q.excluded.push(atom.clone());
            }
            Tok::Atom {
                atom,
                negated: false,
            } => {
                if pending_or {
                    q.groups
                        .last_mut()
                        .expect("checked above")
                        .push(atom.clone());
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
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() || c.is_control() {
            i += 1;
            continue;
        }
        let negated = c == '-' && chars.get(i + 1).is_some_and(|&(_, n)| !n.is_whitespace());
        let start = if negated { i + 1 } else { i };
        if chars.get(start).is_some_and(|&(_, q)| is_quote(q)) {
            let close = (start + 1..chars.len())
                .find(|&j| is_quote(chars[j].1))
                .ok_or_else(|| {
                    Error::Query(format!(
                        "unbalanced quote: the \" at character {} has no closing \"",
                        input[..chars[start].0].chars().count() + 1
                    ))
                })?;
            let text: String = chars[start + 1..close].iter().map(|&(_, c)| c).collect();
            toks.push(Tok::Atom {
                atom: Atom::Phrase(text),
                negated,
            });
            i = close + 1;
            continue;
        }
        let mut end = start;
        while end < chars.len() && !chars[end].1.is_whitespace() && !chars[end].1.is_control() {
            if is_quote(chars[end].1) {
                let so_far: String = chars[start..end].iter().map(|&(_, c)| c).collect();
                if so_far
                    .strip_suffix(':')
                    .is_some_and(|f| f.len() >= 2 && f.chars().all(|c| c.is_ascii_alphabetic()))
                {
                    break;
                }
                return Err(Error::Query(format!(
                    "a quote inside a word at character {}: put spaces around \"quoted text\"",
                    input[..chars[end].0].chars().count() + 1
                )));
            }
            end += 1;
        }
        let word: String = chars[start..end].iter().map(|&(_, c)| c).collect();
        i = end;
        if word == "OR" && !negated {
            toks.push(Tok::Or);
            continue;
        }
        if let Some((field, value)) = field_prefix(&word) {
            if negated {
                return Err(Error::Query(format!(
                    "`-{field}:` is not supported; use `{field}:` to restrict"
                )));
            }
            match field {
                "file" => {
                    let value = if value.is_empty()
                        && chars.get(i).is_some_and(|&(_, q)| is_quote(q))
                    {
                        let close = (i + 1..chars.len())
                            .find(|&j| is_quote(chars[j].1))
                            .ok_or_else(|| Error::Query("unbalanced quote after file:".into()))?;
                        let v: String = chars[i + 1..close].iter().map(|&(_, c)| c).collect();
                        i = close + 1;
                        v
                    } else {
                        value.to_string()
                    };
                    if value.trim().is_empty() {
                        return Err(Error::Query(
                            "file: needs a name, e.g. file:report or file:\"my notes\"".into(),
                        ));
                    }
                    toks.push(Tok::File(value));
                }
                other => {
                    return Err(Error::Query(format!(
                        "unknown field `{other}:` (known: {}); to search for the text itself, quote it: \"{word}\"",
                        KNOWN_FIELDS
                            .iter()
                            .map(|f| format!("{f}:"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )));
                }
            }
            continue;
        }
        toks.push(Tok::Atom {
            atom: Atom::Text(word),
            negated,
        });
    }
    Ok(toks)
}

/// `name:value` where `name` is 2+ ASCII letters (so `12:30`, `特点:` and
/// `a:b` stay text). A URL (`http://…`) is text too.
fn field_prefix(word: &str) -> Option<(&str, &str)> {
    let (name, value) = word.split_once(':')?;
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
            ("ab\"c\"", "quote inside"),
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
    fn file_with_quoted_name() {
        let q = parse_query("工会 file:\"my notes\"").unwrap();
        assert_eq!(q.files, ["my notes"]);
    }

    #[test]
    fn lone_dash_and_control_chars() {
        let q = parse_query("a - b\u{7}c").unwrap();
        assert_eq!(
            q.groups,
            vec![
                vec![text("a")],
                vec![text("-")],
                vec![text("b")],
                vec![text("c")]
            ]
        );
    }
}
