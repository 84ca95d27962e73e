package timerreuse

import (
	"context"
	tm "time"
)

// consumeAliased is consumeEvery in a file that imports time as tm.
//
// allocfix: rewrite — the package is aliased: tm.NewTimer, and tm.Duration is
// untouched.
func consumeAliased(ctx context.Context, ch <-chan Work, every tm.Duration, r *Recorder) {
	for {
		select {
		case w := <-ch:
			r.Work(w)
		case <-tm.After(every):
			r.Tick()
		case <-ctx.Done():
			return
		}
	}
}
