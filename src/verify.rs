//! `allocfix fix --verify`: after the fixes are written, the Go toolchain checks every
//! changed package and the packages of its module that import it (`go build` and `go vet`,
//! whose complaints are compared with those of the original code, so pre-existing ones do
//! not count) and `gofmt -l` checks the changed files. A file that is OS- or arch-specific
//! is also checked under a GOOS/GOARCH that builds it.
//!
//! A package that fails is restored byte for byte. Its fixes are then bisected: the package
//! is re-run from its original files with a growing prefix of its fixes allowed, every step
//! checked with Go (through `-overlay`, so nothing is written while bisecting), until each
//! breaking fix is found and left out. The good fixes are written back; each reverted fix is
//! reported with the toolchain's message. When bisection cannot isolate a culprit, the whole
//! package stays restored and the report says so.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use crate::engine::FixKey;
use crate::runner::{RunConfig, RunResult, run_dir};
use crate::write::{Change, write_package};

/// The most Go checks spent bisecting one package before it is restored whole.
const MAX_CHECKS_PER_PACKAGE: usize = 48;

/// A GOOS/GOARCH pair.
pub type Platform = (String, String);

/// The Go toolchain found on PATH.
#[derive(Clone, Debug)]
pub struct Toolchain {
    pub go: PathBuf,
    pub gofmt: PathBuf,
    pub host: Platform,
    /// Every valid GOOS/GOARCH pair (`go tool dist list`).
    pub platforms: Vec<Platform>,
}

