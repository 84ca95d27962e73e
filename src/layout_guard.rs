//! gofmt aligns trailing comments of consecutive lines into one column, and the bodies of
//! consecutive one-line functions likewise. An edit that changes the length of such a
//! commented line, or adds or removes lines inside such a run, leaves a file that
//! `gofmt -l` reports. Rather than re-implement gofmt's tabwriter, fixes that would do that
//! are refused: the finding stays, without a fix.

use std::collections::HashSet;

use crate::edit::Edit;
use crate::source::SourceFile;

/// Rows (0-based) of a file that end with a trailing comment, and where each line starts.
pub struct CommentRows {
    rows: HashSet<usize>,
    /// Rows holding a whole one-line function declaration.
    one_line_funcs: HashSet<usize>,
    line_starts: Vec<usize>,
    /// Leading whitespace of each line: gofmt aligns comments only within a run of lines at
    /// the same indentation.
    indents: Vec<String>,
}

impl CommentRows {
    pub fn new(file: &SourceFile) -> CommentRows {
        let src = &file.text;
        let mut rows = HashSet::new();
        let one_line_funcs = crate::syntax::named_children(file.root())
            .into_iter()
            .filter(|d| {
                matches!(d.kind(), "function_declaration" | "method_declaration")
                    && d.start_position().row == d.end_position().row
            })
            .map(|d| d.start_position().row)
            .collect();
        crate::syntax::walk(file.root(), |n| {
            if n.kind() == "comment" {
                let start = crate::syntax::line_start(src, n.start_byte());
                if !src[start..n.start_byte()].trim().is_empty() {
                    rows.insert(n.start_position().row);
                }
            }
        });
        let mut line_starts = vec![0];
        line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        let indents = line_starts
            .iter()
            .map(|&s| crate::syntax::indentation(src, s.min(src.len())).to_string())
            .collect();
        CommentRows {
            rows,
            one_line_funcs,
            line_starts,
            indents,
        }
    }

    /// True when `a` and `b` both end with a trailing comment at the same indentation.
    fn aligned(&self, a: usize, b: Option<usize>) -> bool {
        b.is_some_and(|b| {
            self.rows.contains(&a)
                && self.rows.contains(&b)
                && self.indents.get(a) == self.indents.get(b)
        })
    }

    fn row(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    fn is_line_start(&self, offset: usize) -> bool {
        self.line_starts.binary_search(&offset).is_ok()
    }

    fn commented(&self, row: Option<usize>) -> bool {
        row.is_some_and(|r| self.rows.contains(&r))
    }

    /// True when applying `edit` would make gofmt re-align trailing comments.
    pub fn disturbs(&self, edit: &Edit) -> bool {
        if self.rows.is_empty() && self.one_line_funcs.is_empty() {
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
            let removed_commented = (r0..r1).any(|r| self.rows.contains(&r));
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
