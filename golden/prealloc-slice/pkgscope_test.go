package prealloc

import "testing"

func TestPackageScope(t *testing.T) {
	pin(t, "scaled", ScaledLevels(3), []int{3, 6, 12, 24}, "[3,6,12,24]")
	pin(t, "shifted", ShiftedLevels(1), []int{3, 4, 6, 10}, "[3,4,6,10]")
	pin(t, "steps", Steps(4), []int{0, 1, 2, 3}, "[0,1,2,3]")
	pin(t, "no steps", Steps(0), nil, "null")
	pin(t, "negative steps", Steps(-1), nil, "null")
	if hook() != 1 {
		t.Fatal("hook")
	}
}

func BenchmarkFixed_ScaledLevels(b *testing.B) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = ScaledLevels(i)
	}
}

func BenchmarkFixed_ShiftedLevels(b *testing.B) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = ShiftedLevels(i)
	}
}

func BenchmarkFixed_Steps(b *testing.B) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = Steps(50)
	}
}
