//! Suppression comments: `//allocfix:ignore` and golangci-lint's `//nolint`. The engine
//! calls [`filter`] once on the findings of every pass, so a suppressed finding gets
//! neither a fix nor a report, whatever transform made it.
//!
//! `//allocfix:ignore` (every transform) or `//allocfix:ignore id1,id2` (those only; text
//! after the list, e.g. `// why`, is a free comment) covers:
//! - the line it ends, when it trails code, and the line below, when it stands on a line of
//!   its own;
//! - a whole function (or function literal), when it is in the function's doc comment, on
//!   the line of its `func` keyword, or the first thing in its body;
//! - the whole file, when it comes before the package clause.
//!
//! `//nolint`, `//nolint:all` and `//nolint:<linters>` naming `allocfix` are read the way
//! golangci-lint reads them: the comment group's lines, extended to the whole syntax node
//! that starts on the next line at the comment's column (a statement, a declaration, a
//! function with its doc comment; before the package clause, the file). A `//nolint` on the
//! line of a `func` keyword also covers that function.
//!
//! A finding is suppressed when its start lies in a directive's scope.

use std::ops::Range;

use tree_sitter::Node;

use crate::fixkit::edit::{FileId, Finding};
use crate::package::Package;

/// A suppression directive that suppressed nothing (`--report-unused-ignores`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unused {
    pub file: FileId,
    /// Byte range of the comment (normalised text).
    pub range: Range<usize>,
    pub message: String,
}

/// Which findings a directive covers.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Ids {
    /// Every transform. `reportable`: an unused one is worth reporting (not for a bare
    /// `//nolint`, which other linters may need).
    All { reportable: bool },
    /// The transforms named (as written).
    Some(Vec<String>),
}

#[derive(Clone, Debug)]
struct Directive {
    comment: Range<usize>,
    text: String,
    ids: Ids,
    /// Byte range of normalised text covered.
    scope: Range<usize>,
    /// Per id (or one flag for `All`): suppressed at least one finding.
    used: Vec<bool>,
}

impl Directive {
    fn covers(&self, f: &Finding) -> Option<usize> {
        if !self.scope.contains(&f.range.start) {
            return None;
        }
        match &self.ids {
            Ids::All { .. } => Some(0),
            Ids::Some(ids) => ids.iter().position(|id| id == f.transform),
        }
    }
}

