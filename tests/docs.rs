//! The README states what the build and the binary do: the Rust version, the exit codes.

use std::path::Path;

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).expect("readable")
}

#[test]
fn readme_rust_version_is_the_manifests() {
    let manifest = read("Cargo.toml");
    let version = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .expect("Cargo.toml sets rust-version")
        .trim_matches('"');
    let readme = read("README.md");
    assert!(
        readme.contains(&format!("Rust ≥ {version} ")),
        "README does not say Rust ≥ {version}"
    );
    assert_eq!(
        readme.matches("Rust ≥ ").count(),
        1,
        "one Rust version in README"
    );
}

#[test]
fn exit_codes_are_documented_in_readme_and_help() {
    let readme = read("README.md");
    assert!(readme.contains("## Exit codes"));
    for code in ["| 0 |", "| 1 |", "| 2 |", "| 130 |"] {
        assert!(readme.contains(code), "README exit-code table lacks {code}");
    }
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_allocfix"))
        .arg("--help")
        .output()
        .expect("runs");
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("Exit codes:"), "{help}");
    assert!(help.contains("130 fix interrupted"), "{help}");
}

/// The README's transform table has a row per rule whose last column is the rule's declared
/// fix availability, in the words `allocfix list` uses.
#[test]
fn readme_transform_table_states_each_rules_fix_availability() {
    let readme = read("README.md");
    let mut problems = Vec::new();
    for def in allocfix::transforms::ALL {
        let prefix = format!("| `{}` |", def.id);
        let Some(row) = readme.lines().find(|l| l.starts_with(&prefix)) else {
            problems.push(format!("{}: no row in the transform table", def.id));
            continue;
        };
        let fixes = row
            .trim_end()
            .trim_end_matches('|')
            .rsplit('|')
            .next()
            .unwrap_or("")
            .trim();
        let want = if def.opt_in {
            format!("{}; opt-in", def.fix.label())
        } else {
            def.fix.label().to_string()
        };
        if fixes != want {
            problems.push(format!("{}: fixes column `{fixes}`, want `{want}`", def.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
