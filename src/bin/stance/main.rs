//! The `stance` binary: a thin layer over the library. It parses the command
//! line (`cli`), runs one command (`commands/`, one file each), and turns the
//! outcome into an exit code (`terminal`): 0 success, 1 a missed gate or bad
//! data, 2 a usage, configuration or system error.

mod cli;
mod commands;
mod project;
mod terminal;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, ColorWhen, Command};
use terminal::{FAILURE, USAGE, Verbosity};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(terminal::clap_exit(&e) as u8),
    };
    if terminal::stdout_was_closed() {
        terminal::error("standard output is closed: nothing could be written");
        return ExitCode::from(USAGE as u8);
    }
    anstream::ColorChoice::write_global(match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    });
    terminal::set_verbosity(match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    });
    let mut command = cli.command;
    if let Err(e) = with_project(&mut command) {
        terminal::diagnostic(&e);
        return ExitCode::from(USAGE as u8);
    }
    let code = match commands::run(command) {
        Ok(code) => code,
        Err(e) => {
            terminal::diagnostic(&e);
            if e.is_data() { FAILURE } else { USAGE }
        }
    };
    ExitCode::from(code as u8)
}

/// Applies `stance.toml` (in the working folder or above) to the command
/// line; the completion and manual commands need none.
fn with_project(command: &mut Command) -> Result<(), stance::Error> {
    if matches!(command, Command::Completions { .. } | Command::Man) {
        return Ok(());
    }
    let cwd = std::env::current_dir().map_err(|e| stance::Error::io(".", e))?;
    if let Some(p) = stance::Project::find(&cwd)? {
        terminal::detail(&format!("project file: {}", p.file.display()));
        project::apply(&p, command);
    }
    Ok(())
}
