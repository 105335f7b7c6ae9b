//! `stance rules`: the rule set as a table, as JSON, and as the Markdown
//! reference (docs/rules.md).

use std::fmt::Write as _;

use comfy_table::{ContentArrangement, Table, presets};

use super::one_line;
use crate::rules::{Label, Rule, RuleSet, Scope, WhenNegated};

fn when_negated(r: &Rule) -> String {
    match r.when_negated {
        WhenNegated::Cancel => "cancel".into(),
        WhenNegated::Ignore => "ignore".into(),
        WhenNegated::Becomes(l) => l.to_string(),
    }
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
