//! `stance explain`: why one text gets its label.

use stance::{Error, report};

use super::{claim_arg, load_rules};
use crate::cli::ExplainArgs;
use crate::terminal::{SUCCESS, emit};

pub fn run(args: ExplainArgs) -> Result<i32, Error> {
    let classifier = load_rules(&args.rules)?;
    let claim = claim_arg(&classifier, args.claim, args.aliases)?;
    let e = classifier.explain_quote(&args.text, args.context.as_deref(), claim.as_ref());
    let claim_text = claim
        .as_ref()
        .or(classifier.default_claim())
        .map(|c| c.text().to_string());
    emit(&report::explanation(&args.text, claim_text.as_deref(), &e))?;
    Ok(SUCCESS)
}
