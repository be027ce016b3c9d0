//! Which kind of query the user typed: keywords, or natural language.

use crate::analysis::charclass::is_han;
use crate::analysis::{Analyzer, Normalized};
use crate::search::query::{Atom, ParsedQuery, concepts, is_question_word};
use crate::tuning::Ranking;

/// Consecutive English words typed as separate terms are one text, so that
/// expressions (`trade union`, `World Confederation of Labour`) translate as
/// units; every word is still required, as before.
pub(super) fn join_english_words(q: &ParsedQuery) -> ParsedQuery {
    let english = |g: &[Atom]| match g {
        [Atom::Text(t)] => !t.chars().any(is_han),
        _ => false,
    };
    let mut out = ParsedQuery { groups: Vec::new(), ..q.clone() };
    // `NEAR` operands stay apart: each is looked for on its own.
    let operand = |g: &[Atom]| q.near.iter().any(|n| g.iter().any(|a| *a == n.left || *a == n.right));
    for g in &q.groups {
        let joined = match (out.groups.last_mut(), g.as_slice()) {
            (Some(last), [Atom::Text(t)]) if english(last) && english(g) && !operand(last) && !operand(g) => {
                if let [Atom::Text(prev)] = last.as_mut_slice() {
                    prev.push(' ');
                    prev.push_str(t);
                }
                true
            }
            _ => false,
        };
        if !joined {
            out.groups.push(g.clone());
        }
    }
    out
}

/// Content words in the whole query.
pub(super) fn count_content(q: &ParsedQuery, analyzer: &Analyzer) -> usize {
    q.groups
        .iter()
        .map(|g| match g.as_slice() {
            [Atom::Text(t)] => concepts(&Normalized::new(t), analyzer).iter().filter(|c| !c.function_word).count(),
            _ => 1,
        })
        .sum()
}

/// Is the query natural language rather than keywords? More content words
/// (or OR-groups, or phrases) than [`Ranking::keyword_max`], or any with a
/// question word or question mark among them (`赵鹏的职业是什么？`; but
/// `旧的文本` is keywords).
pub(super) fn is_question(q: &ParsedQuery, analyzer: &Analyzer, ranking: &Ranking) -> bool {
    let content = count_content(q, analyzer);
    let grammar = q.groups.iter().any(|g| match g.as_slice() {
        [Atom::Text(t)] => {
            t.contains(['?', '？']) || concepts(&Normalized::new(t), analyzer).iter().any(|c| is_question_word(&c.text))
        }
        _ => false,
    });
    // English of three or more content words is a description (a title, a
    // phrase) more than a list of required keywords, and it often reaches
    // Chinese text only through translations, word by word.
    let english = q.groups.iter().flatten().all(|a| !a.text().chars().any(is_han));
    // `NEAR` is a keyword operator: both sides are required.
    let operators = !q.near.is_empty();
    !operators && (content > ranking.keyword_max || (content >= 1 && grammar) || (english && content >= 3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Lexicon;
    use crate::search::query::parse_query;

    fn question(q: &str) -> bool {
        let parsed = join_english_words(&parse_query(q).unwrap());
        let n = Normalized::new(q);
        let analyzer = Analyzer::for_text(&Lexicon::builtin(), Default::default(), &n);
        is_question(&parsed, &analyzer, &Ranking::default())
    }

    #[test]
    fn questions_and_keywords() {
        assert!(question("赵鹏的职业是什么？"));
        assert!(question("Who founded the union"));
        assert!(question("International Labour Office in Geneva"));
        assert!(!question("旧的文本"));
        assert!(!question("国际 劳工局"));
        assert!(!question("trade union"));
        assert!(question("一 二 三 四 五 六"), "more content words than a keyword query has");
    }

    #[test]
    fn english_words_typed_apart_are_one_text() {
        let q = join_english_words(&parse_query("trade union 工会 ILO OR UNDP").unwrap());
        assert_eq!(q.groups[0], [Atom::Text("trade union".into())]);
        assert_eq!(q.groups.len(), 3);
    }
}
