//! Any text, with and without a claim and context, through the default rules:
//! no panic, spans on char boundaries, classify and explain agree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stance::{Claim, Classifier};

fuzz_target!(|data: &[u8]| {
    static C: std::sync::OnceLock<Classifier> = std::sync::OnceLock::new();
    let c = C.get_or_init(Classifier::with_default_rules);
    let text = String::from_utf8_lossy(data);
    let (text, rest) = text.split_once('\u{1}').unwrap_or((&text, ""));
    let claim = (!rest.is_empty()).then(|| Claim::new(rest));
    let d = c.classify_quote(text, Some(rest), claim.as_ref());
    if let Some((s, e)) = d.span {
        assert!(s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
    }
    let e = c.explain_quote(text, Some(rest), claim.as_ref());
    assert_eq!(e.decision.label, d.label);
    assert_eq!(e.decision.span, d.span);
});
