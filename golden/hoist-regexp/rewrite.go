package hoistregexp

import "regexp"

// datePattern is a package-level constant: a pattern named by it is constant too.
const datePattern = `^\d{4}-\d{2}-\d{2}$`

// isValidSlug reports whether s is a lower-case, dash-separated slug (the seed).
//
// allocfix: rewrite — constant pattern compiled on every call; hoisted to slugRE
// (isValidSlug minus is/Valid), the local re is deleted and its use replaced.
func isValidSlug(s string) bool {
	re := regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	return re.MatchString(s)
}

// validEmail reports whether s looks like an e-mail address.
//
// allocfix: rewrite — the local is already named emailRE, so the package var
// takes that name; the declaration is deleted, the use keeps its text.
func validEmail(s string) bool {
	emailRE := regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[a-z]{2,}$`)
	return emailRE.MatchString(s)
}

// hasHexColor reports whether s contains a #rrggbb colour.
//
// allocfix: rewrite — hoisted to hexColorRE (has dropped); the call itself is
// the receiver, so only the call is replaced.
func hasHexColor(s string) bool {
	return regexp.MustCompile(`#[0-9a-fA-F]{6}`).MatchString(s)
}

// countHexColors counts the #rrggbb colours in s.
//
// allocfix: rewrite — same pattern text as hasHexColor: shares hexColorRE, no
// second var.
func countHexColors(s string) int {
	return len(regexp.MustCompile(`#[0-9a-fA-F]{6}`).FindAllStringIndex(s, -1))
}

// filterNumeric keeps the all-digit items; nil when none.
//
// allocfix: rewrite — the call sits in a func literal; the var filterNumericRE is
// named after the enclosing top-level function and inserted above it.
func filterNumeric(items []string) []string {
	var out []string
	keep := func(s string) bool {
		return regexp.MustCompile(`^[0-9]+$`).MatchString(s)
	}
	for _, it := range items {
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}

// parseVersion returns the leftmost-longest number in s.
//
// allocfix: rewrite — MustCompilePOSIX is hoisted as MustCompilePOSIX (leftmost-
// longest semantics kept); name versionRE (parse dropped).
func parseVersion(s string) string {
	re := regexp.MustCompilePOSIX(`[0-9]+|[0-9]+\.[0-9]+`)
	return re.FindString(s)
}

// firstNumber returns the leftmost-first number in s.
//
// allocfix: rewrite — same pattern text as parseVersion but MustCompile, not
// MustCompilePOSIX: it must get its own var firstNumberRE, not share versionRE.
func firstNumber(s string) string {
	return regexp.MustCompile(`[0-9]+|[0-9]+\.[0-9]+`).FindString(s)
}

// validDate reports whether s is a YYYY-MM-DD date.
//
// allocfix: rewrite — the pattern is a package-level const; the var copies the
// argument text: var dateRE = regexp.MustCompile(datePattern).
func validDate(s string) bool {
	return regexp.MustCompile(datePattern).MatchString(s)
}

// checkPostcode reports whether s is a UK-style postcode.
//
// allocfix: rewrite — a + concatenation of literals is constant; the var copies
// the whole argument text; name postcodeRE.
func checkPostcode(s string) bool {
	return regexp.MustCompile("^[A-Z]{1,2}[0-9]" + `[0-9A-Z]? ` + "[0-9][A-Z]{2}$").MatchString(s)
}

// findWord returns the first word of s, using override when given.
//
// allocfix: rewrite — re is reassigned, so the declaration stays and only the
// call is replaced: re := findWordRE.
func findWord(s string, override *regexp.Regexp) string {
	re := regexp.MustCompile(`[a-z]+`)
	if override != nil {
		re = override
	}
	return re.FindString(s)
}

// isbn10 reports whether s is a 10-character ISBN.
//
// allocfix: rewrite — "var re = ..." form, deleted like ":="; the prefix "is" is
// not followed by an upper-case letter, so it is not dropped: isbn10RE.
func isbn10(s string) bool {
	var re = regexp.MustCompile(`^[0-9]{9}[0-9X]$`)
	return re.MatchString(s)
}

// getTag returns the name of the first <tag> in s, "" when none.
//
// allocfix: rewrite — getTag gives tagRE, which rewrite_test.go already declares
// (test files count): tagRE0.
func getTag(s string) string {
	m := regexp.MustCompile(`<([a-z]+)>`).FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return m[1]
}
