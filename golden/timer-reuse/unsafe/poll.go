package timerunsafe

import (
	"context"
	"time"
)

// every is the polling period: a package variable, which any call may change.
var every = time.Hour

// Work is an item poll receives.
type Work int

// poll passes what arrives on ch to handle until ctx is done, waking every
// `every` when nothing arrives.
//
// allocfix: unsafe — an earlier case calls ctx.Done() before the original reads
// the package variable `every`; with the timer made before the loop, Reset reads
// it first, so a call that changes it would be seen one select earlier.
func poll(ctx context.Context, ch <-chan Work, handle func(Work)) {
	for {
		select {
		case <-ctx.Done():
			return
		case w := <-ch:
			handle(w)
		case <-time.After(every):
		}
	}
}
