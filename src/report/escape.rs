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

/// [`markdown`] for running text: the characters Markdown reads as
/// emphasis, code, links or HTML are escaped too, so an article's words
/// show as written.
pub fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in markdown(s).chars() {
        if matches!(c, '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An article's address as a link target, when it is a web address
/// (`http:` or `https:`; anything else, such as `javascript:`, is not
/// linked): spaces, quotes, angle brackets and control characters
/// percent-encoded, so it stays one token in Markdown and one attribute in HTML.
pub fn link_target(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            c if c.is_whitespace()
                || c.is_control()
                || matches!(c, '"' | '\'' | '<' | '>' | '`' | '(' | ')') =>
            {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    Some(out)
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
        assert_eq!(markdown_text("*a* [b](c) <i>"), r"\*a\* \[b\](c) \<i\>");
        assert_eq!(
            link_target("https://x.org/a b(\"c\")<d>").as_deref(),
            Some("https://x.org/a%20b%28%22c%22%29%3Cd%3E")
        );
        assert_eq!(link_target("javascript:alert(1)"), None);
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
