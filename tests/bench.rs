//! `allocfix fix --bench`: on a copy of the sprintf-strconv golden module, the fixed
//! benchmarks must show fewer allocs/op after the fixes, in text and in json; the flags
//! are refused outside `fix`.

mod common;

use std::path::Path;

use common::{allocfix, copy_tree, go_available, stderr, stdout};

fn golden_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/sprintf-strconv");
    copy_tree(&from, tmp.path());
    let _ = std::fs::remove_dir_all(tmp.path().join("snapshots"));
    tmp
}

#[test]
fn bench_json_shows_fewer_allocations_after_the_fixes() {
    if !go_available("fix --bench") {
        return;
    }
    let tmp = golden_copy();
    let out = allocfix(
        tmp.path(),
        &[
            "fix",
            "--bench",
            "--bench-count",
            "2",
            "--bench-time",
            "50x",
            "--format",
            "json",
            ".",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let pkgs = doc["bench"]["packages"].as_array().expect("bench.packages");
    assert_eq!(pkgs.len(), 1);
    let benches = pkgs[0]["benchmarks"].as_array().expect("benchmarks");
    let median = |v: &serde_json::Value| {
        let mut x: Vec<f64> = v["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_f64().unwrap())
            .collect();
        x.sort_by(f64::total_cmp);
        x[x.len() / 2]
    };
    let mut fixed = 0;
    for b in benches {
        let name = b["name"].as_str().unwrap();
        let a = &b["allocs_per_op"];
        assert_eq!(a["before"]["values"].as_array().unwrap().len(), 2, "{name}");
        if name.starts_with("BenchmarkFixed_") {
            fixed += 1;
            assert!(median(&a["after"]) < median(&a["before"]), "{name}: {a}");
            assert_eq!(b["rose"], false, "{name}");
        }
    }
    assert!(fixed >= 5, "fixed benchmarks compared: {fixed}");
}

#[test]
fn verify_bench_prints_the_table_and_the_rollback_count() {
    if !go_available("fix --verify --bench") {
        return;
    }
    let tmp = golden_copy();
    let out = allocfix(
        tmp.path(),
        &[
            "fix",
            "--verify",
            "--bench",
            "--bench-count",
            "1",
            "--bench-time",
            "20x",
            ".",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("allocs/op before"), "{err}");
    assert!(err.contains("BenchmarkFixed_SmallDelta"), "{err}");
    assert!(
        err.contains("benchmark(s) in 1 package(s) compared"),
        "{err}"
    );
    assert!(err.contains("package(s) rolled back"), "{err}");
}

#[test]
fn bench_flags_are_refused_outside_fix() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = allocfix(tmp.path(), &["check", "--bench", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--bench applies to `allocfix fix` only"));
    let out = allocfix(tmp.path(), &["fix", "--bench-count", "3", "."]);
    assert_eq!(out.status.code(), Some(2), "--bench-count needs --bench");
}
