//! `fix --bench`: the proof of win. For every package the fixes changed that has
//! benchmarks, build its test binary twice (the code as it was, through `go test -overlay`,
//! and the code as it is now on disk), run the two alternately `--bench-count` times
//! (before, after, before, after…, one `-test.count=1` run each, so that drift on the
//! machine hits both sides), and compare allocs/op, B/op and ns/op per benchmark.
//!
//! Allocation counts judge: a benchmark whose allocs/op or B/op rose (every run after the
//! fixes above every run before) is flagged, and
//! with `--verify --bench` the package's fixes are rolled back whole (every file of the
//! package gets its original bytes back; benchmarks are too slow to bisect fix by fix).
//! Times are shown with their spread and never judged.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::runner::RunResult;
use crate::verify::Toolchain;

/// A changed file as the fixes left it: what it was before.
#[derive(Clone)]
pub struct Before {
    pub path: PathBuf,
    pub original: String,
}

/// The original texts of every changed file (taken before `--verify` drops them).
pub fn snapshot(result: &RunResult) -> Vec<Before> {
    result
        .files
        .iter()
        .filter(|f| f.changed && !f.original.is_empty())
        .map(|f| Before {
            path: f.path.clone(),
            original: f.original.clone(),
        })
        .collect()
}

/// What to run.
pub struct Options {
    /// Runs of each side (before and after), interleaved.
    pub count: usize,
    /// `-test.benchtime` (None: Go's default, 1s).
    pub benchtime: Option<String>,
    /// Roll back the fixes of a package whose allocations rose (`--verify --bench`).
    pub rollback: bool,
}

/// The values one metric took over the runs of one side.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Samples {
    pub values: Vec<f64>,
}

impl Samples {
    fn sorted(&self) -> Vec<f64> {
        let mut v = self.values.clone();
        v.sort_by(f64::total_cmp);
        v
    }

    /// The median (NaN when empty).
    pub fn median(&self) -> f64 {
        let v = self.sorted();
        match v.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
        }
    }

    pub fn min(&self) -> f64 {
        self.sorted().first().copied().unwrap_or(f64::NAN)
    }

    pub fn max(&self) -> f64 {
        self.sorted().last().copied().unwrap_or(f64::NAN)
    }

    /// The largest distance from the median, in percent of it (benchstat's ±).
    pub fn spread_percent(&self) -> f64 {
        let m = self.median();
        if m == 0.0 || self.values.is_empty() {
            return 0.0;
        }
        (self.max() - m).abs().max((m - self.min()).abs()) / m * 100.0
    }
}

/// One metric of one benchmark, before and after.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Metric {
    pub before: Samples,
    pub after: Samples,
}

impl Metric {
    /// The change of the median, in percent (None when the before median is 0 or absent).
    pub fn delta_percent(&self) -> Option<f64> {
        let (b, a) = (self.before.median(), self.after.median());
        if b.is_nan() || a.is_nan() {
            return None;
        }
        if b == 0.0 {
            return if a == 0.0 { Some(0.0) } else { None };
        }
        Some((a - b) / b * 100.0)
    }

    /// Every after value is above every before value. On allocs/op, which a benchmark
    /// repeats exactly, that is any rise; on B/op it ignores the byte or two that runtime
    /// background allocations add to some runs, on both sides alike.
    pub fn rose(&self) -> bool {
        self.rose_by_more_than(0.0)
    }

    /// Every after value is above every before value by more than `margin`.
    pub fn rose_by_more_than(&self, margin: f64) -> bool {
        let (b, a) = (self.before.max(), self.after.min());
        !b.is_nan() && !a.is_nan() && a > b + margin
    }

    /// The before and after ranges (min–max) do not overlap.
    pub fn separated(&self) -> bool {
        self.before.max() < self.after.min() || self.after.max() < self.before.min()
    }
}

/// One benchmark's figures.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Benchmark {
    pub name: String,
    pub ns_per_op: Metric,
    pub bytes_per_op: Metric,
    pub allocs_per_op: Metric,
    /// allocs/op or B/op rose.
    pub rose: bool,
}

/// One package's comparison.
#[derive(Clone, Debug, Serialize)]
pub struct PackageBench {
    pub dir: String,
    pub benchmarks: Vec<Benchmark>,
    /// The package's fixes were rolled back (its allocations rose, with `--verify`).
    pub rolled_back: bool,
    /// Why the package could not be compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The whole `--bench` report.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub count: usize,
    pub packages: Vec<PackageBench>,
    /// Changed packages without a benchmark.
    pub without_benchmarks: usize,
    #[serde(serialize_with = "secs")]
    pub elapsed: Duration,
    #[serde(skip)]
    pub errors: Vec<String>,
}

