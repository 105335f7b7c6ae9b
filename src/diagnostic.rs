//! One renderer for every error a user fixes by editing a file (a rule, a
//! gold item, a record of data): the message, where it is, the line with the
//! offending part underlined, and for an unknown key the closest expected
//! one as a suggested edit. Drawn by `annotate-snippets`, the renderer of
//! rustc and cargo, so it reads like the compiler messages users know; the
//! first line keeps the `file:line:col: message` form that editors, CI
//! problem matchers and `grep` read:
//!
//! ```text
//! error: rules/denying.toml:7:1: unknown field `phrasez`, expected one of …
//!   |
//! 7 | phrasez = ["hoax"]
//!   | ^^^^^^^
//!   |
//! help: did you mean `phrases`?
//!   |
//! 7 - phrasez = ["hoax"]
//! 7 + phrases = ["hoax"]
//!   |
//! ```
//!
//! The errors' `Display` is that first line alone (with the suggestion), for
//! logs, JSON reports, error records and CI annotations.

use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};

use crate::error::{Error, Excerpt, RuleError, SNIPPET_CHARS, excerpt};

/// How [`render_error`] draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorStyle {
    /// Plain text.
    Plain,
    /// With ANSI colours (for a terminal; `anstream` strips them elsewhere).
    Color,
}

/// The error as a multi-line diagnostic ending in a newline: `error: …`, then
/// for rules, gold and data errors the file, line and column and the line
/// itself with the offending part underlined, and `help: did you mean …` for
/// an unknown key or value.
pub fn render_error(error: &Error, style: ErrorStyle) -> String {
    let renderer = match style {
        ErrorStyle::Plain => Renderer::plain(),
        ErrorStyle::Color => Renderer::styled(),
    };
    let mut text = match error {
        Error::Rules(r) => renderer.render(&rule_report(r)),
        Error::Data {
            file,
            line,
            col,
            message,
            excerpt,
        } => {
            let (head, help) = split_help(message);
            // A message listing several places: the first line is the title,
            // the list a note under it.
            let (head, list) = match head.split_once('\n') {
                Some((first, rest)) => (first, Some(rest)),
                None => (head, None),
            };
            let title = format!("{file}:{line}:{col}: {head}");
            let title = Level::ERROR.primary_title(title);
            let Some(x) = excerpt.as_deref() else {
                let mut report = vec![Group::with_title(title)];
                if let Some(list) = list {
                    report.push(Group::with_title(Level::NOTE.secondary_title(list)));
                }
                if let Some((help, _)) = help {
                    report.push(help_line(help));
                }
                return renderer.render(&report) + "\n";
            };
            let span = token_span(x);
            let snippet = Snippet::source(x.text.as_str())
                .line_start(*line)
                .annotation(AnnotationKind::Primary.span(span.clone()));
            let mut report = vec![title.element(snippet)];
            if let Some((help, suggested)) = help {
                // An unknown key under the caret: the fix as an edit.
                let key = crate::error::unknown_name(head).map(|k| format!("\"{k}\""));
                let group =
                    match (key, suggested) {
                        (Some(key), Some(suggested)) if x.text.get(span.clone()) == Some(&key) => {
                            let edit = Snippet::source(x.text.as_str()).line_start(*line).patch(
                                Patch::new(span.start + 1..span.end - 1, suggested.to_string()),
                            );
                            Level::HELP.secondary_title(help).element(edit)
                        }
                        _ => help_line(help),
                    };
                report.push(group);
            }
            renderer.render(&report)
        }
        other => {
            let message = other.to_string();
            renderer.render(&[Group::with_title(
                Level::ERROR.primary_title(message.as_str()),
            )])
        }
    };
    text.push('\n');
    text
}

