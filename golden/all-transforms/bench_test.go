package alltransforms

import "testing"

var names = []string{"a", "b", "c", "d", "e", "f", "g", "h"}

func BenchmarkFixed_Visit(b *testing.B) {
	reset(names...)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := visit(names); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_VisitEmpty(b *testing.B) {
	reset(names...)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := visit([]string{""}); err == nil {
			b.Fatal("no error")
		}
	}
}

var ids = []int{1, 22, 333, 4444, 55555}

func BenchmarkFixed_Labels(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if len(labels("item", ids)) != len(ids) {
			b.Fatal("length")
		}
	}
}

var sink error

func BenchmarkKept_Describe(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = describe("x")
	}
}
