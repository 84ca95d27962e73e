package zeros

import (
	"bytes"
	"reflect"
	"testing"
)

func TestBehaviour(t *testing.T) {
	// The bug is pinned as it is: nothing is rewritten.
	if got := ids([]user{{1}, {2}}); !reflect.DeepEqual(got, []int64{0, 0, 1, 2}) {
		t.Fatalf("ids = %v", got)
	}
	if got := withCap(2); !reflect.DeepEqual(got, []int{0, 0, 0, 1}) {
		t.Fatalf("withCap = %v", got)
	}
	if got := reassigned([]string{"a"}); got != 2 {
		t.Fatalf("reassigned = %d", got)
	}
	if got := capacity([]user{{1}}); !reflect.DeepEqual(got, []int64{1}) {
		t.Fatalf("capacity = %v", got)
	}
	if got := filled([]user{{1}}, 9); !reflect.DeepEqual(got, []int64{1, 9}) {
		t.Fatalf("filled = %v", got)
	}
	if got, err := read(bytes.NewReader([]byte("ab")), 2); err != nil || string(got) != "ab\n" {
		t.Fatalf("read = %q, %v", got, err)
	}
	if got := header([]byte("x")); string(got) != "HDR:x" {
		t.Fatalf("header = %q", got)
	}
	if got := other(1, []int{5}); !reflect.DeepEqual(got, []int{5, 0}) {
		t.Fatalf("other = %v", got)
	}
	if got := shadowed(1); !reflect.DeepEqual(got, []int{1}) {
		t.Fatalf("shadowed = %v", got)
	}
	if got := generated(1); !reflect.DeepEqual(got, []int{0, 1}) {
		t.Fatalf("generated = %v", got)
	}
}

// Detect-only: nothing is rewritten, so allocations stay as they are.
func BenchmarkKept_IDs(b *testing.B) {
	users := make([]user, 16)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = ids(users)
	}
}
