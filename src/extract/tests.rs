//! Unit tests of extraction on invented sentences, by pass.

use super::extract_quotes;
type Row = (String, Option<String>, Option<String>, bool);

/// (text, speaker, cue, fragment) of every quote, checking span integrity.
fn view(a: &str) -> Vec<Row> {
    extract_quotes(a)
        .into_iter()
        .map(|q| {
            assert_eq!(a.get(q.start..q.end), Some(q.text.as_str()));
            (q.text, q.speaker, q.cue, q.fragment)
        })
        .collect()
}

fn q(text: &str, speaker: Option<&str>, cue: Option<&str>, fragment: bool) -> Row {
    (
        text.to_string(),
        speaker.map(str::to_string),
        cue.map(str::to_string),
        fragment,
    )
}

// --- (1) marks -------------------------------------------------------

#[test]
fn straight_double_quotes_with_said_after() {
    let a = "Harbour Commissioner Edith Varga spoke on Monday.\n\"The cranes will stay idle until spring,\" Varga said.";
    assert_eq!(
        view(a),
        vec![q(
            "The cranes will stay idle until spring,",
            Some("Edith Varga"),
            Some("said"),
            false
        )]
    );
    let sp = &extract_quotes(a)[0];
    assert_eq!((sp.start, sp.end), (51, 90));
}

#[test]
fn curly_double_quotes() {
    let a = "“We have no plans to close the bridge,” said Mayor Tomas Reyes.";
    assert_eq!(
        view(a),
        vec![q(
            "We have no plans to close the bridge,",
            Some("Tomas Reyes"),
            Some("said"),
            false
        )]
    );
}

#[test]
fn single_curly_scare_quote_is_fragment_without_speaker() {
    let a = "The council keeps blaming its ‘partners’ for the delay.";
    assert_eq!(view(a), vec![q("partners", None, None, true)]);
}

#[test]
fn straight_single_scare_quote_is_fragment() {
    let a = "The plan crosses several 'bright lines' and will fail.";
    assert_eq!(view(a), vec![q("bright lines", None, None, true)]);
}

#[test]
fn apostrophes_are_not_quote_marks() {
    let a = "Borduria’s envoy can’t say if Varga's team, the '80s veterans, or the players’ union \
                 likes rock 'n' roll. It's the Ministers' call, isn't it?";
    assert_eq!(view(a), vec![]);
}

#[test]
fn single_quotes_inside_double_quotes_are_not_separate() {
    let a = "“They keep talking about ‘red tape’ and 'reform',” the mayor said.";
    let got = view(a);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "They keep talking about ‘red tape’ and 'reform',");
}

#[test]
fn quote_running_over_paragraphs_gives_one_segment_each() {
    let a = "Port director Lena Osei addressed the staff.\n\n\
                 “The first shipment left on time. The second was held at customs.\n\n\
                 “We expect both to arrive by Friday,” she said.";
    assert_eq!(
        view(a),
        vec![
            q(
                "The first shipment left on time. The second was held at customs.",
                Some("Lena Osei"),
                None,
                false
            ),
            q(
                "We expect both to arrive by Friday,",
                Some("Lena Osei"),
                Some("said"),
                false
            ),
        ]
    );
}

#[test]
fn multi_paragraph_quote_attributed_in_first_paragraph() {
    let a = "“The vote is final,” Senator Ida Holm said. “Nobody will reopen it\n\n“and nobody should try.”";
    assert_eq!(
        view(a),
        vec![
            q("The vote is final,", Some("Ida Holm"), Some("said"), false),
            q("Nobody will reopen it", Some("Ida Holm"), None, false),
            q("and nobody should try.", Some("Ida Holm"), None, false),
        ]
    );
}

#[test]
fn stray_opening_mark_does_not_cross_a_paragraph() {
    let a = "The memo said “costs will rise and then stopped.\n\n\
                 Treasurer Omar Diaz said, “Prices are stable.”";
    let got = view(a);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "Prices are stable.");
    assert_eq!(got[0].1.as_deref(), Some("Omar Diaz"));
    assert!(!got[0].3);
}

#[test]
fn stray_marks_are_skipped_and_the_rest_still_pairs() {
    let a = "A 12\" pipe burst. ” Then \"Repairs start today,\" engineer Sam Okafor said.";
    assert_eq!(
        view(a),
        vec![q(
            "Repairs start today,",
            Some("Sam Okafor"),
            Some("said"),
            false
        )]
    );
}

