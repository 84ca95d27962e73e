package sentinelerror

import "testing"

func TestReadHeader(t *testing.T) {
	if err := readHeader(2); err == nil || err.Error() != "short read" {
		t.Fatalf("readHeader(2) = %v", err)
	}
	if err := readHeader(8); err != nil {
		t.Fatalf("readHeader(8) = %v", err)
	}
}

func BenchmarkFixed_ReadHeader(b *testing.B) {
	for i := 0; i < b.N; i++ {
		layoutSink = readHeader(2)
	}
}
