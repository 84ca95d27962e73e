//! allocfix's idea of valid Go against Go's own: files that tree-sitter-go accepts but Go
//! rejects are reported and left alone, files Go accepts are processed, and hoist-regexp's
//! pattern check agrees with `regexp.Compile`. The expectations are recorded here; with Go
//! present they are checked against `gofmt -e` and `regexp.Compile` too.

mod common;

use std::path::Path;
use std::process::Command;

use allocfix::source::SourceFile;
use common::go_available;

const FIX: &str = "func f() error { return errors.New(\"boom\") }\n";

/// (name, source, does Go accept it). Each holds a rewritable `errors.New`.
fn files() -> Vec<(&'static str, String, bool)> {
    let with = |head: &str, tail: &str| format!("{head}{FIX}{tail}");
    vec![
        ("no_package", with("import \"errors\"\n\n", ""), false),
        (
            "two_packages",
            with("package a\n\npackage b\n\nimport \"errors\"\n\n", ""),
            false,
        ),
        (
            "import_after_decl",
            with("package a\n\nfunc g() {}\n\nimport \"errors\"\n\n", ""),
            false,
        ),
        (
            "statement_at_top_level",
            with("package a\n\nimport \"errors\"\n\nx := 1\n\n", ""),
            false,
        ),
        (
            "literal_missing_comma",
            with("package a\n\nimport \"errors\"\n\nvar v = []int{\n\t1,\n\t2\n}\n\n", ""),
            false,
        ),
        (
            "keyed_literal_missing_comma",
            with(
                "package a\n\nimport \"errors\"\n\ntype T struct{ a, b int }\n\nvar v = T{\n\ta: 1,\n\tb: 2\n}\n\n",
                "",
            ),
            false,
        ),
        (
            "argument_missing_comma",
            with(
                "package a\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n)\n\nfunc g() {\n\tfmt.Println(\n\t\t1,\n\t\t2\n\t)\n}\n\n",
                "",
            ),
            false,
        ),
        (
            "parameter_missing_comma",
            with("package a\n\nimport \"errors\"\n\nfunc g(\n\ta int,\n\tb int\n) {}\n\n", ""),
            false,
        ),
        (
            "brace_on_next_line",
            with("package a\n\nimport \"errors\"\n\nfunc g()\n{\n}\n\n", ""),
            false,
        ),
        (
            "else_on_next_line",
            with(
                "package a\n\nimport \"errors\"\n\nfunc g(x bool) {\n\tif x {\n\t}\n\telse {\n\t}\n}\n\n",
                "",
            ),
            false,
        ),
        (
            "leading_dot",
            with(
                "package a\n\nimport (\n\t\"errors\"\n\t\"strings\"\n)\n\nvar s = strings.NewReplacer()\n\t.Replace(\"x\")\n\n",
                "",
            ),
            false,
        ),
        (
            "closure_argument_missing_comma",
            with(
                "package a\n\nimport \"errors\"\n\nfunc g(f func()) {}\n\nfunc h() {\n\tg(func() { h() }\n\t)\n}\n\n",
                "",
            ),
            false,
        ),
        (
            "nested_literal_missing_comma",
            with(
                "package a\n\nimport \"errors\"\n\nvar v = [][]int{\n\t{1, 2}, // a\n\t{3, 4} /* b */\n}\n\n",
                "",
            ),
            false,
        ),
        (
            "nested_literals",
            with(
                "package a\n\nimport \"errors\"\n\nvar v = [][]int{\n\t{1, 2}, // a\n\t{3, 4}, /* b */\n\t{\n\t\t5,\n\t},\n}\n\nvar s = `x\ny` + \"z\"\n\n",
                "",
            ),
            true,
        ),
        ("empty_file", String::new(), false),
        (
            "no_final_newline_var_block",
            "package p\n\nvar (\n\ta = 1\n)".to_string(),
            true,
        ),
        (
            "no_final_newline",
            format!("package a\n\nimport \"errors\"\n\n{}", FIX.trim_end()),
            true,
        ),
        (
            "trailing_commas_and_comments",
            with(
                "package a\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n)\n\nvar v = []int{\n\t1, // one\n\t2, /* two */\n}\n\nfunc g(\n\ta int,\n) {\n\tfmt.Println(\n\t\ta,\n\t\tv...,\n\t)\n\tx := []func(){\n\t\tfunc() {\n\t\t},\n\t}\n\t_ = x\n\tif a > 0 {\n\t\treturn\n\t} else {\n\t}\n\tfor i := 0; i < a; i++ {\n\t\tcontinue\n\t}\n\ts := strings.\n\t\tTrimSpace(\"x\")\n\t_ = s\n\t_ = (a +\n\t\t1)\n}\n\n",
                "",
            )
            .replace("\"fmt\"\n)", "\"fmt\"\n\t\"strings\"\n)"),
            true,
        ),
        (
            "switch_cases",
            with(
                "package a\n\nimport \"errors\"\n\nfunc g(x int) int {\n\tswitch x {\n\tcase 1:\n\t\tx++\n\tcase 2:\n\t\treturn g(x)\n\tdefault:\n\t}\n\treturn x\n}\n\n",
                "",
            ),
            true,
        ),
    ]
}

