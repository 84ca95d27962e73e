//! What a transform is: an id, a summary, its documentation (the doc comment of its file in
//! `transforms/`), options, and a function from a package to findings.

use std::sync::OnceLock;

use tree_sitter::Node;

use crate::edit::{FileId, Finding, Fix};
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
    Str,
}

impl OptionKind {
    pub fn name(self) -> &'static str {
        match self {
            OptionKind::Bool => "a boolean",
            OptionKind::Int => "an integer",
            OptionKind::Str => "a string",
        }
    }

    pub fn accepts(self, v: &toml::Value) -> bool {
        matches!(
            (self, v),
            (OptionKind::Bool, toml::Value::Boolean(_))
                | (OptionKind::Int, toml::Value::Integer(_))
                | (OptionKind::Str, toml::Value::String(_))
        )
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
            if cursor.goto_first_child() {
                loop {
                    let top = cursor.node();
                    if !crate::syntax::deeper_than(top, MAX_DEPTH) {
                        crate::syntax::walk(top, &mut push);
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

    /// A finding at `node` of `file`.
    pub fn finding(
        &self,
        file: FileId,
        node: Node,
        message: impl Into<String>,
        fix: Option<Fix>,
    ) -> Finding {
        Finding {
            transform: self.transform,
            file,
            range: node.byte_range(),
            message: message.into(),
            fix,
        }
    }
}
