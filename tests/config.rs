//! config.example.toml documents every key: it must parse, and name every transform option.

use std::path::Path;

use allocfix::config::Config;

#[test]
fn example_config_parses_and_covers_every_option() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
    let text = std::fs::read_to_string(&path).expect("config.example.toml exists");
    let config =
        Config::parse(&path, &text, allocfix::transforms::ALL).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !config.overrides.is_empty(),
        "the example shows an override"
    );
    for key in [
        "select",
        "ignore",
        "include-tests",
        "unsafe",
        "exclude",
        "[[overrides]]",
        "paths",
    ] {
        assert!(
            text.contains(key),
            "config.example.toml does not document `{key}`"
        );
    }
    assert_eq!(
        config.options.len(),
        allocfix::transforms::ALL
            .iter()
            .filter(|d| !d.options().is_empty())
            .count(),
        "every transform with options has its table"
    );
    // "every key, with its default": each option is set, to its default.
    let table: toml::Table = toml::from_str(&text).expect("toml");
    for def in allocfix::transforms::ALL {
        for opt in def.options() {
            let set = table
                .get("transforms")
                .and_then(|t| t.get(def.id))
                .and_then(|t| t.get(&opt.name));
            assert_eq!(
                set.map(ToString::to_string),
                Some(opt.default.clone()),
                "config.example.toml sets [transforms.{}] {} to its default",
                def.id,
                opt.name
            );
        }
    }
}

/// Every transform of the catalogue has its documentation sections, a golden folder run by
/// tests/golden.rs, and its id in config.example.toml's `select` list.
#[test]
fn every_transform_has_docs_golden_cases_and_a_config_entry() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = std::fs::read_to_string(root.join("config.example.toml")).unwrap();
    let select = example
        .lines()
        .find(|l| l.starts_with("select = "))
        .expect("config.example.toml has a top-level select");
    let harness = std::fs::read_to_string(root.join("tests/golden.rs")).unwrap();
    let mut missing = Vec::new();
    for def in allocfix::transforms::ALL {
        let doc = def.doc();
        for section in ["## What it does", "## Why", "## Example", "## Fix safety"] {
            if !doc.contains(section) {
                missing.push(format!("{}: no `{section}` in its doc comment", def.id));
            }
        }
        if def.summary.is_empty() {
            missing.push(format!("{}: no summary", def.id));
        }
        for opt in def.options() {
            if opt.doc.is_empty() {
                missing.push(format!(
                    "{}: option `{}` has no doc comment on its field",
                    def.id, opt.name
                ));
            }
        }
        let golden = root.join("golden").join(def.id);
        if !golden.is_dir() {
            missing.push(format!("{}: no golden/{} folder", def.id, def.id));
        }
        if !harness.contains(&format!("=> \"{}\"", def.id)) {
            missing.push(format!("{}: tests/golden.rs does not run it", def.id));
        }
        if !select.contains(&format!("\"{}\"", def.id)) {
            missing.push(format!("{}: not in config.example.toml's select", def.id));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
