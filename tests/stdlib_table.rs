//! The checked-in standard-library table (`src/analysis/stdlib_api.txt`) is what the
//! generator makes from the installed Go's `$GOROOT/api`, for the versions the table records.
//! Without Go this is skipped with a message (a failure when `ALLOCFIX_REQUIRE_GO=1`).

mod common;

use std::path::PathBuf;
use std::process::Command;

use allocfix::analysis::stdlib::{self, GoVersion, generator};

fn goroot() -> Option<PathBuf> {
    let out = Command::new("go")
        .args(["env", "GOROOT"])
        .env("GOTOOLCHAIN", "local")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

#[test]
fn checked_in_table_matches_the_generator_on_goroot_api() {
    if !common::go_available("stdlib_table") {
        return;
    }
    let api = goroot().expect("`go env GOROOT` failed").join("api");
    let table_version = stdlib::table_version();
    let files = generator::api_files(&api).expect("reading $GOROOT/api");
    let newest = files.last().map(|(m, _)| *m).unwrap_or(0);
    if newest < table_version.minor {
        let msg = format!(
            "SKIPPED stdlib table check: the installed Go's api stops at go1.{newest}, the table records {table_version}"
        );
        if std::env::var("ALLOCFIX_REQUIRE_GO").is_ok_and(|v| v == "1") {
            panic!("ALLOCFIX_REQUIRE_GO=1 but {msg}");
        }
        eprintln!("{msg}");
        return;
    }
    // A newer Go adds files; compare only the versions the table records.
    let regenerated = generator::generate_from_dir(&api, Some(table_version.minor))
        .expect("generating from $GOROOT/api");
    if regenerated != stdlib::TABLE {
        let diff = similar::TextDiff::from_lines(stdlib::TABLE, regenerated.as_str());
        let shown: String = diff
            .unified_diff()
            .context_radius(1)
            .header("checked in", "regenerated")
            .to_string()
            .lines()
            .take(60)
            .collect::<Vec<_>>()
            .join("\n");
        panic!(
            "src/analysis/stdlib_api.txt is not what the generator makes from {}; run `cargo run --example gen-stdlib -- --max {}`:\n{shown}",
            api.display(),
            table_version.minor
        );
    }
}

#[test]
fn table_answers_the_issue_examples() {
    let v = GoVersion::go1(20);
    let string = |t: &stdlib::Type| t.universe_name() == Some("string");
    assert!(string(
        stdlib::func("strings", "TrimPrefix", v)
            .unwrap()
            .sig
            .single_result()
            .unwrap()
    ));
    let stat = stdlib::method("os", "File", "Stat", v).unwrap();
    assert_eq!(stat.method.sig.to_string(), "() (io/fs.FileInfo, error)");
    let size = stdlib::method("io/fs", "FileInfo", "Size", v).unwrap();
    assert_eq!(size.method.sig.to_string(), "() int64");
    assert!(string(
        stdlib::method("bufio", "Scanner", "Text", v)
            .unwrap()
            .method
            .sig
            .single_result()
            .unwrap()
    ));
    assert!(string(
        stdlib::method("", "error", "Error", v)
            .unwrap()
            .method
            .sig
            .single_result()
            .unwrap()
    ));
    assert!(stdlib::func("slices", "Index", v).is_none());
    assert!(stdlib::func("slices", "Index", GoVersion::go1(21)).is_some());
}
