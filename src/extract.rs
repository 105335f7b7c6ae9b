//! Quote extraction: finds direct quotations in raw article text and
//! attributes each one to a speaker and a reporting cue.
//!
//! Why it is built this way:
//! * Speed: marks are found with one linear `memchr3` pass over the
//!   quote-mark bytes (`"`, `'` and 0xE2, the lead byte of curly marks), and
//!   attribution only reads a bounded window around each quote plus a small
//!   running list of people named so far. No regex, no per-char allocation.
//! * Robustness: marks are paired within a paragraph, so a stray mark can
//!   never swallow the rest of an article, and every slice goes through
//!   `str::get`, so no input can make extraction panic.

use memchr::{memchr, memchr3, memmem, memrchr};
use serde::Serialize;

/// One direct quotation found in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// Byte offset of the quoted words (after the opening mark), so callers
    /// can point back into the original text.
    pub start: usize,
    /// Byte offset just past the quoted words (before the closing mark).
    pub end: usize,
    /// `&article[start..end]`, copied so a quote outlives the article buffer.
    pub text: String,
    /// Who said it, as the article names them (the full name first given),
    /// so stance can be grouped per speaker; `None` when nobody is named.
    pub speaker: Option<String>,
    /// The reporting verb or phrase ("said", "told reporters",
    /// "according to"), kept because it hints at how the words were delivered.
    pub cue: Option<String>,
    /// Scare quotes and short quoted phrases inside the author's own sentence:
    /// words rather than a statement, so stance should weigh them lightly.
    pub fragment: bool,
}

/// Extracts the direct quotations of `article`, in text order.
///
/// Never fails and never panics: marks that cannot be paired inside their
/// paragraph are skipped, so the result is whatever could be paired.
pub fn extract_quotes(article: &str) -> Vec<Quote> {
    let spans = find_spans(article);
    if spans.is_empty() {
        return Vec::new();
    }
    Attributor::new(article, &spans).run()
}

// ---------------------------------------------------------------------------
// Tunables: every window is bounded so the cost per quote is constant.

/// Bytes before a quote searched for an attribution in the same sentence.
const PRE_WINDOW: usize = 400;
/// Bytes after a closing mark searched for "..., he said".
const POST_WINDOW: usize = 250;
/// Longest paragraph that can be page furniture (banners, bylines, tweets).
const FURNITURE_MAX: usize = 400;
/// Longest single-quoted span; longer ones are apostrophes, not quotes.
const SINGLE_MAX: usize = 600;
/// How far back "the tax office" looks for "X's tax office", and "the board"
/// for the organisation it stands for.
const ORG_LOOKBACK: usize = 3000;
/// How far back a surname alone looks for the full name first given.
const NAME_LOOKBACK: usize = 6000;
/// Occurrences of a word examined by one backward text search.
const HIT_MAX: usize = 16;
/// Longest gap over which an unattributed quote continues the last speaker.
const CONTINUE_GAP: usize = 600;
/// How many recent mentions a pronoun or "the minister" may look back over.
const MENTION_LOOKBACK: usize = 64;
/// Descriptions remembered with their resolution ("the agency").
const ALIAS_MAX: usize = 48;
/// Bounded line search used when judging whether a name sits in a headline.
const LINE_PROBE: usize = 4096;

// ---------------------------------------------------------------------------
// Byte and char helpers. All of them tolerate any offset.

fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

fn sl(t: &str, s: usize, e: usize) -> &str {
    t.get(s..e).unwrap_or("")
}

fn char_at(t: &str, i: usize) -> Option<char> {
    t.get(i..)?.chars().next()
}

fn char_before(t: &str, i: usize) -> Option<char> {
    t.get(..i)?.chars().next_back()
}

fn floor_cb(t: &str, i: usize) -> usize {
    let mut i = i.min(t.len());
    while i > 0 && !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_cb(t: &str, i: usize) -> usize {
    let mut i = i.min(t.len());
    while i < t.len() && !t.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Width of the whitespace char starting at `i` (0 if none). Thin space,
/// no-break space and narrow no-break space count: news pages use them.
fn space_len(b: &[u8], i: usize) -> usize {
    match at(b, i) {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 1,
        0xC2 if matches!(at(b, i + 1), 0xA0 | 0x85) => 2,
        0xE2 if at(b, i + 1) == 0x80
            && matches!(at(b, i + 2), 0x80..=0x8B | 0xA8 | 0xA9 | 0xAF) =>
        {
            3
        }
        0xE2 if at(b, i + 1) == 0x81 && at(b, i + 2) == 0x9F => 3,
        0xE3 if at(b, i + 1) == 0x80 && at(b, i + 2) == 0x80 => 3,
        0xEF if at(b, i + 1) == 0xBB && at(b, i + 2) == 0xBF => 3,
        _ => 0,
    }
}

/// Width of the whitespace char ending at `e` (0 if none).
fn space_len_before(b: &[u8], e: usize) -> usize {
    if e >= 1 && matches!(at(b, e - 1), b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
        1
    } else if e >= 2 && space_len(b, e - 2) == 2 {
        2
    } else if e >= 3 && space_len(b, e - 3) == 3 {
        3
    } else {
        0
    }
}

fn is_space_char(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    loop {
        let w = space_len(b, i);
        if w == 0 {
            return i;
        }
        i += w;
    }
}

fn trim_end_pos(b: &[u8], s: usize, mut e: usize) -> usize {
    while e > s {
        let w = space_len_before(b, e);
        if w == 0 {
            break;
        }
        e -= w;
    }
    e
}

fn starts_upper(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(c) if c.is_ascii() => c.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(char::is_uppercase),
    }
}

fn starts_lower(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(c) if c.is_ascii() => c.is_ascii_lowercase(),
        _ => w.chars().next().is_some_and(char::is_lowercase),
    }
}

fn eq_ci(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

fn is_acronym(w: &str) -> bool {
    w.len() >= 2
        && w.bytes()
            .all(|c| c.is_ascii_uppercase() || c == b'.' || c == b'&')
}

fn last_char(t: &str, s: usize, e: usize) -> Option<char> {
    sl(t, s, e).trim_end().chars().next_back()
}

// ---------------------------------------------------------------------------
// Quote marks and pairing.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mk {
    DOpen,
    DClose,
    DStraight,
    SOpen,
    SClose,
    SStraight,
}

impl Mk {
    fn double(self) -> bool {
        matches!(self, Mk::DOpen | Mk::DClose | Mk::DStraight)
    }
}

