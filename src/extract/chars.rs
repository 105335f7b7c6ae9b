//! Byte and char helpers shared by the passes. Every one tolerates any
//! offset (out of range reads give 0, "" or None), which is what lets the
//! passes slice the article freely without ever panicking.

#[inline]
pub(super) fn byte_at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

#[inline]
pub(super) fn span_text(t: &str, s: usize, e: usize) -> &str {
    t.get(s..e).unwrap_or("")
}

#[inline]
pub(super) fn char_at(t: &str, i: usize) -> Option<char> {
    t.get(i..)?.chars().next()
}

#[inline]
pub(super) fn char_before(t: &str, i: usize) -> Option<char> {
    t.get(..i)?.chars().next_back()
}

#[inline]
pub(super) fn floor_char_boundary(t: &str, i: usize) -> usize {
    let mut i = i.min(t.len());
    while i > 0 && !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[inline]
pub(super) fn ceil_char_boundary(t: &str, i: usize) -> usize {
    let mut i = i.min(t.len());
    while i < t.len() && !t.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Width of the whitespace char starting at `i` (0 if none). Thin space,
/// no-break space and narrow no-break space count: news pages use them.
#[inline]
pub(super) fn space_len(b: &[u8], i: usize) -> usize {
    match byte_at(b, i) {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 1,
        0xC2 if matches!(byte_at(b, i + 1), 0xA0 | 0x85) => 2,
        0xE2 if byte_at(b, i + 1) == 0x80
            && matches!(byte_at(b, i + 2), 0x80..=0x8B | 0xA8 | 0xA9 | 0xAF) =>
        {
            3
        }
        0xE2 if byte_at(b, i + 1) == 0x81 && byte_at(b, i + 2) == 0x9F => 3,
        0xE3 if byte_at(b, i + 1) == 0x80 && byte_at(b, i + 2) == 0x80 => 3,
        0xEF if byte_at(b, i + 1) == 0xBB && byte_at(b, i + 2) == 0xBF => 3,
        _ => 0,
    }
}

/// Width of the whitespace char ending at `e` (0 if none).
#[inline]
pub(super) fn space_len_before(b: &[u8], e: usize) -> usize {
    if e >= 1
        && matches!(
            byte_at(b, e - 1),
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c
        )
    {
        1
    } else if e >= 2 && space_len(b, e - 2) == 2 {
        2
    } else if e >= 3 && space_len(b, e - 3) == 3 {
        3
    } else {
        0
    }
}

#[inline]
pub(super) fn is_space_char(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

#[inline]
pub(super) fn skip_space(b: &[u8], mut i: usize) -> usize {
    loop {
        let w = space_len(b, i);
        if w == 0 {
            return i;
        }
        i += w;
    }
}

pub(super) fn trim_end_pos(b: &[u8], s: usize, mut e: usize) -> usize {
    while e > s {
        let w = space_len_before(b, e);
        if w == 0 {
            break;
        }
        e -= w;
    }
    e
}

#[inline]
pub(super) fn starts_upper(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(c) if c.is_ascii() => c.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(char::is_uppercase),
    }
}

#[inline]
pub(super) fn starts_lower(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(c) if c.is_ascii() => c.is_ascii_lowercase(),
        _ => w.chars().next().is_some_and(char::is_lowercase),
    }
}

#[inline]
pub(super) fn eq_ci(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

pub(super) fn is_acronym(w: &str) -> bool {
    w.len() >= 2
        && w.bytes()
            .all(|c| c.is_ascii_uppercase() || c == b'.' || c == b'&')
}

pub(super) fn last_char(t: &str, s: usize, e: usize) -> Option<char> {
    span_text(t, s, e).trim_end().chars().next_back()
}
