package prealloc

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
)

// pin checks got against want exactly: nil-ness, reflect.DeepEqual (which
// tells nil from empty) and the JSON text (null vs []).
func pin[T any](t *testing.T, name string, got, want []T, wantJSON string) {
	t.Helper()
	if (got == nil) != (want == nil) {
		t.Errorf("%s: got == nil is %v, want %v", name, got == nil, want == nil)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: got %#v, want %#v", name, got, want)
	}
	js, err := json.Marshal(got)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if string(js) != wantJSON {
		t.Errorf("%s: json %s, want %s", name, js, wantJSON)
	}
}

func double(x int) int { return 2 * x }

func TestMapInts(t *testing.T) {
	pin(t, "nil", mapInts(nil, double), nil, "null")
	pin(t, "empty", mapInts([]int{}, double), nil, "null")
	pin(t, "three", mapInts([]int{1, 2, 3}, double), []int{2, 4, 6}, "[2,4,6]")
	// f is called once per element, in order.
	var seen []int
	mapInts([]int{5, 6}, func(x int) int { seen = append(seen, x); return x })
	pin(t, "order", seen, []int{5, 6}, "[5,6]")
}

func TestBuildSliceBad(t *testing.T) {
	got := BuildSliceBad()
	if len(got) != 1000 || got[0] != 0 || got[999] != 999 {
		t.Fatalf("got len %d", len(got))
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("got[%d] = %d", i, v)
		}
	}
}

func TestSquares(t *testing.T) {
	pin(t, "negative", Squares(-3), nil, "null")
	pin(t, "zero", Squares(0), nil, "null")
	pin(t, "one", Squares(1), []int{0}, "[0]")
	pin(t, "four", Squares(4), []int{0, 1, 4, 9}, "[0,1,4,9]")
}

func TestCountdown(t *testing.T) {
	pin(t, "negative", Countdown(-1), nil, "null")
	pin(t, "zero", Countdown(0), nil, "null")
	pin(t, "three", Countdown(3), []int{3, 2, 1}, "[3,2,1]")
}

func TestUpperAll(t *testing.T) {
	pin(t, "nil", UpperAll(nil), []string{}, "[]")
	pin(t, "empty", UpperAll([]string{}), []string{}, "[]")
	pin(t, "two", UpperAll([]string{"a", "Bc"}), []string{"A", "BC"}, `["A","BC"]`)
}

func TestLengths(t *testing.T) {
	pin(t, "nil", Lengths(nil), []int{}, "[]")
	pin(t, "two", Lengths([]string{"", "héllo"}), []int{0, 6}, "[0,6]")
}

func TestReversed(t *testing.T) {
	pin(t, "nil", Reversed(nil), nil, "null")
	pin(t, "empty", Reversed([]string{}), nil, "null")
	pin(t, "three", Reversed([]string{"a", "b", "c"}), []string{"c", "b", "a"}, `["c","b","a"]`)
}

func TestAlphabet(t *testing.T) {
	got := Alphabet()
	want := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
		"n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z"}
	js, _ := json.Marshal(want)
	pin(t, "alphabet", got, want, string(js))
}

func TestCubes(t *testing.T) {
	pin(t, "negative", Cubes(-5), []int{}, "[]")
	pin(t, "zero", Cubes(0), []int{}, "[]")
	pin(t, "three", Cubes(3), []int{0, 1, 8}, "[0,1,8]")
}

func TestUpperRunes(t *testing.T) {
	pin(t, "empty", UpperRunes(""), nil, "null")
	pin(t, "ascii", UpperRunes("ab"), []rune{'A', 'B'}, "[65,66]")
	// 3 runes in 6 bytes: the length is the rune count, not len(s).
	pin(t, "multibyte", UpperRunes("éßz"), []rune{'É', 'ß', 'Z'}, "[201,223,90]")
	// invalid UTF-8: one U+FFFD per bad byte
	pin(t, "invalid", UpperRunes("\xff\xfe"), []rune{0xFFFD, 0xFFFD}, "[65533,65533]")
}

