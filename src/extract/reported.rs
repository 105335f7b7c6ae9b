//! Reported speech. Reads the article outside quote spans for reporting
//! verbs ("said", "told", "denied", "according to"); gives, for each, the
//! clause reported and where the speaker phrase stands, which the
//! attribution walk resolves like a quote's speaker:
//!
//! * `X said (that) CLAUSE.` / `X told reporters CLAUSE.`
//! * `CLAUSE, X said.` / `CLAUSE, said X.`
//! * `According to X, CLAUSE.` / `CLAUSE, according to X.` (in "According to
//!   X, the agency's head, CLAUSE" the description belongs to X)
//!
//! A verb whose clause is a quotation (`X said, “…”`) gives nothing here:
//! the quote is the record.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::attribute::speaker_phrase;
use super::chars::*;
use super::lexicon::*;
use super::marks::QuoteSpan;
use super::phrases::*;
use super::registry::word_start;
use super::tokens::*;

/// Fewest words (outside quotes) a reported clause has.
const CLAUSE_MIN_WORDS: usize = 3;

/// Finite reporting verbs of the lexicon, a few participles, and
/// "according to", as one automaton: the article is scanned once for all.
static CUE_FINDER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    let mut words: Vec<&'static str> = table().words_with(CUE).collect();
    words.extend([
        "saying",
        "adding",
        "noting",
        "telling",
        "arguing",
        "insisting",
        "warning",
        "according to",
        "According to",
    ]);
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&words)
        .ok()
});

/// Start of every reporting verb (or "according to") outside quote spans,
/// in text order.
pub(super) fn find_cues(t: &str, spans: &[QuoteSpan]) -> Vec<usize> {
    let Some(ac) = &*CUE_FINDER else {
        return Vec::new();
    };
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut k = 0;
    for m in ac.find_iter(b) {
        let (s, e) = (m.start(), m.end());
        if !word_start(t, s) || byte_at(b, e).is_ascii_alphanumeric() {
            continue;
        }
        while k < spans.len() && spans[k].close_end <= s {
            k += 1;
        }
        if spans.get(k).is_some_and(|sp| sp.open <= s) {
            continue; // inside a quote
        }
        if attached_to_quote(b, spans, k, s, e) {
            continue;
        }
        out.push(s);
    }
    out
}

/// A verb that attributes a quote right beside it ("…,” Lind said",
/// "said, “…”") reports that quote, not a clause: the walk attributes it
/// with the quote. `k` is the first span ending after the verb.
fn attached_to_quote(b: &[u8], spans: &[QuoteSpan], k: usize, s: usize, e: usize) -> bool {
    let quiet = |gap: &[u8]| !gap.iter().any(|c| matches!(c, b'.' | b'!' | b'?' | b'\n'));
    let before = k
        .checked_sub(1)
        .and_then(|j| spans.get(j))
        .is_some_and(|sp| {
            s >= sp.close_end && s - sp.close_end <= ATTACHED_GAP && quiet(&b[sp.close_end..s])
        });
    let after = spans.get(k).is_some_and(|sp| {
        sp.open >= e
            && sp.open - e <= 3
            && b[e..sp.open]
                .iter()
                .all(|c| matches!(c, b',' | b':' | b' '))
    });
    before || after
}

/// Longest gap between a closing quote mark and the verb attributing it.
const ATTACHED_GAP: usize = 60;

/// What a reporting verb in a sentence reports, as token ranges.
pub(super) struct Reported {
    /// The speaker phrase, when there is one.
    pub(super) speaker: Option<(usize, usize)>,
    /// No speaker phrase, but the sentence goes on about someone named
    /// before ("... and said", "who said", "adding that").
    pub(super) elided: bool,
    /// The verb and the end of its phrase ("told reporters").
    pub(super) cue: (usize, usize),
    /// The reported clause.
    pub(super) content: (usize, usize),
}

