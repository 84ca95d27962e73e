package hoistregexp

import (
	"regexp"
	"strings"
)

// firstHexColor returns the first #rrggbb colour of s in lower case.
//
// allocfix: rewrite — same pattern as hasHexColor (rewrite.go, earlier file):
// reuses hexColorRE, which lives in rewrite.go; this was the file's only use of
// regexp, so the "regexp" import must be removed.
func firstHexColor(s string) string {
	return strings.ToLower(regexp.MustCompile(`#[0-9a-fA-F]{6}`).FindString(s))
}
