//! The bad-input table: each row is a path or a file a user may hand to `fix` by mistake.
//! For each: the exit code, the message (file, line, what is wrong), nothing lost or half
//! written, and the rest of the run still done (a good package next to it is fixed).

#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

const SENTINEL: &str = "package a\n\nimport \"errors\"\n\nfunc check(n int) error {\n\tif n < 0 {\n\t\treturn errors.New(\"negative input\")\n\t}\n\treturn nil\n}\n";
const FIXED_MARK: &str = "return errNegativeInput";

fn allocfix(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_allocfix"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// A temporary folder holding `good/a.go`, a package `fix` must fix whatever else is
/// given, and the given files.
fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("good")).expect("mkdir");
    std::fs::write(dir.path().join("good/a.go"), SENTINEL).expect("write");
    for (name, content) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, content).expect("write");
    }
    dir
}

/// Runs `fix <args> good`, checks the exit code, that `good` was fixed, and that the named
/// files are byte for byte as they were. Returns standard error.
fn fix_checked(dir: &Path, args: &[&str], code: i32, untouched: &[(&str, &[u8])]) -> String {
    let mut all: Vec<&str> = vec!["fix"];
    all.extend(args);
    all.push("good");
    std::fs::write(dir.join("good/a.go"), SENTINEL).expect("write");
    let o = allocfix(dir, &all);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(code), "{args:?}: {err}");
    let good = std::fs::read_to_string(dir.join("good/a.go")).expect("read");
    assert!(
        good.contains(FIXED_MARK),
        "{args:?}: the rest of the run was not done"
    );
    assert!(
        stdout(&o).contains("fixed good/a.go (1 fix(es))"),
        "{args:?}: {}",
        stdout(&o)
    );
    for (name, content) in untouched {
        let now = std::fs::read(dir.join(name)).expect("still there");
        assert_eq!(&now, content, "{name} was changed");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".allocfix"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
    err
}

#[test]
fn a_nonexistent_path() {
    let p = project(&[]);
    let err = fix_checked(p.path(), &["nope.go"], 2, &[]);
    assert!(
        err.contains("error: nope.go: No such file or directory"),
        "{err}"
    );
}

#[test]
fn a_folder_with_no_go_files() {
    let p = project(&[("docs/readme.md", b"# docs\n")]);
    let err = fix_checked(p.path(), &["docs"], 0, &[("docs/readme.md", b"# docs\n")]);
    assert!(
        err.contains("warning: docs: no Go files to process"),
        "{err}"
    );
}

#[test]
fn an_empty_go_file() {
    let p = project(&[("e/empty.go", b"")]);
    let err = fix_checked(p.path(), &["e/empty.go"], 2, &[("e/empty.go", b"")]);
    assert!(
        err.contains(
            "e/empty.go:1:1: syntax error: expected 'package', found 'EOF' (file skipped)"
        ),
        "{err}"
    );
}

#[test]
fn a_binary_file_named_x_go() {
    let mut binary: Vec<u8> = b"\x7fELF\x02\x01\x01\x00".to_vec();
    binary.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let p = project(&[("bin/x.go", &binary)]);
    let err = fix_checked(p.path(), &["bin/x.go"], 2, &[("bin/x.go", &binary)]);
    assert!(
        err.contains("bin/x.go:") && err.contains("not valid UTF-8 (file skipped)"),
        "{err}"
    );
}

#[test]
fn invalid_utf8() {
    let text: &[u8] = b"package a\n\nimport \"errors\"\n\n// caf\xe9\nfunc f() error { return errors.New(\"x\") }\n";
    let p = project(&[("u/bad.go", text)]);
    let err = fix_checked(p.path(), &["u"], 2, &[("u/bad.go", text)]);
    assert!(
        err.contains("u/bad.go:5:7: not valid UTF-8 (file skipped)"),
        "{err}"
    );
    assert!(
        !err.contains("its names are unknown"),
        "nothing else in u/ to hold back: {err}"
    );
}

#[test]
fn a_10_mb_file() {
    let line = "// padding: a large generated file must be read, fixed and written whole\n";
    let mut text = String::from("package a\n\nimport \"errors\"\n\n");
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(line);
    }
    // The padding is the function's doc comment: the sentinel goes above all of it.
    let tail = "func check(n int) error {\n\tif n < 0 {\n\t\treturn errors.New(\"negative input\")\n\t}\n\treturn nil\n}\n";
    text.push_str(tail);
    let p = project(&[("big/a.go", text.as_bytes())]);
    fix_checked(p.path(), &["big"], 0, &[]);
    let fixed = std::fs::read_to_string(p.path().join("big/a.go")).expect("read");
    assert!(fixed.len() > text.len(), "nothing lost");
    assert!(
        fixed.starts_with(
            "package a\n\nimport \"errors\"\n\nvar errNegativeInput = errors.New(\"negative input\")\n\n// padding"
        ),
        "{}",
        &fixed[..200]
    );
    assert_eq!(fixed.matches(line).count(), text.matches(line).count());
    assert!(fixed.contains(FIXED_MARK));
}

#[test]
fn five_thousand_nested_parentheses() {
    let n = 5000;
    let text = format!("package a\n\nvar x = {}1{}\n", "(".repeat(n), ")".repeat(n));
    let p = project(&[("deep/a.go", text.as_bytes())]);
    let err = fix_checked(p.path(), &["deep"], 0, &[("deep/a.go", text.as_bytes())]);
    assert!(!err.contains("error"), "{err}");
}

