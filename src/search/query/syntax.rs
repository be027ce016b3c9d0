//! Query syntax: words, `"exact phrases"`, `-excluded` (or `NOT x`),
//! `A OR B` (or `A | B`), `prefix*`, `A NEAR/n B`, `file:NAME`.

use super::atom::Atom;
use super::lexer::{Lexeme, lex, lex_with};
use crate::error::{Error, Result};
use serde::Serialize;

/// The longest query searched, in bytes: 2 MiB, twice a long pasted
/// passage (a 1 MB text whose source is sought), so that no input makes a
/// search take unbounded memory.
pub const MAX_QUERY_BYTES: usize = 2 << 20;

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct ParsedQuery {
    /// Each group must match; a group matches when any of its atoms
    /// (alternatives joined by `OR`) does.
    pub groups: Vec<Vec<Atom>>,
    /// Atoms that must not match (`-word`, `-"phrase"`, `NOT word`).
    pub excluded: Vec<Atom>,
    /// `file:NAME` restrictions (a document's path must match one).
    pub files: Vec<String>,
    /// `A NEAR/n B`: both atoms are required (each is a group too), and
    /// must stand at most `n` characters apart.
    pub near: Vec<Near>,
    /// The query had an unbalanced quote and was read with quotes as text:
    /// the error it would have been (a question may be searched so, with
    /// a warning; keywords may not).
    pub unbalanced_quote: Option<String>,
}

/// `A NEAR/n B`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Near {
    pub left: Atom,
    pub right: Atom,
    /// At most this many characters between them.
    pub within: u32,
}

/// Parse a query string: words, `"exact phrases"`, `-excluded`, `NOT x`,
/// `A OR B`, `A | B`, `prefix*`, `A NEAR/n B`, `file:NAME`.
pub(crate) fn parse_query(input: &str) -> Result<ParsedQuery> {
    if input.len() > MAX_QUERY_BYTES {
        return Err(Error::QueryTooLong { bytes: input.len(), max: MAX_QUERY_BYTES });
    }
    let (toks, unbalanced_quote) = match lex(input) {
        Ok(toks) => (toks, None),
        Err(Error::Query(msg)) if msg.starts_with("unbalanced quote") => (lex_with(input, false)?, Some(msg)),
        Err(e) => return Err(e),
    };
    let mut q = Parser::default().run(&toks)?;
    if has_operator(&toks) && q.groups.iter().flatten().any(|a| matches!(a, Atom::Text(t) if t.contains(['(', ')']))) {
        return Err(Error::Query(
            "parentheses do not group terms: every term is required; join alternatives with OR (`A OR B`), \
             or quote the parentheses to search for them"
                .into(),
        ));
    }
    q.unbalanced_quote = unbalanced_quote;
    Ok(q)
}

fn has_operator(toks: &[Lexeme]) -> bool {
    toks.iter().any(|t| matches!(t, Lexeme::Or | Lexeme::Not | Lexeme::Near(_)))
}

/// The state between lexemes.
#[derive(Default)]
struct Parser {
    q: ParsedQuery,
    /// An operator waits for the atom after it.
    pending: Option<Pending>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pending {
    Or,
    Not,
    Near(u32),
}

impl Parser {
    fn run(mut self, toks: &[Lexeme]) -> Result<ParsedQuery> {
        for (i, t) in toks.iter().enumerate() {
            let next_is_term = matches!(toks.get(i + 1), Some(Lexeme::Atom { negated: false, .. }));
            match t {
                Lexeme::Or => self.operator(Pending::Or, next_is_term)?,
                Lexeme::Not => self.operator(Pending::Not, next_is_term)?,
                Lexeme::Near(n) => self.operator(Pending::Near(*n), next_is_term)?,
                Lexeme::File(name) => {
                    if self.pending.is_some() {
                        return Err(Error::Query("an operator (OR, NOT, NEAR) cannot apply to file:".into()));
                    }
                    self.q.files.push(name.clone());
                }
                Lexeme::Atom { atom, negated: true } => {
                    if self.pending.is_some() {
                        return Err(Error::Query("OR, NOT and NEAR cannot join an excluded term".into()));
                    }
                    self.q.excluded.push(atom.clone());
                }
                Lexeme::Atom { atom, negated: false } => self.atom(atom),
            }
        }
        if self.q.groups.is_empty() {
            let msg = if self.q.excluded.is_empty() && self.q.files.is_empty() {
                "the query is empty".to_string()
            } else {
                "nothing to search for: add a term besides exclusions and file: filters".to_string()
            };
            return Err(Error::Query(msg));
        }
        Ok(self.q)
    }

