//! Any text as a rules file: loading and compiling either works or returns
//! an error; it never panics. A rule set that loads is then run on its own
//! examples.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stance::{Classifier, RuleSet};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    if let Ok(set) = RuleSet::from_sources(&[("fuzz.toml".to_string(), text)]) {
        if let Ok(c) = Classifier::new(set) {
            let _ = stance::check(&c);
        }
    }
});
