package namedid

import (
	"errors"
	"testing"
)

func TestCounterSharesState(t *testing.T) {
	c := newCounter(0)
	d := c
	d.inc()
	if c.n != 1 {
		t.Fatal("copies of the pointer share the count")
	}
}

func TestNilIsAbsent(t *testing.T) {
	if findSession("bob") != nil {
		t.Fatal("bob has no session: nil")
	}
	if s := findSession("alice"); s == nil || s.sid != "s1" || openSession("x").sid != "x" {
		t.Fatal("alice has one")
	}
}

func TestErrorThroughPointer(t *testing.T) {
	var e *errCode
	if !errors.As(fail(3), &e) || e.code != 3 {
		t.Fatal("the *errCode is found in the error")
	}
}

func TestPointerKeysAreDistinct(t *testing.T) {
	if countNodes([]int{1, 1, 1}) != 3 {
		t.Fatal("three distinct pointers")
	}
}

func TestOthers(t *testing.T) {
	if newTagged(1).t != 1 || newEmbedded(2).int != 2 || firstGid(3) != 3 || newPair(1, 2).b != 2 || !defaultOptions().verbose {
		t.Fatal("others")
	}
}

func TestRegisterKeepsThePointer(t *testing.T) {
	register(4)
	if keep.Load() == nil {
		t.Fatal("the atomic.Value holds the id")
	}
}

func TestErrorAndInterfaceIdentity(t *testing.T) {
	var nf *notFound
	if !errors.As(lookup("k"), &nf) || nf.key != "k" {
		t.Fatal("the error is a *notFound")
	}
	if describe("x").String() != "x" {
		t.Fatal("the Stringer is the label")
	}
}

func TestPickerThroughPointer(t *testing.T) {
	if newPicker(1).Next() != 2 {
		t.Fatal("next")
	}
}

func BenchmarkKept_Counter(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		newCounter(i).inc()
	}
}

func TestStringerSlots(t *testing.T) {
	if hostOf("h").String() != "h" || hostOf("") != nil {
		t.Fatal("hostOf")
	}
	if showPort(80) != "port 80" {
		t.Fatal(showPort(80))
	}
}
