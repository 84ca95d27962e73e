package byteconversions

import (
	"bufio"
	"compress/gzip"
	"hash"
	"io"
)

// mask flips the case bit of every letter of b.
//
// allocfix: keep
func mask(b []byte) {
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
}

// writeMasked writes an upper-cased copy of s.
//
// allocfix: keep — the converted slice is kept and modified before Write.
func writeMasked(w *bufio.Writer, s string) error {
	b := []byte(s)
	mask(b)
	_, err := w.Write(b)
	return err
}

// Level is a named string type.
type Level string

// writeLevel writes a Level.
//
// allocfix: keep — l is a Level, not a string: WriteString(l) would not
// compile.
func writeLevel(w *bufio.Writer, l Level) {
	w.Write([]byte(l))
}

// writeBytes writes a copy of b.
//
// allocfix: keep — []byte(b) of a []byte is a copy, not a string conversion.
func writeBytes(w *bufio.Writer, b []byte) {
	w.Write([]byte(b))
}

// writeHash hashes s.
//
// allocfix: keep — a hash.Hash has no WriteString: io.WriteString would make
// the conversion escape.
func writeHash(h hash.Hash, s string) []byte {
	h.Write([]byte(s))
	return h.Sum(nil)
}

// writeGzip compresses s.
//
// allocfix: keep — *gzip.Writer has no WriteString.
func writeGzip(zw *gzip.Writer, s string) error {
	_, err := zw.Write([]byte(s))
	return err
}

// writeShadowed writes s to a writer held in a local named io.
//
// allocfix: finding — a dynamic writer, but the local named io shadows the
// package: io.WriteString cannot be written here, so no fix.
func writeShadowed(out io.Writer, s string) {
	io := out
	io.Write([]byte(s))
}

// clock is a type of the package whose WriteString has another signature.
type clock struct{ ticks int }

// allocfix: keep
func (c *clock) Write(p []byte) (int, error) {
	c.ticks += len(p)
	return len(p), nil
}

// allocfix: keep
func (c *clock) WriteString(s string) {
	c.ticks += len(s)
}

// tick writes s to a clock.
//
// allocfix: keep — clock.WriteString returns nothing.
func tick(c *clock, s string) {
	c.Write([]byte(s))
}
