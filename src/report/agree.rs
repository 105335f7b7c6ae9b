//! `stance agree`: agreement between two annotators, fed the
//! [`Agreement`] it prints.

use std::fmt::Write as _;

use super::eval::heading;
use super::{ReportStyle, f3, grid, label_matrix};
use crate::eval::agreement::{Agreement, Unmatched};
use crate::rules::Label;

/// The agreement report: the headline figures, per-label agreement, the
/// confusion between the annotators, every disagreement with both notes,
/// and the ids found in one file only (a `--partial` run).
pub fn agreement_report(r: &Agreement, style: ReportStyle) -> String {
    let mut out = match style {
        ReportStyle::Markdown => format!("## stance agree: {} vs {}\n\n", r.a, r.b),
        ReportStyle::Terminal => format!("A: {}\nB: {}\n", r.a, r.b),
    };
    let kappa = match (r.kappa, r.kappa_ci) {
        (Some(k), Some([lo, hi])) => format!(
            "{} (95% bootstrap interval {}–{}, {} resamples)",
            f3(k),
            f3(lo),
            f3(hi),
            r.bootstrap_samples
        ),
        (Some(k), None) => f3(k),
        (None, _) => "undefined (both annotators used one and the same label throughout)".into(),
    };
    let _ = writeln!(
        out,
        "n = {}, agreed = {}, observed agreement = {}, chance agreement = {}, Cohen's kappa = {kappa}",
        r.n,
        r.agreed,
        f3(r.observed),
        f3(r.expected),
    );
    let rows: Vec<Vec<String>> = Label::ALL
        .iter()
        .map(|l| {
            let s = &r.per_label[l];
            vec![
                l.to_string(),
                s.a.to_string(),
                s.b.to_string(),
                s.both.to_string(),
                f3(s.specific),
            ]
        })
        .collect();
    out.push_str(&heading(
        style,
        "Per label (specific agreement: 2 × both / (A + B))",
    ));
    out.push_str(&grid(
        style,
        &["label", "A", "B", "both", "specific agreement"],
        &rows,
    ));
    out.push_str(&heading(style, "Confusion (rows: A, columns: B)"));
    out.push_str(&label_matrix(style, "A \\ B", &r.confusion));
    let rows: Vec<Vec<String>> = r
        .disagreements
        .iter()
        .map(|d| {
            vec![
                d.id.clone(),
                d.a.to_string(),
                d.b.to_string(),
                d.note_a.clone().unwrap_or_default(),
                d.note_b.clone().unwrap_or_default(),
            ]
        })
        .collect();
    out.push_str(&heading(
        style,
        &format!("Disagreements ({})", r.disagreements.len()),
    ));
    if rows.is_empty() {
        out.push_str("None.\n");
    } else {
        out.push_str(&grid(style, &["id", "A", "B", "note A", "note B"], &rows));
    }
    for (file, other, ids) in [(&r.a, &r.b, &r.only_in_a), (&r.b, &r.a, &r.only_in_b)] {
        out.push_str(&unmatched(style, file, other, ids));
    }
    if style == ReportStyle::Markdown {
        out.push('\n');
    }
    out
}

/// Ids labelled in `file` but not in `other`, each as file:line.
fn unmatched(style: ReportStyle, file: &str, other: &str, ids: &[Unmatched]) -> String {
    if ids.is_empty() {
        return String::new();
    }
    let mut out = heading(
        style,
        &format!("In {file} only, not compared ({})", ids.len()),
    );
    for u in ids {
        let _ = writeln!(out, "- {file}:{}: id {:?} is not in {other}", u.line, u.id);
    }
    out
}
