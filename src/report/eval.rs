//! `stance eval`: the evaluation report, one function per section, each fed
//! the part of [`Report`] it prints.

use std::fmt::Write as _;

use super::{ReportStyle, f3, grid, grid_fitting, label_matrix};
use crate::eval::{
    BaselineComparison, Comparison, Decided, FALLBACK, Flip, FlipChange, Gate, Metrics, OFF_CLAIM,
    Prediction, Report, RuleStats, Verdict,
};
use crate::rules::Label;

/// The evaluation report as text: summary, per-label scores, confusion
/// matrix, per-rule diagnostics, wrong items, baseline, comparison, gates.
pub fn eval_report(r: &Report, style: ReportStyle) -> String {
    let m = &r.metrics;
    let mut out = summary(style, &r.gold, m);
    out.push_str(&scores(style, m));
    out.push_str(&confusion(style, m));
    out.push_str(&rules(style, &m.rules, m.fallback, m.off_claim));
    out.push_str(&never_fired(style, &m.never_fired));
    if let Some(errors) = &r.errors {
        out.push_str(&wrong_items(style, errors));
    }
    if let Some(b) = &r.baseline {
        out.push_str(&baseline(style, b));
    }
    if let Some(c) = &r.comparison {
        out.push_str(&comparison(style, c));
    }
    if !r.gates.is_empty() {
        out.push_str(&gates(style, &r.gates));
    }
    if style == ReportStyle::Markdown {
        // A blank line after the last table, so that Markdown appended after
        // this report (a CI summary) starts a block of its own.
        out.push('\n');
    }
    out
}

/// A section title: a Markdown heading, or a line for the terminal.
pub(super) fn heading(style: ReportStyle, title: &str) -> String {
    match style {
        ReportStyle::Markdown => format!("\n### {title}\n\n"),
        ReportStyle::Terminal => format!("\n{title}\n"),
    }
}

/// The gold files and the headline figures.
fn summary(style: ReportStyle, gold: &[String], m: &Metrics) -> String {
    let mut out = match style {
        ReportStyle::Markdown => format!("## stance eval: {}\n\n", gold.join(", ")),
        ReportStyle::Terminal => format!("gold: {}\n", gold.join(", ")),
    };
    let _ = writeln!(
        out,
        "n = {}, accuracy = {}, macro F1 = {}, coverage = {}",
        m.n,
        f3(m.accuracy),
        f3(m.macro_avg.f1),
        f3(m.coverage)
    );
    out
}

/// Precision, recall and F1 of each label and the averages.
fn scores(style: ReportStyle, m: &Metrics) -> String {
    let mut rows: Vec<Vec<String>> = Label::ALL
        .iter()
        .map(|l| {
            let s = &m.per_label[l];
            vec![
                l.to_string(),
                f3(s.precision),
                f3(s.recall),
                f3(s.f1),
                s.support.to_string(),
                s.predicted.to_string(),
            ]
        })
        .collect();
    for (name, s) in [
        ("macro avg", m.macro_avg),
        ("micro avg (stances)", m.micro),
        ("weighted avg", m.weighted),
    ] {
        rows.push(vec![
            name.into(),
            f3(s.precision),
            f3(s.recall),
            f3(s.f1),
            m.n.to_string(),
            String::new(),
        ]);
    }
    heading(style, "Scores")
        + &grid(
            style,
            &["label", "precision", "recall", "f1", "support", "predicted"],
            &rows,
        )
}

/// Gold label against predicted label.
fn confusion(style: ReportStyle, m: &Metrics) -> String {
    heading(style, "Confusion matrix (rows: gold, columns: predicted)")
        + &label_matrix(style, "gold \\ predicted", &m.confusion)
}

/// Per-rule diagnostics, then the items no rule decided.
fn rules(style: ReportStyle, stats: &[RuleStats], fallback: Decided, off_claim: Decided) -> String {
    let mut rows: Vec<Vec<String>> = stats
        .iter()
        .map(|s| {
            vec![
                s.id.clone(),
                s.label.to_string(),
                s.fires.to_string(),
                f3(s.coverage),
                s.overlaps.to_string(),
                s.conflicts.to_string(),
                s.correct.to_string(),
                s.incorrect.to_string(),
                if s.fires == 0 {
                    "-".into()
                } else {
                    f3(s.precision)
                },
                format!("{}/{}", s.decided_correct, s.decided),
            ]
        })
        .collect();
    for (name, d) in [(FALLBACK, fallback), (OFF_CLAIM, off_claim)] {
        let mut row = vec![String::new(); 10];
        row[0] = name.into();
        row[9] = format!("{}/{}", d.correct, d.decided);
        rows.push(row);
    }
    heading(
        style,
        "Rules (precision: share of firings whose vote equals gold)",
    ) + &grid_fitting(
        style,
        &[
            "rule",
            "label",
            "fires",
            "coverage",
            "overlaps",
            "conflicts",
            "correct",
            "incorrect",
            "precision",
            "decided (right/all)",
        ],
        &rows,
        // Left out first on a narrow terminal: the figures the others imply
        // or that matter least when reading which rules are wrong.
        &[4, 5, 3, 7],
    )
}

