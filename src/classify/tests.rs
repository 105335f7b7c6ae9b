use super::*;
use crate::claim::Polarity;
use crate::rules::ClaimSpec;

fn classifier(toml: &str) -> Classifier {
    let set = RuleSet::from_sources(&[("t.toml".into(), toml.into())]).unwrap();
    Classifier::new(set).unwrap()
}

const RULES: &str = r#"
[settings]
negators = ["not", "no", "never", "can't", "cannot", "could not", "couldn't"]
terminators = ["but", "however"]
claim_references = ["those reports"]

[[rule]]
id = "affirm.confirm"
label = "affirming"
description = "Confirming a report affirms it."
priority = 10
phrases = ["confirm", "confirmed"]
when_negated = "uncertain"

[[rule]]
id = "deny.hoax"
label = "denying"
description = "A hoax is false."
priority = 30
phrases = ["hoax", "false"]

[[rule]]
id = "uncertain.doubt"
label = "uncertain"
description = "Doubt hedges."
priority = 20
phrases = ["doubt", "no evidence"]
pseudo = ["no doubt", "no reason to doubt"]

[[rule]]
id = "affirm.no-doubt"
label = "affirming"
description = "No doubt affirms."
priority = 20
phrases = ["no doubt", "no reason to doubt"]
when_negated = "ignore"

[[rule]]
id = "deny.denies"
label = "denying"
description = "A denial of the claim."
priority = 25
phrases = ["denied"]
scope = "sentence"
window = 4
"#;

fn label(c: &Classifier, t: &str) -> (Label, Option<String>) {
    let d = c.classify(t, None);
    (d.label, d.rule.map(|r| r.id.clone()))
}

#[test]
fn negation_turns_confirm_into_uncertain() {
    let c = classifier(RULES);
    assert_eq!(label(&c, "We can confirm it.").0, Label::Affirming);
    assert_eq!(
        label(&c, "I can’t confirm those reports.").0,
        Label::Uncertain
    );
    assert_eq!(
        label(&c, "We could not independently confirm it").0,
        Label::Uncertain
    );
    let d = c.classify("I can\u{2019}t confirm those reports", None);
    assert_eq!(
        d.span,
        Some((10, 17)),
        "span in original bytes, after the 3-byte apostrophe"
    );
}

#[test]
fn negation_window_and_terminators() {
    let c = classifier(RULES);
    assert_eq!(label(&c, "not a hoax").0, Label::None);
    assert_eq!(
        label(&c, "It is not, sadly, at all a hoax").0,
        Label::Denying,
        "5 words: outside the window"
    );
    assert_eq!(
        label(&c, "Not true, but a hoax").0,
        Label::Denying,
        "terminator ends the scope"
    );
    assert_eq!(
        label(&c, "Not so. A hoax").0,
        Label::Denying,
        "sentence end ends the scope"
    );
}

#[test]
fn pseudo_cues() {
    let c = classifier(RULES);
    assert_eq!(
        label(&c, "There is no doubt about it"),
        (Label::Affirming, Some("affirm.no-doubt".into()))
    );
    assert_eq!(
        label(&c, "There is no reason to doubt it").0,
        Label::Affirming
    );
    assert_eq!(label(&c, "Experts doubt it").0, Label::Uncertain);
    assert_eq!(label(&c, "There is no evidence").0, Label::Uncertain);
    let e = c.explain("no doubt", None);
    assert!(
        e.cues
            .iter()
            .any(|c| matches!(c.outcome, Outcome::Pseudo { by: (0, 8) }))
    );
}

#[test]
fn priority_resolves_conflicts_and_is_visible() {
    let c = classifier(RULES);
    assert_eq!(
        label(&c, "We can confirm that the reports are false").0,
        Label::Denying
    );
    let e = c.explain("We can confirm that the reports are false", None);
    let outcomes: Vec<(&str, Outcome)> = e
        .cues
        .iter()
        .map(|c| (c.rule.id.as_str(), c.outcome))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("affirm.confirm", Outcome::Lost),
            ("deny.hoax", Outcome::Decided)
        ]
    );
}