#[test]
fn unclosed_quote_at_paragraph_end_is_dropped() {
    let a = "She shouted \"stop everything\nThe crowd left.";
    assert_eq!(view(a), vec![]);
}

#[test]
fn straight_marks_pair_by_context() {
    let a = "The sign read \"open\" and then \"closed\" within an hour.";
    assert_eq!(
        view(a),
        vec![q("open", None, None, true), q("closed", None, None, true)]
    );
}

// --- (2) odd spaces and furniture ------------------------------------

#[test]
fn thin_and_no_break_spaces_count_as_whitespace() {
    let a = "Fleet Admiral Rosa Quint said,\u{2009}“Our ships\u{00A0}will sail at dawn.”\n\
                 “We are ready,”\u{202F}she added.";
    assert_eq!(
        view(a),
        vec![
            q(
                "Our ships\u{00A0}will sail at dawn.",
                Some("Rosa Quint"),
                Some("said"),
                false
            ),
            q("We are ready,", Some("Rosa Quint"), Some("added"), false),
        ]
    );
}

#[test]
fn page_furniture_yields_no_quotes() {
    let a = "print-icon\nLoading...\nTags: \"ports\" | \"shipping\"\n\
                 Our site uses cookies. Click \"Accept\" to continue.\n0 Comments\n\
                 © 2031 Daily \"Courier\" Group. All rights reserved.\n";
    assert_eq!(view(a), vec![]);
}

#[test]
fn chrome_words_inside_prose_do_not_hide_quotes() {
    let a = "Printing presses stopped, and baker Ana Ruiz said, “The cookie jar is empty.”\n\
                 Subscribers wrote in. “Copyright law is outdated,” said Professor Ivo Marr.";
    assert_eq!(
        view(a),
        vec![
            q(
                "The cookie jar is empty.",
                Some("Ana Ruiz"),
                Some("said"),
                false
            ),
            q(
                "Copyright law is outdated,",
                Some("Ivo Marr"),
                Some("said"),
                false
            ),
        ]
    );
}

#[test]
fn embedded_tweet_is_skipped_and_gives_no_speaker() {
    let a = "Trade Minister Ana Lind defended the deal.\n\
                 Lind is \"selling out the coast\" says the opposition\n\
                 — Pat Roe (@patroe) March 3, 2031\n\
                 “It protects every port,” she said.";
    assert_eq!(
        view(a),
        vec![q(
            "It protects every port,",
            Some("Ana Lind"),
            Some("said"),
            false
        )]
    );
}

// --- (3) attribution patterns ----------------------------------------

#[test]
fn said_before_with_comma() {
    let a = "Budget chief Marta Klein said, “The deficit will shrink next year.”";
    assert_eq!(
        view(a),
        vec![q(
            "The deficit will shrink next year.",
            Some("Marta Klein"),
            Some("said"),
            false
        )]
    );
}

#[test]
fn said_inverted_after_quote() {
    let a = "“Nothing was signed,” said Foreign Minister Jonas Berg.";
    assert_eq!(
        view(a),
        vec![q(
            "Nothing was signed,",
            Some("Jonas Berg"),
            Some("said"),
            false
        )]
    );
}

#[test]
fn told_reporters_without_comma() {
    let a = "Coach Ines Abara told reporters “we played without fear tonight.”";
    assert_eq!(
        view(a),
        vec![q(
            "we played without fear tonight.",
            Some("Ines Abara"),
            Some("told reporters"),
            false
        )]
    );
}

#[test]
fn told_parliament_in_a_speech() {
    let a =
        "“The reform will pass this spring,” Chancellor Eva Mund told her parliament in a speech.";
    assert_eq!(
        view(a),
        vec![q(
            "The reform will pass this spring,",
            Some("Eva Mund"),
            Some("told her parliament"),
            false
        )]
    );
}

#[test]
fn according_to_after_the_quote() {
    let a = "The agency could not confirm the figures but “the trend is worrying”, according to \
                 agency spokesperson Nils Dahl.";
    assert_eq!(
        view(a),
        vec![q(
            "the trend is worrying",
            Some("Nils Dahl"),
            Some("according to"),
            false
        )]
    );
}

