//! The project file's defaults applied to a parsed command line: a flag
//! given wins; what it leaves out is taken from `stance.toml`; what that
//! leaves out keeps the built-in default (the embedded rules, …).

use stance::Project;

use crate::cli::Command;

/// Fills what the command line left out from the project file.
pub fn apply(project: &Project, command: &mut Command) {
    let rules = |r: &mut Option<std::path::PathBuf>| {
        if r.is_none() {
            r.clone_from(&project.rules);
        }
    };
    match command {
        Command::Eval(a) => {
            rules(&mut a.rules.rules);
            // The project's floors are for the project's gold: with gold
            // named on the command line they would name files not scored.
            if a.gold.is_empty() {
                a.gold.clone_from(&project.gold);
                if a.floors.is_none() {
                    a.floors.clone_from(&project.floors);
                }
            }
        }
        Command::Classify(a) => {
            rules(&mut a.rules.rules);
            if a.articles.is_none() {
                a.articles.clone_from(&project.articles);
            }
        }
        Command::Extract(a) => rules(&mut a.rules.rules),
        Command::Explain(a) => rules(&mut a.rules.rules),
        Command::Check { rules: r, .. } | Command::Rules { rules: r, .. } => rules(&mut r.rules),
        Command::EvalExtract(a) => {
            if a.gold.is_empty() {
                a.gold.clone_from(&project.gold);
            }
            if a.articles.is_empty() {
                a.articles.extend(project.articles.clone());
            }
        }
        Command::Agree(_) | Command::Label(_) | Command::Completions { .. } | Command::Man => {}
    }
}
