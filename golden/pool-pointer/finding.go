package poolpointer

import (
	"strconv"
	"sync"
)

// SharedPool is exported: other packages may Get and Put it with the old type.
var SharedPool = sync.Pool{New: func() any { return make([]byte, 0, 64) }}

// allocfix: finding
func formatShared(v int) string {
	b := SharedPool.Get().([]byte)[:0]
	b = strconv.AppendInt(b, int64(v), 10)
	s := string(b)
	SharedPool.Put(b)
	return s
}

// helperPool is used through helpers: the Put is in another function than the Get.
var helperPool = sync.Pool{New: func() any { return make([]byte, 0, 64) }}

// allocfix: keep
func getBuf() []byte { return helperPool.Get().([]byte)[:0] }

// allocfix: finding
func putBuf(b []byte) { helperPool.Put(b) }

// allocfix: keep
func formatHelper(v int) string {
	b := getBuf()
	b = strconv.AppendInt(b, int64(v), 10)
	s := string(b)
	putBuf(b)
	return s
}

// passedPool is handed to a function: what that function does with it is not followed.
var passedPool = sync.Pool{New: func() any { return make([]byte, 0, 64) }}

// allocfix: finding
func withPool(p *sync.Pool, v int) string {
	b := p.Get().([]byte)[:0]
	b = strconv.AppendInt(b, int64(v), 10)
	s := string(b)
	p.Put(b)
	return s
}

// allocfix: finding
func formatPassed(v int) string {
	b := passedPool.Get().([]byte)[:0]
	b = strconv.AppendInt(b, int64(v), 10)
	s := string(b)
	passedPool.Put(b)
	return s + withPool(&passedPool, v)
}

// okPool is read with a comma-ok assertion: a Get of another type would fall back.
var okPool = sync.Pool{New: func() any { return make([]byte, 0, 64) }}

// allocfix: finding
func formatOK(v int) string {
	b, ok := okPool.Get().([]byte)
	if !ok {
		b = make([]byte, 0, 64)
	}
	b = strconv.AppendInt(b[:0], int64(v), 10)
	s := string(b)
	okPool.Put(b)
	return s
}

// A pool held in a struct field.
type encoder struct {
	pool sync.Pool
}

// allocfix: finding
func (e *encoder) encode(v int) string {
	b, _ := e.pool.Get().([]byte)
	b = strconv.AppendInt(b[:0], int64(v), 10)
	s := string(b)
	e.pool.Put(b)
	return s
}

// loopPool is put in a loop its Get is not in: the same pointer would be put many times.
var loopPool = sync.Pool{New: func() any { return make([]byte, 0, 64) }}

// allocfix: finding
func putInLoop(n int) int {
	b := loopPool.Get().([]byte)[:0]
	for i := 0; i < n; i++ {
		b = append(b, 'x')
		if len(b) > 8 {
			loopPool.Put(b)
			return i
		}
	}
	return n
}
