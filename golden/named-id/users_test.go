package namedid

import "testing"

func TestIDsCompareByValue(t *testing.T) {
	a, b := newUserID(7), newUserID(7)
	if !sameUser(a, b) || *a != *b {
		t.Fatal("equal ids must compare equal")
	}
	if a.int64() != 7 || zeroID().int64() != 0 {
		t.Fatal("values")
	}
}

func TestMapLookupByValue(t *testing.T) {
	seen := map[userID]string{*newUserID(1): "one"}
	if seen[*newUserID(1)] != "one" {
		t.Fatal("a value key must be found by an equal id")
	}
}

func TestAccount(t *testing.T) {
	a := newAccount(3, 4, 5)
	var members []*userID = a.members
	if len(members) != 2 || members[1].int64() != 5 || a.ownerValue() != 3 {
		t.Fatal("account")
	}
	loop([]int64{1, 2, 3})
	if last.int64() != 3 || total != 6 {
		t.Fatal("loop")
	}
}

// Exercise 18: one allocation per id before, none after.
func BenchmarkFixed_Loop(b *testing.B) {
	ids := []int64{1, 2, 3, 4, 5, 6, 7, 8}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		loop(ids)
	}
}

func TestSource(t *testing.T) {
	sum, owned := drawTwo(&counterSource{})
	if sum != 3 || !owned {
		t.Fatal(sum, owned)
	}
}
