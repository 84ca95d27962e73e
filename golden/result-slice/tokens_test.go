package tokens

import (
	"reflect"
	"testing"
)

func TestResults(t *testing.T) {
	if CountTokens([]string{"a b", "c"}) != 3 {
		t.Fatal("CountTokens")
	}
	if s, err := SumDigits([]string{"12", "3"}); s != 6 || err != nil {
		t.Fatal(s, err)
	}
	if _, err := SumDigits([]string{"x"}); err == nil || err.Error() != "not a digit" {
		t.Fatal(err)
	}
	if Shout([]string{"ab c"}) != 3 {
		t.Fatal("Shout")
	}
	if got := Index([]string{"a b"}); !reflect.DeepEqual(got, map[string][]string{"a b": {"a", "b"}}) {
		t.Fatal(got)
	}
	if got := Collect([]string{"a", ""}); len(got) != 2 || got[1] != nil {
		t.Fatal(got)
	}
	if Lengths([]string{"a b"}) != 4 || FirstPair("abcd") != "ab" || FirstPair("") != "" {
		t.Fatal("Lengths/FirstPair")
	}
	if reuse([]string{"abcd", "ab"}) != 4 || Lower([]string{"AB"}) != 2 {
		t.Fatal("reuse/Lower")
	}
	done := make(chan int, 1)
	Spawn([]string{"abcd"}, done)
	if <-done != 2 {
		t.Fatal("Spawn")
	}
	if Tokenize("") != nil {
		t.Fatal("a nil result stays nil")
	}
}

// Detect-only: nothing is rewritten, so allocations stay as they are.
func BenchmarkKept_CountTokens(b *testing.B) {
	lines := []string{"a b c", "d e"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = CountTokens(lines)
	}
}
