//! `stance extract`: quotes and speakers from articles, as JSON Lines.

use stance::{Error, ExtractOptions, Skip, extract_stream};

use super::{claim_arg, is_bulk, load_rules_for, sources, use_lexicon};
use crate::cli::ExtractArgs;
use crate::terminal::{ExtractBar, SUCCESS, note};

pub fn run(args: ExtractArgs) -> Result<i32, Error> {
    use_lexicon(args.lexicon.as_deref())?;
    let inputs = sources(&args.files);
    let classifier = args
        .classify
        .then(|| load_rules_for(&args.rules, is_bulk(&inputs)))
        .transpose()?;
    let claim = match &classifier {
        Some(c) => claim_arg(c, args.claim, args.aliases)?,
        None if args.claim.is_some() || !args.aliases.is_empty() => {
            return Err(Error::Usage(
                "--claim and --alias go with --classify".into(),
            ));
        }
        None => None,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let with = classifier.as_ref().map(|c| (c, claim.as_ref()));
    let bar = ExtractBar::for_terminal();
    let summary = extract_stream(
        &inputs,
        ExtractOptions {
            fragments: !args.no_fragments,
            indirect: !args.direct_only,
        },
        with,
        usize::from(args.jobs),
        bar.as_ref().map(|b| b as &dyn stance::ExtractProgress),
        &mut out,
    );
    if let Some(b) = &bar {
        b.finish();
    }
    let summary = summary?;
    drop(out);
    say_skipped(&summary.skipped);
    Ok(SUCCESS)
}

/// Tells on stderr which files under the folders were left out, by reason.
fn say_skipped(skipped: &[(std::path::PathBuf, Skip)]) {
    let mut by_reason: Vec<(Skip, Vec<&std::path::Path>)> = Vec::new();
    for (path, reason) in skipped {
        match by_reason.iter_mut().find(|(r, _)| r == reason) {
            Some((_, paths)) => paths.push(path),
            None => by_reason.push((*reason, vec![path])),
        }
    }
    for (reason, paths) in by_reason {
        let shown: Vec<String> = paths
            .iter()
            .take(3)
            .map(|p| p.display().to_string())
            .collect();
        let more = if paths.len() > 3 { ", …" } else { "" };
        note(&format!(
            "skipped {} file(s), {}: {}{more}",
            paths.len(),
            reason.as_str(),
            shown.join(", ")
        ));
    }
}
