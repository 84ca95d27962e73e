//! What a transform is: a [`Rule`] — its declaration ([`Meta`]: id, summary, typed fix
//! availability, prefilter of needles and node kinds; its documentation is the doc comment
//! of its file in `transforms/`), its typed options (checked when the configuration loads),
//! and a function from a package to findings — registered as a [`TransformDef`].

use std::any::Any;
use std::sync::{Arc, OnceLock};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tree_sitter::Node;

use crate::fixkit::edit::{Applicability, FileId, Finding, Fix};
use crate::package::Package;

/// How deeply a top-level declaration may nest (syntax-tree levels) and still be analysed.
/// Name resolution walks up the tree from each identifier, and a tree-sitter node finds its
/// parent by walking down from the root, so the cost grows with the square of the depth:
/// a declaration nested deeper (a generated `s += x + x + … + x` of thousands of terms) is
/// skipped, with no finding, rather than analysed for minutes or recursed into without
/// bound. Hand-written Go stays far below: `check` finds exactly the same in the Go standard
/// library with and without the limit.
pub const MAX_DEPTH: usize = 256;

/// Which fixes a rule offers (its findings may always come without one: where the syntax
/// cannot prove a rewrite right, in a package allocfix cannot read whole, or where gofmt
/// would realign comments). `allocfix list`, `explain`, SARIF rule metadata and the README
/// table say it in the words of [`FixAvailability::label`], and the golden harness checks it
/// against the fixes each rule offers on its golden cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAvailability {
    /// Findings only: the rule never offers a fix.
    None,
    /// Every fix it offers is safe (`fix` applies it).
    Safe,
    /// Every fix it offers is unsafe (applied only with `--unsafe`).
    Unsafe,
    /// Safe fixes, and unsafe ones where the rewrite may change what the program does.
    SafeAndUnsafe,
}

impl FixAvailability {
    /// Every availability, for tables and tests.
    pub const ALL: [FixAvailability; 4] = [
        FixAvailability::None,
        FixAvailability::Safe,
        FixAvailability::Unsafe,
        FixAvailability::SafeAndUnsafe,
    ];

    /// The words `list`, `explain` and the README use.
    pub fn label(self) -> &'static str {
        match self {
            FixAvailability::None => "finding only",
            FixAvailability::Safe => "safe",
            FixAvailability::Unsafe => "unsafe fix (--unsafe)",
            FixAvailability::SafeAndUnsafe => "safe or unsafe",
        }
    }

    /// A machine-readable name (SARIF `properties.fixAvailability`).
    pub fn id(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Safe => "safe",
            FixAvailability::Unsafe => "unsafe",
            FixAvailability::SafeAndUnsafe => "safe-and-unsafe",
        }
    }

    /// True when a rule of this availability may offer a fix of `applicability`.
    pub fn offers(self, applicability: Applicability) -> bool {
        matches!(
            (self, applicability),
            (
                FixAvailability::Safe | FixAvailability::SafeAndUnsafe,
                Applicability::Safe
            ) | (
                FixAvailability::Unsafe | FixAvailability::SafeAndUnsafe,
                Applicability::Unsafe
            )
        )
    }

    /// The availability of a rule seen offering safe and/or unsafe fixes.
    pub fn of(safe: bool, unsafe_fixes: bool) -> FixAvailability {
        match (safe, unsafe_fixes) {
            (false, false) => FixAvailability::None,
            (true, false) => FixAvailability::Safe,
            (false, true) => FixAvailability::Unsafe,
            (true, true) => FixAvailability::SafeAndUnsafe,
        }
    }
}

/// The options of a rule: a `#[derive(Serialize, Deserialize)]` struct with
/// `#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]`, declared in the
/// rule's file, whose `Default` is the documented default and whose fields' `///` doc
/// comments document the options (`allocfix explain` prints them; see
/// [`TransformDef::options`]). Values that would not work are rejected when the
/// configuration loads, by the field types ([`GoIdent`], [`IdentSuffix`], [`AtLeast`]).
pub trait RuleOptions:
    Default + Serialize + DeserializeOwned + Send + Sync + std::fmt::Debug + 'static
{
}

