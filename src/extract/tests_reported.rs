//! Unit tests of reported speech (indirect quotes) on invented sentences.

use super::{QuoteKind, extract_attributions, extract_quotes};

/// (content, speaker, cue) of every indirect record.
fn indirect(a: &str) -> Vec<(String, Option<String>, Option<String>)> {
    extract_attributions(a)
        .into_iter()
        .filter(|q| q.kind == QuoteKind::Indirect)
        .map(|q| {
            assert_eq!(a.get(q.start..q.end), Some(q.text.as_str()));
            (q.text, q.speaker, q.cue)
        })
        .collect()
}

fn rec(
    content: &str,
    speaker: Option<&str>,
    cue: &str,
) -> (String, Option<String>, Option<String>) {
    (
        content.to_string(),
        speaker.map(str::to_string),
        Some(cue.to_string()),
    )
}

#[test]
fn said_that_clause() {
    let a = "Mayor Ines Volk said that the bridge would reopen in May.";
    assert_eq!(
        indirect(a),
        vec![rec(
            "that the bridge would reopen in May",
            Some("Ines Volk"),
            "said"
        )]
    );
}

#[test]
fn said_without_that_and_told_reporters() {
    let a = "Coach Dario Lenz told reporters the team had trained well all week.";
    assert_eq!(
        indirect(a),
        vec![rec(
            "the team had trained well all week",
            Some("Dario Lenz"),
            "told reporters"
        )]
    );
}

#[test]
fn according_to_before_and_after_the_clause() {
    let a = "According to Senator Alma Reyes, the vote will take place on Friday.\n\n\
             The talks collapsed late on Sunday, according to the Ministry of Trade.";
    let got = indirect(a);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].0, "the vote will take place on Friday");
    assert_eq!(got[0].1.as_deref(), Some("Alma Reyes"));
    assert_eq!(got[1].0, "The talks collapsed late on Sunday");
    assert_eq!(got[1].1.as_deref(), Some("Ministry of Trade"));
}

#[test]
fn a_description_of_the_source_after_according_to_is_not_reported() {
    // The appositive belongs to the source: the clause starts after it, and
    // a clause that is only a quotation is the direct quote's, not a
    // second, indirect record.
    let a = "According to Tomas Berg, the agency's head of research, the deficit will grow next year.\n\n\
             According to Lea Moss, the town's chief planner, \u{201c}the bridge cannot be saved.\u{201d}";
    let got = indirect(a);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "the deficit will grow next year");
    assert_eq!(got[0].1.as_deref(), Some("Tomas Berg"));
    let direct: Vec<_> = extract_attributions(a)
        .into_iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .collect();
    assert_eq!(direct.len(), 1);
    assert_eq!(direct[0].speaker.as_deref(), Some("Lea Moss"));
    // Not a description: a clause of its own, kept whole.
    let b = "According to Tomas Berg, the deficit, which is large, will grow next year.";
    assert_eq!(
        indirect(b)[0].0,
        "the deficit, which is large, will grow next year"
    );
}

#[test]
fn denied_that_and_a_sentence_final_attribution() {
    let a = "Governor Rui Alves denied that he had met the lobbyists.\n\n\
             The plan will cost more than expected, Alves said.";
    assert_eq!(
        indirect(a),
        vec![
            rec("that he had met the lobbyists", Some("Rui Alves"), "denied"),
            rec(
                "The plan will cost more than expected",
                Some("Rui Alves"),
                "said"
            ),
        ]
    );
}

#[test]
fn a_pronoun_reports_for_the_person_named_before() {
    let a = "Senator Maria Costa spoke in Lyon on Monday.\n\n\
             She said the treaty was not dead yet.";
    assert_eq!(
        indirect(a),
        vec![rec(
            "the treaty was not dead yet",
            Some("Maria Costa"),
            "said"
        )]
    );
}

#[test]
fn a_verb_that_introduces_a_quotation_is_no_reported_speech() {
    let a = "Dr. Ana Lind said, “We are not done yet with this work.”";
    assert!(indirect(a).is_empty());
    assert_eq!(extract_quotes(a).len(), 1);
}

#[test]
fn direct_only_leaves_reported_speech_out() {
    let a = "Mayor Ines Volk said that the bridge would reopen in May.";
    assert!(extract_quotes(a).is_empty());
}
