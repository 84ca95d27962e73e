package preallocmap

import (
	"encoding/json"
	"reflect"
	"testing"
)

// pin checks got against want exactly: nil-ness, reflect.DeepEqual and the
// JSON text (encoding/json sorts map keys, so it is deterministic).
func pin[K comparable, V any](t *testing.T, name string, got, want map[K]V, wantJSON string) {
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

func TestBuildMapBad(t *testing.T) {
	got := BuildMapBad()
	if len(got) != 1000 {
		t.Fatalf("len %d", len(got))
	}
	for i := 0; i < 1000; i++ {
		if want := "value" + itoa(i); got[i] != want {
			t.Fatalf("got[%d] = %q, want %q", i, got[i], want)
		}
	}
}

func itoa(i int) string {
	js, _ := json.Marshal(i)
	return string(js)
}

func TestIndexWords(t *testing.T) {
	pin(t, "nil", IndexWords(nil), map[string]int{}, "{}")
	pin(t, "dups", IndexWords([]string{"a", "b", "a"}), map[string]int{"a": 2, "b": 1}, `{"a":2,"b":1}`)
}

func TestInvert(t *testing.T) {
	pin(t, "nil", Invert(nil), map[int]string{}, "{}")
	pin(t, "two", Invert(map[string]int{"x": 1, "y": 2}), map[int]string{1: "x", 2: "y"}, `{"1":"x","2":"y"}`)
}

func TestRunePositions(t *testing.T) {
	pin(t, "empty", RunePositions(""), map[rune]int{}, "{}")
	pin(t, "multibyte", RunePositions("éaé"), map[rune]int{'é': 3, 'a': 2}, `{"233":3,"97":2}`)
}

func TestZip(t *testing.T) {
	pin(t, "nil", Zip(nil, nil), map[string]int{}, "{}")
	pin(t, "two", Zip([]string{"a", "b"}, []int{1, 2, 3}), map[string]int{"a": 1, "b": 2}, `{"a":1,"b":2}`)
	defer func() {
		if recover() == nil {
			t.Error("Zip with short vals did not panic")
		}
	}()
	Zip([]string{"a", "b"}, []int{1})
}

func TestPopCounts(t *testing.T) {
	got := PopCounts()
	if len(got) != 256 || got[0] != 0 || got[255] != 8 || got[0x81] != 2 {
		t.Fatalf("got %d entries, [0]=%d [255]=%d [0x81]=%d", len(got), got[0], got[255], got[0x81])
	}
}

func TestIndexByName(t *testing.T) {
	pin(t, "nil", IndexByName(nil), map[string]*Item{}, "{}")
	items := []Item{{Name: "Apple", Qty: 1}, {Name: "pear", Qty: 2}}
	got := IndexByName(items)
	if len(got) != 2 || got["apple"] != &items[0] || got["pear"] != &items[1] {
		t.Fatalf("got %#v", got)
	}
}

func TestIdentity(t *testing.T) {
	pin(t, "negative", Identity(-1), map[int]int{}, "{}")
	pin(t, "two", Identity(2), map[int]int{0: 0, 1: 1}, `{"0":0,"1":1}`)
}

func TestResidues(t *testing.T) {
	pin(t, "negative", Residues(-3), map[int]int{}, "{}")
	pin(t, "twelve", Residues(12), map[int]int{0: 10, 1: 11, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9},
		`{"0":10,"1":11,"2":2,"3":3,"4":4,"5":5,"6":6,"7":7,"8":8,"9":9}`)
}

func TestEarlyStop(t *testing.T) {
	pin(t, "zero", EarlyStop(0, 10), map[int]int{}, "{}")
	pin(t, "stops", EarlyStop(1<<40, 5), map[int]int{0: 0, 1: 1, 2: 4, 3: 9}, `{"0":0,"1":1,"2":4,"3":9}`)
}

func TestNilMapLengths(t *testing.T) {
	pin(t, "nil", NilMapLengths(nil), nil, "null")
	defer func() {
		if recover() == nil {
			t.Error("assignment to a nil map did not panic")
		}
	}()
	NilMapLengths([]string{"a"})
}

func TestNonEmptyValues(t *testing.T) {
	pin(t, "nil", NonEmptyValues(nil), map[string]string{}, "{}")
	pin(t, "some", NonEmptyValues(map[string]string{"a": "", "b": "x"}), map[string]string{"b": "x"}, `{"b":"x"}`)
}

func TestLastWins(t *testing.T) {
	pin(t, "nil", LastWins(nil), map[string]bool{}, "{}")
	pin(t, "three", LastWins([]string{"a", "b", "c"}), map[string]bool{"c": true}, `{"c":true}`)
}

func TestFromChannel(t *testing.T) {
	ch := make(chan [2]string, 2)
	ch <- [2]string{"k", "v"}
	ch <- [2]string{"k", "w"}
	close(ch)
	pin(t, "two", FromChannel(ch), map[string]string{"k": "w"}, `{"k":"w"}`)
}

func TestFieldSet(t *testing.T) {
	pin(t, "blank", FieldSet("  "), map[string]bool{}, "{}")
	pin(t, "words", FieldSet("a b a"), map[string]bool{"a": true, "b": true}, `{"a":true,"b":true}`)
}

func TestBothCases(t *testing.T) {
	pin(t, "two", BothCases([]string{"a", "B"}), map[string]int{"a": 1, "A": 1, "B": 1}, `{"A":1,"B":1,"a":1}`)
}

func TestWordCount(t *testing.T) {
	pin(t, "nil", WordCount(nil), map[string]int{}, "{}")
	pin(t, "three", WordCount([]string{"a", "b", "a"}), map[string]int{"a": 2, "b": 1}, `{"a":2,"b":1}`)
}

func TestSmallHint(t *testing.T) {
	pin(t, "two", SmallHint([]string{"a", "b"}), map[string]int{"a": 0, "b": 1}, `{"a":0,"b":1}`)
}

func TestWeights(t *testing.T) {
	pin(t, "two", Weights(3, []string{"a", "b"}), map[string]int{"a": 3, "b": 3}, `{"a":3,"b":3}`)
}

func TestGeneratedIndex(t *testing.T) {
	pin(t, "nil", GeneratedIndex(nil), map[string]int{}, "{}")
	pin(t, "two", GeneratedIndex([]string{"a", "b"}), map[string]int{"a": 0, "b": 1}, `{"a":0,"b":1}`)
}
