//! Text helpers shared by every stage: typographic normalization with an
//! offset map back to the original bytes, word boundaries and sentence ends.
//!
//! News text mixes `can’t` and `can't`, no-break and thin spaces, curly and
//! straight quotes. Rules are written with plain ASCII marks, so the matcher
//! runs on a normalized copy and maps every span back to the original bytes.

/// A normalized view of a text. `as_str()` is what matchers see; `original()`
/// maps a byte offset of the normalized text back to the caller's text.
pub(crate) struct Normalized<'a> {
    text: std::borrow::Cow<'a, str>,
    /// Where the offset between the two texts changes: from normalized byte
    /// `.0` on (up to the next entry), the original offset is that plus `.1`.
    /// One entry per folded character, not per byte, so that a long text
    /// costs little more than its copy. Empty when nothing was folded.
    shifts: Vec<(u32, u32)>,
}

/// Replacement for characters that rules should not have to spell out. A
/// non-ASCII capital becomes its small letter (where that is one letter of no
/// more bytes), so
/// that phrases match whatever the case ("ÉBOLA FALSA" ~ "ébola falsa"): the
/// automaton folds ASCII case only.
fn fold(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => Some('"'),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Some(' '),
        c if !c.is_ascii() && c.is_uppercase() => {
            let mut lower = c.to_lowercase();
            // Only a letter no longer than the capital: the offset map
            // records text that shrinks, never text that grows.
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() <= c.len_utf8() => Some(l),
                _ => None,
            }
        }
        _ => None,
    }
}

impl<'a> Normalized<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        // Fast path: pure ASCII (most headlines) or nothing to fold.
        if text.is_ascii() || !text.chars().any(|c| fold(c).is_some()) {
            return Normalized {
                text: std::borrow::Cow::Borrowed(text),
                shifts: Vec::new(),
            };
        }
        let mut out = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        let mut last = 0;
        for (i, c) in text.char_indices() {
            match fold(c) {
                Some(c2) => {
                    out.push(c2);
                    // The bytes after this char sit further on in the original.
                    let delta = (i + c.len_utf8() - out.len()) as u32;
                    if delta != last {
                        shifts.push((out.len() as u32, delta));
                        last = delta;
                    }
                }
                None => out.push(c),
            }
        }
        Normalized {
            text: std::borrow::Cow::Owned(out),
            shifts,
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// Original byte offset for a normalized offset that lies on a char boundary.
    pub(crate) fn original(&self, offset: usize) -> usize {
        let at = self.shifts.partition_point(|&(n, _)| n as usize <= offset);
        match at {
            0 => offset,
            k => offset + self.shifts[k - 1].1 as usize,
        }
    }
}

/// Whether `c` belongs to a word (letters, digits; apostrophes inside words are
/// handled by the caller).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when `[start, end)` of `text` does not cut a word in two: the match
/// edges that are word characters must not touch another word character.
pub(crate) fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let m = &text[start..end];
    let first_is_word = m.chars().next().is_some_and(is_word_char);
    let last_is_word = m.chars().next_back().is_some_and(is_word_char);
    let before_ok = !first_is_word || !text[..start].chars().next_back().is_some_and(is_word_char);
    let after_ok = !last_is_word || !text[end..].chars().next().is_some_and(is_word_char);
    before_ok && after_ok
}

