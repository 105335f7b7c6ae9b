//! Agreement between two annotators who labelled the same items: observed
//! agreement, Cohen's kappa with a bootstrap interval, per-label (specific)
//! agreement, the confusion between the two, and every disagreement with
//! both notes. The guide asks for this figure before gold is trusted.
//!
//! Items are matched by `id`. An id in one file only is never dropped in
//! silence: [`Agreement::unmatched_error`] turns it into a data error, or a
//! partial run lists it in the report.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::bootstrap::{BOOTSTRAP_SAMPLES, BOOTSTRAP_SEED, percentile_interval};
use super::metrics::ratio;
use crate::error::{Error, Result};
use crate::gold::value_column;
use crate::input::read_json_lines;
use crate::rules::Label;

/// One annotator's label for one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    /// The item's id (a number is read as its decimal text).
    pub id: String,
    /// The label given.
    pub label: Label,
    /// The annotator's note, if any.
    pub note: Option<String>,
    /// The line it is written on (1-based).
    pub line: usize,
}

/// One annotator's file: gold-format JSON Lines with at least `id` and
/// `label`; other fields (text, offsets, claim, note) are allowed.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    /// The file, as named to the user.
    pub file: String,
    /// Every item, in file order.
    pub items: Vec<Annotation>,
}

impl Annotations {
    /// Reads an annotator's file. Unknown labels, ids that are neither
    /// string nor number, duplicate ids and an empty file are data errors
    /// naming file, line and column.
    pub fn load(path: &Path) -> Result<Annotations> {
        #[derive(Deserialize)]
        struct Raw {
            id: serde_json::Value,
            label: String,
            #[serde(default)]
            note: Option<String>,
        }
        let file = path.display().to_string();
        let mut items: Vec<Annotation> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        read_json_lines(path, |at, raw: Raw| {
            let id = match raw.id {
                serde_json::Value::String(s) => s,
                serde_json::Value::Number(n) => n.to_string(),
                _ => return Err(at.error_at("id", "`id` must be a string or a number")),
            };
            let label = Label::parse(&raw.label).ok_or_else(|| {
                at.error(
                    value_column(at.text, "label"),
                    format!(
                        "unknown label {:?}; expected affirming, denying, uncertain or none",
                        raw.label
                    ),
                )
            })?;
            if let Some(first) = seen.insert(id.clone(), at.line) {
                return Err(at.error(
                    value_column(at.text, "id"),
                    format!("duplicate id {id:?} (first at line {first})"),
                ));
            }
            items.push(Annotation {
                id,
                label,
                note: raw.note,
                line: at.line,
            });
            Ok(())
        })?;
        if items.is_empty() {
            return Err(Error::Data {
                file,
                line: 1,
                col: 1,
                message: "no labelled items in this file: there is nothing to compare".into(),
                excerpt: None,
            });
        }
        Ok(Annotations { file, items })
    }
}

/// How often the two annotators used one label, and agreed on it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LabelAgreement {
    /// Items the first annotator gave this label.
    pub a: usize,
    /// Items the second annotator gave this label.
    pub b: usize,
    /// Items both gave this label.
    pub both: usize,
    /// Specific agreement, `2 * both / (a + b)`: of the times either used
    /// the label, how often the other did too (0 when neither used it).
    pub specific: f64,
}

/// An item the annotators labelled differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disagreement {
    /// The item's id.
    pub id: String,
    /// The first annotator's label.
    pub a: Label,
    /// The second annotator's label.
    pub b: Label,
    /// The first annotator's note.
    pub note_a: Option<String>,
    /// The second annotator's note.
    pub note_b: Option<String>,
    /// The line of the item in the first file.
    pub line_a: usize,
    /// The line of the item in the second file.
    pub line_b: usize,
}

/// An id found in one file only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmatched {
    /// The id.
    pub id: String,
    /// Its line in the file that has it.
    pub line: usize,
}

