//! `stance label`: the labelling loop on the terminal (ratatui). The
//! session (what each key does, writing the gold file) is library code; this
//! file draws it and reads keys.

use std::io::IsTerminal;

use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use stance::Error;
use stance::label::{Candidate, Key, Session, Step, read_candidates};

use crate::cli::LabelArgs;
use crate::terminal::{SUCCESS, note};

pub fn run(args: LabelArgs) -> Result<i32, Error> {
    let items = read_candidates(&args.input)?;
    if items.is_empty() {
        return Err(Error::Data {
            file: args.input.display().to_string(),
            line: 1,
            col: 1,
            message: "no quotes to label in this file".into(),
            excerpt: None,
        });
    }
    let mut session = Session::open(items, &args.output)?;
    if session.current().is_none() {
        note(&format!(
            "every quote of {} is already answered in {}",
            args.input.display(),
            args.output.display()
        ));
        return Ok(SUCCESS);
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::Usage(
            "stance label is interactive: run it on a terminal".into(),
        ));
    }
    let mut terminal = ratatui::init();
    let result = run_loop(&mut terminal, &mut session);
    ratatui::restore();
    result?;
    let (answered, total) = session.progress();
    note(&format!(
        "{answered} of {total} quotes answered in {}",
        session.out().display()
    ));
    Ok(SUCCESS)
}

fn run_loop(terminal: &mut ratatui::DefaultTerminal, session: &mut Session) -> Result<(), Error> {
    let failed = |e: std::io::Error| Error::System(format!("terminal: {e}"));
    loop {
        terminal.draw(|f| draw(f, session)).map_err(failed)?;
        let Event::Key(k) = event::read().map_err(failed)? else {
            continue;
        };
        if k.kind != KeyEventKind::Press {
            continue;
        }
        if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c') {
            return Ok(());
        }
        let key = match k.code {
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::Enter => Key::Enter,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Esc => Key::Esc,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            _ => continue,
        };
        if session.key(key)? == Step::Done {
            return Ok(());
        }
    }
}

const CUE: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);
const QUOTE: Style = Style::new().add_modifier(Modifier::BOLD);
const MUTED: Style = Style::new().fg(Color::DarkGray);

/// The quote in its sentence: the sentence plain, the quote bold, the
/// deciding cue highlighted.
fn quote_line(c: &Candidate) -> Line<'static> {
    let mut spans = Vec::new();
    let (before, after) = match c.context.as_deref().and_then(|ctx| {
        let i = ctx.find(c.text.as_str())?;
        Some((ctx[..i].to_string(), ctx[i + c.text.len()..].to_string()))
    }) {
        Some((b, a)) => (b, a),
        None => (String::new(), String::new()),
    };
    spans.push(Span::styled(before, MUTED));
    match c.cue {
        Some((s, e)) => {
            spans.push(Span::styled(c.text[..s].to_string(), QUOTE));
            spans.push(Span::styled(c.text[s..e].to_string(), CUE));
            spans.push(Span::styled(c.text[e..].to_string(), QUOTE));
        }
        None => spans.push(Span::styled(c.text.clone(), QUOTE)),
    }
    spans.push(Span::styled(after, MUTED));
    Line::from(spans)
}

