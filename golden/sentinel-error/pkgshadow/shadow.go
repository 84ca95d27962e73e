// Package pkgshadow declares a package-level func named errors, so no file of
// the package can refer to the standard errors package by that name.
package pkgshadow

// errors formats an error line.
//
// allocfix: keep — not an error construction.
func errors(msg string) string {
	return "E: " + msg
}
