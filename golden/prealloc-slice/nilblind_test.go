package prealloc

import (
	"errors"
	"strings"
	"testing"
)

func TestNilBlind(t *testing.T) {
	if got := (ErrList{errors.New("a"), errors.New("b")}).Error(); got != "a; b" {
		t.Errorf("ErrList: %q", got)
	}
	if got := (ErrList{}).Error(); got != "" {
		t.Errorf("empty ErrList: %q", got)
	}
	if got := DoubledSum([]int{1, 2}); got != 8 {
		t.Errorf("DoubledSum: %d", got)
	}
	pin(t, "keys", SortedKeys(map[string]int{"b": 1, "a": 2}), []string{"a", "b"}, `["a","b"]`)
	pin(t, "keys none", SortedKeys(nil), nil, "null")
	if got := Swapped("aB"); got != "Ab" {
		t.Errorf("Swapped: %q", got)
	}
	if got := Swapped(""); got != "" {
		t.Errorf("Swapped empty: %q", got)
	}
	if got := Spaces("a b\tc"); got != " \t" {
		t.Errorf("Spaces: %q", got)
	}
	if got := Spaces("abc"); got != "" {
		t.Errorf("Spaces none: %q", got)
	}
}

func BenchmarkFixed_Swapped(b *testing.B) {
	s := strings.Repeat("Hello, World! ", 20)
	for i := 0; i < b.N; i++ {
		sinkString = Swapped(s)
	}
}

func BenchmarkKept_Spaces(b *testing.B) {
	s := strings.Repeat("Hello, World! ", 20)
	for i := 0; i < b.N; i++ {
		sinkString = Spaces(s)
	}
}

func BenchmarkFixed_ErrList(b *testing.B) {
	var l ErrList
	for i := 0; i < 20; i++ {
		l = append(l, errors.New("failure"))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkString = l.Error()
	}
}

func BenchmarkFixed_DoubledSum(b *testing.B) {
	in := benchInts()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInt = DoubledSum(in)
	}
}
