//! Scoring extraction against brat stand-off attributions, as PolNeAR
//! publishes them: a folder with `text/<article>.txt` and
//! `attributions/<article>_<annotator>.ann`, whose `Source`, `Cue` and
//! `Content` spans are tied into one attribution by an event line and whose
//! offsets count characters, not bytes.
//!
//! What is scored, and how (docs/extraction.md has the figures):
//! * Every article in `text/` is scored, annotated or not; an article with
//!   several `.ann` files (several annotators) is scored against the first in
//!   sorted order.
//! * A gold attribution is **direct** when at least half of the letters of
//!   its content stand inside double quote marks, else **indirect**. A direct
//!   one is a **statement** when its quoted words number at least
//!   `STATEMENT_WORDS`; shorter quoted phrases count for the direct scores but
//!   not for the statement recall.
//! * Spans match one to one, best overlap first, at intersection over union
//!   ≥ 0.3 of byte ranges (the gold content envelope against the extracted
//!   quote or reported clause). Consecutive extracted records lying inside
//!   one gold content are scored as one item: PolNeAR annotates `“A,” he
//!   said. “B.”` as one attribution, where extraction gives two quotes.
//! * A speaker is right when the extracted speaker names the gold source
//!   leniently ([`same_speaker`]): same surname or organisation head word,
//!   first names (when both are given) equal. A gold source that is a
//!   pronoun is first resolved to the nearest preceding named `Source` of the
//!   article (PolNeAR has no coreference chains, so this is the nearest
//!   named source before it).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::extract::{Quote, QuoteKind};
use crate::input::Source;

pub use super::speakers::same_speaker;

/// Quoted words from which a direct gold attribution is a statement.
pub const STATEMENT_WORDS: usize = 4;

/// What the gold source of an attribution is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A name ("Donald Trump", "the Clinton campaign").
    Name,
    /// A pronoun ("he", "they").
    Pronoun,
    /// A description with no name ("a spokeswoman", "officials").
    Description,
    /// No source annotated.
    None,
}

/// One gold attribution, offsets in bytes.
#[derive(Debug, Clone)]
pub struct GoldAttribution {
    /// Event id in the `.ann` file ("E12").
    pub id: String,
    /// Envelope of the content spans.
    pub content: (usize, usize),
    /// The source span and its text.
    pub source: Option<((usize, usize), String)>,
    /// The name a pronoun source stands for (the nearest named source
    /// before it); the source text itself otherwise.
    pub speaker: Option<String>,
    /// Name, pronoun, description or none.
    pub source_kind: SourceKind,
    /// Mostly inside quote marks.
    pub direct: bool,
    /// Quoted words (0 when indirect).
    pub quoted_words: usize,
}

/// An article and its gold.
#[derive(Debug, Clone)]
pub struct BratDoc {
    /// File name of the text.
    pub name: String,
    /// The text path.
    pub path: PathBuf,
    /// The annotation file used, if any.
    pub ann: Option<PathBuf>,
    /// Gold attributions in text order.
    pub gold: Vec<GoldAttribution>,
}

/// Reads `dir/text/*.txt` and, for each, the first `dir/attributions/<stem>_*.ann`.
pub fn load_dir(dir: &Path) -> Result<Vec<BratDoc>> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let list = |d: &Path, ext: &str| -> Result<Vec<PathBuf>> {
        let rd = std::fs::read_dir(d).map_err(|e| {
            Error::Usage(format!(
                "{}: {e} (a brat folder holds text/ and attributions/)",
                d.display()
            ))
        })?;
        let mut v: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == ext))
            .collect();
        v.sort();
        Ok(v)
    };
    let texts = list(&text_dir, "txt")?;
    let anns = list(&ann_dir, "ann")?;
    let mut docs = Vec::with_capacity(texts.len());
    for path in texts {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = format!("{stem}_");
        let ann = anns
            .iter()
            .find(|a| {
                a.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
            })
            .cloned();
        let text = Source::File(path.clone()).read_to_string()?;
        let gold = match &ann {
            Some(a) => {
                let ann_text = Source::File(a.clone()).read_to_string()?;
                parse_ann(&a.display().to_string(), &ann_text, &text)?
            }
            None => Vec::new(),
        };
        docs.push(BratDoc {
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path,
            ann,
            gold,
        });
    }
    Ok(docs)
}

/// A text-bound annotation: kind, byte spans, text.
struct Bound {
    kind: String,
    spans: Vec<(usize, usize)>,
}

