package sprintfstrconv

import (
	"fmt"
	"strconv"
)

// parsePort parses a decimal port number.
//
// allocfix: keep — already uses strconv: nothing to rewrite.
func parsePort(s string) (int, error) {
	return strconv.Atoi(s)
}

// idLabel renders id-N.
//
// allocfix: keep — "id-" + strconv.Itoa(id) would be equivalent, but a
// literal plus one integer does not cut allocs/op (2 -> 2 for id >= 256 or
// < 0, 1 -> 1 for 0..99, and 1 -> 2 for 100..255): not reported (option
// rewrite-without-gain).
func idLabel(id int) string {
	return fmt.Sprintf("id-%d", id)
}

// hostPort renders host:port.
//
// allocfix: rewrite — host + ":" + strconv.Itoa(port). strconv is already
// imported here (not added twice) and fmt stays for idLabel and ratio.
func hostPort(host string, port int) string {
	return fmt.Sprintf("%s:%d", host, port)
}

// ratio renders a percentage with one decimal.
//
// allocfix: keep — %.1f has a precision and %% is a literal percent sign.
func ratio(x float64) string {
	return fmt.Sprintf("%.1f%%", x*100)
}
