//! Runs transforms over a package and applies their fixes: sorted, conflicting ones deferred
//! to the next pass, passes repeated to a fixed point (with a cap), imports added and the
//! ones the fixes left unused removed, and any result that does not parse refused.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::fixkit::edit::{
    Applicability, Edit, FileId, Finding, Fix, ImportNeed, select_compatible,
};
use crate::fixkit::imports::{add_imports, count_uses_all, count_uses_of, file_imports};
use crate::package::Package;
use crate::source::Position;
use crate::transform::{Ctx, OptionValues, TransformDef};

/// The most passes over one package before the run gives up on it.
pub const MAX_PASSES: usize = 20;

/// What to run and how.
#[derive(Clone, Default)]
pub struct Settings {
    /// Apply fixes marked unsafe too.
    pub unsafe_fixes: bool,
    /// Typed option values per transform id (a transform without an entry runs with its
    /// defaults).
    pub options: HashMap<String, OptionValues>,
    /// Only report findings (as `check` does): no fix is applied, no pass after the first.
    pub findings_only: bool,
    /// `--profile`: only the findings in the functions the profile says are hot.
    pub hot: Option<std::sync::Arc<crate::profile::Hot>>,
    /// `check --rank`: rank findings by a static hint.
    pub rank: bool,
}

/// A finding as reported to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub transform: &'static str,
    pub position: Position,
    pub message: String,
    /// The fix offered, if any.
    pub fix: Option<Applicability>,
    /// Where the finding ends.
    pub end: Position,
    /// Byte offsets of the finding in the file as stored (BOM and CRLF counted).
    pub bytes: std::ops::Range<usize>,
    /// Start and end columns in UTF-16 code units, 1-based (for SARIF).
    pub utf16_columns: (usize, usize),
    /// The edits of the fix offered, the imports it needs included (empty without a fix).
    pub edits: Vec<crate::output::ReportEdit>,
    /// Its function's weight in the profile (`--profile`), or its static rank (`--rank`).
    pub rank: Option<crate::profile::Rank>,
}

/// What happened to one file.
#[derive(Debug)]
pub struct FileOutcome {
    pub path: PathBuf,
    /// The file's content as read (filled in only when the file changed).
    pub original: String,
    /// The new content, when fixes changed it.
    pub fixed: Option<String>,
    /// Findings on the file as it was read.
    pub findings: Vec<Report>,
    /// How many fixes were applied to it.
    pub fixes_applied: usize,
    /// Problems with this file: it could not be parsed, or a fix had to be refused.
    pub errors: Vec<String>,
    /// The unified diff of the change, when the run was asked for diffs (the texts are then
    /// dropped, so that memory does not grow with the number of changed files).
    pub diff: Option<String>,
    /// The fixes changed the file (true even when the texts were dropped).
    pub changed: bool,
    /// Fixes applied, per transform id.
    pub fixed_by: BTreeMap<&'static str, usize>,
    /// Suppression comments that suppressed nothing (as reports with id `unused-ignore`).
    pub unused_ignores: Vec<Report>,
    /// Notes that do not make the run fail (a file fixed only partially).
    pub notes: Vec<String>,
}

