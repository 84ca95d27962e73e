//! `allocfix fix --verify`: a test-only transform whose fix does not compile (it renames a
//! call to a function that does not exist) is injected through the library API beside a
//! real one; verification must restore the broken files byte for byte, keep the good fixes
//! (in the same package and in others), and report each reverted fix with Go's message.
//! The binary must refuse `--verify` clearly when `go` is not on PATH.

mod common;

use std::path::Path;
use std::process::Command;

use allocfix::fixkit::edit::{Edit, Finding, Fix};
use allocfix::runner::{RunConfig, run};
use allocfix::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};
use allocfix::verify::{Toolchain, Verdict, render, verify};
use common::{go_available, go_cmd};

/// Rewrites every `mark()` call to `unmarked()`, which no package declares: it parses, but
/// does not compile.
fn run_break(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for file in ctx.files() {
        for n in ctx.nodes(file, "call_expression") {
            if &ctx.src(file)[n.byte_range()] == "mark()" {
                let fix = Fix::safe(vec![Edit::replace(file, n.byte_range(), "unmarked()")]);
                out.push(ctx.finding(file, *n, "test: call unmarked", Some(fix)));
            }
        }
    }
    out
}

/// Rewrites every `spaced()` call to `spaced( )`: it compiles, but gofmt would change it.
fn run_unformatted(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for file in ctx.files() {
        for n in ctx.nodes(file, "call_expression") {
            if &ctx.src(file)[n.byte_range()] == "spaced()" {
                let fix = Fix::safe(vec![Edit::replace(file, n.byte_range(), "spaced( )")]);
                out.push(ctx.finding(file, *n, "test: unformatted", Some(fix)));
            }
        }
    }
    out
}

/// A test-only rule with a safe fix: its struct, its registration `static`, id, summary,
/// needle and run function.
macro_rules! test_rule {
    ($rule:ident, $def:ident, $id:literal, $summary:literal, $needle:literal, $run:ident) => {
        struct $rule;

        impl Rule for $rule {
            type Options = NoOptions;
            const META: Meta = Meta {
                id: $id,
                summary: $summary,
                fix: FixAvailability::Safe,
                fix_note: "",
                source: "",
                needles: &[$needle],
                node_kinds: &[],
                opt_in: false,
            };

            fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
                $run(ctx)
            }
        }

        static $def: TransformDef = TransformDef::of::<$rule>();
    };
}

test_rule!(
    TestUnformatted,
    UNFORMATTED,
    "test-unformatted",
    "test only: a fix that gofmt would undo",
    "spaced()",
    run_unformatted
);

/// Renames `func Exported` to `func unexported`: its own package still compiles, but the
/// packages that call it do not.
fn run_unexport(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for file in ctx.files() {
        for n in ctx.nodes(file, "function_declaration") {
            if let Some(name) = n.child_by_field_name("name")
                && &ctx.src(file)[name.byte_range()] == "Exported"
            {
                let fix = Fix::safe(vec![Edit::replace(file, name.byte_range(), "unexported")]);
                out.push(ctx.finding(file, name, "test: unexport", Some(fix)));
            }
        }
    }
    out
}

test_rule!(
    TestUnexport,
    UNEXPORT,
    "test-unexport",
    "test only: a fix that breaks the importers",
    "Exported",
    run_unexport
);

test_rule!(
    TestBreak,
    BREAK,
    "test-break",
    "test only: a fix that does not compile",
    "mark()",
    run_break
);

const GO_MOD: &str = "module example.com/v\n\ngo 1.22\n";

const A: &str = "package a\n\nimport \"errors\"\n\nfunc Check(n int) error {\n\tif n < 0 {\n\t\treturn errors.New(\"negative input\")\n\t}\n\tmark()\n\treturn nil\n}\n\nfunc mark() {}\n";

/// Only a breaking fix applies here; CRLF line endings and a BOM make the byte-exact
/// restore visible.
const B: &str = "\u{feff}package a\r\n\r\nfunc Other() {\r\n\tmark()\r\n}\r\n";

const C: &str = "package c\n\nimport (\n\t\"errors\"\n\n\t\"example.com/v/a\"\n)\n\nfunc Use(n int) error {\n\tif err := a.Check(n); err != nil {\n\t\treturn err\n\t}\n\treturn errors.New(\"always fails\")\n}\n";

const W: &str = "package w\n\nimport \"errors\"\n\nfunc Host(n int) error {\n\tif n > 9 {\n\t\treturn errors.New(\"too big\")\n\t}\n\treturn nil\n}\n";

const W_WINDOWS: &str = "package w\n\nfunc Win() {\n\tmark()\n}\n\nfunc mark() {}\n";

