package timerunsafe

import (
	"context"
	"testing"
)

// run fills ch with n items and polls until the last one cancels the context;
// it returns the sum of the items handled.
func run(n int) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := make(chan Work, n)
	for i := 1; i <= n; i++ {
		ch <- Work(i)
	}
	sum := 0
	poll(ctx, ch, func(w Work) {
		sum += int(w)
		if int(w) == n {
			cancel()
		}
	})
	return sum
}

func TestPollHandlesEveryItemThenStops(t *testing.T) {
	if got := run(10); got != 55 {
		t.Fatalf("sum %d, want 55", got)
	}
}

// The unsafe fix is not applied by `allocfix fix`: allocs/op stay the same.
func BenchmarkKept_Poll(b *testing.B) {
	b.ReportAllocs()
	run(b.N)
}
