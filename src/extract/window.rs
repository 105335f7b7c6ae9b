//! Long articles in windows. Every pass reads a bounded stretch around each
//! quote, but the walk keeps what it found for the whole article (its quote
//! spans, attributions and records), so one 64 MB "article" holding millions
//! of quotes would need about 20 times its size. Above [`WINDOW`] bytes the
//! article is read as windows of about that size, each cut where the
//! pairing of quote marks is outside every quote:
//!
//! * at a paragraph start, unless the paragraph before ends inside a quote
//!   (a quote running on over paragraphs is never cut), or, inside a paragraph
//!   longer than [`STEP`], at a sentence start outside every quote (or,
//!   where there are no sentence ends, right before a quote mark outside
//!   every quote), with at least 256 bytes of its line after the cut;
//! * each window is extracted with [`CONTEXT`] bytes of the text before it
//!   and at least [`LOOKAHEAD`] after it, so the attribution sees what it
//!   would see in the whole article (its windows reach 6,000 bytes back at
//!   most), and keeps only the quotes that start inside it.
//!
//! Pronouns and descriptions reach back 16 KiB at most (`MENTION_REACH`),
//! in a window as in the whole article. What a window cannot see: a person
//! first named more than [`CONTEXT`] bytes before it, whom a surname in it
//! refers to; the speaker is then named as the window last names them.

use memchr::memchr3;

use super::Quote;
use super::attribute::Attributor;
use super::marks::{CutScan, find_spans, paragraph_stays_open};
use super::segment::next_para;

/// Articles up to this size are read whole; larger ones in windows of
/// about this size.
pub(super) const WINDOW: usize = 1 << 20;
/// Least distance between two places a long article may be cut.
pub(super) const STEP: usize = 16 << 10;
/// Text before a window read with it (names, pronoun referents).
pub(super) const CONTEXT: usize = 32 << 10;
/// Text after a window read with it (", she said" after a quote).
pub(super) const LOOKAHEAD: usize = 8 << 10;

/// Calls `each` with every quote of `t` in text order (and reported speech
/// with `with_reported`); stops when `each` returns false.
pub(super) fn for_each_quote(t: &str, with_reported: bool, each: &mut dyn FnMut(Quote) -> bool) {
    if t.len() <= WINDOW {
        for q in extract_whole(t, with_reported) {
            if !each(q) {
                return;
            }
        }
        return;
    }
    for w in windows(t, WINDOW) {
        for q in window_quotes(t, w, with_reported) {
            if !each(q) {
                return;
            }
        }
    }
}

/// The quotes of window `w` of `t`: those that start inside it, at article
/// offsets.
fn window_quotes(t: &str, w: Window, with_reported: bool) -> impl Iterator<Item = Quote> {
    extract_whole(&t[w.read.0..w.read.1], with_reported)
        .into_iter()
        .filter(move |q| (w.keep.0..w.keep.1).contains(&(q.start + w.read.0)))
        .map(move |mut q| {
            shift(&mut q, w.read.0);
            q
        })
}

/// Every quote of `t`, as [`for_each_quote`] gives them.
pub(super) fn all_quotes(t: &str, with_reported: bool) -> Vec<Quote> {
    if t.len() <= WINDOW {
        return extract_whole(t, with_reported);
    }
    let mut quotes = Vec::new();
    for_each_quote(t, with_reported, &mut |q| {
        quotes.push(q);
        true
    });
    quotes
}

/// One window of a long article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Window {
    /// The quotes starting here are this window's.
    pub(super) keep: (usize, usize),
    /// The text extracted for it: `keep` with context on both sides.
    pub(super) read: (usize, usize),
}

/// The windows of `t`, about `size` bytes each: their `keep` ranges cover
/// the text once, in order.
pub(super) fn windows(t: &str, size: usize) -> Vec<Window> {
    let cuts = cut_points(t, STEP);
    // `cuts` starts with 0 and ends with t.len().
    let mut out = Vec::new();
    let mut a = 0;
    while a < t.len() {
        let z = first_at_or_after(&cuts, a + size);
        out.push(Window {
            keep: (a, z),
            read: (
                last_at_or_before(&cuts, a.saturating_sub(CONTEXT)),
                first_at_or_after(&cuts, z.saturating_add(LOOKAHEAD)),
            ),
        });
        a = z;
    }
    out
}

