package catalog

import (
	"fmt"
	"testing"
)

func TestSKU(t *testing.T) {
	if got := fmt.Sprint(NewSKU("a-1")); got != "a-1" {
		t.Fatal(got)
	}
}

func BenchmarkKept_NewSKU(b *testing.B) {
	b.ReportAllocs()
	var sink []*SKU
	for i := 0; i < b.N; i++ {
		sink = append(sink[:0], NewSKU("x"))
	}
	_ = sink
}
