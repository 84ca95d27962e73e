use super::*;

const V120: GoVersion = GoVersion::go1(20);
const V121: GoVersion = GoVersion::go1(21);

fn named(pkg: &str, name: &str) -> Type {
    Type::Named {
        pkg: pkg.into(),
        name: name.into(),
        args: Vec::new(),
    }
}

fn basic(name: &str) -> Type {
    named("", name)
}

#[test]
fn strings_trim_prefix_returns_string() {
    let f = func("strings", "TrimPrefix", V120).expect("strings.TrimPrefix");
    assert_eq!(f.sig.params, vec![basic("string"), basic("string")]);
    assert_eq!(f.sig.single_result(), Some(&basic("string")));
    assert_eq!(f.since, GoVersion::go1(1));
    // Added in Go 1.1: unknown to a go 1.0 module.
    assert!(func("strings", "TrimPrefix", GoVersion::go1(0)).is_none());
}

#[test]
fn strings_repeat_and_strconv_itoa() {
    let r = func("strings", "Repeat", V120).unwrap();
    assert_eq!(r.sig.to_string(), "(string, int) string");
    let i = func("strconv", "Itoa", V120).unwrap();
    assert_eq!(i.sig.results, vec![basic("string")]);
    assert_eq!(i.sig.params, vec![basic("int")]);
    // bytes.Repeat is another function with the same name.
    assert_eq!(
        func("bytes", "Repeat", V120).unwrap().sig.results,
        vec![Type::Slice(Box::new(basic("uint8")))]
    );
}

#[test]
fn os_file_stat_returns_fs_file_info_and_error() {
    let m = method("os", "File", "Stat", V120).expect("(*os.File).Stat");
    assert!(m.method.pointer_receiver);
    assert!(!m.method.interface);
    assert!(!m.promoted);
    assert_eq!(
        m.method.sig.results,
        vec![named("io/fs", "FileInfo"), basic("error")]
    );
    assert_eq!(m.method.sig.to_string(), "() (io/fs.FileInfo, error)");
}

#[test]
fn file_info_size_is_int64_through_fs_and_through_the_os_alias() {
    let m = method("io/fs", "FileInfo", "Size", V120).expect("fs.FileInfo.Size");
    assert!(m.method.interface);
    assert_eq!(m.method.sig.results, vec![basic("int64")]);
    assert_eq!(type_kind("io/fs", "FileInfo", V120), Some(Kind::Interface));
    // os.FileInfo = fs.FileInfo: an alias since 1.16, an interface since 1.0.
    let via_os = method("os", "FileInfo", "Size", V120).expect("os.FileInfo.Size");
    assert_eq!(via_os.owner.pkg, "io/fs");
    assert_eq!(via_os.method.sig.results, vec![basic("int64")]);
    assert!(method("os", "FileInfo", "Size", GoVersion::go1(10)).is_some());
    // FileInfo.Mode returns fs.FileMode, whose kind is uint32.
    let mode = method("io/fs", "FileInfo", "Mode", V120).unwrap();
    assert_eq!(mode.method.sig.results, vec![named("io/fs", "FileMode")]);
    assert_eq!(
        type_kind("io/fs", "FileMode", V120),
        Some(Kind::Basic("uint32"))
    );
    assert_eq!(
        type_kind("os", "FileMode", V120),
        Some(Kind::Basic("uint32"))
    );
}

#[test]
fn bufio_scanner_text_returns_string() {
    let f = func("bufio", "NewScanner", V120).unwrap();
    assert_eq!(f.sig.params, vec![named("io", "Reader")]);
    assert_eq!(
        f.sig.results,
        vec![Type::Pointer(Box::new(named("bufio", "Scanner")))]
    );
    let m = method("bufio", "Scanner", "Text", V120).unwrap();
    assert!(m.method.pointer_receiver);
    assert_eq!(m.method.sig.results, vec![basic("string")]);
    assert!(method("bufio", "Scanner", "NoSuchMethod", V120).is_none());
}

