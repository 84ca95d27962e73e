// Package zeros holds slices made with a length and then appended to.
package zeros

import "io"

type user struct{ id int64 }

// ids has the leading-zeros bug: out starts with len(users) zeros.
// allocfix: finding
func ids(users []user) []int64 {
	out := make([]int64, len(users))
	for _, u := range users {
		out = append(out, u.id)
	}
	return out
}

// withCap: a length and a capacity, then append: the same bug.
// allocfix: finding
func withCap(n int) []int {
	var out = make([]int, n, 2*n)
	for i := 0; i < n; i++ {
		out = append(out, i)
	}
	return out
}

// reassigned: the plain assignment form, after len is read.
// allocfix: finding
func reassigned(words []string) int {
	var seen []string
	seen = make([]string, len(words))
	if len(seen) > 100 {
		return 0
	}
	seen = append(seen, words...)
	return len(seen)
}

// capacity reserves room without zeros.
// allocfix: keep
func capacity(users []user) []int64 {
	out := make([]int64, 0, len(users))
	for _, u := range users {
		out = append(out, u.id)
	}
	return out
}

// filled by index first, then extended: the zeros are meant.
// allocfix: keep
func filled(users []user, extra int64) []int64 {
	out := make([]int64, len(users))
	for i, u := range users {
		out[i] = u.id
	}
	out = append(out, extra)
	return out
}

// read fills the buffer before anything is appended.
// allocfix: keep
func read(r io.Reader, n int) ([]byte, error) {
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, err
	}
	buf = append(buf, '\n')
	return buf, nil
}

// header: a fixed-size header of zeros, then the payload, on purpose.
// allocfix: keep
func header(payload []byte) []byte {
	out := make([]byte, 4)
	copy(out, "HDR:")
	out = append(out, payload...)
	return out
}

// other appends to another slice.
// allocfix: keep
func other(n int, src []int) []int {
	pad := make([]int, n)
	var out []int
	out = append(out, src...)
	return append(out, pad...)
}

// shadowed: append is a local function here.
// allocfix: keep
func shadowed(n int) []int {
	append := func(s []int, v int) []int { s[0] = v; return s }
	out := make([]int, n)
	out = append(out, 1)
	return out
}
