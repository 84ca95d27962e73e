package sentinelerror

import "errors"

// errShortRead is declared only in Windows builds.
var errShortRead = errors.New("short read")

// readHeaderWindows is the Windows variant.
//
// allocfix: keep — only built on Windows; it already uses the sentinel.
func readHeaderWindows(n int) error {
	if n < 4 {
		return errShortRead
	}
	return nil
}
