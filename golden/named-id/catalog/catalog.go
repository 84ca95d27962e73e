// Package catalog exports a wrapper nothing in the module imports; code outside the module
// may, so the rewrite is an API change: an unsafe fix.
package catalog

// SKU wraps a string.
type SKU struct{ s string }

// NewSKU returns a SKU.
//
// allocfix: unsafe
func NewSKU(s string) *SKU { return &SKU{s} }

// String returns the code.
//
// allocfix: keep
func (k *SKU) String() string { return k.s }
