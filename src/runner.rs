//! A whole run: walk the paths, group files into packages, run the engine on each package
//! in parallel, and (when asked) write the results atomically.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::engine::{FileOutcome, Settings, run_package};
use crate::package::{GoFile, GoMod, Package};
use crate::source::SourceFile;
use crate::transform::TransformDef;

/// Everything a run needs besides the paths.
pub struct RunConfig {
    pub config: Config,
    pub transforms: Vec<&'static TransformDef>,
    pub cli_select: Option<Vec<&'static str>>,
    pub cli_ignore: Vec<&'static str>,
    pub include_tests: bool,
    pub settings: Settings,
    /// Write fixed files in place (and drop the texts once written).
    pub write: bool,
    /// Compute each changed file's diff in the worker and drop the texts.
    pub diffs: bool,
    /// Keep the original and fixed texts even when writing (`fix --verify` needs them).
    pub keep_texts: bool,
    pub jobs: usize,
}

impl RunConfig {
    /// Defaults: every transform, safe fixes only, nothing written.
    pub fn new(transforms: Vec<&'static TransformDef>) -> RunConfig {
        RunConfig {
            config: Config::default(),
            transforms,
            cli_select: None,
            cli_ignore: Vec::new(),
            include_tests: false,
            settings: Settings::default(),
            write: false,
            diffs: false,
            keep_texts: false,
            jobs: 0,
        }
    }
}

/// The result of a run.
#[derive(Debug, Default)]
pub struct RunResult {
    /// One outcome per target file, ordered by path.
    pub files: Vec<FileOutcome>,
    /// Errors not tied to a file (unreadable paths).
    pub errors: Vec<String>,
    /// Unsafe fixes were applied too (`--unsafe`).
    pub unsafe_applied: bool,
}

/// Reads a file as UTF-8 text, or says why not.
fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        let pos = crate::source::position(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        format!(
            "{}:{}:{}: not valid UTF-8 (file skipped)",
            path.display(),
            pos.line,
            pos.column
        )
    })
}

/// Writes `content` to `path` through a temporary file in the same folder, keeping the
/// file's permissions.
pub fn write_atomic(path: &Path, content: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let perms = std::fs::metadata(path)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".allocfix-")
        .tempfile_in(dir)?;
    tmp.write_all(content.as_bytes())?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), perms)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Builds the packages of one folder: every Go file in it (for names), the targets editable.
fn packages_in(
    dir: &Path,
    targets: &[PathBuf],
    rc: &RunConfig,
    gomod: Option<Arc<GoMod>>,
    errors: &mut Vec<String>,
) -> Vec<Package> {
    let mut paths = crate::walk::package_files(dir);
    for t in targets {
        if !paths.contains(t) {
            paths.push(t.clone());
        }
    }
    let mut groups: BTreeMap<String, Vec<GoFile>> = BTreeMap::new();
    for path in paths {
        let is_target = targets.contains(&path);
        let text = match read_text(&path) {
            Ok(t) => t,
            Err(e) => {
                if is_target {
                    errors.push(e);
                }
                continue;
            }
        };
        let mut file = GoFile::new(SourceFile::new(path.clone(), &text));
        if is_target {
            file.enabled = rc.config.enabled_for(
                &path,
                &rc.transforms,
                rc.cli_select.as_deref(),
                &rc.cli_ignore,
            );
            file.editable = !file.generated && file.parse_error.is_none();
        }
        let name = file.package_name().unwrap_or("").to_string();
        groups.entry(name).or_default().push(file);
    }
    groups
        .into_iter()
        .map(|(name, files)| Package::new(dir.to_path_buf(), name, files, gomod.clone()))
        .collect()
}

