package hoistregexp

import (
	"reflect"
	"regexp"
	"testing"
)

// tagRE is declared here on purpose: it takes the name getTag would get, so
// the hoisted var must be tagRE0 (test files count for name uniqueness).
var tagRE = regexp.MustCompile(`^[a-z]+$`)

func TestIsValidSlug(t *testing.T) {
	cases := map[string]bool{
		"abc": true, "a-b-c": true, "a1-2b": true,
		"": false, "-a": false, "a-": false, "a--b": false, "A-b": false, "a_b": false,
	}
	for in, want := range cases {
		if got := isValidSlug(in); got != want {
			t.Errorf("isValidSlug(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestCheckSlug(t *testing.T) {
	cases := map[string]bool{"a_b": true, "abc": true, "a-b": false, "a__b": false, "": false}
	for in, want := range cases {
		if got := checkSlug(in); got != want {
			t.Errorf("checkSlug(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestValidEmail(t *testing.T) {
	cases := map[string]bool{"a@b.io": true, "x.y@z.org": true, "a@b": false, "a b@c.io": false, "@b.io": false}
	for in, want := range cases {
		if got := validEmail(in); got != want {
			t.Errorf("validEmail(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestHexColors(t *testing.T) {
	s := "fg #A0b1C2 bg #000000 bad #12345"
	if !hasHexColor(s) || hasHexColor("#12345") {
		t.Errorf("hasHexColor wrong")
	}
	if got := countHexColors(s); got != 2 {
		t.Errorf("countHexColors = %d, want 2", got)
	}
	if got := firstHexColor(s); got != "#a0b1c2" {
		t.Errorf("firstHexColor = %q", got)
	}
	if got := firstHexColor("none"); got != "" {
		t.Errorf("firstHexColor(none) = %q", got)
	}
}

func TestFilterNumeric(t *testing.T) {
	if got := filterNumeric([]string{"1", "a", "23", "4b"}); !reflect.DeepEqual(got, []string{"1", "23"}) {
		t.Errorf("filterNumeric = %#v", got)
	}
	if got := filterNumeric([]string{"a"}); got != nil {
		t.Errorf("filterNumeric with no match = %#v, want nil", got)
	}
}

// TestPOSIXAndPerlDiffer pins that parseVersion stays leftmost-longest and
// firstNumber stays leftmost-first although both patterns have the same text,
// and that longestNumber's Longest() does not leak into firstNumber.
func TestPOSIXAndPerlDiffer(t *testing.T) {
	if got := parseVersion("go1.25 rc"); got != "1.25" {
		t.Errorf("parseVersion = %q, want 1.25", got)
	}
	if got := longestNumber("v1.25"); got != "1.25" {
		t.Errorf("longestNumber = %q, want 1.25", got)
	}
	if got := firstNumber("v1.25"); got != "1" {
		t.Errorf("firstNumber = %q, want 1", got)
	}
	if got := parseVersion("none"); got != "" {
		t.Errorf("parseVersion(none) = %q", got)
	}
}

func TestValidDate(t *testing.T) {
	if !validDate("2024-02-29") || validDate("2024-2-29") || validDate("x2024-02-29") {
		t.Errorf("validDate wrong")
	}
}

func TestCheckPostcode(t *testing.T) {
	cases := map[string]bool{"SW1A 1AA": true, "M1 1AE": true, "B33 8TH": true, "sw1a 1aa": false, "SW1A1AA": false}
	for in, want := range cases {
		if got := checkPostcode(in); got != want {
			t.Errorf("checkPostcode(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestFindWord(t *testing.T) {
	if got := findWord("12 abc def", nil); got != "abc" {
		t.Errorf("findWord = %q", got)
	}
	if got := findWord("12 abc def", regexp.MustCompile(`[0-9]+`)); got != "12" {
		t.Errorf("findWord override = %q", got)
	}
	if got := findWord("A-B", nil); got != "" {
		t.Errorf("findWord no match = %q", got)
	}
}

func TestIsbn10(t *testing.T) {
	if !isbn10("030640615X") || !isbn10("0306406152") || isbn10("030640615") || isbn10("03064061521") {
		t.Errorf("isbn10 wrong")
	}
}

func TestGetTag(t *testing.T) {
	if got := getTag("x <em>y</em>"); got != "em" {
		t.Errorf("getTag = %q", got)
	}
	if got := getTag("none"); got != "" {
		t.Errorf("getTag(none) = %q", got)
	}
	if !tagRE.MatchString("em") {
		t.Errorf("test-file tagRE changed")
	}
}

func TestIsValidTicket(t *testing.T) {
	if !isValidTicket("ABC-123") || isValidTicket("abc-123") || isValidTicket("ABC-") {
		t.Errorf("isValidTicket wrong")
	}
}

func TestKept(t *testing.T) {
	if !isID("id-7") || isID("id-") {
		t.Errorf("isID wrong")
	}
	if ok, err := compileAndMatch("abc"); !ok || err != nil {
		t.Errorf("compileAndMatch = %v, %v", ok, err)
	}
	if ok, err := compileAndMatch("ab1"); ok || err != nil {
		t.Errorf("compileAndMatch(ab1) = %v, %v", ok, err)
	}
	if !isWord("a_1") || isWord("a b") {
		t.Errorf("isWord wrong")
	}
	if !matchPrefix("a.b", "a.bc") || matchPrefix("a.b", "axbc") {
		t.Errorf("matchPrefix wrong")
	}
	if !isGeneratedSlug("gen-x") || isGeneratedSlug("gen-1") {
		t.Errorf("isGeneratedSlug wrong")
	}
}

// countingCompiler counts its MustCompile calls.
type countingCompiler struct{ n int }

func (c *countingCompiler) MustCompile(p string) *regexp.Regexp {
	c.n++
	return regexp.MustCompile(p)
}

// TestShadowedRegexp pins that the parameter / local named regexp is the one
// called, every time (a hoist to the real package would skip them).
func TestShadowedRegexp(t *testing.T) {
	c := &countingCompiler{}
	if !matchWith(c, "xx") || matchWith(c, "xy") {
		t.Errorf("matchWith wrong")
	}
	if c.n != 2 {
		t.Errorf("matchWith compiled %d times through its parameter, want 2", c.n)
	}
	before := defaultCache.lookups
	if !matchCached("ok") || matchCached("ko") {
		t.Errorf("matchCached wrong")
	}
	if got := defaultCache.lookups - before; got != 2 {
		t.Errorf("matchCached looked up %d times through the local, want 2", got)
	}
}

func TestBrokenPatternPanicsAtCallTime(t *testing.T) {
	defer func() {
		r := recover()
		if r == nil {
			t.Fatalf("brokenPattern did not panic")
		}
		want := "regexp: Compile(`a(b`): error parsing regexp: missing closing ): `a(b`"
		if r != want {
			t.Errorf("panic = %v, want %s", r, want)
		}
	}()
	brokenPattern("ab")
}

// TestNewWordMatcherFresh pins what makes newWordMatcher unsafe: each call
// returns its own value, so Longest() on one does not affect the next.
// (This test is expected to fail on the --unsafe output.)
func TestNewWordMatcherFresh(t *testing.T) {
	a := newWordMatcher()
	a.Longest()
	if got := a.FindString("ab-cd"); got != "ab-cd" {
		t.Errorf("longest = %q", got)
	}
	b := newWordMatcher()
	if a == b {
		t.Errorf("newWordMatcher returned the same value twice")
	}
	if got := b.FindString("ab-cd"); got != "ab" {
		t.Errorf("fresh matcher = %q, want ab", got)
	}
}
