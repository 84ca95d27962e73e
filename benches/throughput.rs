//! Throughput of a whole run compared with tree-sitter-go parsing alone.
//!
//! `cargo bench --bench throughput [-- DIR]` (default DIR: the Go standard library,
//! `$(go env GOROOT)/src`). Both measurements walk the same files, read them, and use the
//! same number of threads; the run is `allocfix check` with every transform (findings and
//! fixes computed, nothing written). Prints files, MB, seconds and the ratio.

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

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
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

    for threads in [1, 0] {
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

        let t = Instant::now();
        let errors: usize = pool.install(|| {
            files
                .par_iter()
                .map(|f| {
                    let text = std::fs::read_to_string(f).unwrap_or_default();
                    usize::from(allocfix::source::parse(&text).root_node().has_error())
                })
                .sum()
        });
        let parse = t.elapsed().as_secs_f64();

        rc.jobs = threads;
        rc.settings.findings_only = true;
        let t = Instant::now();
        let result = run(std::slice::from_ref(&dir), &rc, &|| {});
        let check = t.elapsed().as_secs_f64();
        let findings: usize = result.files.iter().map(|f| f.findings.len()).sum();
        rc.settings.findings_only = false;
        let t = Instant::now();
        let result = run(std::slice::from_ref(&dir), &rc, &|| {});
        let diff = t.elapsed().as_secs_f64();
        let fixes: usize = result.files.iter().map(|f| f.fixes_applied).sum();
        println!(
            "{label}: {} files, {:.1} MB ({} with syntax errors) | parse only {parse:.2}s | check {check:.2}s ({findings} findings, {:.2}x parse) | diff {diff:.2}s ({fixes} fixes computed, {:.2}x parse)",
            files.len(),
            bytes as f64 / 1e6,
            errors,
            check / parse,
            diff / parse
        );
    }
}
