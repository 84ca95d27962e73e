//! The edit model: a finding may carry a fix, a fix is a set of byte-range edits that are
//! applied together or not at all.

use std::collections::HashSet;
use std::ops::Range;

/// Index of a file within its package.
pub type FileId = usize;

/// Replace `range` of file `file` (normalised text) with `content`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub file: FileId,
    pub range: Range<usize>,
    pub content: String,
}

impl Edit {
    pub fn replace(file: FileId, range: Range<usize>, content: impl Into<String>) -> Edit {
        Edit {
            file,
            range,
            content: content.into(),
        }
    }

    pub fn insert(file: FileId, at: usize, content: impl Into<String>) -> Edit {
        Edit::replace(file, at..at, content)
    }

    pub fn delete(file: FileId, range: Range<usize>) -> Edit {
        Edit::replace(file, range, "")
    }

    /// Two edits conflict when their ranges intersect, or when one is an insertion at the
    /// point where the other replaces text (their order would be ambiguous). Two insertions
    /// at one point do not conflict: they are applied in the order of their fixes (each
    /// inserts whole declarations or statements, so either order is valid).
    pub fn conflicts(&self, other: &Edit) -> bool {
        if self.file != other.file {
            return false;
        }
        let (a, b) = (&self.range, &other.range);
        if a.is_empty() && b.is_empty() {
            return false;
        }
        a.start == b.start || (a.start < b.end && b.start < a.end)
    }
}

/// Whether a fix is applied by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Applicability {
    /// Provably keeps behaviour: applied by `fix` and shown by `diff`.
    Safe,
    /// May change behaviour in some cases: applied only with `--unsafe`.
    Unsafe,
}

/// An import a fix relies on. The engine adds it (once per file) after the fix is applied.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ImportNeed {
    pub file: FileId,
    pub path: String,
    /// Alias to write (`None`: the package's own name is free and used).
    pub alias: Option<String>,
}

/// A fix: edits applied together, the imports they need, and the names they declare.
#[derive(Clone, Debug)]
pub struct Fix {
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
    pub imports: Vec<ImportNeed>,
    /// Names the fix claims for this pass: two fixes claiming the same name (a new
    /// package-level identifier, a local in one function, or a whole function that must
    /// be re-analysed after one fix) are never applied in the same pass.
    pub claims: Vec<String>,
}

impl Fix {
    pub fn new(applicability: Applicability, edits: Vec<Edit>) -> Fix {
        Fix {
            edits,
            applicability,
            imports: Vec::new(),
            claims: Vec::new(),
        }
    }

    pub fn safe(edits: Vec<Edit>) -> Fix {
        Fix::new(Applicability::Safe, edits)
    }

    pub fn unsafe_(edits: Vec<Edit>) -> Fix {
        Fix::new(Applicability::Unsafe, edits)
    }

    pub fn with_import(mut self, need: Option<ImportNeed>) -> Fix {
        if let Some(need) = need
            && !self.imports.contains(&need)
        {
            self.imports.push(need);
        }
        self
    }

    pub fn with_claim(mut self, claim: impl Into<String>) -> Fix {
        self.claims.push(claim.into());
        self
    }
}

/// Something a transform reports at a place in a file, with an optional fix.
#[derive(Clone, Debug)]
pub struct Finding {
    pub transform: &'static str,
    pub file: FileId,
    pub range: Range<usize>,
    pub message: String,
    pub fix: Option<Fix>,
}

