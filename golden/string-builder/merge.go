package stringbuilder

import "strconv"

// OptHeader is miekg/dns's OPT record header: a literal that ends one
// statement and a literal that starts the next are written as one.
//
// allocfix: rewrite — `… + "; "` then `s += "flags:"` gives one
// s.WriteString("; flags:"); `s += "\n"`, `s += "; "` and the "udp: " that
// starts the next statement give one s.WriteString("\n; udp: "). The
// trailing " " joins the commented `s += "["` on its line: s.WriteString(" [")
// keeps the comment.
func OptHeader(version int, flags []string) string {
	s := "\n;; OPT PSEUDOSECTION:\n; EDNS: version " + strconv.Itoa(version) + "; "
	s += "flags:"
	for _, f := range flags {
		s += " " + f
	}
	s += "\n"
	s += "; "
	s += "udp: " + strconv.Itoa(4096) + " "
	s += "[" // the options follow
	for i := range flags {
		s += strconv.Itoa(i)
	}
	s += "]"
	return s
}
