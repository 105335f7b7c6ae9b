//! Process exit codes, the same for every subcommand.

/// Everything worked and every gate passed.
pub const SUCCESS: i32 = 0;
/// A quality gate was missed, a rule example failed, or a data record is bad.
pub const FAILURE: i32 = 1;
/// The command line or a rules file is wrong.
pub const USAGE: i32 = 2;
