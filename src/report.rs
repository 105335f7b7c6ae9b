//! Everything printed for people: explanations, rule listings, the rules
//! reference, check results, quote tables and evaluation reports. Kept apart
//! from the stages so that output changes never touch matching logic.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use comfy_table::{ContentArrangement, Table, presets};

use crate::check::CheckReport;
use crate::classify::{Explanation, Outcome, Reason};
use crate::rules::{Label, Rule, RuleSet, Scope, WhenNegated};

const CUE: Style = AnsiColor::Yellow.on_default().bold();
const DECIDED: Style = AnsiColor::Green.on_default().bold();
const CANCELLED: Style = AnsiColor::BrightBlack.on_default();
const BAD: Style = AnsiColor::Red.on_default().bold();

fn paint(style: Style, s: &str) -> String {
    format!("{style}{s}{style:#}")
}

/// A human-readable trace of one decision: the text with cues bracketed,
/// each cue with its rule and fate, and the decision.
pub fn explanation(text: &str, claim: Option<&str>, e: &Explanation<'_>) -> String {
    let mut out = String::new();
    // The text, each cue (and claim mention) highlighted.
    let mut marks: Vec<(usize, usize, Style)> = e
        .cues
        .iter()
        .map(|c| {
            let style = match c.outcome {
                Outcome::Decided => DECIDED,
                Outcome::Lost | Outcome::NegatedTo { .. } => CUE,
                _ => CANCELLED,
            };
            (c.span.0, c.span.1, style)
        })
        .collect();
    marks.sort_by_key(|m| (m.0, std::cmp::Reverse(m.1)));
    let mut shown = String::new();
    let mut at = 0;
    for (s, e, style) in marks {
        if s < at {
            continue; // overlapping cue: its span is listed below
        }
        shown.push_str(&text[at..s]);
        shown.push_str(&paint(style, &format!("[{}]", &text[s..e])));
        at = e;
    }
    shown.push_str(&text[at..]);
    let _ = writeln!(out, "text      {shown}");
    match claim {
        Some(c) => {
            let mentions: Vec<&str> = e.claim_mentions.iter().map(|&(s, e)| &text[s..e]).collect();
            let named = if mentions.is_empty() {
                "names none of its terms".to_string()
            } else {
                format!("named by: {}", mentions.join(", "))
            };
            let _ = writeln!(out, "claim     {c} ({named})");
            let (relevance, restates) = e.thresholds;
            let _ = writeln!(
                out,
                "relevance the quote names {:.2} of the claim's weight, {:.2} with its sentence (about the claim from {relevance:.2}; restates it from {restates:.2}); claim polarity {}",
                e.coverage,
                e.relevance,
                e.polarity.as_str()
            );
        }
        None => {
            let _ = writeln!(
                out,
                "claim     none given: the text is taken as about the claim"
            );
        }
    }
    let _ = writeln!(out);
    if e.cues.is_empty() {
        let _ = writeln!(out, "no cue of any rule was found");
    } else {
        let mut table = Table::new();
        table.load_style(presets::NOTHING);
        table.set_header(["cue", "span", "rule", "votes", "priority", "outcome"]);
        let lost = match e.decision.rule {
            Some(r) => format!("lost to {} (priority {})", r.id, r.priority),
            None => "lost".into(),
        };
        for c in &e.cues {
            let outcome = match c.outcome {
                Outcome::Decided => paint(DECIDED, "decided"),
                Outcome::Lost => lost.clone(),
                Outcome::NegatedTo { label, by } => {
                    let won = e.decision.span == Some(c.span)
                        && e.decision.rule.is_some_and(|r| std::ptr::eq(r, c.rule));
                    let fate = if won {
                        paint(DECIDED, "decided")
                    } else {
                        lost.clone()
                    };
                    format!(
                        "negated by \"{}\": votes {label}; {fate}",
                        &text[by.0..by.1]
                    )
                }
                Outcome::Negated { by } => paint(
                    CANCELLED,
                    &format!("cancelled: negated by \"{}\"", &text[by.0..by.1]),
                ),
                Outcome::Pseudo { by } => paint(
                    CANCELLED,
                    &format!("cancelled: inside pseudo phrase \"{}\"", &text[by.0..by.1]),
                ),
                Outcome::OutOfScope => paint(CANCELLED, "cancelled: claim not named in scope"),
                Outcome::OffClaim => paint(CANCELLED, "cancelled: text is off-claim"),
            };
            let vote = match c.outcome {
                Outcome::NegatedTo { label, .. } => label.to_string(),
                _ => c.rule.label.to_string(),
            };
            table.add_row([
                format!("\"{}\"", &text[c.span.0..c.span.1]),
                format!("{}..{}", c.span.0, c.span.1),
                c.rule.id.clone(),
                vote,
                c.rule.priority.to_string(),
                outcome,
            ]);
        }
        for line in table.to_string().lines() {
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    let d = &e.decision;
    let why = match (d.reason, d.rule, d.span) {
        (Reason::Rule, Some(r), Some((s, en))) => {
            format!("by {} on \"{}\" at [{s}, {en}]", r.id, &text[s..en])
        }
        (Reason::OffClaim, ..) => "off-claim: the text names none of the claim's terms".into(),
        _ => "no rule decided: the rule set's fallback label".into(),
    };
    let _ = writeln!(
        out,
        "\ndecision  {} {why}",
        paint(DECIDED, d.label.as_str())
    );
    out
}

fn when_negated(r: &Rule) -> String {
    match r.when_negated {
        WhenNegated::Cancel => "cancel".into(),
        WhenNegated::Ignore => "ignore".into(),
        WhenNegated::Becomes(l) => l.to_string(),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rules as a terminal table.
pub fn rules_table(set: &RuleSet) -> String {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(["id", "label", "priority", "cues", "examples", "description"]);
    for r in &set.rules {
        table.add_row([
            r.id.clone(),
            r.label.to_string(),
            r.priority.to_string(),
            (r.phrases.len() + r.patterns.len()).to_string(),
            format!("{}+{}", r.examples.len(), r.counter_examples.len()),
            one_line(&r.description),
        ]);
    }
    format!(
        "{table}\n{} rules from {}; fallback label: {}\n",
        set.rules.len(),
        set.files.join(", "),
        set.settings.fallback
    )
}

/// The rules as JSON.
pub fn rules_json(set: &RuleSet) -> serde_json::Value {
    let texts = |v: &[crate::rules::Sourced]| v.iter().map(|s| s.text.clone()).collect::<Vec<_>>();
    serde_json::json!({
        "fallback": set.settings.fallback,
        "files": set.files,
        "rules": set.rules.iter().map(|r| serde_json::json!({
            "id": r.id,
            "label": r.label,
            "priority": r.priority,
            "description": one_line(&r.description),
            "phrases": texts(&r.phrases),
            "patterns": texts(&r.patterns),
            "pseudo": texts(&r.pseudo),
            "when_negated": when_negated(r),
            "examples": r.examples.iter().map(|e| serde_json::json!({"text": e.text, "label": e.label})).collect::<Vec<_>>(),
            "counter_examples": texts(&r.counter_examples),
            "file": r.location.file,
            "line": r.location.line,
        })).collect::<Vec<_>>(),
    })
}

/// The rules reference in Markdown, one section per rule, generated from
/// the rules themselves (docs/rules.md).
pub fn rules_markdown(set: &RuleSet) -> String {
    let mut out = String::from(
        "# Rule reference\n\nGenerated from the rule files by `stance rules --format markdown`; do not edit by hand.\n\n",
    );
    let _ = writeln!(
        out,
        "Fallback label when no rule decides: `{}`.\n",
        set.settings.fallback
    );
    for label in [Label::Denying, Label::Uncertain, Label::Affirming] {
        let _ = writeln!(out, "## {label}\n");
        for r in set.rules.iter().filter(|r| r.label == label) {
            let file = r.location.file.trim_start_matches("<default>/");
            let _ = writeln!(out, "### `{}`\n", r.id);
            let _ = writeln!(out, "{}\n", one_line(&r.description));
            let scope = match r.scope {
                Scope::Quote => "quote".to_string(),
                Scope::Sentence { window: None } => "sentence".to_string(),
                Scope::Sentence { window: Some(w) } => format!("sentence, within {w} words"),
                Scope::Clause { window: None } => "clause".to_string(),
                Scope::Clause { window: Some(w) } => format!("clause, within {w} words"),
            };
            let _ = writeln!(
                out,
                "- label `{}`, priority {}, when negated: {}, scope: {scope}; defined in `{file}` line {}",
                r.label,
                r.priority,
                when_negated(r),
                r.location.line
            );
            if r.stem || r.negates_claim {
                let mut notes = Vec::new();
                if r.stem {
                    notes.push("phrases match through inflection (`stem = true`)");
                }
                if r.negates_claim {
                    notes.push("a claim it finds false is negative (`negates_claim = true`)");
                }
                let _ = writeln!(out, "- {}", notes.join("; "));
            }
            let list = |v: &[crate::rules::Sourced]| {
                v.iter()
                    .map(|s| format!("`{}`", s.text))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if !r.phrases.is_empty() {
                let _ = writeln!(out, "- phrases: {}", list(&r.phrases));
            }
            if !r.patterns.is_empty() {
                let _ = writeln!(out, "- patterns: {}", list(&r.patterns));
            }
            if !r.pseudo.is_empty() {
                let _ = writeln!(out, "- pseudo (cancel the cue): {}", list(&r.pseudo));
            }
            let _ = writeln!(
                out,
                "\nExamples (the rule fires; the rule set gives the label shown):\n"
            );
            for e in &r.examples {
                let _ = writeln!(out, "- {} → `{}`", e.text, e.label);
            }
            let _ = writeln!(out, "\nCounter examples (not decided by this rule):\n");
            for e in &r.counter_examples {
                let _ = writeln!(out, "- {}", e.text);
            }
            out.push('\n');
        }
    }
    out
}

/// Check results for the terminal.
pub fn check_report(r: &CheckReport, rules: usize) -> String {
    let mut out = String::new();
    for f in &r.failures {
        let _ = writeln!(
            out,
            "{}: {}: rule `{}`: {:?}\n    expected {}, got {}",
            paint(BAD, "FAIL"),
            f.location,
            f.rule,
            f.text,
            f.expected,
            f.got
        );
    }
    for id in &r.without_examples {
        let _ = writeln!(
            out,
            "{}: rule `{id}` needs at least one example and one counter example",
            paint(BAD, "MISSING")
        );
    }
    let _ = writeln!(
        out,
        "{} rules, {} examples, {} failed, {} rules without examples",
        rules,
        r.examples,
        r.failures.len(),
        r.without_examples.len()
    );
    out
}

/// A table of classified quotes (speaker, stance, quote), for a terminal.
pub fn quote_table(rows: &[serde_json::Value]) -> String {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(["doc", "speaker", "stance", "rule", "quote"]);
    for v in rows {
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let label = match v.get("error").and_then(|e| e.as_str()) {
            Some(e) => format!("error: {e}"),
            None => s("label"),
        };
        let mut quote = s("text");
        if quote.chars().count() > 120 {
            quote = quote.chars().take(117).collect::<String>() + "...";
        }
        table.add_row([s("doc"), s("speaker"), label, s("rule"), quote]);
    }
    format!("{table}\n")
}

/// How an evaluation report is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportStyle {
    /// Box-drawn tables for a terminal.
    Terminal,
    /// GitHub-flavoured Markdown (CI summaries).
    Markdown,
}

/// One table in either style.
fn grid(style: ReportStyle, header: &[&str], rows: &[Vec<String>]) -> String {
    match style {
        ReportStyle::Markdown => {
            let mut out = format!(
                "| {} |\n|{}\n",
                header.join(" | "),
                header.iter().map(|_| "---|").collect::<String>()
            );
            for r in rows {
                let cells: Vec<String> = r
                    .iter()
                    .map(|c| c.replace('|', "\\|").replace('\n', " "))
                    .collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
            out
        }
        ReportStyle::Terminal => {
            let mut table = Table::new();
            table.load_style(presets::UTF8_FULL_CONDENSED);
            table.set_content_arrangement(ContentArrangement::Dynamic);
            table.set_header(header.to_vec());
            for r in rows {
                table.add_row(r.clone());
            }
            format!("{table}\n")
        }
    }
}

fn f3(x: f64) -> String {
    format!("{x:.3}")
}

/// The evaluation report as text: summary, per-label scores, confusion
/// matrix, per-rule diagnostics, wrong items and gates.
pub fn eval_report(r: &crate::eval::Report, style: ReportStyle) -> String {
    let mut out = String::new();
    let h = |out: &mut String, title: &str| {
        let _ = match style {
            ReportStyle::Markdown => writeln!(out, "\n### {title}\n"),
            ReportStyle::Terminal => writeln!(out, "\n{title}"),
        };
    };
    if style == ReportStyle::Markdown {
        let _ = writeln!(out, "## stance eval: {}\n", r.gold.join(", "));
    } else {
        let _ = writeln!(out, "gold: {}", r.gold.join(", "));
    }
    let _ = writeln!(
        out,
        "n = {}, accuracy = {}, macro F1 = {}, coverage = {}",
        r.n,
        f3(r.accuracy),
        f3(r.macro_avg.f1),
        f3(r.coverage)
    );
    h(&mut out, "Scores");
    let mut rows: Vec<Vec<String>> = Label::ALL
        .iter()
        .map(|l| {
            let s = &r.per_label[l];
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
        ("macro avg", r.macro_avg),
        ("micro avg (stances)", r.micro),
        ("weighted avg", r.weighted),
    ] {
        rows.push(vec![
            name.into(),
            f3(s.precision),
            f3(s.recall),
            f3(s.f1),
            r.n.to_string(),
            String::new(),
        ]);
    }
    out.push_str(&grid(
        style,
        &["label", "precision", "recall", "f1", "support", "predicted"],
        &rows,
    ));
    h(
        &mut out,
        "Confusion matrix (rows: gold, columns: predicted)",
    );
    let rows: Vec<Vec<String>> = Label::ALL
        .iter()
        .map(|g| {
            let mut row = vec![g.to_string()];
            row.extend(Label::ALL.iter().map(|p| r.confusion[g][p].to_string()));
            row
        })
        .collect();
    out.push_str(&grid(
        style,
        &[
            "gold \\ predicted",
            "affirming",
            "denying",
            "uncertain",
            "none",
        ],
        &rows,
    ));
    h(
        &mut out,
        "Rules (precision: share of firings whose vote equals gold)",
    );
    let mut rows: Vec<Vec<String>> = r
        .rules
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
    for (name, d) in [
        (crate::eval::FALLBACK, r.fallback),
        (crate::eval::OFF_CLAIM, r.off_claim),
    ] {
        rows.push(vec![
            name.into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            format!("{}/{}", d.correct, d.decided),
        ]);
    }
    out.push_str(&grid(
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
    ));
    if !r.never_fired.is_empty() {
        let _ = writeln!(
            out,
            "\nRules that never fired: {}",
            r.never_fired.join(", ")
        );
    }
    if let Some(errors) = &r.errors {
        h(&mut out, &format!("Wrong items ({})", errors.len()));
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
        out.push_str(&grid(
            style,
            &["id", "gold", "predicted", "rule", "cue", "text"],
            &rows,
        ));
    }
    if let Some(b) = &r.baseline {
        h(&mut out, "Against the baseline");
        if b.gold_changed {
            let _ = writeln!(
                out,
                "The gold differs from the baseline's: changes are shown, not gated.\n"
            );
        }
        let rows: Vec<Vec<String>> = b
            .deltas
            .iter()
            .map(|d| {
                vec![
                    d.metric.clone(),
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
            let _ = writeln!(out, "\nNo regression.");
        } else {
            let _ = writeln!(out, "\nRegressions: {}", b.regressions.join(", "));
        }
    }
    if let Some(c) = &r.comparison {
        h(&mut out, "Comparison of two rule sets (new minus old)");
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
        let verdict = if c.ci[0] > 0.0 {
            "the new rules are better beyond noise"
        } else if c.ci[1] < 0.0 {
            "the new rules are worse beyond noise"
        } else {
            "the difference is within noise for this gold set"
        };
        let _ = writeln!(out, "Verdict: {verdict}.");
        if !c.items.is_empty() {
            out.push('\n');
            out.push_str(&flips(style, &c.items));
        }
    }
    if !r.gates.is_empty() {
        h(&mut out, "Quality gates");
        let rows: Vec<Vec<String>> = r
            .gates
            .iter()
            .map(|g| {
                vec![
                    g.metric.clone(),
                    f3(g.min),
                    f3(g.actual),
                    if g.passed {
                        "pass".into()
                    } else {
                        "FAIL".into()
                    },
                ]
            })
            .collect();
        out.push_str(&grid(
            style,
            &["metric", "floor", "measured", "result"],
            &rows,
        ));
    }
    out
}

/// A table of items whose label changed.
pub fn flips(style: ReportStyle, items: &[crate::compare::Flip]) -> String {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|f| {
            let mark = if f.new == f.gold {
                "fixed"
            } else if f.old == f.gold {
                "broken"
            } else {
                "still wrong"
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

/// The extraction report: span scores by exact match and overlap, speaker
/// accuracy, for statements and for all quotes; then what was missed.
pub fn extraction_report(r: &crate::eval_extract::ExtractionReport, style: ReportStyle) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} articles", r.docs);
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
    out
}
