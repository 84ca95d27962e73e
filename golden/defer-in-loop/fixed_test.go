//go:build allocfix_fixed

package deferinloop

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// These tests hold only after the fix: each iteration releases what it
// acquired before the next iteration acquires anything.

var releases = map[string]string{"open": "close", "query": "close rows", "get": "close body"}

// releasedBeforeNextAcquire checks that nothing is held when the next file,
// rows or body is acquired, nor at the end.
func releasedBeforeNextAcquire(t *testing.T) {
	t.Helper()
	fsys.mu.Lock()
	defer fsys.mu.Unlock()
	held := map[string]bool{}
	for i, e := range fsys.Events {
		if rel, ok := releases[e.Op]; ok {
			if len(held) != 0 {
				t.Fatalf("event %d (%s %s): still held %v; events %v", i, e.Op, e.Name, held, fsys.Events)
			}
			held[rel+" "+e.Name] = true
			continue
		}
		delete(held, e.Op+" "+e.Name)
	}
	if len(held) != 0 {
		t.Fatalf("still held at the end: %v", held)
	}
}

func TestFixed_ProcessAllOrder(t *testing.T) {
	setup(t, abc)
	wantErr(t, processAll([]string{"a", "b", "c"}), "")
	want := []Event{
		{"open", "a"}, {"process", "a"}, {"close", "a"},
		{"open", "b"}, {"process", "b"}, {"close", "b"},
		{"open", "c"}, {"process", "c"}, {"close", "c"},
	}
	if !reflect.DeepEqual(fsys.Events, want) {
		t.Fatalf("events = %v, want %v", fsys.Events, want)
	}
}

func TestFixed_ProcessUntilStopOrder(t *testing.T) {
	setup(t, map[string]string{"a": "A", "s": "STOP", "c": "C"})
	wantErr(t, processUntilStop([]string{"a", "s", "c"}), "")
	want := []Event{
		{"open", "a"}, {"process", "a"}, {"close", "a"},
		{"open", "s"}, {"close", "s"},
		{"note", "done"},
	}
	if !reflect.DeepEqual(fsys.Events, want) {
		t.Fatalf("events = %v, want %v", fsys.Events, want)
	}
}

func TestFixed_ReleasedBeforeNextAcquire(t *testing.T) {
	files := map[string]string{
		"a": "k", "b": "k", "c": "x",
		"X-a": "A", "X-b": "B",
		"d/a": "0", "d/b": "1",
	}
	cases := map[string]func() error{
		"processAll":       func() error { return processAll([]string{"a", "b", "c"}) },
		"processNonEmpty":  func() error { return processNonEmpty([]string{"a", "b", "c"}) },
		"processUntilStop": func() error { return processUntilStop([]string{"a", "b", "c"}) },
		"findHeader": func() error {
			_, err := findHeader([]string{"a", "b", "c"}, "x")
			return err
		},
		"processUntilEnd": func() error { return processUntilEnd([]string{"a", "b", "c"}) },
		"tally": func() error {
			_, err := tally([]string{"a", "b", "c"}, "k")
			return err
		},
		"sumSizes": func() error {
			_, err := sumSizes([]string{"a", "b", "c"})
			return err
		},
		"processGroups":   func() error { return processGroups([][]string{{"a", "b"}, {"c"}}) },
		"processNumbered": func() error { return processNumbered("d", []string{"a", "b"}) },
		"validateAll":     func() error { return validateAll([]string{"a", "b", "c"}) },
		"importAll":       func() error { return importAll([]string{"a", "b", "c"}) },
		"processTagged":   func() error { return processTagged("x", []string{"a", "b"}) },
		"joinHeaders": func() error {
			_, err := joinHeaders([]string{"a", "b", "c"})
			return err
		},
		"LoadAll": func() error {
			return (&Store{dir: "d", headers: map[string]string{}}).LoadAll([]string{"a", "b"})
		},
		"exportTables": func() error {
			var w strings.Builder
			return exportTables(newDB(), []string{"t1", "t2"}, &w)
		},
		"checkAll": func() error { return checkAll(newClient(), []string{"u1", "u3"}) },
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			setup(t, files)
			wantErr(t, f(), "")
			releasedBeforeNextAcquire(t)
		})
	}
}

func TestFixed_PingAllCancelsEachContext(t *testing.T) {
	setup(t, nil)
	c := &Client{}
	wantErr(t, pingAll(context.Background(), c, []string{"u1", "u2", "u3"}), "")
	for _, p := range c.Pings {
		if !p.PrevDone {
			t.Fatalf("ping %s: an earlier context was still live", p.URL)
		}
	}
}

func TestFixed_BumpAllUnlocksEachShard(t *testing.T) {
	shards := newShards("s1", "s2", "s3")
	for i, s := range shards {
		s.onTouch = func(*Shard) {
			for _, prev := range shards[:i] {
				if !prev.mu.TryLock() {
					t.Errorf("touching %s: %s still locked", shards[i].name, prev.name)
					continue
				}
				prev.mu.Unlock()
			}
		}
	}
	bumpAll(shards)
}
