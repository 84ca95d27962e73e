package hot

import (
	"strings"
	"testing"
)

var sink int

func BenchmarkParse(b *testing.B) {
	// Fields of 100 bytes and more: fmt formats their lengths into fresh strings.
	fields := []string{strings.Repeat("a", 100), strings.Repeat("b", 200), strings.Repeat("c", 300)}
	for i := 0; i < b.N; i++ {
		n, err := Parse(fields)
		if err != nil {
			b.Fatal(err)
		}
		sink += n
	}
}
