package account

import "testing"

func TestAccountIDs(t *testing.T) {
	ids := []*AccountID{New(1), New(2)}
	if ids[0].Int64() != 1 || ids[1].n != 2 {
		t.Fatal("ids")
	}
}

func BenchmarkFixed_New(b *testing.B) {
	b.ReportAllocs()
	var sink []*AccountID
	for i := 0; i < b.N; i++ {
		sink = append(sink[:0], New(int64(i)))
	}
	_ = sink
}
