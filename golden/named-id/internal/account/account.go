// Package account is internal: only this module can import it, and nothing does, so its
// exported wrapper is rewritten as a safe fix.
package account

import "strconv"

// AccountID wraps an int64.
type AccountID struct{ n int64 }

// New returns an id.
//
// allocfix: rewrite
func New(n int64) *AccountID { return &AccountID{n: n} }

// Int64 returns the id's value.
//
// allocfix: keep
func (a *AccountID) Int64() int64 { return a.n }

// Describe formats an id.
//
// allocfix: keep
func Describe(n int64) string { return "account " + strconv.FormatInt(New(n).Int64(), 10) }
