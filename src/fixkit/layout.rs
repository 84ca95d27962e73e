//! What gofmt does with the layout of code a fix writes, and the guard that keeps fixes
//! gofmt-clean.
//!
//! gofmt aligns trailing comments of consecutive lines into one column, and the bodies of
//! consecutive one-line functions likewise. An edit that changes the length of such a
//! commented line, or adds or removes lines inside such a run, leaves a file that
//! `gofmt -l` reports. Rather than re-implement gofmt's tabwriter, fixes that would do that
//! are refused: the finding stays, without a fix ([`CommentRows::disturbs`] for every
//! edit, [`in_aligned_comment_block`] for a transform that asks about one node).
//!
//! go/printer also decides from an expression's depth whether it spaces `a + b`
//! ([`gofmt_depth`]), which a transform writing an expression must follow.

use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use crate::fixkit::edit::{Edit, FileId};
use crate::source::SourceFile;
use crate::syntax::{field_children, line_start, named_children, text};

/// Rows (0-based) of a file that end with a trailing comment, and where each line starts.
pub struct CommentRows {
    /// Rows ending with a trailing comment, with their leading whitespace: gofmt aligns
    /// comments only within a run of lines at the same indentation.
    indents: HashMap<usize, String>,
    /// Rows holding a whole one-line function declaration.
    one_line_funcs: HashSet<usize>,
    line_starts: Vec<usize>,
}

impl CommentRows {
    pub fn new(file: &SourceFile) -> CommentRows {
        let src = &file.text;
        let one_line_funcs = crate::syntax::named_children(file.root())
            .into_iter()
            .filter(|d| crate::fixkit::place::is_one_line_func(*d))
            .map(|d| d.start_position().row)
            .collect();
        let mut line_starts = vec![0];
        line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        let row = |offset: usize| line_starts.partition_point(|&s| s <= offset) - 1;
        // Comments found lexically (a walk of the whole tree cost more than the rest of
        // this check): a trailing one has code before it on its line.
        let mut indents = HashMap::new();
        for (span, comment) in crate::package::literal_spans(src) {
            let start = line_start(src, span.start);
            if comment && !src[start..span.start].trim().is_empty() {
                indents.insert(
                    row(span.start),
                    crate::fixkit::indent::indentation(src, start).to_string(),
                );
            }
        }
        CommentRows {
            one_line_funcs,
            line_starts,
            indents,
        }
    }

    /// True when `a` and `b` both end with a trailing comment at the same indentation.
    fn aligned(&self, a: usize, b: Option<usize>) -> bool {
        b.is_some_and(|b| {
            self.indents
                .get(&a)
                .is_some_and(|i| self.indents.get(&b) == Some(i))
        })
    }