impl Toolchain {
    /// Finds `go` (and `gofmt` beside it), or says clearly why `--verify` cannot run.
    pub fn find() -> Result<Toolchain, String> {
        let go = PathBuf::from("go");
        let out = Command::new(&go)
            .args(["env", "GOROOT", "GOOS", "GOARCH"])
            .output()
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    "--verify needs the Go toolchain, but `go` was not found on PATH; nothing was written and nothing verified".to_string()
                } else {
                    format!("--verify: cannot run `go`: {e}; nothing was written and nothing verified")
                }
            })?;
        if !out.status.success() {
            return Err(format!(
                "--verify: `go env` failed: {}; nothing was written and nothing verified",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let mut lines = text.lines();
        let goroot = PathBuf::from(lines.next().unwrap_or("").trim());
        let host = (
            lines.next().unwrap_or("").trim().to_string(),
            lines.next().unwrap_or("").trim().to_string(),
        );
        let beside = goroot
            .join("bin")
            .join(format!("gofmt{}", std::env::consts::EXE_SUFFIX));
        let gofmt = if beside.is_file() {
            beside
        } else {
            PathBuf::from("gofmt")
        };
        if let Err(e) = Command::new(&gofmt)
            .arg("-l")
            .arg(std::env::temp_dir().join(".allocfix-none"))
            .output()
        {
            return Err(format!(
                "--verify needs gofmt (looked for {} and on PATH): {e}; nothing was written and nothing verified",
                gofmt.display()
            ));
        }
        let platforms = Command::new(&go)
            .args(["tool", "dist", "list"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .filter_map(|l| l.trim().split_once('/'))
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Toolchain {
            go,
            gofmt,
            host,
            platforms,
        })
    }

    fn is_os(&self, s: &str) -> bool {
        self.platforms.iter().any(|(os, _)| os == s)
    }

    fn is_arch(&self, s: &str) -> bool {
        self.platforms.iter().any(|(_, arch)| arch == s)
    }
}

/// What happened to one package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every fix was kept and the package checks clean.
    Verified,
    /// Some fixes broke the package; they were left out and the rest verified.
    Partial,
    /// The package was restored whole (the reason says why).
    Restored(String),
    /// No platform checked loads the package (its changed files are, say, `//go:build
    /// integration` files): only gofmt checked it. Its fixes stay, unverified by Go.
    Unchecked,
}

/// A fix that was left out, with the toolchain's complaints.
#[derive(Debug, Clone)]
pub struct Reverted {
    pub transform: &'static str,
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub messages: Vec<String>,
}

/// One package's result.
#[derive(Debug, Clone)]
pub struct PackageReport {
    /// The package's folder.
    pub dir: PathBuf,
    pub verdict: Verdict,
    pub reverted: Vec<Reverted>,
    /// The complaints of the first failing check (for a package restored whole).
    pub messages: Vec<String>,
}

/// The whole verification.
#[derive(Debug, Default)]
pub struct Report {
    pub packages: Vec<PackageReport>,
    /// Platforms checked besides the host's.
    pub extra_platforms: BTreeSet<String>,
    /// Go invocations (`go build`, `go vet`, `gofmt`, `go list`).
    pub go_runs: usize,
    pub elapsed: Duration,
    /// Problems that left something unverified.
    pub errors: Vec<String>,
    /// Files whose build constraints no GOOS/GOARCH satisfies (custom tags): checked only
    /// where the default build includes them.
    pub notes: Vec<String>,
}

/// A changed file: where, what it was, what the fix made it.
#[derive(Clone)]
struct Changed {
    /// As the run named it.
    path: PathBuf,
    abs: PathBuf,
    original: String,
    fixed: String,
}

/// A package (folder) with changed files.
struct Pkg {
    dir: PathBuf,
    import_path: String,
    files: Vec<usize>,
    platforms: BTreeSet<Platform>,
}

/// A module holding changed packages.
struct Module {
    root: PathBuf,
    pkgs: Vec<Pkg>,
    /// Import path → packages of the module that import it (tests included).
    importers: HashMap<String, BTreeSet<String>>,
}

/// Checks and bisects the files `result` changed (which must still hold their texts),
/// restores or rewrites them on disk, and updates `result` to what is left on disk.
pub fn verify(tc: &Toolchain, rc: &RunConfig, result: &mut RunResult) -> Report {
    let start = Instant::now();
    let mut report = Report::default();
    let mut files: Vec<Changed> = Vec::new();
    for f in &result.files {
        if !f.changed {
            continue;
        }
        let Some(fixed) = &f.fixed else {
            report.errors.push(format!(
                "{}: --verify: the fixed text was not kept; not verified",
                f.path.display()
            ));
            continue;
        };
        files.push(Changed {
            path: f.path.clone(),
            abs: std::path::absolute(&f.path).unwrap_or_else(|_| f.path.clone()),
            original: f.original.clone(),
            fixed: fixed.clone(),
        });
    }
    let mut checker = match Checker::new(tc) {
        Ok(c) => c,
        Err(e) => {
            report.errors.push(e);
            return report;
        }
    };
    let modules = group(tc, &files, &mut checker, &mut report);
    // Final content and fix count per file, for files whose fixes were (partly) reverted.
    let mut finals: HashMap<PathBuf, (String, Fixes)> = HashMap::new();
    for module in &modules {
        verify_module(rc, module, &files, &mut checker, &mut report, &mut finals);
    }
    for f in result.files.iter_mut() {
        if let Some((content, (fixes, by))) = finals.get(&f.path) {
            f.changed = content != &f.original;
            f.fixes_applied = if f.changed { *fixes } else { 0 };
            f.fixed_by = if f.changed {
                by.clone()
            } else {
                BTreeMap::new()
            };
        }
        f.original = String::new();
        f.fixed = None;
    }
    report.go_runs = checker.runs;
    report.elapsed = start.elapsed();
    report
}

/// Groups the changed files into packages and modules; asks `go list` for import paths.
fn group(
    tc: &Toolchain,
    files: &[Changed],
    checker: &mut Checker,
    report: &mut Report,
) -> Vec<Module> {
    let mut by_root: BTreeMap<PathBuf, BTreeMap<PathBuf, Vec<usize>>> = BTreeMap::new();
    let mut module_paths: HashMap<PathBuf, Option<String>> = HashMap::new();
    for (i, f) in files.iter().enumerate() {
        let dir = f.abs.parent().map(Path::to_path_buf).unwrap_or_default();
        match crate::package::GoMod::find(&dir) {
            Some(m) => {
                let root = m.path.parent().map(Path::to_path_buf).unwrap_or_default();
                module_paths.insert(root.clone(), m.module.clone());
                by_root
                    .entry(root)
                    .or_default()
                    .entry(dir)
                    .or_default()
                    .push(i);
            }
            None => report.errors.push(format!(
                "{}: no go.mod at or above its folder; --verify cannot check it (fixes left in place, not verified)",
                f.path.display()
            )),
        }
    }
    let mut modules = Vec::new();
    for (root, dirs) in by_root {
        let listed = checker.list(&root);
        let mut dir_to_path: HashMap<PathBuf, String> = HashMap::new();
        let mut importers: HashMap<String, BTreeSet<String>> = HashMap::new();
        for (dir, path, imports) in &listed {
            dir_to_path.insert(canonical(dir), path.clone());
            for imp in imports {
                importers
                    .entry(imp.clone())
                    .or_default()
                    .insert(path.clone());
            }
        }
        let mut pkgs = Vec::new();
        for (dir, idx) in dirs {
            let import_path = dir_to_path
                .get(&canonical(&dir))
                .cloned()
                .unwrap_or_else(|| {
                    // Not listed (the host does not build it, or go list failed): the
                    // module path and the folder relative to the module root.
                    let rel = dir.strip_prefix(&root).unwrap_or(&dir);
                    let rel = rel.to_string_lossy().replace('\\', "/");
                    match (module_paths.get(&root).cloned().flatten(), rel.is_empty()) {
                        (Some(m), true) => m,
                        (Some(m), false) => format!("{m}/{rel}"),
                        (None, true) => ".".to_string(),
                        (None, false) => format!("./{rel}"),
                    }
                });
            let mut platforms = BTreeSet::new();
            for &i in &idx {
                match platforms_for(tc, &files[i]) {
                    Ok(p) => platforms.extend(p),
                    Err(note) => report.notes.push(note),
                }
            }
            for (os, arch) in &platforms {
                report.extra_platforms.insert(format!("{os}/{arch}"));
            }
            pkgs.push(Pkg {
                dir,
                import_path,
                files: idx,
                platforms,
            });
        }
        modules.push(Module {
            root,
            pkgs,
            importers,
        });
    }
    modules
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The import paths a check of `pkg` covers: the package and its importers in the module.
fn scope(module: &Module, pkg: &Pkg) -> Vec<String> {
    let mut s = vec![pkg.import_path.clone()];
    if let Some(list) = module.importers.get(&pkg.import_path) {
        s.extend(list.iter().filter(|p| **p != pkg.import_path).cloned());
    }
    s
}

fn verify_module(
    rc: &RunConfig,
    module: &Module,
    files: &[Changed],
    checker: &mut Checker,
    report: &mut Report,
    finals: &mut HashMap<PathBuf, (String, Fixes)>,
) {
    let first_report = report.packages.len();
    verify_packages(rc, module, files, checker, report, finals);
    for p in &mut report.packages[first_report..] {
        let loaded = module
            .pkgs
            .iter()
            .find(|m| m.dir == p.dir)
            .is_some_and(|m| checker.checked.contains(&m.import_path));
        if !loaded && p.verdict == Verdict::Verified {
            p.verdict = Verdict::Unchecked;
        }
    }
}

fn verify_packages(
    rc: &RunConfig,
    module: &Module,
    files: &[Changed],
    checker: &mut Checker,
    report: &mut Report,
    finals: &mut HashMap<PathBuf, (String, Fixes)>,
) {
    let module_files: Vec<usize> = module
        .pkgs
        .iter()
        .flat_map(|p| p.files.iter().copied())
        .collect();
    let all_scope: BTreeSet<String> = module.pkgs.iter().flat_map(|p| scope(module, p)).collect();
    let all_scope: Vec<String> = all_scope.into_iter().collect();
    let all_platforms: BTreeSet<Platform> = module
        .pkgs
        .iter()
        .flat_map(|p| p.platforms.iter().cloned())
        .collect();
    let mut baseline = Baseline {
        module,
        files,
        module_files: &module_files,
        scope: &all_scope,
        sets: HashMap::new(),
        notes: Vec::new(),
    };
    // Fast path: everything at once.
    let fixed: HashMap<usize, String> = module_files
        .iter()
        .map(|&i| (i, files[i].fixed.clone()))
        .collect();
    let whole = checker.check(&mut baseline, &all_scope, &fixed, &all_platforms);
    if whole.is_empty() {
        for p in &module.pkgs {
            report.packages.push(PackageReport {
                dir: p.dir.clone(),
                verdict: Verdict::Verified,
                reverted: Vec::new(),
                messages: Vec::new(),
            });
        }
        report.notes.append(&mut baseline.notes);
        return;
    }
    // Package by package: earlier packages at their accepted state, later ones original.
    let mut accepted: HashMap<usize, String> = module_files
        .iter()
        .map(|&i| (i, files[i].original.clone()))
        .collect();
    for pkg in &module.pkgs {
        if rc.interrupted.load(std::sync::atomic::Ordering::SeqCst) {
            report.errors.push(format!(
                "{}: verify interrupted before this package was checked; its fixes stay, unverified",
                shown(&pkg.dir)
            ));
            continue;
        }
        let sc = scope(module, pkg);
        let mut trial = accepted.clone();
        for &i in &pkg.files {
            trial.insert(i, files[i].fixed.clone());
        }
        let first = checker.check(&mut baseline, &sc, &trial, &pkg.platforms);
        if first.is_empty() {
            accepted = trial;
            report.packages.push(PackageReport {
                dir: pkg.dir.clone(),
                verdict: Verdict::Verified,
                reverted: Vec::new(),
                messages: Vec::new(),
            });
            continue;
        }
        // Restore the package byte for byte (all its files or none), then bisect its fixes.
        let mut restore_errors = Vec::new();
        let restore: Vec<Change> = pkg
            .files
            .iter()
            .map(|&i| Change {
                path: &files[i].path,
                original: &files[i].fixed,
                fixed: &files[i].original,
            })
            .collect();
        if let Err(e) = write_package(&restore, &AtomicBool::new(false)) {
            restore_errors.push(format!(
                "{}: cannot restore the package: {}; its fixes stay, unverified",
                pkg.dir.display(),
                write_error(&e)
            ));
        } else {
            for &i in &pkg.files {
                finals.insert(
                    files[i].path.clone(),
                    (files[i].original.clone(), (0, BTreeMap::new())),
                );
            }
        }
        if !restore_errors.is_empty() {
            report.errors.extend(restore_errors);
            report.packages.push(PackageReport {
                dir: pkg.dir.clone(),
                verdict: Verdict::Restored("a file could not be restored".into()),
                reverted: Vec::new(),
                messages: first,
            });
            continue;
        }
        let mut bis = Bisect {
            rc,
            pkg,
            files,
            accepted: &accepted,
            scope: &sc,
            checks: 0,
        };
        let outcome = bis.run(checker, &mut baseline);
        match outcome {
            Ok(((state, counts), reverted)) => {
                let mut write_errors = Vec::new();
                let content = |i: usize| -> String {
                    state
                        .get(&i)
                        .cloned()
                        .unwrap_or_else(|| files[i].original.clone())
                };
                let finished: Vec<(usize, String)> =
                    pkg.files.iter().map(|&i| (i, content(i))).collect();
                let changes: Vec<Change> = finished
                    .iter()
                    .filter(|(i, c)| *c != files[*i].original)
                    .map(|(i, c)| Change {
                        path: &files[*i].path,
                        original: &files[*i].original,
                        fixed: c,
                    })
                    .collect();
                match write_package(&changes, &AtomicBool::new(false)) {
                    Ok(()) => {
                        for (i, c) in finished {
                            let n = counts.get(&i).cloned().unwrap_or_default();
                            finals.insert(files[i].path.clone(), (c.clone(), n));
                            accepted.insert(i, c);
                        }
                    }
                    Err(e) => write_errors.push(format!(
                        "{}: cannot write the verified fixes: {}; the package stays restored",
                        pkg.dir.display(),
                        write_error(&e)
                    )),
                }
                report.errors.extend(write_errors);
                report.packages.push(PackageReport {
                    dir: pkg.dir.clone(),
                    // Empty when the failure did not come back on a re-run (a flaky check).
                    verdict: if reverted.is_empty() {
                        Verdict::Verified
                    } else {
                        Verdict::Partial
                    },
                    reverted,
                    messages: Vec::new(),
                });
            }
            Err(reason) => report.packages.push(PackageReport {
                dir: pkg.dir.clone(),
                verdict: Verdict::Restored(reason),
                reverted: Vec::new(),
                messages: first,
            }),
        }
    }
    report.notes.append(&mut baseline.notes);
}

fn write_error(e: &crate::write::WriteError) -> String {
    match e {
        crate::write::WriteError::Refused(m) => m.clone(),
        crate::write::WriteError::Interrupted => "interrupted".to_string(),
    }
}

/// Bisection over one package's fixes.
struct Bisect<'a> {
    rc: &'a RunConfig,
    pkg: &'a Pkg,
    files: &'a [Changed],
    /// The content of the module's other changed files.
    accepted: &'a HashMap<usize, String>,
    scope: &'a [String],
    checks: usize,
}

/// Fixes applied to a file: how many, and how many per transform.
type Fixes = (usize, BTreeMap<&'static str, usize>);

/// A package state: content per changed file, fixes per changed file.
type State = (HashMap<usize, String>, HashMap<usize, Fixes>);

impl Bisect<'_> {
    /// Re-runs the package from its original files without the fixes in `deny`.
    fn state(&self, deny: &HashSet<FixKey>) -> (State, Vec<crate::engine::AppliedFix>) {
        let dir = self.files[self.pkg.files[0]]
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let targets: Vec<PathBuf> = self
            .pkg
            .files
            .iter()
            .map(|&i| self.files[i].path.clone())
            .collect();
        let (outcomes, applied, _) = run_dir(&dir, &targets, self.rc, deny);
        let mut content = HashMap::new();
        let mut counts = HashMap::new();
        for &i in &self.pkg.files {
            let o = outcomes.iter().find(|o| o.path == self.files[i].path);
            let text = o
                .and_then(|o| o.fixed.clone())
                .unwrap_or_else(|| self.files[i].original.clone());
            content.insert(i, text);
            counts.insert(
                i,
                o.map_or_else(Default::default, |o| (o.fixes_applied, o.fixed_by.clone())),
            );
        }
        ((content, counts), applied)
    }

    fn check(
        &mut self,
        checker: &mut Checker,
        baseline: &mut Baseline,
        state: &State,
    ) -> Vec<String> {
        self.checks += 1;
        let mut overlay = self.accepted.clone();
        overlay.extend(state.0.iter().map(|(k, v)| (*k, v.clone())));
        checker.check(baseline, self.scope, &overlay, &self.pkg.platforms)
    }

    /// Returns the best verified state and the fixes left out, or why none was found.
    fn run(
        &mut self,
        checker: &mut Checker,
        baseline: &mut Baseline,
    ) -> Result<(State, Vec<Reverted>), String> {
        let (_, applied) = self.state(&HashSet::new());
        let mut order: Vec<crate::engine::AppliedFix> = Vec::new();
        for a in applied {
            if !order.iter().any(|o| o.key == a.key) {
                order.push(a);
            }
        }
        let all: HashSet<FixKey> = order.iter().map(|a| a.key.clone()).collect();
        let (none, _) = self.state(&all);
        if !self.check(checker, baseline, &none).is_empty() {
            return Err("it fails even with none of its fixes; restored whole".into());
        }
        let mut bad: HashSet<FixKey> = HashSet::new();
        let mut reverted = Vec::new();
        loop {
            if self
                .rc
                .interrupted
                .load(std::sync::atomic::Ordering::SeqCst)
            {
                return Err("interrupted while bisecting; restored whole".into());
            }
            if self.checks >= MAX_CHECKS_PER_PACKAGE {
                return Err(format!(
                    "bisection gave up after {} checks; restored whole",
                    self.checks
                ));
            }
            let (full, _) = self.state(&bad);
            let full_msgs = self.check(checker, baseline, &full);
            if full_msgs.is_empty() {
                return Ok((full, reverted));
            }
            // Smallest prefix of the remaining fixes that fails: its last fix breaks.
            let good: Vec<&crate::engine::AppliedFix> =
                order.iter().filter(|a| !bad.contains(&a.key)).collect();
            let deny_from = |k: usize| -> HashSet<FixKey> {
                bad.iter()
                    .cloned()
                    .chain(good[k..].iter().map(|a| a.key.clone()))
                    .collect()
            };
            let (mut lo, mut hi) = (0usize, good.len());
            let mut hi_msgs = full_msgs;
            while hi - lo > 1 {
                if self.checks >= MAX_CHECKS_PER_PACKAGE {
                    return Err(format!(
                        "bisection gave up after {} checks; restored whole",
                        self.checks
                    ));
                }
                let mid = (lo + hi) / 2;
                let (s, _) = self.state(&deny_from(mid));
                let msgs = self.check(checker, baseline, &s);
                if msgs.is_empty() {
                    lo = mid;
                } else {
                    hi = mid;
                    hi_msgs = msgs;
                }
            }
            if hi == 0 {
                return Err("bisection could not isolate the breaking fix; restored whole".into());
            }
            let culprit = good[hi - 1].clone();
            let path = culprit.key.path.clone();
            reverted.push(Reverted {
                transform: culprit.key.transform,
                path,
                line: culprit.position.line,
                column: culprit.position.column,
                messages: hi_msgs,
            });
            bad.insert(culprit.key);
        }
    }
}

/// The complaints of the original code, per platform (computed when first needed).
struct Baseline<'a> {
    module: &'a Module,
    files: &'a [Changed],
    module_files: &'a [usize],
    scope: &'a [String],
    sets: HashMap<Option<Platform>, HashSet<String>>,
    /// What the original code already draws from Go (said in the report: those complaints
    /// are not counted, and may hide others).
    notes: Vec<String>,
}

