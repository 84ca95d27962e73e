//! ## What it does
//! Finds a struct of one field of a basic type (`type UserID struct{ v int64 }`) that the
//! package uses through `*UserID` (a constructor `&UserID{v: v}`, pointer parameters,
//! fields, map values, slices) and rewrites the type as a named primitive,
//! `type UserID int64`, in every file of the package, its `_test.go` files included, and in
//! its external test package (`package ids_test` in the same folder, which spells it
//! `ids.UserID`): one fix, the tests would stop compiling without their part. allocfix
//! reads the external test package with the package even without `--include-tests`, and
//! `check`, `diff`, `fix` and `fix --verify` show, write and build it with the package:
//! - `&UserID{v: n}`, `&UserID{n}`, `UserID{v: n}` become `UserID(n)` (`&UserID{}`
//!   becomes `UserID(0)`, `UserID("")` or `UserID(false)`);
//! - `*UserID` becomes `UserID` wherever it is spelled (parameters, results, receivers,
//!   fields, variables, slice, array, channel and map-value types);
//! - `x.v` becomes `int64(x)`; a dereference `*p` of a `*UserID` becomes `p`;
//! - in the external test package: `*ids.UserID` becomes `ids.UserID`, `&ids.UserID{}`
//!   becomes `ids.UserID(0)`; calls (`ids.New(1)`, `u.Int64()`) stay as they are.
//!
//! ## Why
//! Seed exercise 18. A wrapper used through a pointer costs one heap allocation per value
//! (`NewUserID` escapes), and every read goes through the pointer. `type UserID int64`
//! keeps the type safety (an `int64` is not a `UserID` without a conversion) and is one
//! machine word: no allocation, passed in a register. Map keys and `==` compare ids by
//! value instead of by pointer.
//!
//! ## Example
//! ```go
//! type UserID struct{ v int64 }
//!
//! func NewUserID(v int64) *UserID { return &UserID{v: v} }
//! func (u *UserID) Int64() int64  { return u.v }
//! func handle(id *UserID)         { total += id.v }
//! ```
//! becomes
//! ```go
//! type UserID int64
//!
//! func NewUserID(v int64) UserID { return UserID(v) }
//! func (u UserID) Int64() int64  { return int64(u) }
//! func handle(id UserID)         { total += int64(id) }
//! ```
//!
//! ## When it does not apply (a finding names the reason, at the first allocation)
//! - **Mutation**: the field is assigned (`u.v = …`, `u.v++`), its address is taken
//!   (`&u.v`), a `*p` is assigned, or a value's address is taken (`&x`): copies would stop
//!   sharing the state the pointer shared.
//! - **nil as "absent"**: a `*UserID` is compared with nil, assigned nil, returned as nil,
//!   passed as nil, written as an element of a `[]*UserID` or `map[K]*UserID` literal,
//!   declared without a value (`var p *UserID`) or is a named result: the zero id would
//!   merge with "no id". In the external test package, where the package's functions are
//!   not typed, a variable set from one that returns a `*UserID` (`u := ids.New(1)`, by
//!   name and result position) counts as one.
//! - **Pointer identity**: two `*UserID` are compared with `==`, or `*UserID` is a map key
//!   (distinct pointers to equal ids are distinct keys; after the rewrite they merge).
//! - **Errors**: the type has an `Error` method: its values travel as `error`, compared
//!   with `==` and asserted (`errors.As` into a `*T`).
//! - **Interfaces**: `&UserID{…}` is returned from a function whose result there is not
//!   `*UserID` (an interface), or a pointer-receiver method has the name of a method of an interface
//!   declared in the package (or its external test package) or the name and the numbers
//!   of parameters and results of a common standard one (`Error`, `MarshalJSON`, `Read`,
//!   …; `String` excepted: `fmt` calls it on both; `Value() uint` is not database/sql's
//!   `Value() (driver.Value, error)`), or `*UserID` appears in a type assertion,
//!   a type switch or a conversion, or a `*UserID` goes where another type is expected:
//!   declared as or assigned to a variable of another type (`var x any = NewUserID(1)`,
//!   `opts = &UserID{…}` with `opts` an interface), written as an element of a literal
//!   whose element or field is not `*UserID`, passed to a function of the package whose
//!   parameter is not `*UserID`, or returned where the result is not: a `*UserID` held in
//!   an interface would become a `UserID` (assertions to `*UserID` fail, equality
//!   changes).
//! - **Reflection and encoders**: a file of the package imports `reflect` (for more than
//!   `reflect.DeepEqual`, which answers the same), `encoding/json`, `encoding/xml`,
//!   `encoding/gob`, `encoding/asn1`, a template package or another encoder (json, yaml,
//!   xml, toml, msgpack, protobuf, cbor, bson, mapstructure). Encoders skip unexported
//!   fields, so a wrapper encodes as `{}`; a named `int64` encodes as `1`. (`encoding/binary`
//!   writes a one-field struct as its field, and `hex`/`base64` never see a struct: they do
//!   not count.) Also a value printed by `fmt`/`log` when the type has no `String` method
//!   (`&{1}` would print `1`).
//! - **Handed to other code**: a `*UserID` or `UserID` is an argument of another package's
//!   function (`atomic.Value.Store`, `sort.Sort`, …) or of a method of a value whose type is
//!   imported, an interface, or not evident: it may be held as an interface there.
//! - **Shape**: the field has a tag or is embedded (`struct{ int64 }`, whose promoted
//!   methods would be lost); a comment inside the struct would be lost. Not reported at
//!   all: a struct of two or more fields (not a wrapper), and a wrapper never built from a
//!   value computed at run time (only `&Options{}` or `&Options{true}`: a set of options
//!   that may grow fields, not an id).
//! - **Generics, unsafe, cgo**: the type is a type argument or in a constraint, or a file
//!   importing `unsafe` or `C` spells it.
//! - **Unrecognised use**: any other spelling of the type (`new(UserID)`, a method
//!   expression, a conversion, an alias, an elided `{…}` element of a `[]*UserID` literal),
//!   a `.v` whose operand's type cannot be told, a generated or unparsable file of the
//!   package that spells it, a package whose files cannot all be read, a file of the
//!   package that the run was not asked to fix (allocfix given one file of a folder).
//! - **External test package**: every rule above applies to its files too (their imports
//!   of encoders, their interfaces' method names, their uses); it also refuses when a file
//!   of it dot-imports the package, or one that spells the type is generated or does not
//!   parse: the whole fix is refused, never half of it.
//! - **Other packages**: another package of the module imports this one and spells the
//!   type, an exported function,
//!   variable or struct type whose declaration spells it, or selects an exported field of
//!   type `UserID`/`*UserID` (by name): the finding names the importer. allocfix does not
//!   rewrite across packages (the module is walked from its go.mod, skipping `vendor`,
//!   `testdata` and nested modules). The folder's external test package is not one of
//!   them: it is rewritten with the package.
//!
//! ## Fix safety
//! Safe when only this package can see the type: it is unexported and no exported
//! declaration spells it, or the package is `main` or lies under an `internal/` folder
//! (and no package of the module uses it). Unsafe (`--unsafe`) when the type can be used
//! from outside the module (an exported type, or an exported API spelling it, in an
//! importable package): the rewrite changes the package's API for them. A `*UserID` that
//! reaches an `any` parameter of a function other than `fmt`/`log` is not seen (there is
//! no type checker): equality of such interface values changes from pointer to value.
//! With `--include-tests`, an external test package whose files the fix edited is only
//! checked in that run (its own fixes wait for the next run: the files it read are no
//! longer the ones written).

use std::collections::HashSet;

use tree_sitter::Node;

use crate::analysis::refs::{
    field_selectors, import_path, local_type_declared, member_named_elsewhere, module_importers,
    spellings,
};
use crate::analysis::types::{Ty, type_of};
use crate::analysis::uses::{UseKind, classify, unparen};
use crate::fixkit::edit::{Applicability, Claim, Edit, FileId, Finding, Fix};
use crate::package::Package;
use crate::syntax::{field_children, named_children, text};
use crate::transform::{Ctx, FixAvailability, Meta, NoOptions, Rule, TransformDef};

/// The rule; what it does is the module documentation above.
pub struct NamedId;

