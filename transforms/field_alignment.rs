//! ## What it does
//! Reports a package-level struct type whose fields, ordered differently, would leave less
//! padding, and offers that order as an unsafe fix (`--unsafe`). Sizes are those of the
//! 64-bit targets (amd64, arm64; see the Go spec's "Size and alignment guarantees"), and
//! the order is the one golang.org/x/tools' `fieldalignment` proposes: by alignment,
//! largest first, fields holding pointers before pointer-free ones, then by size. The
//! message says how many bytes a value takes before and after.
//!
//! Every field keeps its doc comment (the comment lines right above it), its line comment
//! and its tag; a group `a, b int` stays one group. The columns of names, types, tags and
//! comments are re-aligned as gofmt aligns them.
//!
//! ## Why
//! A field is placed at a multiple of its alignment, and a struct's size is a multiple of
//! its largest alignment: `struct { a bool; b int64; c bool }` takes 24 bytes (7 bytes of
//! padding after each bool), `struct { b int64; a, c bool }` 16. Every value, every slice
//! element and every allocation of the type pays the padding: B/op of code that allocates
//! slices of such values drops by the same ratio (go-memory-management.txt, "Struct Memory
//! Alignment"; golden `newRecords`: 32768 → 24576 B/op for 1000 records). A value
//! allocated alone only gains when the saving crosses one of the allocator's size classes
//! (8, 16, 24, 32, 48, 64, 80, 96, … bytes): an 80-byte struct made 72 still takes 80.
//!
//! ## Example
//! ```go
//! type record struct {
//!     valid bool  // set once parsed
//!     id    int64
//!     kind  byte
//!     score float64
//! }
//! ```
//! is reported as `32 bytes → 24 bytes per value`, and `--unsafe` rewrites it to
//! ```go
//! type record struct {
//!     id    int64
//!     score float64
//!     valid bool // set once parsed
//!     kind  byte
//! }
//! ```
//!
//! ## When it does not apply
//! Left alone: no bytes saved, a field of a type whose size is not evident (a type of
//! another package outside a small standard-library table — `time.Time`, `sync.Mutex`,
//! `sync.RWMutex`, `sync.Once`, `sync.WaitGroup`, the `sync/atomic` types, common
//! interfaces —, a generic type, an array whose length is not a literal), generic structs,
//! types declared inside functions, generated files, and an unexported type whose only
//! values are package-level variables (`var opt options`: the bytes would be saved once,
//! not per value, so the reorder is churn). Reported without a fix:
//! - the module has an unkeyed composite literal of the type (`T{1, 2}`, or `{1, 2}` in a
//!   `[]T{…}`), in any `.go` file, tests included: untyped constants that fit both fields
//!   would silently swap values;
//! - a field has a `json`, `xml`, `yaml`, `toml`, `csv`, `asn1`, `msgpack`, `bson`, `cbor`
//!   or `protobuf` tag: encoders write fields in declaration order (encoding/json output
//!   order follows field order);
//! - a file of the package that mentions the type imports `unsafe`, `C` (cgo),
//!   `encoding/binary`, `encoding/gob`, `encoding/json`, `encoding/xml`, `encoding/asn1`
//!   or `reflect` (not counted in `_test.go` files, where it is mostly `DeepEqual`; the
//!   four `encoding/…` encoders that go by field names only for a struct with an exported
//!   field, since they see no other): offsets, a wire layout or a field order may be
//!   relied on there (another package of the module that does so is not searched);
//! - the package's folder has an assembly file (`.s`), which may address fields by
//!   offset;
//! - an embedded field: promoted fields and methods are unaffected by the order, but
//!   embedded types are conventionally kept first; reorder by hand;
//! - a zero-size field (`_ [0]func()`, a `noCopy` marker, `structs.HostLayout`), whose
//!   place may be deliberate (a trailing one adds padding);
//! - a field list grouped by blank lines or section comments, a field spanning several
//!   lines, or a one-line struct: the grouping is the author's, reorder by hand.
//!
//! ## Fix safety
//! Unsafe (`--unsafe`) always: the field order is visible to reflection (`reflect`
//! `Field(i)`, `fmt`'s `%v` and `%+v` output, `go-cmp` diffs), to serializers, and to
//! unkeyed literals in other modules that import the type (which `go vet` flags but which
//! compile). Compactness may also put two fields written by different goroutines on one
//! cache line (false sharing). Read the new order before applying it.

