use super::*;

use crate::package::GoMod;
use crate::syntax::descendants;

fn pkg(src: &str) -> Package {
    Package::from_source(src, None)
}

fn pkg_go(src: &str, go: &str) -> Package {
    let m = GoMod::parse("go.mod".into(), &format!("module m\n\ngo {go}\n"));
    Package::from_source(src, Some(std::sync::Arc::new(m)))
}

/// The arguments of every `use(...)` call, in order.
fn use_args(p: &Package) -> Vec<Node<'_>> {
    let src = &p.files[0].src.text;
    descendants(p.files[0].src.root())
        .into_iter()
        .filter(|n| {
            n.kind() == "call_expression"
                && n.child_by_field_name("function")
                    .is_some_and(|f| text(f, src) == "use")
        })
        .flat_map(|c| named_children(c.child_by_field_name("arguments").unwrap()))
        .collect()
}

/// The default-typed predeclared type (or `[]byte`) of every argument of `use(...)`.
fn predeclared(src: &str) -> Vec<Option<String>> {
    let p = pkg(src);
    use_args(&p)
        .into_iter()
        .map(|a| {
            let t = type_of(&p, 0, a)?.defaulted();
            if t.is_byte_slice() {
                return Some("[]byte".to_string());
            }
            t.predeclared().map(str::to_string)
        })
        .collect()
}