#[test]
fn claims_off_claim_and_scope() {
    let c = classifier(RULES);
    let claim = Claim::new("The mayor resigned");
    let d = c.classify("The weather is a hoax", Some(&claim));
    assert_eq!((d.label, d.reason), (Label::None, Reason::OffClaim));
    assert_eq!(
        c.classify("The mayor story is a hoax", Some(&claim)).label,
        Label::Denying
    );
    assert_eq!(
        c.classify("I can't confirm those reports", Some(&claim))
            .label,
        Label::Uncertain,
        "claim reference"
    );
    // Scope: "denied" must have a claim term within 4 words in its sentence.
    assert_eq!(
        c.classify("The mayor denied it", Some(&claim)).label,
        Label::Denying
    );
    let far = "The mayor spoke. A spokesman denied that the bus was late";
    let e = c.explain(far, Some(&claim));
    assert_eq!(e.decision.label, Label::None);
    assert_eq!(e.cues[0].outcome, Outcome::OutOfScope);
    // A quote whose sentence is about "the reports" is on-claim.
    let ctx = "In reply, the minister called those reports \u{201C}a hoax\u{201D}.";
    assert_eq!(c.classify("a hoax", Some(&claim)).label, Label::None);
    assert_eq!(
        c.classify_quote("a hoax", Some(ctx), Some(&claim)).label,
        Label::Denying
    );
    let d = c.classify_quote("all the help we can get", Some(ctx), Some(&claim));
    assert_eq!(
        (d.label, d.reason),
        (Label::None, Reason::OffClaim),
        "no fallback through context"
    );
    let ctx = "The mayor's aide said \u{201C}a hoax\u{201D}.";
    assert_eq!(
        c.classify_quote("a hoax", Some(ctx), Some(&claim)).label,
        Label::Denying,
        "a claim term in the sentence ties the quote to the claim"
    );
    let ctx = "The weather man said \u{201C}a hoax\u{201D}.";
    assert_eq!(
        c.classify_quote("a hoax", Some(ctx), Some(&claim)).label,
        Label::None,
        "nothing in quote or sentence names the claim"
    );
    // Without a claim every quote is on-claim and scope is not checked.
    assert_eq!(c.classify(far, None).label, Label::Denying);
}

#[test]
fn fallback_label() {
    let c = classifier(&RULES.replace("[settings]", "[settings]\nfallback = \"affirming\""));
    let d = c.classify("Troops arrived", None);
    assert_eq!(
        (d.label, d.reason, d.rule.is_none()),
        (Label::Affirming, Reason::Fallback, true)
    );
}

#[test]
fn words_are_matched_whole() {
    let c = classifier(RULES);
    assert_eq!(label(&c, "hoaxes and falsehoods").0, Label::None);
    assert_eq!(label(&c, "HOAX!").0, Label::Denying);
}

#[test]
fn patterns_and_their_errors() {
    let c = classifier(&format!(
        "{RULES}\n[[rule]]\nid = \"u.q\"\nlabel = \"uncertain\"\ndescription = \"A question\"\npatterns = ['\\?\\s*$']\n"
    ));
    assert_eq!(label(&c, "Is it true?").0, Label::Uncertain);
    let bad = "[[rule]]\nid = \"u.bad\"\nlabel = \"uncertain\"\ndescription = \"d\"\npatterns = ['(unclosed']\n";
    let set = RuleSet::from_sources(&[("t.toml".into(), bad.into())]).unwrap();
    let e = Classifier::new(set).unwrap_err().to_string();
    assert!(
        e.starts_with("t.toml:5:13: rule `u.bad`: invalid pattern"),
        "{e}"
    );
    let huge = "[[rule]]\nid = \"u.huge\"\nlabel = \"uncertain\"\ndescription = \"d\"\npatterns = ['\\w{1000}\\w{1000}']\n";
    let set = RuleSet::from_sources(&[("t.toml".into(), huge.into())]).unwrap();
    let e = Classifier::new(set).unwrap_err().to_string();
    assert!(e.contains("u.huge") && e.contains("too large"), "{e}");
}

