//! The resolver: turns a speaker phrase ("he", "Okafor", "the minister",
//! "the agency", "Borduria's tax office") into an entity of the registry,
//! registering it when it is new.

use memchr::memmem;

use super::chars::*;
use super::lexicon::*;
use super::phrases::*;
use super::registry::*;
use super::tokens::*;
use super::{ALIAS_MAX, HIT_MAX, MENTION_LOOKBACK, MENTION_REACH, NAME_LOOKBACK, ORG_LOOKBACK};

pub(super) fn head_match(ctx: &str, head: &str) -> bool {
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

pub(super) fn ctx_words(ctx: &str) -> impl Iterator<Item = &str> {
    ctx.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Turns a speaker phrase into an entity of the registry: a name (or a
/// surname met alone) to the person first named in full, "he"/"she"/"it" to
/// the nearest fitting mention, "the minister" to the person introduced with
/// that title, "the agency" to the organisation it stands for.
pub(super) struct Resolver {
    /// Descriptions already resolved ("tax office" -> entity), newest last.
    aliases: Vec<((usize, usize), usize)>,
}

impl Resolver {
    pub(super) fn new() -> Self {
        Resolver {
            aliases: Vec::new(),
        }
    }

    pub(super) fn resolve_np(&mut self, reg: &mut Registry<'_>, np: &[Token]) -> Option<usize> {
        let t = reg.text;
        let first = np.first()?;
        let last = np.last()?;
        let w0 = token_word(t, first);
        let f0 = first.class;
        if np.len() == 1 && f0 & PRON != 0 {
            return self.resolve_pronoun(reg, w0, first.start);
        }
        if last.class & GENERIC != 0 {
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
                return Some(reg.register_given(np[1].start, last.end, false));
            }
            return self.resolve_description(reg, &np[1..], (first.start, last.end), first.start);
        }
        // A lowercase head after proper words: "Borduria's tax office".
        if !starts_upper(token_word(t, last)) && last.class & TITLE == 0 {
            return Some(reg.register_given(first.start, last.end, false));
        }
        let (a, b) = name_part(t, np);
        if a >= b {
            return self.resolve_description(reg, np, (first.start, last.end), first.start);
        }
        let titled = np[..a].iter().any(|x| x.class & TITLE != 0);
        let org = np[a..b].iter().any(|x| x.class & ORG != 0)
            || (!titled && np.iter().any(|x| x.class & ORG != 0));
        if org {
            let s = np
                .iter()
                .find(|x| x.class & STOP == 0)
                .map_or(first.start, |x| x.start);
            return Some(reg.register_given(s, last.end, false));
        }
        let name = &np[a..b];
        if let [x] = name
            && reg.find_ent(name).is_none()
            && let Some(e) = self.full_name_back(reg, x)
        {
            return Some(e); // "Okafor said" after an untitled "Dev Okafor"
        }
        Some(reg.lookup_or_register(name, (first.start, np[a].start), true))
    }

    /// For a surname met alone: the nearest earlier "First Surname" in the
    /// text, registered as a person with the titles standing before it.
    pub(super) fn full_name_back(&mut self, reg: &mut Registry<'_>, x: &Token) -> Option<usize> {
        let t = reg.text;
        let b = t.as_bytes();
        let w = token_word(t, x);
        if w.len() < 2 {
            return None;
        }
        let lo = floor_char_boundary(t, x.start.saturating_sub(NAME_LOOKBACK));
        let hay = b.get(lo..x.start)?;
        let mut end = hay.len();
        for _ in 0..HIT_MAX {
            let off = memmem::rfind(hay.get(..end)?, w.as_bytes())?;
            end = off;
            let abs = lo + off;
            let Some((sur, _, _)) = next_tok(t, abs, x.start) else {
                continue;
            };
            if sur.start != abs || token_word(t, &sur) != w {
                continue; // inside a longer word
            }
            let Some(given) = prev_tok(t, abs, lo).filter(|p| person_word(t, p, abs)) else {
                continue;
            };
            let mut toks = [given, given, classified(t, sur)];
            let mut k = 1;
            if let Some(mid) =
                prev_tok(t, given.outer_start, lo).filter(|p| person_word(t, p, given.outer_start))
            {
                toks[0] = mid;
                k = 0;
            }
            let name = &toks[k..];
            if !name_ok(t, name) {
                continue;
            }
            // Titles right before the name are its context ("striker Dev Okafor").
            let mut cs = name[0].start;
            let mut cur = name[0].outer_start;
            for _ in 0..3 {
                match prev_tok(t, cur, lo) {
                    Some(p) if !p.term && !p.comma && p.class & (TITLE | QUAL) != 0 => {
                        cs = p.start;
                        cur = p.outer_start;
                    }
                    _ => break,
                }
            }
            return Some(reg.lookup_or_register(name, (cs, name[0].start), true));
        }
        None
    }

    pub(super) fn resolve_pronoun(&self, reg: &Registry<'_>, w: &str, pos: usize) -> Option<usize> {
        // The gender a pronoun rules out: "he" is nobody known to be a woman.
        let (want_person, ruled_out) = if eq_ci(w, "he") {
            (true, FEMALE)
        } else if eq_ci(w, "she") {
            (true, MALE)
        } else if eq_ci(w, "they") {
            (true, 0)
        } else if eq_ci(w, "it") {
            (false, 0)
        } else {
            return None;
        };
        let fits = |e: usize| {
            reg.entities.get(e).is_some_and(|x| {
                x.person == want_person && (ruled_out == 0 || x.gender != ruled_out)
            })
        };
        // The nearest fitting mention, looking back a bounded number of
        // mentions; but when that one is an object ("met Trump", "with
        // Trump"), a fitting sentence subject a little further back is the
        // likelier antecedent ("Kasich met Trump. 'X,' he said").
        let mut candidates = reg
            .mentions
            .iter()
            .rev()
            .take(MENTION_LOOKBACK)
            .filter(|&&(p, e)| p < pos && pos - p <= MENTION_REACH && fits(e));
        let &(near_pos, nearest) = candidates.next()?;
        if !after_a_word(reg.text, near_pos) {
            return Some(nearest);
        }
        let subject = candidates
            .take_while(|&&(p, _)| pos - p <= SUBJECT_REACH)
            .find(|&&(p, _)| opens_sentence(reg.text, p));
        Some(subject.map_or(nearest, |&(_, e)| e))
    }

    /// "the minister" / "the Ruritanian leader" / "the tax office".
    pub(super) fn resolve_description(
        &mut self,
        reg: &mut Registry<'_>,
        words: &[Token],
        full: (usize, usize),
        pos: usize,
    ) -> Option<usize> {
        let t = reg.text;
        let last = words.last()?;
        let head = token_word(t, last);
        let hf = last.class;
        if head.len() > 9
            && head
                .get(head.len() - 9..)
                .is_some_and(|s| eq_ci(s, "-year-old"))
        {
            // "the 47-year-old": the person named last
            return self.resolve_pronoun(reg, "they", pos);
        }
        if hf & TITLE != 0 {
            let mut best: Option<(usize, usize)> = None;
            for &(mp, e) in reg.mentions.iter().rev().take(MENTION_LOOKBACK) {
                let Some(ent) = reg.entities.get(e) else {
                    continue;
                };
                if mp >= pos || pos - mp > MENTION_REACH || !ent.person {
                    continue;
                }
                let ctx = span_text(t, ent.context.0, ent.context.1);
                if !head_match(ctx, head) {
                    continue;
                }
                let mods = words[..words.len() - 1]
                    .iter()
                    .filter(|x| {
                        let w = token_word(t, x);
                        ctx_words(ctx).any(|c| eq_ci(c, w))
                    })
                    .count();
                if best.is_none_or(|(s, _)| mods + 1 > s) {
                    best = Some((mods + 1, e));
                }
            }
            return best
                .map(|(_, e)| e)
                .or_else(|| self.resolve_pronoun(reg, "they", pos));
        }
        // Same description as before ("the agency" again): same answer.
        let phrase = span_text(t, words[0].start, last.end);
        if let Some(&(_, e)) = self
            .aliases
            .iter()
            .rev()
            .find(|(a, _)| span_text(t, a.0, a.1) == phrase)
        {
            return Some(e);
        }
        let mut found = if hf & (ORG | ORGNOUN) != 0 {
            self.org_lookback(reg, words, pos)
        } else {
            None
        };
        if found.is_none() && hf & ORGNOUN != 0 {
            found = self.org_anaphor(reg, words, pos);
        }
        let e = found.unwrap_or_else(|| reg.register_given(full.0, full.1, false));
        if self.aliases.len() >= ALIAS_MAX {
            self.aliases.remove(0);
        }
        self.aliases.push(((words[0].start, last.end), e));
        Some(e)
    }

    /// Finds "Borduria's tax office" earlier in the text for "the tax office".
    pub(super) fn org_lookback(
        &mut self,
        reg: &mut Registry<'_>,
        words: &[Token],
        pos: usize,
    ) -> Option<usize> {
        let t = reg.text;
        let b = t.as_bytes();
        let (ps, pe) = (words.first()?.start, words.last()?.end);
        let needle = span_text(t, ps, pe).as_bytes();
        if needle.is_empty() {
            return None;
        }
        let lo = floor_char_boundary(t, pos.saturating_sub(ORG_LOOKBACK));
        let hay = b.get(lo..pos.min(ps))?;
        let mut end = hay.len();
        let proper = |x: &Token| {
            let w = token_word(t, x);
            starts_upper(w) && x.class & (STOP | DET | PRON | TIME) == 0 && !x.comma && !x.term
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
                let mut st = pt.start;
                let mut cur = pt;
                for _ in 0..4 {
                    match prev_tok(t, cur.outer_start, lo) {
                        Some(p2) if proper(&p2) && !p2.poss => {
                            st = p2.start;
                            cur = p2;
                        }
                        _ => break,
                    }
                }
                return Some(reg.register_given(st, abs + needle.len(), false));
            }
            end = off;
        }
        None
    }

    /// "the board" / "the consumer group": the organisation named last whose
    /// name ends in that noun ("... Safety Board"); else the one the article
    /// introduced with it ("consumer group FairBuy", "FairBuy, a consumer
    /// group,"); "the company" also takes one introduced as a supplier, maker...
    pub(super) fn org_anaphor(
        &mut self,
        reg: &mut Registry<'_>,
        words: &[Token],
        pos: usize,
    ) -> Option<usize> {
        let t = reg.text;
        let head = words.last()?;
        let hw = token_word(t, head).as_bytes();
        let mut noun = [0u8; 24];
        let n = hw.len();
        if n < 2 || n > noun.len() || !hw.is_ascii() {
            return None;
        }
        noun[..n].copy_from_slice(hw);
        noun[..n].make_ascii_lowercase();
        let mods = &words[..words.len() - 1];
        let lo = ceil_char_boundary(t, pos.saturating_sub(ORG_LOOKBACK));
        let mut cap = noun;
        cap[0].make_ascii_uppercase();
        if let Some((s, e)) = named_with_head(t, lo, pos, &cap[..n], mods) {
            return Some(reg.register_given(s, e, false));
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
                return Some(reg.register_given(s, e, false));
            }
        }
        if !company {
            return None;
        }
        // "the company" with no introduction: the organisation quoted last.
        reg.mentions
            .iter()
            .rev()
            .take(MENTION_LOOKBACK)
            .filter(|(p, _)| *p < pos && pos - *p <= MENTION_REACH)
            .find(|(_, e)| {
                // (a one-word speaker is an organisation: people come with
                // a given name first)
                reg.entities.get(*e).is_some_and(|x| {
                    let name = span_text(t, x.name.0, x.name.1);
                    (!x.person || (x.words == 1 && x.name == x.last))
                        && starts_upper(name)
                        && !name.starts_with("The ")
                })
            })
            .map(|&(_, e)| e)
    }
}

