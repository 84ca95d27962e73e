//! The binary as a user runs it: exit codes, output shapes, writing, stdin, config errors.

mod common;

use common::{allocfix, project, stderr, stdout};

use std::process::{Command, Stdio};

const SENTINEL: &str = "package a\n\nimport \"errors\"\n\nfunc check(n int) error {\n\tif n < 0 {\n\t\treturn errors.New(\"negative input\")\n\t}\n\treturn nil\n}\n";
const CLEAN: &str = "package a\n\nfunc add(a, b int) int { return a + b }\n";
const REGEXP: &str = "package a\n\nimport \"regexp\"\n\nfunc isSlug(s string) bool {\n\treturn regexp.MustCompile(`^[a-z]+$`).MatchString(s)\n}\n";

#[test]
fn diff_exits_1_with_git_style_headers_and_writes_nothing() {
    let p = project(&[("a.go", SENTINEL)]);
    let o = allocfix(p.path(), &["diff", "--color", "never"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("--- a/a.go\n+++ b/a.go\n@@ "), "{out}");
    assert!(
        out.contains("+var errNegativeInput = errors.New(\"negative input\")"),
        "{out}"
    );
    assert!(
        out.contains("-\t\treturn errors.New(\"negative input\")\n+\t\treturn errNegativeInput\n"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(p.path().join("a.go")).unwrap(),
        SENTINEL
    );
}

#[test]
fn diff_exits_0_when_nothing_changes() {
    let p = project(&[("a.go", CLEAN)]);
    let o = allocfix(p.path(), &["diff"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn diff_applies_with_git_apply() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("SKIPPED: git not found");
        return;
    }
    let p = project(&[("pkg/a.go", SENTINEL)]);
    let o = allocfix(p.path(), &["diff", "--color", "never", "pkg"]);
    let patch = p.path().join("fix.patch");
    std::fs::write(&patch, stdout(&o)).unwrap();
    let applied = Command::new("git")
        .args(["apply", "fix.patch"])
        .current_dir(p.path())
        .output()
        .unwrap();
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    let fixed = std::fs::read_to_string(p.path().join("pkg/a.go")).unwrap();
    assert!(fixed.contains("return errNegativeInput"), "{fixed}");
}

#[test]
fn fix_writes_and_second_fix_is_a_no_op() {
    let p = project(&[("a.go", SENTINEL), ("b.go", REGEXP)]);
    let o = allocfix(p.path(), &["fix"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("fixed a.go (1 fix(es))"), "{out}");
    assert!(out.contains("fixed b.go (1 fix(es))"), "{out}");
    assert!(out.contains("2 fix(es) applied to 2 file(s)"), "{out}");
    let a = std::fs::read_to_string(p.path().join("a.go")).unwrap();
    assert!(
        a.contains("var errNegativeInput = errors.New(\"negative input\")\n\nfunc check"),
        "{a}"
    );
    let b = std::fs::read_to_string(p.path().join("b.go")).unwrap();
    assert!(
        b.contains("var slugRE = regexp.MustCompile(`^[a-z]+$`)"),
        "{b}"
    );
    let again = allocfix(p.path(), &["fix"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(
        stdout(&again).contains("0 fix(es) applied to 0 file(s)"),
        "{}",
        stdout(&again)
    );
    assert_eq!(allocfix(p.path(), &["diff"]).status.code(), Some(0));
}

#[test]
fn fix_keeps_crlf_bom_and_file_mode() {
    let crlf = format!("\u{feff}{}", SENTINEL.replace('\n', "\r\n"));
    let p = project(&[("a.go", &crlf)]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            p.path().join("a.go"),
            std::fs::Permissions::from_mode(0o640),
        )
        .unwrap();
    }
    let o = allocfix(p.path(), &["fix"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fixed = std::fs::read_to_string(p.path().join("a.go")).unwrap();
    assert!(fixed.starts_with('\u{feff}'));
    assert!(
        !fixed.replace("\r\n", "").contains('\n'),
        "a bare LF slipped in: {fixed:?}"
    );
    assert!(fixed.contains("return errNegativeInput\r\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(p.path().join("a.go"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    let leftovers: Vec<_> = std::fs::read_dir(p.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".allocfix"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn check_lists_findings_and_exits_1() {
    let p = project(&[("a.go", SENTINEL), ("c.go", CLEAN)]);
    let o = allocfix(p.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("a.go:7:10: sentinel-error: errors.New with a constant message"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("[fix]"), "{out}");
    let clean = project(&[("c.go", CLEAN)]);
    assert_eq!(allocfix(clean.path(), &["check"]).status.code(), Some(0));
}

#[test]
fn select_and_ignore() {
    let p = project(&[("a.go", SENTINEL), ("b.go", REGEXP)]);
    let o = allocfix(p.path(), &["check", "--select", "hoist-regexp"]);
    let out = stdout(&o);
    assert!(
        out.contains("hoist-regexp") && !out.contains("sentinel-error"),
        "{out}"
    );
    let o = allocfix(
        p.path(),
        &["check", "--ignore", "hoist-regexp,sentinel-error"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = allocfix(p.path(), &["check", "--select", "hoist-regex"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `hoist-regexp`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn stdin_mode_reads_and_writes_standard_streams() {
    let p = project(&[]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_allocfix"))
        .args(["fix", "-", "--stdin-filename", "x.go"])
        .current_dir(p.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(SENTINEL.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("return errNegativeInput"),
        "{}",
        stdout(&o)
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_allocfix"))
        .args([
            "diff",
            "--color",
            "never",
            "-",
            "--stdin-filename",
            "pkg/x.go",
        ])
        .current_dir(p.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(SENTINEL.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("--- a/pkg/x.go\n+++ b/pkg/x.go\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_broken_file_is_reported_and_does_not_stop_the_run() {
    let broken = "package a\n\nfunc broken() {\n\tx := \n}\n";
    let p = project(&[("a.go", SENTINEL), ("broken.go", broken)]);
    let o = allocfix(p.path(), &["fix"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("broken.go:5:1: syntax error") || err.contains("broken.go:4:"),
        "{err}"
    );
    assert!(err.contains("(file skipped)"), "{err}");
    assert_eq!(
        std::fs::read_to_string(p.path().join("broken.go")).unwrap(),
        broken
    );
    assert!(
        std::fs::read_to_string(p.path().join("a.go"))
            .unwrap()
            .contains("errNegativeInput")
    );
}

/// Go 1.26 `new(expr)` in one function, a sentinel to hoist in another, and a sentinel in
/// the function with `new(expr)` (reported, never fixed).
const NEW_EXPR: &str = "package a\n\nimport \"errors\"\n\n// p uses Go 1.26 new(expr).\nfunc p(n int) (*int, error) {\n\tif n < 0 {\n\t\treturn nil, errors.New(\"in p\")\n\t}\n\treturn new(n + 42), nil\n}\n\nfunc q(n int) error {\n\tif n < 0 {\n\t\treturn errors.New(\"in q\")\n\t}\n\treturn nil\n}\n";

#[test]
fn go_1_26_new_expr_files_are_fixed_partially() {
    let p = project(&[("a.go", SENTINEL), ("n.go", NEW_EXPR)]);
    let o = allocfix(p.path(), &["diff", "--color", "never"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(out.contains("+++ b/a.go"), "other files still processed");
    assert!(out.contains("+++ b/n.go"), "{out}");
    assert!(out.contains("+var errInQ = errors.New(\"in q\")"), "{out}");
    assert!(!out.contains("errInP"), "no fix inside p: {out}");
    assert!(
        err.contains("note: n.go:10:9: file fixed partially")
            && err.contains("declaration at lines 5-11 is left as it is"),
        "{err}"
    );
    assert!(!err.contains("error"), "{err}");

    let o = allocfix(p.path(), &["check", "--color", "never"]);
    let out = stdout(&o);
    assert!(
        out.contains("n.go:8:"),
        "the sentinel in p is reported: {out}"
    );
    assert!(out.contains("holds a Go 1.26 `new(expr)` call"), "{out}");
    assert!(
        stderr(&o).contains("file checked partially"),
        "{}",
        stderr(&o)
    );

    let o = allocfix(p.path(), &["fix"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fixed = std::fs::read_to_string(p.path().join("n.go")).unwrap();
    let region = &NEW_EXPR[NEW_EXPR.find("// p uses").unwrap()..NEW_EXPR.find("func q").unwrap()];
    assert!(
        fixed.contains(region),
        "the declaration with new(expr) is byte-identical:\n{fixed}"
    );
    assert!(fixed.contains("return errInQ"), "{fixed}");
    let o = allocfix(p.path(), &["diff"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "a second run changes nothing: {}",
        stdout(&o)
    );
}

#[test]
fn new_expr_beside_a_real_syntax_error_skips_the_file() {
    // The same file with a real syntax error in q: tree-sitter-go's errors are no longer
    // only `new(expr)`, so the whole file is skipped and left byte-identical.
    let broken = NEW_EXPR.replace("\treturn nil\n}\n", "\treturn nil +\n}\n");
    let p = project(&[("a.go", SENTINEL), ("n.go", &broken)]);
    let o = allocfix(p.path(), &["fix"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("n.go:") && err.contains("(file skipped)"),
        "{err}"
    );
    assert!(!err.contains("fixed partially"), "{err}");
    assert_eq!(
        std::fs::read_to_string(p.path().join("n.go")).unwrap(),
        broken
    );
    assert!(
        std::fs::read_to_string(p.path().join("a.go"))
            .unwrap()
            .contains("errNegativeInput")
    );
}

#[test]
fn skips_generated_vendor_testdata_hidden_and_tests() {
    let generated = format!("// Code generated by gen. DO NOT EDIT.\n\n{}", SENTINEL);
    let p = project(&[
        ("gen.go", &generated),
        (
            "vendor/v/a.go",
            SENTINEL.replace("package a", "package v").as_str(),
        ),
        ("testdata/a.go", SENTINEL),
        (".hidden/a.go", SENTINEL),
        ("a_test.go", SENTINEL),
        ("ignored/a.go", SENTINEL),
        (".gitignore", "ignored/\n"),
    ]);
    let o = allocfix(p.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = allocfix(p.path(), &["check", "--include-tests"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("a_test.go:"), "{}", stdout(&o));
}

#[test]
fn config_errors_name_file_line_and_key() {
    let cases = [
        (
            "selec = [\"hoist-regexp\"]\n",
            "allocfix.toml:1:1:",
            "unknown field `selec`",
        ),
        (
            "\nselect = [\"hoist-regex\"]\n",
            "allocfix.toml:2:11:",
            "did you mean `hoist-regexp`?",
        ),
        (
            "include-tests = \"yes\"\n",
            "allocfix.toml:1:17:",
            "invalid type",
        ),
        (
            "[transforms.sentinel-error]\nexported = 1\n",
            "allocfix.toml:2:12:",
            "must be a boolean",
        ),
        (
            "[transforms.sentinel-error]\nexport = true\n",
            "allocfix.toml:2:1:",
            "unknown option `export`",
        ),
    ];
    for (config, place, what) in cases {
        let p = project(&[("a.go", SENTINEL), ("allocfix.toml", config)]);
        let o = allocfix(p.path(), &["check"]);
        assert_eq!(o.status.code(), Some(2), "{config}");
        let err = stderr(&o);
        assert!(err.contains(place) && err.contains(what), "{config}: {err}");
    }
}

#[test]
fn config_overrides_apply_different_sets_per_path() {
    let config = "ignore = [\"hoist-regexp\"]\n\n[transforms.sentinel-error]\nexported = true\n\n[[overrides]]\npaths = [\"legacy\"]\nselect = [\"hoist-regexp\"]\n";
    let p = project(&[
        ("allocfix.toml", config),
        ("svc/a.go", SENTINEL),
        ("svc/b.go", REGEXP),
        ("legacy/a.go", SENTINEL),
        ("legacy/b.go", REGEXP),
    ]);
    let o = allocfix(p.path(), &["fix"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let read = |f: &str| std::fs::read_to_string(p.path().join(f)).unwrap();
    assert!(
        read("svc/a.go").contains("ErrNegativeInput"),
        "exported option applied"
    );
    assert_eq!(
        read("svc/b.go"),
        REGEXP,
        "hoist-regexp ignored outside legacy/"
    );
    assert_eq!(
        read("legacy/a.go"),
        SENTINEL,
        "only hoist-regexp selected in legacy/"
    );
    assert!(read("legacy/b.go").contains("var slugRE"));
}

#[test]
fn list_and_explain() {
    let p = project(&[]);
    let o = allocfix(p.path(), &["list"]);
    assert_eq!(o.status.code(), Some(0));
    for def in allocfix::transforms::ALL {
        assert!(stdout(&o).contains(def.id));
        let e = allocfix(p.path(), &["explain", def.id]);
        let text = stdout(&e);
        for section in [
            "## What it does",
            "## Why",
            "## Example",
            "## When it does not apply",
            "## Fix safety",
        ] {
            assert!(text.contains(section), "{}: no {section}", def.id);
        }
    }
}

#[test]
fn jobs_is_bounded_with_a_clear_message() {
    let p = project(&[("a.go", SENTINEL)]);
    let o = allocfix(p.path(), &["check", "--jobs", "1000000"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("--jobs") && err.contains("0..=256"), "{err}");
    assert!(stdout(&o).is_empty(), "nothing runs: {}", stdout(&o));
    let o = allocfix(p.path(), &["check", "--jobs", "256"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn opt_in_transforms_run_only_when_selected_by_name() {
    let src = "package p\n\nimport \"fmt\"\n\nfunc Show(names []string) {\n\tfor _, n := range names {\n\t\tfmt.Println(n)\n\t}\n}\n";
    let p = project(&[
        ("go.mod", "module example.com/p\n\ngo 1.22\n"),
        ("p.go", src),
    ]);
    let o = allocfix(p.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(!stdout(&o).contains("boxing-in-loop"), "{}", stdout(&o));
    let o = allocfix(p.path(), &["check", "--select", "boxing-in-loop", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("p.go:7:3: boxing-in-loop:"),
        "{}",
        stdout(&o)
    );
    std::fs::write(
        p.path().join("allocfix.toml"),
        "select = [\"boxing-in-loop\"]\n",
    )
    .unwrap();
    let o = allocfix(p.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("boxing-in-loop:"), "{}", stdout(&o));
    let list = stdout(&allocfix(p.path(), &["list"]));
    let line = list
        .lines()
        .find(|l| l.starts_with("boxing-in-loop "))
        .expect("listed");
    assert!(line.ends_with("; opt-in]"), "{line}");
    let explain = stdout(&allocfix(p.path(), &["explain", "boxing-in-loop"]));
    assert!(
        explain.contains("Opt-in: runs only when selected by name"),
        "{explain}"
    );
}
