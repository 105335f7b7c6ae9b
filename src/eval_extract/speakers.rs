//! Lenient speaker matching for scoring: an extracted speaker names a gold
//! source when their surnames (or organisation head words) agree and their
//! given names, when both have one, do too.

/// Title and determiner words that are not part of a name.
fn is_title(w: &str) -> bool {
    const TITLES: [&str; 30] = [
        "the",
        "a",
        "an",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "president",
        "former",
        "secretary",
        "state",
        "speaker",
        "house",
        "gen",
        "vice",
        "first",
        "lady",
        "candidate",
        "democratic",
        "republican",
        "nominee",
        "presidential",
        "gop",
        "u.s.",
        "sir",
    ];
    TITLES.contains(&w)
}

/// (first name, last word) pairs a speaker phrase can be named by: the last
/// word of the phrase, and each run of capitalised words in it (titles
/// dropped, possessives skipped: "Trump's campaign manager" does not name
/// Trump).
fn name_keys(s: &str) -> Vec<(Vec<String>, String)> {
    let mut keys = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let words: Vec<&str> = s.split_whitespace().collect();
    let clean = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches("’s")
            .trim_end_matches("'s")
            .to_lowercase()
    };
    let flush = |run: &mut Vec<String>, keys: &mut Vec<(Vec<String>, String)>| {
        if let Some(last) = run.pop() {
            keys.push((std::mem::take(run), last));
        }
        run.clear();
    };
    for w in &words {
        if w.starts_with('(') {
            // "(D-Wash.)": an aside ends the name
            flush(&mut run, &mut keys);
            continue;
        }
        let possessive = w.ends_with("’s") || w.ends_with("'s") || w.ends_with("s’");
        let c = clean(w);
        let cap = w
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if cap && !c.is_empty() && !is_title(&c) && !possessive {
            run.push(c);
            if w.ends_with(',') {
                flush(&mut run, &mut keys);
            }
        } else {
            flush(&mut run, &mut keys);
        }
    }
    flush(&mut run, &mut keys);
    // A lowercase head word ("campaign", "spokeswoman") names the phrase too.
    let head = words
        .last()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .map(|w| clean(w))
        .filter(|w| !w.is_empty());
    if let Some(last) = head {
        keys.push((Vec::new(), last));
    }
    keys
}

/// Lenient speaker match: the extracted speaker's last word is the last word
/// of a name (or the head word) in the gold source, and first names, when
/// both have one, agree ("Bill Clinton" is not "Hillary Clinton").
pub fn same_speaker(predicted: &str, gold: &str) -> bool {
    let p = name_keys(predicted);
    let g = name_keys(gold);
    let Some((p_given, p_last)) = p.into_iter().next() else {
        return false;
    };
    g.iter().any(|(g_given, g_last)| {
        // "Shen" for "Shen Xincheng": a lone gold word may be any of the
        // name's words (family names come first in some languages).
        let lone = g_given.is_empty() && (*g_last == p_last || p_given.contains(g_last));
        let given_agree =
            p_given.is_empty() || g_given.is_empty() || p_given.iter().any(|w| g_given.contains(w));
        lone || (*g_last == p_last && given_agree)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speakers_match_by_surname_head_word_and_first_name() {
        assert!(same_speaker("Trump", "Donald Trump"));
        assert!(same_speaker("Donald Trump", "Mr. Trump"));
        assert!(same_speaker(
            "Chris Weston",
            "Chris Weston, chief market strategist at IG"
        ));
        assert!(same_speaker("Clinton campaign", "the Clinton campaign"));
        assert!(!same_speaker("Bill Clinton", "Hillary Clinton"));
        assert!(!same_speaker("Donald Trump", "Trump’s campaign manager"));
        assert!(!same_speaker("Ted Cruz", "Marco Rubio"));
        assert!(same_speaker(
            "Reince Priebus",
            "Republican National Committee Chairman Reince Priebus"
        ));
        assert!(same_speaker("Shen Xincheng", "Shen"));
        assert!(same_speaker(
            "Jim McDermott",
            "Rep. Jim McDermott (D-Wash.)"
        ));
    }
}