#[test]
fn according_to_before_the_quote() {
    let a = "According to Governor Lucia Ferro, “the roads will reopen on Monday.”";
    assert_eq!(
        view(a),
        // The cue is copied as the article writes it.
        vec![q(
            "the roads will reopen on Monday.",
            Some("Lucia Ferro"),
            Some("According to"),
            false
        )]
    );
}

#[test]
fn said_in_a_statement() {
    let a = "Ruritania’s tax office said in a statement: “Two audits closed overnight.”";
    assert_eq!(
        view(a),
        vec![q(
            "Two audits closed overnight.",
            Some("Ruritania’s tax office"),
            Some("said in a statement"),
            false
        )]
    );
}

#[test]
fn noted_and_emphasized_before_the_quote() {
    let a = "President Karl Omen noted, “Our economy grew for the third year.” \
                 Prime Minister Sofia Ruiz emphasized, “Growth is not enough.”";
    assert_eq!(
        view(a),
        vec![
            q(
                "Our economy grew for the third year.",
                Some("Karl Omen"),
                Some("noted"),
                false
            ),
            q(
                "Growth is not enough.",
                Some("Sofia Ruiz"),
                Some("emphasized"),
                false
            ),
        ]
    );
}

#[test]
fn participle_cue_takes_the_sentence_subject() {
    let a = "Mayor Bea Lund praised the volunteers in Ostrava, stating, “They saved the old town.”";
    assert_eq!(
        view(a),
        vec![q(
            "They saved the old town.",
            Some("Bea Lund"),
            Some("stating"),
            false
        )]
    );
}

#[test]
fn pronoun_added_resolves_to_titled_person() {
    let a = "Borduria’s Interior Minister Park Soo-Min called the border calm at Monday’s hearing. \
                 He added, “We will still send more patrols.”";
    assert_eq!(
        view(a),
        vec![q(
            "We will still send more patrols.",
            Some("Park Soo-Min"),
            Some("added"),
            false
        )]
    );
}

#[test]
fn he_said_and_she_stated_resolve_to_nearest_person() {
    let a = "UN Secretary-General Ana Lind spoke first.\n\
                 “The ceasefire is holding,” she stated.\n\
                 Army chief General Piet Vos disagreed.\n\
                 “It is not,” he said.";
    assert_eq!(
        view(a),
        vec![
            q(
                "The ceasefire is holding,",
                Some("Ana Lind"),
                Some("stated"),
                false
            ),
            q("It is not,", Some("Piet Vos"), Some("said"), false),
        ]
    );
}

#[test]
fn surname_resolves_to_first_full_name() {
    let a = "Energy Secretary Hugo Brandt visited the plant.\n\
                 Local workers welcomed him.\n\
                 “The plant will stay open,” Brandt said.";
    assert_eq!(
        view(a),
        vec![q(
            "The plant will stay open,",
            Some("Hugo Brandt"),
            Some("said"),
            false
        )]
    );
}

#[test]
fn the_minister_and_the_leader_resolve_by_title() {
    let a = "Ruritanian President Ilse Marek met Defence Minister Tor Lange.\n\
                 “We need more drones,” the minister said.\n\
                 “We will buy them,” the Ruritanian leader said.";
    assert_eq!(
        view(a),
        vec![
            q(
                "We need more drones,",
                Some("Tor Lange"),
                Some("said"),
                false
            ),
            q("We will buy them,", Some("Ilse Marek"), Some("said"), false),
        ]
    );
}

#[test]
fn the_office_resolves_to_the_named_office() {
    let a = "Borduria’s tax office briefed lawmakers on Tuesday.\n\
                 “The refunds are late,” the tax office said.";
    assert_eq!(
        view(a),
        vec![q(
            "The refunds are late,",
            Some("Borduria’s tax office"),
            Some("said"),
            false
        )]
    );
}

#[test]
fn place_as_speaker_is_kept_as_given() {
    let a = "“More ships may come,” Ostrava had previously warned.";
    assert_eq!(
        view(a),
        vec![q(
            "More ships may come,",
            Some("Ostrava"),
            Some("warned"),
            false
        )]
    );
}

