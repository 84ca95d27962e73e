//! What the Go standard library exports, with types, from the Go distribution itself.
//!
//! The table `stdlib_api.txt` is generated from `$GOROOT/api/go1*.txt` by [`generator`] (run
//! `cargo run --example gen-stdlib`; `tests/stdlib_table.rs` checks it is current). It is
//! embedded in the binary and read lazily: the first query indexes the package headers
//! (a scan of the text), and each package's lines are parsed when it is first asked about.
//! Nothing is read when no transform asks.
//!
//! Every query takes the module's Go version ([`GoVersion`], from the `go` line of go.mod):
//! a feature added in a later version is unknown (`None`), as the compiler would reject it.
//!
//! Types are resolved when parsed: a [`Type::Named`] carries the import path of its package
//! (`fs.FileInfo` in package os is `io/fs`.`FileInfo`), or `""` for the universe (`int`,
//! `string`, `error`, `any`, `comparable`). `byte` and `rune` appear as `uint8` and `int32`,
//! as in the api files. Type parameters are positional ([`Type::TypeParam`]`(0)` is `$0`):
//! of the function for a generic function, of the receiver's type for a method; a caller
//! that knows the arguments substitutes them with [`Type::subst`], and one that does not
//! must not assume anything about a result that is a type parameter.
//!
//! The universe's `error` interface (method `Error() string`), `any` and `comparable` are not
//! in the api files; they are provided here under the package path `""`.

pub mod generator;

use std::collections::HashMap;
use std::sync::OnceLock;

/// The generated table (see [`generator`] for its format).
pub const TABLE: &str = include_str!("stdlib_api.txt");

/// The universe block, in the table's format: what the api files do not list.
const UNIVERSE: &str = "@
0 t bool basic
0 t string basic
0 t int basic
0 t int8 basic
0 t int16 basic
0 t int32 basic
0 t int64 basic
0 t uint basic
0 t uint8 basic
0 t uint16 basic
0 t uint32 basic
0 t uint64 basic
0 t uintptr basic
0 t float32 basic
0 t float64 basic
0 t complex64 basic
0 t complex128 basic
0 t error interface
0 I error Error() string
18 t any = interface{}
18 t comparable interface
";

/// The predeclared type names: the basic types (`byte` and `rune` are aliases the api files
/// never print) and the predeclared interfaces.
fn is_universe_type(name: &str) -> bool {
    crate::golang::BASIC_TYPES.contains(&name) || matches!(name, "error" | "any" | "comparable")
}

/// A Go 1 version, by its minor number (`go 1.21.3` in go.mod is `GoVersion { minor: 21 }`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoVersion {
    pub minor: u16,
}

impl GoVersion {
    /// Every version: for code whose Go version is not known.
    pub const LATEST: GoVersion = GoVersion { minor: u16::MAX };

    pub const fn go1(minor: u16) -> Self {
        GoVersion { minor }
    }

    /// `1.21`, `1.21.3`, `go1.21`, `1.21rc1` or `1` (Go 1.0); `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let s = s.strip_prefix("go").unwrap_or(s);
        let rest = s.strip_prefix('1')?;
        if rest.is_empty() {
            return Some(GoVersion::go1(0));
        }
        let rest = rest.strip_prefix('.')?;
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        rest[..end].parse().ok().map(GoVersion::go1)
    }
}

impl std::fmt::Display for GoVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if *self == GoVersion::LATEST {
            f.write_str("latest")
        } else if self.minor == 0 {
            f.write_str("go1")
        } else {
            write!(f, "go1.{}", self.minor)
        }
    }
}

/// A channel's direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

/// A type as the api files write it, with package qualifiers resolved.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// A named type: `pkg` is its import path, `""` for a predeclared type (`int`, `error`),
    /// `"unsafe"` for `unsafe.Pointer`. `args` are the type arguments of an instantiation.
    Named {
        pkg: Box<str>,
        name: Box<str>,
        args: Vec<Type>,
    },
    Pointer(Box<Type>),
    Slice(Box<Type>),
    Array(u64, Box<Type>),
    Map(Box<Type>, Box<Type>),
    Chan(ChanDir, Box<Type>),
    Func(Box<Signature>),
    /// `$N`: the N-th type parameter of the enclosing generic function or receiver type.
    TypeParam(u32),
    /// A struct literal type; the api files do not list its fields.
    Struct,
    /// An interface literal: the text between its braces (`""` for `interface{}`,
    /// `"~[]$1"` for a constraint, `"Get, Put"` for the names of its methods).
    Interface(Box<str>),
}

