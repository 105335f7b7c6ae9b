//! The word lexicon: closed-class words, titles, organisation nouns and
//! reporting verbs, each with its class flags. Read by the token pass, which
//! stores a word's flags on its token; looked up by lowercased bytes without
//! allocating.

use super::chars::*;
use super::lexicon_file::Lexicon;

/// Person titles and roles ("minister", "spokesperson", "coach").
pub(super) const TITLE: u32 = 1;
/// Words inside titles that are not names ("Defense", "Foreign", "Prime").
pub(super) const QUAL: u32 = 1 << 1;
/// Function words, never part of a name.
pub(super) const STOP: u32 = 1 << 2;
/// Organisation and place words: named things, not people.
pub(super) const ORG: u32 = 1 << 3;
/// Days, months, "week": never a speaker.
pub(super) const TIME: u32 = 1 << 4;
/// Finite reporting verbs ("said", "told", "warned").
pub(super) const CUE: u32 = 1 << 5;
/// Reporting participles ("saying", "adding"): the sentence subject speaks.
pub(super) const CUE_ING: u32 = 1 << 6;
pub(super) const PRON: u32 = 1 << 7;
/// Auxiliaries and adverbs between a subject and its verb ("had previously").
pub(super) const AUX: u32 = 1 << 8;
pub(super) const DET: u32 = 1 << 9;
/// Words before a quote that make it part of a noun phrase ("a", "as", "his").
pub(super) const NPCTX: u32 = 1 << 10;
/// Framing verbs ("labeled", "described"): they give a phrase, not a statement.
pub(super) const FRAME: u32 = 1 << 11;
pub(super) const PREP: u32 = 1 << 12;
pub(super) const FRAME_ING: u32 = 1 << 13;
/// Unnamed groups ("officials", "analysts"): a cue, but nobody to name.
pub(super) const GENERIC: u32 = 1 << 14;
/// Nouns an organisation is referred back to by ("the board", "the firm").
pub(super) const ORGNOUN: u32 = 1 << 15;
/// Given names and titles that say a person is a man ("Donald", "Mr",
/// "spokesman"), for resolving "he".
pub(super) const MALE: u32 = 1 << 16;
/// ... a woman ("Hillary", "Mrs", "spokeswoman"), for resolving "she".
pub(super) const FEMALE: u32 = 1 << 17;

