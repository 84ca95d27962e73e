package poolpointer

import (
	"strconv"
	"sync"
)

// The seed's pool (minimize-heap-allocations §4): New on one line, every Get resliced.
var bufPool = sync.Pool{New: func() any { return make([]byte, 0, 4096) }}

// joinInts writes the numbers separated by commas. The buffer grows past its capacity for
// long inputs; the grown buffer goes back to the pool.
//
// allocfix: rewrite
func joinInts(xs []int) string {
	buf := bufPool.Get().([]byte)[:0]
	for i, x := range xs {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = strconv.AppendInt(buf, int64(x), 10)
	}
	s := string(buf)
	bufPool.Put(buf)
	return s
}

// quoteAll is a second user of bufPool: its Get and Put are rewritten by the fix reported
// in joinInts (one fix per pool), so it is reported without a fix of its own.
//
// allocfix: finding
func quoteAll(words []string) int {
	buf := bufPool.Get().([]byte)[:0]
	for _, w := range words {
		buf = strconv.AppendQuote(buf, w)
	}
	n := len(buf)
	bufPool.Put(buf)
	return n
}

// A pool whose New is written over several lines, of a slice with a length.
var rowPool = sync.Pool{
	New: func() any {
		return make([]int, 0, 64)
	},
}

// sumSquares puts back the row resliced to zero length; the Get does not reslice, so the
// length the pool holds is what it reads.
//
// allocfix: rewrite
func sumSquares(n int) (int, error) {
	row := rowPool.Get().([]int)
	if len(row) != 0 {
		rowPool.Put(row[:0])
		return 0, strconv.ErrRange
	}
	for i := 1; i <= n; i++ {
		row = append(row, i*i)
	}
	total := 0
	for _, v := range row {
		total += v
	}
	rowPool.Put(row[:0])
	return total, nil
}

var seenPool = sync.Pool{New: func() any { return make([]bool, 256) }}

// countDistinct never assigns its slice: the deferred Put puts the pointer as it is.
//
// allocfix: rewrite
func countDistinct(data string) int {
	seen := seenPool.Get().([]bool)
	defer seenPool.Put(seen)
	clear(seen)
	n := 0
	for i := 0; i < len(data); i++ {
		if !seen[data[i]] {
			seen[data[i]] = true
			n++
		}
	}
	return n
}

var scratchPool = sync.Pool{New: func() any { return make([]byte, 0, 64) }}

// upper defers the Put right after a resliced Get: the slice as it was at the defer
// statement is what goes back, as before.
//
// allocfix: rewrite
func upper(s string) string {
	b := scratchPool.Get().([]byte)[:0]
	defer scratchPool.Put(b)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

// Names taken in the function: the pointer gets the next free name.
var namePool = sync.Pool{New: func() any { return make([]byte, 0, 32) }}

// allocfix: rewrite
func withNames(bufp int) string {
	buf := namePool.Get().([]byte)[:0]
	buf = strconv.AppendInt(buf, int64(bufp), 16)
	s := string(buf)
	namePool.Put(buf)
	return s
}
