package poolpointer

import (
	"strconv"
	"strings"
	"testing"
)

func TestJoinInts(t *testing.T) {
	if got := joinInts(nil); got != "" {
		t.Fatalf("joinInts(nil) = %q", got)
	}
	if got := joinInts([]int{1, -2, 30}); got != "1,-2,30" {
		t.Fatalf("joinInts = %q", got)
	}
	// Long enough to grow the buffer past its 4096 bytes, twice, then short again.
	long := make([]int, 2000)
	for i := range long {
		long[i] = i * 1000
	}
	want := make([]string, len(long))
	for i, x := range long {
		want[i] = strconv.Itoa(x)
	}
	for round := 0; round < 2; round++ {
		if got := joinInts(long); got != strings.Join(want, ",") {
			t.Fatalf("round %d: joinInts(long) has %d bytes", round, len(got))
		}
	}
	if got := joinInts([]int{7}); got != "7" {
		t.Fatalf("joinInts after growth = %q", got)
	}
}

func TestQuoteAll(t *testing.T) {
	if got := quoteAll([]string{"a", "b c"}); got != len(`"a""b c"`) {
		t.Fatalf("quoteAll = %d", got)
	}
	if joinInts([]int{1, 2}) != "1,2" {
		t.Fatal("bufPool shared by two functions")
	}
}

func TestSumSquares(t *testing.T) {
	for round := 0; round < 3; round++ {
		got, err := sumSquares(100)
		if err != nil || got != 338350 {
			t.Fatalf("round %d: sumSquares(100) = %d, %v", round, got, err)
		}
	}
	if got, err := sumSquares(0); got != 0 || err != nil {
		t.Fatalf("sumSquares(0) = %d, %v", got, err)
	}
}

func TestCountDistinct(t *testing.T) {
	cases := map[string]int{"": 0, "aaa": 1, "abcabc": 3, "hello, world": 9}
	for in, want := range cases {
		if got := countDistinct(in); got != want {
			t.Fatalf("countDistinct(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestUpper(t *testing.T) {
	for round := 0; round < 3; round++ {
		if got := upper("hello, World " + strings.Repeat("x", 100*round)); got != "HELLO, WORLD "+strings.Repeat("X", 100*round) {
			t.Fatalf("upper = %q", got)
		}
	}
}

func TestWithNames(t *testing.T) {
	if got := withNames(255); got != "ff" {
		t.Fatalf("withNames = %q", got)
	}
}

func TestFindingsAndKept(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{formatShared(12), "12"},
		{formatHelper(-3), "-3"},
		{formatPassed(4), "44"},
		{formatOK(5), "5"},
		{(&encoder{}).encode(6), "6"},
		{formatBuffer(7), "7"},
		{formatPtr(8), "8"},
		{formatOnce(9), "9"},
		{formatGenerated(10), "10"},
	} {
		if c.got != c.want {
			t.Fatalf("got %q, want %q", c.got, c.want)
		}
	}
	if got := putInLoop(20); got != 8 {
		t.Fatalf("putInLoop = %d", got)
	}
}
