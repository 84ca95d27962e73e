package byteconversions

import "strings"

// isGoFile reports whether name ends in ".go".
//
// allocfix: rewrite — strings becomes unused and goes; bytes is imported.
func isGoFile(name []byte) bool {
	return strings.HasSuffix(string(name), ".go")
}