#[test]
fn unattributed_quote_continues_previous_speaker() {
    let a = "“The harbour is safe,” Captain Mira Holt told the crew. “Nobody leaves tonight.”\n\
                 “We sail at six.”";
    assert_eq!(
        view(a),
        vec![
            q(
                "The harbour is safe,",
                Some("Mira Holt"),
                Some("told the crew"),
                false
            ),
            q("Nobody leaves tonight.", Some("Mira Holt"), None, false),
            q("We sail at six.", Some("Mira Holt"), None, false),
        ]
    );
}

#[test]
fn names_inside_quotes_are_not_speakers() {
    let a = "Envoy Rui Santos arrived.\n\
                 “Even [Prime Minister Olga] Brun agrees with us,” he said.";
    assert_eq!(
        view(a),
        vec![q(
            "Even [Prime Minister Olga] Brun agrees with us,",
            Some("Rui Santos"),
            Some("said"),
            false
        )]
    );
}

#[test]
fn said_that_clause_is_a_statement() {
    let a = "Minister Dara Kell said on Friday that “we have seen no sign of the fleet.”";
    assert_eq!(
        view(a),
        vec![q(
            "we have seen no sign of the fleet.",
            Some("Dara Kell"),
            Some("said"),
            false
        )]
    );
}

// --- (4) fragments ---------------------------------------------------

#[test]
fn short_phrases_inside_author_sentences_are_fragments() {
    let a = "Auditor General Maja Berg said the ministry had no “reliable” records. \
                 Analysts expect a “firm” response. \
                 Commentators described it as a \"first step toward collapse of the fund.\"";
    assert_eq!(
        view(a),
        vec![
            q("reliable", Some("Maja Berg"), Some("said"), true),
            q("firm", None, None, true),
            // A framing cue with an unnamed group: the cue, but nobody to name.
            q(
                "first step toward collapse of the fund.",
                None,
                Some("described it as"),
                true
            ),
        ]
    );
}

#[test]
fn framing_verbs_attribute_fragments() {
    let a = "Ruritanian spokesman Ivo Dask labeled the report as “pure fiction.” \
                 General Ada Roth warned that the drills were 'too frequent'.";
    assert_eq!(
        view(a),
        vec![
            q(
                "pure fiction.",
                Some("Ivo Dask"),
                Some("labeled the report as"),
                true
            ),
            q("too frequent", Some("Ada Roth"), Some("warned"), true),
        ]
    );
}

#[test]
fn long_noun_phrase_after_possessive_is_a_fragment() {
    let a = "Governor Pia Stone expressed her \"deep regret for the losses suffered by the fishing towns,\" \
                 before leaving.";
    assert_eq!(
        view(a),
        vec![q(
            "deep regret for the losses suffered by the fishing towns,",
            Some("Pia Stone"),
            Some("expressed"),
            true
        )]
    );
}

// --- more attribution shapes ---------------------------------------------

#[test]
fn headline_quotes_are_not_quotations() {
    let a = "Borduria Vows 'No Retreat' As Talks Stall\n\n\
                 “We will hold the valley,” said Prime Minister Anton Veli.";
    assert_eq!(
        view(a),
        vec![q(
            "We will hold the valley,",
            Some("Anton Veli"),
            Some("said"),
            false
        )]
    );
}

#[test]
fn british_single_quotes_and_hard_wrapped_lines() {
    let a = "The Bordurian prime minister, Anton Veli, said on Monday that his government\n\
                 would stay. 'We will not back down,' Mr Veli told\n\
                 reporters. 'Not this year.'\n\n\
                 Critics in the capital said the new policy would\n\"isolate the country for a decade\".";
    assert_eq!(
        view(a),
        vec![
            q(
                "We will not back down,",
                Some("Anton Veli"),
                Some("told reporters"),
                false
            ),
            q("Not this year.", Some("Anton Veli"), None, false),
            q("isolate the country for a decade", None, Some("said"), true),
        ]
    );
}

#[test]
fn colon_and_that_clause_lead_ins_are_statements() {
    let a = "The Bordurian envoy, Lidia Moreno, was blunt: “We will not sign this week.” \
                 Senator Ida Holm told The Times that “nobody can account for it.”";
    assert_eq!(
        view(a),
        vec![
            q(
                "We will not sign this week.",
                Some("Lidia Moreno"),
                None,
                false
            ),
            q(
                "nobody can account for it.",
                Some("Ida Holm"),
                Some("told The Times"),
                false
            ),
        ]
    );
}

