//! What a transform is: an id, a summary, its documentation (the doc comment of its file in
//! `transforms/`), options, and a function from a package to findings.

use std::sync::OnceLock;

use tree_sitter::Node;

use crate::fixkit::edit::{FileId, Finding, Fix};
use crate::package::Package;

/// How deeply a top-level declaration may nest (syntax-tree levels) and still be analysed.
/// Name resolution walks up the tree from each identifier, and a tree-sitter node finds its
/// parent by walking down from the root, so the cost grows with the square of the depth:
/// a declaration nested deeper (a generated `s += x + x + … + x` of thousands of terms) is
/// skipped, with no finding, rather than analysed for minutes or recursed into without
/// bound. Hand-written Go stays far below: `check` finds exactly the same in the Go standard
/// library with and without the limit.
pub const MAX_DEPTH: usize = 256;

/// The type of a transform option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    Bool,
    Int,
    /// An integer no smaller than the bound.
    IntAtLeast(i64),
    Str,
    /// A string usable as a new Go identifier: not a keyword, not predeclared, not `_`.
    Ident,
    /// A string that keeps an identifier an identifier when appended to it: ASCII letters,
    /// digits and underscores (possibly none).
    IdentSuffix,
}

impl OptionKind {
    /// What the option accepts, for messages.
    pub fn name(self) -> String {
        match self {
            OptionKind::Bool => "a boolean".to_string(),
            OptionKind::Int => "an integer".to_string(),
            OptionKind::IntAtLeast(min) => format!("an integer of at least {min}"),
            OptionKind::Str => "a string".to_string(),
            OptionKind::Ident => {
                "a Go identifier (not a keyword or predeclared name, not `_`)".to_string()
            }
            OptionKind::IdentSuffix => {
                "a string of ASCII letters, digits and underscores".to_string()
            }
        }
    }

    /// Checks a configured value: `Err` says what is wrong with it.
    pub fn check(self, v: &toml::Value) -> Result<(), String> {
        let ok = match (self, v) {
            (OptionKind::Bool, toml::Value::Boolean(_))
            | (OptionKind::Int, toml::Value::Integer(_))
            | (OptionKind::Str, toml::Value::String(_)) => true,
            (OptionKind::IntAtLeast(min), toml::Value::Integer(n)) => *n >= min,
            (OptionKind::Ident, toml::Value::String(s)) => {
                let mut chars = s.chars();
                chars
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                    && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && s != "_"
                    && !crate::golang::KEYWORDS.contains(&s.as_str())
                    && !crate::analysis::resolve::is_predeclared_name(s)
            }
            (OptionKind::IdentSuffix, toml::Value::String(s)) => {
                s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            }
            _ => false,
        };
        if ok {
            return Ok(());
        }
        let found = match v {
            toml::Value::String(s) => format!("{s:?}"),
            toml::Value::Integer(n) => n.to_string(),
            other => other.type_str().to_string(),
        };
        Err(format!("must be {}, found {found}", self.name()))
    }
}

/// One option of a transform, settable in `[transforms.<id>]`.
#[derive(Debug)]
pub struct OptionSpec {
    pub name: &'static str,
    pub kind: OptionKind,
    /// The default as a TOML value literal (`false`, `5`, `"RE"`).
    pub default: &'static str,
    pub doc: &'static str,
}

/// A transform of the catalogue.
pub struct TransformDef {
    pub id: &'static str,
    pub summary: &'static str,
    /// How its fixes are applied: e.g. "safe", "safe; unsafe for …", "finding only".
    pub fix_safety: &'static str,
    /// The text of its source file; the leading `//!` comment is its documentation.
    pub source: &'static str,
    pub options: &'static [OptionSpec],
    /// Substrings without which a file cannot hold the pattern (e.g. `MustCompile`): files
    /// containing none of them are not analysed at all. Empty: every file is analysed.
    pub needles: &'static [&'static str],
    /// A design finding that only matters on a hot path (boxing in a loop, a buffer per
    /// call…): not run by default, since the syntax cannot tell a hot loop from a cold
    /// one. It runs when selected by name (`--select`, `select` in the configuration) or
    /// under `--profile`, which keeps only the functions the profile shows hot.
    pub opt_in: bool,
    pub run: fn(&Ctx) -> Vec<Finding>,
}

impl TransformDef {
    /// The transform's documentation: its file's `//!` doc comment.
    pub fn doc(&self) -> String {
        let mut out = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                if line.trim().is_empty() && out.is_empty() {
                    continue;
                }
                break;
            };
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
        out
    }
}

/// Resolved option values for one transform.
pub type Options = toml::Table;

