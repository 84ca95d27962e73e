// Package event encodes events with buffers made per call.
package event

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"sync"
)

// Event is encoded in a loop.
type Event struct {
	ID   int64
	Name string
	Tags []string
}

// MarshalBinary makes a new buffer on every call.
// allocfix: finding
func (e *Event) MarshalBinary() ([]byte, error) {
	var buf bytes.Buffer
	if err := binary.Write(&buf, binary.LittleEndian, e.ID); err != nil {
		return nil, err
	}
	buf.WriteString(e.Name)
	for _, t := range e.Tags {
		buf.WriteString(t)
	}
	return buf.Bytes(), nil
}

// EncodeAll calls MarshalBinary once per event.
// allocfix: keep
func EncodeAll(events []*Event) ([][]byte, error) {
	var out [][]byte
	for _, e := range events {
		b, err := e.MarshalBinary()
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// header builds a header with new(bytes.Buffer).
// allocfix: finding
func header(id int) string {
	b := new(bytes.Buffer)
	fmt.Fprintf(b, "id=%d;", id)
	return b.String()
}

// label uses a literal buffer.
// allocfix: finding
func label(name string) string {
	b := &bytes.Buffer{}
	b.WriteString("<")
	b.WriteString(name)
	b.WriteString(">")
	return b.String()
}

// frame reads a frame of a size known only at run time.
// allocfix: finding
func frame(r io.Reader, n int) ([]byte, error) {
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, err
	}
	return buf, nil
}

// Headers calls header, label and frame in loops.
// allocfix: keep
func Headers(ids []int, names []string, r io.Reader) (string, error) {
	s := ""
	for _, id := range ids {
		s += header(id)
	}
	for i := 0; i < len(names); i++ {
		s += label(names[i])
		f, err := frame(r, 2)
		if err != nil {
			return "", err
		}
		s += string(f)
	}
	return s, nil
}

// checksum uses a small constant-size scratch array that stays on the stack.
// allocfix: keep
func checksum(s string) byte {
	scratch := make([]byte, 16)
	n := copy(scratch, s)
	var c byte
	for _, b := range scratch[:n] {
		c ^= b
	}
	return c
}

// appendID writes into the caller's buffer.
// allocfix: keep
func appendID(dst []byte, id int64) []byte {
	b := bytes.NewBuffer(dst[:0])
	fmt.Fprintf(b, "%d", id)
	return b.Bytes()
}

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// pooled takes its buffer from a pool.
// allocfix: keep
func pooled(name string) string {
	b := pool.Get().(*bytes.Buffer)
	b.Reset()
	b.WriteString(name)
	s := b.String()
	pool.Put(b)
	return s
}

// newWriter returns the buffer it makes: the caller owns it.
// allocfix: keep
func newWriter(prefix string) *bytes.Buffer {
	b := bytes.NewBuffer(nil)
	b.WriteString(prefix)
	return b
}

// once is called only outside loops.
// allocfix: keep
func once(v string) string {
	var b bytes.Buffer
	b.WriteString(v)
	return b.String()
}

// perItem makes its buffer inside its own loop: per iteration, not per call.
// allocfix: keep
func perItem(names []string) int {
	n := 0
	for _, s := range names {
		var b bytes.Buffer
		b.WriteString(s)
		n += b.Len()
	}
	return n
}

// Sums drives the kept helpers in loops.
// allocfix: keep
func Sums(names []string) (int, string) {
	n := 0
	s := ""
	var dst []byte
	for _, name := range names {
		n += int(checksum(name))
		dst = appendID(dst, int64(n))
		s += pooled(name)
		w := newWriter(name)
		n += w.Len()
		n += perItem(names)
	}
	return n, s + once("end")
}

// count reads through a scratch buffer sized by its caller.
// allocfix: finding
func count(r io.Reader, size int) (int, error) {
	scratch := make([]byte, size)
	total := 0
	for {
		n, err := r.Read(scratch)
		total += n
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// CountAll counts every reader.
// allocfix: keep
func CountAll(rs []io.Reader) (int, error) {
	sum := 0
	for _, r := range rs {
		n, err := count(r, 4)
		if err != nil {
			return sum, err
		}
		sum += n
	}
	return sum, nil
}

const maxName = 61*4 + 1

// name uses a scratch buffer of a constant size the model does not evaluate.
// allocfix: keep
func name(parts []string) string {
	s := make([]byte, 0, maxName)
	for _, p := range parts {
		s = append(s, p...)
	}
	return string(s)
}

// varint uses a scratch buffer sized by an imported constant.
// allocfix: keep
func varint(v int64) int {
	scratch := make([]byte, binary.MaxVarintLen64)
	return binary.PutVarint(scratch, v)
}

// hexOf returns its buffer through a named result.
// allocfix: finding
func hexOf(s []byte) (buf []byte) {
	buf = make([]byte, len(s)*2)
	const digits = "0123456789abcdef"
	for i, c := range s {
		buf[2*i] = digits[c>>4]
		buf[2*i+1] = digits[c&15]
	}
	return
}

// Misc drives name, varint and hexOf in a loop.
// allocfix: keep
func Misc(rows [][]string) (int, string) {
	n := 0
	s := ""
	for _, r := range rows {
		s += name(r)
		n += varint(int64(len(r)))
		s += string(hexOf([]byte(s)))
	}
	return n, s
}