fn module(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("go.mod"), GO_MOD).expect("write go.mod");
    for (name, content) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, content).expect("write");
    }
    dir
}

fn config() -> RunConfig {
    let sentinel = allocfix::transforms::ALL
        .iter()
        .copied()
        .find(|d| d.id == "sentinel-error")
        .expect("sentinel-error");
    let mut rc = RunConfig::new(vec![sentinel, &BREAK, &UNFORMATTED, &UNEXPORT]);
    rc.write = true;
    rc.keep_texts = true;
    rc.jobs = 1;
    rc
}

fn read(dir: &Path, rel: &str) -> String {
    String::from_utf8(std::fs::read(dir.join(rel)).expect("read")).expect("utf-8")
}

#[test]
fn a_breaking_fix_is_reverted_byte_for_byte_and_good_fixes_stay() {
    if !go_available("verify rollback") {
        return;
    }
    let m = module(&[("a/a.go", A), ("a/b.go", B), ("c/c.go", C)]);
    let rc = config();
    let mut result = run(&[m.path().to_path_buf()], &rc, &|| {});
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    // The run wrote the broken fixes.
    assert!(read(m.path(), "a/b.go").contains("unmarked()"));

    let tc = Toolchain::find().expect("go present");
    let report = verify(&tc, &rc, &mut result);
    let text = render(&report);
    eprintln!("{text}");
    assert!(report.errors.is_empty(), "{:?}\n{text}", report.errors);

    // b.go: its only fix broke the build; it is back, byte for byte (BOM, CRLF).
    assert_eq!(
        std::fs::read(m.path().join("a/b.go")).unwrap(),
        B.as_bytes()
    );
    // a.go: the sentinel fix stays, the broken one is gone.
    let a = read(m.path(), "a/a.go");
    assert!(
        a.contains("var errNegativeInput = errors.New(\"negative input\")"),
        "{a}"
    );
    assert!(a.contains("return errNegativeInput"), "{a}");
    assert!(a.contains("\tmark()\n") && !a.contains("unmarked"), "{a}");
    // c.go (another package, an importer of a): its fix stays.
    let c = read(m.path(), "c/c.go");
    assert!(c.contains("return errAlwaysFails"), "{c}");

    // The report: package a partly kept, c verified, each reverted fix with Go's message.
    let a_dir = report
        .packages
        .iter()
        .find(|p| p.dir.ends_with("a"))
        .expect("package a reported");
    assert_eq!(a_dir.verdict, Verdict::Partial, "{text}");
    let mut reverted: Vec<(String, usize)> = a_dir
        .reverted
        .iter()
        .map(|r| {
            assert_eq!(r.transform, "test-break");
            assert!(
                r.messages.iter().any(|m| m.contains("undefined: unmarked")),
                "{:?}",
                r.messages
            );
            (
                r.path.file_name().unwrap().to_string_lossy().to_string(),
                r.line,
            )
        })
        .collect();
    reverted.sort();
    assert_eq!(
        reverted,
        vec![("a.go".to_string(), 9), ("b.go".to_string(), 4)]
    );
    assert!(
        report
            .packages
            .iter()
            .any(|p| p.dir.ends_with("c") && p.verdict == Verdict::Verified),
        "{text}"
    );
    assert!(text.contains("reverted the test-break fix at"), "{text}");
    assert!(text.contains("undefined: unmarked"), "{text}");
    assert!(text.contains("2 fix(es) reverted"), "{text}");

    // The run's outcomes now describe what is on disk.
    let outcome = |name: &str| {
        result
            .files
            .iter()
            .find(|f| f.path.ends_with(name))
            .expect("outcome")
    };
    assert!(!outcome("a/b.go").changed);
    assert_eq!(outcome("a/b.go").fixes_applied, 0);
    assert!(outcome("a/a.go").changed);
    assert_eq!(outcome("a/a.go").fixes_applied, 1);
    assert_eq!(
        outcome("a/a.go").fixed_by.iter().collect::<Vec<_>>(),
        vec![(&"sentinel-error", &1)]
    );
    assert!(outcome("a/b.go").fixed_by.is_empty());
    assert_eq!(outcome("c/c.go").fixes_applied, 1);

    // And Go agrees.
    go_cmd(m.path(), &["build", "./..."]);
    go_cmd(m.path(), &["vet", "./..."]);
}

