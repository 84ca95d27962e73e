//! The layering of issue 8: a rule in `transforms/` asks `analysis` and `fixkit` and never
//! reaches into the engine, and `src/analysis` and `src/fixkit` never depend on a rule.
//! Checked on the source text: every `crate::<module>` path (also inside `crate::{...}`)
//! outside `#[cfg(test)]` items must name an allowed module.

use std::fs;
use std::path::{Path, PathBuf};

/// What a rule may use: the semantic model, the writing kit, the syntax helpers, the rule
/// trait and its option types, the package (read-only), Go's predeclared names, and sibling
/// rules.
const RULE_ALLOWED: &[&str] = &[
    "analysis",
    "fixkit",
    "syntax",
    "transform",
    "package",
    "golang",
    "transforms",
];

/// What no analysis or fixkit module may use.
const KIT_FORBIDDEN: &[&str] = &["transforms"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The lines of `src` outside `#[cfg(test)]` items, with their line numbers. A
/// `#[cfg(test)] mod name {` runs to its closing `}` in column 0 (rustfmt's layout of a
/// top-level module); any other `#[cfg(test)]` item is its next line.
fn non_test_lines(src: &str) -> Vec<(usize, &str)> {
    let lines: Vec<&str> = src.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() == "#[cfg(test)]" {
            let next = lines.get(i + 1).copied().unwrap_or("");
            let item = next.trim_start();
            let item = item
                .strip_prefix("pub(crate) ")
                .or_else(|| item.strip_prefix("pub "))
                .unwrap_or(item);
            let is_mod = item.starts_with("mod ") && next.trim_end().ends_with('{');
            i += 2;
            if is_mod {
                while i < lines.len() && lines[i] != "}" {
                    i += 1;
                }
                i += 1;
            }
            continue;
        }
        out.push((i + 1, lines[i]));
        i += 1;
    }
    out
}

/// The top-level modules of the crate a line names with `crate::`.
fn crate_modules(line: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or("");
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// Every `file:line: crate::module` in `src` that `ok` refuses.
fn violations(file: &str, src: &str, ok: &dyn Fn(&str) -> bool) -> Vec<String> {
    non_test_lines(src)
        .into_iter()
        .flat_map(|(n, line)| {
            crate_modules(line)
                .into_iter()
                .filter(|m| !ok(m))
                .map(move |m| format!("{file}:{n}: crate::{m}"))
        })
        .collect()
}

fn check_tree(dir: &str, ok: &dyn Fn(&str) -> bool) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join(dir), &mut files);
    assert!(!files.is_empty(), "no Rust files under {dir}");
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            let src = fs::read_to_string(f).unwrap();
            let name = f.strip_prefix(root).unwrap().display().to_string();
            violations(&name, &src, ok)
        })
        .collect()
}

fn rule_ok(m: &str) -> bool {
    RULE_ALLOWED.contains(&m)
}

fn kit_ok(m: &str) -> bool {
    !KIT_FORBIDDEN.contains(&m)
}

#[test]
fn transforms_use_only_analysis_fixkit_and_the_rule_api() {
    let bad = check_tree("transforms", &rule_ok);
    assert!(
        bad.is_empty(),
        "rules reach into engine internals:\n{}",
        bad.join("\n")
    );
}

#[test]
fn analysis_and_fixkit_never_depend_on_transforms() {
    let mut bad = check_tree("src/analysis", &kit_ok);
    bad.extend(check_tree("src/fixkit", &kit_ok));
    assert!(
        bad.is_empty(),
        "analysis/fixkit import transforms:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_check_sees_violations_and_skips_test_modules() {
    let src = "use crate::analysis::types;\nuse crate::engine::Settings;\nuse crate::{syntax, runner};\nfn f() { let _ = crate::source::parse(\"\"); } // crate::cli in a comment\n\n#[cfg(test)]\nmod tests {\n    use crate::engine::run_package;\n    fn g() {\n    }\n}\n\n#[cfg(test)]\nuse crate::verify;\nuse crate::write::x;\n";
    assert_eq!(
        violations("t.rs", src, &rule_ok),
        [
            "t.rs:2: crate::engine",
            "t.rs:3: crate::runner",
            "t.rs:4: crate::source",
            "t.rs:15: crate::write",
        ]
    );
    assert_eq!(
        violations("a.rs", "use crate::transforms::loops;\n", &kit_ok),
        ["a.rs:1: crate::transforms"]
    );
}
