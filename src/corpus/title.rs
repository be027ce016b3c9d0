//! A file's title: what a hit shows to say which text it is from.
//!
//! A title is a Markdown `# ` first line, or a short first line without
//! sentence punctuation that more paragraphs follow (as the name of a law
//! stands on the first line of its file). The first passage cannot be
//! handed on before the second is seen, so [`Titled`] holds it back.

use super::document::Document;
use super::heading::heading;

/// Longest first line (in characters) still taken for a title.
const MAX_TITLE_CHARS: usize = 60;

/// The title the first paragraph `first` gives its file; `more` says
/// whether other paragraphs follow it.
pub(crate) fn file_title(first: &str, more: bool) -> Option<String> {
    let t = first.trim();
    if t.starts_with("# ") {
        return heading(t).map(|h| h.title);
    }
    let sentence = |c: char| matches!(c, '。' | '！' | '？' | '；' | '，' | '：' | '.' | '!' | '?' | ';' | ',' | ':');
    let short = (1..=MAX_TITLE_CHARS).contains(&t.chars().count());
    (more && short && !t.chars().any(sentence) && !t.contains('\n')).then(|| t.to_string())
}

/// Passes a file's documents on with its title set, holding the first back
/// until the second shows whether the first is a title.
pub(crate) struct Titled<'a> {
    sink: &'a mut dyn FnMut(Document),
    first: Option<Document>,
    title: Option<String>,
}

impl<'a> Titled<'a> {
    pub(crate) fn new(sink: &'a mut dyn FnMut(Document)) -> Titled<'a> {
        Titled { sink, first: None, title: None }
    }

    /// The next document of the file.
    pub(crate) fn push(&mut self, mut d: Document) {
        match self.first.take() {
            None if d.paragraph == 1 => {
                self.first = Some(d);
                return;
            }
            None => {}
            Some(mut first) => {
                self.title = file_title(&first.text, true);
                first.title = self.title.clone();
                (self.sink)(first);
            }
        }
        d.title = self.title.clone();
        (self.sink)(d);
    }

    /// The file has ended.
    pub(crate) fn finish(mut self) {
        if let Some(mut first) = self.first.take() {
            first.title = file_title(&first.text, false);
            (self.sink)(first);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_of_laws_and_markdown() {
        assert_eq!(file_title("中華民國憲法", true).as_deref(), Some("中華民國憲法"));
        assert_eq!(file_title("中華民國憲法", false), None, "a file of one line has no title");
        assert_eq!(file_title("# 工会法", false).as_deref(), Some("工会法"));
        assert_eq!(file_title("与西方国家工会关系改善。2000年", true), None);
        assert_eq!(file_title("Trade Union Act", true).as_deref(), Some("Trade Union Act"));
        assert_eq!(file_title("Relations improved, and so on", true), None);
        assert_eq!(file_title(&"长".repeat(61), true), None);
    }

    #[test]
    fn every_document_of_the_file_gets_the_title() {
        let doc = |n: u64, text: &str| Document {
            path: "a.txt".into(),
            line: n,
            paragraph: n,
            section: None,
            id: None,
            text: text.into(),
            translation: None,
            kind: crate::corpus::DocKind::Paragraph,
            title: None,
        };
        let mut out = Vec::new();
        let mut sink = |d: Document| out.push(d);
        let mut t = Titled::new(&mut sink);
        for (n, text) in [(1, "工会法"), (2, "第一条 为了保障。"), (3, "第二条 工会。")] {
            t.push(doc(n, text));
        }
        t.finish();
        assert_eq!(out.len(), 3);
        assert!(out.iter().all(|d| d.title.as_deref() == Some("工会法")));
        assert_eq!(out.iter().map(|d| d.paragraph).collect::<Vec<_>>(), [1, 2, 3]);
    }
}
