package jsonencoder

import (
	"bufio"
	"bytes"
	"io"
	"testing"
)

var small = []Msg{{1, "a"}, {2, "b"}, {3, "c"}, {4, "d"}}

func BenchmarkFixed_WriteAll(b *testing.B) {
	w := bufio.NewWriter(io.Discard)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := writeAll(w, small); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_ToBuffer(b *testing.B) {
	var buf bytes.Buffer
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := toBuffer(&buf, small); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_Appended(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := appended(io.Discard, small); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKept_Indented(b *testing.B) {
	var buf bytes.Buffer
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := indented(&buf, small); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKept_DifferentHandlers(b *testing.B) {
	w := bufio.NewWriter(io.Discard)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := differentHandlers(w, small); err != nil {
			b.Fatal(err)
		}
	}
}
