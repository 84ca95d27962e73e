//! Sizes and alignments of Go types on the 64-bit targets (amd64, arm64), read from type
//! expressions as the Go spec and the gc compiler lay them out: `bool`/`int8` 1, `int16` 2,
//! `int32`/`float32`/`rune` 4, `int`/`int64`/`float64`/`uintptr`/pointers/maps/channels/
//! functions 8, `complex64` 8 (aligned 4), `complex128` 16 (aligned 8), `string` 16,
//! interfaces 16, slices 24, arrays `n × element`, struct types of the package computed
//! field by field. Types of other packages are known only from a small table of the
//! standard library (`time.Time`, `sync.Mutex`, …); anything else is unknown (`None`), and
//! callers must then leave the code alone.
//!
//! Besides size and alignment, [`Layout::ptrdata`] is the length of the prefix that may
//! hold pointers (what the garbage collector scans), and [`optimal_order`] is the field
//! order golang.org/x/tools' `fieldalignment` analyzer proposes.

use tree_sitter::Node;

use crate::analysis::decls::package_type_spec;
use crate::fixkit::edit::FileId;
use crate::package::Package;
use crate::syntax::{field_children, named_children, text};

const WORD: u64 = 8;

/// How a value of a type is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub size: u64,
    pub align: u64,
    /// Bytes from the start that may hold pointers (0: pointer-free).
    pub ptrdata: u64,
}

impl Layout {
    const fn new(size: u64, align: u64, ptrdata: u64) -> Layout {
        Layout {
            size,
            align,
            ptrdata,
        }
    }
}

const POINTER: Layout = Layout::new(WORD, WORD, WORD);
const INTERFACE: Layout = Layout::new(2 * WORD, WORD, 2 * WORD);

/// The predeclared types, by name.
fn predeclared(name: &str) -> Option<Layout> {
    Some(match name {
        "bool" | "int8" | "uint8" | "byte" => Layout::new(1, 1, 0),
        "int16" | "uint16" => Layout::new(2, 2, 0),
        "int32" | "uint32" | "rune" | "float32" => Layout::new(4, 4, 0),
        "int" | "uint" | "int64" | "uint64" | "uintptr" | "float64" => Layout::new(8, 8, 0),
        "complex64" => Layout::new(8, 4, 0),
        "complex128" => Layout::new(16, 8, 0),
        "string" => Layout::new(2 * WORD, WORD, WORD),
        "error" | "any" => INTERFACE,
        _ => return None,
    })
}

/// Types of the standard library whose layout has been stable across Go releases (checked
/// with `unsafe.Sizeof`/`Alignof` under Go 1.22 to 1.26), by import path and name.
fn stdlib(path: &str, name: &str) -> Option<Layout> {
    Some(match (path, name) {
        // wall uint64, ext int64, loc *Location.
        ("time", "Time") => Layout::new(24, 8, 24),
        ("time", "Duration" | "Month" | "Weekday") => Layout::new(8, 8, 0),
        // state int32, sema uint32 (behind a zero-size noCopy from Go 1.24).
        ("sync", "Mutex") => Layout::new(8, 4, 0),
        // w Mutex, writerSem, readerSem uint32, readerCount, readerWait atomic.Int32.
        ("sync", "RWMutex") => Layout::new(24, 4, 0),
        // done atomic.Uint32, m Mutex.
        ("sync", "Once") => Layout::new(12, 4, 0),
        // state atomic.Uint64, sema uint32.
        ("sync", "WaitGroup") => Layout::new(16, 8, 0),
        ("sync/atomic", "Int32" | "Uint32" | "Bool") => Layout::new(4, 4, 0),
        ("sync/atomic", "Int64" | "Uint64" | "Uintptr") => Layout::new(8, 8, 0),
        ("sync/atomic", "Value") => INTERFACE,
        ("context", "Context")
        | ("io", "Reader" | "Writer" | "Closer" | "ReadCloser" | "WriteCloser" | "ReadWriter")
        | ("fmt", "Stringer")
        | ("net", "Conn" | "Listener")
        | ("net/http", "Handler" | "ResponseWriter") => INTERFACE,
        _ => return None,
    })
}

/// Rounds `x` up to a multiple of `a`.
fn align_up(x: u64, a: u64) -> u64 {
    x.div_ceil(a.max(1)) * a.max(1)
}

/// The layout of a struct whose fields have the layouts `fields`, in that order. As gc
/// does, a zero-size last field after others takes one byte, so that a pointer to it
/// cannot point past the value.
pub fn struct_layout(fields: &[Layout]) -> Layout {
    let mut offset = 0;
    let mut align = 1;
    let mut ptrdata = 0;
    for (i, f) in fields.iter().enumerate() {
        align = align.max(f.align);
        let mut size = f.size;
        if i + 1 == fields.len() && size == 0 && offset != 0 {
            size = 1;
        }
        offset = align_up(offset, f.align);
        if f.ptrdata != 0 {
            ptrdata = offset + f.ptrdata;
        }
        offset += size;
    }
    if fields.is_empty() {
        return Layout::new(0, 1, 0);
    }
    Layout::new(align_up(offset, align), align, ptrdata)
}

