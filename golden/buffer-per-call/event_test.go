package event

import (
	"io"
	"strings"
	"testing"
)

func TestEncodeAll(t *testing.T) {
	out, err := EncodeAll([]*Event{{ID: 1, Name: "a", Tags: []string{"x"}}, {ID: 2, Name: "b"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || string(out[0]) != "\x01\x00\x00\x00\x00\x00\x00\x00ax" || string(out[1][8:]) != "b" {
		t.Fatalf("%q", out)
	}
}

func TestHeaders(t *testing.T) {
	s, err := Headers([]int{1, 2}, []string{"n"}, strings.NewReader("abcd"))
	if err != nil {
		t.Fatal(err)
	}
	if s != "id=1;id=2;<n>ab" {
		t.Fatal(s)
	}
	if _, err := Headers(nil, []string{"a", "b", "c"}, strings.NewReader("abc")); err == nil {
		t.Fatal("want a short read")
	}
}

func TestSums(t *testing.T) {
	n, s := Sums([]string{"ab", "c"})
	if n != 111 || s != "abcend" {
		t.Fatal(n, s)
	}
	if generatedLoop([][]string{{"a", "b"}}) != 2 {
		t.Fatal("generated")
	}
}

// Detect-only: nothing is rewritten, so allocations stay as they are.
func BenchmarkKept_EncodeAll(b *testing.B) {
	events := []*Event{{ID: 1, Name: "a", Tags: []string{"x", "y"}}, {ID: 2, Name: "b"}}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_, _ = EncodeAll(events)
	}
}

func TestCountAll(t *testing.T) {
	n, err := CountAll([]io.Reader{strings.NewReader("abcdef"), strings.NewReader("")})
	if err != nil || n != 6 {
		t.Fatal(n, err)
	}
}

func TestMisc(t *testing.T) {
	n, s := Misc([][]string{{"a", "b"}})
	if n != 1 || s != "ab6162" {
		t.Fatal(n, s)
	}
}
