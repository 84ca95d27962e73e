package byteconversions

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"io"
	"os"
	"strings"
	"testing"
)

// Inputs are package variables (a constant string could be converted from
// read-only data), and longer than 32 bytes (shorter conversions that do not
// escape use a stack buffer).
var (
	benchLine  = strings.Repeat("a line of text ", 4)
	benchBytes = []byte(strings.Repeat("some bytes without it ", 4))
	benchName  = []byte(strings.Repeat("Name", 10))
	sinkBool   bool
	sinkInt    int
	sinkInts   []int
	sinkAll    [][]int
	sinkBytes  []byte
	sinkString string
)

func BenchmarkFixed_BufioWrite(b *testing.B) {
	w := bufio.NewWriterSize(io.Discard, 1<<16)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		writeLine(w, benchLine)
		writeDiscarded(w, benchLine)
		writeStatement(w, benchLine)
		w.Flush()
	}
}

func BenchmarkFixed_FileWrite(b *testing.B) {
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		writeFile(f, benchLine)
	}
}

func BenchmarkFixed_OwnWriter(b *testing.B) {
	l := &lineWriter{w: bufio.NewWriterSize(io.Discard, 1<<16)}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		writeOwn(l, benchLine)
		l.w.Flush()
	}
}

func BenchmarkFixed_Regexp(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = matches(benchLine)
		sinkInts = firstIndex(benchLine)
		sinkInts = submatchIndex(benchLine)
		sinkAll = allIndexes(benchLine, -1)
		sinkString = firstMatchText(benchLine)
	}
}

func BenchmarkFixed_StringsToBytes(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = hasToken(benchBytes)
		sinkBool = isComment(benchBytes)
		sinkInt = fieldCount(benchBytes)
		sinkBool = sameName(benchName, benchName)
		sinkInt = firstSpace(benchBytes)
		sinkBool = hasAny(benchBytes, "xyz")
	}
}

// The tidy-only rewrite: 0 allocs/op before and after (with --unsafe).
func BenchmarkKept_BufferWrite(b *testing.B) {
	var buf bytes.Buffer
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		writeBuffer(&buf, benchLine)
	}
}

func BenchmarkKept_MaskedWrite(b *testing.B) {
	w := bufio.NewWriterSize(io.Discard, 1<<16)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		writeMasked(w, benchLine)
		w.Flush()
	}
}

func BenchmarkKept_Hash(b *testing.B) {
	h := sha256.New()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		h.Reset()
		sinkBytes = writeHash(h, benchLine)
	}
}

func BenchmarkKept_StringsVariable(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = hasVar(benchBytes, "it")
	}
}
