package preallocmap

// Weights maps every name to len; its parameter is named len.
//
// allocfix: keep — `len` is a local name here: an emitted len(names) would not compile.
func Weights(len int, names []string) map[string]int {
	m := make(map[string]int)
	for _, n := range names {
		m[n] = len
	}
	return m
}
