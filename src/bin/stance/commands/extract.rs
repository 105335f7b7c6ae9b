//! `stance extract`: quotes and speakers from articles, as JSON Lines.

use stance::{Error, extract_stream};

use super::{claim_arg, is_bulk, load_rules_for, sources};
use crate::cli::ExtractArgs;
use crate::terminal::SUCCESS;

pub fn run(args: ExtractArgs) -> Result<i32, Error> {
    let inputs = sources(&args.files);
    let classifier = args
        .classify
        .then(|| load_rules_for(&args.rules, is_bulk(&inputs)))
        .transpose()?;
    let claim = claim_arg(args.claim, args.aliases)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let with = classifier.as_ref().map(|c| (c, claim.as_ref()));
    extract_stream(&inputs, !args.no_fragments, with, args.jobs, &mut out)?;
    Ok(SUCCESS)
}