/// Applies edits that do not conflict to `text` (edits for other files are ignored).
pub fn apply(text: &str, file: FileId, edits: &[&Edit]) -> String {
    let mut mine: Vec<&Edit> = edits.iter().copied().filter(|e| e.file == file).collect();
    // Stable: insertions at one point keep the order of their fixes.
    mine.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    for e in mine {
        debug_assert!(e.range.start >= pos, "overlapping edits reached apply()");
        out.push_str(&text[pos..e.range.start]);
        out.push_str(&e.content);
        pos = e.range.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Chooses, in order, the fixes that can be applied together in one pass: a fix whose edits
/// conflict with an already chosen fix's edits, or whose claims were already taken, waits
/// for the next pass.
pub fn select_compatible(fixes: &[&Fix]) -> Vec<usize> {
    let mut taken_edits = TakenEdits::default();
    let mut taken_claims: HashSet<&str> = HashSet::new();
    let mut chosen = Vec::new();
    for (i, fix) in fixes.iter().enumerate() {
        let edit_clash = fix.edits.iter().any(|e| taken_edits.conflicts(e));
        let self_clash = fix
            .edits
            .iter()
            .enumerate()
            .any(|(a, e)| fix.edits[a + 1..].iter().any(|f| e.conflicts(f)));
        let claim_clash = fix.claims.iter().any(|c| taken_claims.contains(c.as_str()));
        if edit_clash || self_clash || claim_clash {
            continue;
        }
        for e in &fix.edits {
            taken_edits.insert(e);
        }
        taken_claims.extend(fix.claims.iter().map(String::as_str));
        chosen.push(i);
    }
    chosen
}

/// Edits already chosen, by file and start, so that checking a new edit against them costs
/// a lookup rather than a scan (thousands of fixes in one file made selection quadratic).
#[derive(Default)]
struct TakenEdits<'f> {
    by_file: std::collections::HashMap<FileId, std::collections::BTreeMap<usize, Vec<&'f Edit>>>,
}

impl<'f> TakenEdits<'f> {
    fn insert(&mut self, e: &'f Edit) {
        self.by_file
            .entry(e.file)
            .or_default()
            .entry(e.range.start)
            .or_default()
            .push(e);
    }

    /// True when `e` conflicts with a taken edit. Taken edits never overlap one another, so
    /// ordered by start their ends never decrease: walking back from `e`'s end, the first
    /// one ending at or before `e`'s start ends the search.
    fn conflicts(&self, e: &Edit) -> bool {
        let Some(map) = self.by_file.get(&e.file) else {
            return false;
        };
        for (&start, list) in map.range(..=e.range.end).rev() {
            if list.iter().any(|t| t.conflicts(e)) {
                return true;
            }
            if start < e.range.start && list.iter().all(|t| t.range.end <= e.range.start) {
                return false;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_edits_in_order() {
        let a = Edit::replace(0, 0..1, "X");
        let b = Edit::insert(0, 3, "!");
        assert_eq!(apply("abc", 0, &[&b, &a]), "Xbc!");
    }

    #[test]
    fn overlapping_and_same_point_edits_conflict() {
        let a = Edit::replace(0, 2..5, "");
        assert!(a.conflicts(&Edit::replace(0, 4..6, "")));
        assert!(a.conflicts(&Edit::insert(0, 2, "x")));
        assert!(!a.conflicts(&Edit::insert(0, 5, "x")));
        assert!(!Edit::insert(0, 2, "x").conflicts(&Edit::insert(0, 2, "y")));
        assert!(!a.conflicts(&Edit::replace(1, 2..5, "")));
    }

    #[test]
    fn insertions_at_one_point_keep_fix_order() {
        let a = Edit::insert(0, 1, "A");
        let b = Edit::insert(0, 1, "B");
        assert_eq!(apply("xy", 0, &[&a, &b]), "xABy");
    }

    #[test]
    fn claims_defer_a_fix() {
        let f1 = Fix::safe(vec![Edit::insert(0, 0, "a")]).with_claim("pkg:x");
        let f2 = Fix::safe(vec![Edit::insert(0, 9, "b")]).with_claim("pkg:x");
        let f3 = Fix::safe(vec![Edit::insert(0, 5, "c")]);
        assert_eq!(select_compatible(&[&f1, &f2, &f3]), vec![0, 2]);
    }

    #[test]
    fn selection_finds_every_kind_of_conflict() {
        let fix = |edits: Vec<Edit>| Fix::safe(edits);
        let taken = fix(vec![
            Edit::replace(0, 10..20, "a"),
            Edit::insert(0, 30, "b"),
            Edit::replace(0, 40..50, "c"),
        ]);
        let cases = [
            (Edit::replace(0, 15..16, ""), true),
            (Edit::replace(0, 5..11, ""), true),
            (Edit::replace(0, 19..25, ""), true),
            (Edit::replace(0, 0..60, ""), true),
            (Edit::insert(0, 10, "x"), true),
            (Edit::insert(0, 15, "x"), true),
            (Edit::replace(0, 30..35, ""), true),
            (Edit::insert(0, 30, "x"), false),
            (Edit::insert(0, 20, "x"), false),
            (Edit::replace(0, 20..30, ""), false),
            (Edit::replace(0, 31..40, ""), false),
            (Edit::replace(0, 50..55, ""), false),
            (Edit::replace(1, 15..16, ""), false),
        ];
        for (e, conflicts) in cases {
            let other = fix(vec![e.clone()]);
            let chosen = select_compatible(&[&taken, &other]);
            assert_eq!(chosen.len() == 1, conflicts, "{e:?}");
            // The same answer as the pairwise definition.
            assert_eq!(
                taken.edits.iter().any(|t| t.conflicts(&e)),
                conflicts,
                "{e:?}"
            );
        }
    }
}