#[test]
fn an_os_specific_file_is_checked_under_its_goos() {
    if !go_available("verify GOOS") {
        return;
    }
    let m = module(&[("w/w.go", W), ("w/w_windows.go", W_WINDOWS)]);
    let rc = config();
    let mut result = run(&[m.path().to_path_buf()], &rc, &|| {});
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    assert!(read(m.path(), "w/w_windows.go").contains("unmarked()"));
    let tc = Toolchain::find().expect("go present");
    let report = verify(&tc, &rc, &mut result);
    let text = render(&report);
    eprintln!("{text}");
    assert!(report.errors.is_empty(), "{:?}\n{text}", report.errors);
    assert!(
        report.extra_platforms.contains("windows/amd64")
            || report
                .extra_platforms
                .iter()
                .any(|p| p.starts_with("windows/")),
        "{text}"
    );
    // The host build never compiles w_windows.go; the windows check caught the break.
    assert_eq!(read(m.path(), "w/w_windows.go"), W_WINDOWS);
    assert!(read(m.path(), "w/w.go").contains("return errTooBig"));
    assert!(text.contains("GOOS=windows"), "{text}");
    assert!(text.contains("undefined: unmarked"), "{text}");
}

/// Vet complains about the original already (a wrong Printf verb): that complaint is not
/// blamed on the fixes. A fix that leaves the file not gofmt-clean is reverted.
const P: &str = "package p\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n)\n\nfunc Bad(n int) error {\n\tfmt.Printf(\"%d\\n\", \"not a number\")\n\tif n < 0 {\n\t\treturn errors.New(\"negative\")\n\t}\n\tspaced()\n\treturn nil\n}\n\nfunc spaced() {}\n";

#[test]
fn pre_existing_vet_complaints_do_not_count_and_gofmt_is_checked() {
    if !go_available("verify vet baseline") {
        return;
    }
    let m = module(&[("p/p.go", P)]);
    let rc = config();
    let mut result = run(&[m.path().to_path_buf()], &rc, &|| {});
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    assert!(read(m.path(), "p/p.go").contains("spaced( )"));
    let tc = Toolchain::find().expect("go present");
    let report = verify(&tc, &rc, &mut result);
    let text = render(&report);
    eprintln!("{text}");
    assert!(report.errors.is_empty(), "{:?}\n{text}", report.errors);
    let p = read(m.path(), "p/p.go");
    assert!(p.contains("return errNegative"), "{p}");
    assert!(p.contains("\tspaced()\n"), "{p}");
    let pkg = &report.packages[0];
    assert_eq!(pkg.verdict, Verdict::Partial, "{text}");
    assert_eq!(pkg.reverted.len(), 1, "{text}");
    assert_eq!(pkg.reverted[0].transform, "test-unformatted");
    assert!(
        pkg.reverted[0].messages[0].contains("not gofmt-clean"),
        "{text}"
    );
    assert!(
        pkg.reverted[0]
            .messages
            .iter()
            .all(|m| !m.contains("Printf")),
        "{text}"
    );
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("already reported") && n.contains("fmt.Printf format %d")),
        "{text}"
    );
}

const LIB: &str = "package lib\n\nimport \"errors\"\n\nfunc Exported(n int) error {\n\tif n < 0 {\n\t\treturn errors.New(\"negative\")\n\t}\n\treturn nil\n}\n";

const USER: &str = "package user\n\nimport (\n\t\"errors\"\n\n\t\"example.com/v/lib\"\n)\n\nfunc Run() error {\n\tif err := lib.Exported(1); err != nil {\n\t\treturn err\n\t}\n\treturn errors.New(\"done\")\n}\n";

#[test]
fn a_fix_that_breaks_only_an_importer_is_reverted() {
    if !go_available("verify importers") {
        return;
    }
    let m = module(&[("lib/lib.go", LIB), ("user/user.go", USER)]);
    let rc = config();
    let mut result = run(&[m.path().to_path_buf()], &rc, &|| {});
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    assert!(read(m.path(), "lib/lib.go").contains("func unexported"));
    let tc = Toolchain::find().expect("go present");
    let report = verify(&tc, &rc, &mut result);
    let text = render(&report);
    eprintln!("{text}");
    assert!(report.errors.is_empty(), "{:?}\n{text}", report.errors);
    let lib = read(m.path(), "lib/lib.go");
    assert!(
        lib.contains("func Exported") && lib.contains("return errNegative"),
        "{lib}"
    );
    assert!(read(m.path(), "user/user.go").contains("return errDone"));
    let pkg = report
        .packages
        .iter()
        .find(|p| p.dir.ends_with("lib"))
        .expect("lib reported");
    assert_eq!(pkg.reverted.len(), 1, "{text}");
    assert_eq!(pkg.reverted[0].transform, "test-unexport");
    assert!(
        pkg.reverted[0]
            .messages
            .iter()
            .any(|m| m.contains("user.go") && m.contains("Exported")),
        "{text}"
    );
}