func TestKeys(t *testing.T) {
	pin(t, "nil map", Keys(nil), nil, "null")
	pin(t, "empty map", Keys(map[string]int{}), nil, "null")
	got := Keys(map[string]int{"b": 2, "a": 1, "c": 3})
	slices.Sort(got)
	pin(t, "three", got, []string{"a", "b", "c"}, `["a","b","c"]`)
}

func TestHexDigest(t *testing.T) {
	var sum [16]byte
	for i := range sum {
		sum[i] = byte(i * 17)
	}
	want := []string{"00", "11", "22", "33", "44", "55", "66", "77",
		"88", "99", "aa", "bb", "cc", "dd", "ee", "ff"}
	js, _ := json.Marshal(want)
	pin(t, "digest", HexDigest(sum), want, string(js))
}

func TestIndent(t *testing.T) {
	pin(t, "nil", Indent(nil, 2), nil, "null")
	pin(t, "two", Indent([]string{"a", "b"}, 1), []string{"\ta", "\tb"}, `["\ta","\tb"]`)
	pin(t, "depth0", Indent([]string{"x"}, 0), []string{"x"}, `["x"]`)
}

func TestTakeThroughNegative(t *testing.T) {
	pin(t, "nil", TakeThroughNegative(nil), nil, "null")
	pin(t, "first", TakeThroughNegative([]int{-1, 2}), []int{-1}, "[-1]")
	pin(t, "middle", TakeThroughNegative([]int{1, -2, 3}), []int{1, -2}, "[1,-2]")
	pin(t, "none", TakeThroughNegative([]int{1, 2}), []int{1, 2}, "[1,2]")
}

func TestItemNames(t *testing.T) {
	pin(t, "no items", ItemNames(&Order{}), nil, "null")
	o := &Order{Items: []*Item{{Name: " a "}, {Name: "b"}}}
	pin(t, "two", ItemNames(o), []string{"a", "b"}, `["a","b"]`)
	// a nil *Order panics, before and after the fix alike
	defer func() {
		if recover() == nil {
			t.Error("ItemNames(nil) did not panic")
		}
	}()
	ItemNames(nil)
}

func TestFilterPositive(t *testing.T) {
	pin(t, "nil", FilterPositive(nil), nil, "null")
	// the --unsafe fix changes this one to []
	pin(t, "none qualifies", FilterPositive([]int{-1, 0}), nil, "null")
	pin(t, "some", FilterPositive([]int{-1, 2, 0, 3}), []int{2, 3}, "[2,3]")
}

func TestPositiveOrNone(t *testing.T) {
	pin(t, "nil", PositiveOrNone(nil), nil, "null")
	// the --unsafe fix changes this one to []
	pin(t, "none qualifies", PositiveOrNone([]int{-1, 0}), nil, "null")
	pin(t, "some", PositiveOrNone([]int{-1, 2, 0, 3}), []int{2, 3}, "[2,3]")
}

func TestNonEmpty(t *testing.T) {
	pin(t, "nil", NonEmpty(nil), nil, "null")
	pin(t, "all empty", NonEmpty([]string{"", ""}), nil, "null")
	pin(t, "some", NonEmpty([]string{"", "a", "", "b"}), []string{"a", "b"}, `["a","b"]`)
}

func TestFlatten(t *testing.T) {
	pin(t, "nil", Flatten(nil), nil, "null")
	pin(t, "empty rows", Flatten([][]int{{}, nil}), nil, "null")
	pin(t, "rows", Flatten([][]int{{1}, {}, {2, 3}}), []int{1, 2, 3}, "[1,2,3]")
}

func TestLastWithBase(t *testing.T) {
	pin(t, "empty in", LastWithBase([]int{1}, nil), nil, "null")
	pin(t, "two", LastWithBase([]int{1}, []int{2, 3}), []int{1, 3}, "[1,3]")
}

func TestInterleave(t *testing.T) {
	pin(t, "nil", Interleave(nil), nil, "null")
	pin(t, "two", Interleave([]int{1, 2}), []int{1, -1, 2, -2}, "[1,-1,2,-2]")
}

func TestConcat(t *testing.T) {
	pin(t, "nil", Concat(nil), nil, "null")
	pin(t, "empty parts", Concat([][]string{{}, nil}), nil, "null")
	pin(t, "parts", Concat([][]string{{"a"}, {}, {"b", "c"}}), []string{"a", "b", "c"}, `["a","b","c"]`)
}

