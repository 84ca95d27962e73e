// Package stringbuilder holds the golden cases of allocfix's string-builder
// transform: a local string built with += in a loop, and read only after the
// loop, becomes a strings.Builder of the same name.
package stringbuilder

import (
	"fmt"
	"io"
)

// csvRow joins fields with commas (seed exercise 4).
//
// allocfix: rewrite — var s string is built with += inside the loop and read
// once after it: var s strings.Builder, s.WriteString(...), return s.String().
func csvRow(fields []string) string {
	var s string
	for i, f := range fields {
		if i > 0 {
			s += ","
		}
		s += f
	}
	return s
}

// kvPairs renders key=value; pairs.
//
// allocfix: rewrite — the right side is a + chain of strings: one
// out.WriteString per operand, on consecutive lines, in order.
func kvPairs(keys, vals []string) string {
	var out string
	for i, k := range keys {
		out += k + "=" + vals[i] + ";"
	}
	return out
}

// tagList wraps every tag in angle brackets.
//
// allocfix: rewrite — a parenthesised + chain is split like a bare one:
// s.WriteString("<"), s.WriteString(t), s.WriteString(">").
func tagList(tags []string) string {
	var s string
	for _, t := range tags {
		s += ("<" + t + ">")
	}
	return s
}

// stripSpaces drops ASCII spaces; invalid UTF-8 comes out as U+FFFD.
//
// allocfix: rewrite — r is the value of a range over a string, so
// s += string(r) becomes s.WriteRune(r) (both write U+FFFD for a bad byte).
func stripSpaces(in string) string {
	var s string
	for _, r := range in {
		if r != ' ' {
			s += string(r)
		}
	}
	return s
}

// repeatRune repeats r n times.
//
// allocfix: rewrite — r is a declared rune: s.WriteRune(r). The empty initial
// value s := "" becomes var s strings.Builder with no WriteString.
func repeatRune(r rune, n int) string {
	s := ""
	for i := 0; i < n; i++ {
		s += string(r)
	}
	return s
}

// latin1 decodes ISO-8859-1: string(b[i]) is the UTF-8 encoding of the code
// point b[i], so 0xE9 gives "é" (two bytes).
//
// allocfix: rewrite — b is a declared []byte: s.WriteRune(rune(b[i])).
// NOT s.WriteByte(b[i]), which writes the single byte 0xE9 (invalid UTF-8).
func latin1(b []byte) string {
	var s string
	for i := 0; i < len(b); i++ {
		s += string(b[i])
	}
	return s
}

// joinByte joins parts with the separator code point sep.
//
// allocfix: rewrite — sep is a declared byte: s.WriteRune(rune(sep)), for the
// same reason as latin1.
func joinByte(parts []string, sep byte) string {
	var s string
	for i, p := range parts {
		if i > 0 {
			s += string(sep)
		}
		s += p
	}
	return s
}

// priceList renders name=price; with two decimals.
//
// allocfix: rewrite — s += fmt.Sprintf(f, args...) becomes
// fmt.Fprintf(&s, f, args...).
func priceList(names []string, prices []float64) string {
	var s string
	for i, n := range names {
		s += fmt.Sprintf("%s=%.2f;", n, prices[i])
	}
	return s
}

// listLiteral renders items as [a, b, c].
//
// allocfix: rewrite — non-empty initial value: s := "[" becomes
// var s strings.Builder then s.WriteString("["); the += after the loop is a
// write too: s.WriteString("]").
func listLiteral(items []string) string {
	s := "["
	for i, it := range items {
		if i > 0 {
			s += ", "
		}
		s += it
	}
	s += "]"
	return s
}

// qualified renders prefix:name1.name2. .
//
// allocfix: rewrite — the initial value is a + chain of a declared string
// parameter and a literal: var s strings.Builder, s.WriteString(prefix),
// s.WriteString(":").
func qualified(prefix string, names []string) string {
	s := prefix + ":"
	for _, n := range names {
		s += n + "."
	}
	return s
}

// renderLogged builds the text, writes it to w and returns it with its length.
//
// allocfix: rewrite — golang/go#77659: several reads after the loop; each one
// becomes s.String(): io.WriteString(w, s.String()) and
// return s.String(), len(s.String()).
func renderLogged(w io.Writer, parts []string) (string, int) {
	var s string
	for _, p := range parts {
		s += p
	}
	io.WriteString(w, s)
	return s, len(s)
}

// headTail concatenates hs then ts, each built in its own loop.
//
// allocfix: rewrite — golang/go#76983: head and tail both become Builders and
// head += tail after the loops must be head.WriteString(tail.String()),
// never head.WriteString(tail).
func headTail(hs, ts []string) string {
	var head string
	for _, h := range hs {
		head += h
	}
	var tail string
	for _, t := range ts {
		tail += t
	}
	head += tail
	return head
}

// table renders rows as cell|cell|\n lines.
//
// allocfix: rewrite — golang/go#76983 inside a loop: line is declared in the
// outer loop and read only after the inner one, so both become Builders and
// out += line + "\n" is out.WriteString(line.String()), out.WriteString("\n").
func table(rows [][]string) string {
	var out string
	for _, row := range rows {
		var line string
		for _, cell := range row {
			line += cell + "|"
		}
		out += line + "\n"
	}
	return out
}

// runningPrefixes lists every prefix of the concatenation of xs.
//
// allocfix: rewrite — all becomes a Builder: all.WriteString(cur),
// all.WriteString(" "). cur is read inside the loop, so cur stays a string
// (a finding only) and is written as is, not as cur.String().
func runningPrefixes(xs []string) string {
	var all string
	var cur string
	for _, x := range xs {
		cur += x
		all += cur + " "
	}
	return all
}