/// Iterates over the words of a text as `(start, end)` byte ranges. A word is
/// a run of word characters, with inner apostrophes and hyphens kept
/// (`can't`, `Kim Yong-Hyun`).
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || {
        // Skip to the start of a word.
        let (start, _) = loop {
            let (i, c) = iter.next()?;
            if is_word_char(c) {
                break (i, c);
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = iter.peek() {
            if is_word_char(c) {
                iter.next();
                continue;
            }
            let joiner = c == '\'' || c == '-' || c == '\u{2019}';
            let next_is_word = text[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(is_word_char);
            if joiner && next_is_word {
                iter.next();
                continue;
            }
            end = i;
            break;
        }
        Some((start, end))
    })
}

/// Number of words that start in `text`.
pub(crate) fn count_words(text: &str) -> usize {
    words(text).count()
}

/// Words whose period does not end a sentence (compared without case and
/// without the final period): titles, months, company forms, Latin
/// abbreviations, and dotted acronyms such as "U.S.". Words that are also
/// common words at the end of a sentence ("no", "mar") are left out.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "col", "lt", "sgt",
    "capt", "cmdr", "adm", "maj", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "insp", "det",
    "vs", "etc", "inc", "corp", "ltd", "co", "bros", "dept", "univ", "approx", "jan", "feb", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "a.m", "p.m", "u.s",
    "u.k", "u.n", "e.u", "d.c",
];

/// The one definition of a sentence end: byte `i` of `b` is `.`, `!` or `?`
/// followed by whitespace or the end of the text, and a `.` does not close
/// an abbreviation ("Dr.", "U.S.", "a.m.") or an initial ("J. Smith"). A
/// line break also ends a sentence; callers test for it themselves.
pub(crate) fn ends_sentence(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(b'!' | b'?') => {}
        Some(b'.') => {
            if closes_abbreviation(b, i) {
                return false;
            }
        }
        _ => return false,
    }
    b.get(i + 1).is_none_or(u8::is_ascii_whitespace)
}

/// True when the `.` at `dot` ends an abbreviation or an initial.
fn closes_abbreviation(b: &[u8], dot: usize) -> bool {
    let mut start = dot;
    while start > 0 && (b[start - 1].is_ascii_alphabetic() || b[start - 1] == b'.') {
        start -= 1;
    }
    let word = &b[start..dot];
    if word.is_empty() || word[0] == b'.' {
        return false;
    }
    // An initial: one capital letter ("J. Smith").
    if word.len() == 1 && word[0].is_ascii_uppercase() {
        return true;
    }
    // Single letters joined by periods: "U.S", "e.g" and the like.
    if word.contains(&b'.') && word.split(|&c| c == b'.').all(|part| part.len() == 1) {
        return true;
    }
    ABBREVIATIONS
        .iter()
        .any(|a| a.as_bytes().eq_ignore_ascii_case(word))
}

/// Byte offset where the `n`-th word before `pos` starts, walking back no
/// further than the end of the previous sentence (or the start of the text).
pub(crate) fn window_start(text: &str, pos: usize, n: usize) -> usize {
    let b = text.as_bytes();
    let mut i = pos.min(b.len());
    let mut seen = 0;
    let mut in_word = false;
    while i > 0 {
        let c = b[i - 1];
        let word_byte = c.is_ascii_alphanumeric() || c >= 0x80 || c == b'\'' || c == b'-';
        if c == b'\n' || ends_sentence(b, i - 1) {
            break;
        }
        if word_byte && !in_word {
            in_word = true;
        } else if !word_byte && in_word {
            in_word = false;
            seen += 1;
            if seen == n {
                break;
            }
        }
        i -= 1;
    }
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// True when `text` contains the end of a sentence: `.`, `!` or `?` followed
/// by whitespace, or a line break.
pub(crate) fn crosses_sentence_end(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter()
        .enumerate()
        .any(|(i, &c)| c == b'\n' || (i + 1 < b.len() && ends_sentence(b, i)))
}

/// Longest stretch on either side of a cue that counts as its sentence: a
/// "sentence" without an end in this many bytes is cut here, which keeps the
/// cost per cue bounded on text without punctuation.
const SENTENCE_LIMIT: usize = 2000;

/// Byte range of the sentence around `[start, end)`.
pub(crate) fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let floor = start.saturating_sub(SENTENCE_LIMIT);
    let ceil = end.saturating_add(SENTENCE_LIMIT).min(b.len());
    let mut s = start;
    while s > floor {
        let c = b[s - 1];
        if c == b'\n' || (s >= 2 && ends_sentence(b, s - 2)) {
            break;
        }
        s -= 1;
    }
    let mut e = end;
    while e < ceil {
        let c = b[e];
        if c == b'\n' {
            break;
        }
        e += 1;
        if ends_sentence(b, e - 1) {
            break;
        }
    }
    while !text.is_char_boundary(s) {
        s += 1;
    }
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    (s, e)
}