#[test]
fn go_syntax_rules_match_gofmt() {
    let mut wrong = Vec::new();
    for (name, src, accepts) in files() {
        let f = SourceFile::new(format!("{name}.go").into(), &src);
        let error = f.syntax_error();
        if error.is_none() != accepts {
            wrong.push(format!(
                "{name}: Go accepts it: {accepts}, allocfix: {error:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    if !go_available("gofmt -e over the syntax table") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, src, accepts) in files() {
        let path = dir.path().join(format!("{name}.go"));
        std::fs::write(&path, &src).expect("write");
        let out = Command::new("gofmt")
            .arg("-e")
            .arg(&path)
            .output()
            .expect("gofmt runs");
        assert_eq!(
            out.status.success(),
            accepts,
            "{name}: gofmt -e says {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn files_go_rejects_are_reported_with_a_line_and_left_byte_identical() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, src, accepts) in files() {
        let sub = dir.path().join(name);
        std::fs::create_dir_all(&sub).expect("mkdir");
        let path = sub.join("a.go");
        std::fs::write(&path, &src).expect("write");
        let out = Command::new(env!("CARGO_BIN_EXE_allocfix"))
            .args(["fix", "--select", "sentinel-error"])
            .current_dir(&sub)
            .output()
            .expect("runs");
        let after = std::fs::read_to_string(&path).expect("read");
        let stderr = String::from_utf8_lossy(&out.stderr);
        if accepts {
            assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
            if src.contains("errors.New(\"boom\")") {
                assert!(
                    after.contains("errBoom"),
                    "{name} was not processed:\n{after}"
                );
            }
        } else {
            assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
            assert_eq!(after, src, "{name} was changed");
            if !src.is_empty() {
                assert!(
                    stderr.contains("a.go:") && stderr.contains("syntax error"),
                    "{name}: {stderr}"
                );
            }
        }
    }
}

#[test]
fn regexp_tables_match_go() {
    if !go_available("regexp.Compile over the pattern tables") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("go.mod"), "module check\n\ngo 1.22\n").expect("write");
    std::fs::write(
        dir.path().join("main.go"),
        "package main\n\nimport (\n\t\"bufio\"\n\t\"fmt\"\n\t\"os\"\n\t\"regexp\"\n\t\"strings\"\n)\n\nfunc main() {\n\tcompile := regexp.Compile\n\tif len(os.Args) > 1 {\n\t\tcompile = regexp.CompilePOSIX\n\t}\n\tsc := bufio.NewScanner(os.Stdin)\n\tfor sc.Scan() {\n\t\t_, p, _ := strings.Cut(sc.Text(), \"\\t\")\n\t\tv := \"ok\"\n\t\tif _, err := compile(p); err != nil {\n\t\t\tv = \"error\"\n\t\t}\n\t\tfmt.Printf(\"%s\\t%s\\n\", v, p)\n\t}\n}\n",
    )
    .expect("write");
    common::go_cmd(dir.path(), &["build", "-o", "check", "."]);
    for (table, args) in [
        ("go_regexp.tsv", vec![]),
        ("go_regexp_posix.tsv", vec!["posix"]),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(table);
        let input = std::fs::read_to_string(&path).expect("table");
        let mut child = Command::new(dir.path().join("check"))
            .args(&args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("checker runs");
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write");
        let out = child.wait_with_output().expect("checker output");
        assert!(out.status.success());
        let go = String::from_utf8(out.stdout).expect("utf-8");
        for (want, got) in input.lines().zip(go.lines()) {
            assert_eq!(
                got, want,
                "{table}: the recorded verdict differs from this Go's"
            );
        }
        assert_eq!(input.lines().count(), go.lines().count(), "{table}");
    }
}
