package stringbuilder

import (
	"io"
	"strconv"
	"testing"
)

var (
	sinkString string
	sinkInt    int
	sinkPath   Path
	sinkError  error
)

// fields50 is the seed's 50-field CSV row.
var fields50 = func() []string {
	fs := make([]string, 50)
	for i := range fs {
		fs[i] = "field" + strconv.Itoa(i)
	}
	return fs
}()

var words = []string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"}

var prices = []float64{1.5, 2.25, 1000, -3, 0.125, 7, 8, 9, 10, 11}

var rows = [][]string{words, words, words, words}

var latinBytes = []byte("Caf\xe9 cr\xe8me br\xfbl\xe9e, d\xe9j\xe0 vu")

func BenchmarkFixed_CSVRow(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = csvRow(fields50)
	}
}

func BenchmarkFixed_KVPairs(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = kvPairs(words, words)
	}
}

func BenchmarkFixed_TagList(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = tagList(words)
	}
}

func BenchmarkFixed_StripSpaces(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = stripSpaces("the quick brown fox jumps over the lazy dog")
	}
}

func BenchmarkFixed_RepeatRune(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = repeatRune('é', 40)
	}
}

func BenchmarkFixed_Latin1(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = latin1(latinBytes)
	}
}

func BenchmarkFixed_JoinByte(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = joinByte(words, 0xB7)
	}
}

func BenchmarkFixed_PriceList(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = priceList(words, prices)
	}
}

func BenchmarkFixed_ListLiteral(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = listLiteral(words)
	}
}

func BenchmarkFixed_Qualified(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = qualified("pkg", words)
	}
}

func BenchmarkFixed_RenderLogged(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString, sinkInt = renderLogged(io.Discard, words)
	}
}

func BenchmarkFixed_HeadTail(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = headTail(words, words)
	}
}

func BenchmarkFixed_Table(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = table(rows)
	}
}

func BenchmarkFixed_RunningPrefixes(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = runningPrefixes(words)
	}
}

func BenchmarkFixed_Shout(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = shout(words)
	}
}

func BenchmarkFixed_IndentLines(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = indentLines(words, 2)
	}
}

func BenchmarkKept_JoinAll(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = joinAll(words)
	}
}

func BenchmarkKept_GeneratedRow(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = generatedRow(fields50)
	}
}

func BenchmarkKept_Greeting(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = greeting("world")
	}
}

func BenchmarkKept_TotalWidth(b *testing.B) {
	widths := []int{1, 2, 3, 4, 5}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkInt = totalWidth(widths)
	}
}

func BenchmarkKept_AfterFirst(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = afterFirst(words)
	}
}

func BenchmarkKept_JoinPath(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkPath = joinPath(words)
	}
}

func BenchmarkKept_TruncateJoin(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = truncateJoin(words, 30)
	}
}

func BenchmarkKept_SqueezeRepeats(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = squeezeRepeats(words)
	}
}

func BenchmarkKept_SlashJoin(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = slashJoin(words)
	}
}

func BenchmarkKept_LibraryName(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = libraryName("lib.es2015.symbol.wellknown.d.ts")
	}
}

func BenchmarkKept_Doubling(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = doubling("ab", 6)
	}
}

func BenchmarkKept_DottedViaPointer(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = dottedViaPointer(words)
	}
}

func BenchmarkKept_ClosureJoin(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = closureJoin(words)
	}
}

func BenchmarkKept_TraceAll(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		traceLog = ""
		traceAll(words)
	}
	traceLog = ""
}

func BenchmarkKept_AppendSuffixes(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = appendSuffixes("x", words)
	}
}

func BenchmarkKept_JoinNamed(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = joinNamed(words)
	}
}

func BenchmarkKept_FormatsError(b *testing.B) {
	formats := fields50[:10]
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkError = FormatsError("x", formats)
	}
}
