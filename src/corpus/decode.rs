//! Turning file bytes into text: UTF-8 (with or without BOM), UTF-16 with a
//! BOM, GB18030/GBK and Big5; anything else, and binary data, is refused.

use encoding_rs::{BIG5, Encoding, GB18030};

/// The encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TextEncoding {
    /// UTF-8 (a BOM, if any, is dropped).
    Utf8,
    /// UTF-16 (little or big endian) announced by a BOM.
    Utf16,
    /// GB18030, a superset of GBK and GB2312.
    Gb18030,
    /// Big5 (Traditional Chinese).
    Big5,
}

/// Why bytes are not text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NotText {
    /// NUL bytes: a binary file.
    Binary,
    /// Not valid in any supported encoding; `line` is where UTF-8 failed.
    Undecodable {
        /// 1-based line of the first invalid UTF-8 byte.
        line: usize,
    },
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Binary => write!(f, "binary file (contains NUL bytes), skipped"),
            NotText::Undecodable { line } => {
                write!(f, "line {line}: not valid UTF-8, GB18030/GBK or Big5 text, skipped (convert it to UTF-8)")
            }
        }
    }
}

/// Decide how a file's bytes are encoded, from a sample of its start
/// (`complete` says whether the sample is the whole file; if not, a
/// multi-byte character cut at the sample's end is not an error).
pub(crate) fn sniff(sample: &[u8], complete: bool) -> Result<TextEncoding, NotText> {
    if sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]) {
        return Ok(TextEncoding::Utf16);
    }
    if sample.contains(&0) {
        return Err(NotText::Binary);
    }
    let body = sample.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(sample);
    match std::str::from_utf8(body) {
        Ok(_) => return Ok(TextEncoding::Utf8),
        // A character cut by the end of the sample.
        Err(e) if !complete && e.error_len().is_none() => return Ok(TextEncoding::Utf8),
        Err(_) => {}
    }
    let trim = if complete { body } else { trim_to_last_line(body) };
    let gb = decode_strict(GB18030, trim);
    let big5 = decode_strict(BIG5, trim);
    match (gb, big5) {
        (Some(g), Some(b)) => {
            // Both decode: prefer the reading made of common characters.
            if commonness(&b) > commonness(&g) { Ok(TextEncoding::Big5) } else { Ok(TextEncoding::Gb18030) }
        }
        (Some(_), None) => Ok(TextEncoding::Gb18030),
        (None, Some(_)) => Ok(TextEncoding::Big5),
        (None, None) if mostly_utf8(trim) => Ok(TextEncoding::Utf8),
        (None, None) => Err(NotText::Undecodable { line: first_bad_utf8_line(body) }),
    }
}

/// UTF-8 with a few damaged lines (at most one in ten, as a stray byte or
/// a cut-and-pasted fragment leaves): read as UTF-8, the damaged lines are
/// left out with a warning. More than that is another encoding, refused.
fn mostly_utf8(b: &[u8]) -> bool {
    let (mut lines, mut bad) = (0usize, 0usize);
    for line in b.split(|&c| c == b'\n' || c == b'\r') {
        lines += 1;
        bad += usize::from(std::str::from_utf8(line).is_err());
    }
    bad * 10 <= lines
}

/// Decode a whole buffer in `enc` (a BOM is dropped); `None` if it is not
/// valid in that encoding.
#[cfg(test)]
pub(crate) fn decode(bytes: &[u8], enc: TextEncoding) -> Option<String> {
    match enc {
        TextEncoding::Utf8 => {
            let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            std::str::from_utf8(body).ok().map(str::to_owned)
        }
        TextEncoding::Utf16 => {
            let e = if bytes.starts_with(&[0xFF, 0xFE]) { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
            let (text, _, bad) = e.decode(bytes);
            (!bad).then(|| text.into_owned())
        }
        TextEncoding::Gb18030 => decode_strict(GB18030, bytes),
        TextEncoding::Big5 => decode_strict(BIG5, bytes),
    }
}

fn decode_strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes).map(|c| c.into_owned())
}

fn trim_to_last_line(b: &[u8]) -> &[u8] {
    match b.iter().rposition(|&x| x == b'\n') {
        Some(p) => &b[..=p],
        None => b,
    }
}

fn first_bad_utf8_line(b: &[u8]) -> usize {
    let valid = match std::str::from_utf8(b) {
        Ok(_) => b.len(),
        Err(e) => e.valid_up_to(),
    };
    b[..valid].iter().filter(|&&x| x == b'\n').count() + 1
}

/// Share of Han characters that are common (frequent single-character words
/// of the segmentation dictionary, after Traditional → Simplified).
fn commonness(text: &str) -> f64 {
    let t2s = crate::analysis::t2s();
    let mut han = 0usize;
    let mut common = 0usize;
    let mut buf = ['\0'];
    let mut s = [0u8; 4];
    for c in text.chars().filter(|&c| crate::analysis::charclass::is_han(c)).take(20_000) {
        han += 1;
        buf[0] = c;
        t2s.convert_in_place(&mut buf);
        let freq = crate::analysis::Lexicon::builtin().freq(buf[0].encode_utf8(&mut s)).unwrap_or(0);
        if freq >= 1000 {
            common += 1;
        }
    }
    if han == 0 { 0.0 } else { common as f64 / han as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(sniff("工会".as_bytes(), true), Ok(TextEncoding::Utf8));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("工会".as_bytes());
        assert_eq!(sniff(&b, true), Ok(TextEncoding::Utf8));
        assert_eq!(decode(&b, TextEncoding::Utf8).unwrap(), "工会");
    }

    #[test]
    fn gbk_and_big5() {
        let text = "中华全国总工会与国际劳工局的关系。";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(sniff(&gbk, true), Ok(TextEncoding::Gb18030));
        assert_eq!(decode(&gbk, TextEncoding::Gb18030).unwrap(), text);
        let trad = "中華全國總工會與國際勞工局的關係，我們的工作。";
        let (big5, _, _) = BIG5.encode(trad);
        assert_eq!(sniff(&big5, true), Ok(TextEncoding::Big5));
        assert_eq!(decode(&big5, TextEncoding::Big5).unwrap(), trad);
    }

    #[test]
    fn binary_and_garbage() {
        assert_eq!(sniff(b"PK\x03\x04\x00\x00", true), Err(NotText::Binary));
        assert_eq!(sniff(b"ok\nstill ok\n\xFF\xFF\xFF", true), Err(NotText::Undecodable { line: 3 }));
        let mut one_bad = "好\n".repeat(30).into_bytes();
        one_bad.extend_from_slice(b"\xFF\xFF\xFF\n");
        assert_eq!(sniff(&one_bad, true), Ok(TextEncoding::Utf8), "one damaged line in 31");
    }

    #[test]
    fn cut_sample_is_not_an_error() {
        let s = "工会".as_bytes();
        assert_eq!(sniff(&s[..4], false), Ok(TextEncoding::Utf8));
    }
}
