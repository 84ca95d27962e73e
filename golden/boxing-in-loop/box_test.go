package box

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestOutput(t *testing.T) {
	var b bytes.Buffer
	printUsers(&b, []User{{"ann", 3}, {"bob", 500}})
	printPoints(&b, []Point{{1, 2}})
	b.WriteString("\n")
	printWaits(&b, []time.Duration{1500 * time.Millisecond})
	emitAll(&b, []string{"x"})
	b.WriteString("\n")
	printConsts(&b, 1)
	printBytes(&b, []byte("b"), 300)
	printErrors(&b, []error{errors.New("boom")})
	printOnce(&b, 7)
	spread(&b, [][]any{{1, "a"}})
	want := "ann 3\nbob 500\n{1 2}\n1.5s 1.5\nname x \nrow 42 1000 2.5\n98 true 98 44\nboom\ntotal 7\n1 a\n"
	if b.String() != want {
		t.Fatalf("got %q, want %q", b.String(), want)
	}
	var l bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&l, &slog.HandlerOptions{ReplaceAttr: dropTime}))
	logIDs(logger, []int64{7})
	logTyped(context.Background(), logger, []int64{8})
	if l.String() != "level=INFO msg=seen id=7\nlevel=INFO msg=seen id=8\n" {
		t.Fatalf("log %q", l.String())
	}
}

func dropTime(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

func TestKeepers(t *testing.T) {
	recorded = nil
	recordAll([]int{1, 2})
	if len(recorded) != 2 || recorded[1] != 1002 {
		t.Fatalf("recorded %v", recorded)
	}
	if countNil([]int{1}) != 0 {
		t.Fatal("countNil")
	}
	if got := labels([]int{1}); got[0] != "n=1" {
		t.Fatal(got)
	}
	var b strings.Builder
	bad := func(n int) error {
		if n < 0 {
			return errors.New("negative")
		}
		return nil
	}
	if parseAll(&b, []int{1, -1, 2}, bad) != 2 || b.String() != "skipping -1 negative\n" {
		t.Fatal(b.String())
	}
	if firstBig(io.Discard, []int{1, 2000}) != 2000 {
		t.Fatal("firstBig")
	}
	fns := later(&b, []int{5})
	fns[0]()
	showAll(&b, []int{6})
	if !strings.HasSuffix(b.String(), "5\n6") {
		t.Fatal(b.String())
	}
}

// The findings are real allocations and the kept cases are not, under the Go that runs
// the tests: each reported call allocates on every iteration, the kept loops never do.
func TestAllocations(t *testing.T) {
	users := make([]User, 10)
	for i := range users {
		users[i] = User{Name: strings.Repeat("u", i+1), Points: 1000 + i}
	}
	ns := []int{1000, 2000, 3000, 4000}
	ids := []int64{1000, 2000, 3000}
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	reported := map[string]func(){
		"printUsers":  func() { printUsers(io.Discard, users) },
		"logIDs":      func() { logIDs(discard, ids) },
		"printPoints": func() { printPoints(io.Discard, []Point{{1000, 2000}, {3000, 4000}}) },
		"printWaits":  func() { printWaits(io.Discard, []time.Duration{time.Second, time.Minute}) },
		"recordAll":   func() { recorded = recorded[:0]; recordAll(ns) },
		"emitAll":     func() { emitAll(io.Discard, []string{"a", "b"}) },
	}
	for name, f := range reported {
		if n := testing.AllocsPerRun(20, f); n < 2 {
			t.Errorf("%s: %v allocs per run, want at least one per iteration", name, n)
		}
	}
	data := []byte("hello")
	kept := map[string]func(){
		"countNil":      func() { countNil(ns) },
		"printConsts":   func() { printConsts(io.Discard, 10) },
		"printPointers": func() { printPointers(io.Discard, users, Handle{}) },
		"printBytes":    func() { printBytes(io.Discard, data, 5000) },
		"logTyped":      func() { logTyped(context.Background(), discard, ids) },
	}
	for name, f := range kept {
		if n := testing.AllocsPerRun(20, f); n != 0 {
			t.Errorf("%s: %v allocs per run, want none", name, n)
		}
	}
}

// Detect-only: nothing is rewritten, so allocations stay as they are.
func BenchmarkKept_PrintUsers(b *testing.B) {
	users := []User{{"ann", 3000}, {"bob", 500}}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		printUsers(io.Discard, users)
	}
}

func TestClassify(t *testing.T) {
	var b strings.Builder
	classify(&b, []int{1, 2000, 3000})
	if b.String() != "big 2000\nbig 3000\n" {
		t.Fatal(b.String())
	}
}

func TestReject(t *testing.T) {
	if reject(slog.New(slog.NewTextHandler(io.Discard, nil)), []int{1, -1, -2}) != 2 {
		t.Fatal("reject")
	}
}
