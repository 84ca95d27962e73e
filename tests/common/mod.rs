//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// True when the Go toolchain can be used. Without it, Go-dependent checks are skipped with
/// a message, unless `ALLOCFIX_REQUIRE_GO=1`, which turns its absence into a failure.
pub fn go_available(what: &str) -> bool {
    let ok = Command::new("go")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
        && tempfile::tempdir().is_ok_and(|d| {
            Command::new("gofmt")
                .arg("-l")
                .arg(d.path())
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if !ok {
        if std::env::var("ALLOCFIX_REQUIRE_GO").is_ok_and(|v| v == "1") {
            panic!("ALLOCFIX_REQUIRE_GO=1 but the Go toolchain (go, gofmt) is not available");
        }
        eprintln!(
            "SKIPPED Go checks for {what}: `go` not found (set ALLOCFIX_REQUIRE_GO=1 to make this a failure)"
        );
    }
    ok
}

/// Runs a command in `dir`, panicking with its output when it fails; returns stdout.
pub fn run_ok(dir: &Path, program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod")
        .env("GOGC", "off")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    if !out.status.success() {
        panic!(
            "`{program} {}` failed in {}:\n{stdout}\n{}",
            args.join(" "),
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    stdout
}

/// Runs `go <args>` in `dir`.
pub fn go_cmd(dir: &Path, args: &[&str]) -> String {
    run_ok(dir, "go", args)
}

/// Copies a folder recursively, leaving out `snapshots/`.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for e in std::fs::read_dir(from).expect("readable dir").flatten() {
        let name = e.file_name();
        let target = to.join(&name);
        if e.file_type().expect("file type").is_dir() {
            if name != "snapshots" {
                copy_tree(&e.path(), &target);
            }
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// Runs the allocfix binary in `dir`.
pub fn allocfix(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_allocfix"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// A temporary folder holding `files` (relative path, content).
pub fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, content) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, content).expect("write");
    }
    dir
}

/// The output with the crate version replaced, so snapshots survive a version bump.
pub fn versionless(s: &str) -> String {
    s.replace(
        &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"<version>\"",
    )
}

/// A command's standard output as JSON (panicking with both streams when it is not).
pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", stdout(o), stderr(o)))
}

/// SARIF without the rules' texts (each transform's summary and documentation, which the
/// output and schema tests check), so that editing a doc comment does not touch snapshots.
pub fn sarif_without_rule_texts(out: &str) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(out).expect("SARIF is JSON");
    for rule in doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array_mut()
        .expect("rules")
    {
        let rule = rule.as_object_mut().expect("rule object");
        for key in ["shortDescription", "fullDescription", "help", "properties"] {
            rule.remove(key);
        }
    }
    serde_json::to_string_pretty(&doc).expect("serialises") + "\n"
}