#[test]
fn universe_error_has_error_method() {
    let m = method("", "error", "Error", GoVersion::go1(0)).expect("error.Error");
    assert!(m.method.interface);
    assert_eq!(m.method.sig.results, vec![basic("string")]);
    assert_eq!(type_kind("", "error", V120), Some(Kind::Interface));
    assert_eq!(type_kind("", "int64", V120), Some(Kind::Basic("int64")));
    assert_eq!(type_kind("", "any", V120), Some(Kind::Interface));
    assert!(type_decl("", "any", GoVersion::go1(17)).is_none());
}

#[test]
fn time_duration_is_int64() {
    assert_eq!(
        type_kind("time", "Duration", V120),
        Some(Kind::Basic("int64"))
    );
    let d = type_decl("time", "Duration", V120).unwrap();
    assert!(matches!(&d.def, TypeDef::Defined(t) if *t == basic("int64")));
    let s = method("time", "Duration", "String", V120).unwrap();
    assert!(!s.method.pointer_receiver);
    assert_eq!(s.method.sig.results, vec![basic("string")]);
    assert_eq!(
        constant("time", "Second", V120),
        Some(&ConstType::Typed(named("time", "Duration")))
    );
    assert_eq!(
        func("time", "Since", V120).unwrap().sig.results,
        vec![named("time", "Duration")]
    );
}

#[test]
fn go1_21_function_is_gated_under_go1_20() {
    assert!(func("slices", "Index", V120).is_none());
    assert!(func("slices", "Index", V121).is_some());
    assert!(func("strings", "ContainsFunc", V120).is_none());
    assert!(func("strings", "ContainsFunc", V121).is_some());
    assert!(method("strings", "Builder", "String", V120).is_some());
    assert!(package("slices", V120).is_none());
    assert!(package("slices", V121).is_some());
    assert!(func("strings", "TrimPrefix", GoVersion::LATEST).is_some());
}

#[test]
fn slices_index_is_generic_with_an_int_result() {
    let f = func("slices", "Index", V121).unwrap();
    assert_eq!(f.sig.results, vec![basic("int")]);
    assert_eq!(f.sig.params, vec![Type::TypeParam(0), Type::TypeParam(1)]);
    assert_eq!(
        f.sig.type_params,
        vec![Type::Interface("~[]$1".into()), basic("comparable")]
    );
    // A result that is a type parameter is reported as such.
    let max = func("slices", "Max", V121).unwrap();
    assert!(max.sig.results[0].is_type_param());
    let clone = func("slices", "Clone", V121).unwrap();
    assert_eq!(clone.sig.results, vec![Type::TypeParam(0)]);
    let elem = Type::Slice(Box::new(basic("string")));
    assert_eq!(
        clone.sig.results[0].subst(std::slice::from_ref(&elem)),
        elem
    );
}

#[test]
fn generic_types_and_their_methods() {
    let d = type_decl("sync/atomic", "Pointer", GoVersion::go1(19)).unwrap();
    assert_eq!(d.type_params, vec![Type::Interface("".into())]);
    let load = method("sync/atomic", "Pointer", "Load", GoVersion::go1(19)).unwrap();
    assert_eq!(
        load.method.sig.results,
        vec![Type::Pointer(Box::new(Type::TypeParam(0)))]
    );
    assert!(type_decl("sync/atomic", "Pointer", GoVersion::go1(18)).is_none());
    let seq = type_kind("iter", "Seq", GoVersion::go1(23)).unwrap();
    assert!(matches!(seq, Kind::Func(sig) if sig.params.len() == 1));
}

#[test]
fn fields_own_and_promoted() {
    let f = field("net/http", "Request", "Method", V120).unwrap();
    assert_eq!(f.ty, basic("string"));
    let h = field("net/http", "Request", "Header", V120).unwrap();
    assert_eq!(h.ty, named("net/http", "Header"));
    assert_eq!(
        type_kind("net/http", "Header", V120),
        Some(Kind::Map(
            &basic("string"),
            &Type::Slice(Box::new(basic("string")))
        ))
    );
    // runtime.BlockProfileRecord embeds StackRecord, whose field Stack0 is promoted.
    let promoted = field("runtime", "BlockProfileRecord", "Stack0", V120).unwrap();
    assert_eq!(promoted.ty, Type::Array(32, Box::new(basic("uintptr"))));
    assert!(field("runtime", "BlockProfileRecord", "Nope", V120).is_none());
}