/// Most bytes of context taken on each side of a quote.
const CONTEXT_LIMIT: usize = 400;

/// Byte range of the sentence(s) that hold `[start, end)` of an article: from
/// the end of the previous sentence (or paragraph) to the end of the sentence
/// in which the quote closes, at most [`CONTEXT_LIMIT`] bytes each side. This
/// is where a reporter says whose words these are and what they are about.
pub(crate) fn quote_context(article: &str, start: usize, end: usize) -> (usize, usize) {
    let b = article.as_bytes();
    let end = end.min(b.len());
    let start = start.min(end);
    let mut s = start;
    let floor = start.saturating_sub(CONTEXT_LIMIT);
    while s > floor {
        let c = b[s - 1];
        if c == b'\n' || (s >= 2 && ends_sentence(b, s - 2)) {
            break;
        }
        s -= 1;
    }
    let mut e = end;
    let ceil = (end + CONTEXT_LIMIT).min(b.len());
    // Step past the closing mark and any attribution up to the sentence end.
    while e < ceil {
        let c = b[e];
        if c == b'\n' {
            break;
        }
        e += 1;
        if ends_sentence(b, e - 1) {
            break;
        }
    }
    while !article.is_char_boundary(s) {
        s += 1;
    }
    while !article.is_char_boundary(e) {
        e -= 1;
    }
    (s.min(start), e.max(end))
}

/// Where each line of a text starts, so that many offsets of one file can be
/// turned into line and column without rescanning the file each time.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based line and column (in chars) of a byte offset, and the line's text.
    pub(crate) fn locate(&self, offset: usize) -> (usize, usize, &'a str) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(self.text.len(), |&e| e - 1);
        let col = self.text[start..offset].chars().count() + 1;
        let src = self.text[start..end.max(start)].trim_end_matches('\r');
        (line, col, src)
    }
}

