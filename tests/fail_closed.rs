//! Gates that never fail open and output that is never lost with exit 0.
//! One test per item of the table in docs/reliability.md ("Gates" and
//! "Output"), against the real binary.

mod common;

use std::path::{Path, PathBuf};

use common::{run, stance, stderr, write};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Invented articles and their gold (with text), always in the repository.
const HELDOUT_GOLD: &str = "tests/fixtures/heldout/gold.jsonl";
const HELDOUT_ARTICLES: &str = "tests/fixtures/heldout/articles";

/// A copy of the default rules with "hoax" taken out of `deny.hoax`: a
/// worse rule set (macro F1 0.920 → 0.662 on the seed gold).
fn worse_rules(dir: &Path) -> PathBuf {
    let rules = dir.join("rules");
    std::fs::create_dir(&rules).unwrap();
    for f in [
        "affirming.toml",
        "denying.toml",
        "uncertain.toml",
        "settings.toml",
    ] {
        let mut text = std::fs::read_to_string(root().join("rules").join(f)).unwrap();
        if f == "denying.toml" {
            assert!(text.contains("\"hoax\", \"hoaxes\""));
            text = text.replace("\"hoax\", \"hoaxes\"", "\"hoaxes\"");
        }
        std::fs::write(rules.join(f), text).unwrap();
    }
    rules
}

#[test]
fn a_baseline_is_the_same_gold_by_content_whatever_path_names_it() {
    if !common::seeds_present("baselines of the seed gold") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let saved = stance()
        .args(["eval", "--gold", "gold/", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(saved.status.code(), Some(0));
    let base = write(dir.path(), "base.json", &saved.stdout);
    let rules = worse_rules(dir.path());
    let absolute = root().join("gold/seeds.jsonl");
    for (cwd, gold) in [
        (root(), PathBuf::from("./gold/seeds.jsonl")),
        (root(), absolute.clone()),
        (root().join("gold"), PathBuf::from("seeds.jsonl")),
    ] {
        let out = stance()
            .current_dir(&cwd)
            .arg("eval")
            .arg("--rules")
            .arg(&rules)
            .arg("--gold")
            .arg(&gold)
            .arg("--baseline")
            .arg(&base)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", gold.display());
        assert!(
            stderr(&out).contains("macro.f1 dropped against the baseline"),
            "{}",
            stderr(&out)
        );
        assert!(!String::from_utf8_lossy(&out.stdout).contains("No regression."));
    }
    // Other gold items: reported, not gated, and said so.
    let other = write(
        dir.path(),
        "other.jsonl",
        b"{\"id\":\"x\",\"text\":\"It was a hoax\",\"label\":\"denying\"}\n",
    );
    let out = stance()
        .args(["eval", "--gold"])
        .arg(&other)
        .arg("--baseline")
        .arg(&base)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("The gold differs"));
}

#[test]
fn a_baseline_without_a_gold_digest_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let saved = stance()
        .args(["eval", "--gold", HELDOUT_GOLD, "--format", "json"])
        .output()
        .unwrap();
    let mut v: serde_json::Value = serde_json::from_slice(&saved.stdout).unwrap();
    v.as_object_mut().unwrap().remove("gold_digest");
    let base = write(dir.path(), "old.json", v.to_string().as_bytes());
    let out = stance()
        .args(["eval", "--gold", HELDOUT_GOLD, "--baseline"])
        .arg(&base)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no `gold_digest`"),
        "{}",
        stderr(&out)
    );
}

fn eval_with_floors(floors: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "floors.toml", floors.as_bytes());
    let out = stance()
        .args(["eval", "--gold", HELDOUT_GOLD, "--floors"])
        .arg(&f)
        .output()
        .unwrap();
    (out.status.code(), stderr(&out))
}

