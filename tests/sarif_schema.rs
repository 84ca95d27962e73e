//! The SARIF output validated by Microsoft's SARIF multitool (`sarif-multitool validate`,
//! npm package `@microsoft/sarif-multitool`): the SARIF 2.1.0 JSON schema plus the SDK's
//! rules for what GitHub code scanning and other viewers read. The validator is found through
//! `ALLOCFIX_SARIF_MULTITOOL` (the path of the `Sarif.Multitool` binary; `.ci/run` installs it)
//! or `sarif-multitool` on PATH. Without it the test is skipped with a message, unless
//! `ALLOCFIX_REQUIRE_SARIF=1`, which makes its absence a failure (CI sets it).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn validator() -> Option<PathBuf> {
    let candidate = std::env::var_os("ALLOCFIX_SARIF_MULTITOOL")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("sarif-multitool"));
    let works = Command::new(&candidate)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Some(candidate);
    }
    if std::env::var("ALLOCFIX_REQUIRE_SARIF").is_ok_and(|v| v == "1") {
        panic!(
            "ALLOCFIX_REQUIRE_SARIF=1 but the SARIF multitool ({}) does not run",
            candidate.display()
        );
    }
    eprintln!(
        "SKIPPED SARIF schema validation: set ALLOCFIX_SARIF_MULTITOOL to the Sarif.Multitool binary (npm @microsoft/sarif-multitool), or ALLOCFIX_REQUIRE_SARIF=1 to make this a failure"
    );
    None
}

/// The warnings allowed in our output, with why.
const ALLOWED: &[&str] = &[
    // "The tool does not provide informationUri": allocfix has no public home page yet.
    "SARIF2005",
];

/// Validates `sarif` and returns every error and every warning that is not allowed.
fn problems(tool: &Path, sarif: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.sarif");
    let output = dir.path().join("out.sarif");
    std::fs::write(&input, sarif).unwrap();
    let run = Command::new(tool)
        .arg("validate")
        .arg("--output")
        .arg(&output)
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        output.exists(),
        "the validator wrote no report: {}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    let mut out = Vec::new();
    for run in report["runs"].as_array().unwrap() {
        for r in run["results"].as_array().into_iter().flatten() {
            let level = r["level"].as_str().unwrap_or("warning");
            let rule = r["ruleId"].as_str().unwrap_or("?");
            if level == "error" || (level == "warning" && !ALLOWED.contains(&rule)) {
                out.push(format!(
                    "{level} {rule}: {}",
                    r["message"]["text"].as_str().unwrap_or("")
                ));
            }
        }
        // The validator's own failures (an unreadable or schema-invalid file) are
        // notifications.
        for inv in run["invocations"].as_array().into_iter().flatten() {
            for n in inv["toolExecutionNotifications"]
                .as_array()
                .into_iter()
                .flatten()
            {
                if n["level"].as_str() == Some("error") {
                    out.push(format!("validator: {}", n["message"]["text"]));
                }
            }
        }
    }
    out
}

fn allocfix_sarif(dir: &Path, extra: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_allocfix"))
        .args(["check", "--format", "sarif"])
        .args(extra)
        .arg(dir)
        .output()
        .unwrap();
    assert!(o.status.code().is_some_and(|c| c <= 1), "{o:?}");
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn sarif_output_passes_the_sarif_multitool() {
    let Some(tool) = validator() else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Results with fixes, findings without, and a run with none.
    for (dir, extra) in [
        ("golden/sentinel-error", &[][..]),
        ("golden/all-transforms", &["--unsafe"][..]),
        ("golden/set-finalizer", &[][..]),
        ("golden/make-append", &["--rank"][..]),
    ] {
        let sarif = allocfix_sarif(&root.join(dir), extra);
        assert!(sarif.contains("\"results\""));
        let found = problems(&tool, &sarif);
        assert!(found.is_empty(), "{dir}:\n{}", found.join("\n"));
    }
    // The validator does catch a broken file: a result without its message.
    let broken = allocfix_sarif(&root.join("golden/sentinel-error"), &[]).replacen(
        "\"message\"",
        "\"messag\"",
        1,
    );
    assert!(!problems(&tool, &broken).is_empty());
}
