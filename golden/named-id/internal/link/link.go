// Package link holds a wrapper whose field has the type's name (`URL{URL: raw}`), stored
// in a struct field also named `URL` (a key of another literal, not a use of the type),
// next to net/url's `*url.URL` (another package's type of the same name). Neither is a
// use of the wrapper the rewrite must refuse.
package link

import "net/url"

// URL wraps a raw address.
type URL struct{ URL string }

// entry keeps a link and its parsed form.
type entry struct {
	URL    *URL
	parsed *url.URL
}

// New returns a link.
//
// allocfix: rewrite
func New(raw string) *URL { return &URL{URL: raw} }

// String returns the raw address.
//
// allocfix: keep
func (u *URL) String() string { return u.URL }

// Value returns the raw address: one result, so not database/sql/driver's `Valuer`
// (whose `Value` has two) that a `*URL` could be used as.
//
// allocfix: keep
func (u *URL) Value() string { return u.URL }

// newEntry parses a raw address.
//
// allocfix: keep
func newEntry(raw string) entry {
	parsed, _ := url.Parse(raw)
	return entry{URL: New(raw), parsed: parsed}
}

// Host returns the parsed host.
//
// allocfix: keep
func (e entry) Host() string { return e.parsed.Host }
