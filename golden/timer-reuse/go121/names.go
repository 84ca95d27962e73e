package timerreuse

import (
	"context"
	"time"
)

// timer0 is a package-level name that competes with the generated timer
// names: a function that cannot use `timer` cannot use `timer0` either.
var timer0 = 50 * time.Millisecond

// consumeTimed is consumeEvery with the recorder parameter named timer.
//
// allocfix: rewrite — `timer` is a parameter and `timer0` a package-level
// var (this file): the new timer is named timer1.
func consumeTimed(ctx context.Context, ch <-chan Work, every time.Duration, timer *Recorder) {
	for {
		select {
		case w := <-ch:
			timer.Work(w)
		case <-time.After(every):
			timer.Tick()
		case <-ctx.Done():
			return
		}
	}
}

// consumeLocalTimer declares a local named timer inside the loop, before the
// select: a Reset inserted there would see that local.
//
// allocfix: rewrite — `timer` is declared in the loop body, `timer0` at
// package level: the new timer is named timer1.
func consumeLocalTimer(ctx context.Context, ch <-chan Work, every time.Duration, r *Recorder) {
	for {
		timer := r
		select {
		case w := <-ch:
			timer.Work(w)
		case <-time.After(every):
			timer.Tick()
		case <-ctx.Done():
			return
		}
	}
}
