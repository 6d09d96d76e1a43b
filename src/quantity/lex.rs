//! Tokenizer for folded text: words, punctuation and figures written in digits.
//!
//! Digits are read here, not by the grammar, because separator conventions
//! depend on the characters around them: French `2 000` / `120.000` / `7,5`,
//! English `1,234,567` / `2.5`. A group separator is only read as one when it
//! is followed by exactly three digits; a decimal separator is refused inside
//! a chain such as `192.168.1.2` or `22,24,26`, and a slash inside `5/17/2018`.

/// How a language writes figures in digits, from its pack's `separators`.
#[derive(Debug, Clone)]
pub(crate) struct Seps {
    /// The usual decimal separators.
    pub decimal: Vec<u8>,
    /// Decimal separators also read when no group separator is in the way.
    pub decimal_also: Vec<u8>,
    /// Group separators, tried in order.
    pub group: Vec<u8>,
    /// Indian grouping after a comma: 12,34,567.
    pub indian: bool,
    /// "1.111,11": points for thousands, a comma for decimals.
    pub dot_groups_comma_decimals: bool,
}

impl Seps {
    /// A language without a pack: either separator for decimals, spaces for groups.
    pub(crate) fn digits_only() -> Seps {
        Seps {
            decimal: b".,".to_vec(),
            decimal_also: Vec::new(),
            group: b" ".to_vec(),
            indian: false,
            dot_groups_comma_decimals: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters (ASCII lowercase, or any other alphabetic character).
    Word,
    /// A figure written in digits.
    Num,
    /// Any other single character.
    Punct,
}

/// One token of folded text; offsets are byte offsets in the folded text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Whitespace separates this token from the previous one.
    pub space: bool,
    /// A paragraph break separates this token from the previous one.
    pub brk: bool,
    /// The figure, for `Num`.
    pub val: f64,
    /// `Num` written as a plain integer (no decimals, exponent or fraction).
    pub int: bool,
    /// `Num` is a fraction (`3/4`, `½`).
    pub frac: bool,
    /// `Num` is glued to a preceding letter (`M23`, `A320`): not a figure.
    pub glued: bool,
}

impl Tok {
    fn new(kind: Kind, start: usize, end: usize) -> Tok {
        Tok {
            kind,
            start,
            end,
            space: false,
            brk: false,
            val: 0.0,
            int: false,
            frac: false,
            glued: false,
        }
    }
}

/// Most significant digits a figure may have; longer runs are not figures
/// (phone numbers, identifiers) and cannot be represented exactly anyway.
const MAX_DIGITS: usize = 15;

fn is_digit(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_digit)
}

fn digits_end(b: &[u8], mut i: usize) -> usize {
    while is_digit(b, i) {
        i += 1;
    }
    i
}

fn is_alnum(b: &[u8], i: usize) -> bool {
    b.get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c >= 0x80)
}

/// Whether the character that ends just before byte `i` is alphanumeric.
fn alnum_before(b: &[u8], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let c = b[i - 1];
    if c < 0x80 {
        return c.is_ascii_alphanumeric();
    }
    // Walk back to the lead byte of the previous character.
    let mut s = i - 1;
    while s > 0 && (b[s] & 0xC0) == 0x80 {
        s -= 1;
    }
    std::str::from_utf8(&b[s..i])
        .ok()
        .and_then(|t| t.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// Tokenizes folded text.
pub(crate) fn tokenize(text: &str, lang: &Seps) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut out: Vec<Tok> = Vec::with_capacity(b.len() / 3 + 1);
    let mut i = 0;
    let mut space = false;
    let mut brk = false;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            space = true;
            brk |= c == b'\n';
            i += 1;
            continue;
        }
        let first = out.len();
        let next = if c.is_ascii_digit()
            || ((c == b'.' || c == b',')
                && is_digit(b, i + 1)
                && decimal_sep(lang, c, true)
                && !alnum_before(b, i))
            || ((c == b'-' || c == b'+') && is_digit(b, i + 1) && !alnum_before(b, i))
        {
            lex_number(b, i, lang, &mut out)
        } else if c.is_ascii_lowercase() || c.is_ascii_uppercase() {
            let mut j = i;
            while j < b.len() && (b[j].is_ascii_alphabetic() || (b[j] >= 0x80 && alpha_at(text, j)))
            {
                j += char_len(b[j]);
            }
            out.push(Tok::new(Kind::Word, i, j));
            j
        } else if c >= 0x80 {
            let j = (i + char_len(c)).min(b.len());
            if let Some(v) = text.get(i..j).and_then(vulgar) {
                let mut t = Tok::new(Kind::Num, i, j);
                t.val = v;
                t.frac = true;
                out.push(t);
                j
            } else if alpha_at(text, i) {
                let mut k = j;
                while k < b.len()
                    && (b[k].is_ascii_alphabetic() || (b[k] >= 0x80 && alpha_at(text, k)))
                {
                    k += char_len(b[k]);
                }
                let k = k.min(b.len());
                out.push(Tok::new(Kind::Word, i, k));
                k
            } else {
                out.push(Tok::new(Kind::Punct, i, j));
                j
            }
        } else {
            out.push(Tok::new(Kind::Punct, i, i + 1));
            i + 1
        };
        if let Some(t) = out.get_mut(first) {
            t.space = space;
            t.brk = brk;
        }
        space = false;
        brk = false;
        i = next.max(i + 1);
    }
    out
}

