//! Cutting a query string into lexemes: atoms (text, quoted phrases,
//! `prefix*`, perhaps negated), the operators `OR`/`|`, `NOT`, `NEAR/n`,
//! and `file:` filters.
//!
//! Operators are upper case (`or`, `not`, `near` are words); what looks
//! like another engine's syntax (`word~`, `word^2`, a `*` that is not at
//! the end of a word) is an error that says how to search for the
//! characters themselves, never silently something else.

use super::atom::Atom;
use crate::error::{Error, Result};

/// Field prefixes the syntax knows.
pub(super) const KNOWN_FIELDS: &[&str] = &["file"];

/// One unit of the query as typed.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Lexeme {
    /// Text or a quoted phrase; `negated` for a leading `-`.
    Atom { atom: Atom, negated: bool },
    /// The word `OR`, or `|`.
    Or,
    /// The word `NOT`: the next atom is excluded.
    Not,
    /// `NEAR/n`: the atoms on either side stand at most `n` characters apart.
    Near(u32),
    /// `file:NAME`.
    File(String),
}

/// The lexemes of `input`, in order.
pub(super) fn lex(input: &str) -> Result<Vec<Lexeme>> {
    lex_with(input, true)
}

/// The lexemes of `input` with quotes read as text (`quotes` false): a
/// pasted question with one stray `"` is still searched.
pub(super) fn lex_with(input: &str, quotes: bool) -> Result<Vec<Lexeme>> {
    let lexer = Lexer { input, chars: input.char_indices().collect(), quotes };
    let mut toks = Vec::new();
    let mut i = 0;
    while i < lexer.chars.len() {
        if is_space(lexer.chars[i].1) {
            i += 1;
        } else if is_bar(lexer.chars[i].1) {
            toks.push(Lexeme::Or);
            i += 1;
        } else {
            i = lexer.token(i, &mut toks)?;
        }
    }
    Ok(toks)
}

fn is_quote(c: char) -> bool {
    c == '"' || c == '＂'
}

/// `|` (and its full-width form, typed with a Chinese input method): `OR`.
fn is_bar(c: char) -> bool {
    c == '|' || c == '｜'
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

struct Lexer<'a> {
    input: &'a str,
    chars: Vec<(usize, char)>,
    /// Quotes make phrases (else they are text).
    quotes: bool,
}

/// What one white-space-delimited token holds.
struct Scanned {
    /// Text and phrases, in order.
    atoms: Vec<Atom>,
    /// `name:"quoted value"`.
    field: Option<(String, String)>,
    /// The unquoted text after the last phrase.
    word: String,
    /// Where the token ends.
    end: usize,
}

impl Lexer<'_> {
    /// 1-based character column of character `i`.
    fn column(&self, i: usize) -> usize {
        self.input[..self.chars[i].0].chars().count() + 1
    }

    /// The index of the quote closing the one at `open`.
    fn closing(&self, open: usize) -> Result<usize> {
        (open + 1..self.chars.len()).find(|&j| self.is_quote(j)).ok_or_else(|| {
            Error::Query(format!("unbalanced quote: the \" at character {} has no closing \"", self.column(open)))
        })
    }

    fn is_quote(&self, j: usize) -> bool {
        self.quotes && is_quote(self.chars[j].1)
    }

    fn text_of(&self, a: usize, b: usize) -> String {
        self.chars[a..b].iter().map(|&(_, c)| c).collect()
    }

    /// The token starting at `i` (not a space): `-` (exclusion) at its
    /// start, then text and "quoted phrases" in any order until white space
    /// (Chinese is typed without spaces: 是"两多"吗 is text, a phrase, text).
    /// Returns where it ends.
    fn token(&self, i: usize, toks: &mut Vec<Lexeme>) -> Result<usize> {
        let negated = self.chars[i].1 == '-' && self.chars.get(i + 1).is_some_and(|&(_, n)| !is_space(n));
        let Scanned { mut atoms, mut field, word, end } = self.scan(if negated { i + 1 } else { i })?;
        if atoms.is_empty()
            && field.is_none()
            && !negated
            && let Some(op) = operator(&word)?
        {
            toks.extend(op);
            return Ok(end);
        }
        let prefix = if field.is_none() && atoms.is_empty() { field_prefix(&word) } else { None };
        if let Some((name, value)) = prefix {
            field = Some((name.to_string(), value.to_string()));
        } else if !word.is_empty() {
            atoms.push(text_atom(word)?);
        }
        match field {
            Some((name, value)) => toks.push(field_lexeme(&name, value, negated)?),
            None => toks.extend(atoms.into_iter().map(|atom| Lexeme::Atom { atom, negated })),
        }
        Ok(end)
    }

    /// Text and quoted phrases from `start` to the next white space.
    fn scan(&self, start: usize) -> Result<Scanned> {
        let mut j = start;
        let mut atoms: Vec<Atom> = Vec::new();
        let mut text_start = j;
        let mut field: Option<(String, String)> = None;
        while j < self.chars.len() && !is_space(self.chars[j].1) && !is_bar(self.chars[j].1) {
            if !self.is_quote(j) {
                j += 1;
                continue;
            }
            let word = self.text_of(text_start, j);
            let close = self.closing(j)?;
            let phrase = self.text_of(j + 1, close);
            if let Some((name, "")) = field_prefix(&format!("{word}x")).map(|(n, v)| (n, &v[..v.len() - 1])) {
                // `file:"my notes"`
                field = Some((name.to_string(), phrase));
            } else if word == "=" && atoms.is_empty() && text_start == start {
                // `="as written"`
                atoms.push(Atom::Literal(phrase));
            } else {
                if !word.is_empty() {
                    atoms.push(Atom::Text(word));
                }
                atoms.push(Atom::Phrase(phrase));
            }
            j = close + 1;
            text_start = j;
        }
        let mut word = self.text_of(text_start, j);
        if text_start == start && atoms.is_empty() && word.len() > 1 && word.starts_with('=') {
            // `=as_written`
            atoms.push(Atom::Literal(word.split_off(1)));
            word.clear();
        }
        Ok(Scanned { atoms, field, word, end: j })
    }
}