/// Runs the toolchain with overlays in a temporary folder.
struct Checker<'a> {
    tc: &'a Toolchain,
    tmp: tempfile::TempDir,
    counter: usize,
    runs: usize,
    /// Import paths that loaded, and so were built and vetted, under some platform.
    checked: HashSet<String>,
    /// `/<content hash>/<file name>` of every overlay file written → the real file's path.
    names: Vec<(String, String)>,
}

impl<'a> Checker<'a> {
    fn new(tc: &'a Toolchain) -> Result<Checker<'a>, String> {
        let tmp = tempfile::Builder::new()
            .prefix("allocfix-verify-")
            .tempdir()
            .map_err(|e| format!("--verify: cannot create a temporary folder: {e}"))?;
        Ok(Checker {
            tc,
            tmp,
            counter: 0,
            runs: 0,
            checked: HashSet::new(),
            names: Vec::new(),
        })
    }

    /// `go list` over the module: (folder, import path, imports of it and its tests).
    fn list(&mut self, root: &Path) -> Vec<(PathBuf, String, Vec<String>)> {
        self.runs += 1;
        let out = Command::new(&self.tc.go)
            .args([
                "list",
                "-e",
                "-f",
                "{{.Dir}}\t{{.ImportPath}}\t{{join .Imports \" \"}} {{join .TestImports \" \"}} {{join .XTestImports \" \"}}",
                "./...",
            ])
            .current_dir(root)
            .output();
        let Ok(out) = out else { return Vec::new() };
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| {
                let mut parts = l.split('\t');
                let dir = PathBuf::from(parts.next()?);
                let path = parts.next()?.to_string();
                let imports = parts
                    .next()
                    .unwrap_or("")
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                Some((dir, path, imports))
            })
            .collect()
    }

