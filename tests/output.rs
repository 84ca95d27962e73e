//! Output and integration: `--format`, `--statistics`, suppression comments,
//! `--report-unused-ignores`, exit-code flags, completions, the pre-commit hooks and the
//! README's integration sections.

mod common;

use common::{allocfix, json, project, sarif_without_rule_texts, stderr, stdout, versionless};

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// One finding of each outcome: safe fixes (sentinel-error, hoist-regexp,
/// sprintf-strconv, which also swaps an import), an unsafe fix (prealloc-slice, a
/// conditional append) and a finding without a fix (string-builder on a parameter). The
/// error message has a non-ASCII letter, so byte and UTF-16 columns differ after it.
const MIXED: &str = r#"package pkg

import (
	"errors"
	"fmt"
	"regexp"
)

// Check validates n.
func Check(n int) error {
	if n < 0 {
		return errors.New("négative: input")
	}
	return nil
}

func isSlug(s string) bool {
	return regexp.MustCompile(`^[a-z]+$`).MatchString(s)
}

func evens(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x%2 == 0 {
			out = append(out, x)
		}
	}
	return out
}

func join(s string, parts []string) string {
	for _, p := range parts {
		s += p
	}
	return s
}

func label(n int) string {
	return fmt.Sprintf("%d", n)
}
"#;

const OTHER: &str = "package pkg\n\nimport \"errors\"\n\nfunc other() error {\n\treturn errors.New(\"other failure\")\n}\n";

fn mixed() -> tempfile::TempDir {
    project(&[
        ("go.mod", "module example.com/m\n\ngo 1.22\n"),
        ("pkg/a.go", MIXED),
        ("pkg/b.go", OTHER),
    ])
}

/// The output with the crate version replaced, so snapshots survive a version bump.
fn snapshot(name: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name.to_string(), value));
}

#[test]
fn every_check_format_matches_its_golden_output() {
    let p = mixed();
    for format in ["text", "json", "sarif", "github", "grouped"] {
        let o = allocfix(p.path(), &["check", "--color", "never", "--format", format]);
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        assert_eq!(stderr(&o), "6 finding(s) in 2 file(s)\n", "{format}");
        let out = if format == "sarif" {
            sarif_without_rule_texts(&stdout(&o))
        } else {
            stdout(&o)
        };
        snapshot(&format!("check_{format}"), &versionless(&out));
    }
    // text is the default.
    let default = allocfix(p.path(), &["check", "--color", "never"]);
    let text = allocfix(p.path(), &["check", "--color", "never", "--format", "text"]);
    assert_eq!(stdout(&default), stdout(&text));
}

fn point(v: &Value) -> (u64, u64, u64) {
    (
        v["line"].as_u64().expect("line"),
        v["column"].as_u64().expect("column"),
        v["offset"].as_u64().expect("offset"),
    )
}

/// Applies the edits of one JSON finding to the bytes of the files they name.
fn apply_json_edits(root: &Path, finding: &Value) -> Vec<(String, Vec<u8>)> {
    let mut by_file: std::collections::BTreeMap<String, Vec<&Value>> = Default::default();
    for e in finding["fix"]["edits"].as_array().expect("edits") {
        by_file
            .entry(e["file"].as_str().expect("file").to_string())
            .or_default()
            .push(e);
    }
    let mut out = Vec::new();
    for (file, mut edits) in by_file {
        let mut bytes = std::fs::read(root.join(&file)).expect("read");
        edits.sort_by_key(|e| std::cmp::Reverse(point(&e["range"]["start"]).2));
        for e in edits {
            let (s, t) = (
                point(&e["range"]["start"]).2 as usize,
                point(&e["range"]["end"]).2 as usize,
            );
            let content = e["content"].as_str().expect("content").as_bytes();
            bytes.splice(s..t, content.iter().copied());
        }
        out.push((file, bytes));
    }
    out
}

