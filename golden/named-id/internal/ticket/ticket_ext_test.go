package ticket_test

import (
	"testing"

	"example.com/golden/named-id/internal/ticket"
)

func total(ids []*ticket.TicketID) int {
	sum := 0
	for _, id := range ids {
		sum += id.Number()
	}
	return sum
}

func TestOpen(t *testing.T) {
	var id *ticket.TicketID = ticket.Open(5)
	if id.Number() != 5 {
		t.Fatal("number")
	}
	byDesk := map[string]*ticket.TicketID{"a": ticket.Open(1), "b": ticket.Open(2)}
	if byDesk["b"].Number() != 2 {
		t.Fatal("map lookup")
	}
	if got := total([]*ticket.TicketID{ticket.Open(3), id}); got != 8 {
		t.Fatal("total", got)
	}
	zero := &ticket.TicketID{}
	if zero.Number() != 0 {
		t.Fatal("zero")
	}
}

var sink []*ticket.TicketID

func BenchmarkFixed_Open(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = append(sink[:0], ticket.Open(i))
	}
}