use tree_sitter::Node;

use crate::analysis::literals::first_unkeyed_in_module;
use crate::analysis::sizes::{
    Layout, field_layouts, layout_of, optimal_order, size_class, struct_layout,
};
use crate::fixkit::columns::align;
use crate::fixkit::edit::{Claim, Edit, FileId, Finding, Fix};
use crate::fixkit::indent::indentation;
use crate::package::Package;
use crate::syntax::{field_children, line_start, named_children, text};
use crate::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};

/// The rule; what it does is the module documentation above.
pub struct FieldAlignment;

impl Rule for FieldAlignment {
    type Options = NoOptions;
    const META: Meta = Meta {
        id: "field-alignment",
        summary: "struct fields ordered so that padding is wasted → fields reordered by alignment (bytes per value reported)",
        fix: FixAvailability::Unsafe,
        fix_note: "field order is visible to reflection, serialization and unkeyed literals; findings where the module relies on the order",
        source: include_str!("field_alignment.rs"),
        needles: &["struct"],
        node_kinds: &["type_spec"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
        run(ctx)
    }
}

pub static DEF: TransformDef = TransformDef::of::<FieldAlignment>();

/// Tag keys of encoders that write fields in declaration order.
const ORDERED_TAGS: &[&str] = &[
    "json", "xml", "yaml", "toml", "csv", "asn1", "msgpack", "bson", "cbor", "protobuf",
];

/// Imports under which a type's layout or field order may be relied on.
const LAYOUT_IMPORTS: &[&str] = &[
    "unsafe",
    "C",
    "encoding/binary",
    "encoding/gob",
    "encoding/json",
    "encoding/xml",
    "encoding/asn1",
    "reflect",
];

/// Of [`LAYOUT_IMPORTS`], the encoders that only see exported fields.
const FIELD_ENCODERS: &[&str] = &[
    "encoding/gob",
    "encoding/json",
    "encoding/xml",
    "encoding/asn1",
];

/// One field declaration with the comments that travel with it.
struct Unit<'t> {
    doc: Vec<Node<'t>>,
    field: Node<'t>,
    trailing: Option<Node<'t>>,
}

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    for file in ctx.files() {
        let src = ctx.src(file);
        for &spec in ctx.nodes(file, "type_spec") {
            let top_level = spec
                .parent()
                .and_then(|d| d.parent())
                .is_some_and(|r| r.kind() == "source_file");
            if !top_level || spec.child_by_field_name("type_parameters").is_some() {
                continue;
            }
            let (Some(name), Some(st)) = (
                spec.child_by_field_name("name"),
                spec.child_by_field_name("type"),
            ) else {
                continue;
            };
            if st.kind() != "struct_type" {
                continue;
            }
            let name = text(name, src);
            let Some(fields) = field_layouts(pkg, file, st) else {
                continue;
            };
            let Some(list) = named_children(st)
                .into_iter()
                .find(|c| c.kind() == "field_declaration_list")
            else {
                continue;
            };
            let decls: Vec<Node> = named_children(list)
                .into_iter()
                .filter(|c| c.kind() == "field_declaration")
                .collect();
            let mut units_layout = Vec::new();
            for d in &decls {
                let Some(l) = d
                    .child_by_field_name("type")
                    .and_then(|t| layout_of(pkg, file, t))
                else {
                    break;
                };
                units_layout.push((l, field_children(*d, "name").len().max(1)));
            }
            if units_layout.len() != decls.len() {
                continue;
            }
            let order = optimal_order(&units_layout.iter().map(|u| u.0).collect::<Vec<_>>());
            let reordered: Vec<Layout> = order
                .iter()
                .flat_map(|&i| std::iter::repeat_n(units_layout[i].0, units_layout[i].1))
                .collect();
            let (before, after) = (struct_layout(&fields), struct_layout(&reordered));
            if after.size >= before.size {
                continue;
            }
            // (Asked only of structs that would gain: it walks the package.) Its only values are package-level variables: a reorder saves bytes once, not
            // per value, and is churn a reviewer would not merge.
            if !crate::golang::is_exported(name)
                && crate::analysis::refs::only_package_var_values(pkg, name)
            {
                continue;
            }
            // What a value allocated alone gets from the allocator.
            let alone = match (size_class(before.size), size_class(after.size)) {
                (Some(b), Some(a)) if a == b => {
                    format!(", though a value allocated alone stays in the {b}-byte size class")
                }
                (Some(b), Some(a)) => format!(", {b} → {a} bytes allocated for a value alone"),
                _ => String::new(),
            };
            let what = format!(
                "struct {name}: {} bytes → {} bytes per value (amd64/arm64) with its fields ordered by alignment{alone}",
                before.size, after.size
            );
            let refuse = |why: String| {
                ctx.finding(file, spec, format!("{what}; not rewritten: {why}"), None)
            };
            if let Some(why) = refusal(pkg, name, &decls, &units_layout, src) {
                out.push(refuse(why));
                continue;
            }
            let units = match units_of(list, &decls, src) {
                Ok(u) => u,
                Err(why) => {
                    out.push(refuse(why));
                    continue;
                }
            };
            if let Some(at) = first_unkeyed_in_module(pkg, name) {
                out.push(refuse(format!(
                    "the module has an unkeyed literal of {name} ({at}), whose values would move to other fields"
                )));
                continue;
            }
            let Some(edit) = rewrite(file, list, &units, &order, src) else {
                continue;
            };
            let new_order: Vec<String> = order
                .iter()
                .map(|&i| {
                    let names: Vec<&str> = field_children(units[i].field, "name")
                        .iter()
                        .map(|n| text(*n, src))
                        .collect();
                    names.join(", ")
                })
                .collect();
            let fix = Fix::unsafe_(vec![edit]).with_claim(Claim::Declaration {
                file,
                at: spec.start_byte(),
            });
            out.push(ctx.finding(
                file,
                spec,
                format!(
                    "{what} ({}); unsafe: the field order is visible to reflection, serialization and unkeyed literals in other modules",
                    new_order.join("; ")
                ),
                Some(fix),
            ));
        }
    }
    out
}

