//! Output formats of `check` (and of `diff`/`fix` summaries): text, JSON, SARIF 2.1.0,
//! GitHub workflow commands, findings grouped by file; and `--statistics`.
//!
//! The JSON document (`--format json`) has a versioned schema, [`JSON_VERSION`], documented
//! in the README ("Output formats"). Lines are 1-based; columns are 1-based byte columns
//! (as `go vet` reports them); offsets are byte offsets in the file as stored on disk (a
//! BOM and CRLF line endings counted), and edit contents use the file's line endings, so
//! the edits of one fix can be applied to the file's bytes as they are.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;

use crate::engine::{FileOutcome, Report};
use crate::fixkit::edit::{Applicability, Edit, FileId, Finding, apply};
use crate::fixkit::imports::{Import, add_imports, count_uses_all, file_imports};
use crate::package::Package;
use crate::runner::RunResult;
use crate::source::{Position, SourceFile};
use crate::transform::TransformDef;

/// Version of the JSON output schema: raised when a field is removed or changes meaning
/// (new fields may be added without raising it).
pub const JSON_VERSION: u32 = 2;

/// The id findings about unused suppressions carry (`--report-unused-ignores`).
pub const UNUSED_IGNORE: &str = "unused-ignore";

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `path:line:col: id: message [fix]`, one finding per line.
    Text,
    /// One JSON document (versioned schema, see the README).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::warning file=…,line=…::message`).
    Github,
    /// Findings grouped under each file name.
    Grouped,
}

/// One edit of a fix, as reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportEdit {
    pub path: PathBuf,
    pub start: Position,
    pub end: Position,
    /// Byte offsets in the file as stored.
    pub bytes: Range<usize>,
    /// The replacement text, with the file's line endings.
    pub content: String,
}

/// Where the lines of a normalised text start, for positions in O(log n).
pub struct Lines(Vec<usize>);