impl<T> RuleOptions for T where
    T: Default + Serialize + DeserializeOwned + Send + Sync + std::fmt::Debug + 'static
{
}

/// The options of a rule that has none: any key is an unknown option.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

/// What a rule declares about itself.
#[derive(Clone, Copy, Debug)]
pub struct Meta {
    pub id: &'static str,
    pub summary: &'static str,
    /// Which fixes it offers.
    pub fix: FixAvailability,
    /// When which fix (or none) is offered, in a few words (`explain` prints it after the
    /// label of `fix`).
    pub fix_note: &'static str,
    /// The text of its source file; the leading `//!` comment is its documentation, the
    /// doc comments of its options struct's fields document the options.
    pub source: &'static str,
    /// Substrings without which a file cannot hold the pattern (e.g. `MustCompile`): files
    /// containing none of them are not analysed at all. Empty: every file is analysed.
    pub needles: &'static [&'static str],
    /// Syntax node kinds without which a file cannot hold the pattern: the kinds whose
    /// nodes the rule starts from (`ctx.nodes(file, kind)`). A file with none of them is
    /// skipped, and a package with no such file is not run at all. Empty: no filter.
    pub node_kinds: &'static [&'static str],
    /// A design finding that only matters on a hot path (boxing in a loop, a buffer per
    /// call…): not run by default, since the syntax cannot tell a hot loop from a cold
    /// one. It runs when selected by name (`--select`, `select` in the configuration) or
    /// under `--profile`, which keeps only the functions the profile shows hot.
    pub opt_in: bool,
}

/// A rule of the catalogue: what it declares, its typed options, and its run over one
/// package. Registered as a [`TransformDef`] with [`TransformDef::of`].
pub trait Rule: 'static {
    /// Its options (`[transforms.<id>]`), or [`NoOptions`].
    type Options: RuleOptions;
    const META: Meta;
    /// Its findings in the package `ctx` holds, with the configured options.
    fn run(ctx: &Ctx, options: &Self::Options) -> Vec<Finding>;
}

/// Options of one transform as the configuration set them, checked and typed (the
/// transform's [`Rule::Options`]).
#[derive(Clone)]
pub struct OptionValues(Arc<dyn Any + Send + Sync>);

impl OptionValues {
    /// Options set in code (tests): `options` must be the transform's [`Rule::Options`].
    pub fn of<O: RuleOptions>(options: O) -> OptionValues {
        OptionValues(Arc::new(options))
    }
}

impl std::fmt::Debug for OptionValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OptionValues(..)")
    }
}

/// One option of a transform, as `explain` and the configuration checks show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionDoc {
    /// Its key in `[transforms.<id>]`.
    pub name: String,
    /// Its default, as a TOML value (`false`, `5`, `"RE"`).
    pub default: String,
    /// Its field's doc comment.
    pub doc: String,
}

/// A transform of the catalogue: a [`Rule`]'s declaration with its options and run
/// erased, so that the catalogue is one list. Its [`Meta`] fields read through it
/// (`def.id`, `def.needles`).
pub struct TransformDef {
    pub meta: Meta,
    options_type: fn() -> &'static str,
    default_options: fn() -> toml::Table,
    parse_options: fn(toml::Table) -> Result<OptionValues, String>,
    options_table: fn(&OptionValues) -> toml::Table,
    run: fn(&Ctx, Option<&OptionValues>) -> Vec<Finding>,
}

impl std::ops::Deref for TransformDef {
    type Target = Meta;

    fn deref(&self) -> &Meta {
        &self.meta
    }
}

/// The typed options `values` holds; they were built by [`parse_options`] or
/// [`OptionValues::of`] for this `O`, so anything else is a bug.
fn typed<O: RuleOptions>(values: &OptionValues) -> &O {
    values
        .0
        .downcast_ref::<O>()
        .unwrap_or_else(|| panic!("options are not a {}", std::any::type_name::<O>()))
}

