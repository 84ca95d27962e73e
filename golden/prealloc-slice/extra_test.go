package prealloc

import (
	"strings"
	"testing"
)

func TestGreetings(t *testing.T) {
	pin(t, "nil", Greetings(nil), nil, "null")
	pin(t, "empty", Greetings(Names{}), nil, "null")
	pin(t, "two", Greetings(Names{"a", "b"}), []string{"hello a", "hello b"}, `["hello a","hello b"]`)
}

func TestSquaresUntil(t *testing.T) {
	pin(t, "zero", SquaresUntil(0, 10), nil, "null")
	pin(t, "negative", SquaresUntil(-5, 10), nil, "null")
	// A huge bound that the loop never reaches: reserving it would panic.
	pin(t, "huge", SquaresUntil(1<<62, 5), []int{0, 1, 4, 9}, "[0,1,4,9]")
}

func TestTwice(t *testing.T) {
	pin(t, "nil", Twice(nil), nil, "null")
	pin(t, "two", Twice([]int{1, 2}), []int{1, 2, 1, 2}, "[1,2,1,2]")
}

func BenchmarkFixed_Greetings(b *testing.B) {
	in := Names(benchWords())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = Greetings(in)
	}
}

func BenchmarkKept_SquaresUntil(b *testing.B) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = SquaresUntil(benchN, benchN*benchN)
	}
}

func BenchmarkKept_Twice(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = Twice(in)
	}
}

func TestFields(t *testing.T) {
	pin(t, "empty", Fields(""), []string{""}, `[""]`)
	pin(t, "two", Fields(" a , b"), []string{"a", "b"}, `["a","b"]`)
}

func TestPairSums(t *testing.T) {
	pin(t, "nil", PairSums(nil), nil, "null")
	pin(t, "one", PairSums([]int{7}), nil, "null")
	pin(t, "five", PairSums([]int{1, 2, 3, 4, 5}), []int{3, 7}, "[3,7]")
}

func BenchmarkFixed_Fields(b *testing.B) {
	s := strings.Join(benchWords(), " , ")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = Fields(s)
	}
}

func BenchmarkFixed_PairSums(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = PairSums(in)
	}
}
