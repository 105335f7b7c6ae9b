//! The HTML report, read back with an HTML parser: it is well-formed and
//! self-contained, and each part shows the same facts as the JSON report.

mod common;

use common::{run, stderr};
use scraper::{Html, Selector};

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

/// The JSON report and the parsed HTML page of one evaluation.
fn both(extra: &[&str]) -> (serde_json::Value, Html) {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let mut args = vec!["eval", "--gold", "tests/fixtures/heldout/gold.jsonl"];
    args.extend_from_slice(extra);
    let mut json_args = args.clone();
    json_args.extend(["--format", "json", "--errors"]);
    let out = run(&json_args, b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let json = serde_json::from_slice(&out.stdout).unwrap();
    args.extend(["--format", "html", "--output", page.to_str().unwrap()]);
    let out = run(&args, b"");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "the page goes to --output only");
    let text = std::fs::read_to_string(&page).unwrap();
    (json, Html::parse_document(&text))
}

#[test]
fn the_page_is_well_formed_and_fetches_nothing() {
    let (_, doc) = both(&[]);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    assert!(select(&doc, "link, img, iframe, script[src], object, embed").is_empty());
    for el in select(&doc, "[src], [href]") {
        for attr in ["src", "href"] {
            if let Some(v) = el.value().attr(attr) {
                assert!(v.starts_with('#'), "an outside reference: {attr}={v}");
            }
        }
    }
    assert_eq!(select(&doc, "style").len(), 1);
    assert_eq!(select(&doc, "script").len(), 1);
}

#[test]
fn scores_confusion_and_rules_match_the_json_report() {
    let (json, doc) = both(&[]);
    let cells = select(&doc, "#confusion svg rect.cell");
    assert_eq!(cells.len(), 16);
    for c in cells {
        let (g, p) = (
            c.attr("data-gold").unwrap(),
            c.attr("data-predicted").unwrap(),
        );
        let n: u64 = c.attr("data-count").unwrap().parse().unwrap();
        assert_eq!(json["confusion"][g][p], n, "cell {g} -> {p}");
    }
    let rules = json["rules"].as_array().unwrap();
    let rows = select(&doc, "#rules tr.rule");
    assert_eq!(rows.len(), rules.len());
    for (row, rule) in rows.iter().zip(rules) {
        assert_eq!(row.attr("data-rule"), rule["id"].as_str());
        let bars = row.select(&Selector::parse("svg.bar").unwrap()).count();
        let fired = rule["fires"].as_u64().unwrap() > 0;
        assert_eq!(
            bars,
            if fired { 2 } else { 1 },
            "precision and coverage bars"
        );
    }
    let never = select(&doc, "#never-fired li");
    assert_eq!(never.len(), json["never_fired"].as_array().unwrap().len());
    let headline: String = select(&doc, "header .headline")
        .iter()
        .flat_map(|e| e.text())
        .collect();
    assert!(headline.contains(&format!("{:.3}", json["accuracy"].as_f64().unwrap())));
}

#[test]
fn every_wrong_item_is_shown_with_its_marks_trace_and_filter_data() {
    let (json, doc) = both(&[]);
    let errors = json["errors"].as_array().unwrap();
    let items = select(&doc, "#wrong article.item");
    assert!(!errors.is_empty());
    assert_eq!(items.len(), errors.len());
    for (item, e) in items.iter().zip(errors) {
        assert_eq!(
            item.attr("id").unwrap(),
            format!("item-{}", e["id"].as_str().unwrap())
        );
        assert_eq!(item.attr("data-gold"), e["gold"].as_str());
        assert_eq!(item.attr("data-predicted"), e["predicted"].as_str());
        assert_eq!(item.attr("data-rule"), e["rule"].as_str());
        let quote: String = item
            .select(&Selector::parse(".quote-in-context, blockquote.quote").unwrap())
            .flat_map(|q| q.text())
            .collect();
        assert_eq!(quote, e["text"].as_str().unwrap(), "the quote, whole");
        assert_eq!(
            item.select(&Selector::parse("details pre").unwrap())
                .count(),
            1
        );
    }
    // The seed claim names North Korea: its terms are marked in some quote.
    assert!(!select(&doc, "#wrong mark.claim").is_empty());
    // Without script the filter form stays hidden and every item shows.
    let form = select(&doc, "form#filters");
    assert_eq!(form.len(), 1);
    assert!(form[0].attr("hidden").is_some());
    assert!(select(&doc, "article.item[hidden]").is_empty());
    let rule_options: Vec<&str> = select(&doc, "select[name=rule] option")
        .iter()
        .filter_map(|o| o.attr("value"))
        .filter(|v| !v.is_empty())
        .collect();
    for e in errors {
        assert!(rule_options.contains(&e["rule"].as_str().unwrap()));
    }
}

#[test]
fn with_compare_the_flipped_items_come_first() {
    let (json, doc) = both(&["--compare", "rules/affirming.toml"]);
    let flipped = json["comparison"]["flipped"].as_u64().unwrap();
    assert!(flipped > 0);
    let sections: Vec<&str> = select(&doc, "body > section")
        .iter()
        .filter_map(|s| s.attr("id"))
        .collect();
    assert_eq!(sections[0], "flipped", "{sections:?}");
    assert_eq!(select(&doc, "#flipped tr.flip").len() as u64, flipped);
}
