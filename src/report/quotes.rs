//! The table of classified quotes `stance classify` shows on a terminal.

use comfy_table::{ContentArrangement, Table, presets};

/// A table of classified quotes (speaker, stance, quote), for a terminal.
pub fn quote_table(rows: &[serde_json::Value]) -> String {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(["doc", "speaker", "stance", "rule", "quote"]);
    for v in rows {
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let label = match v.get("error").and_then(|e| e.as_str()) {
            Some(e) => format!("error: {e}"),
            None => s("label"),
        };
        let mut quote = s("text");
        if quote.chars().count() > 120 {
            quote = quote.chars().take(117).collect::<String>() + "...";
        }
        table.add_row([s("doc"), s("speaker"), label, s("rule"), quote]);
    }
    format!("{table}\n")
}