/// Agreement between two annotators. Its JSON form is the schema of
/// `stance agree --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// The first annotator's file.
    pub a: String,
    /// The second annotator's file.
    pub b: String,
    /// Items labelled by both (matched by id).
    pub n: usize,
    /// Items given the same label.
    pub agreed: usize,
    /// `agreed / n`.
    pub observed: f64,
    /// Agreement expected by chance from each annotator's label shares.
    pub expected: f64,
    /// Cohen's kappa, `(observed - expected) / (1 - expected)`; `null`
    /// when both annotators used one and the same label for every item.
    pub kappa: Option<f64>,
    /// Bootstrap 95% interval of kappa (percentile method, fixed seed).
    pub kappa_ci: Option<[f64; 2]>,
    /// Resamples drawn for the interval.
    pub bootstrap_samples: usize,
    /// Per label: how often each annotator used it, and specific agreement.
    pub per_label: BTreeMap<Label, LabelAgreement>,
    /// First annotator's label → second annotator's label → count.
    pub confusion: BTreeMap<Label, BTreeMap<Label, usize>>,
    /// Every item labelled differently, in the first file's order.
    pub disagreements: Vec<Disagreement>,
    /// Ids in the first file only.
    pub only_in_a: Vec<Unmatched>,
    /// Ids in the second file only.
    pub only_in_b: Vec<Unmatched>,
}

/// Label counts of a set of (first, second) label pairs.
struct Counts {
    n: usize,
    agreed: usize,
    a: [usize; 4],
    b: [usize; 4],
}

impl Counts {
    fn of(pairs: impl Iterator<Item = (Label, Label)>) -> Counts {
        let mut c = Counts {
            n: 0,
            agreed: 0,
            a: [0; 4],
            b: [0; 4],
        };
        for (a, b) in pairs {
            c.n += 1;
            c.agreed += usize::from(a == b);
            c.a[a as usize] += 1;
            c.b[b as usize] += 1;
        }
        c
    }

    fn expected(&self) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        let n2 = (self.n * self.n) as f64;
        (0..4).map(|k| (self.a[k] * self.b[k]) as f64).sum::<f64>() / n2
    }

    /// Cohen's kappa; `None` when chance agreement is 1 (one label for all).
    fn kappa(&self) -> Option<f64> {
        let pe = self.expected();
        let po = ratio(self.agreed, self.n);
        (self.n > 0 && 1.0 - pe > 1e-12).then(|| (po - pe) / (1.0 - pe))
    }
}

/// Compares two annotators' labels, matching items by id.
pub fn agreement(first: &Annotations, second: &Annotations) -> Agreement {
    let by_id: HashMap<&str, &Annotation> =
        second.items.iter().map(|x| (x.id.as_str(), x)).collect();
    let pairs: Vec<(&Annotation, &Annotation)> = first
        .items
        .iter()
        .filter_map(|a| Some((a, *by_id.get(a.id.as_str())?)))
        .collect();
    let in_first: HashMap<&str, ()> = first.items.iter().map(|x| (x.id.as_str(), ())).collect();
    let unmatched = |items: &[Annotation], other: &dyn Fn(&str) -> bool| -> Vec<Unmatched> {
        items
            .iter()
            .filter(|x| !other(&x.id))
            .map(|x| Unmatched {
                id: x.id.clone(),
                line: x.line,
            })
            .collect()
    };
    let only_in_a = unmatched(&first.items, &|id| by_id.contains_key(id));
    let only_in_b = unmatched(&second.items, &|id| in_first.contains_key(id));

    let labels: Vec<(Label, Label)> = pairs.iter().map(|(a, b)| (a.label, b.label)).collect();
    let counts = Counts::of(labels.iter().copied());
    let kappa_ci = percentile_interval(labels.len(), BOOTSTRAP_SAMPLES, BOOTSTRAP_SEED, |ix| {
        Counts::of(ix.iter().map(|&i| labels[i])).kappa()
    });
    let mut confusion: BTreeMap<Label, BTreeMap<Label, usize>> = Label::ALL
        .iter()
        .map(|&a| (a, Label::ALL.iter().map(|&b| (b, 0)).collect()))
        .collect();
    for &(a, b) in &labels {
        *confusion.entry(a).or_default().entry(b).or_default() += 1;
    }
    let per_label = Label::ALL
        .iter()
        .map(|&l| {
            let (a, b) = (counts.a[l as usize], counts.b[l as usize]);
            let both = confusion[&l][&l];
            let specific = ratio(2 * both, a + b);
            (
                l,
                LabelAgreement {
                    a,
                    b,
                    both,
                    specific,
                },
            )
        })
        .collect();
    let disagreements = pairs
        .iter()
        .filter(|(a, b)| a.label != b.label)
        .map(|(a, b)| Disagreement {
            id: a.id.clone(),
            a: a.label,
            b: b.label,
            note_a: a.note.clone(),
            note_b: b.note.clone(),
            line_a: a.line,
            line_b: b.line,
        })
        .collect();
    Agreement {
        a: first.file.clone(),
        b: second.file.clone(),
        n: counts.n,
        agreed: counts.agreed,
        observed: ratio(counts.agreed, counts.n),
        expected: counts.expected(),
        kappa: counts.kappa(),
        kappa_ci,
        bootstrap_samples: BOOTSTRAP_SAMPLES,
        per_label,
        confusion,
        disagreements,
        only_in_a,
        only_in_b,
    }
}

