package sentinelerror

import "testing"

func TestPacked(t *testing.T) {
	r := emptyRepo{path: "x"}
	if r.Path() != "x" || r.Size() != 0 {
		t.Fatal("Path/Size")
	}
	if err := r.Check(); err == nil || err.Error() != "empty repo" {
		t.Fatalf("Check = %v", err)
	}
	if err := r.Load(true); err == nil || err.Error() != "strict load of an empty repo" {
		t.Fatalf("Load(true) = %v", err)
	}
	if err := r.Load(false); err == nil || err.Error() != "empty repo has nothing to load" {
		t.Fatalf("Load(false) = %v", err)
	}
}

func BenchmarkFixed_PackedLoad(b *testing.B) {
	r := emptyRepo{}
	for i := 0; i < b.N; i++ {
		layoutSink = r.Load(i%2 == 0)
	}
}
