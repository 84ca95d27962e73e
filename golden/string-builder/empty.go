package stringbuilder

// ImportBlock lists the imports one per line, with a blank line before the
// third-party ones when there are any (coredns directives_generate).
//
// allocfix: rewrite — `extra != ""` becomes `extra.Len() != 0`, not a
// comparison of a freshly built string.
func ImportBlock(std, thirdParty []string) string {
	out := ""
	for _, p := range std {
		out += "\t\"" + p + "\"\n"
	}
	extra := ""
	for _, p := range thirdParty {
		extra += "\t\"" + p + "\"\n"
	}
	if extra != "" {
		return out + "\n" + extra
	}
	return out
}