/// The operator `word` is, if it is one (`AND` is the default and needs
/// no lexeme); `NEAR` without a distance is an error.
fn operator(word: &str) -> Result<Option<Option<Lexeme>>> {
    Ok(Some(match word {
        "OR" => Some(Lexeme::Or),
        "NOT" => Some(Lexeme::Not),
        "AND" => None,
        _ => match word.strip_prefix("NEAR") {
            Some("") => return Err(Error::Query(NEAR_NEEDS_DISTANCE.into())),
            Some(rest) => match rest.strip_prefix('/').map(str::parse::<u32>) {
                Some(Ok(n)) => Some(Lexeme::Near(n)),
                _ => return Err(Error::Query(format!("`{word}`: {NEAR_NEEDS_DISTANCE}"))),
            },
            None => return Ok(None),
        },
    }))
}

const NEAR_NEEDS_DISTANCE: &str =
    "NEAR needs a distance in characters, e.g. `国际 NEAR/5 工会` (at most 5 characters between them)";

/// Unquoted text as an atom: `word*` is a prefix; a `*` elsewhere, `~`
/// and `^N` (other engines' fuzzy and boost syntax) are errors.
fn text_atom(mut word: String) -> Result<Atom> {
    let quote_it = |what: &str| {
        Error::Query(format!("{what} in `{word}`; to search for the characters themselves, quote them: \"{word}\""))
    };
    if word.ends_with('*') && word.len() > 1 && word.matches('*').count() == 1 {
        word.pop();
        return Ok(Atom::Prefix(word));
    }
    if word.contains('*') {
        return Err(quote_it("`*` is a prefix match only at the end of a word (labo*)"));
    }
    let tail = word.trim_end_matches(|c: char| c.is_ascii_digit());
    if tail.ends_with('~') && tail.len() > 1 {
        return Err(quote_it("`~` (fuzzy matching) is not supported"));
    }
    if tail.ends_with('^') && tail.len() > 1 && tail.len() < word.len() {
        return Err(quote_it("`^` (boosting) is not supported"));
    }
    Ok(Atom::Text(word))
}

/// The lexeme of `name:value`, or why it is not one.
fn field_lexeme(name: &str, value: String, negated: bool) -> Result<Lexeme> {
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
    Ok(Lexeme::File(value))
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

    fn atom(text: &str, negated: bool) -> Lexeme {
        Lexeme::Atom { atom: Atom::Text(text.into()), negated }
    }

    #[test]
    fn lexemes_in_order() {
        let toks = lex("工会 -总工会 ILO OR UNDP file:acftu \"会与国\"").unwrap();
        assert_eq!(
            toks,
            [
                atom("工会", false),
                atom("总工会", true),
                atom("ILO", false),
                Lexeme::Or,
                atom("UNDP", false),
                Lexeme::File("acftu".into()),
                Lexeme::Atom { atom: Atom::Phrase("会与国".into()), negated: false },
            ]
        );
    }

    #[test]
    fn negation_reaches_every_atom_of_its_token() {
        let toks = lex("-\"工会\"外").unwrap();
        assert_eq!(toks, [Lexeme::Atom { atom: Atom::Phrase("工会".into()), negated: true }, atom("外", true)]);
        // `OR` negated is a word; a lone `-` is text.
        assert_eq!(lex("-OR -").unwrap(), [atom("OR", true), atom("-", false)]);
    }

    #[test]
    fn literal_atoms() {
        let lit = |s: &str, negated| Lexeme::Atom { atom: Atom::Literal(s.into()), negated };
        assert_eq!(lex("=\"裡\" =衞 -=\"a b\"").unwrap(), [lit("裡", false), lit("衞", false), lit("a b", true)]);
        // `=` alone, or inside a word, is text.
        assert_eq!(lex("= a=b").unwrap(), [atom("=", false), atom("a=b", false)]);
    }

    #[test]
    fn the_unbalanced_quote_is_named_by_column() {
        let e = lex("工会 ab\"c").unwrap_err().to_string();
        assert!(e.contains("character 6"), "{e}");
        assert!(lex("-file:x").is_err() && lex("file:\"  \"").is_err());
    }
}
