package poolpointer

import "testing"

var (
	sinkString string
	sinkInt    int
)

var smallInts = []int{1, 22, 333}

func BenchmarkFixed_JoinInts(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = joinInts(smallInts)
	}
}

func BenchmarkFixed_QuoteAll(b *testing.B) {
	words := []string{"a", "b"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkInt = quoteAll(words)
	}
}

func BenchmarkFixed_SumSquares(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkInt, _ = sumSquares(50)
	}
}

func BenchmarkFixed_CountDistinct(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkInt = countDistinct("hello, world")
	}
}

func BenchmarkFixed_Upper(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = upper("hello")
	}
}

func BenchmarkFixed_WithNames(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = withNames(255)
	}
}

func BenchmarkKept_Shared(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = formatShared(12)
	}
}

func BenchmarkKept_Helper(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = formatHelper(12)
	}
}

func BenchmarkKept_Buffer(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = formatBuffer(12)
	}
}

func BenchmarkKept_Generated(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = formatGenerated(12)
	}
}