fn extract_whole(t: &str, with_reported: bool) -> Vec<Quote> {
    let spans = find_spans(t);
    if spans.is_empty() && !with_reported {
        return Vec::new();
    }
    Attributor::new(t, &spans, with_reported).run()
}

/// Moves a quote found in a window starting at `by` to article offsets.
fn shift(q: &mut Quote, by: usize) {
    q.start += by;
    q.end += by;
    if let Some((s, e)) = &mut q.speaker_span {
        *s += by;
        *e += by;
    }
}

/// The places `t` may be cut, in order, at least `step` apart where the
/// text allows, starting with 0 and ending with `t.len()`.
pub(super) fn cut_points(t: &str, step: usize) -> Vec<usize> {
    let b = t.as_bytes();
    let mut cuts = vec![0];
    let mut next = step;
    let mut pos = 0;
    // The paragraph before ends inside a quote that the next one re-opens.
    let mut open = false;
    while let Some((ps, pe)) = next_para(b, pos) {
        pos = pe.max(ps + 1);
        if ps > 0 && ps >= next && !open {
            cuts.push(ps);
            next = ps + step;
        }
        let has_mark = b
            .get(ps..pe)
            .is_some_and(|h| memchr3(b'"', b'\'', 0xE2, h).is_some());
        open = if pe - ps > step {
            let mut scan = CutScan {
                step,
                next,
                cuts: &mut cuts,
            };
            let open = paragraph_stays_open(t, ps, pe, Some(&mut scan));
            next = scan.next;
            open
        } else {
            has_mark && paragraph_stays_open(t, ps, pe, None)
        };
    }
    if cuts.last() != Some(&t.len()) {
        cuts.push(t.len());
    }
    cuts
}

fn first_at_or_after(cuts: &[usize], at: usize) -> usize {
    let k = cuts.partition_point(|&c| c < at);
    cuts.get(k)
        .copied()
        .unwrap_or_else(|| cuts.last().copied().unwrap_or(0))
}

