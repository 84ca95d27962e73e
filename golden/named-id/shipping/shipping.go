// Package shipping imports orders and spells orders.OrderID.
package shipping

import "example.com/golden/named-id/orders"

// Label names an order.
//
// allocfix: keep
func Label(id *orders.OrderID) int64 { return id.Int64() }