fn char_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

fn alpha_at(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphabetic)
}

fn vulgar(s: &str) -> Option<f64> {
    Some(match s {
        "½" => 0.5,
        "⅓" => 1.0 / 3.0,
        "⅔" => 2.0 / 3.0,
        "¼" => 0.25,
        "¾" => 0.75,
        "⅕" => 0.2,
        "⅖" => 0.4,
        "⅗" => 0.6,
        "⅘" => 0.8,
        "⅙" => 1.0 / 6.0,
        "⅚" => 5.0 / 6.0,
        "⅛" => 0.125,
        "⅜" => 0.375,
        "⅝" => 0.625,
        "⅞" => 0.875,
        _ => return None,
    })
}

/// Whether `c` separates decimals in `lang`. `primary` asks for the usual
/// separator only (French comma, English point).
fn decimal_sep(lang: &Seps, c: u8, primary: bool) -> bool {
    lang.decimal.contains(&c) || (!primary && lang.decimal_also.contains(&c))
}

fn group_seps(lang: &Seps) -> &[u8] {
    &lang.group
}

/// Reads a figure at `i` (a digit, a sign, or a leading decimal separator)
/// and pushes one or more `Num` tokens. Returns where reading stopped.
fn lex_number(b: &[u8], i: usize, lang: &Seps, out: &mut Vec<Tok>) -> usize {
    let glued = alnum_before(b, i);
    let mut neg = false;
    let mut p = i;
    if b[p] == b'-' || b[p] == b'+' {
        neg = b[p] == b'-';
        p += 1;
    }
    // Leading decimal separator: ",08", ".25".
    if !is_digit(b, p) {
        let e = digits_end(b, p + 1);
        let v = parse_parts(b, &[], Some((p + 1, e)));
        push_num(out, i, e, if neg { -v } else { v }, false, false, glued);
        return e;
    }
    let int_end = digits_end(b, p);
    // A run of too many digits is not a figure; swallow it whole.
    if int_end - p > MAX_DIGITS {
        out.push(Tok::new(Kind::Punct, i, int_end));
        return int_end;
    }
    // Slash chains: "5/17/2018" are three figures; "3/4" is a fraction.
    if b.get(int_end) == Some(&b'/') && is_digit(b, int_end + 1) {
        let den_end = digits_end(b, int_end + 1);
        let chained = (b.get(den_end) == Some(&b'/') && is_digit(b, den_end + 1))
            || (p >= 2 && b[p - 1] == b'-' && b[p - 2].is_ascii_digit())
            || (b.get(den_end) == Some(&b'-') && is_digit(b, den_end + 1));
        let num_len = int_end - p;
        let den_len = den_end - int_end - 1;
        if !chained && num_len <= 3 && (1..=3).contains(&den_len) {
            let n = parse_parts(b, &[(p, int_end)], None);
            let d = parse_parts(b, &[(int_end + 1, den_end)], None);
            if d > 0.0 {
                let v = n / d;
                let mut t = Tok::new(Kind::Num, i, den_end);
                t.val = if neg { -v } else { v };
                t.frac = true;
                t.glued = glued;
                out.push(t);
                return den_end;
            }
        }
        let v = parse_parts(b, &[(p, int_end)], None);
        push_num(
            out,
            i,
            int_end,
            if neg { -v } else { v },
            true,
            false,
            glued,
        );
        return int_end;
    }
    // Groups of exactly three digits.
    let mut parts: [(usize, usize); 6] = [(0, 0); 6];
    let mut nparts = 1;
    parts[0] = (p, int_end);
    let mut end = int_end;
    let mut sep_used: Option<u8> = None;
    let mut total_digits = int_end - p;
    if int_end - p <= 3 {
        for &sep in group_seps(lang) {
            let mut e = int_end;
            let mut n = 1;
            let mut tmp = parts;
            while b.get(e) == Some(&sep)
                && is_digit(b, e + 1)
                && digits_end(b, e + 1) == e + 4
                && n < parts.len()
            {
                tmp[n] = (e + 1, e + 4);
                n += 1;
                e += 4;
            }
            if n > 1 {
                parts = tmp;
                nparts = n;
                end = e;
                sep_used = Some(sep);
                total_digits += 3 * (n - 1);
                break;
            }
        }
        // Indian grouping in English: 12,34,567.
        if sep_used.is_none() && lang.indian && b.get(int_end) == Some(&b',') {
            let mut e = int_end;
            let mut n = 1;
            let mut tmp = parts;
            while b.get(e) == Some(&b',')
                && digits_end(b, e + 1) == e + 3
                && b.get(e + 3) == Some(&b',')
                && n < parts.len() - 1
            {
                tmp[n] = (e + 1, e + 3);
                n += 1;
                e += 3;
            }
            if n > 1 && b.get(e) == Some(&b',') && digits_end(b, e + 1) == e + 4 {
                tmp[n] = (e + 1, e + 4);
                n += 1;
                e += 4;
                parts = tmp;
                nparts = n;
                end = e;
                sep_used = Some(b',');
                total_digits += e - int_end - n + 1;
            }
        }
    }
    if total_digits > MAX_DIGITS {
        out.push(Tok::new(Kind::Punct, i, end));
        return end;
    }
    // Part of a dotted or comma chain ("192.168.1.2", "22,24,26")?
    let chained_before = p >= 2 && matches!(b[p - 1], b'.' | b',') && b[p - 2].is_ascii_digit();
    // English "1.111,11": points for thousands, comma for decimals.
    if lang.dot_groups_comma_decimals
        && sep_used.is_none()
        && int_end - p <= 3
        && b.get(int_end) == Some(&b'.')
    {
        let mut e = int_end;
        let mut n = 1;
        let mut tmp = parts;
        while b.get(e) == Some(&b'.') && digits_end(b, e + 1) == e + 4 && n < parts.len() {
            tmp[n] = (e + 1, e + 4);
            n += 1;
            e += 4;
        }
        if n > 1 && b.get(e) == Some(&b',') {
            let de = digits_end(b, e + 1);
            if (1..=2).contains(&(de - e - 1)) && !is_alnum(b, de) {
                let v = parse_parts(b, &tmp[..n], Some((e + 1, de)));
                push_num(out, i, de, if neg { -v } else { v }, false, false, glued);
                return de;
            }
        }
    }
    let mut dec: Option<(usize, usize)> = None;
    if let Some(&c) = b.get(end)
        && is_digit(b, end + 1)
        && sep_used != Some(c)
        && decimal_sep(lang, c, false)
    {
        let de = digits_end(b, end + 1);
        let chained_after = matches!(b.get(de), Some(b'.' | b',')) && is_digit(b, de + 1);
        let primary = decimal_sep(lang, c, true);
        let ok = !chained_after
            && !chained_before
            && (primary || (sep_used.is_none() && de - end - 1 != 3));
        if ok {
            dec = Some((end + 1, de));
            end = de;
        }
    }
    let mut v = parse_parts(b, &parts[..nparts], dec);
    let mut int = dec.is_none();
    // Exponent: 1e10, -12e-1, 12,32e+14.
    if b.get(end) == Some(&b'e') {
        let mut q = end + 1;
        let mut eneg = false;
        if matches!(b.get(q), Some(b'+' | b'-')) {
            eneg = b[q] == b'-';
            q += 1;
        }
        let qe = digits_end(b, q);
        if qe > q && qe - q <= 3 && !is_alnum(b, qe) {
            let ex = parse_parts(b, &[(q, qe)], None);
            v *= 10f64.powf(if eneg { -ex } else { ex });
            end = qe;
            int = false;
        }
    }
    // Power: 1,1^23, 2.5^-1, 1.1^--23; scientific 1.3x10^6.
    let caret = if b.get(end) == Some(&b'^') {
        Some((end + 1, 1.0f64))
    } else if b.get(end) == Some(&b'x') && b.get(end + 1..end + 4) == Some(b"10^".as_slice()) {
        Some((end + 4, 10.0))
    } else {
        None
    };
    if let Some((mut q, base)) = caret {
        let mut minus = 0;
        while matches!(b.get(q), Some(b'+' | b'-')) {
            minus += usize::from(b[q] == b'-');
            q += 1;
        }
        let qe = digits_end(b, q);
        if qe > q && qe - q <= 3 {
            let ex = parse_parts(b, &[(q, qe)], None);
            let ex = if minus % 2 == 1 { -ex } else { ex };
            v = if base == 1.0 {
                v.powf(ex)
            } else {
                v * base.powf(ex)
            };
            end = qe;
            int = false;
        }
    }
    if !v.is_finite() {
        out.push(Tok::new(Kind::Punct, i, end));
        return end;
    }
    push_num(out, i, end, if neg { -v } else { v }, int, false, glued);
    end
}