#[test]
fn json_schema_v2_and_each_fix_applies_alone_like_fix_does() {
    let p = mixed();
    let o = allocfix(p.path(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc = json(&o);
    assert_eq!(doc["version"], 2);
    assert_eq!(doc["tool"]["name"], "allocfix");
    assert_eq!(doc["command"], "check");
    assert_eq!(doc["summary"]["findings"], 6);
    assert_eq!(doc["summary"]["files_with_findings"], 2);
    assert_eq!(doc["errors"], Value::Array(vec![]));
    let findings = doc["findings"].as_array().expect("findings");
    let mut outcomes: Vec<(String, String)> = Vec::new();
    for f in findings {
        let id = f["id"].as_str().expect("id").to_string();
        let file = f["file"].as_str().expect("file");
        let (line, column, offset) = point(&f["range"]["start"]);
        let (end_line, _, end_offset) = point(&f["range"]["end"]);
        assert!(line >= 1 && column >= 1 && end_line >= line && end_offset > offset);
        // The offsets and the line/column name the same place of the file.
        let text = std::fs::read_to_string(p.path().join(file)).unwrap();
        let before = &text[..offset as usize];
        assert_eq!(before.matches('\n').count() as u64 + 1, line, "{id}");
        assert_eq!(
            (before.len() - before.rfind('\n').map_or(0, |i| i + 1)) as u64 + 1,
            column,
            "{id}"
        );
        assert!(!f["message"].as_str().expect("message").is_empty());
        let applicability = f["fix"]["applicability"].as_str().expect("applicability");
        outcomes.push((id.clone(), applicability.to_string()));
        let edits = f["fix"]["edits"].as_array().expect("edits");
        assert_eq!(edits.is_empty(), applicability == "none", "{id}");
        if applicability == "none" {
            continue;
        }
        // One fix's edits, applied to the bytes on disk, give what `fix` gives when it
        // runs this transform alone (every transform has one finding per file here).
        let copy = tempfile::tempdir().unwrap();
        common::copy_tree(p.path(), copy.path());
        let mut args = vec!["fix", "--select", &id];
        if applicability == "unsafe" {
            args.push("--unsafe");
        }
        let fixed = allocfix(copy.path(), &args);
        assert_eq!(fixed.status.code(), Some(0), "{}", stderr(&fixed));
        for (file, bytes) in apply_json_edits(p.path(), f) {
            let expected = std::fs::read(copy.path().join(&file)).unwrap();
            assert_eq!(
                String::from_utf8_lossy(&bytes),
                String::from_utf8_lossy(&expected),
                "{id} in {file}"
            );
        }
    }
    let mut outcomes: Vec<(&str, &str)> = outcomes
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    outcomes.sort();
    assert_eq!(
        outcomes,
        [
            ("hoist-regexp", "safe"),
            ("prealloc-slice", "unsafe"),
            ("sentinel-error", "safe"),
            ("sentinel-error", "safe"),
            ("sprintf-strconv", "safe"),
            ("string-builder", "none"),
        ]
    );
}

#[test]
fn json_offsets_and_edits_are_in_the_stored_bytes_of_crlf_and_bom_files() {
    let crlf = format!("\u{feff}{}", MIXED.replace('\n', "\r\n"));
    let p = project(&[("a.go", &crlf)]);
    let doc = json(&allocfix(
        p.path(),
        &["check", "--format", "json", "--select", "sprintf-strconv"],
    ));
    let f = &doc["findings"][0];
    let (_, _, offset) = point(&f["range"]["start"]);
    assert!(crlf[offset as usize..].starts_with("fmt.Sprintf("));
    let copy = tempfile::tempdir().unwrap();
    common::copy_tree(p.path(), copy.path());
    allocfix(copy.path(), &["fix", "--select", "sprintf-strconv"]);
    let expected = std::fs::read(copy.path().join("a.go")).unwrap();
    let applied = apply_json_edits(p.path(), f);
    assert_eq!(applied[0].1, expected);
    assert!(
        String::from_utf8(expected)
            .unwrap()
            .contains("\"strconv\"\r\n")
    );
}

#[test]
fn json_edits_replace_a_lone_import_the_fix_no_longer_needs() {
    // The only use of fmt goes, strconv comes: the import added and the import removed
    // touch the same declaration, so they come as one edit.
    let src = "package a\n\nimport \"fmt\"\n\nfunc label(n int) string {\n\treturn fmt.Sprintf(\"%d\", n)\n}\n";
    let p = project(&[("a.go", src)]);
    let doc = json(&allocfix(p.path(), &["check", "--format", "json"]));
    let f = &doc["findings"][0];
    assert_eq!(f["id"], "sprintf-strconv");
    assert_eq!(f["fix"]["edits"].as_array().unwrap().len(), 2, "{f}");
    let applied = apply_json_edits(p.path(), f);
    allocfix(p.path(), &["fix"]);
    let fixed = std::fs::read_to_string(p.path().join("a.go")).unwrap();
    assert!(!fixed.contains("\"fmt\""), "{fixed}");
    assert_eq!(String::from_utf8(applied[0].1.clone()).unwrap(), fixed);
}

#[test]
fn sarif_has_every_property_the_2_1_0_schema_and_code_scanning_require() {
    let p = mixed();
    let o = allocfix(p.path(), &["check", "--format", "sarif"]);
    let doc = json(&o);
    // sarifLog: version and runs required; $schema names the 2.1.0 schema.
    assert_eq!(doc["version"], "2.1.0");
    assert!(
        doc["$schema"]
            .as_str()
            .is_some_and(|s| s.ends_with("sarif-schema-2.1.0.json")),
        "{}",
        doc["$schema"]
    );
    let runs = doc["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    // run: tool required; tool: driver required; toolComponent: name required.
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "allocfix");
    let rules = driver["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules
        .iter()
        .map(|r| {
            r["id"]
                .as_str()
                .expect("reportingDescriptor.id is required")
        })
        .collect();
    for def in allocfix::transforms::ALL {
        assert!(ids.contains(&def.id), "rule {} missing", def.id);
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "rule ids are unique");
    for r in rules {
        // multiformatMessageString: text required.
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(r[key]["text"].as_str().is_some_and(|t| !t.is_empty()));
        }
        assert_eq!(r["defaultConfiguration"]["level"], "warning");
        // A rule of the catalogue states its declared fix availability.
        if let Some(def) = allocfix::transforms::ALL.iter().find(|d| d.id == r["id"]) {
            assert_eq!(r["properties"]["fixAvailability"], def.fix.id());
            assert_eq!(r["properties"]["fixSafety"], def.fix_safety().as_str());
        }
    }
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 6);
    for res in results {
        let rule = res["ruleId"].as_str().expect("ruleId");
        let index = res["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(ids[index], rule);
        assert!(["none", "note", "warning", "error"].contains(&res["level"].as_str().unwrap()));
        // result: message required; message: text (or id) required.
        assert!(
            res["message"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
        let locations = res["locations"].as_array().expect("locations");
        assert_eq!(locations.len(), 1);
        let phys = &locations[0]["physicalLocation"];
        let uri = phys["artifactLocation"]["uri"].as_str().expect("uri");
        assert!(uri.starts_with("pkg/") && uri.ends_with(".go") && !uri.contains('\\'));
        let region = &phys["region"];
        let start_line = region["startLine"].as_u64().expect("startLine");
        let start_column = region["startColumn"].as_u64().expect("startColumn");
        assert!(start_line >= 1 && start_column >= 1);
        assert!(region["endLine"].as_u64().unwrap() >= start_line);
        // fix: artifactChanges required; artifactChange: artifactLocation and
        // replacements; replacement: deletedRegion.
        if let Some(fixes) = res.get("fixes") {
            for fix in fixes.as_array().unwrap() {
                for change in fix["artifactChanges"].as_array().expect("artifactChanges") {
                    assert!(change["artifactLocation"]["uri"].is_string());
                    for rep in change["replacements"].as_array().expect("replacements") {
                        assert!(rep["deletedRegion"]["byteOffset"].is_u64());
                        assert!(rep["deletedRegion"]["byteLength"].is_u64());
                    }
                }
            }
        }
    }
    // Columns are UTF-16 code units: the sentinel's end is one unit left of its byte
    // column, after the two-byte é.
    let json_doc = json(&allocfix(p.path(), &["check", "--format", "json"]));
    let j = json_doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("errInput"))
        .expect("the non-ASCII sentinel");
    let s = results
        .iter()
        .find(|r| r["message"]["text"].as_str().unwrap().contains("errInput"))
        .unwrap();
    assert_eq!(
        s["locations"][0]["physicalLocation"]["region"]["endColumn"]
            .as_u64()
            .unwrap()
            + 1,
        j["range"]["end"]["column"].as_u64().unwrap()
    );
}

#[test]
fn github_format_is_one_workflow_command_per_finding() {
    let p = mixed();
    let o = allocfix(p.path(), &["check", "--format", "github"]);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 6);
    for line in out.lines() {
        let rest = line.strip_prefix("::warning ").expect(line);
        let (props, message) = rest.split_once("::").expect(line);
        let pairs: Vec<(&str, &str)> = props
            .split(',')
            .map(|kv| kv.split_once('=').expect(line))
            .collect();
        let keys: Vec<&str> = pairs.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "endLine", "endColumn", "title"],
            "{line}"
        );
        assert!(pairs[0].1.starts_with("pkg/"), "{line}");
        for (_, v) in &pairs[1..5] {
            assert!(v.parse::<usize>().is_ok_and(|n| n >= 1), "{line}");
        }
        assert!(!message.is_empty() && !message.contains('\n'));
    }
    // A `:` in a message stays as it is in the data part, and is escaped in a property.
    assert!(out.contains("title=allocfix sentinel-error::"), "{out}");
}

