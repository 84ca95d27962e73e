package deferinloop

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
)

var abc = map[string]string{"a": "A", "b": "B", "c": "C"}

// seedShaped are the loops with processAll's contract.
var seedShaped = map[string]func([]string) error{
	"processAll":          processAll,
	"processAllGenerated": processAllGenerated,
	"processEach":         processEach,
	"processNonEmpty":     processNonEmpty,
	"processUntilEnd":     processUntilEnd,
	"processGroups":       func(ps []string) error { return processGroups([][]string{ps}) },
	"processFallback":     processFallback,
}

func TestSeedShaped(t *testing.T) {
	for name, f := range seedShaped {
		t.Run(name, func(t *testing.T) {
			t.Run("all", func(t *testing.T) {
				setup(t, abc)
				wantErr(t, f([]string{"a", "b", "c"}), "")
				opened(t, "a", "b", "c")
				processed(t, "a", "b", "c")
			})
			t.Run("none", func(t *testing.T) {
				setup(t, abc)
				wantErr(t, f(nil), "")
				opened(t)
			})
			t.Run("bad data in 2nd", func(t *testing.T) {
				setup(t, map[string]string{"a": "A", "b": "BAD", "c": "C"})
				wantErr(t, f([]string{"a", "b", "c"}), "process b: bad data")
				opened(t, "a", "b")
				processed(t, "a")
			})
		})
	}
}

func TestSeedShaped_MissingSecond(t *testing.T) {
	for name, f := range seedShaped {
		if name == "processFallback" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			setup(t, map[string]string{"a": "A", "c": "C"})
			wantErr(t, f([]string{"a", "b", "c"}), "open b: file does not exist")
			opened(t, "a")
			processed(t, "a")
		})
	}
}

func TestProcessNonEmpty_SkipsEmpty(t *testing.T) {
	setup(t, map[string]string{"a": "A", "e": "", "c": "C"})
	wantErr(t, processNonEmpty([]string{"a", "e", "c"}), "")
	opened(t, "a", "e", "c")
	processed(t, "a", "c")
}

func TestProcessUntilStop(t *testing.T) {
	setup(t, map[string]string{"a": "A", "s": "STOP", "c": "C"})
	wantErr(t, processUntilStop([]string{"a", "s", "c"}), "")
	opened(t, "a", "s")
	processed(t, "a")
	eqStrings(t, "notes", names("note"), []string{"done"})

	setup(t, map[string]string{"a": "A", "b": "BAD", "c": "C"})
	wantErr(t, processUntilStop([]string{"a", "b", "c"}), "process b: bad data")
	opened(t, "a", "b")
	eqStrings(t, "notes", names("note"), nil)

	setup(t, abc)
	wantErr(t, processUntilStop([]string{"a", "c"}), "")
	opened(t, "a", "c")
	processed(t, "a", "c")
	eqStrings(t, "notes", names("note"), []string{"done"})
}

func TestFindHeader(t *testing.T) {
	files := map[string]string{"a": "x\n1", "b": "want\n2", "c": "want\n3"}
	setup(t, files)
	p, err := findHeader([]string{"a", "b", "c"}, "want")
	if p != "b" || err != nil {
		t.Fatalf("findHeader = %q, %v; want \"b\", nil", p, err)
	}
	opened(t, "a", "b")

	setup(t, files)
	p, err = findHeader([]string{"a", "c"}, "nope")
	if p != "" || err != errNotFound {
		t.Fatalf("findHeader = %q, %v; want \"\", errNotFound", p, err)
	}
	opened(t, "a", "c")

	setup(t, files)
	p, err = findHeader([]string{"a", "zz", "b"}, "want")
	if p != "" {
		t.Fatalf("findHeader = %q, want \"\"", p)
	}
	wantErr(t, err, "open zz: file does not exist")
	opened(t, "a")
}