/// Removes suppressed findings; returns the findings kept and the directives that
/// suppressed nothing (in editable files only; ids of transforms that are not enabled for
/// the file are not reported, since they could not have been used).
pub fn filter(pkg: &Package, findings: Vec<Finding>) -> (Vec<Finding>, Vec<Unused>) {
    let mut per_file: Vec<Vec<Directive>> = pkg
        .files
        .iter()
        .map(|f| {
            if f.editable && may_have_directives(&f.src.text) {
                directives(f.src.root(), &f.src.text)
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut kept = Vec::with_capacity(findings.len());
    for f in findings {
        let mut suppressed = false;
        for d in per_file[f.file].iter_mut() {
            if let Some(i) = d.covers(&f) {
                d.used[i] = true;
                suppressed = true;
            }
        }
        if !suppressed {
            kept.push(f);
        }
    }
    let mut unused = Vec::new();
    for (file, list) in per_file.into_iter().enumerate() {
        let enabled = &pkg.files[file].enabled;
        for d in list {
            match &d.ids {
                Ids::All { reportable } => {
                    if *reportable && !d.used[0] {
                        unused.push(Unused {
                            file,
                            range: d.comment.clone(),
                            message: format!("unused suppression `{}`", d.text),
                        });
                    }
                }
                Ids::Some(ids) => {
                    let known = |id: &str| crate::transforms::ALL.iter().any(|t| t.id == id);
                    let unknown: Vec<&str> = ids
                        .iter()
                        .map(String::as_str)
                        .filter(|id| !known(id))
                        .collect();
                    let idle: Vec<&str> = ids
                        .iter()
                        .zip(&d.used)
                        .filter(|(id, used)| !**used && known(id) && enabled.contains(id.as_str()))
                        .map(|(id, _)| id.as_str())
                        .collect();
                    let mut parts = Vec::new();
                    if !idle.is_empty() {
                        parts.push(format!("suppresses nothing for {}", idle.join(", ")));
                    }
                    if !unknown.is_empty() {
                        parts.push(format!("unknown transform id {}", unknown.join(", ")));
                    }
                    if !parts.is_empty() {
                        unused.push(Unused {
                            file,
                            range: d.comment.clone(),
                            message: format!(
                                "unused suppression `{}`: {}",
                                d.text,
                                parts.join("; ")
                            ),
                        });
                    }
                }
            }
        }
    }
    (kept, unused)
}

/// Cheap pre-check: files without these substrings have no directives.
fn may_have_directives(text: &str) -> bool {
    text.contains("allocfix:ignore") || text.contains("nolint")
}

/// What a comment says, if it is a directive: `Some(ids)`, and whether it is golangci's.
fn parse(comment: &str) -> Option<(Ids, bool)> {
    let body = comment.strip_prefix("//")?;
    if let Some(rest) = body.strip_prefix("allocfix:ignore") {
        if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
            return None;
        }
        let list = rest.trim_start();
        let list = list.split("//").next().unwrap_or("");
        let first = list.split_whitespace().next().unwrap_or("");
        let ids: Vec<String> = first
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        // Free text after the directive (`//allocfix:ignore because …`) is not an id list:
        // an id list is made of transform-id characters only.
        let looks_like_ids = !ids.is_empty()
            && ids.iter().all(|id| {
                id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            });
        return Some((
            if looks_like_ids {
                Ids::Some(ids)
            } else {
                Ids::All { reportable: true }
            },
            false,
        ));
    }
    // golangci-lint: text trimmed of leading '/' and ' ', then `^nolint( |:|$)`.
    let text = comment.trim_start_matches(['/', ' ']);
    let rest = text.strip_prefix("nolint")?;
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with(':')) {
        return None;
    }
    if !text.starts_with("nolint:") {
        return Some((Ids::All { reportable: false }, true));
    }
    let list = text["nolint:".len()..].split("//").next().unwrap_or("");
    if list
        .split(',')
        .any(|item| item.trim().eq_ignore_ascii_case("allocfix"))
    {
        return Some((Ids::All { reportable: true }, true));
    }
    // golangci-lint tests the prefix `nolint:all`, so `//nolint:allfoo` covers every
    // linter too.
    text.starts_with("nolint:all")
        .then_some((Ids::All { reportable: false }, true))
}

/// Every directive of a file, with its scope.
fn directives(root: Node, src: &str) -> Vec<Directive> {
    let mut comments: Vec<Node> = Vec::new();
    crate::syntax::walk(root, |n| {
        if n.kind() == "comment" {
            comments.push(n);
        }
    });
    let package_start = crate::syntax::named_children(root)
        .into_iter()
        .find(|n| n.kind() == "package_clause")
        .map_or(0, |n| n.start_byte());
    let mut out = Vec::new();
    for (i, c) in comments.iter().enumerate() {
        let text = &src[c.byte_range()];
        let Some((ids, golangci)) = parse(text) else {
            continue;
        };
        let scope = if golangci {
            nolint_scope(root, src, &comments, i)
        } else if c.end_byte() <= package_start {
            0..src.len()
        } else {
            ignore_scope(root, src, &comments, i)
        };
        let used = match &ids {
            Ids::All { .. } => vec![false],
            Ids::Some(list) => vec![false; list.len()],
        };
        out.push(Directive {
            comment: c.byte_range(),
            text: text.trim_end().to_string(),
            ids,
            scope,
            used,
        });
    }
    out
}

fn line_of(src: &str, offset: usize) -> usize {
    src.as_bytes()[..offset.min(src.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Whether the comment stands alone on its line (only blanks before it).
fn own_line(src: &str, c: Node) -> bool {
    let start = crate::syntax::line_start(src, c.start_byte());
    src[start..c.start_byte()].trim().is_empty()
}

/// Byte offset where line `n` (0-based) starts; the text's end past the last line.
fn nth_line_start(src: &str, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    src.bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .nth(n - 1)
        .map_or(src.len(), |(i, _)| i + 1)
}

/// Byte range of whole lines `first..=last` (0-based), newline included.
fn lines(src: &str, first: usize, last: usize) -> Range<usize> {
    nth_line_start(src, first)..nth_line_start(src, last + 1)
}

fn is_func(n: Node) -> bool {
    matches!(
        n.kind(),
        "function_declaration" | "method_declaration" | "func_literal"
    )
}

/// The function whose `func` keyword is on the comment's line, or whose body the comment
/// opens (nothing but other comments before it in the body).
fn function_at_top<'t>(src: &str, c: Node<'t>) -> Option<Node<'t>> {
    let func = crate::syntax::ancestors(c).find(|n| is_func(*n))?;
    if line_of(src, func.start_byte()) == line_of(src, c.start_byte()) {
        return Some(func);
    }
    let body = func.child_by_field_name("body")?;
    let mut cur = c;
    loop {
        let mut sib = cur.prev_named_sibling();
        while let Some(s) = sib {
            if s.kind() != "comment" {
                return None;
            }
            sib = s.prev_named_sibling();
        }
        let parent = cur.parent()?;
        if parent.id() == body.id() {
            return Some(func);
        }
        if parent.kind() != "statement_list" {
            return None;
        }
        cur = parent;
    }
}

/// The comment group (go/parser's notion) holding comment `i`: the comment alone when it
/// trails code, else the run of own-line comments on adjacent lines around it.
fn group(src: &str, comments: &[Node], i: usize) -> Range<usize> {
    if !own_line(src, comments[i]) {
        return i..i + 1;
    }
    let adjacent = |a: Node, b: Node| {
        own_line(src, b) && line_of(src, b.start_byte()) <= line_of(src, a.end_byte()) + 1
    };
    let mut first = i;
    while first > 0 && adjacent(comments[first - 1], comments[first]) {
        if !own_line(src, comments[first - 1]) {
            break;
        }
        first -= 1;
    }
    let mut last = i;
    while last + 1 < comments.len() && adjacent(comments[last], comments[last + 1]) {
        last += 1;
    }
    first..last + 1
}

/// The largest node that starts exactly at `offset` (other than the file itself), as
/// go/ast would have it.
fn node_starting_at(root: Node<'_>, offset: usize) -> Option<Node<'_>> {
    let mut n = root.descendant_for_byte_range(offset, offset)?;
    if n.start_byte() != offset || n.id() == root.id() {
        return None;
    }
    while let Some(p) = n.parent() {
        // A statement list has no counterpart in go/ast: the statement is the node.
        if p.start_byte() != offset || p.id() == root.id() || p.kind() == "statement_list" {
            break;
        }
        n = p;
    }
    Some(n)
}

/// `//allocfix:ignore` after the package clause.
fn ignore_scope(root: Node, src: &str, comments: &[Node], i: usize) -> Range<usize> {
    let c = comments[i];
    if let Some(func) = function_at_top(src, c) {
        return func.byte_range();
    }
    let g = group(src, comments, i);
    let last = comments[g.end - 1];
    if own_line(src, c) {
        // In the doc comment of a function declaration: the whole function.
        let next = nth_line_start(src, line_of(src, last.end_byte()) + 1);
        let code = next + (src[next..].len() - src[next..].trim_start_matches([' ', '\t']).len());
        if let Some(n) = node_starting_at(root, code)
            && matches!(n.kind(), "function_declaration" | "method_declaration")
        {
            return n.byte_range();
        }
        let line = line_of(src, c.start_byte());
        return lines(src, line, line_of(src, c.end_byte()) + 1);
    }
    let line = line_of(src, c.start_byte());
    lines(src, line, line)
}

/// `//nolint` after the package clause, as golangci-lint expands it.
fn nolint_scope(root: Node, src: &str, comments: &[Node], i: usize) -> Range<usize> {
    let c = comments[i];
    let g = group(src, comments, i);
    let (first, last) = (comments[g.start], comments[g.end - 1]);
    let from = line_of(src, first.start_byte());
    let mut to = line_of(src, last.end_byte());
    let mut scope = lines(src, from, to);
    let column = first.start_byte() - crate::syntax::line_start(src, first.start_byte());
    let next = nth_line_start(src, to + 1);
    if next + column < src.len()
        && src.as_bytes()[next..next + column]
            .iter()
            .all(|&b| b == b' ' || b == b'\t')
        && let Some(n) = node_starting_at(root, next + column)
    {
        if n.kind() == "package_clause" {
            return 0..src.len();
        }
        to = to.max(line_of(src, n.end_byte()));
        scope = lines(src, from, to);
    }
    if let Some(func) = crate::syntax::ancestors(c).find(|n| is_func(*n))
        && line_of(src, func.start_byte()) == line_of(src, c.start_byte())
    {
        scope = scope.start.min(func.start_byte())..scope.end.max(func.end_byte());
    }
    scope
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes(src: &str) -> Vec<(String, String)> {
        let tree = crate::source::parse(src);
        directives(tree.root_node(), src)
            .into_iter()
            .map(|d| (d.text, src[d.scope].to_string()))
            .collect()
    }

    #[test]
    fn parses_directives() {
        assert_eq!(
            parse("//allocfix:ignore"),
            Some((Ids::All { reportable: true }, false))
        );
        assert_eq!(
            parse("//allocfix:ignore a-b,c // why"),
            Some((Ids::Some(vec!["a-b".into(), "c".into()]), false))
        );
        assert_eq!(
            parse("//allocfix:ignore because the caller needs it"),
            Some((Ids::Some(vec!["because".into()]), false))
        );
        assert_eq!(
            parse("//allocfix:ignore Because, it is cold"),
            Some((Ids::All { reportable: true }, false))
        );
        assert_eq!(parse("//allocfix:ignored"), None);
        assert_eq!(
            parse("//nolint"),
            Some((Ids::All { reportable: false }, true))
        );
        assert_eq!(
            parse("// nolint:all"),
            Some((Ids::All { reportable: false }, true))
        );
        assert_eq!(
            parse("//nolint // reason"),
            Some((Ids::All { reportable: false }, true))
        );
        assert_eq!(
            parse("//nolint:gocritic, AllocFix // x"),
            Some((Ids::All { reportable: true }, true))
        );
        assert_eq!(parse("//nolint:gocritic"), None);
        assert_eq!(
            parse("//nolint:allocfix"),
            Some((Ids::All { reportable: true }, true))
        );
        assert_eq!(
            parse("//nolint:all,gocritic"),
            Some((Ids::All { reportable: false }, true))
        );
        assert_eq!(parse("//nolintfoo"), None);
        assert_eq!(parse("// see nolint"), None);
    }

    #[test]
    fn scopes_of_allocfix_ignore() {
        let src = "//allocfix:ignore x\npackage a\n\n// F does.\n//allocfix:ignore y\nfunc F() {\n\ta()\n}\n\nfunc G() { //allocfix:ignore\n\ta()\n}\n\nfunc H() {\n\t//allocfix:ignore\n\ta()\n\tb() //allocfix:ignore z\n\t//allocfix:ignore w\n\tc()\n\td()\n}\n";
        let s = scopes(src);
        assert_eq!(s[0], ("//allocfix:ignore x".into(), src.into()));
        assert_eq!(s[1].1, "func F() {\n\ta()\n}");
        assert_eq!(s[2].1, "func G() { //allocfix:ignore\n\ta()\n}");
        assert!(s[3].1.starts_with("func H() {"), "{:?}", s[3]);
        assert_eq!(s[4].1, "\tb() //allocfix:ignore z\n");
        assert_eq!(s[5].1, "\t//allocfix:ignore w\n\tc()\n");
    }

    #[test]
    fn scopes_of_nolint_follow_golangci() {
        let src = "package a\n\n// F does.\n//nolint:allocfix\nfunc F() {\n\ta()\n}\n\nfunc G() {\n\t//nolint\n\tfor {\n\t\ta()\n\t}\n\tb() //nolint:all\n\tc()\n\t\t//nolint\n\td()\n}\n\nfunc H() { //nolint\n\ta()\n}\n";
        let s = scopes(src);
        assert_eq!(
            s[0].1,
            "// F does.\n//nolint:allocfix\nfunc F() {\n\ta()\n}\n"
        );
        assert_eq!(s[1].1, "\t//nolint\n\tfor {\n\t\ta()\n\t}\n");
        assert_eq!(s[2].1, "\tb() //nolint:all\n");
        // Not at the column of the next statement: its own line only.
        assert_eq!(s[3].1, "\t\t//nolint\n");
        assert_eq!(s[4].1, "func H() { //nolint\n\ta()\n}");
    }

    #[test]
    fn a_multibyte_letter_under_the_comment_column_is_no_statement() {
        let src = "package a\n\nvar (\n\tx = 1 //nolint\n\té = 2\n)\n";
        assert_eq!(scopes(src)[0].1, "\tx = 1 //nolint\n");
        let src = "package a\n\nvar (\n\t//nolint\n\té = 2\n)\n";
        assert_eq!(scopes(src)[0].1, "\t//nolint\n\té = 2\n");
        let src = "package a\n\nvar (\n\t //nolint\n\té = 2\n)\n";
        assert_eq!(scopes(src)[0].1, "\t //nolint\n");
    }

    #[test]
    fn nolint_before_the_package_clause() {
        let whole = "// Package a.\n//nolint:allocfix\npackage a\n\nfunc F() {}\n";
        assert_eq!(scopes(whole)[0].1, whole);
        let detached = "//nolint:allocfix\n\npackage a\n\nfunc F() {}\n";
        assert_eq!(scopes(detached)[0].1, "//nolint:allocfix\n");
        let ignore = "// Copyright.\n\n//allocfix:ignore sentinel-error\n\npackage a\n";
        assert_eq!(scopes(ignore)[0].1, ignore);
    }
}
