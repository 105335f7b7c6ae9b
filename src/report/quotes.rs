//! The table of classified quotes `stance classify` shows on a terminal,
//! drawn in blocks as the records arrive so that memory stays bounded
//! whatever the length of the input.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets};

/// Records per table block: a block is drawn (and memory freed) each time
/// this many rows have arrived.
pub const TABLE_BLOCK_ROWS: usize = 1000;

/// Longest quote shown in a cell, in characters.
const QUOTE_CHARS: usize = 120;

/// One row: doc, speaker, stance (or the error), rule, the quote cut short.
type Row = [String; 5];

fn row(v: &serde_json::Value) -> Row {
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
    let label = match v.get("error").and_then(|e| e.as_str()) {
        Some(e) => format!("error: {e}"),
        None => s("label"),
    };
    let text = v.get("text").and_then(|x| x.as_str()).unwrap_or("");
    let quote = if text.chars().count() > QUOTE_CHARS {
        text.chars().take(QUOTE_CHARS - 3).collect::<String>() + "..."
    } else {
        text.to_string()
    };
    [s("doc"), s("speaker"), label, s("rule"), quote]
}

fn draw(rows: &[Row]) -> String {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(["doc", "speaker", "stance", "rule", "quote"]);
    for r in rows {
        table.add_row(r.clone());
    }
    format!("{table}\n")
}

/// A table of classified quotes (speaker, stance, quote), for a terminal.
pub fn quote_table(rows: &[serde_json::Value]) -> String {
    draw(&rows.iter().map(row).collect::<Vec<_>>())
}

/// Takes `stance classify` JSON Lines and writes them to `out` as tables of
/// [`TABLE_BLOCK_ROWS`] rows each; [`Write::flush`] draws the last block.
/// Only the cells of one block are ever held.
pub struct QuoteTableWriter<W: Write> {
    out: W,
    partial: Vec<u8>,
    rows: Vec<Row>,
}

impl<W: Write> QuoteTableWriter<W> {
    /// Tables go to `out`.
    pub fn new(out: W) -> Self {
        QuoteTableWriter {
            out,
            partial: Vec::new(),
            rows: Vec::new(),
        }
    }

    fn draw_block(&mut self) -> io::Result<()> {
        if !self.rows.is_empty() {
            let text = draw(&self.rows);
            self.rows.clear();
            self.out.write_all(text.as_bytes())?;
        }
        Ok(())
    }
}

impl<W: Write> Write for QuoteTableWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(nl) = memchr::memchr(b'\n', rest) {
            self.partial.extend_from_slice(&rest[..nl]);
            rest = &rest[nl + 1..];
            let line = std::mem::take(&mut self.partial);
            let v: serde_json::Value = serde_json::from_slice(&line).map_err(io::Error::other)?;
            self.rows.push(row(&v));
            if self.rows.len() >= TABLE_BLOCK_ROWS {
                self.draw_block()?;
            }
        }
        self.partial.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.draw_block()?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_is_drawn_as_soon_as_it_is_full() {
        let mut w = QuoteTableWriter::new(Vec::new());
        let line =
            b"{\"id\":1,\"text\":\"It was a hoax\",\"label\":\"denying\",\"rule\":\"deny.hoax\"}\n";
        for _ in 0..TABLE_BLOCK_ROWS - 1 {
            w.write_all(line).unwrap();
        }
        assert!(w.out.is_empty(), "not full yet");
        // A line split across writes still makes one row.
        w.write_all(&line[..10]).unwrap();
        w.write_all(&line[10..]).unwrap();
        assert_eq!(
            w.out.iter().filter(|&&b| b == b'\n').count(),
            TABLE_BLOCK_ROWS + 4
        );
        assert!(w.rows.is_empty(), "the block's rows are freed");
        w.write_all(line).unwrap();
        w.flush().unwrap();
        let text = String::from_utf8(w.out).unwrap();
        assert_eq!(
            text.matches("speaker").count(),
            2,
            "two blocks, each with its header"
        );
    }
}