/// The reported clause of the verb at `v` in `sent` (a whole sentence), or
/// `None` when the verb reports a quotation or nothing.
pub(super) fn reported_clause(t: &str, sent: &[Token], v: usize) -> Option<Reported> {
    let n = sent.len();
    let kind = if is_according(t, sent, v) {
        CueKind::According
    } else {
        cue_kind(t, sent.get(v)?).filter(|k| matches!(k, CueKind::Finite | CueKind::Ing))?
    };
    let pe = extend_cue(t, sent, v, kind);
    let clause = |a: usize, b: usize| {
        let words = sent
            .get(a..b)
            .map_or(0, |w| w.iter().filter(|x| !x.is_quote).count());
        (a < b && words >= CLAUSE_MIN_WORDS).then_some((a, b))
    };
    let record = |speaker, elided, content| {
        Some(Reported {
            speaker,
            elided,
            cue: (v, pe),
            content,
        })
    };
    if kind == CueKind::According {
        // "according to people in attendance": a source phrase that is no
        // named thing is still the source.
        let np = np_fwd(t, sent, v + 2, n).or_else(|| {
            let end = (v + 2..n.min(v + 8)).find(|&k| sent[k].comma || sent[k].term)?;
            Some((v + 2, end + 1))
        });
        if v > 0 {
            // "CLAUSE, according to X."
            return record(np, false, clause(0, v)?);
        }
        // "According to X, CLAUSE."
        let np = np?;
        if !sent[np.1 - 1].comma {
            return None;
        }
        return record(Some(np), false, clause(skip_appositive(sent, np.1, n), n)?);
    }
    let (np, mut elided) = speaker_phrase(t, sent, v, kind);
    let j = skip_aux(t, sent, v);
    if kind == CueKind::Finite && n - 1 - pe <= 2 {
        // "CLAUSE, X said." / "CLAUSE, said X."
        if let Some(np) = np
            && np.1 <= v
            && np.0 > 0
            && sent[np.0 - 1].comma
        {
            return record(Some(np), false, clause(0, np.0)?);
        }
        if j > 0
            && sent[j - 1].comma
            && let Some(np) = np_fwd(t, sent, v + 1, n)
        {
            return record(Some(np), false, clause(0, j)?);
        }
    }
    if kind == CueKind::Finite
        && sent[pe].comma
        && let Some(np) = np
        && np.0 > 0
        && sent[np.0 - 1].comma
    {
        // "At the time, she said, Grayson was trying ...": the whole
        // sentence is reported.
        return record(Some(np), false, clause(0, n)?);
    }
    // "X said (that) CLAUSE." / "..., saying (that) CLAUSE."
    let next = sent.get(pe + 1)?;
    if sent[pe].comma || sent[pe].colon || next.is_quote {
        return None; // "said, “…”" / "said: …": a quotation or a list
    }
    if np.is_none() {
        // "Dianne Feinstein, the ranking Democrat, who said ..."
        elided |= j > 0 && eq_ci(token_word(t, &sent[j - 1]), "who");
        if !elided {
            return None;
        }
    }
    record(np, elided, clause(pe + 1, n)?)
}

/// Longest appositive after a source ("the council's head of highways,").
const APPOSITIVE_MAX: usize = 10;

/// "According to X, the agency's head, CLAUSE": a description of the
/// source between commas (a determiner first, a title word in it, no verb
/// or quote) belongs to the source, so the clause starts after it. Returns
/// where the clause starts.
fn skip_appositive(sent: &[Token], from: usize, n: usize) -> usize {
    if sent.get(from).is_none_or(|x| x.class & DET == 0) {
        return from;
    }
    let mut titled = false;
    for (k, x) in sent
        .iter()
        .enumerate()
        .take(n.min(from + APPOSITIVE_MAX))
        .skip(from)
    {
        if x.is_quote || x.term || x.class & (AUX | CUE | CUE_ING) != 0 {
            return from;
        }
        titled |= x.class & TITLE != 0;
        if x.comma {
            return if titled { k + 1 } else { from };
        }
    }
    from
}
