package pin

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPins(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, []byte("GIF89a-rest\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if m, err := magic(path); err != nil || string(m) != "GIF8" {
		t.Fatal(m, err)
	}
	if c, err := cloned(path); err != nil || string(c) != "GIF8" {
		t.Fatal(c, err)
	}
	if tr, err := trimmed(path); err != nil || string(tr) != "GIF89a-rest" {
		t.Fatal(string(tr), err)
	}
	if f, err := field(strings.NewReader("abcdef"), 1, 3); err != nil || string(f) != "bc" {
		t.Fatal(f, err)
	}
	if rec, err := record(strings.NewReader("hhbody"), 6, 2); err != nil || string(rec) != "body" {
		t.Fatal(rec, err)
	}
	if b, err := big(strings.NewReader("xy")); err != nil || string(b) != "xy" {
		t.Fatal(b, err)
	}
	if j := joined([]string{"ab", "cd"}, 1); string(j) != "bcd" {
		t.Fatal(j)
	}
	if s, err := asString(strings.NewReader("q")); err != nil || s != "q" {
		t.Fatal(s, err)
	}
	if w, err := whole(strings.NewReader("all")); err != nil || string(w) != "all" {
		t.Fatal(w, err)
	}
	if s, err := small(strings.NewReader("s")); err != nil || string(s) != "s" {
		t.Fatal(s, err)
	}
	if p := param([]byte("abc"), 2); !bytes.Equal(p, []byte("ab")) {
		t.Fatal(p)
	}
	if g, _ := regrown(strings.NewReader(""), 4); len(g) != 0 {
		t.Fatal(g)
	}
}

// Detect-only: nothing is rewritten, so allocations stay as they are.
func BenchmarkKept_Field(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_, _ = field(strings.NewReader("abcdef"), 1, 3)
	}
}
