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
    serde_json::from_str::<Record>(t).map(Some).map_err(|e| {
        let msg = e.to_string();
        // serde_json reports "line 1 column N": the line is ours to give.
        match msg.rfind(" at line ") {
            Some(p) => msg[..p].to_string(),
            None => msg,
        }
    })
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
}
