package timerreuse

import (
	"testing"
	"time"
)

// TestTimerSemantics pins the timer semantics this module runs with: the go
// line of go.mod is 1.23, so timer channels are synchronous (GODEBUG
// asynctimerchan=0) and Reset never leaves a stale value in C.
func TestTimerSemantics(t *testing.T) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	if c := cap(timer.C); c != 0 {
		t.Fatalf("cap(timer.C) = %d, want 0 (Go 1.23 synchronous timer channels)", c)
	}
}