/// The order of `fields` that `fieldalignment` proposes, as indexes into `fields`: zero-size
/// fields first, then by alignment (largest first), pointer-holding fields before
/// pointer-free ones, among those the ones with fewer trailing pointer-free bytes first,
/// and then by size (largest first). Stable: equal fields keep their order, so a group
/// `a, b int` stays together.
pub fn optimal_order(fields: &[Layout]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..fields.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (fields[i], fields[j]);
        (b.size == 0)
            .cmp(&(a.size == 0))
            .then(b.align.cmp(&a.align))
            .then((a.ptrdata == 0).cmp(&(b.ptrdata == 0)))
            .then_with(|| {
                if a.ptrdata != 0 && b.ptrdata != 0 {
                    (a.size - a.ptrdata).cmp(&(b.size - b.ptrdata))
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .then(b.size.cmp(&a.size))
    });
    order
}

/// The heap size classes of the Go runtime up to 32 KiB (`internal/runtime/gc/sizeclasses.go`,
/// unchanged since Go 1.x added the 24-byte class): an allocation of n bytes takes the
/// smallest class holding n.
const SIZE_CLASSES: &[u64] = &[
    8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352,
    384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048,
    2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728,
    10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672,
    32768,
];

/// The bytes the allocator hands out for one object of `size` bytes (its size class), or
/// None above 32 KiB (large objects are rounded to pages) or for size 0.
pub fn size_class(size: u64) -> Option<u64> {
    if size == 0 {
        return None;
    }
    SIZE_CLASSES.iter().copied().find(|&c| c >= size)
}

/// The layout of the type written at `ty` (a type expression of `file`), or None when it
/// is not evident: a type of another package outside the table, a generic type, an array
/// whose length is not a literal, a type declared inside a function.
pub fn layout_of(pkg: &Package, file: FileId, ty: Node) -> Option<Layout> {
    layout_at(pkg, file, ty, 0)
}

/// The layouts of the fields of the struct type `st` (a `struct_type` node), one per
/// declared name (an embedded field counts once), in order.
pub fn field_layouts(pkg: &Package, file: FileId, st: Node) -> Option<Vec<Layout>> {
    fields_at(pkg, file, st, 0)
}

fn fields_at(pkg: &Package, file: FileId, st: Node, depth: usize) -> Option<Vec<Layout>> {
    let list = named_children(st)
        .into_iter()
        .find(|c| c.kind() == "field_declaration_list")?;
    let mut out = Vec::new();
    for f in named_children(list) {
        if f.kind() != "field_declaration" {
            continue;
        }
        let ty = f.child_by_field_name("type")?;
        let l = layout_at(pkg, file, ty, depth + 1)?;
        let names = field_children(f, "name").len().max(1);
        out.extend(std::iter::repeat_n(l, names));
    }
    Some(out)
}

fn layout_at(pkg: &Package, file: FileId, ty: Node, depth: usize) -> Option<Layout> {
    if depth > crate::analysis::types::MAX_DEPTH {
        return None;
    }
    let src = &pkg.files[file].src.text;
    let d = depth + 1;
    match ty.kind() {
        "type_identifier" => {
            let name = text(ty, src);
            if let Some((f, spec)) = package_type_spec(pkg, name) {
                if spec.child_by_field_name("type_parameters").is_some() {
                    return None;
                }
                return layout_at(pkg, f, spec.child_by_field_name("type")?, d);
            }
            // A name declared more than once or locally is not guessed at.
            if pkg.index().has_top_level(name) {
                return None;
            }
            predeclared(name)
        }
        "qualified_type" => {
            let package = ty.child_by_field_name("package")?;
            let name = ty.child_by_field_name("name")?;
            let local = text(package, src);
            let import = pkg
                .imports(file)
                .iter()
                .find(|i| i.local_name == local && i.alias.as_deref() != Some("_"))?;
            stdlib(&import.path, text(name, src))
        }
        "pointer_type" | "map_type" | "channel_type" | "function_type" => Some(POINTER),
        "slice_type" => Some(Layout::new(3 * WORD, WORD, WORD)),
        "interface_type" => Some(INTERFACE),
        "parenthesized_type" => layout_at(pkg, file, *named_children(ty).first()?, d),
        "array_type" => {
            let len = ty.child_by_field_name("length")?;
            if len.kind() != "int_literal" {
                return None;
            }
            let n: u64 = text(len, src).replace('_', "").parse().ok()?;
            let e = layout_at(pkg, file, ty.child_by_field_name("element")?, d)?;
            let ptrdata = if n == 0 || e.ptrdata == 0 {
                0
            } else {
                (n - 1) * e.size + e.ptrdata
            };
            Some(Layout::new(n.checked_mul(e.size)?, e.align, ptrdata))
        }
        "struct_type" => Some(struct_layout(&fields_at(pkg, file, ty, d)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::descendants_of_kind;

    /// The layout of type `T` declared in `src`.
    fn of(src: &str) -> Option<Layout> {
        let pkg = Package::from_source(src, None);
        let (f, spec) = package_type_spec(&pkg, "T")?;
        layout_of(&pkg, f, spec.child_by_field_name("type")?)
    }

    #[test]
    fn basic_types_and_padding() {
        let l = |s: &str| of(&format!("package a\n\n{s}\n"));
        assert_eq!(l("type T bool"), Some(Layout::new(1, 1, 0)));
        assert_eq!(l("type T string"), Some(Layout::new(16, 8, 8)));
        assert_eq!(l("type T []int"), Some(Layout::new(24, 8, 8)));
        assert_eq!(l("type T complex64"), Some(Layout::new(8, 4, 0)));
        assert_eq!(l("type T [3]int16"), Some(Layout::new(6, 2, 0)));
        assert_eq!(l("type T [2]*int"), Some(Layout::new(16, 8, 16)));
        // The seed's poor order: bool, int64, bool is 24 bytes; its good one 16.
        assert_eq!(
            l("type T struct {\n\ta bool\n\tb int64\n\tc bool\n}"),
            Some(Layout::new(24, 8, 0))
        );
        assert_eq!(
            l("type T struct {\n\tb int64\n\ta, c bool\n}"),
            Some(Layout::new(16, 8, 0))
        );
        // A pointer after a pointer-free field: the scanned prefix runs to its end.
        assert_eq!(
            l("type T struct {\n\tn int32\n\tp *int\n}"),
            Some(Layout::new(16, 8, 16))
        );
        // A zero-size last field takes a byte.
        assert_eq!(
            l("type T struct {\n\tn int32\n\tz struct{}\n}"),
            Some(Layout::new(8, 4, 0))
        );
        assert_eq!(l("type T struct{}"), Some(Layout::new(0, 1, 0)));
    }

    #[test]
    fn named_types_of_the_package_and_the_stdlib_table() {
        let src = "package a\n\nimport (\n\t\"sync\"\n\tt \"time\"\n)\n\ntype inner struct {\n\ta int8\n\tb int32\n}\n\ntype T struct {\n\tx inner\n\tmu sync.Mutex\n\tat t.Time\n}\n";
        // inner: 8 aligned 4; then Mutex 8 aligned 4; then Time 24 aligned 8.
        assert_eq!(of(src), Some(Layout::new(40, 8, 40)));
        for unknown in [
            "package a\n\nimport \"bytes\"\n\ntype T struct {\n\tb bytes.Buffer\n}\n",
            "package a\n\ntype T struct {\n\tg G[int]\n}\n\ntype G[X any] struct{ x X }\n",
            "package a\n\nconst n = 3\n\ntype T [n]int\n",
            "package a\n\ntype T struct {\n\tu Undeclared\n}\n",
        ] {
            assert_eq!(of(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn size_classes() {
        assert_eq!(size_class(1), Some(8));
        assert_eq!(size_class(72), Some(80));
        assert_eq!(size_class(80), Some(80));
        assert_eq!(size_class(104), Some(112));
        assert_eq!(size_class(32768), Some(32768));
        assert_eq!(size_class(32769), None);
        assert_eq!(size_class(0), None);
    }

    #[test]
    fn fieldalignment_order() {
        let src = "package a\n\ntype T struct {\n\ta bool\n\ts string\n\tn int32\n\tp *int\n\tz struct{}\n\tb, c int64\n}\n";
        let pkg = Package::from_source(src, None);
        let st = descendants_of_kind(pkg.files[0].src.root(), "struct_type")[0];
        let fields = field_layouts(&pkg, 0, st).unwrap();
        assert_eq!(fields.len(), 7);
        // z (zero size), then 8-aligned: pointerful with fewer trailing bytes first
        // (p: 0 trailing, s: 8), then b, c; then n (4), then a (1).
        assert_eq!(optimal_order(&fields), vec![4, 3, 1, 5, 6, 2, 0]);
        let before = struct_layout(&fields);
        let after: Vec<Layout> = optimal_order(&fields).iter().map(|&i| fields[i]).collect();
        assert_eq!(before.size, 56);
        assert_eq!(struct_layout(&after).size, 48);
    }
}