    /// An operator: it needs a term after it (and, but for `NOT`, before).
    fn operator(&mut self, op: Pending, next_is_term: bool) -> Result<()> {
        let needs_left = op != Pending::Not;
        if (needs_left && self.q.groups.is_empty()) || !next_is_term || self.pending.is_some() {
            return Err(Error::Query(match op {
                Pending::Or => "OR needs a search term on each side (e.g. `ILO OR UNDP`)".into(),
                Pending::Not => "NOT needs a search term after it (e.g. `工会 NOT 总工会`)".into(),
                Pending::Near(n) => format!("NEAR/{n} needs a search term on each side (e.g. `国际 NEAR/{n} 工会`)"),
            }));
        }
        let last = self.q.groups.last();
        let near_operand = last.is_some_and(|g| self.q.near.iter().any(|n| n.left == g[0] || n.right == g[0]));
        if op == Pending::Or && near_operand {
            return Err(Error::Query("a NEAR operand cannot take OR alternatives".into()));
        }
        if let Pending::Near(_) = op
            && last.is_some_and(|g| g.len() > 1)
        {
            return Err(Error::Query("NEAR cannot join an OR group: write each pair (`A NEAR/5 C B NEAR/5 C`)".into()));
        }
        self.pending = Some(op);
        Ok(())
    }

    fn atom(&mut self, atom: &Atom) {
        match self.pending.take() {
            None => self.q.groups.push(vec![atom.clone()]),
            Some(Pending::Not) => self.q.excluded.push(atom.clone()),
            Some(Pending::Or) => self.q.groups.last_mut().expect("checked by operator").push(atom.clone()),
            Some(Pending::Near(within)) => {
                let left = self.q.groups.last().expect("checked by operator")[0].clone();
                self.q.near.push(Near { left, right: atom.clone(), within });
                self.q.groups.push(vec![atom.clone()]);
            }
        }
    }
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
        let q = parse_query(r#""unbalanced"#).unwrap();
        assert!(q.unbalanced_quote.is_some_and(|m| m.contains("unbalanced")), "kept for the planner to judge");
        assert_eq!(q.groups, [[Atom::Text("\"unbalanced".into())]]);
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
            ("-abc", "nothing to search"),
            ("file:x", "nothing to search"),
            ("OR a", "OR needs"),
            ("a OR", "OR needs"),
            ("a OR OR b", "OR needs"),
            ("foo:bar x", "unknown field `foo:`"),
            ("NOT", "NOT needs"),
            ("a NOT", "NOT needs"),
            ("a NOT -b", "NOT needs"),
            ("a NEAR b", "NEAR needs a distance"),
            ("a NEAR/x b", "NEAR needs a distance"),
            ("a NEAR/3", "NEAR/3 needs"),
            ("NEAR/3 b", "NEAR/3 needs"),
            ("a OR b NEAR/3 c", "OR group"),
            ("a NEAR/3 b OR c", "NEAR operand"),
            ("a | | b", "OR needs"),
            ("a*b", "only at the end"),
            ("*", "only at the end"),
            ("*ab", "only at the end"),
            ("labour~", "fuzzy"),
            ("labour~2", "fuzzy"),
            ("labour^2", "boosting"),
            ("(ILO OR UNDP) 工会", "parentheses"),
        ] {
            let e = parse_query(q).unwrap_err().to_string();
            assert!(e.contains(needle), "{q:?} -> {e}");
        }
    }

    #[test]
    fn operators_people_type() {
        let q = parse_query("工会 NOT 总工会 ILO | UNDP ICFTU｜WCL labo* 国际 NEAR/5 工会").unwrap();
        assert_eq!(q.excluded, [text("总工会")]);
        assert_eq!(q.groups[1], [text("ILO"), text("UNDP")]);
        assert_eq!(q.groups[2], [text("ICFTU"), text("WCL")]);
        assert_eq!(q.groups[3], [Atom::Prefix("labo".into())]);
        assert_eq!(q.groups[4..], [vec![text("国际")], vec![text("工会")]]);
        assert_eq!(q.near, [Near { left: text("国际"), right: text("工会"), within: 5 }]);
        // Lower case is words; `AND` is the default; `|` joins inside a token.
        let q = parse_query("a or b not c near d AND e|f").unwrap();
        assert_eq!(q.groups.len(), 8);
        assert_eq!(q.groups[7], [text("e"), text("f")]);
        // Quoted, every character is text; parentheses without operators
        // are punctuation of a pasted text.
        assert_eq!(parse_query("\"a*b~ (c)\"").unwrap().groups, [[Atom::Phrase("a*b~ (c)".into())]]);
        assert!(parse_query("工会(1990)").is_ok());
    }

    #[test]
    fn near_chains_pair_each_neighbour() {
        let q = parse_query("a NEAR/2 b NEAR/0 c").unwrap();
        assert_eq!(q.groups.len(), 3);
        assert_eq!((q.near[0].within, q.near[1].within), (2, 0));
        assert_eq!((&q.near[1].left, &q.near[1].right), (&text("b"), &text("c")));
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
