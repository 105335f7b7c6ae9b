//! Tokens. Reads a window of article text and the quote spans; gives words
//! with their surrounding punctuation turned into flags (comma, sentence end,
//! colon, possessive) and their lexicon class, each quote standing as one
//! placeholder token so that names inside quotes are never taken for
//! speakers. Also reads the sentence that ends at a quote.
//!
//! Sentences: extraction's one definition of a sentence end is a token's
//! `term` flag, set in `make_tok` (`.`, `!`, `?`, `…` ending a word, a period
//! after an abbreviation such as "Dr." or "U.S." excepted).

use super::chars::*;
use super::lexicon::*;
use super::marks::QuoteSpan;

#[derive(Clone, Copy, Default, Debug)]
pub(super) struct Token {
    /// The whitespace-delimited chunk, punctuation included.
    pub(super) outer_start: usize,
    pub(super) outer_end: usize,
    /// The word itself: leading brackets and marks, trailing punctuation and
    /// a possessive `'s` stripped (for a quote placeholder, the quoted words).
    pub(super) start: usize,
    pub(super) end: usize,
    /// Stands for a whole quote, not a word.
    pub(super) is_quote: bool,
    /// Followed by a comma or semicolon.
    pub(super) comma: bool,
    /// Ends a sentence (`.` not after an abbreviation, `!`, `?`, `…`).
    pub(super) term: bool,
    /// Followed by a colon.
    pub(super) colon: bool,
    /// Ends in a possessive `'s`.
    pub(super) poss: bool,
    /// Word-class flags of the word, computed once (see `lexicon`).
    pub(super) class: u32,
}

/// The word of a token (empty for a quote placeholder).
#[inline]
pub(super) fn token_word<'t>(t: &'t str, x: &Token) -> &'t str {
    if x.is_quote {
        ""
    } else {
        span_text(t, x.start, x.end)
    }
}

pub(super) fn make_tok(t: &str, ws: usize, we: usize) -> Token {
    let mut x = Token {
        outer_start: ws,
        outer_end: we,
        ..Token::default()
    };
    let b = t.as_bytes();
    let (mut s, mut e) = (ws, we);
    while s < e {
        let c = byte_at(b, s);
        if c < 0x80 && !matches!(c, b'(' | b'[' | b'{' | b'"' | b'\'' | b'*') {
            break;
        }
        match char_at(t, s) {
            Some(c @ ('(' | '[' | '{' | '"' | '\'' | '“' | '‘' | '«' | '—' | '–' | '*' | '•')) => {
                s += c.len_utf8()
            }
            _ => break,
        }
    }
    let mut dot = false;
    while e > s {
        let c = byte_at(b, e - 1);
        if c.is_ascii_alphanumeric() {
            break;
        }
        let Some(c) = char_before(t, e) else { break };
        match c {
            ',' | ';' => x.comma = true,
            '.' => {
                x.term = true;
                dot = true;
            }
            '!' | '?' | '…' => x.term = true,
            ':' => x.colon = true,
            ')' | ']' | '}' | '"' | '\'' | '”' | '’' | '»' | '—' | '–' | '*' => {}
            _ => break,
        }
        e -= c.len_utf8();
    }
    if e > s + 2 && byte_at(b, e - 1) == b's' {
        if byte_at(b, e - 2) == b'\'' {
            x.poss = true;
            e -= 2;
        } else if e > s + 4 && b.get(e - 4..e - 1) == Some("’".as_bytes()) {
            x.poss = true;
            e -= 4;
        }
    }
    if dot
        && x.term
        && !x.poss
        && is_abbrev(span_text(t, s, e))
        && !span_text(t, e, we).contains(['!', '?'])
    {
        x.term = false;
    }
    x.start = s;
    x.end = e;
    if byte_at(t.as_bytes(), ws) == b'(' && e - s <= PAREN_ASIDE_MAX {
        let tail = span_text(t, e, we);
        if let Some(close) = tail.find(')') {
            // A one-word aside ("(D-Ore.)", "(AP)") is punctuation: its
            // period is not a sentence end, only what follows the bracket.
            let after = &tail[close..];
            x.end = s;
            x.term = after.contains(['.', '!', '?']);
            x.comma = after.contains([',', ';']);
            x.colon = after.contains(':');
            x.poss = false;
        }
    }
    x
}

