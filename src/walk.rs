//! Finding the Go files to work on and grouping them into packages.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use globset::GlobSet;
use ignore::{WalkBuilder, WalkState};

/// What to walk and what to skip.
pub struct WalkOptions<'a> {
    pub include_tests: bool,
    /// Paths matching these globs (relative to `exclude_base`) are skipped.
    pub exclude: &'a GlobSet,
    pub exclude_base: &'a Path,
    pub jobs: usize,
}

/// True for folder names the go tool itself never builds from, or that hold code that is
/// not the user's own.
fn skipped_dir(name: &str) -> bool {
    name == "vendor" || name == "testdata" || name.starts_with('.') || name.starts_with('_')
}

fn is_go_file(path: &Path, include_tests: bool) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.ends_with(".go")
        && !name.starts_with('.')
        && !name.starts_with('_')
        && (include_tests || !name.ends_with("_test.go"))
}

fn excluded(path: &Path, opts: &WalkOptions) -> bool {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let rel = abs.strip_prefix(opts.exclude_base).unwrap_or(&abs);
    opts.exclude.is_match(rel)
        || rel
            .ancestors()
            .any(|a| !a.as_os_str().is_empty() && opts.exclude.is_match(a))
}

/// The target files under `roots`, grouped by folder. A file named directly is taken even if
/// it is a test file; folders are walked honouring .gitignore and skipping vendor/,
/// testdata/, hidden and `_` folders, symlinks and non-Go files.
pub fn collect(
    roots: &[PathBuf],
    opts: &WalkOptions,
) -> (BTreeMap<PathBuf, Vec<PathBuf>>, Vec<String>) {
    let found: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    let errors: Mutex<Vec<String>> = Mutex::new(Vec::new());
    for root in roots {
        match std::fs::symlink_metadata(root) {
            Err(e) => errors
                .lock()
                .expect("no panics while holding the lock")
                .push(format!("{}: {e}", root.display())),
            Ok(meta) if meta.is_file() => {
                if root.extension().is_some_and(|e| e == "go") {
                    found
                        .lock()
                        .expect("no panics while holding the lock")
                        .push(root.clone());
                } else {
                    errors
                        .lock()
                        .expect("no panics while holding the lock")
                        .push(format!("{}: not a Go file", root.display()));
                }
            }
            Ok(_) => {
                let mut builder = WalkBuilder::new(root);
                builder
                    .hidden(true)
                    .follow_links(false)
                    .require_git(false)
                    .threads(opts.jobs)
                    .filter_entry(|e| {
                        e.depth() == 0
                            || !e.file_type().is_some_and(|t| t.is_dir())
                            || !e.file_name().to_str().is_some_and(skipped_dir)
                    });
                builder.build_parallel().run(|| {
                    Box::new(|entry| {
                        match entry {
                            Ok(e) => {
                                let is_file = e.file_type().is_some_and(|t| t.is_file());
                                if is_file
                                    && is_go_file(e.path(), opts.include_tests)
                                    && !excluded(e.path(), opts)
                                {
                                    found
                                        .lock()
                                        .expect("no panics while holding the lock")
                                        .push(e.path().to_path_buf());
                                }
                            }
                            Err(err) => errors
                                .lock()
                                .expect("no panics while holding the lock")
                                .push(err.to_string()),
                        }
                        WalkState::Continue
                    })
                });
            }
        }
    }
    let mut by_dir: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for path in found.into_inner().expect("walk finished") {
        // `allocfix fix .` names files `a.go`, not `./a.go`.
        let path = path
            .strip_prefix("./")
            .map(Path::to_path_buf)
            .unwrap_or(path);
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        by_dir.entry(dir).or_default().push(path);
    }
    for files in by_dir.values_mut() {
        files.sort();
        files.dedup();
    }
    (by_dir, errors.into_inner().expect("walk finished"))
}

/// Every `.go` file directly in `dir` (not symlinks): the whole package, so that new names
/// are unique across all its files, test files included.
pub fn package_files(dir: &Path) -> Vec<PathBuf> {
    let dir_for_read = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir_for_read)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| {
            if dir.as_os_str().is_empty() {
                PathBuf::from(e.file_name())
            } else {
                e.path()
            }
        })
        .filter(|p| is_go_file(p, true))
        .collect();
    out.sort();
    out
}
