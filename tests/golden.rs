//! Golden packages: every module under `golden/<transform-id>/` is run through the library
//! with only that transform selected (`golden/all-transforms/`: with every transform, to
//! pin how fixes of different transforms combine; `golden/grammar-gaps/`: with every
//! transform, files with Go 1.26 `new(expr)` fixed partially). For each one the harness
//! checks:
//! - every function of an input file gets what its `// allocfix: rewrite|unsafe|finding|keep`
//!   annotation says (findings mapped to functions by line), and every function has one;
//! - the output of every input file matches its accepted snapshot (`golden/<id>/snapshots/`),
//!   and so do the findings (`allocfix check`) and the `--unsafe` output where it differs;
//! - every output parses, and a second run changes nothing;
//! - the same files with CRLF line endings and a BOM give the same result, encoded alike;
//! - with Go present: `gofmt -l`, `go vet` and `go test` are clean on the original and on
//!   the fixed copy (the fixed copy also with `-tags allocfix_fixed`), the `--unsafe` copy
//!   still vets, and allocs/op of `BenchmarkFixed_*` drop while `BenchmarkKept_*` stay equal.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use allocfix::engine::FileOutcome;
use allocfix::runner::{RunConfig, run};
use allocfix::source::SourceFile;
use common::{copy_tree, go_available, go_cmd};

fn golden_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("golden")
}

/// Every folder holding a go.mod below `golden/<id>/`.
fn modules(id: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![golden_root().join(id)];
    while let Some(dir) = stack.pop() {
        if dir.join("go.mod").is_file() {
            out.push(dir.clone());
            continue;
        }
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(e.path());
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no golden module under golden/{id}");
    out
}

/// The golden folder whose modules run with every transform enabled.
const ALL_TRANSFORMS: &str = "all-transforms";

/// The golden folder of files tree-sitter-go cannot fully parse (Go 1.26 `new(expr)`),
/// fixed partially; also run with every transform enabled.
const GRAMMAR_GAPS: &str = "grammar-gaps";

fn config(id: &str, unsafe_fixes: bool) -> RunConfig {
    let mut rc = RunConfig::new(allocfix::transforms::ALL.to_vec());
    if id != ALL_TRANSFORMS && id != GRAMMAR_GAPS {
        let id =
            allocfix::config::lookup_id(id, allocfix::transforms::ALL).expect("known transform");
        rc.cli_select = Some(vec![id]);
    }
    rc.settings.unsafe_fixes = unsafe_fixes;
    rc.jobs = 1;
    rc
}

/// Runs the transform over a copy of the module; returns outcomes keyed by relative path.
fn run_on(dir: &Path, id: &str, unsafe_fixes: bool) -> BTreeMap<String, FileOutcome> {
    let result = run(&[dir.to_path_buf()], &config(id, unsafe_fixes), &|| {});
    assert!(result.errors.is_empty(), "run errors: {:?}", result.errors);
    result
        .files
        .into_iter()
        .map(|f| {
            let rel = f
                .path
                .strip_prefix(dir)
                .expect("inside module")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, f)
        })
        .collect()
}

fn content(o: &FileOutcome, dir: &Path, rel: &str) -> String {
    match &o.fixed {
        Some(f) => f.clone(),
        None => std::fs::read_to_string(dir.join(rel)).expect("readable"),
    }
}

fn write_outputs(dir: &Path, outcomes: &BTreeMap<String, FileOutcome>) {
    for (rel, o) in outcomes {
        if let Some(f) = &o.fixed {
            std::fs::write(dir.join(rel), f).expect("writable");
        }
    }
}