impl Lines {
    pub fn new(text: &str) -> Lines {
        Lines(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    /// 0-based line of `off`.
    fn line(&self, off: usize) -> usize {
        self.0.partition_point(|&s| s <= off) - 1
    }

    fn position(&self, off: usize) -> Position {
        let line = self.line(off);
        Position {
            line: line + 1,
            column: off - self.0[line] + 1,
        }
    }

    /// Byte offset in the stored file of offset `off` of the normalised text.
    fn stored_offset(&self, src: &SourceFile, off: usize) -> usize {
        let off = off.min(src.text.len());
        let bom = if src.encoding.bom { 3 } else { 0 };
        let crs = if src.encoding.crlf { self.line(off) } else { 0 };
        off + bom + crs
    }

    /// 1-based column of `off` in UTF-16 code units.
    fn utf16_column(&self, src: &SourceFile, off: usize) -> usize {
        let off = off.min(src.text.len());
        src.text[self.0[self.line(off)]..off].encode_utf16().count() + 1
    }
}

fn stored_content(src: &SourceFile, content: &str) -> String {
    if src.encoding.crlf {
        content.replace('\n', "\r\n")
    } else {
        content.to_string()
    }
}

fn report_at(
    src: &SourceFile,
    lines: &Lines,
    transform: &'static str,
    range: Range<usize>,
    message: String,
) -> Report {
    Report {
        transform,
        position: lines.position(range.start),
        message,
        fix: None,
        end: lines.position(range.end),
        bytes: lines.stored_offset(src, range.start)..lines.stored_offset(src, range.end),
        utf16_columns: (
            lines.utf16_column(src, range.start),
            lines.utf16_column(src, range.end),
        ),
        edits: Vec::new(),
        rank: None,
    }
}

/// The uses of each import of a file, counted on first need.
type LazyCounts = std::cell::OnceCell<HashMap<String, usize>>;

/// Builds the reports of findings, caching per-file facts (imports and their uses).
pub struct Reporter<'a> {
    pkg: &'a Package,
    /// A file's imports, and their uses counted on first need (most fixes delete no
    /// `name.` of an import, and then nothing is counted).
    uses: HashMap<FileId, (Vec<Import>, LazyCounts)>,
    lines: HashMap<FileId, Lines>,
    /// The import edits of each set of needs of one file, computed once: thousands of
    /// findings in a file mostly need the same import.
    import_edits: HashMap<Vec<crate::fixkit::edit::ImportNeed>, Vec<Edit>>,
}

impl<'a> Reporter<'a> {
    pub fn new(pkg: &'a Package) -> Reporter<'a> {
        Reporter {
            pkg,
            uses: HashMap::new(),
            lines: HashMap::new(),
            import_edits: HashMap::new(),
        }
    }

    /// The report of a finding: positions, offsets, and its fix's edits, complete: the
    /// imports the fix needs are added and the ones it leaves unused are removed, as
    /// `allocfix fix` does, so that the edits of one fix can be applied alone.
    pub fn report(&mut self, f: &Finding) -> Report {
        let pkg = self.pkg;
        let src = &pkg.files[f.file].src;
        let lines = self
            .lines
            .entry(f.file)
            .or_insert_with(|| Lines::new(&src.text));
        let mut r = report_at(src, lines, f.transform, f.range.clone(), f.message.clone());
        let Some(fix) = &f.fix else {
            return r;
        };
        r.fix = Some(fix.applicability);
        let mut by_file: BTreeMap<FileId, Vec<Edit>> = BTreeMap::new();
        for e in &fix.edits {
            by_file.entry(e.file).or_default().push(e.clone());
        }
        let mut needs: BTreeMap<FileId, Vec<crate::fixkit::edit::ImportNeed>> = BTreeMap::new();
        for n in &fix.imports {
            needs.entry(n.file).or_default().push(n.clone());
        }
        for (file, list) in needs {
            let added = self
                .import_edits
                .entry(list)
                .or_insert_with_key(|list| add_imports(file, &pkg.file(file).src, list));
            by_file
                .entry(file)
                .or_default()
                .extend(added.iter().cloned());
        }
        for (file, mut edits) in by_file {
            edits.sort_by_key(|e| (e.range.start, e.range.end));
            let s = &pkg.file(file).src;
            let edits = self.with_removals(file, edits);
            let lines = self
                .lines
                .entry(file)
                .or_insert_with(|| Lines::new(&s.text));
            r.edits.extend(edits.iter().map(|e| ReportEdit {
                path: s.path.clone(),
                start: lines.position(e.range.start),
                end: lines.position(e.range.end),
                bytes: lines.stored_offset(s, e.range.start)..lines.stored_offset(s, e.range.end),
                content: stored_content(s, &e.content),
            }));
        }
        r
    }

    /// `edits` (sorted, of one file) completed as `allocfix fix` completes a file: the
    /// imports they leave unused removed, then the layout tidied (see
    /// [`crate::fixkit::layout::tidy`]); the later edits merged into the ones they touch.
    fn with_removals(&mut self, file: FileId, edits: Vec<Edit>) -> Vec<Edit> {
        let src = &self.pkg.file(file).src;
        let (imports, before) = self.uses.entry(file).or_insert_with(|| {
            let imports = file_imports(src)
                .into_iter()
                .filter(|i| !matches!(i.alias.as_deref(), Some("_") | Some(".")))
                .collect();
            (imports, std::cell::OnceCell::new())
        });
        let before = &*before;
        let counts = || before.get_or_init(|| count_uses_all(src));
        // Cheap tests first: does the fix delete as many `name.` as the file has uses of
        // an import, or insert more than one package-level var (which tidy may group)?
        let maybe_unused = imports.iter().any(|imp| {
            let needle = format!("{}.", imp.local_name);
            let deleted: usize = edits
                .iter()
                .map(|e| src.text[e.range.clone()].matches(&needle).count())
                .sum();
            let inserted: usize = edits
                .iter()
                .map(|e| e.content.matches(&needle).count())
                .sum();
            deleted > inserted && {
                let uses = counts().get(&imp.local_name).copied().unwrap_or(0);
                uses > 0 && deleted - inserted >= uses
            }
        });
        let new_vars: usize = edits
            .iter()
            .map(|e| e.content.matches("var ").count())
            .sum();
        if !maybe_unused && new_vars < 2 {
            return edits;
        }
        let refs: Vec<&Edit> = edits.iter().collect();
        let after = SourceFile::new(src.path.clone(), &apply(&src.text, file, &refs));
        let uses_after = count_uses_all(&after);
        let unused = crate::fixkit::imports::left_unused(imports, counts(), &uses_after);
        let mut after = after;
        let mut edits = edits;
        crate::fixkit::imports::remove_imports_one_by_one(
            file,
            &mut after,
            &unused,
            |now, removal| {
                edits = compose(&now.text, std::mem::take(&mut edits), vec![removal.clone()]);
            },
        );
        let tidy = crate::fixkit::layout::tidy(file, src, &after);
        if !tidy.is_empty() {
            edits = compose(&after.text, edits, tidy);
        }
        edits
    }
}

/// Edits of a text O that give what `first` (edits of O, sorted, not overlapping) and
/// then `then` (edits of `mid`, the text `first` gives) give: each edit of `then` is
/// merged with the edits of `first` whose results it overlaps or touches.
fn compose(mid: &str, first: Vec<Edit>, then: Vec<Edit>) -> Vec<Edit> {
    if then.is_empty() {
        return first;
    }
    let file = first.first().or(then.first()).map_or(0, |e| e.file);
    // Where each edit of `first` lands in `mid`.
    let mut placed: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut delta: isize = 0;
    for e in &first {
        let start = (e.range.start as isize + delta) as usize;
        placed.push((e.range.clone(), start..start + e.content.len()));
        delta += e.content.len() as isize - e.range.len() as isize;
    }
    // An offset of `mid` outside every edit's result, back in O.
    let back = |p: usize| -> usize {
        let d: isize = placed
            .iter()
            .filter(|(_, new)| new.end <= p)
            .map(|(orig, new)| new.len() as isize - orig.len() as isize)
            .sum();
        (p as isize - d) as usize
    };
    // Clusters of touching ranges of `mid`: (span, indices in first, indices in then).
    let mut items: Vec<(Range<usize>, bool, usize)> = placed
        .iter()
        .enumerate()
        .map(|(i, (_, new))| (new.clone(), true, i))
        .chain(
            then.iter()
                .enumerate()
                .map(|(i, e)| (e.range.clone(), false, i)),
        )
        .collect();
    items.sort_by_key(|(r, _, _)| (r.start, r.end));
    let mut clusters: Vec<(Range<usize>, Vec<usize>, Vec<usize>)> = Vec::new();
    for (r, is_first, i) in items {
        match clusters.last_mut() {
            Some((span, a, b)) if r.start <= span.end => {
                span.end = span.end.max(r.end);
                if is_first { a.push(i) } else { b.push(i) }
            }
            _ => clusters.push((
                r.clone(),
                if is_first { vec![i] } else { vec![] },
                if is_first { vec![] } else { vec![i] },
            )),
        }
    }
    let mut out = Vec::new();
    for (span, a, b) in clusters {
        if b.is_empty() {
            out.extend(a.iter().map(|&i| first[i].clone()));
            continue;
        }
        let mut content = String::new();
        let mut pos = span.start;
        for &i in &b {
            content.push_str(&mid[pos..then[i].range.start]);
            content.push_str(&then[i].content);
            pos = then[i].range.end;
        }
        content.push_str(&mid[pos..span.end]);
        // A deletion by `first` at the span's edge maps back to either end of what it
        // deleted: the cluster covers all of it.
        let start = a
            .iter()
            .map(|&i| placed[i].0.start)
            .chain([back(span.start)])
            .min()
            .unwrap_or(span.start);
        let end = a
            .iter()
            .map(|&i| placed[i].0.end)
            .chain([back(span.end)])
            .max()
            .unwrap_or(span.end);
        out.push(Edit::replace(file, start..end, content));
    }
    out.sort_by_key(|e| (e.range.start, e.range.end));
    out
}

/// The report of a suppression comment that suppressed nothing.
pub fn unused_report(pkg: &Package, u: &crate::suppress::Unused) -> Report {
    let src = &pkg.files[u.file].src;
    report_at(
        src,
        &Lines::new(&src.text),
        UNUSED_IGNORE,
        u.range.clone(),
        u.message.clone(),
    )
}

/// Every reported finding, per file in path order, by position.
pub fn entries(result: &RunResult, with_unused: bool) -> Vec<(String, &Report)> {
    let mut out = Vec::new();
    for f in &result.files {
        let path = crate::diff::display_path(&f.path);
        let mut list: Vec<&Report> = f.findings.iter().collect();
        if with_unused {
            list.extend(f.unused_ignores.iter());
            list.sort_by_key(|r| (r.bytes.start, r.transform));
        }
        out.extend(list.into_iter().map(|r| (path.clone(), r)));
    }
    // Ranked (`--profile`, `--rank`): heaviest first; the sort is stable, so ties keep
    // path and position order, and unranked reports (unused suppressions) come last.
    if out.iter().any(|(_, r)| r.rank.is_some()) {
        out.sort_by_key(|(_, r)| {
            std::cmp::Reverse(r.rank.as_ref().map(crate::profile::Rank::order))
        });
    }
    out
}

/// ` [hot …]` or ` [static hint: …]` after a ranked finding's message.
pub fn rank_label(r: &Report) -> String {
    r.rank
        .as_ref()
        .map_or_else(String::new, |rank| format!(" {}", rank.label()))
}

/// The weight of a ranked finding as JSON (`weight` of a finding, SARIF `properties`).
pub fn rank_json(rank: &crate::profile::Rank) -> serde_json::Value {
    use crate::profile::{Rank, percent_value, static_hint};
    match rank {
        Rank::Profile(w) => serde_json::json!({
            "source": "profile",
            "function": w.function,
            "percent": percent_value(w.share),
            "flat_percent": percent_value(w.flat),
            "cum_percent": percent_value(w.cum),
        }),
        Rank::Static(level) => serde_json::json!({
            "source": "static",
            "rank": level,
            "hint": static_hint(*level),
        }),
    }
}

/// What the run says besides findings, for the JSON and SARIF documents: the notes of
/// files fixed partially, and the profile's summary.
#[derive(Default)]
pub struct Extras {
    pub profile: Option<crate::profile::Summary>,
    /// `check --rank`: findings are ordered by the static hint.
    pub static_rank: bool,
}

/// The profile summary as JSON.
fn profile_json(s: &crate::profile::Summary) -> serde_json::Value {
    serde_json::json!({
        "file": s.file.display().to_string(),
        "sample_type": s.sample,
        "unit": s.unit,
        "total": s.total,
        "min_share_percent": s.min_share,
        "modules": s.modules,
        "hot_functions": s.hot,
        "matched": s.matched,
        "unmatched": s.unmatched.iter().map(|(name, why)| serde_json::json!({"function": name, "reason": why})).collect::<Vec<_>>(),
    })
}

/// How findings are ordered, for the JSON document.
fn ranking(extras: &Extras) -> Option<&'static str> {
    if extras.profile.is_some() {
        Some("profile")
    } else if extras.static_rank {
        Some("static-hint")
    } else {
        None
    }
}

/// A note as printed (`path:line:col: text`) split into its file's outcome path, line,
/// column and text.
fn split_note<'n>(f: &FileOutcome, note: &'n str) -> (Option<(usize, usize)>, &'n str) {
    let prefix = format!("{}:", f.path.display());
    let Some(rest) = note.strip_prefix(&prefix) else {
        return (None, note);
    };
    let mut parts = rest.splitn(3, ':');
    match (
        parts.next().and_then(|l| l.parse().ok()),
        parts.next().and_then(|c| c.parse().ok()),
        parts.next(),
    ) {
        (Some(l), Some(c), Some(text)) => (Some((l, c)), text.trim_start()),
        _ => (None, note),
    }
}

