//! Building gold by hand, one quote at a time (`stance label`): the
//! session behind the terminal screen, kept apart from it so that it can be
//! driven by scripted keys in tests. Every answer is written to the gold
//! file at once (the whole file rewritten and renamed into place), so an
//! interrupted run loses nothing, and a new run resumes at the first quote
//! not yet answered.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::gold::GoldSet;
use crate::input::read_json_lines;
use crate::rules::Label;

/// One quote to label, as read from `extract` or `classify` output or a
/// gold file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The record's id.
    pub id: String,
    /// The quote.
    pub text: String,
    /// The claim it is labelled toward.
    pub claim: Option<String>,
    /// The sentence around it.
    pub context: Option<String>,
    /// Who said it.
    pub speaker: Option<String>,
    /// The article and the quote's byte offsets in it (stand-off gold).
    pub doc: Option<String>,
    /// Start and end offsets in `doc`.
    pub span: Option<(usize, usize)>,
    /// The label already given (classify's answer, or the gold label under
    /// review): accepted with one key.
    pub suggested: Option<Label>,
    /// The rule that gave it.
    pub rule: Option<String>,
    /// The deciding cue's byte span in `text`.
    pub cue: Option<(usize, usize)>,
}

/// Reads the quotes to label: a gold file (stand-off items get their text
/// from the article), or JSON Lines records with at least `id` and `text`
/// (`extract` and `classify` output).
pub fn read_candidates(path: &Path) -> Result<Vec<Candidate>> {
    if let Ok(gold) = GoldSet::load(&[path.to_path_buf()]) {
        return Ok(gold
            .items
            .into_iter()
            .map(|g| Candidate {
                id: g.id,
                text: g.text,
                claim: g.claim,
                context: g.context,
                speaker: g.speaker,
                doc: g.doc,
                span: g.span,
                suggested: Some(g.label),
                rule: None,
                cue: None,
            })
            .collect());
    }
    let mut out = Vec::new();
    read_json_lines(path, |at, v: Map<String, Value>| {
        let str_of = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let id = match v.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return Err(at.error(1, "a record to label needs an `id` (string or number)")),
        };
        let text = str_of("text")
            .ok_or_else(|| at.error(1, format!("record {id:?} has no `text` to label")))?;
        let pair = |k: &str| {
            let a = v.get(k)?.as_array()?;
            Some((a.first()?.as_u64()? as usize, a.get(1)?.as_u64()? as usize))
        };
        let offsets = v
            .get("start")
            .and_then(Value::as_u64)
            .zip(v.get("end").and_then(Value::as_u64));
        // classify writes `claim` as given: a sentence or {"text": …}.
        let claim = match v.get("claim") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Object(o)) => o.get("text").and_then(Value::as_str).map(str::to_string),
            _ => None,
        };
        out.push(Candidate {
            id,
            claim,
            context: str_of("context"),
            speaker: str_of("speaker"),
            doc: str_of("doc"),
            span: offsets.map(|(s, e)| (s as usize, e as usize)),
            suggested: str_of("label").as_deref().and_then(Label::parse),
            rule: str_of("rule"),
            cue: pair("span").filter(|&(s, e)| s <= e && text.get(s..e).is_some()),
            text,
        });
        Ok(())
    })?;
    Ok(out)
}

/// A key, as the session understands it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character key.
    Char(char),
    /// Enter: accept the suggested label (or end a note).
    Enter,
    /// Backspace (in a note).
    Backspace,
    /// Escape: cancel a note.
    Esc,
    /// Back to the previous quote.
    Left,
    /// Skip to the next quote.
    Right,
}

/// What the caller should do after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Draw the screen again and wait for the next key.
    Continue,
    /// Every quote is answered, or the person quit.
    Done,
}

/// One answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The label given.
    pub label: Label,
    /// A note, if one was typed.
    pub note: Option<String>,
}

