// Package ticket's external test package spells ticket.TicketID: the rewrite edits that
// package's files in the same fix (`*ticket.TicketID` becomes `ticket.TicketID`,
// `&ticket.TicketID{}` becomes `ticket.TicketID(0)`).
package ticket

// TicketID wraps an int.
type TicketID struct{ n int }

// Open returns a ticket id.
//
// allocfix: rewrite
func Open(n int) *TicketID { return &TicketID{n} }

// Number returns the id's value.
//
// allocfix: keep
func (t *TicketID) Number() int { return t.n }
