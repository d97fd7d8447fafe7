//! `sosei match` on the example problem file, as a person would run it.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn example_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../sosei-matching/examples/yame-shimokawa.json")
}

fn sosei(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sosei"))
        .args(args)
        .env("RUST_LOG", "warn")
        .output()
        .expect("the sosei binary runs")
}

fn scratch_file(name: &str, contents: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("sosei-match-{}-{name}", uuid::Uuid::new_v4()));
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn json_output_is_the_outcome_with_objective_bound_and_gap() {
    let path = example_path();
    let output = sosei(&["match", path.to_str().unwrap(), "--format", "json"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let outcome: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(outcome["method"], "exact");
    assert_eq!(outcome["gap"], 0.0);
    assert_eq!(outcome["bound"], outcome["objective"]);
    let placements = outcome["placements"].as_array().unwrap();
    assert_eq!(placements.len(), 8);
    let somchai = placements
        .iter()
        .find(|p| p["applicant"] == "somchai-k")
        .unwrap();
    assert_eq!(somchai["team"], "yame-1");
    assert!(
        somchai["explanation"]
            .as_str()
            .unwrap()
            .contains("th speaker")
    );
    // Byte-identical on a second run.
    let again = sosei(&["match", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.stdout, again.stdout);
}

#[test]
fn text_output_names_teams_and_explanations() {
    let path = example_path();
    let output = sosei(&["match", path.to_str().unwrap()]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("method: integer program (optimal)"), "{text}");
    assert!(text.contains("gap: 0.000 %"), "{text}");
    assert!(text.contains("team yame-1 (yame)"), "{text}");
    assert!(
        text.contains("li-wei: 1st choice, locked by a coordinator"),
        "{text}"
    );
}

#[test]
fn a_malformed_file_is_reported_with_line_and_column() {
    let path = scratch_file(
        "bad.json",
        "{\n  \"applicants\": [],\n  \"programmes\": [ {\"id\": 3} ]\n}\n",
    );
    let output = sosei(&["match", path.to_str().unwrap()]);
    let _ = std::fs::remove_file(&path);
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("is not a valid problem"), "{stderr}");
    assert!(stderr.contains("line 3 column"), "{stderr}");
}

#[test]
fn an_infeasible_round_exits_non_zero_with_its_diagnosis() {
    let text = std::fs::read_to_string(example_path()).unwrap();
    let text = text.replace(
        "\"min_level\": \"B1\", \"at_least\": 1",
        "\"min_level\": \"B1\", \"at_least\": 2",
    );
    let path = scratch_file("infeasible.json", &text);
    let output = sosei(&["match", path.to_str().unwrap(), "--format", "json"]);
    let _ = std::fs::remove_file(&path);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("team yame-1 needs 2 × th speaker at B1+; only 1"),
        "{stderr}"
    );
    assert!(stderr.contains("accept level A2 or above"), "{stderr}");
}
