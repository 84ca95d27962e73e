//! Throughput of a whole run compared with tree-sitter-go parsing alone.
//!
//! `cargo bench --bench throughput [-- DIR]` (default DIR: the Go standard library,
//! `$(go env GOROOT)/src`). Both measurements walk the same files, read them, and use the
//! same number of threads; the run is `allocfix check` with every transform (findings and
//! fixes computed, nothing written), and `gofmt -l` over the same files (with
//! `GOMAXPROCS` set to the same number of threads). Prints files, MB, seconds and the
//! ratios, in wall time and in CPU time (user + system, read from /proc on Linux): on a
//! machine shared with other work the CPU ratios are the stable ones. Peak memory:
//! `benches/rss.sh DIR` (runs the release binary under `/usr/bin/time -v`).
//!
//! `-- DIR --only parse|check|diff --threads N` runs one measurement on one pool size:
//! under `valgrind --tool=callgrind --cache-sim=no` that gives instruction counts, which
//! do not vary with the load of a shared machine as times do.

use std::path::PathBuf;
use std::time::Instant;

use allocfix::runner::{RunConfig, run};
use rayon::prelude::*;

fn goroot_src() -> PathBuf {
    let out = std::process::Command::new("go")
        .args(["env", "GOROOT"])
        .output();
    let root = out
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "/usr/local/go".to_string());
    PathBuf::from(root).join("src")
}

/// CPU seconds (user + system) used so far by this process (fields 14 and 15 of
/// /proc/self/stat) and by its waited-for children (16 and 17); zero where /proc is missing.
fn cpu_seconds() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The command name (field 2) may hold spaces; the fields after it are numbers.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // `rest` starts at field 3; clock ticks are 100 per second on Linux.
    let at = |n: usize| f.get(n - 3).copied().unwrap_or(0.0) / 100.0;
    (at(14) + at(15), at(16) + at(17))
}

/// Runs `f`, returning its result, wall seconds and CPU seconds (own and children's).
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (own, children) = cpu_seconds();
    let t = Instant::now();
    let out = f();
    let wall = t.elapsed().as_secs_f64();
    let (own2, children2) = cpu_seconds();
    (out, wall, (own2 - own) + (children2 - children))
}

/// Reads and parses every file on `pool`; the number with syntax errors.
fn parse_only(pool: &rayon::ThreadPool, files: &[PathBuf]) -> usize {
    pool.install(|| {
        files
            .par_iter()
            .map(|f| {
                let text = std::fs::read_to_string(f).unwrap_or_default();
                usize::from(allocfix::source::parse(&text).root_node().has_error())
            })
            .sum::<usize>()
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let only = option("--only");
    let pools: Vec<usize> = match option("--threads") {
        Some(n) => vec![n.parse().expect("--threads N")],
        None => vec![1, 0],
    };
    let dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| {
            // A value of an option is not the folder.
            let value = *i > 0 && matches!(args[i - 1].as_str(), "--only" | "--threads");
            !a.starts_with('-') && !value
        })
        .map(|(_, a)| PathBuf::from(a))
        .unwrap_or_else(goroot_src);
    let mut rc = RunConfig::new(allocfix::transforms::ALL.to_vec());
    rc.include_tests = false;
    let by_dir = allocfix::walk::collect(
        std::slice::from_ref(&dir),
        &allocfix::walk::WalkOptions {
            include_tests: false,
            exclude: &rc.config.exclude,
            exclude_base: &rc.config.base,
            jobs: 0,
            force_exclude: false,
        },
    )
    .by_dir;
    // Parse-only covers every file a run reads: all .go files of each visited folder.
    let files: Vec<PathBuf> = by_dir
        .keys()
        .flat_map(|d| allocfix::walk::package_files(d))
        .collect();
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();

    if let Some(what) = only {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(pools[0])
            .build()
            .expect("pool");
        rc.jobs = pools[0];
        let (out, wall, cpu) = match what.as_str() {
            "parse" => timed(|| parse_only(&pool, &files)),
            "check" | "diff" => {
                rc.settings.findings_only = what == "check";
                rc.diffs = what == "diff";
                timed(|| run(std::slice::from_ref(&dir), &rc, &|| {}).files.len())
            }
            _ => panic!("--only parse|check|diff"),
        };
        println!(
            "{what}: {} files, {out} counted, wall {wall:.2}s, cpu {cpu:.2}s",
            files.len()
        );
        return;
    }
    for threads in pools {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        let label = if threads == 1 {
            "1 thread".to_string()
        } else {
            format!("{} threads", pool.current_num_threads())
        };
        // Warm the page cache once.
        pool.install(|| files.par_iter().for_each(|f| drop(std::fs::read(f))));

        let (errors, parse, parse_cpu) = timed(|| parse_only(&pool, &files));

        rc.jobs = threads;
        rc.settings.findings_only = true;
        let (result, check, check_cpu) = timed(|| run(std::slice::from_ref(&dir), &rc, &|| {}));
        let findings: usize = result.files.iter().map(|f| f.findings.len()).sum();
        drop(result);
        rc.settings.findings_only = false;
        rc.diffs = true;
        let (result, diff, diff_cpu) = timed(|| run(std::slice::from_ref(&dir), &rc, &|| {}));
        let fixes: usize = result.files.iter().map(|f| f.fixes_applied).sum();
        drop(result);
        rc.diffs = false;
        let (gofmt, gofmt_wall, gofmt_cpu) = timed(|| {
            std::process::Command::new("gofmt")
                .arg("-l")
                .args(&files)
                .env("GOMAXPROCS", pool.current_num_threads().to_string())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok()
        });
        let gofmt = if gofmt {
            format!(
                "gofmt -l {gofmt_wall:.2}s ({:.2}x parse; cpu {gofmt_cpu:.2}s, {:.2}x)",
                gofmt_wall / parse,
                gofmt_cpu / parse_cpu
            )
        } else {
            "gofmt -l not found".to_string()
        };
        println!(
            "{label}: {} files, {:.1} MB ({errors} with syntax errors)\n  wall: parse only {parse:.2}s | check {check:.2}s ({findings} findings, {:.2}x parse) | diff {diff:.2}s ({fixes} fixes computed, {:.2}x parse) | {gofmt}\n  cpu:  parse only {parse_cpu:.2}s | check {check_cpu:.2}s ({:.2}x) | diff {diff_cpu:.2}s ({:.2}x)",
            files.len(),
            bytes as f64 / 1e6,
            check / parse,
            diff / parse,
            check_cpu / parse_cpu,
            diff_cpu / parse_cpu,
        );
    }
}
