//! Query-string parameters, strictly: percent-decoded to UTF-8 (invalid
//! UTF-8 is an error, not replaced), each named at most once, only the
//! names an endpoint accepts, numbers within their range.

use super::error::ApiError;
use std::collections::BTreeMap;

/// One request's parameters.
#[derive(Debug, Default)]
pub struct Params {
    values: BTreeMap<String, String>,
}

impl Params {
    /// Parse `raw` (the URL's query, without `?`), accepting only `allowed`.
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let mut values = BTreeMap::new();
        for pair in raw.unwrap_or_default().split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = decode(name, "a parameter name")?;
            if !allowed.contains(&name.as_str()) {
                let name: String = name.chars().take(40).collect();
                return Err(ApiError::bad_request(format!(
                    "unknown parameter `{name}` (this endpoint takes: {})",
                    allowed.join(", ")
                )));
            }
            let value = decode(value, &format!("parameter `{name}`"))?;
            if values.insert(name.clone(), value).is_some() {
                return Err(ApiError::bad_request(format!("parameter `{name}` is given twice")));
            }
        }
        Ok(Params { values })
    }

    /// The text of `name`, if given.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// The text of `name`, which must be given and not blank.
    pub fn required(&self, name: &str) -> Result<&str, ApiError> {
        match self.text(name) {
            Some(v) if !v.trim().is_empty() => Ok(v),
            _ => Err(ApiError::bad_request(format!("parameter `{name}` is required (the query)"))),
        }
    }

    /// `name` as a number in `range` (`default` if not given).
    pub fn number(&self, name: &str, default: u64, range: std::ops::RangeInclusive<u64>) -> Result<u64, ApiError> {
        let Some(text) = self.text(name) else { return Ok(default) };
        match text.parse::<u64>() {
            Ok(n) if range.contains(&n) => Ok(n),
            _ => Err(ApiError::bad_request(format!(
                "parameter `{name}` must be a whole number from {} to {}, not `{}`",
                range.start(),
                range.end(),
                text.chars().take(40).collect::<String>()
            ))),
        }
    }

    /// `name` as `true`/`false` (also `1`/`0`; absent: false).
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.text(name) {
            None | Some("false" | "0" | "") => Ok(false),
            Some("true" | "1") => Ok(true),
            Some(other) => Err(ApiError::bad_request(format!(
                "parameter `{name}` must be true or false, not `{}`",
                other.chars().take(40).collect::<String>()
            ))),
        }
    }

    /// `name` as one of `choices` (absent: `default`).
    pub fn choice<T: Copy>(&self, name: &str, default: T, choices: &[(&str, T)]) -> Result<T, ApiError> {
        let Some(text) = self.text(name) else { return Ok(default) };
        choices.iter().find(|(n, _)| *n == text).map(|(_, v)| *v).ok_or_else(|| {
            let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
            ApiError::bad_request(format!(
                "parameter `{name}` must be one of {}, not `{}`",
                names.join(", "),
                text.chars().take(40).collect::<String>()
            ))
        })
    }
}

/// `+` as space, then `%XX` decoded; the bytes must be UTF-8.
fn decode(raw: &str, what: &str) -> Result<String, ApiError> {
    let spaced = raw.replace('+', " ");
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(&spaced).collect();
    String::from_utf8(bytes).map_err(|_| ApiError::bad_request(format!("{what} is not UTF-8 text once decoded")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_parameters() {
        let p = Params::parse(Some("q=%E5%B7%A5%E4%BC%9A+ILO&limit=5&exact=true"), &["q", "limit", "exact"]).unwrap();
        assert_eq!(p.required("q").unwrap(), "工会 ILO");
        assert_eq!(p.number("limit", 10, 1..=100).unwrap(), 5);
        assert!(p.flag("exact").unwrap());
        assert!(Params::parse(Some("q=%FF"), &["q"]).is_err());
        assert!(Params::parse(Some("q=a&q=b"), &["q"]).is_err());
        assert!(Params::parse(Some("path=../etc"), &["q"]).is_err());
        let p = Params::parse(Some("limit=1000000000"), &["limit"]).unwrap();
        assert!(p.number("limit", 10, 1..=1000).is_err());
        assert!(p.required("q").is_err());
    }
}