fn push_num(
    out: &mut Vec<Tok>,
    start: usize,
    end: usize,
    v: f64,
    int: bool,
    frac: bool,
    glued: bool,
) {
    let mut t = Tok::new(Kind::Num, start, end);
    t.val = v;
    t.int = int;
    t.frac = frac;
    t.glued = glued;
    out.push(t);
}

/// The value of integer digit groups and optional decimals, without allocating.
fn parse_parts(b: &[u8], ints: &[(usize, usize)], dec: Option<(usize, usize)>) -> f64 {
    let mut v = 0.0f64;
    for &(s, e) in ints {
        for &c in &b[s..e] {
            v = v * 10.0 + f64::from(c - b'0');
        }
    }
    if let Some((s, e)) = dec {
        // Sum from the last digit so rounding stays small; 20 decimals are plenty.
        let e = e.min(s + 20);
        let mut f = 0.0f64;
        for &c in b[s..e].iter().rev() {
            f = (f + f64::from(c - b'0')) / 10.0;
        }
        v += f;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(s: &str, lang: &str) -> Vec<f64> {
        tokenize(s, &crate::lang::Languages::builtin().get(lang).seps)
            .iter()
            .filter(|t| t.kind == Kind::Num)
            .map(|t| t.val)
            .collect()
    }

    #[test]
    fn separators() {
        assert_eq!(nums("2 000 morts", "fr"), vec![2000.0]);
        assert_eq!(nums("120.000", "fr"), vec![120000.0]);
        assert_eq!(nums("1 234 567", "fr"), vec![1234567.0]);
        assert_eq!(nums("7,5", "fr"), vec![7.5]);
        assert_eq!(nums("1,234,567", "en"), vec![1234567.0]);
        assert_eq!(nums("2.5", "en"), vec![2.5]);
        assert_eq!(nums("423 0000", "fr"), vec![423.0, 0.0]);
        assert_eq!(nums("192.168.1.2", "fr"), vec![192168.0, 1.0, 2.0]);
        assert_eq!(nums("192.168.1.2", "en"), vec![192.0, 168.0, 1.0, 2.0]);
        assert_eq!(nums("22,24,26,31.", "en"), vec![22.0, 24.0, 26.0, 31.0]);
        assert_eq!(nums("12,34,567.89", "en"), vec![1234567.89]);
        assert_eq!(nums("1.111,11", "en"), vec![1111.11]);
        assert_eq!(nums("1,3.", "en"), vec![1.3]);
        assert_eq!(nums("4,800", "fr"), vec![4.8]);
        assert_eq!(nums("4.800", "en"), vec![4.8]);
        assert_eq!(nums("3.5ans", "fr"), vec![3.5]);
        assert_eq!(nums(",08", "fr"), vec![0.08]);
        assert_eq!(nums("5/17/2018", "en"), vec![5.0, 17.0, 2018.0]);
        assert_eq!(nums("-4/5", "en"), vec![-0.8]);
        assert_eq!(nums("1e10", "en"), vec![1e10]);
        assert_eq!(nums("1,1^23", "fr").len(), 1);
        assert_eq!(nums("999999999999999999999", "en"), Vec::<f64>::new());
    }
}
