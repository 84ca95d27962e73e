package main

import "testing"

var sinkErr error

func TestRun(t *testing.T) {
	if err := run(nil); err == nil || err.Error() != "no arguments" {
		t.Fatalf("run(nil) = %v", err)
	}
	if err := run([]string{"x"}); err != nil {
		t.Fatalf("run(x) = %v", err)
	}
}

func BenchmarkFixed_Run(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkErr = run(nil)
	}
}