#[test]
fn promoted_methods_are_listed_and_found() {
    // The api files list promoted methods under the embedding type.
    let m = method("bufio", "ReadWriter", "ReadString", V120).unwrap();
    assert!(!m.promoted);
    assert_eq!(m.method.sig.results, vec![basic("string"), basic("error")]);
}

#[test]
fn vars_consts_and_kinds() {
    assert_eq!(
        var("os", "Args", V120),
        Some(&Type::Slice(Box::new(basic("string"))))
    );
    assert_eq!(
        var("os", "Stdout", V120),
        Some(&Type::Pointer(Box::new(named("os", "File"))))
    );
    assert_eq!(
        constant("math", "MaxInt", GoVersion::go1(17)),
        Some(&ConstType::Untyped(UntypedKind::Int))
    );
    assert!(constant("math", "MaxInt", GoVersion::go1(16)).is_none());
    assert_eq!(
        constant("math", "Pi", V120),
        Some(&ConstType::Untyped(UntypedKind::Float))
    );
    assert_eq!(
        constant("os", "ModeDir", V120),
        Some(&ConstType::Typed(named("io/fs", "FileMode")))
    );
    assert_eq!(
        type_kind("net", "IP", V120),
        Some(Kind::Slice(&basic("uint8")))
    );
    assert_eq!(type_kind("strings", "Builder", V120), Some(Kind::Struct));
    assert_eq!(
        type_kind("reflect", "Value", V120).map(|k| k == Kind::Struct),
        Some(true)
    );
    assert_eq!(
        type_kind("math/big", "Word", V120),
        Some(Kind::Basic("uint"))
    );
}

#[test]
fn variadic_and_func_types() {
    let f = func("fmt", "Sprintf", V120).unwrap();
    assert!(f.sig.variadic);
    assert_eq!(
        f.sig.params,
        vec![
            basic("string"),
            Type::Slice(Box::new(Type::Interface("".into())))
        ]
    );
    assert_eq!(f.sig.to_string(), "(string, ...interface{}) string");
    let w = func("path/filepath", "WalkDir", V120).unwrap();
    assert_eq!(w.sig.params[1], named("io/fs", "WalkDirFunc"));
    assert!(matches!(
        type_kind("io/fs", "WalkDirFunc", V120),
        Some(Kind::Func(sig)) if sig.results == vec![basic("error")]
    ));
}

#[test]
fn qualifiers_resolve_to_the_right_package() {
    // math/big's rand is math/rand (not crypto/rand or math/rand/v2).
    let m = method("math/big", "Int", "Rand", V120).unwrap();
    assert_eq!(
        m.method.sig.params[0],
        Type::Pointer(Box::new(named("math/rand", "Rand")))
    );
    // html/template's template is text/template.
    let d = type_decl("html/template", "FuncMap", V120).unwrap();
    assert!(matches!(&d.def, TypeDef::Alias(t) if *t == named("text/template", "FuncMap")));
}

#[test]
fn versions_parse() {
    assert_eq!(GoVersion::parse("1.21"), Some(GoVersion::go1(21)));
    assert_eq!(GoVersion::parse("1.21.3"), Some(GoVersion::go1(21)));
    assert_eq!(GoVersion::parse("go1.22rc1"), Some(GoVersion::go1(22)));
    assert_eq!(GoVersion::parse("1"), Some(GoVersion::go1(0)));
    assert_eq!(GoVersion::parse("2.0"), None);
    assert_eq!(GoVersion::parse("1.x"), None);
    assert!(table_version() >= GoVersion::go1(21));
}

