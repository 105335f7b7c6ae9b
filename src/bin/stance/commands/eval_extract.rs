//! `stance eval-extract`: score quote extraction against gold spans.

use stance::eval::gates::meets;
use stance::{BratScored, Error, GoldSet, ReportStyle, brat_report, evaluate_extraction, report};

use super::{json, use_lexicon};
use crate::cli::{EvalExtractArgs, EvalFormat};
use crate::terminal::{SUCCESS, emit, gate_exit};

pub fn run(args: EvalExtractArgs) -> Result<i32, Error> {
    use_lexicon(args.lexicon.as_deref())?;
    if let Some(dir) = &args.brat {
        let what = match (&args.records, args.direct_only) {
            (Some(file), _) => BratScored::Records(file),
            (None, true) => BratScored::DirectOnly,
            (None, false) => BratScored::All,
        };
        emit(&brat_report(dir, args.format == EvalFormat::Json, what)?)?;
        return Ok(SUCCESS);
    }
    if args.gold.is_empty() {
        return Err(super::no_gold());
    }
    let gold = GoldSet::load(&args.gold)?;
    let r = evaluate_extraction(&gold, &args.articles)?;
    let text = match args.format {
        EvalFormat::Json => json(&r, None)?,
        EvalFormat::Table => report::extraction_report(&r, ReportStyle::Terminal),
        EvalFormat::Markdown => report::extraction_report(&r, ReportStyle::Markdown),
    };
    emit(&text)?;
    let s = &r.statements;
    let gates = [
        (
            "statement span recall (exact)",
            args.min_recall,
            s.exact.recall,
        ),
        (
            "statement span precision (exact)",
            args.min_precision,
            s.exact.precision,
        ),
        (
            "speaker accuracy",
            args.min_speaker_accuracy,
            s.speaker_accuracy,
        ),
    ];
    let missed: Vec<String> = gates
        .iter()
        .filter_map(|(name, min, got)| {
            min.filter(|m| !meets(*got, *m))
                .map(|m| format!("{name} {got:.3} < {m:.3}"))
        })
        .collect();
    Ok(gate_exit(&missed))
}