/// Parses one `.ann` file against its text. Lines that are neither
/// text-bound (`T`) nor events (`E`) (notes, continuation lines of a span's
/// text holding a newline) are skipped; a malformed `T` or `E` line is an
/// error naming file, line and column.
pub fn parse_ann(file: &str, ann: &str, text: &str) -> Result<Vec<GoldAttribution>> {
    let bytes_at = char_to_byte(text);
    // (The line is looked up again only when there is an error to show.)
    let err = |line: usize, col: usize, message: String| {
        Error::Data {
            file: file.to_string(),
            line,
            col,
            message,
            excerpt: None,
        }
        .with_line(ann.lines().nth(line - 1).unwrap_or(""))
    };
    let mut bounds: std::collections::HashMap<&str, Bound> = std::collections::HashMap::new();
    let mut events: Vec<(usize, &str, &str)> = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let ln = n + 1;
        let mut parts = line.splitn(3, '\t');
        let id = parts.next().unwrap_or("");
        let is_id = |c: char| id.starts_with(c) && id[1..].bytes().all(|b| b.is_ascii_digit());
        if id.len() < 2 || !(is_id('T') || is_id('E')) {
            continue;
        }
        let Some(body) = parts.next() else {
            return Err(err(ln, id.len() + 1, "expected a tab after the id".into()));
        };
        if id.starts_with('E') {
            events.push((ln, id, body));
            continue;
        }
        let (kind, offsets) = body.split_once(' ').ok_or_else(|| {
            err(
                ln,
                id.len() + 2,
                "expected `Kind start end` after the id".into(),
            )
        })?;
        let mut spans = Vec::new();
        for piece in offsets.split(';') {
            let mut nums = piece.split_whitespace().map(str::parse::<usize>);
            let (Some(Ok(s)), Some(Ok(e)), None) = (nums.next(), nums.next(), nums.next()) else {
                return Err(err(
                    ln,
                    id.len() + kind.len() + 3,
                    format!("bad offsets {piece:?}: expected `start end` in characters"),
                ));
            };
            let (Some(&bs), Some(&be)) = (bytes_at.get(s), bytes_at.get(e)) else {
                return Err(err(
                    ln,
                    id.len() + kind.len() + 3,
                    format!(
                        "offsets {s}-{e} run past the text ({} characters)",
                        bytes_at.len() - 1
                    ),
                ));
            };
            if bs > be {
                return Err(err(
                    ln,
                    id.len() + kind.len() + 3,
                    format!("span {s}-{e} ends before it starts"),
                ));
            }
            spans.push((bs, be));
        }
        bounds.insert(
            id,
            Bound {
                kind: kind.to_string(),
                spans,
            },
        );
    }
    let mut out = Vec::new();
    for (ln, id, body) in events {
        let mut content = None;
        let mut source = None;
        for arg in body.split_whitespace() {
            let Some((role, target)) = arg.split_once(':') else {
                return Err(err(ln, 1, format!("event argument {arg:?} has no `:`")));
            };
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            let bound = || {
                bounds
                    .get(target)
                    .ok_or_else(|| err(ln, 1, format!("event {id} names {target}, not defined")))
            };
            match role {
                "Content" => content = Some(bound()?),
                "Source" => source = Some(bound()?),
                _ => {}
            }
        }
        let Some(content) = content else { continue };
        if content.kind != "Content" || content.spans.is_empty() {
            continue;
        }
        let env = (
            content.spans.iter().map(|s| s.0).min().unwrap_or(0),
            content.spans.iter().map(|s| s.1).max().unwrap_or(0),
        );
        let (direct, quoted_words) = quotedness(text, &content.spans);
        let source = source.and_then(|b| {
            let (s, e) = (
                b.spans.iter().map(|s| s.0).min()?,
                b.spans.iter().map(|s| s.1).max()?,
            );
            Some(((s, e), squash(text.get(s..e).unwrap_or(""))))
        });
        let source_kind = source
            .as_ref()
            .map_or(SourceKind::None, |(_, t)| source_kind(t));
        out.push(GoldAttribution {
            id: id.to_string(),
            content: env,
            speaker: source.as_ref().map(|(_, t)| t.clone()),
            source,
            source_kind,
            direct,
            quoted_words,
        });
    }
    out.sort_by_key(|g| g.content);
    resolve_pronouns(&mut out);
    Ok(out)
}

/// Byte offset of every char index (and of the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const PRONOUNS: [&str; 14] = [
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me", "his", "their",
];