fn findings_text(outcomes: &BTreeMap<String, FileOutcome>) -> String {
    let mut out = String::new();
    for (rel, o) in outcomes {
        for r in &o.findings {
            let fix = match r.fix {
                Some(allocfix::fixkit::edit::Applicability::Safe) => "fix",
                Some(allocfix::fixkit::edit::Applicability::Unsafe) => "unsafe fix",
                None => "no fix",
            };
            out.push_str(&format!(
                "{rel}:{}:{}: {}: {} [{fix}]\n",
                r.position.line, r.position.column, r.transform, r.message
            ));
        }
        for e in &o.errors {
            out.push_str(&format!("{rel}: ERROR {e}\n"));
        }
        // Notes start with the file's path, which lies in a temporary folder.
        for n in &o.notes {
            let n = n.replacen(&o.path.display().to_string(), rel, 1);
            out.push_str(&format!("NOTE {n}\n"));
        }
    }
    out
}

fn snapshot(dir: &Path, name: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(dir.join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name.to_string(), value));
}

/// allocs/op per benchmark name.
fn bench_allocs(dir: &Path) -> BTreeMap<String, u64> {
    bench_metric(dir, "allocs/op")
}

/// The figure reported in `unit` (`allocs/op`, `B/op`) per benchmark name.
fn bench_metric(dir: &Path, unit: &str) -> BTreeMap<String, u64> {
    let out = go_cmd(
        dir,
        &[
            "test",
            "-run",
            "^$",
            "-bench",
            ".",
            "-benchmem",
            "-benchtime=200x",
            "-count=1",
            "./...",
        ],
    );
    let mut map = BTreeMap::new();
    for line in out.lines() {
        let mut words = line.split_whitespace();
        let Some(name) = words.next().filter(|n| n.starts_with("Benchmark")) else {
            continue;
        };
        let name = name.rsplit_once('-').map_or(name, |(n, _)| n).to_string();
        let words: Vec<&str> = line.split_whitespace().collect();
        if let Some(i) = words.iter().position(|w| *w == unit) {
            map.insert(name, words[i - 1].parse().expect("a count"));
        }
    }
    map
}

fn go_checks(original: &Path, fixed: &Path, unsafe_copy: &Path) {
    for dir in [original, fixed] {
        let unformatted = common::run_ok(dir, "gofmt", &["-l", "."]);
        assert!(
            unformatted.trim().is_empty(),
            "gofmt -l in {}: {unformatted}",
            dir.display()
        );
        go_cmd(dir, &["vet", "./..."]);
        go_cmd(dir, &["test", "-count=1", "./..."]);
    }
    go_cmd(
        fixed,
        &["test", "-count=1", "-tags", "allocfix_fixed", "./..."],
    );
    go_cmd(unsafe_copy, &["vet", "./..."]);
    let unformatted = common::run_ok(unsafe_copy, "gofmt", &["-l", "."]);
    assert!(
        unformatted.trim().is_empty(),
        "gofmt -l (unsafe) : {unformatted}"
    );
    let before = bench_allocs(original);
    let after = bench_allocs(fixed);
    let mut checked = 0;
    for (name, b) in &before {
        let a = after
            .get(name)
            .unwrap_or_else(|| panic!("{name} missing after the fix"));
        if name.starts_with("BenchmarkFixed_") {
            assert!(
                a < b,
                "{name}: allocs/op {b} before, {a} after: expected a drop"
            );
            checked += 1;
        } else if name.starts_with("BenchmarkKept_") {
            assert_eq!(
                a, b,
                "{name}: allocs/op changed ({b} → {a}) for a case that must be left alone"
            );
            checked += 1;
        }
    }
    // `BenchmarkFixedBytes_*`: B/op strictly lower in the `--unsafe` copy (field-alignment,
    // whose fix is unsafe and saves bytes, not allocations).
    if before.keys().any(|n| n.starts_with("BenchmarkFixedBytes_")) {
        let (b_before, b_after) = (
            bench_metric(original, "B/op"),
            bench_metric(unsafe_copy, "B/op"),
        );
        for (name, b) in b_before
            .iter()
            .filter(|(n, _)| n.starts_with("BenchmarkFixedBytes_"))
        {
            let a = b_after[name];
            assert!(
                a < *b,
                "{name}: B/op {b} before, {a} after --unsafe: expected a drop"
            );
            checked += 1;
        }
        eprintln!(
            "B/op {}: {b_before:?} → {b_after:?} (--unsafe)",
            original.display()
        );
    }
    assert!(
        checked > 0,
        "no BenchmarkFixed_/BenchmarkKept_ benchmarks in {}",
        original.display()
    );
    eprintln!("allocs/op {}: {before:?} → {after:?}", original.display());
}