impl Type {
    /// The predeclared name of a basic or universe type (`int64`, `string`, `error`).
    pub fn universe_name(&self) -> Option<&str> {
        match self {
            Type::Named { pkg, name, .. } if pkg.is_empty() => Some(name),
            _ => None,
        }
    }

    /// True for `$N` (the caller must substitute before assuming anything).
    pub fn is_type_param(&self) -> bool {
        matches!(self, Type::TypeParam(_))
    }

    /// True when a type parameter occurs anywhere in the type.
    pub fn mentions_type_param(&self) -> bool {
        match self {
            Type::TypeParam(_) => true,
            Type::Named { args, .. } => args.iter().any(Type::mentions_type_param),
            Type::Pointer(t) | Type::Slice(t) | Type::Array(_, t) | Type::Chan(_, t) => {
                t.mentions_type_param()
            }
            Type::Map(k, v) => k.mentions_type_param() || v.mentions_type_param(),
            Type::Func(sig) => sig
                .params
                .iter()
                .chain(&sig.results)
                .any(Type::mentions_type_param),
            Type::Interface(text) => text.contains('$'),
            Type::Struct => false,
        }
    }

    /// The type with `$N` replaced by `args[N]` (kept when `args` is too short).
    pub fn subst(&self, args: &[Type]) -> Type {
        let s = |t: &Type| Box::new(t.subst(args));
        match self {
            Type::TypeParam(n) => args
                .get(*n as usize)
                .cloned()
                .unwrap_or(Type::TypeParam(*n)),
            Type::Named { pkg, name, args: a } => Type::Named {
                pkg: pkg.clone(),
                name: name.clone(),
                args: a.iter().map(|t| t.subst(args)).collect(),
            },
            Type::Pointer(t) => Type::Pointer(s(t)),
            Type::Slice(t) => Type::Slice(s(t)),
            Type::Array(n, t) => Type::Array(*n, s(t)),
            Type::Map(k, v) => Type::Map(s(k), s(v)),
            Type::Chan(d, t) => Type::Chan(*d, s(t)),
            Type::Func(sig) => Type::Func(Box::new(sig.subst(args))),
            Type::Struct | Type::Interface(_) => self.clone(),
        }
    }
}

impl std::fmt::Display for Type {
    /// Go syntax with full import paths: `*io/fs.FileInfo`, `[]string`, `$0`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Type::Named { pkg, name, args } => {
                if !pkg.is_empty() {
                    write!(f, "{pkg}.")?;
                }
                f.write_str(name)?;
                if !args.is_empty() {
                    f.write_str("[")?;
                    for (i, a) in args.iter().enumerate() {
                        if i > 0 {
                            f.write_str(", ")?;
                        }
                        write!(f, "{a}")?;
                    }
                    f.write_str("]")?;
                }
                Ok(())
            }
            Type::Pointer(t) => write!(f, "*{t}"),
            Type::Slice(t) => write!(f, "[]{t}"),
            Type::Array(n, t) => write!(f, "[{n}]{t}"),
            Type::Map(k, v) => write!(f, "map[{k}]{v}"),
            Type::Chan(ChanDir::Both, t) => write!(f, "chan {t}"),
            Type::Chan(ChanDir::Send, t) => write!(f, "chan<- {t}"),
            Type::Chan(ChanDir::Recv, t) => write!(f, "<-chan {t}"),
            Type::Func(sig) => write!(f, "func{sig}"),
            Type::TypeParam(n) => write!(f, "${n}"),
            Type::Struct => f.write_str("struct{...}"),
            Type::Interface(text) if text.is_empty() => f.write_str("interface{}"),
            Type::Interface(text) => write!(f, "interface{{ {text} }}"),
        }
    }
}

/// A function's or method's signature. `type_params` are the constraints of `$0, $1, ...`
/// of a generic function (empty for methods: theirs are the receiver type's).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Signature {
    pub type_params: Vec<Type>,
    pub params: Vec<Type>,
    /// The last parameter is `...T`; it is stored as `[]T`.
    pub variadic: bool,
    pub results: Vec<Type>,
}

impl Signature {
    /// The signature with `$N` replaced by `args[N]`: for a method of a generic type, the
    /// receiver's type arguments (`atomic.Pointer[T].Load` returns `*T`).
    pub fn subst(&self, args: &[Type]) -> Signature {
        Signature {
            type_params: self.type_params.iter().map(|t| t.subst(args)).collect(),
            params: self.params.iter().map(|t| t.subst(args)).collect(),
            variadic: self.variadic,
            results: self.results.iter().map(|t| t.subst(args)).collect(),
        }
    }

    /// The only result, when there is exactly one.
    pub fn single_result(&self) -> Option<&Type> {
        match self.results.as_slice() {
            [t] => Some(t),
            _ => None,
        }
    }
}

