package hoistregexp

import "regexp"

// brokenPattern matches against an invalid pattern: it panics when called.
//
// allocfix: finding — "a(b" does not compile: hoisting would move the panic
// from call time to package init, so it is only reported.
func brokenPattern(s string) bool {
	return regexp.MustCompile("a(b").MatchString(s)
}

// newWordMatcher returns a freshly compiled matcher for callers to keep.
//
// allocfix: unsafe — the *regexp.Regexp escapes to the caller: after hoisting
// every caller shares one value (pointer identity changes, and a caller calling
// Longest() would change it for all). Offered only with --unsafe.
func newWordMatcher() *regexp.Regexp {
	return regexp.MustCompile(`[a-z]+|[a-z]+-[a-z]+`)
}