/// The label `check` prints after a message.
pub fn fix_label(fix: Option<Applicability>) -> &'static str {
    match fix {
        Some(Applicability::Safe) => " [fix]",
        Some(Applicability::Unsafe) => " [unsafe fix: --unsafe]",
        None => "",
    }
}

/// `path:line:col: id: message [fix]` lines.
pub fn text(entries: &[(String, &Report)]) -> String {
    let mut out = String::new();
    for (path, r) in entries {
        let _ = writeln!(
            out,
            "{path}:{}:{}: {}: {}{}{}",
            r.position.line,
            r.position.column,
            r.transform,
            r.message,
            fix_label(r.fix),
            rank_label(r)
        );
    }
    out
}

/// Findings under each file name (as ruff's `grouped` format): `  line:col id message`.
pub fn grouped(entries: &[(String, &Report)]) -> String {
    use anstyle::Style;
    let bold = Style::new().bold();
    let mut out = String::new();
    let mut i = 0;
    while i < entries.len() {
        let path = &entries[i].0;
        let group: Vec<&Report> = entries[i..]
            .iter()
            .take_while(|(p, _)| p == path)
            .map(|(_, r)| *r)
            .collect();
        i += group.len();
        let lw = group
            .iter()
            .map(|r| r.position.line.to_string().len())
            .max()
            .unwrap_or(1);
        let cw = group
            .iter()
            .map(|r| r.position.column.to_string().len())
            .max()
            .unwrap_or(1);
        let _ = writeln!(out, "{bold}{path}{bold:#}:");
        for r in group {
            let _ = writeln!(
                out,
                "  {:>lw$}:{:<cw$} {} {}{}{}",
                r.position.line,
                r.position.column,
                r.transform,
                r.message,
                fix_label(r.fix),
                rank_label(r)
            );
        }
        out.push('\n');
    }
    out
}

