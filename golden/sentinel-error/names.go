package sentinelerror

import "fmt"

// errTimeoutExceeded holds the name the message "timeout exceeded" would get.
//
// allocfix: keep — the message has a %d verb.
func errTimeoutExceeded(n int) error {
	return fmt.Errorf("timeout exceeded after %d tries", n)
}