impl Rule for NamedId {
    type Options = NoOptions;
    const META: Meta = Meta {
        id: "named-id",
        summary: "a one-field wrapper struct used through *T → named primitive type (type T int64)",
        fix: FixAvailability::SafeAndUnsafe,
        fix_note: "safe for a type only its package sees; unsafe for an exported API of an importable package; finding when a copy could differ (mutation, nil, identity, interfaces, encoders)",
        source: include_str!("named_id.rs"),
        needles: &["struct"],
        node_kinds: &["type_spec"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, _: &NoOptions) -> Vec<Finding> {
        run(ctx)
    }
}

pub static DEF: TransformDef = TransformDef::of::<NamedId>();

/// Basic types a wrapper may hold.
const BASIC: &[&str] = &[
    "bool", "string", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16",
    "uint32", "uint64", "uintptr", "byte", "rune", "float32", "float64",
];

/// Methods of common standard interfaces (besides `String`, which `fmt` calls on a value
/// and on a pointer alike), with their numbers of parameters and results: a
/// pointer-receiver method of one of these names and shapes may be how a `*T` is used as
/// that interface (`Value() uint` cannot be a `driver.Valuer`, whose `Value` has two
/// results; `Scan` is `sql.Scanner`'s or `fmt.Scanner`'s).
const STD_INTERFACE_METHODS: &[(&str, usize, usize)] = &[
    ("Error", 0, 1),
    ("Format", 2, 0),
    ("GoString", 0, 1),
    ("MarshalJSON", 0, 2),
    ("UnmarshalJSON", 1, 1),
    ("MarshalText", 0, 2),
    ("UnmarshalText", 1, 1),
    ("MarshalBinary", 0, 2),
    ("UnmarshalBinary", 1, 1),
    ("Read", 1, 2),
    ("Write", 1, 2),
    ("Close", 0, 1),
    ("Len", 0, 1),
    ("Less", 2, 1),
    ("Swap", 2, 0),
    ("Scan", 1, 1),
    ("Scan", 2, 1),
    ("Value", 0, 2),
    ("ServeHTTP", 2, 0),
    ("Unwrap", 0, 1),
    ("Is", 1, 1),
    ("As", 1, 1),
];

/// Packages that look at a value's fields by reflection (encoders, templates), by import
/// path (outside the standard library: a path word such as `yaml` in `gopkg.in/yaml.v3`
/// or `json` in `github.com/goccy/go-json`; not `gobwas` or `protocol`): `encoding/binary` (a one-field struct encodes as its field), `encoding/hex` and
/// the other byte encodings never see a struct's shape.
fn is_reflective(path: &str) -> bool {
    matches!(
        path,
        "reflect"
            | "encoding/json"
            | "encoding/xml"
            | "encoding/gob"
            | "encoding/asn1"
            | "text/template"
            | "html/template"
    ) || (!crate::fixkit::imports::is_std(path)
        && path.split(['/', '.', '-', '_']).any(|word| {
            [
                "json",
                "yaml",
                "xml",
                "toml",
                "msgpack",
                "protobuf",
                "gob",
                "cbor",
                "bson",
                "mapstructure",
            ]
            .contains(&word)
        }))
}

/// True when every use of the import named `local` in `file` is `local.DeepEqual`:
/// `reflect.DeepEqual` compares a `*T` by its pointee and a named primitive by value, so
/// its answers do not change.
fn only_deep_equal(pkg: &Package, file: FileId, local: &str) -> bool {
    let f = &pkg.file(file).src;
    crate::syntax::descendants_of_kind(f.root(), "selector_expression")
        .into_iter()
        .filter(|sel| {
            sel.child_by_field_name("operand")
                .is_some_and(|o| o.kind() == "identifier" && text(o, &f.text) == local)
        })
        .all(|sel| {
            sel.child_by_field_name("field")
                .is_some_and(|n| text(n, &f.text) == "DeepEqual")
        })
}

/// True when a composite literal of the wrapper holds a value computed at run time (not
/// empty, not a literal constant): the type wraps data, one value per allocation. A
/// wrapper only ever built as `&Options{}` or `&Options{true}` is a set of options, not an
/// id.
fn wraps_data(lit: Node) -> bool {
    let Some(body) = lit.child_by_field_name("body") else {
        return false;
    };
    named_children(body).into_iter().any(|e| {
        let value = if e.kind() == "keyed_element" {
            e.child_by_field_name("value")
        } else {
            Some(e)
        };
        let value = value.map(|v| {
            if v.kind() == "literal_element" {
                named_children(v).into_iter().next().unwrap_or(v)
            } else {
                v
            }
        });
        value.is_some_and(|v| {
            !matches!(
                v.kind(),
                "int_literal"
                    | "float_literal"
                    | "imaginary_literal"
                    | "rune_literal"
                    | "interpreted_string_literal"
                    | "raw_string_literal"
                    | "true"
                    | "false"
                    | "comment"
            )
        })
    })
}

/// A candidate: the wrapper's declaration.
struct Wrapper<'p> {
    file: FileId,
    name: String,
    spec: Node<'p>,
    struct_type: Node<'p>,
    field: Option<String>,
    basic: String,
}

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    for file in ctx.files() {
        for spec in ctx.nodes(file, "type_spec") {
            if crate::syntax::in_function_body(*spec) {
                continue;
            }
            if let Some(f) = check_spec(ctx, pkg, file, *spec) {
                out.push(f);
            }
        }
    }
    out
}

/// Reads a `type T struct{ f B }` spec: None when it is not a one-field wrapper of a basic
/// type (not reported), Err with the reason when it is one the rewrite cannot take.
fn wrapper<'p>(
    pkg: &'p Package,
    file: FileId,
    spec: Node<'p>,
) -> Option<Result<Wrapper<'p>, (String, String)>> {
    let src = &pkg.files[file].src.text;
    let name = text(spec.child_by_field_name("name")?, src).to_string();
    let struct_type = spec.child_by_field_name("type")?;
    if struct_type.kind() != "struct_type" || spec.child_by_field_name("type_parameters").is_some()
    {
        return None;
    }
    let list = named_children(struct_type)
        .into_iter()
        .find(|n| n.kind() == "field_declaration_list")?;
    let fields: Vec<Node> = named_children(list)
        .into_iter()
        .filter(|n| n.kind() == "field_declaration")
        .collect();
    let [field] = fields.as_slice() else {
        return None;
    };
    let names = field_children(*field, "name");
    if names.len() > 1 {
        return None;
    }
    let ty = field.child_by_field_name("type")?;
    let basic = text(ty, src);
    if ty.kind() != "type_identifier"
        || !BASIC.contains(&basic)
        || !crate::analysis::resolve::is_universe(pkg, file, ty, basic)
    {
        return None;
    }
    let w = Wrapper {
        file,
        name,
        spec,
        struct_type,
        field: names.first().map(|n| text(*n, src).to_string()),
        basic: basic.to_string(),
    };
    if w.field.is_none() {
        return Some(Err((
            basic.to_string(),
            format!(
                "its field is embedded (`struct{{ {basic} }}`): its name and promoted methods would be lost"
            ),
        )));
    }
    if field.child_by_field_name("tag").is_some() {
        return Some(Err((
            basic.to_string(),
            "its field has a tag: something reads it by reflection".to_string(),
        )));
    }
    if !crate::syntax::descendants_of_kind(struct_type, "comment").is_empty() {
        return Some(Err((
            basic.to_string(),
            "a comment inside the struct would be lost".to_string(),
        )));
    }
    Some(Ok(w))
}

fn check_spec<'p>(
    ctx: &Ctx<'p>,
    pkg: &'p Package,
    file: FileId,
    spec: Node<'p>,
) -> Option<Finding> {
    let wrapper = wrapper(pkg, file, spec)?;
    let src = &pkg.files[file].src.text;
    let name = text(spec.child_by_field_name("name")?, src).to_string();
    // A type's name alone is not a value: as the key of a literal's element (`T: v`) it is
    // a field's name, whatever the literal's type.
    let uses: Vec<(FileId, Node)> = spellings(pkg, &name)
        .into_iter()
        .filter(|(_, n)| {
            !(n.kind() == "identifier"
                && n.parent().is_some_and(|e| {
                    e.kind() == "literal_element"
                        && e.parent().is_some_and(|k| {
                            k.kind() == "keyed_element" && k.child_by_field_name("key") == Some(e)
                        })
                }))
        })
        .collect();
    // Only a wrapper used through a pointer costs an allocation, and only one built from
    // data is an id (not a set of options).
    let pointer_used = uses.iter().any(|(f, n)| {
        n.parent().is_some_and(|p| {
            p.kind() == "pointer_type"
                || (p.kind() == "composite_literal"
                    && p.parent()
                        .is_some_and(|u| is_unary(u, "&", &pkg.files[*f].src.text)))
        })
    });
    let built_from_data = uses.iter().any(|(_, n)| {
        n.parent()
            .is_some_and(|p| p.kind() == "composite_literal" && wraps_data(p))
    });
    if !pointer_used || !built_from_data {
        return None;
    }
    // Where to report: the first `&T{…}` in this file, else the type's name.
    let at = uses
        .iter()
        .find(|(f, n)| {
            *f == file
                && n.parent().is_some_and(|p| {
                    p.kind() == "composite_literal"
                        && p.parent()
                            .is_some_and(|u| is_unary(u, "&", &pkg.files[file].src.text))
                })
        })
        .map(|(_, n)| n.parent().and_then(|p| p.parent()).unwrap_or(*n))
        .unwrap_or(spec.child_by_field_name("name")?);
    let basic = match &wrapper {
        Ok(w) => w.basic.as_str(),
        Err((basic, _)) => basic.as_str(),
    };
    let head = format!(
        "`{name}` wraps a single {basic} and is used through `*{name}` (one heap allocation per value): make it `type {name} {basic}`"
    );
    let w = match wrapper {
        Ok(w) => w,
        Err((_, why)) => {
            return Some(ctx.finding(file, at, format!("{head}; not rewritten: {why}"), None));
        }
    };
    match plan(pkg, &w, &uses) {
        Ok((edits, applicability, note)) => {
            let fix =
                Fix::new(applicability, edits)
                    .with_test_files()
                    .with_claim(Claim::Declaration {
                        file: w.file,
                        at: w.spec.start_byte(),
                    });
            let message = match note {
                Some(n) => format!("{head} ({n})"),
                None => head,
            };
            Some(ctx.finding(file, at, message, Some(fix)))
        }
        Err(why) => Some(ctx.finding(file, at, format!("{head}; not rewritten: {why}"), None)),
    }
}

fn is_unary(n: Node, op: &str, src: &str) -> bool {
    n.kind() == "unary_expression"
        && n.child_by_field_name("operator")
            .is_some_and(|o| text(o, src) == op)
}

/// `file:line` of a node, for messages.
fn place(pkg: &Package, file: FileId, n: Node) -> String {
    let f = &pkg.file(file).src;
    let name = f
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().to_string());
    format!("{name}:{}", f.position(n.start_byte()).line)
}

/// True when `ty` is the wrapper `name` (or a pointer to it, with `pointer`): a type of
/// the package, or, in its external test package, the type `name` imported from `path`.
fn is_wrapper(ty: &Ty, name: &str, path: Option<&str>, pointer: bool) -> bool {
    match ty {
        Ty::Named(n) => !pointer && n.name == name && n.local.is_none(),
        Ty::Imported {
            path: p,
            name: n,
            args,
        } => !pointer && Some(p.as_str()) == path && n == name && args.is_empty(),
        Ty::Pointer(inner) => pointer && is_wrapper(inner, name, path, false),
        _ => false,
    }
}

/// The type of an expression of file `file` of the package or of its external test
/// package (see [`Package::owner_of`]).
fn typed(pkg: &Package, file: FileId, n: Node) -> Option<Ty> {
    let (owner, id) = pkg.owner_of(file);
    type_of(owner, id, n)
}

/// The imports of file `file` (of the package or of its external test package).
fn imports_of(pkg: &Package, file: FileId) -> &[crate::fixkit::imports::Import] {
    let (owner, id) = pkg.owner_of(file);
    owner.imports(id)
}

