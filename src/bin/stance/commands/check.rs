//! `stance check`: run every rule's examples.

use stance::{Error, report};

use super::load_rules;
use crate::cli::RulesArg;
use crate::terminal::{FAILURE, SUCCESS, emit};

pub fn run(rules: &RulesArg) -> Result<i32, Error> {
    let classifier = load_rules(rules)?;
    let r = stance::check(&classifier);
    emit(&report::check_report(&r, classifier.rules().rules.len()))?;
    Ok(if r.passed() { SUCCESS } else { FAILURE })
}