/// Line and column (1-based, column in chars) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut offset = offset;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_apostrophes_and_odd_spaces_fold_with_offsets_kept() {
        let t = "I can\u{2019}t\u{2009}confirm";
        let n = Normalized::new(t);
        assert_eq!(n.as_str(), "I can't confirm");
        let s = n.as_str().find("confirm").unwrap();
        assert_eq!(&t[n.original(s)..n.original(s + 7)], "confirm");
        assert_eq!(n.original(n.as_str().len()), t.len());
    }

    #[test]
    fn ascii_text_is_not_copied() {
        let n = Normalized::new("plain text");
        assert!(matches!(n.text, std::borrow::Cow::Borrowed(_)));
        assert_eq!(n.original(5), 5);
    }

    #[test]
    fn every_char_boundary_maps_back_and_the_map_is_per_fold_not_per_byte() {
        let t = "a\u{2019}b\u{a0}c\u{e9}d\u{201C}e\u{201D}\u{2009}f";
        let n = Normalized::new(t);
        assert_eq!(n.as_str(), "a'b c\u{e9}d\"e\" f");
        // Each normalized char starts where its original char starts.
        let originals: Vec<usize> = t.char_indices().map(|(i, _)| i).collect();
        let normalized: Vec<usize> = n.as_str().char_indices().map(|(i, _)| i).collect();
        for (o, m) in originals.iter().zip(&normalized) {
            assert_eq!(n.original(*m), *o);
        }
        assert_eq!(n.original(n.as_str().len()), t.len());
        assert_eq!(
            n.shifts.len(),
            5,
            "one entry per fold that changes the offset"
        );
        let long = "can\u{2019}t ".repeat(100_000);
        assert_eq!(Normalized::new(&long).shifts.len(), 100_000);
    }

    #[test]
    fn word_boundaries() {
        assert!(on_word_boundaries("a hoax.", 2, 6));
        assert!(!on_word_boundaries("hoaxes", 0, 4));
        assert!(!on_word_boundaries("nothing", 0, 2));
        assert!(on_word_boundaries("really?", 6, 7));
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let t = "We can't say - Kim Yong-Hyun's 'view'.";
        let w: Vec<&str> = words(t).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(w, ["We", "can't", "say", "Kim", "Yong-Hyun's", "view"]);
    }

    #[test]
    fn window_start_counts_words_back_within_the_sentence() {
        let t = "Done. We could not really confirm it";
        let cue = t.find("confirm").unwrap();
        assert_eq!(&t[window_start(t, cue, 1)..cue], "really ");
        assert_eq!(&t[window_start(t, cue, 3)..cue], "could not really ");
        assert_eq!(
            &t[window_start(t, cue, 9)..cue],
            " We could not really ",
            "stops at the sentence end"
        );
        assert_eq!(window_start("x", 0, 2), 0);
    }

    #[test]
    fn sentences() {
        let t = "First one. Second one! Third";
        let i = t.find("Second").unwrap();
        assert_eq!(
            &t[sentence_around(t, i, i + 6).0..sentence_around(t, i, i + 6).1],
            "Second one!"
        );
        assert!(crosses_sentence_end("one. Two"));
        assert!(!crosses_sentence_end("3.5 million"));
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_a_sentence() {
        let t = "The mayor met Dr. Lee in the U.S. on Monday, J. Smith said. Then he left.";
        let i = t.find("Lee").unwrap();
        let (s, e) = sentence_around(t, i, i + 3);
        assert_eq!(
            &t[s..e],
            "The mayor met Dr. Lee in the U.S. on Monday, J. Smith said."
        );
        assert!(!crosses_sentence_end("met Dr. Lee"));
        assert!(!crosses_sentence_end("at 9 a.m. today, e.g. here"));
        assert!(crosses_sentence_end("met Lee. Then"));
        assert!(crosses_sentence_end("he said no. Then"), "a real word");
        let q = t.find("Monday").unwrap();
        // "U.S." counts as two words, and does not stop the walk back.
        assert_eq!(window_start(t, q, 5), t.find("in the").unwrap());
        let (cs, _) = quote_context(t, q, q + 6);
        assert_eq!(cs, 0, "the context starts at the sentence, not after Dr.");
    }

    #[test]
    fn quote_context_is_the_sentence_around_the_quote() {
        let a = "First sentence here. The firm called the claims \u{201C}pure fantasy\u{201D} on Monday. Next one.\nNew paragraph.";
        let q = a.find("pure").unwrap();
        let (s, e) = quote_context(a, q, q + 12);
        assert_eq!(
            &a[s..e],
            "The firm called the claims \u{201C}pure fantasy\u{201D} on Monday."
        );
        let p = a.find("New").unwrap();
        assert_eq!(quote_context(a, p, p + 3), (p, a.len()));
        assert_eq!(quote_context("", 0, 0), (0, 0));
    }

    #[test]
    fn line_index_agrees_with_line_col() {
        let t = "ab\ncd\u{2019}e\r\n\nlast";
        let idx = LineIndex::new(t);
        for i in 0..=t.len() {
            let (l, c, _) = idx.locate(i);
            assert_eq!((l, c), line_col(t, i), "offset {i}");
        }
        assert_eq!(idx.locate(4).2, "cd\u{2019}e");
    }

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("ab\ncd\u{2019}e", 8), (2, 4));
        assert_eq!(line_col("abc", 0), (1, 1));
    }
}