fn source_kind(t: &str) -> SourceKind {
    let lower = t.trim().to_lowercase();
    if PRONOUNS.contains(&lower.as_str()) {
        return SourceKind::Pronoun;
    }
    let named = t.split_whitespace().enumerate().any(|(k, w)| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().next().is_some_and(char::is_uppercase)
            && !(k == 0 && ["The", "A", "An", "This", "That"].contains(&w))
    });
    if named {
        SourceKind::Name
    } else {
        SourceKind::Description
    }
}

/// Whether most of the content is inside double quote marks, and how many
/// words are.
fn quotedness(text: &str, spans: &[(usize, usize)]) -> (bool, usize) {
    // Annotators sometimes leave the opening mark out of the content: a
    // content whose first mark closes a quote (`”`, or `"` right after a
    // word) starts inside one.
    let chars = || {
        spans
            .iter()
            .flat_map(|&(s, e)| text.get(s..e).unwrap_or("").chars())
    };
    let mut prev = ' ';
    let mut first_closes = false;
    for c in chars() {
        if matches!(c, '“' | '”' | '"') {
            first_closes = c == '”' || (c == '"' && !prev.is_whitespace());
            break;
        }
        prev = c;
    }
    let (mut inside, mut letters_in, mut letters) = (first_closes, 0usize, 0usize);
    let (mut words, mut in_word) = (0usize, false);
    {
        for c in chars() {
            match c {
                '“' => inside = true,
                '”' => inside = false,
                '"' => inside = !inside,
                _ => {}
            }
            if c.is_alphanumeric() {
                letters += 1;
                letters_in += usize::from(inside);
                if inside && !in_word {
                    words += 1;
                }
                in_word = inside;
            } else {
                in_word = false;
            }
        }
    }
    let direct = letters > 0 && letters_in * 2 >= letters;
    (direct, if direct { words } else { 0 })
}

/// A pronoun source speaks for the nearest named source before it that can
/// be a person the pronoun fits: not an organisation or a document ("the
/// Chicago Tribune", "Senate filings"), and for "he"/"she" not someone whose
/// given name says otherwise.
fn resolve_pronouns(gold: &mut [GoldAttribution]) {
    let mut named: Vec<(usize, String)> = gold
        .iter()
        .filter(|g| g.source_kind == SourceKind::Name)
        .filter_map(|g| g.source.as_ref().map(|(s, t)| (s.0, t.clone())))
        .filter(|(_, t)| person_like(t))
        .collect();
    named.sort();
    for g in gold.iter_mut() {
        if g.source_kind != SourceKind::Pronoun {
            continue;
        }
        let Some(((at, _), pronoun)) = g.source.clone() else {
            continue;
        };
        let pronoun = pronoun.to_lowercase();
        let k = named.partition_point(|(p, _)| *p < at);
        g.speaker = named[..k]
            .iter()
            .rev()
            .find(|(_, t)| fits(&pronoun, t))
            .map(|(_, t)| t.clone());
    }
}

/// Words that make a source an organisation or a document, not a person.
const NOT_PERSON: [&str; 24] = [
    "poll",
    "survey",
    "report",
    "filings",
    "news",
    "times",
    "post",
    "tribune",
    "journal",
    "press",
    "cnn",
    "msnbc",
    "campaign",
    "committee",
    "department",
    "office",
    "agency",
    "network",
    "party",
    "statement",
    "website",
    "study",
    "data",
    "magazine",
];

fn person_like(source: &str) -> bool {
    !source.split_whitespace().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        NOT_PERSON.contains(&w.as_str())
    })
}

/// Whether "he"/"she" can stand for `source` by its given name.
fn fits(pronoun: &str, source: &str) -> bool {
    if pronoun != "he" && pronoun != "she" {
        return true;
    }
    let given = source
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find_map(crate::extract::given_name_pronoun);
    given.is_none_or(|g| g == pronoun)
}

/// Counts of one score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Counts {
    /// Gold items.
    pub gold: usize,
    /// Extracted items.
    pub extracted: usize,
    /// Matched at overlap 0.3 (precision side).
    pub matched_extracted: usize,
    /// Matched at overlap 0.3 (recall side).
    pub matched_gold: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Counts {
    fn finish(&mut self) {
        self.precision = crate::eval::ratio(self.matched_extracted, self.extracted);
        self.recall = crate::eval::ratio(self.matched_gold, self.gold);
        self.f1 = if self.precision + self.recall > 0.0 {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        } else {
            0.0
        };
    }
}