#[test]
fn questions_asked_and_wondered() {
    let a = "“Where is the money?” asked Senator Ida Holm.\n\
                 Envoy Lidia Moreno replied later.\n\
                 “Is it over?” Holm wondered aloud. “I hope not.”";
    assert_eq!(
        view(a),
        vec![
            q(
                "Where is the money?",
                Some("Ida Holm"),
                Some("asked"),
                false
            ),
            q("Is it over?", Some("Ida Holm"), Some("wondered"), false),
            q("I hope not.", Some("Ida Holm"), None, false),
        ]
    );
}

#[test]
fn role_words_and_appositives_after_the_quote() {
    let a = "“Water came in through every door,” said resident Maria Lopes, 54.\n\
                 “It is not over,” the weather service’s director, Kim Ha-eun, warned.";
    assert_eq!(
        view(a),
        vec![
            q(
                "Water came in through every door,",
                Some("Maria Lopes"),
                Some("said"),
                false
            ),
            q("It is not over,", Some("Kim Ha-eun"), Some("warned"), false),
        ]
    );
}

#[test]
fn unnamed_speakers_stay_unnamed() {
    let a = "Mayor Ben Ortiz spoke first.\n\
                 A senior diplomat, who asked not to be named, said the talks were “on life support”.\n\
                 “Nothing has changed,” officials said.\n\
                 “We are still waiting.”";
    assert_eq!(
        view(a),
        vec![
            q("on life support", None, Some("said"), true),
            q("Nothing has changed,", None, Some("said"), false),
            // continues the unnamed officials, not the mayor
            q("We are still waiting.", None, None, false),
        ]
    );
}

#[test]
fn a_sentence_ended_at_the_mark_takes_no_attribution_after_it() {
    let a = "Opposition leader Greta Holm said it would \"isolate the country\". \
                 She added: \"Nobody voted for this.\"";
    assert_eq!(
        view(a),
        vec![
            q(
                "isolate the country",
                Some("Greta Holm"),
                Some("said"),
                true
            ),
            q(
                "Nobody voted for this.",
                Some("Greta Holm"),
                Some("added"),
                false
            ),
        ]
    );
}

// --- (5) anaphora and names --------------------------------------------

/// Speakers only, in text order.
fn speakers(a: &str) -> Vec<Option<String>> {
    view(a).into_iter().map(|r| r.1).collect()
}

fn some(names: &[&str]) -> Vec<Option<String>> {
    names.iter().map(|n| Some(n.to_string())).collect()
}

#[test]
fn the_board_resolves_to_the_named_board() {
    let a = "The Northfield Rail Safety Board said it had opened an inquiry.\n\
                 “Two signals failed on the same night,” the board said.";
    assert_eq!(speakers(a), some(&["Northfield Rail Safety Board"]));
}

#[test]
fn the_chamber_takes_a_name_with_of_after_its_head() {
    let a = "Traders at the Dunmore Chamber of Commerce met on Monday.\n\
                 “Our members were never consulted,” the chamber said.";
    assert_eq!(speakers(a), some(&["Dunmore Chamber of Commerce"]));
}

#[test]
fn a_proper_name_loses_its_article() {
    let a = "The Oakby Tenants’ Union said the rents were “out of reach”.";
    assert_eq!(speakers(a), some(&["Oakby Tenants’ Union"]));
}

#[test]
fn the_group_resolves_to_the_name_it_introduced() {
    let a = "Pricewise, a consumer group, has collected complaints for months.\n\
                 “Nobody answers the phone,” the consumer group said.\n\
                 Campaign group Streetwise backed the plan.\n\
                 “It is overdue,” the group said.";
    assert_eq!(speakers(a), some(&["Pricewise", "Streetwise"]));
}

#[test]
fn the_company_resolves_to_a_supplier_named_before() {
    let a = "Residents blamed water supplier Brookvale Water for the outage.\n\
                 “Supplies will be back by Friday,” the company said.";
    assert_eq!(speakers(a), some(&["Brookvale Water"]));
}

#[test]
fn the_company_with_no_introduction_is_the_organisation_quoted_last() {
    let a = "“We are sorry,” Kettleworth said in a statement.\n\
                 Shares fell on Tuesday.\n\
                 “Refunds start today,” the firm said.";
    assert_eq!(speakers(a), some(&["Kettleworth", "Kettleworth"]));
}

