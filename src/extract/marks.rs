//! Pass 2, quote-mark pairing. Reads the paragraphs of `segment`; gives the
//! quote spans in text order: marks paired inside one paragraph (so a stray
//! mark never swallows the rest of the article), straight marks told open
//! from close by their neighbours, apostrophes left alone, and a quote that
//! runs on over paragraphs given as one segment per paragraph sharing a chain.

use memchr::memchr3;

use super::SINGLE_MAX;
use super::chars::*;
use super::segment::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum QuoteMark {
    /// `“`
    DoubleOpen,
    /// `”`
    DoubleClose,
    /// `"`: which side it is on depends on its neighbours.
    DoubleStraight,
    /// `‘`
    SingleOpen,
    /// `’`, also the apostrophe.
    SingleClose,
    /// `'`, also the apostrophe.
    SingleStraight,
}

impl QuoteMark {
    pub(super) fn double(self) -> bool {
        matches!(
            self,
            QuoteMark::DoubleOpen | QuoteMark::DoubleClose | QuoteMark::DoubleStraight
        )
    }
}

#[inline]
pub(super) fn mark_at(b: &[u8], i: usize) -> Option<(QuoteMark, usize)> {
    match byte_at(b, i) {
        b'"' => Some((QuoteMark::DoubleStraight, 1)),
        b'\'' => Some((QuoteMark::SingleStraight, 1)),
        0xE2 if byte_at(b, i + 1) == 0x80 => match byte_at(b, i + 2) {
            0x9C => Some((QuoteMark::DoubleOpen, 3)),
            0x9D => Some((QuoteMark::DoubleClose, 3)),
            0x98 => Some((QuoteMark::SingleOpen, 3)),
            0x99 => Some((QuoteMark::SingleClose, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// Coarse class of the char beside a mark; decides opening vs closing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum CharClass {
    Space,
    Alpha,
    Digit,
    Open,
    Close,
    Dash,
    Quote,
    Other,
}

pub(super) fn char_class(c: Option<char>) -> CharClass {
    let Some(c) = c else { return CharClass::Space };
    if is_space_char(c) {
        CharClass::Space
    } else if c.is_alphabetic() {
        CharClass::Alpha
    } else if c.is_numeric() {
        CharClass::Digit
    } else {
        match c {
            '(' | '[' | '{' | '/' | '<' => CharClass::Open,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '…' | '>' => CharClass::Close,
            '—' | '–' | '-' => CharClass::Dash,
            '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' => CharClass::Quote,
            _ => CharClass::Other,
        }
    }
}

#[derive(Clone, Copy)]
pub(super) struct Roles {
    open: bool,
    close: bool,
    next_space: bool,
}

/// Leading elisions that start with an apostrophe, not a quote ('n', 'em).
pub(super) fn elision(t: &str, i: usize) -> bool {
    let b = t.as_bytes();
    let mut e = i;
    while e < b.len() && e - i < 6 && b[e].is_ascii_alphabetic() {
        e += 1;
    }
    if e < b.len() && b[e].is_ascii_alphabetic() {
        return false;
    }
    let w = span_text(t, i, e);
    [
        "n", "em", "til", "tis", "twas", "cause", "bout", "cos", "nuff",
    ]
    .iter()
    .any(|x| eq_ci(w, x))
}

/// Whether the mark at `p` can open and/or close a quote, from its neighbours:
/// preceded by space/start/( it opens, followed by space/punctuation it closes.
pub(super) fn roles(t: &str, p: usize, mk: QuoteMark, len: usize) -> Roles {
    let prev = char_class(char_before(t, p));
    let next = char_class(char_at(t, p + len));
    let open_ctx = matches!(
        prev,
        CharClass::Space | CharClass::Open | CharClass::Dash | CharClass::Quote
    );
    let close_ctx = matches!(
        next,
        CharClass::Space | CharClass::Close | CharClass::Dash | CharClass::Quote
    );
    let next_space = next == CharClass::Space;
    let (open, close) = match mk {
        QuoteMark::DoubleOpen => (true, false),
        QuoteMark::DoubleClose => (false, true),
        QuoteMark::DoubleStraight => (
            open_ctx && !next_space,
            close_ctx && prev != CharClass::Space,
        ),
        QuoteMark::SingleOpen => (
            open_ctx && next == CharClass::Alpha && !elision(t, p + len),
            false,
        ),
        QuoteMark::SingleClose | QuoteMark::SingleStraight => {
            if matches!(prev, CharClass::Alpha | CharClass::Digit)
                && matches!(next, CharClass::Alpha | CharClass::Digit)
            {
                (false, false) // can't, Varga's
            } else {
                let open = mk == QuoteMark::SingleStraight
                    && open_ctx
                    && next == CharClass::Alpha
                    && !elision(t, p + len);
                let close = matches!(prev, CharClass::Alpha | CharClass::Digit | CharClass::Close)
                    && close_ctx;
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
pub(super) struct QuoteSpan {
    /// Opening mark; the quoted words are `start..end`.
    pub(super) open: usize,
    pub(super) start: usize,
    pub(super) end: usize,
    /// Just past the closing mark (the paragraph end for an open segment).
    pub(super) close_end: usize,
    /// The paragraph holding the quote.
    pub(super) paragraph_start: usize,
    pub(super) paragraph_end: usize,
    /// In single marks (scare quotes, British style).
    pub(super) single: bool,
    /// Has a closing mark (false: runs on into the next paragraph).
    pub(super) closed: bool,
    /// Segments of one multi-paragraph quote share a chain id.
    pub(super) chain: usize,
    /// Continues the previous paragraph's segment.
    pub(super) joined: bool,
}

/// Where the pairing of one paragraph stands.
pub(super) enum PairState {
    /// No quote open.
    Outside,
    /// Inside a double-quoted span opened at `open`; `chain` is the
    /// multi-paragraph quote this one continues, if any.
    InDouble {
        open: usize,
        start: usize,
        chain: Option<usize>,
    },
    /// Inside a single-quoted span opened at `open`.
    InSingle { start: usize, open: usize },
}

pub(super) struct Pairer<'a> {
    t: &'a str,
    out: Vec<QuoteSpan>,
    chains: usize,
    /// Keep the spans found (false: only walk the pairing, for `CutScan`).
    keep: bool,
}

/// Finds places inside one long paragraph where the pairing is outside any
/// quote and a sentence starts: a long article can be cut there into
/// windows that pair their marks exactly as the whole article does.
pub(super) struct CutScan<'v> {
    /// Least distance between two cuts.
    pub(super) step: usize,
    /// No cut before this offset (the last cut plus `step`).
    pub(super) next: usize,
    pub(super) cuts: &'v mut Vec<usize>,
}

/// Bytes from `s` to the end of its line, counted up to [`CUT_LINE_REST`]
/// (a one-line article is not searched to its end at every cut).
fn line_rest(b: &[u8], s: usize) -> usize {
    let h = b.get(s..).unwrap_or(&[]);
    let h = &h[..h.len().min(CUT_LINE_REST)];
    memchr::memchr(b'\n', h).unwrap_or(h.len())
}

/// Least length of the rest of the line after a cut inside a paragraph:
/// longer than a title (`is_headline`) and than a short wrapped line
/// (`soft_break`), so the window's first line reads as the whole line.
const CUT_LINE_REST: usize = 256;

/// A paragraph with no sentence start to cut at is cut before a quote mark
/// once this many steps have gone by without a cut.
const STEPS_WITHOUT_SENTENCES: usize = 3;

impl CutScan<'_> {
    /// In a paragraph without sentence ends, a cut right before the mark at
    /// `p`, where the pairing is outside every quote.
    fn before_mark(&mut self, b: &[u8], p: usize) {
        let due = self.next + (STEPS_WITHOUT_SENTENCES - 1) * self.step;
        if p >= due && line_rest(b, p) >= CUT_LINE_REST {
            self.cuts.push(p);
            self.next = p + self.step;
        }
    }

    /// Cuts at sentence starts in `from..=to`, a stretch the pairing spends
    /// outside every quote.
    fn outside(&mut self, b: &[u8], from: usize, to: usize) {
        let mut i = from.max(self.next.saturating_sub(1));
        while i < to {
            let Some(off) = b.get(i..to).and_then(|h| memchr3(b'.', b'?', b'!', h)) else {
                return;
            };
            let dot = i + off;
            i = dot + 1;
            let s = skip_space(b, i);
            if s == i || s > to {
                continue;
            }
            let starts = byte_at(b, s).is_ascii_uppercase() || mark_at(b, s).is_some();
            // The window's first line starts at the cut; it must read as the
            // whole line does: long (a hard wrap is judged by line length),
            // and not a title.
            if starts && s >= self.next && line_rest(b, s) >= CUT_LINE_REST {
                self.cuts.push(s);
                self.next = s + self.step;
                i = self.next.saturating_sub(1);
            }
        }
    }
}

pub(super) fn find_spans(t: &str) -> Vec<QuoteSpan> {
    let b = t.as_bytes();
    let mut p = Pairer {
        t,
        out: Vec::new(),
        chains: 0,
        keep: true,
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
            carry = p.paragraph(ps, pe, joined, None);
            // Furniture is judged only where it matters: paragraphs with quotes.
            if (p.out.len() > before || carry.is_some()) && is_furniture(t, ps, pe) {
                p.out.truncate(before);
                carry = None;
            }
        }
    }
    p.out
}

/// Pairs the marks of paragraph `ps..pe` as [`find_spans`] does, without
/// keeping the spans: tells whether a quote stays open into the next
/// paragraph, and with `scan` adds the places the paragraph can be cut.
pub(super) fn paragraph_stays_open(
    t: &str,
    ps: usize,
    pe: usize,
    scan: Option<&mut CutScan>,
) -> bool {
    let mut p = Pairer {
        t,
        out: Vec::new(),
        chains: 0,
        keep: false,
    };
    p.paragraph(ps, pe, None, scan).is_some()
}

impl Pairer<'_> {
    /// Pairs the marks of one paragraph; returns the chain id to carry when the
    /// quote stays open and the next paragraph re-opens it. With `cuts`, also
    /// finds where the paragraph could be cut (see [`CutScan`]).
    fn paragraph(
        &mut self,
        ps: usize,
        pe: usize,
        joined: Option<usize>,
        mut cuts: Option<&mut CutScan>,
    ) -> Option<usize> {
        let t = self.t;
        let b = t.as_bytes();
        let mut st = PairState::Outside;
        // Where the pairing last came outside every quote.
        let mut outside_since = Some(ps);
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
                QuoteMark::DoubleOpen => Roles {
                    open: true,
                    close: false,
                    next_space: false,
                },
                QuoteMark::DoubleClose => Roles {
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
                    PairState::Outside => {
                        if let (Some(c), Some(since)) = (cuts.as_deref_mut(), outside_since) {
                            c.outside(b, since, p);
                            c.before_mark(b, p);
                        }
                        outside_since = Some(p);
                        if mk.double() {
                            if r.open || (!r.close && !r.next_space) {
                                let chain = if para_start { joined } else { None };
                                st = PairState::InDouble {
                                    open: p,
                                    start: p + len,
                                    chain,
                                };
                                outside_since = None;
                            }
                        } else if r.open {
                            st = PairState::InSingle {
                                start: p + len,
                                open: p,
                            };
                            outside_since = None;
                        }
                    }
                    PairState::InDouble { open, start, chain } => {
                        if mk.double() {
                            if r.open && !r.close {
                                st = PairState::InDouble {
                                    open: p,
                                    start: p + len,
                                    chain: None,
                                };
                            } else {
                                self.push(open, start, p, p + len, (ps, pe), false, chain);
                                st = PairState::Outside;
                                outside_since = Some(p + len);
                            }
                        }
                    }
                    PairState::InSingle { start, open } => {
                        if mk.double() || p - start > SINGLE_MAX {
                            st = PairState::Outside;
                            continue;
                        }
                        if r.close && single_ok(t, start, p) {
                            self.push(open, start, p, p + len, (ps, pe), true, None);
                            st = PairState::Outside;
                            outside_since = Some(p + len);
                        } else if r.open {
                            st = PairState::InSingle {
                                start: p + len,
                                open: p,
                            };
                        }
                    }
                }
                break;
            }
        }
        if let (Some(c), Some(since)) = (cuts, outside_since) {
            c.outside(b, since, pe);
        }
        if let PairState::InDouble { open, start, chain } = st
            && reopens(t, pe)
        {
            let end = trim_end_pos(b, start, pe);
            if !span_text(t, start, end).trim().is_empty() {
                let id = chain.unwrap_or_else(|| self.new_chain());
                self.out.push(QuoteSpan {
                    open,
                    start,
                    end,
                    close_end: pe,
                    paragraph_start: ps,
                    paragraph_end: pe,
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
        if !self.keep || span_text(self.t, start, end).trim().is_empty() {
            return;
        }
        let id = chain.unwrap_or_else(|| self.new_chain());
        self.out.push(QuoteSpan {
            open,
            start,
            end,
            close_end,
            paragraph_start: ps,
            paragraph_end: pe,
            single,
            closed: true,
            chain: id,
            joined: chain.is_some(),
        });
    }
}

pub(super) fn single_ok(t: &str, s: usize, e: usize) -> bool {
    let w = span_text(t, s, e);
    w.len() >= 2
        && w.chars().any(char::is_alphabetic)
        && !w.starts_with(char::is_whitespace)
        && !w.ends_with(char::is_whitespace)
}

/// Does the paragraph after `pe` open with a double quote mark (the
/// convention for a quote that runs on into the next paragraph)?
pub(super) fn reopens(t: &str, pe: usize) -> bool {
    let b = t.as_bytes();
    let j = skip_space(b, pe);
    match mark_at(b, j) {
        Some((QuoteMark::DoubleOpen, _)) => true,
        Some((QuoteMark::DoubleStraight, l)) => roles(t, j, QuoteMark::DoubleStraight, l).open,
        _ => false,
    }
}