/// True when `text` is valid Go as far as allocfix can tell: it parses, or its only parse
/// errors are `new(expr)` calls tree-sitter-go cannot parse yet.
fn parses(rel: &str, text: &str) -> bool {
    let parsed = SourceFile::new(rel.into(), text);
    parsed.syntax_error().is_none()
        || allocfix::source::mask_grammar_gaps(parsed.tree(), &parsed.text).is_some()
}

/// What an annotated function must get (`// allocfix: rewrite|unsafe|finding|keep` in the
/// comment right above it), in order of precedence: a safe fix offered inside it, else an
/// unsafe fix, else a finding, else nothing.
const OUTCOMES: [&str; 4] = ["rewrite", "unsafe", "finding", "keep"];

/// A function of a golden input file, or a run of them packed on consecutive lines under
/// one comment (gofmt aligns such one-liners; one annotation covers the run).
struct Annotated {
    names: Vec<String>,
    lines: std::ops::RangeInclusive<usize>,
    expected: Option<&'static str>,
}

fn annotated_functions(text: &str) -> Vec<Annotated> {
    let mut tree = allocfix::source::parse(text);
    if let Some(gaps) = allocfix::source::mask_grammar_gaps(&tree, text) {
        tree = gaps.tree;
    }
    let root = tree.root_node();
    let mut cursor = root.walk();
    let mut out: Vec<Annotated> = Vec::new();
    // The comment lines right above the current declaration.
    let mut doc: Vec<tree_sitter::Node> = Vec::new();
    for node in root.named_children(&mut cursor) {
        if node.kind() == "comment" {
            if doc
                .last()
                .is_some_and(|c| c.end_position().row + 1 < node.start_position().row)
            {
                doc.clear();
            }
            doc.push(node);
            continue;
        }
        let row = node.start_position().row;
        let above: Vec<tree_sitter::Node> = match doc.last() {
            Some(c) if c.end_position().row + 1 == row => std::mem::take(&mut doc),
            _ => Vec::new(),
        };
        let expected = above.iter().find_map(|c| {
            let t = &text[c.byte_range()];
            let at = t.find("allocfix: ")? + "allocfix: ".len();
            OUTCOMES.iter().copied().find(|o| t[at..].starts_with(o))
        });
        doc.clear();
        if !matches!(node.kind(), "function_declaration" | "method_declaration") {
            // An annotated package-level `var`, `const` or `type` declaration is checked
            // too (the findings of rules about declarations land there).
            if expected.is_some()
                && matches!(
                    node.kind(),
                    "var_declaration" | "const_declaration" | "type_declaration"
                )
            {
                let name = text[node.byte_range()]
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("?")
                    .to_string();
                out.push(Annotated {
                    names: vec![name],
                    lines: row + 1..=node.end_position().row + 1,
                    expected,
                });
            }
            continue;
        }
        let name = node
            .child_by_field_name("name")
            .map_or("?", |n| &text[n.byte_range()])
            .to_string();
        let (first, last) = (row + 1, node.end_position().row + 1);
        if above.is_empty()
            && let Some(prev) = out.last_mut()
            && *prev.lines.end() + 1 == first
        {
            prev.names.push(name);
            prev.lines = *prev.lines.start()..=last;
            continue;
        }
        out.push(Annotated {
            names: vec![name],
            lines: first..=last,
            expected,
        });
    }
    out
}

