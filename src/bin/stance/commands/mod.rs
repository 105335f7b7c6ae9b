//! One file per subcommand. Each takes its parsed flags, calls the library,
//! renders, and returns an exit code; errors go back to `main`.

mod agree;
mod check;
mod classify;
mod docs;
mod eval;
mod eval_extract;
mod explain;
mod extract;
mod label;
mod rules;

use stance::{Claim, ClaimSpec, Classifier, ClassifierBuilder, Error, RuleSet, Source};

use crate::cli::{Command, RulesArg};

/// Runs one command.
pub fn run(command: Command) -> Result<i32, Error> {
    match command {
        Command::Classify(args) => classify::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Check { rules, format } => check::run(&rules, format),
        Command::Agree(args) => agree::run(args),
        Command::Rules { rules, format } => rules::run(&rules, format),
        Command::Extract(args) => extract::run(args),
        Command::EvalExtract(args) => eval_extract::run(args),
        Command::Completions { shell } => docs::completions(shell),
        Command::Man => docs::man(),
        Command::Label(args) => label::run(args),
    }
}

/// The rules named by `--rules`, or the embedded ones.
fn load_rules(arg: &RulesArg) -> Result<Classifier, Error> {
    load_rules_for(arg, false)
}

/// `throughput`: compile for matching speed (streams) rather than start-up.
fn load_rules_for(arg: &RulesArg, throughput: bool) -> Result<Classifier, Error> {
    let set = match &arg.rules {
        Some(path) => RuleSet::from_path(path)?,
        None => RuleSet::default_rules(),
    };
    crate::terminal::detail(&format!(
        "rules: {} ({} rules, digest {})",
        arg.rules
            .as_ref()
            .map_or("the embedded rules".into(), |p| p.display().to_string()),
        set.rules.len(),
        set.digest()
    ));
    ClassifierBuilder::new().throughput(throughput).build(set)
}

/// Whether a stream is worth compiling for throughput: stdin (size unknown)
/// or files of a megabyte or more.
fn is_bulk(inputs: &[Source]) -> bool {
    inputs.iter().any(|s| match s {
        Source::Stdin => true,
        Source::File(p) => std::fs::metadata(p).is_ok_and(|m| m.len() >= 1 << 20),
    })
}

/// `--claim` and `--alias` as a claim.
///
/// The claim is compiled for `classifier` (which reads its polarity). A claim
/// with no key term (only common words, e.g. "the") could never be recognised
/// in a quote, so every answer would be `none`: it is refused.
fn claim_arg(
    classifier: &Classifier,
    text: Option<String>,
    aliases: Vec<String>,
) -> Result<Option<Claim>, Error> {
    match text {
        Some(text) => {
            let claim = classifier.claim(&ClaimSpec { text, aliases });
            if claim.is_empty() {
                return Err(Error::Usage(format!(
                    "--claim {:?} has no key term: every word is too common to show that a quote is about it; name what the claim is about",
                    claim.text()
                )));
            }
            Ok(Some(claim))
        }
        None if aliases.is_empty() => Ok(None),
        None => Err(Error::Usage("--alias needs --claim".into())),
    }
}

/// Installs `--lexicon FILE` for extraction, if given (else the embedded
/// lexicon stays).
fn use_lexicon(path: Option<&std::path::Path>) -> Result<(), Error> {
    match path {
        Some(p) => stance::use_lexicon(stance::Lexicon::from_path(p)?),
        None => Ok(()),
    }
}

/// The error when neither `--gold` nor the project file names any gold.
fn no_gold() -> Error {
    Error::Usage(format!(
        "no gold to score: give --gold PATH, or name `gold` in a {} (in this folder or above)",
        stance::PROJECT_FILE
    ))
}

/// File arguments as sources: `-` or none at all is stdin.
fn sources(files: &[String]) -> Vec<Source> {
    if files.is_empty() {
        vec![Source::Stdin]
    } else {
        files.iter().map(|f| Source::parse(f)).collect()
    }
}

/// A report as pretty JSON, stamped with the schema version and, when
/// rules made it, their content hash.
fn json(value: &impl serde::Serialize, rules: Option<&RuleSet>) -> Result<String, Error> {
    serde_json::to_value(value)
        .map(|v| format!("{:#}\n", stance::stamp(v, rules)))
        .map_err(|e| Error::System(format!("cannot write the report as JSON: {e}")))
}
