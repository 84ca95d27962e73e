package hoistregexp

import re2 "regexp"

// isValidTicket reports whether s is a ticket key such as ABC-123.
//
// allocfix: rewrite — regexp is imported as re2: the var is written with the
// alias, var ticketRE = re2.MustCompile(...), in this file.
func isValidTicket(s string) bool {
	re := re2.MustCompile(`^[A-Z]+-[0-9]+$`)
	return re.MatchString(s)
}
