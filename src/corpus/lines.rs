//! Reading a text file as decoded lines, streaming, in bounded memory.
//!
//! A line ends at LF, CRLF or a lone CR (old Mac files), so a CR-only file
//! is not one paragraph. A line that does not decode is left out (its number
//! kept in [`LineReader::undecodable_lines`] for the warning), so one bad
//! byte costs one line, not the file.

use super::decode::{NotText, TextEncoding, sniff};
use encoding_rs::{BIG5, Decoder, DecoderResult, GB18030, UTF_8, UTF_16BE};
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Bytes looked at to decide a file's encoding and layout.
pub(crate) const SAMPLE_BYTES: usize = 64 * 1024;
/// Longest line handed out in one piece; a longer line comes in pieces.
pub(crate) const LINE_CAP: usize = 1024 * 1024;

/// Why a file stopped being readable.
#[derive(Debug)]
pub(crate) enum ReadFailure {
    /// I/O error (permissions, file vanished, …).
    Io(std::io::Error),
    /// The bytes are not text.
    NotText(NotText),
}

/// One line (or piece of an over-long line).
#[derive(Debug)]
pub(crate) struct Line {
    /// 1-based line number.
    pub number: usize,
    /// The text, without its line ending.
    pub text: String,
    /// More of the same line follows (it was longer than [`LINE_CAP`]).
    pub continues: bool,
}

/// Streams the decoded lines of a file.
pub(crate) struct LineReader {
    file: File,
    decoder: Decoder,
    encoding: TextEncoding,
    raw: Vec<u8>,
    /// Decoded text not yet handed out starts at `start` (consumed text is
    /// dropped only when more is decoded, so taking a line copies it once).
    pending: String,
    start: usize,
    eof: bool,
    line: usize,
    /// The current line was cut; its next piece keeps the number.
    in_long_line: bool,
    sample: String,
    /// Lines that did not decode, ascending (left out of what is handed out).
    undecodable: Vec<usize>,
}

impl LineReader {
    /// Open `path` and decide its encoding from the first [`SAMPLE_BYTES`].
    pub(crate) fn open(path: &Path) -> Result<LineReader, ReadFailure> {
        let mut file = File::open(path).map_err(ReadFailure::Io)?;
        let mut head = vec![0u8; SAMPLE_BYTES];
        let mut got = 0;
        while got < head.len() {
            match file.read(&mut head[got..]).map_err(ReadFailure::Io)? {
                0 => break,
                n => got += n,
            }
        }
        head.truncate(got);
        let complete = got < SAMPLE_BYTES;
        let encoding = sniff(&head, complete).map_err(ReadFailure::NotText)?;
        let decoder = match encoding {
            TextEncoding::Utf8 => UTF_8.new_decoder_with_bom_removal(),
            // The BOM tells the decoder which UTF-16 it is.
            TextEncoding::Utf16 => UTF_16BE.new_decoder(),
            TextEncoding::Gb18030 => GB18030.new_decoder_without_bom_handling(),
            TextEncoding::Big5 => BIG5.new_decoder_without_bom_handling(),
        };
        let mut reader = LineReader {
            file,
            decoder,
            encoding,
            raw: head,
            pending: String::new(),
            start: 0,
            eof: false,
            line: 0,
            in_long_line: false,
            sample: String::new(),
            undecodable: Vec::new(),
        };
        reader.decode_raw()?;
        reader.sample = reader.pending.clone();
        Ok(reader)
    }

    /// The decoded start of the file (for layout detection).
    pub(crate) fn sample(&self) -> &str {
        &self.sample
    }

    /// The lines that did not decode (1-based, ascending), left out.
    pub(crate) fn undecodable_lines(&self) -> &[usize] {
        &self.undecodable
    }

    /// Decode what `raw` holds into `pending`. A malformed sequence marks
    /// the line it falls on as undecodable and decoding goes on after it.
    fn decode_raw(&mut self) -> Result<(), ReadFailure> {
        let last = self.eof;
        if self.start > 0 {
            self.pending.drain(..self.start);
            self.start = 0;
        }
        loop {
            let need = self
                .decoder
                .max_utf8_buffer_length_without_replacement(self.raw.len())
                .unwrap_or(self.raw.len() * 3 + 16);
            self.pending.reserve(need);
            let (result, read) = self.decoder.decode_to_string_without_replacement(&self.raw, &mut self.pending, last);
            self.raw.drain(..read);
            match result {
                DecoderResult::InputEmpty => return Ok(()),
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(_, _) => {
                    // The next line handed out is `line + 1`, unless a cut
                    // line is still going on.
                    let next = self.line + usize::from(!self.in_long_line);
                    let line = next + count_breaks(&self.pending);
                    if self.undecodable.last() != Some(&line) {
                        self.undecodable.push(line);
                    }
                }
            }
        }
    }

    fn fill(&mut self) -> Result<(), ReadFailure> {
        let have = self.raw.len();
        self.raw.resize(have + SAMPLE_BYTES, 0);
        let n = self.file.read(&mut self.raw[have..]).map_err(ReadFailure::Io);
        self.raw.truncate(have + *n.as_ref().unwrap_or(&0));
        if n? == 0 {
            self.eof = true;
        }
        self.decode_raw()
    }

    /// The next line, or `None` at the end of the file (undecodable lines
    /// are left out).
    pub(crate) fn next_line(&mut self) -> Result<Option<Line>, ReadFailure> {
        loop {
            match self.next_piece()? {
                Some(l) if self.undecodable.binary_search(&l.number).is_ok() => continue,
                other => return Ok(other),
            }
        }
    }

