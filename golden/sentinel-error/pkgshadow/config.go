package pkgshadow

import "fmt"

// loadProfile rejects an empty profile name.
//
// allocfix: rewrite — "errors" names the package-level func in shadow.go, so
// the standard package is imported under a free name (stderrors "errors") and
// the sentinel is written with it; fmt, now unused, is dropped.
func loadProfile(name string) error {
	if name == "" {
		return fmt.Errorf("profile name is empty")
	}
	return nil
}

// describe uses the shadowing func.
//
// allocfix: keep — nothing to do.
func describe(msg string) string {
	return errors(msg)
}