#[test]
fn a_clean_module_is_verified_by_the_binary() {
    if !go_available("verify CLI") {
        return;
    }
    let m = module(&[("w/w.go", W)]);
    let o = Command::new(env!("CARGO_BIN_EXE_allocfix"))
        .args(["fix", "--verify", "--color", "never", "."])
        .current_dir(m.path())
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("verify: 1 package(s) verified (go build, go vet, gofmt); 0 fix(es) reverted"),
        "{err}"
    );
    assert!(read(m.path(), "w/w.go").contains("return errTooBig"));
}

#[test]
fn verify_without_go_on_path_is_a_clear_error_and_writes_nothing() {
    let m = module(&[("w/w.go", W)]);
    let empty = tempfile::tempdir().expect("tempdir");
    let o = Command::new(env!("CARGO_BIN_EXE_allocfix"))
        .args(["fix", "--verify", "."])
        .current_dir(m.path())
        .env("PATH", empty.path())
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("`go` was not found on PATH"), "{err}");
    assert!(err.contains("nothing verified"), "{err}");
    assert!(!String::from_utf8_lossy(&o.stdout).contains("fixed"));
    assert_eq!(read(m.path(), "w/w.go"), W);
}

#[test]
fn verify_applies_to_fix_only() {
    let m = module(&[("w/w.go", W)]);
    let o = Command::new(env!("CARGO_BIN_EXE_allocfix"))
        .args(["diff", "--verify", "."])
        .current_dir(m.path())
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--verify applies to `allocfix fix` only"));
}

