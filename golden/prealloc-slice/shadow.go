package prealloc

// ScaleBy multiplies every x by factor; its parameter is named len.
//
// allocfix: keep — `len` is a local name here: an emitted len(xs) would not compile.
func ScaleBy(len int, xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x*len)
	}
	return out
}

// Labels prefixes every name with "#"; a local variable is named make.
//
// allocfix: keep — `make` is a local name here: an emitted make(...) would not compile.
func Labels(names []string) []string {
	make := "#"
	var out []string
	for _, n := range names {
		out = append(out, make+n)
	}
	return out
}
