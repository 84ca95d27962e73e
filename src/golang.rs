//! Facts of the Go language that several analyses need: keywords and predeclared names.

/// Go's keywords.
pub const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

/// The predeclared integer types.
pub const INTEGER_TYPES: &[&str] = &[
    "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
    "uintptr", "byte", "rune",
];

/// The predeclared numeric types (integers, floats, complex numbers).
pub const NUMERIC_TYPES: &[&str] = &[
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "byte",
    "rune",
    "float32",
    "float64",
    "complex64",
    "complex128",
];

/// The predeclared basic types: numeric types, `bool` and `string`.
pub const BASIC_TYPES: &[&str] = &[
    "bool",
    "string",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "byte",
    "rune",
    "float32",
    "float64",
    "complex64",
    "complex128",
];

/// Every predeclared identifier: types, constants, `nil` and the built-in functions.
pub const PREDECLARED: &[&str] = &[
    "bool",
    "byte",
    "complex64",
    "complex128",
    "error",
    "float32",
    "float64",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "rune",
    "string",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "any",
    "comparable",
    "true",
    "false",
    "iota",
    "nil",
    "append",
    "cap",
    "clear",
    "close",
    "complex",
    "copy",
    "delete",
    "imag",
    "len",
    "make",
    "max",
    "min",
    "new",
    "panic",
    "print",
    "println",
    "real",
    "recover",
];

/// True when `name` is exported: it starts with an upper-case letter (the Go spec's
/// "Unicode class Lu").
pub fn is_exported(name: &str) -> bool {
    name.starts_with(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_nest() {
        assert!(INTEGER_TYPES.iter().all(|t| NUMERIC_TYPES.contains(t)));
        assert!(NUMERIC_TYPES.iter().all(|t| BASIC_TYPES.contains(t)));
        assert!(BASIC_TYPES.iter().all(|t| PREDECLARED.contains(t)));
        assert_eq!(KEYWORDS.len(), 25);
    }
}