fn rule_report(r: &RuleError) -> Vec<Group<'_>> {
    let (head, help) = split_help(&r.message);
    let mut title = String::new();
    if let Some(loc) = &r.location {
        title.push_str(&format!("{loc}: "));
    }
    if let Some(id) = &r.rule {
        title.push_str(&format!("rule `{id}`: "));
    }
    title.push_str(head);
    let title = Level::ERROR.primary_title(title);
    let loc = match &r.location {
        Some(loc) if !loc.source_line.is_empty() => loc,
        _ => {
            let mut report = vec![Group::with_title(title)];
            if let Some((help, _)) = help {
                report.push(help_line(help));
            }
            return report;
        }
    };
    let (shown, col) = excerpt(&loc.source_line, loc.col);
    let span = char_span(&shown, col, loc.width.min(SNIPPET_CHARS / 2));
    let snippet = Snippet::source(shown.clone())
        .line_start(loc.line)
        .annotation(AnnotationKind::Primary.span(span.clone()));
    let mut report = vec![title.element(snippet)];
    if let Some((help, suggested)) = help {
        // Shown as an edit of the line when the key under the caret is the
        // one the message names.
        let given = crate::error::unknown_name(head);
        let group = match (given, suggested) {
            (Some(given), Some(suggested)) if shown.get(span.clone()) == Some(given) => {
                let edit = Snippet::source(shown.clone())
                    .line_start(loc.line)
                    .patch(Patch::new(span, suggested.to_string()));
                Level::HELP.secondary_title(help).element(edit)
            }
            _ => help_line(help),
        };
        report.push(group);
    }
    report
}

/// A `help: …` line with nothing under it.
fn help_line(help: &str) -> Group<'_> {
    Group::with_title(Level::HELP.secondary_title(help))
}

/// The message without the `; did you mean `x`?` that
/// [`humanize`](crate::error::humanize) appends, and that help with `x`.
fn split_help(message: &str) -> (&str, Option<(&str, Option<&str>)>) {
    match message.rfind(crate::error::DID_YOU_MEAN) {
        Some(i) => {
            let help = &message[i + 2..];
            let suggested = help.split('`').nth(1);
            (&message[..i], Some((help, suggested)))
        }
        None => (message, None),
    }
}

/// Byte range of `width` characters from 1-based character column `col`.
fn char_span(text: &str, col: usize, width: usize) -> std::ops::Range<usize> {
    let mut starts = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let start = starts.nth(col.saturating_sub(1)).unwrap_or(text.len());
    let end = text[start..]
        .char_indices()
        .nth(width.max(1))
        .map_or(text.len(), |(i, _)| start + i);
    start..end
}