#[test]
fn a_floor_for_no_scored_gold_or_out_of_range_is_an_error() {
    let (code, err) = eval_with_floors("[[floor]]\ngold = \"golds.jsonl\"\nmacro_f1 = 0.4\n");
    assert_eq!(code, Some(2));
    assert!(
        err.contains(
            "the floor for \"golds.jsonl\" names no gold file of this run (scored: gold.jsonl)"
        ),
        "{err}"
    );
    for bad in ["1.5", "nan", "-0.1", "inf"] {
        let (code, err) = eval_with_floors(&format!(
            "[[floor]]\ngold = \"gold.jsonl\"\nmacro_f1 = {bad}\n"
        ));
        assert_eq!(code, Some(2), "{bad}");
        assert!(err.contains("is not a number from 0 to 1"), "{err}");
    }
    // The held-out macro F1 is 0.425: a floor of 0.4 passes, 0.5 is missed.
    let (code, err) = eval_with_floors("[[floor]]\ngold = \"gold.jsonl\"\nmacro_f1 = 0.4\n");
    assert_eq!(code, Some(0), "{err}");
    let (code, err) = eval_with_floors("[[floor]]\ngold = \"gold.jsonl\"\nmacro_f1 = 0.5\n");
    assert_eq!(code, Some(1), "{err}");
}

#[test]
fn an_empty_gold_file_is_an_error_not_n_0() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("g.jsonl", "\n  \n"),
        (
            "e.csv",
            "claimHeadline,articleHeadline,articleHeadlineStance\n",
        ),
    ] {
        let g = write(dir.path(), name, text.as_bytes());
        let out = run(&["eval", "--gold", g.to_str().unwrap()], b"");
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(
            stderr(&out).contains(&format!("{name}:1:1: no gold items in this file")),
            "{}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }
}

/// The figures of a JSON report that do not depend on how predictions were
/// made (per-rule diagnostics need the rules' votes, which a file lacks).
fn figures(report: &[u8]) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_slice(report).unwrap();
    serde_json::json!([
        v["n"],
        v["accuracy"],
        v["macro"],
        v["micro"],
        v["per_label"],
        v["confusion"]
    ])
}

