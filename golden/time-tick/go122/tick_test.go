package tick

import (
	"testing"
	"time"
)

func TestPoll(t *testing.T) {
	if got := poll(2, time.Millisecond); got != 2 {
		t.Fatalf("poll = %d", got)
	}
	if waitOne(time.Millisecond).IsZero() {
		t.Fatal("zero time")
	}
	if stopped(time.Millisecond).IsZero() {
		t.Fatal("zero time")
	}
	if local(5).UnixNano() != 5 {
		t.Fatal("local clock")
	}
	stop := make(chan struct{})
	close(stop)
	if err := loopUntil(time.Hour, stop); err != errStopped {
		t.Fatalf("loopUntil = %v", err)
	}
}

// Detect-only: nothing is rewritten, so allocations stay as they are.
func BenchmarkKept_Local(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = local(5)
	}
}
