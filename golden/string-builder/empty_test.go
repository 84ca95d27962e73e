package stringbuilder

import "testing"

func TestImportBlock(t *testing.T) {
	if got := ImportBlock([]string{"fmt"}, nil); got != "\t\"fmt\"\n" {
		t.Errorf("std only: %q", got)
	}
	if got := ImportBlock([]string{"fmt"}, []string{"x/y"}); got != "\t\"fmt\"\n\n\t\"x/y\"\n" {
		t.Errorf("both: %q", got)
	}
}

func BenchmarkFixed_ImportBlock(b *testing.B) {
	std := fields50[:20]
	third := fields50[20:40]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkString = ImportBlock(std, third)
	}
}