func TestProcessUntilEnd(t *testing.T) {
	setup(t, map[string]string{"a": "A", "e": "END", "c": "C"})
	wantErr(t, processUntilEnd([]string{"a", "e", "c"}), "")
	opened(t, "a", "e")
	processed(t, "a")
	eqStrings(t, "notes", names("note"), nil)

	setup(t, abc)
	wantErr(t, processUntilEnd([]string{"a", "c"}), "")
	eqStrings(t, "notes", names("note"), []string{"no END"})
}

func TestTally(t *testing.T) {
	files := map[string]string{"a": "k", "b": "x", "c": "k"}
	setup(t, files)
	n, err := tally([]string{"a", "b", "c"}, "k")
	if n != 2 || err != nil {
		t.Fatalf("tally = %d, %v; want 2, nil", n, err)
	}
	opened(t, "a", "b", "c")

	setup(t, files)
	n, err = tally([]string{"a", "zz", "c"}, "k")
	if n != 0 {
		t.Fatalf("tally = %d, want 0", n)
	}
	wantErr(t, err, "open zz: file does not exist")
	opened(t, "a")
}

func TestSumSizes(t *testing.T) {
	files := map[string]string{"a": "1", "b": "22", "c": "333"}
	setup(t, files)
	n, err := sumSizes([]string{"a", "b", "c"})
	if n != 6 || err != nil {
		t.Fatalf("sumSizes = %d, %v; want 6, nil", n, err)
	}
	opened(t, "a", "b", "c")

	setup(t, files)
	n, err = sumSizes([]string{"a", "b", "zz", "c"})
	if n != 3 {
		t.Fatalf("sumSizes = %d, want the partial sum 3", n)
	}
	wantErr(t, err, "open zz: file does not exist")
	opened(t, "a", "b")
}

func TestProcessGroups_SkipRestOfGroup(t *testing.T) {
	setup(t, map[string]string{"a": "A", "s": "SKIP", "x": "X", "c": "C", "d": "D"})
	wantErr(t, processGroups([][]string{{"a", "s", "x"}, {"c", "d"}}), "")
	opened(t, "a", "s", "c", "d")
	processed(t, "a", "c", "d")

	setup(t, map[string]string{"a": "A", "b": "BAD", "c": "C"})
	wantErr(t, processGroups([][]string{{"a"}, {"b", "c"}}), "process b: bad data")
	opened(t, "a", "b")
}

func TestProcessNumbered(t *testing.T) {
	files := map[string]string{"d/x": "0", "d/y": "1", "d/z": "7", "d/w": "3"}
	setup(t, files)
	wantErr(t, processNumbered("d", []string{"x", "y"}), "")
	opened(t, "d/x", "d/y")
	processed(t, "d/x", "d/y")

	setup(t, files)
	wantErr(t, processNumbered("d", []string{"x", "z", "w"}), `z: header "7", want 1`)
	opened(t, "d/x", "d/z")
}

func newShards(names ...string) []*Shard {
	var out []*Shard
	for _, n := range names {
		out = append(out, &Shard{name: n})
	}
	return out
}

func TestBumpAll(t *testing.T) {
	shards := newShards("s1", "s2", "s3")
	shards[1].hits = 5
	var heldDuringTouch []bool
	for _, s := range shards {
		s.onTouch = func(s *Shard) {
			held := !s.mu.TryLock()
			if !held {
				s.mu.Unlock()
			}
			heldDuringTouch = append(heldDuringTouch, held)
		}
	}
	bumpAll(shards)
	for i, want := range []int{1, 6, 1} {
		if shards[i].hits != want {
			t.Fatalf("shard %d hits = %d, want %d", i, shards[i].hits, want)
		}
		if !shards[i].mu.TryLock() {
			t.Fatalf("shard %d still locked after bumpAll", i)
		}
		shards[i].mu.Unlock()
	}
	if len(heldDuringTouch) != 3 || !heldDuringTouch[0] || !heldDuringTouch[1] || !heldDuringTouch[2] {
		t.Fatalf("lock held during touch: %v, want [true true true]", heldDuringTouch)
	}
}

