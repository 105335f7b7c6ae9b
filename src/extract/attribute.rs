//! Pass 3, attribution: one left-to-right walk over the quote spans. For
//! each quote it lets the registry read the text before it, reads the
//! sentence before the quote and the words after it for a reporting cue and
//! its speaker phrase, has the resolver name the speaker, decides whether the
//! quote is a statement or a fragment (scare quotes, short phrases inside the
//! author's sentence), and lets an unattributed quote continue the last
//! speaker.

use memchr::{memchr, memrchr};

use super::chars::*;
use super::lexicon::*;
use super::marks::QuoteSpan;
use super::phrases::*;
use super::registry::Registry;
use super::reported::{find_cues, reported_clause};
use super::resolve::Resolver;
use super::tokens::*;
use super::{CONTINUE_GAP, POST_WINDOW, PRE_WINDOW};
use super::{Quote, QuoteKind, Resolution};

#[derive(Clone, Copy)]
pub(super) struct Attribution {
    ent: Option<usize>,
    cue: Option<(usize, usize)>,
    pos: usize,
    /// The speaker phrase as written ("he", "Ana Lind", "the agency").
    phrase: Option<(usize, usize)>,
}

/// One piece of reported speech: byte spans and the speaker entity.
pub(super) struct ReportedRecord {
    content: (usize, usize),
    cue: (usize, usize),
    speaker: Option<usize>,
    phrase: Option<(usize, usize)>,
    /// Where its sentence ends (a quote right after may continue it).
    sentence_end: usize,
}

/// Bytes after a reporting verb read for its clause.
const REPORTED_WINDOW: usize = 600;
/// Tokens before and after a reporting verb whose word classes are read.
const REPORTED_CLASSIFY_BEFORE: usize = 20;
const REPORTED_CLASSIFY_AFTER: usize = 12;

/// What the walk found for one quote.
#[derive(Clone, Copy)]
pub(super) struct Found {
    ent: Option<usize>,
    cue: Option<(usize, usize)>,
    fragment: bool,
    /// The speaker phrase as written, when the quote's own cue names one.
    phrase: Option<(usize, usize)>,
    /// The speaker comes from the quote before (or another segment of the
    /// same quote), not from a cue of its own.
    continued: bool,
}

pub(super) struct BeforeQuote {
    /// The quote opens its sentence.
    starts: bool,
    attr: Option<Attribution>,
    /// A speech cue ends right before the quote ("said, '...'").
    adjacent: bool,
    /// The word before the quote puts it inside a noun phrase ("a '...'").
    np_ctx: bool,
    /// Introduced by a colon ("was blunt: '...'").
    colon: bool,
    /// Introduced by a speech cue and "that" ("said that '...'").
    that: bool,
}

/// The walk over an article's quotes, in text order.
pub(super) struct Attributor<'a> {
    text: &'a str,
    spans: &'a [QuoteSpan],
    /// Everyone named so far; the text before each quote is read into it
    /// before the quote is attributed.
    registry: Registry<'a>,
    resolver: Resolver,
    /// Reused token buffers for attribution windows.
    buf: Vec<Token>,
    after_buf: Vec<Token>,
    /// Also read reported speech (indirect quotes).
    with_reported: bool,
}

impl<'a> Attributor<'a> {
    /// A walk over `spans`; with `with_reported`, reported speech too.
    pub(super) fn new(text: &'a str, spans: &'a [QuoteSpan], with_reported: bool) -> Self {
        Attributor {
            text,
            spans,
            registry: Registry::new(text, spans),
            resolver: Resolver::new(),
            buf: Vec::new(),
            after_buf: Vec::new(),
            with_reported,
        }
    }