/// Longest word inside a one-word parenthetical aside.
const PAREN_ASIDE_MAX: usize = 12;

/// Fills in word classes; done only for tokens that get examined.
pub(super) fn classify(t: &str, toks: &mut [Token]) {
    for x in toks {
        if !x.is_quote {
            x.class = word_class(span_text(t, x.start, x.end));
        }
    }
}

pub(super) fn classified(t: &str, mut x: Token) -> Token {
    x.class = word_class(span_text(t, x.start, x.end));
    x
}

/// Reads the token after `i` (up to `limit`); also says whether a newline
/// was crossed to reach it.
pub(super) fn next_tok(t: &str, i: usize, limit: usize) -> Option<(Token, usize, bool)> {
    let b = t.as_bytes();
    let mut i = i;
    let mut nl = false;
    while i < limit {
        let w = space_len(b, i);
        if w == 0 {
            break;
        }
        nl |= byte_at(b, i) == b'\n';
        i += w;
    }
    if i >= limit {
        return None;
    }
    let ws = i;
    while i < limit {
        let c = byte_at(b, i);
        if (c <= b' ' || c >= 0xC2) && space_len(b, i) > 0 {
            break;
        }
        i += 1;
    }
    Some((make_tok(t, ws, i), i, nl))
}

/// Reads the token ending before `i`, not looking below `lo`.
pub(super) fn prev_tok(t: &str, i: usize, lo: usize) -> Option<Token> {
    prev_tok_raw(t, i, lo).map(|x| classified(t, x))
}

pub(super) fn prev_tok_raw(t: &str, i: usize, lo: usize) -> Option<Token> {
    let b = t.as_bytes();
    let mut e = i;
    loop {
        if e <= lo {
            return None;
        }
        let w = space_len_before(b, e);
        if w == 0 {
            break;
        }
        e -= w;
    }
    let mut s = e;
    while s > lo && e - s < 100 {
        let c = byte_at(b, s - 1);
        if (c <= b' ' || c >= 0x80) && space_len_before(b, s) > 0 {
            break;
        }
        s -= 1;
    }
    (s < e).then(|| make_tok(t, ceil_char_boundary(t, s), e))
}

/// One token standing for a whole quote (its marks plus the punctuation
/// right after the closing mark, up to `end`).
pub(super) fn placeholder(t: &str, sp: &QuoteSpan, end: usize) -> Token {
    let b = t.as_bytes();
    let mut x = Token {
        outer_start: sp.open,
        outer_end: end,
        start: sp.start,
        end: sp.end,
        is_quote: true,
        ..Token::default()
    };
    match last_char(t, sp.start, sp.end) {
        Some('.' | '!' | '?' | '…') => x.term = true,
        Some(',') => x.comma = true,
        _ => {}
    }
    for &c in b.get(sp.close_end..end).unwrap_or(&[]) {
        match c {
            b',' | b';' => x.comma = true,
            b'.' | b'!' | b'?' => x.term = true,
            b':' => x.colon = true,
            _ => {}
        }
    }
    x
}

pub(super) fn is_after_punct(c: u8) -> bool {
    matches!(c, b',' | b';' | b'.' | b'!' | b'?' | b':')
}

