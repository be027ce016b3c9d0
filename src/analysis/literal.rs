//! Literal form: text as written, with only width and case folded — what
//! `--exact` and `="…"` compare (no script or variant folding).

use super::charclass::from_full_width;

/// `text` with full-width ASCII as ASCII, the ideographic space as a space,
/// and lower case; nothing else changes (裡 stays 裡, 衞 stays 衞).
pub(crate) fn literal_form(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\u{3000}' => ' ',
            c => from_full_width(c).unwrap_or(c),
        };
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_width_and_case() {
        assert_eq!(literal_form("ＩＣＦＴＵ與裡　衞"), "icftu與裡 衞");
        assert_eq!(literal_form("Trade Unions"), "trade unions");
        assert_ne!(literal_form("裡"), literal_form("里"));
    }
}