    /// Attributes every span in text order, then gives each multi-paragraph
    /// quote one speaker for all its segments.
    pub(super) fn run(mut self) -> Vec<Quote> {
        let t = self.text;
        let n = self.spans.len();
        let mut found: Vec<Found> = Vec::with_capacity(n);
        let mut harvested = 0;
        let mut prev_nf: Option<(usize, Option<usize>)> = None;
        let cues = if self.with_reported {
            find_cues(t, self.spans)
        } else {
            Vec::new()
        };
        let mut reported: Vec<ReportedRecord> = Vec::new();
        let mut next_cue = 0;
        for qi in 0..=n {
            // Reported speech before this quote, in text order.
            let limit = self.spans.get(qi).map_or(t.len(), |sp| sp.open);
            while let Some(&at) = cues.get(next_cue).filter(|&&at| at < limit) {
                next_cue += 1;
                if at > harvested {
                    self.registry.harvest(harvested, at);
                    harvested = at;
                }
                if let Some(r) = self.reported(at) {
                    if r.speaker.is_some() {
                        prev_nf = Some((r.sentence_end, r.speaker));
                    }
                    reported.push(r);
                }
            }
            let Some(&sp) = self.spans.get(qi) else {
                break;
            };
            if sp.open > harvested {
                self.registry.harvest(harvested, sp.open);
            }
            harvested = harvested.max(sp.close_end);
            let f = self.attribute(qi, prev_nf);
            if !f.fragment {
                prev_nf = Some((sp.close_end, f.ent));
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
            if let Some(e) = found[k..j].iter().find_map(|f| f.ent) {
                for f in &mut found[k..j] {
                    if f.ent.is_none() {
                        f.ent = Some(e);
                        f.continued = true;
                    }
                }
            }
            k = j;
        }
        let name = |ent: Option<usize>| {
            ent.and_then(|e| self.registry.entities.get(e))
                .map(|e| squash(span_text(t, e.name.0, e.name.1)))
        };
        let mut out: Vec<Quote> = self
            .spans
            .iter()
            .zip(found)
            .map(|(sp, f)| Quote {
                start: sp.start,
                end: sp.end,
                text: span_text(t, sp.start, sp.end).to_string(),
                speaker: name(f.ent),
                cue: f.cue.map(|(s, e)| squash(span_text(t, s, e))),
                fragment: f.fragment,
                kind: QuoteKind::Direct,
                speaker_span: f.ent.and(f.phrase),
                resolved: f.ent.map(|_| resolution(t, f.phrase, f.continued)),
            })
            .collect();
        if !reported.is_empty() {
            out.extend(reported.iter().map(|r| Quote {
                start: r.content.0,
                end: r.content.1,
                text: span_text(t, r.content.0, r.content.1).to_string(),
                speaker: name(r.speaker),
                cue: Some(squash(span_text(t, r.cue.0, r.cue.1))),
                fragment: false,
                kind: QuoteKind::Indirect,
                speaker_span: r.speaker.and(r.phrase),
                resolved: r.speaker.map(|_| resolution(t, r.phrase, false)),
            }));
            out.sort_by_key(|q| (q.start, q.end));
        }
        out
    }

    /// The reported clause of the reporting verb at `at`, if it has one,
    /// with its speaker resolved.
    fn reported(&mut self, at: usize) -> Option<ReportedRecord> {
        let t = self.text;
        let b = t.as_bytes();
        // The paragraph line around the verb bounds the sentence.
        let line_start = b
            .get(..at)
            .and_then(|h| memrchr(b'\n', h))
            .map_or(0, |k| k + 1);
        let line_end = b
            .get(at..)
            .and_then(|h| memchr(b'\n', h))
            .map_or(t.len(), |k| at + k);
        let lo = ceil_char_boundary(t, line_start.max(at.saturating_sub(PRE_WINDOW)));
        let hi = floor_char_boundary(t, line_end.min(at + REPORTED_WINDOW));
        let mut sent = std::mem::take(&mut self.buf);
        sentence_before(t, lo, at, self.spans, lo > line_start, &mut sent);
        let v = sent.len();
        let mut after = std::mem::take(&mut self.after_buf);
        tokenize_until(t, at, hi, self.spans, false, true, &mut after);
        sent.extend_from_slice(&after);
        self.after_buf = after;
        // Word classes matter around the verb only (its subject, its
        // phrase, a speaker after it); the clause itself is only counted.
        let lo_k = v.saturating_sub(REPORTED_CLASSIFY_BEFORE);
        let hi_k = sent.len().min(v + REPORTED_CLASSIFY_AFTER);
        if let Some(near) = sent.get_mut(lo_k..hi_k) {
            classify(t, near);
        }
        let found = reported_clause(t, &sent, v).and_then(|r| {
            let (a, z) = r.content;
            let mut speaker = r
                .speaker
                .and_then(|(s, e)| self.resolver.resolve_np(&mut self.registry, &sent[s..e]));
            if let (Some(e), Some((s, _))) = (speaker, r.speaker) {
                self.registry.mentions.push((sent[s].start, e));
            }
            if speaker.is_none() && r.elided {
                speaker = self.resolver.resolve_pronoun(&self.registry, "they", at);
            }
            Some(ReportedRecord {
                phrase: r.speaker.map(|(s, e)| (sent[s].start, sent[e - 1].end)),
                content: (sent[a].start, sent[z - 1].end),
                cue: (sent[r.cue.0].start, sent[r.cue.1].end),
                speaker,
                sentence_end: sent.last()?.outer_end,
            })
        });
        self.buf = sent;
        found
    }

    /// Speaker, cue and fragment flag of one quote. `prev_nf` is the end and
    /// speaker of the last statement quote, which an unattributed statement
    /// right after it continues.
    fn attribute(&mut self, qi: usize, prev_nf: Option<(usize, Option<usize>)>) -> Found {
        let t = self.text;
        let sp = self.spans[qi];
        let pre = self.pre_attr(qi);
        let post = if sp.closed { self.post_attr(qi) } else { None };
        let starts = pre.starts || sp.joined;
        // After a colon a capitalized quote, after "said that" a clause of
        // 3+ words, is a statement of its own.
        let lead_in = (pre.colon && starts_upper(span_text(t, sp.start, sp.end)))
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
                    ent.map(|(e, phrase)| Attribution {
                        ent: Some(e),
                        cue: None,
                        pos: sp.open,
                        phrase,
                    })
                })
                .or(pre.attr)
        } else if pre.adjacent {
            pre.attr.or(post)
        } else {
            post.or(pre.attr)
        };
        let mut found = Found {
            ent: None,
            cue: None,
            fragment,
            phrase: None,
            continued: false,
        };
        if let Some(a) = chosen {
            found.ent = a.ent;
            found.cue = a.cue;
            found.phrase = a.phrase;
            if let Some(e) = a.ent {
                self.registry.mentions.push((a.pos, e));
            }
        } else if !fragment
            && starts
            && let Some((pce, pent)) = prev_nf
            && continues(t, pce, sp.open)
        {
            found.ent = pent;
            found.continued = pent.is_some();
        }
        found
    }

    /// Attribution in the same sentence before the quote ("X said, '...'").
    fn pre_attr(&mut self, qi: usize) -> BeforeQuote {
        let t = self.text;
        let sp = self.spans[qi];
        let lo = sp.paragraph_start.max(sp.open.saturating_sub(PRE_WINDOW));
        let mut toks = std::mem::take(&mut self.buf);
        sentence_before(
            t,
            ceil_char_boundary(t, lo),
            sp.open,
            self.spans,
            lo > sp.paragraph_start,
            &mut toks,
        );
        classify(t, &mut toks);
        let mut pre = self.pre_attr_in(&toks);
        self.buf = toks;
        if pre.starts && pre.attr.is_none() {
            // "Cruz continued:\n\n“…”": a paragraph ending in a colon
            // introduces the quote that opens the next one.
            let b = t.as_bytes();
            let end = trim_end_pos(b, 0, sp.paragraph_start);
            if end > 0 && byte_at(b, end - 1) == b':' {
                let line_start = b
                    .get(..end)
                    .and_then(|h| memrchr(b'\n', h))
                    .map_or(0, |k| k + 1);
                let lo = line_start.max(end.saturating_sub(PRE_WINDOW));
                let mut toks = std::mem::take(&mut self.buf);
                sentence_before(
                    t,
                    ceil_char_boundary(t, lo),
                    end,
                    self.spans,
                    lo > line_start,
                    &mut toks,
                );
                classify(t, &mut toks);
                let before = self.pre_attr_in(&toks);
                self.buf = toks;
                if before.attr.is_some() {
                    pre.attr = before.attr;
                    pre.colon = true;
                }
            }
        }
        pre
    }

    fn pre_attr_in(&mut self, sent: &[Token]) -> BeforeQuote {
        let t = self.text;
        let mut pre = BeforeQuote {
            starts: sent.is_empty(),
            attr: None,
            adjacent: false,
            np_ctx: false,
            colon: false,
            that: false,
        };
        let Some(lastt) = sent.last() else { return pre };
        pre.np_ctx = !lastt.is_quote && !lastt.comma && !lastt.colon && lastt.class & NPCTX != 0;
        pre.colon = !lastt.is_quote && lastt.colon;
        let Some((v, kind)) = find_cue_back(t, sent) else {
            // "The envoy was blunt: '...'": the subject speaks, if a person;
            // "- Philip Bump: '...'": so does a name right before the colon.
            let named_before_colon = np_back(t, sent, sent.len()).filter(|&(a, b)| {
                b - a <= 4
                    && sent[a..b].iter().all(|x| {
                        starts_upper(token_word(t, x)) && x.class & (DET | PRON | STOP) == 0
                    })
            });
            if pre.colon
                && let Some((a, b)) = named_before_colon.or_else(|| subject(t, sent, sent.len()))
                && let Some(e) = self.resolver.resolve_np(&mut self.registry, &sent[a..b])
                && self.registry.entities.get(e).is_some_and(|x| x.person)
            {
                pre.attr = Some(Attribution {
                    ent: Some(e),
                    cue: None,
                    pos: sent[a].start,
                    phrase: Some((sent[a].start, sent[b - 1].end)),
                });
            }
            return pre;
        };
        pre.that = kind.speech() && eq_ci(token_word(t, lastt), "that");
        let pe = extend_cue(t, sent, v, kind);
        let last = sent.len() - 1;
        pre.adjacent = kind.speech()
            && (pe >= last
                || ((lastt.comma || lastt.colon)
                    && last - pe <= 6
                    && !sent[pe + 1..].iter().any(|x| x.is_quote)));
        let (ent, pos, phrase) = self.cue_speaker(sent, v, kind);
        pre.attr = Some(Attribution {
            ent,
            cue: Some((sent[v].start, sent[pe].end)),
            pos,
            phrase,
        });
        pre
    }

    /// Who the cue at `v` gives the words to.
    fn cue_speaker(
        &mut self,
        sent: &[Token],
        v: usize,
        kind: CueKind,
    ) -> (Option<usize>, usize, Option<(usize, usize)>) {
        let t = self.text;
        let (np, elided) = speaker_phrase(t, sent, v, kind);
        let mut ent =
            np.and_then(|(a, b)| self.resolver.resolve_np(&mut self.registry, &sent[a..b]));
        let anonymous = np.is_some_and(|(a, b)| {
            let w = token_word(t, &sent[a]);
            eq_ci(w, "a") || eq_ci(w, "an") || sent[b - 1].class & GENERIC != 0
        });
        if ent.is_none() && elided && !anonymous {
            // A clause without a named subject goes on about the last person named.
            ent = self
                .resolver
                .resolve_pronoun(&self.registry, "they", sent[v].start);
        }
        (
            ent,
            np.map_or(sent[v].start, |(a, _)| sent[a].start),
            np.map(|(a, b)| (sent[a].start, sent[b - 1].end)),
        )
    }

    /// For a fragment, a cue later in its own sentence ("This includes 'x'
    /// and framed it as ..."): the speaker only, never the cue.
    fn later_speaker(&mut self, qi: usize) -> Option<(usize, Option<(usize, usize)>)> {
        let t = self.text;
        let sp = self.spans[qi];
        let hi = floor_char_boundary(t, sp.paragraph_end.min(sp.close_end + POST_WINDOW));
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
        let (ent, _, phrase) = self.cue_speaker(&toks, v, kind);
        ent.map(|e| (e, phrase))
    }

    /// Attribution right after the closing mark ("'...,' he said").
    fn post_attr(&mut self, qi: usize) -> Option<Attribution> {
        let t = self.text;
        let b = t.as_bytes();
        let sp = self.spans[qi];
        if matches!(byte_at(b, sp.close_end), b'.' | b'!' | b'?') {
            return None; // '"...". She added' : the sentence ended at the mark
        }
        let last = last_char(t, sp.start, sp.end);
        let term_mode = last == Some('.');
        // "'...,' the director, X, said": only after an open ending may an
        // appositive or role word stand before the speaker.
        let open_end = matches!(last, Some(',' | '?' | '!' | '—' | '–' | '-'))
            || byte_at(b, sp.close_end) == b',';
        let hi = floor_char_boundary(t, sp.paragraph_end.min(sp.close_end + POST_WINDOW));
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

    fn post_attr_in(
        &mut self,
        toks: &[Token],
        term_mode: bool,
        open_end: bool,
    ) -> Option<Attribution> {
        let t = self.text;
        let (np, v) = if is_according(t, toks, 0) {
            (np_fwd(t, toks, 2, toks.len())?, 0)
        } else if cue_kind(t, toks.first()?) == Some(CueKind::Finite) {
            (np_fwd(t, toks, 1, toks.len())?, 0)
        } else if let Some(found) = open_end
            .then(|| name_then_appositive(t, toks))
            .flatten()
            .or_else(|| (!term_mode).then(|| sentence_final(t, toks)).flatten())
        {
            found
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
                        starts_lower(token_word(t, x))
                            && x.class & (STOP | AUX | CUE | CUE_ING | PREP | PRON | TIME) == 0
                    });
                let appositive = lead.len() <= 6
                    && lead.last().is_some_and(|x| x.comma)
                    && lead
                        .first()
                        .is_some_and(|x| x.class & DET != 0 || starts_upper(token_word(t, x)))
                    && lead
                        .iter()
                        .all(|x| !x.is_quote && x.class & (AUX | CUE | CUE_ING | PRON) == 0);
                // "Clinton campaign manager Robby Mook said": modifiers of a
                // titled name.
                let modifiers = lead.len() <= 4
                    && toks[np.0..np.1].iter().any(|x| x.class & TITLE != 0)
                    && starts_upper(token_word(t, &toks[np.1 - 1]))
                    && lead.iter().all(|x| {
                        !x.is_quote
                            && !x.comma
                            && !x.term
                            && x.class & (AUX | CUE | CUE_ING | PRON | STOP | PREP) == 0
                    });
                np.0 == 0 || (open_end && (roles || appositive || modifiers))
            });
            match np {
                Some(np) if ok => (np, v),
                _ => {
                    // A reporting verb we cannot parse a speaker for still
                    // means the quote is attributed (to someone unnamed).
                    let x0 = toks.first()?;
                    let np_like = x0.class & (DET | TITLE) != 0 || starts_upper(token_word(t, x0));
                    return (open_end && np_like).then(|| Attribution {
                        ent: None,
                        cue: Some((toks[v].start, toks[v].end)),
                        pos: x0.start,
                        phrase: None,
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
        let ent = self
            .resolver
            .resolve_np(&mut self.registry, &toks[np.0..np.1]);
        Some(Attribution {
            ent,
            cue: Some((toks[v].start, toks[pe].end)),
            pos: toks[np.0].start,
            phrase: Some((toks[np.0].start, toks[np.1 - 1].end)),
        })
    }
}

/// The speaker phrase of the cue at `v` in `sent`, and whether the subject
/// is elided (a participle, "X, in Geneva, said", "... and said"), when the
/// last person named speaks.
pub(super) fn speaker_phrase(
    t: &str,
    sent: &[Token],
    v: usize,
    kind: CueKind,
) -> (Option<(usize, usize)>, bool) {
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
                None if j > 0 && sent[j - 1].is_quote => np_fwd(t, sent, v + 1, sent.len()),
                // "X, in Geneva, said" / "... and framed it as"
                None if j == 0
                    || sent[j - 1].comma
                    || is_coordinator(token_word(t, &sent[j - 1])) =>
                {
                    elided = true;
                    subject(t, sent, v)
                }
                None => None,
            }
        }
    };
    (np, elided)
}

