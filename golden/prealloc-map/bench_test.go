package preallocmap

import (
	"strconv"
	"strings"
	"testing"
)

// Sinks keep every result on the heap, as in real callers.
var (
	sinkIntString map[int]string
	sinkStringInt map[string]int
	sinkRuneInt   map[rune]int
	sinkByteInt   map[byte]int
	sinkItems     map[string]*Item
	sinkIntInt    map[int]int
	sinkStrStr    map[string]string
	sinkStrBool   map[string]bool
)

// benchN distinct keys stay within one swiss-map table (< 896 entries),
// so the allocation counts are deterministic.
const benchN = 500

func benchWords() []string {
	in := make([]string, benchN)
	for i := range in {
		in[i] = "w" + strconv.Itoa(i)
	}
	return in
}

func BenchmarkFixed_BuildMapBad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkIntString = BuildMapBad()
	}
}

func BenchmarkFixed_IndexWords(b *testing.B) {
	words := benchWords()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStringInt = IndexWords(words)
	}
}

func BenchmarkFixed_Invert(b *testing.B) {
	src := make(map[string]int, benchN)
	for i, w := range benchWords() {
		src[w] = i
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkIntString = Invert(src)
	}
}

func BenchmarkFixed_RunePositions(b *testing.B) {
	var sb strings.Builder
	for r := rune(0x100); r < 0x100+benchN; r++ {
		sb.WriteRune(r)
	}
	s := sb.String()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkRuneInt = RunePositions(s)
	}
}

func BenchmarkFixed_Zip(b *testing.B) {
	keys := benchWords()
	vals := make([]int, len(keys))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStringInt = Zip(keys, vals)
	}
}

func BenchmarkFixed_PopCounts(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkByteInt = PopCounts()
	}
}

func BenchmarkFixed_IndexByName(b *testing.B) {
	items := make([]Item, benchN)
	for i, w := range benchWords() {
		items[i].Name = w
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkItems = IndexByName(items)
	}
}

func BenchmarkFixed_Identity(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkIntInt = Identity(benchN)
	}
}

func BenchmarkKept_Residues(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkIntInt = Residues(benchN)
	}
}

func BenchmarkKept_EarlyStop(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkIntInt = EarlyStop(benchN, 100)
	}
}

func BenchmarkKept_NilMapLengths(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkStringInt = NilMapLengths(nil)
	}
}

func BenchmarkKept_NonEmptyValues(b *testing.B) {
	src := make(map[string]string, benchN)
	for _, w := range benchWords() {
		src[w] = w
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrStr = NonEmptyValues(src)
	}
}

func BenchmarkKept_LastWins(b *testing.B) {
	words := benchWords()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrBool = LastWins(words)
	}
}

func BenchmarkKept_FromChannel(b *testing.B) {
	chans := make([]chan [2]string, b.N)
	for i := range chans {
		chans[i] = make(chan [2]string, benchN)
		for _, w := range benchWords() {
			chans[i] <- [2]string{w, w}
		}
		close(chans[i])
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrStr = FromChannel(chans[i])
	}
}

func BenchmarkKept_FieldSet(b *testing.B) {
	s := strings.Join(benchWords(), " ")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrBool = FieldSet(s)
	}
}

func BenchmarkKept_BothCases(b *testing.B) {
	words := benchWords()[:benchN/2]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStringInt = BothCases(words)
	}
}

func BenchmarkKept_WordCount(b *testing.B) {
	words := benchWords()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStringInt = WordCount(words)
	}
}

func BenchmarkKept_SmallHint(b *testing.B) {
	words := benchWords()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStringInt = SmallHint(words)
	}
}

func BenchmarkKept_Weights(b *testing.B) {
	words := benchWords()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStringInt = Weights(3, words)
	}
}

func BenchmarkKept_GeneratedIndex(b *testing.B) {
	words := benchWords()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStringInt = GeneratedIndex(words)
	}
}
