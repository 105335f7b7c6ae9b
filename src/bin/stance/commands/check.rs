//! `stance check`: run every rule's examples.

use stance::{Error, report};

use super::{json, load_rules};
use crate::cli::{CheckFormat, RulesArg};
use crate::terminal::{FAILURE, SUCCESS, emit};

pub fn run(rules: &RulesArg, format: CheckFormat) -> Result<i32, Error> {
    let classifier = load_rules(rules)?;
    let set = classifier.rules();
    let r = stance::check(&classifier);
    let text = match format {
        CheckFormat::Text => report::check_report(&r, set.rules.len()),
        CheckFormat::Json => json(&report::check_json(&r, set.rules.len()), Some(set))?,
        CheckFormat::Junit => report::check_junit(set, &r),
        CheckFormat::Github => report::check_github(set, &r),
    };
    emit(&text)?;
    Ok(if r.passed() { SUCCESS } else { FAILURE })
}