fn run_rule<R: Rule>(ctx: &Ctx, options: Option<&OptionValues>) -> Vec<Finding> {
    match options {
        None => R::run(ctx, &R::Options::default()),
        Some(values) => R::run(ctx, typed::<R::Options>(values)),
    }
}

fn default_options<O: RuleOptions>() -> toml::Table {
    match toml::Value::try_from(O::default()) {
        Ok(toml::Value::Table(t)) => t,
        other => panic!(
            "the default {} is not a table: {other:?}",
            std::any::type_name::<O>()
        ),
    }
}

fn options_table<O: RuleOptions>(options: &OptionValues) -> toml::Table {
    let options = typed::<O>(options);
    match toml::Value::try_from(options) {
        Ok(toml::Value::Table(t)) => t,
        other => panic!("{options:?} is not a table: {other:?}"),
    }
}

fn parse_options<O: RuleOptions>(table: toml::Table) -> Result<OptionValues, String> {
    toml::Value::Table(table)
        .try_into::<O>()
        .map(|o| OptionValues(Arc::new(o)))
        .map_err(|e| e.message().trim().to_string())
}

impl TransformDef {
    /// The registration of rule `R`.
    pub const fn of<R: Rule>() -> TransformDef {
        TransformDef {
            meta: R::META,
            options_type: std::any::type_name::<R::Options>,
            default_options: default_options::<R::Options>,
            parse_options: parse_options::<R::Options>,
            options_table: options_table::<R::Options>,
            run: run_rule::<R>,
        }
    }

    /// Runs the rule over the package of `ctx` with `options` (its defaults when `None`).
    pub fn run(&self, ctx: &Ctx, options: Option<&OptionValues>) -> Vec<Finding> {
        (self.run)(ctx, options)
    }

    /// How its fixes are applied, in words: the label of [`TransformDef::fix`] and the note.
    pub fn fix_safety(&self) -> String {
        if self.fix_note.is_empty() {
            self.fix.label().to_string()
        } else {
            format!("{} — {}", self.fix.label(), self.fix_note)
        }
    }

    /// Its options in the order its options struct declares them, each with its default
    /// (`Default` of the struct, serialised) and its doc (the field's doc comment in the
    /// rule's source).
    pub fn options(&self) -> Vec<OptionDoc> {
        let defaults = (self.default_options)();
        if defaults.is_empty() {
            return Vec::new();
        }
        let type_name = (self.options_type)();
        let name = type_name.rsplit("::").next().unwrap_or(type_name);
        let mut fields = struct_field_docs(self.source, name);
        // A field the source scan missed is still an option: listed last, undocumented.
        for key in defaults.keys() {
            if !fields.iter().any(|(n, _)| n == key) {
                fields.push((key.clone(), String::new()));
            }
        }
        fields
            .into_iter()
            .filter_map(|(name, doc)| {
                let default = defaults.get(&name)?.to_string();
                Some(OptionDoc { name, default, doc })
            })
            .collect()
    }

    /// The options in effect, as a `[transforms.<id>]` table (every key, set or default).
    pub fn options_table(&self, options: &OptionValues) -> toml::Table {
        (self.options_table)(options)
    }

    /// Checks the value of one option: `Err` says what is wrong with it (`must be …`).
    /// The key must be one of [`TransformDef::options`].
    pub fn check_option(&self, key: &str, value: &toml::Value) -> Result<(), String> {
        let mut one = toml::Table::new();
        one.insert(key.to_string(), value.clone());
        (self.parse_options)(one).map(|_| ()).map_err(|message| {
            // serde says "invalid type: integer `1`, expected a boolean" and "invalid
            // value: …, expected …": say what is expected and show the value as written.
            let expected = ["invalid type: ", "invalid value: "]
                .iter()
                .find_map(|p| message.strip_prefix(p))
                .and_then(|rest| rest.split_once(", expected "))
                .map(|(_, expected)| expected.to_string());
            match expected {
                Some(expected) => format!("must be {expected}, found {}", shown(value)),
                None => message,
            }
        })
    }