impl std::fmt::Display for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("(")?;
        for (i, p) in self.params.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            match p {
                Type::Slice(elem) if self.variadic && i + 1 == self.params.len() => {
                    write!(f, "...{elem}")?
                }
                _ => write!(f, "{p}")?,
            }
        }
        f.write_str(")")?;
        match self.results.as_slice() {
            [] => Ok(()),
            [t] => write!(f, " {t}"),
            ts => {
                f.write_str(" (")?;
                for (i, t) in ts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{t}")?;
                }
                f.write_str(")")
            }
        }
    }
}

/// A package-level function.
#[derive(Debug)]
pub struct Func {
    pub since: GoVersion,
    pub sig: Signature,
}

/// A method of a named type, or a method of an interface type.
#[derive(Debug)]
pub struct Method {
    pub since: GoVersion,
    pub name: Box<str>,
    /// Declared on `*T` (only addressable values and pointers have it).
    pub pointer_receiver: bool,
    /// A method of an interface type.
    pub interface: bool,
    pub sig: Signature,
}

/// A struct field; an embedded field is named after its type (`Reader` for `*Reader`).
#[derive(Debug)]
pub struct Field {
    pub since: GoVersion,
    pub name: Box<str>,
    pub embedded: bool,
    pub ty: Type,
}

/// How a type is declared.
#[derive(Debug)]
pub enum TypeDef {
    /// A predeclared basic type (`int`, `string`...).
    Basic,
    /// `type T struct{...}`: see [`TypeDecl::fields`].
    Struct,
    /// `type T interface{...}`: see [`TypeDecl::methods`].
    Interface,
    /// `type T = U`.
    Alias(Type),
    /// `type T U` with U not a struct or interface (`time.Duration` is `Defined(int64)`);
    /// U may itself be a named type.
    Defined(Type),
}

/// A declared type with its members.
#[derive(Debug)]
pub struct TypeDecl {
    pub since: GoVersion,
    pub pkg: &'static str,
    pub name: Box<str>,
    /// The constraints of `$0, $1, ...` of a generic type.
    pub type_params: Vec<Type>,
    pub def: TypeDef,
    /// Own fields, embedded ones included (promoted fields are found by [`field`]).
    pub fields: Vec<Field>,
    /// The method set the api files list: for a named type, methods with either receiver,
    /// promoted ones included; for an interface, all its methods (embedded ones included).
    pub methods: Vec<Method>,
}

impl TypeDecl {
    fn method_named(&self, name: &str, v: GoVersion) -> Option<&Method> {
        self.methods
            .iter()
            .find(|m| &*m.name == name && m.since <= v)
    }
}

/// The type of a constant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConstType {
    Typed(Type),
    Untyped(UntypedKind),
}

/// The kind of an untyped constant (`ideal-int` etc. in the api files).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UntypedKind {
    Bool,
    Int,
    Rune,
    Float,
    Complex,
    String,
}

/// A variable or constant.
#[derive(Debug)]
pub struct Value<T> {
    pub since: GoVersion,
    pub ty: T,
}