/// Through the binary, with the real transforms: package p does not type-check already
/// (`var total int = errors.New(…)`), which a syntactic tool cannot see. The sentinel fix
/// there changes Go's complaint, so it counts as new and is reverted, byte for byte (CRLF
/// kept); the fixes in p's other file and in package r stay.
#[test]
fn the_binary_reverts_a_fix_only_go_can_see_is_wrong() {
    if !go_available("verify CLI rollback") {
        return;
    }
    const CHECK: &str = "package p\n\nimport \"errors\"\n\nfunc Check(n int) error {\n\tif n < 0 {\n\t\treturn errors.New(\"negative input\")\n\t}\n\treturn nil\n}\n";
    const COUNT: &str = "package p\r\n\r\nimport \"errors\"\r\n\r\nfunc Count() int {\r\n\tvar total int = errors.New(\"not a number\")\r\n\treturn total\r\n}\r\n";
    let m = module(&[
        ("p/p.go", CHECK),
        ("p/count.go", COUNT),
        ("r/r.go", W.replace("package w", "package r").as_str()),
    ]);
    let o = Command::new(env!("CARGO_BIN_EXE_allocfix"))
        .args([
            "fix",
            "--verify",
            "--select",
            "sentinel-error",
            "--color",
            "never",
            ".",
        ])
        .current_dir(m.path())
        .output()
        .expect("runs");
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(
        err.contains("verify: reverted the sentinel-error fix at p/count.go:6:18;"),
        "{err}"
    );
    assert!(
        err.contains("p/count.go:8:18: cannot use err")
            && err.contains("(variable of interface type error) as int value"),
        "{err}"
    );
    assert!(err.contains("1 fix(es) reverted"), "{err}");
    assert!(
        err.contains("before the fixes, go build/go vet already reported"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(m.path().join("p/count.go")).unwrap(),
        COUNT.as_bytes()
    );
    assert!(read(m.path(), "p/p.go").contains("return errNegativeInput"));
    assert!(read(m.path(), "r/r.go").contains("return errTooBig"));
    assert!(!out.contains("fixed p/count.go"), "{out}");
    assert!(out.contains("fixed p/p.go (1 fix(es))"), "{out}");
    assert!(out.contains("2 fix(es) applied to 2 file(s)"), "{out}");
}

const WIN_ONLY: &str = "package x\n\nimport \"errors\"\n\nfunc Win(n int) error {\n\tif n < 0 {\n\t\treturn errors.New(\"no windows\")\n\t}\n\treturn nil\n}\n";

const GEN: &str = "//go:build integration\n\npackage gen\n\nimport \"errors\"\n\nfunc Check(n int) error {\n\tif n < 0 {\n\t\treturn errors.New(\"negative count\")\n\t}\n\treturn nil\n}\n";

/// A changed package that does not load on the host (all its files are for windows) must not
/// stop go build and go vet from checking the others; a changed package behind a custom tag
/// (`//go:build integration`) loads nowhere and is reported as checked by gofmt only, not
/// as verified.
#[test]
fn a_package_the_host_does_not_build_does_not_hide_a_break() {
    if !go_available("verify load errors") {
        return;
    }
    let m = module(&[
        ("a/a.go", A),
        ("x/x_windows.go", WIN_ONLY),
        ("gen/gen.go", GEN),
    ]);
    let rc = config();
    let mut result = run(&[m.path().to_path_buf()], &rc, &|| {});
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    let tc = Toolchain::find().expect("go present");
    let report = verify(&tc, &rc, &mut result);
    let text = render(&report);
    eprintln!("{text}");
    assert!(report.errors.is_empty(), "{:?}\n{text}", report.errors);
    let a = read(m.path(), "a/a.go");
    assert!(
        a.contains("return errNegativeInput") && !a.contains("unmarked"),
        "{a}"
    );
    assert!(read(m.path(), "x/x_windows.go").contains("return errNoWindows"));
    let verdict = |dir: &str| {
        report
            .packages
            .iter()
            .find(|p| p.dir.ends_with(dir))
            .map(|p| p.verdict.clone())
            .expect("reported")
    };
    assert_eq!(verdict("a"), Verdict::Partial, "{text}");
    assert_eq!(verdict("x"), Verdict::Verified, "{text}");
    assert_eq!(verdict("gen"), Verdict::Unchecked, "{text}");
    assert!(text.contains("also under windows/"), "{text}");
    assert!(
        text.contains("1 package(s) not loadable (gofmt only)"),
        "{text}"
    );
}

/// Ctrl-C while verifying: no more packages are checked or bisected, and each one left is
/// named as unverified (an error), never claimed verified.
#[test]
fn an_interrupted_verify_claims_nothing_for_the_packages_left() {
    if !go_available("verify interrupted") {
        return;
    }
    let m = module(&[("a/a.go", A), ("c/c.go", C)]);
    let rc = config();
    let mut result = run(&[m.path().to_path_buf()], &rc, &|| {});
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    rc.interrupted
        .store(true, std::sync::atomic::Ordering::SeqCst);
    let tc = Toolchain::find().expect("go present");
    let report = verify(&tc, &rc, &mut result);
    let text = render(&report);
    assert_eq!(report.errors.len(), 2, "{:?}\n{text}", report.errors);
    assert!(
        report
            .errors
            .iter()
            .all(|e| e.contains("verify interrupted")),
        "{:?}",
        report.errors
    );
    assert!(report.packages.is_empty(), "{text}");
    assert!(text.contains("0 package(s) verified"), "{text}");
}

/// Go 1.26 `new(expr)` in `Ptr` (never touched), a good sentinel fix and a breaking one in
/// `Check` beside it.
const NEW_EXPR: &str = "package n\n\nimport \"errors\"\n\n// Ptr uses Go 1.26 new(expr).\nfunc Ptr(n int) *int {\n\treturn new(n + 1)\n}\n\nfunc Check(n int) error {\n\tif n < 0 {\n\t\treturn errors.New(\"negative input\")\n\t}\n\tmark()\n\treturn nil\n}\n\nfunc mark() {}\n";

#[test]
fn a_partially_fixed_file_is_verified_and_rolled_back_with_new_kept() {
    if !go_available("verify new(expr)") {
        return;
    }
    let m = module(&[("n/n.go", NEW_EXPR)]);
    std::fs::write(m.path().join("go.mod"), "module example.com/v\n\ngo 1.26\n")
        .expect("write go.mod");
    let rc = config();
    let mut result = run(&[m.path().to_path_buf()], &rc, &|| {});
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    let outcome = &result.files[0];
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert!(
        outcome.notes.iter().any(|n| n.contains("fixed partially")),
        "{:?}",
        outcome.notes
    );
    assert!(read(m.path(), "n/n.go").contains("unmarked()"));

    let tc = Toolchain::find().expect("go present");
    let report = verify(&tc, &rc, &mut result);
    let text = render(&report);
    assert!(report.errors.is_empty(), "{:?}\n{text}", report.errors);
    assert!(text.contains("1 fix(es) reverted"), "{text}");
    let n = read(m.path(), "n/n.go");
    assert!(n.contains("return errNegativeInput"), "{n}");
    assert!(n.contains("\tmark()\n") && !n.contains("unmarked"), "{n}");
    assert!(
        n.contains(
            "// Ptr uses Go 1.26 new(expr).\nfunc Ptr(n int) *int {\n\treturn new(n + 1)\n}\n"
        ),
        "{n}"
    );
    go_cmd(m.path(), &["build", "./..."]);
    go_cmd(m.path(), &["vet", "./..."]);
}
