package hoistregexp

import (
	"regexp"
	"testing"
)

var (
	sinkBool   bool
	sinkInt    int
	sinkString string
	sinkSlice  []string
	sinkRE     *regexp.Regexp
	sinkErr    error
)

func BenchmarkFixed_IsValidSlug(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = isValidSlug("a-valid-slug-1")
	}
}

func BenchmarkFixed_CheckSlug(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = checkSlug("a_valid_slug_1")
	}
}

func BenchmarkFixed_ValidEmail(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = validEmail("someone@example.org")
	}
}

func BenchmarkFixed_HasHexColor(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = hasHexColor("color: #a0b1c2;")
	}
}

func BenchmarkFixed_CountHexColors(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkInt = countHexColors("#a0b1c2 #000000")
	}
}

func BenchmarkFixed_FirstHexColor(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = firstHexColor("color: #a0b1c2;")
	}
}

func BenchmarkFixed_FilterNumeric(b *testing.B) {
	b.ReportAllocs()
	in := []string{"12", "x", "345"}
	for i := 0; i < b.N; i++ {
		sinkSlice = filterNumeric(in)
	}
}

func BenchmarkFixed_ParseVersion(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = parseVersion("go1.25")
	}
}

func BenchmarkFixed_FirstNumber(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = firstNumber("go1.25")
	}
}

func BenchmarkFixed_ValidDate(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = validDate("2024-02-29")
	}
}

func BenchmarkFixed_CheckPostcode(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = checkPostcode("SW1A 1AA")
	}
}

func BenchmarkFixed_FindWord(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = findWord("12 abc", nil)
	}
}

func BenchmarkFixed_Isbn10(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = isbn10("030640615X")
	}
}

func BenchmarkFixed_GetTag(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = getTag("x <em>y</em>")
	}
}

func BenchmarkFixed_IsValidTicket(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = isValidTicket("ABC-123")
	}
}

func BenchmarkKept_IsID(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = isID("id-42")
	}
}

func BenchmarkKept_MatchWith(b *testing.B) {
	b.ReportAllocs()
	c := &countingCompiler{}
	for i := 0; i < b.N; i++ {
		sinkBool = matchWith(c, "xxx")
	}
}

func BenchmarkKept_MatchCached(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = matchCached("ok")
	}
}

func BenchmarkKept_MatchPrefix(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = matchPrefix("a.b", "a.bc")
	}
}

func BenchmarkKept_CompileAndMatch(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool, sinkErr = compileAndMatch("abc")
	}
}

func BenchmarkKept_IsWord(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = isWord("a_1")
	}
}

func BenchmarkKept_LongestNumber(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = longestNumber("go1.25")
	}
}

func BenchmarkKept_NewWordMatcher(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkRE = newWordMatcher()
	}
}

func BenchmarkKept_BrokenPattern(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		func() {
			defer func() { _ = recover() }()
			sinkBool = brokenPattern("ab")
		}()
	}
}

func BenchmarkKept_IsGeneratedSlug(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = isGeneratedSlug("gen-abc")
	}
}
