//! Pass 1, segmenting. Reads the raw article; gives its paragraphs (a line,
//! or hard-wrapped lines joined), tells the title line, and recognises page
//! furniture (tags, share buttons, cookie banners, copyright lines, embedded
//! tweets): paragraphs whose quote marks are not quotations.

use memchr::{memchr, memrchr};

use super::FURNITURE_MAX;
use super::chars::*;
use super::marks::mark_at;

/// Next paragraph at or after `pos`: a line, or several lines when the text
/// is hard-wrapped (a line not ending a sentence followed by a lowercase one).
pub(super) fn next_para(b: &[u8], pos: usize) -> Option<(usize, usize)> {
    let s = skip_space(b, pos);
    if s >= b.len() {
        return None;
    }
    let mut e = line_end(b, s);
    while e < b.len() && soft_break(b, s, e) {
        e = line_end(b, e + 1);
    }
    Some((s, trim_end_pos(b, s, e)))
}

pub(super) fn line_end(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .and_then(|h| memchr(b'\n', h))
        .map_or(b.len(), |o| i + o)
}

pub(super) fn soft_break(b: &[u8], s: usize, e: usize) -> bool {
    let le = trim_end_pos(b, s, e);
    if le <= s
        || matches!(
            byte_at(b, le - 1),
            b'.' | b'?' | b'!' | b':' | b';' | b'"' | b'\'' | 0x9D | 0x99
        )
    {
        return false;
    }
    let mut j = e + 1;
    while matches!(byte_at(b, j), b' ' | b'\t') {
        j += 1;
    }
    // A wrapped line goes on in lowercase (also right after a quote mark:
    // 'would\n"isolate the country"'), or follows a line ending in a comma.
    let after_mark = match mark_at(b, j) {
        Some((_, len)) => byte_at(b, j + len),
        None => 0,
    };
    // (Short lines are lists or chrome, not wrapped prose: those two rules
    // need a long line before.)
    let ls = b
        .get(s..le)
        .and_then(|h| memrchr(b'\n', h))
        .map_or(s, |k| s + k + 1);
    let long = le - ls >= 40;
    byte_at(b, j).is_ascii_lowercase()
        || (long && after_mark.is_ascii_lowercase())
        || (long && byte_at(b, le - 1) == b',' && !matches!(byte_at(b, j), b'\n' | b'\r' | 0))
}

/// A short first line that does not end a sentence is the article's title.
pub(super) fn is_headline(t: &str, ps: usize, pe: usize) -> bool {
    let line = span_text(t, ps, pe)
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’']);
    pe - ps <= 200
        && ![". ", "? ", "! "].iter().any(|p| line.contains(p))
        && !line.ends_with(['.', ':'])
}

pub(super) fn is_furniture(t: &str, ps: usize, pe: usize) -> bool {
    if pe.saturating_sub(ps) > FURNITURE_MAX {
        return false;
    }
    let line = span_text(t, ps, pe).trim();
    if furniture_text(line) {
        return true;
    }
    // An embedded tweet: its text comes right before the "— Name (@handle)" line.
    let b = t.as_bytes();
    let ns = skip_space(b, pe);
    let probe = b.get(ns..b.len().min(ns + FURNITURE_MAX)).unwrap_or(&[]);
    let ne = memchr(b'\n', probe).map_or(ns + probe.len(), |o| ns + o);
    is_tweet_sig(span_text(t, ns, floor_char_boundary(t, ne)).trim())
}

pub(super) fn is_tweet_sig(l: &str) -> bool {
    let lb = l.as_bytes();
    let Some(h) = memchr::memchr_iter(b'@', lb)
        .find(|&k| k > 0 && lb[k - 1] == b'(')
        .map(|k| k - 1)
    else {
        return false;
    };
    let dash = l.starts_with(['—', '–', '-', '~']);
    let year = l.len() >= 4 && l.as_bytes()[l.len() - 4..].iter().all(u8::is_ascii_digit);
    l.len() <= 200 && l[h..].contains(')') && (dash || year)
}

pub(super) fn furniture_text(l: &str) -> bool {
    // Openings of chrome lines (the lexicon's page_furniture.prefixes);
    // each must end at a word boundary.
    let prefixes = &super::lexicon::table().furniture_prefixes;
    const BANNER: [&str; 5] = ["use", "accept", "consent", "policy", "settings"];

    if l.is_empty() || is_tweet_sig(l) {
        return true;
    }
    let b = l.as_bytes();
    let ci = |i: usize, pat: &str| {
        b.get(i..i + pat.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(pat.as_bytes()))
    };
    let word_prefix = |p: &str| ci(0, p) && !byte_at(b, p.len()).is_ascii_alphabetic();
    if prefixes.iter().any(|p| word_prefix(p)) || b.iter().all(|c| c.is_ascii_digit() || *c == b'-')
    {
        return true;
    }
    let has_ci = |pat: &str| {
        memchr::memchr2_iter(pat.as_bytes()[0], pat.as_bytes()[0].to_ascii_uppercase(), b)
            .any(|i| ci(i, pat))
    };
    // Search rare anchor bytes, then compare around them.
    let anchored = memchr::memchr3_iter(0xA9, b'/', b'#', b).any(|i| match b[i] {
        0xA9 => i > 0 && b[i - 1] == 0xC2, // ©
        b'/' => (i >= 15 && ci(i - 15, "pic.twitter.com")) || (i >= 4 && ci(i - 4, "t.co")),
        _ => ci(i, "#buttons"),
    });
    let counter = b.first().is_some_and(u8::is_ascii_digit); // "0 Comments"
    // A cookie banner (not a recipe).
    let cookies = || {
        memchr::memchr2_iter(b'k', b'K', b).any(|i| i >= 3 && ci(i - 3, "cookies"))
            && BANNER.iter().any(|w| has_ci(w))
    };
    // "Copyright 2031", "All rights reserved" (not a debate on copyright).
    let rights = || {
        memchr::memchr2_iter(b'g', b'G', b).any(|i| {
            let year = |j: usize| {
                b.get(j..j + 2)
                    .is_some_and(|w| w.iter().any(u8::is_ascii_digit))
            };
            (i >= 6 && ci(i - 6, "copyright") && year(i + 4))
                || (i >= 2 && ci(i - 2, "rights reserved"))
        })
    };
    let comments =
        || counter && memchr::memchr2_iter(b'm', b'M', b).any(|i| i >= 2 && ci(i - 2, "comment"));
    // Banners, copyright lines and comment counters are short lines.
    anchored || (b.len() <= 200 && (cookies() || rights() || comments()))
}