impl FileOutcome {
    /// The outcome of a file left as it was: no finding, no fix, no error.
    pub fn untouched(path: PathBuf, original: String) -> FileOutcome {
        FileOutcome {
            path,
            original,
            fixed: None,
            findings: Vec::new(),
            fixes_applied: 0,
            errors: Vec::new(),
            diff: None,
            changed: false,
            fixed_by: BTreeMap::new(),
            unused_ignores: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// Identifies a fix across runs over the same files (`fix --verify` leaves out the fixes
/// that broke the build): transform, file, message and the text under the finding. Two
/// identical findings in one file share a key.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FixKey {
    pub transform: &'static str,
    pub path: PathBuf,
    pub text: String,
}

/// A fix the engine applied: its key and where its finding was when it was applied.
#[derive(Clone, Debug)]
pub struct AppliedFix {
    pub key: FixKey,
    pub position: Position,
}

/// Runs `transforms` over `pkg` and applies the fixes `settings` allow. Returns one outcome
/// per editable file (and per target file that does not parse).
///
/// A panic inside the package's work does not end the run: the package is left as it was,
/// and the file it happened in gets an error naming the stage (the transform, or applying
/// fixes) and the panic's message and location.
pub fn run_package(
    pkg: Package,
    transforms: &[&'static TransformDef],
    settings: &Settings,
) -> Vec<FileOutcome> {
    run_package_traced(pkg, transforms, settings, &HashSet::new(), &mut Vec::new())
}

/// [`run_package`], leaving out the fixes whose key is in `deny` and recording every fix
/// applied in `applied` (in the order applied; `fix --verify` bisects over them).
pub fn run_package_traced(
    pkg: Package,
    transforms: &[&'static TransformDef],
    settings: &Settings,
    deny: &HashSet<FixKey>,
    applied: &mut Vec<AppliedFix>,
) -> Vec<FileOutcome> {
    let targets: Vec<PathBuf> = pkg
        .files
        .iter()
        .filter(|f| f.editable || (!f.enabled.is_empty() && f.parse_error().is_some()))
        .map(|f| f.src.path.clone())
        .collect();
    match crate::guard::catch(|| process_package(pkg, transforms, settings, deny, applied)) {
        Ok(outcomes) => outcomes,
        Err(caught) => {
            let (what, file) = caught
                .stage
                .unwrap_or_else(|| ("processing".to_string(), PathBuf::new()));
            let blamed = targets.iter().position(|t| *t == file).unwrap_or(0);
            targets
                .into_iter()
                .enumerate()
                .map(|(i, path)| {
                    let mut outcome = FileOutcome::untouched(path, String::new());
                    if i == blamed {
                        outcome.errors.push(format!(
                            "{}: internal error in {what}: {}; no file of this package was changed",
                            file.display(),
                            caught.message
                        ));
                    }
                    outcome
                })
                .collect()
        }
    }
}

fn process_package(
    mut pkg: Package,
    transforms: &[&'static TransformDef],
    settings: &Settings,
    deny: &HashSet<FixKey>,
    applied: &mut Vec<AppliedFix>,
) -> Vec<FileOutcome> {
    // The text and tree of each file as read, kept only for the files a fix changes (taken
    // just before their first change): `check`, and files without fixes, copy nothing.
    let mut originals: HashMap<FileId, (String, tree_sitter::Tree)> = HashMap::new();
    // One outcome per file the fixes may address: the package's own, then its external
    // test package's (see [`Package::xtest`]).
    let mut outcomes: Vec<FileOutcome> = (0..pkg.file_count())
        .map(|id| pkg.file(id))
        .map(|f| FileOutcome {
            errors: (f.editable || !f.enabled.is_empty())
                .then(|| f.parse_error())
                .flatten()
                .into_iter()
                .map(|(pos, msg)| {
                    format!(
                        "{}:{}:{}: {msg} (file skipped)",
                        f.src.path.display(),
                        pos.line,
                        pos.column
                    )
                })
                .collect(),
            ..FileOutcome::untouched(f.src.path.clone(), String::new())
        })
        .collect();
    for f in pkg.files.iter_mut() {
        if f.editable && f.parse_error().is_some() {
            f.editable = false;
        }
    }
    for (id, f) in pkg.files.iter().enumerate() {
        if f.editable && !f.grammar_gaps.is_empty() {
            outcomes[id].notes = partial_notes(&f.src, settings.findings_only);
        }
    }
    if !pkg.files.iter().any(|f| f.editable) {
        return keep_targets(&pkg, outcomes);
    }

    let mut refused: HashSet<(String, FileId, String)> = HashSet::new();
    let mut converged = false;
    // The files the next pass analyses; `None` for all of them (see [`next_focus`]).
    let mut focus: Option<Vec<FileId>> = None;
    for pass in 0..MAX_PASSES {
        let mut panics = Vec::new();
        let findings = run_transforms(&pkg, transforms, settings, focus.as_deref(), &mut panics);
        let (findings, unused) = crate::suppress::filter(&pkg, findings);
        let (findings, ranks) = crate::profile::select(
            &pkg,
            findings,
            settings.hot.as_deref(),
            settings.rank && pass == 0,
        );
        if pass == 0 {
            for u in unused {
                outcomes[u.file]
                    .unused_ignores
                    .push(crate::output::unused_report(&pkg, &u));
            }
        }
        for (file, p) in panics {
            if !outcomes[file].errors.contains(&p) {
                outcomes[file].errors.push(p);
            }
        }
        if pass == 0 {
            let mut reporter = crate::output::Reporter::new(&pkg);
            for (f, rank) in findings.iter().zip(ranks) {
                let mut r = reporter.report(f);
                r.rank = rank;
                outcomes[f.file].findings.push(r);
            }
        }
        if settings.findings_only {
            return keep_targets(&pkg, outcomes);
        }
        let mut candidates: Vec<(&Finding, &Fix)> = findings
            .iter()
            .filter_map(|f| f.fix.as_ref().map(|fix| (f, fix)))
            .filter(|(_, fix)| settings.unsafe_fixes || fix.applicability == Applicability::Safe)
            .filter(|(f, fix)| {
                fix.edits.iter().all(|e| may_edit(&pkg, fix, e.file))
                    && !refused.contains(&signature(&pkg, f))
            })
            .filter(|(f, _)| deny.is_empty() || !deny.contains(&fix_key(&pkg, f)))
            .collect();
        candidates.sort_by_key(|(f, _)| (f.file, f.range.start, f.range.end));
        if candidates.is_empty() {
            converged = true;
            break;
        }
        let fixes: Vec<&Fix> = candidates.iter().map(|(_, fix)| *fix).collect();
        let chosen: Vec<usize> = select_compatible(&fixes);
        let chosen_findings: Vec<(&Finding, &Fix)> =
            chosen.iter().map(|&i| candidates[i]).collect();

        // Apply all chosen fixes at once; if that breaks the syntax of a file, apply them
        // one at a time and refuse the ones that break it.
        let new_texts = match try_apply(
            &pkg,
            &chosen_findings.iter().map(|(_, f)| *f).collect::<Vec<_>>(),
        ) {
            Ok(texts) => {
                for (f, _) in &chosen_findings {
                    outcomes[f.file].fixes_applied += 1;
                    *outcomes[f.file].fixed_by.entry(f.transform).or_default() += 1;
                }
                texts
            }
            Err(_) => {
                let mut accepted: Vec<&Fix> = Vec::new();
                for (finding, fix) in &chosen_findings {
                    let mut trial = accepted.clone();
                    trial.push(fix);
                    match try_apply(&pkg, &trial) {
                        Ok(_) => {
                            accepted.push(fix);
                            outcomes[finding.file].fixes_applied += 1;
                            *outcomes[finding.file]
                                .fixed_by
                                .entry(finding.transform)
                                .or_default() += 1;
                        }
                        Err(file) => {
                            let path = pkg.file(file).src.path.display().to_string();
                            let pos = pkg.files[finding.file].src.position(finding.range.start);
                            outcomes[finding.file].errors.push(format!(
                                "{path}:{}:{}: internal error: the {} fix would not parse; not applied",
                                pos.line, pos.column, finding.transform
                            ));
                            refused.insert(signature(&pkg, finding));
                        }
                    }
                }
                try_apply(&pkg, &accepted).unwrap_or_default()
            }
        };
        // Positions are of this pass's texts.
        let mut line_indexes: HashMap<FileId, crate::source::LineIndex> = HashMap::new();
        for (f, _) in &chosen_findings {
            if !refused.contains(&signature(&pkg, f)) {
                // One line index per file: thousands of fixes in one file each scanning
                // the text up to their offset made `diff` quadratic in the file's size.
                let lines = line_indexes
                    .entry(f.file)
                    .or_insert_with(|| crate::source::LineIndex::new(&pkg.files[f.file].src.text));
                applied.push(AppliedFix {
                    key: fix_key(&pkg, f),
                    position: lines.position(f.range.start),
                });
            }
        }
        if new_texts.is_empty() {
            converged = true;
            break;
        }
        let changed: Vec<FileId> = new_texts.iter().map(|(f, _, _)| *f).collect();
        focus = next_focus(&candidates, &chosen, &changed);
        for (file, text, tree) in new_texts {
            let src = &mut pkg.file_mut(file).src;
            if let std::collections::hash_map::Entry::Vacant(e) = originals.entry(file) {
                e.insert((std::mem::take(&mut src.text), src.tree().clone()));
            }
            src.set_parsed(text, tree);
        }
        pkg.reindex(&changed);
    }

    if !converged {
        for (id, outcome) in outcomes.iter_mut().enumerate() {
            let f = pkg.file(id);
            if originals
                .get(&id)
                .is_some_and(|(text, _)| f.src.text != *text)
            {
                outcome.fixes_applied = 0;
                outcome.fixed_by.clear();
                outcome.errors.push(format!(
                    "{}: fixes did not converge after {MAX_PASSES} passes; file left untouched",
                    f.src.path.display()
                ));
            }
        }
        return keep_targets(&pkg, outcomes);
    }

    // Remove imports that the fixes left unused, and only those (one outcome per file).
    for (id, outcome) in outcomes.iter_mut().enumerate() {
        let file = pkg.file_mut(id);
        let Some((original, original_tree)) = originals.remove(&id) else {
            continue;
        };
        if file.src.text == original {
            continue;
        }
        let before = crate::source::SourceFile::from_parsed(
            file.src.path.clone(),
            original,
            file.src.encoding,
            original_tree,
        );
        crate::guard::stage("removing unused imports", &file.src.path);
        crate::guard::injected("imports", &file.src.path);
        // Only an import the fixed file no longer uses can have been left unused by the
        // fixes: the original is counted for those names alone (usually none).
        let uses_after = count_uses_all(&file.src);
        let gone = uses_after.iter().filter(|(_, n)| **n == 0);
        let uses_before = count_uses_of(&before, gone.map(|(name, _)| name.clone()));
        let unused =
            crate::fixkit::imports::left_unused(&file_imports(&before), &uses_before, &uses_after);
        crate::fixkit::imports::remove_imports_one_by_one(id, &mut file.src, &unused, |_, _| {});
        let tidy = crate::fixkit::layout::tidy(id, &before, &file.src);
        if !tidy.is_empty() {
            let refs: Vec<&Edit> = tidy.iter().collect();
            crate::fixkit::edit::apply_in_place(&mut file.src, id, &refs);
        }
        if let Some((pos, msg)) = file.src.syntax_error() {
            outcome.errors.push(format!(
                "{}:{}:{}: internal error: fixed file would not parse ({msg}); file left untouched",
                file.src.path.display(),
                pos.line,
                pos.column
            ));
            outcome.fixes_applied = 0;
            outcome.fixed_by.clear();
            continue;
        }
        if !file.grammar_gaps.is_empty() {
            // Put `new` back where it was masked; the masked declarations were not touched.
            let masked = |t: &str| t.matches(crate::source::NEW_STANDIN).count();
            if masked(&file.src.text) != masked(&before.text) {
                outcome.errors.push(format!(
                    "{}: internal error: a fix copied a `new(expr)` call tree-sitter-go cannot parse; file left untouched",
                    file.src.path.display()
                ));
                outcome.fixes_applied = 0;
                outcome.fixed_by.clear();
                continue;
            }
            let unmask = crate::source::unmask_grammar_gaps;
            outcome.original = file.src.encoding.encode(&unmask(&before.text));
            outcome.fixed = Some(file.src.encoding.encode(&unmask(&file.src.text)));
            outcome.changed = true;
            continue;
        }
        outcome.original = file.src.encoding.encode(&before.text);
        outcome.fixed = Some(file.src.encoded());
        outcome.changed = true;
    }
    keep_targets(&pkg, outcomes)
}

/// One note per declaration of `src` left alone because it holds a `new(expr)` call that
/// tree-sitter-go cannot parse (masked by [`crate::source::mask_grammar_gaps`]).
fn partial_notes(src: &crate::source::SourceFile, findings_only: bool) -> Vec<String> {
    let done = if findings_only { "checked" } else { "fixed" };
    crate::source::standin_declarations(src)
        .into_iter()
        .map(|decl| {
            let site = decl.start
                + src.text[decl.clone()]
                    .find(crate::source::NEW_STANDIN)
                    .unwrap_or(0);
            let at = src.position(site);
            let first = src.position(decl.start).line;
            let last = src.position(decl.end).line;
            format!(
                "{}:{}:{}: file {done} partially: tree-sitter-go cannot parse Go 1.26 `new(expr)`, so the declaration at lines {first}-{last} is left as it is (`fix --verify` checks the result with the Go toolchain)",
                src.path.display(),
                at.line,
                at.column
            )
        })
        .collect()
}

/// True when `fix` may edit `file`: a file the run was asked to edit, or, for a fix that
/// must edit the package's tests too ([`Fix::with_test_files`]), one of its `_test.go`
/// files that parsed and is not generated.
fn may_edit(pkg: &Package, fix: &Fix, file: FileId) -> bool {
    let f = pkg.file(file);
    f.editable || (fix.edits_tests && f.is_test && f.parse_error().is_none() && !f.generated)
}

/// Outcomes for the files the run was asked about (editable ones, and unparsable targets),
/// and for any other file a fix changed (a test file a fix had to edit with its package,
/// one of its external test package's included).
fn keep_targets(pkg: &Package, outcomes: Vec<FileOutcome>) -> Vec<FileOutcome> {
    outcomes
        .into_iter()
        .zip((0..pkg.file_count()).map(|id| pkg.file(id)))
        .filter(|(o, f)| {
            o.changed || f.editable || (!f.enabled.is_empty() && f.parse_error().is_some())
        })
        .map(|(o, _)| o)
        .collect()
}

/// The files the pass after this one must analyse again, or `None` for every file.
///
/// A finding in a file no fix changed was already there in this pass: it was applied (and
/// so changed its file), or not offered, or deferred by a clash with a chosen fix. So the
/// next pass looks at the changed files and at the files of the deferred findings, and
/// leaves the others: what it would find there is what this pass found. The exception is
/// a fix that changes what other files see: one that edits several files, or changes a
/// type everywhere it is spelled ([`Fix::with_test_files`]). After such a fix, every file
/// is analysed again.
///
/// [`Fix::with_test_files`]: crate::fixkit::edit::Fix::with_test_files
fn next_focus(
    candidates: &[(&Finding, &Fix)],
    chosen: &[usize],
    changed: &[FileId],
) -> Option<Vec<FileId>> {
    let package_wide = chosen.iter().any(|&i| {
        let fix = candidates[i].1;
        fix.edits_tests || fix.edits.iter().any(|e| e.file != fix.edits[0].file)
    });
    if package_wide {
        return None;
    }
    let mut files: Vec<FileId> = changed.to_vec();
    let mut taken = chosen.iter().peekable();
    for (i, (finding, _)) in candidates.iter().enumerate() {
        if taken.next_if_eq(&&i).is_none() {
            files.push(finding.file);
        }
    }
    files.sort_unstable();
    files.dedup();
    Some(files)
}

/// Identifies a fix across passes (ranges move, the text under them does not).
fn signature(pkg: &Package, f: &Finding) -> (String, FileId, String) {
    let text = &pkg.files[f.file].src.text[f.range.clone()];
    (
        f.transform.to_string(),
        f.file,
        format!("{}|{}", f.message, text),
    )
}

/// The key of a finding's fix (see [`FixKey`]).
fn fix_key(pkg: &Package, f: &Finding) -> FixKey {
    let src = &pkg.files[f.file].src;
    FixKey {
        transform: f.transform,
        path: src.path.clone(),
        text: format!("{}|{}", f.message, &src.text[f.range.clone()]),
    }
}

/// Runs every transform over the package; keeps findings in files where the transform is
/// enabled, sorted by file and position. A transform that panics is run again on each file
/// alone: its findings in the other files are kept, and each file it panics on is pushed to
/// `panics` with an error.
pub fn run_transforms(
    pkg: &Package,
    transforms: &[&'static TransformDef],
    settings: &Settings,
    focus: Option<&[FileId]>,
    panics: &mut Vec<(FileId, String)>,
) -> Vec<Finding> {
    let kinds: Vec<OnceLock<_>> = (0..pkg.files.len()).map(|_| OnceLock::new()).collect();
    // Per file a fix may edit (the external test package's included).
    let comment_rows: Vec<OnceLock<crate::fixkit::layout::CommentRows>> =
        (0..pkg.file_count()).map(|_| OnceLock::new()).collect();
    let mut out = Vec::new();
    // Declarations no fix may touch: they hold a masked `new(expr)` call.
    let gap_decls: Vec<OnceLock<Vec<std::ops::Range<usize>>>> =
        (0..pkg.file_count()).map(|_| OnceLock::new()).collect();
    for def in transforms {
        if !pkg
            .files
            .iter()
            .any(|f| f.editable && f.enabled.contains(def.id))
        {
            continue;
        }
        let options = settings.options.get(def.id);
        let ctx = Ctx::new(pkg, def, &kinds).within(focus.map(<[FileId]>::to_vec));
        // The prefilter: no file holds its needles and node kinds.
        if !ctx.any_file() {
            continue;
        }
        let found = match crate::guard::catch(|| def.run(&ctx, options)) {
            Ok(found) => found,
            // Find the files it panics on: run it again on each file alone, keep the
            // findings of the others, and report the panicking ones.
            Err(_) => {
                let mut found = Vec::new();
                for (id, file) in pkg
                    .files_for(def.id)
                    .filter(|(id, _)| focus.is_none_or(|f| f.contains(id)))
                {
                    let ctx = Ctx::new(pkg, def, &kinds).only(id);
                    match crate::guard::catch(|| def.run(&ctx, options)) {
                        Ok(f) => found.extend(f.into_iter().filter(|f| f.file == id)),
                        Err(caught) => panics.push((
                            id,
                            format!(
                                "{}: internal error in {}: {}; its findings in this file are skipped",
                                file.src.path.display(),
                                def.id,
                                caught.message
                            ),
                        )),
                    }
                }
                found
            }
        };
        for mut finding in found {
            let file = pkg.file(finding.file);
            if !(file.editable && file.enabled.contains(def.id)) {
                continue;
            }
            let disturbs = finding.fix.as_ref().is_some_and(|fix| {
                fix.edits.iter().any(|e| {
                    comment_rows[e.file]
                        .get_or_init(|| {
                            crate::fixkit::layout::CommentRows::new(&pkg.file(e.file).src)
                        })
                        .disturbs(e)
                })
            });
            if disturbs {
                finding.fix = None;
                finding.message.push_str(
                    " (no automatic fix: it would change lines whose trailing comments gofmt aligns; fix by hand, then run gofmt)",
                );
            }
            if !file.grammar_gaps.is_empty() {
                finding.message = crate::source::unmask_grammar_gaps(&finding.message);
            }
            {
                let in_gap = |e: &Edit| {
                    gap_decls[e.file]
                        .get_or_init(|| crate::source::standin_declarations(&pkg.file(e.file).src))
                        .iter()
                        .any(|d| {
                            e.range.start < d.end && d.start < e.range.end.max(e.range.start + 1)
                        })
                };
                let gaps = |e: &Edit| !pkg.file(e.file).grammar_gaps.is_empty();
                if finding
                    .fix
                    .as_ref()
                    .is_some_and(|fix| fix.edits.iter().any(|e| gaps(e) && in_gap(e)))
                {
                    finding.fix = None;
                    finding.message.push_str(
                        " (no automatic fix: its declaration holds a Go 1.26 `new(expr)` call that tree-sitter-go cannot parse)",
                    );
                }
            }
            out.push(finding);
        }
    }
    out.sort_by(|a, b| {
        (a.file, a.range.start, a.transform).cmp(&(b.file, b.range.start, b.transform))
    });
    out
}

/// Applies fixes (edits plus the imports they need) and re-parses the touched files. Returns
/// the new texts, or the id of a file that would not parse.
fn try_apply(
    pkg: &Package,
    fixes: &[&Fix],
) -> Result<Vec<(FileId, String, tree_sitter::Tree)>, FileId> {
    let mut edits: HashMap<FileId, Vec<&Edit>> = HashMap::new();
    let mut needs: HashMap<FileId, Vec<ImportNeed>> = HashMap::new();
    for fix in fixes {
        for e in &fix.edits {
            edits.entry(e.file).or_default().push(e);
        }
        for n in &fix.imports {
            needs.entry(n.file).or_default().push(n.clone());
        }
    }
    let import_edits: Vec<Edit> = needs
        .iter()
        .flat_map(|(file, list)| add_imports(*file, &pkg.file(*file).src, list))
        .collect();
    for e in &import_edits {
        let list = edits.entry(e.file).or_default();
        if list.iter().any(|x| x.conflicts(e)) {
            return Err(e.file);
        }
        list.push(e);
    }
    let mut files: Vec<FileId> = edits.keys().copied().collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        crate::guard::stage("applying fixes", &pkg.file(file).src.path);
        crate::guard::injected("apply", &pkg.file(file).src.path);
        let src = &pkg.file(file).src;
        let (text, tree, edited) = crate::fixkit::edit::apply_reparsed(src, file, &edits[&file]);
        // The text before the edits parsed without errors: only the declarations the
        // edits touched can break Go's line-end rule.
        if crate::source::syntax_error_near(&tree, &text, &edited).is_some() {
            return Err(file);
        }
        out.push((file, text, tree));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::GoFile;
    use crate::source::SourceFile;

    /// A package of `a.go` (a target) and `a_test.go` (not asked for: no --include-tests).
    fn package(lib: &str, test: &str) -> Package {
        let mut a = GoFile::new(SourceFile::new("a.go".into(), lib));
        a.editable = true;
        a.enabled = ["named-id"].into_iter().collect();
        let t = GoFile::new(SourceFile::new("a_test.go".into(), test));
        Package::new(".".into(), "a".into(), vec![a, t], None)
    }

    #[test]
    fn a_fix_marked_for_tests_edits_and_returns_the_test_files() {
        let lib =
            "package a\n\ntype id struct{ v int }\n\nfunc newID(v int) *id { return &id{v: v} }\n";
        let test = "package a\n\nfunc use(p *id) int { return p.v }\n";
        let pkg = package(lib, test);
        let plain = Fix::safe(vec![Edit::insert(1, 0, "// x\n")]);
        assert!(may_edit(&pkg, &plain, 0));
        assert!(!may_edit(&pkg, &plain, 1), "a test file is not a target");
        assert!(may_edit(&pkg, &plain.clone().with_test_files(), 1));
        let outcomes = run_package(
            pkg,
            &[&crate::transforms::named_id::DEF],
            &Settings::default(),
        );
        let test_outcome = outcomes
            .iter()
            .find(|o| o.path.as_os_str() == "a_test.go")
            .expect("the edited test file is returned");
        assert!(test_outcome.changed);
        assert_eq!(
            test_outcome.fixed.as_deref(),
            Some("package a\n\nfunc use(p id) int { return int(p) }\n")
        );
        let broken = package(lib, "package a\n\nfunc use(p *id) int { return p.v\n");
        let outcomes = run_package(
            broken,
            &[&crate::transforms::named_id::DEF],
            &Settings::default(),
        );
        assert!(
            outcomes.iter().all(|o| !o.changed),
            "a test file that does not parse blocks the fix"
        );
    }

    #[test]
    fn the_next_pass_looks_at_changed_files_and_deferred_findings() {
        let finding = |file: FileId, at: usize| Finding {
            transform: "t",
            file,
            range: at..at + 1,
            message: String::new(),
            fix: None,
        };
        let (f0, f2, f3) = (finding(0, 1), finding(2, 5), finding(3, 7));
        let fix0 = Fix::safe(vec![Edit::insert(0, 1, "x")]);
        // Deferred: it clashes with fix0 on file 0, but its finding is in file 2.
        let fix2 = Fix::safe(vec![Edit::insert(2, 5, "y"), Edit::insert(0, 1, "z")]);
        let fix3 = Fix::safe(vec![Edit::insert(3, 7, "w")]);
        let candidates = vec![(&f0, &fix0), (&f2, &fix2), (&f3, &fix3)];
        assert_eq!(
            next_focus(&candidates, &[0, 2], &[0, 3]),
            Some(vec![0, 2, 3]),
            "the changed files and the deferred finding's file"
        );
        assert_eq!(next_focus(&candidates[..1], &[0], &[0]), Some(vec![0]));
        // A chosen fix that edits two files may change what every file sees.
        assert_eq!(next_focus(&candidates, &[1], &[0, 2]), None);
        let typed = fix3.clone().with_test_files();
        assert_eq!(next_focus(&[(&f3, &typed)], &[0], &[3]), None);
    }
}