/// The files of the external test package when one of them imports the package (their ids
/// as the package addresses them; none otherwise), and every place each spells the type `name` through that
/// import: a `qualified_type` (`ids.UserID`, in a type or a composite literal) or, in an
/// expression, a `selector_expression` (a conversion or method expression, which the
/// rewrite does not know). Err for a file that dot-imports the package (its spellings
/// would be unqualified).
#[allow(clippy::type_complexity)]
fn xtest_spellings<'p>(
    pkg: &'p Package,
    name: &str,
    path: Option<&str>,
) -> Result<(Vec<FileId>, Vec<(FileId, Node<'p>)>), String> {
    let (mut files, mut out) = (Vec::new(), Vec::new());
    let Some(path) = path else {
        return Ok((files, out));
    };
    for id in pkg.xtest_file_ids() {
        let Some(import) = imports_of(pkg, id).iter().find(|i| i.path == path) else {
            continue;
        };
        let f = pkg.file(id);
        let src = &f.src.text;
        let local = match import.alias.as_deref() {
            Some(".") => {
                return Err(format!(
                    "{} dot-imports the package",
                    place_of_file(pkg, id)
                ));
            }
            Some("_") => continue,
            Some(alias) => alias.to_string(),
            None => pkg.name.clone(),
        };
        files.push(id);
        if !src.contains(name) {
            continue;
        }
        for kind in ["qualified_type", "selector_expression"] {
            for n in crate::syntax::descendants_of_kind(f.src.root(), kind) {
                let (qual, member) = if kind == "qualified_type" {
                    (
                        n.child_by_field_name("package"),
                        n.child_by_field_name("name"),
                    )
                } else {
                    (
                        n.child_by_field_name("operand"),
                        n.child_by_field_name("field"),
                    )
                };
                let (Some(qual), Some(member)) = (qual, member) else {
                    continue;
                };
                if text(member, src) == name
                    && text(qual, src) == local
                    && (kind == "qualified_type"
                        || (qual.kind() == "identifier"
                            && !crate::analysis::resolve::is_local(&f.src, qual, &local)))
                {
                    out.push((id, n));
                }
            }
        }
    }
    out.sort_by_key(|(f, n)| (*f, n.start_byte()));
    // One package: a file that does not import the package may still hold a `*T` (from a
    // helper of another file of it), so all of them are looked at.
    if !files.is_empty() {
        files = pkg.xtest_file_ids().collect();
    }
    Ok((files, out))
}

/// The name of file `file`, for messages.
fn place_of_file(pkg: &Package, file: FileId) -> String {
    pkg.file(file)
        .src
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().to_string())
}

/// The name an expression ends with (`x`, `a.b.x`, `f()` → `f`, `a.f()` → `f`).
fn trailing_name<'s>(n: Node, src: &'s str) -> Option<&'s str> {
    let n = unparen_down(n);
    match n.kind() {
        "identifier" | "field_identifier" => Some(text(n, src)),
        "selector_expression" => n.child_by_field_name("field").map(|f| text(f, src)),
        "call_expression" => trailing_name(n.child_by_field_name("function")?, src),
        "index_expression" => trailing_name(n.child_by_field_name("operand")?, src),
        _ => None,
    }
}

fn unparen_down(mut n: Node) -> Node {
    while n.kind() == "parenthesized_expression" {
        match named_children(n).into_iter().next() {
            Some(c) => n = c,
            None => break,
        }
    }
    n
}

