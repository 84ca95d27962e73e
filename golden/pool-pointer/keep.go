package poolpointer

import (
	"bytes"
	"strconv"
	"sync"
)

// A pool of pointers is already right: Put stores the pointer in the interface word.
var bufferPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// allocfix: keep
func formatBuffer(v int) string {
	b := bufferPool.Get().(*bytes.Buffer)
	b.Reset()
	b.WriteString(strconv.Itoa(v))
	s := b.String()
	bufferPool.Put(b)
	return s
}

// A pool of *[]byte, as the fix writes it.
var ptrPool = sync.Pool{New: func() any { b := make([]byte, 0, 64); return &b }}

// allocfix: keep
func formatPtr(v int) string {
	bp := ptrPool.Get().(*[]byte)
	b := strconv.AppendInt((*bp)[:0], int64(v), 10)
	s := string(b)
	*bp = b
	ptrPool.Put(bp)
	return s
}

// A pool only read from: nothing is ever put, so nothing is boxed.
var onlyGetPool = sync.Pool{New: func() any { return make([]byte, 0, 64) }}

// allocfix: keep
func formatOnce(v int) string {
	b := onlyGetPool.Get().([]byte)
	return string(strconv.AppendInt(b[:0], int64(v), 10))
}