// growthSink makes the reference slice escape, as GrowthTrace's out does
// (a non-escaping slice may grow on the stack with other capacities).
var growthSink []int

// growthRef is the reference for GrowthTrace: the caps a heap slice grown
// from nil goes through on this toolchain.
func growthRef(in []int) []int {
	var ref, caps []int
	for _, x := range in {
		ref = append(ref, x)
		caps = append(caps, cap(ref))
	}
	growthSink = ref
	return caps
}

func TestGrowthTrace(t *testing.T) {
	in := []int{1, 2, 3, 4, 5, 6, 7, 8, 9}
	wantCaps := growthRef(in)
	vals, caps := GrowthTrace(in)
	pin(t, "vals", vals, in, "[1,2,3,4,5,6,7,8,9]")
	js, _ := json.Marshal(wantCaps)
	pin(t, "caps", caps, wantCaps, string(js))
	v, c := GrowthTrace(nil)
	pin(t, "nil vals", v, nil, "null")
	pin(t, "nil caps", c, []int{}, "[]")
}

func TestFromChannel(t *testing.T) {
	ch := make(chan int, 3)
	close(ch)
	pin(t, "closed empty", FromChannel(ch), nil, "null")
	ch = make(chan int, 3)
	ch <- 1
	ch <- 2
	close(ch)
	pin(t, "two", FromChannel(ch), []int{1, 2}, "[1,2]")
}

func TestTokenize(t *testing.T) {
	pin(t, "empty", Tokenize(""), nil, "null")
	pin(t, "blank", Tokenize("  \t "), nil, "null")
	pin(t, "words", Tokenize(" a  bc d"), []string{"a", "bc", "d"}, `["a","bc","d"]`)
}

func TestFromOne(t *testing.T) {
	pin(t, "zero", FromOne(0), nil, "null")
	// n == 1 > 0 but the loop runs zero times: still nil
	pin(t, "one", FromOne(1), nil, "null")
	pin(t, "four", FromOne(4), []int{1, 2, 3}, "[1,2,3]")
}

func TestBreadthFirst(t *testing.T) {
	children := map[int][]int{1: {2, 3}, 2: {4}, 3: {}, 4: nil}
	pin(t, "tree", BreadthFirst(children, 1), []int{1, 2, 3, 4}, "[1,2,3,4]")
	pin(t, "leaf", BreadthFirst(children, 4), []int{4}, "[4]")
}

func TestDrainKeys(t *testing.T) {
	pin(t, "empty", DrainKeys(map[string]int{}), nil, "null")
	m := map[string]int{"x": 1, "y": 2}
	got := DrainKeys(m)
	slices.Sort(got)
	pin(t, "two", got, []string{"x", "y"}, `["x","y"]`)
	if len(m) != 0 {
		t.Errorf("map not drained: %v", m)
	}
}

func TestWithHeader(t *testing.T) {
	pin(t, "no rows", WithHeader("h", nil), []string{"h"}, `["h"]`)
	pin(t, "rows", WithHeader("h", []string{"a"}), []string{"h", "a"}, `["h","a"]`)
}

func TestLeadingZeros(t *testing.T) {
	// The current, buggy output: len(in) zeros in front. A finding, never fixed.
	pin(t, "three", LeadingZeros([]int{1, 2, 3}), []int{0, 0, 0, 1, 2, 3}, "[0,0,0,1,2,3]")
	pin(t, "nil", LeadingZeros(nil), []int{}, "[]")
}

func TestScaleBy(t *testing.T) {
	pin(t, "nil", ScaleBy(3, nil), nil, "null")
	pin(t, "two", ScaleBy(3, []int{1, 2}), []int{3, 6}, "[3,6]")
}

func TestLabels(t *testing.T) {
	pin(t, "nil", Labels(nil), nil, "null")
	pin(t, "two", Labels([]string{"a", "b"}), []string{"#a", "#b"}, `["#a","#b"]`)
}

func TestGeneratedDoubles(t *testing.T) {
	pin(t, "nil", GeneratedDoubles(nil), nil, "null")
	pin(t, "two", GeneratedDoubles([]int{1, 2}), []int{2, 4}, "[2,4]")
}