fn secs<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 10.0).round() / 10.0)
}

/// Does a `_test.go` file in `dir` declare a benchmark?
fn has_benchmarks(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        name.ends_with("_test.go")
            && std::fs::read_to_string(e.path()).is_ok_and(|t| {
                t.lines()
                    .any(|l| l.starts_with("func Benchmark") && l.contains("*testing.B"))
            })
    })
}

/// One result line: benchmark name, ns/op, B/op, allocs/op.
pub type Line = (String, Option<f64>, Option<f64>, Option<f64>);

/// Parses `go test -bench` output: benchmark name → (ns/op, B/op, allocs/op) per line.
pub fn parse_output(out: &str) -> Vec<Line> {
    let mut rows = Vec::new();
    for line in out.lines() {
        let mut fields = line.split_whitespace();
        let Some(name) = fields.next() else { continue };
        if !name.starts_with("Benchmark") {
            continue;
        }
        let rest: Vec<&str> = fields.collect();
        // name, iterations, then value/unit pairs.
        if rest.len() < 3 || rest[0].parse::<u64>().is_err() {
            continue;
        }
        let (mut ns, mut b, mut allocs) = (None, None, None);
        for pair in rest[1..].chunks(2) {
            if let [value, unit] = pair {
                let Ok(v) = value.parse::<f64>() else {
                    continue;
                };
                match *unit {
                    "ns/op" => ns = Some(v),
                    "B/op" => b = Some(v),
                    "allocs/op" => allocs = Some(v),
                    _ => {}
                }
            }
        }
        rows.push((name.to_string(), ns, b, allocs));
    }
    rows
}

/// Runs the comparison for every changed package with benchmarks; with `opts.rollback`,
/// restores the packages whose allocations rose and updates `result` accordingly.
pub fn bench(tc: &Toolchain, before: &[Before], opts: &Options, result: &mut RunResult) -> Report {
    let start = Instant::now();
    let mut report = Report {
        count: opts.count,
        ..Report::default()
    };
    // Package folder → its changed files (as they were, and as they are now on disk).
    let mut pkgs: BTreeMap<PathBuf, Vec<(&Before, String)>> = BTreeMap::new();
    for b in before {
        let now = match std::fs::read_to_string(&b.path) {
            Ok(t) => t,
            Err(e) => {
                report
                    .errors
                    .push(format!("{}: --bench: cannot read: {e}", b.path.display()));
                continue;
            }
        };
        if now == b.original {
            continue; // restored by --verify
        }
        let dir = b.path.parent().map(Path::to_path_buf).unwrap_or_default();
        pkgs.entry(dir).or_default().push((b, now));
    }
    let tmp = match tempfile::Builder::new().prefix("allocfix-bench-").tempdir() {
        Ok(t) => t,
        Err(e) => {
            report
                .errors
                .push(format!("--bench: cannot create a temporary folder: {e}"));
            return report;
        }
    };
    for (n, (dir, files)) in pkgs.iter().enumerate() {
        let run_dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir.clone()
        };
        if !has_benchmarks(&run_dir) {
            report.without_benchmarks += 1;
            continue;
        }
        let shown = crate::diff::display_path(&run_dir);
        let mut pkg = PackageBench {
            dir: shown.clone(),
            benchmarks: Vec::new(),
            rolled_back: false,
            error: None,
        };
        match compare(tc, &run_dir, files, opts, tmp.path(), n) {
            Ok(benchmarks) => pkg.benchmarks = benchmarks,
            Err(e) => pkg.error = Some(e),
        }
        if opts.rollback && pkg.benchmarks.iter().any(|b| b.rose) {
            let changes: Vec<crate::write::Change> = files
                .iter()
                .map(|(b, now)| crate::write::Change {
                    path: &b.path,
                    original: now,
                    fixed: &b.original,
                })
                .collect();
            match crate::write::write_package(&changes, &Default::default()) {
                Ok(()) => {
                    pkg.rolled_back = true;
                    for f in result.files.iter_mut() {
                        if files.iter().any(|(b, _)| b.path == f.path) {
                            f.changed = false;
                            f.fixes_applied = 0;
                            f.fixed_by.clear();
                        }
                    }
                }
                Err(e) => report.errors.push(format!(
                    "{shown}: --bench: allocations rose but the package could not be restored: {e:?}"
                )),
            }
        }
        report.packages.push(pkg);
    }
    report.elapsed = start.elapsed();
    report
}