/// Why the struct must not be reordered, from its fields and the package's imports.
fn refusal(
    pkg: &Package,
    name: &str,
    decls: &[Node],
    layouts: &[(Layout, usize)],
    src: &str,
) -> Option<String> {
    if decls.iter().any(|d| field_children(*d, "name").is_empty()) {
        return Some(
            "it has an embedded field (reorder by hand; embedded fields are usually kept first)"
                .into(),
        );
    }
    if layouts.iter().any(|(l, _)| l.size == 0) {
        return Some("it has a zero-size field (a marker such as `_ [0]func()` or noCopy), whose place may be deliberate".into());
    }
    for d in decls {
        if let Some(tag) = d.child_by_field_name("tag") {
            let t = text(tag, src);
            if let Some(key) = ORDERED_TAGS.iter().find(|k| t.contains(&format!("{k}:\""))) {
                return Some(format!(
                    "its fields carry `{key}` tags, and encoders write fields in declaration order"
                ));
            }
        }
    }
    if let Some(asm) = assembly_file(pkg) {
        return Some(format!(
            "the package has assembly ({asm}), which may address fields by offset"
        ));
    }
    // Encoders that go by field names see only exported fields.
    let exported = decls.iter().any(|d| {
        field_children(*d, "name")
            .iter()
            .any(|n| crate::golang::is_exported(text(*n, src)))
    });
    for (id, f) in pkg.files.iter().enumerate() {
        // `reflect` in a test is mostly DeepEqual, which does not depend on the order.
        let test = f.src.path.to_string_lossy().ends_with("_test.go");
        let Some(imp) = pkg.imports_among(id, LAYOUT_IMPORTS).into_iter().find(|i| {
            !(test && i.path == "reflect")
                && (exported || !FIELD_ENCODERS.contains(&i.path.as_str()))
        }) else {
            continue;
        };
        if mentions_word(&f.src.text, name) {
            return Some(format!(
                "{} imports {} and mentions {name}: its layout or field order may be relied on",
                f.src
                    .path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().to_string()),
                imp.path
            ));
        }
    }
    None
}

