//! Helpers shared by the tests that run the real binary.
#![allow(dead_code)] // each test file uses its own share of these

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn stance() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stance"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = stance()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    // Write from a thread so a large input cannot deadlock against a full stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

pub fn stdout_lines(out: &Output) -> Vec<serde_json::Value> {
    std::str::from_utf8(&out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// `stance check --rules r.toml` on `text`: the exit code and stderr, with
/// the temporary folder's path taken out.
pub fn check_rules(text: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "r.toml", text.as_bytes());
    let out = stance()
        .arg("check")
        .arg("--rules")
        .arg(&p)
        .output()
        .unwrap();
    (
        out.status.code(),
        stderr(&out).replace(&dir.path().display().to_string(), ""),
    )
}

/// The seed articles the stand-off seed gold (`gold/seeds.jsonl`) reads its
/// text from; they are not in the repository.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

/// Whether the seed articles are present; when not, prints a skip note
/// naming `what` was skipped, so a passing run says what it did not check.
pub fn seeds_present(what: &str) -> bool {
    let dir = seeds_dir();
    let present = dir.is_dir();
    if !present {
        eprintln!("skipped: {what}: {} is absent", dir.display());
    }
    present
}
