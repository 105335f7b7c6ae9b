//! Unit tests of speaker attribution patterns met in news, on invented
//! sentences.

use super::extract_quotes;

fn speakers(a: &str) -> Vec<Option<String>> {
    extract_quotes(a).into_iter().map(|q| q.speaker).collect()
}

fn named(names: &[&str]) -> Vec<Option<String>> {
    names.iter().map(|n| Some((*n).to_string())).collect()
}

#[test]
fn a_long_appositive_between_name_and_verb() {
    let a = "Markets fell on Tuesday.\n\n“The selling is not over yet,” Rosa Delgado, chief \
             market strategist at Harwick Capital in Lisbon, said on Tuesday.";
    assert_eq!(speakers(a), named(&["Rosa Delgado"]));
}

#[test]
fn an_appositive_with_an_article_and_a_statement_channel() {
    let a = "The bill passed.\n\n“This is a good day for the workers of this city,” Tomas \
             Berg, a spokesman for the union, said in a statement.";
    assert_eq!(speakers(a), named(&["Tomas Berg"]));
}

#[test]
fn a_possessive_description_before_the_name_keeps_the_name() {
    let a = "“We will appeal the ruling today,” Lorne’s publisher, Gale House, said.";
    assert_eq!(speakers(a), named(&["Gale House"]));
}

#[test]
fn the_attribution_closes_the_sentence_the_quote_opens() {
    let a = "Questions remain.\n\n\"The evidence is far stronger than anyone admits\" than \
             the report allows, Ilse Brandt said. She left.";
    assert_eq!(speakers(a), named(&["Ilse Brandt"]));
}

#[test]
fn a_party_label_in_brackets_does_not_end_the_sentence() {
    let a = "The vote was close.\n\n“We have the numbers and we will win,” Rep. Ada Quill \
             (D-Ore.) said.";
    assert_eq!(speakers(a), named(&["Ada Quill"]));
}

#[test]
fn denied_and_confirmed_are_reporting_verbs() {
    let a = "Rumours spread.\n\n\"The report is false,\" Carla Berg denied.\n\n\"We signed \
             the deal on Monday,\" Piet Vos confirmed.";
    assert_eq!(speakers(a), named(&["Carla Berg", "Piet Vos"]));
}

#[test]
fn a_clause_with_its_own_verb_is_not_an_appositive() {
    // "who said" inside the description: the quote is not given to the name.
    let a = "“It is over,” Lena Marsh, who said she would stay, left the room.";
    assert_eq!(speakers(a), vec![None]);
}

#[test]
fn she_skips_a_man_named_more_recently() {
    let a = "Professor Linda Marsh watched the debate with Governor Paul Rider.\n\n\
             “It looked like heartbreak,” she said.";
    assert_eq!(speakers(a), named(&["Linda Marsh"]));
}

#[test]
fn he_skips_a_woman_by_her_title() {
    let a = "Councillor Tom Reyes met Mrs. Ola Bright on Monday.\n\n\
             “We agreed on nothing at all,” he said.";
    assert_eq!(speakers(a), named(&["Tom Reyes"]));
}

#[test]
fn a_known_given_name_introduces_a_person() {
    let a = "Bernie Holt and the mayor toured the plant on Friday.\n\n\
             “Jobs come first,” he said.";
    assert_eq!(speakers(a), named(&["Bernie Holt"]));
}

#[test]
fn each_speaker_says_where_it_stands_and_how_it_was_found() {
    use super::Resolution;
    let a = "Senator Ana Lind spoke on Monday.\n\n“We will vote no,” Lind said.\n\n\
             “The bill is dead,” she said.\n\n“It cannot pass this year.”\n\n\
             “We disagree,” the agency said.";
    let got: Vec<(Option<&str>, Option<Resolution>)> = extract_quotes(a)
        .iter()
        .map(|q| {
            let span = q.speaker_span.map(|(s, e)| &a[s..e]);
            (span, q.resolved)
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("Lind"), Some(Resolution::Named)),
            (Some("she"), Some(Resolution::Pronoun)),
            (None, Some(Resolution::Continuation)),
            (Some("the agency"), Some(Resolution::Description)),
        ]
    );
}

#[test]
fn a_title_case_line_capitalises_its_reporting_verb() {
    let a = "The week in quotes.\n\n3 | Maria Costa Said “We Will Not Back Down.”\n\nMore follows.";
    assert_eq!(speakers(a), named(&["Maria Costa"]));
}

#[test]
fn a_paragraph_ending_in_a_colon_introduces_the_next_quote() {
    let a = "Senator Ida Brandt took the floor.\n\nBrandt continued:\n\n\
             “You look at these numbers and you see a failure of the whole plan.”";
    assert_eq!(speakers(a), named(&["Ida Brandt"]));
}

#[test]
fn a_name_right_before_a_colon_speaks() {
    let a = "The turnout story matters for the spring - Piet Maas: “Two weeks ago the \
             south was the strongest territory for the party.”";
    assert_eq!(speakers(a), named(&["Piet Maas"]));
}

#[test]
fn modifiers_before_a_titled_name_after_the_quote() {
    let a = "Polls closed at eight.\n\n“We have built first-rate teams in each state,” \
             Lind campaign manager Roy Dunn wrote.";
    assert_eq!(speakers(a), named(&["Roy Dunn"]));
}

#[test]
fn he_prefers_the_subject_to_a_man_named_as_an_object() {
    let a = "Governor Ivo Stanek met with Mayor Karl Brandt on Monday.\n\n\
             “We agreed to disagree about the budget,” he said.";
    assert_eq!(speakers(a), named(&["Ivo Stanek"]));
}
