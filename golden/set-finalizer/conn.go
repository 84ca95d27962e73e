// Package fin holds constructors that register finalizers.
package fin

import (
	"runtime"
	"sync/atomic"
)

var closed atomic.Int64

// allocfix: keep
func release(fd int) { closed.Add(int64(fd)) }

// Conn has no Close: its finalizer is the only cleanup.
type Conn struct{ fd int }

// NewConn leaves cleanup to the GC.
// allocfix: finding
func NewConn(fd int) *Conn {
	c := &Conn{fd: fd}
	runtime.SetFinalizer(c, func(c *Conn) { release(c.fd) })
	return c
}

// Pair is returned second, with an error.
type Pair struct{ a, b int }

// openPair returns the value in its second result.
// allocfix: finding
func openPair(a, b int) (error, *Pair) {
	p := &Pair{a, b}
	runtime.SetFinalizer(p, func(p *Pair) { release(p.a + p.b) })
	return nil, p
}

// File has a Close method: the finalizer is a backstop.
type File struct{ fd int }

// Close releases the file.
// allocfix: keep
func (f *File) Close() error {
	runtime.SetFinalizer(f, nil)
	release(f.fd)
	return nil
}

// OpenFile keeps the finalizer as a backstop for a forgotten Close.
// allocfix: keep
func OpenFile(fd int) *File {
	f := &File{fd: fd}
	runtime.SetFinalizer(f, (*File).Close)
	return f
}

// track registers a finalizer on a value it does not return.
// allocfix: keep
func track(c *Conn) {
	runtime.SetFinalizer(c, func(c *Conn) { release(c.fd) })
}

// Timer has Stop.
type Timer struct{ id int }

// Stop releases the timer.
// allocfix: keep
func (t Timer) Stop() { release(t.id) }

// NewTimer: a value receiver's Stop counts too.
// allocfix: keep
func NewTimer(id int) *Timer {
	t := &Timer{id: id}
	runtime.SetFinalizer(t, func(t *Timer) { t.Stop() })
	return t
}
