//! `stance explain`: one decision traced cue by cue.

use std::fmt::Write as _;

use anstyle::Style;
use comfy_table::{Table, presets};

use super::{CANCELLED, CUE, DECIDED, paint};
use crate::classify::{Explanation, Outcome, Reason};

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
