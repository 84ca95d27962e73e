package timerreuse

import (
	"context"
	"reflect"
	"testing"
	"time"
)

// run calls f and fails the test if it has not returned within 10s (a timer
// that never fires again would hang the consumer forever).
func run(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("consumer did not return within 10s")
	}
}

func filled(ws ...Work) chan Work {
	ch := make(chan Work, len(ws)+8)
	for _, w := range ws {
		ch <- w
	}
	return ch
}

func eq(t *testing.T, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("events = %q, want %q", got, want)
	}
}

// stopOnWork stops the recorder and cancels once item last was processed.
func stopOnWork(r *Recorder, cancel func(), last Work) {
	r.OnWork = func(w Work) {
		if w == last {
			r.Stop()
			cancel()
		}
	}
}

// stopOnTick stops the recorder and cancels at the n-th housekeeping run.
func stopOnTick(r *Recorder, cancel func(), n int) {
	r.OnTick = func(k int) {
		if k == n {
			r.Stop()
			cancel()
		}
	}
}

// consumers are the context-driven loops sharing consumeEvery's behaviour.
var consumers = map[string]func(context.Context, <-chan Work, time.Duration, *Recorder){
	"consumeEvery":      consumeEvery,
	"consumeStamped":    consumeStamped,
	"consumeAliased":    consumeAliased,
	"consumeTimed":      consumeTimed,
	"consumeLocalTimer": consumeLocalTimer,
	"consumeMillis": func(ctx context.Context, ch <-chan Work, d time.Duration, r *Recorder) {
		consumeMillis(ctx, ch, int(d/time.Millisecond), r)
	},
	"startConsumer": func(ctx context.Context, ch <-chan Work, d time.Duration, r *Recorder) {
		<-startConsumer(ctx, ch, d, r)
	},
	"consumeGenerated": consumeGenerated,
}

func TestConsume_ProcessesInOrder(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := NewRecorder()
	stopOnWork(r, cancel, 5)
	run(t, func() { consume(ctx, filled(1, 2, 3, 4, 5), r) })
	eq(t, r.Events, []string{"w1", "w2", "w3", "w4", "w5"})
}

func TestConsume_HousekeepingWhenIdle(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := NewRecorder()
	stopOnTick(r, cancel, 1)
	start := time.Now()
	run(t, func() { consume(ctx, make(chan Work), r) })
	eq(t, r.Events, []string{"tick"})
	if el := time.Since(start); el < 100*time.Millisecond {
		t.Fatalf("housekeeping after %v, want >= 100ms", el)
	}
}

func TestConsume_CancelReturns(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := NewRecorder()
	run(t, func() { consume(ctx, make(chan Work), r) })
	eq(t, r.Events, nil)

	ctx, cancel = context.WithCancel(context.Background())
	go func() {
		time.Sleep(5 * time.Millisecond)
		cancel()
	}()
	run(t, func() { consume(ctx, make(chan Work), r) })
	eq(t, r.Events, nil)
}

func TestConsumers(t *testing.T) {
	for name, c := range consumers {
		t.Run(name, func(t *testing.T) {
			t.Run("work in order", func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				r := NewRecorder()
				stopOnWork(r, cancel, 3)
				run(t, func() { c(ctx, filled(1, 2, 3), time.Hour, r) })
				eq(t, r.Events, []string{"w1", "w2", "w3"})
			})
			t.Run("ticks repeatedly when idle", func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				r := NewRecorder()
				stopOnTick(r, cancel, 3)
				run(t, func() { c(ctx, make(chan Work), 2*time.Millisecond, r) })
				eq(t, r.Events, []string{"tick", "tick", "tick"})
			})
			t.Run("work between ticks", func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				r := NewRecorder()
				ch := make(chan Work, 1)
				r.OnTick = func(n int) {
					if n == 3 {
						r.Stop()
						cancel()
						return
					}
					ch <- Work(n)
				}
				run(t, func() { c(ctx, ch, 50*time.Millisecond, r) })
				eq(t, r.Events, []string{"tick", "w1", "tick", "w2", "tick"})
			})
			t.Run("cancelled", func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				r := NewRecorder()
				run(t, func() { c(ctx, make(chan Work), time.Hour, r) })
				eq(t, r.Events, nil)
			})
		})
	}
}

// staleCases run the loop until item 2 was processed (ctx-driven loops are
// cancelled then; the others return by themselves).
var staleCases = map[string]func(context.Context, <-chan Work, time.Duration, *Recorder){
	"pollBackoff": func(ctx context.Context, ch <-chan Work, d time.Duration, r *Recorder) {
		pollBackoff(ctx, ch, d, 2*d, r)
	},
	"drainUntilQuiet": func(_ context.Context, ch <-chan Work, d time.Duration, r *Recorder) {
		drainUntilQuiet(ch, d, r)
	},
	"consumeN": func(_ context.Context, ch <-chan Work, d time.Duration, r *Recorder) {
		consumeN(ch, 2, d, r)
	},
}

// stalePeriod is long enough that item 2, sent an eighth of it after item 1 is
// processed, arrives before a fresh timer fires even on a loaded machine (at
// 200ms the sender was once late by more than 175ms).
const stalePeriod = 600 * time.Millisecond