#[test]
fn crlf_with_a_bom_is_kept() {
    let crlf = format!("\u{feff}{}", SENTINEL.replace('\n', "\r\n"));
    let p = project(&[("w/a.go", crlf.as_bytes())]);
    fix_checked(p.path(), &["w"], 0, &[]);
    let fixed = std::fs::read_to_string(p.path().join("w/a.go")).expect("read");
    assert!(fixed.starts_with('\u{feff}'), "BOM kept");
    assert!(fixed.contains("return errNegativeInput\r\n"));
    assert!(
        !fixed.replace("\r\n", "").contains('\n'),
        "a bare LF slipped in: {fixed:?}"
    );
}

#[test]
fn a_read_only_file_under_fix() {
    use std::os::unix::fs::PermissionsExt;
    let p = project(&[("ro/a.go", SENTINEL.as_bytes())]);
    let path = p.path().join("ro/a.go");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let err = fix_checked(p.path(), &["ro"], 2, &[("ro/a.go", SENTINEL.as_bytes())]);
    assert!(
        err.contains("ro/a.go: file is read-only; not written"),
        "{err}"
    );
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
}

#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let p = project(&[("secret/a.go", SENTINEL.as_bytes())]);
    let path = p.path().join("secret/a.go");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        // Root reads mode 000 files; the FIFO case in tests/writes.rs covers a file of a
        // package that cannot be read, as root too.
        eprintln!("SKIPPED: running as root, mode 000 does not make a file unreadable");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        return;
    }
    let err = fix_checked(p.path(), &["secret/a.go"], 2, &[]);
    assert!(
        err.contains("secret/a.go: cannot read: Permission denied"),
        "{err}"
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), SENTINEL);
}

#[test]
fn a_symlink_loop() {
    let p = project(&[("loop/a.go", SENTINEL.as_bytes())]);
    std::os::unix::fs::symlink("l2.go", p.path().join("loop/l1.go")).expect("symlink");
    std::os::unix::fs::symlink("l1.go", p.path().join("loop/l2.go")).expect("symlink");
    // Named directly: an error naming the link.
    let err = fix_checked(p.path(), &["loop/l1.go"], 2, &[]);
    assert!(
        err.contains("loop/l1.go: cannot follow symbolic link: Too many levels of symbolic links"),
        "{err}"
    );
    // In the folder: two files of the package that cannot be read, so no new
    // package-level name there; a.go stays as it was, the links stay links.
    let err = fix_checked(
        p.path(),
        &["loop"],
        2,
        &[("loop/a.go", SENTINEL.as_bytes())],
    );
    assert!(
        err.contains("loop/l1.go, loop/l2.go of the package cannot be read"),
        "{err}"
    );
    for l in ["loop/l1.go", "loop/l2.go"] {
        assert!(
            std::fs::symlink_metadata(p.path().join(l))
                .expect("link")
                .file_type()
                .is_symlink()
        );
    }
}

#[test]
fn the_same_path_given_twice() {
    let p = project(&[]);
    let abs = p.path().join("good/a.go");
    let o = allocfix(
        p.path(),
        &[
            "fix",
            "good/a.go",
            "./good/a.go",
            abs.to_str().expect("utf-8"),
            "good",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.matches("fixed good/a.go").count(), 1, "{out}");
    let fixed = std::fs::read_to_string(&abs).expect("read");
    assert_eq!(fixed.matches("var errNegativeInput").count(), 1, "{fixed}");
}

#[test]
fn two_files_of_one_package_where_one_does_not_parse() {
    let broken: &[u8] = b"package a\n\nfunc broken() {\n\tx := \n}\n";
    let p = project(&[("two/a.go", SENTINEL.as_bytes()), ("two/broken.go", broken)]);
    let err = fix_checked(p.path(), &["two"], 2, &[("two/broken.go", broken)]);
    assert!(
        err.contains("two/broken.go:")
            && err.contains("syntax error")
            && err.contains("(file skipped)"),
        "{err}"
    );
    let a = std::fs::read_to_string(p.path().join("two/a.go")).expect("read");
    assert!(a.contains(FIXED_MARK), "the file that parses is fixed: {a}");
}

#[test]
fn a_file_named_on_the_command_line_that_is_not_go() {
    let p = project(&[("notes.txt", b"errors.New(\"x\")\n")]);
    let err = fix_checked(
        p.path(),
        &["notes.txt"],
        2,
        &[("notes.txt", b"errors.New(\"x\")\n")],
    );
    assert!(err.contains("notes.txt: not a Go file (skipped)"), "{err}");
}

#[test]
fn fix_on_a_device_or_special_file() {
    use std::os::unix::fs::FileTypeExt;
    let p = project(&[]);
    let fifo = p.path().join("pipe.go");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let err = fix_checked(p.path(), &["pipe.go"], 2, &[]);
        assert!(
            err.contains(
                "pipe.go: not a regular file or a folder (skipped; never read or written)"
            ),
            "{err}"
        );
        assert!(
            std::fs::symlink_metadata(&fifo)
                .expect("fifo")
                .file_type()
                .is_fifo()
        );
    } else {
        eprintln!("SKIPPED FIFO case: mkfifo not available");
    }
    let err = fix_checked(p.path(), &["/dev/null"], 2, &[]);
    assert!(err.contains("/dev/null: not a regular file"), "{err}");
    assert!(
        std::fs::metadata("/dev/null")
            .expect("dev null")
            .file_type()
            .is_char_device()
    );
}