/// A rule set with the claim settings of the default rules, small enough to
/// read in one go.
const CLAIM_RULES: &str = r#"
[settings]
fallback = "affirming"
negators = ["not", "no"]
terminators = ["but", "however", ";"]
relevance = 0.3
restates = 0.5
context_weight = 0.5
unknown_claim = ["unknown"]
anaphors = ["it", "this"]

[[rule]]
id = "deny.hoax"
label = "denying"
description = "A hoax is false."
priority = 80
negates_claim = true
phrases = ["hoax", "fake"]

[[rule]]
id = "deny.negated"
label = "denying"
description = "A negated statement denies what it negates."
priority = 40
phrases = ["not"]
patterns = ['''\w\s+(?<cue>don't)\b''']
when_negated = "ignore"
scope = "clause"
window = 4

[[rule]]
id = "uncertain.may"
label = "uncertain"
description = "A hedge."
priority = 60
phrases = ["may"]
scope = "clause"

[[rule]]
id = "deny.denial"
label = "denying"
description = "A denial, in any tense."
priority = 70
stem = true
phrases = ["deny"]
"#;

fn claim_for(c: &Classifier, text: &str) -> Claim {
    c.claim(&ClaimSpec {
        text: text.into(),
        aliases: Vec::new(),
    })
}

#[test]
fn a_shared_name_is_not_enough_to_be_about_the_claim() {
    let c = classifier(CLAIM_RULES);
    let claim = claim_for(&c, "A meteorite struck the stadium in Managua");
    let ctx = "The mayor of Managua spoke on Monday.";
    let d = c.classify_quote("Managua is a lovely city", Some(ctx), Some(&claim));
    assert_eq!((d.label, d.reason), (Label::None, Reason::OffClaim));
    assert_eq!(d.rule_name(), OFF_CLAIM);
    let d = c.classify_quote("The meteorite struck the stadium", Some(ctx), Some(&claim));
    assert_eq!((d.label, d.reason), (Label::Affirming, Reason::Fallback));
    assert_eq!(d.rule_name(), FALLBACK);
}

#[test]
fn the_sentence_can_tie_a_quote_to_the_claim_but_not_restate_it() {
    let c = classifier(CLAIM_RULES);
    let claim = claim_for(&c, "A meteorite struck the stadium in Managua");
    let ctx = "Asked whether a meteorite struck the stadium, she said: \"It is fake.\"";
    let d = c.classify_quote("It is fake.", Some(ctx), Some(&claim));
    assert_eq!((d.label, d.rule_name()), (Label::Denying, "deny.hoax"));
    // Tied by its sentence, a quote with no cue restates nothing: none.
    let d = c.classify_quote("We were all there.", Some(ctx), Some(&claim));
    assert_eq!((d.label, d.reason), (Label::None, Reason::OffClaim));
    let e = c.explain_quote("We were all there.", Some(ctx), Some(&claim));
    assert_eq!(e.coverage, 0.0);
    assert!(e.relevance >= 0.3, "{}", e.relevance);
    assert_eq!(e.thresholds, (0.3, 0.5));
}

#[test]
fn a_negative_claim_turns_stances_around() {
    let c = classifier(CLAIM_RULES);
    let claim = claim_for(&c, "The stadium meteorite video is a hoax");
    assert_eq!(claim.polarity(), Polarity::Negative);
    // "hoax" made it negative; it is no key term.
    assert!(claim.terms().iter().all(|t| t.word != "hoax"));
    let d = c.classify("The stadium meteorite video is fake", Some(&claim));
    assert_eq!(d.label, Label::Affirming);
    assert!(d.by_polarity);
    let d = c.classify("The meteorite video of the stadium is real", Some(&claim));
    assert_eq!(
        d.label,
        Label::Denying,
        "a restatement of X denies 'X is a hoax'"
    );
}

