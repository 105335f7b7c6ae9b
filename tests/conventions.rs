//! What a user of a Rust command-line tool expects: completions, a manual
//! page, `--color`, `-q` / `-v`, tables that fit 80 columns without cutting
//! an id, and a project file that makes `stance eval` work without flags.

mod common;

use common::{run, seeds_present, stance, stderr, write};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn completions_and_the_manual_page_cover_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(&["completions", shell], b"");
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for sub in ["eval", "agree", "check", "min-kappa"] {
            assert!(script.contains(sub), "{shell} completions lack {sub}");
        }
    }
    let out = run(&["man"], b"");
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(
        page.starts_with(".ie") || page.contains(".TH stance"),
        "{}",
        &page[..200]
    );
    for section in [".SH \"STANCE EVAL\"", ".SH \"STANCE AGREE\"", "min\\-kappa"] {
        assert!(page.contains(section), "the manual page lacks {section}");
    }
    assert_eq!(run(&["completions", "tcsh"], b"").status.code(), Some(2));
}

#[test]
fn color_follows_the_flag_and_quiet_silences_notes() {
    let text = "We can confirm that the reports are false.";
    let piped = run(&["explain", text], b"");
    assert!(
        !stdout(&piped).contains('\x1b'),
        "no colour into a pipe by default"
    );
    let always = run(&["explain", "--color", "always", text], b"");
    assert!(stdout(&always).contains("\x1b["));
    let never = run(&["--color", "never", "explain", text], b"");
    assert_eq!(stdout(&never), stdout(&piped));

    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "\u{201C}We deny it,\u{201D} she said.\n".as_bytes(),
    );
    write(dir.path(), "notes.md", b"not an article\n");
    let folder = dir.path().to_str().unwrap();
    let out = run(&["extract", folder], b"");
    assert!(
        stderr(&out).contains("skipped 1 file(s)"),
        "{}",
        stderr(&out)
    );
    let quiet = run(&["-q", "extract", folder], b"");
    assert_eq!(
        (quiet.status.code(), stderr(&quiet).as_str()),
        (Some(0), "")
    );
    assert_eq!(quiet.stdout, out.stdout, "-q changes stderr only");
    let verbose = run(&["-v", "check"], b"");
    let said = stderr(&verbose);
    assert!(
        said.contains("project file: ") && said.contains("rules: rules ("),
        "{said}"
    );
}

#[test]
fn tables_fit_80_columns_without_cutting_ids() {
    // Wrong items whose rule names are short enough for 80 columns, and long
    // texts that must wrap rather than widen the table.
    let dir = tempfile::tempdir().unwrap();
    let long = "The bridge was sold to a private company after a long and bitter debate in the council chamber that lasted well into the night";
    let gold = dir.path().join("g.jsonl");
    std::fs::write(
        &gold,
        format!(
            "{{\"id\":\"item-one\",\"text\":\"{long}\",\"label\":\"none\",\"claim\":\"The bridge was sold\"}}\n\
             {{\"id\":\"item-two\",\"text\":\"Nothing to see here at all, really, nothing\",\"label\":\"affirming\",\"claim\":\"The bridge was sold\"}}\n"
        ),
    )
    .unwrap();
    let out = stance()
        .env_remove("COLUMNS")
        .args(["eval", "--gold", gold.to_str().unwrap(), "--errors"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let wrong = text
        .split("Wrong items")
        .nth(1)
        .expect("a wrong-items table");
    for line in wrong.lines().skip(1) {
        assert!(line.chars().count() <= 80, "wider than 80: {line}");
    }
    assert!(
        text.contains("item-one") && text.contains("item-two"),
        "{text}"
    );
    let out = stance()
        .env_remove("COLUMNS")
        .args([
            "eval",
            "--gold",
            "tests/fixtures/heldout/gold.jsonl",
            "--errors",
        ])
        .output()
        .unwrap();
    let text = stdout(&out);
    let rules: serde_json::Value =
        serde_json::from_slice(&run(&["rules", "--format", "json"], b"").stdout).unwrap();
    for rule in rules["rules"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        assert!(text.contains(id), "rule id {id} is cut or missing");
    }
    // COLUMNS is honoured when the terminal's width is unknown.
    let wide = stance()
        .env("COLUMNS", "200")
        .args([
            "eval",
            "--gold",
            "tests/fixtures/heldout/gold.jsonl",
            "--errors",
        ])
        .output()
        .unwrap();
    let widest = stdout(&wide)
        .lines()
        .filter(|l| l.starts_with(['│', '┌', '└', '╞']))
        .map(|l| l.chars().count())
        .max()
        .unwrap();
    assert!(widest > 80 && widest <= 200, "{widest}");
}

#[test]
fn the_project_file_supplies_rules_gold_and_floors_and_flags_win() {
    // In this repository: no flags needed, and the floors are gated (its
    // stance.toml names the seed gold, whose text is in ../shared).
    if seeds_present("stance eval with this repository's stance.toml") {
        let out = run(&["eval"], b"");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stdout(&out).contains("Quality gates"), "{}", stdout(&out));
        let out = run(&["eval-extract", "--format", "json"], b"");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(r["docs"], 5, "the seed gold's five articles");
    }

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let seeds = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/heldout/gold.jsonl"
    ))
    .unwrap();
    std::fs::create_dir(root.join("gold")).unwrap();
    std::fs::create_dir(root.join("sub")).unwrap();
    // Text-only items (no articles needed): the first three seed items.
    let items: Vec<String> = String::from_utf8(seeds)
        .unwrap()
        .lines()
        .take(3)
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            let text = format!("item {}", v["id"]);
            v["text"] = text.into();
            for k in ["doc", "start", "end", "context"] {
                v.as_object_mut().unwrap().remove(k);
            }
            v.to_string()
        })
        .collect();
    write(
        &root.join("gold"),
        "mine.jsonl",
        (items.join("\n") + "\n").as_bytes(),
    );
    write(
        &root.join("gold"),
        "floors.toml",
        b"[[floor]]\ngold = \"mine.jsonl\"\naccuracy = 1.0\n",
    );
    write(
        root,
        "stance.toml",
        b"gold = [\"gold/mine.jsonl\"]\nfloors = \"gold/floors.toml\"\n",
    );
    let eval = |args: &[&str]| {
        stance()
            .current_dir(root.join("sub"))
            .args(args)
            .output()
            .unwrap()
    };
    // From a folder below: the project's gold and floors apply.
    let out = eval(&["eval", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["n"], 3);
    assert_eq!(r["gates"][0]["metric"], "accuracy");
    // --gold wins, and the project's floors (for its own gold) do not apply.
    let other = write(
        root,
        "other.jsonl",
        b"{\"id\":\"x\",\"text\":\"Officials called it a hoax.\",\"label\":\"denying\"}\n",
    );
    let out = eval(&[
        "eval",
        "--gold",
        other.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((r["n"].as_u64(), r.get("gates")), (Some(1), None));
    // A bad project file is a configuration error naming file and line.
    write(
        root,
        "stance.toml",
        b"gold = [\"gold/mine.jsonl\"]\nflors = \"x\"\n",
    );
    let out = eval(&["eval"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("stance.toml:2:1: unknown field `flors`"),
        "{}",
        stderr(&out)
    );
}