    fn next_piece(&mut self) -> Result<Option<Line>, ReadFailure> {
        loop {
            let rest = &self.pending[self.start..];
            if let Some(at) = rest.find(['\n', '\r']) {
                let cr = rest.as_bytes()[at] == b'\r';
                if cr && at + 1 == rest.len() && !self.eof {
                    // A CR at the end of what is decoded: CRLF or a lone CR?
                    self.fill()?;
                    continue;
                }
                let ending = if cr && rest.as_bytes().get(at + 1) == Some(&b'\n') { 2 } else { 1 };
                let line = &rest[..at];
                if self.encoding == TextEncoding::Utf16 && line.contains('\0') {
                    return Err(ReadFailure::NotText(NotText::Binary));
                }
                let text = line.to_string();
                self.start += at + ending;
                return Ok(Some(self.emit(text, false)));
            }
            if rest.len() >= LINE_CAP {
                let mut cut = LINE_CAP;
                while !rest.is_char_boundary(cut) {
                    cut -= 1;
                }
                let text = rest[..cut].to_string();
                self.start += cut;
                return Ok(Some(self.emit(text, true)));
            }
            if self.eof {
                if rest.is_empty() {
                    return Ok(None);
                }
                let text = rest.to_string();
                self.start = self.pending.len();
                return Ok(Some(self.emit(text, false)));
            }
            self.fill()?;
        }
    }

    fn emit(&mut self, text: String, continues: bool) -> Line {
        if !self.in_long_line {
            self.line += 1;
        }
        self.in_long_line = continues;
        Line { number: self.line, text, continues }
    }
}

/// Line breaks in `s`: LF, CRLF (one break) and lone CR.
fn count_breaks(s: &str) -> usize {
    let b = s.as_bytes();
    b.iter().enumerate().filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n'))).count()
}

/// The lines of `s`, ending at LF, CRLF or a lone CR (as [`LineReader`]
/// splits them).
pub(crate) fn split_lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let at = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = &rest[..at];
        let ending = match rest.as_bytes().get(at) {
            Some(b'\r') if rest.as_bytes().get(at + 1) == Some(&b'\n') => 2,
            Some(_) => 1,
            None => 0,
        };
        rest = &rest[at + ending..];
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn lines_of(bytes: &[u8]) -> Result<Vec<(usize, String, bool)>, ReadFailure> {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        let mut r = LineReader::open(f.path())?;
        let mut v = Vec::new();
        while let Some(l) = r.next_line()? {
            v.push((l.number, l.text, l.continues));
        }
        Ok(v)
    }

    #[test]
    fn crlf_bom_and_missing_final_newline() {
        let v = lines_of("\u{FEFF}一\r\n二\n\n三".as_bytes()).unwrap();
        assert_eq!(
            v,
            [(1, "一".into(), false), (2, "二".into(), false), (3, "".into(), false), (4, "三".into(), false)]
        );
    }

    #[test]
    fn gbk_streams_across_chunks() {
        let text = "中华全国总工会与国际劳工局的关系。\n".repeat(10_000);
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        let v = lines_of(&gbk).unwrap();
        assert_eq!(v.len(), 10_000);
        assert!(v.iter().all(|(_, t, _)| t == "中华全国总工会与国际劳工局的关系。"));
    }

    #[test]
    fn over_long_line_comes_in_pieces() {
        let mut text = "工".repeat(LINE_CAP); // 3 bytes each
        text.push_str("\n下一行\n");
        let v = lines_of(text.as_bytes()).unwrap();
        assert!(v.len() >= 4);
        assert!(v.iter().take(v.len() - 1).all(|(n, _, _)| *n == 1));
        assert_eq!(v.last().unwrap(), &(2, "下一行".to_string(), false));
    }

    #[test]
    fn late_garbage_costs_only_its_line() {
        let mut b = "好\n".repeat(50_000).into_bytes();
        b.extend_from_slice(b"\xFF\xFE\xFD\n");
        b.extend_from_slice("后\n前".as_bytes());
        b.push(0xFF);
        b.extend_from_slice("后\n尾".as_bytes());
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(&b).unwrap();
        let mut r = LineReader::open(f.path()).unwrap();
        let mut v = Vec::new();
        while let Some(l) = r.next_line().unwrap() {
            v.push((l.number, l.text));
        }
        assert_eq!(v.len(), 50_002);
        assert_eq!(v[50_000], (50_002, "后".to_string()));
        assert_eq!(v[50_001], (50_004, "尾".to_string()));
        assert_eq!(r.undecodable_lines(), [50_001, 50_003]);
    }

    #[test]
    fn lone_cr_ends_a_line_and_crlf_is_one_break() {
        let v = lines_of("一\r二\r\n三\r\r四".as_bytes()).unwrap();
        let texts: Vec<_> = v.iter().map(|(n, t, _)| (*n, t.as_str())).collect();
        assert_eq!(texts, [(1, "一"), (2, "二"), (3, "三"), (4, ""), (5, "四")]);
        // A CR that ends one read chunk and an LF that starts the next.
        let mut text = "x".repeat(SAMPLE_BYTES - 1);
        text.push_str("\r\n下一行\r");
        let v = lines_of(text.as_bytes()).unwrap();
        assert_eq!(v.len(), 2, "CRLF across chunks is one break");
        assert_eq!(v[1], (2, "下一行".into(), false));
        let split: Vec<_> = split_lines("a\rb\r\nc\n\nd").collect();
        assert_eq!(split, ["a", "b", "c", "", "d"]);
        assert_eq!(count_breaks("a\rb\r\nc\n"), 3);
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "工会\nok\n".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let v = lines_of(&b).unwrap();
        assert_eq!(v, [(1, "工会".into(), false), (2, "ok".into(), false)]);
    }
}
