// Package orders exports a wrapper that another package of the module spells: the
// rewrite would have to change that package too, so it is refused with a finding naming it.
package orders

// OrderID wraps an int64.
type OrderID struct{ n int64 }

// New returns an id.
//
// allocfix: finding
func New(n int64) *OrderID { return &OrderID{n: n} }

// Int64 returns the id's value.
//
// allocfix: keep
func (o *OrderID) Int64() int64 { return o.n }