    /// The typed options of a `[transforms.<id>]` table whose keys and values are checked.
    pub fn parse_options(&self, table: toml::Table) -> Result<OptionValues, String> {
        (self.parse_options)(table)
    }

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

/// A configured value as a message shows it: a string quoted, a number as written, any
/// other value by its type.
fn shown(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("{s:?}"),
        toml::Value::Integer(n) => n.to_string(),
        other => other.type_str().to_string(),
    }
}

/// The fields of `struct <name> { … }` in the Rust source `source`, each with its `///`
/// doc comment (lines joined), named as serde's `rename_all = "kebab-case"` names them.
fn struct_field_docs(source: &str, name: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = source.lines().skip_while(|l| {
        let l = l.trim_start();
        let l = l.strip_prefix("pub ").unwrap_or(l);
        l.strip_prefix("struct ")
            .and_then(|rest| rest.strip_prefix(name))
            .is_none_or(|rest| rest.trim() != "{")
    });
    lines.next();
    let mut doc: Vec<&str> = Vec::new();
    for line in lines {
        let line = line.trim();
        if line.starts_with('}') {
            break;
        }
        if let Some(d) = line.strip_prefix("///") {
            doc.push(d.trim());
        } else if line.starts_with("#[") || line.is_empty() {
            continue;
        } else if let Some((field, _)) = line.split_once(':') {
            let field = field.trim();
            let field = field.strip_prefix("pub ").unwrap_or(field).trim();
            out.push((field.replace('_', "-"), doc.join(" ")));
            doc.clear();
        }
    }
    out
}

/// A string usable as a new Go identifier: not a keyword, not predeclared, not `_`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct GoIdent(String);

impl GoIdent {
    const EXPECTED: &'static str = "a Go identifier (not a keyword or predeclared name, not `_`)";

    /// `s` if it is one.
    pub fn new(s: &str) -> Option<GoIdent> {
        let mut chars = s.chars();
        let ok = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            && s != "_"
            && !crate::golang::KEYWORDS.contains(&s)
            && !crate::analysis::resolve::is_predeclared_name(s);
        ok.then(|| GoIdent(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A string that keeps an identifier an identifier when appended to it: ASCII letters,
/// digits and underscores (possibly none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct IdentSuffix(String);

impl IdentSuffix {
    const EXPECTED: &'static str = "a string of ASCII letters, digits and underscores";

    /// `s` if it is one.
    pub fn new(s: &str) -> Option<IdentSuffix> {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
            .then(|| IdentSuffix(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Reads a string option: `check` accepts it, `expected` describes it in messages.
struct StrVisitor<T> {
    expected: &'static str,
    check: fn(&str) -> Option<T>,
}

impl<T> serde::de::Visitor<'_> for StrVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.expected)
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<T, E> {
        (self.check)(s)
            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(s), &self.expected))
    }
}

impl<'de> Deserialize<'de> for GoIdent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor {
            expected: GoIdent::EXPECTED,
            check: GoIdent::new,
        })
    }
}

impl<'de> Deserialize<'de> for IdentSuffix {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor {
            expected: IdentSuffix::EXPECTED,
            check: IdentSuffix::new,
        })
    }
}

/// A count no smaller than `MIN`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct AtLeast<const MIN: usize>(usize);

impl<const MIN: usize> AtLeast<MIN> {
    /// `n` if it is at least `MIN`.
    pub const fn new(n: usize) -> Option<AtLeast<MIN>> {
        if n >= MIN { Some(AtLeast(n)) } else { None }
    }

    pub const fn get(self) -> usize {
        self.0
    }
}