/// Checks every function of the module's input files (not tests) against its annotation,
/// mapping the findings of `outcomes` (pass one of `fix`, the same as `check`) to
/// functions by line. Fails listing every mismatch and every function without one.
fn check_annotations(module: &Path, outcomes: &BTreeMap<String, FileOutcome>) {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stack = vec![module.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("readable").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "go")
                && !p.to_string_lossy().ends_with("_test.go")
            {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut problems = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(module)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&path).expect("readable");
        let findings: &[allocfix::engine::Report] =
            outcomes.get(&rel).map_or(&[], |o| o.findings.as_slice());
        for f in annotated_functions(&text) {
            let inside: Vec<_> = findings
                .iter()
                .filter(|r| f.lines.contains(&r.position.line))
                .collect();
            let got = if inside
                .iter()
                .any(|r| r.fix == Some(allocfix::fixkit::edit::Applicability::Safe))
            {
                "rewrite"
            } else if inside
                .iter()
                .any(|r| r.fix == Some(allocfix::fixkit::edit::Applicability::Unsafe))
            {
                "unsafe"
            } else if !inside.is_empty() {
                "finding"
            } else {
                "keep"
            };
            let name = f.names.join("+");
            match f.expected {
                None => problems.push(format!(
                    "{rel}:{}:{name}: no `// allocfix: rewrite|unsafe|finding|keep` annotation (it gets {got})",
                    f.lines.start()
                )),
                Some(want) if want != got => problems.push(format!(
                    "{rel}:{}:{name}:expected {want}:got {got}",
                    f.lines.start()
                )),
                Some(_) => {}
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{}: annotations do not match what allocfix does:\n{}",
        module.display(),
        problems.join("\n")
    );
}

fn to_crlf_bom(s: &str) -> String {
    format!("\u{feff}{}", s.replace('\n', "\r\n"))
}

fn check_transform(id: &str) {
    for module in modules(id) {
        let rel_module = module
            .strip_prefix(golden_root())
            .expect("below golden")
            .to_path_buf();
        let tmp = tempfile::tempdir().expect("tempdir");
        let original = tmp.path().join("original");
        let fixed = tmp.path().join("fixed");
        let unsafe_copy = tmp.path().join("unsafe");
        let crlf = tmp.path().join("crlf");
        for d in [&original, &fixed, &unsafe_copy, &crlf] {
            copy_tree(&module, d);
        }

        // Safe fixes: snapshots, parse, idempotence.
        let outcomes = run_on(&fixed, id, false);
        assert!(
            !outcomes.is_empty(),
            "{}: no files processed",
            rel_module.display()
        );
        for (rel, o) in &outcomes {
            let text = content(o, &fixed, rel);
            snapshot(&module, &rel.replace('/', "__"), &text);
            assert!(
                parses(rel, &text),
                "{rel}: output does not parse: {:?}",
                SourceFile::new(rel.into(), &text).syntax_error()
            );
        }
        snapshot(&module, "findings", &findings_text(&outcomes));
        check_annotations(&module, &outcomes);
        write_outputs(&fixed, &outcomes);
        let again = run_on(&fixed, id, false);
        for (rel, o) in &again {
            assert!(
                o.fixed.is_none(),
                "{}/{rel}: a second run changed it again:\n{}",
                rel_module.display(),
                o.fixed.as_deref().unwrap_or("")
            );
        }

        // CRLF + BOM: the same edits, the encoding kept.
        for rel in outcomes.keys() {
            let p = crlf.join(rel);
            let lf = std::fs::read_to_string(&p).expect("readable");
            std::fs::write(&p, to_crlf_bom(&lf)).expect("writable");
        }
        let crlf_outcomes = run_on(&crlf, id, false);
        for (rel, o) in &crlf_outcomes {
            let want = to_crlf_bom(&content(
                &outcomes[rel],
                &fixed.join("..").join("original"),
                rel,
            ));
            let want = if outcomes[rel].fixed.is_some() {
                to_crlf_bom(outcomes[rel].fixed.as_deref().expect("fixed"))
            } else {
                want
            };
            assert_eq!(
                content(o, &crlf, rel),
                want,
                "{rel}: CRLF/BOM result differs from the LF result"
            );
        }

        // Unsafe fixes: snapshot where they differ, parse, idempotence.
        let original_dir = fixed.join("..").join("original");
        let unsafe_outcomes = run_on(&unsafe_copy, id, true);
        for (rel, o) in &unsafe_outcomes {
            let text = content(o, &unsafe_copy, rel);
            // A test file only an unsafe fix edits has no safe outcome: compare with its
            // original text.
            let safe = outcomes.get(rel);
            let original = std::fs::read_to_string(original.join(rel)).expect("readable");
            if text != safe.map_or(original.clone(), |s| content(s, &original_dir, rel))
                && Some(&text) != safe.and_then(|s| s.fixed.as_ref())
            {
                snapshot(
                    &module,
                    &format!("unsafe__{}", rel.replace('/', "__")),
                    &text,
                );
            }
            assert!(parses(rel, &text), "{rel} (unsafe): output does not parse");
        }
        write_outputs(&unsafe_copy, &unsafe_outcomes);
        for (rel, o) in run_on(&unsafe_copy, id, true) {
            assert!(
                o.fixed.is_none(),
                "{rel} (unsafe): a second run changed it again"
            );
        }

        if go_available("golden packages") {
            go_checks(&original, &fixed, &unsafe_copy);
        }
    }
}

macro_rules! golden {
    ($($name:ident => $id:literal),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_transform($id);
            }
        )*
    };
}