func newDB() *DB {
	return &DB{tables: map[string]*Rows{
		"t1":     {table: "t1", lines: []string{"a", "", "b"}},
		"t2":     {table: "t2", lines: []string{"c"}},
		"broken": {table: "broken", lines: []string{"d"}, broken: true},
	}}
}

func rowsBalanced(t *testing.T, db *DB) {
	t.Helper()
	for name, r := range db.tables {
		if r.opens != r.closes {
			t.Errorf("rows %s: queried %d times, closed %d times", name, r.opens, r.closes)
		}
	}
}

func TestExportTables(t *testing.T) {
	setup(t, nil)
	db := newDB()
	var w strings.Builder
	wantErr(t, exportTables(db, []string{"t1", "t2"}, &w), "")
	if w.String() != "a\nb\nc\n" {
		t.Fatalf("exported %q", w.String())
	}
	eqStrings(t, "queried", names("query"), []string{"t1", "t2"})
	rowsBalanced(t, db)

	setup(t, nil)
	db = newDB()
	w.Reset()
	wantErr(t, exportTables(db, []string{"t1", "broken", "t2"}, &w), "rows broken: connection reset")
	if w.String() != "a\nb\nd\n" {
		t.Fatalf("exported %q", w.String())
	}
	eqStrings(t, "queried", names("query"), []string{"t1", "broken"})
	rowsBalanced(t, db)

	setup(t, nil)
	db = newDB()
	w.Reset()
	wantErr(t, exportTables(db, []string{"t1", "nope", "t2"}, &w), "query nope: no such table")
	eqStrings(t, "queried", names("query"), []string{"t1"})
	rowsBalanced(t, db)
}

func newClient() *Client {
	page := func(url string, status int) *Response {
		return &Response{StatusCode: status, Body: &body{url: url}}
	}
	return &Client{pages: map[string]*Response{
		"u1": page("u1", 200),
		"u2": page("u2", 500),
		"u3": page("u3", 200),
	}}
}

func bodiesBalanced(t *testing.T, c *Client) {
	t.Helper()
	for url, r := range c.pages {
		b := r.Body.(*body)
		if b.opens != b.closes {
			t.Errorf("body %s: fetched %d times, closed %d times", url, b.opens, b.closes)
		}
	}
}

func TestCheckAll(t *testing.T) {
	setup(t, nil)
	c := newClient()
	wantErr(t, checkAll(c, []string{"u1", "u3"}), "")
	eqStrings(t, "fetched", names("get"), []string{"u1", "u3"})
	bodiesBalanced(t, c)

	setup(t, nil)
	c = newClient()
	wantErr(t, checkAll(c, []string{"u1", "u2", "u3"}), "u2: status 500")
	eqStrings(t, "fetched", names("get"), []string{"u1", "u2"})
	bodiesBalanced(t, c)

	setup(t, nil)
	c = newClient()
	wantErr(t, checkAll(c, []string{"u1", "u9", "u3"}), "get u9: connection refused")
	eqStrings(t, "fetched", names("get"), []string{"u1"})
	bodiesBalanced(t, c)
}

func TestPingAll(t *testing.T) {
	setup(t, nil)
	c := &Client{}
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "parent"))
	defer cancel()
	wantErr(t, pingAll(ctx, c, []string{"u1", "down2", "u3"}), "ping down2: host down")
	eqStrings(t, "pinged", names("ping"), []string{"u1", "down2"})
	for _, p := range c.Pings {
		if p.Ctx.Err() == nil {
			t.Fatalf("context of %s not cancelled after pingAll returned", p.URL)
		}
		if p.Ctx.Value(ctxKey{}) != "parent" {
			t.Fatalf("context of %s does not derive from the parent", p.URL)
		}
	}
	if ctx.Err() != nil {
		t.Fatal("pingAll cancelled its parent context")
	}

	setup(t, nil)
	c = &Client{}
	ctx = context.WithValue(context.Background(), ctxKey{}, "parent")
	wantErr(t, pingAll(ctx, c, []string{"u1", "u2", "u3"}), "")
	eqStrings(t, "pinged", names("ping"), []string{"u1", "u2", "u3"})
	for _, p := range c.Pings {
		if p.Ctx.Err() == nil {
			t.Fatalf("context of %s not cancelled after pingAll returned", p.URL)
		}
		if p.Ctx.Value(ctxKey{}) != "parent" {
			t.Fatalf("context of %s does not derive from the parent", p.URL)
		}
	}
}