/// Runs over `roots`.
pub fn run(roots: &[PathBuf], rc: &RunConfig, progress: &(dyn Fn() + Sync)) -> RunResult {
    let (by_dir, mut errors) = crate::walk::collect(
        roots,
        &crate::walk::WalkOptions {
            include_tests: rc.include_tests,
            exclude: &rc.config.exclude,
            exclude_base: &rc.config.base,
            jobs: rc.jobs,
        },
    );
    let dirs: Vec<(PathBuf, Vec<PathBuf>)> = by_dir.into_iter().collect();
    let work = || {
        dirs.par_iter()
            .map(|(dir, targets)| {
                let mut errs = Vec::new();
                let gomod = GoMod::find(&std::path::absolute(dir).unwrap_or_else(|_| dir.clone()))
                    .map(Arc::new);
                let mut outcomes = Vec::new();
                for pkg in packages_in(dir, targets, rc, gomod, &mut errs) {
                    for mut outcome in run_package(pkg, &rc.transforms, &rc.settings) {
                        if rc.write
                            && let Some(fixed) = &outcome.fixed
                            && let Err(e) = write_atomic(&outcome.path, fixed)
                        {
                            outcome
                                .errors
                                .push(format!("{}: cannot write: {e}", outcome.path.display()));
                            outcome.fixes_applied = 0;
                            outcome.changed = false;
                        }
                        if rc.diffs
                            && let Some(fixed) = &outcome.fixed
                        {
                            let path = crate::diff::display_path(&outcome.path);
                            outcome.diff =
                                Some(crate::diff::unified(&path, &outcome.original, fixed));
                        }
                        if (rc.write || rc.diffs) && !rc.keep_texts {
                            outcome.original = String::new();
                            outcome.fixed = None;
                        }
                        outcomes.push(outcome);
                    }
                }
                progress();
                (outcomes, errs)
            })
            .collect::<Vec<_>>()
    };
    let results = match rayon::ThreadPoolBuilder::new().num_threads(rc.jobs).build() {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    };
    let mut files = Vec::new();
    for (outcomes, errs) in results {
        files.extend(outcomes);
        errors.extend(errs);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    RunResult {
        files,
        errors,
        unsafe_applied: rc.settings.unsafe_fixes,
    }
}

/// Runs the engine over the `targets` of one folder as they are on disk, nothing written,
/// leaving out the fixes in `deny`. Returns the outcomes (texts kept), the fixes applied
/// and the errors not tied to a file. `fix --verify` re-runs a package this way.
pub fn run_dir(
    dir: &Path,
    targets: &[PathBuf],
    rc: &RunConfig,
    deny: &std::collections::HashSet<crate::engine::FixKey>,
) -> (
    Vec<FileOutcome>,
    Vec<crate::engine::AppliedFix>,
    Vec<String>,
) {
    let mut errors = Vec::new();
    let gomod =
        GoMod::find(&std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf())).map(Arc::new);
    let mut outcomes = Vec::new();
    let mut applied = Vec::new();
    for pkg in packages_in(dir, targets, rc, gomod, &mut errors) {
        outcomes.extend(crate::engine::run_package_traced(
            pkg,
            &rc.transforms,
            &rc.settings,
            deny,
            &mut applied,
        ));
    }
    (outcomes, applied, errors)
}

/// Number of folders a run over `roots` will visit (for a progress bar).
pub fn count_dirs(roots: &[PathBuf]) -> usize {
    roots.len()
}

/// Runs over one file's content given on standard input. `path` names it; when it names a
/// file on disk, the other files of its folder take part for names.
pub fn run_source(path: &Path, content: &str, rc: &RunConfig) -> FileOutcome {
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut files = Vec::new();
    if dir.as_os_str().is_empty() || dir.is_dir() {
        for sibling in crate::walk::package_files(&dir) {
            if sibling.file_name() == path.file_name() {
                continue;
            }
            if let Ok(text) = read_text(&sibling) {
                files.push(GoFile::new(SourceFile::new(sibling, &text)));
            }
        }
    }
    let mut target = GoFile::new(SourceFile::new(path.to_path_buf(), content));
    target.enabled = rc.config.enabled_for(
        path,
        &rc.transforms,
        rc.cli_select.as_deref(),
        &rc.cli_ignore,
    );
    target.editable = !target.generated && target.parse_error.is_none();
    let name = target.package_name().unwrap_or("").to_string();
    files.retain(|f| f.package_name().unwrap_or("") == name);
    files.insert(0, target);
    let gomod = GoMod::find(&std::path::absolute(&dir).unwrap_or(dir.clone())).map(Arc::new);
    let pkg = Package::new(dir, name, files, gomod);
    let mut outcomes = run_package(pkg, &rc.transforms, &rc.settings);
    let mut outcome = if outcomes.is_empty() {
        FileOutcome {
            path: path.to_path_buf(),
            original: String::new(),
            fixed: None,
            findings: Vec::new(),
            fixes_applied: 0,
            errors: Vec::new(),
            diff: None,
            changed: false,
        }
    } else {
        outcomes.remove(0)
    };
    if outcome.original.is_empty() {
        outcome.original = content.to_string();
    }
    outcome
}
