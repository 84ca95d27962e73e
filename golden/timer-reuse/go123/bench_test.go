package timerreuse

import (
	"context"
	"testing"
	"time"
)

// benchLoop prefills a channel with b.N items and runs loop once: it must
// process them all and return when the last item cancels ctx. Every select
// finds work ready, so the timer never fires and allocs/op counts exactly the
// per-iteration timer allocations (setup happens before ResetTimer).
func benchLoop(b *testing.B, loop func(context.Context, <-chan Work, *Recorder)) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := make(chan Work, b.N)
	for i := 1; i <= b.N; i++ {
		ch <- Work(i)
	}
	r := &Recorder{Quiet: true}
	last := Work(b.N)
	r.OnWork = func(w Work) {
		if w == last {
			cancel()
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	loop(ctx, ch, r)
	b.StopTimer()
	if r.Worked != b.N || r.Ticks != 0 {
		b.Fatalf("worked %d ticks %d, want %d 0", r.Worked, r.Ticks, b.N)
	}
}

func BenchmarkFixed_Consume(b *testing.B) {
	benchLoop(b, consume)
}

func BenchmarkFixed_ConsumeEvery(b *testing.B) {
	benchLoop(b, func(ctx context.Context, ch <-chan Work, r *Recorder) {
		consumeEvery(ctx, ch, time.Hour, r)
	})
}

func BenchmarkFixed_ConsumeAliased(b *testing.B) {
	benchLoop(b, func(ctx context.Context, ch <-chan Work, r *Recorder) {
		consumeAliased(ctx, ch, time.Hour, r)
	})
}

func BenchmarkFixed_PollBackoff(b *testing.B) {
	benchLoop(b, func(ctx context.Context, ch <-chan Work, r *Recorder) {
		pollBackoff(ctx, ch, time.Hour, 2*time.Hour, r)
	})
}

func BenchmarkFixed_Forward(b *testing.B) {
	in := make(chan Work, b.N)
	for i := 1; i <= b.N; i++ {
		in <- Work(i)
	}
	close(in)
	out := make(chan Work, b.N)
	r := &Recorder{Quiet: true}
	b.ReportAllocs()
	b.ResetTimer()
	forward(in, out, time.Hour, r)
	b.StopTimer()
	if len(out) != b.N {
		b.Fatalf("forwarded %d, want %d", len(out), b.N)
	}
}

func BenchmarkKept_TwoDeadlines(b *testing.B) {
	benchLoop(b, func(ctx context.Context, ch <-chan Work, r *Recorder) {
		consumeTwoDeadlines(ctx, ch, time.Hour, 2*time.Hour, r)
	})
}

func BenchmarkKept_Scaled(b *testing.B) {
	benchLoop(b, func(ctx context.Context, ch <-chan Work, r *Recorder) {
		consumeScaled(ctx, ch, time.Hour, r)
	})
}

func BenchmarkKept_Generated(b *testing.B) {
	benchLoop(b, func(ctx context.Context, ch <-chan Work, r *Recorder) {
		consumeGenerated(ctx, ch, time.Hour, r)
	})
}

func BenchmarkKept_WaitOne(b *testing.B) {
	ctx := context.Background()
	ch := make(chan Work, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ch <- 1
		if _, ok := waitOne(ctx, ch, time.Hour); !ok {
			b.Fatal("waitOne timed out")
		}
	}
}