// TestNoStaleTimeout: the timer fires while item 1 is being processed (3
// periods); item 2 arrives an eighth of a period after that. A fresh timer per select
// (or a correctly drained one) waits for item 2; a reused timer that still
// holds the stale fire times out at once.
func TestNoStaleTimeout(t *testing.T) {
	check := func(t *testing.T, c func(context.Context, <-chan Work, time.Duration, *Recorder), every time.Duration) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		ch := make(chan Work, 1)
		r := NewRecorder()
		r.OnWork = func(w Work) {
			switch w {
			case 1:
				time.Sleep(3 * every)
				go func() {
					time.Sleep(every / 8)
					ch <- 2
				}()
			case 2:
				r.Stop()
				cancel()
			}
		}
		ch <- 1
		run(t, func() { c(ctx, ch, every, r) })
		eq(t, r.Events, []string{"w1", "w2"})
	}
	t.Run("consume", func(t *testing.T) {
		check(t, func(ctx context.Context, ch <-chan Work, _ time.Duration, r *Recorder) {
			consume(ctx, ch, r)
		}, stalePeriod)
	})
	for name, c := range consumers {
		t.Run(name, func(t *testing.T) { check(t, c, stalePeriod) })
	}
	for name, c := range staleCases {
		t.Run(name, func(t *testing.T) { check(t, c, stalePeriod) })
	}
	t.Run("forward", func(t *testing.T) {
		t.Parallel()
		const patience = 200 * time.Millisecond
		in := make(chan Work)
		out := make(chan Work)
		go func() {
			in <- 1
			time.Sleep(3 * patience)
			in <- 2
			close(in)
		}()
		got := make(chan []Work, 1)
		go func() {
			ws := []Work{<-out}
			time.Sleep(3*patience + patience/2)
			select {
			case w := <-out:
				ws = append(ws, w)
			default:
			}
			got <- ws
		}()
		r := NewRecorder()
		run(t, func() { forward(in, out, patience, r) })
		eq(t, r.Events, nil)
		if ws := <-got; !reflect.DeepEqual(ws, []Work{1, 2}) {
			t.Fatalf("forwarded %v, want [1 2]", ws)
		}
	})
}

func TestConsumeStamped_TimeValue(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := NewRecorder()
	stopOnTick(r, cancel, 1)
	start := time.Now()
	run(t, func() { consumeStamped(ctx, make(chan Work), 2*time.Millisecond, r) })
	if r.LastTick.Before(start.Add(2 * time.Millisecond)) {
		t.Fatalf("tick time %v is before start+2ms (%v)", r.LastTick, start)
	}
}

func TestForward(t *testing.T) {
	t.Run("slow reader drops", func(t *testing.T) {
		in := filled(1, 2, 3)
		close(in)
		out := make(chan Work, 2)
		r := NewRecorder()
		run(t, func() { forward(in, out, 20*time.Millisecond, r) })
		eq(t, r.Events, []string{"drop3"})
		if got := []Work{<-out, <-out}; !reflect.DeepEqual(got, []Work{1, 2}) {
			t.Fatalf("forwarded %v, want [1 2]", got)
		}
	})
	t.Run("reader keeps up", func(t *testing.T) {
		in := filled(1, 2, 3, 4)
		close(in)
		out := make(chan Work, 4)
		r := NewRecorder()
		run(t, func() { forward(in, out, time.Hour, r) })
		eq(t, r.Events, nil)
		close(out)
		var got []Work
		for w := range out {
			got = append(got, w)
		}
		if !reflect.DeepEqual(got, []Work{1, 2, 3, 4}) {
			t.Fatalf("forwarded %v, want [1 2 3 4]", got)
		}
	})
}

// TestPollBackoff pins the duration used in every iteration: the timer must
// be re-armed with the current value of wait, never with an earlier one.
func TestPollBackoff(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := make(chan Work, 1)
	r := NewRecorder()
	r.OnTick = func(n int) {
		switch n {
		case 2:
			ch <- 7
		case 6:
			r.Stop()
			cancel()
		}
	}
	run(t, func() { pollBackoff(ctx, ch, 10*time.Millisecond, 40*time.Millisecond, r) })
	eq(t, r.Events, []string{"tick 10ms", "tick 20ms", "w7", "tick 10ms", "tick 20ms", "tick 40ms", "tick 40ms"})
}

func TestDrainUntilQuiet(t *testing.T) {
	r := NewRecorder()
	run(t, func() { drainUntilQuiet(filled(1, 2, 3), 5*time.Millisecond, r) })
	eq(t, r.Events, []string{"w1", "w2", "w3"})
}

func TestConsumeN(t *testing.T) {
	r := NewRecorder()
	run(t, func() { consumeN(filled(1, 2), 4, 2*time.Millisecond, r) })
	eq(t, r.Events, []string{"w1", "w2", "tick", "tick"})
}

// The cases left alone still behave as written.
func TestKeptCases(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	idle := make(chan Work)
	r := NewRecorder()
	run(t, func() {
		consumeTwoDeadlines(cancelled, idle, time.Hour, time.Hour, r)
		consumeJittered(cancelled, idle, time.Hour, r)
		consumeConfigured(cancelled, idle, r)
		consumeScaled(cancelled, idle, time.Hour, r)
		retryWithBackoff(cancelled, 3, time.Hour, r)
		consumeGoto(cancelled, idle, time.Hour, r)
		consumeWhenEnabled(cancelled, idle, time.Hour, true, r)
		consumeBatches(cancelled, idle, 2, 2, time.Hour, r)
	})
	eq(t, r.Events, nil)

	if w, ok := waitOne(context.Background(), filled(9), time.Hour); w != 9 || !ok {
		t.Fatalf("waitOne = %v, %v; want 9, true", w, ok)
	}
	if w, ok := waitOne(context.Background(), idle, time.Millisecond); w != 0 || ok {
		t.Fatalf("waitOne = %v, %v; want 0, false", w, ok)
	}
	run(t, func() {
		consumeFakeClock(idle, 2, time.Hour, r)
		pace(2, time.Millisecond, r)
	})
	eq(t, r.Events, []string{"tick", "tick", "tick", "tick"})
}
