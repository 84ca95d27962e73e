//go:build allocfix_fixed && linux

package deferinloop

import (
	"os"
	"strconv"
	"syscall"
	"testing"
)

// withFewDescriptors runs f with room for only three or four more open
// files: a loop that keeps every file open until it returns fails on the
// fifth.
func withFewDescriptors(t *testing.T, f func()) {
	t.Helper()
	// Open and close one file first, so that the runtime's own descriptors
	// (the poller) exist before the limit is set.
	if g, err := os.Open(os.Args[0]); err == nil {
		g.Close()
	}
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd")
	}
	open := map[int]bool{}
	for _, e := range entries {
		if n, err := strconv.Atoi(e.Name()); err == nil {
			open[n] = true
		}
	}
	// A new descriptor takes the lowest free number, and must be below the
	// limit: leave three free numbers below it (four, counting the one
	// ReadDir used and closed).
	limit, free := 0, 0
	for free < 3 {
		if !open[limit] {
			free++
		}
		limit++
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &old); err != nil {
		t.Skip(err)
	}
	low := old
	low.Cur = uint64(limit)
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &low); err != nil {
		t.Skip(err)
	}
	defer syscall.Setrlimit(syscall.RLIMIT_NOFILE, &old)
	f()
}

func manyFiles(t *testing.T) []string {
	files := map[string]string{}
	var order []string
	for i := 0; i < 10; i++ {
		name := "f" + strconv.Itoa(i)
		files[name] = "line" + strconv.Itoa(i) + "\n"
		order = append(order, name)
	}
	return realFiles(t, order, files)
}

// Each iteration closes its file before the next one is opened: ten files
// pass with room for three open at a time.
func TestFixed_ReleasesEachFile(t *testing.T) {
	paths := manyFiles(t)
	withFewDescriptors(t, func() {
		if got, err := fileSizes(paths); err != nil || len(got) != 10 {
			t.Errorf("fileSizes: %v, %v", got, err)
		}
		if got, err := firstLines(paths); err != nil || len(got) != 10 {
			t.Errorf("firstLines: %v, %v", got, err)
		}
		if n, err := sizeUntilEmpty(paths); err != nil || n != 60 {
			t.Errorf("sizeUntilEmpty: %v, %v", n, err)
		}
		if n, err := totalSize(paths); err != nil || n != 60 {
			t.Errorf("totalSize: %v, %v", n, err)
		}
		if got, err := cappedLineCounts(paths); err != nil || len(got) != 10 {
			t.Errorf("cappedLineCounts: %v, %v", got, err)
		}
		if p, err := checkHeaders(paths); err != nil || p != "" {
			t.Errorf("checkHeaders: %q, %v", p, err)
		}
		names := make([]string, 10)
		for i := range names {
			names[i] = "w" + strconv.Itoa(i)
		}
		if err := writeAll(t.TempDir(), names, names); err != nil {
			t.Errorf("writeAll: %v", err)
		}
	})
}