    fn row(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    fn is_line_start(&self, offset: usize) -> bool {
        self.line_starts.binary_search(&offset).is_ok()
    }

    fn commented(&self, row: Option<usize>) -> bool {
        row.is_some_and(|r| self.indents.contains_key(&r))
    }

    /// True when applying `edit` would make gofmt re-align trailing comments.
    pub fn disturbs(&self, edit: &Edit) -> bool {
        if self.indents.is_empty() && self.one_line_funcs.is_empty() {
            return false;
        }
        let (s, e) = (edit.range.start, edit.range.end);
        let whole_lines = self.is_line_start(s)
            && self.is_line_start(e)
            && (edit.content.is_empty() || edit.content.ends_with('\n'));
        if whole_lines {
            // Lines inserted or removed between rows r0-1 and r1 (exclusive).
            let r0 = self.row(s);
            let r1 = self.row(e);
            let above = r0.checked_sub(1);
            let removed_commented = (r0..r1).any(|r| self.indents.contains_key(&r));
            let adds_uncommented = edit.content.lines().any(|l| !l.contains("//"));
            let funcs_run = above.is_some_and(|a| {
                self.one_line_funcs.contains(&a) && self.one_line_funcs.contains(&r1)
            });
            let joins_or_splits = funcs_run || above.is_some_and(|a| self.aligned(a, Some(r1)));
            return (joins_or_splits && (adds_uncommented || r1 > r0))
                || (removed_commented && (self.commented(above) || self.commented(Some(r1))));
        }
        let r0 = self.row(s);
        let r1 = self.row(e);
        (r0..=r1).any(|r| self.aligned(r, r.checked_sub(1)) || self.aligned(r, Some(r + 1)))
            || ((edit.content.contains('\n') || r1 > r0)
                && r0
                    .checked_sub(1)
                    .is_some_and(|a| self.aligned(a, Some(r1 + 1))))
    }
}

/// The row of `comment` when it is a trailing comment (code before it on its line): the
/// comments gofmt aligns into one column across consecutive lines.
fn trailing_comment_row(comment: Node, src: &str) -> Option<usize> {
    let start = line_start(src, comment.start_byte());
    (!src[start..comment.start_byte()].trim().is_empty()).then(|| comment.start_position().row)
}

/// The precedence of a binary operator, as go/printer counts it.
pub fn binary_precedence(op: &str) -> usize {
    match op {
        "*" | "/" | "%" | "<<" | ">>" | "&" | "&^" => 5,
        "+" | "-" | "|" | "^" => 4,
        "==" | "!=" | "<" | "<=" | ">" | ">=" => 3,
        "&&" => 2,
        _ => 1,
    }
}

pub fn binary_operator<'s>(binary: Node, src: &'s str) -> &'s str {
    binary
        .child_by_field_name("operator")
        .map_or("", |o| text(o, src))
}

/// The depth at which go/printer prints the expression `node` (1: "normal" mode, where a
/// `+` chain is spaced; more: "compact" mode, where it is not). Follows go/printer's
/// `expr1`, `binaryExpr` and statement printing.
pub fn gofmt_depth(node: Node, src: &str) -> usize {
    let Some(parent) = node.parent() else {
        return 1;
    };
    let is_field = |field: &str| parent.child_by_field_name(field) == Some(node);
    match parent.kind() {
        "parenthesized_expression" => {
            let d = gofmt_depth(parent, src);
            if node.kind() == "parenthesized_expression" {
                d
            } else {
                d.saturating_sub(1).max(1)
            }
        }
        "binary_expression" => {
            let d = gofmt_depth(parent, src);
            let prec = binary_precedence(binary_operator(parent, src));
            let same_prec = node.kind() == "binary_expression"
                && binary_precedence(binary_operator(node, src)) == prec;
            if is_field("left") && same_prec {
                d
            } else {
                d + 1
            }
        }
        "argument_list" => match parent.parent() {
            Some(call) if call.kind() == "call_expression" => {
                gofmt_depth(call, src) + usize::from(named_children(parent).len() > 1)
            }
            _ => 1,
        },
        "index_expression" | "slice_expression" => {
            if is_field("operand") {
                1
            } else {
                gofmt_depth(parent, src) + 1
            }
        }
        "unary_expression"
        | "selector_expression"
        | "type_assertion_expression"
        | "call_expression"
        | "type_conversion_expression" => gofmt_depth(parent, src),
        "expression_list" => match parent.parent() {
            Some(stmt)
                if matches!(
                    stmt.kind(),
                    "assignment_statement" | "short_var_declaration"
                ) =>
            {
                let count = |field: &str| {
                    stmt.child_by_field_name(field)
                        .map_or(0, |l| named_children(l).len())
                };
                if count("left") > 1 && count("right") > 1 {
                    2
                } else {
                    1
                }
            }
            _ => 1,
        },
        "inc_statement" | "dec_statement" => 2,
        _ => 1,
    }
}

