//! No silent crash: inputs that once panicked, and what a run does when a package's work
//! panics (injected with `ALLOCFIX_PANIC_ON`): an error naming the file and the stage, the
//! other packages fixed and reported, exit 2. Also: the panic hook passes on every panic it
//! was not asked to catch.

use std::path::Path;
use std::process::{Command, Output};

fn allocfix(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_allocfix"))
        .args(args)
        .env_remove("ALLOCFIX_DEBUG")
        .env_remove("ALLOCFIX_PANIC_ON")
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .expect("runs")
}

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, content) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, content).expect("write");
    }
    dir
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).expect("readable")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

const DUP_SINGLE: &str = "package p\n\nimport \"fmt\"\nimport \"fmt\"\n\nfunc f() error { return fmt.Errorf(\"boom\") }\n";
const DUP_GROUPED: &str = "package p\n\nimport (\n\t\"fmt\"\n\t\"fmt\"\n)\n\nfunc f() error { return fmt.Errorf(\"boom\") }\n";
const FIXED: &str = "package p\n\nimport \"errors\"\n\nvar errBoom = errors.New(\"boom\")\n\nfunc f() error { return errBoom }\n";

#[test]
fn duplicate_imports_do_not_crash_fix_unsafe() {
    for src in [DUP_SINGLE, DUP_GROUPED] {
        let p = project(&[("a.go", src)]);
        let o = allocfix(p.path(), &["fix", "--unsafe"], &[]);
        assert_eq!(o.status.code(), Some(0), "{src}\n{}", stderr(&o));
        assert_eq!(
            stdout(&o),
            "fixed a.go (1 fix(es))\n1 fix(es) applied to 1 file(s)\n"
        );
        // Both copies of the import went with their last use; the one import left is
        // written `import "errors"`, gofmt-clean.
        assert_eq!(read(p.path(), "a.go"), FIXED, "from:\n{src}");

        let p = project(&[("a.go", src)]);
        let o = allocfix(p.path(), &["diff", "--unsafe", "--color", "never"], &[]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stdout(&o).contains("+var errBoom = errors.New(\"boom\")"));
        assert_eq!(read(p.path(), "a.go"), src, "diff writes nothing");
    }
}

const SENTINEL_A: &str = "package a\n\nimport (\n\t\"errors\"\n\t\"regexp\"\n)\n\nfunc check(n int) error {\n\tif n < 0 {\n\t\treturn errors.New(\"negative\")\n\t}\n\treturn nil\n}\n\nfunc slug(s string) bool {\n\treturn regexp.MustCompile(`^[a-z]+$`).MatchString(s)\n}\n";
const SENTINEL_B: &str = "package b\n\nimport \"errors\"\n\nfunc check(n int) error {\n\tif n < 0 {\n\t\treturn errors.New(\"negative\")\n\t}\n\treturn nil\n}\n";

#[test]
fn a_panicking_transform_is_reported_and_the_run_goes_on() {
    let p = project(&[
        ("a/a.go", SENTINEL_A),
        (
            "a/other.go",
            SENTINEL_B
                .replace("package b", "package a")
                .replace("check", "check2")
                .as_str(),
        ),
        ("b/b.go", SENTINEL_B),
    ]);
    let o = allocfix(
        p.path(),
        &["fix"],
        &[("ALLOCFIX_PANIC_ON", "sentinel-error:a.go")],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("error: a/a.go: internal error in sentinel-error: injected panic (ALLOCFIX_PANIC_ON=sentinel-error:a.go) (at src/guard.rs:"),
        "{err}"
    );
    assert!(
        err.contains("its findings in this file are skipped"),
        "{err}"
    );
    assert!(
        !err.contains("panicked at"),
        "the caught panic is kept off the terminal: {err}"
    );
    // The same package's other file, the other transform on the file, and the other
    // package are fixed, and reported.
    let out = stdout(&o);
    assert!(out.contains("fixed a/a.go (1 fix(es))"), "{out}");
    assert!(out.contains("fixed a/other.go (1 fix(es))"), "{out}");
    assert!(out.contains("fixed b/b.go (1 fix(es))"), "{out}");
    assert!(out.contains("3 fix(es) applied to 3 file(s)"), "{out}");
    let a = read(p.path(), "a/a.go");
    assert!(
        a.contains("errors.New(\"negative\")\n\t}"),
        "sentinel-error skipped in a.go:\n{a}"
    );
    assert!(
        !a.contains("regexp.MustCompile(`^[a-z]+$`).MatchString"),
        "hoisted:\n{a}"
    );
    assert!(read(p.path(), "b/b.go").contains("return errNegative"));
}

