package byteconversions

import (
	"bytes"
	"regexp"
	"strings"
)

var wordRE = regexp.MustCompile(`b+c?`)

// matches reports whether s matches wordRE.
//
// allocfix: rewrite — MatchString reads the string directly.
func matches(s string) bool {
	return wordRE.Match([]byte(s))
}

// firstIndex returns the position of the first match in s.
//
// allocfix: rewrite — FindStringIndex returns the same []int.
func firstIndex(s string) []int {
	return wordRE.FindIndex([]byte(s))
}

// submatchIndex returns the submatch positions of the first match in s.
//
// allocfix: rewrite — FindStringSubmatchIndex.
func submatchIndex(s string) []int {
	return wordRE.FindSubmatchIndex([]byte(s))
}

// allIndexes returns up to n match positions in s.
//
// allocfix: rewrite — FindAllStringIndex, the n argument kept.
func allIndexes(s string, n int) [][]int {
	return wordRE.FindAllIndex([]byte(s), n)
}

// matchPattern matches s against a pattern compiled per call.
//
// allocfix: rewrite — regexp.MatchString(pattern, s), error kept.
func matchPattern(pattern, s string) (bool, error) {
	return regexp.Match(pattern, []byte(s))
}

// firstMatch returns the first match in s as bytes.
//
// allocfix: keep — FindString returns a string, not []byte.
func firstMatch(s string) []byte {
	return wordRE.Find([]byte(s))
}

// hasToken reports whether b contains "token".
//
// allocfix: rewrite — bytes.Contains(b, []byte("token")).
func hasToken(b []byte) bool {
	return strings.Contains(string(b), "token")
}

const commentPrefix = "# "

// isComment reports whether line starts with the comment prefix.
//
// allocfix: rewrite — a named constant becomes []byte(commentPrefix).
func isComment(line []byte) bool {
	return strings.HasPrefix(string(line), commentPrefix)
}

// fieldCount counts the separators in b.
//
// allocfix: rewrite — Count, EqualFold and IndexByte keep their results.
func fieldCount(b []byte) int {
	return strings.Count(string(b), ",")
}

// sameName compares two byte slices ignoring case.
//
// allocfix: rewrite — both conversions go.
func sameName(a, b []byte) bool {
	return strings.EqualFold(string(a), string(b))
}

// firstSpace returns the index of the first space in b.
//
// allocfix: rewrite — the byte argument is the same in bytes.IndexByte.
func firstSpace(b []byte) int {
	return strings.IndexByte(string(b), ' ')
}

// hasAny reports whether b holds one of chars.
//
// allocfix: rewrite — bytes.ContainsAny takes chars as a string too.
func hasAny(b []byte, chars string) bool {
	return strings.ContainsAny(string(b), chars)
}

// hasVar reports whether b contains sub.
//
// allocfix: keep — sub is a variable: []byte(sub) could allocate in its
// turn.
func hasVar(b []byte, sub string) bool {
	return strings.Contains(string(b), sub)
}

// trimmed returns b without surrounding spaces, as a string.
//
// allocfix: keep — TrimSpace returns a string: no same-typed twin.
func trimmed(b []byte) string {
	return strings.TrimSpace(string(b))
}

// alreadyBytes checks b with the bytes package.
//
// allocfix: keep — nothing to do.
func alreadyBytes(b []byte) bool {
	return bytes.HasPrefix(b, []byte("x"))
}

// firstMatchText returns the first match in s as a string.
//
// allocfix: rewrite — string(Find([]byte(s))) is FindString(s): "" when
// nothing matches either way.
func firstMatchText(s string) string {
	return string(wordRE.Find([]byte(s)))
}
