//! Chinese function and question words (canonical, Simplified).
//!
//! A query's function words (的, 是, 在) and question words (什么, 谁, 哪一年)
//! are its grammar, not what it asks about: they weigh little and are never
//! required while the query has other words, and a question word makes a
//! query a question.

/// Function words that do not ask (particles, prepositions, auxiliaries).
pub(crate) const GRAMMAR_WORDS: &[&str] = &[
    "的", "了", "是", "在", "和", "与", "及", "或", "也", "都", "就", "而", "被", "把", "对", "从", "向", "以", "之",
    "其", "这", "那", "有", "为", "于", "个", "吧", "啊", "呀", "么", "叫", "叫做", "称为", "由", "将", "等", "中",
    "上", "下", "里", "所", "得", "地", "着", "过", "该", "此", "并", "且", "但", "又", "还", "会", "能", "可以", "要",
    "让", "给", "到", "去", "来", "说", "一个", "一种",
];

/// Words that make a question.
pub(crate) const QUESTION_WORDS: &[&str] = &[
    "什么",
    "哪",
    "哪个",
    "哪些",
    "哪里",
    "哪儿",
    "哪位",
    "哪一",
    "哪一个",
    "哪一年",
    "哪年",
    "谁",
    "几",
    "多少",
    "怎么",
    "怎样",
    "怎么样",
    "如何",
    "为什么",
    "为何",
    "何",
    "何时",
    "何地",
    "是否",
    "是不是",
    "吗",
    "呢",
    "请问",
    "哪家",
    "哪国",
    "哪种",
    "什么样",
    "多久",
    "多大",
    "多长",
    "第几",
    "几个",
    "几年",
    "哪一种",
    "是什么",
    "叫什么",
];

/// Characters that only ask (哪, 什么, 谁, 几, 吗, 呢, 怎, 何): a bigram
/// holding one is a question's grammar (`哪一`, `是谁`).
pub(crate) fn is_question_char(c: char) -> bool {
    matches!(c, '哪' | '什' | '么' | '谁' | '几' | '吗' | '呢' | '怎' | '何')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_list_per_word() {
        assert!(!GRAMMAR_WORDS.iter().any(|w| QUESTION_WORDS.contains(w)));
        assert!(QUESTION_WORDS.contains(&"哪一年") && GRAMMAR_WORDS.contains(&"的"));
    }
}
