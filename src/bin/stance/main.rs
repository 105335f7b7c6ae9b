//! The `stance` binary: a thin layer over the library. It parses the command
//! line (`cli`), runs one command (`commands/`, one file each), and turns the
//! outcome into an exit code (`terminal`): 0 success, 1 a missed gate or bad
//! data, 2 a usage, configuration or system error.

mod cli;
mod commands;
mod terminal;

use std::process::ExitCode;

use clap::Parser;

use cli::Cli;
use terminal::{FAILURE, USAGE};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(terminal::clap_exit(&e) as u8),
    };
    if terminal::stdout_was_closed() {
        terminal::error("standard output is closed: nothing could be written");
        return ExitCode::from(USAGE as u8);
    }
    let code = match commands::run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            terminal::error(&e.to_string());
            if e.is_data() { FAILURE } else { USAGE }
        }
    };
    ExitCode::from(code as u8)
}