fn last_at_or_before(cuts: &[usize], at: usize) -> usize {
    let k = cuts.partition_point(|&c| c <= at);
    k.checked_sub(1).map_or(0, |k| cuts[k])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cover_the_text_once_and_read_a_bounded_stretch() {
        let para = "Ana Lind said it was fine. \"It works,\" she said. The end.\n\n";
        for t in [
            para.repeat(200_000),
            para.replace("\n\n", " ").repeat(200_000),
        ] {
            let ws = windows(&t, WINDOW);
            assert!(ws.len() >= t.len() / (2 * WINDOW), "{} windows", ws.len());
            assert_eq!(ws.first().map(|w| w.keep.0), Some(0));
            assert_eq!(ws.last().map(|w| w.keep.1), Some(t.len()));
            for pair in ws.windows(2) {
                assert_eq!(pair[0].keep.1, pair[1].keep.0);
            }
            for w in &ws {
                assert!(w.read.0 <= w.keep.0 && w.keep.1 <= w.read.1);
                let most = WINDOW + CONTEXT + LOOKAHEAD + 3 * STEP;
                assert!(w.read.1 - w.read.0 <= most, "{w:?}");
            }
        }
    }

    /// Windowed extraction of `t` (windows of `size`) against the whole:
    /// the same spans, kinds, cues and fragment flags; returns how many
    /// quotes there are and how many speakers are the same.
    fn compare_with_whole(t: &str, size: usize, with_reported: bool) -> (usize, usize) {
        let whole = extract_whole(t, with_reported);
        let windowed: Vec<Quote> = windows(t, size)
            .into_iter()
            .flat_map(|w| window_quotes(t, w, with_reported))
            .collect();
        let key = |q: &Quote| (q.start, q.end, q.kind, q.cue.clone(), q.fragment);
        let a: Vec<_> = whole.iter().map(key).collect();
        let b: Vec<_> = windowed.iter().map(key).collect();
        assert_eq!(a.len(), b.len());
        if let Some(k) = (0..a.len()).find(|&k| a[k] != b[k]) {
            panic!("quote {k}: whole {:?}, windowed {:?}", a[k], b[k]);
        }
        let same = whole
            .iter()
            .zip(&windowed)
            .filter(|(x, y)| x.speaker == y.speaker)
            .count();
        (whole.len(), same)
    }

    #[test]
    fn windowed_extraction_finds_what_the_whole_article_gives() {
        // Invented articles of the test fixtures, over and over: more than a
        // window, with small windows so that many seams are crossed.
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/heldout/articles"
        );
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        let one: String = paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap() + "\n\n")
            .collect();
        let t = one.repeat(30);
        assert!(windows(&t, 4 * STEP).len() > 4);
        for with_reported in [false, true] {
            let (n, same) = compare_with_whole(&t, 4 * STEP, with_reported);
            assert!(n > 100, "{n} quotes");
            assert!(same * 100 >= n * 95, "{same} of {n}");
        }
    }

    #[test]
    fn a_cut_inside_a_hard_wrapped_paragraph_keeps_its_lines_joined() {
        // Short lines ending in a comma are joined into one paragraph by
        // their length; a cut must not start a window on a short rest of a
        // line, which would read as a line of its own.
        let first = "Intro words here that are long enough for the rule. He said x\"y,\n";
        let line = "Start q\"r filler filler filler filler. He said x\"y,\n";
        let t = format!("{first}{}The end.\n", line.repeat(6000));
        for with_reported in [false, true] {
            compare_with_whole(&t, 4 * STEP, with_reported);
        }
    }

    #[test]
    fn a_paragraph_without_sentence_ends_is_cut_before_quotes() {
        let t = "\"It works\" she said and ".repeat(30_000);
        assert!(windows(&t, 4 * STEP).len() > 4);
        for with_reported in [false, true] {
            compare_with_whole(&t, 4 * STEP, with_reported);
        }
    }

    #[test]
    fn pronouns_and_the_cues_they_decide_do_not_reach_past_the_context() {
        // "he" long after the only person named: neither the whole article
        // nor a window resolves it, so cues and fragment flags agree.
        let filler = "the weather was mild and the market was quiet all day long\n\n";
        let far = filler.repeat(CONTEXT / filler.len() * 3);
        for tail in [
            "Officials said the plan was \"a total mess\" and he called it a failure.\n\n",
            "He was blunt:\n\n'Never again.'\n\n",
        ] {
            let t = format!("Hugo Brandt said the talks went well.\n\n{far}{tail}");
            for with_reported in [false, true] {
                compare_with_whole(&t, 2 * STEP, with_reported);
            }
        }
    }

    #[test]
    fn cut_points_are_ordered_apart_and_bound_the_text() {
        let para = "Ana Lind said it was fine. \"It works,\" she said. The end.\n\n";
        let t = para.repeat(2000);
        let cuts = cut_points(&t, 1000);
        assert_eq!(cuts.first(), Some(&0));
        assert_eq!(cuts.last(), Some(&t.len()));
        assert!(cuts.len() > 50, "{} cuts", cuts.len());
        for w in cuts.windows(2) {
            assert!(w[0] < w[1]);
        }
        for &c in &cuts[1..cuts.len() - 1] {
            assert!(t.is_char_boundary(c));
            assert_eq!(&t[c..c + 4], "Ana ", "a paragraph start at {c}");
        }
    }

    #[test]
    fn a_quote_running_on_over_paragraphs_is_never_cut() {
        // Every paragraph ends inside the quote the next one re-opens.
        let t = "\"It goes on and on\n\n".repeat(500);
        let cuts = cut_points(&t, 100);
        assert_eq!(cuts, vec![0, t.len()]);
        // Closed quotes opening their paragraphs are no bar.
        let t = "\"It stops,\" she said.\n".repeat(500);
        assert!(cut_points(&t, 100).len() > 50);
    }

    #[test]
    fn a_long_paragraph_is_cut_at_sentence_starts_outside_quotes() {
        let t = "\"Yes. No. Maybe,\" she said. Then he left. ".repeat(1000);
        let cuts = cut_points(&t, 500);
        assert!(cuts.len() > 20, "{} cuts", cuts.len());
        for &c in &cuts[1..cuts.len() - 1] {
            let rest = &t[c..];
            assert!(
                rest.starts_with("\"Yes.") || rest.starts_with("Then "),
                "cut inside a quote at {c}: {:?}",
                &rest[..20]
            );
        }
    }
}
