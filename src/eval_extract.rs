//! Scoring quote extraction against gold spans, the way the Gender Gap
//! Tracker reports it: span precision, recall and F1 by exact match and by
//! overlap at 0.3 and 0.8, and speaker accuracy.
//!
//! Overlap is intersection over union of the byte ranges; each gold quote is
//! matched to at most one extracted quote (the best-overlapping one not yet
//! taken). Speaker accuracy is the share of gold quotes matched at 0.3 whose
//! extracted speaker is the gold speaker (case, spacing and apostrophe style
//! aside; both absent counts as equal).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::articles::Articles;
use crate::error::{Error, Result};
use crate::extract::{Quote, extract_quotes};
use crate::gold::GoldSet;
use crate::input::Source;

pub mod brat;
pub mod predictions;
pub mod speakers;

/// Precision, recall and F1 of span matching at one threshold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct SpanScores {
    /// Extracted quotes that match a gold quote.
    pub precision: f64,
    /// Gold quotes matched by an extracted one.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
    /// Matched pairs.
    pub matched: usize,
}

/// Scores for one subset of quotes (statements only, or all).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ExtractionScores {
    /// Gold quotes in the subset.
    pub gold: usize,
    /// Extracted quotes in the subset.
    pub extracted: usize,
    /// Exact start and end.
    pub exact: SpanScores,
    /// Overlap (intersection over union) ≥ 0.3.
    pub overlap_0_3: SpanScores,
    /// Overlap ≥ 0.8.
    pub overlap_0_8: SpanScores,
    /// Share of gold quotes matched at 0.3 whose speaker is right.
    pub speaker_accuracy: f64,
    /// Gold quotes matched at 0.3 (the denominator of speaker accuracy).
    pub speaker_checked: usize,
}

/// A gold quote that was missed, or got the wrong speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractionError {
    /// Gold id.
    pub id: String,
    /// What went wrong.
    pub problem: String,
}

/// The extraction report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ExtractionReport {
    /// Articles scored.
    pub docs: usize,
    /// Non-fragment quotes (statements).
    pub statements: ExtractionScores,
    /// All quotes, fragments included.
    pub all: ExtractionScores,
    /// Extracted statements that match no gold statement, as `doc:start-end`.
    pub spurious: Vec<String>,
    /// Missed quotes and wrong speakers.
    pub errors: Vec<ExtractionError>,
}

fn iou(a: (usize, usize), b: (usize, usize)) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let union = a.1.max(b.1) - a.0.min(b.0);
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

fn norm_speaker(s: Option<&str>) -> Option<String> {
    s.map(|s| {
        s.replace(['\u{2019}', '\u{2018}'], "'")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    })
}

struct GoldQuote<'a> {
    id: &'a str,
    span: (usize, usize),
    speaker: Option<&'a str>,
    fragment: bool,
}

/// One-to-one matching at a threshold: gold index → extracted index.
fn match_spans(
    gold: &[&GoldQuote<'_>],
    got: &[&Quote],
    threshold: Option<f64>,
) -> Vec<Option<usize>> {
    let mut taken = vec![false; got.len()];
    gold.iter()
        .map(|g| {
            let best = got
                .iter()
                .enumerate()
                .filter(|(i, _)| !taken[*i])
                .map(|(i, q)| (i, iou(g.span, (q.start, q.end)), (q.start, q.end) == g.span))
                .filter(|&(_, o, exact)| match threshold {
                    None => exact,
                    Some(t) => o >= t && o > 0.0,
                })
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(i, ..)| i);
            if let Some(i) = best {
                taken[i] = true;
            }
            best
        })
        .collect()
}

fn scores(matched: usize, gold: usize, extracted: usize) -> SpanScores {
    let s = crate::eval::Scores::from_counts(matched, extracted, gold);
    SpanScores {
        precision: s.precision,
        recall: s.recall,
        f1: s.f1,
        matched,
    }
}

#[derive(Default)]
struct Tally {
    gold: usize,
    extracted: usize,
    exact: usize,
    o3: usize,
    o8: usize,
    speaker_right: usize,
}

impl Tally {
    fn finish(&self) -> ExtractionScores {
        let s = |m: usize| scores(m, self.gold, self.extracted);
        ExtractionScores {
            gold: self.gold,
            extracted: self.extracted,
            exact: s(self.exact),
            overlap_0_3: s(self.o3),
            overlap_0_8: s(self.o8),
            speaker_accuracy: crate::eval::ratio(self.speaker_right, self.o3),
            speaker_checked: self.o3,
        }
    }
}

