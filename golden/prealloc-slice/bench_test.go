package prealloc

import (
	"strconv"
	"strings"
	"testing"
)

// Sinks keep every result on the heap, as in real callers.
var (
	sinkInts    []int
	sinkStrings []string
	sinkRunes   []rune
	sinkString  string
	sinkInt     int
)

const benchN = 1000

func benchInts() []int {
	in := make([]int, benchN)
	for i := range in {
		in[i] = i + 1
	}
	return in
}

func benchWords() []string {
	in := make([]string, benchN)
	for i := range in {
		in[i] = "w" + strconv.Itoa(i)
	}
	return in
}

func BenchmarkFixed_MapInts(b *testing.B) {
	in := benchInts()
	f := func(x int) int { return x * 3 }
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = mapInts(in, f)
	}
}

func BenchmarkFixed_BuildSliceBad(b *testing.B) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = BuildSliceBad()
	}
}

func BenchmarkFixed_Squares(b *testing.B) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = Squares(benchN)
	}
}

func BenchmarkFixed_Countdown(b *testing.B) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = Countdown(benchN)
	}
}

func BenchmarkFixed_UpperAll(b *testing.B) {
	in := benchWords()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = UpperAll(in)
	}
}

func BenchmarkFixed_Lengths(b *testing.B) {
	in := benchWords()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = Lengths(in)
	}
}

func BenchmarkFixed_Reversed(b *testing.B) {
	in := benchWords()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = Reversed(in)
	}
}

func BenchmarkFixed_Alphabet(b *testing.B) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = Alphabet()
	}
}

func BenchmarkFixed_Cubes(b *testing.B) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = Cubes(benchN)
	}
}

func BenchmarkFixed_UpperRunes(b *testing.B) {
	s := strings.Repeat("aé", benchN/2)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkRunes = UpperRunes(s)
	}
}

func BenchmarkFixed_Keys(b *testing.B) {
	m := make(map[string]int, benchN)
	for i, w := range benchWords() {
		m[w] = i
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = Keys(m)
	}
}

func BenchmarkFixed_HexDigest(b *testing.B) {
	var sum [16]byte
	for i := range sum {
		sum[i] = byte(i * 13)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = HexDigest(sum)
	}
}

func BenchmarkFixed_Indent(b *testing.B) {
	in := benchWords()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = Indent(in, 2)
	}
}

func BenchmarkFixed_TakeThroughNegative(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = TakeThroughNegative(in)
	}
}

func BenchmarkFixed_ItemNames(b *testing.B) {
	o := &Order{}
	for _, w := range benchWords() {
		o.Items = append(o.Items, &Item{Name: " " + w + " "})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = ItemNames(o)
	}
}

func BenchmarkKept_FilterPositive(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = FilterPositive(in)
	}
}

func BenchmarkKept_PositiveOrNone(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = PositiveOrNone(in)
	}
}

func BenchmarkKept_NonEmpty(b *testing.B) {
	in := benchWords()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = NonEmpty(in)
	}
}

func BenchmarkKept_Flatten(b *testing.B) {
	rows := make([][]int, benchN/10)
	for i := range rows {
		rows[i] = benchInts()[:10]
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = Flatten(rows)
	}
}

func BenchmarkKept_LastWithBase(b *testing.B) {
	base := []int{1, 2, 3}
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = LastWithBase(base, in)
	}
}

func BenchmarkKept_Interleave(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = Interleave(in)
	}
}

func BenchmarkKept_Concat(b *testing.B) {
	parts := make([][]string, benchN/10)
	for i := range parts {
		parts[i] = benchWords()[:10]
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = Concat(parts)
	}
}

func BenchmarkKept_GrowthTrace(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts, _ = GrowthTrace(in)
	}
}

func BenchmarkKept_FromChannel(b *testing.B) {
	chans := make([]chan int, b.N)
	for i := range chans {
		chans[i] = make(chan int, benchN)
		for j := 0; j < benchN; j++ {
			chans[i] <- j
		}
		close(chans[i])
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = FromChannel(chans[i])
	}
}

func BenchmarkKept_Tokenize(b *testing.B) {
	s := strings.Join(benchWords(), " ")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = Tokenize(s)
	}
}

func BenchmarkKept_FromOne(b *testing.B) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = FromOne(benchN)
	}
}

func BenchmarkKept_BreadthFirst(b *testing.B) {
	children := make(map[int][]int, benchN)
	for n := 1; n < benchN; n++ {
		parent := (n - 1) / 2
		children[parent] = append(children[parent], n)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = BreadthFirst(children, 0)
	}
}

func BenchmarkKept_DrainKeys(b *testing.B) {
	maps := make([]map[string]int, b.N)
	for i := range maps {
		maps[i] = make(map[string]int, benchN)
		for j, w := range benchWords() {
			maps[i][w] = j
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = DrainKeys(maps[i])
	}
}

func BenchmarkKept_WithHeader(b *testing.B) {
	in := benchWords()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = WithHeader("h", in)
	}
}

func BenchmarkKept_LeadingZeros(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = LeadingZeros(in)
	}
}

func BenchmarkKept_ScaleBy(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = ScaleBy(3, in)
	}
}

func BenchmarkKept_Labels(b *testing.B) {
	in := benchWords()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = Labels(in)
	}
}

func BenchmarkKept_GeneratedDoubles(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInts = GeneratedDoubles(in)
	}
}

func benchMembers() []*Member {
	in := make([]*Member, benchN)
	for i := range in {
		in[i] = &Member{ID: uint64(benchN - i)}
	}
	return in
}

func benchMemberMap() map[uint64]*Member {
	m := make(map[uint64]*Member, benchN)
	for _, x := range benchMembers() {
		m[x.ID] = x
	}
	return m
}

var sinkMembers MembersByID

func BenchmarkFixed_SortedMembers(b *testing.B) {
	in := benchMemberMap()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkMembers = SortedMembers(in)
	}
}

func BenchmarkFixed_MemberList(b *testing.B) {
	in := benchMembers()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkMembers = MemberList(in)
	}
}

var sinkErrs []error

func BenchmarkFixed_JoinErrors(b *testing.B) {
	rest := make([]error, benchN)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkErrs = JoinErrors(errCheck, rest)
	}
}

func BenchmarkFixed_Framed(b *testing.B) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = Framed("title", "sub")
	}
}

func BenchmarkFixed_ConcatMarked(b *testing.B) {
	in := benchWords()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = ConcatMarked(in, in[:10])
	}
}

func BenchmarkFixed_KeysAndValues(b *testing.B) {
	keys := benchWords()
	m := make(map[string]string, len(keys))
	for _, k := range keys {
		m[k] = k
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkStrings = KeysAndValues(keys, m)
	}
}

func BenchmarkKept_CheckAll(b *testing.B) {
	rest := make([]error, benchN)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkErrs = CheckAll(1, rest)
	}
}