    /// Checks `scope` with the module's changed files at `content`, on the host and on each
    /// of `platforms`. Returns the complaints the original code did not have (empty: pass).
    fn check(
        &mut self,
        baseline: &mut Baseline,
        scope: &[String],
        content: &HashMap<usize, String>,
        platforms: &BTreeSet<Platform>,
    ) -> Vec<String> {
        let mut new = Vec::new();
        let configs: Vec<Option<Platform>> = std::iter::once(None)
            .chain(platforms.iter().cloned().map(Some))
            .collect();
        for config in configs {
            if !baseline.sets.contains_key(&config) {
                let originals: HashMap<usize, String> = baseline
                    .module_files
                    .iter()
                    .map(|&i| (i, baseline.files[i].original.clone()))
                    .collect();
                let lines = self.go_check(
                    &baseline.module.root,
                    baseline.files,
                    baseline.scope,
                    &originals,
                    config.as_ref(),
                );
                if let Some(first) = lines.first() {
                    let under = match &config {
                        Some((os, arch)) => format!(" under GOOS={os} GOARCH={arch}"),
                        None => String::new(),
                    };
                    baseline.notes.push(format!(
                        "{}: before the fixes, go build/go vet already reported {} line(s){under}, not counted against them (first: {first})",
                        shown(&baseline.module.root),
                        lines.len()
                    ));
                }
                let set = lines.iter().map(|l| normalize(l)).collect();
                baseline.sets.insert(config.clone(), set);
            }
            let lines = self.go_check(
                &baseline.module.root,
                baseline.files,
                scope,
                content,
                config.as_ref(),
            );
            let base = &baseline.sets[&config];
            for l in lines {
                if !base.contains(&normalize(&l)) {
                    let l = match &config {
                        Some((os, arch)) => format!("{l} (GOOS={os} GOARCH={arch})"),
                        None => l,
                    };
                    if !new.contains(&l) {
                        new.push(l);
                    }
                }
            }
        }
        new.extend(self.gofmt(baseline.files, content));
        new
    }

