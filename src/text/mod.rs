//! Text as the rules see it: a folded copy of each article (lowercase, no
//! accents, one apostrophe) with a map back to the original bytes, cut into
//! sentences. Every later stage reads folded text and reports original bytes.

pub mod fold;
pub mod sentences;