/// A labelling session over a list of quotes, writing to a gold file.
#[derive(Debug)]
pub struct Session {
    items: Vec<Candidate>,
    answers: HashMap<String, Answer>,
    /// Lines of the gold file for ids not in this input: kept as they were.
    foreign: Vec<Value>,
    out: PathBuf,
    pos: usize,
    /// The note being typed, if any.
    typing: Option<String>,
    /// A note typed for the current quote, kept until it is answered.
    pending_note: Option<String>,
}

impl Session {
    /// Starts (or resumes) a session: answers already in `out` are kept,
    /// and the first quote without one is shown.
    pub fn open(items: Vec<Candidate>, out: &Path) -> Result<Session> {
        let mut answers = HashMap::new();
        let mut foreign = Vec::new();
        if out.exists() {
            let ids: HashMap<&str, ()> = items.iter().map(|c| (c.id.as_str(), ())).collect();
            read_json_lines(out, |at, v: Map<String, Value>| {
                let id = match v.get("id") {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Number(n)) => n.to_string(),
                    _ => return Err(at.error_at("id", "`id` must be a string or a number")),
                };
                let label = v
                    .get("label")
                    .and_then(Value::as_str)
                    .and_then(Label::parse)
                    .ok_or_else(|| {
                        at.error_at("label", format!("id {id:?} has no valid `label`"))
                    })?;
                if ids.contains_key(id.as_str()) {
                    let note = v.get("note").and_then(Value::as_str).map(str::to_string);
                    answers.insert(id, Answer { label, note });
                } else {
                    foreign.push(Value::Object(v));
                }
                Ok(())
            })?;
        }
        let mut s = Session {
            items,
            answers,
            foreign,
            out: out.to_path_buf(),
            pos: 0,
            typing: None,
            pending_note: None,
        };
        s.pos = s.next_open(0).unwrap_or(s.items.len());
        Ok(s)
    }

    /// The quote on screen, if any is left.
    pub fn current(&self) -> Option<&Candidate> {
        self.items.get(self.pos)
    }

    /// The answer already given to the quote on screen.
    pub fn current_answer(&self) -> Option<&Answer> {
        self.current().and_then(|c| self.answers.get(&c.id))
    }

    /// Quotes answered and quotes in all.
    pub fn progress(&self) -> (usize, usize) {
        let answered = self
            .items
            .iter()
            .filter(|c| self.answers.contains_key(&c.id))
            .count();
        (answered, self.items.len())
    }

    /// Position of the quote on screen (0-based).
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The note being typed, when in note mode.
    pub fn typing(&self) -> Option<&str> {
        self.typing.as_deref()
    }

    /// The note that will go with the next answer.
    pub fn pending_note(&self) -> Option<&str> {
        self.pending_note.as_deref()
    }

    /// The gold file written.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// The first unanswered quote at or after `from`, wrapping around.
    fn next_open(&self, from: usize) -> Option<usize> {
        let n = self.items.len();
        (0..n)
            .map(|k| (from + k) % n)
            .find(|&i| !self.answers.contains_key(&self.items[i].id))
    }

    /// Handles one key.
    pub fn key(&mut self, key: Key) -> Result<Step> {
        if let Some(note) = &mut self.typing {
            match key {
                Key::Char(c) => note.push(c),
                Key::Backspace => {
                    note.pop();
                }
                Key::Enter => {
                    let note = self.typing.take().unwrap_or_default();
                    self.pending_note = (!note.trim().is_empty()).then(|| note.trim().to_string());
                }
                Key::Esc => self.typing = None,
                Key::Left | Key::Right => {}
            }
            return Ok(Step::Continue);
        }
        let Some(current) = self.current() else {
            return Ok(Step::Done);
        };
        let label = match key {
            Key::Enter => current
                .suggested
                .or_else(|| self.current_answer().map(|a| a.label)),
            Key::Char(c) => match c {
                'a' => Some(Label::Affirming),
                'd' => Some(Label::Denying),
                'u' => Some(Label::Uncertain),
                'n' => Some(Label::None),
                'q' => return Ok(Step::Done),
                'm' => {
                    self.typing = Some(self.pending_note.take().unwrap_or_default());
                    return Ok(Step::Continue);
                }
                'b' => return Ok(self.go(self.pos.saturating_sub(1))),
                _ => return Ok(self.go(self.pos + 1)),
            },
            Key::Left => return Ok(self.go(self.pos.saturating_sub(1))),
            Key::Right | Key::Backspace | Key::Esc => return Ok(self.go(self.pos + 1)),
        };
        let Some(label) = label else {
            // Nothing to accept: no suggestion and no earlier answer.
            return Ok(Step::Continue);
        };
        let id = current.id.clone();
        let note = self
            .pending_note
            .take()
            .or_else(|| self.answers.get(&id).and_then(|a| a.note.clone()));
        self.answers.insert(id, Answer { label, note });
        self.save()?;
        match self.next_open(self.pos + 1) {
            Some(i) => {
                self.pos = i;
                Ok(Step::Continue)
            }
            None => {
                self.pos = self.items.len();
                Ok(Step::Done)
            }
        }
    }

    /// Moves to quote `i` (skipping past the end wraps to the first).
    fn go(&mut self, i: usize) -> Step {
        self.pending_note = None;
        self.pos = if i >= self.items.len() { 0 } else { i };
        Step::Continue
    }

    /// One answered quote as a gold record: stand-off (doc and offsets)
    /// when the quote came from an article, with its text otherwise.
    fn record(c: &Candidate, a: &Answer) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), c.id.clone().into());
        match (&c.doc, c.span) {
            (Some(doc), Some((s, e))) => {
                m.insert("doc".into(), doc.clone().into());
                m.insert("start".into(), s.into());
                m.insert("end".into(), e.into());
            }
            _ => {
                m.insert("text".into(), c.text.clone().into());
            }
        }
        if let Some(claim) = &c.claim {
            m.insert("claim".into(), claim.clone().into());
        }
        if let Some(speaker) = &c.speaker {
            m.insert("speaker".into(), speaker.clone().into());
        }
        m.insert("label".into(), a.label.as_str().into());
        if let Some(note) = &a.note {
            m.insert("note".into(), note.clone().into());
        }
        Value::Object(m)
    }

    /// Writes every answer (in input order, then the file's other records
    /// as they were) to a temporary file beside the gold file and renames
    /// it into place: a crash leaves the old file or the new one, never half.
    fn save(&self) -> Result<()> {
        let mut text = String::new();
        for c in &self.items {
            if let Some(a) = self.answers.get(&c.id) {
                text.push_str(&Session::record(c, a).to_string());
                text.push('\n');
            }
        }
        for v in &self.foreign {
            text.push_str(&v.to_string());
            text.push('\n');
        }
        let name = self
            .out
            .file_name()
            .map_or_else(|| "gold".into(), |n| n.to_string_lossy().into_owned());
        let tmp = self.out.with_file_name(format!(".{name}.labelling"));
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::File::create(&tmp)?;
            std::io::Write::write_all(&mut f, text.as_bytes())?;
            f.sync_all()
        };
        write().map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, &self.out).map_err(|e| Error::io(&self.out, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(id: &str, suggested: Option<Label>) -> Candidate {
        Candidate {
            id: id.into(),
            text: format!("quote {id}"),
            claim: Some("c".into()),
            context: None,
            speaker: Some("Ann".into()),
            doc: None,
            span: None,
            suggested,
            rule: None,
            cue: None,
        }
    }

    fn lines(p: &Path) -> Vec<Value> {
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn every_answer_is_written_at_once_and_a_new_run_resumes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("gold.jsonl");
        let items = vec![
            cand("1", Some(Label::Affirming)),
            cand("2", None),
            cand("3", Some(Label::Denying)),
        ];
        let mut s = Session::open(items.clone(), &out).unwrap();
        assert_eq!(s.key(Key::Enter).unwrap(), Step::Continue); // accept affirming
        assert_eq!(lines(&out).len(), 1, "written before the next key");
        assert_eq!(s.key(Key::Enter).unwrap(), Step::Continue); // no suggestion: stays
        assert_eq!(s.current().unwrap().id, "2");
        for c in "m".chars().chain("hedged ".chars()) {
            s.key(Key::Char(c)).unwrap();
        }
        s.key(Key::Enter).unwrap(); // end the note
        s.key(Key::Char('u')).unwrap();
        assert_eq!(s.current().unwrap().id, "3");
        drop(s); // interrupted here

        let written = lines(&out);
        assert_eq!(written[0]["label"], "affirming");
        assert_eq!(written[1]["label"], "uncertain");
        assert_eq!(written[1]["note"], "hedged");
        assert_eq!(written[1]["text"], "quote 2");
        let mut s = Session::open(items, &out).unwrap();
        assert_eq!(
            s.current().unwrap().id,
            "3",
            "resumes at the first open quote"
        );
        assert_eq!(s.progress(), (2, 3));
        s.key(Key::Left).unwrap(); // back to 2 and change it
        s.key(Key::Char('n')).unwrap();
        assert_eq!(s.current().unwrap().id, "3");
        assert_eq!(s.key(Key::Char('d')).unwrap(), Step::Done);
        let labels: Vec<Value> = lines(&out).iter().map(|v| v["label"].clone()).collect();
        assert_eq!(labels, ["affirming", "none", "denying"]);
        assert_eq!(
            lines(&out)[1]["note"],
            "hedged",
            "a changed answer keeps its note"
        );
    }

    #[test]
    fn skip_quit_and_foreign_records_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("gold.jsonl");
        std::fs::write(
            &out,
            "{\"id\":\"other\",\"text\":\"t\",\"label\":\"none\"}\n",
        )
        .unwrap();
        let items = vec![
            cand("1", Some(Label::None)),
            cand("2", Some(Label::Denying)),
        ];
        let mut s = Session::open(items, &out).unwrap();
        s.key(Key::Char('s')).unwrap(); // skip 1
        assert_eq!(s.current().unwrap().id, "2");
        s.key(Key::Enter).unwrap(); // accept 2, wraps to 1
        assert_eq!(s.current().unwrap().id, "1");
        assert_eq!(s.key(Key::Char('q')).unwrap(), Step::Done);
        let ids: Vec<Value> = lines(&out).iter().map(|v| v["id"].clone()).collect();
        assert_eq!(ids, ["2", "other"]);
    }

    #[test]
    fn candidates_from_classify_output_and_from_stand_off_gold() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl");
        std::fs::write(
            &p,
            "{\"id\":\"q\",\"text\":\"We can confirm it\",\"claim\":{\"text\":\"It happened\"},\"doc\":\"a.txt\",\"start\":3,\"end\":20,\"label\":\"affirming\",\"rule\":\"affirm.confirmation\",\"span\":[7,14]}\n",
        )
        .unwrap();
        let c = &read_candidates(&p).unwrap()[0];
        assert_eq!(
            (c.suggested, c.cue, c.claim.as_deref(), c.span),
            (
                Some(Label::Affirming),
                Some((7, 14)),
                Some("It happened"),
                Some((3, 20))
            )
        );
        // The invented held-out articles' gold (bundled, with its text).
        let gold = read_candidates(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/heldout/gold.jsonl"
        )))
        .unwrap();
        assert_eq!(gold.len(), 64);
        assert!(
            gold.iter()
                .all(|c| c.suggested.is_some() && !c.text.is_empty())
        );
        std::fs::write(&p, "{\"id\":\"q\"}\n").unwrap();
        assert!(
            read_candidates(&p)
                .unwrap_err()
                .to_string()
                .contains(":1:1: record \"q\" has no `text`")
        );
    }
}