/// Escapes the message part of a workflow command.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: one `::warning` annotation per finding.
pub fn github(entries: &[(String, &Report)]) -> String {
    let mut out = String::new();
    for (path, r) in entries {
        let _ = writeln!(
            out,
            "::warning file={},line={},col={},endLine={},endColumn={},title={}::{}",
            gh_property(path),
            r.position.line,
            r.position.column,
            r.end.line,
            r.end.column,
            gh_property(&format!("allocfix {}", r.transform)),
            gh_data(&format!(
                "{}{}{}",
                r.message,
                fix_label(r.fix),
                rank_label(r)
            ))
        );
    }
    out
}

#[derive(Serialize)]
struct JsonPoint {
    line: usize,
    column: usize,
    offset: usize,
}

#[derive(Serialize)]
struct JsonRange {
    start: JsonPoint,
    end: JsonPoint,
}

#[derive(Serialize)]
struct JsonEdit {
    file: String,
    range: JsonRange,
    content: String,
}

#[derive(Serialize)]
struct JsonFix {
    applicability: &'static str,
    edits: Vec<JsonEdit>,
}

#[derive(Serialize)]
struct JsonFinding {
    id: &'static str,
    file: String,
    range: JsonRange,
    message: String,
    fix: JsonFix,
    /// `--profile`/`--rank`: the function's weight, or the static rank.
    #[serde(skip_serializing_if = "Option::is_none")]
    weight: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct JsonFile {
    file: String,
    fixes_applied: usize,
    fixed_by: BTreeMap<&'static str, usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<String>,
}

#[derive(Serialize)]
struct JsonSummary {
    findings: usize,
    files_with_findings: usize,
    fixes_applied: usize,
    files_changed: usize,
    errors: usize,
}

#[derive(Serialize)]
struct JsonTool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonDoc {
    version: u32,
    tool: JsonTool,
    command: &'static str,
    findings: Vec<JsonFinding>,
    files: Vec<JsonFile>,
    errors: Vec<String>,
    /// Notes that do not make the run fail (files fixed partially).
    notes: Vec<String>,
    /// How `findings` are ordered when not by file and position: `profile` or
    /// `static-hint`.
    #[serde(skip_serializing_if = "Option::is_none")]
    ranking: Option<&'static str>,
    /// `--profile`: the profile read and how its functions matched the source.
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<serde_json::Value>,
    summary: JsonSummary,
    /// `fix --bench`: the before/after comparison of the changed packages' benchmarks.
    #[serde(skip_serializing_if = "Option::is_none")]
    bench: Option<serde_json::Value>,
}

fn applicability(fix: Option<Applicability>) -> &'static str {
    match fix {
        Some(Applicability::Safe) => "safe",
        Some(Applicability::Unsafe) => "unsafe",
        None => "none",
    }
}

