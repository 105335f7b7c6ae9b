//! `stance eval --format html`: the evaluation as one self-contained page
//! (inline style, SVG and a few lines of script; nothing fetched): the
//! scores, the confusion matrix as a heat map, per-rule precision and
//! coverage as bars, the rules that never fired, and every wrong item in its
//! sentence with the cue, negator and claim-term spans marked and the
//! `explain` trace. With script the items filter by label and rule; without
//! it every item is shown.

use std::fmt::Write as _;

use super::{explanation, f3};
use crate::classify::{Explanation, Outcome};
use crate::eval::inspect::Traced;
use crate::eval::{Comparison, FlipChange, Gate, Metrics, Report, RuleStats};
use crate::rules::Label;

const STYLE: &str = include_str!("html.css");
const SCRIPT: &str = include_str!("html.js");

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn label(l: Label) -> String {
    format!("<span class=\"label label-{l}\">{l}</span>")
}

/// The whole page. `wrong` are the report's wrong items with their gold
/// items and explanations ([`crate::eval::inspect::trace_wrong`]).
pub fn eval_html(r: &Report, wrong: &[Traced<'_, '_>]) -> String {
    let m = &r.metrics;
    let title = format!("stance eval: {}", r.gold.join(", "));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        esc(&title)
    );
    out.push_str(&header(r));
    out.push_str(&nav(r));
    if let Some(c) = &r.comparison {
        out.push_str(&comparison(c));
    }
    if !r.gates.is_empty() {
        out.push_str(&gates(&r.gates));
    }
    out.push_str(&scores(m));
    out.push_str(&confusion(m));
    out.push_str(&rules(&m.rules));
    out.push_str(&never_fired(&m.never_fired));
    out.push_str(&wrong_items(wrong));
    let _ = write!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// Title, provenance and the headline figures.
fn header(r: &Report) -> String {
    let m = &r.metrics;
    let right: usize = Label::ALL.iter().map(|l| m.confusion[l][l]).sum();
    let mut out = String::from("<header>\n<h1>stance eval</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"meta\">gold: {} (digest <code>{}</code>){}</p>",
        esc(&r.gold.join(", ")),
        esc(&r.gold_digest),
        r.rules_digest
            .as_ref()
            .map_or(" · predictions read from a file".into(), |d| format!(
                " · rules digest <code>{}</code>",
                esc(d)
            ))
    );
    out.push_str("<ul class=\"headline\">\n");
    for (name, value) in [
        ("items", m.n.to_string()),
        ("accuracy", f3(m.accuracy)),
        ("macro F1", f3(m.macro_avg.f1)),
        ("coverage", f3(m.coverage)),
        ("wrong", (m.n - right).to_string()),
    ] {
        let _ = writeln!(out, "<li>{name}<b>{value}</b></li>");
    }
    out.push_str("</ul>\n</header>\n");
    out
}

fn nav(r: &Report) -> String {
    let mut links = Vec::new();
    if r.comparison.is_some() {
        links.push(("flipped", "Flipped items"));
    }
    if !r.gates.is_empty() {
        links.push(("gates", "Gates"));
    }
    links.extend([
        ("scores", "Scores"),
        ("confusion", "Confusion"),
        ("rules", "Rules"),
        ("never-fired", "Never fired"),
        ("wrong", "Wrong items"),
    ]);
    let a: Vec<String> = links
        .iter()
        .map(|(id, text)| format!("<a href=\"#{id}\">{text}</a>"))
        .collect();
    format!("<nav>{}</nav>\n", a.join(""))
}

