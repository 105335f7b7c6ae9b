//! The registry of named entities. Reads the article text between quotes
//! (the attribution walk feeds it up to each quote); adds the people introduced
//! with a title ("Defence Minister Ana Lind"), before a reporting verb or
//! with an appositive, organisations met as speakers, and every later mention
//! of anyone already known, which pronouns and descriptions resolve against.

use memchr::{memchr, memrchr};

use super::LINE_PROBE;
use super::chars::*;
use super::lexicon::*;
use super::marks::QuoteSpan;
use super::phrases::*;
use super::segment::*;
use super::tokens::*;

/// Someone (or something) that speaks: spans into the article, no copies.
#[derive(Clone, Copy, Debug)]
pub(super) struct Entity {
    /// The name as first given in full ("Ana Lind", "the tax office").
    pub(super) name: (usize, usize),
    /// Its first and last word.
    pub(super) first: (usize, usize),
    pub(super) last: (usize, usize),
    /// Words in the name.
    pub(super) words: usize,
    /// Titles and descriptions it was introduced with ("Defence Minister",
    /// "the singer"), which "the minister" is matched against.
    pub(super) context: (usize, usize),
    /// A person (he, she, they), not an organisation or place (it).
    pub(super) person: bool,
    /// `MALE`, `FEMALE` or 0, from the given name or the titles.
    pub(super) gender: u32,
}

/// The people and organisations the article has named so far, found by full
/// name, surname or given name, and every place each was mentioned.
pub(super) struct Registry<'a> {
    pub(super) text: &'a str,
    spans: &'a [QuoteSpan],
    pub(super) entities: Vec<Entity>,
    /// Bloom filter over every key of the maps below: most capitalized words
    /// name nobody known, and this rejects them without hashing.
    bloom: [u64; 4],
    /// Newest entity by full name, by last word and by first word.
    by_name: NameMap<'a>,
    by_last: NameMap<'a>,
    by_first: NameMap<'a>,
    /// Reused buffer for runs of capitalized words.
    run_buf: Vec<Token>,
    /// (byte position, entity): where each known speaker was mentioned,
    /// in text order.
    pub(super) mentions: Vec<(usize, usize)>,
    /// The last line judged by `line_is_noise`: (line start, verdict).
    line_cache: Option<(usize, bool)>,
}

impl<'a> Registry<'a> {
    pub(super) fn new(text: &'a str, spans: &'a [QuoteSpan]) -> Self {
        Registry {
            text,
            spans,
            entities: Vec::new(),
            bloom: [0; 4],
            by_name: NameMap::default(),
            by_last: NameMap::default(),
            by_first: NameMap::default(),
            run_buf: Vec::new(),
            mentions: Vec::new(),
            line_cache: None,
        }
    }

    pub(super) fn register_given(&mut self, s: usize, e: usize, person: bool) -> usize {
        let t = self.text;
        let name = span_text(t, s, e);
        // (by_name holds the newest entity of each name: no scan of them all)
        if let Some(&i) = self.by_name.get(name) {
            return i;
        }
        self.push_ent(Entity {
            name: (s, e),
            first: (s, e),
            last: (s, e),
            words: 1,
            context: (s, s),
            person,
            gender: 0,
        })
    }

    fn push_ent(&mut self, e: Entity) -> usize {
        let t = self.text;
        let id = self.entities.len();
        for r in [e.name, e.first, e.last] {
            let (w, bit) = bloom_bit(span_text(t, r.0, r.1));
            if let Some(x) = self.bloom.get_mut(w) {
                *x |= bit;
            }
        }
        self.by_name.insert(span_text(t, e.name.0, e.name.1), id);
        self.by_last.insert(span_text(t, e.last.0, e.last.1), id);
        if e.words >= 2 {
            self.by_first.insert(span_text(t, e.first.0, e.first.1), id);
        }
        self.entities.push(e);
        id
    }