fn mark_at(b: &[u8], i: usize) -> Option<(Mk, usize)> {
    match at(b, i) {
        b'"' => Some((Mk::DStraight, 1)),
        b'\'' => Some((Mk::SStraight, 1)),
        0xE2 if at(b, i + 1) == 0x80 => match at(b, i + 2) {
            0x9C => Some((Mk::DOpen, 3)),
            0x9D => Some((Mk::DClose, 3)),
            0x98 => Some((Mk::SOpen, 3)),
            0x99 => Some((Mk::SClose, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// Coarse class of the char beside a mark; decides opening vs closing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cl {
    Space,
    Alpha,
    Digit,
    Open,
    Close,
    Dash,
    Quote,
    Other,
}

fn cls(c: Option<char>) -> Cl {
    let Some(c) = c else { return Cl::Space };
    if is_space_char(c) {
        Cl::Space
    } else if c.is_alphabetic() {
        Cl::Alpha
    } else if c.is_numeric() {
        Cl::Digit
    } else {
        match c {
            '(' | '[' | '{' | '/' | '<' => Cl::Open,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '…' | '>' => Cl::Close,
            '—' | '–' | '-' => Cl::Dash,
            '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' => Cl::Quote,
            _ => Cl::Other,
        }
    }
}

#[derive(Clone, Copy)]
struct Roles {
    open: bool,
    close: bool,
    next_space: bool,
}

/// Leading elisions that start with an apostrophe, not a quote ('n', 'em).
fn elision(t: &str, i: usize) -> bool {
    let b = t.as_bytes();
    let mut e = i;
    while e < b.len() && e - i < 6 && b[e].is_ascii_alphabetic() {
        e += 1;
    }
    if e < b.len() && b[e].is_ascii_alphabetic() {
        return false;
    }
    let w = sl(t, i, e);
    [
        "n", "em", "til", "tis", "twas", "cause", "bout", "cos", "nuff",
    ]
    .iter()
    .any(|x| eq_ci(w, x))
}

/// Whether the mark at `p` can open and/or close a quote, from its neighbours:
/// preceded by space/start/( it opens, followed by space/punctuation it closes.
fn roles(t: &str, p: usize, mk: Mk, len: usize) -> Roles {
    let prev = cls(char_before(t, p));
    let next = cls(char_at(t, p + len));
    let open_ctx = matches!(prev, Cl::Space | Cl::Open | Cl::Dash | Cl::Quote);
    let close_ctx = matches!(next, Cl::Space | Cl::Close | Cl::Dash | Cl::Quote);
    let next_space = next == Cl::Space;
    let (open, close) = match mk {
        Mk::DOpen => (true, false),
        Mk::DClose => (false, true),
        Mk::DStraight => (open_ctx && !next_space, close_ctx && prev != Cl::Space),
        Mk::SOpen => (open_ctx && next == Cl::Alpha && !elision(t, p + len), false),
        Mk::SClose | Mk::SStraight => {
            if matches!(prev, Cl::Alpha | Cl::Digit) && matches!(next, Cl::Alpha | Cl::Digit) {
                (false, false) // can't, Varga's
            } else {
                let open =
                    mk == Mk::SStraight && open_ctx && next == Cl::Alpha && !elision(t, p + len);
                let close = matches!(prev, Cl::Alpha | Cl::Digit | Cl::Close) && close_ctx;
                (open, close)
            }
        }
    };
    Roles {
        open,
        close,
        next_space,
    }
}

/// A paired quote (or one paragraph's segment of a multi-paragraph quote).
#[derive(Clone, Copy, Debug)]
struct Span {
    /// Opening mark; the quoted words are `start..end`.
    open: usize,
    start: usize,
    end: usize,
    /// Just past the closing mark (the paragraph end for an open segment).
    close_end: usize,
    /// The paragraph holding the quote.
    ps: usize,
    pe: usize,
    /// In single marks (scare quotes, British style).
    single: bool,
    /// Has a closing mark (false: runs on into the next paragraph).
    closed: bool,
    /// Segments of one multi-paragraph quote share a chain id.
    chain: usize,
    /// Continues the previous paragraph's segment.
    joined: bool,
}

enum St {
    Idle,
    D {
        open: usize,
        start: usize,
        chain: Option<usize>,
    },
    S {
        start: usize,
        open: usize,
    },
}

/// Next paragraph at or after `pos`: a line, or several lines when the text
/// is hard-wrapped (a line not ending a sentence followed by a lowercase one).
fn next_para(b: &[u8], pos: usize) -> Option<(usize, usize)> {
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

fn line_end(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .and_then(|h| memchr(b'\n', h))
        .map_or(b.len(), |o| i + o)
}

fn soft_break(b: &[u8], s: usize, e: usize) -> bool {
    let le = trim_end_pos(b, s, e);
    if le <= s
        || matches!(
            at(b, le - 1),
            b'.' | b'?' | b'!' | b':' | b';' | b'"' | b'\'' | 0x9D | 0x99
        )
    {
        return false;
    }
    let mut j = e + 1;
    while matches!(at(b, j), b' ' | b'\t') {
        j += 1;
    }
    // A wrapped line goes on in lowercase (also right after a quote mark:
    // 'would\n"isolate the country"'), or follows a line ending in a comma.
    let after_mark = match mark_at(b, j) {
        Some((_, len)) => at(b, j + len),
        None => 0,
    };
    // (Short lines are lists or chrome, not wrapped prose: those two rules
    // need a long line before.)
    let ls = b
        .get(s..le)
        .and_then(|h| memrchr(b'\n', h))
        .map_or(s, |k| s + k + 1);
    let long = le - ls >= 40;
    at(b, j).is_ascii_lowercase()
        || (long && after_mark.is_ascii_lowercase())
        || (long && at(b, le - 1) == b',' && !matches!(at(b, j), b'\n' | b'\r' | 0))
}

struct Pairer<'a> {
    t: &'a str,
    out: Vec<Span>,
    chains: usize,
}

fn find_spans(t: &str) -> Vec<Span> {
    let b = t.as_bytes();
    let mut p = Pairer {
        t,
        out: Vec::new(),
        chains: 0,
    };
    let mut pos = 0;
    let mut carry: Option<usize> = None;
    let mut first = true;
    while let Some((ps, pe)) = next_para(b, pos) {
        pos = pe.max(ps + 1);
        let joined = carry.take();
        let has_mark = b
            .get(ps..pe)
            .is_some_and(|h| memchr3(b'"', b'\'', 0xE2, h).is_some());
        // The title line is not article text: its quotes are not quotations.
        let headline = first && is_headline(t, ps, pe);
        first = false;
        if has_mark && !headline {
            let before = p.out.len();
            carry = p.paragraph(ps, pe, joined);
            // Furniture is judged only where it matters: paragraphs with quotes.
            if (p.out.len() > before || carry.is_some()) && is_furniture(t, ps, pe) {
                p.out.truncate(before);
                carry = None;
            }
        }
    }
    p.out
}

impl Pairer<'_> {
    /// Pairs the marks of one paragraph; returns the chain id to carry when the
    /// quote stays open and the next paragraph re-opens it.
    fn paragraph(&mut self, ps: usize, pe: usize, joined: Option<usize>) -> Option<usize> {
        let t = self.t;
        let b = t.as_bytes();
        let mut st = St::Idle;
        let mut i = ps;
        let mut first = true;
        while i < pe {
            let Some(off) = b.get(i..pe).and_then(|h| memchr3(b'"', b'\'', 0xE2, h)) else {
                break;
            };
            let p = i + off;
            i = p + 1;
            let Some((mk, len)) = mark_at(b, p) else {
                continue;
            };
            i = p + len;
            let r = match mk {
                // Curly double marks say which side they are on.
                Mk::DOpen => Roles {
                    open: true,
                    close: false,
                    next_space: false,
                },
                Mk::DClose => Roles {
                    open: false,
                    close: true,
                    next_space: false,
                },
                _ => roles(t, p, mk, len),
            };
            let para_start = first && p == ps;
            first = false;
            loop {
                match st {
                    St::Idle => {
                        if mk.double() {
                            if r.open || (!r.close && !r.next_space) {
                                let chain = if para_start { joined } else { None };
                                st = St::D {
                                    open: p,
                                    start: p + len,
                                    chain,
                                };
                            }
                        } else if r.open {
                            st = St::S {
                                start: p + len,
                                open: p,
                            };
                        }
                    }
                    St::D { open, start, chain } => {
                        if mk.double() {
                            if r.open && !r.close {
                                st = St::D {
                                    open: p,
                                    start: p + len,
                                    chain: None,
                                };
                            } else {
                                self.push(open, start, p, p + len, (ps, pe), false, chain);
                                st = St::Idle;
                            }
                        }
                    }
                    St::S { start, open } => {
                        if mk.double() || p - start > SINGLE_MAX {
                            st = St::Idle;
                            continue;
                        }
                        if r.close && single_ok(t, start, p) {
                            self.push(open, start, p, p + len, (ps, pe), true, None);
                            st = St::Idle;
                        } else if r.open {
                            st = St::S {
                                start: p + len,
                                open: p,
                            };
                        }
                    }
                }
                break;
            }
        }
        if let St::D { open, start, chain } = st
            && reopens(t, pe)
        {
            let end = trim_end_pos(b, start, pe);
            if !sl(t, start, end).trim().is_empty() {
                let id = chain.unwrap_or_else(|| self.new_chain());
                self.out.push(Span {
                    open,
                    start,
                    end,
                    close_end: pe,
                    ps,
                    pe,
                    single: false,
                    closed: false,
                    chain: id,
                    joined: chain.is_some(),
                });
                return Some(id);
            }
        }
        None
    }

    fn new_chain(&mut self) -> usize {
        self.chains += 1;
        self.chains
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        open: usize,
        start: usize,
        end: usize,
        close_end: usize,
        (ps, pe): (usize, usize),
        single: bool,
        chain: Option<usize>,
    ) {
        if sl(self.t, start, end).trim().is_empty() {
            return;
        }
        let id = chain.unwrap_or_else(|| self.new_chain());
        self.out.push(Span {
            open,
            start,
            end,
            close_end,
            ps,
            pe,
            single,
            closed: true,
            chain: id,
            joined: chain.is_some(),
        });
    }
}

/// A short first line that does not end a sentence is the article's title.
fn is_headline(t: &str, ps: usize, pe: usize) -> bool {
    let line = sl(t, ps, pe)
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’']);
    pe - ps <= 200
        && ![". ", "? ", "! "].iter().any(|p| line.contains(p))
        && !line.ends_with(['.', ':'])
}

fn single_ok(t: &str, s: usize, e: usize) -> bool {
    let w = sl(t, s, e);
    w.len() >= 2
        && w.chars().any(char::is_alphabetic)
        && !w.starts_with(char::is_whitespace)
        && !w.ends_with(char::is_whitespace)
}

/// Does the paragraph after `pe` open with a double quote mark (the
/// convention for a quote that runs on into the next paragraph)?
fn reopens(t: &str, pe: usize) -> bool {
    let b = t.as_bytes();
    let j = skip_space(b, pe);
    match mark_at(b, j) {
        Some((Mk::DOpen, _)) => true,
        Some((Mk::DStraight, l)) => roles(t, j, Mk::DStraight, l).open,
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// Page furniture: short paragraphs that are site chrome, not article text.

fn is_furniture(t: &str, ps: usize, pe: usize) -> bool {
    if pe.saturating_sub(ps) > FURNITURE_MAX {
        return false;
    }
    let line = sl(t, ps, pe).trim();
    if furniture_text(line) {
        return true;
    }
    // An embedded tweet: its text comes right before the "— Name (@handle)" line.
    let b = t.as_bytes();
    let ns = skip_space(b, pe);
    let probe = b.get(ns..b.len().min(ns + FURNITURE_MAX)).unwrap_or(&[]);
    let ne = memchr(b'\n', probe).map_or(ns + probe.len(), |o| ns + o);
    is_tweet_sig(sl(t, ns, floor_cb(t, ne)).trim())
}

fn is_tweet_sig(l: &str) -> bool {
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

fn furniture_text(l: &str) -> bool {
    // Openings of chrome lines; each must end at a word boundary.
    const PREFIX: [&str; 16] = [
        "tags:",
        "tagged:",
        "topics:",
        "related:",
        "read more",
        "print",
        "loading",
        "post a comment",
        "read and post",
        "please review",
        "privacy:",
        "sign up",
        "subscribe",
        "advertisement",
        "share this",
        "click here",
    ];
    const BANNER: [&str; 5] = ["use", "accept", "consent", "policy", "settings"];

    if l.is_empty() || is_tweet_sig(l) {
        return true;
    }
    let b = l.as_bytes();
    let ci = |i: usize, pat: &str| {
        b.get(i..i + pat.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(pat.as_bytes()))
    };
    let word_prefix = |p: &str| ci(0, p) && !at(b, p.len()).is_ascii_alphabetic();
    if PREFIX.iter().any(|p| word_prefix(p)) || b.iter().all(|c| c.is_ascii_digit() || *c == b'-') {
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

// ---------------------------------------------------------------------------
// Word classes, looked up by lowercased bytes without allocating.

/// Person titles and roles ("minister", "spokesperson", "coach").
const TITLE: u16 = 1;
/// Words inside titles that are not names ("Defense", "Foreign", "Prime").
const QUAL: u16 = 1 << 1;
/// Function words, never part of a name.
const STOP: u16 = 1 << 2;
/// Organisation and place words: named things, not people.
const ORG: u16 = 1 << 3;
/// Days, months, "week": never a speaker.
const TIME: u16 = 1 << 4;
/// Finite reporting verbs ("said", "told", "warned").
const CUE: u16 = 1 << 5;
/// Reporting participles ("saying", "adding"): the sentence subject speaks.
const CUE_ING: u16 = 1 << 6;
const PRON: u16 = 1 << 7;
/// Auxiliaries and adverbs between a subject and its verb ("had previously").
const AUX: u16 = 1 << 8;
const DET: u16 = 1 << 9;
/// Words before a quote that make it part of a noun phrase ("a", "as", "his").
const NPCTX: u16 = 1 << 10;
/// Framing verbs ("labeled", "described"): they give a phrase, not a statement.
const FRAME: u16 = 1 << 11;
const PREP: u16 = 1 << 12;
const FRAME_ING: u16 = 1 << 13;
/// Unnamed groups ("officials", "analysts"): a cue, but nobody to name.
const GENERIC: u16 = 1 << 14;
/// Nouns an organisation is referred back to by ("the board", "the firm").
const ORGNOUN: u16 = 1 << 15;

fn wclass(w: &str) -> u16 {
    let mut buf = [0u8; 24];
    let bytes = w.as_bytes();
    if bytes.is_empty() || bytes.len() > buf.len() {
        return 0;
    }
    for (d, s) in buf.iter_mut().zip(bytes) {
        if !(s.is_ascii_alphabetic() || *s == b'-') {
            return 0; // every listed word is ASCII letters and hyphens
        }
        *d = s.to_ascii_lowercase();
    }
    let lw = &buf[..bytes.len()];
    let f = class_lower(lw);
    if f == 0 && lw.contains(&b'-') {
        // "Secretary-General", "vice-president": a title if a part is one.
        return lw
            .split(|&c| c == b'-')
            .fold(0, |g, part| g | (class_lower(part) & (TITLE | QUAL)));
    }
    f
}

/// Closed-class and cue words, by class. Looked up through a hash table built
/// once, so classifying a word costs one hash of a short lowercased slice.
#[rustfmt::skip]
const WORDS: &[(u16, &[&str])] = &[
    (DET | STOP | NPCTX, &[
        "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those",
        "this",
    ]),
    (DET | STOP, &[
        "that",
    ]),
    (PRON | STOP, &[
        "he", "she", "they", "we", "i",
    ]),
    (PRON | STOP | NPCTX, &[
        "it",
    ]),
    (STOP | NPCTX, &[
        "them", "no", "any", "some", "all", "what", "so-called",
    ]),
    (STOP | PREP | NPCTX, &[
        "as", "of", "with", "for", "by", "to", "in", "on", "at", "about", "from", "into", "like",
        "than",
    ]),
    (STOP | PREP, &[
        "during", "after", "before", "since", "under", "over", "against", "between", "through",
        "amid", "among", "via", "per", "without", "within", "despite", "following", "alongside",
        "near", "until",
    ]),
    (AUX | NPCTX, &[
        "be", "is", "was", "are", "were", "been", "being",
    ]),
    (NPCTX | FRAME, &[
        "called", "dubbed", "termed", "labeled", "labelled",
    ]),
    (FRAME, &[
        "framed", "described", "branded", "characterized", "characterised", "expressed", "voiced",
        "calls", "describes",
    ]),
    (FRAME_ING, &[
        "framing", "describing", "labeling", "labelling", "calling", "dubbing", "branding",
        "characterizing", "expressing", "voicing", "issuing",
    ]),
    (AUX | STOP, &[
        "had", "has", "have", "would", "will", "also", "then", "again", "once", "earlier", "later",
        "already", "still", "just", "did", "does", "do", "could", "might", "may", "must", "should",
        "can", "never", "often", "always", "now", "further", "not",
    ]),
    (STOP, &[
        "and", "but", "or", "nor", "so", "yet", "if", "when", "while", "because", "although",
        "though", "where", "which", "who", "whom", "whose", "why", "how", "there", "here", "yes",
        "many", "most", "more", "both", "each", "every", "other", "another", "such", "meanwhile",
        "however", "moreover", "instead", "even", "only", "one", "two", "three", "read", "click",
        "share", "follow", "sign", "photo", "watch", "related", "updated", "published", "author",
        "authored",
    ]),
    (TITLE, &[
        "president", "vice-president", "minister", "secretary", "secretary-general",
        "undersecretary", "spokesman", "spokeswoman", "spokesperson", "leader", "chief", "official",
        "ambassador", "envoy", "senator", "sen", "rep", "representative", "congressman",
        "congresswoman", "lawmaker", "governor", "gov", "mayor", "chancellor", "premier", "king",
        "queen", "prince", "princess", "pope", "sheikh", "emir", "ceo", "chairman", "chairwoman",
        "chair", "director", "director-general", "commander", "gen", "admiral", "adm", "colonel",
        "col", "lieutenant", "lt", "captain", "capt", "sergeant", "sgt", "marshal", "judge",
        "prosecutor", "attorney", "lawyer", "adviser", "advisor", "aide", "analyst", "expert",
        "professor", "prof", "dr", "mr", "mrs", "ms", "economist", "diplomat", "negotiator",
        "correspondent", "editor", "founder", "head", "officer", "commissioner", "coordinator",
        "researcher", "scientist", "strategist", "candidate", "nominee", "mp", "mep", "counselor",
        "chairperson", "commander-in-chief", "coach", "manager", "inspector", "detective",
        "sheriff", "treasurer", "auditor", "superintendent", "bishop", "archbishop", "cardinal",
        "rabbi", "imam", "reverend", "pastor", "consul", "engineer",
        // councils and courts
        "councillor", "councilor", "councilman", "councilwoman", "alderman", "alderwoman",
        "barrister", "solicitor", "magistrate", "coroner", "constable", "sir", "dame",
        // occupations and roles that stand before names ("singer Ana Ruiz")
        "singer", "songwriter", "rapper", "musician", "guitarist", "drummer", "actor", "actress",
        "comedian", "presenter", "novelist", "poet", "artist", "doctor", "surgeon",
        "nurse", "physician", "teacher", "headteacher", "headmaster", "headmistress", "lecturer",
        "striker", "midfielder", "defender", "goalkeeper", "winger", "footballer", "player",
        "skipper", "athlete", "sprinter", "cyclist", "swimmer", "jockey", "boxer", "businessman",
        "businesswoman", "entrepreneur", "executive", "boss", "campaigner", "activist",
        "organiser", "organizer", "volunteer", "resident", "tenant", "landlady", "pensioner",
        "teenager", "student", "veteran", "chef", "vicar", "priest", "pianist", "violinist",
        "composer", "conductor", "dancer", "painter", "sculptor", "photographer", "filmmaker",
        "journalist", "reporter", "columnist", "historian", "architect", "designer", "producer",
    ]),
    (TITLE | QUAL, &[
        "general", "deputy",
    ]),
    (QUAL, &[
        "defense", "defence", "foreign", "affairs", "interior", "finance", "state", "security",
        "national", "homeland", "justice", "health", "trade", "commerce", "energy", "economy",
        "education", "agriculture", "war", "staff", "joint", "chiefs", "armed", "intelligence",
        "prime", "vice", "acting", "former", "senior", "federal", "international", "public",
        "press", "information", "communications", "economic", "political",
    ]),
    (ORG, &[
        "house", "council", "ministry", "department", "agency", "service", "office", "committee",
        "commission", "union", "nations", "party", "government", "administration", "times", "news",
        "journal", "network", "media", "group", "institute", "university", "center", "centre",
        "bank", "fund", "court", "congress", "parliament", "senate", "assembly", "army", "navy",
        "force", "forces", "command", "corps", "police", "guard", "company", "corporation", "inc",
        "ltd", "foundation", "association", "organization", "organisation", "alliance",
        "federation", "republic", "kingdom", "states", "north",
        "south", "east", "west", "western", "eastern", "northern", "southern", "central", "united",
        "european", "military", "regime", "cabinet", "embassy", "ministers", "report",
        "spokespeople", "source",
    ]),
    (ORG, &[
        "post",
    ]),
    (ORGNOUN, &[
        "agency", "board", "company", "firm", "group", "chamber", "council", "ministry",
        "department", "club", "union", "court", "committee", "regulator", "supplier",
        "manufacturer", "retailer", "label", "magazine", "newspaper", "broadcaster", "network",
        "charity", "commission", "authority", "trust", "society", "association", "federation",
        "institute", "university", "bank", "fund", "foundation", "organisation", "organization",
        "party", "service", "office", "team", "school", "hospital", "corporation", "airline",
        "insurer", "lender", "maker", "operator", "provider", "developer", "chain", "brand",
        "watchdog", "body", "panel", "tribunal", "publisher", "business", "carrier", "utility",
        "church", "college", "museum", "theatre", "theater", "orchestra", "band", "studio",
        "campaign", "alliance", "coalition", "consortium", "government", "administration",
        "police", "force", "station", "paper", "website", "platform", "startup", "giant",
    ]),
    (TIME, &[
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "april", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "today", "yesterday", "tomorrow", "tonight", "week", "weekend", "morning",
        "afternoon", "evening", "night",
    ]),
    (CUE, &[
        "said", "says", "say", "told", "tells", "added", "adds", "stated", "noted", "emphasized",
        "emphasised", "emphasizes", "emphasises", "stressed", "stresses", "explained", "explains",
        "warned", "warns", "wrote", "writes", "asked", "asks", "replied", "replies", "continued",
        "insisted", "insists", "argued", "argues", "claimed", "declared", "declares", "announced",
        "remarked", "commented", "observed", "acknowledged", "admitted", "conceded", "suggested",
        "urged", "reiterated", "concluded", "recalled", "tweeted", "predicted", "vowed", "pledged",
        "promised", "cautioned", "mentioned", "responded", "answered", "countered", "maintained",
        "contended", "asserted", "affirmed", "revealed", "disclosed", "boasted", "complained",
        "lamented", "quipped", "joked", "shouted", "exclaimed", "alleged", "testified", "retorted", "wondered", "mused", "recounted", "demanded", "pleaded", "protested", "interjected", "scoffed",
    ]),
    (CUE_ING, &[
        "saying", "stating", "adding", "noting", "emphasizing", "emphasising", "stressing",
        "explaining", "warning", "writing", "telling", "asking", "insisting", "arguing", "claiming",
        "declaring", "announcing", "urging", "remarking", "commenting", "observing",
        "acknowledging", "admitting", "suggesting", "reiterating", "recalling", "replying",
        "responding", "vowing", "pledging", "cautioning",
    ]),
    (GENERIC, &[
        "officials", "sources", "analysts", "critics", "experts", "residents", "witnesses",
        "observers", "diplomats", "lawmakers", "investigators", "authorities", "protesters",
        "activists", "researchers", "scientists", "economists", "doctors", "officers", "soldiers",
        "people", "others", "commentators", "reports", "leaders", "allies", "partners", "voters",
        "citizens", "workers", "families", "users", "skeptics", "sceptics", "supporters",
        "opponents", "insiders", "aides", "advisers", "advisors",
    ]),
];

#[derive(Default)]
struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.0 =
                (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn finish(&self) -> u64 {
        // The multiply mixes upwards only: fold the high bits down, or the
        // bucket (low bits) would depend on a name's first bytes alone.
        self.0 ^ (self.0 >> 32)
    }
}

type NameMap<'a> =
    std::collections::HashMap<&'a str, usize, std::hash::BuildHasherDefault<WordHasher>>;

/// Open-addressing table of `WORDS` (lowercase word -> class flags), built
/// once. A lookup hashes four bytes and usually compares one slot.
struct WordTable {
    slots: Vec<(&'static [u8], u16)>,
}

const WORD_SLOTS: usize = 2048; // power of two; keep the word count under 40% of it

fn word_hash(w: &[u8]) -> usize {
    let b = |i: usize| u32::from(w.get(i).copied().unwrap_or(0));
    let n = w.len();
    let mut h = (n as u32).wrapping_mul(0x9E37_79B9);
    for c in [b(0), b(1), b(n / 2), b(n.wrapping_sub(1))] {
        h = (h ^ c).wrapping_mul(0x0100_0193);
    }
    (h ^ (h >> 15)) as usize & (WORD_SLOTS - 1)
}

static WORD_CLASSES: std::sync::LazyLock<WordTable> = std::sync::LazyLock::new(|| {
    let mut slots: Vec<(&'static [u8], u16)> = vec![(&[], 0); WORD_SLOTS];
    for (flags, words) in WORDS {
        for w in *words {
            let w = w.as_bytes();
            let mut h = word_hash(w);
            loop {
                let slot = &mut slots[h];
                if slot.0.is_empty() || slot.0 == w {
                    slot.0 = w;
                    slot.1 |= flags;
                    break;
                }
                h = (h + 1) & (WORD_SLOTS - 1);
            }
        }
    }
    WordTable { slots }
});

fn class_lower(w: &[u8]) -> u16 {
    let slots = &WORD_CLASSES.slots;
    let mut h = word_hash(w);
    loop {
        match slots.get(h) {
            Some((k, f)) if *k == w => return *f,
            Some((k, _)) if !k.is_empty() => h = (h + 1) & (WORD_SLOTS - 1),
            _ => return 0,
        }
    }
}

fn is_abbrev(w: &str) -> bool {
    const ABBR: [&str; 27] = [
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt",
        "adm", "st", "jr", "sr", "mt", "no", "vs", "etc", "inc", "corp", "co", "ltd", "sept", "ft",
    ];
    let one_cap = w.chars().nth(1).is_none() && starts_upper(w);
    one_cap || w.contains('.') || ABBR.iter().any(|a| eq_ci(w, a))
}

/// An auxiliary or adverb that may sit between a subject and its verb
/// ("has", "previously"); uses the token's cached class.
fn is_aux(t: &str, x: &Tok) -> bool {
    let w = core(t, x);
    starts_lower(w) && (x.f & AUX != 0 || (w.len() > 3 && w.ends_with("ly")))
}

fn is_connector(w: &str) -> bool {
    [
        "of", "de", "da", "van", "von", "bin", "al", "el", "la", "le", "du", "del", "dos",
    ]
    .contains(&w)
}

// ---------------------------------------------------------------------------
// Tokens: words with surrounding punctuation stripped into flags, plus
// placeholders standing for whole quotes.

#[derive(Clone, Copy, Default, Debug)]
struct Tok {
    ws: usize,
    we: usize,
    s: usize,
    e: usize,
    q: bool,
    comma: bool,
    term: bool,
    colon: bool,
    poss: bool,
    /// Word-class flags of the core, computed once.
    f: u16,
}

fn core<'t>(t: &'t str, x: &Tok) -> &'t str {
    if x.q { "" } else { sl(t, x.s, x.e) }
}

fn make_tok(t: &str, ws: usize, we: usize) -> Tok {
    let mut x = Tok {
        ws,
        we,
        ..Tok::default()
    };
    let b = t.as_bytes();
    let (mut s, mut e) = (ws, we);
    while s < e {
        let c = at(b, s);
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
        let c = at(b, e - 1);
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
    if e > s + 2 && at(b, e - 1) == b's' {
        if at(b, e - 2) == b'\'' {
            x.poss = true;
            e -= 2;
        } else if e > s + 4 && b.get(e - 4..e - 1) == Some("’".as_bytes()) {
            x.poss = true;
            e -= 4;
        }
    }
    if dot && x.term && !x.poss && is_abbrev(sl(t, s, e)) && !sl(t, e, we).contains(['!', '?']) {
        x.term = false;
    }
    x.s = s;
    x.e = e;
    x
}

/// Fills in word classes; done only for tokens that get examined.
fn classify(t: &str, toks: &mut [Tok]) {
    for x in toks {
        if !x.q {
            x.f = wclass(sl(t, x.s, x.e));
        }
    }
}

fn classified(t: &str, mut x: Tok) -> Tok {
    x.f = wclass(sl(t, x.s, x.e));
    x
}

/// Reads the token after `i` (up to `limit`); also says whether a newline
/// was crossed to reach it.
fn next_tok(t: &str, i: usize, limit: usize) -> Option<(Tok, usize, bool)> {
    let b = t.as_bytes();
    let mut i = i;
    let mut nl = false;
    while i < limit {
        let w = space_len(b, i);
        if w == 0 {
            break;
        }
        nl |= at(b, i) == b'\n';
        i += w;
    }
    if i >= limit {
        return None;
    }
    let ws = i;
    while i < limit {
        let c = at(b, i);
        if (c <= b' ' || c >= 0xC2) && space_len(b, i) > 0 {
            break;
        }
        i += 1;
    }
    Some((make_tok(t, ws, i), i, nl))
}

/// Reads the token ending before `i`, not looking below `lo`.
fn prev_tok(t: &str, i: usize, lo: usize) -> Option<Tok> {
    prev_tok_raw(t, i, lo).map(|x| classified(t, x))
}

fn prev_tok_raw(t: &str, i: usize, lo: usize) -> Option<Tok> {
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
        let c = at(b, s - 1);
        if (c <= b' ' || c >= 0x80) && space_len_before(b, s) > 0 {
            break;
        }
        s -= 1;
    }
    (s < e).then(|| make_tok(t, ceil_cb(t, s), e))
}

/// One token standing for a whole quote (its marks plus the punctuation
/// right after the closing mark, up to `end`).
fn placeholder(t: &str, sp: &Span, end: usize) -> Tok {
    let b = t.as_bytes();
    let mut x = Tok {
        ws: sp.open,
        we: end,
        s: sp.start,
        e: sp.end,
        q: true,
        ..Tok::default()
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

fn is_after_punct(c: u8) -> bool {
    matches!(c, b',' | b';' | b'.' | b'!' | b'?' | b':')
}

/// Tokenizes `[from, to)` into `out`, turning every quote span into one
/// placeholder so names inside quotes are never taken for speakers; with
/// `one_sentence` it stops after the first sentence end.
fn tokenize_until(
    t: &str,
    from: usize,
    to: usize,
    spans: &[Span],
    stop_at_quote: bool,
    one_sentence: bool,
    out: &mut Vec<Tok>,
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
            while j < to && is_after_punct(at(b, j)) {
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
                if x.s < x.e {
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

fn begins_sentence(t: &str, x: &Tok) -> bool {
    x.q || core(t, x)
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Tokens of the sentence that ends at `hi` (a quote's opening mark), read
/// backwards so only that sentence is tokenized; never below `lo`. When
/// `partial`, `lo` may cut a word, and the word touching it is dropped.
fn sentence_before(
    t: &str,
    lo: usize,
    hi: usize,
    spans: &[Span],
    partial: bool,
    out: &mut Vec<Tok>,
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
                    && x.ws < sp.close_end
                {
                    // a word glued to a closing mark: never read into the quote
                    if sp.close_end >= e {
                        break;
                    }
                    x = make_tok(t, sp.close_end, e);
                }
                if partial && x.ws <= lo {
                    break;
                }
                x
            }
        };
        i = x.ws;
        if !x.q && x.s >= x.e {
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

fn count_words(t: &str, s: usize, e: usize, cap: usize) -> usize {
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

// ---------------------------------------------------------------------------
// Noun phrases and cues.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum CueKind {
    /// "said", "told", "warned": the subject is the noun phrase before it.
    Finite,
    /// "stating", "adding": the subject is the sentence's subject.
    Ing,
    /// "according to X".
    According,
    /// "framed it as", "labeled ... as", "expressed": gives a phrase, not a
    /// statement, to the subject (so it never makes a quote a statement).
    Frame,
    /// "describing it as", "issuing a call".
    FrameIng,
}

impl CueKind {
    fn speech(self) -> bool {
        matches!(self, CueKind::Finite | CueKind::Ing | CueKind::According)
    }
    fn participle(self) -> bool {
        matches!(self, CueKind::Ing | CueKind::FrameIng)
    }
}

fn cue_kind(t: &str, x: &Tok) -> Option<CueKind> {
    let w = core(t, x);
    if x.q || !starts_lower(w) {
        return None;
    }
    let f = x.f;
    if f & CUE != 0 {
        Some(CueKind::Finite)
    } else if f & CUE_ING != 0 {
        Some(CueKind::Ing)
    } else if f & FRAME != 0 {
        Some(CueKind::Frame)
    } else if f & FRAME_ING != 0 {
        Some(CueKind::FrameIng)
    } else {
        None
    }
}

fn is_according(t: &str, toks: &[Tok], k: usize) -> bool {
    toks.get(k).is_some_and(|x| eq_ci(core(t, x), "according"))
        && toks.get(k + 1).is_some_and(|x| eq_ci(core(t, x), "to"))
}

/// The last reporting cue of a sentence prefix.
fn find_cue_back(t: &str, sent: &[Tok]) -> Option<(usize, CueKind)> {
    (0..sent.len()).rev().find_map(|k| {
        if is_according(t, sent, k) {
            Some((k, CueKind::According))
        } else {
            cue_kind(t, &sent[k]).map(|c| (k, c))
        }
    })
}

/// Extends a cue verb to its shortest complete phrase: "told reporters",
/// "said in a statement", "labeled the allegations as", "issuing a call".
fn extend_cue(t: &str, toks: &[Tok], v: usize, kind: CueKind) -> usize {
    let n = toks.len();
    if kind == CueKind::According {
        return (v + 1).min(n.saturating_sub(1));
    }
    let mut pe = v;
    let ends = |x: &Tok| x.comma || x.term || x.colon || x.q;
    if toks.get(v).is_none_or(ends) {
        return pe;
    }
    let verb = core(t, &toks[v]);
    let told = verb
        .get(..4)
        .is_some_and(|p| eq_ci(p, "told") || eq_ci(p, "tell"));
    let object_end = |max: usize| {
        let mut e = v;
        for (k, x) in toks.iter().enumerate().take(n.min(v + 1 + max)).skip(v + 1) {
            let w = core(t, x);
            if x.q || x.f & (PREP | AUX | CUE | CUE_ING | TIME) != 0 || eq_ci(w, "that") {
                break;
            }
            e = k;
            if ends(x) {
                break;
            }
        }
        e
    };
    if !kind.speech() {
        if eq_ci(verb, "issuing") {
            return object_end(2);
        }
        // "framed it as", "labeled the allegations as"; else the verb alone.
        let e = object_end(3);
        return match toks.get(e + 1) {
            Some(x) if !ends(&toks[e]) && eq_ci(core(t, x), "as") => e + 1,
            _ => v,
        };
    }
    if told {
        pe = object_end(3);
    }
    // "said in a statement" is a channel worth keeping; other settings
    // ("in a briefing") are circumstances, not part of the cue.
    if !ends(&toks[pe])
        && toks.get(pe + 1).is_some_and(|x| eq_ci(core(t, x), "in"))
        && toks.get(pe + 2).is_some_and(|x| x.f & DET != 0)
    {
        for (k, x) in toks.iter().enumerate().take(n.min(pe + 5)).skip(pe + 2) {
            if eq_ci(core(t, x), "statement") {
                return k;
            }
            if ends(x) {
                break;
            }
        }
    }
    pe
}

fn skip_aux(t: &str, toks: &[Tok], v: usize) -> usize {
    let mut j = v;
    while j > 0 && !toks[j - 1].q && !toks[j - 1].comma && is_aux(t, &toks[j - 1]) {
        j -= 1;
    }
    j
}

/// The noun phrase ending at token `end` (exclusive): a pronoun, a name with
/// its titles, "the minister", or "X's tax office".
fn np_back(t: &str, toks: &[Tok], end: usize) -> Option<(usize, usize)> {
    let mut a = end;
    let mut caps = 0;
    let mut lowers = 0;
    let mut det = false;
    while a > 0 {
        let x = &toks[a - 1];
        if x.q || (a < end && (x.comma || x.term || x.colon)) {
            break;
        }
        let w = core(t, x);
        let f = x.f;
        if f & DET != 0 {
            if a < end {
                a -= 1;
                det = true;
            }
            break;
        }
        if f & PRON != 0 {
            if a == end {
                a -= 1;
                return Some((a, end));
            }
            break;
        }
        if starts_upper(w) {
            if f & (STOP | TIME) != 0 {
                break;
            }
            caps += 1;
        } else if f & TITLE != 0 || (w == "of" && caps > 0) {
            lowers += usize::from(f & TITLE == 0);
        } else if caps == 0
            && lowers < 3
            && f & (STOP | AUX | CUE | CUE_ING | PREP | TIME) == 0
            && !is_aux(t, x)
        {
            lowers += 1;
        } else {
            break;
        }
        a -= 1;
    }
    // A bare lowercase phrase names nobody, unless it is a role or a group
    // ("officials said": attributed, to someone unnamed).
    (a < end && (det || caps > 0 || toks[a..end].iter().any(|x| x.f & (TITLE | GENERIC) != 0)))
        .then_some((a, end))
}

/// The subject right before a verb at `end`: the noun phrase there, skipping
/// back over prepositional phrases ("Critics in the capital said" -> Critics,
/// "the head of the agency said" -> the head).
fn subject_before(t: &str, toks: &[Tok], end: usize) -> Option<(usize, usize)> {
    let mut np = np_back(t, toks, end)?;
    for _ in 0..2 {
        let Some(p) = np.0.checked_sub(1).and_then(|k| toks.get(k)) else {
            break;
        };
        let w = core(t, p);
        if p.q || p.comma || !starts_lower(w) || p.f & PREP == 0 {
            break;
        }
        match np_back(t, toks, np.0 - 1) {
            Some(outer) => np = outer,
            None => break,
        }
    }
    Some(np)
}

/// The noun phrase starting at token `start`, at most up to `end`.
fn np_fwd(t: &str, toks: &[Tok], start: usize, end: usize) -> Option<(usize, usize)> {
    let end = end.min(toks.len());
    let first = toks.get(start)?;
    if first.q || start >= end {
        return None;
    }
    let f0 = first.f;
    if f0 & PRON != 0 {
        return Some((start, start + 1));
    }
    let det = f0 & DET != 0;
    let mut k = start + usize::from(det);
    let mut lowers = 0;
    let mut poss = false;
    if det && first.comma {
        return None;
    }
    while k < end {
        let x = &toks[k];
        if x.q {
            break;
        }
        let w = core(t, x);
        let f = x.f;
        let next_up = toks.get(k + 1).is_some_and(|n| starts_upper(core(t, n)));
        let ok = if starts_upper(w) {
            f & (STOP | TIME | CUE | CUE_ING | AUX | PRON | DET) == 0
        } else if f & TITLE != 0 || (w == "of" && next_up) {
            true
        } else {
            // "the tax office", "X's chief", "agency spokesperson Nils Dahl",
            // "resident Maria Lopes"
            let title_soon = toks
                .get(k + 1..end.min(k + 3))
                .is_some_and(|n| n.iter().any(|y| y.f & TITLE != 0));
            let proper =
                |y: &Tok| starts_upper(core(t, y)) && y.f & (STOP | TIME | DET | PRON) == 0;
            let name_soon = !x.comma
                && (toks.get(k + 1).is_some_and(proper)
                    || (toks
                        .get(k + 1)
                        .is_some_and(|y| !y.comma && starts_lower(core(t, y)) && y.f == 0)
                        && toks.get(k + 2).is_some_and(proper)));
            (det || poss || title_soon || name_soon)
                && lowers < 3
                && f & (STOP | AUX | CUE | CUE_ING | PREP | PRON | DET | TIME) == 0
                && !is_aux(t, x)
        };
        if !ok {
            break;
        }
        if !starts_upper(w) {
            lowers += 1;
        }
        poss |= x.poss;
        k += 1;
        if x.comma || x.term || x.colon {
            break;
        }
    }
    (k > start + usize::from(det)).then_some((start, k))
}

/// Subject of the sentence: for "X ..., stating, '...'" the speaker is X.
fn subject(t: &str, sent: &[Tok], v: usize) -> Option<(usize, usize)> {
    let v = v.min(sent.len());
    let mut k = 0;
    if let Some(x) = sent.first()
        && !x.q
    {
        let f = x.f;
        let adverbial = f & PREP != 0 || (f & STOP != 0 && f & (PRON | DET) == 0);
        if adverbial && let Some(c) = sent[..v.min(sent.len())].iter().position(|y| y.comma) {
            k = c + 1;
        }
    }
    while k < v {
        let x = &sent[k];
        let w = core(t, x);
        let f = x.f;
        if !x.q && (f & (PRON | DET) != 0 || (starts_upper(w) && f & (STOP | TIME) == 0)) {
            let np = np_fwd(t, sent, k, v)?;
            return Some(appositive_name(t, sent, np, v).unwrap_or(np));
        }
        k += 1;
    }
    None
}

/// "The envoy, Lidia Moreno, said": the name set off by commas right after
/// a described subject is the better speaker.
fn appositive_name(
    t: &str,
    sent: &[Tok],
    (_, b): (usize, usize),
    v: usize,
) -> Option<(usize, usize)> {
    if !sent.get(b.checked_sub(1)?)?.comma {
        return None;
    }
    let mut e = b;
    while e < v.min(b + 4) {
        let x = sent.get(e)?;
        if x.q || !starts_upper(core(t, x)) || x.f & (STOP | DET | PRON | TIME) != 0 {
            return None;
        }
        e += 1;
        if x.comma {
            return Some((b, e));
        }
    }
    None
}

/// Splits a capitalized run into titles and the name that follows them:
/// "UN Secretary-General Ana Lind" -> "Ana Lind".
fn name_part(t: &str, toks: &[Tok]) -> (usize, usize) {
    let n = toks.len();
    let mut a = 0;
    for (k, x) in toks.iter().enumerate() {
        let w = core(t, x);
        let f = x.f;
        let reset = f & (TITLE | QUAL | STOP | DET | PRON | TIME | CUE | CUE_ING | AUX) != 0
            || !starts_upper(w)
            || is_acronym(w)
            || (x.poss && k + 1 < n)
            || w.bytes().any(|c| c.is_ascii_digit());
        if reset {
            a = k + 1;
        }
    }
    (a.max(n.saturating_sub(4)), n)
}

fn name_ok(t: &str, name: &[Tok]) -> bool {
    (1..=4).contains(&name.len())
        && name.iter().all(|x| {
            let w = core(t, x);
            w.len() >= 2 && x.f & (ORG | TIME) == 0
        })
}

fn head_match(ctx: &str, head: &str) -> bool {
    const LEADER: [&str; 12] = [
        "leader",
        "president",
        "premier",
        "chancellor",
        "king",
        "queen",
        "chief",
        "head",
        "prime",
        "emir",
        "sheikh",
        "pope",
    ];
    const CHIEF: [&str; 7] = [
        "chief",
        "head",
        "director",
        "secretary",
        "general",
        "commander",
        "leader",
    ];
    const SPOKES: [&str; 3] = ["spokesman", "spokeswoman", "spokesperson"];
    const OFFICIAL: [&str; 11] = [
        "official",
        "minister",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chief",
        "director",
        "officer",
        "adviser",
        "ambassador",
    ];
    let head = head.rsplit('-').next().unwrap_or(head);
    let syn: &[&str] = match head.to_ascii_lowercase().as_str() {
        "leader" => &LEADER,
        "chief" => &CHIEF,
        "spokesman" | "spokeswoman" | "spokesperson" => &SPOKES,
        "official" => &OFFICIAL,
        _ => &[],
    };
    ctx_words(ctx).any(|w| eq_ci(w, head) || syn.iter().any(|s| eq_ci(w, s)))
}

fn ctx_words(ctx: &str) -> impl Iterator<Item = &str> {
    ctx.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

// ---------------------------------------------------------------------------
// Attribution.

/// Someone (or something) that speaks: spans into the article, no copies.
#[derive(Clone, Copy, Debug)]
struct Ent {
    name: (usize, usize),
    first: (usize, usize),
    last: (usize, usize),
    ntok: usize,
    ctx: (usize, usize),
    person: bool,
}

#[derive(Clone, Copy)]
struct Attr {
    ent: Option<usize>,
    cue: Option<(usize, usize)>,
    pos: usize,
}

/// Per quote: speaker entity, cue span, fragment flag.
type Found = (Option<usize>, Option<(usize, usize)>, bool);

struct Pre {
    /// The quote opens its sentence.
    starts: bool,
    attr: Option<Attr>,
    /// A speech cue ends right before the quote ("said, '...'").
    adjacent: bool,
    /// The word before the quote puts it inside a noun phrase ("a '...'").
    np_ctx: bool,
    /// Introduced by a colon ("was blunt: '...'").
    colon: bool,
    /// Introduced by a speech cue and "that" ("said that '...'").
    that: bool,
}

struct Attributor<'a> {
    t: &'a str,
    spans: &'a [Span],
    ents: Vec<Ent>,
    /// Descriptions already resolved ("tax office" -> entity), newest last.
    aliases: Vec<((usize, usize), usize)>,
    /// Bloom filter over every key of the maps below: most capitalized words
    /// name nobody known, and this rejects them without hashing.
    ent_bloom: [u64; 4],
    /// Newest entity by full name, by last token and by first token.
    by_name: NameMap<'a>,
    by_last: NameMap<'a>,
    by_first: NameMap<'a>,
    /// Reused buffer for runs of capitalized words.
    run_buf: Vec<Tok>,
    /// Reused token buffer for attribution windows.
    buf: Vec<Tok>,
    /// (byte position, entity): where each known speaker was mentioned.
    mentions: Vec<(usize, usize)>,
    line_cache: Option<(usize, bool)>,
}

impl<'a> Attributor<'a> {
    fn new(t: &'a str, spans: &'a [Span]) -> Self {
        Attributor {
            t,
            spans,
            ents: Vec::new(),
            aliases: Vec::new(),
            ent_bloom: [0; 4],
            by_name: NameMap::default(),
            by_last: NameMap::default(),
            by_first: NameMap::default(),
            run_buf: Vec::new(),
            buf: Vec::new(),
            mentions: Vec::new(),
            line_cache: None,
        }
    }

    /// Attributes every span in text order, then gives each multi-paragraph
    /// quote one speaker for all its segments.
    fn run(mut self) -> Vec<Quote> {
        let t = self.t;
        let n = self.spans.len();
        let mut found: Vec<Found> = Vec::with_capacity(n);
        let mut harvested = 0;
        let mut prev_nf: Option<(usize, Option<usize>)> = None;
        for qi in 0..n {
            let sp = self.spans[qi];
            if sp.open > harvested {
                self.harvest(harvested, sp.open);
            }
            harvested = harvested.max(sp.close_end);
            let f = self.attribute(qi, prev_nf);
            if !f.2 {
                prev_nf = Some((sp.close_end, f.0));
            }
            found.push(f);
        }
        // A quote running over paragraphs has one speaker for all its parts.
        let mut k = 0;
        while k < n {
            let chain = self.spans[k].chain;
            let mut j = k;
            while j < n && self.spans[j].chain == chain {
                j += 1;
            }
            if let Some(e) = found[k..j].iter().find_map(|f| f.0) {
                for f in &mut found[k..j] {
                    f.0.get_or_insert(e);
                }
            }
            k = j;
        }
        self.spans
            .iter()
            .zip(found)
            .map(|(sp, (ent, cue, fragment))| Quote {
                start: sp.start,
                end: sp.end,
                text: sl(t, sp.start, sp.end).to_string(),
                speaker: ent
                    .and_then(|e| self.ents.get(e))
                    .map(|e| squash(sl(t, e.name.0, e.name.1))),
                cue: cue.map(|(s, e)| squash(sl(t, s, e))),
                fragment,
            })
            .collect()
    }

    /// Speaker, cue and fragment flag of one quote. `prev_nf` is the end and
    /// speaker of the last statement quote, which an unattributed statement
    /// right after it continues.
    fn attribute(&mut self, qi: usize, prev_nf: Option<(usize, Option<usize>)>) -> Found {
        let t = self.t;
        let sp = self.spans[qi];
        let pre = self.pre_attr(qi);
        let post = if sp.closed { self.post_attr(qi) } else { None };
        let starts = pre.starts || sp.joined;
        // After a colon a capitalized quote, after "said that" a clause of
        // 3+ words, is a statement of its own.
        let lead_in = (pre.colon && starts_upper(sl(t, sp.start, sp.end)))
            || (pre.that && count_words(t, sp.start, sp.end, 3) >= 3);
        let fragment = if sp.single {
            // British style quotes statements in single marks too.
            let statement = starts && (post.is_some() || count_words(t, sp.start, sp.end, 3) >= 3);
            !(pre.adjacent || statement || lead_in)
        } else if starts || pre.adjacent || post.is_some() || lead_in {
            false
        } else {
            count_words(t, sp.start, sp.end, 7) <= 6 || pre.np_ctx
        };
        let chosen = if fragment {
            // A fragment is someone's only if a cue in its sentence gives it.
            pre.attr
                .filter(|a| a.ent.is_some())
                .or(post)
                .or_else(|| {
                    let ent = if sp.single {
                        None
                    } else {
                        self.later_speaker(qi)
                    };
                    ent.map(|e| Attr {
                        ent: Some(e),
                        cue: None,
                        pos: sp.open,
                    })
                })
                .or(pre.attr)
        } else if pre.adjacent {
            pre.attr.or(post)
        } else {
            post.or(pre.attr)
        };
        let (mut ent, mut cue) = (None, None);
        if let Some(a) = chosen {
            ent = a.ent;
            cue = a.cue;
            if let Some(e) = ent {
                self.mentions.push((a.pos, e));
            }
        } else if !fragment
            && starts
            && let Some((pce, pent)) = prev_nf
            && continues(t, pce, sp.open)
        {
            ent = pent;
        }
        (ent, cue, fragment)
    }

    /// Attribution in the same sentence before the quote ("X said, '...'").
    fn pre_attr(&mut self, qi: usize) -> Pre {
        let t = self.t;
        let sp = self.spans[qi];
        let lo = sp.ps.max(sp.open.saturating_sub(PRE_WINDOW));
        let mut toks = std::mem::take(&mut self.buf);
        sentence_before(
            t,
            ceil_cb(t, lo),
            sp.open,
            self.spans,
            lo > sp.ps,
            &mut toks,
        );
        classify(t, &mut toks);
        let pre = self.pre_attr_in(&toks);
        self.buf = toks;
        pre
    }

    fn pre_attr_in(&mut self, sent: &[Tok]) -> Pre {
        let t = self.t;
        let mut pre = Pre {
            starts: sent.is_empty(),
            attr: None,
            adjacent: false,
            np_ctx: false,
            colon: false,
            that: false,
        };
        let Some(lastt) = sent.last() else { return pre };
        pre.np_ctx = !lastt.q && !lastt.comma && !lastt.colon && lastt.f & NPCTX != 0;
        pre.colon = !lastt.q && lastt.colon;
        let Some((v, kind)) = find_cue_back(t, sent) else {
            // "The envoy was blunt: '...'": the subject speaks, if a person.
            if pre.colon
                && let Some((a, b)) = subject(t, sent, sent.len())
                && let Some(e) = self.resolve_np(&sent[a..b])
                && self.ents.get(e).is_some_and(|x| x.person)
            {
                pre.attr = Some(Attr {
                    ent: Some(e),
                    cue: None,
                    pos: sent[a].s,
                });
            }
            return pre;
        };
        pre.that = kind.speech() && eq_ci(core(t, lastt), "that");
        let pe = extend_cue(t, sent, v, kind);
        let last = sent.len() - 1;
        pre.adjacent = kind.speech()
            && (pe >= last
                || ((lastt.comma || lastt.colon)
                    && last - pe <= 6
                    && !sent[pe + 1..].iter().any(|x| x.q)));
        let (ent, pos) = self.cue_speaker(sent, v, kind);
        pre.attr = Some(Attr {
            ent,
            cue: Some((sent[v].s, sent[pe].e)),
            pos,
        });
        pre
    }

    /// Who the cue at `v` gives the words to.
    fn cue_speaker(&mut self, sent: &[Tok], v: usize, kind: CueKind) -> (Option<usize>, usize) {
        let t = self.t;
        let mut elided = kind.participle();
        let np = match kind {
            CueKind::According => np_fwd(t, sent, v + 2, sent.len()),
            CueKind::Ing | CueKind::FrameIng => subject(t, sent, v),
            CueKind::Finite | CueKind::Frame => {
                let j = skip_aux(t, sent, v);
                match subject_before(t, sent, j) {
                    // "Jess Ray, 34, from Oakby, said": a comma before the verb
                    // closes an aside, and the subject before it speaks.
                    Some(np) if j > 0 && sent[j - 1].comma => Some(
                        subject(t, sent, v)
                            .filter(|s| s.1 <= np.0 && sent[s.1 - 1].comma)
                            .unwrap_or(np),
                    ),
                    Some(np) => Some(np),
                    // "'...,' said Lind, '...'"
                    None if j > 0 && sent[j - 1].q => np_fwd(t, sent, v + 1, sent.len()),
                    // "X, in Geneva, said" / "... and framed it as"
                    None if j == 0
                        || sent[j - 1].comma
                        || is_coordinator(core(t, &sent[j - 1])) =>
                    {
                        elided = true;
                        subject(t, sent, v)
                    }
                    None => None,
                }
            }
        };
        let mut ent = np.and_then(|(a, b)| self.resolve_np(&sent[a..b]));
        let anonymous = np.is_some_and(|(a, b)| {
            let w = core(t, &sent[a]);
            eq_ci(w, "a") || eq_ci(w, "an") || sent[b - 1].f & GENERIC != 0
        });
        if ent.is_none() && elided && !anonymous {
            // A clause without a named subject goes on about the last person named.
            ent = self.resolve_pronoun("he", sent[v].s);
        }
        (ent, np.map_or(sent[v].s, |(a, _)| sent[a].s))
    }

    /// For a fragment, a cue later in its own sentence ("This includes 'x'
    /// and framed it as ..."): the speaker only, never the cue.
    fn later_speaker(&mut self, qi: usize) -> Option<usize> {
        let t = self.t;
        let sp = self.spans[qi];
        let hi = floor_cb(t, sp.pe.min(sp.close_end + POST_WINDOW));
        let mut toks = Vec::new();
        tokenize_until(t, sp.close_end, hi, self.spans, false, true, &mut toks);
        if let Some(k) = toks.iter().position(|x| x.term) {
            toks.truncate(k + 1);
        }
        classify(t, &mut toks);
        let (v, kind) = toks
            .iter()
            .enumerate()
            .find_map(|(k, x)| cue_kind(t, x).map(|c| (k, c)))?;
        if v == 0 || kind.participle() {
            return None; // "the 'experts' said": the fragment is the subject
        }
        self.cue_speaker(&toks, v, kind).0
    }

    /// Attribution right after the closing mark ("'...,' he said").
    fn post_attr(&mut self, qi: usize) -> Option<Attr> {
        let t = self.t;
        let b = t.as_bytes();
        let sp = self.spans[qi];
        if matches!(at(b, sp.close_end), b'.' | b'!' | b'?') {
            return None; // '"...". She added' : the sentence ended at the mark
        }
        let last = last_char(t, sp.start, sp.end);
        let term_mode = last == Some('.');
        // "'...,' the director, X, said": only after an open ending may an
        // appositive or role word stand before the speaker.
        let open_end =
            matches!(last, Some(',' | '?' | '!' | '—' | '–' | '-')) || at(b, sp.close_end) == b',';
        let hi = floor_cb(t, sp.pe.min(sp.close_end + POST_WINDOW));
        let mut toks = std::mem::take(&mut self.buf);
        tokenize_until(t, sp.close_end, hi, self.spans, true, true, &mut toks);
        if let Some(k) = toks.iter().position(|x| x.term) {
            toks.truncate(k + 1);
        }
        classify(t, &mut toks);
        let attr = self.post_attr_in(&toks, term_mode, open_end);
        self.buf = toks;
        attr
    }

    fn post_attr_in(&mut self, toks: &[Tok], term_mode: bool, open_end: bool) -> Option<Attr> {
        let t = self.t;
        let (np, v) = if is_according(t, toks, 0) {
            (np_fwd(t, toks, 2, toks.len())?, 0)
        } else if cue_kind(t, toks.first()?) == Some(CueKind::Finite) {
            (np_fwd(t, toks, 1, toks.len())?, 0)
        } else {
            let v =
                (1..toks.len().min(9)).find(|&k| cue_kind(t, &toks[k]) == Some(CueKind::Finite))?;
            let np = subject_before(t, toks, skip_aux(t, toks, v));
            // Only the speaker may stand between the quote and the verb, with
            // at most a lowercase role word or two ("engineer Sam Okafor
            // said") or a description set off by commas ("the director, X,").
            let ok = np.is_some_and(|np| {
                let lead = &toks[..np.0];
                let roles = np.0 <= 2
                    && lead.iter().all(|x| {
                        starts_lower(core(t, x))
                            && x.f & (STOP | AUX | CUE | CUE_ING | PREP | PRON | TIME) == 0
                    });
                let appositive = lead.len() <= 6
                    && lead.last().is_some_and(|x| x.comma)
                    && lead
                        .first()
                        .is_some_and(|x| x.f & DET != 0 || starts_upper(core(t, x)))
                    && lead
                        .iter()
                        .all(|x| !x.q && x.f & (AUX | CUE | CUE_ING | PRON) == 0);
                np.0 == 0 || (open_end && (roles || appositive))
            });
            match np {
                Some(np) if ok => (np, v),
                _ => {
                    // A reporting verb we cannot parse a speaker for still
                    // means the quote is attributed (to someone unnamed).
                    let x0 = toks.first()?;
                    let np_like = x0.f & (DET | TITLE) != 0 || starts_upper(core(t, x0));
                    return (open_end && np_like).then(|| Attr {
                        ent: None,
                        cue: Some((toks[v].s, toks[v].e)),
                        pos: x0.s,
                    });
                }
            }
        };
        let kind = if is_according(t, toks, 0) {
            CueKind::According
        } else {
            CueKind::Finite
        };
        let pe = if v == 0 && kind == CueKind::Finite {
            0
        } else {
            extend_cue(t, toks, v, kind)
        };
        // After a quote ending in a full stop, only "Name said [Sunday]."
        if term_mode && (toks.len() > pe.max(np.1) + 3 || !toks.last().is_some_and(|x| x.term)) {
            return None;
        }
        let ent = self.resolve_np(&toks[np.0..np.1]);
        Some(Attr {
            ent,
            cue: Some((toks[v].s, toks[pe].e)),
            pos: toks[np.0].s,
        })
    }

    fn resolve_np(&mut self, np: &[Tok]) -> Option<usize> {
        let t = self.t;
        let first = np.first()?;
        let last = np.last()?;
        let w0 = core(t, first);
        let f0 = first.f;
        if np.len() == 1 && f0 & PRON != 0 {
            return self.resolve_pronoun(w0, first.s);
        }
        if last.f & GENERIC != 0 {
            return None; // "officials said", "Western analysts say"
        }
        if f0 & DET != 0 {
            if ["a", "an", "this", "that", "these", "those"]
                .iter()
                .any(|d| eq_ci(w0, d))
            {
                return None; // "a source", "this includes": nobody in particular
            }
            // "The Larchmont Chamber of Trade": a proper name keeps no article.
            if eq_ci(w0, "the") && np.len() >= 3 && proper_name(t, &np[1..]) {
                return Some(self.register_given(np[1].s, last.e, false));
            }
            return self.resolve_description(&np[1..], (first.s, last.e), first.s);
        }
        // A lowercase head after proper words: "Borduria's tax office".
        if !starts_upper(core(t, last)) && last.f & TITLE == 0 {
            return Some(self.register_given(first.s, last.e, false));
        }
        let (a, b) = name_part(t, np);
        if a >= b {
            return self.resolve_description(np, (first.s, last.e), first.s);
        }
        let titled = np[..a].iter().any(|x| x.f & TITLE != 0);
        let org = np[a..b].iter().any(|x| x.f & ORG != 0)
            || (!titled && np.iter().any(|x| x.f & ORG != 0));
        if org {
            let s = np.iter().find(|x| x.f & STOP == 0).map_or(first.s, |x| x.s);
            return Some(self.register_given(s, last.e, false));
        }
        let name = &np[a..b];
        if let [x] = name
            && self.find_ent(name).is_none()
            && let Some(e) = self.full_name_back(x)
        {
            return Some(e); // "Okafor said" after an untitled "Dev Okafor"
        }
        Some(self.lookup_or_register(name, (first.s, np[a].s), true))
    }

    /// For a surname met alone: the nearest earlier "First Surname" in the
    /// text, registered as a person with the titles standing before it.
    fn full_name_back(&mut self, x: &Tok) -> Option<usize> {
        let t = self.t;
        let b = t.as_bytes();
        let w = core(t, x);
        if w.len() < 2 {
            return None;
        }
        let lo = floor_cb(t, x.s.saturating_sub(NAME_LOOKBACK));
        let hay = b.get(lo..x.s)?;
        let mut end = hay.len();
        for _ in 0..HIT_MAX {
            let off = memmem::rfind(hay.get(..end)?, w.as_bytes())?;
            end = off;
            let abs = lo + off;
            let Some((sur, _, _)) = next_tok(t, abs, x.s) else {
                continue;
            };
            if sur.s != abs || core(t, &sur) != w {
                continue; // inside a longer word
            }
            let Some(given) = prev_tok(t, abs, lo).filter(|p| person_word(t, p, abs)) else {
                continue;
            };
            let mut toks = [given, given, classified(t, sur)];
            let mut k = 1;
            if let Some(mid) = prev_tok(t, given.ws, lo).filter(|p| person_word(t, p, given.ws)) {
                toks[0] = mid;
                k = 0;
            }
            let name = &toks[k..];
            if !name_ok(t, name) {
                continue;
            }
            // Titles right before the name are its context ("striker Dev Okafor").
            let mut cs = name[0].s;
            let mut cur = name[0].ws;
            for _ in 0..3 {
                match prev_tok(t, cur, lo) {
                    Some(p) if !p.term && !p.comma && p.f & (TITLE | QUAL) != 0 => {
                        cs = p.s;
                        cur = p.ws;
                    }
                    _ => break,
                }
            }
            return Some(self.lookup_or_register(name, (cs, name[0].s), true));
        }
        None
    }

    fn resolve_pronoun(&self, w: &str, pos: usize) -> Option<usize> {
        let want_person = if ["he", "she", "they"].iter().any(|p| eq_ci(w, p)) {
            true
        } else if eq_ci(w, "it") {
            false
        } else {
            return None;
        };
        // Nearest fitting mention, looking back a bounded number of mentions.
        self.mentions
            .iter()
            .rev()
            .take(MENTION_LOOKBACK)
            .filter(|(p, _)| *p < pos)
            .find(|(_, e)| self.ents.get(*e).is_some_and(|x| x.person == want_person))
            .map(|&(_, e)| e)
    }

    /// "the minister" / "the Ruritanian leader" / "the tax office".
    fn resolve_description(
        &mut self,
        words: &[Tok],
        full: (usize, usize),
        pos: usize,
    ) -> Option<usize> {
        let t = self.t;
        let last = words.last()?;
        let head = core(t, last);
        let hf = last.f;
        if head.len() > 9
            && head
                .get(head.len() - 9..)
                .is_some_and(|s| eq_ci(s, "-year-old"))
        {
            // "the 47-year-old": the person named last
            return self.resolve_pronoun("he", pos);
        }
        if hf & TITLE != 0 {
            let mut best: Option<(usize, usize)> = None;
            for &(mp, e) in self.mentions.iter().rev().take(MENTION_LOOKBACK) {
                let Some(ent) = self.ents.get(e) else {
                    continue;
                };
                if mp >= pos || !ent.person {
                    continue;
                }
                let ctx = sl(t, ent.ctx.0, ent.ctx.1);
                if !head_match(ctx, head) {
                    continue;
                }
                let mods = words[..words.len() - 1]
                    .iter()
                    .filter(|x| {
                        let w = core(t, x);
                        ctx_words(ctx).any(|c| eq_ci(c, w))
                    })
                    .count();
                if best.is_none_or(|(s, _)| mods + 1 > s) {
                    best = Some((mods + 1, e));
                }
            }
            return best
                .map(|(_, e)| e)
                .or_else(|| self.resolve_pronoun("he", pos));
        }
        // Same description as before ("the agency" again): same answer.
        let phrase = sl(t, words[0].s, last.e);
        if let Some(&(_, e)) = self
            .aliases
            .iter()
            .rev()
            .find(|(a, _)| sl(t, a.0, a.1) == phrase)
        {
            return Some(e);
        }
        let mut found = if hf & (ORG | ORGNOUN) != 0 {
            self.org_lookback(words, pos)
        } else {
            None
        };
        if found.is_none() && hf & ORGNOUN != 0 {
            found = self.org_anaphor(words, pos);
        }
        let e = found.unwrap_or_else(|| self.register_given(full.0, full.1, false));
        if self.aliases.len() >= ALIAS_MAX {
            self.aliases.remove(0);
        }
        self.aliases.push(((words[0].s, last.e), e));
        Some(e)
    }

    /// Finds "Borduria's tax office" earlier in the text for "the tax office".
    fn org_lookback(&mut self, words: &[Tok], pos: usize) -> Option<usize> {
        let t = self.t;
        let b = t.as_bytes();
        let (ps, pe) = (words.first()?.s, words.last()?.e);
        let needle = sl(t, ps, pe).as_bytes();
        if needle.is_empty() {
            return None;
        }
        let lo = floor_cb(t, pos.saturating_sub(ORG_LOOKBACK));
        let hay = b.get(lo..pos.min(ps))?;
        let mut end = hay.len();
        let proper = |x: &Tok| {
            let w = core(t, x);
            starts_upper(w) && x.f & (STOP | DET | PRON | TIME) == 0 && !x.comma && !x.term
        };
        while let Some(off) = memmem::rfind(&hay[..end], needle) {
            let abs = lo + off;
            // "campaign group Streetwise" describes the name after it.
            let described = next_tok(t, abs + needle.len(), pos)
                .is_some_and(|(x, _, nl)| !nl && org_word(t, &classified(t, x)))
                && space_len(b, abs + needle.len()) > 0;
            if !described
                && let Some(pt) = prev_tok(t, abs, lo)
                && proper(&pt)
            {
                let mut st = pt.s;
                let mut cur = pt;
                for _ in 0..4 {
                    match prev_tok(t, cur.ws, lo) {
                        Some(p2) if proper(&p2) && !p2.poss => {
                            st = p2.s;
                            cur = p2;
                        }
                        _ => break,
                    }
                }
                return Some(self.register_given(st, abs + needle.len(), false));
            }
            end = off;
        }
        None
    }

    /// "the board" / "the consumer group": the organisation named last whose
    /// name ends in that noun ("... Safety Board"); else the one the article
    /// introduced with it ("consumer group FairBuy", "FairBuy, a consumer
    /// group,"); "the company" also takes one introduced as a supplier, maker...
    fn org_anaphor(&mut self, words: &[Tok], pos: usize) -> Option<usize> {
        let t = self.t;
        let head = words.last()?;
        let hw = core(t, head).as_bytes();
        let mut noun = [0u8; 24];
        let n = hw.len();
        if n < 2 || n > noun.len() || !hw.is_ascii() {
            return None;
        }
        noun[..n].copy_from_slice(hw);
        noun[..n].make_ascii_lowercase();
        let mods = &words[..words.len() - 1];
        let lo = ceil_cb(t, pos.saturating_sub(ORG_LOOKBACK));
        let mut cap = noun;
        cap[0].make_ascii_uppercase();
        if let Some((s, e)) = named_with_head(t, lo, pos, &cap[..n], mods) {
            return Some(self.register_given(s, e, false));
        }
        let company = COMPANY.iter().any(|c| c.as_bytes() == &noun[..n]);
        let mut best: Option<(usize, usize, usize, usize)> = None;
        let exact = [std::str::from_utf8(&noun[..n]).ok()?];
        for nouns in [&exact[..], if company { &COMPANY[..] } else { &[] }] {
            for syn in nouns {
                if let Some(c) = introduced_with(t, lo, pos, syn.as_bytes(), mods)
                    && best.is_none_or(|b| (c.0, c.1) > (b.0, b.1))
                {
                    best = Some(c);
                }
            }
            if let Some((_, _, s, e)) = best {
                return Some(self.register_given(s, e, false));
            }
        }
        if !company {
            return None;
        }
        // "the company" with no introduction: the organisation quoted last.
        self.mentions
            .iter()
            .rev()
            .take(MENTION_LOOKBACK)
            .filter(|(p, _)| *p < pos)
            .find(|(_, e)| {
                // (a one-word speaker is an organisation: people come with
                // a given name first)
                self.ents.get(*e).is_some_and(|x| {
                    let name = sl(t, x.name.0, x.name.1);
                    (!x.person || (x.ntok == 1 && x.name == x.last))
                        && starts_upper(name)
                        && !name.starts_with("The ")
                })
            })
            .map(|&(_, e)| e)
    }

    fn register_given(&mut self, s: usize, e: usize, person: bool) -> usize {
        let t = self.t;
        let name = sl(t, s, e);
        // (by_name holds the newest entity of each name: no scan of them all)
        if let Some(&i) = self.by_name.get(name) {
            return i;
        }
        self.push_ent(Ent {
            name: (s, e),
            first: (s, e),
            last: (s, e),
            ntok: 1,
            ctx: (s, s),
            person,
        })
    }

    fn push_ent(&mut self, e: Ent) -> usize {
        let t = self.t;
        let id = self.ents.len();
        for r in [e.name, e.first, e.last] {
            let (w, bit) = bloom_bit(sl(t, r.0, r.1));
            if let Some(x) = self.ent_bloom.get_mut(w) {
                *x |= bit;
            }
        }
        self.by_name.insert(sl(t, e.name.0, e.name.1), id);
        self.by_last.insert(sl(t, e.last.0, e.last.1), id);
        if e.ntok >= 2 {
            self.by_first.insert(sl(t, e.first.0, e.first.1), id);
        }
        self.ents.push(e);
        id
    }

    fn find_ent(&self, name: &[Tok]) -> Option<usize> {
        let t = self.t;
        let (f, l) = (name.first()?, name.last()?);
        let full = sl(t, f.s, l.e);
        let (fw, lw) = (core(t, f), core(t, l));
        let maybe = |w: &str| {
            let (i, bit) = bloom_bit(w);
            self.ent_bloom.get(i).is_some_and(|x| x & bit != 0)
        };
        if !maybe(full) && !maybe(lw) && !maybe(fw) {
            return None;
        }
        if name.len() == 1 {
            // "Brandt" -> "Hugo Brandt"; "Park" (surname first) -> "Park Soo-Min"
            self.by_last
                .get(lw)
                .or_else(|| self.by_name.get(full))
                .or_else(|| self.by_first.get(fw))
                .copied()
        } else {
            self.by_name.get(full).copied().or_else(|| {
                self.by_last.get(lw).copied().filter(|&i| {
                    self.ents
                        .get(i)
                        .is_some_and(|e| e.ntok >= 2 && sl(t, e.first.0, e.first.1) == fw)
                })
            })
        }
    }

    fn lookup_or_register(&mut self, name: &[Tok], ctx: (usize, usize), person: bool) -> usize {
        if let Some(i) = self.find_ent(name) {
            return i;
        }
        let (Some(f), Some(l)) = (name.first(), name.last()) else {
            return 0;
        };
        self.push_ent(Ent {
            name: (f.s, l.e),
            first: (f.s, f.e),
            last: (l.s, l.e),
            ntok: name.len(),
            ctx,
            person,
        })
    }

    /// Walks text between quotes, noting people introduced with a title
    /// ("Defense Minister Kim ..."), before a reporting verb, or in an
    /// appositive, and every later mention of anyone already known.
    fn harvest(&mut self, from: usize, to: usize) {
        let t = self.t;
        let b = t.as_bytes();
        let mut i = from;
        while i < to {
            // Jump 8 bytes at a time to the next capital or non-ASCII byte.
            if let Some(chunk) = b
                .get(i..(i + 8).min(to))
                .and_then(|c| <[u8; 8]>::try_from(c).ok())
            {
                let m = capital_mask(u64::from_le_bytes(chunk));
                if m == 0 {
                    i += 8;
                    continue;
                }
                i += (m.trailing_zeros() / 8) as usize;
            }
            let c = at(b, i);
            let up = c.is_ascii_uppercase()
                || (c >= 0xC3 && char_at(t, i).is_some_and(char::is_uppercase));
            if up && word_start(t, i) {
                i = self.harvest_run(i, to).max(i + 1);
            } else {
                i += 1;
            }
        }
    }

    fn harvest_run(&mut self, i: usize, to: usize) -> usize {
        let t = self.t;
        let mut run = std::mem::take(&mut self.run_buf);
        run.clear();
        let mut j = i;
        while run.len() < 8 {
            let Some((x, nj, nl)) = next_tok(t, j, to) else {
                break;
            };
            if nl && !run.is_empty() {
                break;
            }
            let w = core(t, &x);
            if !(starts_upper(w) || (!run.is_empty() && is_connector(w))) {
                break;
            }
            let x = classified(t, x);
            run.push(x);
            j = nj;
            if x.comma || x.term || x.colon || x.poss {
                break;
            }
        }
        while run.last().is_some_and(|x| !starts_upper(core(t, x))) {
            run.pop();
        }
        let end = run.last().map_or(j, |x| x.we);
        if !run.is_empty() {
            self.consider_run(&run, to);
        }
        self.run_buf = run;
        end
    }

    fn consider_run(&mut self, run: &[Tok], to: usize) {
        let t = self.t;
        let skip = STOP | DET | PRON | TIME | CUE | CUE_ING | AUX;
        let s0 = run.iter().take_while(|x| x.f & skip != 0).count();
        let toks = &run[s0..];
        let (a, b) = name_part(t, toks);
        if a >= b {
            return;
        }
        let name = &toks[a..b];
        let lower_title = if s0 == 0 && a == 0 {
            // after a comma ("the minister, Ana Lind") only a full name counts
            prev_lower_title(t, toks[0].ws).filter(|&(_, comma)| !comma || b - a >= 2)
        } else {
            None
        };
        let titled = toks[..a].iter().any(|x| x.f & TITLE != 0) || lower_title.is_some();
        if name_ok(t, name) {
            let lastn = name[name.len() - 1];
            let evidence = titled
                || (name.len() >= 2
                    && b == toks.len()
                    && (cue_after(t, lastn.we, to)
                        || (lastn.comma && appositive_after(t, lastn.we, to))));
            if evidence && !self.line_is_noise(name[0].s) {
                // Title context: this name's own titles only ("Defence Minister").
                let cs = lower_title.map_or(toks[0].s, |(s, _)| s);
                // ... or the description set off after it ("Ana Lind, the
                // singer,"), which the context then runs on to.
                let ce = if lastn.comma && !titled && appositive_after(t, lastn.we, to) {
                    appositive_end(t, lastn.we, to)
                } else {
                    name[0].s
                };
                let id = self.lookup_or_register(name, (cs, ce), true);
                self.mentions.push((name[0].s, id));
                return;
            }
        }
        if let Some(id) = self.find_ent(name) {
            self.mentions.push((name[0].s, id));
        }
    }

    /// Headlines (no closing punctuation) and furniture don't introduce people.
    fn line_is_noise(&mut self, pos: usize) -> bool {
        let t = self.t;
        let b = t.as_bytes();
        let lo = pos.saturating_sub(LINE_PROBE);
        let ls = b
            .get(lo..pos)
            .and_then(|h| memrchr(b'\n', h))
            .map_or(lo, |k| lo + k + 1);
        if let Some((cs, r)) = self.line_cache
            && cs == ls
        {
            return r;
        }
        let hi = b.len().min(pos + LINE_PROBE);
        let Some(le) = b
            .get(pos..hi)
            .and_then(|h| memchr(b'\n', h))
            .map(|k| pos + k)
            .or(
                // no newline near: a long paragraph (or the last line)
                (hi == b.len()).then_some(hi),
            )
        else {
            return false;
        };
        let line = sl(t, ceil_cb(t, ls), floor_cb(t, le)).trim();
        let unpunctuated = !matches!(
            line.chars().next_back(),
            Some('.' | '?' | '!' | '"' | '”' | '’' | '\'' | ')' | ':' | '…')
        );
        let wrapped = le < b.len() && soft_break(b, ls, le);
        // A paragraph holding a quote already passed the furniture test.
        let k = self.spans.partition_point(|s| s.ps < ls);
        let judged = self.spans.get(k).is_some_and(|s| s.ps == ls);
        let r = (unpunctuated && !wrapped) || (!judged && is_furniture(t, ls, le));
        self.line_cache = Some((ls, r));
        r
    }
}

/// High bit set in each of the 8 bytes (little-endian) that is an ASCII
/// capital or a non-ASCII byte (which might start a capitalized word).
fn capital_mask(x: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let high = x & HI;
    let low7 = x & !HI; // additions below cannot carry between bytes
    let ge_a = low7.wrapping_add(LO * (0x80 - u64::from(b'A')));
    let gt_z = low7.wrapping_add(LO * (0x80 - u64::from(b'Z') - 1));
    (ge_a & !gt_z & HI) | high
}

/// Word and bit of `w` in a 256-bit bloom filter (length, first, last byte).
fn bloom_bit(w: &str) -> (usize, u64) {
    let b = w.as_bytes();
    let h = (b.len() as u64)
        .wrapping_mul(0x9E37_79B9)
        .wrapping_add(u64::from(b.first().copied().unwrap_or(0)).wrapping_mul(0x85EB_CA6B))
        .wrapping_add(u64::from(b.last().copied().unwrap_or(0)).wrapping_mul(0xC2B2_AE35));
    let h = (h ^ (h >> 15)) & 255;
    ((h >> 6) as usize, 1 << (h & 63))
}

/// Copies a name or cue with each run of whitespace (a line wrap, a no-break
/// space) turned into one space.
fn squash(s: &str) -> String {
    let b = s.as_bytes();
    let plain = b
        .iter()
        .all(|&c| c > b' ' && c < 0xC2 || c == b' ' || c >= 0xF0)
        && memchr::memmem::find(b, b"  ").is_none();
    if plain {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for (k, w) in s.split(is_space_char).filter(|w| !w.is_empty()).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Kinds of business "the company" or "the firm" may refer back to.
const COMPANY: [&str; 21] = [
    "company",
    "firm",
    "business",
    "supplier",
    "manufacturer",
    "maker",
    "retailer",
    "provider",
    "operator",
    "developer",
    "insurer",
    "lender",
    "airline",
    "carrier",
    "chain",
    "brand",
    "label",
    "publisher",
    "broadcaster",
    "utility",
    "giant",
];

/// Words of a proper name after "the": capitalized (or "of", "for", "and"),
/// not a title ("the Prime Minister" is a description).
fn proper_name(t: &str, words: &[Tok]) -> bool {
    words.first().is_some_and(|x| starts_upper(core(t, x)))
        && words
            .last()
            .is_some_and(|x| starts_upper(core(t, x)) && x.f & GENERIC == 0)
        && words.iter().all(|x| {
            let w = core(t, x);
            !x.q && x.f & TITLE == 0 && (starts_upper(w) || ["of", "for", "and", "&"].contains(&w))
        })
}

/// A capitalized word that may be part of an organisation's name.
fn org_word(t: &str, x: &Tok) -> bool {
    let w = core(t, x);
    !x.q && starts_upper(w)
        && x.f & (STOP | DET | PRON | TIME | CUE | CUE_ING | AUX | TITLE) == 0
        && !w.bytes().any(|c| c.is_ascii_digit())
}

/// A given name or middle name right before a surname at `next`.
fn person_word(t: &str, x: &Tok, next: usize) -> bool {
    let w = core(t, x);
    let b = t.as_bytes();
    org_word(t, x)
        && x.f & (QUAL | ORG | PREP | GENERIC) == 0
        && !(x.comma || x.term || x.colon || x.poss)
        && !is_acronym(w)
        && w.len() >= 2
        && !b.get(x.e..next).is_some_and(|g| g.contains(&b'\n'))
}

/// Does the text between two words hold a line break?
fn breaks(t: &str, a: usize, c: usize) -> bool {
    t.as_bytes().get(a..c).is_some_and(|g| g.contains(&b'\n'))
}

/// Each modifier of a description ("consumer" in "the consumer group")
/// appears among the words of `ctx`.
fn mods_in(t: &str, mods: &[Tok], ctx: &str) -> usize {
    mods.iter()
        .filter(|m| ctx_words(ctx).any(|c| eq_ci(c, core(t, m))))
        .count()
}

/// Nearest capitalized name in `[lo, hi)` ending in `cap` ("National
/// Product Safety Board", "Larchmont Chamber of Trade") that holds every
/// modifier of the description.
fn named_with_head(
    t: &str,
    lo: usize,
    hi: usize,
    cap: &[u8],
    mods: &[Tok],
) -> Option<(usize, usize)> {
    let hay = t.as_bytes().get(lo..hi)?;
    let mut end = hay.len();
    for _ in 0..HIT_MAX {
        let off = memmem::rfind(hay.get(..end)?, cap)?;
        end = off;
        let abs = lo + off;
        let Some((h, mut j, _)) = next_tok(t, abs, hi) else {
            continue;
        };
        let h = classified(t, h);
        if h.s != abs || h.e != abs + cap.len() || !word_start(t, abs) {
            continue;
        }
        let (mut s, mut e, mut n) = (h.s, h.e, 1);
        let mut cur = h.ws;
        for _ in 0..5 {
            match prev_tok(t, cur, lo) {
                Some(p)
                    if org_word(t, &p)
                        && !(p.comma || p.term || p.colon || p.poss)
                        && !breaks(t, p.e, cur) =>
                {
                    (s, cur, n) = (p.s, p.ws, n + 1);
                }
                _ => break,
            }
        }
        // "Chamber of Trade", "Department for Transport"
        let mut last = h;
        for _ in 0..2 {
            if last.comma || last.term || last.colon || last.poss {
                break;
            }
            let Some((c, j2, nl)) = next_tok(t, j, hi) else {
                break;
            };
            if nl || !["of", "for", "and", "&"].contains(&core(t, &c)) || c.comma {
                break;
            }
            let Some((x, j3, nl)) = next_tok(t, j2, hi) else {
                break;
            };
            let x = classified(t, x);
            if nl || !org_word(t, &x) {
                break;
            }
            (e, j, last, n) = (x.e, j3, x, n + 1);
        }
        if n >= 2 && mods_in(t, mods, sl(t, s, e)) == mods.len() {
            return Some((s, e));
        }
    }
    None
}

/// Nearest name in `[lo, hi)` introduced with `noun`: after it ("consumer
/// group FairBuy") or before it in an appositive ("FairBuy, a consumer
/// group,"). Returns (modifiers matched, position, name start, name end).
fn introduced_with(
    t: &str,
    lo: usize,
    hi: usize,
    noun: &[u8],
    mods: &[Tok],
) -> Option<(usize, usize, usize, usize)> {
    let hay = t.as_bytes().get(lo..hi)?;
    let mut end = hay.len();
    let mut best: Option<(usize, usize, usize, usize)> = None;
    for _ in 0..HIT_MAX {
        let Some(off) = hay.get(..end).and_then(|h| memmem::rfind(h, noun)) else {
            break;
        };
        end = off;
        let abs = lo + off;
        let Some((x, j, _)) = next_tok(t, abs, hi) else {
            continue;
        };
        if x.s != abs || x.e != abs + noun.len() || !word_start(t, abs) {
            continue;
        }
        // Modifiers right before the noun ("consumer" group).
        let mut before = [Tok::default(); 3];
        let mut nb = 0;
        let mut cur = x.ws;
        while nb < 3 {
            match prev_tok(t, cur, lo) {
                Some(p) if !p.term && !p.comma && !breaks(t, p.e, cur) => {
                    before[nb] = p;
                    nb += 1;
                    cur = p.ws;
                }
                _ => break,
            }
        }
        let score = mods
            .iter()
            .filter(|m| before[..nb].iter().any(|p| eq_ci(core(t, p), core(t, m))))
            .count();
        let name = name_after(t, &x, j, hi).or_else(|| name_before(t, &before[..nb], lo));
        if let Some((s, e)) = name
            && best.is_none_or(|b| score > b.0)
        {
            best = Some((score, abs, s, e));
            if score == mods.len() {
                break;
            }
        }
    }
    best
}

/// "group FairBuy": up to four capitalized words right after the noun.
fn name_after(t: &str, noun: &Tok, mut j: usize, hi: usize) -> Option<(usize, usize)> {
    if noun.comma || noun.term || noun.colon || noun.poss {
        return None;
    }
    let mut span: Option<(usize, usize)> = None;
    for _ in 0..4 {
        let Some((x, nj, nl)) = next_tok(t, j, hi) else {
            break;
        };
        let x = classified(t, x);
        if nl || !org_word(t, &x) || x.f & GENERIC != 0 {
            break;
        }
        span = Some((span.map_or(x.s, |s| s.0), x.e));
        j = nj;
        if x.comma || x.term || x.colon || x.poss {
            break;
        }
    }
    span
}

/// "FairBuy, a consumer group": `before` holds the words before the noun,
/// nearest first; after a few modifiers comes "a"/"an"/"the" and a name
/// ending in a comma.
fn name_before(t: &str, before: &[Tok], lo: usize) -> Option<(usize, usize)> {
    let k = before.iter().position(|p| p.f & DET != 0)?;
    let d = &before[k];
    let w = core(t, d);
    if !["a", "an", "the"].contains(&w)
        || before[..k].iter().any(|p| {
            let w = core(t, p);
            !p.poss
                && (!starts_lower(w)
                    || p.f & (STOP | AUX | CUE | CUE_ING | PREP | PRON | TIME) != 0)
        })
    {
        return None;
    }
    let last = prev_tok(t, d.ws, lo)?;
    if !last.comma || last.term || !org_word(t, &last) || breaks(t, last.e, d.ws) {
        return None;
    }
    let mut s = last.s;
    let mut cur = last.ws;
    for _ in 0..3 {
        match prev_tok(t, cur, lo) {
            Some(p)
                if org_word(t, &p)
                    && !(p.comma || p.term || p.colon || p.poss)
                    && !breaks(t, p.e, cur) =>
            {
                (s, cur) = (p.s, p.ws);
            }
            _ => break,
        }
    }
    Some((s, last.e))
}

fn is_coordinator(w: &str) -> bool {
    ["and", "but", "or", "then", "yet", "so"]
        .iter()
        .any(|c| eq_ci(w, c))
}

fn word_start(t: &str, i: usize) -> bool {
    let b = t.as_bytes();
    if i == 0 {
        return true;
    }
    let p = at(b, i - 1);
    if p < 0x80 {
        !p.is_ascii_alphanumeric() && p != b'\'' && p != b'-'
    } else {
        !char_before(t, i).is_some_and(char::is_alphanumeric)
    }
}

/// A lowercase title right before a name: its start, and whether a comma
/// separates them ("spokesperson Nils Dahl", "the prime minister, Ana Lind").
fn prev_lower_title(t: &str, ws: usize) -> Option<(usize, bool)> {
    // Cheap gate: lowercase titles are words of 4+ letters right before.
    let b = t.as_bytes();
    let mut k = ws;
    if at(b, k.wrapping_sub(1)) != b' ' {
        return None;
    }
    k -= 1;
    let comma = at(b, k.wrapping_sub(1)) == b',';
    k -= usize::from(comma);
    let gate = k >= 4
        && b.get(k - 4..k)
            .is_some_and(|w| w.iter().all(u8::is_ascii_lowercase));
    if !gate {
        return None;
    }
    prev_tok(t, ws, ws.saturating_sub(40))
        .filter(|x| !x.term && starts_lower(core(t, x)) && x.f & TITLE != 0)
        .map(|x| (x.s, x.comma))
}

fn cue_after(t: &str, pos: usize, to: usize) -> bool {
    let mut j = pos;
    for _ in 0..3 {
        let Some((x, nj, nl)) = next_tok(t, j, to) else {
            return false;
        };
        let x = classified(t, x);
        let w = core(t, &x);
        if nl || !starts_lower(w) {
            return false;
        }
        if x.f & CUE != 0 {
            return true;
        }
        if !is_aux(t, &x) || x.comma {
            return false;
        }
        j = nj;
    }
    false
}

/// End of a short description after a name ("a singer from Oakby,").
fn appositive_end(t: &str, pos: usize, to: usize) -> usize {
    let mut j = pos;
    for _ in 0..6 {
        let Some((x, nj, nl)) = next_tok(t, j, to) else {
            break;
        };
        if nl || x.q {
            break;
        }
        j = nj;
        if x.comma || x.term || x.colon {
            break;
        }
    }
    j
}

fn appositive_after(t: &str, pos: usize, to: usize) -> bool {
    next_tok(t, pos, to).is_some_and(|(x, _, nl)| {
        !nl && ["a", "an", "the", "who"].iter().any(|w| core(t, &x) == *w)
    })
}

/// Does an unattributed quote at `open` directly continue the quote that
/// ended at `prev_end` (same or next paragraph, nothing in between)?
fn continues(t: &str, prev_end: usize, open: usize) -> bool {
    if open < prev_end || open - prev_end > CONTINUE_GAP {
        return false;
    }
    let b = t.as_bytes();
    let Some(gap) = b.get(prev_end..open) else {
        return false;
    };
    match (memchr(b'\n', gap), memrchr(b'\n', gap)) {
        (Some(f), Some(l)) => sl(t, prev_end + f, prev_end + l).trim().is_empty(),
        _ => true,
    }
}

// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    type Row = (String, Option<String>, Option<String>, bool);

    /// (text, speaker, cue, fragment) of every quote, checking span integrity.
    fn view(a: &str) -> Vec<Row> {
        extract_quotes(a)
            .into_iter()
            .map(|q| {
                assert_eq!(a.get(q.start..q.end), Some(q.text.as_str()));
                (q.text, q.speaker, q.cue, q.fragment)
            })
            .collect()
    }

    fn q(text: &str, speaker: Option<&str>, cue: Option<&str>, fragment: bool) -> Row {
        (
            text.to_string(),
            speaker.map(str::to_string),
            cue.map(str::to_string),
            fragment,
        )
    }

    // --- (1) marks -------------------------------------------------------

    #[test]
    fn straight_double_quotes_with_said_after() {
        let a = "Harbour Commissioner Edith Varga spoke on Monday.\n\"The cranes will stay idle until spring,\" Varga said.";
        assert_eq!(
            view(a),
            vec![q(
                "The cranes will stay idle until spring,",
                Some("Edith Varga"),
                Some("said"),
                false
            )]
        );
        let sp = &extract_quotes(a)[0];
        assert_eq!((sp.start, sp.end), (51, 90));
    }

    #[test]
    fn curly_double_quotes() {
        let a = "“We have no plans to close the bridge,” said Mayor Tomas Reyes.";
        assert_eq!(
            view(a),
            vec![q(
                "We have no plans to close the bridge,",
                Some("Tomas Reyes"),
                Some("said"),
                false
            )]
        );
    }

    #[test]
    fn single_curly_scare_quote_is_fragment_without_speaker() {
        let a = "The council keeps blaming its ‘partners’ for the delay.";
        assert_eq!(view(a), vec![q("partners", None, None, true)]);
    }

    #[test]
    fn straight_single_scare_quote_is_fragment() {
        let a = "The plan crosses several 'bright lines' and will fail.";
        assert_eq!(view(a), vec![q("bright lines", None, None, true)]);
    }

    #[test]
    fn apostrophes_are_not_quote_marks() {
        let a = "Borduria’s envoy can’t say if Varga's team, the '80s veterans, or the players’ union \
                 likes rock 'n' roll. It's the Ministers' call, isn't it?";
        assert_eq!(view(a), vec![]);
    }

    #[test]
    fn single_quotes_inside_double_quotes_are_not_separate() {
        let a = "“They keep talking about ‘red tape’ and 'reform',” the mayor said.";
        let got = view(a);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "They keep talking about ‘red tape’ and 'reform',");
    }

    #[test]
    fn quote_running_over_paragraphs_gives_one_segment_each() {
        let a = "Port director Lena Osei addressed the staff.\n\n\
                 “The first shipment left on time. The second was held at customs.\n\n\
                 “We expect both to arrive by Friday,” she said.";
        assert_eq!(
            view(a),
            vec![
                q(
                    "The first shipment left on time. The second was held at customs.",
                    Some("Lena Osei"),
                    None,
                    false
                ),
                q(
                    "We expect both to arrive by Friday,",
                    Some("Lena Osei"),
                    Some("said"),
                    false
                ),
            ]
        );
    }

    #[test]
    fn multi_paragraph_quote_attributed_in_first_paragraph() {
        let a = "“The vote is final,” Senator Ida Holm said. “Nobody will reopen it\n\n“and nobody should try.”";
        assert_eq!(
            view(a),
            vec![
                q("The vote is final,", Some("Ida Holm"), Some("said"), false),
                q("Nobody will reopen it", Some("Ida Holm"), None, false),
                q("and nobody should try.", Some("Ida Holm"), None, false),
            ]
        );
    }

    #[test]
    fn stray_opening_mark_does_not_cross_a_paragraph() {
        let a = "The memo said “costs will rise and then stopped.\n\n\
                 Treasurer Omar Diaz said, “Prices are stable.”";
        let got = view(a);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "Prices are stable.");
        assert_eq!(got[0].1.as_deref(), Some("Omar Diaz"));
        assert!(!got[0].3);
    }

    #[test]
    fn stray_marks_are_skipped_and_the_rest_still_pairs() {
        let a = "A 12\" pipe burst. ” Then \"Repairs start today,\" engineer Sam Okafor said.";
        assert_eq!(
            view(a),
            vec![q(
                "Repairs start today,",
                Some("Sam Okafor"),
                Some("said"),
                false
            )]
        );
    }

    #[test]
    fn unclosed_quote_at_paragraph_end_is_dropped() {
        let a = "She shouted \"stop everything\nThe crowd left.";
        assert_eq!(view(a), vec![]);
    }

    #[test]
    fn straight_marks_pair_by_context() {
        let a = "The sign read \"open\" and then \"closed\" within an hour.";
        assert_eq!(
            view(a),
            vec![q("open", None, None, true), q("closed", None, None, true)]
        );
    }

    // --- (2) odd spaces and furniture ------------------------------------

    #[test]
    fn thin_and_no_break_spaces_count_as_whitespace() {
        let a = "Fleet Admiral Rosa Quint said,\u{2009}“Our ships\u{00A0}will sail at dawn.”\n\
                 “We are ready,”\u{202F}she added.";
        assert_eq!(
            view(a),
            vec![
                q(
                    "Our ships\u{00A0}will sail at dawn.",
                    Some("Rosa Quint"),
                    Some("said"),
                    false
                ),
                q("We are ready,", Some("Rosa Quint"), Some("added"), false),
            ]
        );
    }

    #[test]
    fn page_furniture_yields_no_quotes() {
        let a = "print-icon\nLoading...\nTags: \"ports\" | \"shipping\"\n\
                 Our site uses cookies. Click \"Accept\" to continue.\n0 Comments\n\
                 © 2031 Daily \"Courier\" Group. All rights reserved.\n";
        assert_eq!(view(a), vec![]);
    }

    #[test]
    fn chrome_words_inside_prose_do_not_hide_quotes() {
        let a = "Printing presses stopped, and baker Ana Ruiz said, “The cookie jar is empty.”\n\
                 Subscribers wrote in. “Copyright law is outdated,” said Professor Ivo Marr.";
        assert_eq!(
            view(a),
            vec![
                q(
                    "The cookie jar is empty.",
                    Some("Ana Ruiz"),
                    Some("said"),
                    false
                ),
                q(
                    "Copyright law is outdated,",
                    Some("Ivo Marr"),
                    Some("said"),
                    false
                ),
            ]
        );
    }

    #[test]
    fn embedded_tweet_is_skipped_and_gives_no_speaker() {
        let a = "Trade Minister Ana Lind defended the deal.\n\
                 Lind is \"selling out the coast\" says the opposition\n\
                 — Pat Roe (@patroe) March 3, 2031\n\
                 “It protects every port,” she said.";
        assert_eq!(
            view(a),
            vec![q(
                "It protects every port,",
                Some("Ana Lind"),
                Some("said"),
                false
            )]
        );
    }

    // --- (3) attribution patterns ----------------------------------------

    #[test]
    fn said_before_with_comma() {
        let a = "Budget chief Marta Klein said, “The deficit will shrink next year.”";
        assert_eq!(
            view(a),
            vec![q(
                "The deficit will shrink next year.",
                Some("Marta Klein"),
                Some("said"),
                false
            )]
        );
    }

    #[test]
    fn said_inverted_after_quote() {
        let a = "“Nothing was signed,” said Foreign Minister Jonas Berg.";
        assert_eq!(
            view(a),
            vec![q(
                "Nothing was signed,",
                Some("Jonas Berg"),
                Some("said"),
                false
            )]
        );
    }

    #[test]
    fn told_reporters_without_comma() {
        let a = "Coach Ines Abara told reporters “we played without fear tonight.”";
        assert_eq!(
            view(a),
            vec![q(
                "we played without fear tonight.",
                Some("Ines Abara"),
                Some("told reporters"),
                false
            )]
        );
    }

    #[test]
    fn told_parliament_in_a_speech() {
        let a = "“The reform will pass this spring,” Chancellor Eva Mund told her parliament in a speech.";
        assert_eq!(
            view(a),
            vec![q(
                "The reform will pass this spring,",
                Some("Eva Mund"),
                Some("told her parliament"),
                false
            )]
        );
    }

    #[test]
    fn according_to_after_the_quote() {
        let a = "The agency could not confirm the figures but “the trend is worrying”, according to \
                 agency spokesperson Nils Dahl.";
        assert_eq!(
            view(a),
            vec![q(
                "the trend is worrying",
                Some("Nils Dahl"),
                Some("according to"),
                false
            )]
        );
    }

    #[test]
    fn according_to_before_the_quote() {
        let a = "According to Governor Lucia Ferro, “the roads will reopen on Monday.”";
        assert_eq!(
            view(a),
            // The cue is copied as the article writes it.
            vec![q(
                "the roads will reopen on Monday.",
                Some("Lucia Ferro"),
                Some("According to"),
                false
            )]
        );
    }

    #[test]
    fn said_in_a_statement() {
        let a = "Ruritania’s tax office said in a statement: “Two audits closed overnight.”";
        assert_eq!(
            view(a),
            vec![q(
                "Two audits closed overnight.",
                Some("Ruritania’s tax office"),
                Some("said in a statement"),
                false
            )]
        );
    }

    #[test]
    fn noted_and_emphasized_before_the_quote() {
        let a = "President Karl Omen noted, “Our economy grew for the third year.” \
                 Prime Minister Sofia Ruiz emphasized, “Growth is not enough.”";
        assert_eq!(
            view(a),
            vec![
                q(
                    "Our economy grew for the third year.",
                    Some("Karl Omen"),
                    Some("noted"),
                    false
                ),
                q(
                    "Growth is not enough.",
                    Some("Sofia Ruiz"),
                    Some("emphasized"),
                    false
                ),
            ]
        );
    }

    #[test]
    fn participle_cue_takes_the_sentence_subject() {
        let a =
            "Mayor Bea Lund praised the volunteers in Ostrava, stating, “They saved the old town.”";
        assert_eq!(
            view(a),
            vec![q(
                "They saved the old town.",
                Some("Bea Lund"),
                Some("stating"),
                false
            )]
        );
    }

    #[test]
    fn pronoun_added_resolves_to_titled_person() {
        let a = "Borduria’s Interior Minister Park Soo-Min called the border calm at Monday’s hearing. \
                 He added, “We will still send more patrols.”";
        assert_eq!(
            view(a),
            vec![q(
                "We will still send more patrols.",
                Some("Park Soo-Min"),
                Some("added"),
                false
            )]
        );
    }

    #[test]
    fn he_said_and_she_stated_resolve_to_nearest_person() {
        let a = "UN Secretary-General Ana Lind spoke first.\n\
                 “The ceasefire is holding,” she stated.\n\
                 Army chief General Piet Vos disagreed.\n\
                 “It is not,” he said.";
        assert_eq!(
            view(a),
            vec![
                q(
                    "The ceasefire is holding,",
                    Some("Ana Lind"),
                    Some("stated"),
                    false
                ),
                q("It is not,", Some("Piet Vos"), Some("said"), false),
            ]
        );
    }

    #[test]
    fn surname_resolves_to_first_full_name() {
        let a = "Energy Secretary Hugo Brandt visited the plant.\n\
                 Local workers welcomed him.\n\
                 “The plant will stay open,” Brandt said.";
        assert_eq!(
            view(a),
            vec![q(
                "The plant will stay open,",
                Some("Hugo Brandt"),
                Some("said"),
                false
            )]
        );
    }

    #[test]
    fn the_minister_and_the_leader_resolve_by_title() {
        let a = "Ruritanian President Ilse Marek met Defence Minister Tor Lange.\n\
                 “We need more drones,” the minister said.\n\
                 “We will buy them,” the Ruritanian leader said.";
        assert_eq!(
            view(a),
            vec![
                q(
                    "We need more drones,",
                    Some("Tor Lange"),
                    Some("said"),
                    false
                ),
                q("We will buy them,", Some("Ilse Marek"), Some("said"), false),
            ]
        );
    }

    #[test]
    fn the_office_resolves_to_the_named_office() {
        let a = "Borduria’s tax office briefed lawmakers on Tuesday.\n\
                 “The refunds are late,” the tax office said.";
        assert_eq!(
            view(a),
            vec![q(
                "The refunds are late,",
                Some("Borduria’s tax office"),
                Some("said"),
                false
            )]
        );
    }

    #[test]
    fn place_as_speaker_is_kept_as_given() {
        let a = "“More ships may come,” Ostrava had previously warned.";
        assert_eq!(
            view(a),
            vec![q(
                "More ships may come,",
                Some("Ostrava"),
                Some("warned"),
                false
            )]
        );
    }

    #[test]
    fn unattributed_quote_continues_previous_speaker() {
        let a = "“The harbour is safe,” Captain Mira Holt told the crew. “Nobody leaves tonight.”\n\
                 “We sail at six.”";
        assert_eq!(
            view(a),
            vec![
                q(
                    "The harbour is safe,",
                    Some("Mira Holt"),
                    Some("told the crew"),
                    false
                ),
                q("Nobody leaves tonight.", Some("Mira Holt"), None, false),
                q("We sail at six.", Some("Mira Holt"), None, false),
            ]
        );
    }

    #[test]
    fn names_inside_quotes_are_not_speakers() {
        let a = "Envoy Rui Santos arrived.\n\
                 “Even [Prime Minister Olga] Brun agrees with us,” he said.";
        assert_eq!(
            view(a),
            vec![q(
                "Even [Prime Minister Olga] Brun agrees with us,",
                Some("Rui Santos"),
                Some("said"),
                false
            )]
        );
    }

    #[test]
    fn said_that_clause_is_a_statement() {
        let a = "Minister Dara Kell said on Friday that “we have seen no sign of the fleet.”";
        assert_eq!(
            view(a),
            vec![q(
                "we have seen no sign of the fleet.",
                Some("Dara Kell"),
                Some("said"),
                false
            )]
        );
    }

    // --- (4) fragments ---------------------------------------------------

    #[test]
    fn short_phrases_inside_author_sentences_are_fragments() {
        let a = "Auditor General Maja Berg said the ministry had no “reliable” records. \
                 Analysts expect a “firm” response. \
                 Commentators described it as a \"first step toward collapse of the fund.\"";
        assert_eq!(
            view(a),
            vec![
                q("reliable", Some("Maja Berg"), Some("said"), true),
                q("firm", None, None, true),
                // A framing cue with an unnamed group: the cue, but nobody to name.
                q(
                    "first step toward collapse of the fund.",
                    None,
                    Some("described it as"),
                    true
                ),
            ]
        );
    }

    #[test]
    fn framing_verbs_attribute_fragments() {
        let a = "Ruritanian spokesman Ivo Dask labeled the report as “pure fiction.” \
                 General Ada Roth warned that the drills were 'too frequent'.";
        assert_eq!(
            view(a),
            vec![
                q(
                    "pure fiction.",
                    Some("Ivo Dask"),
                    Some("labeled the report as"),
                    true
                ),
                q("too frequent", Some("Ada Roth"), Some("warned"), true),
            ]
        );
    }

    #[test]
    fn long_noun_phrase_after_possessive_is_a_fragment() {
        let a = "Governor Pia Stone expressed her \"deep regret for the losses suffered by the fishing towns,\" \
                 before leaving.";
        assert_eq!(
            view(a),
            vec![q(
                "deep regret for the losses suffered by the fishing towns,",
                Some("Pia Stone"),
                Some("expressed"),
                true
            )]
        );
    }

    // --- more attribution shapes ---------------------------------------------

    #[test]
    fn headline_quotes_are_not_quotations() {
        let a = "Borduria Vows 'No Retreat' As Talks Stall\n\n\
                 “We will hold the valley,” said Prime Minister Anton Veli.";
        assert_eq!(
            view(a),
            vec![q(
                "We will hold the valley,",
                Some("Anton Veli"),
                Some("said"),
                false
            )]
        );
    }

    #[test]
    fn british_single_quotes_and_hard_wrapped_lines() {
        let a = "The Bordurian prime minister, Anton Veli, said on Monday that his government\n\
                 would stay. 'We will not back down,' Mr Veli told\n\
                 reporters. 'Not this year.'\n\n\
                 Critics in the capital said the new policy would\n\"isolate the country for a decade\".";
        assert_eq!(
            view(a),
            vec![
                q(
                    "We will not back down,",
                    Some("Anton Veli"),
                    Some("told reporters"),
                    false
                ),
                q("Not this year.", Some("Anton Veli"), None, false),
                q("isolate the country for a decade", None, Some("said"), true),
            ]
        );
    }

    #[test]
    fn colon_and_that_clause_lead_ins_are_statements() {
        let a = "The Bordurian envoy, Lidia Moreno, was blunt: “We will not sign this week.” \
                 Senator Ida Holm told The Times that “nobody can account for it.”";
        assert_eq!(
            view(a),
            vec![
                q(
                    "We will not sign this week.",
                    Some("Lidia Moreno"),
                    None,
                    false
                ),
                q(
                    "nobody can account for it.",
                    Some("Ida Holm"),
                    Some("told The Times"),
                    false
                ),
            ]
        );
    }

    #[test]
    fn questions_asked_and_wondered() {
        let a = "“Where is the money?” asked Senator Ida Holm.\n\
                 Envoy Lidia Moreno replied later.\n\
                 “Is it over?” Holm wondered aloud. “I hope not.”";
        assert_eq!(
            view(a),
            vec![
                q(
                    "Where is the money?",
                    Some("Ida Holm"),
                    Some("asked"),
                    false
                ),
                q("Is it over?", Some("Ida Holm"), Some("wondered"), false),
                q("I hope not.", Some("Ida Holm"), None, false),
            ]
        );
    }

    #[test]
    fn role_words_and_appositives_after_the_quote() {
        let a = "“Water came in through every door,” said resident Maria Lopes, 54.\n\
                 “It is not over,” the weather service’s director, Kim Ha-eun, warned.";
        assert_eq!(
            view(a),
            vec![
                q(
                    "Water came in through every door,",
                    Some("Maria Lopes"),
                    Some("said"),
                    false
                ),
                q("It is not over,", Some("Kim Ha-eun"), Some("warned"), false),
            ]
        );
    }

    #[test]
    fn unnamed_speakers_stay_unnamed() {
        let a = "Mayor Ben Ortiz spoke first.\n\
                 A senior diplomat, who asked not to be named, said the talks were “on life support”.\n\
                 “Nothing has changed,” officials said.\n\
                 “We are still waiting.”";
        assert_eq!(
            view(a),
            vec![
                q("on life support", None, Some("said"), true),
                q("Nothing has changed,", None, Some("said"), false),
                // continues the unnamed officials, not the mayor
                q("We are still waiting.", None, None, false),
            ]
        );
    }

    #[test]
    fn a_sentence_ended_at_the_mark_takes_no_attribution_after_it() {
        let a = "Opposition leader Greta Holm said it would \"isolate the country\". \
                 She added: \"Nobody voted for this.\"";
        assert_eq!(
            view(a),
            vec![
                q(
                    "isolate the country",
                    Some("Greta Holm"),
                    Some("said"),
                    true
                ),
                q(
                    "Nobody voted for this.",
                    Some("Greta Holm"),
                    Some("added"),
                    false
                ),
            ]
        );
    }

    // --- (5) anaphora and names --------------------------------------------

    /// Speakers only, in text order.
    fn speakers(a: &str) -> Vec<Option<String>> {
        view(a).into_iter().map(|r| r.1).collect()
    }

    fn some(names: &[&str]) -> Vec<Option<String>> {
        names.iter().map(|n| Some(n.to_string())).collect()
    }

    #[test]
    fn the_board_resolves_to_the_named_board() {
        let a = "The Northfield Rail Safety Board said it had opened an inquiry.\n\
                 “Two signals failed on the same night,” the board said.";
        assert_eq!(speakers(a), some(&["Northfield Rail Safety Board"]));
    }

    #[test]
    fn the_chamber_takes_a_name_with_of_after_its_head() {
        let a = "Traders at the Dunmore Chamber of Commerce met on Monday.\n\
                 “Our members were never consulted,” the chamber said.";
        assert_eq!(speakers(a), some(&["Dunmore Chamber of Commerce"]));
    }

    #[test]
    fn a_proper_name_loses_its_article() {
        let a = "The Oakby Tenants’ Union said the rents were “out of reach”.";
        assert_eq!(speakers(a), some(&["Oakby Tenants’ Union"]));
    }

    #[test]
    fn the_group_resolves_to_the_name_it_introduced() {
        let a = "Pricewise, a consumer group, has collected complaints for months.\n\
                 “Nobody answers the phone,” the consumer group said.\n\
                 Campaign group Streetwise backed the plan.\n\
                 “It is overdue,” the group said.";
        assert_eq!(speakers(a), some(&["Pricewise", "Streetwise"]));
    }

    #[test]
    fn the_company_resolves_to_a_supplier_named_before() {
        let a = "Residents blamed water supplier Brookvale Water for the outage.\n\
                 “Supplies will be back by Friday,” the company said.";
        assert_eq!(speakers(a), some(&["Brookvale Water"]));
    }

    #[test]
    fn the_company_with_no_introduction_is_the_organisation_quoted_last() {
        let a = "“We are sorry,” Kettleworth said in a statement.\n\
                 Shares fell on Tuesday.\n\
                 “Refunds start today,” the firm said.";
        assert_eq!(speakers(a), some(&["Kettleworth", "Kettleworth"]));
    }

    #[test]
    fn titles_and_occupations_are_not_part_of_the_name() {
        let a = "Councillor Ada Pike said, “The vote was rushed.”\n\
                 “I will sing anyway,” Singer Lina Voss said.\n\
                 “We were robbed,” said striker Tomas Greer.";
        assert_eq!(speakers(a), some(&["Ada Pike", "Lina Voss", "Tomas Greer"]));
    }

    #[test]
    fn surname_alone_finds_an_untitled_full_name() {
        let a = "Bram Holloway scored twice on Saturday and the crowd sang his name.\n\
                 “I just kept running,” Holloway said.";
        assert_eq!(speakers(a), some(&["Bram Holloway"]));
    }

    #[test]
    fn an_age_description_is_the_person_named_last() {
        let a = "Pianist Vera Lund retired on Sunday. Judge Omar Pell praised her career.\n\
                 Lund gave her last concert in May. “It was time,” the 71-year-old added.";
        assert_eq!(speakers(a), some(&["Vera Lund"]));
    }

    #[test]
    fn a_role_word_finds_the_person_introduced_with_it() {
        let a = "Singer Lina Voss and drummer Ray Cole left the band.\n\
                 “We stayed friends,” the singer said.\n\
                 Cole’s manager, Ida Brandt, confirmed the split.\n\
                 “He needs a rest,” the drummer’s manager said.\n\
                 Ana Ruiz, the actor who found them, was surprised.\n\
                 Producer Ivo Marr was not.\n\
                 “Nobody saw it coming,” the actor said.";
        assert_eq!(speakers(a), some(&["Lina Voss", "Ida Brandt", "Ana Ruiz"]));
    }

    #[test]
    fn an_aside_before_the_verb_leaves_the_subject_speaking() {
        let a = "Jess Ray, 34, from Oakby, said her roof had “simply vanished”.\n\
                 Mayor Ben Ortiz, who met Ida Holm, said, “We will rebuild.”";
        assert_eq!(speakers(a), some(&["Jess Ray", "Ben Ortiz"]));
    }

    // --- (6) robustness --------------------------------------------------

    fn check_sane(a: &str) {
        let qs = extract_quotes(a);
        let mut prev_end = 0;
        for q in &qs {
            assert!(q.start <= q.end && q.end <= a.len());
            assert!(a.is_char_boundary(q.start) && a.is_char_boundary(q.end));
            assert_eq!(a.get(q.start..q.end), Some(q.text.as_str()));
            assert!(q.start >= prev_end, "spans overlap or are out of order");
            prev_end = q.end;
        }
    }

    #[test]
    fn junk_never_panics_and_spans_sit_on_char_boundaries() {
        // Deterministic pseudo-random bytes, read as lossy UTF-8.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let marks: [&[u8]; 8] = [
            b"\"",
            b"'",
            "“".as_bytes(),
            "”".as_bytes(),
            "‘".as_bytes(),
            "’".as_bytes(),
            b"\n",
            b" ",
        ];
        for round in 0..300 {
            let mut bytes = Vec::new();
            for _ in 0..(round * 7 % 500) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                if x.is_multiple_of(3) {
                    bytes.extend_from_slice(marks[(x >> 8) as usize % marks.len()]);
                } else if x.is_multiple_of(5) {
                    bytes.extend_from_slice(b" said Ab Cd, ");
                } else {
                    bytes.push((x >> 16) as u8);
                }
            }
            check_sane(&String::from_utf8_lossy(&bytes));
        }
        for lone in [
            "\"", "'", "“", "”", "‘", "’", "\u{2009}", "\u{00A0}", "“\n", "\n”", "'s", "s'",
        ] {
            check_sane(lone);
        }
        check_sane(&"“".repeat(10_000));
        check_sane(&"\"".repeat(10_001));
        check_sane(&"'a ".repeat(10_000));
        check_sane(&"“Quote,” he said. ".repeat(2_000));
        check_sane(&format!("“{}", "word ".repeat(50_000)));
        check_sane("\u{FEFF}“\u{202F}”\u{2009}'\u{00A0}'");
    }

    #[test]
    fn ten_thousand_openers_give_no_quote() {
        assert!(extract_quotes(&"“".repeat(10_000)).is_empty());
    }
}
