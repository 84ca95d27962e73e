package fin

import "testing"

func TestConstructors(t *testing.T) {
	if NewConn(3).fd != 3 {
		t.Fatal("NewConn")
	}
	if err, p := openPair(1, 2); err != nil || p.a != 1 || p.b != 2 {
		t.Fatal("openPair")
	}
	f := OpenFile(4)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	track(&Conn{fd: 1})
	if NewTimer(5).id != 5 {
		t.Fatal("NewTimer")
	}
	if newHandle(7).h != 7 {
		t.Fatal("newHandle")
	}
	if newBuffer(6).n != 6 {
		t.Fatal("newBuffer")
	}
}

// Detect-only: nothing is rewritten, so allocations stay as they are.
func BenchmarkKept_NewConn(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = NewConn(0)
	}
}
