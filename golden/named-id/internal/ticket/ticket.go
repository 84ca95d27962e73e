// Package ticket's external test package spells ticket.TicketID: rewriting the type would
// have to change that package too, so it is refused with a finding naming it.
package ticket

// TicketID wraps an int.
type TicketID struct{ n int }

// Open returns a ticket id.
//
// allocfix: finding
func Open(n int) *TicketID { return &TicketID{n} }

// Number returns the id's value.
//
// allocfix: keep
func (t *TicketID) Number() int { return t.n }
