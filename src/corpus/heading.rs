//! Recognising section headings: `(一) …`, `（二）…`, `一、…`, `第三章 …`,
//! Markdown `#` lines.

/// Longest line (in characters) still taken for a Chinese-numbered heading.
const MAX_HEADING_CHARS: usize = 40;

/// A recognised heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Heading {
    /// Nesting level: 1 is outermost.
    pub level: u8,
    /// The heading's title as displayed (Markdown `#`s removed, trimmed).
    pub title: String,
}

fn is_cn_numeral(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千' | '零' | '〇' | '两')
        || c.is_ascii_digit()
}

/// Is `line` a heading, and at what level? `(一) …` is level 5, `第三章 …`
/// level 2, `## Notes` level 2 titled `Notes`; `第一条 为了规范口岸开放，制定本条例。`
/// is body text.
pub(crate) fn heading(line: &str) -> Option<Heading> {
    let t = line.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(rest) = t.strip_prefix('#') {
        let hashes = 1 + rest.chars().take_while(|&c| c == '#').count();
        let title = t[hashes..].trim();
        let spaced = t[hashes..].starts_with(char::is_whitespace);
        return (hashes <= 6 && spaced && !title.is_empty())
            .then(|| Heading { level: hashes as u8, title: title.trim_end_matches('#').trim().to_string() });
    }
    let chars = t.chars().count();
    if chars > MAX_HEADING_CHARS || ends_like_sentence(t) {
        return None;
    }
    let level = chinese_level(t)?;
    Some(Heading { level, title: t.to_string() })
}

fn ends_like_sentence(t: &str) -> bool {
    matches!(t.chars().last(), Some('。' | '；' | ';' | '，' | ',' | '：' | ':' | '！' | '？' | '!' | '?'))
}

/// Levels 1–3 for 第…编/部/篇, 章, 节; 4 for `一、`; 5 for `(一)`.
fn chinese_level(t: &str) -> Option<u8> {
    if let Some(rest) = t.strip_prefix('第') {
        let num_len: usize = rest.chars().take_while(|&c| is_cn_numeral(c)).map(char::len_utf8).sum();
        if num_len == 0 {
            return None;
        }
        let mut after = rest[num_len..].chars();
        let level = match after.next()? {
            '编' | '編' | '部' | '篇' => 1,
            '章' => 2,
            '节' | '節' => 3,
            _ => return None,
        };
        // `第三章` alone, or followed by a space or a title.
        return Some(level);
    }
    let (open, body) = match t.chars().next()? {
        '(' | '（' => (true, &t[t.chars().next()?.len_utf8()..]),
        _ => (false, t),
    };
    let num_len: usize =
        body.chars().take_while(|&c| is_cn_numeral(c) && !c.is_ascii_digit()).map(char::len_utf8).sum();
    if num_len == 0 {
        return None;
    }
    let next = body[num_len..].chars().next()?;
    match (open, next) {
        (true, ')' | '）') => Some(5),
        (false, '、') => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_the_seed_headings() {
        for h in ["(一) 与国际劳工局和外国工会的关系", "（二）与国际自由工联的关系", "(四) 与联合国开发计划署的关系"]
        {
            assert_eq!(heading(h).map(|h| h.level), Some(5), "{h}");
        }
        assert_eq!(heading("一、总体情况").map(|h| h.level), Some(4));
        assert_eq!(heading("第一编 总则").map(|h| h.level), Some(1));
        assert_eq!(heading("第十二章　附则").map(|h| h.level), Some(2));
        assert_eq!(heading("第二节 一般规定").map(|h| h.level), Some(3));
        assert_eq!(heading("# 标题 #").unwrap().title, "标题");
    }

    #[test]
    fn levels_and_titles() {
        assert_eq!(heading("(一) 与国际劳工局和外国工会的关系").unwrap().level, 5);
        assert_eq!(heading("第三章 法律责任").unwrap().level, 2);
        assert_eq!(heading("## Notes").unwrap().title, "Notes");
        assert!(heading("第一条 为了规范口岸开放，制定本条例。").is_none());
    }

    #[test]
    fn rejects_body_text() {
        assert!(heading("第一条 为了规范口岸开放").is_none());
        assert!(
            heading("一、是利用国际劳工局和外国工会组织的专家和资源，紧紧结合工会重点工作开展的合作项目增多。")
                .is_none()
        );
        assert!(heading("(一) 短句。").is_none());
        assert!(heading("#hashtag").is_none());
        assert!(heading("与西方国家工会关系改善。").is_none());
        assert!(heading("一是利用").is_none());
    }
}