#[test]
fn every_table_line_parses() {
    let bad = unparsed_lines();
    assert!(
        bad.is_empty(),
        "{} unparsed lines:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn type_parser_reads_every_form() {
    let ctx = Ctx {
        pkg: "p",
        quals: HashMap::from([("fs", "io/fs")]),
    };
    let cases = [
        ("map[string][]*fs.File", "map[string][]*io/fs.File"),
        ("[24]uint8", "[24]uint8"),
        ("<-chan struct", "<-chan struct{...}"),
        ("chan<- T", "chan<- p.T"),
        ("func(func($0, $1) bool)", "func(func($0, $1) bool)"),
        ("func(...int) (int, error)", "func(...int) (int, error)"),
        ("Seq2[int, $0]", "p.Seq2[int, $0]"),
        ("unsafe.Pointer", "unsafe.Pointer"),
        (
            "interface{ ~map[$1]interface{} }",
            "interface{ ~map[$1]interface{} }",
        ),
    ];
    for (src, want) in cases {
        let mut p = Parser::new(&ctx, src);
        let got = p.ty_end().unwrap_or_else(|| panic!("{src} did not parse"));
        assert_eq!(got.to_string(), want, "{src}");
    }
    for bad in ["map[string", "func(int", "[x]int", "*", "interface{"] {
        assert!(Parser::new(&ctx, bad).ty_end().is_none(), "{bad} parsed");
    }
}

#[test]
fn loading_is_lazy_per_package() {
    let start = std::time::Instant::now();
    let t = index(TABLE);
    let indexed = start.elapsed();
    assert!(t.packages.len() > 150, "{} packages", t.packages.len());
    assert!(t.packages.values().all(|s| s.parsed.get().is_none()));
    let strings = t.packages["strings"].package();
    assert!(strings.funcs.contains_key("TrimPrefix"));
    let first_query = start.elapsed();
    let parsed: Vec<_> = t
        .packages
        .iter()
        .filter(|(_, s)| s.parsed.get().is_some())
        .map(|(p, _)| *p)
        .collect();
    assert_eq!(parsed, vec!["strings"]);
    let all = std::time::Instant::now();
    for s in t.packages.values() {
        s.package();
    }
    eprintln!(
        "stdlib table: index {indexed:?}, first query (index + strings) {first_query:?}, every package {:?}",
        all.elapsed()
    );
}

#[test]
fn chained_calls_type_through_the_table() {
    // f, _ := os.Open(p); st, _ := f.Stat(); st.Size()
    let open = func("os", "Open", V120).unwrap();
    let file = &open.sig.results[0];
    assert_eq!(file, &Type::Pointer(Box::new(named("os", "File"))));
    let (_, stat) = method_of_type(file, "Stat", V120).unwrap();
    let (size, sig) = method_of_type(&stat.results[0], "Size", V120).unwrap();
    assert!(size.method.interface);
    assert_eq!(sig.results, vec![basic("int64")]);
    // err.Error()
    let (_, sig) = method_of_type(&stat.results[1], "Error", V120).unwrap();
    assert_eq!(sig.results, vec![basic("string")]);
    // A generic type's method and field, instantiated.
    let ptr = Type::Named {
        pkg: "sync/atomic".into(),
        name: "Pointer".into(),
        args: vec![basic("string")],
    };
    let (_, load) = method_of_type(&ptr, "Load", V121).unwrap();
    assert_eq!(load.results, vec![Type::Pointer(Box::new(basic("string")))]);
    let null = Type::Named {
        pkg: "database/sql".into(),
        name: "Null".into(),
        args: vec![basic("int64")],
    };
    assert_eq!(
        field_of_type(&null, "V", GoVersion::go1(22)),
        Some(basic("int64"))
    );
    assert!(field_of_type(&null, "V", V121).is_none());
    assert!(method_of_type(&Type::Slice(Box::new(basic("int"))), "Len", V120).is_none());
}

#[test]
fn members_by_kind() {
    assert!(matches!(
        member("strings", "Repeat", V120),
        Some(Member::Func(_))
    ));
    assert!(matches!(
        member("strings", "Builder", V120),
        Some(Member::Type(_))
    ));
    assert!(matches!(member("os", "Args", V120), Some(Member::Var(_))));
    assert!(matches!(
        member("io", "SeekEnd", V120),
        Some(Member::Const(_))
    ));
    assert!(member("strings", "NoSuchThing", V120).is_none());
    assert!(member("no/such/pkg", "X", V120).is_none());
}