impl Agreement {
    /// A data error listing every id found in one file only (each as
    /// file:line), or `Ok` when both files label the same ids. The first
    /// such id names the error's file and line.
    pub fn unmatched_error(&self) -> Result<()> {
        let mut all = self
            .only_in_a
            .iter()
            .map(|u| (&self.a, &self.b, u))
            .chain(self.only_in_b.iter().map(|u| (&self.b, &self.a, u)));
        let Some((file, other, first)) = all.next() else {
            return Ok(());
        };
        let total = self.only_in_a.len() + self.only_in_b.len();
        let mut message = format!(
            "id {:?} is not in {other}; {total} id(s) are labelled in one file only (--partial compares the rest and lists them)",
            first.id
        );
        // The first few, so that a file of the wrong split does not flood
        // the terminal; `--partial` lists them all.
        const SHOWN: usize = 20;
        for (file, other, u) in all.by_ref().take(SHOWN) {
            message.push_str(&format!(
                "\n  {file}:{}: id {:?} is not in {other}",
                u.line, u.id
            ));
        }
        let rest = all.count();
        if rest > 0 {
            message.push_str(&format!("\n  … and {rest} more"));
        }
        Err(Error::Data {
            file: file.clone(),
            line: first.line,
            col: 1,
            message,
            excerpt: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Label::*;

    fn annotations(file: &str, labels: &[(&str, Label)]) -> Annotations {
        Annotations {
            file: file.into(),
            items: labels
                .iter()
                .enumerate()
                .map(|(i, &(id, label))| Annotation {
                    id: id.into(),
                    label,
                    note: Some(format!("{file} note {i}")),
                    line: i + 1,
                })
                .collect(),
        }
    }

    /// Two annotators over 50 items: both affirming 20, first affirming and
    /// second denying 5, first denying and second affirming 10, both
    /// denying 15. By hand: observed = 35/50 = 0.7; the first says
    /// affirming on 25/50 = 0.5, the second on 30/50 = 0.6, so chance
    /// agreement = 0.5 * 0.6 + 0.5 * 0.4 = 0.5 and kappa = (0.7 - 0.5) /
    /// (1 - 0.5) = 0.4. Specific agreement on affirming = 2*20 / (25 + 30)
    /// = 40/55; on denying = 2*15 / (25 + 20) = 30/45.
    #[test]
    fn kappa_matches_a_hand_computed_example() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        let ids: Vec<String> = (0..50).map(|i| format!("q{i}")).collect();
        for (i, id) in ids.iter().enumerate() {
            let (x, y) = match i {
                0..20 => (Affirming, Affirming),
                20..25 => (Affirming, Denying),
                25..35 => (Denying, Affirming),
                _ => (Denying, Denying),
            };
            a.push((id.as_str(), x));
            b.push((id.as_str(), y));
        }
        // The second file in another order: matching is by id.
        b.reverse();
        let r = agreement(&annotations("a", &a), &annotations("b", &b));
        assert_eq!((r.n, r.agreed), (50, 35));
        assert!((r.observed - 0.7).abs() < 1e-12);
        assert!((r.expected - 0.5).abs() < 1e-12);
        assert!((r.kappa.unwrap() - 0.4).abs() < 1e-12);
        let [lo, hi] = r.kappa_ci.unwrap();
        assert!(lo < 0.4 && 0.4 < hi && lo > 0.0 && hi < 0.8, "{lo} {hi}");
        assert!((r.per_label[&Affirming].specific - 40.0 / 55.0).abs() < 1e-12);
        assert!((r.per_label[&Denying].specific - 30.0 / 45.0).abs() < 1e-12);
        assert_eq!(r.per_label[&None].specific, 0.0);
        assert_eq!(r.confusion[&Affirming][&Denying], 5);
        assert_eq!(r.confusion[&Denying][&Affirming], 10);
        assert_eq!(r.disagreements.len(), 15);
        let d = &r.disagreements[0];
        assert_eq!((d.id.as_str(), d.a, d.b), ("q20", Affirming, Denying));
        assert_eq!(d.note_a.as_deref(), Some("a note 20"));
        assert_eq!(d.note_b.as_deref(), Some("b note 29"));
        assert_eq!((d.line_a, d.line_b), (21, 30));
    }

    #[test]
    fn one_label_for_everything_has_no_kappa() {
        let a = annotations("a", &[("1", None), ("2", None)]);
        let r = agreement(&a, &a);
        assert_eq!(
            (r.observed, r.kappa, r.kappa_ci),
            (1.0, Option::None, Option::None)
        );
    }

    #[test]
    fn ids_in_one_file_only_are_listed_with_file_and_line() {
        let a = annotations("a.jsonl", &[("1", None), ("2", Denying), ("3", None)]);
        let b = annotations("b.jsonl", &[("3", None), ("1", None), ("9", Affirming)]);
        let r = agreement(&a, &b);
        assert_eq!(r.n, 2);
        assert_eq!(
            r.only_in_a,
            [Unmatched {
                id: "2".into(),
                line: 2
            }]
        );
        assert_eq!(r.only_in_b[0].line, 3);
        let e = r.unmatched_error().unwrap_err().to_string();
        assert!(
            e.starts_with("a.jsonl:2:1: id \"2\" is not in b.jsonl; 2 id(s)"),
            "{e}"
        );
        assert!(
            e.contains("\n  b.jsonl:3: id \"9\" is not in a.jsonl"),
            "{e}"
        );
        assert!(agreement(&a, &a).unmatched_error().is_ok());
    }

    #[test]
    fn bad_files_are_refused_with_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let load = |text: &str| {
            let p = dir.path().join("x.jsonl");
            std::fs::write(&p, text).unwrap();
            Annotations::load(&p)
                .map_err(|e| e.to_string().replace(&dir.path().display().to_string(), ""))
        };
        let ok = load("{\"id\":1,\"label\":\"none\",\"text\":\"t\",\"note\":\"n\"}\n\n{\"id\":\"b\",\"label\":\"denying\"}\n").unwrap();
        assert_eq!(ok.items[0].id, "1");
        assert_eq!(ok.items[1].line, 3);
        assert_eq!(
            load("{\"id\":\"a\",\"label\":\"none\"}\n{\"id\":\"b\", \"label\":\"maybe\"}\n")
                .unwrap_err(),
            "/x.jsonl:2:20: unknown label \"maybe\"; expected affirming, denying, uncertain or none"
        );
        assert_eq!(
            load("{\"id\":\"a\",\"label\":\"none\"}\n{\"id\":\"a\",\"label\":\"none\"}\n")
                .unwrap_err(),
            "/x.jsonl:2:7: duplicate id \"a\" (first at line 1)"
        );
        assert!(
            load("{\"id\":\"a\"}\n")
                .unwrap_err()
                .starts_with("/x.jsonl:1:")
        );
        assert!(load("\n").unwrap_err().contains("no labelled items"));
        assert!(
            load("{\"id\":[1],\"label\":\"none\"}\n")
                .unwrap_err()
                .contains("`id` must be")
        );
    }
}
