//! The token every analysis stage produces.

use super::Normalized;
use std::ops::Range;

/// A token: a range of canonical characters and its position.
///
/// Tokens never own text: their text is a slice of the canonical text they
/// were cut from ([`Token::text`]), and [`Token::source`] maps them back to the
/// original.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First canonical character.
    pub(crate) start: u32,
    /// One past the last canonical character.
    pub(crate) end: u32,
    /// Ordinal position (phrase queries compare these).
    pub(crate) position: u32,
}

impl Token {
    /// The token's text in `n`'s canonical form.
    #[inline]
    pub fn text<'a>(&self, n: &'a Normalized) -> &'a str {
        &n.text()[n.byte_of(self.start as usize)..n.byte_of(self.end as usize)]
    }

    /// The byte range of the token in the original text.
    #[inline]
    pub fn source(&self, n: &Normalized) -> Range<usize> {
        n.source_of_chars(self.start as usize..self.end as usize)
    }

    /// Canonical character range.
    #[inline]
    pub fn chars(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Ordinal position (phrase queries compare these).
    #[inline]
    pub fn position(&self) -> u32 {
        self.position
    }
}
