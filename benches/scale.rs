//! How a run's cost grows with the size of a package.
//!
//! `cargo bench --bench scale [-- --big]` generates, in a temporary folder, one package of
//! N small functions (each with a constant `errors.New` and a `fmt.Sprintf`, 100 functions
//! per file, and the same N in a single file) for N = 1k, 4k and 16k (and ≈ 10 MB with
//! `--big`), and one function whose loop appends a 50,000-term `x + x + … + x`. For each it
//! prints the tree-sitter parse time of the files, the `check` time (every transform,
//! findings only) and the `diff` time (fixes computed, nothing written), and the time per
//! function. One thread, so that the figures do not depend on the machine's other work.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use allocfix::runner::{RunConfig, run};

fn function(i: usize) -> String {
    format!(
        "\nfunc f{i}(n int, s string) (string, error) {{\n\tif n < 0 {{\n\t\treturn \"\", errors.New(\"negative input {i}\")\n\t}}\n\treturn fmt.Sprintf(\"%s: %d\", s, n), nil\n}}\n"
    )
}

/// Writes a package of `n` functions, `per_file` to a file; returns its size in bytes.
fn package(dir: &Path, n: usize, per_file: usize) -> usize {
    std::fs::create_dir_all(dir).expect("mkdir");
    let mut bytes = 0;
    for (k, start) in (0..n).step_by(per_file).enumerate() {
        let mut text = String::from("package big\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n)\n");
        for i in start..(start + per_file).min(n) {
            text.push_str(&function(i));
        }
        bytes += text.len();
        std::fs::write(dir.join(format!("f{k}.go")), text).expect("write");
    }
    bytes
}

fn chain(dir: &Path, terms: usize) -> usize {
    std::fs::create_dir_all(dir).expect("mkdir");
    let mut text = String::from(
        "package e\n\nfunc f(xs []string, x string) string {\n\ts := \"\"\n\tfor range xs {\n\t\ts += x",
    );
    for _ in 1..terms {
        text.push_str(" + x");
    }
    text.push_str("\n\t}\n\treturn s\n}\n");
    std::fs::write(dir.join("e.go"), &text).expect("write");
    text.len()
}

fn parse_time(dir: &Path) -> Duration {
    let files: Vec<PathBuf> = allocfix::walk::package_files(dir);
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read"))
        .collect();
    let start = Instant::now();
    for t in &texts {
        let tree = allocfix::source::parse(t);
        std::hint::black_box(&tree);
    }
    start.elapsed()
}

fn run_time(dir: &Path, findings_only: bool) -> (Duration, usize) {
    let mut rc = RunConfig::new(allocfix::transforms::ALL.to_vec());
    rc.jobs = 1;
    rc.diffs = !findings_only;
    rc.settings.findings_only = findings_only;
    let start = Instant::now();
    let result = run(&[dir.to_path_buf()], &rc, &|| {});
    let n = if findings_only {
        result.files.iter().map(|f| f.findings.len()).sum()
    } else {
        result.files.iter().map(|f| f.fixes_applied).sum()
    };
    (start.elapsed(), n)
}

fn main() {
    let big = std::env::args().any(|a| a == "--big");
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut report = String::new();
    let _ = writeln!(
        report,
        "{:<28} {:>6} {:>8} {:>9} {:>9} {:>9} {:>11}",
        "input", "MB", "parse", "check", "µs/func", "diff", "µs/func"
    );
    let mut sizes = vec![1_000, 4_000, 16_000];
    if big {
        sizes.push(66_000);
    }
    for per_file in [100, usize::MAX] {
        for &n in &sizes {
            let dir = tmp.path().join(format!("p{n}_{per_file}"));
            let bytes = package(&dir, n, per_file);
            let parse = parse_time(&dir);
            let (check, findings) = run_time(&dir, true);
            let (diff, fixes) = run_time(&dir, false);
            let label = if per_file == usize::MAX {
                format!("{n} funcs, one file")
            } else {
                format!("{n} funcs, {per_file}/file")
            };
            let _ = writeln!(
                report,
                "{label:<28} {:>6.1} {:>7.2}s {:>8.2}s {:>9.0} {:>8.2}s {:>11.0}   ({findings} findings, {fixes} fixes)",
                bytes as f64 / 1e6,
                parse.as_secs_f64(),
                check.as_secs_f64(),
                check.as_secs_f64() * 1e6 / n as f64,
                diff.as_secs_f64(),
                diff.as_secs_f64() * 1e6 / n as f64,
            );
            eprint!("{report}");
            report.clear();
        }
    }
    let dir = tmp.path().join("chain");
    let bytes = chain(&dir, 50_000);
    let parse = parse_time(&dir);
    let (check, _) = run_time(&dir, true);
    let (diff, _) = run_time(&dir, false);
    eprintln!(
        "{:<28} {:>6.1} {:>7.2}s {:>8.2}s {:>9} {:>8.2}s",
        "50,000-term `s += x + …`",
        bytes as f64 / 1e6,
        parse.as_secs_f64(),
        check.as_secs_f64(),
        "",
        diff.as_secs_f64()
    );
}
