package hoistregexp

import (
	"regexp"
	"strings"
)

// copyrightYear returns the first year of a copyright header (syncthing
// script/copyrights.go).
//
// allocfix: rewrite — the local sits between two blank lines: it is removed
// with one of them, so no run of blank lines is left (gofmt would list the
// file).
func copyrightYear(header string) string {
	header = strings.TrimSpace(header)

	yearRE := regexp.MustCompile(`\d{4}`)

	return yearRE.FindString(header)
}

// isCopyrightLine reports whether line opens a copyright header.
//
// allocfix: rewrite — the local opens the body and a blank line follows it:
// the blank line goes too, so the body does not start with an empty line.
func isCopyrightLine(line string) bool {
	copyrightRE := regexp.MustCompile(`^// Copyright \(C\) \d{4}`)

	return copyrightRE.MatchString(line)
}

// splitCopyright returns the year and the holder of a copyright line.
//
// allocfix: rewrite — two patterns of one function: their two new vars go into
// one var ( … ) block above it, not two declarations a blank line apart.
func splitCopyright(line string) (string, string) {
	yearOnlyRE := regexp.MustCompile(`[12][0-9]{3}`)
	holderRE := regexp.MustCompile(`\d{4} (.*)$`)
	year := yearOnlyRE.FindString(line)
	m := holderRE.FindStringSubmatch(line)
	if m == nil {
		return year, ""
	}
	return year, m[1]
}
