// Package pin returns slices of buffers.
package pin

import (
	"bytes"
	"io"
	"os"
)

// magic returns the first bytes of a whole file.
// allocfix: finding
func magic(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return data[:4], nil
}

// field returns a window into everything read.
// allocfix: finding
func field(r io.Reader, from, to int) ([]byte, error) {
	all, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return all[from:to], nil
}

// record reads into a buffer sized at run time and returns what follows the header.
// allocfix: finding
func record(r io.Reader, size, header int) ([]byte, error) {
	buf := make([]byte, size)
	n, err := io.ReadFull(r, buf)
	if err != nil {
		return nil, err
	}
	return buf[header:n], nil
}

// big returns the start of a 4 KiB buffer.
// allocfix: finding
func big(r io.Reader) ([]byte, error) {
	buf := make([]byte, 4096)
	n, err := r.Read(buf)
	return buf[:n], err
}

// joined returns the tail of a local buffer's bytes.
// allocfix: finding
func joined(parts []string, skip int) []byte {
	var b bytes.Buffer
	for _, p := range parts {
		b.WriteString(p)
	}
	out := b.Bytes()
	return out[skip:]
}

// cloned copies what it returns.
// allocfix: keep
func cloned(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return bytes.Clone(data[:4]), nil
}

// asString converts: the string is a copy.
// allocfix: keep
func asString(r io.Reader) (string, error) {
	all, err := io.ReadAll(r)
	return string(all[:1]), err
}

// trimmed returns all but a constant number of bytes.
// allocfix: keep
func trimmed(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil || len(data) < 3 {
		return data, err
	}
	if data[len(data)-1] == '\n' {
		return data[:len(data)-1], nil
	}
	return data[2:], nil
}

// whole returns the whole buffer.
// allocfix: keep
func whole(r io.Reader) ([]byte, error) {
	all, err := io.ReadAll(r)
	return all[:], err
}

// small returns part of a small constant-size buffer.
// allocfix: keep
func small(r io.Reader) ([]byte, error) {
	buf := make([]byte, 64)
	n, err := r.Read(buf)
	return buf[:n], err
}

// param slices the caller's buffer.
// allocfix: keep
func param(buf []byte, n int) []byte {
	return buf[:n]
}

// regrown reassigns its buffer.
// allocfix: keep
func regrown(r io.Reader, n int) ([]byte, error) {
	buf := make([]byte, n)
	k, err := r.Read(buf)
	if k == 0 {
		buf = nil
	}
	return buf[:k], err
}
