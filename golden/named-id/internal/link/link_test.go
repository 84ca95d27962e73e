package link

import "testing"

func TestEntry(t *testing.T) {
	e := newEntry("https://example.com/a")
	if e.URL.Value() != "https://example.com/a" || e.Host() != "example.com" {
		t.Fatal(e.URL.String(), e.Host())
	}
	byHost := map[string]*URL{e.Host(): e.URL}
	if byHost["example.com"].String() != "https://example.com/a" {
		t.Fatal("map lookup")
	}
}

var sink []*URL

func BenchmarkFixed_New(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = append(sink[:0], New("https://example.com"))
	}
}
