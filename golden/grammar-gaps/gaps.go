// Package grammargaps holds the golden cases of files that tree-sitter-go 0.25
// cannot fully parse: Go 1.26 `new(expr)` (tree-sitter/tree-sitter-go#193).
// allocfix fixes the declarations that parse and leaves the ones holding such a
// call byte for byte as they are, with a note naming them.
package grammargaps

import "fmt"

// defaultRetries is a package-level variable initialised with new(expr): its
// declaration is left as it is.
var defaultRetries = new(3)

// retries returns a pointer to a copy of n + 1.
//
// allocfix: keep — holds new(expr), which tree-sitter-go cannot parse.
func retries(n int) *int {
	return new(n + 1)
}

// labelAndPtr formats n and returns a pointer to a copy of n * 2.
//
// allocfix: finding — the Sprintf is reported, but its declaration holds
// new(expr), so no fix is made in it.
func labelAndPtr(n int) (string, *int) {
	return fmt.Sprintf("%d", n), new(n * 2)
}

// label renders n.
//
// allocfix: rewrite — the declaration parses: strconv.Itoa(n).
func label(n int) string {
	return fmt.Sprintf("%d", n)
}

// retryLabel renders the default retry count.
//
// allocfix: rewrite — the Sprintf of the int parameter becomes strconv.Itoa;
// defaultRetries is declared with new(expr), so its type is unknown to
// allocfix and fmt.Sprint(*defaultRetries) stays.
func retryLabel(extra int) string {
	return fmt.Sprintf("%d", extra) + fmt.Sprint(*defaultRetries)
}
