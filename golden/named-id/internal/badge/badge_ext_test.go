package badge_test

import (
	"testing"

	"example.com/golden/named-id/internal/badge"
)

func TestIssue(t *testing.T) {
	id, ok := badge.Issue(7), true
	if id == nil || !ok {
		t.Fatal("no badge")
	}
	if id.Number() != 7 {
		t.Fatal("number")
	}
}

var sink []*badge.BadgeID

func BenchmarkKept_Issue(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = append(sink[:0], badge.Issue(i))
	}
}