/// Tokenizes `[from, to)` into `out`, turning every quote span into one
/// placeholder so names inside quotes are never taken for speakers; with
/// `one_sentence` it stops after the first sentence end.
pub(super) fn tokenize_until(
    t: &str,
    from: usize,
    to: usize,
    spans: &[QuoteSpan],
    stop_at_quote: bool,
    one_sentence: bool,
    out: &mut Vec<Token>,
) {
    let b = t.as_bytes();
    out.clear();
    let mut k = spans.partition_point(|s| s.open < from);
    let mut i = from;
    if k > 0 && spans[k - 1].close_end > from {
        i = spans[k - 1].close_end;
    }
    while i < to {
        let lim = match spans.get(k) {
            Some(sp) if sp.open < to => sp.open.max(i),
            _ => to,
        };
        if i >= lim && lim < to {
            let Some(sp) = spans.get(k).filter(|_| !stop_at_quote) else {
                break;
            };
            let mut j = sp.close_end;
            while j < to && is_after_punct(byte_at(b, j)) {
                j += 1;
            }
            out.push(placeholder(t, sp, j));
            i = j.max(i + 1);
            k += 1;
            if one_sentence && out.last().is_some_and(|x| x.term) {
                break;
            }
            continue;
        }
        match next_tok(t, i, lim) {
            Some((x, ni, _)) => {
                if x.start < x.end {
                    out.push(x);
                } else if let Some(last) = out.last_mut() {
                    last.term |= x.term;
                    last.comma |= x.comma;
                }
                i = ni;
                if one_sentence && out.last().is_some_and(|x| x.term) {
                    break;
                }
            }
            None => i = lim,
        }
    }
}

pub(super) fn begins_sentence(t: &str, x: &Token) -> bool {
    x.is_quote
        || token_word(t, x)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Tokens of the sentence that ends at `hi` (a quote's opening mark), read
/// backwards so only that sentence is tokenized; never below `lo`. When
/// `partial`, `lo` may cut a word, and the word touching it is dropped.
pub(super) fn sentence_before(
    t: &str,
    lo: usize,
    hi: usize,
    spans: &[QuoteSpan],
    partial: bool,
    out: &mut Vec<Token>,
) {
    let b = t.as_bytes();
    out.clear();
    let mut k = spans.partition_point(|s| s.open < hi);
    let mut i = hi;
    let (mut carry_term, mut carry_comma) = (false, false);
    loop {
        let mut e = i;
        while e > lo {
            let w = space_len_before(b, e);
            if w == 0 {
                break;
            }
            e -= w;
        }
        if e <= lo {
            break;
        }
        let prev_span = k.checked_sub(1).and_then(|j| spans.get(j)).copied();
        let mut x = match prev_span {
            Some(sp)
                if sp.close_end <= e
                    && e - sp.close_end <= 4
                    && b.get(sp.close_end..e)
                        .is_some_and(|r| r.iter().all(|&c| is_after_punct(c))) =>
            {
                if sp.open < lo {
                    break;
                }
                k -= 1;
                placeholder(t, &sp, e)
            }
            _ => {
                let Some(mut x) = prev_tok_raw(t, e, lo) else {
                    break;
                };
                if let Some(sp) = prev_span
                    && x.outer_start < sp.close_end
                {
                    // a word glued to a closing mark: never read into the quote
                    if sp.close_end >= e {
                        break;
                    }
                    x = make_tok(t, sp.close_end, e);
                }
                if partial && x.outer_start <= lo {
                    break;
                }
                x
            }
        };
        i = x.outer_start;
        if !x.is_quote && x.start >= x.end {
            // bare punctuation ("—", "."): its flags belong to the word before
            carry_term |= x.term;
            carry_comma |= x.comma;
            continue;
        }
        x.term |= carry_term;
        x.comma |= carry_comma;
        (carry_term, carry_comma) = (false, false);
        if x.term && out.last().is_none_or(|n| begins_sentence(t, n)) {
            break;
        }
        out.push(x);
    }
    out.reverse();
}

pub(super) fn count_words(t: &str, s: usize, e: usize, cap: usize) -> usize {
    let b = t.as_bytes();
    let (mut n, mut in_word, mut i) = (0, false, s);
    while i < e {
        let w = space_len(b, i);
        if w > 0 {
            in_word = false;
            i += w;
        } else {
            if !in_word {
                n += 1;
                if n >= cap {
                    return n;
                }
                in_word = true;
            }
            i += 1;
        }
    }
    n
}

/// An auxiliary or adverb that may sit between a subject and its verb
/// ("has", "previously"); uses the token's cached class.
#[inline]
pub(super) fn is_aux(t: &str, x: &Token) -> bool {
    let w = token_word(t, x);
    starts_lower(w) && (x.class & AUX != 0 || (w.len() > 3 && w.ends_with("ly")))
}