/// Computes every edit of the rewrite, or the reason it cannot be made.
fn plan(
    pkg: &Package,
    w: &Wrapper,
    uses: &[(FileId, Node)],
) -> Result<(Vec<Edit>, Applicability, Option<String>), String> {
    let name = w.name.as_str();
    let field = w.field.as_deref().unwrap_or("");
    if let Some(why) = &pkg.incomplete {
        return Err(why.clone());
    }
    // The external test package (`package foo_test`) is edited in the same fix: its files
    // that import the package, and where they spell the type.
    let own_path = import_path(pkg);
    let own_path = own_path.as_deref();
    let (xtest_files, xtest_uses) = xtest_spellings(pkg, name, own_path)?;
    // Every file whose code is looked at: the package's own, then those of the external
    // test package that import it.
    let scan: Vec<FileId> = (0..pkg.files.len())
        .chain(xtest_files.iter().copied())
        .collect();
    let uses: Vec<(FileId, Node)> = uses.iter().copied().chain(xtest_uses).collect();
    let uses = uses.as_slice();
    for f in (0..pkg.file_count()).map(|id| pkg.file(id)) {
        if f.src.text.contains(name) && f.parse_error().is_some() {
            return Err(format!(
                "{} cannot be parsed and may spell it",
                f.src.path.display()
            ));
        }
    }
    if local_type_declared(pkg, name) {
        return Err(format!("a function declares a local type `{name}`"));
    }
    let mut edits = Vec::new();
    // Names of things whose declared type is `*T`: compared with nil, assigned nil, they
    // reveal "absent" uses where the type cannot be told.
    let mut pointer_names: HashSet<String> = HashSet::new();
    // Functions of the package with a `*T` among their results (by declaration start) and
    // the result positions, for `return nil`.
    let mut pointer_results: Vec<(FileId, Node, Vec<usize>)> = Vec::new();
    // Exported package-level names whose declaration spells T: other packages reach T
    // through them.
    let mut api: Vec<String> = Vec::new();
    // Exported fields of type T or *T (of any struct): another package reading one gets a T.
    let mut members: Vec<String> = Vec::new();
    if crate::golang::is_exported(name) {
        api.push(name.to_string());
    }
    // Methods first: a pointer receiver named like an interface's method refuses before
    // anything else is looked at.
    let methods = receiver_methods(pkg, uses);
    if methods.iter().any(|m| m.name == "Error") {
        return Err(format!(
            "`{name}` is an error type: its values are returned, compared and asserted as `error`, where a `*{name}` would become a `{name}`"
        ));
    }
    let mut interface_methods = interface_method_names(pkg);
    if let Some(x) = &pkg.xtest {
        interface_methods.extend(interface_method_names(x));
    }
    for m in &methods {
        let std = STD_INTERFACE_METHODS
            .iter()
            .any(|&(n, params, results)| n == m.name && (params, results) == m.shape);
        if m.pointer && (std || interface_methods.contains(&m.name)) {
            return Err(format!(
                "`(*{name}).{}` has a pointer receiver and the name of an interface's method: a `*{name}` may be used as that interface",
                m.name
            ));
        }
    }
    let has_string = methods.iter().any(|m| m.name == "String");
    // Reflection and encoders, unsafe and cgo.
    for &id in &scan {
        for i in imports_of(pkg, id) {
            if is_reflective(&i.path)
                && !(i.path == "reflect" && only_deep_equal(pkg, id, &i.local_name))
            {
                return Err(format!(
                    "the package imports {} ({}): an encoder or reflection reading a `{name}` would see the bare {} instead of a struct (`{{}}` would become a number)",
                    i.path,
                    place_of_file(pkg, id),
                    w.basic
                ));
            }
            if (i.path == "unsafe" || i.path == "C") && uses.iter().any(|(f, _)| *f == id) {
                return Err(format!(
                    "{} imports {} and spells `{name}`",
                    pkg.file(id).src.path.display(),
                    i.path
                ));
            }
        }
    }
    // `&T{…}` returned: checked once every `*T` result is known.
    let mut returned: Vec<(FileId, Node, usize)> = Vec::new();

    for &(file, n) in uses {
        let f = pkg.file(file);
        let src = &f.src.text;
        if n == w.spec.child_by_field_name("name").unwrap_or(n) && file == w.file {
            continue;
        }
        if f.generated {
            return Err(format!("generated file {} spells it", place(pkg, file, n)));
        }
        let at = place(pkg, file, n);
        if matches!(n.kind(), "identifier" | "selector_expression") {
            return Err(format!(
                "`{}` at {at} is not a use the rewrite knows (conversion, method expression or `new`)",
                text(n.parent().unwrap_or(n), src)
            ));
        }
        let parent = n.parent().ok_or("no parent")?;
        // Exported top-level declarations spelling T (a test file's are not importable).
        if let Some(top) = crate::syntax::enclosing_top_level(n).filter(|_| !f.is_test) {
            for exported in exported_names(top, src) {
                if !api.contains(&exported) {
                    api.push(exported);
                }
            }
        }
        if parent.kind() == "composite_literal" {
            let outer = parent
                .parent()
                .filter(|u| is_unary(*u, "&", src))
                .unwrap_or(parent);
            if outer != parent
                && let Some(list) = unparen(outer)
                    .parent()
                    .filter(|l| l.kind() == "expression_list")
                && list
                    .parent()
                    .is_some_and(|r| r.kind() == "return_statement")
            {
                let index = named_children(list)
                    .iter()
                    .position(|c| *c == unparen(outer))
                    .unwrap_or(0);
                returned.push((file, outer, index));
            }
            edits.extend(literal_edits(pkg, w, file, parent, outer)?);
            continue;
        }
        let (ty_node, pointer) = if parent.kind() == "pointer_type" {
            (parent, true)
        } else {
            (n, false)
        };
        let ctx = ty_node.parent().ok_or("no parent")?;
        match ctx.kind() {
            "type_assertion_expression" | "type_case" | "type_conversion_expression" => {
                return Err(format!(
                    "a type assertion, type switch or conversion at {at} uses the type as an interface's dynamic type"
                ));
            }
            "map_type" if pointer && ctx.child_by_field_name("key") == Some(ty_node) => {
                return Err(format!(
                    "`*{name}` is a map key at {at}: distinct pointers to equal ids are distinct keys"
                ));
            }
            "type_arguments" | "type_elem" | "type_constraint" | "type_parameter_declaration" => {
                return Err(format!("it is used with generics at {at}"));
            }
            "parameter_declaration" | "variadic_parameter_declaration" => {
                let decl = ctx;
                let list = decl.parent();
                let func = list.and_then(|l| l.parent());
                let is_receiver = func.is_some_and(|fd| {
                    fd.kind() == "method_declaration" && fd.child_by_field_name("receiver") == list
                });
                if is_receiver {
                    // Seen by `receiver_methods`.
                } else if pointer {
                    for p in field_children(decl, "name") {
                        pointer_names.insert(text(p, src).to_string());
                    }
                    // A result list: remember the positions for `return nil`.
                    if let Some(fd) = func.filter(|fd| fd.child_by_field_name("result") == list) {
                        if decl.child_by_field_name("name").is_some() {
                            return Err(format!(
                                "a named result of type `*{name}` at {at} starts as nil (a bare `return` returns it as \"absent\")"
                            ));
                        }
                        let position = result_position(list.ok_or("no list")?, decl);
                        pointer_results.push((file, fd, position));
                        if let Some(fname) = fd.child_by_field_name("name") {
                            pointer_names.insert(text(fname, src).to_string());
                        }
                    }
                }
            }
            "field_declaration" => {
                // A field of an exported struct type (of the package's own files).
                let owner_exported = crate::syntax::ancestors(ctx)
                    .find(|a| a.kind() == "type_spec")
                    .and_then(|spec| spec.child_by_field_name("name"))
                    .is_some_and(|n| crate::golang::is_exported(text(n, src)));
                if !f.is_test && owner_exported {
                    for p in field_children(ctx, "name") {
                        let field_name = text(p, src).to_string();
                        if crate::golang::is_exported(&field_name) && !members.contains(&field_name)
                        {
                            members.push(field_name);
                        }
                    }
                }
                if pointer {
                    for p in field_children(ctx, "name") {
                        pointer_names.insert(text(p, src).to_string());
                    }
                }
                if ctx.child_by_field_name("name").is_none() {
                    return Err(format!("it is embedded in another struct at {at}"));
                }
            }
            "var_spec" => {
                if pointer && ctx.child_by_field_name("value").is_none() {
                    return Err(format!(
                        "`var … *{name}` at {at} starts as nil (\"absent\"); the zero id would mean absent"
                    ));
                }
                if pointer {
                    for p in field_children(ctx, "name") {
                        pointer_names.insert(text(p, src).to_string());
                    }
                }
            }
            // A result, of a function, a function type or an interface's method.
            "function_declaration"
            | "method_declaration"
            | "func_literal"
            | "function_type"
            | "method_elem"
                if ctx.child_by_field_name("result") == Some(ty_node) =>
            {
                if pointer {
                    pointer_results.push((file, ctx, vec![0]));
                    if let Some(fname) = ctx.child_by_field_name("name") {
                        pointer_names.insert(text(fname, src).to_string());
                    }
                }
            }
            "slice_type" | "array_type" | "channel_type" | "map_type" => {
                if let Some(lit) = ctx.parent().filter(|l| l.kind() == "composite_literal")
                    && lit.child_by_field_name("type") == Some(ctx)
                    && lit
                        .child_by_field_name("body")
                        .is_some_and(|b| elided_elements(b, ctx.kind() == "map_type"))
                {
                    return Err(format!(
                        "a composite literal at {at} writes its elements as `{{…}}`"
                    ));
                }
            }
            _ => {
                return Err(format!(
                    "`{}` at {at} is not a use the rewrite knows",
                    text(ctx, src).lines().next().unwrap_or("")
                ));
            }
        }
        if pointer {
            edits.push(Edit::replace(file, parent.byte_range(), text(n, src)));
        }
    }
    // In the external test package, the package's functions and values are not typed
    // (there is no type checker): a variable set from one that gives a `*T` holds one.
    propagate_pointer_names(pkg, &xtest_files, &mut pointer_names, &pointer_results);

    // The field: reads become conversions, writes refuse.
    for (file, lit, index) in returned {
        let func = crate::syntax::enclosing_function(lit);
        let as_pointer = pointer_results.iter().any(|(f, fd, positions)| {
            *f == file && Some(*fd) == func && positions.contains(&index)
        });
        if !as_pointer {
            return Err(format!(
                "`{}` at {} is returned as another type (an interface): a `*{name}` would become a `{name}`",
                text(lit, &pkg.file(file).src.text),
                place(pkg, file, lit)
            ));
        }
    }
    let unique_field = !crate::golang::is_exported(field)
        && !member_named_elsewhere(pkg, field, w.file, w.struct_type.byte_range());
    // An unexported field cannot be selected from the external test package.
    let mut selectors = field_selectors(pkg, field);
    if let Some(x) = pkg
        .xtest
        .as_deref()
        .filter(|_| crate::golang::is_exported(field))
    {
        selectors.extend(
            field_selectors(x, field)
                .into_iter()
                .map(|(f, n)| (pkg.xtest_file_id(f), n))
                .filter(|(f, _)| xtest_files.contains(f)),
        );
    }
    for (file, sel) in selectors {
        let src = &pkg.file(file).src.text;
        let operand = sel.child_by_field_name("operand").ok_or("no operand")?;
        let at = place(pkg, file, sel);
        let ours = match typed(pkg, file, operand) {
            Some(ty) => {
                is_wrapper(&ty, name, own_path, true) || is_wrapper(&ty, name, own_path, false)
            }
            None => {
                if !unique_field || file >= pkg.files.len() {
                    return Err(format!(
                        "the type of `{}` at {at} cannot be told",
                        text(operand, src)
                    ));
                }
                true
            }
        };
        if !ours {
            continue;
        }
        if sel.parent().is_some_and(|p| {
            p.kind() == "call_expression" && p.child_by_field_name("function") == Some(sel)
        }) {
            return Err(format!("`{}` at {at} calls the field", text(sel, src)));
        }
        match classify(sel, src) {
            UseKind::Write | UseKind::Redeclare => {
                return Err(format!(
                    "`{}` is assigned at {at}: copies would stop sharing the value",
                    text(sel, src)
                ));
            }
            UseKind::AddressOf => {
                return Err(format!(
                    "`&{}` at {at} takes the field's address",
                    text(sel, src)
                ));
            }
            _ => {}
        }
        edits.push(Edit::insert(
            file,
            operand.start_byte(),
            format!("{}(", w.basic),
        ));
        edits.push(Edit::replace(file, operand.end_byte()..sel.end_byte(), ")"));
    }

    // Dereferences, addresses, nil and identity, printing: every unary and binary
    // expression and every `nil` of the package.
    for &file in &scan {
        let f = pkg.file(file);
        let src = &f.src.text;
        let is_ptr = |n: Node| -> Option<bool> {
            match typed(pkg, file, n) {
                Some(ty) => Some(is_wrapper(&ty, name, own_path, true)),
                None => trailing_name(n, src)
                    .is_some_and(|t| pointer_names.contains(t))
                    .then_some(true),
            }
        };
        for u in crate::syntax::descendants_of_kind(f.src.root(), "unary_expression") {
            let Some(operand) = u.child_by_field_name("operand") else {
                continue;
            };
            let at = || place(pkg, file, u);
            if is_unary(u, "*", src) {
                let ptr = match &typed(pkg, file, operand) {
                    Some(ty) => is_wrapper(ty, name, own_path, true),
                    None => {
                        if trailing_name(operand, src).is_some_and(|t| pointer_names.contains(t)) {
                            return Err(format!(
                                "the type of `{}` at {} cannot be told",
                                text(operand, src),
                                at()
                            ));
                        }
                        false
                    }
                };
                if !ptr {
                    continue;
                }
                if matches!(classify(u, src), UseKind::Write | UseKind::AddressOf) {
                    return Err(format!(
                        "`{}` is assigned at {}: copies would stop sharing the value",
                        text(u, src),
                        at()
                    ));
                }
                let op = u.child_by_field_name("operator").ok_or("no operator")?;
                edits.push(Edit::delete(file, op.byte_range()));
            } else if is_unary(u, "&", src)
                && unparen_down(operand).kind() != "composite_literal"
                && typed(pkg, file, operand).is_some_and(|t| is_wrapper(&t, name, own_path, false))
            {
                return Err(format!(
                    "`{}` at {} takes the address of a `{name}`",
                    text(u, src),
                    at()
                ));
            }
        }
        for b in crate::syntax::descendants_of_kind(f.src.root(), "binary_expression") {
            let op = b
                .child_by_field_name("operator")
                .map(|o| text(o, src))
                .unwrap_or("");
            if op != "==" && op != "!=" {
                continue;
            }
            let (Some(l), Some(r)) = (
                b.child_by_field_name("left"),
                b.child_by_field_name("right"),
            ) else {
                continue;
            };
            let nil = |n: Node| {
                let n = unparen_down(n);
                n.kind() == "nil" || (n.kind() == "identifier" && text(n, src) == "nil")
            };
            let at = place(pkg, file, b);
            if nil(l) || nil(r) {
                let other = if nil(l) { r } else { l };
                if is_ptr(other) == Some(true) {
                    return Err(format!(
                        "`{}` at {at} compares a `*{name}` with nil (nil as \"absent\")",
                        text(b, src)
                    ));
                }
            } else if is_ptr(l) == Some(true) || is_ptr(r) == Some(true) {
                return Err(format!(
                    "`{}` at {at} compares pointers: identity would become value equality",
                    text(b, src)
                ));
            }
        }
        for n in crate::syntax::descendants_of_kind(f.src.root(), "nil") {
            nil_use(
                pkg,
                file,
                n,
                (name, own_path),
                &pointer_names,
                &pointer_results,
            )?;
        }
        // A `*T` put where another type is expected (an interface, most likely): assigned
        // to a variable, written as an element of a literal, passed to a function of the
        // package or returned as another type. After the rewrite that slot would hold a `T`.
        let ours_ptr = |v: Node| -> bool {
            let v = unparen_down(v);
            (is_unary(v, "&", src)
                && v.child_by_field_name("operand").is_some_and(|o| {
                    o.kind() == "composite_literal"
                        && o.child_by_field_name("type")
                            .is_some_and(|t| uses.iter().any(|(u, n)| *u == file && *n == t))
                }))
                || is_ptr(v) == Some(true)
        };
        let elsewhere = |v: Node, what: &str| {
            Err(format!(
                "`{}` at {} {what}, which does not have the type `*{name}` (an interface?): it would hold a `{name}`",
                text(v, src),
                place(pkg, file, v)
            ))
        };
        for stmt in crate::syntax::descendants_of_kind(f.src.root(), "assignment_statement") {
            if stmt
                .child_by_field_name("operator")
                .is_none_or(|o| text(o, src) != "=")
            {
                continue;
            }
            let left = stmt
                .child_by_field_name("left")
                .map(named_children)
                .unwrap_or_default();
            let right = stmt
                .child_by_field_name("right")
                .map(named_children)
                .unwrap_or_default();
            if left.len() != right.len() {
                continue;
            }
            for (l, r) in left.iter().zip(&right) {
                if !ours_ptr(*r) || text(*l, src) == "_" {
                    continue;
                }
                let slot_ok = match typed(pkg, file, *l) {
                    Some(t) => is_wrapper(&t, name, own_path, true),
                    None => trailing_name(*l, src).is_some_and(|t| pointer_names.contains(t)),
                };
                if !slot_ok {
                    return elsewhere(*r, &format!("is assigned to `{}`", text(*l, src)));
                }
            }
        }
        for lit in crate::syntax::descendants_of_kind(f.src.root(), "composite_literal") {
            let (Some(ty), Some(body)) = (
                lit.child_by_field_name("type"),
                lit.child_by_field_name("body"),
            ) else {
                continue;
            };
            let element_type = match ty.kind() {
                "slice_type" | "array_type" | "implicit_length_array_type" => {
                    ty.child_by_field_name("element")
                }
                "map_type" => ty.child_by_field_name("value"),
                _ => None,
            };
            for e in named_children(body) {
                let (key, value) = match e.kind() {
                    "keyed_element" => {
                        (e.child_by_field_name("key"), e.child_by_field_name("value"))
                    }
                    _ => (None, Some(e)),
                };
                let Some(value) = value.map(|v| {
                    named_children(v)
                        .into_iter()
                        .next()
                        .filter(|_| v.kind() == "literal_element")
                        .unwrap_or(v)
                }) else {
                    continue;
                };
                if !ours_ptr(value) {
                    continue;
                }
                let slot_ok = match (element_type, key) {
                    (Some(t), _) => spells_pointer_to(t, name, src),
                    // A struct's field, by name: one declared `*T` somewhere in the package.
                    (None, Some(k)) => pointer_names.contains(text(k, src)),
                    (None, None) => false,
                };
                if !slot_ok {
                    return elsewhere(value, "is an element of a literal");
                }
            }
        }
        for call in crate::syntax::descendants_of_kind(f.src.root(), "call_expression") {
            // The package's own function (from the external test package too).
            let (owner, local) = pkg.owner_of(file);
            let decl = match crate::analysis::calls::callee(owner, local, call) {
                Some(crate::analysis::calls::Callee::Package { file: f, decl })
                    if file < pkg.files.len() =>
                {
                    Some((f, decl))
                }
                _ => crate::fixkit::imports::call_target(owner, local, call)
                    .filter(|(path, _)| Some(path.as_str()) == own_path)
                    .and_then(|(_, func)| crate::analysis::decls::package_func_decl(pkg, &func)),
            };
            let Some((decl_file, decl)) = decl else {
                continue;
            };
            let decl_src = &pkg.file(decl_file).src.text;
            // The type of each parameter, in order (a name list counts once per name; a
            // variadic one receives every remaining argument).
            let mut slots: Vec<(Node, bool)> = Vec::new();
            if let Some(params) = decl.child_by_field_name("parameters") {
                for d in named_children(params) {
                    let Some(t) = d.child_by_field_name("type") else {
                        continue;
                    };
                    let variadic = d.kind() == "variadic_parameter_declaration";
                    for _ in 0..field_children(d, "name").len().max(1) {
                        slots.push((t, variadic));
                    }
                }
            }
            let args = call
                .child_by_field_name("arguments")
                .map(named_children)
                .unwrap_or_default();
            for (i, a) in args.iter().enumerate() {
                if !ours_ptr(*a) {
                    continue;
                }
                let slot = slots
                    .get(i)
                    .or_else(|| slots.last().filter(|(_, variadic)| *variadic));
                if !slot.is_some_and(|(t, _)| spells_pointer_to(*t, name, decl_src)) {
                    return elsewhere(*a, "is passed as an argument");
                }
            }
        }
        for ret in crate::syntax::descendants_of_kind(f.src.root(), "return_statement") {
            let values = named_children(ret)
                .into_iter()
                .find(|c| c.kind() == "expression_list")
                .map(named_children)
                .unwrap_or_default();
            let func = crate::syntax::enclosing_function(ret);
            for (i, v) in values.iter().enumerate() {
                if ours_ptr(*v)
                    && !pointer_results.iter().any(|(f, fd, positions)| {
                        *f == file && Some(*fd) == func && positions.contains(&i)
                    })
                {
                    return elsewhere(*v, "is returned as a result");
                }
            }
        }
        // A `*T` declared as a variable of another type (`var x any = ids.New(1)`, an
        // interface): it would hold a `T`.
        for spec in crate::syntax::descendants_of_kind(f.src.root(), "var_spec") {
            let (Some(ty), Some(values)) = (
                spec.child_by_field_name("type"),
                spec.child_by_field_name("value"),
            ) else {
                continue;
            };
            if spells_pointer_to(ty, name, src) || uses.iter().any(|(u, n)| *u == file && *n == ty)
            {
                continue;
            }
            for v in named_children(values) {
                if is_ptr(v) == Some(true) {
                    return Err(format!(
                        "`{}` at {} declares a `*{name}` as `{}` (an interface): it would hold a `{name}`",
                        text(spec, src),
                        place(pkg, file, spec),
                        text(ty, src)
                    ));
                }
            }
        }
        // Values handed to another package: `fmt`/`log` print them (the same with a
        // `String` method), anything else may hold them as an interface.
        for call in crate::syntax::descendants_of_kind(f.src.root(), "call_expression") {
            let (owner, local) = pkg.owner_of(file);
            let Some((path, func)) = crate::fixkit::imports::call_target(owner, local, call)
                .or_else(|| foreign_method(pkg, file, call, own_path))
            else {
                continue;
            };
            // The package's own functions (called from its external test package) take the
            // rewritten type.
            if Some(path.as_str()) == own_path {
                continue;
            }
            let printing = matches!(path.as_str(), "fmt" | "log" | "log/slog");
            if printing && has_string {
                continue;
            }
            let args = call
                .child_by_field_name("arguments")
                .map(named_children)
                .unwrap_or_default();
            for a in args {
                let literal = is_unary(a, "&", src)
                    && a.child_by_field_name("operand").is_some_and(|o| {
                        o.kind() == "composite_literal"
                            && o.child_by_field_name("type")
                                .is_some_and(|t| uses.iter().any(|(f, n)| *f == file && *n == t))
                    });
                let ours = literal
                    || match typed(pkg, file, a) {
                        Some(t) => {
                            is_wrapper(&t, name, own_path, true)
                                || is_wrapper(&t, name, own_path, false)
                        }
                        None => trailing_name(a, src).is_some_and(|t| pointer_names.contains(t)),
                    };
                if !ours {
                    continue;
                }
                let at = place(pkg, file, call);
                return Err(if printing {
                    format!(
                        "{path}.{func} prints `{}` at {at}: without a String method its output would change (`&{{1}}` becomes `1`)",
                        text(a, src)
                    )
                } else {
                    format!(
                        "`{}` is passed to {path}.{func} at {at}, which may hold it as an interface (a `*{name}` would become a `{name}`)",
                        text(a, src)
                    )
                });
            }
        }
    }

    // The declaration itself.
    edits.push(Edit::replace(
        w.file,
        w.struct_type.byte_range(),
        w.basic.clone(),
    ));

    // Who else can see it.
    let dir = std::path::absolute(&pkg.dir).unwrap_or_else(|_| pkg.dir.clone());
    let root = pkg.module.as_ref().and_then(|m| m.path.parent());
    let internal = root
        .and_then(|r| dir.strip_prefix(r).ok())
        .is_some_and(|rel| rel.components().any(|c| c.as_os_str() == "internal"));
    let mut note = None;
    let mut applicability = Applicability::Safe;
    if pkg.name != "main" && !(api.is_empty() && members.is_empty()) {
        let names: Vec<&str> = api.iter().map(String::as_str).collect();
        let member_names: Vec<&str> = members.iter().map(String::as_str).collect();
        match module_importers(pkg, &names, &member_names) {
            Err(why) => return Err(format!("the module's other packages cannot be read: {why}")),
            Ok(importers) => {
                // The external test package is rewritten with the package.
                let own_dir = std::path::absolute(&pkg.dir).unwrap_or_else(|_| pkg.dir.clone());
                let xtest_name = format!("{}_test", pkg.name);
                if let Some(i) = importers.iter().find(|i| {
                    !(pkg.xtest.is_some()
                        && i.package == xtest_name
                        && i.path.parent() == Some(own_dir.as_path()))
                }) {
                    let rel = i
                        .path
                        .strip_prefix(
                            pkg.module
                                .as_ref()
                                .and_then(|m| m.path.parent())
                                .unwrap_or(std::path::Path::new("")),
                        )
                        .unwrap_or(&i.path);
                    return Err(format!(
                        "package {} ({}:{}) uses `{}.{}`; allocfix does not rewrite across packages",
                        i.package,
                        rel.display(),
                        i.line,
                        pkg.name,
                        i.name
                    ));
                }
            }
        }
        if !internal {
            applicability = Applicability::Unsafe;
            note = Some(format!(
                "unsafe: `{}` is exported from an importable package, so code outside the module may use it; the rewrite changes its API",
                api.first().or(members.first()).map_or(name, String::as_str)
            ));
        }
    }
    edits.sort_by_key(|e| (e.file, e.range.start, e.range.end));
    edits.dedup();
    // Every file the rewrite touches must be one this run may write (a target, or a test
    // file of the package): a fix that left a file out would not compile.
    if let Some(e) = edits.iter().find(|e| {
        let f = pkg.file(e.file);
        !(f.editable || (f.is_test && !f.generated && f.parse_error().is_none()))
    }) {
        return Err(format!(
            "{} also spells it but is not among the files being fixed (run allocfix on the whole folder)",
            pkg.file(e.file).src.path.display()
        ));
    }
    Ok((edits, applicability, note))
}