golden! {
    hoist_regexp => "hoist-regexp",
    sentinel_error => "sentinel-error",
    sprintf_strconv => "sprintf-strconv",
    timer_reuse => "timer-reuse",
    string_builder => "string-builder",
    defer_in_loop => "defer-in-loop",
    prealloc_slice => "prealloc-slice",
    prealloc_map => "prealloc-map",
    time_tick => "time-tick",
    make_append => "make-append",
    set_finalizer => "set-finalizer",
    json_encoder => "json-encoder",
    field_alignment => "field-alignment",
    byte_conversions => "byte-conversions",
    pool_pointer => "pool-pointer",
    goroutine_args => "goroutine-args",
    boxing_in_loop => "boxing-in-loop",
    buffer_per_call => "buffer-per-call",
    result_slice => "result-slice",
    pointer_map_key => "pointer-map-key",
    subslice_pin => "subslice-pin",
    nil_pointer_field => "nil-pointer-field",
    named_id => "named-id",
    all_transforms => "all-transforms",
    grammar_gaps => "grammar-gaps",
}

/// What `check` offers, `fix` applies: over every golden module (the partially parsed ones
/// too), with its own transform and
/// with all of them, the number of fixes `check` reports (safe ones; and safe plus unsafe
/// with `--unsafe`) equals the number `fix` applies, except that a fix of code another fix
/// replaces (found from the offered edits) may have nothing left to do.
#[test]
fn check_offers_what_fix_applies() {
    let mut ids: Vec<&str> = allocfix::transforms::ALL.iter().map(|d| d.id).collect();
    ids.push(ALL_TRANSFORMS);
    ids.push(GRAMMAR_GAPS);
    let mut compared = 0;
    for id in ids {
        for module in modules(id) {
            for selection in [id, ALL_TRANSFORMS] {
                for unsafe_fixes in [false, true] {
                    let mut check = config(selection, unsafe_fixes);
                    check.settings.findings_only = true;
                    let offers: Vec<_> = run(std::slice::from_ref(&module), &check, &|| {})
                        .files
                        .into_iter()
                        .flat_map(|f| f.findings)
                        .filter(|r| match r.fix {
                            Some(allocfix::fixkit::edit::Applicability::Safe) => true,
                            Some(allocfix::fixkit::edit::Applicability::Unsafe) => unsafe_fixes,
                            None => false,
                        })
                        .collect();
                    let offered = offers.len();
                    // A fix that rewrites code inside what another fix replaces (a
                    // byte-conversions fix of the newline Write a json-encoder fix removes)
                    // has nothing left to change once the other is applied.
                    let inside =
                        |a: &allocfix::output::ReportEdit, b: &allocfix::output::ReportEdit| {
                            a.path == b.path
                                && !a.bytes.is_empty()
                                && b.bytes.start <= a.bytes.start
                                && a.bytes.end <= b.bytes.end
                                && a.bytes != b.bytes
                        };
                    let absorbed = offers
                        .iter()
                        .enumerate()
                        .filter(|(i, r)| {
                            offers.iter().enumerate().any(|(j, other)| {
                                j != *i
                                    && r.edits
                                        .iter()
                                        .any(|a| other.edits.iter().any(|b| inside(a, b)))
                            })
                        })
                        .count();
                    let fixed = run(
                        std::slice::from_ref(&module),
                        &config(selection, unsafe_fixes),
                        &|| {},
                    );
                    let errors: Vec<&String> = fixed.files.iter().flat_map(|f| &f.errors).collect();
                    assert!(errors.is_empty(), "{}: {errors:?}", module.display());
                    let applied: usize = fixed.files.iter().map(|f| f.fixes_applied).sum();
                    assert!(
                        offered - absorbed <= applied && applied <= offered,
                        "{} with {selection}{}: check offers {offered} fixes ({absorbed} inside another), fix applies {applied}",
                        module.display(),
                        if unsafe_fixes { " --unsafe" } else { "" }
                    );
                    compared += 1;
                }
            }
        }
    }
    assert!(compared >= 36, "{compared} runs compared");
}

