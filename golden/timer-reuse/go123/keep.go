package timerreuse

import (
	"context"
	"time"
)

// waitOne waits for one item or gives up after patience.
//
// allocfix: keep — time.After outside a loop: one timer per call is the
// right amount.
func waitOne(ctx context.Context, ch <-chan Work, patience time.Duration) (Work, bool) {
	select {
	case w := <-ch:
		return w, true
	case <-time.After(patience):
		return 0, false
	case <-ctx.Done():
		return 0, false
	}
}

// fakeClock is a clock whose After fires at once.
type fakeClock struct{}

// After returns a channel that already holds a value.
//
// allocfix: keep — support code, no pattern.
func (fakeClock) After(time.Duration) <-chan time.Time {
	c := make(chan time.Time, 1)
	c <- time.Time{}
	return c
}

// consumeFakeClock polls with a fake clock named time.
//
// allocfix: keep — `time` is a local variable here, not the package.
func consumeFakeClock(ch <-chan Work, n int, every time.Duration, r *Recorder) {
	clock := fakeClock{}
	for i := 0; i < n; i++ {
		time := clock
		select {
		case w := <-ch:
			r.Work(w)
		case <-time.After(every):
			r.Tick()
		}
	}
}

// pace runs n housekeeping rounds spaced by every.
//
// allocfix: keep — `<-time.After(d)` as a statement is a sleep, not a select
// case: not this transform.
func pace(n int, every time.Duration, r *Recorder) {
	for i := 0; i < n; i++ {
		<-time.After(every)
		r.Tick()
	}
}