/// The exported names a top-level declaration declares (a function, a variable, a type;
/// the exported methods of an exported type count as that type).
fn exported_names(top: Node, src: &str) -> Vec<String> {
    match top.kind() {
        "method_declaration" => {
            let recv = crate::analysis::refs::receiver_type_name(top, src);
            let method = top.child_by_field_name("name").map(|n| text(n, src));
            match (recv, method) {
                (Some((ty, _)), Some(m))
                    if crate::golang::is_exported(ty) && crate::golang::is_exported(m) =>
                {
                    vec![ty.to_string()]
                }
                _ => Vec::new(),
            }
        }
        _ => crate::package::top_level_names(top, src)
            .into_iter()
            .filter(|n| crate::golang::is_exported(n))
            .collect(),
    }
}

/// The index of `decl` among the results of `list` (a name list counts one per name).
fn result_position(list: Node, decl: Node) -> Vec<usize> {
    let mut i = 0;
    for d in named_children(list) {
        let names = field_children(d, "name").len().max(1);
        if d == decl {
            return (i..i + names).collect();
        }
        i += names;
    }
    Vec::new()
}

/// True when a literal body has an element written `{…}` (its type elided).
fn elided_elements(body: Node, map: bool) -> bool {
    named_children(body).into_iter().any(|e| {
        let value = match e.kind() {
            "keyed_element" => {
                let mut v = e.child_by_field_name("value");
                if map
                    && let Some(k) = e.child_by_field_name("key")
                    && named_children(k)
                        .first()
                        .is_some_and(|c| c.kind() == "literal_value")
                {
                    v = Some(k);
                }
                v
            }
            _ => Some(e),
        };
        value.is_some_and(|v| {
            v.kind() == "literal_value"
                || named_children(v)
                    .first()
                    .is_some_and(|c| c.kind() == "literal_value")
        })
    })
}