fn json_range(start: Position, end: Position, bytes: &Range<usize>) -> JsonRange {
    JsonRange {
        start: JsonPoint {
            line: start.line,
            column: start.column,
            offset: bytes.start,
        },
        end: JsonPoint {
            line: end.line,
            column: end.column,
            offset: bytes.end,
        },
    }
}

/// Every error of the run, file errors included.
pub fn all_errors(result: &RunResult) -> Vec<String> {
    result
        .errors
        .iter()
        .chain(result.files.iter().flat_map(|f| f.errors.iter()))
        .cloned()
        .collect()
}

/// The JSON document of a run (`command`: check, diff or fix).
pub fn json(command: &'static str, result: &RunResult, entries: &[(String, &Report)]) -> String {
    json_with(command, result, entries, None, &Extras::default())
}

/// [`json`], with `fix --bench`'s comparison as `bench`, and the profile summary.
pub fn json_with(
    command: &'static str,
    result: &RunResult,
    entries: &[(String, &Report)],
    bench: Option<serde_json::Value>,
    extras: &Extras,
) -> String {
    let findings: Vec<JsonFinding> = entries
        .iter()
        .map(|(path, r)| JsonFinding {
            id: r.transform,
            file: path.clone(),
            range: json_range(r.position, r.end, &r.bytes),
            message: r.message.clone(),
            fix: JsonFix {
                applicability: applicability(r.fix),
                edits: r
                    .edits
                    .iter()
                    .map(|e| JsonEdit {
                        file: crate::diff::display_path(&e.path),
                        range: json_range(e.start, e.end, &e.bytes),
                        content: e.content.clone(),
                    })
                    .collect(),
            },
            weight: r.rank.as_ref().map(rank_json),
        })
        .collect();
    let changed: Vec<&FileOutcome> = result.files.iter().filter(|f| f.changed).collect();
    let files: Vec<JsonFile> = changed
        .iter()
        .map(|f| JsonFile {
            file: crate::diff::display_path(&f.path),
            fixes_applied: f.fixes_applied,
            fixed_by: f.fixed_by.clone(),
            diff: f.diff.clone(),
        })
        .collect();
    let errors = all_errors(result);
    let mut with_findings: Vec<&str> = entries.iter().map(|(p, _)| p.as_str()).collect();
    with_findings.dedup();
    let doc = JsonDoc {
        version: JSON_VERSION,
        tool: JsonTool {
            name: "allocfix",
            version: env!("CARGO_PKG_VERSION"),
        },
        command,
        summary: JsonSummary {
            findings: findings.len(),
            files_with_findings: with_findings.len(),
            fixes_applied: changed.iter().map(|f| f.fixes_applied).sum(),
            files_changed: changed.len(),
            errors: errors.len(),
        },
        findings,
        files,
        errors,
        notes: result
            .files
            .iter()
            .flat_map(|f| f.notes.iter().cloned())
            .collect(),
        ranking: ranking(extras),
        profile: extras.profile.as_ref().map(profile_json),
        bench,
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("plain data serialises");
    s.push('\n');
    s
}

/// Percent-encodes a relative path for a SARIF `uri` (RFC 3986 path characters kept).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    if path.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

/// A SARIF artifactLocation: relative paths against the checkout root (`%SRCROOT%`),
/// absolute ones as `file://` URIs.
fn artifact(path: &str) -> serde_json::Value {
    if path.starts_with('/') {
        serde_json::json!({"uri": uri(path)})
    } else {
        serde_json::json!({"uri": uri(path), "uriBaseId": "%SRCROOT%"})
    }
}

/// A rule's SARIF `name`: the id in PascalCase (`sentinel-error` → `SentinelError`). SARIF
/// wants `id` stable and opaque and `name` readable, and warns when they are equal (SARIF1001).
fn rule_name(id: &str) -> String {
    id.split('-')
        .map(crate::fixkit::names::capitalize)
        .collect()
}

/// SARIF 2.1.0: one run; one rule per transform of the catalogue, plus `unused-ignore`
/// when such findings are reported.
pub fn sarif(
    entries: &[(String, &Report)],
    transforms: &[&'static TransformDef],
    result_notes: &RunResult,
    extras: &Extras,
) -> String {
    use serde_json::{Value, json};
    let mut rules: Vec<Value> = transforms
        .iter()
        .map(|d| {
            json!({
                "id": d.id,
                "name": rule_name(d.id),
                "shortDescription": {"text": d.summary},
                "fullDescription": {"text": d.summary},
                "help": {"text": d.doc()},
                "defaultConfiguration": {"level": "warning"},
                "properties": {
                    "tags": ["performance"],
                    "fixAvailability": d.fix.id(),
                    "fixSafety": d.fix_safety(),
                },
            })
        })
        .collect();
    let mut ids: Vec<&str> = transforms.iter().map(|d| d.id).collect();
    if entries.iter().any(|(_, r)| r.transform == UNUSED_IGNORE) {
        ids.push(UNUSED_IGNORE);
        rules.push(json!({
            "id": UNUSED_IGNORE,
            "name": rule_name(UNUSED_IGNORE),
            "shortDescription": {"text": "A suppression comment that suppressed nothing"},
            "fullDescription": {"text": "An //allocfix:ignore or //nolint:allocfix comment that suppressed no finding (--report-unused-ignores)."},
            "help": {"text": "Remove the comment, or the transform ids it lists that no longer report anything there."},
            "defaultConfiguration": {"level": "warning"},
        }));
    }
    let results: Vec<Value> = entries
        .iter()
        .map(|(path, r)| {
            let region = json!({
                "startLine": r.position.line,
                "startColumn": r.utf16_columns.0,
                "endLine": r.end.line,
                "endColumn": r.utf16_columns.1,
            });
            let mut result = json!({
                "ruleId": r.transform,
                "level": "warning",
                "message": {"text": format!("{}{}", r.message, fix_label(r.fix))},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact(path),
                        "region": region,
                    }
                }],
            });
            if let Some(i) = ids.iter().position(|id| *id == r.transform) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(rank) = &r.rank {
                if let crate::profile::Rank::Profile(w) = rank {
                    // SARIF's own priority, 0–100: the function's share of the profile.
                    result["rank"] = json!(crate::profile::percent_value(w.share));
                }
                result["properties"] = json!({"weight": rank_json(rank)});
            }
            if let Some(fix) = r.fix {
                let mut by_file: BTreeMap<String, Vec<Value>> = BTreeMap::new();
                for e in &r.edits {
                    by_file
                        .entry(crate::diff::display_path(&e.path))
                        .or_default()
                        .push(json!({
                            "deletedRegion": {
                                "byteOffset": e.bytes.start,
                                "byteLength": e.bytes.end - e.bytes.start,
                            },
                            "insertedContent": {"text": e.content},
                        }));
                }
                let changes: Vec<Value> = by_file
                    .into_iter()
                    .map(|(p, replacements)| {
                        json!({
                            "artifactLocation": artifact(&p),
                            "replacements": replacements,
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": {"text": match fix {
                        Applicability::Safe => "allocfix fix (safe)",
                        Applicability::Unsafe => "allocfix fix --unsafe (may change behaviour)",
                    }},
                    "artifactChanges": changes,
                }]);
            }
            result
        })
        .collect();
    // Notes (files fixed partially) and errors as tool notifications of the one
    // invocation.
    let errors = all_errors(result_notes);
    let mut notifications: Vec<Value> = result_notes
        .files
        .iter()
        .flat_map(|f| f.notes.iter().map(move |n| (f, n)))
        .map(|(f, n)| {
            let (at, text) = split_note(f, n);
            let mut note = json!({"level": "note", "message": {"text": text}});
            let path = crate::diff::display_path(&f.path);
            let mut location = json!({"physicalLocation": {"artifactLocation": artifact(&path)}});
            if let Some((line, column)) = at {
                location["physicalLocation"]["region"] =
                    json!({"startLine": line, "startColumn": column});
            }
            note["locations"] = json!([location]);
            note
        })
        .collect();
    notifications.extend(
        errors
            .iter()
            .map(|e| json!({"level": "error", "message": {"text": e}})),
    );
    let mut run = json!({
        "tool": {"driver": {
            "name": "allocfix",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }},
        "invocations": [{
            "executionSuccessful": errors.is_empty(),
            "toolExecutionNotifications": notifications,
        }],
        "columnKind": "utf16CodeUnits",
        "results": results,
    });
    if let Some(how) = ranking(extras) {
        let mut props = json!({"ranking": how});
        if let Some(p) = &extras.profile {
            props["profile"] = profile_json(p);
        }
        run["properties"] = props;
    }
    let doc = json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("plain data serialises");
    s.push('\n');
    s
}

