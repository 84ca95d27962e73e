package sprintfstrconv

import "fmt"

// percent renders an integer percentage.
//
// allocfix: keep — %% is a literal percent sign (`strconv.Itoa(p) + "%"`),
// but literal text plus an integer saves no allocation: not even reported
// (option rewrite-without-gain).
func percent(p int) string {
	return fmt.Sprintf("%d%%", p)
}

// padded renders n right-aligned in five columns.
//
// allocfix: keep — %5d has a width.
func padded(n int) string {
	return fmt.Sprintf("%5d", n)
}

// signed renders name and a signed delta.
//
// allocfix: keep — flags: %-s and %+d.
func signed(name string, delta int) string {
	return fmt.Sprintf("%-s%+d", name, delta)
}

// zeroPadHex renders b in hex, zero-padded to eight digits.
//
// allocfix: keep — %08x has a flag and a width.
func zeroPadHex(b []byte) string {
	return fmt.Sprintf("%08x", b)
}

// verbV renders n with %v.
//
// allocfix: keep — %v is not mapped.
func verbV(n int) string {
	return fmt.Sprintf("n=%v", n)
}

// argIndex renders n twice through an explicit argument index.
//
// allocfix: keep — %[1]d is an explicit argument index.
func argIndex(n int) string {
	return fmt.Sprintf("%[1]d-%[1]d", n)
}

// spreadArgs renders a pair passed as a spread slice.
//
// allocfix: keep — args... : the number and types of the arguments are unknown.
func spreadArgs(pair []any) string {
	return fmt.Sprintf("%d-%d", pair...)
}

// Level is a named string type with a String method.
type Level string

// String upper-cases the level; fmt calls it for %s.
//
// allocfix: keep — support code, no pattern.
func (l Level) String() string {
	switch l {
	case "info":
		return "INFO"
	case "warn":
		return "WARN"
	}
	return "LEVEL(" + string(l) + ")"
}

// levelTag renders a Level.
//
// allocfix: keep — lvl has the named type Level (it has a String method):
// only predeclared types are rewritten.
func levelTag(lvl Level) string {
	return fmt.Sprintf("[%s]", lvl)
}

// item has an integer field.
type item struct {
	Count int
}

// countOf renders a struct field.
//
// allocfix: rewrite — it.Count is a field of a struct type of this package,
// declared int: strconv.Itoa(it.Count).
func countOf(it item) string {
	return fmt.Sprintf("%d", it.Count)
}

// nonConstFormat renders n with a caller-chosen format.
//
// allocfix: keep — the format is not a constant.
func nonConstFormat(layout string, n int) string {
	return fmt.Sprintf(layout, n)
}

// errorf builds an error with fmt.Errorf.
//
// allocfix: keep — fmt.Errorf is not this transform.
func errorf(n int) error {
	return fmt.Errorf("bad value %d", n)
}

// charLit quotes a rune.
//
// allocfix: keep — %q of a rune is a quoted character ('x'), not
// strconv.Quote: only %q of a string is mapped.
func charLit(r rune) string {
	return fmt.Sprintf("%q", r)
}

// prefixer has a Sprintf method.
type prefixer struct {
	prefix string
}

// Sprintf formats with package fmt and prepends the prefix.
//
// allocfix: keep — the format is a parameter, not a constant.
func (p prefixer) Sprintf(format string, args ...any) string {
	return p.prefix + fmt.Sprintf(format, args...)
}

// shadowedFmt calls Sprintf on a local variable named fmt.
//
// allocfix: keep — fmt is a local variable here, not the package.
func shadowedFmt(n int) string {
	fmt := prefixer{prefix: "> "}
	return fmt.Sprintf("%d", n)
}

// shadowedStrconv renders n in a function where strconv is a local variable.
//
// allocfix: keep — strconv is shadowed by a local: strconv.Itoa cannot be
// written here (chosen: keep, rather than importing strconv under an alias).
func shadowedStrconv(n int) string {
	strconv := "base10:"
	return strconv + fmt.Sprintf("%d", n)
}