/// Speaker accuracy over matched attributions, by kind of gold source.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct SpeakerCounts {
    /// Right / checked where the source is a name.
    pub name: Accuracy,
    /// ... a pronoun.
    pub pronoun: Accuracy,
    /// ... a description without a name.
    pub description: Accuracy,
    /// All with a source.
    pub overall: Accuracy,
}

/// Right out of checked.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Accuracy {
    /// Speakers right.
    pub right: usize,
    /// Speakers checked.
    pub checked: usize,
    /// right / checked.
    pub accuracy: f64,
}

impl Accuracy {
    fn add(&mut self, right: bool) {
        self.checked += 1;
        self.right += usize::from(right);
        self.accuracy = crate::eval::ratio(self.right, self.checked);
    }
}

/// A gold attribution missed or given the wrong speaker, as fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mismatch {
    /// Article file name.
    pub doc: String,
    /// Gold event id.
    pub id: String,
    /// `missed` or `wrong speaker`.
    pub problem: String,
    /// `direct` or `indirect`.
    pub kind: String,
    /// Byte offsets of the gold content.
    pub start: usize,
    /// End of the gold content.
    pub end: usize,
    /// Gold source as written.
    pub gold_source: Option<String>,
    /// The name the gold source stands for (for a pronoun).
    pub gold_speaker: Option<String>,
    /// Name, pronoun, description or none.
    pub source_kind: SourceKind,
    /// The extracted speaker.
    pub extracted_speaker: Option<String>,
}

/// The brat scoring report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct BratReport {
    /// Articles scored.
    pub docs: usize,
    /// Articles with an annotation file.
    pub annotated: usize,
    /// Extracted direct quotes (fragments included): recall over direct
    /// gold, precision against any gold content.
    pub direct: Counts,
    /// Direct statements: recall over direct gold of `STATEMENT_WORDS`+
    /// quoted words, precision over extracted statements (not fragments)
    /// against any gold content.
    pub direct_statements: Counts,
    /// Indirect gold vs extracted indirect records.
    pub indirect: Counts,
    /// All gold attributions vs all extracted records that carry a cue or a
    /// speaker.
    pub all: Counts,
    /// Speakers of direct gold matched by direct quotes.
    pub direct_speakers: SpeakerCounts,
    /// Speakers of all matched attributions.
    pub all_speakers: SpeakerCounts,
    /// Missed attributions and wrong speakers (of all attributions).
    pub mismatches: Vec<Mismatch>,
}

fn iou(a: (usize, usize), b: (usize, usize)) -> f64 {
    super::iou(a, b)
}