/// The edits turning `T{v: x}` / `&T{x}` / `&T{}` (the literal, and `outer`: the literal or
/// its `&`) into `T(x)`.
fn literal_edits(
    pkg: &Package,
    w: &Wrapper,
    file: FileId,
    lit: Node,
    outer: Node,
) -> Result<Vec<Edit>, String> {
    let src = &pkg.file(file).src.text;
    let at = place(pkg, file, lit);
    // The type as the file spells it: `T`, or `ids.T` in the external test package.
    let spelled = lit
        .child_by_field_name("type")
        .map_or(w.name.as_str(), |t| text(t, src));
    let body = lit.child_by_field_name("body").ok_or("no body")?;
    let elements = named_children(body)
        .into_iter()
        .filter(|n| n.kind() != "comment")
        .collect::<Vec<_>>();
    if named_children(body).iter().any(|n| n.kind() == "comment") {
        return Err(format!("a comment in the literal at {at} would be lost"));
    }
    let value = match elements.as_slice() {
        [] => {
            let zero = match w.basic.as_str() {
                "string" => "\"\"",
                "bool" => "false",
                _ => "0",
            };
            return Ok(vec![Edit::replace(
                file,
                outer.byte_range(),
                format!("{spelled}({zero})"),
            )]);
        }
        [e] if e.kind() == "keyed_element" => {
            let key = e.child_by_field_name("key").ok_or("no key")?;
            if text(key, src) != w.field.as_deref().unwrap_or("") {
                return Err(format!(
                    "the literal at {at} is not `{}{{{}: …}}`",
                    w.name,
                    w.field.as_deref().unwrap_or("")
                ));
            }
            e.child_by_field_name("value").ok_or("no value")?
        }
        [e] => *e,
        _ => return Err(format!("the literal at {at} has several elements")),
    };
    let value = if value.kind() == "literal_element" {
        named_children(value)
            .into_iter()
            .next()
            .ok_or("empty element")?
    } else {
        value
    };
    if value.kind() == "literal_value" {
        return Err(format!("the literal at {at} holds `{{…}}`"));
    }
    Ok(vec![
        Edit::replace(
            file,
            outer.start_byte()..value.start_byte(),
            format!("{spelled}("),
        ),
        Edit::replace(file, value.end_byte()..outer.end_byte(), ")"),
    ])
}

/// The methods declared on the wrapper (receivers among its spellings): name, and whether
/// the receiver is a pointer.
fn receiver_methods(pkg: &Package, uses: &[(FileId, Node)]) -> Vec<MethodShape> {
    let mut out = Vec::new();
    for &(file, n) in uses {
        let src = &pkg.file(file).src.text;
        let pointer = n.parent().is_some_and(|p| p.kind() == "pointer_type");
        let ty = if pointer { n.parent() } else { Some(n) };
        let decl = ty.and_then(|t| t.parent());
        let list = decl.and_then(|d| d.parent());
        let method = list.and_then(|l| l.parent()).filter(|m| {
            m.kind() == "method_declaration" && m.child_by_field_name("receiver") == list
        });
        if let Some(m) = method
            && let Some(name) = m.child_by_field_name("name")
        {
            let count = |list: Option<Node>| {
                list.map_or(0, |l| {
                    if l.kind() != "parameter_list" {
                        return 1;
                    }
                    named_children(l)
                        .into_iter()
                        .filter(|d| d.kind().ends_with("parameter_declaration"))
                        .map(|d| field_children(d, "name").len().max(1))
                        .sum()
                })
            };
            out.push(MethodShape {
                name: text(name, src).to_string(),
                pointer,
                shape: (
                    count(m.child_by_field_name("parameters")),
                    count(m.child_by_field_name("result")),
                ),
            });
        }
    }
    out
}

/// A method declared on the wrapper: its name, whether its receiver is a pointer, and its
/// numbers of parameters and results.
struct MethodShape {
    name: String,
    pointer: bool,
    shape: (usize, usize),
}

/// Adds to `pointer_names` the variables of the external test package's files `files` set
/// from a value whose name is in it (`id := ids.New(1)`, `p := h.Owner`), by name: where
/// the value is a call of a function of the package with `*T` results, only the variables
/// at those positions (`id, err := ids.Parse(s)` names `id`, not `err`). Repeated until
/// nothing is added, so chains (`a := ids.New(1); b := a`) are followed.
fn propagate_pointer_names(
    pkg: &Package,
    files: &[FileId],
    pointer_names: &mut HashSet<String>,
    pointer_results: &[(FileId, Node, Vec<usize>)],
) {
    // Positions of the `*T` results of the package's functions, by name.
    let mut positions: std::collections::HashMap<String, Vec<usize>> =
        std::collections::HashMap::new();
    for (f, fd, p) in pointer_results
        .iter()
        .filter(|(f, _, _)| *f < pkg.files.len())
    {
        if let Some(n) = fd.child_by_field_name("name") {
            positions
                .entry(text(n, &pkg.file(*f).src.text).to_string())
                .or_default()
                .extend(p);
        }
    }
    loop {
        let mut added = false;
        for &file in files {
            let src = &pkg.file(file).src.text;
            let root = pkg.file(file).src.root();
            for kind in ["short_var_declaration", "assignment_statement", "var_spec"] {
                for stmt in crate::syntax::descendants_of_kind(root, kind) {
                    let left = stmt
                        .child_by_field_name("left")
                        .map(named_children)
                        .unwrap_or_else(|| field_children(stmt, "name"));
                    let right = stmt
                        .child_by_field_name("right")
                        .or_else(|| stmt.child_by_field_name("value"))
                        .map(named_children)
                        .unwrap_or_default();
                    let pointers: Vec<usize> = match right.as_slice() {
                        [one] if left.len() > 1 => {
                            let Some(t) = trailing_name(*one, src) else {
                                continue;
                            };
                            match positions.get(t) {
                                Some(p) if unparen_down(*one).kind() == "call_expression" => {
                                    p.clone()
                                }
                                _ if pointer_names.contains(t) => (0..left.len()).collect(),
                                _ => Vec::new(),
                            }
                        }
                        _ => right
                            .iter()
                            .enumerate()
                            .filter(|(_, r)| {
                                trailing_name(**r, src).is_some_and(|t| pointer_names.contains(t))
                            })
                            .map(|(i, _)| i)
                            .collect(),
                    };
                    for i in pointers {
                        if let Some(t) = left.get(i).and_then(|l| trailing_name(*l, src))
                            && t != "_"
                            && pointer_names.insert(t.to_string())
                        {
                            added = true;
                        }
                    }
                }
            }
        }
        if !added {
            break;
        }
    }
}

/// Every method name of an interface type written in the package.
fn interface_method_names(pkg: &Package) -> HashSet<String> {
    let mut out = HashSet::new();
    for f in &pkg.files {
        let src = &f.src.text;
        if !src.contains("interface") {
            continue;
        }
        for m in crate::syntax::descendants_of_kind(f.src.root(), "method_elem") {
            if let Some(n) = m.child_by_field_name("name") {
                out.insert(text(n, src).to_string());
            }
        }
    }
    out
}

