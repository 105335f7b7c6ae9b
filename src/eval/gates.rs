//! Quality gates: floors on named figures, from the command line or a
//! committed floors file. The one tolerance for comparing figures lives here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::metrics::{Metric, Metrics, Part};
use crate::error::{Error, Result};
use crate::rules::Label;

/// Figures are compared with this slack, so that a value printed as 0.900
/// meets a floor of 0.9 whatever the last bits of its computation.
pub const TOLERANCE: f64 = 1e-12;

/// Largest floors file or saved report read.
pub const MAX_SMALL_FILE_BYTES: u64 = 16 << 20;

/// True when `actual` meets the floor `min`.
pub fn meets(actual: f64, min: f64) -> bool {
    actual + TOLERANCE >= min
}

/// One quality gate and how it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gate {
    /// The figure, e.g. `macro.f1`, `accuracy`, `per_label.denying.f1`.
    pub metric: Metric,
    /// The floor.
    pub min: f64,
    /// The measured value.
    pub actual: f64,
    /// `actual >= min`.
    pub passed: bool,
}

impl Gate {
    /// Checks `metric` of `m` against the floor `min`.
    pub fn check(m: &Metrics, metric: Metric, min: f64) -> Gate {
        let actual = metric.value(m);
        Gate {
            metric,
            min,
            actual,
            passed: meets(actual, min),
        }
    }
}

/// Floors for quality gates, as kept in a committed TOML file.
///
/// ```toml
/// [[floor]]
/// gold = "seeds.jsonl"      # applies when a gold file of this name is scored
/// accuracy = 0.85
/// macro_f1 = 0.80
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Floors {
    /// The floors, one table per gold file.
    #[serde(default)]
    pub floor: Vec<Floor>,
    /// The file they were read from, for messages.
    #[serde(skip)]
    pub source: String,
}

/// The floors of one gold file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Floor {
    /// The gold file's name (its last path component).
    pub gold: String,
    /// Minimum accuracy.
    pub accuracy: Option<f64>,
    /// Minimum macro F1.
    pub macro_f1: Option<f64>,
    /// Minimum micro F1.
    pub micro_f1: Option<f64>,
    /// Minimum F1 of single labels.
    #[serde(default)]
    pub f1: BTreeMap<String, f64>,
    /// The line each floor is written on, for annotations that point at it.
    #[serde(skip)]
    pub lines: Vec<(Metric, usize)>,
}

impl Floor {
    /// The gates this floor sets, in file order.
    pub fn gates(&self) -> Vec<(Metric, f64)> {
        let mut all = Vec::new();
        if let Some(v) = self.accuracy {
            all.push((Metric::Accuracy, v));
        }
        if let Some(v) = self.macro_f1 {
            all.push((Metric::Macro(Part::F1), v));
        }
        if let Some(v) = self.micro_f1 {
            all.push((Metric::Micro(Part::F1), v));
        }
        for (label, v) in &self.f1 {
            if let Some(l) = Label::parse(label) {
                all.push((Metric::Label(l, Part::F1), *v));
            }
        }
        all
    }
}

impl Floors {
    /// Reads a floors file.
    pub fn load(path: &std::path::Path) -> Result<Floors> {
        let text = crate::input::read_text_file(path, MAX_SMALL_FILE_BYTES)?;
        let name = path.display().to_string();
        let floors: Floors = toml::from_str(&text).map_err(|e| {
            let loc = e
                .span()
                .map(|s| crate::error::Location::from_span(&name, &text, s));
            Error::rule(loc, None, e.message().trim().to_string())
        })?;
        let mut floors = floors;
        floors.source = name.clone();
        floors.locate_lines(&text);
        for f in &floors.floor {
            for label in f.f1.keys() {
                if Label::parse(label).is_none() {
                    return Err(Error::Usage(format!(
                        "{name}: floor for {}: unknown label {label:?}",
                        f.gold
                    )));
                }
            }
            let values = [
                ("accuracy", f.accuracy),
                ("macro_f1", f.macro_f1),
                ("micro_f1", f.micro_f1),
            ]
            .into_iter()
            .filter_map(|(k, v)| Some((k.to_string(), v?)))
            .chain(f.f1.iter().map(|(l, v)| (format!("f1.{l}"), *v)));
            for (key, v) in values {
                if !(0.0..=1.0).contains(&v) {
                    return Err(Error::Usage(format!(
                        "{name}: floor for {}: {key} = {v} is not a number from 0 to 1",
                        f.gold
                    )));
                }
            }
        }
        Ok(floors)
    }

    /// Where the floor that set `gate` is written: the floors file and the
    /// line of its key (`macro_f1 = 0.8`). `None` for a gate set on the
    /// command line.
    pub fn line_of(&self, gate: &Gate) -> Option<(&str, usize)> {
        self.floor.iter().find_map(|f| {
            let set_here = f.gates().contains(&(gate.metric, gate.min));
            let line = f.lines.iter().find(|(m, _)| *m == gate.metric)?.1;
            set_here.then_some((self.source.as_str(), line))
        })
    }

    /// Fills each floor's `lines` from the file's text (parsed again with
    /// spans; the file has already parsed once, so this cannot fail).
    fn locate_lines(&mut self, text: &str) {
        #[derive(Deserialize)]
        struct Spanned {
            #[serde(default)]
            floor: Vec<SpannedFloor>,
        }
        #[derive(Deserialize)]
        struct SpannedFloor {
            accuracy: Option<toml::Spanned<f64>>,
            macro_f1: Option<toml::Spanned<f64>>,
            micro_f1: Option<toml::Spanned<f64>>,
            #[serde(default)]
            f1: BTreeMap<String, toml::Spanned<f64>>,
        }
        let Ok(spanned) = toml::from_str::<Spanned>(text) else {
            return;
        };
        let index = crate::text::LineIndex::new(text);
        let line = |s: &toml::Spanned<f64>| index.locate(s.span().start).0;
        for (floor, raw) in self.floor.iter_mut().zip(&spanned.floor) {
            let keyed = [
                (Metric::Accuracy, &raw.accuracy),
                (Metric::Macro(Part::F1), &raw.macro_f1),
                (Metric::Micro(Part::F1), &raw.micro_f1),
            ];
            floor.lines = keyed
                .into_iter()
                .filter_map(|(m, v)| Some((m, line(v.as_ref()?))))
                .chain(raw.f1.iter().filter_map(|(l, v)| {
                    Some((Metric::Label(Label::parse(l)?, Part::F1), line(v)))
                }))
                .collect();
        }
    }

    /// The floors for a run over these gold files. Every floor must name
    /// one of them (by file name): a floor that fits no scored file is an
    /// error, never a gate silently switched off.
    pub fn for_files(&self, files: &[String]) -> Result<Vec<&Floor>> {
        let names: Vec<String> = files
            .iter()
            .filter_map(|g| std::path::Path::new(g).file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect();
        if let Some(f) = self.floor.iter().find(|f| !names.contains(&f.gold)) {
            return Err(Error::Usage(format!(
                "{}: the floor for {:?} names no gold file of this run (scored: {}); give the floors for this gold only",
                self.source,
                f.gold,
                names.join(", ")
            )));
        }
        Ok(self.floor.iter().collect())
    }
}
