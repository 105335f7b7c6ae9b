//! Cues and noun phrases over a token window: which word is a reporting cue
//! ("said", "according to", "describing it as"), how far its phrase runs
//! ("told reporters", "said in a statement"), and which noun phrase is its
//! subject or speaker.

use super::chars::*;
use super::lexicon::*;
use super::tokens::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum CueKind {
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
    pub(super) fn speech(self) -> bool {
        matches!(self, CueKind::Finite | CueKind::Ing | CueKind::According)
    }
    pub(super) fn participle(self) -> bool {
        matches!(self, CueKind::Ing | CueKind::FrameIng)
    }
}

pub(super) fn cue_kind(t: &str, x: &Token) -> Option<CueKind> {
    let w = token_word(t, x);
    if x.is_quote || !starts_lower(w) {
        return None;
    }
    let f = x.class;
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

pub(super) fn is_according(t: &str, toks: &[Token], k: usize) -> bool {
    toks.get(k)
        .is_some_and(|x| eq_ci(token_word(t, x), "according"))
        && toks
            .get(k + 1)
            .is_some_and(|x| eq_ci(token_word(t, x), "to"))
}

/// The last reporting cue of a sentence prefix.
pub(super) fn find_cue_back(t: &str, sent: &[Token]) -> Option<(usize, CueKind)> {
    (0..sent.len()).rev().find_map(|k| {
        if is_according(t, sent, k) {
            Some((k, CueKind::According))
        } else if headline_cue(t, sent, k) {
            Some((k, CueKind::Finite))
        } else {
            cue_kind(t, &sent[k]).map(|c| (k, c))
        }
    })
}

/// "Hillary Clinton Said “…”": in title-case text the reporting verb right
/// before a quote is capitalised like the name before it.
fn headline_cue(t: &str, sent: &[Token], k: usize) -> bool {
    let x = &sent[k];
    k + 1 == sent.len()
        && k > 0
        && !x.is_quote
        && x.class & CUE != 0
        && starts_upper(token_word(t, x))
        && !sent[k - 1].is_quote
        && !sent[k - 1].comma
        && starts_upper(token_word(t, &sent[k - 1]))
}

/// Extends a cue verb to its shortest complete phrase: "told reporters",
/// "said in a statement", "labeled the allegations as", "issuing a call".
pub(super) fn extend_cue(t: &str, toks: &[Token], v: usize, kind: CueKind) -> usize {
    let n = toks.len();
    if kind == CueKind::According {
        return (v + 1).min(n.saturating_sub(1));
    }
    let mut pe = v;
    let ends = |x: &Token| x.comma || x.term || x.colon || x.is_quote;
    if toks.get(v).is_none_or(ends) {
        return pe;
    }
    let verb = token_word(t, &toks[v]);
    let told = verb
        .get(..4)
        .is_some_and(|p| eq_ci(p, "told") || eq_ci(p, "tell"));
    let object_end = |max: usize| {
        let mut e = v;
        for (k, x) in toks.iter().enumerate().take(n.min(v + 1 + max)).skip(v + 1) {
            let w = token_word(t, x);
            // (an article after the object starts the reported clause:
            // "told reporters the team had ...")
            let clause_det = k > v + 1 && x.class & DET != 0 && e > v;
            if x.is_quote
                || x.class & (PREP | AUX | CUE | CUE_ING | TIME) != 0
                || eq_ci(w, "that")
                || clause_det
            {
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
            Some(x) if !ends(&toks[e]) && eq_ci(token_word(t, x), "as") => e + 1,
            _ => v,
        };
    }
    if told {
        pe = object_end(3);
    }
    // "said in a statement" is a channel worth keeping; other settings
    // ("in a briefing") are circumstances, not part of the cue.
    if !ends(&toks[pe])
        && toks
            .get(pe + 1)
            .is_some_and(|x| eq_ci(token_word(t, x), "in"))
        && toks.get(pe + 2).is_some_and(|x| x.class & DET != 0)
    {
        for (k, x) in toks.iter().enumerate().take(n.min(pe + 5)).skip(pe + 2) {
            if eq_ci(token_word(t, x), "statement") {
                return k;
            }
            if ends(x) {
                break;
            }
        }
    }
    pe
}

pub(super) fn skip_aux(t: &str, toks: &[Token], v: usize) -> usize {
    let mut j = v;
    while j > 0 && !toks[j - 1].is_quote && !toks[j - 1].comma && is_aux(t, &toks[j - 1]) {
        j -= 1;
    }
    j
}

/// The noun phrase ending at token `end` (exclusive): a pronoun, a name with
/// its titles, "the minister", or "X's tax office".
pub(super) fn np_back(t: &str, toks: &[Token], end: usize) -> Option<(usize, usize)> {
    let mut a = end;
    let mut caps = 0;
    let mut lowers = 0;
    let mut det = false;
    while a > 0 {
        let x = &toks[a - 1];
        if x.is_quote || (a < end && (x.comma || x.term || x.colon)) {
            break;
        }
        let w = token_word(t, x);
        let f = x.class;
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
    (a < end
        && (det
            || caps > 0
            || toks[a..end]
                .iter()
                .any(|x| x.class & (TITLE | GENERIC) != 0)))
    .then_some((a, end))
}

/// The subject right before a verb at `end`: the noun phrase there, skipping
/// back over prepositional phrases ("Critics in the capital said" -> Critics,
/// "the head of the agency said" -> the head).
pub(super) fn subject_before(t: &str, toks: &[Token], end: usize) -> Option<(usize, usize)> {
    let mut np = np_back(t, toks, end)?;
    for _ in 0..2 {
        let Some(p) = np.0.checked_sub(1).and_then(|k| toks.get(k)) else {
            break;
        };
        let w = token_word(t, p);
        if p.is_quote || p.comma || !starts_lower(w) || p.class & PREP == 0 {
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
pub(super) fn np_fwd(t: &str, toks: &[Token], start: usize, end: usize) -> Option<(usize, usize)> {
    let end = end.min(toks.len());
    let first = toks.get(start)?;
    if first.is_quote || start >= end {
        return None;
    }
    let f0 = first.class;
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
        if x.is_quote {
            break;
        }
        let w = token_word(t, x);
        let f = x.class;
        let next_up = toks
            .get(k + 1)
            .is_some_and(|n| starts_upper(token_word(t, n)));
        let ok = if starts_upper(w) {
            f & (STOP | TIME | CUE | CUE_ING | AUX | PRON | DET) == 0
        } else if f & TITLE != 0 || (w == "of" && next_up) {
            true
        } else {
            // "the tax office", "X's chief", "agency spokesperson Nils Dahl",
            // "resident Maria Lopes"
            let title_soon = toks
                .get(k + 1..end.min(k + 3))
                .is_some_and(|n| n.iter().any(|y| y.class & TITLE != 0));
            let proper = |y: &Token| {
                starts_upper(token_word(t, y)) && y.class & (STOP | TIME | DET | PRON) == 0
            };
            let name_soon = !x.comma
                && (toks.get(k + 1).is_some_and(proper)
                    || (toks.get(k + 1).is_some_and(|y| {
                        !y.comma
                            && starts_lower(token_word(t, y))
                            && y.class & !(MALE | FEMALE) == 0
                    }) && toks.get(k + 2).is_some_and(proper)));
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
pub(super) fn subject(t: &str, sent: &[Token], v: usize) -> Option<(usize, usize)> {
    let v = v.min(sent.len());
    let mut k = 0;
    if let Some(x) = sent.first()
        && !x.is_quote
    {
        let f = x.class;
        let adverbial = f & PREP != 0 || (f & STOP != 0 && f & (PRON | DET) == 0);
        if adverbial && let Some(c) = sent[..v.min(sent.len())].iter().position(|y| y.comma) {
            k = c + 1;
        }
    }
    while k < v {
        let x = &sent[k];
        let w = token_word(t, x);
        let f = x.class;
        if !x.is_quote && (f & (PRON | DET) != 0 || (starts_upper(w) && f & (STOP | TIME) == 0)) {
            let np = np_fwd(t, sent, k, v)?;
            return Some(appositive_name(t, sent, np, v).unwrap_or(np));
        }
        k += 1;
    }
    None
}

/// "The envoy, Lidia Moreno, said": the name set off by commas right after
/// a described subject is the better speaker.
pub(super) fn appositive_name(
    t: &str,
    sent: &[Token],
    (_, b): (usize, usize),
    v: usize,
) -> Option<(usize, usize)> {
    if !sent.get(b.checked_sub(1)?)?.comma {
        return None;
    }
    let mut e = b;
    while e < v.min(b + 4) {
        let x = sent.get(e)?;
        if x.is_quote
            || !starts_upper(token_word(t, x))
            || x.class & (STOP | DET | PRON | TIME) != 0
        {
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
pub(super) fn name_part(t: &str, toks: &[Token]) -> (usize, usize) {
    let n = toks.len();
    let mut a = 0;
    for (k, x) in toks.iter().enumerate() {
        let w = token_word(t, x);
        let f = x.class;
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

pub(super) fn name_ok(t: &str, name: &[Token]) -> bool {
    (1..=4).contains(&name.len())
        && name.iter().all(|x| {
            let w = token_word(t, x);
            w.len() >= 2 && x.class & (ORG | TIME) == 0
        })
}