/// Counts for one transform (`--statistics`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stat {
    pub id: &'static str,
    /// Findings on the files as read.
    pub findings: usize,
    /// Of those, with a safe fix / an unsafe fix / no fix.
    pub safe_fix: usize,
    pub unsafe_fix: usize,
    pub no_fix: usize,
    /// Fixes applied (`diff`, `fix`; later passes included, so it can exceed `findings`).
    pub fixed: usize,
}

/// Per-transform counts, in id order.
pub fn statistics(result: &RunResult, entries: &[(String, &Report)]) -> Vec<Stat> {
    let mut by: BTreeMap<&'static str, Stat> = BTreeMap::new();
    for (_, r) in entries {
        let s = by.entry(r.transform).or_insert_with(|| Stat {
            id: r.transform,
            ..Stat::default()
        });
        s.findings += 1;
        match r.fix {
            Some(Applicability::Safe) => s.safe_fix += 1,
            Some(Applicability::Unsafe) => s.unsafe_fix += 1,
            None => s.no_fix += 1,
        }
    }
    for f in &result.files {
        for (id, n) in &f.fixed_by {
            by.entry(id)
                .or_insert_with(|| Stat {
                    id,
                    ..Stat::default()
                })
                .fixed += n;
        }
    }
    by.into_values().collect()
}