/// The rules that fired on no item, when there are any.
fn never_fired(style: ReportStyle, ids: &[String]) -> String {
    if ids.is_empty() {
        String::new()
    } else {
        let mut out = String::from("\nRules that never fired:");
        // On a terminal, wrapped at 80 columns between ids, never inside
        // one; Markdown reflows a paragraph itself.
        let wrap = if style == ReportStyle::Terminal {
            80
        } else {
            usize::MAX
        };
        let mut col = out.len() - 1;
        for (k, id) in ids.iter().enumerate() {
            let sep = if k + 1 < ids.len() { "," } else { "" };
            if col + 1 + id.len() + sep.len() > wrap && col > 0 {
                out.push('\n');
                col = 0;
            } else {
                out.push(' ');
                col += 1;
            }
            out.push_str(id);
            out.push_str(sep);
            col += id.len() + sep.len();
        }
        out.push('\n');
        out
    }
}

/// Every wrong item (`--errors`).
fn wrong_items(style: ReportStyle, errors: &[Prediction]) -> String {
    let rows: Vec<Vec<String>> = errors
        .iter()
        .map(|e| {
            vec![
                e.id.clone(),
                e.gold.to_string(),
                e.predicted.to_string(),
                e.rule.clone(),
                e.cue.clone().unwrap_or_default(),
                e.text.clone(),
            ]
        })
        .collect();
    heading(style, &format!("Wrong items ({})", errors.len()))
        + &grid(
            style,
            &["id", "gold", "predicted", "rule", "cue", "text"],
            &rows,
        )
}

/// Every figure against a saved report, and the regressions.
fn baseline(style: ReportStyle, b: &BaselineComparison) -> String {
    let mut out = heading(style, "Against the baseline");
    if b.gold_changed {
        out.push_str("The gold differs from the baseline's: changes are shown, not gated.\n\n");
    }
    let rows: Vec<Vec<String>> = b
        .deltas
        .iter()
        .map(|d| {
            vec![
                d.metric.to_string(),
                f3(d.before),
                f3(d.after),
                format!("{:+.3}", d.change),
            ]
        })
        .collect();
    out.push_str(&grid(
        style,
        &["metric", "baseline", "now", "change"],
        &rows,
    ));
    if b.regressions.is_empty() {
        out.push_str("\nNo regression.\n");
    } else {
        let names: Vec<String> = b.regressions.iter().map(|m| m.to_string()).collect();
        let _ = writeln!(out, "\nRegressions: {}", names.join(", "));
    }
    out
}

/// Two rule sets compared: the difference, its interval, the verdict and
/// the items that changed label.
fn comparison(style: ReportStyle, c: &Comparison) -> String {
    let mut out = heading(style, "Comparison of two rule sets (new minus old)");
    let _ = writeln!(
        out,
        "macro F1 {} → {} (diff {:+.3}, 95% paired bootstrap interval [{:+.3}, {:+.3}]); right only before: {}, right only after: {}, McNemar exact p = {:.4}; {} items changed label",
        f3(c.macro_f1_old),
        f3(c.macro_f1_new),
        c.diff,
        c.ci[0],
        c.ci[1],
        c.only_old_right,
        c.only_new_right,
        c.mcnemar_p,
        c.flipped
    );
    let verdict = match c.verdict() {
        Verdict::Better => "the new rules are better beyond noise",
        Verdict::Worse => "the new rules are worse beyond noise",
        Verdict::WithinNoise => "the difference is within noise for this gold set",
    };
    let _ = writeln!(out, "Verdict: {verdict}.");
    if !c.items.is_empty() {
        out.push('\n');
        out.push_str(&flips(style, &c.items));
    }
    out
}

/// Each gate with its floor, the measured value and the result.
fn gates(style: ReportStyle, gates: &[Gate]) -> String {
    let rows: Vec<Vec<String>> = gates
        .iter()
        .map(|g| {
            vec![
                g.metric.to_string(),
                f3(g.min),
                f3(g.actual),
                if g.passed { "pass" } else { "FAIL" }.into(),
            ]
        })
        .collect();
    heading(style, "Quality gates")
        + &grid(style, &["metric", "floor", "measured", "result"], &rows)
}

/// A table of items whose label changed.
pub fn flips(style: ReportStyle, items: &[Flip]) -> String {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|f| {
            let mark = match f.change() {
                FlipChange::Fixed => "fixed",
                FlipChange::Broken => "broken",
                FlipChange::StillWrong => "still wrong",
            };
            vec![
                f.id.clone(),
                f.old.to_string(),
                f.new.to_string(),
                f.gold.to_string(),
                mark.into(),
                f.text.clone(),
            ]
        })
        .collect();
    grid(style, &["id", "old", "new", "gold", "", "text"], &rows)
}
