package timerreuse

import (
	"context"
	"time"
)

// consumeTwoDeadlines has a soft and a hard idle limit in one select.
//
// allocfix: finding — two time.After cases in one select: not rewritten.
func consumeTwoDeadlines(ctx context.Context, ch <-chan Work, soft, hard time.Duration, r *Recorder) {
	for {
		select {
		case w := <-ch:
			r.Work(w)
		case <-time.After(soft):
			r.Tick()
		case <-time.After(hard):
			r.Stop()
			return
		case <-ctx.Done():
			return
		}
	}
}

// consumeJittered spreads its period with jitter.
//
// allocfix: finding — the duration calls a function: evaluating it once more
// before the loop (NewTimer) would call it once more.
func consumeJittered(ctx context.Context, ch <-chan Work, every time.Duration, r *Recorder) {
	for {
		select {
		case w := <-ch:
			r.Work(w)
		case <-time.After(jitter(every)):
			r.Tick()
		case <-ctx.Done():
			return
		}
	}
}

// consumeConfigured asks the recorder for its period.
//
// allocfix: finding — the duration is a method call.
func consumeConfigured(ctx context.Context, ch <-chan Work, r *Recorder) {
	for {
		select {
		case w := <-ch:
			r.Work(w)
		case <-time.After(r.Period()):
			r.Tick()
		case <-ctx.Done():
			return
		}
	}
}

// consumeScaled waits longer the more ticks it has run.
//
// allocfix: finding — the duration reads a variable declared inside the loop
// body: it cannot be evaluated before the loop.
func consumeScaled(ctx context.Context, ch <-chan Work, base time.Duration, r *Recorder) {
	for {
		wait := base * time.Duration(r.Ticks+1)
		select {
		case w := <-ch:
			r.Work(w)
		case <-time.After(wait):
			r.Tick()
		case <-ctx.Done():
			return
		}
	}
}

// retryWithBackoff waits attempt*base between attempts.
//
// allocfix: finding — the duration reads the loop variable of the for clause,
// which is not in scope before the for.
func retryWithBackoff(ctx context.Context, attempts int, base time.Duration, r *Recorder) {
	for attempt := 1; attempt <= attempts; attempt++ {
		select {
		case <-time.After(time.Duration(attempt) * base):
			r.Tick()
		case <-ctx.Done():
			return
		}
	}
}

// consumeGoto restarts its select with goto after dropping odd work.
//
// allocfix: finding — the loop contains a goto.
func consumeGoto(ctx context.Context, ch <-chan Work, every time.Duration, r *Recorder) {
	for {
	again:
		select {
		case w := <-ch:
			if w%2 == 1 {
				r.Drop(w)
				goto again
			}
			r.Work(w)
		case <-time.After(every):
			r.Tick()
		case <-ctx.Done():
			return
		}
	}
}

// consumeWhenEnabled only waits for a timeout while enabled.
//
// allocfix: finding — the select is nested in an if, not a statement directly
// in the for body.
func consumeWhenEnabled(ctx context.Context, ch <-chan Work, every time.Duration, enabled bool, r *Recorder) {
	for {
		if enabled {
			select {
			case w := <-ch:
				r.Work(w)
			case <-time.After(every):
				r.Tick()
			case <-ctx.Done():
				return
			}
		} else {
			select {
			case w := <-ch:
				r.Work(w)
			case <-ctx.Done():
				return
			}
		}
	}
}

// consumeBatches runs rounds of up to n selects.
//
// allocfix: finding — the select's for is itself inside a for: a timer and a
// defer before the inner for would run once per outer iteration.
func consumeBatches(ctx context.Context, ch <-chan Work, rounds, n int, every time.Duration, r *Recorder) {
	for round := 0; round < rounds; round++ {
		for i := 0; i < n; i++ {
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
}
