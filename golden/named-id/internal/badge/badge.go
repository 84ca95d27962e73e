// Package badge's external test package compares a `*badge.BadgeID` with nil: after the
// rewrite the zero id would merge with "no id", so the fix is refused for the whole
// package, the external test package's use named.
package badge

// BadgeID wraps an int.
type BadgeID struct{ n int }

// Issue returns a badge id.
//
// allocfix: finding
func Issue(n int) *BadgeID { return &BadgeID{n} }

// Number returns the id's value.
//
// allocfix: keep
func (b *BadgeID) Number() int { return b.n }
