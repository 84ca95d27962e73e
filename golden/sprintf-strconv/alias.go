package sprintfstrconv

import f "fmt"

// numText renders n through fmt imported as f.
//
// allocfix: rewrite — f is the fmt package: strconv.Itoa(n); strconv is added,
// f "fmt" stays for wrapErr.
func numText(n int) string {
	return f.Sprintf("%d", n)
}

// wrapErr wraps err with the item number.
//
// allocfix: keep — fmt.Errorf (here f.Errorf) is not this transform.
func wrapErr(n int, err error) error {
	return f.Errorf("item %d: %w", n, err)
}