/// Scores extraction on the articles of `gold` (items with `doc` and offsets).
/// Articles are looked up by their `doc` name in `articles` (files or
/// folders); by default in `articles/` beside each gold file.
pub fn evaluate_extraction(gold: &GoldSet, articles: &[PathBuf]) -> Result<ExtractionReport> {
    let mut by_doc: BTreeMap<&str, Vec<GoldQuote<'_>>> = BTreeMap::new();
    for item in &gold.items {
        let (Some(doc), Some(span)) = (item.doc.as_deref(), item.span) else {
            return Err(Error::Data {
                file: item.source.clone(),
                line: 1,
                col: 1,
                message: format!(
                    "gold item {:?} has no doc or offsets: extraction needs both",
                    item.id
                ),
                excerpt: None,
            });
        };
        by_doc.entry(doc).or_default().push(GoldQuote {
            id: &item.id,
            span,
            speaker: item.speaker.as_deref(),
            fragment: item.fragment,
        });
    }
    let mut places: Vec<PathBuf> = articles.to_vec();
    if places.is_empty() {
        // The folder each gold file reads its text from (`articles.toml` or
        // `articles/` beside it).
        for f in &gold.files {
            if let Some(dir) = Articles::beside(f)?.folder() {
                places.push(dir.to_path_buf());
            }
        }
    }
    let find = |doc: &str| -> Option<PathBuf> {
        places.iter().find_map(|p| {
            if p.is_dir() {
                Some(p.join(doc)).filter(|f| f.is_file())
            } else {
                Some(p.clone())
                    .filter(|f| f.file_name().is_some_and(|n| n.to_string_lossy() == doc))
            }
        })
    };
    let mut report = ExtractionReport::default();
    let (mut stmt, mut all) = (Tally::default(), Tally::default());
    for (doc, quotes) in &by_doc {
        let path = find(doc).ok_or_else(|| {
            Error::Usage(format!(
                "article {doc:?} of the gold was not found in {}",
                show(&places)
            ))
        })?;
        let text = Source::File(path).read_to_string()?;
        let got = extract_quotes(&text);
        report.docs += 1;
        for (tally, statements_only) in [(&mut stmt, true), (&mut all, false)] {
            let g: Vec<&GoldQuote> = quotes
                .iter()
                .filter(|q| !statements_only || !q.fragment)
                .collect();
            let x: Vec<&Quote> = got
                .iter()
                .filter(|q| !statements_only || !q.fragment)
                .collect();
            tally.gold += g.len();
            tally.extracted += x.len();
            let exact = match_spans(&g, &x, None);
            let o3 = match_spans(&g, &x, Some(0.3));
            let o8 = match_spans(&g, &x, Some(0.8));
            tally.exact += exact.iter().flatten().count();
            tally.o3 += o3.iter().flatten().count();
            tally.o8 += o8.iter().flatten().count();
            for (gq, m) in g.iter().zip(&o3) {
                match m {
                    Some(i)
                        if norm_speaker(x[*i].speaker.as_deref()) == norm_speaker(gq.speaker) =>
                    {
                        tally.speaker_right += 1
                    }
                    Some(i) if statements_only => report.errors.push(ExtractionError {
                        id: gq.id.to_string(),
                        problem: format!(
                            "speaker {}, gold {}",
                            x[*i].speaker.as_deref().unwrap_or("none"),
                            gq.speaker.unwrap_or("none")
                        ),
                    }),
                    None if statements_only => report.errors.push(ExtractionError {
                        id: gq.id.to_string(),
                        problem: "not extracted".into(),
                    }),
                    _ => {}
                }
            }
            if statements_only {
                for (i, q) in x.iter().enumerate() {
                    if !o3.contains(&Some(i)) {
                        report.spurious.push(format!("{doc}:{}-{}", q.start, q.end));
                    }
                }
            }
        }
    }
    report.statements = stmt.finish();
    report.all = all.finish();
    Ok(report)
}

fn show(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `doc` name of an article path: its file name.
pub fn doc_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_intersection_over_union() {
        assert_eq!(iou((0, 10), (0, 10)), 1.0);
        assert_eq!(iou((0, 10), (5, 15)), 5.0 / 15.0);
        assert_eq!(iou((0, 10), (10, 20)), 0.0);
        assert_eq!(iou((3, 3), (3, 3)), 0.0);
    }

    #[test]
    fn matching_is_one_to_one_and_thresholded() {
        let g1 = GoldQuote {
            id: "a",
            span: (0, 100),
            speaker: None,
            fragment: false,
        };
        let g2 = GoldQuote {
            id: "b",
            span: (200, 300),
            speaker: None,
            fragment: false,
        };
        let q = |s, e| Quote {
            start: s,
            end: e,
            text: String::new(),
            speaker: None,
            cue: None,
            fragment: false,
            kind: crate::extract::QuoteKind::Direct,
            speaker_span: None,
            resolved: None,
        };
        let (q1, q2) = (q(0, 100), q(200, 250));
        let gold = [&g1, &g2];
        let got = [&q1, &q2];
        assert_eq!(match_spans(&gold, &got, None), [Some(0), None]);
        assert_eq!(match_spans(&gold, &got, Some(0.3)), [Some(0), Some(1)]);
        assert_eq!(match_spans(&gold, &got, Some(0.8)), [Some(0), None]);
        // One extracted quote cannot serve two gold quotes.
        let g3 = GoldQuote {
            id: "c",
            span: (0, 90),
            speaker: None,
            fragment: false,
        };
        assert_eq!(match_spans(&[&g1, &g3], &[&q1], Some(0.3)), [Some(0), None]);
        let s = scores(1, 2, 4);
        assert_eq!((s.precision, s.recall, s.matched), (0.25, 0.5, 1));
    }

    #[test]
    fn speakers_compare_without_case_spacing_or_apostrophe_style() {
        assert_eq!(
            norm_speaker(Some("South Korea\u{2019}s  spy agency")),
            norm_speaker(Some("south korea's spy agency"))
        );
        assert_eq!(norm_speaker(None), None);
    }
}
