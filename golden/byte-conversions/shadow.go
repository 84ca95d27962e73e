package byteconversions

import (
	"regexp"
	"strings"
)

// countShadowed counts commas in b where a local named bytes is in scope.
//
// allocfix: keep — bytes.Count cannot be written here without an alias.
func countShadowed(b []byte) int {
	bytes := len(b)
	return strings.Count(string(b), ",") + bytes - len(b)
}

type matcher struct{ re *regexp.Regexp }

// Match is a method of the package named like the regexp one.
//
// allocfix: keep
func (m matcher) Match(b []byte) bool { return m.re.Match(b) }

// matchOwn calls a Match that is not regexp's.
//
// allocfix: keep — m is a matcher: MatchString does not exist on it.
func matchOwn(m matcher, s string) bool {
	return m.Match([]byte(s))
}

// lastDot returns the last "." in s, with a local named strings.
//
// allocfix: keep — strings is a local here, not the package.
func lastDot(b []byte) int {
	strings := struct{ LastIndex func(string, string) int }{LastIndex: func(s, sep string) int { return len(s) - len(sep) }}
	return strings.LastIndex(string(b), ".")
}