/// True when `node` ends on a line with a trailing comment that gofmt aligns with a
/// trailing comment on the line above its first line or below its last line: changing the
/// length of that line (or joining the node's lines) would make gofmt re-align the
/// comments, so an edit of `node` would not be gofmt-clean. `comments` are the file's
/// comment nodes.
pub fn in_aligned_comment_block(node: Node, comments: &[Node], src: &str) -> bool {
    let trailing_rows: Vec<usize> = comments
        .iter()
        .filter_map(|c| trailing_comment_row(*c, src))
        .collect();
    let first = node.start_position().row;
    let last = node.end_position().row;
    trailing_rows.contains(&last)
        && (first
            .checked_sub(1)
            .is_some_and(|r| trailing_rows.contains(&r))
            || trailing_rows.contains(&(last + 1)))
}

/// Layout edits for a fixed file (`after`) compared with its original (`before`), made
/// once all passes are done: runs of new package-level vars become one `var ( … )` block
/// (see [`group_new_vars`]), a list whose multi-line last element became one line is
/// closed on that line (see [`join_dangling_closers`]), and an import block the fixes left with one import becomes
/// `import "x"` (see [`crate::fixkit::imports::collapse_lone_import_block`]).
pub fn tidy(file: FileId, before: &SourceFile, after: &SourceFile) -> Vec<Edit> {
    let mut edits = group_new_vars(file, before, after);
    edits.extend(join_dangling_closers(file, before, after));
    edits.extend(crate::fixkit::imports::collapse_lone_import_block(
        file, before, after,
    ));
    edits
}

/// The byte range of `,` and the line break before the closing `)` or `}` of an argument
/// list or composite literal written on one line up to its last element, followed by a
/// trailing comma and a line break: `f(a,\n)`, `[]T{a,\n}`. gofmt joins such a list onto
/// one line (`f(a)`); it keeps the break when the list breaks anywhere before.
///
/// Only the closers the text shows after `,` and a line break are looked up in the tree
/// (one lookup each), not every node of the file.
fn dangling_closers(src: &SourceFile) -> Vec<std::ops::Range<usize>> {
    let text = &src.text;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (at, _) in text.match_indices([')', '}']) {
        let before = text[..at].trim_end_matches([' ', '\t', '\r', '\n']);
        if !before.ends_with(',') || !bytes[before.len()..at].contains(&b'\n') {
            continue;
        }
        let Some(list) = src
            .root()
            .descendant_for_byte_range(at, at + 1)
            .and_then(|closer| closer.parent())
            .filter(|list| list.end_byte() == at + 1)
        else {
            continue;
        };
        if !matches!(list.kind(), "argument_list" | "literal_value") {
            continue;
        }
        let Some(last) = named_children(list).last().copied() else {
            continue;
        };
        if last.kind() == "comment" {
            continue;
        }
        let tail = &text[last.end_byte()..list.end_byte().saturating_sub(1)];
        if tail.starts_with(',')
            && tail.contains('\n')
            && tail[1..].trim().is_empty()
            && !text[list.start_byte()..last.end_byte()].contains('\n')
        {
            out.push(last.end_byte()..list.end_byte() - 1);
        }
    }
    out
}

/// A fix that replaces a multi-line last argument with one line (`diags.Append(fmt.Errorf(\n
/// "…"),\n)` → `diags.Append(errX,\n)`) leaves the closer on a line of its own, which gofmt
/// would join (`diags.Append(errX)`). Joined here, as gofmt does — only in a file that had
/// no such list before the fixes (a file gofmt formatted has none), so that the user's own
/// layout is never touched.
pub fn join_dangling_closers(file: FileId, before: &SourceFile, after: &SourceFile) -> Vec<Edit> {
    if !dangling_closers(before).is_empty() {
        return Vec::new();
    }
    dangling_closers(after)
        .into_iter()
        .map(|r| Edit::delete(file, r))
        .collect()
}