#[test]
fn a_panic_while_applying_fixes_leaves_the_package_untouched_and_the_run_goes_on() {
    let p = project(&[
        ("a/a.go", SENTINEL_A),
        ("a/z.go", "package a\n\nfunc z() {}\n"),
        ("b/b.go", SENTINEL_B),
    ]);
    for (mode, want_out) in [
        ("diff", ""),
        ("check", ""),
        (
            "fix",
            "fixed b/b.go (1 fix(es))\n1 fix(es) applied to 1 file(s)\n",
        ),
    ] {
        let o = allocfix(
            p.path(),
            &[mode, "--color", "never"],
            &[("ALLOCFIX_PANIC_ON", "apply:a.go")],
        );
        let err = stderr(&o);
        let out = stdout(&o);
        if mode == "check" {
            // check applies nothing, so it never reaches the panic.
            assert_eq!(o.status.code(), Some(1), "{err}");
            assert_eq!(out.lines().count(), 3, "{out}");
            continue;
        }
        assert_eq!(o.status.code(), Some(2), "{mode}: {err}");
        assert!(
            err.contains("error: a/a.go: internal error in applying fixes: injected panic (ALLOCFIX_PANIC_ON=apply:a.go)"),
            "{mode}: {err}"
        );
        assert!(err.contains("no file of this package was changed"), "{err}");
        assert_eq!(err.matches("error: ").count(), 1, "one error: {err}");
        if mode == "diff" {
            assert!(
                out.starts_with("--- a/b/b.go\n+++ b/b/b.go\n"),
                "{out}\n{err}"
            );
            assert!(err.contains("1 fix(es) would change 1 file(s)"), "{err}");
        } else {
            assert_eq!(out, want_out);
        }
        assert_eq!(read(p.path(), "a/a.go"), SENTINEL_A);
    }
    assert!(read(p.path(), "b/b.go").contains("return errNegative"));
}

#[test]
fn panics_not_caught_on_purpose_reach_the_previous_hook() {
    use std::sync::{Arc, Mutex};
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let record = Arc::clone(&seen);
    std::panic::set_hook(Box::new(move |info| {
        record
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(info.to_string());
    }));
    allocfix::guard::install();

    let caught = allocfix::guard::catch(|| -> () { panic!("caught on purpose") });
    assert!(caught.is_err_and(|c| {
        c.message
            .starts_with("caught on purpose (at tests/crash.rs:")
    }));
    let joined = std::thread::spawn(|| panic!("not caught")).join();
    assert!(joined.is_err());

    let _ = std::panic::take_hook();
    let seen = seen.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert!(seen.iter().any(|s| s.contains("not caught")), "{seen:?}");
    assert!(
        !seen.iter().any(|s| s.contains("caught on purpose")),
        "{seen:?}"
    );
}

#[test]
fn deep_nesting_finishes_without_overflow() {
    let terms = vec!["x"; 50_000].join(" + ");
    let chain = format!(
        "package a\n\nfunc f(xs []string, x string) string {{\n\ts := \"\"\n\tfor range xs {{\n\t\ts += {terms}\n\t}}\n\treturn s\n}}\n"
    );
    let parens = format!(
        "package a\n\nfunc g(x int) int {{\n\treturn {}x{}\n}}\n",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    let blocks = format!(
        "package a\n\nfunc h(x int) {{\n{}x++{}\n}}\n",
        "{".repeat(20_000),
        "}".repeat(20_000)
    );
    // A shallow neighbour in the same file is still analysed and fixed.
    let neighbour = "\nfunc n(xs []string) string {\n\ts := \"\"\n\tfor _, x := range xs {\n\t\ts += x\n\t}\n\treturn s\n}\n";
    let p = project(&[
        ("chain/a.go", &format!("{chain}{neighbour}")),
        ("parens/a.go", &parens),
        ("blocks/a.go", &blocks),
    ]);
    let start = std::time::Instant::now();
    let o = allocfix(p.path(), &["fix"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "fixed chain/a.go (1 fix(es))\n1 fix(es) applied to 1 file(s)\n"
    );
    let fixed = read(p.path(), "chain/a.go");
    assert!(
        fixed.starts_with(&chain.replace("package a\n\n", "package a\n\nimport \"strings\"\n\n")),
        "the deep function is left as it was"
    );
    assert!(
        fixed.contains("var s strings.Builder"),
        "{}",
        &fixed[fixed.len() - 300..]
    );
    assert!(
        start.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
}