/// A type's underlying kind, after following aliases and defined types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind<'a> {
    /// A basic type by its predeclared name (`int64`, `string`, `uint8`).
    Basic(&'a str),
    /// `unsafe.Pointer`.
    UnsafePointer,
    Struct,
    Interface,
    Pointer(&'a Type),
    Slice(&'a Type),
    Array(u64, &'a Type),
    Map(&'a Type, &'a Type),
    Chan(ChanDir, &'a Type),
    Func(&'a Signature),
    /// The underlying type is a type parameter of the declaration.
    TypeParam(u32),
}

/// One package of the table.
#[derive(Debug, Default)]
pub struct Package {
    pub path: &'static str,
    /// The first version with any of its features.
    pub since: GoVersion,
    funcs: HashMap<&'static str, Func>,
    types: HashMap<&'static str, TypeDecl>,
    vars: HashMap<&'static str, Value<Type>>,
    consts: HashMap<&'static str, Value<ConstType>>,
}

struct Slot {
    header: &'static str,
    body: &'static str,
    parsed: OnceLock<Package>,
}

impl Slot {
    fn package(&self) -> &Package {
        self.parsed
            .get_or_init(|| parse_package(self.header, self.body))
    }
}

struct Table {
    newest: GoVersion,
    packages: HashMap<&'static str, Slot>,
    universe: Slot,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| index(TABLE))
}

/// Splits the text at its `@` header lines, without parsing the packages.
fn index(text: &'static str) -> Table {
    let mut packages = HashMap::new();
    let mut newest = GoVersion::go1(0);
    let mut current: Option<(&'static str, usize)> = None;
    let mut offset = 0;
    let mut close = |current: Option<(&'static str, usize)>, end: usize| {
        if let Some((header, start)) = current {
            let path = header.split(' ').next().unwrap_or_default();
            packages.insert(
                path,
                Slot {
                    header,
                    body: &text[start..end],
                    parsed: OnceLock::new(),
                },
            );
        }
    };
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if let Some(header) = line.strip_prefix('@') {
            close(current.take(), start);
            current = Some((header.trim_end(), offset));
        } else if let Some(v) = line.strip_prefix("# go1") {
            newest = GoVersion::parse(&format!("1{}", v.trim())).unwrap_or(newest);
        }
    }
    close(current.take(), text.len());
    let universe_body = UNIVERSE.split_once('\n').map_or("", |(_, b)| b);
    Table {
        newest,
        packages,
        universe: Slot {
            header: "",
            body: universe_body,
            parsed: OnceLock::new(),
        },
    }
}

/// The newest Go version the table records (the Go that generated it).
pub fn table_version() -> GoVersion {
    table().newest
}

/// The package `path` (`""` is the universe), if the table has it at version `v`.
pub fn package(path: &str, v: GoVersion) -> Option<&'static Package> {
    let t = table();
    let slot = if path.is_empty() {
        &t.universe
    } else {
        t.packages.get(path)?
    };
    let p = slot.package();
    (p.since <= v).then_some(p)
}

/// The package-level function `pkg.name` (`strings.TrimPrefix`).
pub fn func(pkg: &str, name: &str, v: GoVersion) -> Option<&'static Func> {
    slot_package(pkg)?.funcs.get(name).filter(|f| f.since <= v)
}

/// The type declaration `pkg.name` (`""` for the universe: `error`, `int`).
pub fn type_decl(pkg: &str, name: &str, v: GoVersion) -> Option<&'static TypeDecl> {
    slot_package(pkg)?.types.get(name).filter(|t| t.since <= v)
}

/// The package-level variable `pkg.name` (`os.Args`).
pub fn var(pkg: &str, name: &str, v: GoVersion) -> Option<&'static Type> {
    let x = slot_package(pkg)?.vars.get(name).filter(|x| x.since <= v)?;
    Some(&x.ty)
}

/// The constant `pkg.name` (`os.ModeDir` is typed `io/fs.FileMode`, `math.MaxInt` untyped int).
pub fn constant(pkg: &str, name: &str, v: GoVersion) -> Option<&'static ConstType> {
    let x = slot_package(pkg)?
        .consts
        .get(name)
        .filter(|x| x.since <= v)?;
    Some(&x.ty)
}