    pub(super) fn find_ent(&self, name: &[Token]) -> Option<usize> {
        let t = self.text;
        let (f, l) = (name.first()?, name.last()?);
        let full = span_text(t, f.start, l.end);
        let (fw, lw) = (token_word(t, f), token_word(t, l));
        let maybe = |w: &str| {
            let (i, bit) = bloom_bit(w);
            self.bloom.get(i).is_some_and(|x| x & bit != 0)
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
                    self.entities
                        .get(i)
                        .is_some_and(|e| e.words >= 2 && span_text(t, e.first.0, e.first.1) == fw)
                })
            })
        }
    }

    pub(super) fn lookup_or_register(
        &mut self,
        name: &[Token],
        ctx: (usize, usize),
        person: bool,
    ) -> usize {
        if let Some(i) = self.find_ent(name) {
            return i;
        }
        let (Some(f), Some(l)) = (name.first(), name.last()) else {
            return 0;
        };
        let gender = if person {
            gender_of(self.text, name, ctx)
        } else {
            0
        };
        self.push_ent(Entity {
            name: (f.start, l.end),
            first: (f.start, f.end),
            last: (l.start, l.end),
            words: name.len(),
            context: ctx,
            person,
            gender,
        })
    }

    /// Walks text between quotes, noting people introduced with a title
    /// ("Defense Minister Kim ..."), before a reporting verb, or in an
    /// appositive, and every later mention of anyone already known.
    pub(super) fn harvest(&mut self, from: usize, to: usize) {
        let t = self.text;
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
            let c = byte_at(b, i);
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
        let t = self.text;
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
            let w = token_word(t, &x);
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
        while run.last().is_some_and(|x| !starts_upper(token_word(t, x))) {
            run.pop();
        }
        let end = run.last().map_or(j, |x| x.outer_end);
        if !run.is_empty() {
            self.consider_run(&run, to);
        }
        self.run_buf = run;
        end
    }

    fn consider_run(&mut self, run: &[Token], to: usize) {
        let t = self.text;
        let skip = STOP | DET | PRON | TIME | CUE | CUE_ING | AUX;
        let s0 = run.iter().take_while(|x| x.class & skip != 0).count();
        let toks = &run[s0..];
        let (a, b) = name_part(t, toks);
        if a >= b {
            return;
        }
        let name = &toks[a..b];
        let lower_title = if s0 == 0 && a == 0 {
            // after a comma ("the minister, Ana Lind") only a full name counts
            prev_lower_title(t, toks[0].outer_start).filter(|&(_, comma)| !comma || b - a >= 2)
        } else {
            None
        };
        let titled = toks[..a].iter().any(|x| x.class & TITLE != 0) || lower_title.is_some();
        if name_ok(t, name) {
            let lastn = name[name.len() - 1];
            // A known given name before a surname says "person" by itself
            // ("Bernie Sanders"); so does a reporting verb after a name.
            let given = name.len() >= 2 && name[0].class & (MALE | FEMALE) != 0;
            let lone_speaker = name.len() == 1
                && b == toks.len()
                && name[0].class & (ORG | ORGNOUN | QUAL | GENERIC) == 0
                && !is_acronym(token_word(t, &name[0]))
                && cue_after(t, lastn.outer_end, to);
            let evidence = titled
                || given
                || lone_speaker
                || (name.len() >= 2
                    && b == toks.len()
                    && (cue_after(t, lastn.outer_end, to)
                        || (lastn.comma && appositive_after(t, lastn.outer_end, to))));
            if evidence && !self.line_is_noise(name[0].start) {
                // Title context: this name's own titles only ("Defence Minister").
                let cs = lower_title.map_or(toks[0].start, |(s, _)| s);
                // ... or the description set off after it ("Ana Lind, the
                // singer,"), which the context then runs on to.
                let ce = if lastn.comma && !titled && appositive_after(t, lastn.outer_end, to) {
                    appositive_end(t, lastn.outer_end, to)
                } else {
                    name[0].start
                };
                let id = self.lookup_or_register(name, (cs, ce), true);
                self.mentions.push((name[0].start, id));
                return;
            }
        }
        if let Some(id) = self.find_ent(name) {
            self.mentions.push((name[0].start, id));
        }
    }

    /// Headlines (no closing punctuation) and furniture don't introduce people.
    fn line_is_noise(&mut self, pos: usize) -> bool {
        let t = self.text;
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
        let line = span_text(t, ceil_char_boundary(t, ls), floor_char_boundary(t, le)).trim();
        let unpunctuated = !matches!(
            line.chars().next_back(),
            Some('.' | '?' | '!' | '"' | '”' | '’' | '\'' | ')' | ':' | '…')
        );
        let wrapped = le < b.len() && soft_break(b, ls, le);
        // A paragraph holding a quote already passed the furniture test.
        let k = self.spans.partition_point(|s| s.paragraph_start < ls);
        let judged = self.spans.get(k).is_some_and(|s| s.paragraph_start == ls);
        let r = (unpunctuated && !wrapped) || (!judged && is_furniture(t, ls, le));
        self.line_cache = Some((ls, r));
        r
    }
}

