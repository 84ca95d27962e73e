package prealloc

import (
	"reflect"
	"testing"
)

func TestProvenNonEmpty(t *testing.T) {
	pin(t, "upper", UpperIfAny([]string{"a", "b"}), []string{"A", "B"}, `["A","B"]`)
	pin(t, "upper none", UpperIfAny(nil), nil, "null")
	pin(t, "pairs", PairsOnly([]int{1, 2}, true), []int{2, 4}, "[2,4]")
	pin(t, "pairs off", PairsOnly([]int{1, 2}, false), []int{1, 2}, "[1,2]")
	pin(t, "pairs one", PairsOnly([]int{1}, true), []int{1}, "[1]")
	pin(t, "negated", Negated([]int{1, -2}), []int{-1, 2}, "[-1,2]")
	pin(t, "negated none", Negated([]int{}), nil, "null")
	pin(t, "halved", Halved([]int{4, 6}), []int{2, 3}, "[2,3]")
	pin(t, "halved none", Halved([]int{}), nil, "null")
	if rows := Shifts([]int{1, 2}, []int{10, 20}); !reflect.DeepEqual(rows, [][]int{{11, 12}, {21, 22}}) {
		t.Errorf("Shifts: %v", rows)
	}
	if rows := Shifts(nil, []int{10}); len(rows) != 0 || rows == nil {
		t.Errorf("Shifts of nothing: %#v", rows)
	}
	pin(t, "other guard", OtherGuard(nil, []int{1}), nil, "null")
	pin(t, "other guard two", OtherGuard([]int{2, 3}, []int{1}), []int{4, 9}, "[4,9]")
	pin(t, "after first one", AfterFirst([]int{1}), nil, "null")
	pin(t, "after first", AfterFirst([]int{1, 2, 3}), []int{3, 4}, "[3,4]")
	var note string
	pin(t, "logged none", Logged(nil, &note), nil, "null")
	if note != "empty" {
		t.Errorf("note %q", note)
	}
	pin(t, "logged", Logged([]int{1}, &note), []int{2}, "[2]")
	pin(t, "else none", ElseBranch(nil, true), nil, "null")
	pin(t, "else", ElseBranch([]int{1}, false), []int{3}, "[3]")
	pin(t, "labels", CountLabels(&Stats{Counts: []int{1, 2}}), []string{"n1", "n2", "3"}, `["n1","n2","3"]`)
	pin(t, "labels none", CountLabels(&Stats{}), nil, "null")
	empty := func(s *Stats) { s.Counts = nil }
	pin(t, "labels reset", CountLabelsAfterReset(&Stats{Counts: []int{1}}, empty), nil, "null")
	pin(t, "labels kept", CountLabelsAfterReset(&Stats{Counts: []int{4}}, func(*Stats) {}), []string{"n4"}, `["n4"]`)
	pin(t, "other none", NamesOfOther(&Stats{Names: []string{"a"}}, &Stats{}), nil, "null")
	pin(t, "other", NamesOfOther(&Stats{Names: []string{"a"}}, &Stats{Names: []string{"b"}}), []string{"b!"}, `["b!"]`)
}

func BenchmarkFixed_UpperIfAny(b *testing.B) {
	in := benchWords()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = UpperIfAny(in)
	}
}

func BenchmarkFixed_PairsOnly(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = PairsOnly(in, true)
	}
}

func BenchmarkFixed_Negated(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = Negated(in)
	}
}

func BenchmarkFixed_Halved(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = Halved(in)
	}
}

var sinkRows [][]int

func BenchmarkFixed_Shifts(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkRows = Shifts(in, in[:3])
	}
}

func BenchmarkFixed_OtherGuard(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = OtherGuard(in, in)
	}
}

func BenchmarkFixed_AfterFirst(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = AfterFirst(in)
	}
}

func BenchmarkFixed_Logged(b *testing.B) {
	in := benchInts()
	var note string
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = Logged(in, &note)
	}
}

func BenchmarkFixed_ElseBranch(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = ElseBranch(in, false)
	}
}

func BenchmarkFixed_CountLabels(b *testing.B) {
	s := &Stats{Counts: benchInts()}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = CountLabels(s)
	}
}
