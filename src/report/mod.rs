//! Everything printed for people: explanations, rule listings, the rules
//! reference, check results, quote tables and evaluation reports. Kept apart
//! from the stages so that output changes never touch matching logic. Each
//! function is fed the facts it prints; none computes a figure.

mod agree;
mod check;
mod ci;
mod eval;
mod explain;
mod extraction;
mod html;
mod quotes;
mod rules;

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use comfy_table::{ContentArrangement, Table, presets};

use crate::rules::Label;

pub use agree::agreement_report;
pub use check::{check_json, check_report};
pub use ci::{check_github, check_junit, gates_github, gates_junit};
pub use eval::{eval_report, flips};
pub use explain::explanation;
pub use extraction::extraction_report;
pub use html::eval_html;
pub use quotes::{QuoteTableWriter, TABLE_BLOCK_ROWS, quote_table};
pub use rules::{rules_json, rules_markdown, rules_table};

const CUE: Style = AnsiColor::Yellow.on_default().bold();
const DECIDED: Style = AnsiColor::Green.on_default().bold();
const CANCELLED: Style = AnsiColor::BrightBlack.on_default();
const BAD: Style = AnsiColor::Red.on_default().bold();

fn paint(style: Style, s: &str) -> String {
    format!("{style}{s}{style:#}")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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
pub(crate) fn grid(style: ReportStyle, header: &[&str], rows: &[Vec<String>]) -> String {
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
            fit(&mut table, header, rows);
            format!("{table}\n")
        }
    }
}

/// A label × label count table (a confusion matrix), rows and columns in
/// [`Label::ALL`] order; `corner` names the two axes.
pub(crate) fn label_matrix(
    style: ReportStyle,
    corner: &str,
    counts: &std::collections::BTreeMap<Label, std::collections::BTreeMap<Label, usize>>,
) -> String {
    let count = |a: &Label, b: &Label| counts.get(a).and_then(|r| r.get(b)).copied().unwrap_or(0);
    let rows: Vec<Vec<String>> = Label::ALL
        .iter()
        .map(|a| {
            let mut row = vec![a.to_string()];
            row.extend(Label::ALL.iter().map(|b| count(a, b).to_string()));
            row
        })
        .collect();
    let mut header = vec![corner];
    header.extend(Label::ALL.iter().map(|l| l.as_str()));
    grid(style, &header, &rows)
}

/// Width of a table when the terminal's is unknown or too small to use (a
/// pipe, a file, a 0×0 pseudo-terminal) and `COLUMNS` does not say.
const FALLBACK_WIDTH: u16 = 80;
/// Narrower than this, a terminal width is taken as unknown.
const LEAST_WIDTH: u16 = 40;
/// A word longer than this may be broken; shorter ones never are.
const LONGEST_UNBROKEN: usize = 40;

/// Sets a table's width (the terminal's, else `COLUMNS`, else 80) and keeps
/// every column at least as wide as its longest word, so that wrapping
/// breaks lines between words and never cuts an id such as
/// `uncertain.attribution` in pieces.
fn fit(table: &mut Table, header: &[&str], rows: &[Vec<String>]) {
    use comfy_table::{ColumnConstraint, Width};
    table.set_width(target_width(table));
    for (i, column) in table.column_iter_mut().enumerate() {
        // The constraint counts the cell's padding (one space each side).
        let least = u16::try_from(longest_word(header, rows, i) + 2).unwrap_or(u16::MAX);
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(least)));
    }
}

/// The width tables are drawn to: the terminal's, else `COLUMNS`, else 80.
fn target_width(table: &Table) -> u16 {
    table
        .width()
        .filter(|&w| w >= LEAST_WIDTH)
        .or_else(|| {
            std::env::var("COLUMNS")
                .ok()?
                .parse()
                .ok()
                .filter(|&w| w >= LEAST_WIDTH)
        })
        .unwrap_or(FALLBACK_WIDTH)
}

/// The longest word of column `i` (header included), in characters.
fn longest_word(header: &[&str], rows: &[Vec<String>], i: usize) -> usize {
    std::iter::once(header.get(i).copied().unwrap_or(""))
        .chain(rows.iter().map(|r| r.get(i).map_or("", String::as_str)))
        .flat_map(str::split_whitespace)
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
        .min(LONGEST_UNBROKEN)
}

/// [`grid`], but on a terminal the columns `optional` (in that order) are
/// left out while the table cannot fit the width with every word whole,
/// and a line under it names them. Markdown keeps every column.
pub(crate) fn grid_fitting(
    style: ReportStyle,
    header: &[&str],
    rows: &[Vec<String>],
    optional: &[usize],
) -> String {
    if style == ReportStyle::Markdown {
        return grid(style, header, rows);
    }
    let width = usize::from(target_width(&Table::new()));
    let (kept, dropped) = columns_to_fit(header, rows, optional, width);
    if dropped.is_empty() {
        return grid(style, header, rows);
    }
    let h: Vec<&str> = kept.iter().map(|&i| header[i]).collect();
    let r: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            kept.iter()
                .map(|&i| row.get(i).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    grid(style, &h, &r)
        + &format!(
            "Left out to fit {width} columns (COLUMNS or --format json show them):\n{}\n",
            dropped.join(", ")
        )
}

/// The columns kept and the headers left out so that a table fits `width`
/// (see [`grid_fitting`]).
fn columns_to_fit<'h>(
    header: &[&'h str],
    rows: &[Vec<String>],
    optional: &[usize],
    width: usize,
) -> (Vec<usize>, Vec<&'h str>) {
    // Each column: its longest word and one space each side, and one border.
    let least = |i: usize| longest_word(header, rows, i) + 3;
    let mut kept: Vec<usize> = (0..header.len()).collect();
    let mut dropped = Vec::new();
    for &o in optional {
        if kept.iter().map(|&i| least(i)).sum::<usize>() < width {
            break;
        }
        kept.retain(|&i| i != o);
        dropped.push(header[o]);
    }
    (kept, dropped)
}

pub(crate) fn f3(x: f64) -> String {
    format!("{x:.3}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_columns_are_left_out_in_order_until_the_table_fits() {
        let header = ["rule", "label", "overlaps", "conflicts", "decided"];
        let rows = vec![vec![
            "uncertain.neither-confirm-nor-deny".to_string(),
            "uncertain".into(),
            "1".into(),
            "0".into(),
            "3/4".into(),
        ]];
        // Widths with padding and border: 37 + 12 + 11 + 12 + 10, and 1.
        let all = columns_to_fit(&header, &rows, &[2, 3], 200);
        assert_eq!(all, (vec![0, 1, 2, 3, 4], vec![]));
        let one = columns_to_fit(&header, &rows, &[2, 3], 80);
        assert_eq!(one, (vec![0, 1, 3, 4], vec!["overlaps"]));
        let both = columns_to_fit(&header, &rows, &[2, 3], 60);
        assert_eq!(both, (vec![0, 1, 4], vec!["overlaps", "conflicts"]));
        // Never more than the optional ones, even when still too wide.
        let least = columns_to_fit(&header, &rows, &[2, 3], 40);
        assert_eq!(least.0, vec![0, 1, 4]);
    }
}
