package stringbuilder

import "strings"

// indentLines prefixes each line with depth tabs and ends it with a newline.
//
// allocfix: rewrite — strings is already imported (no import change):
// s.WriteString(strings.Repeat("\t", depth)), s.WriteString(l),
// s.WriteString("\n").
func indentLines(lines []string, depth int) string {
	var s string
	for _, l := range lines {
		s += strings.Repeat("\t", depth) + l + "\n"
	}
	return s
}

// joinAll concatenates its argument, a parameter that shadows package strings.
//
// allocfix: finding — the parameter strings shadows the package: the
// strings.Builder type cannot be named in this function, so it is only
// reported.
func joinAll(strings []string) string {
	var s string
	for _, x := range strings {
		s += x
	}
	return s
}
