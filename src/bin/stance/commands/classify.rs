//! `stance classify`: label every record of a stream.

use std::sync::Arc;

use stance::{Error, StreamOptions, classify_stream, report};

use super::{claim_arg, is_bulk, load_rules_for, sources};
use crate::cli::{ClassifyArgs, OutputFormat};
use crate::terminal::{FAILURE, SUCCESS, error, progress_bar, stdout_is_terminal};

pub fn run(args: ClassifyArgs) -> Result<i32, Error> {
    let inputs = sources(&args.files);
    let classifier = load_rules_for(&args.rules, is_bulk(&inputs))?;
    let bar = progress_bar(&inputs);
    let options = StreamOptions {
        plain: args.plain,
        claim: claim_arg(&classifier, args.claim, args.aliases)?,
        jobs: usize::from(args.jobs),
        progress: bar
            .clone()
            .map(|b| Arc::new(move |n| b.inc(n)) as stance::Progress),
        articles: args.articles,
    };
    let table = match args.format {
        OutputFormat::Table => true,
        OutputFormat::Json => false,
        OutputFormat::Auto => stdout_is_terminal(),
    };
    let stdout = std::io::stdout();
    let buffered = std::io::BufWriter::with_capacity(1 << 16, stdout);
    let summary = if table {
        let mut out = report::QuoteTableWriter::new(buffered);
        classify_stream(&classifier, &inputs, &options, &mut out)?
    } else {
        let mut out = buffered;
        classify_stream(&classifier, &inputs, &options, &mut out)?
    };
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    if summary.errors > 0 {
        error(&format!(
            "{} of {} records could not be read; each is an \"error\" record in the output",
            summary.errors, summary.records
        ));
        return Ok(FAILURE);
    }
    Ok(SUCCESS)
}
