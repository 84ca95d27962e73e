//! A whole run: walk the paths, group files into packages, run the engine on each package
//! in parallel, and (when asked) write the results atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::config::Config;
use crate::engine::{FileOutcome, Settings, run_package};
use crate::package::{GoFile, GoMod, Package};
use crate::source::SourceFile;
use crate::transform::TransformDef;

/// The stack size of the worker threads (address space only; pages are committed on use).
const WORKER_STACK: usize = 256 << 20;

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
    /// Files named on the command line are excluded by `exclude` too (as folders' files are).
    pub force_exclude: bool,
    /// Set (by a signal handler) to stop the run: packages not started are skipped, and a
    /// package whose files are not yet being put in place is not written.
    pub interrupted: Arc<AtomicBool>,
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
            force_exclude: false,
            interrupted: Arc::new(AtomicBool::new(false)),
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
    /// Notes that do not make the run fail (a folder without Go files).
    pub warnings: Vec<String>,
    /// The run was interrupted; this many folders were not processed (or not written).
    pub interrupted: Option<usize>,
}

/// Reads a file as UTF-8 text, or says why not.
fn read_text(path: &Path) -> Result<String, String> {
    // Never open what is not a regular file: reading a FIFO would block, a device may
    // never end.
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            return Err(format!(
                "{}: not a regular file (file skipped)",
                path.display()
            ));
        }
        Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        Ok(_) => {}
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    decode_utf8(&path.display().to_string(), bytes).map_err(|(msg, _)| msg)
}

