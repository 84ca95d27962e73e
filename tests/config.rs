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
    for def in allocfix::transforms::ALL {
        for opt in def.options {
            let documented = config
                .options
                .get(def.id)
                .is_some_and(|o| o.contains_key(opt.name));
            assert!(
                documented,
                "config.example.toml does not set [transforms.{}] {}",
                def.id, opt.name
            );
        }
    }
}
