package shipping

import (
	"testing"

	"example.com/golden/named-id/orders"
)

func TestLabel(t *testing.T) {
	if Label(orders.New(9)) != 9 {
		t.Fatal("label")
	}
}
