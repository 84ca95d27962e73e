package sprintfstrconv

import (
	"bufio"
	"errors"
	"strings"
	"testing"
)

// Inputs are package variables, not constants: fmt boxes a constant argument
// into static read-only data (no allocation), which would hide the cost being
// removed. Integers are >= 256 (fmt's boxing of 0..255 does not allocate) and
// outside 0..99 (strconv's small-number table does not allocate) unless a
// comment says otherwise.
var (
	sinkString string
	sinkInt    int
	sinkErr    error

	benchLevel   = "INFO"
	benchTS      = int64(1700000000123)
	benchNumbers = []int{123456, -98765, 4242, 1000000, 31337, 271828, -314159, 65536}
	benchBytes   = int64(987654321)
	benchAxis    = "x"
	benchCoord   = int32(-70000)
	benchDelta   = int8(42) // 0..99: strconv allocates nothing, fmt 1 (the result)
	benchPort    = uint16(8080)
	benchSize    = uint64(123456789)
	benchOp      = "GET /index.html"
	benchLabel   = "rows"
	benchItems   = make([]string, 300)
	benchIdent   = "some identifier"
	benchUserID  = "0123456789abcdef"
	benchBody    = []byte("the quick brown fox jumps over the lazy dog")
	benchFlag    = "verbose"
	benchOn      = true
	benchDigest  = []byte{0xde, 0xad, 0xbe, 0xef, 0x01, 0x23, 0x45, 0x67}
	benchTable   = "users"
	benchKey     = "user \"42\""
	benchDir     = "/usr/local"
	benchName    = "bin"
	benchCut     = 12
	benchCount   = 123456
	benchFloat   = 0.4567
	benchPair    = []any{12345, 67890}
	benchRune    = 'é'
	benchHost    = "example.com"
	benchPortInt = 8443
	errBench     = errors.New("boom")
)

func BenchmarkFixed_FormatPrefix(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = formatPrefix(benchLevel, benchTS)
	}
}

func BenchmarkFixed_SumDigits(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkInt = sumDigits(benchNumbers)
	}
}

func BenchmarkFixed_KibCount(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = kibCount(benchBytes)
	}
}

func BenchmarkFixed_Coord(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = coord(benchAxis, benchCoord)
	}
}

func BenchmarkFixed_SmallDelta(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = smallDelta(benchDelta)
	}
}

func BenchmarkFixed_PortText(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = portText(benchPort)
	}
}

func BenchmarkFixed_SizeText(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = sizeText(benchSize)
	}
}

func BenchmarkFixed_RetryLabel(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = retryLabel(benchOp)
	}
}

func BenchmarkFixed_CountLine(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = countLine(benchLabel, benchItems)
	}
}

func BenchmarkFixed_AsIs(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = asIs(benchIdent)
	}
}

func BenchmarkFixed_UserKey(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = userKey(benchUserID)
	}
}

func BenchmarkFixed_BodyText(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = bodyText(benchBody)
	}
}

func BenchmarkFixed_FlagText(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = flagText(benchFlag, benchOn)
	}
}

func BenchmarkFixed_DigestHex(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = digestHex(benchDigest)
	}
}

func BenchmarkFixed_NotFound(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = notFound(benchTable, benchKey)
	}
}

func BenchmarkFixed_ShortPath(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = shortPath(benchDir, benchName, benchCut)
	}
}

func BenchmarkFixed_TSVLine(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = tsvLine(benchName, benchCount)
	}
}

func BenchmarkFixed_NumText(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = numText(benchCount)
	}
}

func BenchmarkFixed_HostPort(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = hostPort(benchHost, benchPortInt)
	}
}

func BenchmarkKept_IDLabel(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = idLabel(benchCount)
	}
}

func BenchmarkKept_Ratio(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = ratio(benchFloat)
	}
}

func BenchmarkKept_WrapErr(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = wrapErr(benchCount, errBench)
	}
}

func BenchmarkKept_Percent(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = percent(benchCount)
	}
}

func BenchmarkKept_Padded(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = padded(benchCount)
	}
}

func BenchmarkKept_Signed(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = signed(benchFlag, benchCount)
	}
}

func BenchmarkKept_ZeroPadHex(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = zeroPadHex(benchDigest)
	}
}

func BenchmarkKept_VerbV(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = verbV(benchCount)
	}
}

func BenchmarkKept_ArgIndex(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = argIndex(benchCount)
	}
}

func BenchmarkKept_SpreadArgs(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = spreadArgs(benchPair)
	}
}

func BenchmarkKept_LevelTag(b *testing.B) {
	lvl := Level(benchFlag)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = levelTag(lvl)
	}
}

func BenchmarkFixed_CountOf(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = countOf(item{Count: benchCount})
	}
}

func BenchmarkKept_NonConstFormat(b *testing.B) {
	layout := "%d"
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = nonConstFormat(layout, benchCount)
	}
}

func BenchmarkKept_Errorf(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = errorf(benchCount)
	}
}

func BenchmarkKept_CharLit(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = charLit(benchRune)
	}
}

func BenchmarkKept_ShadowedFmt(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = shadowedFmt(benchCount)
	}
}

func BenchmarkKept_ShadowedStrconv(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = shadowedStrconv(benchCount)
	}
}

func BenchmarkKept_GeneratedKey(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = generatedKey(benchCount)
	}
}

var (
	benchKey2       = "/registry/pods/default/web-0"
	benchMember     = &Member{name: "infra1", peer: "https://10.0.0.1:2380"}
	benchLabels any = map[string]string{"app": "web"}
	benchInput      = strings.Repeat("a line of text\n", 4)
)

func BenchmarkFixed_TrimmedKey(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = trimmedKey(benchKey2)
	}
}

func BenchmarkFixed_Rule(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = rule(benchLabel, 40)
	}
}

func BenchmarkFixed_Failure(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = failure(benchOp, errBench)
	}
}

func BenchmarkFixed_FirstLine(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = firstLine(bufio.NewScanner(strings.NewReader(benchInput)))
	}
}

func BenchmarkFixed_MemberKey(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = memberKey(benchLabel, MemberID(benchSize))
	}
}

func BenchmarkFixed_MemberLine(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = memberLine(benchMember)
	}
}

func BenchmarkFixed_LabelOf(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = labelOf(benchLabels)
	}
}

func BenchmarkFixed_RotatePath(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = rotatePath(benchName)
	}
}

func BenchmarkFixed_CountText(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = countText(benchCount)
	}
}

func BenchmarkFixed_NameText(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = nameText(benchIdent)
	}
}

func BenchmarkKept_RatioText(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = ratioText(benchFloat)
	}
}

func BenchmarkKept_OrderMatters(b *testing.B) {
	m := &Member{name: "n"}
	r := renamer{m: m}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = orderMatters(m, r)
	}
}

func BenchmarkFixed_Heading(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = heading(benchLabel, 2)
	}
}

func BenchmarkFixed_SchemeHostPort(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = schemeHostPort(benchScheme, benchWebHost, benchWebPort)
	}
}

func BenchmarkKept_PaneCommand(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = paneCommand(benchScheme, benchWebHost, benchWebPort, benchWebHost)
	}
}

var benchScheme, benchWebHost, benchWebPort = strings.ToLower("HTTP"), strings.ToLower("Example.com"), strings.Repeat("8", 4)

func BenchmarkFixed_ManRef(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkString = manRef(benchWebHost)
	}
}