/// Each gate with its floor and result.
fn gates(gates: &[Gate]) -> String {
    let mut out = String::from(
        "<section id=\"gates\">\n<h2>Quality gates</h2>\n<table>\n<thead><tr><th>metric</th><th>floor</th><th>measured</th><th>result</th></tr></thead>\n<tbody>\n",
    );
    for g in gates {
        let (class, word) = if g.passed {
            ("pass", "pass")
        } else {
            ("fail", "FAIL")
        };
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"{class}\">{word}</td></tr>",
            g.metric,
            f3(g.min),
            f3(g.actual)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

/// Two rule sets compared: the figures, then every flipped item.
fn comparison(c: &Comparison) -> String {
    let mut out = format!(
        "<section id=\"flipped\">\n<h2>Flipped items ({})</h2>\n<p>macro F1 {} → {} (difference {:+.3}, 95% paired bootstrap interval [{:+.3}, {:+.3}]; McNemar exact p = {:.4})</p>\n",
        c.flipped,
        f3(c.macro_f1_old),
        f3(c.macro_f1_new),
        c.diff,
        c.ci[0],
        c.ci[1],
        c.mcnemar_p
    );
    out.push_str("<table>\n<thead><tr><th>id</th><th>old</th><th>new</th><th>gold</th><th>change</th><th>text</th></tr></thead>\n<tbody>\n");
    for f in &c.items {
        let change = match f.change() {
            FlipChange::Fixed => "<span class=\"pass\">fixed</span>",
            FlipChange::Broken => "<span class=\"fail\">broken</span>",
            FlipChange::StillWrong => "still wrong",
        };
        let _ = writeln!(
            out,
            "<tr class=\"flip\"><td class=\"id\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{change}</td><td>{}</td></tr>",
            esc(&f.id),
            label(f.old),
            label(f.new),
            label(f.gold),
            esc(&f.text)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

/// Per-label precision, recall and F1, and the averages.
fn scores(m: &Metrics) -> String {
    let mut out = String::from(
        "<section id=\"scores\">\n<h2>Scores</h2>\n<table>\n<thead><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th><th>support</th><th>predicted</th></tr></thead>\n<tbody>\n",
    );
    for l in Label::ALL {
        let s = &m.per_label[&l];
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            label(l),
            f3(s.precision),
            f3(s.recall),
            f3(s.f1),
            s.support,
            s.predicted
        );
    }
    for (name, s) in [
        ("macro avg", m.macro_avg),
        ("micro avg (stances)", m.micro),
        ("weighted avg", m.weighted),
    ] {
        let _ = writeln!(
            out,
            "<tr><td>{name}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td></td></tr>",
            f3(s.precision),
            f3(s.recall),
            f3(s.f1),
            m.n
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

/// The confusion matrix as an SVG heat map: the darker a cell, the more
/// items; green on the diagonal (right), red off it (wrong).
fn confusion(m: &Metrics) -> String {
    const CELL_W: usize = 90;
    const CELL_H: usize = 44;
    const LEFT: usize = 100;
    const TOP: usize = 40;
    let max = m
        .confusion
        .values()
        .flat_map(|row| row.values())
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let (w, h) = (LEFT + 4 * CELL_W + 10, TOP + 4 * CELL_H + 10);
    let mut out = format!(
        "<section id=\"confusion\">\n<h2>Confusion matrix</h2>\n<p class=\"muted\">Rows: gold label; columns: predicted label.</p>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Confusion matrix heat map\">\n"
    );
    for (j, p) in Label::ALL.iter().enumerate() {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{p}</text>",
            LEFT + j * CELL_W + CELL_W / 2,
            TOP - 12
        );
    }
    for (i, g) in Label::ALL.iter().enumerate() {
        let y = TOP + i * CELL_H;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{g}</text>",
            LEFT - 8,
            y + CELL_H / 2 + 4
        );
        for (j, p) in Label::ALL.iter().enumerate() {
            let n = m.confusion[g][p];
            let x = LEFT + j * CELL_W;
            let (r, gr, b) = if i == j { (31, 122, 69) } else { (179, 38, 30) };
            let alpha = if n == 0 {
                0.0
            } else {
                0.12 + 0.88 * n as f64 / max as f64
            };
            let ink = if alpha > 0.55 { "#fff" } else { "#1d2330" };
            let _ = writeln!(
                out,
                "<rect class=\"cell\" data-gold=\"{g}\" data-predicted=\"{p}\" data-count=\"{n}\" x=\"{x}\" y=\"{y}\" width=\"{CELL_W}\" height=\"{CELL_H}\" fill=\"rgb({r},{gr},{b})\" fill-opacity=\"{alpha:.3}\" stroke=\"#d9dde5\"><title>gold {g}, predicted {p}: {n}</title></rect>\n\
                 <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{ink}\">{n}</text>",
                x + CELL_W / 2,
                y + CELL_H / 2 + 4
            );
        }
    }
    out.push_str("</svg>\n</section>\n");
    out
}

/// A horizontal bar for a share from 0 to 1.
fn bar(share: f64, color: &str, title: &str) -> String {
    const W: f64 = 100.0;
    format!(
        "<svg class=\"bar\" width=\"{W}\" height=\"10\" role=\"img\" aria-label=\"{title}\"><rect width=\"{W}\" height=\"10\" fill=\"#eceef2\"/><rect width=\"{:.1}\" height=\"10\" fill=\"{color}\"/></svg>",
        share.clamp(0.0, 1.0) * W
    )
}

/// Per-rule diagnostics with precision and coverage drawn as bars.
fn rules(stats: &[RuleStats]) -> String {
    let mut out = String::from(
        "<section id=\"rules\">\n<h2>Rules</h2>\n<p class=\"muted\">Precision: the share of a rule's firings whose vote equals the gold label. Coverage: the share of items it fired on.</p>\n\
         <table>\n<thead><tr><th>rule</th><th>label</th><th>fires</th><th>precision</th><th>coverage</th><th>decided (right/all)</th><th>conflicts</th></tr></thead>\n<tbody>\n",
    );
    for s in stats {
        let precision = if s.fires == 0 {
            "<span class=\"muted\">never fired</span>".to_string()
        } else {
            format!(
                "{}{}",
                bar(
                    s.precision,
                    "#1f7a45",
                    &format!("precision {}", f3(s.precision))
                ),
                f3(s.precision)
            )
        };
        let _ = writeln!(
            out,
            "<tr class=\"rule\" data-rule=\"{id}\"><td class=\"id\">{id}</td><td>{}</td><td class=\"num\">{}</td><td>{precision}</td><td>{}{}</td><td class=\"num\">{}/{}</td><td class=\"num\">{}</td></tr>",
            label(s.label),
            s.fires,
            bar(
                s.coverage,
                "#3a63c8",
                &format!("coverage {}", f3(s.coverage))
            ),
            f3(s.coverage),
            s.decided_correct,
            s.decided,
            s.conflicts,
            id = esc(&s.id),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

fn never_fired(ids: &[String]) -> String {
    let mut out = format!(
        "<section id=\"never-fired\">\n<h2>Rules that never fired ({})</h2>\n",
        ids.len()
    );
    if ids.is_empty() {
        out.push_str("<p>Every rule fired at least once.</p>\n");
    } else {
        out.push_str("<ul>\n");
        for id in ids {
            let _ = writeln!(out, "<li class=\"id\">{}</li>", esc(id));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

/// A span of the quote to mark, with its class and a tooltip.
struct Mark {
    start: usize,
    end: usize,
    class: &'static str,
    title: String,
}

/// The marks of an explanation: cues by what became of them, the negators
/// and pseudo phrases that cancelled them, and the claim's terms.
fn marks(text: &str, e: &Explanation<'_>) -> Vec<Mark> {
    let mut marks = Vec::new();
    for c in &e.cues {
        let (class, fate) = match c.outcome {
            Outcome::Decided => ("decided", "decided"),
            Outcome::Lost => ("cue", "lost to a stronger cue"),
            Outcome::NegatedTo { .. } => ("cue", "negated, votes another label"),
            _ => ("cancelled", "cancelled"),
        };
        marks.push(Mark {
            start: c.span.0,
            end: c.span.1,
            class,
            title: format!("{} ({}): {fate}", c.rule.id, c.rule.label),
        });
        if let Outcome::Negated { by } | Outcome::NegatedTo { by, .. } | Outcome::Pseudo { by } =
            c.outcome
        {
            marks.push(Mark {
                start: by.0,
                end: by.1,
                class: "negator",
                title: format!("cancels or turns {}", c.rule.id),
            });
        }
    }
    for &(s, e) in &e.claim_mentions {
        marks.push(Mark {
            start: s,
            end: e,
            class: "claim",
            title: "names the claim".into(),
        });
    }
    // Cues first where spans overlap; then in text order.
    marks.retain(|m| m.start < m.end && text.get(m.start..m.end).is_some());
    marks
}

/// The text with non-overlapping marks; where two overlap, the earlier
/// listed (a cue before a claim term) wins.
fn highlight(text: &str, mut marks: Vec<Mark>) -> String {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    marks.retain(|m| {
        let free = taken.iter().all(|&(s, e)| m.end <= s || e <= m.start);
        if free {
            taken.push((m.start, m.end));
        }
        free
    });
    marks.sort_by_key(|m| m.start);
    let mut out = String::new();
    let mut at = 0;
    for m in marks {
        out.push_str(&esc(&text[at..m.start]));
        let _ = write!(
            out,
            "<mark class=\"{}\" title=\"{}\">{}</mark>",
            m.class,
            esc(&m.title),
            esc(&text[m.start..m.end])
        );
        at = m.end;
    }
    out.push_str(&esc(&text[at..]));
    out
}

/// Every wrong item: labels, the quote in its sentence with marks, the
/// claim, and the explain trace; with a filter form the script reveals.
fn wrong_items(wrong: &[Traced<'_, '_>]) -> String {
    let mut out = format!(
        "<section id=\"wrong\">\n<h2>Wrong items ({})</h2>\n<p class=\"legend\"><mark class=\"decided\">deciding cue</mark><mark class=\"cue\">other cue</mark><mark class=\"cancelled\">cancelled cue</mark><mark class=\"negator\">negator or pseudo phrase</mark><mark class=\"claim\">claim term</mark></p>\n",
        wrong.len()
    );
    out.push_str(&filters(wrong));
    for t in wrong {
        let (item, p) = (t.item, t.prediction);
        let quote = match &t.explanation {
            Some(e) => highlight(&item.text, marks(&item.text, e)),
            None => esc(&item.text),
        };
        let _ = write!(
            out,
            "<article class=\"item\" id=\"item-{id}\" data-gold=\"{}\" data-predicted=\"{}\" data-rule=\"{rule}\">\n<h3>{id}</h3>\n<p>gold {} · predicted {} by <code>{rule}</code>{}</p>\n",
            p.gold,
            p.predicted,
            label(p.gold),
            label(p.predicted),
            item.speaker
                .as_ref()
                .map_or(String::new(), |s| format!(" · speaker {}", esc(s))),
            id = esc(&p.id),
            rule = esc(&p.rule),
        );
        let in_context = item
            .context
            .as_deref()
            .and_then(|c| c.find(item.text.as_str()).map(|i| (c, i)));
        match in_context {
            Some((c, i)) => {
                let _ = writeln!(
                    out,
                    "<blockquote class=\"context\">{}<span class=\"quote-in-context\">{quote}</span>{}</blockquote>",
                    esc(&c[..i]),
                    esc(&c[i + item.text.len()..])
                );
            }
            None => {
                let _ = writeln!(out, "<blockquote class=\"quote\">{quote}</blockquote>");
                if let Some(c) = &item.context {
                    let _ = writeln!(out, "<p class=\"context\">In: {}</p>", esc(c));
                }
            }
        }
        if let Some(c) = &item.claim {
            let _ = writeln!(out, "<p class=\"claim\">Claim: {}</p>", esc(c));
        }
        if let Some(e) = &t.explanation {
            let trace = explanation(&item.text, item.claim.as_deref(), e);
            let _ = writeln!(
                out,
                "<details><summary>explain trace</summary><pre>{}</pre></details>",
                esc(&anstream::adapter::strip_str(&trace).to_string())
            );
        }
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
    out
}

/// The filter form: hidden until the script shows it, so that a page read
/// without script shows every item and no dead controls.
fn filters(wrong: &[Traced<'_, '_>]) -> String {
    let mut rules: Vec<&str> = wrong.iter().map(|t| t.prediction.rule.as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    let options = |values: &mut dyn Iterator<Item = String>| {
        values
            .map(|v| format!("<option value=\"{v}\">{v}</option>"))
            .collect::<String>()
    };
    let labels = || Label::ALL.iter().map(|l| l.to_string());
    format!(
        "<form id=\"filters\" class=\"filters\" hidden>\
         <label>gold <select name=\"gold\"><option value=\"\">any</option>{}</select></label>\
         <label>predicted <select name=\"predicted\"><option value=\"\">any</option>{}</select></label>\
         <label>rule <select name=\"rule\"><option value=\"\">any</option>{}</select></label>\
         <output id=\"shown\"></output></form>\n",
        options(&mut labels()),
        options(&mut labels()),
        options(&mut rules.iter().map(|r| esc(r)))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_overlapping_marks_keep_the_first() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        let marks = vec![
            Mark {
                start: 4,
                end: 8,
                class: "decided",
                title: "t".into(),
            },
            Mark {
                start: 0,
                end: 3,
                class: "negator",
                title: "n".into(),
            },
            Mark {
                start: 6,
                end: 11,
                class: "claim",
                title: "c".into(),
            },
        ];
        assert_eq!(
            highlight("not fake <x>", marks),
            "<mark class=\"negator\" title=\"n\">not</mark> <mark class=\"decided\" title=\"t\">fake</mark> &lt;x&gt;"
        );
    }
}
