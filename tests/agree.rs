//! `stance agree` as a user meets it: the project's own second annotator,
//! the kappa gate, and files whose ids differ.

mod common;

use common::{run, stderr, write};

const A: &str = "gold/fnc1/dev.jsonl";
const B: &str = "gold/fnc1/second/dev.jsonl";

#[test]
fn agreement_on_the_fnc1_dev_half_is_reported_in_json() {
    let out = run(&["agree", A, B, "--format", "json"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = r["n"].as_u64().unwrap();
    let agreed = r["agreed"].as_u64().unwrap();
    assert_eq!(n, 236, "every id of the dev half is in both files");
    assert_eq!(
        r["disagreements"].as_array().unwrap().len() as u64,
        n - agreed
    );
    // The confusion's diagonal is the agreed items; its sum is n.
    let conf = &r["confusion"];
    let labels = ["affirming", "denying", "uncertain", "none"];
    let diagonal: u64 = labels.iter().map(|l| conf[l][l].as_u64().unwrap()).sum();
    let total: u64 = labels
        .iter()
        .flat_map(|a| labels.iter().map(move |b| conf[a][b].as_u64().unwrap()))
        .sum();
    assert_eq!((diagonal, total), (agreed, n));
    let kappa = r["kappa"].as_f64().unwrap();
    let [lo, hi] = [0, 1].map(|i| r["kappa_ci"][i].as_f64().unwrap());
    assert!(lo <= kappa && kappa <= hi && kappa < r["observed"].as_f64().unwrap());
    // Both notes of a disagreement come through.
    let d = &r["disagreements"][0];
    assert!(d["note_a"].is_string() && d["note_b"].is_string(), "{d}");
}

#[test]
fn min_kappa_gates_after_printing_the_report() {
    let out = run(&["agree", A, B, "--min-kappa", "0.99"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Cohen's kappa"));
    assert!(
        stderr(&out).contains("quality gate missed: kappa"),
        "{}",
        stderr(&out)
    );
    let out = run(
        &["agree", A, B, "--min-kappa", "0.5", "--format", "markdown"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("## stance agree: "));
    let out = run(&["agree", A, B, "--min-kappa", "2"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn ids_in_one_file_only_are_an_error_unless_partial_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.jsonl",
        b"{\"id\":\"x\",\"label\":\"none\"}\n{\"id\":\"y\",\"label\":\"denying\",\"note\":\"hoax\"}\n",
    );
    let b = write(
        dir.path(),
        "b.jsonl",
        b"{\"id\":\"y\",\"label\":\"uncertain\",\"note\":\"hedged\"}\n{\"id\":\"z\",\"label\":\"none\"}\n",
    );
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = run(&["agree", a, b], b"");
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(
        e.contains(&format!("error: {a}:1:1: id \"x\" is not in {b}")),
        "{e}"
    );
    assert!(e.contains(&format!("{b}:2: id \"z\" is not in {a}")), "{e}");
    assert!(out.stdout.is_empty());

    let out = run(&["agree", a, b, "--partial"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("- {a}:1: id \"x\" is not in {b}")),
        "{text}"
    );
    assert!(text.contains("hoax") && text.contains("hedged"), "{text}");

    let bad = write(
        dir.path(),
        "bad.jsonl",
        b"{\"id\":\"x\",\"label\":\"sure\"}\n",
    );
    let out = run(&["agree", a, bad.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("bad.jsonl:1:19: unknown label \"sure\""),
        "{}",
        stderr(&out)
    );
}