#[test]
fn a_claim_about_the_unknown_is_affirmed_by_hedges() {
    let c = classifier(CLAIM_RULES);
    let claim = claim_for(&c, "Fate of the stadium meteorite unknown");
    assert_eq!(claim.polarity(), Polarity::Unknown);
    let d = c.classify("The stadium meteorite may be lost", Some(&claim));
    assert_eq!(d.label, Label::Affirming);
    let d = c.classify("The stadium meteorite is a hoax", Some(&claim));
    assert_eq!(d.label, Label::Denying);
}

#[test]
fn a_plainly_negated_claim_still_asserts() {
    let c = classifier(CLAIM_RULES);
    let claim = claim_for(&c, "The stadium meteorite did not explode");
    assert_eq!(claim.polarity(), Polarity::Plain);
}

#[test]
fn a_cue_in_another_clause_does_not_govern_the_claim() {
    let c = classifier(CLAIM_RULES);
    let claim = claim_for(&c, "The meteorite struck the stadium");
    let quote = "Not everyone was at home, but the meteorite struck the stadium";
    let d = c.classify(quote, Some(&claim));
    assert_eq!(d.label, Label::Affirming, "the negation governs 'everyone'");
    let d = c.classify("The meteorite did not strike the stadium", Some(&claim));
    assert_eq!(d.label, Label::Denying);
    let e = c.explain(quote, Some(&claim));
    assert!(e.cues.iter().any(|k| k.outcome == Outcome::OutOfScope));
}

#[test]
fn anaphors_stand_for_the_claim_in_a_quote_tied_by_its_sentence() {
    let c = classifier(CLAIM_RULES);
    let claim = claim_for(&c, "The meteorite struck the stadium");
    let ctx = "On reports that the meteorite struck the stadium, he said \"It may be so\".";
    let d = c.classify_quote("It may be so", Some(ctx), Some(&claim));
    assert_eq!(d.label, Label::Uncertain);
    let d = c.classify_quote("We may go home", Some(ctx), Some(&claim));
    assert_eq!(d.label, Label::None, "the hedge is about going home");
}

#[test]
fn a_pattern_group_named_cue_is_the_cue_span() {
    let c = classifier(CLAIM_RULES);
    let d = c.classify("They don't exist", None);
    assert_eq!(d.rule_name(), "deny.negated");
    assert_eq!(d.span, Some((5, 10)), "the span is `don't`, not `y don't`");
}

#[test]
fn stemmed_phrases_match_inflected_forms() {
    let c = classifier(CLAIM_RULES);
    for text in ["The club denied it", "The club denies it", "A denial came"] {
        let d = c.classify(text, None);
        let expect = if text.contains("denial") {
            FALLBACK
        } else {
            "deny.denial"
        };
        assert_eq!(d.rule_name(), expect, "{text}");
    }
}

#[test]
fn claim_settings_must_be_shares() {
    let toml = "[settings]\nrelevance = 1.5\n";
    let e = RuleSet::from_sources(&[("t.toml".into(), toml.into())])
        .unwrap_err()
        .to_string();
    assert!(e.contains("t.toml:2:") && e.contains("from 0 to 1"), "{e}");
}

#[test]
fn phrases_match_non_ascii_capitals() {
    let toml = r#"
[[rule]]
id = "deny.falsa"
label = "denying"
description = "Spanish: false."
phrases = ["ébola falsa"]
examples = ["Es ébola falsa"]
counter_examples = ["Es ébola"]
"#;
    let c = classifier(toml);
    let d = c.classify("ALERTA: ÉBOLA FALSA en la ciudad", None);
    assert_eq!(d.rule_name(), "deny.falsa");
    let text = "ALERTA: ÉBOLA FALSA";
    let (s, e) = d.span.unwrap();
    assert_eq!(&"ALERTA: ÉBOLA FALSA en la ciudad"[s..e], &text[8..]);
}