#[test]
fn titles_and_occupations_are_not_part_of_the_name() {
    let a = "Councillor Ada Pike said, “The vote was rushed.”\n\
                 “I will sing anyway,” Singer Lina Voss said.\n\
                 “We were robbed,” said striker Tomas Greer.";
    assert_eq!(speakers(a), some(&["Ada Pike", "Lina Voss", "Tomas Greer"]));
}

#[test]
fn surname_alone_finds_an_untitled_full_name() {
    let a = "Bram Holloway scored twice on Saturday and the crowd sang his name.\n\
                 “I just kept running,” Holloway said.";
    assert_eq!(speakers(a), some(&["Bram Holloway"]));
}

#[test]
fn an_age_description_is_the_person_named_last() {
    let a = "Pianist Vera Lund retired on Sunday. Judge Omar Pell praised her career.\n\
                 Lund gave her last concert in May. “It was time,” the 71-year-old added.";
    assert_eq!(speakers(a), some(&["Vera Lund"]));
}

#[test]
fn a_role_word_finds_the_person_introduced_with_it() {
    let a = "Singer Lina Voss and drummer Ray Cole left the band.\n\
                 “We stayed friends,” the singer said.\n\
                 Cole’s manager, Ida Brandt, confirmed the split.\n\
                 “He needs a rest,” the drummer’s manager said.\n\
                 Ana Ruiz, the actor who found them, was surprised.\n\
                 Producer Ivo Marr was not.\n\
                 “Nobody saw it coming,” the actor said.";
    assert_eq!(speakers(a), some(&["Lina Voss", "Ida Brandt", "Ana Ruiz"]));
}

#[test]
fn an_aside_before_the_verb_leaves_the_subject_speaking() {
    let a = "Jess Ray, 34, from Oakby, said her roof had “simply vanished”.\n\
                 Mayor Ben Ortiz, who met Ida Holm, said, “We will rebuild.”";
    assert_eq!(speakers(a), some(&["Jess Ray", "Ben Ortiz"]));
}

// --- (6) robustness --------------------------------------------------

fn check_sane(a: &str) {
    let qs = extract_quotes(a);
    let mut prev_end = 0;
    for q in &qs {
        assert!(q.start <= q.end && q.end <= a.len());
        assert!(a.is_char_boundary(q.start) && a.is_char_boundary(q.end));
        assert_eq!(a.get(q.start..q.end), Some(q.text.as_str()));
        assert!(q.start >= prev_end, "spans overlap or are out of order");
        prev_end = q.end;
    }
}

#[test]
fn junk_never_panics_and_spans_sit_on_char_boundaries() {
    // Deterministic pseudo-random bytes, read as lossy UTF-8.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let marks: [&[u8]; 8] = [
        b"\"",
        b"'",
        "“".as_bytes(),
        "”".as_bytes(),
        "‘".as_bytes(),
        "’".as_bytes(),
        b"\n",
        b" ",
    ];
    for round in 0..300 {
        let mut bytes = Vec::new();
        for _ in 0..(round * 7 % 500) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if x.is_multiple_of(3) {
                bytes.extend_from_slice(marks[(x >> 8) as usize % marks.len()]);
            } else if x.is_multiple_of(5) {
                bytes.extend_from_slice(b" said Ab Cd, ");
            } else {
                bytes.push((x >> 16) as u8);
            }
        }
        check_sane(&String::from_utf8_lossy(&bytes));
    }
    for lone in [
        "\"", "'", "“", "”", "‘", "’", "\u{2009}", "\u{00A0}", "“\n", "\n”", "'s", "s'",
    ] {
        check_sane(lone);
    }
    check_sane(&"“".repeat(10_000));
    check_sane(&"\"".repeat(10_001));
    check_sane(&"'a ".repeat(10_000));
    check_sane(&"“Quote,” he said. ".repeat(2_000));
    check_sane(&format!("“{}", "word ".repeat(50_000)));
    check_sane("\u{FEFF}“\u{202F}”\u{2009}'\u{00A0}'");
}

#[test]
fn ten_thousand_openers_give_no_quote() {
    assert!(extract_quotes(&"“".repeat(10_000)).is_empty());
}