/// The bytes as text, or where they stop being UTF-8 (`name:line:col`) and the bytes.
pub fn decode_utf8(name: &str, bytes: Vec<u8>) -> Result<String, (String, Vec<u8>)> {
    String::from_utf8(bytes).map_err(|e| {
        let pos = crate::source::position(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        let msg = format!(
            "{name}:{}:{}: not valid UTF-8 (file skipped)",
            pos.line, pos.column
        );
        (msg, e.into_bytes())
    })
}

/// Writes the changed files of one package (all or none). On failure every outcome of the
/// package is marked unchanged and the first changed one carries the reason; returns false
/// when the run was interrupted before the package was written.
fn write_package_outcomes(
    outcomes: &mut [FileOutcome],
    dir: &Path,
    name: &str,
    interrupted: &AtomicBool,
) -> bool {
    let result = {
        let changes: Vec<crate::write::Change> = outcomes
            .iter()
            .filter(|o| o.changed)
            .filter_map(|o| {
                o.fixed.as_deref().map(|fixed| crate::write::Change {
                    path: &o.path,
                    original: &o.original,
                    fixed,
                })
            })
            .collect();
        if changes.is_empty() {
            return true;
        }
        crate::write::write_package(&changes, interrupted)
    };
    let Err(err) = result else {
        return true;
    };
    let changed: Vec<String> = outcomes
        .iter()
        .filter(|o| o.changed)
        .map(|o| o.path.display().to_string())
        .collect();
    let mut first = true;
    for o in outcomes.iter_mut().filter(|o| o.changed) {
        o.changed = false;
        o.fixes_applied = 0;
        o.fixed_by.clear();
        if let crate::write::WriteError::Refused(msg) = &err
            && std::mem::take(&mut first)
        {
            let dir = if dir.as_os_str().is_empty() {
                ".".to_string()
            } else {
                dir.display().to_string()
            };
            o.errors.push(format!(
                "{msg}; package `{name}` in {dir} left unchanged (a package is fixed whole or not at all; not written: {})",
                changed.join(", ")
            ));
        }
    }
    !matches!(err, crate::write::WriteError::Interrupted)
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
    // Sets, not list searches: a folder of thousands of files stays linear.
    let mut listed: std::collections::HashSet<PathBuf> = paths.iter().cloned().collect();
    for t in targets {
        if listed.insert(t.clone()) {
            paths.push(t.clone());
        }
    }
    let target_set: std::collections::HashSet<&PathBuf> = targets.iter().collect();
    let mut groups: BTreeMap<String, Vec<GoFile>> = BTreeMap::new();
    // The texts of external test packages' files (`package x_test`), as read: the package
    // `x` they test reads them too (see `Package::xtest`).
    let mut xtest_texts: BTreeMap<String, Vec<(PathBuf, String)>> = BTreeMap::new();
    let mut unreadable: Vec<String> = Vec::new();
    for path in paths {
        let is_target = target_set.contains(&path);
        let text = match read_text(&path) {
            Ok(t) => t,
            Err(e) => {
                if is_target {
                    errors.push(e);
                }
                unreadable.push(path.display().to_string());
                continue;
            }
        };
        // A file the run does not report on is read for its names, and parsed only if an
        // analysis needs its tree.
        let mut file = if is_target {
            GoFile::new(SourceFile::new(path.clone(), &text))
        } else {
            GoFile::deferred(SourceFile::deferred(path.clone(), &text))
        };
        if is_target {
            file.enabled = rc.config.enabled_for(
                &path,
                &rc.transforms,
                rc.cli_select.as_deref(),
                &rc.cli_ignore,
                rc.settings.hot.is_some(),
            );
            file.editable = !file.generated && file.parse_error().is_none();
        }
        let name = file.package_name().unwrap_or("").to_string();
        if name.ends_with("_test") && file.is_test {
            xtest_texts
                .entry(name.clone())
                .or_default()
                .push((path.clone(), text));
        }
        groups.entry(name).or_default().push(file);
    }
    let incomplete = (!unreadable.is_empty()).then(|| {
        format!(
            "{} of the package cannot be read: its names are unknown",
            unreadable.join(", ")
        )
    });
    // Said once per folder, and only where there is something it holds back.
    let any_target = groups.values().flatten().any(|f| f.editable);
    if let Some(reason) = incomplete.as_ref().filter(|_| any_target) {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        errors.push(format!(
            "{}: {reason}, so no fix that declares a package-level name (sentinel, hoisted variable, helper) is made there",
            dir.display()
        ));
    }
    // Each package's external test package, read for it (its files are never its targets).
    // When the run does not fix the test package itself (no target in it), its files move;
    // otherwise they are read a second time.
    let mut xtests: BTreeMap<String, Vec<GoFile>> = BTreeMap::new();
    for (xname, texts) in xtest_texts {
        let Some(tested) = xname.strip_suffix("_test") else {
            continue;
        };
        if tested.is_empty() || !groups.contains_key(tested) {
            continue;
        }
        let targeted = groups[&xname]
            .iter()
            .any(|f| f.editable || !f.enabled.is_empty());
        let files = if targeted {
            texts
                .into_iter()
                .map(|(path, text)| GoFile::deferred(SourceFile::deferred(path, &text)))
                .collect()
        } else {
            groups.remove(&xname).unwrap_or_default()
        };
        xtests.insert(tested.to_string(), files);
    }
    groups
        .into_iter()
        .map(|(name, files)| {
            let xtest = xtests.remove(&name).map(|files| {
                let mut x = Package::new(
                    dir.to_path_buf(),
                    format!("{name}_test"),
                    files,
                    gomod.clone(),
                );
                x.incomplete.clone_from(&incomplete);
                Box::new(x)
            });
            let mut pkg = Package::new(dir.to_path_buf(), name, files, gomod.clone());
            pkg.incomplete.clone_from(&incomplete);
            pkg.xtest = xtest;
            pkg
        })
        .collect()
}

/// Runs the packages of one folder in order (a package before its external test package:
/// `x` sorts before `x_test`), through `run`. When a package's fix edited files of its
/// external test package ([`Package::xtest`]) and those files are targets of the run too
/// (`--include-tests`), the external test package is only checked (its findings reported,
/// no fix applied: its files as read are no longer what is written; the next run fixes
/// it), and the outcomes of those files are merged into one per file.
fn run_folder(
    packages: Vec<Package>,
    settings: &Settings,
    mut run: impl FnMut(Package, &Settings) -> Vec<FileOutcome>,
) -> Vec<FileOutcome> {
    let mut outcomes: Vec<FileOutcome> = Vec::new();
    for pkg in packages {
        let edited: Vec<PathBuf> = outcomes
            .iter()
            .filter(|o| o.changed && pkg.files.iter().any(|f| f.src.path == o.path))
            .map(|o| o.path.clone())
            .collect();
        if edited.is_empty() {
            outcomes.extend(run(pkg, settings));
            continue;
        }
        let name = pkg.name.clone();
        let checked = Settings {
            findings_only: true,
            ..settings.clone()
        };
        let checked_outcomes = run(pkg, &checked);
        let deferred = checked_outcomes
            .iter()
            .any(|o| o.findings.iter().any(|r| r.fix.is_some()));
        if deferred && let Some(first) = outcomes.iter_mut().find(|o| o.path == edited[0]) {
            first.notes.push(format!(
                "{}: the fixes of package {name} were not applied in this run: a fix of the package it tests edited this file (run allocfix again)",
                first.path.display()
            ));
        }
        for mut o in checked_outcomes {
            match outcomes.iter_mut().find(|e| e.path == o.path) {
                Some(earlier) => {
                    earlier.findings.append(&mut o.findings);
                    earlier.errors.append(&mut o.errors);
                    earlier.unused_ignores.append(&mut o.unused_ignores);
                    earlier.notes.append(&mut o.notes);
                }
                None => outcomes.push(o),
            }
        }
    }
    outcomes
}

/// Runs over `roots`.
pub fn run(roots: &[PathBuf], rc: &RunConfig, progress: &(dyn Fn() + Sync)) -> RunResult {
    let walked = crate::walk::collect(
        roots,
        &crate::walk::WalkOptions {
            include_tests: rc.include_tests,
            exclude: &rc.config.exclude,
            exclude_base: &rc.config.base,
            jobs: rc.jobs,
            force_exclude: rc.force_exclude,
        },
    );
    let mut errors = walked.errors;
    let dirs: Vec<(PathBuf, Vec<PathBuf>)> = walked.by_dir.into_iter().collect();
    let interrupted = &*rc.interrupted;
    let gomods = crate::package::GoModCache::default();
    let work = || {
        dirs.par_iter()
            .map(|(dir, targets)| {
                let mut errs = Vec::new();
                if interrupted.load(Ordering::SeqCst) {
                    return (Vec::new(), errs, 1);
                }
                let gomod = gomods.find(&std::path::absolute(dir).unwrap_or_else(|_| dir.clone()));
                let mut outcomes = Vec::new();
                let mut not_written = 0;
                let packages = packages_in(dir, targets, rc, gomod, &mut errs);
                let pkg_outcomes = run_folder(packages, &rc.settings, |pkg, settings| {
                    let name = pkg.name.clone();
                    let mut pkg_outcomes = run_package(pkg, &rc.transforms, settings);
                    if rc.write
                        && !write_package_outcomes(&mut pkg_outcomes, dir, &name, interrupted)
                    {
                        not_written = 1;
                    }
                    pkg_outcomes
                });
                for mut outcome in pkg_outcomes {
                    if rc.diffs
                        && let Some(fixed) = &outcome.fixed
                    {
                        let path = crate::diff::display_path(&outcome.path);
                        outcome.diff = Some(crate::diff::unified(&path, &outcome.original, fixed));
                    }
                    if (rc.write || rc.diffs) && !rc.keep_texts {
                        outcome.original = String::new();
                        outcome.fixed = None;
                    }
                    outcomes.push(outcome);
                }
                progress();
                (outcomes, errs, not_written)
            })
            .collect::<Vec<_>>()
    };
    // Large stacks: no recursion over syntax trees is unbounded, but a deeply nested file
    // must never be able to overflow a worker's stack (an overflow aborts the whole run).
    let results = match rayon::ThreadPoolBuilder::new()
        .num_threads(rc.jobs)
        .stack_size(WORKER_STACK)
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    };
    let mut files = Vec::new();
    let mut skipped = 0;
    for (outcomes, errs, not_done) in results {
        files.extend(outcomes);
        errors.extend(errs);
        skipped += not_done;
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    RunResult {
        files,
        errors,
        unsafe_applied: rc.settings.unsafe_fixes,
        warnings: walked.warnings,
        interrupted: interrupted.load(Ordering::SeqCst).then_some(skipped),
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
    let mut applied = Vec::new();
    let packages = packages_in(dir, targets, rc, gomod, &mut errors);
    let outcomes = run_folder(packages, &rc.settings, |pkg, settings| {
        crate::engine::run_package_traced(pkg, &rc.transforms, settings, deny, &mut applied)
    });
    (outcomes, applied, errors)
}

/// Number of folders a run over `roots` will visit (for a progress bar).
pub fn count_dirs(roots: &[PathBuf]) -> usize {
    roots.len()
}

/// Runs over one file's content given on standard input. `path` names it; `in_folder`: the
/// name was given (`--stdin-filename`), so the other files of its folder take part for
/// names; otherwise the content is a package of its own.
pub fn run_source(path: &Path, content: &str, rc: &RunConfig, in_folder: bool) -> FileOutcome {
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    if in_folder && (dir.as_os_str().is_empty() || dir.is_dir()) {
        for sibling in crate::walk::package_files(&dir) {
            if sibling.file_name() == path.file_name() {
                continue;
            }
            match read_text(&sibling) {
                Ok(text) => files.push(GoFile::deferred(SourceFile::deferred(sibling, &text))),
                Err(_) => unreadable.push(sibling.display().to_string()),
            }
        }
    }
    let mut target = GoFile::new(SourceFile::new(path.to_path_buf(), content));
    target.enabled = rc.config.enabled_for(
        path,
        &rc.transforms,
        rc.cli_select.as_deref(),
        &rc.cli_ignore,
        rc.settings.hot.is_some(),
    );
    target.editable = !target.generated && target.parse_error().is_none();
    let name = target.package_name().unwrap_or("").to_string();
    files.retain(|f| f.package_name().unwrap_or("") == name);
    files.insert(0, target);
    let gomod = if in_folder {
        GoMod::find(&std::path::absolute(&dir).unwrap_or(dir.clone())).map(Arc::new)
    } else {
        None
    };
    let mut pkg = Package::new(dir, name, files, gomod);
    if !unreadable.is_empty() {
        pkg.incomplete = Some(format!(
            "{} of the package cannot be read: its names are unknown",
            unreadable.join(", ")
        ));
    }
    let mut outcomes = run_package(pkg, &rc.transforms, &rc.settings);
    let mut outcome = if outcomes.is_empty() {
        FileOutcome::untouched(path.to_path_buf(), String::new())
    } else {
        outcomes.remove(0)
    };
    if outcome.original.is_empty() {
        outcome.original = content.to_string();
    }
    outcome
}
