//! Finding the Go files to work on and grouping them into packages.

use std::collections::{BTreeMap, HashMap};
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
    /// Files named directly are excluded by `exclude` too.
    pub force_exclude: bool,
}

/// The files to work on, grouped by folder (one key per folder, however it was spelled),
/// and what went wrong finding them.
#[derive(Debug, Default)]
pub struct Walked {
    pub by_dir: BTreeMap<PathBuf, Vec<PathBuf>>,
    /// Paths that cannot be used (they do not exist, are not Go files, …): the run fails.
    pub errors: Vec<String>,
    /// Paths that gave nothing to do (a folder without Go files).
    pub warnings: Vec<String>,
}

/// True for folder names the go tool itself never builds from, or that hold code that is
/// not the user's own.
pub fn skipped_dir(name: &str) -> bool {
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
    is_excluded(path, opts.exclude, opts.exclude_base)
}

/// True when `path` or a folder above it matches `exclude` (globs relative to `base`).
pub fn is_excluded(path: &Path, exclude: &GlobSet, base: &Path) -> bool {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let rel = abs.strip_prefix(base).unwrap_or(&abs);
    exclude.is_match(rel)
        || rel
            .ancestors()
            .any(|a| !a.as_os_str().is_empty() && exclude.is_match(a))
}

/// `path` (canonical) relative to the working folder when it lies below it.
fn relative_to_cwd(path: PathBuf) -> PathBuf {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|c| std::fs::canonicalize(c).ok());
    match cwd.as_deref().and_then(|c| path.strip_prefix(c).ok()) {
        Some(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
        _ => path,
    }
}

fn push<T>(list: &Mutex<Vec<T>>, item: T) {
    list.lock()
        .expect("no panics while holding the lock")
        .push(item);
}

/// The target files under `roots`, grouped by folder. A file named directly is taken even if
/// it is a test file or excluded (unless `force_exclude`), and a symbolic link named
/// directly stands for its target; folders are walked honouring .gitignore and skipping
/// vendor/, testdata/, hidden and `_` folders, symlinks and non-Go files. One folder is one
/// key however the paths spell it (`a.go` and `$PWD/b.go` are one package), and a file
/// named twice is taken once.
pub fn collect(roots: &[PathBuf], opts: &WalkOptions) -> Walked {
    let found: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    let errors: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut warnings = Vec::new();
    for root in roots {
        let before = found
            .lock()
            .expect("no panics while holding the lock")
            .len();
        let link = match std::fs::symlink_metadata(root) {
            Ok(m) => m,
            Err(e) => {
                push(&errors, format!("{}: {e}", root.display()));
                continue;
            }
        };
        // A symbolic link named directly stands for its target (which is what gets
        // written: the link itself is never replaced).
        let (root, meta) = if link.file_type().is_symlink() {
            match std::fs::canonicalize(root).and_then(|t| Ok((std::fs::metadata(&t)?, t))) {
                Ok((meta, target)) => (relative_to_cwd(target), meta),
                Err(e) => {
                    push(
                        &errors,
                        format!("{}: cannot follow symbolic link: {e}", root.display()),
                    );
                    continue;
                }
            }
        } else {
            (root.clone(), link)
        };
        if meta.is_file() {
            if root.extension().is_none_or(|e| e != "go") {
                push(
                    &errors,
                    format!("{}: not a Go file (skipped)", root.display()),
                );
            } else if !(opts.force_exclude && excluded(&root, opts)) {
                push(&found, root.clone());
            }
            continue;
        }
        if !meta.is_dir() {
            push(
                &errors,
                format!(
                    "{}: not a regular file or a folder (skipped; never read or written)",
                    root.display()
                ),
            );
            continue;
        }
        let mut builder = WalkBuilder::new(&root);
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
                            push(&found, e.path().to_path_buf());
                        }
                    }
                    Err(err) => push(&errors, err.to_string()),
                }
                WalkState::Continue
            })
        });
        if found
            .lock()
            .expect("no panics while holding the lock")
            .len()
            == before
        {
            warnings.push(format!(
                "{}: no Go files to process{}",
                root.display(),
                if opts.include_tests {
                    ""
                } else {
                    " (test files need --include-tests)"
                }
            ));
        }
    }
    let mut found = found.into_inner().expect("walk finished");
    for path in &mut found {
        // `allocfix fix .` names files `a.go`, not `./a.go`.
        if let Ok(p) = path.strip_prefix("./") {
            *path = p.to_path_buf();
        }
    }
    // One spelling per folder: the relative one if there is one, else the shortest.
    let mut canonical: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut spelling: HashMap<PathBuf, PathBuf> = HashMap::new();
    for path in &found {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let canon = canonical.entry(dir.clone()).or_insert_with(|| {
            let on_disk = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir.as_path()
            };
            std::fs::canonicalize(on_disk).unwrap_or_else(|_| dir.clone())
        });
        let key = |p: &Path| (p.is_absolute(), p.as_os_str().len(), p.to_path_buf());
        spelling
            .entry(canon.clone())
            .and_modify(|best| {
                if key(&dir) < key(best) {
                    *best = dir.clone();
                }
            })
            .or_insert_with(|| dir.clone());
    }
    let mut by_dir: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for path in found {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let dir = spelling[&canonical[&dir]].clone();
        let Some(name) = path.file_name() else {
            continue;
        };
        by_dir.entry(dir.clone()).or_default().push(dir.join(name));
    }
    for files in by_dir.values_mut() {
        files.sort();
        files.dedup();
    }
    Walked {
        by_dir,
        errors: errors.into_inner().expect("walk finished"),
        warnings,
    }
}

/// Every `.go` file directly in `dir`: the whole package, so that new names are unique
/// across all its files, test files included. Symbolic links are left out when they point
/// into `dir` itself (the file is there already); other entries that are not regular files
/// are listed, so that the caller learns it cannot read them.
pub fn package_files(dir: &Path) -> Vec<PathBuf> {
    let dir_for_read = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    // Resolved only when the folder holds a symbolic link.
    let canon_dir = std::cell::OnceCell::new();
    let canon_dir = || {
        canon_dir
            .get_or_init(|| std::fs::canonicalize(dir_for_read).ok())
            .clone()
    };
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir_for_read)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| match e.file_type() {
            Ok(t) if t.is_dir() => false,
            Ok(t) if t.is_symlink() => !std::fs::canonicalize(e.path())
                .is_ok_and(|target| target.parent() == canon_dir().as_deref()),
            Ok(_) => true,
            Err(_) => false,
        })
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
