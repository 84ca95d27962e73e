package ticket_test

import (
	"testing"

	"example.com/golden/named-id/internal/ticket"
)

func TestOpen(t *testing.T) {
	var id *ticket.TicketID = ticket.Open(5)
	if id.Number() != 5 {
		t.Fatal("number")
	}
}