#[test]
fn grouped_format_lists_findings_under_each_file() {
    let p = mixed();
    let out = stdout(&allocfix(
        p.path(),
        &["check", "--color", "never", "--format", "grouped"],
    ));
    let groups: Vec<&str> = out.split("\n\n").filter(|g| !g.is_empty()).collect();
    assert_eq!(groups.len(), 2, "{out}");
    assert!(groups[0].starts_with("pkg/a.go:\n"), "{out}");
    assert_eq!(groups[0].lines().count(), 6);
    assert!(
        groups[1].starts_with("pkg/b.go:\n  6:9 sentinel-error "),
        "{out}"
    );
}

#[test]
fn statistics_count_per_transform_and_outcome() {
    let p = mixed();
    let o = allocfix(p.path(), &["check", "--statistics"]);
    assert_eq!(o.status.code(), Some(1));
    snapshot("statistics_check", &stdout(&o));

    let o = allocfix(p.path(), &["diff", "--statistics"]);
    assert_eq!(o.status.code(), Some(1));
    snapshot("statistics_diff", &stdout(&o));

    let o = allocfix(
        p.path(),
        &["diff", "--statistics", "--format", "json", "--unsafe"],
    );
    let doc = json(&o);
    assert_eq!(doc["version"], 2);
    let stats = doc["statistics"].as_array().unwrap();
    let get = |id: &str| stats.iter().find(|s| s["id"] == id).unwrap().clone();
    assert_eq!(get("prealloc-slice")["fixed"], 1);
    assert_eq!(get("prealloc-slice")["unsafe_fix"], 1);
    assert_eq!(get("sentinel-error")["findings"], 2);
    assert_eq!(get("sentinel-error")["fixed"], 2);
    assert_eq!(get("string-builder")["no_fix"], 1);
    assert_eq!(get("string-builder")["fixed"], 0);

    // fix --statistics reports what it applied; nothing is left to fix afterwards.
    let o = allocfix(p.path(), &["fix", "--statistics"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("total                   6         4           1       1      4"),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).contains("4 fix(es) applied to 2 file(s)"));
    let o = allocfix(p.path(), &["check", "--statistics"]);
    assert!(
        stdout(&o).contains("total                  2         0           1       1\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn diff_and_fix_print_json_summaries_and_refuse_finding_formats() {
    let p = mixed();
    let o = allocfix(p.path(), &["diff", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let doc = json(&o);
    assert_eq!(doc["command"], "diff");
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["file"], "pkg/a.go");
    assert_eq!(files[0]["fixes_applied"], 3);
    assert_eq!(files[0]["fixed_by"]["sprintf-strconv"], 1);
    assert!(
        files[0]["diff"]
            .as_str()
            .unwrap()
            .starts_with("--- a/pkg/a.go\n")
    );
    assert_eq!(doc["summary"]["fixes_applied"], 4);
    assert_eq!(
        std::fs::read_to_string(p.path().join("pkg/a.go")).unwrap(),
        MIXED
    );

    for format in ["sarif", "github", "grouped"] {
        for cmd in ["diff", "fix"] {
            let o = allocfix(p.path(), &[cmd, "--format", format]);
            assert_eq!(o.status.code(), Some(2), "{cmd} {format}");
            assert!(stderr(&o).contains("use it with `check`"), "{}", stderr(&o));
        }
        let o = allocfix(p.path(), &["check", "--statistics", "--format", format]);
        assert_eq!(o.status.code(), Some(2));
    }

    let o = allocfix(p.path(), &["fix", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = json(&o);
    assert_eq!(doc["command"], "fix");
    assert_eq!(doc["summary"]["files_changed"], 2);
    assert!(doc["files"][0].get("diff").is_none());
    assert_ne!(
        std::fs::read_to_string(p.path().join("pkg/a.go")).unwrap(),
        MIXED
    );
}

/// `check` lines (path:line:col: id) for a one-file project.
fn check_ids(src: &str, extra: &[&str]) -> (Vec<String>, Option<i32>) {
    let p = project(&[("a.go", src)]);
    let mut args = vec!["check", "--color", "never"];
    args.extend_from_slice(extra);
    let o = allocfix(p.path(), &args);
    let lines = stdout(&o)
        .lines()
        .map(|l| {
            let mut parts = l.splitn(5, ':');
            let (_, line, _, id) = (parts.next(), parts.next(), parts.next(), parts.next());
            format!("{}:{}", line.unwrap(), id.unwrap().trim())
        })
        .collect();
    (lines, o.status.code())
}

const SUPPRESSED_FILE: &str = r#"package a

import (
	"errors"
	"regexp"
)

func lineAbove(n int) error {
	//allocfix:ignore
	return errors.New("line above")
}

func sameLine(n int) error {
	return errors.New("same line") //allocfix:ignore sentinel-error // cold path
}

func otherID(n int) error {
	return errors.New("other id") //allocfix:ignore hoist-regexp
}

// docComment is cold.
//
//allocfix:ignore
func docComment(s string) error {
	if regexp.MustCompile(`^a$`).MatchString(s) {
		return errors.New("doc comment")
	}
	return nil
}

func bodyTop(s string) error {
	//allocfix:ignore sentinel-error,hoist-regexp
	if regexp.MustCompile(`^b$`).MatchString(s) {
		return errors.New("body top")
	}
	return nil
}

func funcLine(s string) error { //allocfix:ignore
	if regexp.MustCompile(`^c$`).MatchString(s) {
		return errors.New("func line")
	}
	return nil
}

func notSuppressed() error {
	return errors.New("still reported")
}
"#;

#[test]
fn allocfix_ignore_on_the_line_above_function_and_file() {
    let (lines, code) = check_ids(SUPPRESSED_FILE, &[]);
    assert_eq!(code, Some(1));
    assert_eq!(lines, ["18:sentinel-error", "47:sentinel-error"]);

    // A suppressed finding gets no fix either: `fix` changes only the other two.
    let p = project(&[("a.go", SUPPRESSED_FILE)]);
    let o = allocfix(p.path(), &["fix"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fixed = std::fs::read_to_string(p.path().join("a.go")).unwrap();
    for kept in [
        "return errors.New(\"line above\")",
        "return errors.New(\"same line\")",
        "regexp.MustCompile(`^a$`)",
        "return errors.New(\"doc comment\")",
        "regexp.MustCompile(`^b$`)",
        "regexp.MustCompile(`^c$`)",
        "return errors.New(\"func line\")",
    ] {
        assert!(fixed.contains(kept), "{kept} was rewritten:\n{fixed}");
    }
    assert!(!fixed.contains("errors.New(\"other id\")\n\t}"), "{fixed}");
    assert!(fixed.contains("return errStillReported"), "{fixed}");

    // File level: before the package clause, with or without ids.
    let whole = format!("//allocfix:ignore\n\n{SUPPRESSED_FILE}");
    assert_eq!(check_ids(&whole, &[]), (vec![], Some(0)));
    let only = format!("// Copyright.\n\n//allocfix:ignore sentinel-error\n{SUPPRESSED_FILE}");
    assert_eq!(check_ids(&only, &[]).0, Vec::<String>::new());
    let other = format!("//allocfix:ignore hoist-regexp\n{SUPPRESSED_FILE}");
    assert_eq!(
        check_ids(&other, &[]).0,
        ["19:sentinel-error", "48:sentinel-error"]
    );
}

const NOLINT_FILE: &str = r#"package a

import "errors"

func bare() error {
	return errors.New("bare") //nolint
}

func named() error {
	return errors.New("named") //nolint:gocritic,allocfix // cold
}

func all() error {
	return errors.New("all") //nolint:all
}

func otherLinter() error {
	return errors.New("other linter") //nolint:gocritic
}

//nolint:allocfix
func aboveFunc(n int) error {
	if n > 0 {
		return errors.New("above func")
	}
	return nil
}

func onFuncLine(n int) error { //nolint:allocfix
	if n > 0 {
		return errors.New("on func line")
	}
	return nil
}

func aboveStatement(n int) error {
	//nolint:allocfix
	if n > 0 {
		return errors.New("above statement")
	}
	if n < 0 {
		return errors.New("next statement")
	}
	return nil
}

func spaced() error {
	// nolint
	return errors.New("spaced")
}
"#;

#[test]
fn nolint_is_read_as_golangci_lint_reads_it() {
    let (lines, _) = check_ids(NOLINT_FILE, &[]);
    assert_eq!(lines, ["18:sentinel-error", "42:sentinel-error"]);
    let whole = format!("//nolint:allocfix\n{NOLINT_FILE}");
    assert_eq!(check_ids(&whole, &[]), (vec![], Some(0)));
    // Detached from the package clause by a blank line: it covers its own line only.
    let detached = format!("//nolint:allocfix\n\n{NOLINT_FILE}");
    assert_eq!(check_ids(&detached, &[]).0.len(), 2);
}

#[test]
fn report_unused_ignores() {
    let src = r#"package a

import "errors"

func f() error {
	x := 1
	//allocfix:ignore
	_ = x
	return errors.New("used") //allocfix:ignore sentinel-error,hoist-regexp,no-such-id
}

func g() int {
	return 1 //nolint
}

func h() int {
	return 2 //nolint:allocfix
}

func k() error {
	return errors.New("ignored by a used directive") //allocfix:ignore
}
"#;
    let (lines, code) = check_ids(src, &[]);
    assert_eq!((lines, code), (vec![], Some(0)));
    let (lines, code) = check_ids(src, &["--report-unused-ignores"]);
    assert_eq!(
        lines,
        ["7:unused-ignore", "9:unused-ignore", "17:unused-ignore"]
    );
    assert_eq!(code, Some(1));
    let p = project(&[("a.go", src)]);
    let out = stdout(&allocfix(p.path(), &["check", "--report-unused-ignores"]));
    assert!(
        out.contains("a.go:9:28: unused-ignore: unused suppression `//allocfix:ignore sentinel-error,hoist-regexp,no-such-id`: suppresses nothing for hoist-regexp; unknown transform id no-such-id\n"),
        "{out}"
    );
    // A transform not run here cannot have used its suppression: not reported.
    let (lines, _) = check_ids(
        src,
        &["--report-unused-ignores", "--select", "sentinel-error"],
    );
    assert_eq!(
        lines,
        ["7:unused-ignore", "9:unused-ignore", "17:unused-ignore"]
    );
    let out = stdout(&allocfix(
        p.path(),
        &[
            "check",
            "--report-unused-ignores",
            "--select",
            "sentinel-error",
        ],
    ));
    assert!(
        out.contains("`: unknown transform id no-such-id\n"),
        "{out}"
    );
    // diff and fix report them on stderr, and they do not change the exit code.
    let o = allocfix(p.path(), &["diff", "--report-unused-ignores"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stderr(&o).matches("unused-ignore").count(),
        3,
        "{}",
        stderr(&o)
    );
}

#[test]
fn exit_zero_and_exit_non_zero_on_fix() {
    let p = mixed();
    let o = allocfix(p.path(), &["check", "--exit-zero"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).lines().count(), 6);
    let o = allocfix(p.path(), &["diff", "--exit-zero"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("--- a/pkg/a.go"));
    let o = allocfix(
        p.path(),
        &["check", "--exit-zero", "--exit-non-zero-on-fix"],
    );
    assert_eq!(o.status.code(), Some(2), "the two flags conflict");

    let o = allocfix(p.path(), &["fix", "--exit-non-zero-on-fix"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = allocfix(p.path(), &["fix", "--exit-non-zero-on-fix"]);
    assert_eq!(o.status.code(), Some(0), "nothing left to fix");
    let o = allocfix(
        p.path(),
        &[
            "check",
            "--exit-non-zero-on-fix",
            "--select",
            "hoist-regexp",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "check fixes nothing");

    // Errors still exit 2.
    let broken = project(&[("a.go", "package a\n\nfunc (\n"), ("b.go", OTHER)]);
    for args in [&["check", "--exit-zero"][..], &["diff", "--exit-zero"]] {
        assert_eq!(allocfix(broken.path(), args).status.code(), Some(2));
    }

    // Standard input: fix - with --exit-non-zero-on-fix.
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_allocfix"))
        .args(["fix", "-", "--exit-non-zero-on-fix"])
        .current_dir(p.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(OTHER.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("errOtherFailure"));
}

#[test]
fn help_and_readme_carry_the_exit_code_table() {
    let p = project(&[]);
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["diff", "--help"],
        &["fix", "--help"],
    ] {
        let help = stdout(&allocfix(p.path(), args));
        assert!(help.contains("Exit codes:"), "{args:?}: {help}");
        assert!(help.contains("--exit-zero") || args.len() == 1, "{help}");
    }
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("\n## Exit codes\n")
        .nth(1)
        .expect("README has an `## Exit codes` section");
    let section = section.split("\n## ").next().unwrap();
    for row in [
        "| 0 |",
        "| 1 |",
        "| 2 |",
        "--exit-zero",
        "--exit-non-zero-on-fix",
    ] {
        assert!(section.contains(row), "Exit codes section lacks {row}");
    }
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    let p = project(&[]);
    for shell in ["bash", "zsh", "fish"] {
        let o = allocfix(p.path(), &["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = stdout(&o);
        for word in [
            "allocfix",
            "check",
            "diff",
            "explain",
            "format",
            "statistics",
            "sarif",
        ] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
        if Command::new(shell).arg("--version").output().is_ok() {
            let file = p.path().join(format!("allocfix.{shell}"));
            std::fs::write(&file, &script).unwrap();
            let flag = if shell == "fish" {
                "--no-execute"
            } else {
                "-n"
            };
            let syntax = Command::new(shell).arg(flag).arg(&file).output().unwrap();
            assert!(syntax.status.success(), "{shell}: {}", stderr(&syntax));
        }
    }
    assert_eq!(
        allocfix(p.path(), &["completions", "tcsh"]).status.code(),
        Some(2)
    );
}

/// The `entry:` lines of .pre-commit-hooks.yaml, by hook id.
fn hooks() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .expect(".pre-commit-hooks.yaml at the repository root");
    let mut out = Vec::new();
    let mut id = None;
    for line in text.lines() {
        if let Some(v) = line.trim_start().strip_prefix("- id:") {
            id = Some(v.trim().to_string());
        }
        if let Some(v) = line.trim_start().strip_prefix("entry:") {
            out.push((id.clone().expect("id before entry"), v.trim().to_string()));
        }
    }
    out
}

#[test]
fn pre_commit_hooks_run_as_pre_commit_runs_them() {
    let hooks = hooks();
    let ids: Vec<&str> = hooks.iter().map(|(i, _)| i.as_str()).collect();
    assert_eq!(ids, ["allocfix", "allocfix-check"]);
    for (id, entry) in &hooks {
        let mut words = entry.split_whitespace();
        assert_eq!(words.next(), Some("allocfix"));
        let args: Vec<&str> = words.collect();
        // pre-commit appends the staged file names.
        let p = project(&[("a.go", OTHER), ("b.go", "package pkg\n")]);
        let mut run = args.clone();
        run.extend(["a.go", "b.go"]);
        let first = allocfix(p.path(), &run);
        assert_eq!(first.status.code(), Some(1), "{id}: {}", stderr(&first));
        if id == "allocfix" {
            // The hook fixed the file and fails, as pre-commit expects when files change;
            // the next run passes.
            assert!(
                std::fs::read_to_string(p.path().join("a.go"))
                    .unwrap()
                    .contains("errOtherFailure")
            );
            assert_eq!(allocfix(p.path(), &run).status.code(), Some(0));
        }
    }
}

#[test]
fn readme_shows_a_github_actions_workflow_with_annotations() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let yaml = readme
        .split("```yaml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .find(|b| b.contains("runs-on:"))
        .expect("a GitHub Actions workflow in the README");
    assert!(yaml.contains("allocfix check --format github"), "{yaml}");
    assert!(yaml.contains("--format sarif"), "{yaml}");
    assert!(yaml.contains("upload-sarif"), "{yaml}");
}
