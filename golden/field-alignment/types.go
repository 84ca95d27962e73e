// Package fieldalignment holds the golden cases of the field-alignment transform.
package fieldalignment

import (
	"bytes"
	"sync"
	"time"
)

// record wastes 8 bytes per value: 32 bytes, 24 once reordered (unsafe fix).
type record struct {
	valid bool // set once parsed
	// id is the key.
	id    int64 `db:"id"`
	kind  byte
	score float64
}

// grouped keeps its a, b group together: 24 bytes, 16 once reordered.
type grouped struct {
	a, b bool
	n    int64
	c    int32
}

// session mixes pointers, a mutex and a time: 80 bytes, 72 once reordered.
type session struct {
	open    bool
	mu      sync.Mutex
	started time.Time
	retries int16
	user    *string
	tags    []string
}

// compact is already in the best order: nothing to report.
type compact struct {
	n int64
	s string
	a bool
	b bool
}

// unknownSize has a field whose size allocfix does not know: left alone.
type unknownSize struct {
	a   bool
	buf bytes.Buffer
	b   bool
}

// pair is generic: left alone.
type pair[K comparable, V any] struct {
	ok  bool
	key K
	val V
}

// newRecords allocates n records.
//
// allocfix: keep
func newRecords(n int) []record {
	out := make([]record, n)
	for i := range out {
		out[i] = record{id: int64(i), valid: true, kind: 'r', score: float64(i) / 2}
	}
	return out
}

// newGroups allocates n grouped values.
//
// allocfix: keep
func newGroups(n int) []grouped {
	out := make([]grouped, n)
	for i := range out {
		out[i] = grouped{a: true, n: int64(i), c: int32(i)}
	}
	return out
}

// newSessions allocates n sessions.
//
// allocfix: keep
func newSessions(n int) []*session {
	out := make([]*session, n)
	for i := range out {
		out[i] = &session{open: true, retries: int16(i)}
	}
	return out
}

// use keeps the other types used.
//
// allocfix: keep
func use() (compact, unknownSize, pair[string, int]) {
	return compact{n: 1}, unknownSize{a: true}, pair[string, int]{ok: true}
}

// settings has padding (24 bytes, 16 once reordered), but its only value is the
// package-level variable below: a reorder would save 8 bytes once, not per value.
//
// allocfix: keep
type settings struct {
	verbose bool
	limit   int64
	quiet   bool
}

// current is the one settings value.
//
// allocfix: keep
var current settings