/// Builds the package's test binary before and after and runs them alternately.
fn compare(
    tc: &Toolchain,
    dir: &Path,
    files: &[(&Before, String)],
    opts: &Options,
    tmp: &Path,
    n: usize,
) -> Result<Vec<Benchmark>, String> {
    // The overlay that puts the original texts back, for the "before" binary.
    let mut replace = serde_json::Map::new();
    for (i, (b, _)) in files.iter().enumerate() {
        let copy = tmp.join(format!("{n}-{i}.go"));
        std::fs::write(&copy, &b.original)
            .map_err(|e| format!("cannot write {}: {e}", copy.display()))?;
        let abs = std::path::absolute(&b.path).unwrap_or_else(|_| b.path.clone());
        replace.insert(
            abs.to_string_lossy().into_owned(),
            serde_json::Value::String(copy.to_string_lossy().into_owned()),
        );
    }
    let overlay = tmp.join(format!("{n}-overlay.json"));
    let doc = serde_json::json!({ "Replace": replace });
    std::fs::write(&overlay, doc.to_string())
        .map_err(|e| format!("cannot write {}: {e}", overlay.display()))?;
    let bin_before = tmp.join(format!("{n}-before.test"));
    let bin_after = tmp.join(format!("{n}-after.test"));
    build(tc, dir, &bin_before, Some(&overlay))?;
    build(tc, dir, &bin_after, None)?;
    let mut by_name: BTreeMap<String, Benchmark> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for _ in 0..opts.count {
        for (bin, after) in [(&bin_before, false), (&bin_after, true)] {
            let out = run(bin, dir, opts)?;
            for (name, ns, b, allocs) in parse_output(&out) {
                let entry = by_name.entry(name.clone()).or_insert_with(|| {
                    order.push(name.clone());
                    Benchmark {
                        name: name.clone(),
                        ..Benchmark::default()
                    }
                });
                for (metric, value) in [
                    (&mut entry.ns_per_op, ns),
                    (&mut entry.bytes_per_op, b),
                    (&mut entry.allocs_per_op, allocs),
                ] {
                    if let Some(v) = value {
                        let side = if after {
                            &mut metric.after
                        } else {
                            &mut metric.before
                        };
                        side.values.push(v);
                    }
                }
            }
        }
    }
    Ok(order
        .into_iter()
        .filter_map(|name| by_name.remove(&name))
        .map(|mut b| {
            // B/op carries a few bytes of runtime noise per run (GC and timer bookkeeping
            // averaged over few iterations): a B/op rise counts when it exceeds 16 bytes and
            // 2 % of the larger before value, so short runs do not flag (and roll back) a
            // package whose allocs/op fell.
            let margin = (b.bytes_per_op.before.max() * 0.02).max(16.0);
            b.rose = b.allocs_per_op.rose() || b.bytes_per_op.rose_by_more_than(margin);
            b
        })
        .collect())
}