/// How a record's speaker was found: from its phrase as written, or carried
/// over from the quote before.
fn resolution(t: &str, phrase: Option<(usize, usize)>, continued: bool) -> Resolution {
    if continued {
        return Resolution::Continuation;
    }
    let Some((s, e)) = phrase else {
        // an elided subject ("..., adding that"): resolved like a pronoun
        return Resolution::Pronoun;
    };
    let words = span_text(t, s, e);
    let first = words.split_whitespace().next().unwrap_or("");
    if word_class(first) & PRON != 0 && !words.contains(char::is_whitespace) {
        Resolution::Pronoun
    } else if word_class(first) & DET != 0 || !starts_upper(first) {
        Resolution::Description
    } else {
        Resolution::Named
    }
}

/// `Chris Weston, chief market strategist at IG, said`: a name set off by a
/// comma, a description of any length up to a comma, then the verb. Gives
/// the name's token range and the verb.
fn name_then_appositive(t: &str, toks: &[Token]) -> Option<((usize, usize), usize)> {
    let first = toks.first()?;
    if !starts_upper(token_word(t, first)) || first.class & (STOP | DET | PRON | TIME) != 0 {
        return None;
    }
    let np = np_fwd(t, toks, 0, toks.len())?;
    let proper = toks[np.0..np.1]
        .iter()
        .all(|x| starts_upper(token_word(t, x)) && !x.poss);
    if !proper || !toks[np.1 - 1].comma || np.1 - np.0 > 4 {
        return None;
    }
    let v = (np.1 + 1..toks.len().min(np.1 + APPOSITIVE_MAX))
        .take_while(|&k| !toks[k - 1].term && !toks[k - 1].is_quote)
        .find(|&k| toks[k - 1].comma && cue_kind(t, &toks[k]) == Some(CueKind::Finite))?;
    // (the description holds no verb of its own: "Ana Lind, who said ...")
    let described = toks[np.1..v]
        .iter()
        .all(|x| x.class & (CUE | CUE_ING | PRON) == 0 && !x.is_quote);
    described.then_some((np, v))
}