/// Every rule declares its fix availability, and its golden cases show it: over the golden
/// modules of a rule, the fixes it offers are exactly of the kinds declared (a finding-only
/// rule never offers a fix, a safe-only rule never an unsafe one, an unsafe-only rule never
/// a safe one, and a rule declaring both offers both); run with every transform, no rule
/// offers a fix its declaration excludes.
#[test]
fn declared_fix_availability_matches_golden_fixes() {
    use allocfix::fixkit::edit::Applicability;
    use allocfix::transform::FixAvailability;
    let offered = |id: &str, module: &Path| -> Vec<(&'static str, Option<Applicability>)> {
        let mut check = config(id, false);
        check.settings.findings_only = true;
        run(std::slice::from_ref(&module.to_path_buf()), &check, &|| {})
            .files
            .into_iter()
            .flat_map(|f| f.findings)
            .map(|r| (r.transform, r.fix))
            .collect()
    };
    let mut problems = Vec::new();
    for def in allocfix::transforms::ALL {
        let (mut safe, mut unsafe_fixes) = (false, false);
        for module in modules(def.id) {
            for (transform, fix) in offered(def.id, &module) {
                assert_eq!(transform, def.id);
                safe |= fix == Some(Applicability::Safe);
                unsafe_fixes |= fix == Some(Applicability::Unsafe);
            }
        }
        let seen = FixAvailability::of(safe, unsafe_fixes);
        if seen != def.fix {
            problems.push(format!(
                "{}: declares {:?} ({}), its golden cases offer {seen:?}",
                def.id,
                def.fix,
                def.fix.label()
            ));
        }
    }
    for id in [ALL_TRANSFORMS, GRAMMAR_GAPS] {
        for module in modules(id) {
            for (transform, fix) in offered(id, &module) {
                let def = allocfix::transforms::ALL
                    .iter()
                    .find(|d| d.id == transform)
                    .expect("a rule of the catalogue");
                if let Some(a) = fix
                    && !def.fix.offers(a)
                {
                    problems.push(format!(
                        "{}: {transform} offers a {a:?} fix, declared {:?}",
                        module.display(),
                        def.fix
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