fn build(tc: &Toolchain, dir: &Path, out: &Path, overlay: Option<&Path>) -> Result<(), String> {
    let mut cmd = Command::new(&tc.go);
    cmd.arg("test").arg("-c").arg("-o").arg(out);
    if let Some(o) = overlay {
        cmd.arg(format!("-overlay={}", o.display()));
    }
    let output = cmd
        .arg(".")
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run go test -c: {e}"))?;
    if !output.status.success() {
        let side = if overlay.is_some() { "before" } else { "after" };
        return Err(format!(
            "go test -c ({side} the fixes) failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    if !out.exists() {
        return Err("go test -c wrote no test binary".into());
    }
    Ok(())
}

fn run(bin: &Path, dir: &Path, opts: &Options) -> Result<String, String> {
    let mut cmd = Command::new(bin);
    cmd.args([
        "-test.run=^$",
        "-test.bench=.",
        "-test.benchmem",
        "-test.count=1",
    ]);
    if let Some(t) = &opts.benchtime {
        cmd.arg(format!("-test.benchtime={t}"));
    }
    let output = cmd
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        let tail: Vec<&str> = stdout.lines().rev().take(5).collect();
        return Err(format!(
            "the benchmarks failed: {}{}",
            String::from_utf8_lossy(&output.stderr).trim(),
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        ));
    }
    Ok(stdout)
}

fn fmt_value(v: f64) -> String {
    if v.is_nan() {
        "-".into()
    } else if v >= 100.0 || v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

fn cell(s: &Samples) -> String {
    if s.values.is_empty() {
        return "-".into();
    }
    let (min, max) = (s.min(), s.max());
    if min == max {
        fmt_value(s.median())
    } else {
        format!(
            "{} ({}–{})",
            fmt_value(s.median()),
            fmt_value(min),
            fmt_value(max)
        )
    }
}

fn delta(m: &Metric) -> String {
    match m.delta_percent() {
        None => "?".into(),
        Some(0.0) => "~".into(),
        // Ranges that overlap are shown as no difference, as benchstat does.
        Some(_) if !m.separated() => "~".into(),
        Some(d) => format!("{d:+.1}%"),
    }
}

/// The table printed after `fix --bench` (text format).
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for p in &report.packages {
        out.push_str(&format!(
            "bench: package {} ({} run(s) each, interleaved; median (min–max))\n",
            p.dir, report.count
        ));
        if let Some(e) = &p.error {
            out.push_str(&format!("bench:   not compared: {e}\n"));
            continue;
        }
        out.push_str(&format!(
            "  {:<40} {:>24} {:>24} {:>8} {:>20} {:>20} {:>8} {:>26} {:>26} {:>8}\n",
            "benchmark",
            "allocs/op before",
            "after",
            "delta",
            "B/op before",
            "after",
            "delta",
            "ns/op before",
            "after",
            "delta"
        ));
        for b in &p.benchmarks {
            out.push_str(&format!(
                "  {:<40} {:>24} {:>24} {:>8} {:>20} {:>20} {:>8} {:>26} {:>26} {:>8}{}\n",
                b.name,
                cell(&b.allocs_per_op.before),
                cell(&b.allocs_per_op.after),
                delta(&b.allocs_per_op),
                cell(&b.bytes_per_op.before),
                cell(&b.bytes_per_op.after),
                delta(&b.bytes_per_op),
                cell(&b.ns_per_op.before),
                cell(&b.ns_per_op.after),
                delta(&b.ns_per_op),
                if b.rose { "  ROSE" } else { "" }
            ));
        }
        let rose = p.benchmarks.iter().filter(|b| b.rose).count();
        if rose > 0 {
            out.push_str(&format!(
                "bench: {rose} benchmark(s) of {} allocate more after the fixes{}\n",
                p.dir,
                if p.rolled_back {
                    "; the package's fixes were rolled back (whole package)"
                } else {
                    " (use --verify --bench to roll such packages back)"
                }
            ));
        }
    }
    let rolled = report.packages.iter().filter(|p| p.rolled_back).count();
    let rose: usize = report
        .packages
        .iter()
        .map(|p| p.benchmarks.iter().filter(|b| b.rose).count())
        .sum();
    let compared: usize = report.packages.iter().map(|p| p.benchmarks.len()).sum();
    out.push_str(&format!(
        "bench: {compared} benchmark(s) in {} package(s) compared; {rose} allocate more; {rolled} package(s) rolled back; {} changed package(s) without benchmarks; {:.1}s (allocs/op and B/op judge; ns/op is shown, not judged; ~: no difference or overlapping ranges)\n",
        report.packages.len(),
        report.without_benchmarks,
        report.elapsed.as_secs_f64()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_benchmark_lines() {
        let out = "goos: linux\nBenchmarkFixed_Join-2   \t 1000000\t      1043 ns/op\t     128 B/op\t       3 allocs/op\nBenchmarkX \t 10 \t 5.5 ns/op\nPASS\n";
        let rows = parse_output(out);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0],
            (
                "BenchmarkFixed_Join-2".to_string(),
                Some(1043.0),
                Some(128.0),
                Some(3.0)
            )
        );
        assert_eq!(rows[1], ("BenchmarkX".to_string(), Some(5.5), None, None));
    }

    #[test]
    fn medians_spread_and_rises() {
        let m = Metric {
            before: Samples {
                values: vec![3.0, 3.0, 3.0],
            },
            after: Samples {
                values: vec![4.0, 4.0, 5.0],
            },
        };
        assert!(m.rose());
        assert_eq!(m.delta_percent().map(|d| d.round()), Some(33.0));
        assert!(m.separated());
        let t = Samples {
            values: vec![90.0, 100.0, 120.0],
        };
        assert_eq!(t.median(), 100.0);
        assert_eq!(t.spread_percent(), 20.0);
        let noise = Metric {
            before: Samples {
                values: vec![17.0, 18.0, 17.0],
            },
            after: Samples {
                values: vec![18.0, 18.0, 18.0],
            },
        };
        assert!(!noise.rose(), "overlapping B/op ranges are noise");
        let fell = Metric {
            before: m.after.clone(),
            after: m.before.clone(),
        };
        assert!(!fell.rose());
    }
}
