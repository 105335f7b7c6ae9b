//! Regression snapshots: for each gold set, every item's predicted label and
//! deciding rule, and the metrics report. Any rule edit that changes an
//! answer shows up here as a diff to review with `cargo insta review`.

mod common;

use std::path::{Path, PathBuf};

use stance::GoldSet;
use stance::eval::{self, predict};
use stance::{Classifier, Label};
use stance::{ReportStyle, report};

fn predictions_listing(classifier: &Classifier, gold: &GoldSet, with_gold_label: bool) -> String {
    let mut out = String::new();
    for p in predict(classifier, gold) {
        if with_gold_label {
            let mark = if p.predicted == p.gold { " " } else { "✗" };
            out.push_str(&format!(
                "{mark} {:<10} {:<10} {:<9} {}\n",
                p.id, p.gold, p.predicted, p.rule
            ));
        } else {
            // Our output only: no gold label, no text, no mark that hints at either.
            out.push_str(&format!("{} {:<9} {}\n", p.id, p.predicted, p.rule));
        }
    }
    out
}

fn gold_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("gold")
}

/// The seed gold: stand-off, so it loads only when the seed articles in
/// ../shared are present (the snapshots hold ids, labels and figures only).
fn seeds(what: &str) -> Option<GoldSet> {
    if !common::seeds_present(what) {
        return None;
    }
    Some(GoldSet::load(&[gold_dir().join("seeds.jsonl")]).unwrap())
}

#[test]
fn seed_gold_predictions() {
    let Some(gold) = seeds("seed gold predictions snapshot") else {
        return;
    };
    let classifier = Classifier::with_default_rules();
    insta::assert_snapshot!(predictions_listing(&classifier, &gold, true));
}

#[test]
fn seed_gold_report() {
    let Some(gold) = seeds("seed gold report snapshot") else {
        return;
    };
    let mut r = eval::evaluate(&Classifier::with_default_rules(), &gold, false);
    r.gold = vec!["gold/seeds.jsonl".into()];
    insta::assert_snapshot!(report::eval_report(&r, ReportStyle::Markdown));
}

/// The Emergent development split lives outside the repository; its rows are
/// not copied here. The snapshot holds aggregate figures and, per item, only
/// the predicted label and rule keyed by the data set's own article id.
fn emergent() -> Option<GoldSet> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/emergent/train.csv");
    if !path.exists() {
        eprintln!("skipped: {} is absent", path.display());
        return None;
    }
    Some(GoldSet::load(&[path]).unwrap())
}

#[test]
fn emergent_report() {
    let Some(gold) = emergent() else { return };
    let mut r = eval::evaluate(&Classifier::with_default_rules(), &gold, false);
    r.gold = vec!["../shared/data/emergent/train.csv".into()];
    insta::assert_snapshot!(report::eval_report(&r, ReportStyle::Markdown));
}

#[test]
fn emergent_predictions() {
    let Some(gold) = emergent() else { return };
    insta::assert_snapshot!(predictions_listing(
        &Classifier::with_default_rules(),
        &gold,
        false
    ));
}

#[test]
fn every_gold_label_is_known_and_every_quote_matches_its_article() {
    let Some(gold) = seeds("seed gold spans against the seed articles") else {
        return;
    };
    assert!(gold.items.len() >= 30);
    for item in &gold.items {
        assert!(Label::ALL.contains(&item.label));
        let doc = item.doc.as_ref().expect("seed gold names its article");
        let article = std::fs::read_to_string(common::seeds_dir().join(doc)).unwrap();
        let (s, e) = item.span.expect("seed gold has offsets");
        assert_eq!(&article[s..e], item.text, "{}", item.id);
        assert!(
            item.context
                .as_ref()
                .is_some_and(|c| c.contains(&item.text)),
            "{}",
            item.id
        );
    }
}

/// The seed gold stores no text: no line has a `text` field, and without
/// ../shared it cannot be loaded (a clear error, never empty quotes).
#[test]
fn seed_gold_is_stand_off() {
    let raw = std::fs::read_to_string(gold_dir().join("seeds.jsonl")).unwrap();
    for (i, line) in raw.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v.get("text").is_none(), "line {} stores quote text", i + 1);
        assert!(v["doc"].is_string() && v["start"].is_u64() && v["end"].is_u64());
    }
    if !common::seeds_dir().is_dir() {
        let e = GoldSet::load(&[gold_dir().join("seeds.jsonl")])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("seeds.jsonl:1:") && e.contains("cannot be found"),
            "{e}"
        );
    }
}