/// The name of an assembly file (`.s`) in the package's folder, if any.
fn assembly_file(pkg: &Package) -> Option<String> {
    let mut names: Vec<String> = std::fs::read_dir(&pkg.dir)
        .ok()?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".s"))
        .collect();
    names.sort();
    names.into_iter().next()
}

/// True when `hay` contains `word` as a whole identifier.
fn mentions_word(hay: &str, word: &str) -> bool {
    hay.match_indices(word).any(|(at, _)| {
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        !hay[..at].chars().next_back().is_some_and(ident)
            && !hay[at + word.len()..].chars().next().is_some_and(ident)
    })
}

/// The fields of `list` with their comments, or why the list's layout is the author's: a
/// blank line or a comment of its own between fields, a field over several lines, a field
/// that does not start its line, a one-line struct.
fn units_of<'t>(list: Node<'t>, decls: &[Node<'t>], src: &str) -> Result<Vec<Unit<'t>>, String> {
    let by_hand = |what: &str| format!("{what}; reorder by hand");
    let open_row = list.start_position().row;
    let close_row = list.end_position().row;
    if open_row == close_row {
        return Err(by_hand("the struct is written on one line"));
    }
    let mut units: Vec<Unit> = Vec::new();
    let mut doc: Vec<Node> = Vec::new();
    let mut last_row = open_row;
    let mut i = 0;
    // Comments included (`named_children` leaves them out).
    let mut cursor = list.walk();
    let children: Vec<Node> = list.named_children(&mut cursor).collect();
    for c in children {
        let (start, end) = (c.start_position().row, c.end_position().row);
        if start != end {
            return Err(by_hand("a field or comment spans several lines"));
        }
        match c.kind() {
            "comment" => {
                if let Some(u) = units.last_mut()
                    && u.field.end_position().row == start
                    && doc.is_empty()
                {
                    if u.trailing.is_some() {
                        return Err(by_hand("a field has two comments"));
                    }
                    u.trailing = Some(c);
                    continue;
                }
                if start != last_row + 1 {
                    return Err(by_hand("blank lines group the fields"));
                }
                doc.push(c);
                last_row = end;
            }
            "field_declaration" => {
                if start != last_row + 1 {
                    return Err(by_hand("blank lines group the fields"));
                }
                if !src[line_start(src, c.start_byte())..c.start_byte()]
                    .trim()
                    .is_empty()
                {
                    return Err(by_hand("two fields share a line"));
                }
                if decls.get(i) != Some(&c) {
                    return Err(by_hand(
                        "the field list holds something allocfix does not know",
                    ));
                }
                i += 1;
                units.push(Unit {
                    doc: std::mem::take(&mut doc),
                    field: c,
                    trailing: None,
                });
                last_row = end;
            }
            _ => {
                return Err(by_hand(
                    "the field list holds something allocfix does not know",
                ));
            }
        }
    }
    if !doc.is_empty() {
        return Err(by_hand("a comment stands after the last field"));
    }
    if close_row != last_row + 1 {
        return Err(by_hand("blank lines group the fields"));
    }
    Ok(units)
}

/// The edit writing the fields of `list` in `order`, aligned as gofmt aligns them.
fn rewrite(file: FileId, list: Node, units: &[Unit], order: &[usize], src: &str) -> Option<Edit> {
    let first = units.first()?;
    let first_line = units
        .iter()
        .map(|u| u.doc.first().copied().unwrap_or(u.field))
        .min_by_key(|n| n.start_byte())
        .unwrap_or(first.field);
    let indent = indentation(src, first_line.start_byte()).to_string();
    let mut lines: Vec<Vec<String>> = Vec::new();
    for &i in order {
        let u = &units[i];
        for d in &u.doc {
            lines.push(vec![text(*d, src).to_string()]);
        }
        let names: Vec<&str> = field_children(u.field, "name")
            .iter()
            .map(|n| text(*n, src))
            .collect();
        let mut cells = vec![
            names.join(", "),
            text(u.field.child_by_field_name("type")?, src).to_string(),
        ];
        if let Some(tag) = u.field.child_by_field_name("tag") {
            cells.push(text(tag, src).to_string());
        }
        if let Some(c) = u.trailing {
            cells.push(text(c, src).to_string());
        }
        lines.push(cells);
    }
    let start = line_start(src, first_line.start_byte());
    let end = line_start(src, list.end_byte() - 1);
    let mut body = align(&lines, &indent).join("\n");
    body.push('\n');
    Some(Edit::replace(file, start..end, body))
}

#[cfg(test)]
mod tests {

    use crate::engine::{Settings, run_package};
    use crate::package::{GoFile, Package};
    use crate::source::SourceFile;
    use crate::transforms::common::testing::{fix_label, run_one_file};

    /// Runs the transform (with `--unsafe`) over one file `a.go`; returns the new text and
    /// the findings as `fix: message`.
    fn run(src: &str) -> (String, Vec<String>) {
        let settings = Settings {
            unsafe_fixes: true,
            ..Settings::default()
        };
        let (fixed, findings) = run_one_file(&super::DEF, src, ".", None, None, &settings);
        let msgs = findings
            .iter()
            .map(|r| format!("{}: {}", fix_label(r), r.message))
            .collect();
        (fixed, msgs)
    }

    #[test]
    fn reorders_with_comments_and_tags_and_realigns() {
        let src = "package a\n\ntype record struct {\n\tvalid bool // set once parsed\n\t// id is the key.\n\tid    int64 `db:\"id\"`\n\tkind  byte\n\tscore float64\n}\n";
        let (out, msgs) = run(src);
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(
            msgs[0].starts_with("unsafe: struct record: 32 bytes → 24 bytes per value"),
            "{msgs:?}"
        );
        assert_eq!(
            out,
            "package a\n\ntype record struct {\n\t// id is the key.\n\tid    int64 `db:\"id\"`\n\tscore float64\n\tvalid bool // set once parsed\n\tkind  byte\n}\n"
        );
        // Already compact: nothing to say.
        assert!(run(&out).1.is_empty());
    }

    #[test]
    fn groups_stay_together() {
        let src = "package a\n\ntype T struct {\n\ta, b bool\n\tn    int64\n\tc    int32\n}\n";
        let (out, msgs) = run(src);
        assert!(msgs[0].contains("24 bytes → 16 bytes"), "{msgs:?}");
        assert!(
            out.contains("\tn    int64\n\tc    int32\n\ta, b bool\n"),
            "{out}"
        );
    }

    #[test]
    fn findings_without_fix() {
        for (fields, why) in [
            (
                "\ta bool `json:\"a\"`\n\tn int64\n\tb bool\n",
                "`json` tags",
            ),
            (
                "\tsync.Mutex\n\ta bool\n\tn int64\n\tb bool\n",
                "embedded field",
            ),
            (
                "\t_ [0]func()\n\ta bool\n\tn int64\n\tb bool\n",
                "zero-size",
            ),
            ("\ta bool\n\n\tn int64\n\tb bool\n", "blank lines"),
            (
                "\ta bool\n\t// loose\n\n\tn int64\n\tb bool\n",
                "blank lines",
            ),
            (
                "\ta bool\n\tn int64\n\tb bool\n\t// end\n",
                "after the last field",
            ),
            (
                "\ta bool\n\tn struct {\n\t\tx int64\n\t}\n\tb bool\n",
                "several lines",
            ),
        ] {
            let src = format!(
                "package a\n\nimport \"sync\"\n\nvar _ sync.Mutex\n\ntype T struct {{\n{fields}}}\n"
            );
            let (out, msgs) = run(&src);
            assert_eq!(msgs.len(), 1, "{fields}: {msgs:?}");
            assert!(
                msgs[0].starts_with("none: ") && msgs[0].contains(why),
                "{why}: {msgs:?}"
            );
            assert_eq!(out, src);
        }
        let unkeyed = "package a\n\ntype T struct {\n\ta bool\n\tn int64\n\tb bool\n}\n\nvar t = T{true, 1, false}\n";
        let (_, msgs) = run(unkeyed);
        assert!(msgs[0].contains("unkeyed literal of T"), "{msgs:?}");
        let binary = "package a\n\nimport \"encoding/binary\"\n\nvar _ = binary.LittleEndian\n\ntype T struct {\n\ta bool\n\tn int64\n\tb bool\n}\n";
        let (_, msgs) = run(binary);
        assert!(msgs[0].contains("imports encoding/binary"), "{msgs:?}");
        // encoding/json sees exported fields only.
        let json = |fields: &str| {
            format!(
                "package a\n\nimport \"encoding/json\"\n\nvar _ = json.Marshal\n\ntype T struct {{\n{fields}}}\n"
            )
        };
        let (_, msgs) = run(&json("\tA bool\n\tn int64\n\tb bool\n"));
        assert!(
            msgs[0].starts_with("none: ") && msgs[0].contains("imports encoding/json"),
            "{msgs:?}"
        );
        let (out, msgs) = run(&json("\ta bool\n\tn int64\n\tb bool\n"));
        assert!(msgs[0].starts_with("unsafe: "), "{msgs:?}");
        assert!(out.contains("\tn int64\n\ta bool\n\tb bool\n"), "{out}");
    }

    #[test]
    fn assembly_in_the_package_refuses() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("sum_amd64.s"), "TEXT ·sum(SB),4,$0\n").unwrap();
        let src = "package a\n\ntype T struct {\n\ta bool\n\tn int64\n\tb bool\n}\n";
        let mut f = GoFile::new(SourceFile::new(dir.path().join("a.go"), src));
        f.editable = true;
        f.enabled.insert(super::DEF.id);
        let pkg = Package::new(dir.path().to_path_buf(), "a".into(), vec![f], None);
        let settings = Settings {
            unsafe_fixes: true,
            ..Settings::default()
        };
        let o = run_package(pkg, &[&super::DEF], &settings).remove(0);
        assert!(o.fixed.is_none());
        assert_eq!(o.findings.len(), 1);
        assert!(o.findings[0].fix.is_none());
        assert!(
            o.findings[0].message.contains("assembly (sum_amd64.s)"),
            "{}",
            o.findings[0].message
        );
    }

    #[test]
    fn left_alone() {
        for src in [
            // Unknown sizes, generics, local types, nothing to save.
            "package a\n\nimport \"bytes\"\n\ntype T struct {\n\ta bool\n\tb bytes.Buffer\n\tc bool\n}\n",
            "package a\n\ntype T[X any] struct {\n\ta bool\n\tx X\n\tc bool\n}\n",
            "package a\n\nfunc f() {\n\ttype T struct {\n\t\ta bool\n\t\tn int64\n\t\tb bool\n\t}\n\t_ = T{}\n}\n",
            "package a\n\ntype T struct {\n\tn int64\n\ta bool\n\tb bool\n}\n",
        ] {
            let (out, msgs) = run(src);
            assert!(msgs.is_empty(), "{src}: {msgs:?}");
            assert_eq!(out, src);
        }
    }
}
