package timerreuse

import (
	"context"
	"errors"
	"testing"
	"time"
)

var errFlaky = errors.New("flaky")

// flaky fails its first fails calls after each reset.
type flaky struct {
	fails, calls int
}

func (f *flaky) try() error {
	f.calls++
	if f.calls <= f.fails {
		return errFlaky
	}
	return nil
}

func TestRetryOnError(t *testing.T) {
	ctx := context.Background()
	f := &flaky{fails: 2}
	if err := retryOnError(ctx, 5, time.Millisecond, f.try); err != nil || f.calls != 3 {
		t.Fatalf("err %v after %d calls, want nil after 3", err, f.calls)
	}
	f = &flaky{fails: 10}
	if err := retryOnError(ctx, 3, time.Millisecond, f.try); err != errFlaky || f.calls != 3 {
		t.Fatalf("err %v after %d calls, want errFlaky after 3", err, f.calls)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	f = &flaky{fails: 10}
	if err := retryOnError(cancelled, 3, time.Hour, f.try); err != errFlaky || f.calls != 1 {
		t.Fatalf("err %v after %d calls, want errFlaky after 1", err, f.calls)
	}
}

func TestDrainQueue(t *testing.T) {
	ch := make(chan int, 2)
	ch <- 10
	ch <- 20
	pending := []int{1, 2}
	more := func() (int, bool) {
		if len(pending) == 0 {
			return 0, false
		}
		v := pending[0]
		pending = pending[1:]
		return v, true
	}
	if got := drainQueue(ch, more, 5*time.Millisecond); got != 33 {
		t.Fatalf("drainQueue = %d, want 33", got)
	}
}

func BenchmarkKept_RetryFirstTry(b *testing.B) {
	ctx := context.Background()
	f := &flaky{}
	try := f.try
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f.calls = 0
		if err := retryOnError(ctx, 3, time.Hour, try); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_RetryFourTimes(b *testing.B) {
	ctx := context.Background()
	f := &flaky{fails: 4}
	try := f.try
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f.calls = 0
		if err := retryOnError(ctx, 5, 0, try); err != nil {
			b.Fatal(err)
		}
	}
}