    /// Writes `content` to overlay files; returns the overlay json's path. Each
    /// file's overlay path depends only on the file and its content: Go caches vet results
    /// and replays their text, so the same content must keep the same path.
    fn overlay(&mut self, files: &[Changed], content: &HashMap<usize, String>) -> PathBuf {
        self.counter += 1;
        let mut json = String::from("{\"Replace\":{");
        let mut keys: Vec<&usize> = content.keys().collect();
        keys.sort();
        for (n, &&i) in keys.iter().enumerate() {
            let f = &files[i];
            let base = f
                .abs
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            std::hash::Hash::hash(&content[&i], &mut h);
            let hash = format!("{:016x}", std::hash::Hasher::finish(&h));
            let sub = self.tmp.path().join(i.to_string()).join(&hash);
            let target = sub.join(&base);
            if !target.is_file() {
                let _ = std::fs::create_dir_all(&sub);
                let _ = std::fs::write(&target, &content[&i]);
            }
            if n > 0 {
                json.push(',');
            }
            json.push_str(&format!(
                "{}:{}",
                json_string(&f.abs.to_string_lossy()),
                json_string(&target.to_string_lossy())
            ));
            // Go's vet cache replays output with the overlay path of the run that filled
            // it (even a past run's): the content hash and name identify the file anyway.
            let needle = format!("/{hash}/{base}");
            if !self.names.iter().any(|(n, _)| *n == needle) {
                self.names
                    .push((needle, crate::diff::display_path(&f.path)));
            }
        }
        json.push_str("}}");
        let json_path = self.tmp.path().join(format!("{}.json", self.counter));
        let _ = std::fs::write(&json_path, json);
        json_path
    }

