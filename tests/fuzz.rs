//! A bounded fuzz run over mutations of the golden files: lines deleted, duplicated and
//! swapped, lines spliced in from other golden files, bytes replaced, the text truncated.
//! Each mutant goes through the engine as `fix`, `fix --unsafe` and `diff` do (every
//! transform, through the library). It must not panic (a panic the engine caught shows up
//! as an "internal error in …" error), and when the mutant parsed, every output must parse.
//!
//! The run is deterministic: `ALLOCFIX_FUZZ_CASES` mutants (default 300) from
//! `ALLOCFIX_FUZZ_SEED` (default fixed). Longer campaigns: raise both, e.g.
//! `ALLOCFIX_FUZZ_CASES=20000 ALLOCFIX_FUZZ_SEED=$RANDOM cargo test --release --test fuzz`.
//! A failing mutant is written to `target/fuzz-failures/`; once fixed, add it to
//! `tests/fuzz-corpus/`, whose files are run (unmutated) on every `cargo test`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use allocfix::engine::{Settings, run_package};
use allocfix::package::{GoFile, GoMod, Package};
use allocfix::source::SourceFile;

/// splitmix64: small, seedable, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn go_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            go_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "go") {
            out.push(p);
        }
    }
}

/// Replacement bytes for a flip: Go punctuation, letters, a quote, a newline.
const FLIPS: &[u8] = b"{}()[];,.:=+-*&!<>\"`'\n\t xyz0_";

fn mutate(text: &str, donors: &[String], rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    for _ in 0..1 + rng.below(3) {
        let n = lines.len();
        if n == 0 {
            break;
        }
        match rng.below(7) {
            0 => {
                lines.remove(rng.below(n));
            }
            1 => {
                let i = rng.below(n);
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            2 => {
                let (a, b) = (rng.below(n), rng.below(n));
                lines.swap(a, b);
            }
            3 => {
                let donor = &donors[rng.below(donors.len())];
                let donor_lines: Vec<&str> = donor.split_inclusive('\n').collect();
                if !donor_lines.is_empty() {
                    let start = rng.below(donor_lines.len());
                    let len = 1 + rng.below(6);
                    let end = (start + len).min(donor_lines.len());
                    let at = rng.below(n + 1);
                    for (k, l) in donor_lines[start..end].iter().enumerate() {
                        lines.insert(at + k, l.to_string());
                    }
                }
            }
            4 => {
                // Delete a block of lines.
                let start = rng.below(n);
                let end = (start + 1 + rng.below(8)).min(n);
                lines.drain(start..end);
            }
            5 => {
                let joined: String = lines.concat();
                let cut = rng.below(joined.len() + 1);
                let cut = (0..=cut)
                    .rev()
                    .find(|&c| joined.is_char_boundary(c))
                    .unwrap_or(0);
                lines = joined[..cut]
                    .split_inclusive('\n')
                    .map(str::to_string)
                    .collect();
            }
            _ => {
                let i = rng.below(n);
                let line = &lines[i];
                let positions: Vec<usize> = line.char_indices().map(|(p, _)| p).collect();
                if let Some(&p) = positions.get(rng.below(positions.len())) {
                    let c = line[p..].chars().next().expect("a char at p");
                    let flip = FLIPS[rng.below(FLIPS.len())] as char;
                    let mut s = line[..p].to_string();
                    s.push(flip);
                    s.push_str(&line[p + c.len_utf8()..]);
                    lines[i] = s;
                }
            }
        }
    }
    lines.concat()
}

/// Runs `text` as file `name` of a one-file package through the engine as fix, fix
/// --unsafe and diff do. Returns what went wrong, if anything.
fn check(name: &str, text: &str, go: (u32, u32)) -> Option<String> {
    let parsed = SourceFile::new(name.into(), text).syntax_error().is_none();
    for unsafe_fixes in [false, true] {
        let mut file = GoFile::new(SourceFile::new(name.into(), text));
        file.enabled = allocfix::transforms::ALL.iter().map(|d| d.id).collect();
        file.editable = !file.generated && file.parse_error().is_none();
        let module = GoMod {
            path: "go.mod".into(),
            module: Some("example.com/fuzz".into()),
            go: Some(go),
        };
        let pkg_name = file.package_name().unwrap_or("").to_string();
        let pkg = Package::new(".".into(), pkg_name, vec![file], Some(Arc::new(module)));
        let settings = Settings {
            unsafe_fixes,
            ..Settings::default()
        };
        let outcomes = run_package(pkg, allocfix::transforms::ALL, &settings);
        for o in &outcomes {
            if let Some(e) = o.errors.iter().find(|e| e.contains("internal error in ")) {
                return Some(format!("panic (unsafe: {unsafe_fixes}): {e}"));
            }
            if let Some(fixed) = &o.fixed {
                if parsed
                    && let Some((pos, msg)) = SourceFile::new(name.into(), fixed).syntax_error()
                {
                    return Some(format!(
                        "output does not parse (unsafe: {unsafe_fixes}) at {}:{}: {msg}\n{fixed}",
                        pos.line, pos.column
                    ));
                }
                // The diff path.
                let _ = allocfix::diff::unified(name, &o.original, fixed);
            }
        }
    }
    None
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn record_failure(text: &str, what: &str) -> String {
    let dir = root().join("target").join("fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let path = dir.join(format!("{hash:016x}.go"));
    let _ = std::fs::write(&path, text);
    format!("{what}\n(input saved to {})", path.display())
}

#[test]
fn corpus_regressions() {
    let mut files = Vec::new();
    go_files(&root().join("tests").join("fuzz-corpus"), &mut files);
    assert!(!files.is_empty(), "tests/fuzz-corpus holds the regressions");
    for f in files {
        let text = std::fs::read_to_string(&f).expect("readable");
        for go in [(1, 21), (1, 23)] {
            if let Some(what) = check("a.go", &text, go) {
                panic!("{}: {what}", f.display());
            }
        }
    }
}

#[test]
fn mutated_golden_files() {
    let env = |k: &str, d: u64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let cases = env("ALLOCFIX_FUZZ_CASES", 300);
    let mut rng = Rng(env("ALLOCFIX_FUZZ_SEED", 0x616c_6c6f_6366_6978));
    let mut paths = Vec::new();
    go_files(&root().join("golden"), &mut paths);
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable"))
        .collect();
    assert!(texts.len() > 50, "golden files found: {}", texts.len());
    let start = std::time::Instant::now();
    for case in 0..cases {
        let i = rng.below(texts.len());
        let mutant = mutate(&texts[i], &texts, &mut rng);
        let name = if paths[i].to_string_lossy().ends_with("_test.go") {
            "a_test.go"
        } else {
            "a.go"
        };
        let go = if rng.below(2) == 0 { (1, 21) } else { (1, 23) };
        if let Some(what) = check(name, &mutant, go) {
            panic!(
                "case {case} (mutant of {}): {}",
                paths[i].display(),
                record_failure(&mutant, &what)
            );
        }
    }
    eprintln!("{cases} mutants in {:.1?}", start.elapsed());
}