/// The JSON token at the excerpt's column: a whole string when it starts
/// with a quote, a word or number otherwise, one character at least.
fn token_span(x: &Excerpt) -> std::ops::Range<usize> {
    let one = char_span(&x.text, x.col, 1);
    let rest = &x.text[one.start..];
    let width = if rest.starts_with('"') {
        let mut escaped = false;
        rest.char_indices()
            .skip(1)
            .find(|&(_, c)| {
                let close = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                close
            })
            .map_or(1, |(i, _)| rest[..=i].chars().count())
    } else {
        rest.chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '+'))
            .count()
            .max(1)
    };
    char_span(&x.text, x.col, width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;

    fn rule_error(line: &str, col: usize, width: usize, message: &str) -> Error {
        Error::rule(
            Some(Location {
                file: "rules/denying.toml".into(),
                line: 7,
                col,
                source_line: line.into(),
                width,
            }),
            Some("deny.hoax"),
            message.into(),
        )
    }

    #[test]
    fn an_unknown_key_is_underlined_and_the_fix_shown_as_an_edit() {
        let e = rule_error(
            "phrasez = [\"hoax\"]",
            1,
            7,
            "unknown field `phrasez`, expected one of `id`, `label`, `phrases`",
        );
        let text = render_error(&e, ErrorStyle::Plain);
        let expected = "\
error: rules/denying.toml:7:1: rule `deny.hoax`: unknown field `phrasez`, expected one of `id`, `label`, `phrases`
  |
7 | phrasez = [\"hoax\"]
  | ^^^^^^^
  |
help: did you mean `phrases`?
  |
7 - phrasez = [\"hoax\"]
7 + phrases = [\"hoax\"]
  |
";
        assert_eq!(text, expected);
        // The one-line form keeps everything but the drawing.
        assert_eq!(
            e.to_string(),
            "rules/denying.toml:7:1: rule `deny.hoax`: unknown field `phrasez`, expected one of `id`, `label`, `phrases`; did you mean `phrases`?"
        );
    }

    #[test]
    fn a_data_error_underlines_the_json_value_at_its_column() {
        let line = r#"{"id": 3, "text": "x", "label": "unsure"}"#;
        let col = line.find("\"unsure\"").unwrap() + 1;
        let e = Error::Data {
            file: "gold/g.jsonl".into(),
            line: 12,
            col,
            message: "unknown label \"unsure\"; expected affirming, denying, uncertain or none"
                .into(),
            excerpt: Some(Box::new(Excerpt::around(line, col))),
        };
        let text = render_error(&e, ErrorStyle::Plain);
        assert!(
            text.starts_with(&format!(
                "error: gold/g.jsonl:12:{col}: unknown label \"unsure\""
            )),
            "{text}"
        );
        let caret = text.lines().find(|l| l.contains('^')).unwrap();
        let under = text.lines().find(|l| l.contains("\"unsure\"}")).unwrap();
        let at = caret.find('^').unwrap();
        assert_eq!(&under[at..at + 8], "\"unsure\"");
        assert_eq!(caret.matches('^').count(), 8);
    }

    /// The text under the caret of a drawn error.
    fn under_caret(text: &str) -> String {
        let lines: Vec<&str> = text.lines().collect();
        let k = lines.iter().position(|l| l.contains('^')).expect("a caret");
        let (shown, caret) = (lines[k - 1], lines[k]);
        // Columns as drawn: the characters of both lines line up here
        // (the tests use one-column characters before the caret).
        let at = caret.chars().position(|c| c == '^').unwrap();
        let n = caret.chars().filter(|&c| c == '^').count();
        shown.chars().skip(at).take(n).collect()
    }

    #[test]
    fn json_errors_point_at_the_key_not_at_a_value_that_reads_the_same() {
        let line = r#"{"id": 1, "text": "lable", "lable": "none"}"#;
        let e = Error::Data {
            file: "g.jsonl".into(),
            line: 1,
            col: 1,
            message: "unknown field `lable`, expected one of `id`, `text`, `label`; did you mean `label`?".into(),
            excerpt: None,
        }
        .with_line(line);
        let text = render_error(&e, ErrorStyle::Plain);
        assert!(
            text.starts_with("error: g.jsonl:1:28: unknown field"),
            "{text}"
        );
        assert_eq!(under_caret(&text), "\"lable\"", "{text}");
        assert!(
            text.contains(r#"+ {"id": 1, "text": "lable", "label": "none"}"#),
            "{text}"
        );
        // A duplicate key: the second one.
        let line = r#"{"id":1,"label":"none","label":"none"}"#;
        let e = Error::Data {
            file: "g.jsonl".into(),
            line: 1,
            col: 30,
            message: "duplicate field `label`".into(),
            excerpt: None,
        }
        .with_line(line);
        assert!(e.to_string().starts_with("g.jsonl:1:24: "), "{e}");
    }

    #[test]
    fn json_columns_count_characters_not_bytes() {
        let line = r#"{"text": "é é é é", "label": 5}"#;
        let err =
            serde_json::from_str::<std::collections::HashMap<String, String>>(line).unwrap_err();
        let col = crate::input::json_column(line, &err);
        assert_eq!(line.chars().nth(col - 1), Some('5'), "column {col}");
        assert!(err.column() > col, "serde_json counts bytes");
    }

    #[test]
    fn a_data_error_without_its_line_still_names_file_line_and_column() {
        let e = Error::Data {
            file: "<stdin>".into(),
            line: 4,
            col: 2,
            message: "unknown field `lable`, expected one of `id`, `text`, `label`; did you mean `label`?".into(),
            excerpt: None,
        };
        let text = render_error(&e, ErrorStyle::Plain);
        assert!(
            text.starts_with("error: <stdin>:4:2: unknown field `lable`"),
            "{text}"
        );
        assert!(text.contains("help: did you mean `label`?"), "{text}");
        assert!(!text.contains("; did you mean"), "{text}");
    }

    #[test]
    fn a_long_line_is_shown_around_its_column_only() {
        let line = format!("{}phrasez = 1{}", "a".repeat(100_000), "b".repeat(100_000));
        let e = rule_error(
            &line,
            100_001,
            7,
            "unknown field `phrasez`, expected one of `phrases`",
        );
        let text = render_error(&e, ErrorStyle::Plain);
        assert!(text.len() < 2_000, "{} bytes", text.len());
        assert!(
            text.contains("+ …") || text.contains("phrases = 1"),
            "{text}"
        );
    }

    #[test]
    fn other_errors_are_one_titled_line() {
        let e = Error::Usage("--claim \"the\" has no key term".into());
        assert_eq!(
            render_error(&e, ErrorStyle::Plain),
            "error: --claim \"the\" has no key term\n"
        );
    }
}
