package sprintfstrconv

import (
	"bufio"
	"fmt"
	"strings"
)

// Arguments typed through the standard library, methods, fields and type
// assertions; %% in the format; fmt.Sprint of a single value.

// trimmedKey renders a key without its prefix.
//
// allocfix: rewrite — strings.TrimPrefix returns a string.
func trimmedKey(key string) string {
	return fmt.Sprintf("key=%s", strings.TrimPrefix(key, "/registry/"))
}

// rule renders a horizontal rule under a title.
//
// allocfix: rewrite — strings.Repeat returns a string.
func rule(title string, width int) string {
	return fmt.Sprintf("%s\n%s", title, strings.Repeat("-", width))
}

// failure renders an error's text.
//
// allocfix: rewrite — err.Error() on an error is a string.
func failure(op string, err error) string {
	return fmt.Sprintf("%s failed: %s", op, err.Error())
}

// firstLine renders the first line a scanner reads.
//
// allocfix: rewrite — Text() of a *bufio.Scanner is a string.
func firstLine(sc *bufio.Scanner) string {
	sc.Scan()
	return fmt.Sprintf("line: %s", sc.Text())
}

// MemberID identifies a member.
type MemberID uint64

// String renders the id in hex.
//
// allocfix: keep — support code, no pattern.
func (id MemberID) String() string {
	const digits = "0123456789abcdef"
	var buf [16]byte
	n := uint64(id)
	for i := len(buf) - 1; i >= 0; i-- {
		buf[i] = digits[n&0xf]
		n >>= 4
	}
	return string(buf[:])
}

// memberKey renders a member id through its String method.
//
// allocfix: rewrite — id.String() is declared in this package to return a
// string.
func memberKey(prefix string, id MemberID) string {
	return fmt.Sprintf("%s/%s", prefix, id.String())
}

// Member is a cluster member.
type Member struct {
	name  string
	peer  string
	level Level
}

// memberLine renders two string fields of a package struct.
//
// allocfix: rewrite — m.name and m.peer are fields declared string.
func memberLine(m *Member) string {
	return fmt.Sprintf("%s <%s>", m.name, m.peer)
}

// labelOf renders one entry of a value that holds a map[string]string.
//
// allocfix: rewrite — v.(map[string]string)["app"] is a string.
func labelOf(v any) string {
	return fmt.Sprintf("app=%s", v.(map[string]string)["app"])
}

// rotatePath renders an escaped path: %% is a literal percent sign.
//
// allocfix: rewrite — "rotate:/%%2F%s" is "rotate:/%2F" + name.
func rotatePath(name string) string {
	return fmt.Sprintf("rotate:/%%2F%s", name)
}

// countText renders a count.
//
// allocfix: rewrite — fmt.Sprint of an int is strconv.Itoa.
func countText(n int) string {
	return fmt.Sprint(n)
}

// nameText renders a name.
//
// allocfix: rewrite — fmt.Sprint of a string is the string itself.
func nameText(name string) string {
	return fmt.Sprint(name)
}

// ratioText renders a float.
//
// allocfix: keep — fmt.Sprint of a float64 (%v) has no exact strconv form
// here.
func ratioText(f float64) string {
	return fmt.Sprint(f)
}

// bytesText renders a byte slice.
//
// allocfix: keep — fmt.Sprint of a []byte prints the numbers ([1 2]), not the
// bytes as text.
func bytesText(b []byte) string {
	return fmt.Sprint(b)
}

// levelText renders a Level.
//
// allocfix: keep — Level is a named type with a String method.
func levelText(l Level) string {
	return fmt.Sprint(l)
}

// memberLevel renders a field of named type.
//
// allocfix: keep — m.level is a Level, not a predeclared type.
func memberLevel(m *Member) string {
	return fmt.Sprintf("[%s]", m.level)
}

// renamer changes a member's name when asked for a label.
type renamer struct {
	m *Member
}

// Label renames the member and returns the new name.
//
// allocfix: keep — support code, no pattern.
func (r renamer) Label() string {
	r.m.name = "renamed"
	return r.m.name
}

// orderMatters renders a field next to a call that may change it.
//
// allocfix: keep — r.Label() may change m.name; fmt and a concatenation are
// not guaranteed to read m.name at the same point.
func orderMatters(m *Member, r renamer) string {
	return fmt.Sprintf("%s %s", m.name, r.Label())
}

// shadowedStrings renders through a local named strings.
//
// allocfix: keep — strings is a local here, not the package; its Repeat
// returns a Level.
func shadowedStrings(n int) string {
	strings := levelRepeater{}
	return fmt.Sprintf("%s", strings.Repeat("x", n))
}

// levelRepeater repeats levels.
type levelRepeater struct{}

// Repeat returns s repeated n times as a Level.
//
// allocfix: keep — support code, no pattern.
func (levelRepeater) Repeat(s string, n int) Level {
	out := Level("")
	for i := 0; i < n; i++ {
		out += Level(s)
	}
	return out
}

// unknownResult renders the result of a function value.
//
// allocfix: keep — the result type of a function value is not modelled.
func unknownResult(f func() string) string {
	return fmt.Sprintf("f=%s", f())
}

// heading renders a markdown heading of a level.
//
// allocfix: rewrite — level+2 sits in the arguments of a two-argument call:
// gofmt prints it compact wherever the call goes.
func heading(title string, level int) string {
	return fmt.Sprintf("%s %s", strings.Repeat("#", level+2), title)
}

// pretty is a one-argument helper.
//
// allocfix: keep — support code, no pattern.
func pretty(n int) string { return strings.Repeat(" ", n) }

// nested renders through a one-argument call of a sum.
//
// allocfix: keep — n+1 is the only argument of pretty: moved into a
// concatenation, gofmt could space it differently.
func nested(n int) string {
	return fmt.Sprintf("%s|", pretty(n+1))
}