/// How far back (bytes) a sentence subject may win over a nearer mention.
const SUBJECT_REACH: usize = 300;

/// Where the titles before the mention at `pos` start ("Governor Ivo
/// Stanek" -> at "Governor"), and the word before them, if any.
fn before_titles(t: &str, pos: usize) -> (usize, Option<Token>) {
    let mut at = pos;
    for _ in 0..4 {
        match prev_tok(t, at, at.saturating_sub(64)) {
            Some(x) if !x.is_quote && !x.term && !x.comma && x.class & (TITLE | QUAL) != 0 => {
                at = x.outer_start;
            }
            other => return (at, other),
        }
    }
    (at, None)
}

/// Does the mention at `pos` (with its titles) open its sentence?
fn opens_sentence(t: &str, pos: usize) -> bool {
    let (start, _) = before_titles(t, pos);
    let b = t.as_bytes();
    let e = trim_end_pos(b, 0, start);
    e == 0
        || e < start
            && matches!(
                byte_at(b, e - 1),
                b'.' | b'!' | b'?' | b'\n' | b'"' | 0x9D | 0x9C
            )
}

/// Does a lowercase word stand before the mention at `pos`, titles aside
/// (an object of a verb or preposition: "met Trump", "with Mayor Brandt";
/// not "Army chief General Vos")?
fn after_a_word(t: &str, pos: usize) -> bool {
    let (_, before) = before_titles(t, pos);
    before.is_some_and(|x| {
        let w = token_word(t, &x);
        !x.is_quote && !x.comma && !x.term && !x.colon && !w.is_empty() && starts_lower(w)
    })
}

