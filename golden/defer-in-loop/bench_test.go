package deferinloop

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

// benchFiles sets up n files f0..f(n-1) and returns their paths. Opening a
// fake file allocates nothing, and the event log keeps its capacity, so
// allocs/op counts the loop's own allocations (the per-iteration defer).
func benchFiles(b *testing.B, n int, prefix string) []string {
	files := map[string]string{}
	var paths []string
	for i := 0; i < n; i++ {
		p := "f" + strconv.Itoa(i)
		files[prefix+p] = "h" + strconv.Itoa(i)
		paths = append(paths, p)
	}
	setup(b, files)
	fsys.Events = make([]Event, 0, 64)
	b.ReportAllocs()
	b.ResetTimer()
	return paths
}

func clearEvents() { fsys.Events = fsys.Events[:0] }

func BenchmarkFixed_ProcessAll(b *testing.B) {
	paths := benchFiles(b, 10, "")
	for i := 0; i < b.N; i++ {
		clearEvents()
		if err := processAll(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_ProcessUntilStop(b *testing.B) {
	paths := benchFiles(b, 10, "")
	for i := 0; i < b.N; i++ {
		clearEvents()
		if err := processUntilStop(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_FindHeader(b *testing.B) {
	paths := benchFiles(b, 10, "")
	for i := 0; i < b.N; i++ {
		clearEvents()
		if p, err := findHeader(paths, "h9"); p != "f9" || err != nil {
			b.Fatal(p, err)
		}
	}
}

func BenchmarkFixed_Tally(b *testing.B) {
	paths := benchFiles(b, 10, "")
	for i := 0; i < b.N; i++ {
		clearEvents()
		if n, err := tally(paths, "h1"); n != 1 || err != nil {
			b.Fatal(n, err)
		}
	}
}

func BenchmarkFixed_SumSizes(b *testing.B) {
	paths := benchFiles(b, 10, "")
	for i := 0; i < b.N; i++ {
		clearEvents()
		if _, err := sumSizes(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_ProcessTagged(b *testing.B) {
	paths := benchFiles(b, 10, "T-")
	for i := 0; i < b.N; i++ {
		clearEvents()
		if err := processTagged("t", paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_JoinHeaders(b *testing.B) {
	paths := benchFiles(b, 10, "")
	for i := 0; i < b.N; i++ {
		clearEvents()
		if _, err := joinHeaders(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_BumpAll(b *testing.B) {
	shards := newShards("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		bumpAll(shards)
	}
}

func BenchmarkFixed_ExportTables(b *testing.B) {
	setup(b, nil)
	fsys.Events = make([]Event, 0, 64)
	db := &DB{tables: map[string]*Rows{}}
	var tables []string
	for i := 0; i < 10; i++ {
		t := "t" + strconv.Itoa(i)
		db.tables[t] = &Rows{table: t, lines: []string{"r"}}
		tables = append(tables, t)
	}
	var w strings.Builder
	w.Grow(64)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		clearEvents()
		w.Reset()
		w.Grow(64)
		if err := exportTables(db, tables, &w); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_CheckAll(b *testing.B) {
	setup(b, nil)
	fsys.Events = make([]Event, 0, 64)
	c := &Client{pages: map[string]*Response{}}
	var urls []string
	for i := 0; i < 10; i++ {
		u := "u" + strconv.Itoa(i)
		c.pages[u] = &Response{StatusCode: 200, Body: &body{url: u}}
		urls = append(urls, u)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		clearEvents()
		if err := checkAll(c, urls); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKept_PingAll: `defer cancel()` defers a func value directly, so no
// closure is allocated per iteration; the defer record comes from the
// per-P pool. allocs/op is the contexts' own and does not drop.
func BenchmarkKept_PingAll(b *testing.B) {
	setup(b, nil)
	fsys.Events = make([]Event, 0, 64)
	urls := []string{"u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"}
	c := &Client{Pings: make([]Ping, 0, 16)}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		clearEvents()
		c.Pings = c.Pings[:0]
		if err := pingAll(ctx, c, urls); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKept_ProcessEach(b *testing.B) {
	paths := benchFiles(b, 10, "")
	for i := 0; i < b.N; i++ {
		clearEvents()
		if err := processEach(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKept_Generated(b *testing.B) {
	paths := benchFiles(b, 10, "")
	for i := 0; i < b.N; i++ {
		clearEvents()
		if err := processAllGenerated(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKept_ConcatHeaders(b *testing.B) {
	paths := benchFiles(b, 10, "")
	for i := 0; i < b.N; i++ {
		clearEvents()
		if _, err := concatHeaders(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKept_ProcessAllErr(b *testing.B) {
	paths := benchFiles(b, 10, "")
	for i := 0; i < b.N; i++ {
		clearEvents()
		if err := processAllErr(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func benchRealFiles(b *testing.B) []string {
	files := map[string]string{}
	var order []string
	for i := 0; i < 10; i++ {
		name := "f" + strconv.Itoa(i)
		files[name] = "line" + strconv.Itoa(i) + "\n"
		order = append(order, name)
	}
	paths := realFiles(b, order, files)
	b.ReportAllocs()
	b.ResetTimer()
	return paths
}

func BenchmarkFixed_FileSizes(b *testing.B) {
	paths := benchRealFiles(b)
	for i := 0; i < b.N; i++ {
		if _, err := fileSizes(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_FirstLines(b *testing.B) {
	paths := benchRealFiles(b)
	for i := 0; i < b.N; i++ {
		if _, err := firstLines(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_SizeUntilEmpty(b *testing.B) {
	paths := benchRealFiles(b)
	for i := 0; i < b.N; i++ {
		if _, err := sizeUntilEmpty(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_TotalSize(b *testing.B) {
	paths := benchRealFiles(b)
	for i := 0; i < b.N; i++ {
		if _, err := totalSize(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_CheckHeaders(b *testing.B) {
	paths := benchRealFiles(b)
	for i := 0; i < b.N; i++ {
		if _, err := checkHeaders(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKept_StatAll(b *testing.B) {
	paths := benchRealFiles(b)
	for i := 0; i < b.N; i++ {
		if _, err := statAll(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKept_FindNonEmpty(b *testing.B) {
	paths := benchRealFiles(b)
	for i := 0; i < b.N; i++ {
		if _, err := findNonEmpty(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_WriteAll(b *testing.B) {
	dir := b.TempDir()
	names := make([]string, 10)
	for i := range names {
		names[i] = "w" + strconv.Itoa(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := writeAll(dir, names, names); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_CappedLineCounts(b *testing.B) {
	paths := benchRealFiles(b)
	for i := 0; i < b.N; i++ {
		if _, err := cappedLineCounts(paths); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFixed_ProcessLabelledBy(b *testing.B) {
	paths := benchFiles(b, 10, "T-")
	for i := 0; i < b.N; i++ {
		clearEvents()
		if err := processLabelledBy(label, "t", paths); err != nil {
			b.Fatal(err)
		}
	}
}
