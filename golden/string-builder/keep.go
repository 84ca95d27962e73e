package stringbuilder

import (
	"fmt"
	"strings"
)

// greeting builds a short string with two += and no loop.
//
// allocfix: keep — no loop: a few fragments compile to one concatstring call,
// cheaper than a Builder (seed exercise 4, When NOT).
func greeting(name string) string {
	s := "Hello, "
	s += name
	s += "!"
	return s
}

// totalWidth sums integers with +=.
//
// allocfix: keep — n := 0 is an int: n += w must never become a Builder.
func totalWidth(widths []int) int {
	n := 0
	for _, w := range widths {
		n += w
	}
	return n
}

// first returns xs[0], or "" for an empty slice.
//
// allocfix: keep — support code, no pattern.
func first(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[0]
}

// afterFirst joins xs with commas, starting from first(xs).
//
// allocfix: keep — s := first(xs): the type of s is not evident from the
// syntax (no type checker), so it is not provably a string.
func afterFirst(xs []string) string {
	s := first(xs)
	for i := 1; i < len(xs); i++ {
		s += "," + xs[i]
	}
	return s
}

// Path is a named string type.
type Path string

// joinPath builds a Path from segments.
//
// allocfix: keep — p is a Path, not a string: a Builder would change the
// function's result type.
func joinPath(segs []string) Path {
	var p Path
	for _, seg := range segs {
		p += Path("/" + seg)
	}
	return p
}

// truncateJoin concatenates words while the total stays within limit bytes.
//
// allocfix: finding — len(s) is read inside the loop.
func truncateJoin(words []string, limit int) string {
	var s string
	for _, w := range words {
		if len(s)+len(w) > limit {
			break
		}
		s += w
	}
	return s
}

// squeezeRepeats drops a word equal to the end of what is built so far.
//
// allocfix: finding — s is passed to a call (strings.HasSuffix) inside the loop.
func squeezeRepeats(words []string) string {
	var s string
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			continue
		}
		s += w
	}
	return s
}

// slashJoin joins parts with a single "/" between them.
//
// allocfix: finding — s is compared and indexed (s[len(s)-1]) inside the loop.
func slashJoin(parts []string) string {
	var s string
	for _, p := range parts {
		if s != "" && s[len(s)-1] != '/' {
			s += "/"
		}
		s += p
	}
	return s
}

// libraryName maps lib.dom.iterable.d.ts to @typescript/lib-dom/iterable.
//
// allocfix: finding — golang/go#75283: path is also assigned with = (before
// the loop); a Builder would leave path = components[1], which does not
// compile.
func libraryName(file string) string {
	components := strings.Split(file, ".")
	var path string
	if len(components) > 1 {
		path = components[1]
	}
	for i := 2; i < len(components) && components[i] != "" && components[i] != "d"; i++ {
		sep := "-"
		if i == 2 {
			sep = "/"
		}
		path += sep + components[i]
	}
	return "@typescript/lib-" + path
}

// doubling doubles seed n times.
//
// allocfix: finding — golang/go#78465: s += s reads s on the right side
// (the broken fix wrote s.WriteString(s).String()).
func doubling(seed string, n int) string {
	s := seed
	for i := 0; i < n; i++ {
		s += s
	}
	return s
}

// appendTo appends x to *dst.
//
// allocfix: keep — *dst is not a local variable and there is no loop.
func appendTo(dst *string, x string) {
	*dst += x
}

// dottedViaPointer joins the non-empty xs and ends with a dot via appendTo.
//
// allocfix: finding — &s is taken: the pointer is a *string, not a Builder.
func dottedViaPointer(xs []string) string {
	var s string
	for _, x := range xs {
		if x == "" {
			continue
		}
		s += x
	}
	appendTo(&s, ".")
	return s
}

// closureJoin appends each x through a closure, then a ";".
//
// allocfix: finding — s is captured by the closure add.
func closureJoin(xs []string) string {
	var s string
	add := func(x string) { s += x }
	for _, x := range xs {
		add(x)
		s += ";"
	}
	return s
}

// traceLog is a package-level string appended by traceAll.
var traceLog string

// traceAll appends one line per event to traceLog.
//
// allocfix: finding — traceLog is declared at package level: other functions
// read it as a string.
func traceAll(events []string) {
	for _, e := range events {
		traceLog += e + "\n"
	}
}

// appendSuffixes appends suffixes to the parameter s.
//
// allocfix: finding — s is a string parameter: its type is part of the
// signature, so it is only reported.
func appendSuffixes(s string, suffixes []string) string {
	for _, x := range suffixes {
		s += x
	}
	return s
}

// joinNamed concatenates xs into the named result out.
//
// allocfix: finding — out is a named result: its type is part of the
// signature and the bare return reads it.
func joinNamed(xs []string) (out string) {
	for _, x := range xs {
		out += x
	}
	return
}

// FormatsError lists the accepted formats in an error (spf13/pflag's
// timeValue.Set).
//
// allocfix: keep — list is only read by fmt.Errorf: a failure path that runs
// once.
func FormatsError(s string, formats []string) error {
	list := ""
	for i, f := range formats {
		if i > 0 {
			list += ", "
		}
		list += "`" + f + "`"
	}
	return fmt.Errorf("invalid time format %q must be one of: %s", s, list)
}