fn kinds(src: &str) -> Vec<Kind> {
    let p = pkg(src);
    use_args(&p)
        .into_iter()
        .map(|a| kind_of_expr(&p, 0, a))
        .collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn parameters_vars_and_literals() {
    let src = "package a\n\nfunc f(a, b string, n int64, bs []byte, r rune, xs ...byte) {\n\tvar k int32 = 1\n\tvar s = \"x\"\n\tm := 5\n\tuse(a, b, n, bs, r, xs, k, s, m, \"lit\", len(bs), int16(m), []byte(s), -m, !true)\n}\n";
    assert_eq!(
        predeclared(src),
        vec![
            s("string"),
            s("string"),
            s("int64"),
            s("[]byte"),
            s("int32"),
            s("[]byte"),
            s("int32"),
            s("string"),
            s("int"),
            s("string"),
            s("int"),
            s("int16"),
            s("[]byte"),
            s("int"),
            s("bool"),
        ]
    );
}

#[test]
fn ranges_and_package_level() {
    let src = "package a\n\nvar pkgN int64\n\nconst pkgS = \"s\"\n\nvar pkgList = []uint16{1}\n\nfunc f(xs []int, m map[string]bool, s string, ch chan uint) {\n\tfor i, x := range xs {\n\t\tuse(i, x)\n\t}\n\tfor k, v := range m {\n\t\tuse(k, v)\n\t}\n\tfor i, c := range s {\n\t\tuse(i, c)\n\t}\n\tfor e := range ch {\n\t\tuse(e)\n\t}\n\tfor _, u := range pkgList {\n\t\tuse(u, pkgN, pkgS)\n\t}\n\tfor n := range 10 {\n\t\tuse(n)\n\t}\n}\n";
    assert_eq!(
        predeclared(src),
        vec![
            s("int"),
            s("int"),
            s("string"),
            s("bool"),
            s("int"),
            s("int32"),
            s("uint"),
            s("uint16"),
            s("int64"),
            s("string"),
            s("int"),
        ]
    );
}

#[test]
fn named_types_are_not_predeclared() {
    // A named type may have a String method: it is never its underlying predeclared type.
    let src = "package a\n\ntype Level string\n\nfunc f(l Level, m map[string]int, x int) {\n\ty, err := 1, error(nil)\n\t_ = err\n\tuse(l, y, x+1, m[\"a\"])\n}\n";
    assert_eq!(predeclared(src), vec![None, s("int"), s("int"), s("int")]);
}

#[test]
fn shadowed_type_names_and_redeclarations() {
    // A package-level `int64` type and a local `len` are not the predeclared ones; `n, err
    // := 5, …` in the function's top block reuses the parameter `n`, an int16.
    let src = "package a\n\ntype int64 uint8\n\nfunc f(a int64, n int16) {\n\tlen := func([]int) int { return 0 }\n\tn, err := 5, error(nil)\n\t_ = err\n\tuse(a, len(nil), n)\n}\n";
    assert_eq!(predeclared(src), vec![None, None, s("int16")]);
    // A local type named string.
    let p = pkg(
        "package a\n\ntype Path string\n\nfunc f() {\n\tvar p Path\n\ttype string int\n\tvar q string\n\tuse(p, q)\n}\n",
    );
    let args = use_args(&p);
    match type_of(&p, 0, args[0]) {
        Some(Ty::Named(n)) => assert!(n.name == "Path" && n.local.is_none()),
        t => panic!("{t:?}"),
    }
    match type_of(&p, 0, args[1]) {
        Some(Ty::Named(n)) => assert!(n.name == "string" && n.local.is_some()),
        t => panic!("{t:?}"),
    }
    assert_eq!(kind_of_expr(&p, 0, args[1]), Kind::Integer);
}

#[test]
fn kinds_from_declarations() {
    let src = r#"package a

import "strings"

type Names []string
type Order struct{ Items []int; Tags map[string]bool }
type Arr [4]int

var table = map[string]int{}

func rows() ([]int, error) { return nil, nil }

func f(n int, xs ...string, o *Order, ns Names, ch chan int, p *Arr, g func()) {
	s := "x"
	parts := strings.Split(s, ",")
	r, err := rows()
	m := make(map[int]int)
	var k = len(xs)
	const c = 3
	use(n, xs, o.Items, o.Tags, ns, ch, p, g, s, parts, r, err, m, k, c, table, rows)
}
"#;
    use Kind::*;
    assert_eq!(
        kinds(src),
        vec![
            Integer, Slice, Slice, Map, Slice, Chan, PtrArray, Func, String, Slice, Slice, Unknown,
            Map, Integer, Integer, Map, Func
        ]
    );
}

#[test]
fn generics_and_imports_are_not_guessed() {
    let src = r#"package a

import "bytes"

type Box[T any] struct{ V T }

func f[S ~[]int](s S, b bytes.Buffer, x Box[int]) {
	use(s, b, x.V)
}
"#;
    assert_eq!(
        kinds(src),
        vec![Kind::Unknown, Kind::Unknown, Kind::Unknown]
    );
}

#[test]
fn builtins_can_be_hidden() {
    let p = pkg(
        "package a\n\nimport append \"strings\"\n\nfunc len(x []int) int { return 0 }\n\nfunc f(make int) { _ = make; _ = append.Repeat }\n",
    );
    let body = descendants(p.files[0].src.root())
        .into_iter()
        .rfind(|n| n.kind() == "block")
        .unwrap();
    assert!(!is_universe(&p, 0, body, "len"));
    assert!(!is_universe(&p, 0, body, "make"));
    assert!(!is_universe(&p, 0, body, "append"));
    assert!(is_universe(&p, 0, body, "cap"));
}

#[test]
fn expressions_and_string_builder_types() {
    let p = pkg(concat!(
        "package a\n\nimport \"strings\"\n\n",
        "func f(in string, b []byte, xs ...string) {\n",
        "\tvar sb strings.Builder\n",
        "\tuse(in[0], in[1:], in+\":\", b[0], sb.String(), sb, 'x', 'a'+1, 1<<3, in == \"\")\n}\n",
    ));
    let types: Vec<Option<Ty>> = use_args(&p)
        .into_iter()
        .map(|a| type_of(&p, 0, a))
        .collect();
    assert_eq!(
        types,
        vec![
            Some(Ty::Predeclared("uint8")),
            Some(Ty::string()),
            Some(Ty::string()),
            Some(Ty::Predeclared("uint8")),
            Some(Ty::string()),
            Some(Ty::Imported {
                path: "strings".into(),
                name: "Builder".into(),
                args: vec![]
            }),
            Some(Ty::Untyped(UntypedKind::Rune)),
            Some(Ty::Untyped(UntypedKind::Rune)),
            Some(Ty::Untyped(UntypedKind::Int)),
            Some(Ty::Untyped(UntypedKind::Bool)),
        ]
    );
}

#[test]
fn standard_library_calls_methods_and_values() {
    let src = r#"package a

import (
	"bufio"
	"errors"
	"os"
	str "strings"
	"time"
)

func f(err error, sc *bufio.Scanner, d time.Duration) {
	fi, _ := os.Stat("x")
	e := errors.New("x")
	use(str.TrimPrefix("ab", "a"), str.Repeat("a", 2), err.Error(), sc.Text(), fi.Size(), fi.Name(), e.Error(), d.String(), os.Args, time.Second, len(os.Args))
}
"#;
    assert_eq!(
        predeclared(src),
        vec![
            s("string"),
            s("string"),
            s("string"),
            s("string"),
            s("int64"),
            s("string"),
            s("string"),
            s("string"),
            None,
            None,
            s("int"),
        ]
    );
    let p = pkg(src);
    let args = use_args(&p);
    assert_eq!(kind_of_expr(&p, 0, args[8]), Kind::Slice);
    assert_eq!(kind_of_expr(&p, 0, args[9]), Kind::Integer);
}

#[test]
fn shadowed_packages_are_not_the_package() {
    let src = r#"package a

import "strings"

type repl struct{}

func (repl) Repeat(s string, n int) []string { return nil }

func f() {
	strings := repl{}
	use(strings.Repeat("a", 2))
}
"#;
    assert_eq!(kinds(src), vec![Kind::Slice]);
    assert_eq!(predeclared(src), vec![None]);
}

#[test]
fn version_gating() {
    // strings.CutPrefix arrived in Go 1.20; maps.Keys never returned a slice in the table.
    let src = "package a\n\nimport \"strings\"\n\nfunc f(s string) {\n\tr, ok := strings.CutPrefix(s, \"x\")\n\tuse(r, ok)\n}\n";
    let types = |p: &Package| -> Vec<Option<Ty>> {
        use_args(p).into_iter().map(|a| type_of(p, 0, a)).collect()
    };
    assert_eq!(
        types(&pkg_go(src, "1.21")),
        vec![Some(Ty::string()), Some(Ty::Predeclared("bool"))]
    );
    assert_eq!(types(&pkg_go(src, "1.19")), vec![None, None]);
}

#[test]
fn package_fields_methods_and_assertions() {
    let src = r#"package a

import "fmt"

type Member struct {
	name string
	ID   uint64
	tags []string
}

type ID int

func (i ID) String() string { return fmt.Sprint(int(i)) }

func (m *Member) Label() (string, error) { return m.name, nil }

type Stringer interface{ String() string }

func f(m *Member, v any, id ID, st Stringer) {
	l, err := m.Label()
	_ = err
	use(m.name, m.ID, id.String(), v.(map[string]string)["k"], l, st.String(), m.tags[0], v.(string))
}
"#;
    assert_eq!(
        predeclared(src),
        vec![
            s("string"),
            s("uint64"),
            s("string"),
            s("string"),
            s("string"),
            s("string"),
            s("string"),
            s("string"),
        ]
    );
}

#[test]
fn shapes_and_zero_values() {
    let src = r#"package a

import (
	"context"
	"os"
)

type T struct{ n int }
type N int
type I interface{ M() }

func f(ctx context.Context, fl *os.File, t T, n N, i I, p *T, xs []int, e error) {
	use(ctx, fl, t, n, i, p, xs, e, 1)
}
"#;
    let p = pkg(src);
    let args = use_args(&p);
    let got: Vec<(Option<Shape>, Option<String>)> = args
        .iter()
        .map(|a| {
            let t = type_of(&p, 0, *a).map(Ty::defaulted);
            (
                t.as_ref().and_then(|t| shape(&p, t)),
                t.as_ref().and_then(|t| zero_value(&p, 0, t, *a)),
            )
        })
        .collect();
    use Shape::*;
    let want: Vec<(Option<Shape>, Option<&str>)> = vec![
        (Some(Interface), Some("nil")),
        (Some(Pointer), Some("nil")),
        (Some(Value), Some("T{}")),
        (Some(Value), Some("0")),
        (Some(Interface), Some("nil")),
        (Some(Pointer), Some("nil")),
        (Some(Slice), Some("nil")),
        (Some(Interface), Some("nil")),
        (Some(Basic), Some("0")),
    ];
    let want: Vec<(Option<Shape>, Option<String>)> = want
        .into_iter()
        .map(|(s, z)| (s, z.map(str::to_string)))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn cycles_stop_at_the_depth_cap() {
    let src =
        "package a\n\nvar a = b\n\nvar b = a\n\ntype T *T\n\nfunc f(t T) {\n\tuse(a, *t)\n}\n";
    assert_eq!(predeclared(src), vec![None, None]);
}

#[test]
fn literal_keys() {
    let p = pkg(
        "package a\n\ntype S struct{ k int }\n\ntype M map[string]int\n\nfunc f(k string) {\n\t_ = S{k: 1}\n\t_ = M{k: 1}\n\t_ = map[string]int{k: 1}\n}\n",
    );
    let src = &p.files[0].src.text;
    let keys: Vec<Option<LiteralKey>> = descendants(p.files[0].src.root())
        .into_iter()
        .filter(|n| n.kind() == "identifier" && text(*n, src) == "k")
        .filter_map(|n| literal_key_kind(&p, 0, n))
        .map(Some)
        .collect();
    assert_eq!(
        keys,
        vec![
            Some(LiteralKey::Field),
            Some(LiteralKey::Expression),
            Some(LiteralKey::Expression)
        ]
    );
}

#[test]
fn method_signatures_of_std_package_and_interface_types() {
    let src = r#"package a

import (
	"bufio"
	"bytes"
	"io"
)

type W struct{ b *bufio.Writer }

func (w *W) WriteString(s string) (int, error) { return w.b.WriteString(s) }

type Sink interface {
	Put(key string, n int) bool
}

func f(bw *bufio.Writer, buf bytes.Buffer, w io.Writer, mine *W, s Sink) {
	use(bw, buf, w, mine, s)
}
"#;
    let p = pkg_go(src, "1.22");
    let args = use_args(&p);
    let sig = |i: usize, name: &str| method_signature(&p, &type_of(&p, 0, args[i]).unwrap(), name);
    let write_string = Some((
        vec![Ty::string()],
        Ty::Tuple(vec![Ty::Predeclared("int"), Ty::Predeclared("error")]),
    ));
    assert_eq!(sig(0, "WriteString"), write_string);
    // A value of a type whose WriteString has a pointer receiver: the method is found.
    assert_eq!(sig(1, "WriteString"), write_string);
    // io.Writer has no WriteString; Write takes a []byte.
    assert_eq!(sig(2, "WriteString"), None);
    assert_eq!(
        sig(2, "Write").map(|(p, _)| p),
        Some(vec![Ty::Slice(Box::new(Ty::Predeclared("uint8")))])
    );
    assert_eq!(sig(3, "WriteString"), write_string);
    assert_eq!(sig(3, "Write"), None);
    assert_eq!(
        sig(4, "Put"),
        Some((
            vec![Ty::string(), Ty::Predeclared("int")],
            Ty::Predeclared("bool")
        ))
    );
}

/// Each `use(...)` argument's inferred type, written as the file would write it.
fn written_in_file(src: &str) -> Vec<Option<String>> {
    let p = pkg_go(src, "1.26");
    use_args(&p)
        .into_iter()
        .map(|a| spelled::in_file(&p, 0, &type_of(&p, 0, a)?))
        .collect()
}

#[test]
fn inferred_types_are_written_with_the_files_own_names() {
    let src = "package a\n\nimport (\n\tstdio \"io\"\n\t\"os\"\n\t\"strings\"\n)\n\ntype ID int64\n\ntype Box[T any] struct{ v T }\n\nfunc ids() map[string][]*ID { return nil }\n\nfunc boxes() []Box[ID] { return nil }\n\nfunc pipe() (<-chan chan<- int, [4]byte) { return nil, [4]byte{} }\n\nfunc f(b *strings.Builder) {\n\tst, _ := os.Stat(\"x\")\n\tch, arr := pipe()\n\tuse(ids(), boxes(), st, b.String(), ch, arr, 'r', 1.5, stdio.EOF, []byte(\"x\")[0], func() {}, struct{}{})\n}\n";
    assert_eq!(
        written_in_file(src),
        vec![
            s("map[string][]*ID"),
            s("[]Box[ID]"),
            // fs.FileInfo: the file does not import io/fs, and no import is added.
            None,
            s("string"),
            s("<-chan chan<- int"),
            s("[4]byte"),
            s("int32"),
            s("float64"),
            s("error"),
            s("byte"),
            None,
            None,
        ]
    );
}

#[test]
fn inferred_types_are_not_written_when_a_name_means_something_else_here() {
    // A package-level `string` and a package-level `os` make both unwritable.
    let src = "package a\n\nimport goos \"os\"\n\ntype string []int\n\nvar os = 1\n\nfunc f() {\n\tfi, _ := goos.Open(\"x\")\n\tuse(string{}, fi)\n}\n";
    assert_eq!(written_in_file(src), vec![s("string"), s("*goos.File")]);
    let src = "package a\n\nimport \"os\"\n\nvar os2 = 1\n\nfunc os3() {}\n\ntype byte = int\n\nfunc f(b []uint8) {\n\tfi, _ := os.Open(\"x\")\n\tuse(fi, b)\n}\n";
    assert_eq!(written_in_file(src), vec![s("*os.File"), None]);
}
