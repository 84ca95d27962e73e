package keys

import (
	"errors"
	"testing"
)

func TestMaps(t *testing.T) {
	a := &Tenant{ID: 1}
	if !dedup(a, 7) || dedup(a, 7) || !dedup(&Tenant{ID: 1}, 7) {
		t.Fatal("dedup keys by pointer identity")
	}
	if local([]Key{{a, 1}, {a, 1}, {a, 2}}) != 2 {
		t.Fatal("local")
	}
	var r Registry
	err := errors.New("x")
	r.add(Wrapped{Key{a, 1}, 2}, ErrKey{err, 3}, NameKey{"n", 1}, a)
	r.add(Wrapped{Key{a, 1}, 2}, ErrKey{err, 3}, NameKey{"n", 1}, a)
	if r.byWrapped[Wrapped{Key{a, 1}, 2}] != 2 || r.errs[ErrKey{err, 3}] != 2 || r.conns[a] != 2 {
		t.Fatal("registry")
	}
	if byNames[NameKey{"n", 1}] != 2 || !scalar[ScalarKey{1, 1}] {
		t.Fatal("package maps")
	}
	if byTenant != nil || anything != nil || len(byTime) != 0 || len(byTimeKey) != 0 {
		t.Fatal("untouched maps")
	}
}

// Detect-only: nothing is rewritten, so allocations stay as they are.
func BenchmarkKept_Dedup(b *testing.B) {
	t := &Tenant{ID: 1}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		dedup(t, int64(i%64))
	}
}

func TestSide(t *testing.T) {
	var s Side
	if s.count(&Tenant{}) != 0 {
		t.Fatal("empty side table")
	}
}
