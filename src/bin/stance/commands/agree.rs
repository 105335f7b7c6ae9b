//! `stance agree`: agreement between two annotators.

use stance::eval::agreement::{Annotations, agreement};
use stance::{Error, ReportStyle, report};

use super::json;
use crate::cli::{AgreeArgs, EvalFormat};
use crate::terminal::{emit, gate_exit};

pub fn run(args: AgreeArgs) -> Result<i32, Error> {
    if args.min_kappa.is_some_and(|v| !(-1.0..=1.0).contains(&v)) {
        return Err(Error::Usage(
            "--min-kappa takes a number from -1 to 1".into(),
        ));
    }
    let first = Annotations::load(&args.a)?;
    let second = Annotations::load(&args.b)?;
    let r = agreement(&first, &second);
    if !args.partial {
        r.unmatched_error()?;
    }
    if r.n == 0 {
        return Err(Error::Data {
            file: r.a.clone(),
            line: 1,
            col: 1,
            message: format!("no id is labelled in both {} and {}", r.a, r.b),
            excerpt: None,
        });
    }
    let text = match args.format {
        EvalFormat::Table => report::agreement_report(&r, ReportStyle::Terminal),
        EvalFormat::Markdown => report::agreement_report(&r, ReportStyle::Markdown),
        EvalFormat::Json => json(&r, None)?,
    };
    emit(&text)?;
    let mut missed = Vec::new();
    if let Some(min) = args.min_kappa {
        match r.kappa {
            Some(k) if stance::eval::gates::meets(k, min) => {}
            Some(k) => missed.push(format!("kappa {k:.3} < {min:.3}")),
            None => missed.push(format!(
                "kappa is undefined (one label throughout), so --min-kappa {min} cannot be checked"
            )),
        }
    }
    Ok(gate_exit(&missed))
}