    /// `go build` and `go vet` of `scope`; the complaint lines, overlay paths mapped back.
    fn go_check(
        &mut self,
        root: &Path,
        files: &[Changed],
        scope: &[String],
        content: &HashMap<usize, String>,
        config: Option<&Platform>,
    ) -> Vec<String> {
        let json = self.overlay(files, content);
        let needles = self.names.clone();
        let overlay = format!("-overlay={}", json.display());
        let null = if cfg!(windows) { "NUL" } else { "/dev/null" };
        let mut lines = Vec::new();
        // Load first: one package that does not load (build constraints exclude all its
        // files on this platform, a dependency is missing, a file does not parse) stops
        // go build and go vet for every package. Its error is a complaint; the others are
        // built without it.
        let scope = self.loadable(root, scope, &overlay, config, &needles, &mut lines);
        if scope.is_empty() {
            let _ = std::fs::remove_file(&json);
            return lines;
        }
        let build: Vec<&str> = vec!["build", overlay.as_str(), "-o", null];
        let vet: Vec<&str> = vec!["vet", overlay.as_str()];
        for args in [build, vet] {
            self.runs += 1;
            let mut cmd = Command::new(&self.tc.go);
            cmd.args(&args).args(&scope).current_dir(root);
            if let Some((os, arch)) = config {
                cmd.env("GOOS", os).env("GOARCH", arch);
            }
            let out = match cmd.output() {
                Ok(o) => o,
                Err(e) => {
                    lines.push(format!("cannot run go {}: {e}", args[0]));
                    continue;
                }
            };
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            for l in text.lines() {
                if l.trim().is_empty() || l.starts_with("# ") {
                    continue;
                }
                let mapped = map_paths(l, &needles);
                if !lines.contains(&mapped) {
                    lines.push(mapped);
                }
            }
        }
        let _ = std::fs::remove_file(&json);
        lines
    }

    /// The packages of `scope` that load on this platform; the load errors of the others
    /// (not "build constraints exclude all Go files": that only says the platform does not
    /// build it) go to `lines`.
    fn loadable(
        &mut self,
        root: &Path,
        scope: &[String],
        overlay: &str,
        config: Option<&Platform>,
        needles: &[(String, String)],
        lines: &mut Vec<String>,
    ) -> Vec<String> {
        self.runs += 1;
        let mut cmd = Command::new(&self.tc.go);
        cmd.args([
            "list",
            "-e",
            overlay,
            "-f",
            "{{.ImportPath}}\t{{if .Error}}{{.Error}}{{end}}{{range .DepsErrors}} {{.}}{{end}}\t.",
        ])
        .args(scope)
        .current_dir(root);
        if let Some((os, arch)) = config {
            cmd.env("GOOS", os).env("GOARCH", arch);
        }
        let out = match cmd.output() {
            Ok(o) => o,
            Err(e) => {
                lines.push(format!("cannot run go list: {e}"));
                return Vec::new();
            }
        };
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let mut ok = Vec::new();
        let mut seen = false;
        // Records are `path<TAB>error<TAB>.`; an error may span lines.
        for record in text.split("\t.\n") {
            let Some((path, err)) = record.split_once('\t') else {
                continue;
            };
            let path = path.trim();
            if path.is_empty() {
                continue;
            }
            seen = true;
            let err = err.trim();
            if err.is_empty() {
                self.checked.insert(path.to_string());
                ok.push(path.to_string());
            } else if !err.contains("build constraints exclude all Go files") {
                for l in err.lines() {
                    lines.push(map_paths(l.trim(), needles));
                }
            }
        }
        if !seen {
            for l in String::from_utf8_lossy(&out.stderr).lines() {
                lines.push(map_paths(l, needles));
            }
        }
        ok
    }

    /// Files of `content` that are not gofmt-clean but were before the fix.
    fn gofmt(&mut self, files: &[Changed], content: &HashMap<usize, String>) -> Vec<String> {
        let changed: Vec<usize> = {
            let mut v: Vec<usize> = content
                .iter()
                .filter(|(i, c)| **c != files[**i].original)
                .map(|(i, _)| *i)
                .collect();
            v.sort();
            v
        };
        if changed.is_empty() {
            return Vec::new();
        }
        self.counter += 1;
        self.runs += 1;
        let dir = self.tmp.path().join(format!("fmt{}", self.counter));
        let mut paths = Vec::new();
        for (n, &i) in changed.iter().enumerate() {
            for (kind, text) in [("a", &files[i].original), ("b", &content[&i])] {
                let p = dir.join(format!("{n}{kind}.go"));
                let _ = std::fs::create_dir_all(&dir);
                let _ = std::fs::write(&p, text);
                paths.push(p);
            }
        }
        let out = Command::new(&self.tc.gofmt).arg("-l").args(&paths).output();
        let _ = std::fs::remove_dir_all(&dir);
        let listed: HashSet<PathBuf> = match out {
            Ok(o) => String::from_utf8_lossy(&o.stdout)
                .lines()
                .map(PathBuf::from)
                .collect(),
            Err(e) => return vec![format!("cannot run gofmt: {e}")],
        };
        let mut out = Vec::new();
        for (n, &i) in changed.iter().enumerate() {
            let before = listed.contains(&dir.join(format!("{n}a.go")));
            let after = listed.contains(&dir.join(format!("{n}b.go")));
            if after && !before {
                out.push(format!(
                    "{}: not gofmt-clean after the fix (gofmt -l)",
                    crate::diff::display_path(&files[i].path)
                ));
            }
        }
        out
    }
}

/// Replaces each whitespace-delimited path token that names an overlay file with the real
/// file's path (Go may print it absolute, relative, or cut oddly).
fn map_paths(line: &str, needles: &[(String, String)]) -> String {
    let mut line = line.to_string();
    for (needle, real) in needles {
        while let Some(i) = line.find(needle.as_str()) {
            let start = line[..i].rfind(char::is_whitespace).map_or(0, |j| {
                j + line[j..].chars().next().map_or(1, char::len_utf8)
            });
            line.replace_range(start..i + needle.len(), real);
        }
    }
    line
}