/// `"..." than that of the CIA chief, Zuckoff said.`: the quote runs on in
/// the author's sentence, which ends with ", NAME said".
fn sentence_final(t: &str, toks: &[Token]) -> Option<((usize, usize), usize)> {
    let end = toks.iter().position(|x| x.term)?;
    let v = (1..=end)
        .rev()
        .take(3)
        .find(|&k| cue_kind(t, &toks[k]) == Some(CueKind::Finite))?;
    let np = subject_before(t, toks, skip_aux(t, toks, v))?;
    let set_off = np.0 > 0 && toks[np.0 - 1].comma;
    let clean = toks[np.0..v].iter().all(|x| !x.is_quote);
    (set_off && clean && np.1 - np.0 <= 5).then_some((np, v))
}

/// Longest description between a name and its reporting verb, in tokens.
const APPOSITIVE_MAX: usize = 24;

/// Copies a name or cue with each run of whitespace (a line wrap, a no-break
/// space) turned into one space.
pub(super) fn squash(s: &str) -> String {
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

pub(super) fn is_coordinator(w: &str) -> bool {
    ["and", "but", "or", "then", "yet", "so"]
        .iter()
        .any(|c| eq_ci(w, c))
}

/// Does an unattributed quote at `open` directly continue the quote that
/// ended at `prev_end` (same or next paragraph, nothing in between)?
pub(super) fn continues(t: &str, prev_end: usize, open: usize) -> bool {
    if open < prev_end || open - prev_end > CONTINUE_GAP {
        return false;
    }
    let b = t.as_bytes();
    let Some(gap) = b.get(prev_end..open) else {
        return false;
    };
    match (memchr(b'\n', gap), memrchr(b'\n', gap)) {
        (Some(f), Some(l)) => span_text(t, prev_end + f, prev_end + l).trim().is_empty(),
        _ => true,
    }
}