/// The statistics as a table; `fixed` adds the column of fixes applied.
pub fn statistics_text(stats: &[Stat], fixed: bool) -> String {
    let total = Stat {
        id: "total",
        findings: stats.iter().map(|s| s.findings).sum(),
        safe_fix: stats.iter().map(|s| s.safe_fix).sum(),
        unsafe_fix: stats.iter().map(|s| s.unsafe_fix).sum(),
        no_fix: stats.iter().map(|s| s.no_fix).sum(),
        fixed: stats.iter().map(|s| s.fixed).sum(),
    };
    let w = stats
        .iter()
        .map(|s| s.id.len())
        .chain(["transform".len()])
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "{:w$}  findings  safe fix  unsafe fix  no fix{}\n",
        "transform",
        if fixed { "  fixed" } else { "" }
    );
    for s in stats.iter().chain([&total]) {
        let _ = write!(
            out,
            "{:w$}  {:>8}  {:>8}  {:>10}  {:>6}",
            s.id, s.findings, s.safe_fix, s.unsafe_fix, s.no_fix
        );
        if fixed {
            let _ = write!(out, "  {:>5}", s.fixed);
        }
        out.push('\n');
    }
    out
}

/// The statistics as JSON: `{"version": 1, "statistics": [...]}`.
pub fn statistics_json(stats: &[Stat]) -> String {
    let doc = serde_json::json!({"version": JSON_VERSION, "statistics": stats});
    let mut s = serde_json::to_string_pretty(&doc).expect("plain data serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_bom_and_crlf() {
        let src = SourceFile::new("a.go".into(), "\u{feff}package a\r\n\r\nvar x = 1\r\n");
        let off = src.text.find("var").unwrap();
        assert_eq!(off, 11);
        let lines = Lines::new(&src.text);
        assert_eq!(lines.stored_offset(&src, off), 3 + 11 + 2);
        assert_eq!(lines.position(off), src.position(off));
        assert_eq!(lines.position(src.text.len()), src.position(src.text.len()));
        assert_eq!(stored_content(&src, "a\nb"), "a\r\nb");
    }

    #[test]
    fn utf16_columns_count_code_units() {
        let src = SourceFile::new("a.go".into(), "package a\n\nvar s = \"é𝄞\" + x\n");
        let off = src.text.find('x').unwrap();
        // "var s = \"" (9) + é (1 unit) + 𝄞 (2 units) + "\" + " (4) = 16 → column 17.
        assert_eq!(Lines::new(&src.text).utf16_column(&src, off), 17);
        assert_eq!(src.position(off).column, 20);
    }

    #[test]
    fn compose_merges_later_edits_into_the_ones_they_touch() {
        let o = "0123456789abcdef";
        let first = vec![
            Edit::replace(0, 2..4, "XY"),
            Edit::delete(0, 6..8),
            Edit::insert(0, 12, "++"),
        ];
        let refs: Vec<&Edit> = first.iter().collect();
        let mid = apply(o, 0, &refs);
        assert_eq!(mid, "01XY4589ab++cdef");
        for then in [
            vec![Edit::delete(0, 6..8)],       // touches the deletion (at 6)
            vec![Edit::replace(0, 3..5, "_")], // overlaps XY and 4
            vec![Edit::insert(0, 10, "!")],    // touches ++
            vec![Edit::delete(0, 0..1)],       // touches nothing
            vec![Edit::replace(0, 1..13, "#"), Edit::insert(0, 16, "$")],
        ] {
            let refs: Vec<&Edit> = then.iter().collect();
            let want = apply(&mid, 0, &refs);
            let composed = compose(&mid, first.clone(), then.clone());
            let refs: Vec<&Edit> = composed.iter().collect();
            assert_eq!(apply(o, 0, &refs), want, "{then:?} gave {composed:?}");
            for w in composed.windows(2) {
                assert!(w[0].range.end <= w[1].range.start, "{composed:?}");
            }
        }
    }

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(gh_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(gh_data("a:b,c%\r\n"), "a:b,c%25%0D%0A");
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("a b/ü.go"), "a%20b/%C3%BC.go");
        assert_eq!(uri("/abs/x.go"), "file:///abs/x.go");
    }
}
