//! Benchmarks of each stage (divan). Run with `cargo bench`; figures and the
//! whole-process measurements are in docs/performance.md.

use std::path::Path;

use divan::{Bencher, black_box, counter::BytesCount, counter::ItemsCount};
use stance::GoldSet;
use stance::{Classifier, RuleSet};

fn main() {
    divan::main();
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Whether the seed articles are in ../shared: the seed gold is stand-off,
/// so without them the benches use the invented held-out articles and say so.
fn seeds_present() -> bool {
    let present = root().join("../shared/seeds").is_dir();
    if !present {
        eprintln!(
            "note: ../shared/seeds is absent: quotes and articles are the held-out fixtures, eval_seed_gold is skipped"
        );
    }
    present
}

/// Quotes from the seed gold (real quote lengths and wording), else from
/// the held-out fixtures.
fn quotes() -> Vec<String> {
    let gold = if seeds_present() {
        "gold/seeds.jsonl"
    } else {
        "tests/fixtures/heldout/gold.jsonl"
    };
    GoldSet::load(&[root().join(gold)])
        .unwrap()
        .items
        .into_iter()
        .map(|i| i.text)
        .collect()
}

/// The seed articles, else the held-out fixtures, one after another.
fn articles() -> String {
    let dir = if seeds_present() {
        "../shared/seeds"
    } else {
        "tests/fixtures/heldout/articles"
    };
    let mut all = String::new();
    let mut paths: Vec<_> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        all.push_str(&std::fs::read_to_string(p).unwrap());
        all.push_str("\n\n");
    }
    all
}

/// Parsing, validating and compiling the default rules (the start-up cost).
#[divan::bench]
fn compile_default_rules() -> Classifier {
    Classifier::new(black_box(RuleSet::default_rules())).unwrap()
}

/// Compiling for throughput (what `stance classify` does on large inputs).
#[divan::bench]
fn compile_default_rules_for_throughput() -> Classifier {
    stance::ClassifierBuilder::new()
        .throughput(true)
        .build(black_box(RuleSet::default_rules()))
        .unwrap()
}

/// Parsing and validating only.
#[divan::bench]
fn load_default_rules() -> RuleSet {
    RuleSet::default_rules()
}

/// One quote through the default rules, no claim.
#[divan::bench(args = [false, true])]
fn classify_quote(bencher: Bencher, throughput: bool) {
    let c = stance::ClassifierBuilder::new()
        .throughput(throughput)
        .build(RuleSet::default_rules())
        .unwrap();
    let qs = quotes();
    bencher.counter(ItemsCount::new(qs.len())).bench(|| {
        for q in &qs {
            black_box(c.classify(black_box(q), None));
        }
    });
}

/// One quote with a claim (claim terms checked, scope rules active).
#[divan::bench]
fn classify_quote_with_claim(bencher: Bencher) {
    let c = Classifier::with_default_rules();
    let claim = stance::Claim::new("North Korea has sent troops to fight for Russia in Ukraine");
    let qs = quotes();
    bencher.counter(ItemsCount::new(qs.len())).bench(|| {
        for q in &qs {
            black_box(c.classify(black_box(q), Some(&claim)));
        }
    });
}

/// Quote extraction, per byte of raw article text.
#[divan::bench]
fn extract_articles(bencher: Bencher) {
    let text = articles().repeat(64);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| black_box(stance::extract_quotes(black_box(&text))));
}

/// Quotes and reported speech (`extract_attributions`), per byte.
#[divan::bench]
fn extract_attributions_articles(bencher: Bencher) {
    let text = articles().repeat(64);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| black_box(stance::extract_attributions(black_box(&text))));
}

/// Re-scoring the seed gold: load gold, label, score.
#[divan::bench]
fn eval_seed_gold(bencher: Bencher) {
    if !seeds_present() {
        return;
    }
    let c = Classifier::with_default_rules();
    let path = root().join("gold/seeds.jsonl");
    bencher.bench(|| {
        let gold = GoldSet::load(std::slice::from_ref(&path)).unwrap();
        black_box(stance::eval::evaluate(&c, &gold, false))
    });
}

/// Emergent headlines (read from ../shared when present; skipped otherwise),
/// with each compile setting.
#[divan::bench(args = [false, true])]
fn classify_headline(bencher: Bencher, throughput: bool) {
    let path = root().join("../shared/data/emergent/train.csv");
    let Ok(gold) = GoldSet::load(&[path]) else {
        eprintln!("skipped: ../shared/data/emergent/train.csv is absent");
        return;
    };
    let heads: Vec<String> = gold.items.into_iter().map(|i| i.text).collect();
    let c = stance::ClassifierBuilder::new()
        .throughput(throughput)
        .build(RuleSet::default_rules())
        .unwrap();
    bencher.counter(ItemsCount::new(heads.len())).bench(|| {
        for h in &heads {
            black_box(c.classify(black_box(h), None));
        }
    });
}
