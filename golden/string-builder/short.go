package stringbuilder

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// repeatToFill repeats str to fill limit bytes, then adds as many runes of
// str as still fit (fzf RepeatToFill).
//
// allocfix: keep — output starts as a fresh non-empty string
// (strings.Repeat) and the loop usually runs zero times: a Builder would copy
// that string once more (0 → 1 extra allocation in the common case).
func repeatToFill(str string, limit int) string {
	length := utf8.RuneCountInString(str)
	times := limit / length
	rest := limit % length
	output := strings.Repeat(str, times)
	if rest > 0 {
		for _, r := range str {
			rest--
			if rest < 0 {
				break
			}
			output += string(r)
			if rest == 0 {
				break
			}
		}
	}
	return output
}

// part is one piece of a parsed template: literal text or a field index.
type part struct {
	text  string
	field int
}

// templater parses a template once into parts and returns a function that
// fills it in for every record (fzf nthTransformer).
//
// allocfix: keep — the returned closure walks parts, captured from templater:
// a template of a handful of parts (1–3 in fzf), where a Builder costs one
// allocation more than += for one or two parts.
func templater(tmpl string) func(fields []string) string {
	var parts []part
	for _, p := range strings.Split(tmpl, "|") {
		if n, err := strconv.Atoi(p); err == nil {
			parts = append(parts, part{field: n})
		} else {
			parts = append(parts, part{text: p, field: -1})
		}
	}
	return func(fields []string) string {
		str := ""
		for _, holder := range parts {
			if holder.field >= 0 && holder.field < len(fields) {
				str += fields[holder.field]
			} else {
				str += holder.text
			}
		}
		return str
	}
}

// triple joins a, b and c with dashes.
//
// allocfix: keep — a range over a literal of three elements: a Builder needs
// about six appends to make fewer allocations than +=.
func triple(a, b, c string) string {
	var s string
	for _, x := range []string{a, b, c} {
		s += x + "-"
	}
	return s
}

// fourTimes repeats word four times.
//
// allocfix: keep — a counted loop up to the constant 4.
func fourTimes(word string) string {
	var s string
	for i := 0; i < 4; i++ {
		s += word
	}
	return s
}

// threeTimes repeats word three times (Go 1.22 range over an integer).
//
// allocfix: keep — range over the constant 3.
func threeTimes(word string) string {
	s := ""
	for range 3 {
		s += word
	}
	return s
}

// firstLong returns a marker and the first word longer than n bytes.
//
// allocfix: keep — the loop breaks right after its only append: it appends
// at most once.
func firstLong(words []string, n int) string {
	var s string
	for _, w := range words {
		if len(w) > n {
			s += w
			break
		}
	}
	return ">" + s
}

// weekdays lists the seven weekday abbreviations.
//
// allocfix: rewrite — a range over a literal of seven elements: more appends
// than the break-even point.
func weekdays(sep string) string {
	var s string
	for _, d := range []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"} {
		s += d + sep
	}
	return s
}

// tenTimes repeats word ten times.
//
// allocfix: rewrite — a counted loop up to 10.
func tenTimes(word string) string {
	var s string
	for i := 0; i < 10; i++ {
		s += word
	}
	return s
}

// localTemplate fills parts it builds itself.
//
// allocfix: rewrite — parts is a local of this function, not a list captured
// from an enclosing one.
func localTemplate(n int) string {
	parts := strings.Split(strings.Repeat("ab,", n), ",")
	out := ""
	for _, p := range parts {
		out += p
	}
	return out
}
