//! `stance eval-extract`: span and speaker scores of quote extraction.

use std::fmt::Write as _;

use super::{ReportStyle, f3, grid};

/// The extraction report: span scores by exact match and overlap, speaker
/// accuracy, for statements and for all quotes; then what was missed.
pub fn extraction_report(r: &crate::eval_extract::ExtractionReport, style: ReportStyle) -> String {
    let mut out = match style {
        // A heading of its own and a blank line before the table: appended to
        // other Markdown (a CI summary), it is never read as part of a table.
        ReportStyle::Markdown => format!("## stance eval-extract\n\n{} articles\n\n", r.docs),
        ReportStyle::Terminal => format!("{} articles\n", r.docs),
    };
    let mut rows = Vec::new();
    for (name, s) in [
        ("statements (not fragments)", &r.statements),
        ("all quotes", &r.all),
    ] {
        for (m, sc) in [
            ("exact", s.exact),
            ("overlap ≥ 0.3", s.overlap_0_3),
            ("overlap ≥ 0.8", s.overlap_0_8),
        ] {
            rows.push(vec![
                name.to_string(),
                m.to_string(),
                f3(sc.precision),
                f3(sc.recall),
                f3(sc.f1),
                format!("{}/{}/{}", sc.matched, s.extracted, s.gold),
            ]);
        }
        rows.push(vec![
            name.to_string(),
            "speaker accuracy".into(),
            String::new(),
            String::new(),
            f3(s.speaker_accuracy),
            format!("of {} matched", s.speaker_checked),
        ]);
    }
    out.push_str(&grid(
        style,
        &[
            "quotes",
            "measure",
            "precision",
            "recall",
            "f1 / accuracy",
            "matched/extracted/gold",
        ],
        &rows,
    ));
    if !r.errors.is_empty() {
        let _ = writeln!(out, "\nMissed or misattributed statements:");
        for e in &r.errors {
            let _ = writeln!(out, "- {}: {}", e.id, e.problem);
        }
    }
    if !r.spurious.is_empty() {
        let _ = writeln!(
            out,
            "\nExtracted statements not in the gold: {}",
            r.spurious.join(", ")
        );
    }
    if style == ReportStyle::Markdown {
        out.push('\n');
    }
    out
}