/// Refuses a `nil` that stands for a `*T`: returned where a result is `*T`, assigned to a
/// `*T` (by name), a keyed value of a `*T` field, or passed to a package function taking
/// a `*T`.
fn nil_use(
    pkg: &Package,
    file: FileId,
    n: Node,
    (name, path): (&str, Option<&str>),
    pointer_names: &HashSet<String>,
    pointer_results: &[(FileId, Node, Vec<usize>)],
) -> Result<(), String> {
    let src = &pkg.file(file).src.text;
    let at = place(pkg, file, n);
    let outer = unparen(n);
    let Some(parent) = outer.parent() else {
        return Ok(());
    };
    let absent = || {
        Err(format!(
            "nil at {at} stands for a `*{name}` (nil as \"absent\")"
        ))
    };
    match parent.kind() {
        "expression_list" => {
            let index = named_children(parent)
                .iter()
                .position(|c| *c == outer)
                .unwrap_or(0);
            let Some(stmt) = parent.parent() else {
                return Ok(());
            };
            match stmt.kind() {
                "return_statement" => {
                    let func = crate::syntax::enclosing_function(stmt);
                    if pointer_results.iter().any(|(f, fd, positions)| {
                        *f == file && Some(*fd) == func && positions.contains(&index)
                    }) {
                        return absent();
                    }
                }
                "assignment_statement" | "short_var_declaration" | "var_spec" => {
                    let left = stmt
                        .child_by_field_name("left")
                        .map(named_children)
                        .or_else(|| Some(field_children(stmt, "name")))
                        .unwrap_or_default();
                    if left.get(index).is_some_and(|l| {
                        trailing_name(*l, src).is_some_and(|t| pointer_names.contains(t))
                            || typed(pkg, file, *l)
                                .is_some_and(|t| is_wrapper(&t, name, path, true))
                    }) {
                        return absent();
                    }
                }
                _ => {}
            }
        }
        "literal_element" => {
            if let Some(k) = parent
                .parent()
                .filter(|e| {
                    e.kind() == "keyed_element" && e.child_by_field_name("value") == Some(parent)
                })
                .and_then(|e| e.child_by_field_name("key"))
                && pointer_names.contains(text(k, src))
            {
                return absent();
            }
            // An element or map value of a `[]*T`, `[N]*T` or `map[K]*T` literal.
            let value_of_element = parent.parent().is_some_and(|e| {
                e.kind() == "literal_value"
                    || (e.kind() == "keyed_element"
                        && e.child_by_field_name("value") == Some(parent))
            });
            let lit = crate::syntax::ancestors(parent).find(|a| a.kind() == "composite_literal");
            let element = lit
                .and_then(|l| l.child_by_field_name("type"))
                .and_then(|t| match t.kind() {
                    "slice_type" | "array_type" => t.child_by_field_name("element"),
                    "map_type" => t.child_by_field_name("value"),
                    _ => None,
                });
            if value_of_element && element.is_some_and(|e| spells_pointer_to(e, name, src)) {
                return absent();
            }
        }
        "argument_list" => {
            let call = parent.parent();
            if call
                .and_then(|c| c.child_by_field_name("function"))
                .and_then(|f| trailing_name(f, src))
                .is_some_and(|f| takes_pointer(pkg, f, name))
            {
                return absent();
            }
        }
        _ => {}
    }
    Ok(())
}

/// True when the type `ty` is `*name` or `*q.name` (the type as the package or its
/// external test package spells it).
fn spells_pointer_to(ty: Node, name: &str, src: &str) -> bool {
    ty.kind() == "pointer_type"
        && named_children(ty).first().is_some_and(|t| match t.kind() {
            "type_identifier" => text(*t, src) == name,
            "qualified_type" => t
                .child_by_field_name("name")
                .is_some_and(|n| text(n, src) == name),
            _ => false,
        })
}

/// For a method call `x.M(…)` whose receiver is not of a type of this package (imported,
/// or not evident): a description of the receiver's package (its import path, or
/// "a value of unknown type") and the method's name. Such a method may take its arguments
/// as interfaces.
fn foreign_method(
    pkg: &Package,
    file: FileId,
    call: Node,
    own_path: Option<&str>,
) -> Option<(String, String)> {
    let src = &pkg.file(file).src.text;
    let function = call.child_by_field_name("function")?;
    if function.kind() != "selector_expression" {
        return None;
    }
    let operand = function.child_by_field_name("operand")?;
    let method = text(function.child_by_field_name("field")?, src).to_string();
    let mut ty = typed(pkg, file, operand);
    while let Some(Ty::Pointer(inner)) = ty {
        ty = Some(*inner);
    }
    match ty {
        // A method of the package's own type, called from its external test package.
        Some(Ty::Imported { path, .. }) if Some(path.as_str()) == own_path => None,
        Some(Ty::Imported { path, name, .. }) => Some((format!("({path}.{name})"), method)),
        Some(Ty::Interface(_)) => Some(("(an interface)".to_string(), method)),
        None => Some((
            format!("`{}` (of a type not evident)", text(operand, src)),
            method,
        )),
        Some(_) => None,
    }
}

/// True when a function or method of the package named `func` has a `*T` parameter.
fn takes_pointer(pkg: &Package, func: &str, name: &str) -> bool {
    pkg.files.iter().any(|f| {
        let src = &f.src.text;
        src.contains(func)
            && named_children(f.src.root()).into_iter().any(|d| {
                matches!(d.kind(), "function_declaration" | "method_declaration")
                    && d.child_by_field_name("name")
                        .is_some_and(|n| text(n, src) == func)
                    && d.child_by_field_name("parameters").is_some_and(|ps| {
                        crate::syntax::descendants_of_kind(ps, "pointer_type")
                            .iter()
                            .any(|p| {
                                named_children(*p)
                                    .first()
                                    .is_some_and(|t| text(*t, src) == name)
                            })
                    })
            })
    })
}

#[cfg(test)]
mod tests {
    use crate::engine::{Settings, run_package};
    use crate::package::{GoFile, Package};
    use crate::source::SourceFile;
    use std::collections::BTreeMap;

    /// Findings and fixed texts of the package `files` (name, text, a target of the run?).
    fn run(files: &[(&str, &str, bool)]) -> Vec<(String, Option<String>, Vec<String>)> {
        let files = files
            .iter()
            .map(|(name, text, target)| {
                let mut f = GoFile::new(SourceFile::new((*name).into(), text));
                if *target {
                    f.editable = true;
                    f.enabled = ["named-id"].into_iter().collect();
                }
                f
            })
            .collect();
        let pkg = Package::new(".".into(), "a".into(), files, None);
        run_package(pkg, &[&super::DEF], &Settings::default())
            .into_iter()
            .map(|o| {
                let path = o.path.display().to_string();
                let messages = o.findings.iter().map(|r| r.message.clone()).collect();
                (path, o.fixed, messages)
            })
            .collect()
    }

    const LIB: &str =
        "package a\n\ntype id struct{ v int }\n\nfunc newID(v int) *id { return &id{v: v} }\n";

    #[test]
    fn every_file_of_the_package_is_rewritten_or_none() {
        let other = "package a\n\nfunc get(p *id) int { return p.v }\n";
        let all = run(&[("a.go", LIB, true), ("b.go", other, true)]);
        assert_eq!(
            all[1].1.as_deref(),
            Some("package a\n\nfunc get(p id) int { return int(p) }\n")
        );
        assert_eq!(
            all[0].1.as_deref(),
            Some("package a\n\ntype id int\n\nfunc newID(v int) id { return id(v) }\n")
        );
        // b.go is not a target (allocfix given a.go alone): no fix, and the reason.
        let one = run(&[("a.go", LIB, true), ("b.go", other, false)]);
        assert_eq!(one.len(), 1);
        assert!(one[0].1.is_none());
        assert!(
            one[0].2[0].contains("b.go also spells it but is not among the files being fixed"),
            "{:?}",
            one[0].2
        );
    }

    #[test]
    fn a_named_pointer_result_and_a_pointer_comparison_refuse() {
        for (other, why) in [
            (
                "package a\n\nfunc find(ok bool) (p *id) {\n\tif ok {\n\t\tp = newID(1)\n\t}\n\treturn\n}\n",
                "a named result of type `*id`",
            ),
            (
                "package a\n\nfunc same(a, b *id) bool { return a == b }\n",
                "compares pointers",
            ),
            (
                "package a\n\nfunc set(p *id) { *p = id{v: 2} }\n",
                "is assigned",
            ),
            (
                "package a\n\nfunc conv(v int) *id { return (*id)(nil) }\n",
                "",
            ),
        ] {
            let out = run(&[("a.go", LIB, true), ("b.go", other, true)]);
            assert!(out.iter().all(|o| o.1.is_none()), "{other}: rewritten");
            assert!(
                out[0].2[0].contains("not rewritten") && out[0].2[0].contains(why),
                "{other}: {:?}",
                out[0].2
            );
        }
    }

    /// Findings' messages, fixed text and notes of a file.
    type Outcome = (Vec<String>, Option<String>, Vec<String>);

