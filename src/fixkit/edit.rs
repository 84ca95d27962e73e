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
    /// What the fix claims for this pass: two fixes making the same claim are never applied
    /// in the same pass.
    pub claims: Vec<Claim>,
    /// The fix must also edit the package's own `_test.go` files, even when the run does not
    /// process tests (`--include-tests` off): without those edits the tests would stop
    /// compiling (a type changed across the package). See [`Fix::with_test_files`].
    pub edits_tests: bool,
}

/// Something only one fix may take in a pass; the others wait for the next pass, which
/// sees the first fix's result.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Claim {
    /// A new package-level identifier the fix declares.
    PackageName(String),
    /// A whole function that `transform` must re-analyse after one of its fixes
    /// (`start`: the function's first byte).
    Function {
        transform: &'static str,
        file: FileId,
        start: usize,
    },
    /// A local `name` of the function starting at `func` whose declaration the fix changes.
    Local { func: usize, name: String },
    /// The declaration starting at `at` that the fix rewrites or reads.
    Declaration { file: FileId, at: usize },
    /// The blank line a fix inserts at `at` to separate a new package-level declaration
    /// from the one above (the next pass finds it there).
    BlankLine { file: FileId, at: usize },
    /// A value hoisted to package level, by its text: one declaration per value and pass.
    HoistedValue(String),
}

impl Fix {
    pub fn new(applicability: Applicability, edits: Vec<Edit>) -> Fix {
        Fix {
            edits,
            applicability,
            imports: Vec::new(),
            claims: Vec::new(),
            edits_tests: false,
        }
    }

    /// Marks the fix as one that edits the package's `_test.go` files too: the engine then
    /// applies it to a test file the run did not ask for (parsed, not generated), and writes
    /// that file with the rest of the package. Only for changes the tests cannot be left out
    /// of (a type's shape changed everywhere it is spelled).
    pub fn with_test_files(mut self) -> Fix {
        self.edits_tests = true;
        self
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

    pub fn with_claim(mut self, claim: Claim) -> Fix {
        self.claims.push(claim);
        self
    }

    /// True when the fix declares a new package-level identifier.
    pub fn declares_package_name(&self) -> bool {
        self.claims
            .iter()
            .any(|c| matches!(c, Claim::PackageName(_)))
    }
}

/// Builds a [`Fix`] in one file: its edits, the imports they need and its claims.
#[derive(Clone, Debug)]
pub struct FixBuilder {
    file: FileId,
    edits: Vec<Edit>,
    imports: Vec<ImportNeed>,
    claims: Vec<Claim>,
}

impl FixBuilder {
    pub fn new(file: FileId) -> FixBuilder {
        FixBuilder {
            file,
            edits: Vec::new(),
            imports: Vec::new(),
            claims: Vec::new(),
        }
    }

    pub fn file(&self) -> FileId {
        self.file
    }

    /// Replaces `range` with `content`.
    pub fn replace(&mut self, range: Range<usize>, content: impl Into<String>) -> &mut Self {
        self.edit(Edit::replace(self.file, range, content))
    }

    /// Inserts `content` at `at`.
    pub fn insert(&mut self, at: usize, content: impl Into<String>) -> &mut Self {
        self.edit(Edit::insert(self.file, at, content))
    }

    /// Deletes `range`.
    pub fn delete(&mut self, range: Range<usize>) -> &mut Self {
        self.edit(Edit::delete(self.file, range))
    }

    /// Adds an edit made elsewhere (it may be in another file).
    pub fn edit(&mut self, edit: Edit) -> &mut Self {
        self.edits.push(edit);
        self
    }

    /// The import the edits rely on, if any (added once).
    pub fn import(&mut self, need: Option<ImportNeed>) -> &mut Self {
        if let Some(need) = need
            && !self.imports.contains(&need)
        {
            self.imports.push(need);
        }
        self
    }

    pub fn claim(&mut self, claim: Claim) -> &mut Self {
        self.claims.push(claim);
        self
    }

