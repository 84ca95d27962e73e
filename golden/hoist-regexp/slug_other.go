package hoistregexp

import "regexp"

// checkSlug reports whether s is a lower-case, underscore-separated slug.
//
// allocfix: rewrite — checkSlug also wants slugRE, taken by isValidSlug in
// rewrite.go (an earlier file): slugRE0.
func checkSlug(s string) bool {
	re := regexp.MustCompile(`^[a-z0-9]+(?:_[a-z0-9]+)*$`)
	return re.MatchString(s)
}