#[inline]
pub(super) fn word_class(w: &str) -> u32 {
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

/// Closed-class words (grammar: determiners, pronouns, prepositions,
/// auxiliaries, days), by class; the open lists are in the lexicon file. Looked up through a hash table built
/// once, so classifying a word costs one hash of a short lowercased slice.
#[rustfmt::skip]
pub(super) const WORDS: &[(u32, &[&str])] = &[
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
    (NPCTX, &[
        "called", "dubbed", "termed", "labeled", "labelled",
    ]),
    (AUX | STOP, &[
        "had", "has", "have", "would", "will", "also", "then", "again", "once", "earlier",
        "later", "already", "still", "just", "did", "does", "do", "could", "might", "may", "must",
        "should", "can", "never", "often", "always", "now", "further", "not",
    ]),
    (STOP, &[
        "and", "but", "or", "nor", "so", "yet", "if", "when", "while", "because", "although",
        "though", "where", "which", "who", "whom", "whose", "why", "how", "there", "here", "yes",
        "many", "most", "more", "both", "each", "every", "other", "another", "such", "meanwhile",
        "however", "moreover", "instead", "even", "only", "one", "two", "three", "read", "click",
        "share", "follow", "sign", "photo", "watch", "related", "updated", "published", "author",
        "authored",
    ]),
    (TIME, &[
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "today", "yesterday", "tomorrow", "tonight", "week", "weekend",
        "morning", "afternoon", "evening", "night",
    ]),
];

#[derive(Default)]
pub(super) struct WordHasher(u64);

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

pub(super) type NameMap<'a> =
    std::collections::HashMap<&'a str, usize, std::hash::BuildHasherDefault<WordHasher>>;

/// Open-addressing table of `WORDS` and the lexicon file (lowercase word ->
/// class flags), built once. A lookup hashes four bytes and usually compares
/// one slot.
pub(super) struct WordTable {
    slots: Vec<(Box<[u8]>, u32)>,
    /// Slot count minus one (the count is a power of two).
    mask: usize,
    /// Openings of page-furniture lines, lowercase.
    pub(super) furniture_prefixes: Vec<String>,
}

impl WordTable {
    fn build(lexicon: Lexicon) -> WordTable {
        let all = WORDS
            .iter()
            .flat_map(|(f, ws)| ws.iter().map(move |w| (w.as_bytes(), *f)))
            .chain(lexicon.words.iter().map(|(w, f)| (w.as_bytes(), *f)));
        let count = WORDS.iter().map(|(_, ws)| ws.len()).sum::<usize>() + lexicon.words.len();
        // keep the table under 40% full
        let size = (count * 5 / 2).next_power_of_two().max(64);
        let mask = size - 1;
        let mut slots: Vec<(Box<[u8]>, u32)> = vec![(Box::default(), 0); size];
        for (w, flags) in all {
            let mut h = word_hash(w) & mask;
            loop {
                let slot = &mut slots[h];
                if slot.0.is_empty() || &*slot.0 == w {
                    if slot.0.is_empty() {
                        slot.0 = w.into();
                    }
                    slot.1 |= flags;
                    break;
                }
                h = (h + 1) & mask;
            }
        }
        WordTable {
            slots,
            mask,
            furniture_prefixes: lexicon.furniture_prefixes,
        }
    }

    /// Every word holding any of `flags`.
    pub(super) fn words_with(&self, flags: u32) -> impl Iterator<Item = &str> {
        self.slots
            .iter()
            .filter(move |(w, f)| f & flags != 0 && !w.is_empty())
            .filter_map(|(w, _)| std::str::from_utf8(w).ok())
    }
}

#[inline]
pub(super) fn word_hash(w: &[u8]) -> usize {
    let b = |i: usize| u32::from(w.get(i).copied().unwrap_or(0));
    let n = w.len();
    let mut h = (n as u32).wrapping_mul(0x9E37_79B9);
    for c in [b(0), b(1), b(n / 2), b(n.wrapping_sub(1))] {
        h = (h ^ c).wrapping_mul(0x0100_0193);
    }
    (h ^ (h >> 15)) as usize
}

static ACTIVE: std::sync::OnceLock<WordTable> = std::sync::OnceLock::new();

/// The lexicon in use: the one installed with [`install`], else the
/// embedded one.
#[inline]
pub(super) fn table() -> &'static WordTable {
    ACTIVE.get_or_init(|| WordTable::build(Lexicon::embedded()))
}

/// Makes `lexicon` the one extraction uses, for the rest of the process.
/// Fails once any extraction has run (or another lexicon was installed).
pub fn install(lexicon: Lexicon) -> crate::error::Result<()> {
    ACTIVE.set(WordTable::build(lexicon)).map_err(|_| {
        crate::error::Error::Usage(
            "the extraction lexicon is already in use; install it before extracting".into(),
        )
    })
}

#[inline]
pub(super) fn class_lower(w: &[u8]) -> u32 {
    let t = table();
    let mut h = word_hash(w) & t.mask;
    loop {
        match t.slots.get(h) {
            Some((k, f)) if **k == *w => return *f,
            Some((k, _)) if !k.is_empty() => h = (h + 1) & t.mask,
            _ => return 0,
        }
    }
}

pub(super) fn is_abbrev(w: &str) -> bool {
    const ABBR: [&str; 27] = [
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt",
        "adm", "st", "jr", "sr", "mt", "no", "vs", "etc", "inc", "corp", "co", "ltd", "sept", "ft",
    ];
    let one_cap = w.chars().nth(1).is_none() && starts_upper(w);
    one_cap || w.contains('.') || ABBR.iter().any(|a| eq_ci(w, a))
}

pub(super) fn is_connector(w: &str) -> bool {
    [
        "of", "de", "da", "van", "von", "bin", "al", "el", "la", "le", "du", "del", "dos",
    ]
    .contains(&w)
}
