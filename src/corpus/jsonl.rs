//! `.jsonl` corpora: one `{"id", "text", "title"?, "translation"?}` per line.

use serde::Deserialize;

/// One record of a `.jsonl` corpus.
#[derive(Debug, Deserialize)]
pub(crate) struct Record {
    /// The record's identifier (string or number), reported in results.
    #[serde(default, deserialize_with = "id_as_string")]
    pub id: Option<String>,
    /// The passage.
    pub text: String,
    /// Optional title, shown as the section.
    #[serde(default)]
    pub title: Option<String>,
    /// Optional English translation of `text`.
    #[serde(default)]
    pub translation: Option<String>,
}

fn id_as_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match v {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    })
}

/// Parse one line; `Ok(None)` for a blank line.
pub(crate) fn parse_line(line: &str) -> Result<Option<Record>, String> {
    let t = line.trim().trim_start_matches('\u{FEFF}');
    if t.is_empty() {
        return Ok(None);
    }
    let mut record = serde_json::from_str::<Record>(t).map_err(|e| {
        let msg = e.to_string();
        // serde_json reports "line 1 column N": the line is ours to give.
        match msg.rfind(" at line ") {
            Some(p) => msg[..p].to_string(),
            None => msg,
        }
    })?;
    // A numeric id as written: serde_json turns numbers beyond 64 bits into
    // floats (18446744073709551616 -> 1.8446744073709552e+19), which makes
    // distinct ids collide. (With serde_json's `raw_value` feature this
    // could be an `Option<&RawValue>` field; `arbitrary_precision` would
    // change number handling crate-wide.)
    if let Some(raw) = raw_id(t).filter(|v| v.starts_with(|c: char| c == '-' || c.is_ascii_digit())) {
        record.id = Some(raw.to_string());
    }
    Ok(Some(record))
}

/// The literal text of the top-level `"id"` member's value in `json`, an
/// object serde_json has accepted (so the scan can be lenient).
fn raw_id(json: &str) -> Option<&str> {
    let b = json.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    loop {
        i = skip_ws(b, i);
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let key_end = skip_string(b, i)?;
        let key = &json[i..key_end];
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        let start = skip_ws(b, i + 1);
        let end = skip_value(b, start)?;
        if key == "\"id\"" {
            return Some(&json[start..end]);
        }
        i = skip_ws(b, end);
        if b.get(i) != Some(&b',') {
            return None;
        }
        i += 1;
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// Past the string starting at `b[i]` (a `"`).
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    while let Some(&c) = b.get(i) {
        match c {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Past the value starting at `b[i]`.
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let (mut depth, mut j) = (0usize, i);
            while let Some(&c) = b.get(j) {
                match c {
                    b'"' => j = skip_string(b, j)?,
                    b'{' | b'[' => (depth, j) = (depth + 1, j + 1),
                    b'}' | b']' if depth == 1 => return Some(j + 1),
                    b'}' | b']' => (depth, j) = (depth - 1, j + 1),
                    _ => j += 1,
                }
            }
            None
        }
        _ => {
            let mut j = i;
            while b.get(j).is_some_and(|c| !b",}] \t\r\n".contains(c)) {
                j += 1;
            }
            Some(j)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records() {
        let r = parse_line(r#"{"id": 7, "text": "工会", "title": "T"}"#).unwrap().unwrap();
        assert_eq!((r.id.as_deref(), r.text.as_str(), r.title.as_deref()), (Some("7"), "工会", Some("T")));
        assert!(parse_line("   ").unwrap().is_none());
        let e = parse_line(r#"{"id": "a"}"#).unwrap_err();
        assert!(e.contains("text"), "{e}");
        assert!(parse_line("{not json").is_err());
    }

    #[test]
    fn numeric_ids_keep_their_literal_text() {
        let id = |line: &str| parse_line(line).unwrap().unwrap().id;
        assert_eq!(id(r#"{"id": 18446744073709551616, "text": "a"}"#).as_deref(), Some("18446744073709551616"));
        assert_ne!(
            id(r#"{"id": 18446744073709551617, "text": "a"}"#),
            id(r#"{"id": 18446744073709551616, "text": "a"}"#)
        );
        assert_eq!(id(r#"{"text": "a,\"id\": 1", "meta": {"id": [2]}, "id":-1.50}"#).as_deref(), Some("-1.50"));
        assert_eq!(id(r#"{"id": "x\"y", "text": "a"}"#).as_deref(), Some("x\"y"));
        assert_eq!(id(r#"{"id": null, "text": "a"}"#), None);
        assert_eq!(id(r#"{"text": "a"}"#), None);
    }
}
