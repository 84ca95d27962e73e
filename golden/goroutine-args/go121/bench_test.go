package goroutineargs

import "testing"

var (
	benchUsers = []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
	benchMap   = map[string]int{"a": 1, "b": 2, "c": 3}
)

func BenchmarkFixed_NotifyAll(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		notifyAll(benchUsers)
		drainNames(b, len(benchUsers))
	}
}

func BenchmarkFixed_CountTo(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		countTo(10)
		drainNumbers(b, 10)
	}
}

func BenchmarkFixed_Pairs(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		pairs(benchMap)
		drainNames(b, len(benchMap))
	}
}

func BenchmarkKept_WaitAll(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		waitAll(benchUsers)
		drainNames(b, len(benchUsers))
	}
}

func BenchmarkKept_Copied(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		copied(benchUsers)
		drainNames(b, len(benchUsers))
	}
}
