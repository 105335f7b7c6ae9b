//! `stance rules`: list the rules.

use stance::{Error, report};

use super::{json, load_rules};
use crate::cli::{ListFormat, RulesArg};
use crate::terminal::{SUCCESS, emit};

pub fn run(rules: &RulesArg, format: ListFormat) -> Result<i32, Error> {
    let classifier = load_rules(rules)?;
    let set = classifier.rules();
    let text = match format {
        ListFormat::Table => report::rules_table(set),
        ListFormat::Json => json(&report::rules_json(set), Some(set))?,
        ListFormat::Markdown => report::rules_markdown(set),
    };
    emit(&text)?;
    Ok(SUCCESS)
}
