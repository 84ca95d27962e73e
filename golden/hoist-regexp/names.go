package hoistregexp

import (
	"regexp"
	"strings"
)

// notNameRE is taken, so the local notName keeps its own name below.
const notNameRE = "taken"

// parseThemeColor reads a colour of fzf's theme syntax.
//
// allocfix: rewrite — the locals name their patterns: rrggbbRE and commaRE,
// not themeColorRE and themeColorRE0.
func parseThemeColor(s string) (string, bool) {
	rrggbb := regexp.MustCompile("^#[0-9a-fA-F]{6}$")
	comma := regexp.MustCompile(`\s*,\s*`)
	for _, part := range comma.Split(s, -1) {
		if rrggbb.MatchString(part) {
			return strings.ToLower(part), true
		}
	}
	return "", false
}

// validReleaseName rejects names with characters helm does not allow.
//
// allocfix: rewrite — notNameRE is taken in the package, so the var takes the
// local's own name, notName.
func validReleaseName(s string) bool {
	notName := regexp.MustCompile(`[^a-z0-9-]`)
	return !notName.MatchString(s)
}

// caddyPlaceholder finds caddy's {header.X} placeholders.
//
// allocfix: rewrite — Go reads a `{` that does not start a repetition as a
// literal, so these patterns compile: headerRE (from the local), and
// caddyPlaceholderRE (from the function) for the one bound to no local.
func caddyPlaceholder(s string) (string, bool) {
	header := regexp.MustCompile(`{header\.([\w-]*)}`)
	if m := header.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	return "", regexp.MustCompile(`{re\.([\w-\.]*)}`).MatchString(s)
}

// fzfField matches fzf's field index expressions.
//
// allocfix: rewrite — `{n}` and `+{` are literals in Go's syntax: fzfFieldRE
// and fzfFieldRE0 (no local to name them).
func fzfField(s string) bool {
	return regexp.MustCompile(`{[0-9,-.]+}|{n}`).MatchString(s) ||
		regexp.MustCompile(`^(\+{(-?[0-9]+|n)})?([+-][0-9]+)*(-?/[1-9][0-9]*)?$`).MatchString(s)
}

// tooManyRepeats panics when called: Go allows at most 1000 repetitions.
//
// allocfix: finding — Go rejects the pattern (invalid repeat count); hoisting
// would move the panic to program start.
func tooManyRepeats(s string) bool {
	return regexp.MustCompile(`a{1001}`).MatchString(s)
}

// init runs once.
//
// allocfix: keep — a pattern compiled in init is compiled once anyway.
func init() {
	if !regexp.MustCompile(`^[a-z]+$`).MatchString("init") {
		panic("init")
	}
}
