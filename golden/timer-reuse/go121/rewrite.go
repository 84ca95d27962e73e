package timerreuse

import (
	"context"
	"time"
)

// consume processes work until ctx is done, running housekeeping whenever no
// work arrived for 100ms (the seed).
//
// allocfix: rewrite — time.After in a select directly in a for body: one timer
// before the loop, Reset before the select, the case receives from timer.C.
func consume(ctx context.Context, ch <-chan Work, r *Recorder) {
	for {
		select {
		case w := <-ch:
			r.Work(w)
		case <-time.After(100 * time.Millisecond):
			// periodic housekeeping
			r.Tick()
		case <-ctx.Done():
			return
		}
	}
}

// consumeEvery is consume with the period as a parameter.
//
// allocfix: rewrite — the duration is a parameter (declared outside the loop).
func consumeEvery(ctx context.Context, ch <-chan Work, every time.Duration, r *Recorder) {
	for {
		select {
		case w := <-ch:
			r.Work(w)
		case <-time.After(every):
			r.Tick()
		case <-ctx.Done():
			return
		}
	}
}

// consumeStamped passes the time the timer delivered to the housekeeping.
//
// allocfix: rewrite — `case now := <-time.After(d)` becomes
// `case now := <-timer.C`: the received value is kept.
func consumeStamped(ctx context.Context, ch <-chan Work, every time.Duration, r *Recorder) {
	for {
		select {
		case w := <-ch:
			r.Work(w)
		case now := <-time.After(every):
			r.TickAt(now)
		case <-ctx.Done():
			return
		}
	}
}

// forward copies in to out, dropping an item that out does not take within
// patience. It returns when in is closed.
//
// allocfix: rewrite — a range loop; the timer case guards a send case.
func forward(in <-chan Work, out chan<- Work, patience time.Duration, r *Recorder) {
	for w := range in {
		select {
		case out <- w:
		case <-time.After(patience):
			r.Drop(w)
		}
	}
}

// pollBackoff doubles the idle period after every housekeeping run (up to
// maxWait) and goes back to base when work arrives.
//
// allocfix: rewrite — the duration varies per iteration but only through a
// variable declared before the loop: Reset(wait) re-reads it every iteration.
func pollBackoff(ctx context.Context, ch <-chan Work, base, maxWait time.Duration, r *Recorder) {
	wait := base
	for {
		select {
		case w := <-ch:
			r.Work(w)
			wait = base
		case <-time.After(wait):
			r.TickAfter(wait)
			wait *= 2
			if wait > maxWait {
				wait = maxWait
			}
		case <-ctx.Done():
			return
		}
	}
}

// drainUntilQuiet processes work until none arrived for quiet.
//
// allocfix: rewrite — `break loop` targets the for itself: the timer and its
// defer go before the label, not between the label and the for.
func drainUntilQuiet(ch <-chan Work, quiet time.Duration, r *Recorder) {
loop:
	for {
		select {
		case w := <-ch:
			r.Work(w)
		case <-time.After(quiet):
			break loop
		}
	}
	r.Stop()
}

// startConsumer runs consumeEvery's loop in a goroutine; the returned channel
// is closed when it returns.
//
// allocfix: rewrite — the loop is in a func literal: the timer and
// `defer timer.Stop()` go inside the literal, before the for.
func startConsumer(ctx context.Context, ch <-chan Work, every time.Duration, r *Recorder) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case w := <-ch:
				r.Work(w)
			case <-time.After(every):
				r.Tick()
			case <-ctx.Done():
				return
			}
		}
	}()
	return done
}

// consumeMillis takes its period in milliseconds.
//
// allocfix: rewrite — a conversion (time.Duration(ms)) is not a call: the
// duration is re-evaluated identically by Reset.
func consumeMillis(ctx context.Context, ch <-chan Work, ms int, r *Recorder) {
	for {
		select {
		case w := <-ch:
			r.Work(w)
		case <-time.After(time.Duration(ms) * time.Millisecond):
			r.Tick()
		case <-ctx.Done():
			return
		}
	}
}

// consumeN runs exactly n selects: each handles one item or one idle period.
//
// allocfix: rewrite — a three-clause for; the duration does not use i, the
// timer goes before the for statement.
func consumeN(ch <-chan Work, n int, every time.Duration, r *Recorder) {
	for i := 0; i < n; i++ {
		select {
		case w := <-ch:
			r.Work(w)
		case <-time.After(every):
			r.Tick()
		}
	}
}