    /// Claims every one of `claims`.
    pub fn claims(&mut self, claims: impl IntoIterator<Item = Claim>) -> &mut Self {
        self.claims.extend(claims);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    pub fn build(self, applicability: Applicability) -> Fix {
        Fix {
            edits: self.edits,
            applicability,
            imports: self.imports,
            claims: self.claims,
            edits_tests: false,
        }
    }

    pub fn safe(self) -> Fix {
        self.build(Applicability::Safe)
    }

    pub fn unsafe_(self) -> Fix {
        self.build(Applicability::Unsafe)
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

/// The text of `src` (file `file`) with the edits of `edits` that are its own applied, as
/// [`apply`] does; its tree, parsed incrementally from the old one (only the edited regions
/// are parsed again); and the ranges of the new text the edits wrote.
pub fn apply_reparsed(
    src: &crate::source::SourceFile,
    file: FileId,
    edits: &[&Edit],
) -> (String, tree_sitter::Tree, Vec<Range<usize>>) {
    let text = apply(&src.text, file, edits);
    // The edits as `apply` made them (its order: by start, then end).
    let mut mine: Vec<&Edit> = edits.iter().copied().filter(|e| e.file == file).collect();
    mine.sort_by_key(|e| (e.range.start, e.range.end));
    let pieces = || mine.iter().map(|e| (e.range.clone(), e.content.as_str()));
    let tree = crate::source::reparse(&src.text, src.tree(), pieces(), &text);
    #[cfg(debug_assertions)]
    crate::source::assert_same_tree(&tree, &crate::source::parse(&text));
    let edited = crate::source::edited_ranges(pieces());
    (text, tree, edited)
}

/// [`apply_reparsed`], replacing the text and tree of `src`.
pub fn apply_in_place(src: &mut crate::source::SourceFile, file: FileId, edits: &[&Edit]) {
    let (text, tree, _) = apply_reparsed(src, file, edits);
    src.set_parsed(text, tree);
}

/// Chooses, in order, the fixes that can be applied together in one pass: a fix whose edits
/// conflict with an already chosen fix's edits, or whose claims were already taken, waits
/// for the next pass.
pub fn select_compatible(fixes: &[&Fix]) -> Vec<usize> {
    let mut taken_edits = TakenEdits::default();
    let mut taken_claims: HashSet<&Claim> = HashSet::new();
    let mut chosen = Vec::new();
    for (i, fix) in fixes.iter().enumerate() {
        let edit_clash = fix.edits.iter().any(|e| taken_edits.conflicts(e));
        let self_clash = fix
            .edits
            .iter()
            .enumerate()
            .any(|(a, e)| fix.edits[a + 1..].iter().any(|f| e.conflicts(f)));
        let claim_clash = fix.claims.iter().any(|c| taken_claims.contains(c));
        if edit_clash || self_clash || claim_clash {
            continue;
        }
        for e in &fix.edits {
            taken_edits.insert(e);
        }
        taken_claims.extend(fix.claims.iter());
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
        let x = || Claim::PackageName("x".into());
        let f1 = Fix::safe(vec![Edit::insert(0, 0, "a")]).with_claim(x());
        let f2 = Fix::safe(vec![Edit::insert(0, 9, "b")]).with_claim(x());
        let f3 = Fix::safe(vec![Edit::insert(0, 5, "c")]);
        assert_eq!(select_compatible(&[&f1, &f2, &f3]), vec![0, 2]);
    }

    #[test]
    fn claims_of_different_kinds_or_places_do_not_clash() {
        let func = |transform, file| Claim::Function {
            transform,
            file,
            start: 7,
        };
        let claims = [
            Claim::PackageName("x".into()),
            Claim::HoistedValue("x".into()),
            func("a", 0),
            func("a", 1),
            func("b", 0),
            Claim::Local {
                func: 7,
                name: "x".into(),
            },
            Claim::Declaration { file: 0, at: 7 },
            Claim::BlankLine { file: 0, at: 7 },
        ];
        let fixes: Vec<Fix> = claims
            .iter()
            .enumerate()
            .map(|(i, c)| Fix::safe(vec![Edit::insert(0, i, "a")]).with_claim(c.clone()))
            .collect();
        let refs: Vec<&Fix> = fixes.iter().collect();
        assert_eq!(
            select_compatible(&refs),
            (0..claims.len()).collect::<Vec<_>>()
        );
        let again = Fix::safe(vec![Edit::insert(0, 99, "a")]).with_claim(func("a", 1));
        assert_eq!(select_compatible(&[&fixes[3], &again]), vec![0]);
    }

    #[test]
    fn the_builder_collects_edits_imports_and_claims() {
        let need = ImportNeed {
            file: 2,
            path: "strings".into(),
            alias: None,
        };
        let mut b = FixBuilder::new(2);
        b.replace(0..3, "x")
            .insert(5, "y")
            .delete(7..9)
            .import(Some(need.clone()))
            .import(Some(need.clone()))
            .import(None)
            .claim(Claim::PackageName("x".into()));
        let fix = b.unsafe_();
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert_eq!(
            fix.edits,
            vec![
                Edit::replace(2, 0..3, "x"),
                Edit::insert(2, 5, "y"),
                Edit::delete(2, 7..9)
            ]
        );
        assert_eq!(fix.imports, vec![need]);
        assert!(fix.declares_package_name());
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