    /// Runs named-id over a module written to a temporary folder (`go.mod` of
    /// `example.com/m`, the files at their relative paths) and returns, per file that the
    /// run reports on, its findings' messages and its fixed text.
    fn run_module(files: &[(&str, &str)], include_tests: bool) -> BTreeMap<String, Outcome> {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            tmp.path().join("go.mod"),
            "module example.com/m\n\ngo 1.22\n",
        )
        .expect("go.mod");
        for (rel, text) in files {
            let p = tmp.path().join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
            std::fs::write(p, text).expect("file");
        }
        let mut rc = crate::runner::RunConfig::new(crate::transforms::ALL.to_vec());
        rc.cli_select = Some(vec!["named-id"]);
        rc.include_tests = include_tests;
        rc.jobs = 1;
        let result = crate::runner::run(&[tmp.path().to_path_buf()], &rc, &|| {});
        assert!(result.errors.is_empty(), "{:?}", result.errors);
        result
            .files
            .into_iter()
            .map(|o| {
                let rel = o
                    .path
                    .strip_prefix(tmp.path())
                    .expect("inside")
                    .display()
                    .to_string();
                let messages = o.findings.iter().map(|r| r.message.clone()).collect();
                (rel, (messages, o.fixed, o.notes))
            })
            .collect()
    }

    const IDS: &str = "package ids\n\ntype UserID struct{ v int64 }\n\nfunc New(v int64) *UserID { return &UserID{v: v} }\n\nfunc (u *UserID) V() int64 { return u.v }\n";

    #[test]
    fn the_external_test_package_is_rewritten_with_the_package() {
        let xtest = "package ids_test\n\nimport (\n\t\"testing\"\n\n\tids \"example.com/m/internal/ids\"\n)\n\nfunc sum(list []*ids.UserID) (s int64) {\n\tfor _, u := range list {\n\t\ts += u.V()\n\t}\n\treturn s\n}\n\nfunc TestNew(t *testing.T) {\n\tvar u *ids.UserID = ids.New(2)\n\tzero := &ids.UserID{}\n\tif sum([]*ids.UserID{u, zero}) != 2 {\n\t\tt.Fatal(\"sum\")\n\t}\n}\n";
        let out = run_module(
            &[
                ("internal/ids/ids.go", IDS),
                ("internal/ids/ids_ext_test.go", xtest),
            ],
            false,
        );
        let (messages, fixed, _) = &out["internal/ids/ids.go"];
        assert!(!messages[0].contains("not rewritten"), "{messages:?}");
        assert!(
            fixed
                .as_deref()
                .is_some_and(|f| f.contains("type UserID int64"))
        );
        let (_, fixed, _) = &out["internal/ids/ids_ext_test.go"];
        assert_eq!(
            fixed.as_deref(),
            Some(
                "package ids_test\n\nimport (\n\t\"testing\"\n\n\tids \"example.com/m/internal/ids\"\n)\n\nfunc sum(list []ids.UserID) (s int64) {\n\tfor _, u := range list {\n\t\ts += u.V()\n\t}\n\treturn s\n}\n\nfunc TestNew(t *testing.T) {\n\tvar u ids.UserID = ids.New(2)\n\tzero := ids.UserID(0)\n\tif sum([]ids.UserID{u, zero}) != 2 {\n\t\tt.Fatal(\"sum\")\n\t}\n}\n"
            )
        );
        // With --include-tests the external test package's own run only reports (its file
        // was edited by the package's fix): one outcome per file, nothing else changed.
        let with_tests = run_module(
            &[
                ("internal/ids/ids.go", IDS),
                ("internal/ids/ids_ext_test.go", xtest),
            ],
            true,
        );
        assert_eq!(with_tests.len(), 2, "{:?}", with_tests.keys());
        assert_eq!(
            with_tests["internal/ids/ids_ext_test.go"].1,
            out["internal/ids/ids_ext_test.go"].1
        );
    }

    #[test]
    fn a_use_in_the_external_test_package_refuses_the_whole_fix() {
        let head = "package ids_test\n\nimport (\n\t\"testing\"\n\n\t\"example.com/m/internal/ids\"\n)\n\nfunc TestX(t *testing.T) {\n";
        for (body, why) in [
            // nil as "absent", through a variable set from the package's constructor
            (
                "\tu, ok := ids.New(1), true\n\tif u == nil || !ok {\n\t\tt.Fatal()\n\t}\n",
                "compares a `*UserID` with nil",
            ),
            (
                "\ta := ids.New(1)\n\tb := a\n\tif b == nil {\n\t\tt.Fatal()\n\t}\n",
                "compares a `*UserID` with nil",
            ),
            // pointer identity
            (
                "\tif ids.New(1) == ids.New(1) {\n\t\tt.Fatal()\n\t}\n",
                "compares pointers",
            ),
            // printed without a String method (`&{1}` would become `1`)
            ("\tt.Log(ids.New(1))\n", "may hold it as an interface"),
            // held as an interface
            (
                "\tvar x any = ids.New(1)\n\t_ = x\n",
                "declares a `*UserID` as `any`",
            ),
            // a conversion, unknown to the rewrite
            (
                "\t_ = (*ids.UserID)(nil)\n",
                "is not a use the rewrite knows",
            ),
            ("\tvar p *ids.UserID\n\t_ = p\n", "starts as nil"),
            ("\t_ = []*ids.UserID{nil}\n", "stands for a `*UserID`"),
            (
                "\t_ = map[int]*ids.UserID{1: nil}\n",
                "stands for a `*UserID`",
            ),
        ] {
            let xtest = format!("{head}{body}}}\n");
            let out = run_module(
                &[
                    ("internal/ids/ids.go", IDS),
                    ("internal/ids/ids_ext_test.go", &xtest),
                ],
                false,
            );
            let (messages, fixed, _) = &out["internal/ids/ids.go"];
            assert!(fixed.is_none(), "{body}: rewritten");
            assert!(!out.contains_key("internal/ids/ids_ext_test.go"), "{body}");
            assert!(
                messages[0].contains("not rewritten") && messages[0].contains(why),
                "{body}: {messages:?}"
            );
        }
        // A file that does not import the package, handed a `*T` by a helper of another.
        let helper =
            format!("{head}\t_ = mk()\n}}\n\nfunc mk() *ids.UserID {{ return ids.New(1) }}\n");
        let other = "package ids_test\n\nfunc use() bool { return mk() == nil }\n";
        let out = run_module(
            &[
                ("internal/ids/ids.go", IDS),
                ("internal/ids/ids_ext_test.go", &helper),
                ("internal/ids/other_ext_test.go", other),
            ],
            false,
        );
        let (messages, fixed, _) = &out["internal/ids/ids.go"];
        assert!(
            fixed.is_none() && messages[0].contains("with nil"),
            "{messages:?}"
        );
        // A dot import, and a generated external test file that spells the type.
        let dot = "package ids_test\n\nimport . \"example.com/m/internal/ids\"\n\nvar _ = New(1)\n";
        let generated = format!(
            "// Code generated by hand. DO NOT EDIT.\n\n{head}\tvar u *ids.UserID = ids.New(1)\n\t_ = u\n}}\n"
        );
        let broken = format!("{head}\tvar u *ids.UserID = ids.New(1)\n");
        for (xtest, why) in [
            (dot, "dot-imports"),
            (generated.as_str(), "generated file"),
            (broken.as_str(), "cannot be parsed"),
        ] {
            let out = run_module(
                &[
                    ("internal/ids/ids.go", IDS),
                    ("internal/ids/ids_ext_test.go", xtest),
                ],
                false,
            );
            let (messages, fixed, _) = &out["internal/ids/ids.go"];
            assert!(fixed.is_none() && messages[0].contains(why), "{messages:?}");
        }
    }

    #[test]
    fn a_standard_interface_method_counts_only_with_its_shape() {
        // `Value() int` cannot be database/sql/driver's `Value() (driver.Value, error)`.
        let value = "package a\n\nfunc (p *id) Value() int { return p.v }\n";
        let out = run(&[("a.go", LIB, true), ("b.go", value, true)]);
        assert_eq!(
            out[1].1.as_deref(),
            Some("package a\n\nfunc (p id) Value() int { return int(p) }\n")
        );
        for other in [
            "package a\n\nimport \"database/sql/driver\"\n\nfunc (p *id) Value() (driver.Value, error) { return p.v, nil }\n",
            "package a\n\nfunc (p *id) Less(i, j int) bool { return i < j+p.v }\n",
            "package a\n\nfunc (p *id) Close() error { return nil }\n",
        ] {
            let out = run(&[("a.go", LIB, true), ("b.go", other, true)]);
            assert!(out.iter().all(|o| o.1.is_none()), "{other}: rewritten");
            assert!(
                out[0].2[0].contains("the name of an interface's method"),
                "{:?}",
                out[0].2
            );
        }
    }

    #[test]
    fn an_interface_method_spelling_the_type_is_rewritten() {
        let other = "package a\n\ntype gen interface {\n\tNext() *id\n\tTake(p *id) int\n}\n\ntype seq struct{ n int }\n\nfunc (s *seq) Next() *id { s.n++; return newID(s.n) }\n\nfunc (s *seq) Take(p *id) int { return p.v }\n\nvar _ gen = &seq{}\n";
        let out = run(&[("a.go", LIB, true), ("b.go", other, true)]);
        assert_eq!(
            out[1].1.as_deref(),
            Some(
                "package a\n\ntype gen interface {\n\tNext() id\n\tTake(p id) int\n}\n\ntype seq struct{ n int }\n\nfunc (s *seq) Next() id { s.n++; return newID(s.n) }\n\nfunc (s *seq) Take(p id) int { return int(p) }\n\nvar _ gen = &seq{}\n"
            ),
            "{:?}",
            out[0].2
        );
    }

    #[test]
    fn a_pointer_put_in_a_slot_of_another_type_refuses() {
        for (other, why) in [
            (
                "package a\n\nvar list = []any{newID(1)}\n",
                "is an element of a literal",
            ),
            (
                "package a\n\ntype box struct{ v any }\n\nvar b = box{v: newID(1)}\n",
                "is an element of a literal",
            ),
            (
                "package a\n\nfunc get() any {\n\tp := newID(1)\n\treturn p\n}\n",
                "is returned as a result",
            ),
            (
                "package a\n\nfunc put(v any) {}\n\nfunc f() { put(newID(1)) }\n",
                "is passed as an argument",
            ),
            (
                "package a\n\nvar x any\n\nfunc f() { x = newID(1) }\n",
                "is assigned to `x`",
            ),
        ] {
            let out = run(&[("a.go", LIB, true), ("b.go", other, true)]);
            assert!(out.iter().all(|o| o.1.is_none()), "{other}: rewritten");
            assert!(out[0].2[0].contains(why), "{other}: {:?}", out[0].2);
        }
        // The same slots typed `*id` are rewritten with the type.
        let other = "package a\n\ntype box struct{ p *id }\n\nvar b = box{p: newID(1)}\n\nvar list = []*id{newID(2)}\n\nfunc put(ps ...*id) {}\n\nfunc f() *id {\n\tput(newID(1), b.p)\n\tb.p = list[0]\n\treturn b.p\n}\n";
        let out = run(&[("a.go", LIB, true), ("b.go", other, true)]);
        assert_eq!(
            out[1].1.as_deref(),
            Some(
                "package a\n\ntype box struct{ p id }\n\nvar b = box{p: newID(1)}\n\nvar list = []id{newID(2)}\n\nfunc put(ps ...id) {}\n\nfunc f() id {\n\tput(newID(1), b.p)\n\tb.p = list[0]\n\treturn b.p\n}\n"
            ),
            "{:?}",
            out[0].2
        );
    }

    #[test]
    fn reflective_imports_are_encoders_by_path_word() {
        for p in [
            "reflect",
            "encoding/json",
            "gopkg.in/yaml.v3",
            "github.com/goccy/go-json",
            "google.golang.org/protobuf/proto",
            "github.com/vmihailenco/msgpack/v5",
        ] {
            assert!(super::is_reflective(p), "{p}");
        }
        for p in [
            "encoding/binary",
            "encoding/hex",
            "github.com/gobwas/ws",
            "github.com/syncthing/syncthing/lib/protocol",
            "example.com/jsonish",
        ] {
            assert!(!super::is_reflective(p), "{p}");
        }
    }
}