impl<'de, const MIN: usize> Deserialize<'de> for AtLeast<MIN> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Count<const MIN: usize>;
        impl<const MIN: usize> serde::de::Visitor<'_> for Count<MIN> {
            type Value = AtLeast<MIN>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "an integer of at least {MIN}")
            }

            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<AtLeast<MIN>, E> {
                usize::try_from(n)
                    .ok()
                    .and_then(AtLeast::new)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Signed(n), &self))
            }

            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<AtLeast<MIN>, E> {
                usize::try_from(n)
                    .ok()
                    .and_then(AtLeast::new)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Unsigned(n), &self))
            }
        }
        d.deserialize_i64(Count::<MIN>)
    }
}
/// What a transform sees while it runs over one package.
pub struct Ctx<'a> {
    pub pkg: &'a Package,
    pub transform: &'static str,
    needles: &'static [&'static str],
    node_kinds: &'static [&'static str],
    /// The files that pass the prefilter, found once.
    admitted: std::cell::OnceCell<Vec<FileId>>,
    kinds: &'a [OnceLock<Vec<Vec<Node<'a>>>>],
    /// Restricts the run to these files (sorted): one, to find which file a panic came
    /// from, or the files a fix pass changed (see [`Ctx::within`]).
    only: Option<Vec<FileId>>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        pkg: &'a Package,
        def: &'static TransformDef,
        kinds: &'a [OnceLock<Vec<Vec<Node<'a>>>>],
    ) -> Ctx<'a> {
        Ctx {
            pkg,
            transform: def.id,
            needles: def.needles,
            node_kinds: def.node_kinds,
            admitted: std::cell::OnceCell::new(),
            kinds,
            only: None,
        }
    }

    /// The same context, restricted to `file`.
    pub fn only(self, file: FileId) -> Ctx<'a> {
        self.within(Some(vec![file]))
    }

    /// The same context, restricted to `files` when given (the files a fix pass must
    /// analyse again: the engine's later passes leave the others as they were).
    pub fn within(mut self, files: Option<Vec<FileId>>) -> Ctx<'a> {
        self.only = files.map(|mut f| {
            f.sort_unstable();
            f
        });
        self.admitted = std::cell::OnceCell::new();
        self
    }

    /// Files this transform may report on and edit (and that contain one of its needles and
    /// a node of one of its node kinds).
    pub fn files(&self) -> impl Iterator<Item = FileId> + '_ {
        self.admitted().iter().map(|&id| {
            let path = &self.pkg.files[id].src.path;
            crate::guard::stage(self.transform, path);
            crate::guard::injected(self.transform, path);
            id
        })
    }

    fn admitted(&self) -> &[FileId] {
        self.admitted.get_or_init(|| {
            self.pkg
                .files_for(self.transform)
                .filter(|(id, _)| self.admits(*id))
                .map(|(id, _)| id)
                .collect()
        })
    }

    /// True when some file of the package passes [`Ctx::files`]' filter: otherwise the
    /// transform has nothing to look at and is not run.
    pub fn any_file(&self) -> bool {
        !self.admitted().is_empty()
    }

    /// The prefilter of [`Ctx::files`]: cheapest test first.
    fn admits(&self, id: FileId) -> bool {
        let text = &self.pkg.files[id].src.text;
        self.only.as_ref().is_none_or(|o| o.binary_search(&id).is_ok())
            // A file outside the package build (`//go:build ignore`, a program beside a
            // library) is a one-shot program: rewriting it is churn, and `go build`/`go
            // vet` of the package would not check it.
            && !self.pkg.outside_build(id)
            && (self.needles.is_empty() || self.needles.iter().any(|n| text.contains(n)))
            && (self.node_kinds.is_empty()
                || self.node_kinds.iter().any(|k| !self.nodes(id, k).is_empty()))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every option is a field of the rule's options struct with a doc comment, named as
    /// serde names it, with a default that reads back as the struct's `Default`.
    #[test]
    fn option_docs_and_defaults_come_from_the_options_struct() {
        let mut with_options = 0;
        for def in crate::transforms::ALL {
            let defaults = (def.default_options)();
            let docs = def.options();
            let mut names: Vec<&str> = docs.iter().map(|o| o.name.as_str()).collect();
            let scanned = struct_field_docs(
                def.source,
                (def.options_type)().rsplit("::").next().unwrap_or(""),
            );
            assert_eq!(
                scanned.len(),
                defaults.len(),
                "{}: the doc scan of {} finds {scanned:?}, serde {:?}",
                def.id,
                (def.options_type)(),
                defaults.keys().collect::<Vec<_>>()
            );
            for o in &docs {
                assert!(!o.doc.is_empty(), "{}: `{}` has no doc", def.id, o.name);
                let value: toml::Value =
                    toml::from_str::<toml::Table>(&format!("v = {}", o.default))
                        .expect("a TOML value")["v"]
                        .clone();
                def.check_option(&o.name, &value)
                    .unwrap_or_else(|e| panic!("{}: default of {}: {e}", def.id, o.name));
            }
            names.sort_unstable();
            let mut keys: Vec<&str> = defaults.keys().map(String::as_str).collect();
            keys.sort_unstable();
            assert_eq!(names, keys, "{}", def.id);
            // An empty table gives the defaults; the defaults read back as themselves.
            let parsed = def
                .parse_options(toml::Table::new())
                .expect("defaults parse");
            assert_eq!(def.options_table(&parsed), defaults, "{}", def.id);
            let again = def.parse_options(defaults.clone()).expect("defaults parse");
            assert_eq!(def.options_table(&again), defaults, "{}", def.id);
            with_options += usize::from(!docs.is_empty());
        }
        assert_eq!(with_options, 8, "transforms with options");
    }

    #[test]
    fn rules_declare_real_node_kinds_and_a_fix_note_where_it_matters() {
        let lang: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
        for def in crate::transforms::ALL {
            assert!(!def.node_kinds.is_empty(), "{}: no node kinds", def.id);
            for kind in def.node_kinds {
                assert_ne!(
                    lang.id_for_node_kind(kind, true),
                    0,
                    "{}: `{kind}` is not a node kind of tree-sitter-go",
                    def.id
                );
            }
            // Where some findings come without a fix or fixes differ, the note says when.
            if matches!(
                def.fix,
                FixAvailability::None | FixAvailability::SafeAndUnsafe
            ) {
                assert!(!def.fix_note.is_empty(), "{}: no fix note", def.id);
            }
            assert!(def.fix_safety().starts_with(def.fix.label()));
        }
    }

    #[test]
    fn fix_availability_offers_what_it_says() {
        for a in FixAvailability::ALL {
            let safe = a.offers(Applicability::Safe);
            let unsafe_fixes = a.offers(Applicability::Unsafe);
            assert_eq!(FixAvailability::of(safe, unsafe_fixes), a);
        }
        assert!(!FixAvailability::None.offers(Applicability::Safe));
        assert!(!FixAvailability::Unsafe.offers(Applicability::Safe));
        assert!(FixAvailability::SafeAndUnsafe.offers(Applicability::Unsafe));
    }

    #[test]
    fn option_types_reject_values_that_cannot_work() {
        for good in ["timer", "t0", "_t", "myTimer"] {
            assert!(GoIdent::new(good).is_some(), "{good}");
        }
        for bad in ["", "_", "1timer", "func", "len", "string", "a-b", "é"] {
            assert!(GoIdent::new(bad).is_none(), "{bad}");
        }
        assert!(IdentSuffix::new("").is_some());
        assert!(IdentSuffix::new("RE_2").is_some());
        assert!(IdentSuffix::new("-x").is_none());
        assert_eq!(AtLeast::<1>::new(0), None);
        assert_eq!(AtLeast::<1>::new(1).map(AtLeast::get), Some(1));
        let def = crate::transforms::ALL
            .iter()
            .find(|d| d.id == "sentinel-error")
            .expect("sentinel-error");
        let check = |key: &str, toml_value: &str| {
            let t: toml::Table = toml::from_str(&format!("v = {toml_value}")).expect("toml");
            def.check_option(key, &t["v"])
        };
        assert_eq!(
            check("max-name-words", "0"),
            Err("must be an integer of at least 1, found 0".to_string())
        );
        assert_eq!(
            check("max-name-words", "-3"),
            Err("must be an integer of at least 1, found -3".to_string())
        );
        assert_eq!(
            check("max-name-words", "\"5\""),
            Err("must be an integer of at least 1, found \"5\"".to_string())
        );
        assert_eq!(
            check("exported", "\"yes\""),
            Err("must be a boolean, found \"yes\"".to_string())
        );
        assert_eq!(check("exported", "true"), Ok(()));
        assert_eq!(check("max-name-words", "7"), Ok(()));
    }

    #[test]
    fn configured_values_reach_the_typed_options() {
        let def = crate::transforms::ALL
            .iter()
            .find(|d| d.id == "timer-reuse")
            .expect("timer-reuse");
        let t: toml::Table = toml::from_str("name = \"tick\"").expect("toml");
        let parsed = def.parse_options(t).expect("valid");
        let table = def.options_table(&parsed);
        assert_eq!(table["name"].as_str(), Some("tick"));
        assert_eq!(table["always-drain"].as_bool(), Some(false));
        let t: toml::Table = toml::from_str("nmae = \"tick\"").expect("toml");
        assert!(def.parse_options(t).is_err(), "unknown fields are denied");
    }

    /// The prefilter: a file needs one of the needles and a node of one of the node kinds.
    #[test]
    fn files_without_the_node_kinds_are_skipped() {
        use crate::package::{GoFile, Package};
        use crate::source::SourceFile;
        let def = crate::transforms::ALL
            .iter()
            .find(|d| d.id == "timer-reuse")
            .expect("timer-reuse");
        let pkg_of = |srcs: &[&str]| {
            let files = srcs
                .iter()
                .enumerate()
                .map(|(i, src)| {
                    let mut f = GoFile::new(SourceFile::new(format!("f{i}.go").into(), src));
                    f.editable = true;
                    f.enabled.insert(def.id);
                    f
                })
                .collect();
            Package::new(".".into(), "p".into(), files, None)
        };
        // The needle `After(` in a comment and a call, but no select statement.
        let no_select =
            "package p\n\nimport \"time\"\n\n// time.After(d)\nfunc f() { <-time.After(1) }\n";
        let with_select = "package p\n\nimport \"time\"\n\nfunc g(c chan int) {\n\tfor {\n\t\tselect {\n\t\tcase <-c:\n\t\tcase <-time.After(1):\n\t\t}\n\t}\n}\n";
        let no_needle = "package p\n\nfunc h(c chan int) {\n\tselect {\n\tcase <-c:\n\t}\n}\n";
        let pkg = pkg_of(&[no_select, no_needle]);
        let kinds: Vec<OnceLock<_>> = (0..pkg.files.len()).map(|_| OnceLock::new()).collect();
        let ctx = Ctx::new(&pkg, def, &kinds);
        assert!(!ctx.any_file());
        assert_eq!(ctx.files().count(), 0);
        let pkg = pkg_of(&[no_select, with_select, no_needle]);
        let kinds: Vec<OnceLock<_>> = (0..pkg.files.len()).map(|_| OnceLock::new()).collect();
        let ctx = Ctx::new(&pkg, def, &kinds);
        assert!(ctx.any_file());
        assert_eq!(ctx.files().collect::<Vec<_>>(), vec![1]);
        let ctx = Ctx::new(&pkg, def, &kinds).only(0);
        assert!(!ctx.any_file());
    }

    #[test]
    fn field_docs_are_read_from_the_struct() {
        let src = "/// Not this.\npub struct Other {\n    pub x: bool,\n}\n\n/// The options.\n#[derive(Clone)]\npub struct MyOptions {\n    /// First line\n    /// and second.\n    pub first_option: bool,\n    #[serde(skip)]\n    /// Count.\n    pub n: AtLeast<1>,\n}\n";
        assert_eq!(
            struct_field_docs(src, "MyOptions"),
            vec![
                (
                    "first-option".to_string(),
                    "First line and second.".to_string()
                ),
                ("n".to_string(), "Count.".to_string()),
            ]
        );
        assert!(struct_field_docs(src, "Missing").is_empty());
        assert!(struct_field_docs(src, "MyOption").is_empty());
    }
}
