//! `--profile` (hot paths from a Go pprof profile), `check --rank` (the static hint) and
//! the notes of partially fixed files in the JSON and SARIF documents.
//!
//! `tests/data/profile/sprintf-strconv.mem.prof` was recorded once with the real Go
//! toolchain from `golden/sprintf-strconv` (see `tests/data/profile/README.md`), so that
//! its figures can be asserted exactly; the tests marked "real toolchain" record fresh
//! profiles with `go test -memprofile`/`-cpuprofile` at test time.

mod common;

use common::{
    allocfix, copy_tree, go_available, go_cmd, json, project, sarif_without_rule_texts, stderr,
    stdout, versionless,
};

use std::path::{Path, PathBuf};

use serde_json::Value;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/profile")
        .join(name)
}

/// A copy of `golden/sprintf-strconv`, where the checked-in profile was recorded.
fn golden_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/sprintf-strconv"),
        dir.path(),
    );
    dir
}

fn mem_profile() -> String {
    data("sprintf-strconv.mem.prof").display().to_string()
}

#[test]
fn check_profile_keeps_only_hot_functions_sorted_by_weight() {
    let p = golden_copy();
    let all = allocfix(p.path(), &["check", "--format", "json"]);
    let all = json(&all)["findings"].as_array().expect("findings").len();
    let o = allocfix(
        p.path(),
        &["check", "--profile", &mem_profile(), "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc = json(&o);
    assert_eq!(doc["version"], 2);
    assert_eq!(doc["ranking"], "profile");
    let findings = doc["findings"].as_array().expect("findings");
    // The recorded benchmarks ran sumDigits and formatPrefix only: of the package's many
    // findings, theirs alone are hot, the heaviest first.
    assert!(all > 10, "{all}");
    let weights: Vec<(String, f64, f64)> = findings
        .iter()
        .map(|f| {
            let w = &f["weight"];
            assert_eq!(w["source"], "profile");
            (
                w["function"].as_str().expect("function").to_string(),
                w["percent"].as_f64().expect("percent"),
                w["cum_percent"].as_f64().expect("cum"),
            )
        })
        .collect();
    assert_eq!(
        weights,
        vec![
            (
                "example.com/golden/sprintf-strconv.sumDigits".to_string(),
                75.57,
                75.57
            ),
            (
                "example.com/golden/sprintf-strconv.formatPrefix".to_string(),
                23.62,
                23.62
            ),
        ]
    );
    let profile = &doc["profile"];
    assert_eq!(profile["sample_type"], "alloc_objects");
    assert_eq!(profile["unit"], "count");
    assert_eq!(profile["total"], 211750);
    assert_eq!(profile["min_share_percent"], 1.0);
    assert_eq!(
        profile["modules"],
        serde_json::json!(["example.com/golden/sprintf-strconv"])
    );
    assert_eq!(profile["hot_functions"], 2);
    assert_eq!(profile["matched"], 2);
    assert_eq!(profile["unmatched"], serde_json::json!([]));
    // The text format carries the weight and the summary.
    let t = allocfix(p.path(), &["check", "--profile", &mem_profile()]);
    let lines: Vec<String> = stdout(&t).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("rewrite.go:"), "{}", lines[0]);
    assert!(
        lines[0].ends_with(
            "[fix] [hot 75.57%: example.com/golden/sprintf-strconv.sumDigits, cum 75.57%]"
        ),
        "{}",
        lines[0]
    );
    assert!(
        stderr(&t).contains("alloc_objects (count), total 211750; 2 function(s) of example.com/golden/sprintf-strconv hold at least 1% (flat plus calls out of the module); 2 matched to source, 0 not matched"),
        "{}",
        stderr(&t)
    );
}

#[test]
fn min_share_and_sample_type_choose_what_is_hot() {
    let p = golden_copy();
    let prof = mem_profile();
    let count = |args: &[&str]| {
        let mut a = vec!["check", "--profile", prof.as_str(), "--format", "json"];
        a.extend_from_slice(args);
        let o = allocfix(p.path(), &a);
        assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
        json(&o)["findings"].as_array().expect("findings").len()
    };
    assert_eq!(count(&[]), 2);
    // formatPrefix holds 23.62 %: above 20, below 30.
    assert_eq!(count(&["--min-share", "20"]), 2);
    assert_eq!(count(&["--min-share", "30"]), 1);
    assert_eq!(count(&["--min-share", "80"]), 0);
    // Allocated bytes instead of objects: still both functions.
    let o = allocfix(
        p.path(),
        &[
            "check",
            "--profile",
            &mem_profile(),
            "--profile-sample",
            "alloc_space",
            "--format",
            "json",
        ],
    );
    let doc = json(&o);
    assert_eq!(doc["profile"]["sample_type"], "alloc_space");
    assert_eq!(doc["profile"]["unit"], "bytes");
    assert_eq!(doc["findings"].as_array().unwrap().len(), 2);
}

#[test]
fn a_stale_profile_is_cross_checked_by_file_and_counted_as_unmatched() {
    let p = golden_copy();
    // The functions moved to another file since the profile was recorded.
    std::fs::rename(p.path().join("rewrite.go"), p.path().join("moved.go")).unwrap();
    let o = allocfix(
        p.path(),
        &["check", "--profile", &mem_profile(), "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = json(&o);
    assert_eq!(doc["findings"], serde_json::json!([]));
    assert_eq!(doc["profile"]["hot_functions"], 2);
    assert_eq!(doc["profile"]["matched"], 0);
    let unmatched = doc["profile"]["unmatched"].as_array().unwrap();
    assert_eq!(unmatched.len(), 2);
    assert_eq!(
        unmatched[0]["function"],
        "example.com/golden/sprintf-strconv.sumDigits"
    );
    let reason = unmatched[0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("moved.go")
            && reason.ends_with("example.com/golden/sprintf-strconv/rewrite.go"),
        "{reason}"
    );
    let t = allocfix(p.path(), &["check", "--profile", &mem_profile()]);
    assert!(
        stderr(&t).contains("0 matched to source, 2 not matched\n  not matched: example.com/golden/sprintf-strconv.sumDigits: declared in"),
        "{}",
        stderr(&t)
    );
    // Another module's profile matches nothing here.
    let other = project(&[
        ("go.mod", "module example.com/other\n\ngo 1.22\n"),
        (
            "a.go",
            "package other\n\nimport \"fmt\"\n\nfunc sumDigits(n int) string {\n\treturn fmt.Sprintf(\"%d\", n)\n}\n",
        ),
    ]);
    let o = allocfix(other.path(), &["check", "--profile", &mem_profile()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("0 function(s) of example.com/other hold at least 1%"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn every_format_shows_the_weight() {
    let p = golden_copy();
    let run = |format: &str| {
        let o = allocfix(
            p.path(),
            &[
                "check",
                "--color",
                "never",
                "--profile",
                &mem_profile(),
                "--format",
                format,
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        stdout(&o)
    };
    for format in ["text", "grouped", "github"] {
        let out = run(format);
        // A workflow command's message escapes `%` as `%25`.
        let pct = if format == "github" { "%25" } else { "%" };
        assert!(
            out.contains(&format!(
                "[hot 75.57{pct}: example.com/golden/sprintf-strconv.sumDigits, cum 75.57{pct}]"
            )),
            "{format}: {out}"
        );
    }
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let r = &sarif["runs"][0];
    assert_eq!(r["properties"]["ranking"], "profile");
    assert_eq!(r["properties"]["profile"]["matched"], 2);
    let results = r["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    // result.rank: SARIF's priority, a number from 0 to 100.
    assert_eq!(results[0]["rank"], 75.57);
    assert_eq!(results[1]["rank"], 23.62);
    assert_eq!(
        results[0]["properties"]["weight"]["function"],
        "example.com/golden/sprintf-strconv.sumDigits"
    );
    // `diff` and `fix` say what the profile selected on standard error.
    let d = allocfix(p.path(), &["diff", "--profile", &mem_profile()]);
    assert_eq!(d.status.code(), Some(1), "{}", stderr(&d));
    assert!(stderr(&d).contains("2 matched to source"), "{}", stderr(&d));
    assert!(
        stderr(&d).contains("2 fix(es) would change 1 file(s)"),
        "{}",
        stderr(&d)
    );
}

#[test]
fn fix_with_a_profile_rewrites_only_the_hot_functions() {
    let p = golden_copy();
    let before = allocfix(p.path(), &["check", "--format", "json"]);
    let before = json(&before);
    let original = std::fs::read_to_string(p.path().join("rewrite.go")).unwrap();
    let o = allocfix(p.path(), &["fix", "--profile", &mem_profile()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("2 fix(es) applied to 1 file(s)"),
        "{}",
        stdout(&o)
    );
    let fixed = std::fs::read_to_string(p.path().join("rewrite.go")).unwrap();
    assert_ne!(original, fixed);
    // What is left is every finding but the two hot ones.
    let after = allocfix(p.path(), &["check", "--format", "json"]);
    let after = json(&after);
    let ids = |doc: &Value| -> Vec<String> {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{} {}", f["file"], f["message"]))
            .collect()
    };
    let (b, a) = (ids(&before), ids(&after));
    assert_eq!(a.len() + 2, b.len(), "{a:#?}\n{b:#?}");
    for f in &a {
        assert!(b.contains(f), "new finding after the fix: {f}");
    }
    // The functions the profile did not name are byte for byte as they were.
    let body = |text: &str, name: &str| -> String {
        let start = text
            .find(&format!("\nfunc {name}("))
            .unwrap_or_else(|| panic!("{name}"));
        let end = text[start + 1..].find("\n}\n").unwrap() + start + 3;
        text[start..end].to_string()
    };
    for cold in ["kibCount", "coord", "portText", "tsvLine"] {
        assert_eq!(body(&original, cold), body(&fixed, cold), "{cold}");
    }
    for hot in ["formatPrefix", "sumDigits"] {
        assert_ne!(body(&original, hot), body(&fixed, hot), "{hot}");
    }
    if go_available("fix --profile") {
        go_cmd(p.path(), &["vet", "."]);
        go_cmd(p.path(), &["test", "-count=1", "."]);
    }
}

#[test]
fn real_toolchain_profiles_select_the_benchmarked_function() {
    if !go_available("--profile with a fresh profile") {
        return;
    }
    let p = golden_copy();
    go_cmd(
        p.path(),
        &[
            "test",
            "-run",
            "^$",
            "-bench",
            "^BenchmarkFixed_FormatPrefix$",
            "-benchtime",
            "300ms",
            "-count",
            "1",
            "-memprofile",
            "mem.prof",
            "-cpuprofile",
            "cpu.prof",
            ".",
        ],
    );
    for (file, sample) in [("mem.prof", "alloc_objects"), ("cpu.prof", "cpu")] {
        let o = allocfix(p.path(), &["check", "--profile", file, "--format", "json"]);
        assert_eq!(o.status.code(), Some(1), "{file}: {}", stderr(&o));
        let doc = json(&o);
        assert_eq!(doc["profile"]["sample_type"], sample, "{file}");
        let findings = doc["findings"].as_array().unwrap();
        assert!(!findings.is_empty(), "{file}");
        for f in findings {
            assert_eq!(
                f["weight"]["function"], "example.com/golden/sprintf-strconv.formatPrefix",
                "{file}: {f}"
            );
        }
        assert_eq!(doc["profile"]["unmatched"], serde_json::json!([]), "{file}");
    }
    // fix --profile --verify with the fresh profile: only formatPrefix changes, and Go
    // confirms it.
    let o = allocfix(p.path(), &["fix", "--profile", "mem.prof", "--verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("1 fix(es) applied to 1 file(s)"),
        "{}",
        stdout(&o)
    );
    go_cmd(p.path(), &["test", "-count=1", "."]);
}

#[test]
fn a_profile_that_cannot_be_used_is_an_error_and_nothing_is_written() {
    let p = golden_copy();
    std::fs::write(p.path().join("empty.prof"), b"").unwrap();
    std::fs::write(p.path().join("bad.gz"), [0x1f, 0x8b, 8, 0, 1, 2, 3]).unwrap();
    let original = std::fs::read_to_string(p.path().join("rewrite.go")).unwrap();
    let empty_cpu = data("empty-cpu.prof").display().to_string();
    let prof = mem_profile();
    for (args, want) in [
        (
            vec!["--profile", "missing.prof"],
            "--profile missing.prof: cannot read",
        ),
        (
            vec!["--profile", "rewrite.go"],
            "--profile rewrite.go: not a Go pprof profile (gzipped protocol buffer)",
        ),
        (
            vec!["--profile", "empty.prof"],
            "--profile empty.prof: the file is empty",
        ),
        (
            vec!["--profile", "bad.gz"],
            "--profile bad.gz: not a valid gzip file",
        ),
        (
            vec!["--profile", &empty_cpu],
            "the profile holds no cpu samples",
        ),
        (
            vec!["--profile", prof.as_str(), "--profile-sample", "cpu"],
            "--profile-sample cpu: the profile has no such sample type (it has: alloc_objects (count), alloc_space (bytes), inuse_objects (count), inuse_space (bytes))",
        ),
    ] {
        for cmd in ["check", "diff", "fix"] {
            let mut a = vec![cmd];
            a.extend(args.iter().copied());
            let o = allocfix(p.path(), &a);
            assert_eq!(o.status.code(), Some(2), "{a:?}: {}", stderr(&o));
            assert!(stderr(&o).contains(want), "{a:?}: {}", stderr(&o));
            assert_eq!(stdout(&o), "", "{a:?}");
        }
    }
    assert_eq!(
        std::fs::read_to_string(p.path().join("rewrite.go")).unwrap(),
        original
    );
    // Flags that need --profile, and values out of range.
    for (args, want) in [
        (vec!["check", "--min-share", "5"], "--profile"),
        (vec!["check", "--profile-sample", "cpu"], "--profile"),
        (
            vec!["check", "--profile", "x", "--min-share", "150"],
            "between 0 and 100",
        ),
        (
            vec!["check", "--profile", "x", "--rank"],
            "cannot be used with",
        ),
        (
            vec!["diff", "--rank"],
            "--rank orders the findings of `allocfix check`",
        ),
        (
            vec!["fix", "--rank"],
            "--rank orders the findings of `allocfix check`",
        ),
    ] {
        let o = allocfix(p.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
}

const RANKED: &str = r#"package pkg

import "errors"

func other(n int) error {
	if n < 0 {
		return errors.New("negative")
	}
	return nil
}

func helper(n int) error {
	if n > 100 {
		return errors.New("too big")
	}
	return nil
}

func (s *store) check(n int) error {
	if n == 7 {
		return errors.New("unlucky")
	}
	return nil
}

type store struct{}

func all(s *store, xs []int) error {
	for _, x := range xs {
		if err := helper(x); err != nil {
			return err
		}
		if err := s.check(x); err != nil {
			return err
		}
		if x == 0 {
			return errors.New("zero")
		}
	}
	return nil
}
"#;

#[test]
fn check_rank_orders_findings_by_the_static_hint_and_says_so() {
    let p = project(&[
        ("go.mod", "module example.com/r\n\ngo 1.22\n"),
        ("pkg/a.go", RANKED),
    ]);
    let o = allocfix(p.path(), &["check", "--rank"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    let tail = |l: &str| {
        l.split_once("[fix] ")
            .map(|(_, t)| t.to_string())
            .unwrap_or_default()
    };
    assert_eq!(
        lines
            .iter()
            .map(|l| (l.split(':').nth(1).unwrap().to_string(), tail(l)))
            .collect::<Vec<_>>(),
        vec![
            ("37".to_string(), "[static hint: in a loop]".to_string()),
            (
                "14".to_string(),
                "[static hint: in a function called from a loop in the same package]".to_string()
            ),
            (
                "21".to_string(),
                "[static hint: in a function called from a loop in the same package]".to_string()
            ),
            ("7".to_string(), "[static hint: not in a loop]".to_string()),
        ],
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("ranked by a static hint (no profile)"),
        "{}",
        stderr(&o)
    );
    let j = allocfix(p.path(), &["check", "--rank", "--format", "json"]);
    let doc = json(&j);
    assert_eq!(doc["ranking"], "static-hint");
    assert_eq!(
        doc["findings"][0]["weight"],
        serde_json::json!({"source": "static", "rank": 2, "hint": "in a loop"})
    );
    let s = allocfix(p.path(), &["check", "--rank", "--format", "sarif"]);
    let doc = json(&s);
    assert_eq!(doc["runs"][0]["properties"]["ranking"], "static-hint");
    let first = &doc["runs"][0]["results"][0];
    assert_eq!(first["properties"]["weight"]["hint"], "in a loop");
    // SARIF's `rank` is a measured priority: a static hint does not set it.
    assert!(first.get("rank").is_none(), "{first}");
    // Without --rank: by position, no weight.
    let plain = allocfix(p.path(), &["check", "--format", "json"]);
    let doc = json(&plain);
    assert!(doc.get("ranking").is_none());
    assert!(doc["findings"][0].get("weight").is_none());
    assert_eq!(doc["findings"][0]["range"]["start"]["line"], 7);
}

const GAP: &str = "package gap\n\nimport \"errors\"\n\nfunc ptr(n int) *int {\n\treturn new(n + 1)\n}\n\nfunc check(n int) error {\n\tif n < 0 {\n\t\treturn errors.New(\"negative\")\n\t}\n\treturn nil\n}\n";

#[test]
fn notes_of_partially_fixed_files_are_in_json_and_sarif() {
    let p = project(&[
        ("go.mod", "module example.com/gap\n\ngo 1.26\n"),
        ("gap.go", GAP),
    ]);
    let o = allocfix(p.path(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc = json(&o);
    let notes = doc["notes"].as_array().expect("notes");
    assert_eq!(notes.len(), 1, "{notes:?}");
    let note = notes[0].as_str().unwrap();
    assert!(
        note.starts_with("gap.go:6:9: file checked partially: tree-sitter-go cannot parse Go 1.26 `new(expr)`, so the declaration at lines 5-7 is left as it is"),
        "{note}"
    );
    let o = allocfix(p.path(), &["check", "--format", "sarif"]);
    let doc = json(&o);
    let inv = &doc["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], true);
    let n = &inv["toolExecutionNotifications"][0];
    assert_eq!(n["level"], "note");
    assert!(
        n["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("file checked partially"),
        "{n}"
    );
    let loc = &n["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "gap.go");
    assert_eq!(
        loc["region"],
        serde_json::json!({"startLine": 6, "startColumn": 9})
    );
    // `diff --format json` carries it too, worded for a fix.
    let d = allocfix(p.path(), &["diff", "--format", "json"]);
    let doc = json(&d);
    assert!(
        doc["notes"][0]
            .as_str()
            .unwrap()
            .contains("file fixed partially"),
        "{doc}"
    );
    // An error shows in SARIF as a failed invocation with an error notification.
    std::fs::write(p.path().join("broken.go"), "package gap\n\nfunc {\n").unwrap();
    let o = allocfix(p.path(), &["check", "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(2));
    let doc = json(&o);
    let inv = &doc["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let levels: Vec<&str> = inv["toolExecutionNotifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, vec!["note", "error"]);
}

const TOOL_MAIN: &str = r#"package main

import (
	"errors"
	"fmt"
)

type labeler struct{ prefix string }

func (l *labeler) label(n int) string {
	f := func() string { return l.prefix + fmt.Sprintf("%d", n) }
	return f()
}

func check(n int) error {
	if n < 0 {
		return errors.New("negative")
	}
	return nil
}

func main() {
	l := &labeler{prefix: "x"}
	for i := 0; i < 3; i++ {
		fmt.Println(l.label(i), check(i))
	}
}
"#;

const TOOL_TEST: &str = r#"package main

import "testing"

var sink string

func BenchmarkLabel(b *testing.B) {
	l := &labeler{prefix: "bench"}
	for i := 0; i < b.N; i++ {
		sink = l.label(i + 1000)
	}
}
"#;

/// Real toolchain: a command's method with a pointer receiver whose allocation happens in
/// a closure (`example.com/tool.(*labeler).label.func1`, inlined) is matched and weighed;
/// the function the benchmark never calls is left out.
#[test]
fn real_toolchain_profile_of_a_command_matches_methods_and_closures() {
    if !go_available("--profile on a command") {
        return;
    }
    let p = project(&[
        ("go.mod", "module example.com/tool\n\ngo 1.22\n"),
        ("main.go", TOOL_MAIN),
        ("main_test.go", TOOL_TEST),
    ]);
    go_cmd(
        p.path(),
        &[
            "test",
            "-run",
            "^$",
            "-bench",
            ".",
            "-benchtime",
            "20000x",
            "-count",
            "1",
            "-memprofile",
            "mem.prof",
            "-memprofilerate",
            "1",
            ".",
        ],
    );
    let all = allocfix(p.path(), &["check"]);
    // sprintf-strconv and sentinel-error; boxing-in-loop (the loop's Println boxes a
    // string) is opt-in: not in a plain check.
    assert_eq!(stdout(&all).lines().count(), 2, "{}", stdout(&all));
    assert!(!stdout(&all).contains("boxing-in-loop"), "{}", stdout(&all));
    let o = allocfix(
        p.path(),
        &["check", "--profile", "mem.prof", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc = json(&o);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["id"], "sprintf-strconv");
    assert_eq!(
        findings[0]["weight"]["function"],
        "example.com/tool.(*labeler).label"
    );
    assert!(findings[0]["weight"]["percent"].as_f64().unwrap() > 50.0);
    assert_eq!(doc["profile"]["unmatched"], serde_json::json!([]));
    assert_eq!(
        doc["profile"]["modules"],
        serde_json::json!(["example.com/tool"])
    );
}

#[test]
fn every_format_with_a_profile_matches_its_golden_output() {
    let p = tempfile::tempdir().unwrap();
    copy_tree(&data("hot"), p.path());
    std::fs::copy(data("hot.mem.prof"), p.path().join("hot.mem.prof")).unwrap();
    for format in ["text", "json", "sarif", "github", "grouped"] {
        let o = allocfix(
            p.path(),
            &[
                "check",
                "--color",
                "never",
                "--profile",
                "hot.mem.prof",
                "--format",
                format,
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        assert_eq!(
            stderr(&o),
            "profile hot.mem.prof: alloc_objects (count), total 30161; 1 function(s) of example.com/hot hold at least 1% (flat plus calls out of the module); 1 matched to source, 0 not matched\n2 finding(s) in 1 file(s)\n",
            "{format}"
        );
        let out = if format == "sarif" {
            sarif_without_rule_texts(&stdout(&o))
        } else {
            stdout(&o)
        };
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings
            .bind(|| insta::assert_snapshot!(format!("profile_check_{format}"), versionless(&out)));
    }
}

const CMD_TOOL: &str = r#"package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

var sink string

func label(n int) string {
	return fmt.Sprintf("%d", n)
}

func check(n int) error {
	if n < 0 {
		return errors.New("negative")
	}
	return nil
}

func main() {
	runtime.MemProfileRate = 1
	for i := 0; i < 20000; i++ {
		sink = label(i + 1000)
	}
	if err := check(1); err != nil {
		panic(err)
	}
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}
"#;

/// Another command with a function of the same name: the profile's `main.label` is the
/// tool's, which the folder of the file it names tells.
const CMD_OTHER: &str = "package main\n\nimport \"fmt\"\n\nfunc label(n int) string {\n\treturn fmt.Sprintf(\"%d\", n)\n}\n\nfunc main() {\n\tfmt.Println(label(1))\n}\n";

/// Real toolchain: a program (not a test binary) names its functions `main.F`; they are
/// matched to the command whose folder the profile names.
#[test]
fn real_toolchain_profile_of_a_program_matches_main_by_folder() {
    if !go_available("--profile of a program") {
        return;
    }
    let p = project(&[
        ("go.mod", "module example.com/pcmd\n\ngo 1.22\n"),
        ("cmd/tool/main.go", CMD_TOOL),
        ("cmd/other/main.go", CMD_OTHER),
    ]);
    let prof = p.path().join("allocs.prof");
    go_cmd(p.path(), &["run", "./cmd/tool", prof.to_str().unwrap()]);
    let o = allocfix(
        p.path(),
        &["check", "--profile", "allocs.prof", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc = json(&o);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["file"], "cmd/tool/main.go");
    assert_eq!(findings[0]["weight"]["function"], "main.label");
    assert_eq!(doc["profile"]["unmatched"], serde_json::json!([]));
    assert_eq!(doc["profile"]["matched"], 1);
}