/// A package-level `var name = call(…)` on one line, declaring a name the original file
/// did not declare: one that a fix inserted. Its name and value.
fn new_single_var<'t>(
    decl: Node<'t>,
    src: &str,
    old: &HashSet<String>,
) -> Option<(String, String)> {
    if decl.kind() != "var_declaration" || text(decl, src).contains('\n') {
        return None;
    }
    let [spec] = named_children(decl)[..] else {
        return None;
    };
    if spec.kind() != "var_spec" || spec.child_by_field_name("type").is_some() {
        return None;
    }
    let [name] = field_children(spec, "name")[..] else {
        return None;
    };
    let [value] = named_children(spec.child_by_field_name("value")?)[..] else {
        return None;
    };
    let name = text(name, src);
    if value.kind() != "call_expression" || old.contains(name) {
        return None;
    }
    let tail = &src[decl.end_byte()..crate::syntax::line_end(src, decl.end_byte())];
    if !tail.trim().is_empty() {
        return None;
    }
    Some((name.to_string(), text(value, src).to_string()))
}

/// Fixes insert each new package-level var as its own `var x = …` above the function it
/// came from, so several from one function (or one file region) make a run separated by
/// blank lines. Each run of two or more such new vars, one blank line apart, becomes one
/// `var ( … )` block, names padded as gofmt aligns them. Declarations the original file
/// already had are never touched.
pub fn group_new_vars(file: FileId, before: &SourceFile, after: &SourceFile) -> Vec<Edit> {
    let old: HashSet<String> = named_children(before.root())
        .into_iter()
        .flat_map(|d| crate::package::top_level_names(d, &before.text))
        .collect();
    let src = &after.text;
    let mut runs: Vec<Vec<(Node, String, String)>> = Vec::new();
    let mut prev_end: Option<usize> = None;
    for decl in named_children(after.root()) {
        let Some((name, value)) = new_single_var(decl, src, &old) else {
            prev_end = None;
            continue;
        };
        let joins = prev_end.is_some_and(|e| &src[e..decl.start_byte()] == "\n\n");
        if !joins {
            runs.push(Vec::new());
        }
        runs.last_mut()
            .expect("pushed above")
            .push((decl, name, value));
        prev_end = Some(decl.end_byte());
    }
    runs.into_iter()
        .filter(|r| r.len() > 1)
        .map(|run| {
            let width = run
                .iter()
                .map(|(_, n, _)| n.chars().count())
                .max()
                .unwrap_or(0);
            let mut block = String::from("var (\n");
            for (_, name, value) in &run {
                let pad = " ".repeat(width - name.chars().count());
                block.push_str(&format!("\t{name}{pad} = {value}\n"));
            }
            block.push(')');
            let start = run[0].0.start_byte();
            let end = run[run.len() - 1].0.end_byte();
            Edit::replace(file, start..end, block)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse;
    use crate::syntax::descendants;

    fn first_call_depth_and_alignment(src: &str) -> (usize, bool) {
        let tree = parse(src);
        let nodes = descendants(tree.root_node());
        let call = nodes
            .iter()
            .find(|n| {
                n.kind() == "call_expression"
                    && n.child_by_field_name("function")
                        .is_some_and(|f| text(f, src) == "target")
            })
            .copied()
            .unwrap();
        let comments: Vec<Node> = nodes
            .iter()
            .filter(|n| n.kind() == "comment")
            .copied()
            .collect();
        (
            gofmt_depth(call, src),
            in_aligned_comment_block(call, &comments, src),
        )
    }

    #[test]
    fn dangling_closers_are_found_from_the_text() {
        let src = |body: &str| {
            crate::source::SourceFile::new(
                "x.go".into(),
                &format!("package p\n\nfunc f() {{\n{body}\n}}\n"),
            )
        };
        let closers = |body: &str| {
            let s = src(body);
            dangling_closers(&s)
                .into_iter()
                .map(|r| s.text[r].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(closers("\tg(a,\n\t)"), vec![",\n\t"]);
        assert_eq!(closers("\t_ = []int{1, 2,\n\t}"), vec![",\n\t"]);
        assert_eq!(closers("\tg(h(a,\n\t), b)"), vec![",\n\t"]);
        // The list breaks before its last element: gofmt keeps it.
        assert!(closers("\tg(\n\t\ta,\n\t)").is_empty());
        assert!(closers("\tg(a,\n\t\tb,\n\t)").is_empty());
        // Inside a string, after a comment, or a block's closer: not a list.
        assert!(closers("\tg(`a,\n)`)").is_empty());
        assert!(closers("\tg(a, // c\n\t)").is_empty());
        assert!(closers("\tif x {\n\t\tg(a)\n\t}").is_empty());
        assert!(closers("\tg(a)").is_empty());
    }

    #[test]
    fn depths_follow_go_printer() {
        let cases = [
            ("x := target()", 1),
            ("x, y := target(), 1", 2),
            ("f(target())", 1),
            ("f(1, target())", 2),
            ("f(g(1, h(target())))", 2),
            ("m[target()] = 1", 2),
            ("x := (target())", 1),
            ("f(1, (target()))", 1),
            ("_ = a + target()", 2),
            ("_ = target() + a", 2),
            ("_ = target()[1:]", 1),
        ];
        for (stmt, want) in cases {
            let src = format!("package a\n\nfunc f() {{\n\t{stmt}\n}}\n");
            assert_eq!(first_call_depth_and_alignment(&src).0, want, "{stmt}");
        }
    }

    #[test]
    fn aligned_trailing_comments() {
        let aligned = "package a\n\nfunc f() {\n\tx := target() // a\n\ty := 1        // b\n}\n";
        assert!(first_call_depth_and_alignment(aligned).1);
        let alone = "package a\n\nfunc f() {\n\tx := target() // a\n\ty := 1\n}\n";
        assert!(!first_call_depth_and_alignment(alone).1);
        let above = "package a\n\nfunc f() {\n\t// own line\n\tx := target() // a\n}\n";
        assert!(!first_call_depth_and_alignment(above).1);
    }

    fn rows(src: &str) -> CommentRows {
        CommentRows::new(&SourceFile::new("a.go".into(), src))
    }

    #[test]
    fn edits_inside_an_aligned_run_are_refused() {
        let src = "package a\n\nfunc f() {\n\tx := g() // a\n\ty := 1   // b\n\tz := 2\n}\n";
        let r = rows(src);
        let at = src.find("g()").unwrap();
        assert!(r.disturbs(&Edit::replace(0, at..at + 3, "longer()")));
        let z = src.find("z := 2").unwrap();
        assert!(!r.disturbs(&Edit::replace(0, z..z + 6, "z := 3000")));
        // inserting a plain line between two commented lines splits the run
        let y = src.find("\ty := 1").unwrap();
        assert!(r.disturbs(&Edit::insert(0, y, "\tw := 0\n")));
        // inserting above the run is fine
        let x = src.find("\tx := g()").unwrap();
        assert!(!r.disturbs(&Edit::insert(0, x, "\tw := 0\n")));
    }

    #[test]
    fn runs_break_at_a_change_of_indentation() {
        let src = "package a\n\nfunc f(c int) {\n\tswitch c {\n\tcase 1: // one\n\t\tg() // call\n\t}\n}\n";
        let r = rows(src);
        let at = src.find("g()").unwrap();
        assert!(!r.disturbs(&Edit::replace(0, at..at + 3, "longer()")));
    }

    #[test]
    fn lines_inserted_inside_a_run_of_one_line_funcs_are_refused() {
        let src = "package a\n\nfunc a() int   { return 1 }\nfunc bcd() int { return 2 }\n";
        let r = rows(src);
        let b = src.find("func bcd").unwrap();
        assert!(r.disturbs(&Edit::insert(0, b, "var x = 1\n\n")));
        let a = src.find("func a").unwrap();
        assert!(!r.disturbs(&Edit::insert(0, a, "var x = 1\n\n")));
    }

    #[test]
    fn a_lone_trailing_comment_does_not_block() {
        let src = "package a\n\nfunc f() {\n\tx := g() // a\n\ty := 1\n}\n";
        let r = rows(src);
        let at = src.find("g()").unwrap();
        assert!(!r.disturbs(&Edit::replace(0, at..at + 3, "longer()")));
    }

    fn tidied(before: &str, after: &str) -> String {
        let b = SourceFile::new("a.go".into(), before);
        let a = SourceFile::new("a.go".into(), after);
        let edits = tidy(0, &b, &a);
        let refs: Vec<&Edit> = edits.iter().collect();
        crate::fixkit::edit::apply(after, 0, &refs)
    }

    #[test]
    fn a_closer_left_alone_on_its_line_is_joined_as_gofmt_does() {
        let before = "package a\n\nfunc f() {\n\tg(x, h(\n\t\t\"m\"),\n\t)\n\t_ = []int{1, 2}\n\tg(\n\t\tx,\n\t)\n}\n";
        let after = "package a\n\nfunc f() {\n\tg(x, errM,\n\t)\n\t_ = []int{1,\n\t}\n\tg(\n\t\tx,\n\t)\n}\n";
        // The list that breaks after its opener keeps its layout, as gofmt keeps it.
        assert_eq!(
            tidied(before, after),
            "package a\n\nfunc f() {\n\tg(x, errM)\n\t_ = []int{1}\n\tg(\n\t\tx,\n\t)\n}\n"
        );
        // A file that already had such a list (not gofmt's layout) is left as it is.
        let before = "package a\n\nfunc f() {\n\tg(x,\n\t)\n}\n";
        assert_eq!(tidied(before, before), before);
    }

    #[test]
    fn new_vars_in_a_run_become_one_block() {
        let before =
            "package a\n\nimport \"errors\"\n\nvar errOld = errors.New(\"old\")\n\nfunc f() {}\n";
        let after = "package a\n\nimport \"errors\"\n\nvar errOld = errors.New(\"old\")\n\nvar errA = errors.New(\"a\")\n\nvar errLonger = errors.New(\"longer\")\n\nvar errB = errors.New(\"b\") // b\n\nfunc f() {}\n\nvar errC = errors.New(\"c\")\n\nfunc g() {}\n";
        assert_eq!(
            tidied(before, after),
            "package a\n\nimport \"errors\"\n\nvar errOld = errors.New(\"old\")\n\nvar (\n\terrA      = errors.New(\"a\")\n\terrLonger = errors.New(\"longer\")\n)\n\nvar errB = errors.New(\"b\") // b\n\nfunc f() {}\n\nvar errC = errors.New(\"c\")\n\nfunc g() {}\n"
        );
        // Nothing new: nothing changes.
        assert_eq!(tidied(after, after), after);
    }

    #[test]
    fn a_block_left_with_one_import_becomes_a_single_import() {
        let before = "package a\n\nimport \"fmt\"\n\nvar s = fmt.Sprint(1)\n";
        let after = "package a\n\nimport (\n\t\"strconv\"\n)\n\nvar s = strconv.Itoa(1)\n";
        assert_eq!(
            tidied(before, after),
            "package a\n\nimport \"strconv\"\n\nvar s = strconv.Itoa(1)\n"
        );
        // The author's own one-import block stays.
        assert_eq!(tidied(after, after), after);
        let aliased = "package a\n\nimport (\n\tsc \"strconv\"\n)\n\nvar s = sc.Itoa(1)\n";
        assert_eq!(
            tidied(before, aliased),
            "package a\n\nimport sc \"strconv\"\n\nvar s = sc.Itoa(1)\n"
        );
        let commented =
            "package a\n\nimport (\n\t\"strconv\" // itoa\n)\n\nvar s = strconv.Itoa(1)\n";
        assert_eq!(tidied(before, commented), commented);
    }
}
