package pkgshadow

import "testing"

var sinkErr error

func TestLoadProfile(t *testing.T) {
	err := loadProfile("")
	if err == nil || err.Error() != "profile name is empty" {
		t.Fatalf("loadProfile(\"\") = %v", err)
	}
	if err := loadProfile("dev"); err != nil {
		t.Errorf("loadProfile(dev) = %v", err)
	}
	if got := describe("x"); got != "E: x" {
		t.Errorf("describe = %q", got)
	}
}

func BenchmarkFixed_LoadProfile(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkErr = loadProfile("")
	}
}
