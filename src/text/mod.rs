//! Text as the rules see it: a folded copy of each article (lowercase, no
//! accents, one apostrophe) with a map back to the original bytes, cut into
//! sentences. Every later stage reads folded text and reports original bytes.

pub mod fold;
pub mod sentences;

/// Whether `text[start..end]` is a whole word: no letter or digit right
/// before it or right after it.
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Whether `word` occurs in `text` as a whole word.
pub fn has_whole_word(text: &str, word: &str) -> bool {
    text.match_indices(word)
        .any(|(i, _)| is_whole_word(text, i, i + word.len()))
}