/// One-to-one matching at overlap ≥ 0.3, best pairs first.
fn match_pairs(gold: &[(usize, usize)], got: &[(usize, usize)]) -> Vec<Option<usize>> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        // (both lists are in text order: a linear window would do, but
        // articles hold a few dozen items)
        for (xi, x) in got.iter().enumerate() {
            let o = iou(*g, *x);
            if o >= 0.3 {
                pairs.push((o, gi, xi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut by_gold = vec![None; gold.len()];
    let mut taken = vec![false; got.len()];
    for (_, gi, xi) in pairs {
        if by_gold[gi].is_none() && !taken[xi] {
            by_gold[gi] = Some(xi);
            taken[xi] = true;
        }
    }
    by_gold
}

/// An extracted item as scored: one record, or several records that lie
/// inside one gold content (a quote broken by "he said", a quote running
/// over paragraphs), taken together.
struct Unit {
    span: (usize, usize),
    speaker: Option<String>,
}

/// Joins consecutive records lying inside the same gold content into one
/// unit (PolNeAR annotates `“A,” he said. “B.”` as one attribution).
fn units(records: &[&Quote], gold: &[(usize, usize)]) -> Vec<Unit> {
    let holder = |s: (usize, usize)| {
        gold.iter()
            .enumerate()
            .filter(|(_, g)| g.0 <= s.0 && s.1 <= g.1)
            .min_by_key(|(_, g)| g.1 - g.0)
            .map(|(k, _)| k)
    };
    let mut out: Vec<Unit> = Vec::new();
    let mut last_holder = None;
    for q in records {
        let h = holder((q.start, q.end));
        match out.last_mut() {
            Some(u) if h.is_some() && h == last_holder => {
                u.span.1 = q.end;
                if u.speaker.is_none() {
                    u.speaker.clone_from(&q.speaker);
                }
            }
            _ => out.push(Unit {
                span: (q.start, q.end),
                speaker: q.speaker.clone(),
            }),
        }
        last_holder = h;
    }
    out
}

fn score_speaker(acc: &mut SpeakerCounts, g: &GoldAttribution, u: &Unit) -> bool {
    let right = match (&g.speaker, &u.speaker) {
        (Some(gs), Some(ps)) => same_speaker(ps, gs),
        _ => false,
    };
    let slot = match g.source_kind {
        SourceKind::Name => &mut acc.name,
        SourceKind::Pronoun => &mut acc.pronoun,
        SourceKind::Description => &mut acc.description,
        SourceKind::None => return true,
    };
    slot.add(right);
    acc.overall.add(right);
    right
}

fn spans(units: &[Unit]) -> Vec<(usize, usize)> {
    units.iter().map(|u| u.span).collect()
}

/// Scores `extract` (the article text to its records) on `docs`.
pub fn score(
    docs: &[BratDoc],
    extract: &dyn Fn(&BratDoc, &str) -> Vec<Quote>,
) -> Result<BratReport> {
    let mut r = BratReport::default();
    for doc in docs {
        let text = Source::File(doc.path.clone()).read_to_string()?;
        let got = extract(doc, &text);
        r.docs += 1;
        r.annotated += usize::from(doc.ann.is_some());
        let gold_spans: Vec<(usize, usize)> = doc.gold.iter().map(|g| g.content).collect();
        let pick =
            |f: &dyn Fn(&Quote) -> bool| -> Vec<&Quote> { got.iter().filter(|q| f(q)).collect() };
        // Direct, fragments included: recall over direct gold, precision
        // over extracted quotes matching any gold content (a quote may be
        // most of an attribution PolNeAR counts as indirect).
        let direct_x = units(&pick(&|q| q.kind == QuoteKind::Direct), &gold_spans);
        let m = match_pairs(&gold_spans, &spans(&direct_x));
        r.direct.extracted += direct_x.len();
        r.direct.matched_extracted += m.iter().flatten().count();
        for (g, x) in doc.gold.iter().zip(&m) {
            if !g.direct {
                continue;
            }
            r.direct.gold += 1;
            if let Some(x) = x {
                r.direct.matched_gold += 1;
                score_speaker(&mut r.direct_speakers, g, &direct_x[*x]);
            }
        }
        // Direct statements, likewise; recall over direct gold of
        // STATEMENT_WORDS quoted words or more.
        let stmt_x = units(
            &pick(&|q| q.kind == QuoteKind::Direct && !q.fragment),
            &gold_spans,
        );
        let m = match_pairs(&gold_spans, &spans(&stmt_x));
        r.direct_statements.extracted += stmt_x.len();
        r.direct_statements.matched_extracted += m.iter().flatten().count();
        for (g, x) in doc.gold.iter().zip(&m) {
            if g.direct && g.quoted_words >= STATEMENT_WORDS {
                r.direct_statements.gold += 1;
                r.direct_statements.matched_gold += usize::from(x.is_some());
            }
        }
        // Indirect.
        let ind_g: Vec<&GoldAttribution> = doc.gold.iter().filter(|g| !g.direct).collect();
        let ind_x = units(&pick(&|q| q.kind == QuoteKind::Indirect), &gold_spans);
        let m = match_pairs(
            &ind_g.iter().map(|g| g.content).collect::<Vec<_>>(),
            &spans(&ind_x),
        );
        tally(&mut r.indirect, ind_g.len(), ind_x.len(), &m);
        // All attributions.
        let all_x = units(
            &pick(&|q| !q.fragment || q.speaker.is_some() || q.cue.is_some()),
            &gold_spans,
        );
        let m = match_pairs(&gold_spans, &spans(&all_x));
        tally(&mut r.all, doc.gold.len(), all_x.len(), &m);
        for (g, x) in doc.gold.iter().zip(&m) {
            let problem = match x {
                Some(x) => {
                    if score_speaker(&mut r.all_speakers, g, &all_x[*x]) {
                        continue;
                    }
                    "wrong speaker"
                }
                None => "missed",
            };
            r.mismatches.push(Mismatch {
                doc: doc.name.clone(),
                id: g.id.clone(),
                problem: problem.into(),
                kind: if g.direct { "direct" } else { "indirect" }.into(),
                start: g.content.0,
                end: g.content.1,
                gold_source: g.source.as_ref().map(|(_, t)| t.clone()),
                gold_speaker: g.speaker.clone(),
                source_kind: g.source_kind,
                extracted_speaker: x.and_then(|x| all_x[x].speaker.clone()),
            });
        }
    }
    for c in [
        &mut r.direct,
        &mut r.direct_statements,
        &mut r.indirect,
        &mut r.all,
    ] {
        c.finish();
    }
    Ok(r)
}

fn tally(c: &mut Counts, gold: usize, extracted: usize, m: &[Option<usize>]) {
    c.gold += gold;
    c.extracted += extracted;
    let n = m.iter().flatten().count();
    c.matched_gold += n;
    c.matched_extracted += n;
}

/// What to score on the brat gold.
pub enum Scored<'a> {
    /// Run `extract_attributions` (direct and reported speech).
    All,
    /// Run `extract_quotes` (direct quotes only, as `extract` gives them).
    DirectOnly,
    /// Records read from a file (see `predictions`).
    Records(&'a Path),
}

/// Loads `dir`, scores `what` on it, and renders the report (JSON with
/// `json`, else the plain summary).
pub fn report_text(dir: &Path, json: bool, what: Scored<'_>) -> Result<String> {
    let docs = load_dir(dir)?;
    let r = match what {
        Scored::All => score(&docs, &|_, text| crate::extract::extract_attributions(text))?,
        Scored::DirectOnly => score(&docs, &|_, text| crate::extract::extract_quotes(text))?,
        Scored::Records(path) => {
            let records = super::predictions::load(path)?;
            score(&docs, &|doc, _| {
                records.get(&doc.name).cloned().unwrap_or_default()
            })?
        }
    };
    Ok(if json {
        let mut s = serde_json::to_string_pretty(&r).map_err(|e| Error::Usage(e.to_string()))?;
        s.push('\n');
        s
    } else {
        render(&r)
    })
}

/// A plain-text summary of the report (the mismatches are in the JSON).
pub fn render(r: &BratReport) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} articles ({} annotated); overlap ≥ 0.3",
        r.docs, r.annotated
    );
    let _ = writeln!(
        out,
        "{:<20} {:>9} {:>7} {:>7} {:>18}",
        "attributions", "precision", "recall", "f1", "matched/extr/gold"
    );
    for (name, c) in [
        ("direct", &r.direct),
        ("direct statements", &r.direct_statements),
        ("indirect", &r.indirect),
        ("all", &r.all),
    ] {
        let _ = writeln!(
            out,
            "{name:<20} {:>9.3} {:>7.3} {:>7.3} {:>18}",
            c.precision,
            c.recall,
            c.f1,
            format!(
                "{}/{}/{}",
                c.matched_gold.max(c.matched_extracted),
                c.extracted,
                c.gold
            )
        );
    }
    let _ = writeln!(
        out,
        "{:<20} {:>14} {:>14} {:>14} {:>14}",
        "speaker accuracy", "name", "pronoun", "description", "overall"
    );
    for (name, s) in [("direct", &r.direct_speakers), ("all", &r.all_speakers)] {
        let cell = |a: &Accuracy| format!("{:.3} ({}/{})", a.accuracy, a.right, a.checked);
        let _ = writeln!(
            out,
            "{name:<20} {:>14} {:>14} {:>14} {:>14}",
            cell(&s.name),
            cell(&s.pronoun),
            cell(&s.description),
            cell(&s.overall)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_characters_and_events_tie_the_parts() {
        let text =
            "Café owner Ana Ruiz said “we will stay open all year.” He added that prices rise.";
        let ann = "T1\tSource 11 19\tAna Ruiz\nT2\tCue 20 24\tsaid\nT3\tContent 25 54\t“we will stay open all year.”\n\
                   E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n#1\tAnnotatorNotes T1\tnote\n\
                   T5\tSource 55 57\tHe\nT6\tContent 64 80\tprices rise\nE2\tAttribution:T7 Content:T6 Source:T5\n";
        let g = parse_ann("a.ann", ann, text).unwrap();
        assert_eq!(g.len(), 2);
        let (s, e) = g[0].content;
        assert_eq!(&text[s..e], "“we will stay open all year.”");
        assert!(g[0].direct && g[0].quoted_words == 6);
        assert_eq!(g[0].source_kind, SourceKind::Name);
        assert!(!g[1].direct);
        assert_eq!(g[1].source_kind, SourceKind::Pronoun);
        assert_eq!(g[1].speaker.as_deref(), Some("Ana Ruiz"));
    }

    #[test]
    fn bad_offsets_name_file_line_and_column() {
        let e = parse_ann("x.ann", "T1\tSource 5 999\tzz\n", "short").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("x.ann") && msg.contains(":1:"), "{msg}");
    }
}
