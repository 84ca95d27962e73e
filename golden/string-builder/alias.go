package stringbuilder

import str "strings"

// shout upper-cases every word and appends "!".
//
// allocfix: rewrite — strings is imported as str: var s str.Builder, and
// s.WriteString(str.ToUpper(w)), s.WriteString("!"). No import is added.
func shout(words []string) string {
	var s string
	for _, w := range words {
		s += str.ToUpper(w) + "!"
	}
	return s
}
