package timerreuse

import (
	"context"
	"time"
)

// retryOnError calls f until it succeeds, at most attempts times, waiting
// delay between attempts (prometheus retryOnError).
//
// allocfix: rewrite — the loop returns before the select when f succeeds, so
// a timer made before the loop would allocate on the path that never waited:
// the timer starts nil and is made the first time the select is reached, then
// reset on later attempts.
func retryOnError(ctx context.Context, attempts int, delay time.Duration, f func() error) error {
	var err error
	for i := 0; i < attempts; i++ {
		if err = f(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(delay):
		}
	}
	return err
}

// drainQueue sums what more has ready, else what arrives on ch within wait;
// it returns the sum when nothing arrives in time.
//
// allocfix: rewrite — a receive that may continue before the select: the
// timer is made lazily there too.
func drainQueue(ch <-chan int, more func() (int, bool), wait time.Duration) int {
	sum := 0
	for {
		if v, ok := more(); ok {
			sum += v
			continue
		}
		select {
		case v := <-ch:
			sum += v
		case <-time.After(wait):
			return sum
		}
	}
}