/// What a transform sees while it runs over one package.
pub struct Ctx<'a> {
    pub pkg: &'a Package,
    pub transform: &'static str,
    pub options: &'a Options,
    defaults: &'static [OptionSpec],
    needles: &'static [&'static str],
    kinds: &'a [OnceLock<Vec<Vec<Node<'a>>>>],
    /// Restricts the run to one file (used to find which file a panic came from).
    only: Option<FileId>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        pkg: &'a Package,
        def: &'static TransformDef,
        options: &'a Options,
        kinds: &'a [OnceLock<Vec<Vec<Node<'a>>>>],
    ) -> Ctx<'a> {
        Ctx {
            pkg,
            transform: def.id,
            options,
            defaults: def.options,
            needles: def.needles,
            kinds,
            only: None,
        }
    }

    /// The same context, restricted to `file`.
    pub fn only(mut self, file: FileId) -> Ctx<'a> {
        self.only = Some(file);
        self
    }

    /// Files this transform may report on and edit (and that contain one of its needles).
    pub fn files(&self) -> impl Iterator<Item = FileId> + '_ {
        self.pkg
            .files_for(self.transform)
            .filter(|(id, f)| {
                self.only.is_none_or(|o| o == *id)
                    // A file outside the package build (`//go:build ignore`, a program
                    // beside a library) is a one-shot program: rewriting it is churn,
                    // and `go build`/`go vet` of the package would not check it.
                    && !self.pkg.outside_build(*id)
                    && (self.needles.is_empty()
                        || self.needles.iter().any(|n| f.src.text.contains(n)))
            })
            .map(|(id, f)| {
                crate::guard::stage(self.transform, &f.src.path);
                crate::guard::injected(self.transform, &f.src.path);
                id
            })
    }

    pub fn src(&self, file: FileId) -> &'a str {
        &self.pkg.files[file].src.text
    }

    /// Every node of `kind` in `file`, in document order (computed once per pass and shared
    /// by all transforms). Top-level declarations nested deeper than [`MAX_DEPTH`] are left
    /// out: they are not analysed at all.
    pub fn nodes(&self, file: FileId, kind: &str) -> &[Node<'a>] {
        let pkg: &'a Package = self.pkg;
        let lang: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
        let by_kind = self.kinds[file].get_or_init(|| {
            let mut by_kind: Vec<Vec<Node<'a>>> = vec![Vec::new(); lang.node_kind_count()];
            let mut push = |n: Node<'a>| {
                if n.is_named()
                    && let Some(list) = by_kind.get_mut(usize::from(n.kind_id()))
                {
                    list.push(n);
                }
            };
            let root = pkg.files[file].src.root();
            push(root);
            let mut cursor = root.walk();
            let mut nodes = Vec::new();
            if cursor.goto_first_child() {
                loop {
                    // One walk per declaration: its nodes are kept unless it is too deep.
                    nodes.clear();
                    if crate::syntax::walk_within(cursor.node(), MAX_DEPTH, |n| {
                        if n.is_named() {
                            nodes.push(n);
                        }
                    }) {
                        nodes.iter().for_each(|n| push(*n));
                    }
                    if !cursor.goto_next_sibling() {
                        break;
                    }
                }
            }
            by_kind
        });
        let id = lang.id_for_node_kind(kind, true);
        by_kind.get(usize::from(id)).map_or(&[], Vec::as_slice)
    }

    fn option(&self, name: &str) -> toml::Value {
        if let Some(v) = self.options.get(name) {
            return v.clone();
        }
        let spec = self
            .defaults
            .iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("transform {} has no option {name}", self.transform));
        toml::from_str::<toml::Table>(&format!("v = {}", spec.default))
            .ok()
            .and_then(|mut t| t.remove("v"))
            .unwrap_or_else(|| panic!("bad default for option {name}"))
    }

    pub fn opt_bool(&self, name: &str) -> bool {
        self.option(name).as_bool().unwrap_or(false)
    }

    pub fn opt_int(&self, name: &str) -> i64 {
        self.option(name).as_integer().unwrap_or(0)
    }

    pub fn opt_str(&self, name: &str) -> String {
        self.option(name).as_str().unwrap_or("").to_string()
    }

    /// A finding at `node` of `file`. In a package whose names are not all known (a file
    /// of it cannot be read), a fix declaring a package-level name (a [`Claim::PackageName`](crate::fixkit::edit::Claim::PackageName))
    /// could clash with a declaration in that file: the finding is kept, without the fix.
    pub fn finding(
        &self,
        file: FileId,
        node: Node,
        message: impl Into<String>,
        fix: Option<Fix>,
    ) -> Finding {
        let mut message = message.into();
        let fix = match (fix, &self.pkg.incomplete) {
            (Some(fix), Some(why)) if fix.declares_package_name() => {
                message.push_str(&format!(" (no automatic fix: {why})"));
                None
            }
            (fix, _) => fix,
        };
        Finding {
            transform: self.transform,
            file,
            range: node.byte_range(),
            message,
            fix,
        }
    }
}