/// What a package-level name `pkg.name` is.
#[derive(Clone, Copy, Debug)]
pub enum Member {
    Func(&'static Func),
    Type(&'static TypeDecl),
    Var(&'static Type),
    Const(&'static ConstType),
}

/// What `pkg.name` is at version `v`: for a selector on an imported package.
pub fn member(pkg: &str, name: &str, v: GoVersion) -> Option<Member> {
    if let Some(f) = func(pkg, name, v) {
        return Some(Member::Func(f));
    }
    if let Some(t) = type_decl(pkg, name, v) {
        return Some(Member::Type(t));
    }
    if let Some(t) = var(pkg, name, v) {
        return Some(Member::Var(t));
    }
    constant(pkg, name, v).map(Member::Const)
}

/// The method `name` of a value of type `ty` (a named type or a pointer to one), with the
/// receiver's type arguments substituted into its signature. Whether a value of `ty` may
/// call a pointer-receiver method (it must be addressable) is the caller's decision: see
/// [`Method::pointer_receiver`].
pub fn method_of_type(ty: &Type, name: &str, v: GoVersion) -> Option<(MethodRef, Signature)> {
    let inner = match ty {
        Type::Pointer(t) => t,
        t => t,
    };
    let Type::Named {
        pkg,
        name: tname,
        args,
    } = inner
    else {
        return None;
    };
    let m = method(pkg, tname, name, v)?;
    let sig = m.method.sig.subst(args);
    Some((m, sig))
}

/// The field `name` of a value of type `ty` (a named struct type or a pointer to one),
/// with the type's arguments substituted (`sql.Null[string].V` is a string).
pub fn field_of_type(ty: &Type, name: &str, v: GoVersion) -> Option<Type> {
    let inner = match ty {
        Type::Pointer(t) => t,
        t => t,
    };
    let Type::Named {
        pkg,
        name: tname,
        args,
    } = inner
    else {
        return None;
    };
    Some(field(pkg, tname, name, v)?.ty.subst(args))
}

/// A method found by [`method`], with the type that declares it.
#[derive(Clone, Copy, Debug)]
pub struct MethodRef {
    pub method: &'static Method,
    /// The type whose method set lists it (after aliases and embedded fields).
    pub owner: &'static TypeDecl,
    /// Found through an embedded field the api files did not list it under.
    pub promoted: bool,
}

/// The method `name` of the type `pkg.type_name`, whether declared on `T` or `*T` (see
/// [`Method::pointer_receiver`]) or a method of an interface type (`io/fs.FileInfo.Size`).
/// Aliases are followed (`os.FileInfo` is `io/fs.FileInfo`), and so are embedded fields
/// when the api files do not list a promoted method under the type.
pub fn method(pkg: &str, type_name: &str, name: &str, v: GoVersion) -> Option<MethodRef> {
    let (decl, v) = resolve_alias(type_decl(pkg, type_name, v)?, v)?;
    if let Some(m) = decl.method_named(name, v) {
        return Some(MethodRef {
            method: m,
            owner: decl,
            promoted: false,
        });
    }
    let (m, owner) = promoted(decl, v, &mut |d| d.method_named(name, v))?;
    Some(MethodRef {
        method: m,
        owner,
        promoted: true,
    })
}

/// The field `name` of the struct type `pkg.type_name`, own or promoted through embedded
/// fields (`None` when two embedded fields at the same depth both have it).
pub fn field(pkg: &str, type_name: &str, name: &str, v: GoVersion) -> Option<&'static Field> {
    let (decl, v) = resolve_alias(type_decl(pkg, type_name, v)?, v)?;
    let own = |d: &'static TypeDecl| d.fields.iter().find(|f| &*f.name == name && f.since <= v);
    if let Some(f) = own(decl) {
        return Some(f);
    }
    promoted(decl, v, &mut |d| own(d)).map(|(f, _)| f)
}

/// The underlying kind of `pkg.type_name` (`time.Duration` is `Basic("int64")`,
/// `os.FileInfo` an `Interface`, `net.IP` a `Slice` of `uint8`).
pub fn type_kind(pkg: &str, type_name: &str, v: GoVersion) -> Option<Kind<'static>> {
    kind_of_decl(type_decl(pkg, type_name, v)?, v, 0)
}

/// The underlying kind of a type expression from the table.
pub fn kind_of(ty: &'static Type, v: GoVersion) -> Option<Kind<'static>> {
    kind_of_type(ty, v, 0)
}

const MAX_DEPTH: usize = 16;

fn kind_of_decl(decl: &'static TypeDecl, v: GoVersion, depth: usize) -> Option<Kind<'static>> {
    match &decl.def {
        TypeDef::Basic => Some(Kind::Basic(&decl.name)),
        TypeDef::Struct => Some(Kind::Struct),
        TypeDef::Interface => Some(Kind::Interface),
        TypeDef::Alias(t) | TypeDef::Defined(t) => kind_of_type(t, v, depth + 1),
    }
}

fn kind_of_type(ty: &'static Type, v: GoVersion, depth: usize) -> Option<Kind<'static>> {
    if depth > MAX_DEPTH {
        return None;
    }
    Some(match ty {
        Type::Named { pkg, name, .. } if &**pkg == "unsafe" && &**name == "Pointer" => {
            Kind::UnsafePointer
        }
        Type::Named { pkg, name, .. } => return kind_of_decl(type_decl(pkg, name, v)?, v, depth),
        Type::Pointer(t) => Kind::Pointer(t),
        Type::Slice(t) => Kind::Slice(t),
        Type::Array(n, t) => Kind::Array(*n, t),
        Type::Map(k, t) => Kind::Map(k, t),
        Type::Chan(d, t) => Kind::Chan(*d, t),
        Type::Func(sig) => Kind::Func(sig),
        Type::TypeParam(n) => Kind::TypeParam(*n),
        Type::Struct => Kind::Struct,
        Type::Interface(_) => Kind::Interface,
    })
}

fn slot_package(pkg: &str) -> Option<&'static Package> {
    let t = table();
    if pkg.is_empty() {
        return Some(t.universe.package());
    }
    Some(t.packages.get(pkg)?.package())
}

/// Follows `type T = U` to U's declaration. An alias available at `v` makes U's members
/// available through it: `os.FileInfo` (Go 1.0) became an alias of `io/fs.FileInfo` (Go
/// 1.16), and its methods did not change; so past an alias the version is [`GoVersion::LATEST`],
/// which is returned with the declaration.
fn resolve_alias(
    mut decl: &'static TypeDecl,
    mut v: GoVersion,
) -> Option<(&'static TypeDecl, GoVersion)> {
    for _ in 0..MAX_DEPTH {
        match &decl.def {
            TypeDef::Alias(Type::Named { pkg, name, .. }) => {
                v = GoVersion::LATEST;
                decl = type_decl(pkg, name, v)?;
            }
            _ => return Some((decl, v)),
        }
    }
    None
}

/// Breadth-first through embedded fields: the first depth where `find` answers, if exactly
/// one embedded path answers there.
fn promoted<T: 'static>(
    decl: &'static TypeDecl,
    v: GoVersion,
    find: &mut dyn FnMut(&'static TypeDecl) -> Option<&'static T>,
) -> Option<(&'static T, &'static TypeDecl)> {
    let mut level = vec![decl];
    let mut seen: Vec<*const TypeDecl> = vec![decl];
    for _ in 0..MAX_DEPTH {
        let mut next = Vec::new();
        for d in level {
            for f in d.fields.iter().filter(|f| f.embedded && f.since <= v) {
                let inner = match &f.ty {
                    Type::Pointer(t) => t,
                    t => t,
                };
                let Type::Named { pkg, name, .. } = inner else {
                    continue;
                };
                let Some((e, _)) = type_decl(pkg, name, v).and_then(|e| resolve_alias(e, v)) else {
                    continue;
                };
                if !seen.contains(&(e as *const _)) {
                    seen.push(e);
                    next.push(e);
                }
            }
        }
        let found: Vec<_> = next
            .iter()
            .filter_map(|d| find(d).map(|x| (x, *d)))
            .collect();
        match found.as_slice() {
            [one] => return Some(*one),
            [] if !next.is_empty() => level = next,
            _ => return None,
        }
    }
    None
}

// ---------------------------------------------------------------------------------------
// Reading the table.

/// Parses one package's lines. Lines that do not parse are skipped (the table is generated,
/// and `tests/stdlib_table.rs` checks that every line parses).
fn parse_package(header: &'static str, body: &'static str) -> Package {
    let mut words = header.split(' ');
    let path = words.next().unwrap_or_default();
    let quals: HashMap<&str, &str> = words.filter_map(|w| w.split_once('=')).collect();
    let ctx = Ctx { pkg: path, quals };
    let mut p = Package {
        path,
        ..Package::default()
    };
    // Types first: members refer to them, and sort before them.
    for line in body.lines() {
        if let Some((since, 't', rest)) = split_entry(line)
            && let Some((name, decl)) = parse_type_decl(&ctx, since, rest)
        {
            p.types.insert(name, decl);
        }
    }
    for line in body.lines() {
        let Some((since, kind, rest)) = split_entry(line) else {
            continue;
        };
        let _ = parse_member(&ctx, &mut p, since, kind, rest);
    }
    p.since = (p.funcs.values().map(|f| f.since))
        .chain(p.types.values().map(|t| t.since))
        .chain(p.vars.values().map(|x| x.since))
        .chain(p.consts.values().map(|x| x.since))
        .min()
        .unwrap_or(GoVersion::LATEST);
    p
}

/// Every line of the table that does not parse, for the table's test.
pub fn unparsed_lines() -> Vec<String> {
    let t = table();
    let mut bad = Vec::new();
    for slot in t.packages.values() {
        let mut words = slot.header.split(' ');
        let path = words.next().unwrap_or_default();
        let quals: HashMap<&str, &str> = words.filter_map(|w| w.split_once('=')).collect();
        let ctx = Ctx { pkg: path, quals };
        let mut p = Package {
            path,
            ..Package::default()
        };
        for line in slot.body.lines() {
            if let Some((since, 't', rest)) = split_entry(line)
                && let Some((name, decl)) = parse_type_decl(&ctx, since, rest)
            {
                p.types.insert(name, decl);
            }
        }
        for line in slot.body.lines() {
            let ok = match split_entry(line) {
                Some((since, 't', rest)) => parse_type_decl(&ctx, since, rest).is_some(),
                Some((since, kind, rest)) => {
                    parse_member(&ctx, &mut p, since, kind, rest).is_some()
                }
                None => false,
            };
            if !ok {
                bad.push(format!("{path}: {line}"));
            }
        }
    }
    bad
}

fn split_entry(line: &'static str) -> Option<(GoVersion, char, &'static str)> {
    let (v, rest) = line.split_once(' ')?;
    let since = GoVersion::go1(v.parse().ok()?);
    let mut chars = rest.chars();
    let kind = chars.next()?;
    let rest = rest.get(2..)?;
    Some((since, kind, rest))
}

fn parse_type_decl(
    ctx: &Ctx,
    since: GoVersion,
    rest: &'static str,
) -> Option<(&'static str, TypeDecl)> {
    let mut p = Parser::new(ctx, rest);
    let name = p.ident()?;
    let type_params = if p.eat("[") {
        p.type_param_list()?
    } else {
        Vec::new()
    };
    p.eat(" ");
    let def = if p.eat_end("basic") && ctx.pkg.is_empty() {
        TypeDef::Basic
    } else if p.eat_end("struct") {
        TypeDef::Struct
    } else if p.eat_end("interface") {
        TypeDef::Interface
    } else if p.eat("= ") {
        TypeDef::Alias(p.ty_end()?)
    } else {
        TypeDef::Defined(p.ty_end()?)
    };
    Some((
        name,
        TypeDecl {
            since,
            pkg: ctx.pkg,
            name: name.into(),
            type_params,
            def,
            fields: Vec::new(),
            methods: Vec::new(),
        },
    ))
}

fn parse_member(
    ctx: &Ctx,
    pkg: &mut Package,
    since: GoVersion,
    kind: char,
    rest: &'static str,
) -> Option<()> {
    let mut p = Parser::new(ctx, rest);
    match kind {
        'f' => {
            let name = p.ident()?;
            let type_params = if p.eat("[") {
                p.type_param_list()?
            } else {
                Vec::new()
            };
            let mut sig = p.signature_end()?;
            sig.type_params = type_params;
            pkg.funcs.insert(name, Func { since, sig });
        }
        'm' => {
            let pointer_receiver = p.eat("*");
            let recv = p.ident()?;
            p.expect(" ")?;
            let name = p.ident()?;
            let sig = p.signature_end()?;
            pkg.types.get_mut(recv)?.methods.push(Method {
                since,
                name: name.into(),
                pointer_receiver,
                interface: false,
                sig,
            });
        }
        'I' => {
            let owner = p.ident()?;
            p.expect(" ")?;
            let name = p.ident()?;
            let sig = p.signature_end()?;
            pkg.types.get_mut(owner)?.methods.push(Method {
                since,
                name: name.into(),
                pointer_receiver: false,
                interface: true,
                sig,
            });
        }
        'F' | 'E' => {
            let owner = p.ident()?;
            p.expect(" ")?;
            let (name, ty) = if kind == 'F' {
                let name = p.ident()?;
                p.expect(" ")?;
                (name, p.ty_end()?)
            } else {
                let ty = p.ty_end()?;
                let inner = match &ty {
                    Type::Pointer(t) => t,
                    t => t,
                };
                let Type::Named { name, .. } = inner else {
                    return None;
                };
                let name: &'static str = rest
                    .rsplit(['.', '*', ' '])
                    .next()
                    .filter(|n| **n == **name)?;
                (name, ty)
            };
            pkg.types.get_mut(owner)?.fields.push(Field {
                since,
                name: name.into(),
                embedded: kind == 'E',
                ty,
            });
        }
        'v' => {
            let name = p.ident()?;
            p.expect(" ")?;
            let ty = p.ty_end()?;
            pkg.vars.insert(name, Value { since, ty });
        }
        'c' => {
            let name = p.ident()?;
            p.expect(" ")?;
            let ty = match p.rest() {
                "ideal-bool" => ConstType::Untyped(UntypedKind::Bool),
                "ideal-int" => ConstType::Untyped(UntypedKind::Int),
                "ideal-char" => ConstType::Untyped(UntypedKind::Rune),
                "ideal-float" => ConstType::Untyped(UntypedKind::Float),
                "ideal-complex" => ConstType::Untyped(UntypedKind::Complex),
                "ideal-string" => ConstType::Untyped(UntypedKind::String),
                _ => ConstType::Typed(p.ty_end()?),
            };
            pkg.consts.insert(name, Value { since, ty });
        }
        _ => return None,
    }
    Some(())
}

struct Ctx<'a> {
    pkg: &'static str,
    quals: HashMap<&'a str, &'a str>,
}

/// A recursive-descent reader of the api files' type syntax.
struct Parser<'c, 'q> {
    ctx: &'c Ctx<'q>,
    s: &'static str,
    i: usize,
}

impl<'c, 'q> Parser<'c, 'q> {
    fn new(ctx: &'c Ctx<'q>, s: &'static str) -> Self {
        Parser { ctx, s, i: 0 }
    }

    fn rest(&self) -> &'static str {
        &self.s[self.i..]
    }

    fn eat(&mut self, tok: &str) -> bool {
        if self.rest().starts_with(tok) {
            self.i += tok.len();
            true
        } else {
            false
        }
    }

    /// `tok` and nothing after it.
    fn eat_end(&mut self, tok: &str) -> bool {
        if self.rest() == tok {
            self.i = self.s.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, tok: &str) -> Option<()> {
        self.eat(tok).then_some(())
    }

    fn ident(&mut self) -> Option<&'static str> {
        let rest = self.rest();
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end == 0 || rest.as_bytes()[0].is_ascii_digit() {
            return None;
        }
        self.i += end;
        Some(&rest[..end])
    }

    /// A type that must end the input.
    fn ty_end(&mut self) -> Option<Type> {
        let t = self.ty()?;
        self.rest().is_empty().then_some(t)
    }

    /// A signature that must end the input.
    fn signature_end(&mut self) -> Option<Signature> {
        let sig = self.signature()?;
        self.rest().is_empty().then_some(sig)
    }

    /// After `[`: `$0 C, $1 D]`, the constraints.
    fn type_param_list(&mut self) -> Option<Vec<Type>> {
        let mut out = Vec::new();
        loop {
            self.expect("$")?;
            self.digits()?;
            self.expect(" ")?;
            out.push(self.ty()?);
            if self.eat("]") {
                return Some(out);
            }
            self.expect(", ")?;
        }
    }

    fn digits(&mut self) -> Option<u64> {
        let rest = self.rest();
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let n = rest[..end].parse().ok()?;
        self.i += end;
        Some(n)
    }

    /// `(params) results`.
    fn signature(&mut self) -> Option<Signature> {
        self.expect("(")?;
        let mut sig = Signature::default();
        if !self.eat(")") {
            loop {
                if self.eat("...") {
                    sig.params.push(Type::Slice(Box::new(self.ty()?)));
                    sig.variadic = true;
                    self.expect(")")?;
                    break;
                }
                sig.params.push(self.ty()?);
                if self.eat(")") {
                    break;
                }
                self.expect(", ")?;
            }
        }
        if !self.eat(" ") {
            return Some(sig);
        }
        if self.eat("(") {
            loop {
                sig.results.push(self.ty()?);
                if self.eat(")") {
                    break;
                }
                self.expect(", ")?;
            }
        } else {
            sig.results.push(self.ty()?);
        }
        Some(sig)
    }

    fn ty(&mut self) -> Option<Type> {
        if self.eat("*") {
            return Some(Type::Pointer(Box::new(self.ty()?)));
        }
        if self.eat("[]") {
            return Some(Type::Slice(Box::new(self.ty()?)));
        }
        if self.eat("[") {
            let n = self.digits()?;
            self.expect("]")?;
            return Some(Type::Array(n, Box::new(self.ty()?)));
        }
        if self.eat("map[") {
            let k = self.ty()?;
            self.expect("]")?;
            return Some(Type::Map(Box::new(k), Box::new(self.ty()?)));
        }
        if self.eat("<-chan ") {
            return Some(Type::Chan(ChanDir::Recv, Box::new(self.ty()?)));
        }
        if self.eat("chan<- ") {
            return Some(Type::Chan(ChanDir::Send, Box::new(self.ty()?)));
        }
        if self.eat("chan ") {
            return Some(Type::Chan(ChanDir::Both, Box::new(self.ty()?)));
        }
        if self.eat("func") {
            return Some(Type::Func(Box::new(self.signature()?)));
        }
        if self.eat("$") {
            return Some(Type::TypeParam(u32::try_from(self.digits()?).ok()?));
        }
        if self.eat("interface") {
            self.eat(" ");
            self.expect("{")?;
            let rest = self.rest();
            let mut depth = 1usize;
            let close = rest.find(|c| {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })?;
            self.i += close + 1;
            return Some(Type::Interface(rest[..close].trim().into()));
        }
        let first = self.ident()?;
        if first == "struct" {
            return Some(Type::Struct);
        }
        let (pkg, name) = if self.eat(".") {
            let name = self.ident()?;
            let pkg = if first == "unsafe" {
                "unsafe"
            } else {
                // The generator resolves every qualifier; one it could not is an error.
                self.ctx.quals.get(first).copied()?
            };
            (pkg, name)
        } else if is_universe_type(first) {
            ("", first)
        } else {
            (self.ctx.pkg, first)
        };
        let mut args = Vec::new();
        if self.rest().starts_with('[') && !self.rest().starts_with("[]") {
            self.i += 1;
            loop {
                args.push(self.ty()?);
                if self.eat("]") {
                    break;
                }
                self.expect(", ")?;
            }
        }
        Some(Type::Named {
            pkg: pkg.into(),
            name: name.into(),
            args,
        })
    }
}

#[cfg(test)]
mod tests;