/// Kinds of business "the company" or "the firm" may refer back to.
pub(super) const COMPANY: [&str; 21] = [
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
pub(super) fn proper_name(t: &str, words: &[Token]) -> bool {
    words
        .first()
        .is_some_and(|x| starts_upper(token_word(t, x)))
        && words
            .last()
            .is_some_and(|x| starts_upper(token_word(t, x)) && x.class & GENERIC == 0)
        && words.iter().all(|x| {
            let w = token_word(t, x);
            !x.is_quote
                && x.class & TITLE == 0
                && (starts_upper(w) || ["of", "for", "and", "&"].contains(&w))
        })
}

/// A capitalized word that may be part of an organisation's name.
pub(super) fn org_word(t: &str, x: &Token) -> bool {
    let w = token_word(t, x);
    !x.is_quote
        && starts_upper(w)
        && x.class & (STOP | DET | PRON | TIME | CUE | CUE_ING | AUX | TITLE) == 0
        && !w.bytes().any(|c| c.is_ascii_digit())
}

/// A given name or middle name right before a surname at `next`.
pub(super) fn person_word(t: &str, x: &Token, next: usize) -> bool {
    let w = token_word(t, x);
    let b = t.as_bytes();
    org_word(t, x)
        && x.class & (QUAL | ORG | PREP | GENERIC) == 0
        && !(x.comma || x.term || x.colon || x.poss)
        && !is_acronym(w)
        && w.len() >= 2
        && !b.get(x.end..next).is_some_and(|g| g.contains(&b'\n'))
}

/// Does the text between two words hold a line break?
pub(super) fn breaks(t: &str, a: usize, c: usize) -> bool {
    t.as_bytes().get(a..c).is_some_and(|g| g.contains(&b'\n'))
}

/// Each modifier of a description ("consumer" in "the consumer group")
/// appears among the words of `ctx`.
pub(super) fn mods_in(t: &str, mods: &[Token], ctx: &str) -> usize {
    mods.iter()
        .filter(|m| ctx_words(ctx).any(|c| eq_ci(c, token_word(t, m))))
        .count()
}

/// Nearest capitalized name in `[lo, hi)` ending in `cap` ("National
/// Product Safety Board", "Larchmont Chamber of Trade") that holds every
/// modifier of the description.
pub(super) fn named_with_head(
    t: &str,
    lo: usize,
    hi: usize,
    cap: &[u8],
    mods: &[Token],
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
        if h.start != abs || h.end != abs + cap.len() || !word_start(t, abs) {
            continue;
        }
        let (mut s, mut e, mut n) = (h.start, h.end, 1);
        let mut cur = h.outer_start;
        for _ in 0..5 {
            match prev_tok(t, cur, lo) {
                Some(p)
                    if org_word(t, &p)
                        && !(p.comma || p.term || p.colon || p.poss)
                        && !breaks(t, p.end, cur) =>
                {
                    (s, cur, n) = (p.start, p.outer_start, n + 1);
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
            if nl || !["of", "for", "and", "&"].contains(&token_word(t, &c)) || c.comma {
                break;
            }
            let Some((x, j3, nl)) = next_tok(t, j2, hi) else {
                break;
            };
            let x = classified(t, x);
            if nl || !org_word(t, &x) {
                break;
            }
            (e, j, last, n) = (x.end, j3, x, n + 1);
        }
        if n >= 2 && mods_in(t, mods, span_text(t, s, e)) == mods.len() {
            return Some((s, e));
        }
    }
    None
}

/// Nearest name in `[lo, hi)` introduced with `noun`: after it ("consumer
/// group FairBuy") or before it in an appositive ("FairBuy, a consumer
/// group,"). Returns (modifiers matched, position, name start, name end).
pub(super) fn introduced_with(
    t: &str,
    lo: usize,
    hi: usize,
    noun: &[u8],
    mods: &[Token],
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
        if x.start != abs || x.end != abs + noun.len() || !word_start(t, abs) {
            continue;
        }
        // Modifiers right before the noun ("consumer" group).
        let mut before = [Token::default(); 3];
        let mut nb = 0;
        let mut cur = x.outer_start;
        while nb < 3 {
            match prev_tok(t, cur, lo) {
                Some(p) if !p.term && !p.comma && !breaks(t, p.end, cur) => {
                    before[nb] = p;
                    nb += 1;
                    cur = p.outer_start;
                }
                _ => break,
            }
        }
        let score = mods
            .iter()
            .filter(|m| {
                before[..nb]
                    .iter()
                    .any(|p| eq_ci(token_word(t, p), token_word(t, m)))
            })
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
pub(super) fn name_after(t: &str, noun: &Token, mut j: usize, hi: usize) -> Option<(usize, usize)> {
    if noun.comma || noun.term || noun.colon || noun.poss {
        return None;
    }
    let mut span: Option<(usize, usize)> = None;
    for _ in 0..4 {
        let Some((x, nj, nl)) = next_tok(t, j, hi) else {
            break;
        };
        let x = classified(t, x);
        if nl || !org_word(t, &x) || x.class & GENERIC != 0 {
            break;
        }
        span = Some((span.map_or(x.start, |s| s.0), x.end));
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
pub(super) fn name_before(t: &str, before: &[Token], lo: usize) -> Option<(usize, usize)> {
    let k = before.iter().position(|p| p.class & DET != 0)?;
    let d = &before[k];
    let w = token_word(t, d);
    if !["a", "an", "the"].contains(&w)
        || before[..k].iter().any(|p| {
            let w = token_word(t, p);
            !p.poss
                && (!starts_lower(w)
                    || p.class & (STOP | AUX | CUE | CUE_ING | PREP | PRON | TIME) != 0)
        })
    {
        return None;
    }
    let last = prev_tok(t, d.outer_start, lo)?;
    if !last.comma || last.term || !org_word(t, &last) || breaks(t, last.end, d.outer_start) {
        return None;
    }
    let mut s = last.start;
    let mut cur = last.outer_start;
    for _ in 0..3 {
        match prev_tok(t, cur, lo) {
            Some(p)
                if org_word(t, &p)
                    && !(p.comma || p.term || p.colon || p.poss)
                    && !breaks(t, p.end, cur) =>
            {
                (s, cur) = (p.start, p.outer_start);
            }
            _ => break,
        }
    }
    Some((s, last.end))
}