/// A complaint as compared with the original's: line and column numbers removed, file
/// paths cut to their names, no `vet: ` prefix (`vet: a/x.go:12:3: m` → `x.go: m`). Lines
/// move with the fixes, and Go's cache may replay a complaint with the path of another run.
fn normalize(line: &str) -> String {
    let line = line.strip_prefix("vet: ").unwrap_or(line);
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find(".go:") {
        let token_start = rest[..i].rfind(char::is_whitespace).map_or(0, |j| {
            j + rest[j..].chars().next().map_or(1, char::len_utf8)
        });
        let name_start = rest[token_start..i]
            .rfind(['/', '\\'])
            .map_or(token_start, |j| token_start + j + 1);
        out.push_str(&rest[..token_start]);
        out.push_str(&rest[name_start..i + 3]);
        let mut tail = &rest[i + 3..];
        for _ in 0..2 {
            if let Some(t) = tail.strip_prefix(':') {
                let digits = t.chars().take_while(char::is_ascii_digit).count();
                if digits > 0 {
                    tail = &t[digits..];
                    continue;
                }
            }
            break;
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The platforms besides the host's that must check `f`: none when the host builds it (or
/// it names no OS or architecture), else one GOOS/GOARCH that builds it. An error note when
/// no platform does (custom build tags).
fn platforms_for(tc: &Toolchain, f: &Changed) -> Result<Vec<Platform>, String> {
    let name = f
        .abs
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let (name_os, name_arch) = name_constraint(tc, &name);
    let expr = build_line(&f.fixed).or_else(|| build_line(&f.original));
    let names_platform = name_os.is_some()
        || name_arch.is_some()
        || expr.as_deref().is_some_and(|e| {
            crate::package::build_tokens(e)
                .unwrap_or_default()
                .iter()
                .any(|t| tc.is_os(t) || tc.is_arch(t) || t == "unix")
        });
    if !names_platform {
        return Ok(Vec::new());
    }
    let builds = |p: &Platform| -> bool {
        name_os.as_ref().is_none_or(|o| matches_os(o, &p.0))
            && name_arch.as_ref().is_none_or(|a| *a == p.1)
            && expr
                .as_deref()
                .is_none_or(|e| eval_constraint(e, p, p == &tc.host) == Some(true))
    };
    if builds(&tc.host) {
        return Ok(Vec::new());
    }
    let mut candidates: Vec<&Platform> = tc.platforms.iter().collect();
    candidates.sort_by_key(|p| (p.1 != tc.host.1, p.0 != tc.host.0));
    match candidates.into_iter().find(|p| builds(p)) {
        Some(p) => Ok(vec![p.clone()]),
        None => Err(format!(
            "{}: no GOOS/GOARCH satisfies its build constraints without custom tags; checked only where the default build includes it",
            crate::diff::display_path(&f.path)
        )),
    }
}

/// `_GOOS`, `_GOARCH`, `_GOOS_GOARCH` file name suffixes (after `_test`), as go/build reads them.
fn name_constraint(tc: &Toolchain, name: &str) -> (Option<String>, Option<String>) {
    let stem = name.strip_suffix(".go").unwrap_or(name);
    let stem = stem.strip_suffix("_test").unwrap_or(stem);
    let Some(i) = stem.find('_') else {
        return (None, None);
    };
    let parts: Vec<&str> = stem[i..].split('_').collect();
    let n = parts.len();
    if n >= 2 && tc.is_os(parts[n - 2]) && tc.is_arch(parts[n - 1]) {
        return (Some(parts[n - 2].into()), Some(parts[n - 1].into()));
    }
    if n >= 1 && tc.is_os(parts[n - 1]) {
        return (Some(parts[n - 1].into()), None);
    }
    if n >= 1 && tc.is_arch(parts[n - 1]) {
        return (None, Some(parts[n - 1].into()));
    }
    (None, None)
}

/// A file named for `name_os` builds on `os` (android builds linux files, and so on).
fn matches_os(name_os: &str, os: &str) -> bool {
    name_os == os
        || (name_os == "linux" && os == "android")
        || (name_os == "solaris" && os == "illumos")
        || (name_os == "darwin" && os == "ios")
}

/// The expression of the file's `//go:build` line (before the package clause).
fn build_line(text: &str) -> Option<String> {
    for line in text.lines() {
        let t = line.trim();
        if let Some(e) = t.strip_prefix("//go:build") {
            return Some(e.trim().to_string());
        }
        if t.starts_with("package ") {
            return None;
        }
    }
    None
}

const UNIX: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "linux",
    "netbsd",
    "openbsd",
    "solaris",
];

/// Evaluates a `//go:build` expression for a platform (cgo only on the host; `go1.N` and
/// `gc` true; other tags false). None when it does not parse.
fn eval_constraint(expr: &str, p: &Platform, host: bool) -> Option<bool> {
    let toks = crate::package::build_tokens(expr)?;
    let tag = |t: &str| -> bool {
        matches_os(t, &p.0)
            || t == p.1
            || (t == "unix" && UNIX.contains(&p.0.as_str()))
            || t == "gc"
            || t.starts_with("go1.")
            || (t == "cgo" && host)
    };
    crate::package::eval_constraint(&toks, &tag)
}

/// A folder as the user named it (`.` for the current one).
fn shown(dir: &Path) -> String {
    let s = crate::diff::display_path(dir);
    if s.is_empty() { ".".to_string() } else { s }
}

/// The report printed after `fix --verify`.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let mut verified = 0;
    for p in &report.packages {
        let dir = shown(&p.dir);
        match &p.verdict {
            Verdict::Verified => verified += 1,
            Verdict::Partial => {
                verified += 1;
                for r in &p.reverted {
                    out.push_str(&format!(
                        "verify: reverted the {} fix at {}:{}:{}; Go reports with it applied:\n",
                        r.transform,
                        crate::diff::display_path(&r.path),
                        r.line,
                        r.column
                    ));
                    for m in &r.messages {
                        out.push_str(&format!("    {m}\n"));
                    }
                }
            }
            Verdict::Unchecked => out.push_str(&format!(
                "verify: package {dir}: not built or vetted (no platform checked loads it, e.g. a custom build tag); only gofmt checked its fixes\n"
            )),
            Verdict::Restored(reason) => {
                out.push_str(&format!(
                    "verify: package {dir} restored byte for byte ({reason}):\n"
                ));
                for m in &p.messages {
                    out.push_str(&format!("    {m}\n"));
                }
            }
        }
    }
    for n in &report.notes {
        out.push_str(&format!("verify: note: {n}\n"));
    }
    let platforms = if report.extra_platforms.is_empty() {
        String::new()
    } else {
        format!(
            ", also under {}",
            report
                .extra_platforms
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let reverted: usize = report.packages.iter().map(|p| p.reverted.len()).sum();
    let unchecked = report
        .packages
        .iter()
        .filter(|p| p.verdict == Verdict::Unchecked)
        .count();
    let restored = report
        .packages
        .iter()
        .filter(|p| matches!(p.verdict, Verdict::Restored(_)))
        .count();
    out.push_str(&format!(
        "verify: {verified} package(s) verified (go build, go vet, gofmt{platforms}); {reverted} fix(es) reverted; {restored} package(s) restored; {unchecked} package(s) not loadable (gofmt only); {} Go run(s) in {:.1}s\n",
        report.go_runs,
        report.elapsed.as_secs_f64()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tc() -> Toolchain {
        let pairs = [
            ("linux", "amd64"),
            ("linux", "arm64"),
            ("windows", "amd64"),
            ("windows", "arm64"),
            ("darwin", "arm64"),
            ("js", "wasm"),
        ];
        Toolchain {
            go: "go".into(),
            gofmt: "gofmt".into(),
            host: ("linux".into(), "amd64".into()),
            platforms: pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        }
    }

    fn changed(name: &str, text: &str) -> Changed {
        Changed {
            path: name.into(),
            abs: PathBuf::from("/m").join(name),
            original: text.into(),
            fixed: text.into(),
        }
    }

    #[test]
    fn normalize_strips_positions_and_folders() {
        assert_eq!(normalize("a/x.go:12:3: undefined: y"), "x.go: undefined: y");
        assert_eq!(normalize("vet: x.go:4: m 1:2"), "x.go: m 1:2");
        assert_eq!(
            normalize("/t/allocfix-verify-Q/1/ab/x.go:9:1: m\tb/y.go:3:2: other"),
            "x.go: m\ty.go: other"
        );
        assert_eq!(normalize("no position"), "no position");
    }

    #[test]
    fn overlay_paths_map_back_whatever_go_prints() {
        let needles = vec![("/0/a.go".to_string(), "pkg/a.go".to_string())];
        assert_eq!(
            map_paths("../../tmp/tmpX/3/0/a.go:3:1: bad", &needles),
            "pkg/a.go:3:1: bad"
        );
        assert_eq!(
            map_paths("b.go:1: x ../tmpY/9/0/a.go:2: y", &needles),
            "b.go:1: x pkg/a.go:2: y"
        );
        assert_eq!(
            map_paths("vet: /t/tmpX/3/0/a.go:1: x", &needles),
            "vet: pkg/a.go:1: x"
        );
    }

    #[test]
    fn file_names_and_build_lines_pick_a_platform() {
        let tc = tc();
        let p = |name: &str, text: &str| platforms_for(&tc, &changed(name, text));
        assert_eq!(p("a.go", "package a\n"), Ok(vec![]));
        assert_eq!(p("a_linux.go", "package a\n"), Ok(vec![]));
        assert_eq!(
            p("a_windows.go", "package a\n"),
            Ok(vec![("windows".into(), "amd64".into())])
        );
        assert_eq!(
            p("a_windows_arm64_test.go", "package a\n"),
            Ok(vec![("windows".into(), "arm64".into())])
        );
        assert_eq!(p("windows.go", "package a\n"), Ok(vec![]));
        assert_eq!(
            p("a.go", "//go:build linux && !amd64\n\npackage a\n"),
            Ok(vec![("linux".into(), "arm64".into())])
        );
        assert_eq!(
            p(
                "a.go",
                "//go:build (darwin || windows) && arm64\n\npackage a\n"
            ),
            Ok(vec![("windows".into(), "arm64".into())])
        );
        assert_eq!(p("a.go", "//go:build unix\n\npackage a\n"), Ok(vec![]));
        assert_eq!(
            p("a.go", "//go:build !unix\n\npackage a\n").map(|v| v.len()),
            Ok(1)
        );
        assert!(p("a.go", "//go:build windows && integration\n\npackage a\n").is_err());
    }

    #[test]
    fn constraint_evaluation() {
        let lin: Platform = ("linux".into(), "amd64".into());
        assert_eq!(eval_constraint("linux && !arm64", &lin, true), Some(true));
        assert_eq!(
            eval_constraint("!(linux || darwin)", &lin, true),
            Some(false)
        );
        assert_eq!(eval_constraint("cgo", &lin, false), Some(false));
        assert_eq!(eval_constraint("go1.21 && gc", &lin, false), Some(true));
        assert_eq!(eval_constraint("linux &&", &lin, true), None);
    }
}