type ctxKey struct{}

func TestValidateAll_TypedNil(t *testing.T) {
	setup(t, abc)
	if err := validateAll([]string{"a", "b", "c"}); err != nil {
		t.Fatalf("validateAll = %#v, want a nil error (not a nil *CheckError)", err)
	}
	opened(t, "a", "b", "c")

	setup(t, map[string]string{"a": "A", "b": "INVALID", "c": "C"})
	err := validateAll([]string{"a", "b", "c"})
	wantErr(t, err, "check b: invalid")
	var ce *CheckError
	if !errors.As(err, &ce) || ce.Name != "b" {
		t.Fatalf("err = %#v, want *CheckError for b", err)
	}
	opened(t, "a", "b")
}

func TestImportAll(t *testing.T) {
	setup(t, map[string]string{"a": "h1\nx", "b": "h2"})
	wantErr(t, importAll([]string{"a", "b"}), "")
	eqStrings(t, "notes", names("note"), []string{"import h1", "import h2"})
	opened(t, "a", "b")

	setup(t, map[string]string{"a": "h1"})
	wantErr(t, importAll([]string{"a", "b", "a"}), "open b: file does not exist")
	eqStrings(t, "notes", names("note"), []string{"import h1"})
	opened(t, "a")

	setup(t, map[string]string{"a": "h1"})
	wantErr(t, importAllOne("a"), "")
	opened(t, "a")
}

func TestProcessTagged(t *testing.T) {
	files := map[string]string{"X-a": "A", "X-b": "BAD", "X-c": "C"}
	setup(t, files)
	wantErr(t, processTagged("x", []string{"a", "c"}), "")
	opened(t, "X-a", "X-c")
	processed(t, "X-a", "X-c")

	setup(t, files)
	wantErr(t, processTagged("x", []string{"a", "b", "c"}), "process X-b: bad data")
	opened(t, "X-a", "X-b")
}

func TestProcessLabelled(t *testing.T) {
	files := map[string]string{"X-a": "A", "X-b": "BAD", "X-c": "C"}
	setup(t, files)
	wantErr(t, processLabelled("x", []string{"a", "c"}), "")
	opened(t, "X-a", "X-c")
	processed(t, "X-a", "X-c")

	setup(t, files)
	wantErr(t, processLabelled("x", []string{"a", "b", "c"}), "process X-b: bad data")
	opened(t, "X-a", "X-b")
}

func TestProcessLabelledBy(t *testing.T) {
	files := map[string]string{"X-a": "A", "X-b": "BAD", "X-c": "C"}
	setup(t, files)
	wantErr(t, processLabelledBy(label, "x", []string{"a", "c"}), "")
	opened(t, "X-a", "X-c")
	processed(t, "X-a", "X-c")

	setup(t, files)
	wantErr(t, processLabelledBy(label, "x", []string{"a", "b", "c"}), "process X-b: bad data")
	opened(t, "X-a", "X-b")
}

func TestJoinHeaders(t *testing.T) {
	files := map[string]string{"a": "h1\nx", "b": "h2", "c": "h3"}
	setup(t, files)
	s, err := joinHeaders([]string{"a", "b", "c"})
	if s != "h1;h2;h3;" || err != nil {
		t.Fatalf("joinHeaders = %q, %v", s, err)
	}
	opened(t, "a", "b", "c")

	setup(t, files)
	s, err = joinHeaders([]string{"a", "zz", "c"})
	if s != "" {
		t.Fatalf("joinHeaders = %q, want \"\"", s)
	}
	wantErr(t, err, "open zz: file does not exist")
	opened(t, "a")
}