#[test]
fn classify_then_eval_predictions_gives_the_figures_of_eval() {
    let dir = tempfile::tempdir().unwrap();
    // The seed gold is stand-off (no `text`), so `classify` reads the
    // held-out fixtures, which carry their text.
    let gold = HELDOUT_GOLD;
    let direct = stance()
        .args(["eval", "--format", "json", "--gold", gold])
        .output()
        .unwrap();
    assert_eq!(direct.status.code(), Some(0));
    let classified = stance()
        .args(["classify", "--format", "json", gold])
        .output()
        .unwrap();
    assert_eq!(classified.status.code(), Some(0), "{}", stderr(&classified));
    let p = write(dir.path(), "p.jsonl", &classified.stdout);
    let scored = stance()
        .args(["eval", "--format", "json", "--gold", gold, "--predictions"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(figures(&scored.stdout), figures(&direct.stdout), "{gold}");
    // From stdin the articles folder is named with --articles.
    let records = std::fs::read(root().join(HELDOUT_GOLD)).unwrap();
    let piped = run(
        &[
            "classify",
            "--format",
            "json",
            "--articles",
            HELDOUT_ARTICLES,
        ],
        &records,
    );
    let from_file = stance()
        .args(["classify", "--format", "json", HELDOUT_GOLD])
        .output()
        .unwrap();
    assert_eq!(piped.stdout, from_file.stdout);
}

#[test]
fn output_that_cannot_be_written_never_exits_0() {
    let bin = env!("CARGO_BIN_EXE_stance");
    // `stance classify FILE >&-`: stdout closed before the start.
    let out = std::process::Command::new("sh")
        .current_dir(root())
        .arg("-c")
        .arg(format!(
            "exec \"$0\" classify --format json {HELDOUT_GOLD} >&-"
        ))
        .arg(bin)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("standard output is closed"),
        "{}",
        stderr(&out)
    );
    // `> /dev/full`: every write fails with ENOSPC.
    let Ok(_) = std::fs::metadata("/dev/full") else {
        eprintln!("skipped: /dev/full is absent");
        return;
    };
    for args in [
        &["--help"][..],
        &["eval", "--help"],
        &["classify", "--format", "json", HELDOUT_GOLD],
        &["classify", "--format", "table", HELDOUT_GOLD],
        &["eval", "--gold", HELDOUT_GOLD],
        &["extract", HELDOUT_ARTICLES],
        &["rules"],
        &["check"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = stance().args(args).stdout(full).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("<stdout>: No space left"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    // A shell's `> /dev/null` is a reader that takes everything: exit 0.
    let null = std::fs::File::create("/dev/null").unwrap();
    let out = stance().args(["rules"]).stdout(null).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn classify_twice_keeps_every_value_of_the_input() {
    let first = stance()
        .args(["classify", "--format", "json", HELDOUT_GOLD])
        .output()
        .unwrap();
    let second = run(
        &[
            "classify",
            "--format",
            "json",
            "--articles",
            HELDOUT_ARTICLES,
        ],
        &first.stdout,
    );
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    let gold = std::fs::read_to_string(root().join(HELDOUT_GOLD)).unwrap();
    let once: Vec<serde_json::Value> = common::stdout_lines(&first);
    let twice: Vec<serde_json::Value> = common::stdout_lines(&second);
    for ((g, a), b) in gold.lines().zip(&once).zip(&twice) {
        let g: serde_json::Value = serde_json::from_str(g).unwrap();
        assert_eq!(b["input_label"], g["label"], "the gold label stays");
        assert_eq!(b["input_input_label"], a["label"], "the first answer stays");
        assert_eq!(b["label"], a["label"]);
    }
}

#[test]
fn utf16_input_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let text = "{\"text\":\"It was a hoax\"}\n{\"text\":\"Fine\"}\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let le_bom = [&[0xFF, 0xFE][..], &le].concat();
    for (name, bytes, encoding) in [
        ("le.jsonl", &le, "UTF-16LE"),
        ("be.jsonl", &be, "UTF-16BE"),
        ("bom.jsonl", &le_bom, "UTF-16LE (byte-order mark FF FE)"),
    ] {
        let f = write(dir.path(), name, bytes);
        let out = stance()
            .args(["classify", "--format", "json"])
            .arg(&f)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(out.stdout.is_empty(), "no phantom records");
        assert!(
            stderr(&out).contains(&format!("{name}:1:1: the input is {encoding}")),
            "{}",
            stderr(&out)
        );
        let article = write(dir.path(), &format!("{name}.txt"), bytes);
        let out = stance().arg("extract").arg(&article).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(stderr(&out).contains("not UTF-8"), "{}", stderr(&out));
    }
    let out = run(&["classify", "--format", "json"], &le_bom);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("<stdin>:1:1: the input is UTF-16LE"));
}

/// Runs the binary, killing it (and failing) if it has not ended in a
/// minute: a hang is a failure, not a stuck test run.
fn run_bounded(cmd: &mut std::process::Command) -> std::process::Output {
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("still running after a minute: {cmd:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn extract_walks_folders_as_ripgrep_does_with_ids_relative_to_the_argument() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let article = std::fs::read(root().join("tests/fixtures/heldout/articles/h01.txt")).unwrap();
    for sub in ["d1", "d2", "d2/deep", ".hidden", "kept"] {
        std::fs::create_dir_all(d.join(sub)).unwrap();
    }
    for f in [
        "d1/x.txt",
        "d2/x.txt",
        "d2/deep/y.txt",
        ".hidden/h.txt",
        "kept/ignored.txt",
    ] {
        std::fs::write(d.join(f), &article).unwrap();
    }
    std::fs::write(d.join(".gitignore"), "kept/ignored.txt\n").unwrap();
    std::fs::write(
        d.join("notes.md"),
        "Notes, \u{201C}not an article,\u{201D} she said.\n",
    )
    .unwrap();
    std::fs::write(d.join("tool.txt"), b"\x7fELF\x00\x00binary").unwrap();
    std::os::unix::fs::symlink(d.join("d1/x.txt"), d.join("link.txt")).unwrap();
    mkfifo(&d.join("pipe.txt"));
    let out = run_bounded(stance().arg("extract").arg(d));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut docs: Vec<String> = common::stdout_lines(&out)
        .iter()
        .map(|v| v["doc"].as_str().unwrap().to_string())
        .collect();
    docs.dedup();
    assert_eq!(
        docs,
        ["d1/x.txt", "d2/deep/y.txt", "d2/x.txt"],
        "ids relative to the folder, no collision"
    );
    let err = stderr(&out);
    for said in [
        "binary: ",
        "tool.txt",
        "not a regular file (FIFO, socket or device): ",
        "pipe.txt",
        "a symbolic link (not followed): ",
        "link.txt",
        "another kind of file: ",
        "notes.md",
        "hidden or ignored by .gitignore: ",
        "h.txt",
        "ignored.txt",
    ] {
        assert!(err.contains(said), "{said:?} in:\n{err}");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_never_hangs_extract_or_the_rules_load() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("article.txt");
    mkfifo(&fifo);
    let out = run_bounded(stance().arg("extract").arg(&fifo));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::copy(
        root().join("rules/denying.toml"),
        rules.join("denying.toml"),
    )
    .unwrap();
    mkfifo(&rules.join("more.toml"));
    let out = run_bounded(stance().arg("check").arg("--rules").arg(&rules));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("more.toml: not a regular file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn table_output_is_drawn_in_blocks_not_held_whole() {
    let mut input = String::new();
    let records = 2 * stance::report::TABLE_BLOCK_ROWS + 1;
    for i in 0..records {
        input.push_str(&format!("{{\"text\":\"It was a hoax, number {i}\"}}\n"));
    }
    let out = run(&["classify", "--format", "table"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.matches("│ doc").count(),
        3,
        "one header per block of rows"
    );
    assert_eq!(
        text.matches("number").count(),
        records,
        "every record shown"
    );
}

#[cfg(unix)]
#[test]
fn endless_or_huge_inputs_stop_at_documented_limits() {
    let zero = || std::fs::File::open("/dev/zero").unwrap();
    // A line without end: refused at 64 MiB, not read forever.
    let out = run_bounded(
        stance()
            .args(["classify", "--format", "json"])
            .stdin(zero()),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("<stdin>:1:1: a line longer than 64 MiB"),
        "{}",
        stderr(&out)
    );
    let out = run_bounded(stance().args(["extract", "-"]).stdin(zero()));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("<stdin>: larger than 64 MiB"),
        "{}",
        stderr(&out)
    );
    for args in [
        &["check", "--rules", "/dev/zero"][..],
        &["extract", "/dev/zero"],
        &["eval", "--gold", HELDOUT_GOLD, "--floors", "/dev/zero"],
        &["eval", "--gold", HELDOUT_GOLD, "--baseline", "/dev/zero"],
    ] {
        let out = run_bounded(stance().args(args));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("/dev/zero: not a regular file"),
            "{}",
            stderr(&out)
        );
    }
    // A gold `doc` is a name inside articles/, never a path out of it.
    let dir = tempfile::tempdir().unwrap();
    for doc in ["/dev/zero", "../secret.txt"] {
        let g = write(
            dir.path(),
            "g.jsonl",
            format!("{{\"id\":\"a\",\"text\":\"x\",\"label\":\"none\",\"doc\":\"{doc}\",\"start\":0,\"end\":1}}\n").as_bytes(),
        );
        let out = run_bounded(stance().args(["eval", "--gold"]).arg(&g));
        assert_eq!(out.status.code(), Some(1), "{doc}");
        assert!(
            stderr(&out).contains("g.jsonl:1:")
                && stderr(&out).contains("is not a file name inside"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn worker_counts_are_bounded() {
    for j in ["257", "100000", "18446744073709551615"] {
        for cmd in ["classify", "extract"] {
            let out = run(&[cmd, "-j", j], b"");
            assert_eq!(out.status.code(), Some(2), "{cmd} -j {j}");
            assert!(stderr(&out).contains("--jobs <N>"), "{}", stderr(&out));
        }
    }
    let out = run(
        &["classify", "--format", "json", "-j", "256"],
        b"{\"text\":\"a hoax\"}\n",
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(common::stdout_lines(&out).len(), 1);
}

#[test]
fn many_small_patterns_are_refused_by_their_total_compiled_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for i in 0..2000 {
        text.push_str(&format!(
            "[[rule]]\nid = \"u.p{i}\"\nlabel = \"uncertain\"\ndescription = \"d\"\npatterns = ['\\w\\w\\w {i}']\n\n"
        ));
    }
    let rules = write(dir.path(), "many.toml", text.as_bytes());
    let out = run_bounded(stance().arg("check").arg("--rules").arg(&rules));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("many.toml:") && err.contains("patterns compile to more than 16 MiB in all"),
        "{err}"
    );
}

#[test]
fn messages_speak_of_the_input_never_of_rust_internals() {
    let dir = tempfile::tempdir().unwrap();
    let rule =
        "[[rule]]\nid = \"x\"\nlabel = \"denying\"\ndescription = \"d\"\nphrases = [\"a\"]\n";
    let check = |text: &str| {
        let (code, err) = common::check_rules(text);
        assert_eq!(code, Some(2), "{err}");
        err
    };
    let err = check(&format!("{rule}priority = \"high\"\n"));
    assert!(
        err.contains("expected an integer") && !err.contains("i32"),
        "{err}"
    );
    let err = check(&rule.replace("phrases", "phrasez"));
    assert!(err.contains("did you mean `phrases`?"), "{err}");
    // A 4 MB line is shown around the error, not whole.
    let err = check(&format!(
        "{rule}description2 = \"{}\"\n",
        "x".repeat(4 << 20)
    ));
    assert!(err.len() < 2000, "{} bytes of message", err.len());
    assert!(
        err.contains("r.toml:6:1: unknown field `description2`"),
        "{}",
        &err[..err.len().min(300)]
    );
    // Gold and records.
    let g = write(
        dir.path(),
        "g.jsonl",
        b"{\"id\":\"a\",\"text\":\"x\",\"label\":\"none\",\"lable\":1}\n",
    );
    let out = stance().args(["eval", "--gold"]).arg(&g).output().unwrap();
    assert!(
        stderr(&out).contains("did you mean `label`?"),
        "{}",
        stderr(&out)
    );
    let out = run(
        &["classify", "--format", "json"],
        b"{\"text\":\"a\",\"claim\":5}\n",
    );
    let line = String::from_utf8(out.stdout).unwrap();
    assert!(
        line.contains("`claim` as a sentence") && !line.contains("ClaimField"),
        "{line}"
    );
    // Parsers' depth limits, with their place, in the file's words.
    let deep = format!(
        "{{\"text\":\"a\",\"claim\":{}{}}}\n",
        "[".repeat(500),
        "]".repeat(500)
    );
    let out = run(&["classify", "--format", "json"], deep.as_bytes());
    let line = String::from_utf8(out.stdout).unwrap();
    assert!(
        line.contains("<stdin>:1:")
            && line.contains("nested too deep")
            && !line.contains("recursion"),
        "{line}"
    );
    let (code, err) = common::check_rules(&format!(
        "{rule}examples = {}{}\n",
        "[".repeat(500),
        "]".repeat(500)
    ));
    assert_eq!(code, Some(2));
    assert!(
        err.contains("r.toml:6:") && err.contains("nested too deep") && !err.contains("recurse"),
        "{err}"
    );
}

/// Peak resident memory of one run of the binary (its own `wait4` usage, so
/// other tests' processes do not count), in bytes, with its exit code.
#[cfg(target_os = "linux")]
// The child is reaped by `wait4` (which reports its usage), not `wait`.
#[allow(clippy::zombie_processes)]
fn peak_memory(args: &[&str], stdout: std::fs::File) -> (Option<i32>, usize) {
    let child = stance()
        .args(args)
        .stdout(stdout)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; the child is ours.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (code, usage.ru_maxrss as usize * 1024)
}

#[cfg(target_os = "linux")]
#[test]
fn an_article_with_hundreds_of_thousands_of_quotes_is_read_in_windows() {
    // 8 MB, 470,000 quotes: held whole, the walk needed about 20 times the
    // article (1.2 GB for 64 MB); in windows it needs the article and one
    // window's quotes.
    let dir = tempfile::tempdir().unwrap();
    let line = "\"Yes,\" she said. ".repeat(20) + "\n";
    let n = 8_000_000 / line.len();
    let article = write(dir.path(), "a.txt", (line.repeat(n)).as_bytes());
    let out_path = dir.path().join("out.jsonl");
    let out = std::fs::File::create(&out_path).unwrap();
    let (code, peak) = peak_memory(&["extract", article.to_str().unwrap()], out);
    assert_eq!(code, Some(0));
    assert!(peak < 96 << 20, "peak RSS {} MB", peak >> 20);
    // Every quote is there once, numbered in order across the windows.
    let text = std::fs::read_to_string(&out_path).unwrap();
    let mut count = 0;
    let mut last_start = None;
    for (k, l) in text.lines().enumerate() {
        let id = format!("{{\"id\":\"a.txt#{}\",\"doc\":\"a.txt\",\"start\":", k + 1);
        let rest = l
            .strip_prefix(&id)
            .unwrap_or_else(|| panic!("line {k}: {l}"));
        let start: u64 = rest.split(',').next().unwrap().parse().unwrap();
        assert!(last_start < Some(start));
        last_start = Some(start);
        count += 1;
    }
    assert_eq!(count, n * 20);
    let some: serde_json::Value = serde_json::from_str(text.lines().nth(n * 10).unwrap()).unwrap();
    assert_eq!(
        (&some["text"], &some["speaker"]),
        (&"Yes,".into(), &serde_json::Value::Null)
    );
}

#[test]
fn rules_gold_and_data_errors_are_drawn_by_one_renderer_with_the_line_and_the_fix() {
    // A rules file: the offending key underlined, the fix as an edit.
    let rule =
        "[[rule]]\nid = \"x\"\nlabel = \"denying\"\ndescription = \"d\"\nphrasez = [\"a\"]\n";
    let (code, err) = common::check_rules(rule);
    assert_eq!(code, Some(2), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with("error: ") && lines[0].contains("r.toml:5:1: unknown field `phrasez`"),
        "{err}"
    );
    assert!(lines.contains(&"5 | phrasez = [\"a\"]"), "{err}");
    assert!(lines.contains(&"  | ^^^^^^^"), "{err}");
    assert!(lines.contains(&"help: did you mean `phrases`?"), "{err}");
    assert!(lines.contains(&"5 + phrases = [\"a\"]"), "{err}");
    assert!(
        !lines[0].contains("did you mean"),
        "said once, as help: {err}"
    );

    // A gold file: the value under the caret.
    let dir = tempfile::tempdir().unwrap();
    let g = write(
        dir.path(),
        "g.jsonl",
        b"{\"id\":\"a\",\"text\":\"x\",\"label\":\"none\"}\n{\"id\":\"b\",\"text\":\"y\",\"label\":\"sure\"}\n",
    );
    let out = stance().args(["eval", "--gold"]).arg(&g).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].contains("g.jsonl:2:30: unknown label \"sure\""),
        "{err}"
    );
    let shown = lines
        .iter()
        .position(|l| l.starts_with("2 | "))
        .expect("the line");
    let at = lines[shown + 1].find('^').expect("a caret");
    assert_eq!(&lines[shown][at..at + 6], "\"sure\"", "{err}");

    // Extraction records scored against brat gold: the same drawing.
    let p = write(
        dir.path(),
        "p.jsonl",
        b"{\"doc\":\"d\",\"start\":5,\"end\":1,\"text\":\"t\"}\n",
    );
    let b = dir.path().join("brat");
    std::fs::create_dir_all(b.join("text")).unwrap();
    std::fs::create_dir_all(b.join("attributions")).unwrap();
    write(&b.join("text"), "d.txt", b"Some text here.\n");
    write(&b.join("attributions"), "d.ann", b"");
    let out = stance()
        .args(["eval-extract", "--brat"])
        .arg(&b)
        .arg("--records")
        .arg(&p)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("p.jsonl:1:20: start 5 is after end 1"),
        "{err}"
    );
    assert!(err.lines().any(|l| l.contains("^")), "{err}");
}
