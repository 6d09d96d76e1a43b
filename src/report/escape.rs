//! Text that others wrote (file names, front matter, article text, rule
//! ids) as the printers show it. A terminal obeys control characters (ESC
//! sets a window title or clears the screen, a newline breaks a table row),
//! so the table, Markdown and stderr show them as visible escapes (`\n`,
//! `\u{1b}`); a spreadsheet runs a cell that starts like a formula, so CSV
//! cells that start with `=`, `+`, `-`, `@`, a tab or a carriage return get
//! a leading `'` (OWASP's advice on CSV injection).

use std::borrow::Cow;

/// A character a terminal acts on instead of showing: C0 and C1 controls
/// and DEL, the Unicode bidirectional controls (which reorder what follows
/// them) and the line and paragraph separators.
fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// `s` with every character a terminal acts on shown as an escape: `\n`,
/// `\t`, `\r`, or `\u{1b}` for the others; `keep` is left as it is.
fn escaped<'a>(s: &'a str, keep: &[char]) -> Cow<'a, str> {
    if !s.chars().any(|c| acts_on_terminal(c) && !keep.contains(&c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if keep.contains(&c) || !acts_on_terminal(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// `s` on one line with nothing a terminal acts on: `a\nb`, `\u{1b}]0;x\u{7}`.
pub fn visible(s: &str) -> Cow<'_, str> {
    escaped(s, &[])
}

/// [`visible`], but newlines and tabs are kept: for messages of several lines.
pub fn visible_lines(s: &str) -> Cow<'_, str> {
    escaped(s, &['\n', '\t'])
}

/// [`visible`] for a Markdown table cell or list item: `|` escaped too, so
/// the table keeps its columns.
pub fn markdown(s: &str) -> String {
    visible(s).replace('|', "\\|")
}

/// A CSV cell of text that no spreadsheet runs as a formula: one that starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.
/// Only for text: the figures and offsets crosscheck writes stay numbers.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(visible("plain – text"), "plain – text");
        assert_eq!(
            visible("a\x1b]0;t\x07\nb\tc\r"),
            r"a\u{1b}]0;t\u{7}\nb\tc\r"
        );
        assert_eq!(visible("\u{7f}\u{85}\u{202e}"), r"\u{7f}\u{85}\u{202e}");
        assert_eq!(visible_lines("a\x1b\nb\tc"), "a\\u{1b}\nb\tc");
        assert_eq!(markdown("a|b\n"), r"a\|b\n");
    }

    #[test]
    fn formulas_are_neutralised() {
        for (cell, shown) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("a=1", "a=1"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(cell), shown);
        }
    }
}