func TestStoreLoadAll(t *testing.T) {
	setup(t, map[string]string{"d/a": "h1", "d/b": "h2"})
	s := &Store{dir: "d", headers: map[string]string{}}
	wantErr(t, s.LoadAll([]string{"a", "b"}), "")
	if len(s.headers) != 2 || s.headers["a"] != "h1" || s.headers["b"] != "h2" {
		t.Fatalf("headers = %v", s.headers)
	}
	opened(t, "d/a", "d/b")

	setup(t, map[string]string{"d/a": "h1", "d/c": "h3"})
	s = &Store{dir: "d", headers: map[string]string{}}
	wantErr(t, s.LoadAll([]string{"a", "b", "c"}), "open d/b: file does not exist")
	opened(t, "d/a")
}

// The findings and keeps are never rewritten; their behaviour is pinned too.

func TestProcessLogged(t *testing.T) {
	setup(t, abc)
	wantErr(t, processLogged([]string{"a", "b", "c"}), "")
	eqStrings(t, "notes", names("note"), []string{"finished c", "finished b", "finished a"})
	opened(t, "a", "b", "c")
}

func TestRunAll(t *testing.T) {
	setup(t, abc)
	var wg sync.WaitGroup
	wg.Add(3)
	runAll(&wg, []string{"a", "b", "c"})
	wg.Wait()
	opened(t, "a", "b", "c")
}

func TestProcessAllErr(t *testing.T) {
	setup(t, map[string]string{"a": "A", "b": "BAD", "c": "C"})
	wantErr(t, processAllErr([]string{"a", "b", "c"}), "process b: bad data")
	opened(t, "a", "b")
}

func TestProcessSafely(t *testing.T) {
	setup(t, map[string]string{"a": "A", "b": "BAD", "c": "C"})
	if n := processSafely([]string{"a", "b", "c"}); n != 1 {
		t.Fatalf("processSafely = %d, want 1", n)
	}
	opened(t, "a", "b")
}

func TestProcessFallback(t *testing.T) {
	setup(t, map[string]string{"a": "A", "b.bak": "B"})
	wantErr(t, processFallback([]string{"a", "b"}), "")
	opened(t, "a", "b.bak")
	wantErr(t, processFallback([]string{"c"}), "open c.bak: file does not exist")
}

func TestMergeInto(t *testing.T) {
	setup(t, abc)
	base := &File{name: "base", opens: 1}
	wantErr(t, mergeInto(base, []string{"a", "b"}), "")
	if base.closes != 2 {
		t.Fatalf("base closed %d times, want 2 (once per path)", base.closes)
	}
	opened(t, "a", "b")
}

func TestConcatHeaders(t *testing.T) {
	setup(t, map[string]string{"a": "h1", "b": "h2"})
	s, err := concatHeaders([]string{"a", "b"})
	if s != "h1h2" || err != nil {
		t.Fatalf("concatHeaders = %q, %v; want \"h1h2\", nil", s, err)
	}
	opened(t, "a", "b")
}

func TestSnapshotAll(t *testing.T) {
	shards := newShards("s1", "s2")
	shards[0].hits, shards[1].hits = 2, 3
	if n := snapshotAll(shards); n != 5 {
		t.Fatalf("snapshotAll = %d, want 5", n)
	}
	for i, s := range shards {
		if !s.mu.TryLock() {
			t.Fatalf("shard %d still locked", i)
		}
		s.mu.Unlock()
	}
}

func TestKeep(t *testing.T) {
	setup(t, abc)
	if h, err := headerOf("a"); h != "A" || err != nil {
		t.Fatalf("headerOf = %q, %v", h, err)
	}
	setup(t, map[string]string{"a": "A", "b": "BAD"})
	wantErr(t, processConcurrently([]string{"a", "b", "zz"}), "process b: bad data\nopen zz: file does not exist")
	balanced(t)
}
