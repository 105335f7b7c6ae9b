//! `stance completions` and `stance man`: shell completion scripts and the
//! manual page, generated from the same clap definition as the parser, so
//! they never fall behind the flags.

use clap::CommandFactory;
use stance::Error;

use crate::cli::Cli;
use crate::terminal::{SUCCESS, emit};

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Result<i32, Error> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "stance", &mut script);
    emit(&String::from_utf8_lossy(&script))?;
    Ok(SUCCESS)
}

/// Prints the manual page (roff): the command and its options, the list
/// of subcommands, then each subcommand's options under its own heading.
pub fn man() -> Result<i32, Error> {
    let failed =
        |e: std::io::Error| Error::System(format!("the manual page could not be written: {e}"));
    let command = Cli::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut page)
        .map_err(failed)?;
    let mut page = String::from_utf8_lossy(&page).into_owned();
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut options = Vec::new();
        clap_mangen::Man::new(sub.clone())
            .render_options_section(&mut options)
            .map_err(failed)?;
        let options = String::from_utf8_lossy(&options).replacen(
            ".SH OPTIONS",
            &format!(".SH \"STANCE {}\"", sub.get_name().to_uppercase()),
            1,
        );
        page.push_str(&options);
    }
    emit(&page)?;
    Ok(SUCCESS)
}