/// High bit set in each of the 8 bytes (little-endian) that is an ASCII
/// capital or a non-ASCII byte (which might start a capitalized word).
pub(super) fn capital_mask(x: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let high = x & HI;
    let low7 = x & !HI; // additions below cannot carry between bytes
    let ge_a = low7.wrapping_add(LO * (0x80 - u64::from(b'A')));
    let gt_z = low7.wrapping_add(LO * (0x80 - u64::from(b'Z') - 1));
    (ge_a & !gt_z & HI) | high
}

/// Word and bit of `w` in a 256-bit bloom filter (length, first, last byte).
pub(super) fn bloom_bit(w: &str) -> (usize, u64) {
    let b = w.as_bytes();
    let h = (b.len() as u64)
        .wrapping_mul(0x9E37_79B9)
        .wrapping_add(u64::from(b.first().copied().unwrap_or(0)).wrapping_mul(0x85EB_CA6B))
        .wrapping_add(u64::from(b.last().copied().unwrap_or(0)).wrapping_mul(0xC2B2_AE35));
    let h = (h ^ (h >> 15)) & 255;
    ((h >> 6) as usize, 1 << (h & 63))
}

pub(super) fn word_start(t: &str, i: usize) -> bool {
    let b = t.as_bytes();
    if i == 0 {
        return true;
    }
    let p = byte_at(b, i - 1);
    if p < 0x80 {
        !p.is_ascii_alphanumeric() && p != b'\'' && p != b'-'
    } else {
        !char_before(t, i).is_some_and(char::is_alphanumeric)
    }
}

/// A lowercase title right before a name: its start, and whether a comma
/// separates them ("spokesperson Nils Dahl", "the prime minister, Ana Lind").
pub(super) fn prev_lower_title(t: &str, ws: usize) -> Option<(usize, bool)> {
    // Cheap gate: lowercase titles are words of 4+ letters right before.
    let b = t.as_bytes();
    let mut k = ws;
    if byte_at(b, k.wrapping_sub(1)) != b' ' {
        return None;
    }
    k -= 1;
    let comma = byte_at(b, k.wrapping_sub(1)) == b',';
    k -= usize::from(comma);
    let gate = k >= 4
        && b.get(k - 4..k)
            .is_some_and(|w| w.iter().all(u8::is_ascii_lowercase));
    if !gate {
        return None;
    }
    prev_tok(t, ws, ws.saturating_sub(40))
        .filter(|x| !x.term && starts_lower(token_word(t, x)) && x.class & TITLE != 0)
        .map(|x| (x.start, x.comma))
}

pub(super) fn cue_after(t: &str, pos: usize, to: usize) -> bool {
    let mut j = pos;
    for _ in 0..3 {
        let Some((x, nj, nl)) = next_tok(t, j, to) else {
            return false;
        };
        let x = classified(t, x);
        let w = token_word(t, &x);
        if nl || !starts_lower(w) {
            return false;
        }
        if x.class & CUE != 0 {
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
pub(super) fn appositive_end(t: &str, pos: usize, to: usize) -> usize {
    let mut j = pos;
    for _ in 0..6 {
        let Some((x, nj, nl)) = next_tok(t, j, to) else {
            break;
        };
        if nl || x.is_quote {
            break;
        }
        j = nj;
        if x.comma || x.term || x.colon {
            break;
        }
    }
    j
}

pub(super) fn appositive_after(t: &str, pos: usize, to: usize) -> bool {
    next_tok(t, pos, to).is_some_and(|(x, _, nl)| {
        !nl && ["a", "an", "the", "who"]
            .iter()
            .any(|w| token_word(t, &x) == *w)
    })
}

/// A person's gender as far as the words say: the given name ("Hillary"),
/// else a gendered title in the context ("Mrs", "spokeswoman"); 0 when
/// neither tells.
fn gender_of(t: &str, name: &[Token], ctx: (usize, usize)) -> u32 {
    let of = |w: &str| word_class(w) & (MALE | FEMALE);
    let given = match name {
        [first, _, ..] => of(token_word(t, first)),
        _ => 0,
    };
    if given == MALE || given == FEMALE {
        return given;
    }
    let titled = span_text(t, ctx.0, ctx.1)
        .split(|c: char| !c.is_alphabetic())
        .fold(0, |g, w| g | of(w));
    if titled == MALE || titled == FEMALE {
        titled
    } else {
        0
    }
}
