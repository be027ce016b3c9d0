//! Query syntax: words, `"exact phrases"`, `-excluded`, `A OR B`, `file:NAME`.

use super::atom::Atom;
use super::lexer::{Lexeme, lex};
use crate::error::{Error, Result};
use serde::Serialize;

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct ParsedQuery {
    /// Each group must match; a group matches when any of its atoms
    /// (alternatives joined by `OR`) does.
    pub groups: Vec<Vec<Atom>>,
    /// Atoms that must not match (`-word`, `-"phrase"`).
    pub excluded: Vec<Atom>,
    /// `file:NAME` restrictions (a document's path must match one).
    pub files: Vec<String>,
}

/// Parse a query string: words, `"exact phrases"`, `-excluded`, `A OR B`,
/// `file:NAME`.
pub(crate) fn parse_query(input: &str) -> Result<ParsedQuery> {
    let toks = lex(input)?;
    let mut q = ParsedQuery::default();
    let mut i = 0;
    let mut pending_or = false;
    while i < toks.len() {
        match &toks[i] {
            Lexeme::Or => {
                let after_atom = matches!(toks.get(i + 1), Some(Lexeme::Atom { negated: false, .. }));
                if q.groups.is_empty() || !after_atom || pending_or {
                    return Err(Error::Query("OR needs a search term on each side (e.g. `ILO OR UNDP`)".into()));
                }
                pending_or = true;
            }
            Lexeme::File(name) => {
                q.files.push(name.clone());
                pending_or = false;
            }
            Lexeme::Atom { atom, negated: true } => {
                if pending_or {
                    return Err(Error::Query("OR cannot join an excluded term".into()));
                }
                q.excluded.push(atom.clone());
            }
            Lexeme::Atom { atom, negated: false } => {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Atom {
        Atom::Text(s.into())
    }

    #[test]
    fn groups_alternatives_exclusions_files() {
        let q = parse_query(r#"工会 "会与国" -总工会 ILO OR UNDP file:acftu"#).unwrap();
        assert_eq!(q.groups.len(), 3);
        assert_eq!(q.groups[1], [Atom::Phrase("会与国".into())]);
        assert_eq!(q.groups[2], [Atom::Text("ILO".into()), Atom::Text("UNDP".into())]);
        assert_eq!(q.excluded, [Atom::Text("总工会".into())]);
        assert_eq!(q.files, ["acftu"]);
        assert!(parse_query(r#""unbalanced"#).is_err());
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