/// Draws the session: progress, claim, speaker, the quote, the suggestion
/// and any earlier answer, the note, and the keys.
pub fn draw(frame: &mut Frame, s: &Session) {
    let (answered, total) = s.progress();
    let title = format!(
        " stance label · quote {} of {total} · {answered} answered · → {} ",
        (s.position() + 1).min(total),
        s.out().display()
    );
    let mut lines: Vec<Line> = Vec::new();
    match s.current() {
        None => lines.push(Line::from("Every quote is answered.")),
        Some(c) => {
            lines.push(Line::from(vec![
                Span::styled("id       ", MUTED),
                Span::raw(c.id.clone()),
            ]));
            lines.push(Line::from(vec![
                Span::styled("claim    ", MUTED),
                Span::raw(c.claim.clone().unwrap_or_else(|| "(none given)".into())),
            ]));
            lines.push(Line::from(vec![
                Span::styled("speaker  ", MUTED),
                Span::raw(c.speaker.clone().unwrap_or_else(|| "(unknown)".into())),
            ]));
            lines.push(Line::default());
            lines.push(quote_line(c));
            lines.push(Line::default());
            let suggestion = match (c.suggested, &c.rule) {
                (Some(l), Some(r)) => format!("{l} (by {r}); Enter accepts"),
                (Some(l), None) => format!("{l}; Enter accepts"),
                (None, _) => "none: choose a label".into(),
            };
            lines.push(Line::from(vec![
                Span::styled("suggested ", MUTED),
                Span::styled(suggestion, QUOTE),
            ]));
            if let Some(a) = s.current_answer() {
                lines.push(Line::from(vec![
                    Span::styled("answered  ", MUTED),
                    Span::raw(a.label.to_string()),
                ]));
            }
            match (s.typing(), s.pending_note()) {
                (Some(t), _) => lines.push(Line::from(vec![
                    Span::styled("note      ", MUTED),
                    Span::raw(format!("{t}▏ (Enter keeps, Esc drops)")),
                ])),
                (None, Some(n)) => lines.push(Line::from(vec![
                    Span::styled("note      ", MUTED),
                    Span::raw(n.to_string()),
                ])),
                _ => {}
            }
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Enter accept · a affirming · d denying · u uncertain · n none · m note · b back · s skip · q quit",
        MUTED,
    ));
    let page = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::default().borders(Borders::ALL).title(title));
    frame.render_widget(page, frame.area());
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use stance::Label;

    use super::*;

    fn screen(t: &Terminal<TestBackend>) -> String {
        let buf = t.backend().buffer();
        let w = buf.area.width as usize;
        buf.content
            .chunks(w)
            .map(|row| row.iter().map(|c| c.symbol()).collect::<String>() + "\n")
            .collect()
    }

    #[test]
    fn the_screen_shows_claim_speaker_quote_cue_and_suggestion_and_follows_keys() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("g.jsonl");
        let text = "We can confirm the troops are there";
        let item = Candidate {
            id: "q1".into(),
            text: text.into(),
            claim: Some("Troops were sent".into()),
            context: Some(format!("\u{201C}{text},\u{201D} the minister said.")),
            speaker: Some("The minister".into()),
            doc: Some("a.txt".into()),
            span: Some((3, 38)),
            suggested: Some(Label::Affirming),
            rule: Some("affirm.confirmation".into()),
            cue: Some((7, 14)),
        };
        let mut second = item.clone();
        second.id = "q2".into();
        second.suggested = None;
        let mut s = Session::open(vec![item, second], &out).unwrap();
        let mut t = Terminal::new(TestBackend::new(100, 16)).unwrap();
        t.draw(|f| draw(f, &s)).unwrap();
        let shown = screen(&t);
        for part in [
            "quote 1 of 2",
            "Troops were sent",
            "The minister",
            "We can confirm the troops are there",
            "the minister said",
            "affirming (by affirm.confirmation); Enter accepts",
        ] {
            assert!(shown.contains(part), "missing {part:?} in\n{shown}");
        }
        // The cue "confirm" is the highlighted run of cells.
        let buf = t.backend().buffer();
        let highlighted: String = buf
            .content
            .iter()
            .filter(|c| c.bg == Color::Yellow)
            .map(|c| c.symbol())
            .collect();
        assert_eq!(highlighted, "confirm");

        s.key(Key::Enter).unwrap();
        s.key(Key::Char('m')).unwrap();
        for c in "odd one".chars() {
            s.key(Key::Char(c)).unwrap();
        }
        t.draw(|f| draw(f, &s)).unwrap();
        let shown = screen(&t);
        assert!(shown.contains("quote 2 of 2 · 1 answered"), "{shown}");
        assert!(shown.contains("none: choose a label"), "{shown}");
        assert!(
            shown.contains("odd one▏ (Enter keeps, Esc drops)"),
            "{shown}"
        );
        let written = std::fs::read_to_string(&out).unwrap();
        assert_eq!(
            written,
            "{\"id\":\"q1\",\"doc\":\"a.txt\",\"start\":3,\"end\":38,\"claim\":\"Troops were sent\",\"speaker\":\"The minister\",\"label\":\"affirming\"}\n"
        );
    }
}
