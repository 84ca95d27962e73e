package hoistregexp

import (
	"regexp"
	"sync"
)

// idRE is already at package level.
//
// allocfix: keep — a package-level MustCompile is what the rewrite produces.
var idRE = regexp.MustCompile(`^id-[0-9]+$`)

// isID uses the package-level idRE.
//
// allocfix: keep — nothing is compiled in the body.
func isID(s string) bool {
	return idRE.MatchString(s)
}

// compiler is anything with a MustCompile method.
type compiler interface {
	MustCompile(pattern string) *regexp.Regexp
}

// patternCache compiles each pattern once and counts lookups.
type patternCache struct {
	mu      sync.Mutex
	m       map[string]*regexp.Regexp
	lookups int
}

// MustCompile returns the cached compiled pattern.
//
// allocfix: keep — support code: compiles through the cache, no pattern.
func (c *patternCache) MustCompile(pattern string) *regexp.Regexp {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lookups++
	if re, ok := c.m[pattern]; ok {
		return re
	}
	if c.m == nil {
		c.m = make(map[string]*regexp.Regexp)
	}
	re := regexp.MustCompile(pattern)
	c.m[pattern] = re
	return re
}

var defaultCache = &patternCache{}

// matchWith matches s against ^x+$ compiled by the given compiler.
//
// allocfix: keep — regexp is the parameter, not the package.
func matchWith(regexp compiler, s string) bool {
	return regexp.MustCompile(`^x+$`).MatchString(s)
}

// matchCached matches s against ^ok$ through defaultCache.
//
// allocfix: keep — regexp is a local variable shadowing the import.
func matchCached(s string) bool {
	regexp := defaultCache
	re := regexp.MustCompile(`^ok$`)
	return re.MatchString(s)
}

// matchPrefix reports whether s starts with prefix, literally.
//
// allocfix: keep — the pattern is built at run time.
func matchPrefix(prefix, s string) bool {
	return regexp.MustCompile("^" + regexp.QuoteMeta(prefix)).MatchString(s)
}

// compileAndMatch compiles with error handling.
//
// allocfix: keep — regexp.Compile returns an error the caller handles.
func compileAndMatch(s string) (bool, error) {
	re, err := regexp.Compile(`^[a-z]+$`)
	if err != nil {
		return false, err
	}
	return re.MatchString(s), nil
}

// isWord reports whether s is made of word characters.
//
// allocfix: keep — the pattern is a local const (only package-level consts count).
func isWord(s string) bool {
	const pat = `^\w+$`
	return regexp.MustCompile(pat).MatchString(s)
}

// longestNumber returns the leftmost-longest number in s.
//
// allocfix: keep — Longest() mutates the compiled value: hoisted, it would be a
// shared, racy mutation (and, sharing firstNumber's pattern text, it would flip
// firstNumber to leftmost-longest).
func longestNumber(s string) string {
	re := regexp.MustCompile(`[0-9]+|[0-9]+\.[0-9]+`)
	re.Longest()
	return re.FindString(s)
}
